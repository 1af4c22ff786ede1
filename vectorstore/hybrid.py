"""Hybrid retrieval: dense (Chroma) + BM25 fused by reciprocal rank, then made
question-aware — the street and year named in the question filter or boost.

Exposed as a LangChain ``BaseRetriever`` so the chain, the CLI and the eval
use the same object. ``retrieve`` returns more than documents: the parsed
question and whether the street/year asked is covered at all, so the answerer
can refuse instead of quoting another street's or year's figure.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from core import gazetteer
from core.textnorm import fold_width, spell_out_years
from core.types import Filters, Passage, Query
from core.understand import understand
from vectorstore.index import Index
from vectorstore.passage import sentence_lead
from vectorstore.tokenize import words

Mode = Literal["hybrid", "dense", "bm25"]

@dataclass(frozen=True)
class FusionWeights:
    """How dense ranks, BM25 ranks and the question's year / review-vs-plan combine.

    A value, not constants, so ``benchmarks/fusion_sweep.py`` can sweep it on the
    *tune* split (never on *check*); the defaults are that sweep's choice."""

    dense: float = 0.3  # dense ranks count less than BM25 ranks: exact terms and numbers matter most here
    year_section: float = 0.012  # chunk's section is about the asked year
    year_text: float = 0.006  # the year is written in the passage
    year_mismatch: float = -0.010  # section is about another year and the text never names the asked one
    kind: float = 0.006  # review vs plan matches the question
    rrf_k: int = 60


@dataclass
class Retrieval:
    facts: Query
    passages: list[Passage]
    street_covered: bool = True
    year_covered: bool = True
    unknown_streets: list[str] = field(default_factory=list)
    years_available: list[int] = field(default_factory=list)  # section years of the street/district asked, for a refusal
    filters: Filters = field(default_factory=Filters)  # the scope the user chose (a refusal names it)
    timings: dict[str, float] = field(default_factory=dict)


class HybridRetriever(BaseRetriever):
    """Dense + BM25 + metadata-aware fusion over one ``Index``."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Index
    k: int = 5
    candidates: int = 40
    mode: Mode = "hybrid"
    weights: FusionWeights = FusionWeights()

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [_document(p) for p in self.retrieve(query).passages]

    def retrieve(self, query: str | Query, filters: Filters | None = None, k: int | None = None) -> Retrieval:
        """Passages for an understood query (a raw string is understood here, for callers
        such as the eval's retrieval table that have no ``Query`` yet)."""
        filters = filters or Filters()
        k = k or self.k
        t0 = time.perf_counter()
        cat = self.index.catalog()
        known = cat.street_names
        facts = query if isinstance(query, Query) else understand(query, known, cat.doc_titles)
        t_parse = time.perf_counter()

        streets = [filters.street] if filters.street else [s for s in facts.streets if s in known]
        unknown = [] if filters.street else [s for s in facts.streets if s not in known]
        years = [filters.year] if filters.year else facts.years
        boost_years = years
        n = len(cat.ids)
        allowed = np.ones(n, dtype=bool)
        if streets:
            dists = {gazetteer.district_of(s) for s in streets} - {""}
            allowed = cat.streets.isin(streets) | (cat.streets.eq("") & cat.districts.isin(list(dists)))
        elif facts.districts:
            in_d = cat.districts.isin(facts.districts)
            if in_d.any():
                allowed = in_d
            else:
                unknown = list(facts.districts)
        if filters.doc_id:
            allowed &= cat.docs.eq(filters.doc_id)
            if facts.report_years:  # "1994年报告里…" asked of that report: as below
                boost_years = [y for y in years if y not in facts.report_years]
        elif facts.document and (allowed & cat.docs.eq(facts.document)).any():
            allowed &= cat.docs.eq(facts.document)  # named by its title (see core.doc_names)
        elif facts.report_years:
            # "1994年政府工作报告…": the documents of that year, when the index has them.
            reports = cat.documents_of_years(facts.report_years)
            if reports:
                allowed &= cat.docs.isin(reports)
                # Inside the report its review sections are of the year before: only the
                # years the question asks about besides the report's own rank passages.
                boost_years = [y for y in years if y not in facts.report_years]
        if filters.year:
            allowed &= cat.years == filters.year
            boost_years = [filters.year]

        dense: list[str] = []
        lexical: list[str] = []
        t_dense = t_bm25 = t_embed = t_filtered = time.perf_counter()
        if self.mode in ("hybrid", "dense") and n:
            vec = self.index.embed_query(facts.searched)
            t_embed = time.perf_counter()
            dense = self.index.dense_search(vec, self.candidates, cat, allowed, lambda: _wheres(streets, filters))
            t_dense = time.perf_counter()
        if self.mode in ("hybrid", "bm25") and n:
            lexical = [cid for cid, _ in cat.lexical.search(facts.search_text, self.candidates, allowed)]
            t_bm25 = time.perf_counter()

        scores: dict[str, float] = {}
        w = self.weights
        for weight, ranking in ((w.dense, dense), (1.0, lexical)):
            for r, cid in enumerate(ranking):
                scores[cid] = scores.get(cid, 0.0) + weight / (w.rrf_k + r + 1)
        rows = self.index.chunks(list(scores))  # a chunk removed since the snapshot drops out here
        terms = [t for t in words(facts.topic) if len(t) >= 2] if boost_years else []  # cut once, read per chunk
        scores = {cid: s + _boost(rows[cid], boost_years, facts, w, terms) for cid, s in scores.items() if cid in rows}
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])[:k]

        year_covered = True
        available: list[int] = []
        if years:
            pool = allowed if (streets or facts.districts) else np.ones(n, dtype=bool)
            year_covered = cat.year_named(pool, years)
            if not year_covered:
                available = [int(y) for y in np.unique(cat.years[pool]) if y]
        leads = self._leads([rows[cid] for cid, _ in ranked])
        passages = []
        for rank, (cid, score) in enumerate(ranked, start=1):
            row = rows[cid]
            lead = leads.get(cid, "")  # the passage as read: its first sentence whole (see passage.sentence_lead)
            text = lead + row["text"]
            passages.append(Passage.from_row(
                {**row, "text": text}, chunk_id=cid, lead_chars=len(lead), rank=rank, score=round(score, 5),
                year_match=_year_match(row, text, years), in_dense=cid in dense, in_bm25=cid in lexical))
        t_end = time.perf_counter()
        return Retrieval(
            facts=facts,
            passages=passages,
            # A question about another street than the one chosen as a filter is not answered from
            # the filtered street's passages (the refusal says so).
            street_covered=not unknown and not (filters.street and facts.streets and filters.street not in facts.streets),
            year_covered=year_covered,
            unknown_streets=unknown,
            years_available=available,
            filters=filters,
            timings={"parse": t_filtered - t0, "embed": max(0.0, t_embed - t_filtered), "chroma": max(0.0, t_dense - t_embed),
                     "bm25": max(0.0, t_bm25 - t_dense), "fuse": t_end - max(t_bm25, t_dense, t_parse)},
        )

    def _leads(self, rows: list[dict[str, Any]]) -> dict[str, str]:
        """chunk_id → the unfinished sentence start its previous chunk holds, for chunks
        that continue a sentence: the previous chunk ends exactly where they begin (an
        overlapping or separate chunk already starts at a sentence or line)."""
        keys = [(str(r["doc_id"]), int(r["position"])) for r in rows if int(r.get("position") or 0) > 0]
        prev = self.index.previous_chunks(keys) if keys else {}
        out = {}
        for r in rows:
            before = prev.get((str(r["doc_id"]), int(r.get("position") or 0)))
            if before and before[1] == int(r.get("start", -2)):
                lead = sentence_lead(before[0])
                if lead:
                    out[str(r["chunk_id"])] = lead
        return out


def _wheres(streets: list[str], filters: Filters) -> list[dict[str, Any] | None]:
    """Chroma filters for the dense search's last resort (see vectorstore/dense.py):
    one equality query per named street.

    Why not one ``$in`` (with "" for district-wide documents): Chroma's filtered
    search cost grows with the rows the filter matches — at 28k chunks a single
    street took 5 ms, ``$in`` of two 21 ms, district-wide documents ("") 25 ms.
    """
    common: list[dict[str, Any]] = []
    if filters.doc_id:
        common.append({"doc_id": filters.doc_id})
    if filters.year:
        common.append({"year": filters.year})
    per_street = [[{"street": s}, *common] for s in streets] or [common]
    return [None if not c else c[0] if len(c) == 1 else {"$and": c} for c in per_street]


def _year_match(meta: dict[str, Any], text: str, years: list[int]) -> bool:
    if not years:
        return True
    text = spell_out_years(text)
    return int(meta.get("year") or 0) in years or any(f"{y}年" in text for y in years)


YEAR_TOPIC_GAP = 6  # characters between "2000年" and the topic's words for the year to be the topic's
YEAR_TOPIC_COVER = 0.5  # share of the topic's characters those words must make up
_CLAUSE_ENDS = "。；;，,"
_BASE_BEFORE = re.compile(r"(?:比|较|由|从|与|同)\s*$")  # "比2000年增长": the year is a comparison's base


def _year_of_topic(text: str, years: list[int], topic: str, terms: list[str]) -> bool:
    """"2000年国家财政收入达13380亿元" in the 2001 report's look back at 九五: the asked year
    written right at the topic (before it, or after it: "国家外汇储备2000年底达…") says as much
    as a section about that year does. Most of the topic must be there ("国家" alone is not
    国家财政收入), and a year written as a comparison's base ("比2000年增长") does not count.
    ``terms``: the topic's words of two characters or more."""
    need = YEAR_TOPIC_COVER * sum(len(t) for t in terms)
    if not terms:
        return False
    reach = YEAR_TOPIC_GAP + len(topic)
    for y in years:
        for m in re.finditer(f"{y}年", text):
            if _BASE_BEFORE.search(text, 0, m.start()):
                continue
            start = max(max(text.rfind(p, 0, m.start()) for p in _CLAUSE_ENDS) + 1, m.start() - reach)
            ends = [k for k in (text.find(p, m.end()) for p in _CLAUSE_ENDS) if k >= 0]
            clause = text[start:min(min(ends, default=len(text)), m.end() + reach)]
            if sum(len(t) for t in terms if t in clause) >= need:
                return True
    return False


def opening_looks_back(meta: dict[str, Any], years: list[int]) -> bool:
    """A report's opening pages, before its first heading, look back on the year before its own
    ("…全国财政收入达到１６３７１亿元" in the 2002 report is 2001's): for that year they rank as a
    section headed with it, and their figures are that year's (extractive.figure_year). Only for
    reports with no street (a street's sections carry their kind). ``meta``: a chunk's row or a
    passage's fields."""
    year = int(meta.get("year") or 0)
    return bool(year and not meta.get("street") and not meta.get("kind") and not meta.get("section")
                and year - 1 in years)


# "去年全国进出口总额达到…": the year before the document's; not a comparison's base ("与去年相比",
# "上年同期", "比上年")
_LAST_YEAR = re.compile(r"(?<![比较与同跟和])(?:去年|上年)(?!相比|同期|度|比)")


def _boost(meta: dict[str, Any], years: list[int], facts: Query, w: FusionWeights, terms: list[str]) -> float:
    bonus = 0.0
    if years:
        year = int(meta.get("year") or 0)
        # "１９８４年" is the year 1984 too — unless a report is named: it is read whole, and where it
        # looks back on the year before its own every part may be of that year, written or not
        text = spell_out_years(meta.get("text", "") if facts.report_years else fold_width(meta.get("text", "")))
        if year in years or _year_of_topic(text, years, facts.topic, terms) or (not facts.report_years and opening_looks_back(meta, years)):
            bonus += w.year_section
        elif any(f"{y}年" in text for y in years) or (
                not facts.report_years and year - 1 in years and _LAST_YEAR.search(text)):
            # the year written, or — no report named — "去年" in a document of the year after
            bonus += w.year_text
        elif year:
            bonus += w.year_mismatch
    if facts.kind and meta.get("kind") == facts.kind:
        bonus += w.kind
    return bonus


def _document(p: Passage) -> Document:
    """A passage as a LangChain ``Document`` (the ``BaseRetriever`` contract)."""
    meta = {k: v for k, v in asdict(p).items() if k not in ("text", "chunk_id")}
    return Document(page_content=p.text, metadata=meta, id=p.chunk_id)
