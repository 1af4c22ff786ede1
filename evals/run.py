"""``workplan eval``: retrieval (dense / BM25 / hybrid) and answer metrics on the
question set, overall and per type, with the list of failures."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from core.settings import Settings
from evals.dataset import EvalItem, check_set, load_set
from evals.metrics import evidence_rank, includes_all, percentile


def retrieval_table(assistant: Any, items: list[EvalItem], k: int = 5) -> dict[str, dict[str, dict[str, float]]]:
    """{mode: {type|'all': {hit1, hit5, mrr, n}}} over answerable items."""
    from assistant.followup import rewrite
    from vectorstore.hybrid import HybridRetriever

    out: dict[str, dict[str, dict[str, float]]] = {}
    streets = assistant.index.known_streets()
    for mode in ("dense", "bm25", "hybrid"):
        retr = HybridRetriever(index=assistant.index, k=k, candidates=assistant.settings.candidates, mode=mode)
        acc: dict[str, list[int | None]] = defaultdict(list)
        for item in items:
            if not item.answerable:
                continue
            q = rewrite(item.question, item.history, streets)
            docs = retr.retrieve(q).docs
            ctx = [{"source": d.metadata["source"], "text": d.page_content} for d in docs]
            rank = evidence_rank(ctx, item.source, item.evidence)
            acc[item.type].append(rank)
            acc["all"].append(rank)
        out[mode] = {
            t: {
                "hit1": sum(1 for r in ranks if r == 1) / len(ranks),
                "hit5": sum(1 for r in ranks if r is not None and r <= 5) / len(ranks),
                "mrr": sum(1 / r for r in ranks if r) / len(ranks),
                "n": len(ranks),
            }
            for t, ranks in acc.items()
        }
    return out


def answer_eval(assistant: Any, items: list[EvalItem]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    from assistant.verify import check_numbers

    rows = []
    for item in items:
        ans = assistant.ask(item.question, history=item.history)
        ok_answer = (not ans.refused) and includes_all(ans.answer, item.must_include) if item.answerable else ans.refused
        rank = evidence_rank(ans.contexts, item.source, item.evidence) if item.answerable else None
        cited_ok = all(c.source == item.source for c in ans.citations) if item.answerable and ans.citations else None
        rows.append({
            "id": item.id, "type": item.type, "question": item.question, "answerable": item.answerable,
            "expected": item.answers, "got": ans.answer, "refused": ans.refused, "correct": bool(ok_answer),
            "evidence_rank": rank, "citation_from_gold": cited_ok, "unsupported_numbers": check_numbers(ans),
            "latency_ms": ans.latency_ms, "rewritten": ans.rewritten_question,
        })
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    lat = [r["latency_ms"] for r in rows]
    cites = [r["citation_from_gold"] for r in answerable if r["citation_from_gold"] is not None and not r["refused"]]
    summary = {
        "n": len(rows),
        "answer_accuracy": sum(r["correct"] for r in answerable) / max(1, len(answerable)),
        "refusal_accuracy": sum(r["correct"] for r in unanswerable) / max(1, len(unanswerable)),
        "false_refusal_rate": sum(r["refused"] for r in answerable) / max(1, len(answerable)),
        "citation_precision": sum(cites) / max(1, len(cites)),
        "number_faithfulness": sum(1 for r in rows if not r["unsupported_numbers"]) / max(1, len(rows)),
        "latency_p50_ms": round(percentile(lat, 50), 1),
        "latency_p95_ms": round(percentile(lat, 95), 1),
        "by_type": {
            t: sum(r["correct"] for r in rows if r["type"] == t) / max(1, sum(1 for r in rows if r["type"] == t))
            for t in sorted({r["type"] for r in rows})
        },
    }
    return summary, rows


def format_retrieval(table: dict[str, dict[str, dict[str, float]]]) -> str:
    types = sorted({t for m in table.values() for t in m if t != "all"}) + ["all"]
    lines = [f"{'type':<16}{'n':>4}  " + "  ".join(f"{m + ' h@1':>11}{'h@5':>6}{'MRR':>6}" for m in table)]
    for t in types:
        n = int(next(iter(table.values())).get(t, {}).get("n", 0))
        cells = []
        for m in table:
            row = table[m].get(t, {"hit1": 0, "hit5": 0, "mrr": 0})
            cells.append(f"{row['hit1']:>11.2f}{row['hit5']:>6.2f}{row['mrr']:>6.2f}")
        lines.append(f"{t:<16}{n:>4}  " + "  ".join(cells))
    return "\n".join(lines)


def main(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.cli import ensure_index
    from assistant.chain import Assistant

    items = load_set(Path(args.set) if args.set else None)
    if args.check_set:
        problems = check_set(items, settings.corpus_dir)
        for p in problems:
            print(p)
        print(f"{len(items)} questions, {len(problems)} problems")
        return 1 if problems else 0
    assistant = Assistant(settings)
    ensure_index(settings, assistant.index)
    out_dir = Path(args.out) if args.out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    if args.retrieval:
        table = retrieval_table(assistant, items)
        print(format_retrieval(table))
        if out_dir:
            (out_dir / "retrieval.json").write_text(json.dumps(table, indent=2), "utf-8")
        return 0
    summary, rows = answer_eval(assistant, items)
    print(json.dumps({k: v for k, v in summary.items()}, ensure_ascii=False, indent=2))
    failures = [r for r in rows if not r["correct"]]
    for r in failures:
        print(f"✗ {r['id']} [{r['type']}] {r['question']}\n   expected: {r['expected'] or '拒答'}\n   got: {r['got'][:160]}", file=sys.stderr)
    if out_dir:
        (out_dir / "metrics.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), "utf-8")
        with open(out_dir / "results.jsonl", "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0
