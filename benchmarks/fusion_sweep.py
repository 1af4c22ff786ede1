"""Sweep the hybrid retriever's fusion weights on the *tune* split and print the table.

Run: python benchmarks/fusion_sweep.py [--set tune] [--home DIR]

Why only tune: the check split is never tuned on, so its figures stay honest; a
weight that only wins on check is not a reason to change the default. Each row
is retrieval quality over the split's answerable questions (hit@1, hit@5, MRR of
the passage holding the evidence) for one ``FusionWeights``; the defaults are
marked. The index is the user's (``WORKPLAN_HOME``), built on first use.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.followup import rewrite
from assistant.service import open_service
from benchmarks.common import write_section
from core.settings import get_settings
from core.textnorm import normalize_question
from evals.metrics import evidence_rank
from evals.sets import SETS
from vectorstore.hybrid import FusionWeights, HybridRetriever

GRID = {
    "dense": (0.0, 0.15, 0.3, 0.5, 1.0),
    "year_section": (0.0, 0.006, 0.012, 0.024),
    "kind": (0.0, 0.006, 0.012),
}


def score(retriever: HybridRetriever, items: list, streets: list[str]) -> tuple[float, float, float]:
    ranks = []
    for item in items:
        q = rewrite(normalize_question(item.question), [normalize_question(h) for h in item.history], streets)
        ctx = [{"source": p.source, "text": p.text} for p in retriever.retrieve(q).passages]
        ranks.append(evidence_rank(ctx, item.source, item.evidence))
    n = len(ranks) or 1
    return (sum(r == 1 for r in ranks) / n, sum(r is not None and r <= 5 for r in ranks) / n,
            sum(1 / r for r in ranks if r) / n)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="tune", choices=[n for n in SETS if n != "check"])
    args = parser.parse_args()
    eval_set = SETS[args.set]
    if eval_set.extra_corpus:
        print("this sweep reads the bundled corpus only", file=sys.stderr)
        return 2
    service = open_service(get_settings())
    items = [i for i in eval_set.items() if i.answerable]
    streets = service.library.streets()
    default = FusionWeights()
    rows = []
    for dense, year_section, kind in itertools.product(*GRID.values()):
        weights = dataclasses.replace(default, dense=dense, year_section=year_section, kind=kind)
        retriever = HybridRetriever(index=service.index, k=5, candidates=service.settings.candidates, weights=weights)
        rows.append((score(retriever, items, streets), weights))
    rows.sort(key=lambda r: (-r[0][2], -r[0][0]))
    lines = [f"### Fusion weights swept on `{args.set}` ({len(items)} answerable questions, {len(rows)} settings)",
             "", "`python benchmarks/fusion_sweep.py` — the best 10 by MRR and the default; never run on `check`.", "",
             "| dense | year_section | kind | hit@1 | hit@5 | MRR | |", "|---|---|---|---|---|---|---|"]
    for i, ((h1, h5, mrr), w) in enumerate(rows):
        if i < 10 or w == default:
            mark = "default" if w == default else ""
            lines.append(f"| {w.dense} | {w.year_section} | {w.kind} | {h1:.3f} | {h5:.3f} | {mrr:.3f} | {mark} |")
    print("\n".join(lines))
    write_section("fusion-sweep", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
