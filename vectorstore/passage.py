"""What text stands for a chunk in search: the passage under a short context header.

Why a header: most questions name a street and a year, most passages do not;
prefixing where the passage comes from lifted dense hit@1 from 0.44 to 0.80.
Why short: the bundled e5 model's cost grows with tokens, and the first header
(district | street | full title | year | section path) added ~50 % tokens, much
of it repeated; this one keeps place, document type, year and section only.
"""

from __future__ import annotations

from typing import Any

from ingest.chunking import SENTENCE_ENDERS

HEADER_FORMAT = "h2"  # recorded in the collection metadata; a change asks for a rebuild


def context_header(meta: dict[str, Any]) -> str:
    place = meta.get("street") or meta.get("district") or ""
    head = f"{place}{meta.get('doc_type') or ''}".strip()
    section = str(meta.get("section") or "")
    year = meta.get("year") or 0
    label = ""
    if year:
        kind = meta.get("kind")
        label = f"{year}年" + ("工作回顾" if kind == "review" else "工作计划" if kind == "plan" else "")
        if section.startswith(f"{year}年"):
            label = ""  # the section heading already says it
    return " | ".join(p for p in (head, label, section) if p)


def embed_text(meta: dict[str, Any], text: str, with_header: bool) -> str:
    """What is embedded and BM25-indexed for a chunk."""
    if not with_header:
        return text
    return context_header(meta) + "\n" + text


SENTENCE_ENDS = SENTENCE_ENDERS + "\n"  # the chunker's sentence ends, and a line break
MAX_LEAD_CHARS = 300


def sentence_lead(previous: str) -> str:
    """The start of a sentence that ``previous`` (the chunk before) leaves unfinished.

    Why: a sentence longer than a chunk is cut mid-way ("先后荣获上海市平安示范社区、
    …" | "上海市生活垃圾分类示范街镇等荣誉称号。"); the second chunk alone reads as a
    fragment and the answer would quote half a list. Empty when ``previous`` ends
    a sentence; at most MAX_LEAD_CHARS, cut at a clause boundary."""
    if not previous or previous[-1] in SENTENCE_ENDS:
        return ""
    cut = max(previous.rfind(ch) for ch in SENTENCE_ENDS) + 1
    lead = previous[cut:]
    if len(lead) > MAX_LEAD_CHARS:
        tail = lead[-MAX_LEAD_CHARS:]
        commas = [tail.find(ch) for ch in "，,、" if ch in tail]
        lead = tail[min(commas) + 1:] if commas else tail
    return lead
