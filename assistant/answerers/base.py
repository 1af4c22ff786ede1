"""The seam every answerer plugs into.

Why a protocol: the route of a question used to branch on ``backend == "llm"`` in
three places, and each answerer had its own signature, so a third backend (a
reranker, another model) meant edits in five or six files. An answerer now gets
the prepared question (``Asked``: typed, retrieved, split into parts) and yields
its answer — text pieces first when it writes as it goes, the checked ``Answer``
last. ``Assistant.ask`` drains the same stream the page shows: one path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from assistant.answer import Answer
from core.types import Filters
from vectorstore.hybrid import Retrieval


@dataclass
class Asked:
    """A question ready to be answered: as typed, as understood (follow-up resolved,
    normalised), the scope chosen, and one retrieval per part (street or year)."""

    question: str
    rewritten: str
    retrievals: list[Retrieval]
    filters: Filters = field(default_factory=Filters)
    history: list[str] = field(default_factory=list)
    backend: str = "extractive"
    unanswered: list[str] = field(default_factory=list)  # questions typed past the most one message is answered for
    heard_as: list[tuple[str, str]] = field(default_factory=list)  # (typed, meant): words typed by sound, read as the index's


class Answerer(Protocol):
    name: str

    def rewrite(self, question: str, history: list[str], ruled: str) -> str:
        """The follow-up as a full question; ``ruled`` is the rule-based rewrite."""
        ...

    def stream(self, asked: Asked) -> Iterator[str | Answer]:
        """Text pieces as they are written (possibly none), then the ``Answer``."""
        ...


def last_answer(pieces: Iterator[str | Answer]) -> Answer:
    """Drain a stream to its final ``Answer``."""
    answer: Answer | None = None
    for piece in pieces:
        if isinstance(piece, Answer):
            answer = piece
    if answer is None:
        raise RuntimeError("answerer produced no Answer")
    return answer
