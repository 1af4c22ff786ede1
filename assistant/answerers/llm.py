"""The LLM answerer's pure parts: how passages are shown to the model, and how
its free text becomes a checked ``Answer``.

Why fenced and post-checked: documents may contain text that reads like
instructions, and a model may cite a passage it was never given or state a
number no passage holds. The model only ever sees passages inside a
``<passages>`` block with their own markup neutralised, and its output is
turned into citations we can verify (see ``assistant.verify``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer import Answer, Citation
from assistant.numbers import extract_numbers, normalize
from core.types import Passage
from ingest.chunking import split_sentences

REFUSAL_MARK = "现有文件中未找到"
_CITE = re.compile(r"\[(\d{1,3})\]")
_TAGLIKE = re.compile(r"</?\s*passages?\b[^>]*>", re.IGNORECASE)


def neutralise(text: str) -> str:
    """Passage text that cannot close the fence or forge a citation marker."""
    text = _TAGLIKE.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text)
    return _CITE.sub(lambda m: f"［{m.group(1)}］", text)


def format_passages(passages: Sequence[Passage]) -> str:
    blocks = []
    for n, p in enumerate(passages, start=1):
        head = " | ".join(str(v) for v in (p.title, p.street or p.district, f"{p.year}年" if p.year else "", p.section)
                          if v)
        blocks.append(f"<passage n=\"{n}\">\n来源：{neutralise(head)}\n{neutralise(p.text)}\n</passage>")
    return "\n".join(blocks)


def clean_citations(text: str, n_passages: int) -> tuple[str, list[int], list[int]]:
    """Drop markers that point to no given passage; return (text, used, removed)."""
    used: list[int] = []
    removed: list[int] = []

    def keep(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if 1 <= n <= n_passages:
            if n not in used:
                used.append(n)
            return m.group(0)
        removed.append(n)
        return ""

    return _CITE.sub(keep, text).strip(), used, removed


def supporting_sentence(passage: str, claim: str) -> str:
    """The sentence of ``passage`` that best supports ``claim``: shared numbers
    first, then shared characters — the quote a reader checks."""
    nums = {normalize(n) for n in extract_numbers(claim)}
    best, best_score = passage.strip(), -1.0
    for s, e in split_sentences(passage):
        sent = passage[s:e].strip()
        if not sent:
            continue
        shared_nums = len(nums & {normalize(n) for n in extract_numbers(sent)})
        shared_chars = len(set(sent) & set(claim)) / (len(set(claim)) or 1)
        score = shared_nums * 2 + shared_chars
        if score > best_score:
            best, best_score = sent, score
    return best


def _claims_by_citation(text: str) -> dict[int, str]:
    """For each cited number, the sentence(s) of the answer that cite it."""
    out: dict[int, str] = {}
    for sentence in re.split(r"(?<=[。！？\n])", text):
        for m in _CITE.finditer(sentence):
            out[int(m.group(1))] = out.get(int(m.group(1)), "") + sentence
    return out


def to_answer(question: str, rewritten: str, raw: str, docs: Sequence[Passage],
              contexts: list[dict[str, object]], backend: str = "llm") -> Answer:
    """Turn model output into an Answer with renumbered, verified citations."""
    text, used, removed = clean_citations(raw.strip(), len(docs))
    refused = text.startswith(REFUSAL_MARK) or (REFUSAL_MARK in text and not used)
    answer = Answer(question=question, rewritten_question=rewritten, answer=text, refused=refused,
                    contexts=contexts, backend=backend)
    if removed:
        answer.notes.append(f"已删除指向不存在段落的引用：{'、'.join(f'[{n}]' for n in removed)}")
    if refused:
        answer.answer = _CITE.sub("", text).strip()
        return answer
    # Renumber so citations read [1], [2], … in order of first use.
    mapping = {old: new for new, old in enumerate(used, start=1)}
    answer.answer = _CITE.sub(lambda m: f"[{mapping[int(m.group(1))]}]", text)
    claims = _claims_by_citation(text)
    for old in used:
        p = docs[old - 1]
        answer.citations.append(Citation(
            n=mapping[old], source=p.source, title=p.title, street=p.street, year=p.year or None, section=p.section,
            chunk_id=p.chunk_id, quote=supporting_sentence(p.text, claims.get(old, text)),
        ))
    if not answer.citations:
        answer.notes.append("回答没有标注任何引用")
    return answer
