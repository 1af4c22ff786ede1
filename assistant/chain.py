"""The retrieval chain, composed with LCEL so the CLI, UI and eval run one object.

input  {"question": str, "history": [str] (earlier user turns), "street"/"year"/"doc_id": optional filters}
output ``Answer``
"""

from __future__ import annotations

import re
import time
from functools import lru_cache
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from assistant.answer import Answer
from assistant.answerers.extractive import answer_extractive
from assistant.followup import rewrite
from assistant.verify import check_numbers
from core.errors import InvalidQuestion
from core.settings import Settings
from vectorstore.hybrid import Filters, HybridRetriever, Retrieval
from vectorstore.index import Index

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_question(question: str, max_chars: int) -> str:
    q = (question or "").strip()
    if not q:
        raise InvalidQuestion("问题是空的，请输入要查询的内容")
    if len(q) > max_chars:
        raise InvalidQuestion(f"问题过长（{len(q)} 字），请控制在 {max_chars} 字以内")
    if _CONTROL.search(q):
        raise InvalidQuestion("问题中含有无法识别的控制字符，请重新输入")
    return q


class Assistant:
    """Owns the index and the retriever; builds the chain once."""

    def __init__(self, settings: Settings, index: Index | None = None) -> None:
        self.settings = settings
        self.index = index or Index(settings)
        self.retriever = HybridRetriever(
            index=self.index, k=settings.k, candidates=settings.candidates, rrf_k=settings.rrf_k
        )
        self.chain = self._build()

    def _build(self) -> Runnable[dict[str, Any], Answer]:
        def do_rewrite(inp: dict[str, Any]) -> str:
            q = validate_question(inp["question"], self.settings.max_question_chars)
            return rewrite(q, list(inp.get("history") or []), self.index.known_streets())

        def do_retrieve(inp: dict[str, Any]) -> list[Retrieval]:
            filters = Filters(street=inp.get("street"), year=inp.get("year"), doc_id=inp.get("doc_id"))
            first = self.retriever.retrieve(inp["rewritten"], filters)
            facts = first.facts
            # Cross-document questions: answer each street / year from its own passages.
            if not filters.street and len([s for s in facts.streets if s in self.index.known_streets()]) >= 2:
                return [self.retriever.retrieve(inp["rewritten"], Filters(street=s, year=filters.year)) for s in facts.streets]
            if not filters.year and len(facts.years) >= 2:
                parts = []
                for y in facts.years:
                    q = inp["rewritten"]
                    for other in facts.years:
                        if other != y:
                            q = re.sub(rf"{other}\s*年?[和与及、,，]?", "", q)
                    parts.append(self.retriever.retrieve(q, filters))
                return parts
            return [first]

        def do_answer(inp: dict[str, Any]) -> Answer:
            parts: list[Retrieval] = inp["retrievals"]
            streets, years = self.index.known_streets(), self.index.known_years()
            answers = [answer_extractive(inp["question"], r.facts.question, r, streets, years) for r in parts]
            return merge(answers) if len(answers) > 1 else answers[0]

        return (
            RunnablePassthrough.assign(rewritten=RunnableLambda(do_rewrite))
            | RunnablePassthrough.assign(retrievals=RunnableLambda(do_retrieve))
            | RunnableLambda(do_answer)
            | RunnableLambda(finalize)
        )

    def ask(self, question: str, history: list[str] | None = None, **filters: Any) -> Answer:
        start = time.perf_counter()
        answer = self.chain.invoke({"question": question, "history": history or [], **filters})
        answer.latency_ms = round((time.perf_counter() - start) * 1000, 1)
        return answer


def merge(answers: list[Answer]) -> Answer:
    """One answer from per-street / per-year parts, renumbering citations."""
    out = Answer(question=answers[0].question, rewritten_question=answers[0].question, answer="", refused=True)
    lines: list[str] = []
    for part in answers:
        offset = len(out.citations)
        text = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", part.answer)
        for c in part.citations:
            c.n += offset
            out.citations.append(c)
        lines.append(text)
        out.contexts.extend(part.contexts)
        out.refused = out.refused and part.refused
    out.answer = "\n".join(lines)
    return out


def finalize(answer: Answer) -> Answer:
    bad = check_numbers(answer)
    if bad:  # cannot happen for verbatim quotes; guards every future backend
        answer.notes.append(f"以下数字未在引用段落中找到，已拒答：{'、'.join(bad)}")
        answer.refused = True
        answer.answer = "现有文件中未找到可核实的答案。"
        answer.citations = []
    return answer


@lru_cache(maxsize=4)
def _cached(settings_json: str) -> Assistant:
    return Assistant(Settings.model_validate_json(settings_json))


def get_assistant(settings: Settings) -> Assistant:
    """One Assistant per settings per process (the index is opened once)."""
    return _cached(settings.model_dump_json())
