"""The Gradio Blocks page staff use: chat with checkable sources, filters, and
a documents tab. Layout and wiring only — behaviour lives in ``ui.callbacks``."""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from assistant.service import Service, open_service
from core.settings import Settings
from ingest.loaders import SUPPORTED_SUFFIXES
from ui.callbacks import ALL, Callbacks, Turn
from ui.render import CSS, PAGE_HEAD, sources_html

EXAMPLES = [
    "长寿路2023年加梯完成多少台",
    "万里街道2020年工作要点有哪些重点任务？",
    "五角场街道2017年的工作安排包括什么？",
    "金杨新村街道2020年垃圾分类做得怎么样？",
]
DOC_HEADERS = ["标题", "街道/镇（区）", "类型", "年份", "发布日期", "段落数", "读取说明", "文件"]
NO_CLIENT = {"client": "", "current": ""}


def user_of(request: gr.Request | None, client: dict[str, str] | None) -> str:
    """Whose conversations these are: the login when the page has ``--auth``, else the random
    id this browser keeps (so two browsers without a login never see each other's chats)."""
    name = getattr(request, "username", None) if request is not None else None
    if name:
        return f"user:{name}"
    return f"browser:{with_client(client)['client']}"


def with_client(kept: dict[str, str] | None) -> dict[str, str]:
    """The browser's stored state, with its random id made on first use: never a shared bucket."""
    kept = {**NO_CLIENT, **(kept or {})}
    if not kept["client"]:
        kept["client"] = uuid.uuid4().hex
    return kept


EXPORT_KEEP_S = 3600  # exported files are served from a temp folder and deleted after an hour


def export_folder() -> Path:
    """One folder for this process's exports (Gradio serves files from the temp dir); files older
    than ``EXPORT_KEEP_S`` are deleted as new ones are made."""
    folder = Path(tempfile.gettempdir()) / f"workplan-exports-{os.getpid()}"
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in folder.iterdir():
        if now - old.stat().st_mtime > EXPORT_KEEP_S:
            old.unlink(missing_ok=True)
    return folder


def build_app(service: Service) -> gr.Blocks:
    cb = Callbacks(service)
    settings = service.settings
    streets, years, docs = cb.filter_choices()
    with gr.Blocks(title="街道工作文件问答") as demo:
        turn = gr.State(None)  # this tab's conversation (a Turn), stored on the server after each answer
        # What the browser keeps: its own random id and which conversation was open. The secret is
        # kept under WORKPLAN_HOME, so a restarted server still reads it.
        client = gr.BrowserState(NO_CLIENT, storage_key="workplan-client", secret=browser_secret(settings))
        gr.Markdown("## 街道工作文件问答\n根据已收录的工作计划、总结和报告回答问题，每句回答都标注出处，点击 [编号] 查看原文。")
        with gr.Tab("问答"), gr.Row():
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(label="对话", height=480, buttons=[], elem_id="chat",
                                     feedback_options=("Like", "Dislike"),
                                     examples=[{"text": q} for q in EXAMPLES],
                                     placeholder="请输入问题，或点一个示例问题")
                rewritten = gr.Markdown("", elem_id="rewritten")
                with gr.Row():
                    chips = gr.Markdown("", elem_id="filter-chips")
                    clear_filters = gr.Button("清除筛选", size="sm", visible=False, elem_id="clear-filters", scale=0)
                with gr.Row():
                    # No max_length: an over-long question gets a message saying the limit, never a silent cut.
                    box = gr.Textbox(label="问题", placeholder="在这里输入问题，按回车发送", show_label=False, scale=5,
                                     elem_id="question")
                    send = gr.Button("发送", variant="primary", scale=1, elem_id="send", min_width=60)
                with gr.Row():
                    clear = gr.Button("新对话", size="sm", elem_id="new-chat")
                    export_md = gr.Button("导出 Markdown", size="sm", elem_id="export-md")
                    export_docx = gr.Button("导出 Word", size="sm", elem_id="export-docx")
                export_file = gr.File(label="导出的文件", visible=False, elem_id="export-file", interactive=False)
                export_status = gr.Markdown("", elem_id="export-status")
                with gr.Group(visible=False, elem_id="feedback-box") as feedback_box:
                    feedback_status = gr.Markdown("", elem_id="feedback-status")
                    comment = gr.Textbox(label="补充说明（可选）", placeholder="哪里不对、缺了什么？", lines=2,
                                         elem_id="feedback-comment")
                    comment_btn = gr.Button("提交说明", size="sm", elem_id="feedback-submit")
            with gr.Column(scale=2, min_width=320):
                with gr.Accordion("历史对话", open=True):
                    history = gr.Dropdown([], value=None, label="打开以前的对话", elem_id="history")
                    with gr.Row():
                        rename_box = gr.Textbox(label="新名称", placeholder="给当前对话起个名字", show_label=False, scale=3,
                                                elem_id="rename-box")
                        rename_btn = gr.Button("重命名", size="sm", scale=1, min_width=60, elem_id="rename")
                        delete_btn = gr.Button("删除", size="sm", variant="stop", scale=1, min_width=60,
                                               elem_id="delete-chat")
                    with gr.Group(visible=False, elem_id="delete-confirm") as delete_box:
                        gr.Markdown("确定删除当前这段对话吗？删除后无法恢复。")
                        with gr.Row():
                            delete_yes = gr.Button("确认删除", variant="stop", size="sm", elem_id="delete-yes")
                            delete_no = gr.Button("取消", size="sm", elem_id="delete-no")
                    history_status = gr.Markdown("", elem_id="history-status")
                with gr.Accordion("筛选范围", open=False):
                    street = gr.Dropdown(streets, value=ALL, label="街道/镇", elem_id="filter-street")
                    year = gr.Dropdown(years, value=ALL, label="年份", elem_id="filter-year")
                    doc = gr.Dropdown(docs, value=ALL, label="文档", elem_id="filter-doc")
                sources = gr.HTML(sources_html(None), elem_id="sources")
        with gr.Tab("文档管理"):
            doc_search = gr.Textbox(label="查找文档", placeholder="按标题、街道、年份或文件名查找", show_label=False,
                                    elem_id="doc-search")
            table = gr.Dataframe(value=cb.documents_rows(), headers=DOC_HEADERS, interactive=False,
                                 elem_id="documents", wrap=True, buttons=[])
            cards = gr.HTML(cb.documents_cards(), elem_id="doc-cards")
            upload = gr.File(label=f"上传文件（{'、'.join(SUPPORTED_SUFFIXES)}，单个不超过 {settings.max_file_mb:g} MB）",
                             file_count="multiple", file_types=list(SUPPORTED_SUFFIXES), elem_id="upload")
            upload_btn = gr.Button("导入所选文件", variant="primary", elem_id="upload-btn")
            upload_status = gr.Markdown("", elem_id="upload-status")
            with gr.Row():
                # Never pre-selected: a click on a table row, or a choice here, picks the document.
                remove_pick = gr.Dropdown(docs[1:], value=None, label="要移除的文档（点表格中的一行，或在此选择）",
                                          scale=4, elem_id="remove-pick")
                remove_btn = gr.Button("移除…", variant="stop", scale=1, elem_id="remove")
            with gr.Group(visible=False, elem_id="remove-confirm") as confirm_box:
                confirm_text = gr.Markdown("", elem_id="remove-confirm-text")
                with gr.Row():
                    confirm_btn = gr.Button("确认移除", variant="stop", elem_id="remove-yes")
                    cancel_btn = gr.Button("取消", elem_id="remove-no")
            removed = gr.State(None)  # the last removed document, for 撤销
            with gr.Row():
                remove_status = gr.Markdown("", elem_id="remove-status")
                undo_btn = gr.Button("撤销移除", visible=False, elem_id="undo-remove", scale=0)

        # -- filters --------------------------------------------------------------
        def on_filters(s: str, y: str, d: str) -> tuple[Any, Any]:
            text = cb.filter_chips(s, y, d)
            return text, gr.update(visible=bool(text))

        for dropdown in (street, year, doc):
            dropdown.change(on_filters, [street, year, doc], [chips, clear_filters])
        clear_filters.click(lambda: (ALL, ALL, ALL), None, [street, year, doc])

        # -- asking ---------------------------------------------------------------
        def stored(chat: list[dict[str, Any]], state: Turn | None, kept: dict[str, str] | None,
                   request: gr.Request) -> tuple[Any, ...]:
            kept = with_client(kept)
            if state is None or not state.answers:
                return kept, gr.update(), state
            user = user_of(request, kept)
            cb.store(user, chat, state)  # a conversation changed in another tab meanwhile is kept as a new one
            return {**kept, "current": state.id}, gr.update(choices=cb.history(user), value=state.id), state

        chat_outputs = [chatbot, sources, rewritten, turn, box]
        for trigger in (box.submit, send.click):
            trigger(cb.respond, [box, chatbot, turn, street, year, doc], chat_outputs).then(
                stored, [chatbot, turn, client], [client, history, turn])

        def on_example(data: gr.SelectData, chat: list[dict[str, Any]], state: Turn | None, s: str, y: str,
                       d: str) -> Any:
            yield from cb.respond(str((data.value or {}).get("text", "")), chat, state, s, y, d)

        chatbot.example_select(on_example, [chatbot, turn, street, year, doc], chat_outputs).then(
            stored, [chatbot, turn, client], [client, history, turn])
        gr.api(cb.ask_json, api_name="ask")

        # -- conversations --------------------------------------------------------
        # Opening, starting or deleting a conversation resets the same things: the chat, its sources,
        # the understood question, the memory, the box, which one is open, and the export/feedback panels.
        reset_outputs = [*chat_outputs, client, history, export_status, export_file, feedback_box, delete_box]

        def opened(chat: list[dict[str, Any]], state: Turn, kept: dict[str, str], choices: Any = None) -> tuple[Any, ...]:
            current = state.id if chat else ""
            listed = gr.update(value=current or None) if choices is None else gr.update(choices=choices,
                                                                                          value=current or None)
            return (chat, sources_html(None), "", state, "", {**kept, "current": current}, listed, "",
                    gr.update(value=None, visible=False), gr.update(visible=False), gr.update(visible=False))

        def on_load(kept: dict[str, str] | None, request: gr.Request) -> tuple[Any, ...]:
            kept = with_client(kept)
            user = user_of(request, kept)
            chat, state = cb.open_conversation(user, kept["current"])
            restored = list(opened(chat, state, kept, cb.history(user)))
            restored[chat_outputs.index(box)] = gr.update()  # never wipe what was typed while the page loaded
            return tuple(restored)

        demo.load(on_load, client, reset_outputs)

        def new_chat(kept: dict[str, str] | None) -> tuple[Any, ...]:
            return opened([], Turn(), with_client(kept))

        clear.click(new_chat, client, reset_outputs)
        # The chat's own 🗑 (清空对话) starts over too: no follow-up memory or sources survive it.
        chatbot.clear(new_chat, client, reset_outputs)

        def on_history(conv_id: str | None, kept: dict[str, str] | None, request: gr.Request) -> tuple[Any, ...]:
            kept = with_client(kept)
            chat, state = cb.open_conversation(user_of(request, kept), conv_id)
            return opened(chat, state, kept)

        history.input(on_history, [history, client], reset_outputs)

        def on_rename(title: str, state: Turn | None, kept: dict[str, str] | None,
                      request: gr.Request) -> tuple[Any, ...]:
            user = user_of(request, with_client(kept))
            message = cb.rename_conversation(user, state.id if state else None, title)
            return message, "", gr.update(choices=cb.history(user), value=state.id if state and state.answers else None)

        rename_btn.click(on_rename, [rename_box, turn, client], [history_status, rename_box, history])
        # Deleting asks first, in the page (a browser dialog cannot be tested or styled, and Gradio
        # reads a State input from the server whatever the dialog answers).
        delete_btn.click(lambda: gr.update(visible=True), None, delete_box)
        delete_no.click(lambda: (gr.update(visible=False), "已取消，对话未删除。"), None, [delete_box, history_status])

        def on_delete(state: Turn | None, kept: dict[str, str] | None, request: gr.Request) -> tuple[Any, ...]:
            kept = with_client(kept)
            user = user_of(request, kept)
            message = cb.delete_conversation(user, state.id if state else None)
            return (*opened([], Turn(), kept, cb.history(user)), message)

        delete_yes.click(on_delete, [turn, client], [*reset_outputs, history_status])

        def on_export(fmt: str) -> Any:
            def run(state: Turn | None, kept: dict[str, str], request: gr.Request) -> tuple[Any, str]:
                path, message = cb.export(user_of(request, with_client(kept)), state, fmt, export_folder())
                return gr.update(value=str(path) if path else None, visible=path is not None), message
            return run

        export_md.click(on_export("md"), [turn, client], [export_file, export_status])
        export_docx.click(on_export("docx"), [turn, client], [export_file, export_status])

        # -- feedback: the thumb first, then an optional comment on the same answer -----------------
        def on_like(data: gr.LikeData, state: Turn) -> tuple[Any, ...]:
            rated = {"index": cb.answer_index(data.index), "liked": data.liked, "message": data.value}
            message = cb.feedback(rated["index"], data.liked, "", state, data.value)
            return message, gr.update(visible=message.startswith("感谢")), rated, ""

        rated = gr.State(None)
        chatbot.like(on_like, [turn], [feedback_status, feedback_box, rated, comment])

        def on_comment(note: str, last: dict[str, Any] | None, state: Turn) -> tuple[str, str]:
            if not last or not (note or "").strip():
                return "请先写下说明。", note
            return cb.feedback(last["index"], last["liked"], note, state, last["message"], kind="comment"), ""

        comment_btn.click(on_comment, [comment, rated, turn], [feedback_status, comment])

        # -- documents ------------------------------------------------------------
        def refreshed(search: str = "") -> tuple[Any, ...]:
            s, y, d = cb.filter_choices()
            return (cb.documents_rows(search), cb.documents_cards(search), gr.update(choices=s), gr.update(choices=y),
                    gr.update(choices=d), gr.update(choices=d[1:], value=None))

        refresh_outputs = [table, cards, street, year, doc, remove_pick]
        doc_search.change(lambda q: (cb.documents_rows(q), cb.documents_cards(q)), doc_search, [table, cards])

        def on_upload(files: list[str] | None, search: str,
                      progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
            return (cb.upload(files, progress), None, *refreshed(search))

        upload_btn.click(on_upload, [upload, doc_search], [upload_status, upload, *refresh_outputs],
                         show_progress_on=[upload])

        def on_row(data: gr.SelectData, search: str) -> Any:
            return gr.update(value=cb.document_at(search, data.index[0] if isinstance(data.index, list) else data.index))

        table.select(on_row, doc_search, remove_pick)

        asked_remove = gr.State(None)  # the document the open confirmation names — the one removed

        def ask_confirm(doc_id: str | None) -> tuple[Any, ...]:
            text = cb.confirm_text(doc_id)
            return gr.update(visible=bool(text)), text, "" if text else "请先选择要移除的文档。", doc_id if text else None

        remove_btn.click(ask_confirm, remove_pick, [confirm_box, confirm_text, remove_status, asked_remove])
        # Another pick closes an open confirmation: it named the previous document.
        remove_pick.change(lambda: (gr.update(visible=False), None), None, [confirm_box, asked_remove])
        cancel_btn.click(lambda: (gr.update(visible=False), "已取消，未移除任何文档。"), None, [confirm_box, remove_status])

        def on_remove(doc_id: str | None, search: str) -> tuple[Any, ...]:
            message = cb.remove(doc_id)
            done = message.startswith("已移除")
            return (gr.update(visible=False), message, gr.update(visible=done), doc_id if done else None,
                    *refreshed(search))

        confirm_btn.click(on_remove, [asked_remove, doc_search],
                          [confirm_box, remove_status, undo_btn, removed, *refresh_outputs])

        def on_undo(doc_id: str | None, search: str) -> tuple[Any, ...]:
            return (cb.undo_remove(doc_id), gr.update(visible=False), None, *refreshed(search))

        undo_btn.click(on_undo, [removed, doc_search], [remove_status, undo_btn, removed, *refresh_outputs])
    demo.queue(default_concurrency_limit=8)
    return demo


def browser_secret(settings: Settings) -> str:
    """The key Gradio encrypts the browser's stored state with, kept under WORKPLAN_HOME so a
    restarted server can still read what browsers stored (Gradio's default is new per start)."""
    path = settings.ensure_home() / "browser-state.key"
    if not path.is_file():
        path.write_text(secrets.token_hex(16), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def parse_auth(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ValueError("--auth 的格式应为 用户名:密码")
    return user, password


_NAVIGATOR_ZH = (b'<script>try{Object.defineProperty(navigator,"language",{get:()=>"zh-CN"});'
                 b'Object.defineProperty(navigator,"languages",{get:()=>["zh-CN","zh"]});}catch(e){}</script>')


class ChineseFirst:
    """ASGI middleware: the page is Chinese whatever the browser's language. Gradio picks the
    language of its own strings ("Drop File Here", "Copy message", "Error") from
    ``navigator.language`` as soon as its script starts, and staff browsers are often set to
    English; so the page's HTML gets, first thing in <head>, a script that reports zh-CN."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http" or scope.get("method") != "GET" or scope.get("path") not in ("/", ""):
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        body = bytearray()

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body"):
                return
            html_page = bytes(body)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            if any(k.lower() == b"content-type" and b"text/html" in v for k, v in headers):
                html_page = html_page.replace(b"<head>", b"<head>" + _NAVIGATOR_ZH, 1)
            await send({**start, "headers": [*headers, (b"content-length", str(len(html_page)).encode())]})
            await send({"type": "http.response.body", "body": html_page})

        await self.app(scope, receive, capture)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None,
          block: bool = True) -> Any:
    """Build the index on first start, then serve the page."""
    credentials = parse_auth(auth or settings.ui_auth)
    if host not in ("127.0.0.1", "localhost", "::1") and credentials is None:
        print(f"警告：页面将对网络开放（{host}），但未设置登录口令；建议加 --auth 用户名:密码", file=sys.stderr)
    demo = build_app(open_service(settings, warm=True))
    print(f"问答页面：http://{host}:{port}", file=sys.stderr)
    demo.launch(server_name=host, server_port=port, auth=credentials, css=CSS, head=PAGE_HEAD, prevent_thread_lock=not block,
                max_file_size=f"{int(settings.max_file_mb)}mb", footer_links=[], quiet=True,
                app_kwargs={"middleware": [Middleware(ChineseFirst)]})
    return demo
