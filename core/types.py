"""The values the layers hand each other. Typed, so a stage reads fields, not
``meta.get("…")`` on dicts whose keys another module decided.

- ``Query``: what a question asks, parsed once (``core.understand``);
- ``Filters``: the scope a user chose (street, year, one document);
- ``Passage``: one retrieved chunk as an answerer reads it;
- ``DocumentInfo``: one indexed document, as the library lists it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["review", "plan"]
Intent = Literal["number", "date", "yesno", "list", "entity", "outline"]


LAST_ITEM = -1  # Query.item for "最后那块展开说说"


@dataclass
class Query:
    """What a question asks, parsed once. ``question`` is the normalised text every
    matcher uses; ``original`` is what the user typed (quoted back in messages)."""

    question: str
    original: str = ""
    streets: list[str] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # every year named (topic and report years)
    report_years: list[int] = field(default_factory=list)  # "1985年政府工作报告": which document, not which topic year
    report_and_topic: list[int] = field(default_factory=list)  # "80年报告 积累率 78 79 80年": named as both
    per_year: bool = False  # years joined by 和/、/分别: one question per year; a range (1979年到1984年) is one
    kind: Kind | None = None
    intent: Intent = "entity"
    wants_number: bool = False
    figures: bool = False  # "招商引资几个主要数字": every figure the topic's sentences give, not one
    measure: str = ""  # the measure word or unit asked for ("台", "人次"), "" when none
    counted: str = ""  # the thing counted when no measure word follows 多少 ("多少资金" → "资金")
    ordinal: str = ""  # "第几次" → "次"
    stage: str | None = None  # canonical stage asked ("完工"), see lexicon.STAGES
    done: bool = False  # "完成多少" with no stage: the last stage
    rate: bool = False
    money: bool = False
    area: bool = False
    topic: str = ""  # the asked thing, cleaned: for refusals that read as Chinese
    outline_topic: str = ""  # for an outline question: the part of the document asked ("" = all of it)
    count: int = 0  # "分哪五个方面": how many parts the question expects, 0 = not said
    item: int = 0  # "…主要任务中的第三条": the outline item asked (1-based), 0 = all, LAST_ITEM = the last
    every_place: bool = False  # "哪个街道…最多", "各街道…分别": one answer per indexed place, then compared
    every_report: bool = False  # "几份报告里…分别多少": one answer per report (of no street), in time order
    row_label: str = ""  # what an every-place or every-report row is of, when not a street ("1985年报告")
    superlative: Literal["max", "min"] | None = None
    compare: bool = False  # "进度比一下", "哪个签约多": places or years set side by side — by their figures
    expansions: list[str] = field(default_factory=list)  # staff synonyms of the question's words, for lexical search
    part_label: str = ""  # one of several measures asked at once ("文化围墙"): names this part's answer
    # the other measures asked beside it that contain its words ("进出口" beside "出口", "人均GDP"
    # beside "GDP"): where they are written, this part's measure is not
    rival_labels: tuple[str, ...] = ()
    # words every measure asked beside it says too ("产量" of 原煤产量 and 原油产量): no sign of this one
    shared_label_words: tuple[str, ...] = ()
    # every other measure asked beside it ("岗位" and "就业人数" beside "培训"): staff ask together of
    # what a report writes together, so a sentence giving their figures too is the likelier one of a near tie
    sibling_labels: tuple[str, ...] = ()
    stage_label: str = ""  # "目标" or "实际": the stage this part asks, where a question sets the two side by side
    piece: int = 0  # which of several questions typed in one message this part answers (assistant.parts.asked_apart)
    document: str = ""  # the doc_id of a document the question names by its title (core.doc_names)
    mention: str = ""  # ... and the words that name it, which are no topic

    @property
    def searched(self) -> str:
        """The question as searched: without the words that name its document."""
        return self.question.replace(self.mention, " ", 1) if self.mention else self.question

    @property
    def search_text(self) -> str:
        """The text lexical search reads: the question plus the document-side synonyms."""
        return " ".join([self.searched, *self.expansions])

    @property
    def topic_years(self) -> list[int]:
        """Years the question is about (not the years that only name a report)."""
        return [y for y in self.years if y not in self.report_years or y in self.report_and_topic] or self.years


@dataclass
class Filters:
    """The scope chosen on the page or the command line; None means any."""

    street: str | None = None
    year: int | None = None
    doc_id: str | None = None


@dataclass
class DocumentInfo:
    """One indexed document as the library lists it."""

    doc_id: str
    source: str
    path: str
    title: str
    street: str = ""
    district: str = ""
    doc_type: str = ""
    years: list[int] = field(default_factory=list)
    published: str = ""
    chunk_count: int = 0
    file_type: str = ""
    encoding: str = ""  # how it was read: utf-8, gb18030, pdf, pdf+ocr, ocr, doc→docx …
    notes: dict[str, Any] = field(default_factory=dict)  # OCR pages, confidence, unreadable pages, sheets

    @property
    def reading_note(self) -> str:
        """How the file was read, in one Chinese line for staff ('' for an ordinary text file).

        Why shown at all: an answer is only as complete as what was read; a page OCR could not
        read must be visible in the document list, not discovered by a missing answer.
        """
        bits: list[str] = []
        ocr_pages = self.notes.get("ocr_pages") or []
        if ocr_pages:
            total = self.notes.get("pages") or len(ocr_pages)
            bits.append(f"文字识别（OCR）{len(ocr_pages)}/{total} 页，平均置信度 {float(self.notes.get('ocr_confidence', 0)):.1%}")
        unreadable = self.notes.get("unreadable_pages") or {}
        if unreadable:
            bits.append("未能识别：" + "、".join(f"第{n}页（{why}）" for n, why in unreadable.items()))
        if "→" in self.encoding:
            old, new = self.encoding.split("→", 1)
            bits.append(f"经 LibreOffice 由 .{old} 转为 .{new} 读取")
        if self.notes.get("sheets"):
            bits.append(f"{self.notes['sheets']} 个工作表")
        return "；".join(bits)

    @classmethod
    def from_summary(cls, summary: dict[str, Any]) -> DocumentInfo:
        """From the docstore's stored summary (extra keys are ignored, missing ones default)."""
        return cls(
            doc_id=str(summary["doc_id"]), source=str(summary.get("source") or ""), path=str(summary.get("path") or ""),
            title=str(summary.get("title") or ""), street=str(summary.get("street") or ""),
            district=str(summary.get("district") or ""), doc_type=str(summary.get("doc_type") or ""),
            years=[int(y) for y in summary.get("years") or []], published=str(summary.get("published") or ""),
            chunk_count=int(summary.get("chunk_count") or 0), file_type=str(summary.get("file_type") or ""),
            encoding=str(summary.get("encoding") or ""), notes=dict(summary.get("notes") or {}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "source": self.source, "path": self.path, "title": self.title,
                "street": self.street, "district": self.district, "doc_type": self.doc_type, "years": self.years,
                "published": self.published, "chunk_count": self.chunk_count, "file_type": self.file_type,
                "notes": self.notes, "reading_note": self.reading_note}


@dataclass
class Passage:
    """One retrieved chunk as an answerer reads it: the text as read (the unfinished
    sentence its previous chunk holds, then the stored text), where it comes from, and
    how it was found."""

    chunk_id: str
    text: str
    doc_id: str = ""
    source: str = ""
    title: str = ""
    street: str = ""
    district: str = ""
    doc_type: str = ""
    year: int = 0  # the section's year, 0 when none
    kind: str = ""  # "review" / "plan" / ""
    section: str = ""
    position: int = 0  # the chunk's place in its document
    is_record: bool = False  # one row of a table ("项目：… 牵头单位：…")
    lead_chars: int = 0  # characters of ``text`` taken from the previous chunk
    rank: int = 0
    score: float = 0.0
    year_match: bool = True
    in_dense: bool = False
    in_bm25: bool = False

    @classmethod
    def from_row(cls, row: dict[str, Any], **found: Any) -> Passage:
        """From a docstore row (chunk metadata with its text); ``found`` sets rank, score…"""
        fields = {k: row[k] for k in cls.__dataclass_fields__ if k in row}
        fields["year"] = int(fields.get("year") or 0)
        return cls(**{**fields, **found})

    def context(self) -> dict[str, Any]:
        """The passage as ``Answer.contexts`` records it (what the answerer was shown)."""
        return {"rank": self.rank, "chunk_id": self.chunk_id, "source": self.source, "score": self.score,
                "text": self.text}


@dataclass
class SectionHead:
    """A section of a document, where it starts: the outline answers read these."""

    path: tuple[str, ...]  # ("2024年主要任务", "聚焦发展，…")
    chunk_id: str  # the first chunk under it
    position: int
    year: int = 0
    kind: str = ""
    heading: str = ""  # the heading line as written ("(一)精准服务,推动经济社会高质量发展"), "" if not in the text
    lead: str = ""  # the first sentence after the heading
