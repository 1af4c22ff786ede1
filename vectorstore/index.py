"""The index: docstore (truth) + Chroma (vectors) + BM25 (words), kept in step.

``sync`` is the incremental ingest: unchanged files are skipped by content
hash, changed ones replace their chunks completely, ``prune`` drops documents
whose files are gone, and ``reconcile`` repairs Chroma from the docstore if a
previous run was interrupted between the two writes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from core.errors import IngestError
from core.settings import Settings
from ingest.models import Document
from ingest.pipeline import chunking_signature, discover, doc_id_for, file_hash, parse_document
from vectorstore import tokenize as tok
from vectorstore.catalog import Catalog, Columns, year_bits
from vectorstore.dense import DenseSearch
from vectorstore.docstore import DocStore
from vectorstore.embeddings import CachedEmbeddings, build_embeddings
from vectorstore.lexical import BM25Index
from vectorstore.passage import embed_text
from vectorstore.store import ChromaStore

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    chunks_written: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


class Index:
    def __init__(self, settings: Settings, embeddings: CachedEmbeddings | None = None) -> None:
        self.settings = settings
        home = settings.ensure_home()
        self.embeddings = embeddings or build_embeddings(settings)
        self.docstore = DocStore(home / "index.sqlite")
        self.store = ChromaStore(settings, self.embeddings, chunking_signature(settings))
        self.bm25 = BM25Index(home / "bm25")
        self.dense = DenseSearch(self.store)
        self._columns_dir = home / "catalog"
        self._catalog: Catalog | None = None
        # Writers (sync/remove) serialise on _lock; readers only on _read_lock, so questions
        # keep being answered from the last committed generation while an ingest runs.
        self._lock = threading.RLock()
        self._read_lock = threading.Lock()
        self._check_tokenizer()

    def _check_tokenizer(self) -> None:
        """BM25 tokens are part of the index: written under ``tokenize.SIGNATURE`` and
        recomputed from the stored text when the dictionary has changed since."""
        stored = self.docstore.get_state("tokenizer")
        if stored == tok.SIGNATURE:
            return
        with self._lock:
            n = self.docstore.retokenize(
                lambda meta, text: tok.tokenize(embed_text(meta, text, self.settings.context_header)),
                ("tokenizer", tok.SIGNATURE))
        if stored:
            log.info("tokenizer dictionary changed: re-tokenized %d chunks", n)

    # -- ingest ------------------------------------------------------------------
    def sync(self, paths: Iterable[Path], prune: bool = False, rebuild: bool = False,
             progress: bool = False) -> IngestReport:
        start = time.perf_counter()
        report = IngestReport()
        with self._lock:
            if rebuild:
                self._rebuild_empty()
            self.reconcile()
            candidates = discover(list(paths))
            bar = tqdm(candidates, desc="解析文件", unit="个", disable=not progress)
            known = self.docstore.file_hashes()
            for cand in bar:
                if cand.error is not None:
                    report.failed.append((str(cand.path), cand.error.message_zh))
                    continue
                try:
                    seen = known.get(doc_id_for(cand.path))
                    if seen and seen == file_hash(cand.path, self.settings):
                        report.unchanged.append(cand.path.name)  # same bytes: no need to parse again
                        continue
                except OSError:
                    pass  # unreadable now: parse_document reports it
                try:
                    doc = parse_document(cand.path, self.settings)
                except IngestError as exc:
                    report.failed.append((str(cand.path), exc.message_zh))
                    continue
                except Exception as exc:  # a bug must not lose the rest of the run
                    log.exception("unexpected error parsing %s", cand.path)
                    report.failed.append((str(cand.path), f"解析时发生意外错误：{type(exc).__name__}"))
                    continue
                old = self.docstore.doc_hash(doc.doc_id)
                if old == doc.content_hash:
                    report.unchanged.append(doc.source)
                    continue
                self._write(doc, progress)
                report.chunks_written += len(doc.chunks)
                (report.updated if old else report.added).append(doc.source)
            if prune:
                for summary in self.docstore.documents():
                    if not Path(summary["path"]).exists():
                        self.remove(summary["doc_id"])
                        report.removed.append(summary["source"])
        self.catalog()  # BM25 rebuilt and saved for the new generation
        report.seconds = time.perf_counter() - start
        return report

    def _write(self, doc: Document, progress: bool) -> None:
        old_ids = set(self.docstore.chunk_ids(doc.doc_id))
        metas = [c.metadata() for c in doc.chunks]
        texts = [embed_text(m, c.text, self.settings.context_header) for m, c in zip(metas, doc.chunks, strict=True)]
        tokens = [tok.tokenize(t) for t in texts]
        if progress:
            bar = tqdm(total=len(texts), desc=f"向量化 {doc.source}", unit="段", leave=False)
            self.embeddings.progress = bar.update
        try:
            self.store.upsert([c.chunk_id for c in doc.chunks], texts, metas)
        finally:
            self.embeddings.progress = None
            if progress:
                bar.close()
        # The docstore commit is the moment the new version becomes visible (queries only
        # see chunks the docstore knows); stale vectors are dropped after it. A kill at any
        # point leaves extra or missing vectors that reconcile() repairs on the next run.
        self.docstore.replace_document(doc, tokens)
        stale = sorted(old_ids - {c.chunk_id for c in doc.chunks})
        if stale:
            self.store.delete(stale)

    def remove(self, doc_id: str) -> None:
        with self._lock:
            ids = self.docstore.chunk_ids(doc_id)
            if ids:
                self.store.delete(ids)
            self.docstore.remove_document(doc_id)

    def _rebuild_empty(self) -> None:
        for summary in self.docstore.documents():
            self.docstore.remove_document(summary["doc_id"])
        ids = self.store.all_ids()
        if ids:
            self.store.delete(ids)
        self.bm25.clear()

    def reconcile(self) -> None:
        """Make Chroma hold exactly the docstore's chunks (after a crash between writes)."""
        truth = self.docstore.chunk_ids()
        if self.store.count() == len(truth):
            return
        have = set(self.store.all_ids())
        want = set(truth)
        extra = sorted(have - want)
        if extra:
            self.store.delete(extra)
        missing = sorted(want - have)
        if missing:
            rows = self.docstore.get_chunks(missing)
            metas = [{k: v for k, v in rows[i].items() if k != "text"} for i in missing]
            texts = [embed_text(m, rows[i]["text"], self.settings.context_header) for m, i in zip(metas, missing, strict=True)]
            self.store.upsert(missing, texts, metas)
        log.info("reconciled Chroma: removed %d, restored %d", len(extra), len(missing))

    # -- reading -------------------------------------------------------------------
    def catalog(self) -> Catalog:
        """The current generation's filter columns and BM25 snapshot: in memory, saved
        on disk (a restart), or rebuilt from the docstore (after an ingest)."""
        cat = self._catalog
        if cat is not None and cat.generation == self.docstore.generation():
            return cat
        with self._read_lock:
            gen = self.docstore.generation()
            if self._catalog is not None and self._catalog.generation == gen:
                return self._catalog
            cols = Columns.load(self._columns_dir, gen)
            if cols is None:
                cols = Columns.from_rows(*self.docstore.columns(year_bits))
                try:
                    cols.save(self._columns_dir)
                except OSError as exc:  # a read-only home still answers, it only restarts slower
                    log.warning("could not save the catalog: %s", exc)
            lexical = self.bm25.refresh(cols.generation, cols.ids, lambda: self.docstore.token_ids(cols.ids))
            doc_years = {str(d["doc_id"]): frozenset(int(y) for y in d.get("years") or []) for d in self.docstore.documents()}
            self._catalog = cols.catalog(lexical, doc_years)
            return self._catalog

    def chunks(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Full rows (metadata with text) of ``ids``; chunks removed since are left out."""
        return self.docstore.get_chunks(ids)

    def documents(self) -> list[dict[str, Any]]:
        return self.docstore.documents()

    def known_streets(self) -> list[str]:
        return self.catalog().street_names

    def known_years(self) -> list[int]:
        return self.catalog().known_years

    def warm(self) -> None:
        """Load what the first question would otherwise wait for: the catalog and
        BM25 (~0.6 s at 10k documents) and Chroma's HNSW segment (~1.5 s), side by side."""
        loader = threading.Thread(target=self.catalog, daemon=True)
        loader.start()
        if self.store.count():
            self.store.search([0.0] * self.embeddings.dim, 1)
        loader.join()
