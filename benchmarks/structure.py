"""Latency of answers with no single-sentence answer (issue 16's target: p50 ≤ 80 ms for an
outline at 5 documents), by the shape the answer took (outline / list / table / fact).

Run: python benchmarks/structure.py [--home DIR]   (default: the bundled corpus's index, built if missing)
Questions: the structure, structure-dev and structure-check questions whose source is one of
the five bundled documents, plus the four examples of issue 16; each asked once to warm the
caches a person's first question also fills, then timed over three rounds.
Writes the "structure" section of benchmarks/RESULTS.md and prints it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import machine, pct, write_section

EXAMPLES = ["长寿路街道2024年主要任务有哪些", "万里街道2020年的工作重点是什么", "概括一下金杨新村街道2020年的工作",
            "哪个街道加装电梯最多"]
ROUNDS = 3


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--home", type=Path, default=None)
    args = p.parse_args()

    from assistant.service import open_service
    from core.settings import get_settings
    from evals.sets import SETS

    settings = get_settings() if args.home is None else get_settings().model_copy(update={"home": args.home})
    service = open_service(settings, warm=True)
    bundled = {p.name for p in settings.corpus_dir.iterdir()}
    items = [(i.question, i.history) for name in ("structure", "structure-dev", "structure-check")
             for i in SETS[name].items() if i.source in bundled]
    items += [(q, []) for q in EXAMPLES]
    for question, history in items:  # warm-up round
        service.assistant.ask(question, history=history)
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(ROUNDS):
        for question, history in items:
            t = time.perf_counter()
            answer = service.assistant.ask(question, history=history)
            times[answer.kind].append((time.perf_counter() - t) * 1000)
    documents = len(service.library.documents())
    lines = [f"### Structure answers: latency by answer shape ({documents} documents)", "",
             f"Machine: {machine()}. {len(items)} questions × {ROUNDS} rounds after one warm-up round.", "",
             "| answer shape | answers | p50 ms | p95 ms |", "|---|---|---|---|"]
    for kind in sorted(times):
        values = times[kind]
        lines.append(f"| {kind} | {len(values)} | {statistics.median(values):.1f} | {pct(values, 0.95):.1f} |")
    text = "\n".join(lines)
    print(text)
    write_section("structure", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
