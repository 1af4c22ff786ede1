"""Spreadsheets (.xlsx, .csv) → a title, then each sheet as a named table of ``a | b | c`` rows.

Why rows as pipe lines: the structure step already turns a header line and the rows under
it into table records (``项目：… 牵头单位：…``), the same records a Word table or a table
flattened in a text file becomes, so "某项目牵头单位是谁" is answered the same way
whatever the source. The functions over the cell grid are pure.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from pathlib import Path

from core.errors import IngestError
from ingest.encoding import decode_bytes
from ingest.models import Loaded

Grid = list[list[str]]

MAX_CELLS = 200_000  # a sheet larger than this is data, not a work plan; reading stops with a note


def cell_text(value: object) -> str:
    """A cell as a person reads it: 11.0 → 11, a date → 2024-05-31, line breaks joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:.10g}" if not value.is_integer() else str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).replace("|", "／")
    text = re.sub(r"\s*\n\s*", "", text) if re.search(r"[\u4e00-\u9fff]", text) else re.sub(r"\s+", " ", text)
    return text.strip()


def _trim(grid: Grid) -> Grid:
    rows = [r for r in grid if any(c for c in r)]
    if not rows:
        return []
    width = max(max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows)
    used = [i for i in range(width) if any(i < len(r) and r[i] for r in rows)]
    return [[r[i] if i < len(r) else "" for i in used] for r in rows]


def split_grid(grid: Grid) -> tuple[str, list[str], Grid]:
    """(title, header, data rows) of a sheet whose merged cells were filled with their value.

    A first row holding one value across the sheet is its title. The header is the next row;
    when it repeats a value across neighbouring cells (a merged group heading such as
    完成情况 over 数量 | 单位) the row below completes it as ``完成情况/数量``.
    """
    grid = _trim(grid)
    if not grid:
        return "", [], []
    title = ""
    first = [c for c in grid[0] if c]
    if len(grid) > 1 and len(set(first)) == 1 and (len(grid[0]) > 1 or len(grid[1]) == 1):
        title = first[0]
        grid = grid[1:]
    header = grid[0]
    rows = grid[1:]
    grouped = any(a and a == b for a, b in itertools.pairwise(header))
    if grouped and rows:
        below = rows[0]
        header = [a if not b or a == b else (b if not a else f"{a}/{b}") for a, b in zip(header, below, strict=True)]
        rows = rows[1:]
    header = [h or f"第{i + 1}列" for i, h in enumerate(header)]
    return title, header, [r for r in rows if any(r)]


def sheet_lines(name: str, grid: Grid) -> tuple[str, list[str]]:
    """(the sheet's title or '', its lines: the table's name, header, rows)."""
    title, header, rows = split_grid(grid)
    if not header:
        return title, []
    if len(header) == 1:  # one column: a list of notes, not a table
        return title, [title or name, header[0], *(r[0] for r in rows if r and r[0])]
    lines = [title or name, " | ".join(header)]
    lines += [" | ".join(r) for r in rows]
    return title, lines


def compose(stem: str, sheets: list[tuple[str, Grid]]) -> str:
    """The document text: a title line (the first sheet's title, else the file name), then every
    sheet under its name; a sheet whose name would only repeat the title goes without one."""
    blocks = [(name, *sheet_lines(name, grid)) for name, grid in sheets]
    blocks = [(name, title, lines) for name, title, lines in blocks if lines]
    if not blocks:
        raise IngestError("表格中没有任何内容")
    doc_title = blocks[0][1] or stem
    out = [doc_title]
    for name, title, lines in blocks:
        table_name = lines[0]
        if table_name == doc_title:
            if len(blocks) == 1:
                table_name = ""
            elif name != table_name:
                table_name = f"{name}：{table_name}"
        out += ([table_name] if table_name else []) + lines[1:]
    return "\n".join(out)


def load_xlsx(path: Path, stem: str) -> Loaded:
    """``stem`` names the document when its first sheet has no title row (the file name as staff gave it)."""
    import openpyxl

    if not zipfile.is_zipfile(path):
        raise IngestError("Excel 文件已损坏（不是有效的 .xlsx 压缩包）")
    try:
        book = openpyxl.load_workbook(str(path), data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds on corrupt input
        raise IngestError("Excel 文件已损坏，无法打开", type(exc).__name__) from exc
    sheets: list[tuple[str, Grid]] = []
    try:
        for ws in book.worksheets:
            if ws.sheet_state != "visible":
                continue
            if (ws.max_row or 0) * (ws.max_column or 0) > MAX_CELLS:
                raise IngestError(f"工作表“{ws.title}”过大（超过 {MAX_CELLS} 个单元格），不是工作计划类表格")
            grid = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
            for rng in ws.merged_cells.ranges:  # a merged cell's value belongs to every cell it covers
                value = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(grid) else ""
                for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
                    for c in range(rng.min_col - 1, min(rng.max_col, len(grid[r]))):
                        grid[r][c] = value
            sheets.append((ws.title, grid))
    finally:
        book.close()
    return Loaded(compose(stem, sheets), "xlsx", {"sheets": len(sheets)})


def load_csv(path: Path) -> Loaded:
    text, encoding = decode_bytes(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    grid = [[cell_text(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    return Loaded(compose(path.stem, [(path.stem, grid)]), encoding)
