"""Answerers by name, and the route from a prepared question to the one that answers.

A new backend is one factory added to ``FACTORIES``: the CLI's ``--backend``
choices, the settings check and the assistant read their names from here.
Intent routes wrap the chosen backend: a question about a document itself
(its publication date) is answered from metadata whichever backend is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel

from assistant.answerers.base import Answerer
from assistant.answerers.doc_meta import PublicationDateAnswerer
from assistant.answerers.extractive import ExtractiveAnswerer
from assistant.answerers.llm_answerer import LlmAnswerer
from assistant.answerers.outline import OutlineAnswerer
from assistant.answerers.table import TableAnswerer
from core.errors import WorkplanError
from core.types import Passage, SectionHead
from vectorstore.outline import section_neighbour


@dataclass
class Deps:
    """What answerers may read: the index's facts and a lazily built chat model."""

    known_streets: Callable[[], list[str]]
    known_years: Callable[[], list[int]]
    documents: Callable[[], dict[str, dict[str, object]]]
    sections: Callable[[str], list[SectionHead]]
    chunks: Callable[[str], list[dict[str, Any]]]
    passages: Callable[[list[str]], list[Passage]]
    chat_model: Callable[[], BaseChatModel]
    k: int


def next_passage(deps: Deps) -> Callable[[Passage], Passage | None]:
    """The chunk after a passage's in its section, as a passage (a list may run on into it)."""
    def read(p: Passage) -> Passage | None:
        row = section_neighbour(deps.chunks(p.doc_id), p.chunk_id)
        found = deps.passages([str(row["chunk_id"])]) if row else []
        return found[0] if found else None
    return read


def _extractive(deps: Deps) -> ExtractiveAnswerer:
    return ExtractiveAnswerer(deps.known_streets, deps.known_years, next_passage(deps))


def _llm(deps: Deps) -> LlmAnswerer:
    return LlmAnswerer(deps.chat_model, _extractive(deps), deps.known_streets, deps.k)


FACTORIES: dict[str, Callable[[Deps], Answerer]] = {"extractive": _extractive, "llm": _llm}


def names() -> list[str]:
    return list(FACTORIES)


def build(name: str, deps: Deps) -> Answerer:
    """The named backend, wrapped in the intent routes: a document's date, its outline,
    and a table over every place are answered from the index's structure whatever the
    backend; every other question goes to the backend."""
    factory = FACTORIES.get(name)
    if factory is None:
        raise WorkplanError(f"未知的回答方式：{name}（可选：{'、'.join(FACTORIES)}）", detail=name)
    backend = factory(deps)
    routed: Answerer = TableAnswerer(deps.known_streets, backend)
    routed = OutlineAnswerer(deps.sections, deps.chunks, deps.passages, routed)
    return PublicationDateAnswerer(deps.documents, routed)


def backend_of(answerer: Answerer) -> Answerer:
    """The backend inside the intent routes (tests and tools that need the model's answerer)."""
    while hasattr(answerer, "backend"):
        answerer = answerer.backend
    return answerer
