"""Recover what a report is about: title, street, district, type, date, the
section tree with each section's year and review/plan kind, and tables whose
cells were flattened into lines. Pure functions over cleaned text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core import gazetteer
from core.textnorm import for_matching
from ingest.clean import is_date_line, parse_date
from ingest.models import Kind, Section, TableRecord

CN_NUM = "一二三四五六七八九十百零〇"

# (level, pattern). Lower level = higher in the tree.
_HEADINGS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"^(附件[一二三四五六七八九十\d]*[:：]?.{0,60})$")),
    (1, re.compile(rf"^(第[{CN_NUM}]+(?:部分|章|篇))\s*(.*)$")),
    (2, re.compile(rf"^([{CN_NUM}]+、)\s*(.+)$")),
    (3, re.compile(rf"^([（(][{CN_NUM}]+[）)])\s*(.+)$")),
    (4, re.compile(r"^(\d{1,2}[.．、])\s*(\D.*)$")),
    (5, re.compile(r"^([（(]\d{1,2}[）)])\s*(.+)$")),
)

_DOC_TYPES = (
    "社区代表会议报告", "政府工作报告", "工作报告", "工作总结", "工作要点", "工作安排", "项目安排",
    "工作计划", "实施方案", "工作方案", "行动计划", "实施意见", "通知", "报告",
)
_PLAN_TYPES = ("工作要点", "工作安排", "项目安排", "工作计划", "实施方案", "工作方案", "行动计划", "实施意见")
_REVIEW_WORDS = re.compile(r"回顾|总结|完成情况|工作情况|主要成效|取得的成绩|工作成效")
_PLAN_WORDS = re.compile(r"任务|安排|计划|要点|打算|思路|目标|展望|重点工作")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")

# Column names seen in flattened tables, mapped to the field name we emit.
_TABLE_FIELDS = {
    "序号": "序号", "项目": "项目", "项目名称": "项目", "工作项目": "项目", "工作内容": "项目", "主要内容": "项目",
    "工作任务": "项目", "任务": "项目", "牵头单位": "牵头单位", "牵头部门": "牵头单位", "责任单位": "责任单位",
    "责任部门": "责任单位", "配合单位": "责任单位", "协同单位": "责任单位", "完成时间": "完成时间",
    "完成时限": "完成时间", "时间节点": "完成时间", "时间安排": "完成时间", "备注": "备注",
}
_TIME_CELL = re.compile(
    r"(全年|年底|年内|月底|月中|月前|季度|上半年|下半年|\d{1,2}月|长期|持续|适时|前$|根据.*部署|^\d{4}年|完成$)"
)


@dataclass
class DocFacts:
    title: str = ""
    issuer: str = ""
    street: str = ""
    district: str = ""
    doc_type: str = ""
    published: str = ""
    years: list[int] = field(default_factory=list)
    kind: Kind | None = None
    body_start: int = 0  # offset where the body starts (after title block)


def heading_of(line: str) -> tuple[int, str] | None:
    """Return (level, short heading text) if the line starts a section.

    A heading line may carry body text after it (``(一)科学应对突发,守牢社区防线 全面压实…``);
    the heading text stops at the first 。, ：, or space-separated body.
    """
    line = line.strip()
    if not line or len(line) < 2:
        return None
    for level, pattern in _HEADINGS:
        m = pattern.match(line)
        if not m:
            continue
        if level == 0:
            return 0, m.group(1)[:40]
        rest = m.group(2).strip()
        if level == 4 and (re.match(r"^\d", rest) or len(rest) < 2):
            return None
        head = _heading_text(rest)
        if not head:
            return None
        return level, head[:40]
    return None


def _heading_text(rest: str) -> str:
    """Heading text of a line that may continue with body text.

    Stops at the first sentence end, or at a space once the heading is long
    enough to be one (short phrases like ``推进 家门口`` keep their spaces).
    """
    end = len(rest)
    m = re.search(r"[。：:；;！？]", rest)
    if m:
        end = m.start()
    for sp in re.finditer(r"\s+", rest[:end]):
        if sp.start() >= 8:
            end = sp.start()
            break
    return rest[:end].strip().rstrip("，,、")


def year_kind(text: str, default_kind: Kind | None = None) -> tuple[int | None, Kind | None]:
    """The year a heading/title is about and whether it reviews or plans."""
    text = for_matching(text)  # 繁体 headings and spelled-out years (一九五五年) read the same
    m = _YEAR.search(text)
    year = int(m.group(1)) if m else None
    if _REVIEW_WORDS.search(text):
        return year, "review"
    if _PLAN_WORDS.search(text):
        return year, "plan"
    return year, default_kind


def doc_types(title: str) -> str:
    """Document types named in a title, most specific first (``工作总结、工作安排``)."""
    found: list[str] = []
    for name in _DOC_TYPES:
        if name in title and not any(name in f for f in found):
            if name in ("通知", "报告") and found:
                continue
            found.append(name)
    return "、".join(found)


MAX_TITLE_CHARS = 120


def title_block(lines: list[str]) -> tuple[str, str, int]:
    """(title, published date, number of leading lines consumed)."""
    title, published, used = "", "", 0
    for i, line in enumerate(lines[:6]):
        if not line.strip():
            continue
        m = re.match(r"^(.*?)\s*((?:19|20)\d{2}-\d{1,2}-\d{1,2})$", line)
        if m and m.group(1):
            title, published, used = m.group(1).strip(), parse_date(m.group(2)), i + 1
        elif len(line.strip()) > MAX_TITLE_CHARS:
            # A first line this long is body text (a file with no line breaks): name the
            # document by its opening words and keep the whole line as body.
            title, used = line.strip()[:30] + "…", i
        else:
            title, used = line.strip(), i + 1
        break
    # A title repeated on the next line (common in scraped pages) is not body text.
    if used < len(lines) and lines[used].strip() == title:
        used += 1
    return title, published, used


def doc_facts(text: str, meta: dict[str, str]) -> DocFacts:
    lines = text.split("\n")
    title, published, used = title_block(lines)
    if not any(line.strip() for line in lines[used:]):
        # All title (a one-line note, a heading-only file): the title is also the body, and a
        # title written as sentences is named by its first one.
        used = 0
        title = re.split(r"[。！？；]", title, maxsplit=1)[0] or title
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if pipe_cells(lines[first]) and first + 1 < len(lines) and pipe_cells(lines[first + 1]):
        title, used = "", 0  # a file that opens with a table: its header is no title (the file name will be)
    facts = DocFacts(title=title, published=published)
    facts.body_start = sum(len(line) + 1 for line in lines[:used])
    head = text[: facts.body_start + 600]
    facts.published = facts.published or parse_date(meta.get("发布时间", "") or meta.get("发布日期", ""))
    if not facts.published:
        for line in lines[:40]:
            if is_date_line(line):
                facts.published = parse_date(line)
                break
    streets = gazetteer.find_streets(title)
    facts.street = streets[0] if streets else gazetteer.guess_street(title)
    if not facts.street:
        m = re.search(r"(?:人民政府|我代表)?([\u4e00-\u9fff]{2,6}(?:街道|镇))办事处", head)
        if m:
            facts.street = gazetteer.guess_street(m.group(1)) or m.group(1)
    districts = gazetteer.find_districts(title) or gazetteer.find_districts(head[:300])
    facts.district = gazetteer.district_of(facts.street) or (districts[0] if districts else "")
    if not facts.district and meta.get("来源"):
        found = gazetteer.find_districts(meta["来源"])
        facts.district = found[0] if found else ""
    facts.doc_type = doc_types(title)
    facts.years = sorted({int(y) for y in _YEAR.findall(for_matching(title))})
    if any(t in facts.doc_type for t in _PLAN_TYPES) and "总结" not in facts.doc_type:
        facts.kind = "plan"
    elif "总结" in facts.doc_type:
        facts.kind = "review"
    issuer = meta.get("发布机构", "")
    if not issuer:
        m = re.search(r"^(中共.{2,20}办公室|.{2,20}人民政府办公室|.{2,12}(?:街道)?办事处)$", text[:2000], re.MULTILINE)
        issuer = m.group(1) if m else ""
    if not issuer and facts.street:
        issuer = f"{facts.street}办事处"
    facts.issuer = issuer
    return facts


def _table_header(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """If a run of short lines starting at i is a table header, return (fields, length)."""
    run: list[str] = []
    j = i
    while j < len(lines) and 0 < len(lines[j].strip()) <= 14 and len(run) < 10:
        run.append(lines[j].strip())
        j += 1
    fields = [_TABLE_FIELDS[c] for c in run if c in _TABLE_FIELDS]
    if len(fields) >= 3 and "序号" in fields:
        return [f for f in dict.fromkeys(fields) if f != "序号"], len(run)
    return None


def _row_fields(cells: list[str], columns: list[str], number: str) -> tuple[tuple[str, str], ...]:
    """Map a flattened row's cells onto columns: content first, time last, units between."""
    cells = [c for c in cells if c]
    values: dict[str, str] = {}
    if "完成时间" in columns and len(cells) >= 2 and _TIME_CELL.search(cells[-1]):
        values["完成时间"] = cells.pop()
    content_col = next((c for c in columns if c == "项目"), None)
    if content_col and cells:
        values[content_col] = cells.pop(0)
    unit_cols = [c for c in columns if c in ("牵头单位", "责任单位")]
    if unit_cols and cells:
        values[unit_cols[0]] = cells.pop(0)
        if len(unit_cols) > 1 and cells:
            values[unit_cols[1]] = "、".join(cells)
            cells = []
    if cells:
        values["备注"] = "、".join(cells)
    ordered = [("序号", number)] + [(c, values[c]) for c in columns if c in values]
    if "备注" in values and "备注" not in columns:
        ordered.append(("备注", values["备注"]))
    return tuple(ordered)


PIPE = " | "
MAX_TABLE_NAME = 40  # a line this short before a table's header, with no sentence end, names the table


def pipe_cells(line: str) -> list[str]:
    """The cells of an ``a | b | c`` row (Word tables, spreadsheets and OCR'd tables are read into these)."""
    return [c.strip() for c in line.split(PIPE)] if PIPE in line else []


def pipe_fields(header: list[str], cells: list[str]) -> tuple[tuple[str, str], ...]:
    """A row's cells under the header's column names (known aliases such as 牵头部门 → 牵头单位)."""
    names = [_TABLE_FIELDS.get(h, _TABLE_FIELDS.get(h.rsplit("/", 1)[-1], h)) for h in header]
    if len(cells) > len(names):  # more cells than columns: the surplus belongs to the last column
        cells = cells[: len(names) - 1] + ["、".join(c for c in cells[len(names) - 1:] if c)]
    return tuple((name, value) for name, value in zip(names, cells, strict=False) if value)


@dataclass
class Structure:
    sections: list[Section]
    records: list[TableRecord]
    excluded: list[tuple[int, int]]  # spans (table regions) that prose chunking skips


def parse_structure(text: str, facts: DocFacts) -> Structure:
    """Walk the lines once: build sections, and rebuild flattened table rows."""
    lines = text.split("\n")
    offsets: list[int] = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    doc_year = facts.years[0] if len(facts.years) == 1 else None

    sections: list[Section] = []
    records: list[TableRecord] = []
    excluded: list[tuple[int, int]] = []
    stack: list[tuple[int, str, int | None, Kind | None]] = []
    cur_start = facts.body_start
    table_cols: list[str] | None = None
    pipe_header: list[str] | None = None  # the header of the ``a | b`` table being read
    pipe_named = False  # that table's name was pushed onto the section stack
    expect = 1
    row: list[str] = []
    row_start = 0

    def current() -> tuple[tuple[str, ...], int | None, Kind | None]:
        path = tuple(h for _, h, _, _ in stack)
        year, kind = doc_year, facts.kind
        for _, _, y, k in stack:
            year = y if y is not None else year
            kind = k if k is not None else kind
        return path, year, kind

    def close_section(end: int) -> None:
        if end > cur_start:
            path, year, kind = current()
            sections.append(Section(path=path, start=cur_start, end=end, year=year, kind=kind))

    def flush_row(end: int) -> None:
        nonlocal row
        if table_cols is not None and row:
            path, _, _ = current()
            records.append(
                TableRecord(start=row_start, end=end, section_path=path,
                            fields=_row_fields(row[1:], table_cols, row[0]))
            )
            excluded.append((row_start, end))
        row = []

    i = 0
    start_line = next((k for k, off in enumerate(offsets) if off >= facts.body_start), len(lines))
    i = start_line
    while i < len(lines):
        line = lines[i].strip()
        off = offsets[i]
        header = _table_header(lines, i) if "序号" in line or (i + 1 < len(lines) and lines[i + 1].strip() == "序号") else None
        if header and table_cols is None:
            flush_row(off)
            close_section(off)
            # the line before the header, if it names the table, becomes the top heading
            prev = lines[i - 1].strip() if i > 0 else ""
            if prev.endswith(("表", "一览", "清单")) and sections and sections[-1].end == off:
                stack = [(0, prev[:40], *year_kind(prev, facts.kind))]
            table_cols, hdr_len = header
            excluded.append((off, offsets[i + hdr_len - 1] + len(lines[i + hdr_len - 1])))
            expect = 1
            i += hdr_len
            cur_start = offsets[i] if i < len(lines) else len(text)
            continue
        if pipe_header is not None:
            cells = pipe_cells(line)
            if cells:
                fields = pipe_fields(pipe_header, cells)
                if fields:
                    records.append(TableRecord(start=off, end=off + len(lines[i]), section_path=current()[0],
                                               fields=fields))
                excluded.append((off, off + len(lines[i])))
                i += 1
                continue
            close_section(off)  # the table ends here
            if pipe_named:
                stack.pop()
            pipe_header, pipe_named, cur_start = None, False, off
        elif table_cols is None and pipe_cells(line) and i + 1 < len(lines) and pipe_cells(lines[i + 1]):
            flush_row(off)
            close_section(off)
            prev = lines[i - 1].strip() if i > start_line else ""
            pipe_named = bool(prev) and len(prev) <= MAX_TABLE_NAME and not pipe_cells(prev) and "。" not in prev
            if pipe_named:  # nested under the current section, so the table keeps its chapter
                stack.append((9, prev, *year_kind(prev, None)))
            pipe_header = pipe_cells(line)
            excluded.append((off, off + len(lines[i])))
            i += 1
            cur_start = offsets[i]
            continue
        if table_cols is not None and line == str(expect):
            flush_row(off - 1)
            row, row_start = [line], off
            expect += 1
            i += 1
            continue
        h = heading_of(line)
        if h is not None and not (table_cols is not None and row and h[0] >= 4):
            flush_row(off - 1)
            close_section(off)
            level, head = h
            while stack and stack[-1][0] >= level:
                stack.pop()
            y, k = year_kind(head, None)
            stack.append((level, head, y, k))
            cur_start = off
            i += 1
            continue
        if row:
            row.append(line)
        i += 1
    flush_row(len(text))
    close_section(len(text))
    return Structure(sections=sections, records=records, excluded=excluded)
