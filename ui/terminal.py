"""How an answer is printed in a terminal (the UI has its own view)."""

from __future__ import annotations

from assistant.answer import Answer


def render_text(answer: Answer) -> str:
    lines = []
    if answer.reworded:
        lines.append(f"（理解为：{answer.rewritten_question}）")
    lines.append(answer.answer)
    if answer.citations:
        lines.append("")
        lines.append("来源：")
        for c in answer.citations:
            where = " §".join(p for p in (c.title, c.section) if p)
            lines.append(f"[{c.n}] {where}（{c.source}）")
            lines.append(f"    “{c.quote}”")
    for note in answer.notes:
        lines.append(f"注：{note}")
    return "\n".join(lines)
