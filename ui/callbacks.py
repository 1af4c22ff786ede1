"""What the page's buttons do — plain methods over the same chain the CLI uses,
so they are tested without a browser and the UI holds no logic of its own."""

from __future__ import annotations

import html
import json
import re
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.answer import Answer
from assistant.service import Service
from core.errors import WorkplanError
from ui.conversations import TITLE_MAX, ConversationStore, default_title, new_id
from ui.export import conversation_docx, conversation_markdown, plain_answer
from ui.render import answer_markdown, rewritten_note, sources_html
from ui.uploads import import_files, remove_document, restore_document, upload_folder

ALL = "全部"


@dataclass
class Turn:
    """One conversation's memory: its id (where it is stored), earlier questions (for
    follow-ups) and answers (for feedback, copy and export)."""

    questions: list[str] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    id: str = field(default_factory=new_id)


# What a stored answer keeps: enough to show, rate, copy and export it — not the passages.
_KEPT = ("answer_id", "question", "rewritten_question", "answer", "refused", "kind", "rows", "filters", "generation",
         "citations")


class Callbacks:
    def __init__(self, service: Service) -> None:
        self.assistant = service.assistant
        self.library = service.library
        self.settings = service.settings
        self._feedback_lock = threading.Lock()
        self.conversations = ConversationStore(self.settings.home / "conversations",
                                               self.settings.conversation_retention_days,
                                               self.settings.conversations_per_user)

    # -- chat -------------------------------------------------------------------
    def filter_choices(self) -> tuple[list[str], list[str], list[tuple[str, str]]]:
        docs = self.library.documents()
        streets = [ALL, *self.library.streets()]
        years = [ALL, *(str(y) for y in self.library.years())]
        documents = [(ALL, ALL)] + [(f"{d.title[:30]}（{d.source}）", d.doc_id) for d in docs]
        return streets, years, documents

    def filter_chips(self, street: str | None, year: str | None, doc: str | None) -> str:
        """The active filters, shown above the input so a folded 筛选范围 never hides that
        answers are being limited ('' when none is on)."""
        chosen = self.filters(street, year, doc)
        chips = []
        if chosen["street"]:
            chips.append(f"街道：{chosen['street']}")
        if chosen["year"]:
            chips.append(f"年份：{chosen['year']}年")
        if chosen["doc_id"]:
            info = self.library.document(chosen["doc_id"])
            chips.append(f"文档：{info.title[:24] if info else chosen['doc_id']}")
        if not chips:
            return ""
        return "🔎 已按筛选条件查找 — " + " ｜ ".join(f"`{html.escape(c)}`" for c in chips)

    @staticmethod
    def filters(street: str | None, year: str | None, doc: str | None) -> dict[str, Any]:
        return {
            "street": street if street and street != ALL else None,
            "year": int(year) if year and year != ALL else None,
            "doc_id": doc if doc and doc != ALL else None,
        }

    def respond(self, message: str, chat: list[dict[str, Any]], turn: Turn | None, street: str | None = None,
                year: str | None = None, doc: str | None = None) -> Iterator[tuple[list[dict[str, Any]], str, str, Turn, str]]:
        """Stream one answer: yields (chat, sources html, rewritten note, turn, textbox)."""
        turn = turn or Turn()
        if not (message or "").strip():  # an empty Enter sends nothing and adds no bubble
            yield list(chat or []), sources_html(None), "", turn, ""
            return
        # The user's own text is shown as text: "<script>" must not become an empty bubble.
        chat = [*(chat or []), {"role": "user", "content": html.escape(message)}]
        try:
            stream = self.assistant.stream(message, history=list(turn.questions), **self.filters(street, year, doc))
            partial = ""
            for piece in stream:
                if isinstance(piece, str):
                    partial += piece
                    yield [*chat, {"role": "assistant", "content": partial + " …"}], sources_html(None), "", turn, ""
                    continue
                answer: Answer = piece
        except WorkplanError as exc:
            # The question stays in the box (an over-long paste can be shortened, not retyped).
            yield [*chat, {"role": "assistant", "content": f"⚠️ {exc.message_zh}"}], sources_html(None), "", turn, message
            return
        turn.questions.append(answer.rewritten_question or message)
        answer_id = uuid.uuid4().hex[:12]
        record = {**answer.to_dict(), "answer_id": answer_id, "filters": self.filters(street, year, doc),
                  "generation": self.library.generation()}
        turn.answers.append({k: record.get(k) for k in _KEPT})
        bubble = (answer_markdown(answer, turn=len(turn.answers), copy_text=plain_answer(record, with_question=True))
                  + f'<span class="answer-id" data-answer-id="{answer_id}"></span>')
        chat.append({"role": "assistant", "content": bubble})
        yield chat, sources_html(answer), rewritten_note(answer), turn, ""

    def ask_json(self, question: str, history: list[str] | None = None, street: str | None = None,
                 year: str | None = None, doc: str | None = None) -> dict[str, Any]:
        """The API endpoint: the batch contract for one question (scripts, load tests)."""
        try:
            answer = self.assistant.ask(question, history=history or [], **self.filters(street, year, doc))
        except WorkplanError as exc:
            return {"question": question, "error": exc.message_zh}
        record = answer.to_dict()
        record.pop("notes", None)
        return record

    def feedback(self, index: int, liked: bool | None, comment: str, turn: Turn | None, message: Any = None,
                 kind: str = "rating") -> str:
        """Append one thumbs up/down (and optional comment) to ``feedback.jsonl``.

        The answer is found by the id its bubble carries (``message``, the liked message as
        the page sends it), so a cleared chat or an empty message never shifts a rating onto
        another answer; the position ``index`` is only the fallback for bubbles without one.
        """
        turn = turn or Turn()
        found = re.search(r"data-answer-id=\W*([0-9a-f]{12})", str(message) if message else "")
        by_id = {a.get("answer_id"): a for a in turn.answers}
        if found:
            answer = by_id.get(found.group(1), {})
        else:
            answer = turn.answers[index] if 0 <= index < len(turn.answers) else {}
        if not answer:
            return "未找到这条回答（可能已开始新对话），反馈未记录。"
        # kind "rating" is the thumb; "comment" is the note added after it on the same answer (not a second vote)
        record = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "kind": kind, "liked": liked, "comment": (comment or "").strip()[:2000],
            "answer_id": answer.get("answer_id"), "filters": answer.get("filters"),
            "generation": answer.get("generation"),
            "question": answer.get("question"), "rewritten_question": answer.get("rewritten_question"),
            "answer": answer.get("answer"), "refused": answer.get("refused"),
            "citations": [c["chunk_id"] for c in answer.get("citations", [])],
        }
        path = self.settings.ensure_home() / "feedback.jsonl"
        with self._feedback_lock, path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return "感谢反馈，已记录。"

    # -- conversations ------------------------------------------------------------
    def store(self, user: str, chat: list[dict[str, Any]] | None, turn: Turn | None) -> None:
        """Keep the conversation on the server (after each answer), under the user's folder. When
        another tab changed the same conversation meanwhile, this one is kept as a new conversation
        (``turn.id`` changes) rather than overwriting the other's answers."""
        if turn is not None:
            turn.id = self.conversations.save(user, turn.id, list(chat or []), list(turn.questions),
                                              list(turn.answers))

    def history(self, user: str) -> list[tuple[str, str]]:
        """The history list: (label, id), most recently used first."""
        return [(s.label(), s.id) for s in self.conversations.list(user)]

    def open_conversation(self, user: str, conv_id: str | None) -> tuple[list[dict[str, Any]], Turn]:
        """A stored conversation, or a fresh one when it is gone (deleted, expired, damaged)."""
        data = self.conversations.load(user, conv_id or "")
        if not data:
            return [], Turn()
        chat = [m for m in data.get("chat") or [] if isinstance(m, dict) and m.get("role") in ("user", "assistant")]
        return chat, Turn(questions=[str(q) for q in data.get("questions") or []],
                          answers=[a for a in data.get("answers") or [] if isinstance(a, dict)], id=data["id"])

    def rename_conversation(self, user: str, conv_id: str | None, title: str) -> str:
        if not (title or "").strip():
            return "请先输入新名称。"
        if not self.conversations.rename(user, conv_id or "", title):
            return "这段对话还没有保存（先提一个问题），或已被删除。"
        return f"已重命名为「{html.escape(' '.join(title.split())[:TITLE_MAX])}」。"

    def delete_conversation(self, user: str, conv_id: str | None) -> str:
        if not self.conversations.delete(user, conv_id or ""):
            return "这段对话还没有保存，或已被删除。"
        return "已删除这段对话。"

    def export(self, user: str, turn: Turn | None, fmt: str, folder: Path) -> tuple[Path | None, str]:
        """The conversation as a Markdown or Word file with every answer's sources."""
        if turn is None or not turn.answers:
            return None, "还没有可导出的问答。"
        stored = self.conversations.load(user, turn.id)  # its title may have been renamed
        title = str(stored["title"]) if stored else default_title(turn.questions)
        stamp = time.strftime("%Y%m%d-%H%M")
        folder.mkdir(parents=True, exist_ok=True)
        if fmt == "docx":
            path = folder / f"问答记录-{stamp}.docx"
            path.write_bytes(conversation_docx(title, turn.answers))
        else:
            path = folder / f"问答记录-{stamp}.md"
            path.write_text(conversation_markdown(title, turn.answers), encoding="utf-8")
        return path, f"已导出 {len(turn.answers)} 问（含来源）：{path.name}"

    @staticmethod
    def answer_index(chat_index: int | list[int] | tuple[int, ...]) -> int:
        """Chat message position → answer number (messages alternate user/assistant)."""
        i = chat_index[0] if isinstance(chat_index, list | tuple) else chat_index
        return int(i) // 2

    # -- documents --------------------------------------------------------------
    def _documents(self, search: str = "") -> list[tuple[str, list[Any]]]:
        """(doc_id, row) for the documents whose row holds every word of ``search``."""
        pairs = [
            (d.doc_id, [d.title, d.street or d.district or "—", d.doc_type or "—",
                        ",".join(str(y) for y in d.years) or "—", d.published or "—", d.chunk_count,
                        d.reading_note or "—", d.source])
            for d in self.library.documents()
        ]
        words = (search or "").split()
        return [(i, r) for i, r in pairs if all(any(w in str(cell) for cell in r) for w in words)]

    def documents_rows(self, search: str = "") -> list[list[Any]]:
        """The documents table: what staff recognise a document by first (its title, place,
        type, years), the file name last; ``search`` keeps rows where every word appears."""
        return [row for _, row in self._documents(search)]

    def document_at(self, search: str, row: int) -> str | None:
        """The document of a clicked table row (the table shows ``documents_rows(search)``)."""
        shown = self._documents(search)
        return shown[row][0] if 0 <= row < len(shown) else None

    def documents_cards(self, search: str = "") -> str:
        """The documents as cards, for a phone (a wide table does not fit 390 px)."""
        rows = self.documents_rows(search)
        if not rows:
            return '<div class="src-empty">没有符合条件的文档。</div>'
        cards = []
        for title, place, kind, years, published, chunks, note, source in rows:
            meta = " · ".join(str(v) for v in (place, kind, years, published, f"{chunks} 段") if v and v != "—")
            note_html = f'<div class="doc-meta">{html.escape(str(note))}</div>' if note and note != "—" else ""
            cards.append(f'<div class="doc-card"><div class="doc-title">{html.escape(str(title))}</div>'
                         f'<div class="doc-meta">{html.escape(meta)}</div>{note_html}'
                         f'<div class="doc-meta">{html.escape(str(source))}</div></div>')
        return "".join(cards)

    def upload_folder(self) -> Path:
        return upload_folder(self.settings)

    def upload(self, files: list[str] | None, progress: Any = None) -> str:
        """Check, copy into the upload folder, ingest incrementally; a Chinese report."""
        if not files:
            return "请先选择要上传的文件。"
        on_page = None
        if progress is not None:
            progress(0.1, desc="正在解析并建立索引…")

            def on_page(name: str, done: int, total: int) -> None:
                progress((done, total), desc=f"正在识别扫描件 {name}：第 {done}/{total} 页", unit="页")

        result = import_files([(Path(f).name, Path(f)) for f in files], self.library, self.settings, on_page)
        lines = []
        if result.imported:
            lines.append(f"已导入 {len(result.imported)} 个文件（{result.chunks} 个段落）：{'、'.join(result.imported)}")
        if result.unchanged:
            lines.append(f"内容未变，无需更新：{'、'.join(result.unchanged)}")
        if result.rejected:
            lines.append("未能导入：\n" + "\n".join(f"- {name}：{reason}" for name, reason in result.rejected))
        return "\n".join(lines)

    def confirm_text(self, doc_id: str | None) -> str:
        """The confirmation names the document, so nobody removes the wrong one."""
        info = self.library.document(doc_id) if doc_id else None
        if info is None:
            return ""
        minutes = self.settings.removal_undo_s / 60
        return (f"确定从索引中移除《{html.escape(info.title)}》（{html.escape(info.source)}）吗？"
                f"移除后 {minutes:g} 分钟内可以撤销。")

    def remove(self, doc_id: str | None) -> str:
        if not doc_id or doc_id == ALL:
            return "请先选择要移除的文档。"
        doc = remove_document(doc_id, self.library, self.settings)
        if doc is None:
            return "该文档已不在索引中。"
        return f"已移除：《{html.escape(doc.title)}》（{html.escape(doc.source)}）。"

    def undo_remove(self, doc_id: str | None) -> str:
        doc = restore_document(doc_id, self.library, self.settings) if doc_id else None
        if doc is None:
            return "无法撤销：已超过可撤销的时间，或文件已不存在。"
        return f"已恢复：《{html.escape(doc.title)}》（{html.escape(doc.source)}）。"
