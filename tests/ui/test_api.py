"""The HTTP API with real clients against a real uvicorn server: the official ``openai``
client for chat completions (plain and streamed) and models, ``httpx`` for the native
contract and documents. Fast tier: the bundled corpus on the model-free index."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn
from openai import OpenAI

from assistant.service import Service, open_service
from core.settings import Settings
from tests.servers import free_port
from ui.api import build_api
from vectorstore.index import Index

KEY = "test-key"
QUESTION = "长寿路2023年加梯完成多少台"


def _serve(service: Service, keys: set[str]) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(build_api(service, keys, max_body_mb=1), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def api(fast_service: Service) -> Iterator[str]:
    yield from _serve(fast_service, {KEY})


@pytest.fixture()
def own_api(tmp_path: Path, fast_settings: Settings) -> Iterator[tuple[str, Service]]:
    """An API over an index of its own (documents are added and removed)."""
    s = fast_settings.model_copy(update={"home": tmp_path / "home", "collection": "api-docs"})
    service = open_service(s, index=Index(s), build=False)
    for url in _serve(service, {KEY}):
        yield url, service


def _client(url: str) -> OpenAI:
    return OpenAI(base_url=f"{url}/v1", api_key=KEY, max_retries=0, timeout=30)


def test_openai_client_lists_models_and_gets_a_cited_answer(api: str) -> None:
    client = _client(api)
    assert {m.id for m in client.models.list()} == {"workplan-extractive", "workplan-llm"}
    done = client.chat.completions.create(model="workplan-extractive", messages=[{"role": "user", "content": QUESTION}])
    text = done.choices[0].message.content or ""
    assert "11台" in text and "[1]" in text
    extra = done.model_extra["workplan"]
    assert extra["citations"][0]["quote"] and "完工11台" in extra["citations"][0]["quote"]


def test_openai_client_streams_the_checked_answer(api: str) -> None:
    started = time.perf_counter()
    stream = _client(api).chat.completions.create(model="workplan-extractive", stream=True,
                                                  messages=[{"role": "user", "content": QUESTION}])
    pieces, first = [], None
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            first = first or time.perf_counter() - started
            pieces.append(chunk.choices[0].delta.content)
    assert "11台" in "".join(pieces) and first is not None


def test_earlier_messages_are_the_follow_up_history(api: str) -> None:
    done = _client(api).chat.completions.create(model="workplan-extractive", messages=[
        {"role": "user", "content": QUESTION}, {"role": "assistant", "content": "11台[1]"},
        {"role": "user", "content": "那签约了多少台"}])
    assert "18台" in (done.choices[0].message.content or "")


def test_native_ask_and_errors_in_chinese(api: str) -> None:
    auth = {"Authorization": f"Bearer {KEY}"}
    record = httpx.post(f"{api}/v1/ask", json={"question": QUESTION}, headers=auth, timeout=30).json()
    assert "11台" in record["answer"] and record["citations"] and not record["refused"]
    assert httpx.get(f"{api}/v1/health", timeout=10).status_code == 401  # no key
    wrong = httpx.get(f"{api}/v1/health", headers={"Authorization": "Bearer nope"}, timeout=10)
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
    bad = httpx.post(f"{api}/v1/ask", content=b"{not json", headers={**auth, "Content-Type": "application/json"},
                     timeout=10)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_request"
    empty = httpx.post(f"{api}/v1/ask", json={"question": "  "}, headers=auth, timeout=10)
    assert empty.status_code == 400 and "问题是空的" in empty.json()["error"]["message"]
    unknown = httpx.post(f"{api}/v1/chat/completions", headers=auth, timeout=10,
                         json={"model": "gpt-4", "messages": [{"role": "user", "content": QUESTION}]})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "model_not_found"
    big = httpx.post(f"{api}/v1/ask", content=b"x" * (2 * 1024 * 1024), headers=auth, timeout=10)
    assert big.status_code == 413 and big.json()["error"]["code"] == "too_large"


def test_upload_ask_and_delete_round_trip(own_api: tuple[str, Service]) -> None:
    url, _ = own_api
    auth = {"Authorization": f"Bearer {KEY}"}
    files = [("files", ("测试街道2025年工作计划.txt", "测试街道2025年工作计划\n一、加装电梯\n2025年计划完成加装电梯20台。".encode())),
             ("files", ("幻灯片.key", b"\xd0\xcf\x11\xe0"))]
    result = httpx.post(f"{url}/v1/documents", files=files, headers=auth, timeout=60).json()
    assert result["imported"] == ["测试街道2025年工作计划.txt"]
    assert result["rejected"][0]["file"] == "幻灯片.key" and "不支持的文件类型" in result["rejected"][0]["reason"]

    def ask(_: int) -> str:
        return httpx.post(f"{url}/v1/ask", json={"question": "测试街道2025年计划完成加装电梯多少台"}, headers=auth,
                          timeout=60).json()["answer"]

    with ThreadPoolExecutor(8) as pool:  # concurrent askers
        assert all("20台" in a for a in pool.map(ask, range(16)))
    docs = httpx.get(f"{url}/v1/documents", headers=auth, timeout=10).json()["documents"]
    doc_id = docs[0]["doc_id"]
    removed = httpx.delete(f"{url}/v1/documents/{doc_id}", headers=auth, timeout=30)
    assert removed.status_code == 200 and removed.json()["removed"]["doc_id"] == doc_id
    assert not Path(removed.json()["removed"]["path"]).exists(), "the uploaded copy goes with it"
    again = httpx.delete(f"{url}/v1/documents/{doc_id}", headers=auth, timeout=30)
    assert again.status_code == 404 and again.json()["error"]["message"] == "该文档已不在索引中"
    restored = httpx.post(f"{url}/v1/documents/{doc_id}/restore", headers=auth, timeout=60)
    assert restored.status_code == 200 and Path(restored.json()["restored"]["path"]).exists()
    assert "20台" in ask(0), "the same document answers again"
    gone = httpx.post(f"{url}/v1/documents/{doc_id}/restore", headers=auth, timeout=30)
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "not_restorable"
