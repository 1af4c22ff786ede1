"""The LLM answerer and its safety policy, in one place.

Policy, decided once per question:
- a street or year the index does not cover is refused before any model call
  (the extractive refusal, which names what the index does cover);
- the model's text streams to the user, then goes through the guardrails
  (assistant/guardrails.py): content, refusal, re-citation, numbers, citations,
  agreement with the asked year, place and stage — kept, corrected, or replaced
  by the extractive answer with a note saying why;
- a model that is down or silent also falls back, with a note.
The extractive answer is computed at most once per question, and the model
error stays inside this object instead of travelling in a shared dict.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser

from assistant.answer import Answer
from assistant.answerers.base import Asked
from assistant.answerers.extractive import ExtractiveAnswerer, searchable
from assistant.answerers.llm import format_passages, to_answer
from assistant.guardrails import guard
from core import gazetteer
from core.errors import WorkplanError
from core.lexicon import OUTLINE_INTENT
from core.types import Passage, Query
from prompts import answer_prompt, rewrite_prompt

log = logging.getLogger(__name__)


class LlmAnswerer:
    name = "llm"

    def __init__(self, chat_model: Callable[[], BaseChatModel], extractive: ExtractiveAnswerer,
                 known_streets: Callable[[], list[str]], k: int) -> None:
        self._chat = chat_model
        self.extractive = extractive
        self._streets = known_streets
        self._k = k

    # -- follow-ups ---------------------------------------------------------------
    def rewrite(self, question: str, history: list[str], ruled: str) -> str:
        """LLM rewrite, kept only if it invents no street or year the dialogue never named
        and drops none the rule-based rewrite resolved."""
        if not history:
            return ruled
        try:
            chain = rewrite_prompt() | self._chat() | StrOutputParser()
            out = chain.invoke({"history": "\n".join(history[-3:]), "question": question}).strip()
        except Exception as exc:  # noqa: BLE001 - a failed rewrite must not lose the question
            log.warning("LLM rewrite failed: %s", exc)
            return ruled
        out = out.splitlines()[0].strip() if out else ""
        streets = self._streets()

        def anchors(text: str) -> set[str]:
            return set(gazetteer.find_streets(text, streets)) | set(re.findall(r"(?:19|20)\d{2}", text))

        if OUTLINE_INTENT.search(ruled) and not OUTLINE_INTENT.search(out):
            return ruled  # "第二条里…那几点" resolved into a part of the outline: the structure answerers need that form
        said = anchors(question + "".join(history))
        if not out or len(out) > 3 * len(ruled) + 40 or not anchors(out) <= said or not anchors(ruled) <= anchors(out):
            return ruled
        return out

    # -- answering ----------------------------------------------------------------
    def passages(self, asked: Asked) -> list[Passage]:
        """The passages the model sees, numbered in this order: each part's top k, once."""
        seen: dict[str, Passage] = {}
        for r in asked.retrievals:
            for p in r.passages[: self._k]:
                seen.setdefault(p.chunk_id, p)
        return list(seen.values())

    @staticmethod
    def covered(asked: Asked) -> bool:
        return all(searchable(r) for r in asked.retrievals)

    def stream(self, asked: Asked) -> Iterator[str | Answer]:
        if not self.covered(asked):
            refusal = self.extractive.answer(asked)
            refusal.backend = self.name
            yield refusal
            return
        messages = answer_prompt().invoke({"passages": format_passages(self.passages(asked)),
                                           "question": asked.rewritten})
        pieces: list[str] = []
        error = ""
        finished = False
        try:
            for chunk in self._chat().stream(messages):
                finished = finished or bool(chunk.response_metadata.get("finish_reason"))
                if chunk.content:
                    pieces.append(str(chunk.content))
                    yield pieces[-1]
        except WorkplanError:
            raise
        except Exception as exc:  # noqa: BLE001 - network/model errors become a note, not a crash
            error = str(exc) or type(exc).__name__
        if not error and not finished:
            error = "回答中途中断"  # the stream ended without the model saying it had finished
        yield self.complete(asked, "".join(pieces), error)

    def complete(self, asked: Asked, raw: str, error: str = "") -> Answer:
        """Raw model text → the guarded Answer: kept, corrected (re-cited), or replaced by the
        extractive answer with a note saying why (assistant/guardrails.py)."""
        extractive = _once(lambda: self.extractive.answer(asked))
        if error or not raw.strip():
            out = self._fallback(asked, f"大模型服务不可用（{error or '无输出'}），已改用摘录式回答", extractive)
            out.checks = {"ran": ["model"], "failed": ["model"], "changed": ["replaced by the extractive answer"]}
            return out
        contexts = [p.context() for r in asked.retrievals for p in r.passages]
        shown = self.passages(asked)
        answer = to_answer(asked.question, asked.rewritten, raw, shown, contexts)
        answer.backend = self.name
        log.info("model answer: %s", raw)
        return guard(answer, _asked_query(asked), shown, extractive, parts=[r.facts for r in asked.retrievals])

    def _fallback(self, asked: Asked, note: str, extractive: Callable[[], Answer]) -> Answer:
        answer = extractive()
        answer.backend = f"{self.name}→{self.extractive.name}"
        answer.notes.append(note)
        return answer


def _once(make: Callable[[], Answer]) -> Callable[[], Answer]:
    """The extractive answer is computed at most once per question, whoever asks for it."""
    box: list[Answer] = []

    def get() -> Answer:
        if not box:
            box.append(make())
        return box[0]

    return get


def _asked_query(asked: Asked) -> Query:
    """The question as one ``Query``: a part's own, or for a cross-document question the
    streets and years of all its parts (any of them may be cited)."""
    if len(asked.retrievals) == 1:
        return asked.retrievals[0].facts
    parts = [r.facts for r in asked.retrievals]
    whole = replace(parts[0])
    whole.streets = sorted({s for q in parts for s in q.streets})
    whole.years = sorted({y for q in parts for y in q.years})
    whole.stage = parts[0].stage if all(q.stage == parts[0].stage for q in parts) else None
    return whole
