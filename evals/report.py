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
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1.0 else f"{value:.1f}"
    return str(value)


def metrics_table(summary: dict[str, Any]) -> str:
    lines = ["| metric | value |", "|---|---|"]
    lines += [f"| {label} | {_fmt(summary[key])} |" for key, label in HEADLINE if key in summary]
    return "\n".join(lines)


def per_type_table(summary: dict[str, Any]) -> str:
    lines = ["| type | n | accuracy | items found | hit@1 | hit@5 | MRR |", "|---|---|---|---|---|---|---|"]
    for t, row in summary["by_type"].items():
        retr = [_fmt(row[k]) if row.get(k) is not None else "—" for k in ("item_recall", "hit1", "hit5", "mrr")]
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


SET_COLUMNS = [("n", "n"), ("answer_accuracy", "accuracy"), ("item_recall", "items found"),
               ("false_refusal_rate", "false refusals"),
               ("refusal_accuracy", "refusal"), ("citation_precision", "citation precision"),
               ("number_faithfulness", "numbers faithful"), ("hit1", "hit@1"), ("hit5", "hit@5"),
               ("latency_p50_ms", "p50 ms")]


def sets_table(summaries: dict[str, dict[str, Any]]) -> str:
    """One row per eval set: the figures to quote, each set separately."""
    lines = ["| set | " + " | ".join(label for _, label in SET_COLUMNS) + " |",
             "|---|" + "---|" * len(SET_COLUMNS)]
    for name, s in summaries.items():
        cells = [_fmt(s[k]) if s.get(k) is not None else "—" for k, _ in SET_COLUMNS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_report(summary: dict[str, Any], rows: list[dict[str, Any]], meta: dict[str, Any],
                  ablation: dict[str, Any] | None = None, hide_failures: bool = False) -> str:
    parts = [
        f"# Set `{meta['set']}`", "",
        (f"{summary['n']} questions ({summary['n_answerable']} answerable) · "
        f"backend `{meta['backend']}` · {meta['documents']} documents / {meta['chunks']} chunks · {meta['when']}"), "",
        "## Overall", "", metrics_table(summary), "",
        "## Per question type", "", per_type_table(summary), "",
        ("Retrieval columns: rank of the first retrieved passage from the gold source containing the evidence "
        "(answerable questions only)."), "",
    ]
    if ablation:
        parts += ["## Retrieval ablation", "", ablation_table(ablation), ""]
    failures = (f"{sum(not r['correct'] for r in rows)} failures, not listed: this split is never tuned on."
                if hide_failures else failures_md(rows))
    parts += ["## Failures", "", failures, "",
              "## How to read this", "",
              "- *accuracy*: every `must_include` item is in the answer (numbers compared normalised: 1,234 = 1234, 十一 = 11; spaces ignored, as sources typeset 「立项 6 部」).",
              "- *citation precision*: cited passages that come from the gold source and contain their quoted sentence.",
              "- *number faithfulness*: answers whose every number appears in a cited passage (must be 1.000).",
              "- `results.jsonl` holds each question's full answer record (the batch contract) plus these judgements.", ""]
    return "\n".join(parts)


def write_chart(summaries: dict[str, dict[str, Any]], path: Path) -> None:
    """Per-set answer accuracy, refusal accuracy and retrieval hit@5, side by side."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(summaries)
    fig, ax = plt.subplots(figsize=(9, 4))
    xs = range(len(names))
    for i, (key, label) in enumerate((("answer_accuracy", "answer accuracy"), ("refusal_accuracy", "refusal accuracy"),
                                      ("hit5", "retrieval hit@5"))):
        ax.bar([x - 0.27 + 0.27 * i for x in xs], [summaries[n].get(key) or 0.0 for n in names], width=0.27,
               label=label)
    ax.set_xticks(list(xs), [f"{n}\n(n={summaries[n]['n']})" for n in names], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.axhline(0.9, color="grey", linestyle="--", linewidth=0.8)
    ax.set_title("workplan eval by set")
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
    lines = [f"| set | metric | A ({a.name}) | B ({b.name}) | Δ |", "|---|---|---|---|---|"]
    for name in [n for n in sa.get("sets", {}) if n in sb.get("sets", {})]:
        x, y = sa["sets"][name], sb["sets"][name]
        for key, label in HEADLINE:
            if x.get(key) is not None and y.get(key) is not None:
                lines.append(f"| {name} | {label} | {_fmt(x[key])} | {_fmt(y[key])} | {y[key] - x[key]:+.3f} |")
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
    # A metric a set cannot measure (refusals in a set with no unanswerable question) is None: no threshold.
    out = [f"{k} = {summary[k]:.3f} < {v}" for k, v in minimums.items()
           if v is not None and summary.get(k) is not None and summary[k] < v]
    out += [f"{k} = {summary[k]:.3f} > {v}" for k, v in maximums.items()
            if v is not None and summary.get(k) is not None and summary[k] > v]
    return out
