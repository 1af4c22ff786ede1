"""Shared pieces of the scale benchmarks: machine facts, memory, sizes, the
RESULTS.md writer, and the template-vector embedder used at 1k/10k documents."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import resource
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
WORK = ROOT / "benchmarks" / ".work"


def machine() -> str:
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return (f"{os.cpu_count()} cores ({cpu}), {mem_kb / 1048576:.0f} GiB RAM, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1048576


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))] if values else 0.0


def write_section(name: str, markdown: str) -> None:
    """Replace one named section of RESULTS.md (the scripts own the file)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Benchmark results\n\nWritten by the scripts in `benchmarks/`; do not edit by hand.\n"
    block = f"{start}\n{markdown.strip()}\n{end}"
    if start in text:
        head, rest = text.split(start, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text, "utf-8")


def run_json(args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh process (so peak RSS is its own); it prints JSON last."""
    out = subprocess.run([sys.executable, *args], capture_output=True, text=True, env={**os.environ, **(env or {})},
                         check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


_MASK_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:街道|镇|新区|区)")
_MASK_NUM = re.compile(r"\d+(?:\.\d+)?")


def template_key(text: str) -> str:
    """What a generated chunk shares with the real chunk it came from: the opening of
    its body with places and figures masked (the generator changes exactly those).
    Only the opening: scaled figures change token counts, so a variant's chunk may
    end a sentence earlier or later than its template's; it starts at the same one."""
    body = text.split("\n", 1)[-1]  # without the context header
    return _MASK_NUM.sub("#", _MASK_PLACE.sub("某地", body))[:60]


class TemplateVectors(Embeddings):
    """Generated variants reuse the vector of their template chunk.

    Why: the bundled model embeds ~10 passages/s here, so 200k chunks would take
    ~6 hours; the 1k/10k benchmarks measure storage and search, not the model.
    A chunk is matched to a template by its masked opening (60 characters, then
    15); a chunk matching none is embedded for real while the budget lasts, and
    after that reuses a deterministic template vector. ``model_calls`` counts the
    real embeddings.
    """

    def __init__(self, real: Embeddings, budget: int = 800) -> None:
        self.real = real
        self.model_id = getattr(real, "model_id", "real")
        self.dim = getattr(real, "dim", 0)
        self.progress = None
        self.budget = budget
        self._long: dict[str, list[float]] = {}
        self._short: dict[str, list[float]] = {}
        self._pool: list[list[float]] = []
        self._lock = threading.Lock()
        self.texts_seen = 0
        self.model_calls = 0

    def _vector(self, text: str) -> list[float]:
        key = template_key(text)
        with self._lock:
            vec = self._long.get(key) or (self._short.get(key[:15]) if self.model_calls >= self.budget else None)
            if vec is None and self.model_calls >= self.budget and self._pool:
                vec = self._pool[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(self._pool)]
        if vec is None:
            vec = self.real.embed_documents([text])[0]
            with self._lock:
                self.model_calls += 1
                self._pool.append(vec)
                self._short.setdefault(key[:15], vec)
        with self._lock:
            self._long.setdefault(key, vec)
        return vec

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.texts_seen += len(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.real.embed_query(text)
