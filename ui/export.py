"""A conversation, or one answer, as plain text, Markdown or a Word file — always with its
sources, because an answer pasted into a report without them cannot be checked.

Pure functions over the stored answer records (``Answer.to_dict()`` plus the question), so
the copy button, the Markdown and the ``.docx`` say the same thing.
"""

from __future__ import annotations

import re
import time
from io import BytesIO
from typing import Any

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")  # markup only: "<5%" or "<长寿路>" in text stays
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # Word files cannot hold these (pasted from Word: \x0b)


def _printable(record: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``record`` whose text fields hold no control characters."""
    return {k: _CONTROL.sub(" ", v) if isinstance(v, str) else v for k, v in record.items()}


def source_line(c: dict[str, Any]) -> str:
    """"[1] 标题 · 长寿路街道 · 2023年 · §章节（文件）"."""
    parts = [str(c.get("title") or ""), str(c.get("street") or ""), f"{c['year']}年" if c.get("year") else ""]
    if c.get("section"):
        parts.append(f"§{c['section']}")
    head = " · ".join(p for p in parts if p)
    return f"[{c.get('n')}] {head}（{c.get('source')}）" if c.get("source") else f"[{c.get('n')}] {head}"


def plain_answer(record: dict[str, Any], with_question: bool = False) -> str:
    """One answer as clean text: its lines with their [n], then each source with its quote."""
    lines = []
    if with_question and record.get("question"):
        lines += [f"问：{record['question']}", ""]
    lines.append(_TAG.sub("", str(record.get("answer") or "")))
    citations = record.get("citations") or []
    if citations:
        lines += ["", "来源："]
        for c in citations:
            lines.append(source_line(c))
            if c.get("quote"):
                lines.append(f"    “{c['quote']}”")
    return "\n".join(lines)


def conversation_markdown(title: str, answers: list[dict[str, Any]]) -> str:
    out = [f"# {title}", "", f"导出时间：{time.strftime('%Y-%m-%d %H:%M')}，共 {len(answers)} 问", ""]
    for i, record in enumerate(answers, 1):
        out += [f"## 问 {i}：{record.get('question') or ''}", ""]
        out += [line + "  " for line in _TAG.sub("", str(record.get("answer") or "")).split("\n")]
        citations = record.get("citations") or []
        if citations:
            out += ["", "**来源**", ""]
            for c in citations:
                out.append(f"- {source_line(c)}")
                if c.get("quote"):
                    out.append(f"  > {c['quote']}")
        out.append("")
    return "\n".join(out)


def conversation_docx(title: str, answers: list[dict[str, Any]]) -> bytes:
    from docx import Document
    from docx.shared import Pt

    title = _CONTROL.sub(" ", title)
    answers = [_printable(a) for a in answers]
    for a in answers:
        a["citations"] = [_printable(c) for c in a.get("citations") or []]

    doc = Document()
    doc.add_heading(title, level=1)
    doc.add_paragraph(f"导出时间：{time.strftime('%Y-%m-%d %H:%M')}，共 {len(answers)} 问")
    for i, record in enumerate(answers, 1):
        doc.add_heading(f"问 {i}：{record.get('question') or ''}", level=2)
        for line in _TAG.sub("", str(record.get("answer") or "")).split("\n"):
            doc.add_paragraph(line)
        citations = record.get("citations") or []
        if citations:
            doc.add_paragraph().add_run("来源").bold = True
            for c in citations:
                p = doc.add_paragraph(source_line(c))
                if c.get("quote"):
                    run = p.add_run(f"\n“{c['quote']}”")
                    run.font.size = Pt(9)
    buf = BytesIO()
    doc.save(buf)
    return buf.getvalue()
