"""The Gradio Blocks page staff use: chat with checkable sources, filters, and
a documents tab. Layout and wiring only — behaviour lives in ``ui.callbacks``."""

from __future__ import annotations

import sys
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
# Runs in the browser before the removal: a cancelled confirmation sends no document, and the
# callback answers "请先选择要移除的文档。".
CONFIRM_REMOVE = "(doc) => (doc && window.confirm('确定从索引中移除所选文档吗？移除后需重新导入才能恢复。')) ? [doc] : [null]"


def build_app(service: Service) -> gr.Blocks:
    cb = Callbacks(service)
    settings = service.settings
    streets, years, docs = cb.filter_choices()
    with gr.Blocks(title="街道工作文件问答") as demo:
        turn = gr.State(None)  # a Turn per browser session, created on first question
        # The conversation kept in the browser (localStorage): a reload or a server restart
        # brings back the questions, the answers with their own sources, and the follow-up memory.
        saved = gr.BrowserState(Callbacks.saved_conversation([], None), storage_key="workplan-conversation")
        gr.Markdown("## 街道工作文件问答\n根据已收录的工作计划、总结和报告回答问题，每句回答都标注出处，点击 [编号] 查看原文。")
        with gr.Tab("问答"), gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="对话", height=480, buttons=["copy", "copy_all"], elem_id="chat",
                                     feedback_options=("Like", "Dislike"),
                                     placeholder="请输入问题，例如：长寿路2023年加梯完成多少台")
                rewritten = gr.Markdown("", elem_id="rewritten")
                with gr.Row():
                    chips = gr.Markdown("", elem_id="filter-chips")
                    clear_filters = gr.Button("清除筛选", size="sm", visible=False, elem_id="clear-filters", scale=0)
                with gr.Row():
                    # No max_length: an over-long question gets a message saying the limit, never a silent cut.
                    box = gr.Textbox(placeholder="在这里输入问题，按回车发送", show_label=False, scale=5,
                                     elem_id="question")
                    send = gr.Button("发送", variant="primary", scale=1, elem_id="send")
                with gr.Row():
                    clear = gr.Button("新对话", size="sm")
                gr.Examples(EXAMPLES, inputs=box, label="示例问题")
                with gr.Accordion("对回答的意见（可选）", open=False):
                    comment = gr.Textbox(label="补充说明", placeholder="点赞/点踩时会一并记录这段说明", lines=2)
                    feedback_status = gr.Markdown("")
            with gr.Column(scale=2):
                with gr.Accordion("筛选范围", open=False):
                    street = gr.Dropdown(streets, value=ALL, label="街道/镇")
                    year = gr.Dropdown(years, value=ALL, label="年份")
                    doc = gr.Dropdown(docs, value=ALL, label="文档")
                sources = gr.HTML(sources_html(None), elem_id="sources")
        with gr.Tab("文档管理"):
            doc_search = gr.Textbox(placeholder="按标题、街道、年份或文件名查找", show_label=False, elem_id="doc-search")
            table = gr.Dataframe(value=cb.documents_rows(), headers=DOC_HEADERS, interactive=False,
                                 elem_id="documents", wrap=True)
            doc_search.change(cb.documents_rows, doc_search, table)
            upload = gr.File(label=f"上传文件（{'、'.join(SUPPORTED_SUFFIXES)}，单个不超过 {settings.max_file_mb:g} MB）",
                             file_count="multiple", file_types=list(SUPPORTED_SUFFIXES), elem_id="upload")
            upload_btn = gr.Button("导入所选文件", variant="primary", elem_id="upload-btn")
            upload_status = gr.Markdown("", elem_id="upload-status")
            with gr.Row():
                # Never pre-selected: removing must be a choice, and it asks for confirmation.
                remove_pick = gr.Dropdown(docs[1:], value=None, label="移除文档", scale=4)
                remove_btn = gr.Button("移除", variant="stop", scale=1)
            remove_status = gr.Markdown("")

        def on_filters(s: str, y: str, d: str) -> tuple[Any, Any]:
            text = cb.filter_chips(s, y, d)
            return text, gr.update(visible=bool(text))

        for dropdown in (street, year, doc):
            dropdown.change(on_filters, [street, year, doc], [chips, clear_filters])
        clear_filters.click(lambda: (ALL, ALL, ALL), None, [street, year, doc])

        chat_outputs = [chatbot, sources, rewritten, turn, box]
        for trigger in (box.submit, send.click):
            trigger(cb.respond, [box, chatbot, turn, street, year, doc], chat_outputs).then(
                Callbacks.saved_conversation, [chatbot, turn], saved)
        gr.api(cb.ask_json, api_name="ask")
        clear.click(lambda: ([], sources_html(None), "", Turn(), "", Callbacks.saved_conversation([], None)), None,
                    [*chat_outputs, saved])
        demo.load(Callbacks.restored_conversation, saved, [chatbot, turn])

        def on_like(data: gr.LikeData, note: str, state: Turn) -> tuple[str, str]:
            return cb.feedback(cb.answer_index(data.index), data.liked, note, state, data.value), ""

        chatbot.like(on_like, [comment, turn], [feedback_status, comment])

        def refreshed() -> tuple[Any, ...]:
            s, y, d = cb.filter_choices()
            return (cb.documents_rows(), gr.update(choices=s), gr.update(choices=y), gr.update(choices=d),
                    gr.update(choices=d[1:], value=None))

        refresh_outputs = [table, street, year, doc, remove_pick]

        def on_upload(files: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
            return (cb.upload(files, progress), None, *refreshed())

        upload_btn.click(on_upload, [upload], [upload_status, upload, *refresh_outputs], show_progress_on=[upload])
        remove_btn.click(lambda d: (cb.remove(d), *refreshed()), [remove_pick], [remove_status, *refresh_outputs],
                         js=CONFIRM_REMOVE)
    demo.queue(default_concurrency_limit=8)
    return demo


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
