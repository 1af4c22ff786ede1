"""The retrieval chain, composed with LCEL so the CLI, UI and eval run one object.

input  {"question": str, "history": [str] (earlier user turns), "backend": optional override,
        "street"/"year"/"doc_id": optional filters}
output ``Answer``
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from langchain_core.documents import Document
from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from assistant.answer import Answer
from assistant.answerers.doc_meta import answer_publication_date, asks_publication_date
from assistant.answerers.extractive import answer_extractive
from assistant.answerers.llm import format_passages, to_answer
from assistant.chat_models import build_chat_model
from assistant.followup import rewrite
from assistant.parts import street_parts, year_parts
from assistant.verify import check_numbers
from core import gazetteer
from core.errors import InvalidQuestion, WorkplanError
from core.settings import Settings
from core.textnorm import normalize_question
from core.types import Filters
from core.understand import understand
from prompts import answer_prompt, rewrite_prompt
from vectorstore.hybrid import HybridRetriever, Retrieval
from vectorstore.index import Index

log = logging.getLogger(__name__)

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
    """Owns the index, the retriever and (lazily) the chat model; builds the chain once."""

    def __init__(self, settings: Settings, index: Index | None = None) -> None:
        self.settings = settings
        self.index = index or Index(settings)
        self.retriever = HybridRetriever(
            index=self.index, k=settings.k, candidates=settings.candidates, rrf_k=settings.rrf_k
        )
        self._chat: BaseChatModel | None = None
        self._chat_lock = threading.Lock()
        self.prepare: Runnable[dict[str, Any], dict[str, Any]] = (
            RunnablePassthrough.assign(rewritten=RunnableLambda(self._rewrite))
            | RunnablePassthrough.assign(retrievals=RunnableLambda(self._retrieve))
        )
        self.chain: Runnable[dict[str, Any], Answer] = (
            self.prepare | RunnableLambda(self._answer) | RunnableLambda(finalize)
        )

    # -- pieces -------------------------------------------------------------
    def chat_model(self) -> BaseChatModel:
        with self._chat_lock:
            if self._chat is None:
                self._chat = build_chat_model(self.settings)
            return self._chat

    def _backend(self, inp: dict[str, Any]) -> str:
        return str(inp.get("backend") or self.settings.backend)

    def _rewrite(self, inp: dict[str, Any]) -> str:
        q = validate_question(inp["question"], self.settings.max_question_chars)
        # Follow-ups are resolved on the normalised text, so "23年呢" after "２０２３年…" works.
        q = normalize_question(q)
        history = [normalize_question(h) for h in inp.get("history") or []]
        ruled = rewrite(q, history, self.index.known_streets())
        if history and self._backend(inp) == "llm":
            return self._llm_rewrite(q, history, ruled)
        return ruled

    def _llm_rewrite(self, question: str, history: list[str], fallback: str) -> str:
        """LLM rewrite, kept only if it invents no street or year the dialogue never named."""
        try:
            chain = rewrite_prompt() | self.chat_model() | StrOutputParser()
            out = chain.invoke({"history": "\n".join(history[-3:]), "question": question}).strip()
        except Exception as exc:  # noqa: BLE001 - a failed rewrite must not lose the question
            log.warning("LLM rewrite failed: %s", exc)
            return fallback
        out = out.splitlines()[0].strip() if out else ""
        streets = self.index.known_streets()

        def anchors(text: str) -> set[str]:
            return set(gazetteer.find_streets(text, streets)) | set(re.findall(r"(?:19|20)\d{2}", text))

        said = anchors(question + "".join(history))
        # Invented a street/year, or dropped one the rule-based rewrite resolved: keep the rules' version.
        if not out or len(out) > 3 * len(fallback) + 40 or not anchors(out) <= said or not anchors(fallback) <= anchors(out):
            return fallback
        return out

    def _retrieve(self, inp: dict[str, Any]) -> list[Retrieval]:
        filters = Filters(street=inp.get("street"), year=inp.get("year"), doc_id=inp.get("doc_id"))
        known = self.index.known_streets()
        query = understand(inp["rewritten"], known)  # the one parse every later stage reads
        # Cross-document questions: answer each street / year from its own passages.
        streets = [s for s in query.streets if s in known]
        if not filters.street and len(streets) >= 2:
            return [self.retriever.retrieve(understand(q, known), Filters(street=s, year=filters.year, doc_id=filters.doc_id))
                    for q, s in zip(street_parts(query.question, streets), streets, strict=True)]
        topic_years = [y for y in query.years if y not in query.report_years]
        if not filters.year and len(topic_years) >= 2 and query.per_year:
            return [self.retriever.retrieve(understand(q, known), filters)
                    for q in year_parts(query.question, topic_years)]
        return [self.retriever.retrieve(query, filters)]

    def _extractive(self, inp: dict[str, Any]) -> Answer:
        parts: list[Retrieval] = inp["retrievals"]
        streets, years = self.index.known_streets(), self.index.known_years()
        if len(parts) == 1 and asks_publication_date(parts[0].facts.question):
            documents = {str(d["doc_id"]): d for d in self.index.documents()}
            dated = answer_publication_date(inp["question"], parts[0].facts.question, parts[0], documents)
            if dated is not None:
                return dated
        answers = [answer_extractive(inp["question"], r.facts.question, r, streets, years) for r in parts]
        return merge(answers) if len(answers) > 1 else answers[0]

    def _answer(self, inp: dict[str, Any]) -> Answer:
        if self._backend(inp) != "llm":
            return self._extractive(inp)
        return self.complete_llm(inp, "".join(self._llm_tokens(inp)))

    # -- LLM path -----------------------------------------------------------
    def _llm_docs(self, inp: dict[str, Any]) -> list[Document]:
        seen: dict[str, Document] = {}
        for r in inp["retrievals"]:
            for d in r.docs[: self.settings.k]:
                seen.setdefault(str(d.id), d)
        return list(seen.values())

    def _coverage_refusal(self, inp: dict[str, Any]) -> Answer | None:
        """A street or year the index lacks is refused before any model call."""
        if all(r.street_covered and r.year_covered and r.docs for r in inp["retrievals"]):
            return None
        return self._extractive(inp)

    def _llm_tokens(self, inp: dict[str, Any]) -> Iterator[str]:
        if self._coverage_refusal(inp) is not None:
            return
        messages = answer_prompt().invoke(
            {"passages": format_passages(self._llm_docs(inp)), "question": inp["rewritten"]}
        )
        try:
            for chunk in self.chat_model().stream(messages):
                if chunk.content:
                    yield str(chunk.content)
        except WorkplanError:
            raise
        except Exception as exc:  # noqa: BLE001 - network/model errors become a note, not a crash
            inp["llm_error"] = str(exc)

    def complete_llm(self, inp: dict[str, Any], raw: str) -> Answer:
        """Raw model text → checked Answer; the extractive answer replaces it (with a note)
        when the model is down, cites nothing, or states a number no cited passage holds."""
        refusal = self._coverage_refusal(inp)
        if refusal is not None:
            refusal.backend = "llm"
            return refusal
        docs = self._llm_docs(inp)
        contexts = [c for r in inp["retrievals"] for c in self._extractive_contexts(r)]
        if inp.get("llm_error") or not raw.strip():
            return self._fallback(inp, f"大模型服务不可用（{inp.get('llm_error') or '无输出'}），已改用摘录式回答")
        answer = to_answer(inp["question"], inp["rewritten"], raw, docs, contexts)
        bad = check_numbers(answer)
        if bad:
            return self._fallback(inp, f"大模型回答中的数字 {'、'.join(bad)} 未在引用段落中找到，已改用摘录式回答", raw)
        if not answer.refused and not answer.citations:
            return self._fallback(inp, "大模型回答没有标注引用，已改用摘录式回答", raw)
        return answer

    @staticmethod
    def _extractive_contexts(r: Retrieval) -> list[dict[str, Any]]:
        return [{"rank": d.metadata.get("rank"), "chunk_id": d.id, "source": d.metadata.get("source"),
                 "score": d.metadata.get("score"), "text": d.page_content} for d in r.docs]

    def _fallback(self, inp: dict[str, Any], note: str, raw: str = "") -> Answer:
        answer = self._extractive(inp)
        answer.backend = "llm→extractive"
        answer.notes.append(note)
        if raw:
            log.info("rejected LLM answer: %s", raw)
        return answer

    # -- entry points -------------------------------------------------------
    def _input(self, question: str, history: list[str] | None, backend: str | None, filters: dict[str, Any]) -> dict[str, Any]:
        return {"question": question, "history": history or [], "backend": backend, **filters}

    def ask(self, question: str, history: list[str] | None = None, backend: str | None = None, **filters: Any) -> Answer:
        start = time.perf_counter()
        answer = self.chain.invoke(self._input(question, history, backend, filters))
        answer.latency_ms = round((time.perf_counter() - start) * 1000, 1)
        return answer

    def stream(self, question: str, history: list[str] | None = None, backend: str | None = None,
               **filters: Any) -> Iterator[str | Answer]:
        """Yield the answer text as it is generated, then the checked ``Answer``.

        The final Answer is what counts: the LLM text may be replaced by the
        extractive answer if it fails the citation or number checks.
        """
        start = time.perf_counter()
        inp = self.prepare.invoke(self._input(question, history, backend, filters))
        if self._backend(inp) == "llm":
            pieces: list[str] = []
            for piece in self._llm_tokens(inp):
                pieces.append(piece)
                yield piece
            answer = finalize(self.complete_llm(inp, "".join(pieces)))
        else:
            answer = finalize(self._extractive(inp))
        answer.latency_ms = round((time.perf_counter() - start) * 1000, 1)
        yield answer


def merge(answers: list[Answer]) -> Answer:
    """One answer from per-street / per-year parts, renumbering citations."""
    out = Answer(question=answers[0].question, rewritten_question=answers[0].question, answer="", refused=True)
    lines: list[str] = []
    for part in answers:
        offset = len(out.citations)
        text = re.sub(r"\[(\d+)\]", lambda m, off=offset: f"[{int(m.group(1)) + off}]", part.answer)
        for c in part.citations:
            c.n += offset
            out.citations.append(c)
        lines.append(text)
        if part.refused:
            out.declined.extend(text.split("\n"))
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
