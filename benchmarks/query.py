"""`ask` latency, stage shares, start-up and serving memory at each scale, embedded
store and Chroma server, beside the naive LangChain baseline.

Run after benchmarks/ingest.py (it reuses the indexes under benchmarks/.work):
    python benchmarks/query.py [--scales 5,1000,10000] [--server-scales 5,1000] [--baseline-scales 5,1000]
Writes the "query" section of benchmarks/RESULTS.md and prints it.

Each measurement runs in a fresh process, so start-up and peak RSS are its own.
Questions: all of evals/questions.jsonl (with their history), asked twice;
the first pass warms nothing that a real user would not also warm (query
embeddings are cached in memory per process, so the second pass shows the
repeated-question case and is reported separately).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import WORK, machine, pct, peak_rss_mb, run_json, write_section

STAGES = ("parse", "embed", "chroma", "bm25", "fuse", "answer")


def one(home: Path, chroma_url: str | None, collection: str) -> dict:
    from assistant.chain import Assistant
    from core.settings import Settings
    from evals.dataset import load_set

    t0 = time.perf_counter()
    assistant = Assistant(Settings(home=home, chroma_url=chroma_url, collection=collection))
    assistant.index.warm()  # what `workplan serve` does before it opens the page
    startup = time.perf_counter() - t0
    assistant.ask("长寿路2023年加梯完成多少台")
    stages: dict[str, float] = dict.fromkeys(STAGES, 0.0)
    real_retrieve = assistant.retriever.retrieve

    def timed(*args, **kwargs):
        r = real_retrieve(*args, **kwargs)
        for k, v in r.timings.items():
            stages[k] = stages.get(k, 0.0) + v
        return r

    # The retriever is a pydantic model (LangChain BaseRetriever): patch past its field check.
    object.__setattr__(assistant.retriever, "retrieve", timed)
    items = load_set()
    first: list[float] = []
    total = 0.0
    for item in items:
        t = time.perf_counter()
        assistant.ask(item.question, history=item.history)
        first.append((time.perf_counter() - t) * 1000)
        total += first[-1] / 1000
    stages["answer"] = max(0.0, total - sum(v for k, v in stages.items() if k != "answer"))
    again = []
    for item in items:
        t = time.perf_counter()
        assistant.ask(item.question, history=item.history)
        again.append((time.perf_counter() - t) * 1000)
    return {
        "chunks": assistant.index.count_chunks(), "startup_s": round(startup, 2),
        "p50": round(pct(first, 0.5), 1), "p95": round(pct(first, 0.95), 1), "p99": round(pct(first, 0.99), 1),
        "again_p50": round(pct(again, 0.5), 1), "n": len(first),
        "shares": {k: round(100 * v / sum(stages.values()), 1) for k, v in stages.items()}, "peak_rss_mb": round(peak_rss_mb()),
    }


def baseline(n: int, work: Path) -> dict:
    """Naive LangChain: 500-character recursive splits, Chroma dense top-5, same embedding model."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from benchmarks.common import TemplateVectors
    from benchmarks.ingest import corpus_for
    from core.settings import Settings
    from evals.dataset import load_set
    from evals.metrics import evidence_rank
    from ingest.clean import clean_text
    from ingest.loaders import load_file
    from vectorstore.embeddings import build_embeddings

    shutil.rmtree(work, ignore_errors=True)
    real = build_embeddings(Settings(home=WORK / "baseline-cache"))
    emb = real if n <= 5 else TemplateVectors(real)
    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
    docs = []
    for path in sorted(corpus_for(n).iterdir()):
        text = clean_text(load_file(path, 1 << 30).text).text
        docs += [Document(page_content=c, metadata={"source": path.name}) for c in splitter.split_text(text)]
    store = Chroma(collection_name="baseline", embedding_function=emb, persist_directory=str(work))
    for s in range(0, len(docs), 1000):
        store.add_documents(docs[s : s + 1000])
    items = load_set()
    lat, ranks = [], []
    for item in items:
        t = time.perf_counter()
        hits = store.similarity_search(item.question, k=5)
        lat.append((time.perf_counter() - t) * 1000)
        if item.answerable:
            ctx = [{"source": d.metadata["source"], "text": d.page_content} for d in hits]
            ranks.append(evidence_rank(ctx, item.source, item.evidence))
    out = {"chunks": len(docs), "p50": round(pct(lat, 0.5), 1), "p95": round(pct(lat, 0.95), 1),
           "p99": round(pct(lat, 0.99), 1), "peak_rss_mb": round(peak_rss_mb())}
    if n <= 5:
        out["hit5"] = round(sum(1 for r in ranks if r) / len(ranks), 3)
        out["hit1"] = round(sum(1 for r in ranks if r == 1) / len(ranks), 3)
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--scales", default="5,1000,10000")
    p.add_argument("--server-scales", default="5,1000")
    p.add_argument("--baseline-scales", default="5,1000")
    p.add_argument("--one", type=Path)
    p.add_argument("--chroma-url")
    p.add_argument("--collection", default="workplan")
    p.add_argument("--baseline", type=int)
    a = p.parse_args()
    if a.one:
        print(json.dumps(one(a.one, a.chroma_url, a.collection)))
        return
    if a.baseline is not None:
        print(json.dumps(baseline(a.baseline, WORK / f"baseline-{a.baseline}")))
        return
    from benchmarks.ingest import start_server

    rows = []
    for n in [int(x) for x in a.scales.split(",") if x]:
        home = WORK / f"index-{n}" / "home"
        if not home.exists():
            print(f"skip {n}: run benchmarks/ingest.py first", file=sys.stderr)
            continue
        r = run_json(["benchmarks/query.py", "--one", str(home), "--collection", f"bench{n}"])
        rows.append({"docs": n, "store": "embedded", **r})
        print(json.dumps(rows[-1]), flush=True)
    for n in [int(x) for x in a.server_scales.split(",") if x]:
        base = WORK / f"server-{n}"
        if not base.exists():
            continue
        proc, url = start_server(base / "db")
        try:
            r = run_json(["benchmarks/query.py", "--one", str(base / "home"), "--chroma-url", url, "--collection", f"bench{n}"])
        finally:
            proc.terminate()
            proc.wait()
        rows.append({"docs": n, "store": "server", **r})
        print(json.dumps(rows[-1]), flush=True)
    base_rows = []
    for n in [int(x) for x in a.baseline_scales.split(",") if x]:
        r = run_json(["benchmarks/query.py", "--baseline", str(n)])
        base_rows.append({"docs": n, **r})
        print(json.dumps(base_rows[-1]), flush=True)
    lines = [f"Machine: {machine()}. Run {time.strftime('%Y-%m-%d %H:%M')}.", "",
             ("`ask` end to end, extractive backend (question parsing, query embedding, Chroma, BM25, fusion, answer "
             f"composition and checks), {rows[0]['n'] if rows else 0} questions of `evals/questions.jsonl`, first time each. Start-up = opening "
             "the index until it is ready to answer (catalog, BM25 and Chroma's HNSW segment loaded — what `workplan "
             "serve` does before it opens the page). Stage shares are of the summed stage times (the parts of a "
             "cross-document question are retrieved in parallel, so stages can overlap in wall time):"), "",
             "| docs | store | chunks | start-up s | p50 ms | p95 ms | p99 ms | repeat p50 ms | peak RSS MB | "
             + " | ".join(f"{s} %" for s in STAGES) + " |",
             "|---|---|---|---|---|---|---|---|---|" + "---|" * len(STAGES)]
    for r in rows:
        lines.append(f"| {r['docs']} | {r['store']} | {r['chunks']} | {r['startup_s']} | {r['p50']} | {r['p95']} | {r['p99']} | "
                     f"{r['again_p50']} | {r['peak_rss_mb']} | " + " | ".join(str(r["shares"].get(s, 0)) for s in STAGES) + " |")
    lines += ["", ("Naive LangChain baseline (500-character `RecursiveCharacterTextSplitter`, Chroma dense top-5, same e5 "
              "model; retrieval only, no answer):"), "",
              "| docs | chunks | p50 ms | p95 ms | p99 ms | hit@1 | hit@5 | peak RSS MB |", "|---|---|---|---|---|---|---|---|"]
    for r in base_rows:
        lines.append(f"| {r['docs']} | {r['chunks']} | {r['p50']} | {r['p95']} | {r['p99']} | {r.get('hit1', '—')} | "
                     f"{r.get('hit5', '—')} | {r['peak_rss_mb']} |")
    table = "\n".join(lines)
    write_section("query", "## Query\n\n" + table)
    print(table)


if __name__ == "__main__":
    main()
