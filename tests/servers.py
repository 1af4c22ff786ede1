"""Starting real local servers (Chroma, llama.cpp, workplan serve) for tests."""

from __future__ import annotations

import socket
import subprocess
import time


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 90.0) -> None:
    """Block until something listens on ``port``; fail early if ``proc`` died."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"nothing listening on port {port} after {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


class ScriptedChatServer:
    """A local OpenAI-compatible ``/v1/chat/completions`` endpoint that replies with
    the text a test sets, streamed as server-sent events like any hosted API.

    Why: the fast tier must exercise the real HTTP protocol of a remote LLM (which
    cannot run here) — ChatOpenAI's client, streaming, timeouts — and count the
    calls, to prove a policy such as "an uncovered year never reaches the model"."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.reply = ""
        self.delay = 0.0  # seconds before answering: a server that hangs
        self.truncate = False  # stop mid-stream, without the closing chunk or [DONE]
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                import json
                import time

                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                server.requests.append(body)
                time.sleep(server.delay)
                base = {"id": "x", "created": 0, "model": body.get("model", "scripted")}
                if body.get("stream"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    pieces = [server.reply[i:i + 4] for i in range(0, len(server.reply), 4)]
                    for piece in pieces[: len(pieces) // 2] if server.truncate else pieces:
                        chunk = {**base, "object": "chat.completion.chunk",
                                 "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                        self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                    if server.truncate:
                        self.wfile.flush()
                        self.close_connection = True
                        return
                    end = {**base, "object": "chat.completion.chunk",
                           "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                    self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
                    return
                out = {**base, "object": "chat.completion", "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": server.reply}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
                data = json.dumps(out, ensure_ascii=False).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def passage_number(assistant, question: str, text: str | None = None, without: str | None = None) -> int:
    """The number [n] under which the llm backend shows the passage holding ``text`` (or
    lacking ``without``) for ``question`` — what a scripted answer cites."""
    from assistant.answerers import registry

    passages = registry.backend_of(assistant.answerer("llm")).passages(assistant.prepare(question))
    return next(i for i, p in enumerate(passages, 1)
                if (text is None or text in p.text) and (without is None or without not in p.text))
