"""What the HTTP API adds over asking in-process, and the first streamed token.

Run: python benchmarks/api.py    (uses WORKPLAN_HOME's index; writes the "api" section of RESULTS.md)

The same questions (the dev set, twice — the second pass shows warm query embeddings)
are asked in-process (``Assistant.ask``) and through ``POST /v1/ask`` on a local
uvicorn server, interleaved so both see the same machine state; then
``/v1/chat/completions`` with ``stream: true`` through the official ``openai`` client,
timing the first content chunk.
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import machine, write_section


def main() -> int:
    import httpx
    import uvicorn
    from openai import OpenAI

    from assistant.service import open_service
    from core.settings import get_settings
    from evals.dataset import load_set
    from tests.servers import free_port
    from ui.api import build_api

    service = open_service(get_settings(), warm=True)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(build_api(service), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    items = [i for i in load_set() if not i.history]
    local: list[float] = []
    remote: list[float] = []
    with httpx.Client(timeout=60) as http:
        def in_process(q: str) -> None:
            t = time.perf_counter()
            service.assistant.ask(q)
            local.append((time.perf_counter() - t) * 1000)

        def over_http(q: str) -> None:
            t = time.perf_counter()
            http.post(f"{url}/v1/ask", json={"question": q}).raise_for_status()
            remote.append((time.perf_counter() - t) * 1000)

        for n, item in enumerate(items):
            # Whichever goes second finds the query embedding cached: take turns, so both
            # sides get the cold and the warm case equally often.
            first_call, second_call = (in_process, over_http) if n % 2 else (over_http, in_process)
            first_call(item.question)
            second_call(item.question)
    client = OpenAI(base_url=f"{url}/v1", api_key="x", max_retries=0)
    first: list[float] = []
    for item in items[:40]:
        t = time.perf_counter()
        for chunk in client.chat.completions.create(model="workplan-extractive", stream=True,
                                                    messages=[{"role": "user", "content": item.question + "？"}]):
            if chunk.choices and chunk.choices[0].delta.content:
                first.append((time.perf_counter() - t) * 1000)
                break
    server.should_exit = True
    lp, rp = statistics.median(local), statistics.median(remote)
    text = "\n".join([
        "### HTTP API overhead", "",
        (f"Machine: {machine()}. {len(items)} dev questions (no history), in-process and through `POST /v1/ask` "
        "taking turns at going first (the second finds the query embedding cached); streamed first token over 40 questions (new to the cache: a `？` is appended)."), "",
        "| measure | p50 ms | p95 ms |", "|---|---|---|",
        f"| in-process `ask` | {lp:.1f} | {sorted(local)[int(0.95 * len(local))]:.1f} |",
        f"| `POST /v1/ask` | {rp:.1f} | {sorted(remote)[int(0.95 * len(remote))]:.1f} |",
        (f"| streamed first token (`/v1/chat/completions`) | {statistics.median(first):.1f} | "
        f"{sorted(first)[int(0.95 * len(first))]:.1f} |"), "",
        f"The API adds {rp - lp:.1f} ms at p50 (×{rp / lp:.2f})."])
    print(text)
    write_section("api", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
