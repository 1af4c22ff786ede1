"""The last touch on a composed answer, whatever backend wrote it: one citation per quote,
each sentence quoted once, and a document named once, by a short name, in the answer's lines.

Why: an answer assembled from parts (two streets, two years, a list and its source sentence)
named the full 40-character title on every line and cited the same sentence as [1] and [2].
The source cards keep the full title; the lines only need to say which document.
"""

from __future__ import annotations

import re

from assistant.answer import Answer

_MARK = re.compile(r"\[(\d{1,3})\]")
# Words that end a document's own name ("…2020年工作报告"), used to find it inside a slogan title.
_DOC_WORDS = "报告|计划|总结|要点|安排|方案|通知|意见|纪要|讲话|清单|汇报|规划"
_NAMED = re.compile(rf"[^\s，,。：:；;—－《》-]*?(?:\d{{4}}|[〇零○一二三四五六七八九]{{4}})年[^\s，,。：:；;—－《》-]*?(?:{_DOC_WORDS})")
SHORT_TITLE_CHARS = 24


def short_title(title: str) -> str:
    """"推动城市治理现代化 … ——金杨新村街道办事处2020年工作报告" → "金杨新村街道办事处2020年工作报告":
    the part of a title that names the document (its year and kind), else the title itself,
    cut at ``SHORT_TITLE_CHARS`` with "…"."""
    title = title.strip()
    if len(title) <= SHORT_TITLE_CHARS:
        return title
    named = _NAMED.findall(title)
    if named:
        return max(named, key=len).lstrip("—－- ")
    return title[:SHORT_TITLE_CHARS] + "…"


def merge_identical_citations(answer: Answer) -> Answer:
    """Citations of the same sentence of the same passage become one; the rest are renumbered
    1..n in order, in the text, the declined lines and the table rows."""
    if len(answer.citations) < 2:
        return answer
    first: dict[tuple[str, str, int | None], int] = {}
    renumber: dict[int, int] = {}
    kept = []
    for c in answer.citations:
        # (one sentence cited for two years it never writes — the 2002 report's "覆盖人数由年初的４００
        # 多万人…" near a refusal and as 2001's figure — stays two citations, each with its year: the
        # year an answer labels its figure with must be one a citation gives)
        unwritten = c.year if c.year and str(c.year) not in c.quote else None
        key = (c.chunk_id, c.quote.strip(), unwritten)
        if key in first:
            renumber[c.n] = first[key]
            kept[first[key] - 1].published = kept[first[key] - 1].published or c.published  # (the date it states)
            continue
        first[key] = len(kept) + 1
        renumber[c.n] = len(kept) + 1
        c.n = len(kept) + 1
        kept.append(c)
    if len(kept) == len(answer.citations) and all(k == v for k, v in renumber.items()):
        return answer

    def fix(text: str) -> str:
        text = _MARK.sub(lambda m: f"[{renumber.get(int(m.group(1)), int(m.group(1)))}]", text)
        return re.sub(r"(\[\d{1,3}\])\1+", r"\1", text)  # "…[1][1]" after a merge → "…[1]"

    answer.citations = kept
    answer.answer = fix(answer.answer)
    answer.declined = [fix(line) for line in answer.declined]
    for row in answer.rows:
        if isinstance(row.get("citation"), int):
            row["citation"] = renumber.get(row["citation"], row["citation"])
    return answer


def name_documents_once(answer: Answer) -> Answer:
    """"依据《full title》" in the answer's lines → the short name, or "同一文件" when the document
    named last (on any earlier line) is the same one."""
    titles = sorted({c.title for c in answer.citations if c.title}, key=len, reverse=True)
    if not titles:
        return answer
    pattern = re.compile(r"(依据|据)《(" + "|".join(re.escape(t) for t in titles) + r")》(（[^（）\n]*）)?")
    lines = answer.answer.split("\n")
    last = ""
    for i, line in enumerate(lines):
        def named(m: re.Match[str]) -> str:
            nonlocal last
            same = m.group(2) == last
            last = m.group(2)
            if same:  # its place and year were just said too
                return f"{m.group(1)}同一文件"
            return f"{m.group(1)}《{short_title(m.group(2))}》{m.group(3) or ''}"

        lines[i] = pattern.sub(named, line)
    answer.answer = "\n".join(lines)
    return answer


_QUOTE_LINE = re.compile(r"(?:依据|据)《[^》\n]*》(?:（[^（）\n]*）)?：“(.*)”\[(\d{1,3})\]")


def quote_each_sentence_once(answer: Answer) -> Answer:
    """A sentence quoted again under another figure it gives is not written out again.

    Why: "平台岗位 技能培训 促进就业各多少" answers three measures from one sentence; each
    figure's line keeps its [n], the sentence is shown once, under the first."""
    lines = answer.answer.split("\n")
    seen: set[tuple[str, str]] = set()
    kept: list[str] = []
    for line in lines:
        quoted = _QUOTE_LINE.fullmatch(line)
        if quoted:
            key = (quoted.group(1), quoted.group(2))
            if key in seen:
                # the figure's own line, just above, cites it; a quote alone says nothing new
                under_its_figure = bool(kept) and not _QUOTE_LINE.fullmatch(kept[-1]) and kept[-1].endswith(f"[{key[1]}]")
                if under_its_figure or line.startswith("据"):
                    continue
            seen.add(key)
        kept.append(line)
    answer.answer = "\n".join(kept)
    return answer


def tidy(answer: Answer) -> Answer:
    return name_documents_once(quote_each_sentence_once(merge_identical_citations(answer)))
