"""Turning eval rows into what evaluators read: report.md, a chart, a comparison
between two runs, and threshold checks for CI. Pure functions over dicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HEADLINE = [
    ("answer_accuracy", "回答准确率 answer accuracy (answerable)"),
    ("refusal_accuracy", "拒答准确率 refusal accuracy (unanswerable)"),
    ("false_refusal_rate", "误拒率 false refusals (answerable)"),
    ("citation_precision", "引用精度 citation precision"),
    ("number_faithfulness", "数字可溯源 number faithfulness"),
    ("hit1", "retrieval hit@1"),
    ("hit5", "retrieval hit@5"),
    ("mrr", "retrieval MRR"),
    ("latency_p50_ms", "latency p50 (ms)"),
    ("latency_p95_ms", "latency p95 (ms)"),
]


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1.0 else f"{value:.1f}"
    return str(value)


def metrics_table(summary: dict[str, Any]) -> str:
    lines = ["| metric | value |", "|---|---|"]
    lines += [f"| {label} | {_fmt(summary[key])} |" for key, label in HEADLINE if key in summary]
    return "\n".join(lines)


def per_type_table(summary: dict[str, Any]) -> str:
    lines = ["| type | n | accuracy | hit@1 | hit@5 | MRR |", "|---|---|---|---|---|---|"]
    for t, row in summary["by_type"].items():
        retr = [_fmt(row[k]) if row.get(k) is not None else "—" for k in ("hit1", "hit5", "mrr")]
        lines.append(f"| {t} | {row['n']} | {row['accuracy']:.3f} | " + " | ".join(retr) + " |")
    return "\n".join(lines)


def ablation_table(table: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = ["| method | hit@1 | hit@5 | MRR |", "|---|---|---|---|"]
    for mode, rows in table.items():
        a = rows["all"]
        lines.append(f"| {mode} | {a['hit1']:.2f} | {a['hit5']:.2f} | {a['mrr']:.2f} |")
    return "\n".join(lines)


def failures_md(rows: list[dict[str, Any]]) -> str:
    bad = [r for r in rows if not r["correct"]]
    if not bad:
        return "None."
    out = []
    for r in bad:
        got = r["answer"].replace("\n", " ")[:200]
        out.append(f"- **{r['id']}** [{r['type']}] {r['question']}\n  - expected: {r['expected'] or '拒答 (refusal)'}\n"
                   f"  - got: {got}\n  - why: {r['why']}")
    return "\n".join(out)


def render_report(summary: dict[str, Any], rows: list[dict[str, Any]], meta: dict[str, Any],
                  ablation: dict[str, Any] | None = None) -> str:
    parts = [
        "# workplan eval report", "",
        f"Set `{meta['set']}` · {summary['n']} questions ({summary['n_answerable']} answerable) · "
        f"backend `{meta['backend']}` · {meta['documents']} documents / {meta['chunks']} chunks · {meta['when']}", "",
        "## Overall", "", metrics_table(summary), "",
        "## Per question type", "", per_type_table(summary), "",
        "Retrieval columns: rank of the first retrieved passage from the gold source containing the evidence "
        "(answerable questions only).", "",
    ]
    if ablation:
        parts += ["## Retrieval ablation", "", ablation_table(ablation), ""]
    parts += ["## Failures", "", failures_md(rows), "",
              "## How to read this", "",
              "- *accuracy*: every `must_include` item is in the answer (numbers compared normalised: 1,234 = 1234, 十一 = 11).",
              "- *citation precision*: cited passages that come from the gold source and contain their quoted sentence.",
              "- *number faithfulness*: answers whose every number appears in a cited passage (must be 1.000).",
              "- `results.jsonl` holds each question's full answer record (the batch contract) plus these judgements.", ""]
    return "\n".join(parts)


def write_chart(summary: dict[str, Any], path: Path) -> None:
    """Per-type answer accuracy and retrieval hit@5, side by side."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    types = list(summary["by_type"])
    acc = [summary["by_type"][t]["accuracy"] for t in types]
    hit5 = [summary["by_type"][t].get("hit5") or 0.0 for t in types]
    fig, ax = plt.subplots(figsize=(9, 4))
    xs = range(len(types))
    ax.bar([x - 0.2 for x in xs], acc, width=0.4, label="answer accuracy")
    ax.bar([x + 0.2 for x in xs], hit5, width=0.4, label="retrieval hit@5")
    ax.set_xticks(list(xs), [f"{t}\n(n={summary['by_type'][t]['n']})" for t in types], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.axhline(0.9, color="grey", linestyle="--", linewidth=0.8)
    ax.set_title(f"workplan eval: accuracy {summary['answer_accuracy']:.2f}, hit@5 {summary.get('hit5', 0):.2f}")
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def load_run(folder: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    summary = json.loads((folder / "metrics.json").read_text("utf-8"))
    rows = {}
    for line in (folder / "results.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            rows[r["id"]] = r
    return summary, rows


def compare_runs(a: Path, b: Path) -> str:
    """Metrics side by side, then the questions fixed and broken from A to B."""
    (sa, ra), (sb, rb) = load_run(a), load_run(b)
    lines = [f"| metric | A ({a.name}) | B ({b.name}) | Δ |", "|---|---|---|---|"]
    for key, label in HEADLINE:
        if key in sa and key in sb:
            lines.append(f"| {label} | {_fmt(sa[key])} | {_fmt(sb[key])} | {sb[key] - sa[key]:+.3f} |")
    fixed = [i for i in rb if i in ra and rb[i]["correct"] and not ra[i]["correct"]]
    broken = [i for i in rb if i in ra and ra[i]["correct"] and not rb[i]["correct"]]
    lines += ["", f"Fixed in B ({len(fixed)}): " + (", ".join(fixed) or "—"),
              f"Broken in B ({len(broken)}): " + (", ".join(broken) or "—")]
    for i in broken:
        lines.append(f"  - {i} {rb[i]['question']}: {rb[i]['why']}")
    only = sorted(set(ra) ^ set(rb))
    if only:
        lines.append(f"In only one run: {', '.join(only)}")
    return "\n".join(lines)


def threshold_failures(summary: dict[str, Any], minimums: dict[str, float], maximums: dict[str, float]) -> list[str]:
    out = [f"{k} = {summary[k]:.3f} < {v}" for k, v in minimums.items() if v is not None and summary[k] < v]
    out += [f"{k} = {summary[k]:.3f} > {v}" for k, v in maximums.items() if v is not None and summary[k] > v]
    return out
