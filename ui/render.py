"""HTML for the chat and the sources panel.

Why escape everything here: passages are document content, and documents can
contain ``<script>`` or markup; they are always shown as text. Only the markup
built in this module (links, <mark>, <details>) reaches the page.
"""

from __future__ import annotations

import html
import re

from assistant.answer import Answer, Citation

_CITE = re.compile(r"\[(\d{1,3})\]")


def _cites(text: str, turn: int = 0) -> str:
    """``[n]`` → a link to source n: of this answer's own sources when ``turn`` numbers the
    answer in its conversation (``#src-3-1``), else of the side panel (``#src-1``)."""
    prefix = f"src-{turn}-" if turn else "src-"
    return _CITE.sub(lambda m: f'<a class="cite" href="#{prefix}{m.group(1)}">[{m.group(1)}]</a>', text)


def _table_html(answer: Answer, turn: int = 0) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("街道", "年份", "内容", "出处"))
    rows = []
    for r in answer.rows:
        year = f"{r['year']}年" if r.get("year") else "—"
        if r.get("plan"):
            year += "（计划）"  # next year's target beside this year's result: never read as one
        cite = _cites(f"[{r['citation']}]", turn)
        cells = [html.escape(str(r["place"])), html.escape(year), html.escape(str(r["value"])), cite]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f'<table class="answer-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def answer_markdown(answer: Answer, turn: int = 0, copy_text: str = "") -> str:
    """The chat bubble: escaped answer text whose ``[n]`` link to source n; a table answer
    as an HTML table, "- " items as a list. With ``turn`` (the answer's number in the
    conversation) the bubble carries its own sources, folded under it, so a citation in an
    earlier answer still leads to that answer's passage after later questions. ``copy_text``
    (the answer as clean text with its sources) is what the bubble's 复制 button copies —
    not the bubble's HTML."""
    parts: list[str] = []
    bullets: list[str] = []
    table_done = False
    for line in answer.answer.split("\n"):
        if answer.kind == "table" and answer.rows and line.startswith("|"):
            if not table_done:
                parts.append(_table_html(answer, turn))
                table_done = True
            continue
        if line.startswith("- "):
            bullets.append(f"<li>{_cites(html.escape(line[2:]), turn)}</li>")
            continue
        if bullets:
            parts.append(f"<ul>{''.join(bullets)}</ul>")
            bullets = []
        parts.append(_cites(html.escape(line), turn))
    if bullets:
        parts.append(f"<ul>{''.join(bullets)}</ul>")
    text = "<br>".join(p for p in parts if p)
    if answer.refused:
        text = f'<div class="refusal"><b>未找到答案</b><br>{text}</div>'
    if turn and answer.citations:
        texts = {str(c["chunk_id"]): str(c["text"]) for c in answer.contexts}
        blocks = "".join(_source_block(c, texts.get(c.chunk_id, c.quote), f"src-{turn}-", opened=False)
                         for c in answer.citations)
        label = "最接近的内容" if answer.refused else f"来源（{len(answer.citations)}）"
        # No newline may stay in a bubble: a blank line ends its HTML block for the Markdown renderer.
        blocks = blocks.replace("\r", "").replace("\n", "<br>")
        text += f'<details class="answer-sources"><summary>{label}</summary>{blocks}</details>'
    if copy_text:
        # The text rides in a hidden span: the chat's sanitizer drops data-* attributes.
        text += (f'<div class="answer-tools"><button class="copy-answer" type="button">复制回答（含来源）</button>'
                 f'<span class="copy-text">{_inline(copy_text)}</span></div>')
    return text


def _inline(text: str) -> str:
    """Escaped text inside a chat bubble whose newlines survive as character references: a
    blank line would end the bubble's HTML block for the Markdown renderer and spill the rest."""
    return html.escape(text, quote=False).replace("\r", "").replace("\n", "&#10;")


def highlight(passage: str, quote: str) -> str:
    """Escaped passage with the quoted sentence wrapped in <mark>."""
    pos = passage.find(quote) if quote else -1
    if pos < 0:
        return html.escape(passage) + (f"<br><mark>{html.escape(quote)}</mark>" if quote else "")
    return (html.escape(passage[:pos]) + f"<mark>{html.escape(quote)}</mark>"
            + html.escape(passage[pos + len(quote):]))


def _source_block(c: Citation, passage: str, prefix: str = "src-", opened: bool = True) -> str:
    meta = " · ".join(html.escape(str(v)) for v in (c.street, f"{c.year}年" if c.year else "", c.source,
                                                     f"发布日期 {c.published}" if c.published else "") if v)
    section = f'<div class="src-section">§ {html.escape(c.section)}</div>' if c.section else ""
    return (f'<details class="src" id="{prefix}{c.n}"{" open" if opened else ""}><summary>[{c.n}] {html.escape(c.title)}</summary>'
            f'<div class="src-meta">{meta}</div>{section}'
            f'<div class="src-text">{highlight(passage, c.quote)}</div></details>')


def sources_html(answer: Answer | None) -> str:
    """The sources panel: one block per citation, supporting sentence highlighted."""
    if answer is None:
        return '<div class="src-empty">提问后，这里显示回答所依据的原文段落。</div>'
    if not answer.citations:
        return '<div class="src-empty">本次回答没有可引用的段落。</div>'
    texts = {str(c["chunk_id"]): str(c["text"]) for c in answer.contexts}
    head = "最接近的内容（不是答案）" if answer.refused else "引用来源"
    blocks = "".join(_source_block(c, texts.get(c.chunk_id, c.quote)) for c in answer.citations)
    notes = "".join(f'<div class="src-note">注：{html.escape(n)}</div>' for n in answer.notes)
    return f'<div class="sources"><h4>{head}</h4>{blocks}{notes}</div>'


def rewritten_note(answer: Answer) -> str:
    if answer.reworded:
        return f"理解为：{html.escape(answer.rewritten_question)}"
    return ""


CSS = """
.refusal { border-left: 4px solid #d97706; padding-left: 8px; }
.answer-table { border-collapse: collapse; margin: 4px 0; }
.answer-table th, .answer-table td { border: 1px solid #d1d5db; padding: 2px 8px; }
a.cite { text-decoration: none; font-weight: 600; }
.sources h4 { margin: 4px 0; }
details.src { border: 1px solid #ddd; border-radius: 6px; padding: 6px 8px; margin: 6px 0; }
details.src:target { border-color: #2563eb; box-shadow: 0 0 0 2px #93c5fd; }
.src-meta, .src-section, .src-note { color: #666; font-size: 0.85em; }
.src-text { white-space: pre-wrap; margin-top: 4px; }
.src-text mark { background: #fde68a; }
#rewritten { color: #888; font-size: 0.85em; min-height: 1em; }
details.answer-sources { margin-top: 6px; font-size: 0.9em; }
span.answer-id { display: none; }
details.answer-sources > summary { cursor: pointer; color: #2563eb; }
.answer-tools { margin-top: 4px; }
span.copy-text { display: none; }
button.copy-answer { font-size: 0.8em; color: #555; border: 1px solid #ccc; border-radius: 4px; padding: 0 6px;
  background: transparent; cursor: pointer; }
#doc-cards { display: none; }
.doc-card { border: 1px solid #ddd; border-radius: 8px; padding: 8px; margin: 6px 0; }
.doc-card .doc-title { font-weight: 600; }
.doc-card .doc-meta { color: #666; font-size: 0.85em; }
/* A phone: one column (Gradio wraps the rows), sources under each answer instead of beside the
   chat, documents as cards instead of a wide table. */
@media (max-width: 700px) {
  #sources { display: none; }
  #documents { display: none; }
  #doc-cards { display: block; }
  #chat { height: 60vh !important; }
}
"""

# Put in the page's <head>: a citation link opens the folded source it points to (and every
# fold around it), then scrolls to it — the browser alone would jump to a closed <details>
# and show nothing.
PAGE_HEAD = """
<script>
window.addEventListener("hashchange", () => {
  const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!el) return;
  for (let d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
  el.open = true;
  el.scrollIntoView({block: "center"});
});
// Gradio's screen-reader labels are English whatever the language; staff's screen readers get Chinese.
const ARIA_ZH = {"More tabs": "更多标签页", "chatbot conversation": "对话记录", "Dataframe": "表格",
  "Open cell menu": "单元格菜单", "File upload": "上传文件", "Click to upload or drop files": "点击上传或拖入文件",
  "Table actions": "表格操作", "Copy table data": "复制表格", "Fullscreen": "全屏"};
const ARIA_PREFIX = [["user's message: ", "提问："], ["bot's message: ", "回答："]];
function chineseLabel(el) {
  const label = el.getAttribute("aria-label");
  if (!label) return;
  let zh = ARIA_ZH[label];
  for (const [en, cn] of ARIA_PREFIX) if (label.startsWith(en)) zh = cn + new DOMParser().parseFromString(label.slice(en.length), "text/html").body.textContent;
  if (zh !== undefined && zh !== label) el.setAttribute("aria-label", zh);
}
new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.type === "attributes") chineseLabel(change.target);
    for (const node of change.addedNodes || []) {
      if (node.nodeType !== 1) continue;
      chineseLabel(node);
      node.querySelectorAll("[aria-label]").forEach(chineseLabel);
    }
  }
}).observe(document.documentElement, {subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label"]});
// 复制回答: the answer as clean text with its sources (the button carries it), not the bubble's HTML.
document.addEventListener("click", async (event) => {
  const button = event.target.closest && event.target.closest("button.copy-answer");
  if (!button) return;
  const holder = button.parentElement && button.parentElement.querySelector(".copy-text");
  const text = holder ? holder.textContent : "";
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    const area = document.createElement("textarea");
    area.value = text; document.body.appendChild(area); area.select();
    document.execCommand("copy"); area.remove();
  }
  const label = button.textContent;
  button.textContent = "已复制";
  setTimeout(() => { button.textContent = label; }, 1500);
});
</script>
"""
