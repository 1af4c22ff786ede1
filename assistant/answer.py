"""The answer contract shared by every backend, the CLI, the UI and the eval."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from core.textnorm import for_matching


@dataclass
class Citation:
    n: int
    source: str
    title: str
    street: str
    year: int | None
    section: str
    chunk_id: str
    quote: str
    published: str = ""  # the document's publication date, when the answer states it


@dataclass
class Answer:
    question: str
    rewritten_question: str
    answer: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    contexts: list[dict[str, Any]] = field(default_factory=list)
    backend: str = "extractive"
    latency_ms: float = 0.0
    notes: list[str] = field(default_factory=list)
    # Lines of a partly answered cross-document question that say what the documents
    # lack (with the years they do cover): statements about the index, not quotes.
    declined: list[str] = field(default_factory=list)
    # What shape the answer has: "fact" (a figure or sentences), "list", "outline" (a document's
    # headings), "table" (one row per place) or "refusal"; tables also give their rows
    # [{place, year, value, unit, citation}] for tools that read the JSON.
    kind: str = "fact"
    rows: list[dict[str, Any]] = field(default_factory=list)
    # For a model's answer: which guardrails ran, which failed, what was changed (assistant/guardrails.py).
    checks: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def reworded(self) -> bool:
        """Was the question understood as something the user did not type — a follow-up made
        whole, a misspelled street read right — rather than only re-punctuated or re-spaced
        ("，" read as ","), which is no news to the user?"""
        return bool(self.rewritten_question) and _said(self.rewritten_question) != _said(self.question)


def _said(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", for_matching(text))


def merge_answers(answers: list[Answer]) -> Answer:
    """One answer from per-street / per-year parts, renumbering citations."""
    if len(answers) == 1:
        return answers[0]
    out = Answer(question=answers[0].question, rewritten_question=answers[0].question, answer="", refused=True,
                 backend=answers[0].backend)
    lines: list[str] = []
    said: set[str] = set()
    for part in answers:
        if not part.refused and part.answer in said:
            continue  # two parts answered by the same passage ("几个主要数字 新落地企业 区税"): once
        said.add(part.answer)
        offset = len(out.citations)
        text = re.sub(r"\[(\d+)\]", lambda m, off=offset: f"[{int(m.group(1)) + off}]", part.answer)
        for c in part.citations:
            c.n += offset
            out.citations.append(c)
        lines.append(text)
        if part.refused:
            out.declined.extend(text.split("\n"))
        out.contexts.extend(part.contexts)
        out.notes.extend(part.notes)
        out.refused = out.refused and part.refused
    out.answer = "\n".join(lines)
    out.kind = "refusal" if out.refused else answers[0].kind if len({a.kind for a in answers}) == 1 else "fact"
    return out
