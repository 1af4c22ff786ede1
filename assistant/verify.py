"""Guarantee checked after any backend answers: every number in the answer
appears in a cited passage."""

from __future__ import annotations

from assistant.answer import Answer
from assistant.numbers import unsupported_numbers


def check_numbers(answer: Answer) -> list[str]:
    """Numbers in a non-refused answer that are not in any cited passage."""
    if answer.refused:
        return []
    quotes = [c.quote for c in answer.citations]
    cited_ids = {c.chunk_id for c in answer.citations}
    # What the answer may also say: where each passage comes from (title, section, year).
    facts = [f"{c.title} {c.section} {c.year or ''} {c.published}" for c in answer.citations]
    passages = quotes + facts + [c["text"] for c in answer.contexts if c["chunk_id"] in cited_ids]
    claims = "\n".join(line for line in answer.answer.split("\n") if line not in answer.declined)
    return unsupported_numbers(claims, passages)
