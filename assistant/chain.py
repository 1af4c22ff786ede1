"""The route of a question, one road for every face:

validate → normalise → resolve a follow-up (rules, or the answerer's own
rewrite) → understand once → retrieve (one part per street or year asked) →
the answerer streams → the final guarantee (every number in a cited passage).

``prepare`` is an LCEL composition (rewrite, then retrieve) so it can be reused
as a Runnable; ``ask`` drains ``stream``, so the page, the CLI, batch files and
the eval all take the same path.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from assistant.answer import Answer
from assistant.answerers import registry
from assistant.answerers.base import Answerer, Asked, last_answer
from assistant.chat_models import build_chat_model
from assistant.followup import rewrite, scope_of
from assistant.homophones import Homophones, read_as
from assistant.parts import (
    MAX_QUESTIONS,
    asked_apart,
    list_then_figure,
    place_parts,
    report_parts,
    stages_compared,
    street_parts,
    topic_parts,
    trend_parts,
    year_parts,
)
from assistant.tidy import tidy
from assistant.verify import check_numbers
from core.errors import InvalidQuestion
from core.gazetteer import correct_street_typos
from core.lexicon import ASKS, PASTE_CHARS, YEAR_TREND
from core.settings import Settings
from core.textnorm import half_years, normalize_question
from core.types import Filters, Passage, Query
from core.understand import superlative_of, understand
from vectorstore.hybrid import FusionWeights, HybridRetriever, Retrieval
from vectorstore.index import Index
from vectorstore.tokenize import words

MAX_TOPICS = 6  # measures answered from one question listing several
TABLE_STREETS = 3  # streets named in one question from which the answer is a table
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_question(question: str, max_chars: int) -> str:
    q = (question or "").strip()
    if not q:
        raise InvalidQuestion("问题是空的，请输入要查询的内容")
    if len(q) > max_chars:
        raise InvalidQuestion(f"问题过长（{len(q)} 字），请控制在 {max_chars} 字以内")
    if _CONTROL.search(q):
        raise InvalidQuestion("问题中含有无法识别的控制字符，请重新输入")
    return asked_part(q)


def asked_part(text: str) -> str:
    """A pasted passage is a question only where it asks one: its last sentences that ask
    (the passage before them is not searched as a topic); a passage that asks nothing is
    refused with a hint, never echoed back as "未找到…这段原文…的内容"."""
    if len(text) <= PASTE_CHARS:
        return text
    sentences = [s for s in re.split(r"(?<=[。！？?!；;\n])", text) if s.strip()]
    asking = [i for i, s in enumerate(sentences) if ASKS.search(s)]
    if not asking:
        raise InvalidQuestion("这段文字像是粘贴的原文，没有提出问题。请写明想问什么，例如：“这段话里提到的培训完成了多少人？”")
    question = "".join(sentences[asking[-1]:]).strip()
    if len(question) > PASTE_CHARS:  # one long sentence that asks: keep its asking clause
        clauses = [c for c in re.split(r"(?<=[，,])", question) if c.strip()]
        question = "".join(clauses[max(i for i, c in enumerate(clauses) if ASKS.search(c)):]).strip()
    # The street and year said before the question still frame it ("长寿路街道2023年…。完工多少台？").
    before = text[: len(text) - len(question)]
    if not scope_of(question, [], doc=False):
        question = scope_of(before, [], doc=False) + question
    return question


class Assistant:
    """Owns the retriever and the answerers (built once per backend name) over one index."""

    def __init__(self, settings: Settings, index: Index | None = None) -> None:
        self.settings = settings
        self.index = index or Index(settings)
        self.retriever = HybridRetriever(
            index=self.index, k=settings.k, candidates=settings.candidates,
            weights=FusionWeights(rrf_k=settings.rrf_k),
        )
        self._chat: BaseChatModel | None = None
        self._lock = threading.RLock()
        self._answerers: dict[str, Answerer] = {}
        self._deps = registry.Deps(
            known_streets=self.index.known_streets, known_years=self.index.known_years,
            documents=lambda: {str(d["doc_id"]): d for d in self.index.documents()},
            sections=self.index.sections, chunks=self.index.document_chunks,
            passages=lambda ids: [Passage.from_row({**row, "chunk_id": cid}) for cid, row in self.index.chunks(ids).items()],
            chat_model=self.chat_model, k=min(settings.k, settings.llm_passages),
        )
        self.answerer(settings.backend)  # an unknown backend is reported at start, not at the first question
        self._homophones: tuple[int, Homophones] | None = None
        self._prepare: Runnable[dict[str, Any], dict[str, Any]] = (
            RunnablePassthrough.assign(slips=RunnableLambda(lambda inp: self._slips(inp["question"])))
            | RunnablePassthrough.assign(
                heard=RunnableLambda(lambda inp: read_as(inp["question"], inp["slips"])),
                heard_history=RunnableLambda(lambda inp: [self._heard(h) for h in inp.get("history") or []]))
            | RunnablePassthrough.assign(rewritten=RunnableLambda(self._rewrite))
            | RunnablePassthrough.assign(pieces=RunnableLambda(self._pieces))
            | RunnablePassthrough.assign(retrievals=RunnableLambda(self._retrieve))
        )

    # -- parts ------------------------------------------------------------------
    def chat_model(self) -> BaseChatModel:
        with self._lock:
            if self._chat is None:
                self._chat = build_chat_model(self.settings)
            return self._chat

    def answerer(self, name: str | None = None) -> Answerer:
        name = name or self.settings.backend
        with self._lock:
            if name not in self._answerers:
                self._answerers[name] = registry.build(name, self._deps)
            return self._answerers[name]

    def _slips(self, text: object) -> list[tuple[str, str]]:
        """(typed, meant) for each word of ``text`` typed by sound with a wrong character ("财正收入"),
        read as the index's word it sounds like (see ``homophones``); none for anything but text,
        which is left for validation."""
        return self._sounds().corrected(text) if isinstance(text, str) and text.strip() else []

    def _heard(self, text: object) -> object:
        """``text`` with its slips (``_slips``) read as meant."""
        return read_as(text, self._slips(text)) if isinstance(text, str) else text

    def _sounds(self) -> Homophones:
        """The index's words by their sound, read again only when the index has changed."""
        generation = self.index.catalog().generation
        with self._lock:
            if self._homophones is None or self._homophones[0] != generation:
                self._homophones = (generation, Homophones(self.index.vocabulary()))
            return self._homophones[1]

    def _rewrite(self, inp: dict[str, Any]) -> str:
        q = validate_question(inp["heard"], self.settings.max_question_chars)
        # Follow-ups are resolved on the normalised text, so "23年呢" after "２０２３年…" works.
        # a street typed with one wrong character is read as the indexed one, and the answer's
        # "按…理解" line shows it ("长受路" → 长寿路)
        q = correct_street_typos(normalize_question(q), self.index.known_streets())
        history = [normalize_question(h) for h in inp["heard_history"]]
        ruled = self._follow_up(q, history, inp["filters"], self.index.known_streets())
        return self.answerer(inp.get("backend")).rewrite(q, history, ruled) if history else ruled

    @staticmethod
    def _follow_up(q: str, history: list[str], filters: Filters, known: list[str]) -> str:
        """``q`` resolved against the questions before it; a street or document chosen as a
        filter beats the remembered street, a chosen year or document the remembered year."""
        return rewrite(q, history, known, inherit_street=not (filters.street or filters.doc_id),
                       inherit_year=not (filters.year or filters.doc_id))

    def _typed_follow_up(self, inp: dict[str, Any], known: list[str]) -> str:
        """The follow-up's rewrite as typed: "那就业这块呢 岗位 培训 就业人数各多少" after "金杨20年…"
        is "金杨2020年就业这块呢 岗位 培训 就业人数各多少", its measures still set apart — where the
        rewrite with the spaces kept says the same as the one read (else the one read)."""
        spaced = self._follow_up(normalize_question(inp["heard"], keep_spaces=True),
                                 [normalize_question(h, keep_spaces=True) for h in inp["heard_history"]],
                                 inp["filters"], known)
        return spaced if normalize_question(spaced) == inp["rewritten"] else inp["rewritten"]

    def _retrieve(self, inp: dict[str, Any]) -> list[Retrieval]:
        filters: Filters = inp["filters"]
        known = self.index.known_streets()
        # "…文化围墙 健身苑点 妇女之家各多少": each measure is its own question (read as typed: the
        # spaces between the measures are gone once it is normalised), each then split as any other
        typed = self._typed_follow_up(inp, known) if inp.get("history") else asked_part(inp["heard"].strip())
        pieces = inp["pieces"][:MAX_QUESTIONS]
        if not pieces:
            return self._retrieve_typed(typed, inp["rewritten"], filters, known)
        # "…实际完成多少？1999年的增长预期…又是多少？": each question on its own, a later one read
        # as a follow-up of those before it (the place, year or report it leaves unsaid)
        out: list[Retrieval] = []
        said: list[str] = []
        for n, piece in enumerate(pieces):
            ruled = self._follow_up(normalize_question(piece), said, filters, known)
            if said and not scope_of(ruled, known):  # "…？城镇和农民收入各增长多少": of the report asked before
                ruled = scope_of(said[-1], known) + ruled
            # typed as written unless the rewrite added to it (the spaces between measures count)
            for r in self._retrieve_typed(piece if ruled == normalize_question(piece) else ruled, ruled, filters, known):
                r.facts.piece = n
                out.append(r)
            said.append(ruled)
        return out

    def _pieces(self, inp: dict[str, Any]) -> list[str]:
        """The questions a message types one after another (each answered on its own, the first
        ``MAX_QUESTIONS`` of them; the rest are named as unanswered), or [] for one question — a
        follow-up, or "…哪些帮困项目？一共发了多少钱" (a list, then its figure), is one."""
        if inp.get("history"):
            return []
        typed = asked_part(inp["heard"].strip())
        known = self.index.known_streets()
        return [] if list_then_figure(typed, known) else asked_apart(typed, known)

    def _retrieve_typed(self, typed: str, rewritten: str, filters: Filters, known: list[str]) -> list[Retrieval]:
        """One question's retrievals: ``typed`` as the user wrote it (measures listed apart by
        spaces are read there), ``rewritten`` normalised and resolved against what came before."""
        # an outline asks for a part's structure, never several figures: its words are one topic
        # ("金杨21年任务里 激发社区自治多元活力 分几块 每块大概说啥")
        typed = half_years(typed)
        outline = self._understand(normalize_question(typed), known).intent == "outline"
        staged = [] if outline else stages_compared(typed, known)
        if staged:
            # "12年实际完成的GDP增速 CPI 跟13年定的目标对比一下": each stage its own question (which
            # may list several measures), its answers labelled with the stage
            out = []
            for stage, q in staged:
                for r in self._retrieve_typed(q, normalize_question(q), filters, known):
                    r.facts.stage_label = stage
                    out.append(r)
            return out
        listed = [] if outline else topic_parts(typed, known)[:MAX_TOPICS]
        if listed:
            out: list[Retrieval] = []
            for label, q in listed:
                rivals = tuple(other for other, _ in listed if label in other and label != other)
                shared = tuple(w for w in words(label) if all(w in other for other, _ in listed))
                for r in self._retrieve_parts(normalize_question(q), filters, known):
                    r.facts.part_label, r.facts.rival_labels, r.facts.shared_label_words = label, rivals, shared
                    # "农民收入" and "农民收入涨": one measure asked twice is no other measure beside it
                    r.facts.sibling_labels = tuple(other for other, _ in listed
                                                   if not (other.startswith(label) or label.startswith(other)))
                    out.append(r)
            return out
        mixed = list_then_figure(typed, known)
        if mixed:
            # "…搞了哪些帮困项目？一共发了多少钱": the items, from the list's own clause, then the
            # figure — asked by the whole question, unless that reads as the list alone
            figure = rewritten if self._understand(rewritten, known).wants_number else mixed[1]
            return [self.retriever.retrieve(self._understand(normalize_question(mixed[0]), known), filters),
                    *self._retrieve_parts(normalize_question(figure), filters, known)]
        return self._retrieve_parts(rewritten, filters, known)

    def _understand(self, question: str, known: list[str]) -> Query:
        """``understand`` with the index's titles, so a document can be named by its title."""
        return understand(question, known, self.index.catalog().doc_titles)

    def _retrieve_parts(self, question: str, filters: Filters, known: list[str]) -> list[Retrieval]:
        query = self._understand(question, known)  # the one parse every later stage reads
        # Cross-document questions: answer each street / year from its own passages.
        streets = [s for s in query.streets if s in known]
        if not filters.street and len(streets) >= 2:
            parts = []
            for q, s in zip(street_parts(query.question, streets), streets, strict=True):
                part = self._understand(q, known)
                part.streets = part.streets or [s]  # "…成功率长寿多少": a short name the part no longer frames
                if len(streets) >= TABLE_STREETS:  # three streets and more read best as a table, a row each
                    part.every_place, part.superlative = True, superlative_of(query.question)
                parts.append(self.retriever.retrieve(part, Filters(street=s, year=filters.year, doc_id=filters.doc_id)))
            return parts
        if query.every_place and not filters.street and len(known) >= 2:
            parts = []  # "哪个街道…最多": each street's own figure, compared by the table answerer
            for q, s in zip(place_parts(query.question, known), known, strict=True):
                part = self._understand(q, known)
                part.every_place, part.superlative = True, query.superlative
                parts.append(self.retriever.retrieve(part, Filters(street=s, year=filters.year, doc_id=filters.doc_id)))
            return parts
        reports = self._reports() if query.every_report and not (filters.year or filters.doc_id) else []
        if len(reports) >= 2:
            parts = []  # "几份报告里说的粮食产量": each report's own figure, a row each in time order
            for q, (year, doc_id) in zip(report_parts(query.question, [y for y, _ in reports]), reports, strict=True):
                part = self._understand(q, known)
                part.every_place, part.row_label = True, f"{year}年报告"
                part.superlative = superlative_of(query.question)  # "…哪年最多": ranked over the reports' years
                parts.append(self.retriever.retrieve(part, Filters(doc_id=doc_id)))
            return parts
        topic_years = [y for y in query.years if y not in query.report_years or y in query.report_and_topic]
        if YEAR_TREND.search(query.question) and not topic_years and not filters.year and len(streets) == 1:
            # "五角场近几年…有什么变化": one part per year the street's documents cover
            covered = sorted({y for d in self.index.documents() if d.get("street") == streets[0]
                              for y in d.get("years") or []})
            if len(covered) >= 2:
                return [self.retriever.retrieve(self._understand(q, known), filters)
                        for q in trend_parts(query.question, covered)]
        # "99年和2013年报告财政赤字分别多少": one part per year, or per report named by its year
        each_year = topic_years if len(topic_years) >= 2 else query.report_years if not topic_years else []
        if len(each_year) < 2 and "报告" not in query.question and len(query.years) >= 2:
            each_year = query.years  # "16年实际做的和17年计划比": a year's plan, not a report named by its year
        # an outline or a list is read from one report's structure, whatever years its headings name
        # ("80年报告…保证80、81年计划…哪几条"); years asked as topics are still one part each
        one_report = query.intent in ("outline", "list") and len(topic_years) < 2
        if not filters.year and len(each_year) >= 2 and query.per_year and not one_report:
            return [self.retriever.retrieve(self._understand(q, known), filters)
                    for q in year_parts(query.question, each_year)]
        return [self.retriever.retrieve(query, filters)]

    def _reports(self) -> list[tuple[int, str]]:
        """(year, doc_id) of each report of no street — the year its title names — in time order:
        the documents "几份报告里" means. A street's documents are asked by the street, and a
        district's plan that is no 报告 is not one of them."""
        out = []
        for d in self.index.documents():
            title = str(d.get("title") or "")
            named = re.search(r"(?:19|20)\d{2}", title)
            year = int(named.group()) if named else min(d.get("years") or [0])
            if not d.get("street") and year and re.search("报告|報告", title):
                out.append((year, str(d["doc_id"])))
        return sorted(out)

    # -- entry points -------------------------------------------------------------
    def prepare(self, question: str, history: list[str] | None = None, backend: str | None = None,
                street: str | None = None, year: int | None = None, doc_id: str | None = None) -> Asked:
        """The question understood and retrieved, ready for an answerer."""
        backend = backend or self.settings.backend
        filters = Filters(street=street, year=year, doc_id=doc_id)
        out = self._prepare.invoke({"question": question, "history": history or [], "backend": backend,
                                    "filters": filters})
        return Asked(question=question, rewritten=out["rewritten"], retrievals=out["retrievals"], filters=filters,
                     history=list(history or []), backend=backend, unanswered=out["pieces"][MAX_QUESTIONS:],
                     heard_as=out["slips"])

    def stream(self, question: str, history: list[str] | None = None, backend: str | None = None,
               **filters: Any) -> Iterator[str | Answer]:
        """Yield the answer text as it is written, then the checked ``Answer``.

        The final Answer is what counts: a model's text may be replaced by the
        extractive answer if it fails the citation or number checks."""
        start = time.perf_counter()
        asked = self.prepare(question, history, backend, **filters)
        for piece in self.answerer(asked.backend).stream(asked):
            if isinstance(piece, Answer):
                piece = finalize(piece)
                scope = self.filter_label(asked.filters)
                if piece.refused and scope and "已按筛选条件" not in piece.answer:
                    # a refusal under a filter says so: the documents may hold it outside the filter
                    piece.answer = f"已按筛选条件「{scope}」查找。" + piece.answer
                if asked.heard_as:  # "财正收入": the word read instead is said, so a wrong guess is seen
                    piece.notes.append("按读音理解：" + "，".join(f"“{typed}”为“{meant}”" for typed, meant in asked.heard_as))
                if asked.unanswered:  # "…？…？…？…？…？": the fifth is not dropped in silence
                    piece.notes.append(f"一条消息最多逐个回答{MAX_QUESTIONS}个问题，以下问题未回答，请另行提问："
                                       + "；".join(asked.unanswered))
                piece.latency_ms = round((time.perf_counter() - start) * 1000, 1)
            yield piece

    def filter_label(self, filters: Filters) -> str:
        """The active filters as staff read them ("五角场街道、2016年"), "" when none."""
        doc = next((d for d in self.index.documents() if d["doc_id"] == filters.doc_id), None) if filters.doc_id else None
        bits = [filters.street or "", f"{filters.year}年" if filters.year else "",
                f"《{str(doc.get('title') or '')[:24]}》" if doc else ""]
        return "、".join(b for b in bits if b)

    def ask(self, question: str, history: list[str] | None = None, backend: str | None = None, **filters: Any) -> Answer:
        return last_answer(self.stream(question, history, backend, **filters))

    def as_runnable(self) -> Runnable[dict[str, Any], Answer]:
        """The assistant as an LCEL Runnable: {"question", "history"?, "backend"?, filters…} → Answer."""
        return RunnableLambda(lambda inp: self.ask(**inp))


def finalize(answer: Answer) -> Answer:
    answer = tidy(answer)
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
