"""The answer contract shared by every backend, the CLI, the UI and the eval."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
