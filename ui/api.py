"""The HTTP API other tools use, over the same service as the page and the CLI.

- ``POST /v1/chat/completions`` — OpenAI's chat-completions schema, so chat clients and
  workflow tools (Dify, Cherry Studio, Open WebUI, an office's own system) can use the
  documents as a "model": the last user message is the question, earlier user messages
  are the follow-up history, ``model`` names the backend (``workplan-extractive``,
  ``workplan-llm``); ``stream: true`` sends server-sent events in OpenAI's chunk format.
  The answer text carries the ``[n]`` markers; the full contract (citations, contexts,
  checks) rides in an extra ``workplan`` field that OpenAI clients ignore.
- ``GET /v1/models``, ``POST /v1/ask`` (the native contract), ``GET/POST /v1/documents``,
  ``DELETE /v1/documents/{id}``, ``GET /v1/health``; OpenAPI docs at ``/docs``.

Errors are JSON with a stable ``code`` and a Chinese ``message``. With API keys set
(``WORKPLAN_API_KEYS``) every call needs ``Authorization: Bearer <key>``.
Streaming sends the *checked* answer: a model's raw text is never shown before the
guardrails have passed it.
"""

from __future__ import annotations

import json
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, File, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from assistant.answer import Answer
from assistant.answerers import registry
from assistant.service import Service
from core.errors import InvalidQuestion, WorkplanError
from ui.uploads import import_files, remove_document, restore_document

MODEL_PREFIX = "workplan-"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class AskRequest(BaseModel):
    question: str
    history: list[str] = Field(default_factory=list)
    street: str | None = None
    year: int | None = None
    doc_id: str | None = None
    backend: str | None = None


class Message(BaseModel):
    role: str
    content: str | list[dict[str, Any]] = ""

    def text(self) -> str:
        if isinstance(self.content, str):
            return self.content
        return "".join(str(part.get("text", "")) for part in self.content if part.get("type") == "text")


class ChatRequest(BaseModel):
    model: str = f"{MODEL_PREFIX}extractive"
    messages: list[Message]
    stream: bool = False


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _backend(model: str) -> str:
    name = model.removeprefix(MODEL_PREFIX)
    if name not in registry.names():
        choices = "、".join(MODEL_PREFIX + n for n in registry.names())
        raise ApiError(404, "model_not_found", f"没有这个模型：{model}（可选：{choices}）")
    return name


def _question(messages: list[Message]) -> tuple[str, list[str]]:
    """The last user message is the question; the user messages before it are the history."""
    said = [m.text() for m in messages if m.role == "user" and m.text().strip()]
    if not said:
        raise ApiError(400, "no_question", "messages 中没有用户的问题")
    return said[-1], said[:-1]


def _record(answer: Answer) -> dict[str, Any]:
    return answer.to_dict()


def _completion(answer: Answer, model: str, created: int, cid: str) -> dict[str, Any]:
    return {"id": cid, "object": "chat.completion", "created": created, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": answer.answer}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}, "workplan": _record(answer)}


def _chunks(answer: Answer, model: str, created: int, cid: str) -> Iterator[str]:
    base = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model}
    first = {**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]}
    yield f"data: {json.dumps(first, ensure_ascii=False)}\n\n"
    for line in answer.answer.splitlines(keepends=True):  # the checked answer, a line at a time
        piece = {**base, "choices": [{"index": 0, "delta": {"content": line}, "finish_reason": None}]}
        yield f"data: {json.dumps(piece, ensure_ascii=False)}\n\n"
    end = {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "workplan": _record(answer)}
    yield f"data: {json.dumps(end, ensure_ascii=False)}\n\ndata: [DONE]\n\n"


def build_api(service: Service, keys: set[str] | None = None, max_body_mb: float | None = None) -> FastAPI:
    """The API app over ``service``; ``keys`` empty → no key needed (bind to loopback only)."""
    app = FastAPI(title="workplan API", version="1", description="街道工作计划与报告问答：带引用的回答与文档管理")
    keys = set(keys or ())
    limit = int((max_body_mb or service.settings.max_file_mb * 4) * 1024 * 1024)

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(WorkplanError)
    async def workplan_error(_: Request, exc: WorkplanError) -> JSONResponse:
        code = "invalid_question" if isinstance(exc, InvalidQuestion) else "workplan_error"
        return _error(400, code, exc.message_zh)

    @app.exception_handler(RequestValidationError)
    async def bad_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        where = "、".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors()[:3])
        return _error(400, "bad_request", f"请求格式不正确（{where}）")

    @app.middleware("http")
    async def size_limit(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            return _error(413, "too_large", f"请求过大（上限 {limit / 1048576:g} MB）")
        return await call_next(request)

    def authorised(request: Request) -> None:
        if not keys:
            return
        given = request.headers.get("authorization", "")
        if not given.startswith("Bearer ") or given.removeprefix("Bearer ").strip() not in keys:
            raise ApiError(401, "unauthorized", "缺少或错误的 API 密钥（Authorization: Bearer …）")

    guard = [Depends(authorised)]

    @app.get("/v1/health", dependencies=guard)
    def health() -> dict[str, Any]:
        return {"status": "ok", "documents": len(service.library.documents()), "chunks": service.index.count_chunks()}

    @app.get("/v1/models", dependencies=guard)
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": MODEL_PREFIX + n, "object": "model", "created": 0,
                                            "owned_by": "workplan"} for n in registry.names()]}

    @app.post("/v1/ask", dependencies=guard)
    def ask(body: AskRequest) -> dict[str, Any]:
        if body.backend is not None:
            _backend(MODEL_PREFIX + body.backend)
        answer = service.assistant.ask(body.question, history=body.history, backend=body.backend,
                                       street=body.street, year=body.year, doc_id=body.doc_id)
        return _record(answer)

    @app.post("/v1/chat/completions", dependencies=guard)
    def chat(body: ChatRequest) -> Any:
        backend = _backend(body.model)
        question, history = _question(body.messages)
        answer = service.assistant.ask(question, history=history, backend=backend)
        created, cid = int(time.time()), f"chatcmpl-{uuid.uuid4().hex[:24]}"
        if body.stream:
            return StreamingResponse(_chunks(answer, body.model, created, cid), media_type="text/event-stream")
        return _completion(answer, body.model, created, cid)

    @app.get("/v1/documents", dependencies=guard)
    def documents() -> dict[str, Any]:
        return {"documents": [d.to_dict() for d in service.library.documents()]}

    @app.post("/v1/documents", dependencies=guard)
    async def upload(files: list[UploadFile] = File(...)) -> dict[str, Any]:  # noqa: B008 - FastAPI's idiom
        with tempfile.TemporaryDirectory() as tmp:
            staged: list[tuple[str, Path]] = []
            for i, f in enumerate(files):
                path = Path(tmp) / f"{i}"
                path.write_bytes(await f.read())
                staged.append((f.filename or f"upload-{i}", path))
            result = await run_in_threadpool(import_files, staged, service.library, service.settings)
        return result.to_dict()

    @app.delete("/v1/documents/{doc_id}", dependencies=guard)
    def remove(doc_id: str) -> dict[str, Any]:
        doc = remove_document(doc_id, service.library, service.settings)
        if doc is None:
            raise ApiError(404, "not_found", "该文档已不在索引中")
        return {"removed": doc.to_dict(), "restorable_for_s": service.settings.removal_undo_s}

    @app.post("/v1/documents/{doc_id}/restore", dependencies=guard)
    def restore(doc_id: str) -> dict[str, Any]:
        """Undo a removal within ``WORKPLAN_REMOVAL_UNDO_S``: the same file, ingested again."""
        doc = restore_document(doc_id, service.library, service.settings)
        if doc is None:
            raise ApiError(404, "not_restorable", "无法恢复：已超过可撤销的时间，或文件已不存在")
        return {"restored": doc.to_dict()}

    return app


def serve_api(service: Service, host: str = "127.0.0.1", port: int = 8000, insecure: bool = False) -> None:
    """Run the API (blocking). Without keys it binds loopback only unless ``insecure``."""
    import uvicorn

    keys = set(service.settings.api_keys)
    if not keys and host not in ("127.0.0.1", "localhost", "::1") and not insecure:
        raise ValueError(f"未设置 API 密钥（WORKPLAN_API_KEYS），不能对网络开放（{host}）；如确需开放请加 --insecure")
    uvicorn.run(build_api(service, keys), host=host, port=port, log_level="warning")
