"""Question files in, answer files out, for analysts.

Inputs: ``.jsonl`` (``{"id", "question", "history"}``), ``.txt`` (one question
per line), ``.csv`` (a ``question`` column, optional ``id``), ``.xlsx`` (same
columns, first sheet). Outputs by extension: ``.jsonl`` (the full contract),
``.csv`` / ``.md`` (id, question, answer, sources as ``title §section``).

Resumable: answers already in the output (by id) are kept and not re-asked,
so a long run interrupted by a closed laptop picks up where it stopped.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from core.errors import WorkplanError

INPUT_SUFFIXES = (".jsonl", ".txt", ".csv", ".xlsx")
OUTPUT_SUFFIXES = (".jsonl", ".csv", ".md")


def _item(raw: dict[str, Any], n: int) -> dict[str, Any]:
    item = {k: v for k, v in raw.items() if v not in (None, "")}
    item["id"] = str(item.get("id") or n)
    return item


def read_questions(path: Path) -> list[dict[str, Any]]:
    """Items ``{"id", "question"?, "history"?, "error"?}``; a bad line becomes an item with ``error``."""
    suffix = path.suffix.lower()
    if suffix not in INPUT_SUFFIXES:
        raise WorkplanError(f"不支持的问题文件格式：{suffix}（支持 {'、'.join(INPUT_SUFFIXES)}）")
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True).worksheets[0]
        rows = [[("" if c is None else str(c)) for c in row] for row in sheet.iter_rows(values_only=True)]
        return _table(rows, path)
    text = path.read_text("utf-8-sig")
    if suffix == ".txt":
        return [{"id": str(n), "question": line.strip()} for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if suffix == ".csv":
        return _table(list(csv.reader(io.StringIO(text))), path)
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            if not isinstance(raw, dict) or not str(raw.get("question") or "").strip():
                raise ValueError
            items.append(_item(raw, n))
        except ValueError:
            items.append({"id": str(n), "error": f"第 {n} 行不是含 question 字段的 JSON 对象"})
    return items


def _table(rows: list[list[str]], path: Path) -> list[dict[str, Any]]:
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    if "question" not in header:
        raise WorkplanError(f"{path.name} 缺少 question 列")
    items = []
    for n, row in enumerate(rows[1:], 1):
        raw = dict(zip(header, row, strict=False))
        if str(raw.get("question") or "").strip():
            items.append(_item({"id": raw.get("id"), "question": raw["question"].strip()}, n))
    return items


def sources_line(record: dict[str, Any]) -> str:
    return "；".join(f"[{c['n']}] {c['title']} §{c['section']}" if c.get("section") else f"[{c['n']}] {c['title']}"
                     for c in record.get("citations", []))


def done_ids(path: Path) -> dict[str, dict[str, Any]]:
    """Records already answered in an earlier run (errors are retried)."""
    if not path.exists():
        return {}
    out: dict[str, dict[str, Any]] = {}
    if path.suffix == ".jsonl":
        for line in path.read_text("utf-8").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # a line cut short by an interruption
            if "error" not in rec:
                out[str(rec["id"])] = rec
    elif path.suffix == ".csv":
        for rec in csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))):
            if rec.get("answer") and not rec.get("error"):
                out[str(rec["id"])] = rec
    return out


def write_records(path: Path, records: Iterable[dict[str, Any]]) -> None:
    records = list(records)
    tmp = path.with_name(path.name + ".tmp")
    if path.suffix == ".jsonl":
        tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    elif path.suffix == ".csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["id", "question", "answer", "kind", "refused", "sources", "error"])
        for r in records:
            writer.writerow([r["id"], r.get("question", ""), r.get("answer", ""), r.get("kind", ""), r.get("refused", ""),
                             r.get("sources") or sources_line(r), r.get("error", "")])
        tmp.write_text(buf.getvalue(), "utf-8-sig")  # BOM so Excel opens Chinese correctly
    else:
        def cell(v: Any) -> str:
            return str(v or "").replace("|", "\\|").replace("\n", "<br>")

        lines = ["| id | 问题 | 回答 | 来源 |", "|---|---|---|---|"]
        lines += [f"| {cell(r['id'])} | {cell(r.get('question'))} | {cell(r.get('answer') or r.get('error'))} | "
                  f"{cell(r.get('sources') or sources_line(r))} |" for r in records]
        tmp.write_text("\n".join(lines) + "\n", "utf-8")
    tmp.replace(path)  # never a half-written output file


def run_batch(items: list[dict[str, Any]], ask: Callable[[dict[str, Any]], dict[str, Any]], output: Path,
              workers: int = 1, progress: bool = False) -> dict[str, int]:
    """Answer every item not already in ``output``; write all records in input order."""
    from tqdm import tqdm

    if output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise WorkplanError(f"不支持的输出格式：{output.suffix}（支持 {'、'.join(OUTPUT_SUFFIXES)}）")
    previous = done_ids(output)
    todo = [it for it in items if it["id"] not in previous and "error" not in it]

    def one(item: dict[str, Any]) -> dict[str, Any]:
        try:
            return {"id": item["id"], **ask(item)}
        except WorkplanError as exc:
            return {"id": item["id"], "question": item.get("question"), "error": exc.message_zh}

    results: dict[str, dict[str, Any]] = {}
    with ThreadPoolExecutor(max(1, workers)) as pool:
        for rec in tqdm(pool.map(one, todo), total=len(todo), desc="回答问题", unit="题", disable=not progress):
            results[rec["id"]] = rec
    records = []
    for it in items:
        if "error" in it:
            records.append({"id": it["id"], "question": it.get("question"), "error": it["error"]})
        else:
            records.append(previous.get(it["id"]) or results[it["id"]])
    write_records(output, records)
    return {"total": len(items), "answered": len(todo), "skipped": len(items) - len(todo),
            "errors": sum(1 for r in records if "error" in r)}
