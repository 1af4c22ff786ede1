"""Ingest chunks/s and query latency on the bundled corpus (embedded store).

Run: python benchmarks/retrieval.py   (prints a table; uses a fresh temporary index,
so the embedding cache is cold and chunks/s is the real end-to-end rate)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.settings import BUNDLED_CORPUS, Settings
from evals.dataset import load_set
from vectorstore.hybrid import HybridRetriever
from vectorstore.index import Index


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home))
        t0 = time.perf_counter()
        index = Index(settings)
        t_open = time.perf_counter() - t0
        report = index.sync([BUNDLED_CORPUS])
        n_chunks = index.count_chunks()
        t1 = time.perf_counter()
        again = index.sync([BUNDLED_CORPUS])
        t_noop = time.perf_counter() - t1
        questions = [i.question for i in load_set()]
        rows = []
        for mode in ("dense", "bm25", "hybrid"):
            retr = HybridRetriever(index=index, k=5, mode=mode)
            retr.retrieve("预热")  # warm-up
            index.embeddings._queries.clear()  # measure real query embedding, not the in-memory cache
            lat = []
            for q in questions:
                s = time.perf_counter()
                retr.retrieve(q)
                lat.append((time.perf_counter() - s) * 1000)
            rows.append((mode, statistics.median(lat), pct(lat, 0.95)))
    print(f"machine: {os.cpu_count()} cores")
    print(f"index open: {t_open:.2f} s")
    print(f"ingest: {len(report.added)} docs, {n_chunks} chunks in {report.seconds:.1f} s "
          f"= {n_chunks / report.seconds:.1f} chunks/s (cold embedding cache)")
    print(f"re-ingest unchanged corpus: {t_noop:.2f} s ({len(again.unchanged)} unchanged)")
    print(f"{'mode':<8}{'p50 ms':>9}{'p95 ms':>9}   over {len(questions)} questions")
    for mode, p50, p95 in rows:
        print(f"{mode:<8}{p50:>9.1f}{p95:>9.1f}")


if __name__ == "__main__":
    main()
