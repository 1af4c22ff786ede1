"""Writing the index: incremental sync of files, removal, crash repair, and keeping
the BM25 tokens under the current tokenizer dictionary.

Why apart from ``Index``: reading (filters, catalog, the snapshot a question sees)
and writing (parse, embed, commit, reconcile) change for different reasons; the
write path holds the index's writer lock, so questions keep reading the last
committed generation while it runs.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Self

from tqdm import tqdm

from core.errors import IngestError
from ingest.models import Document
from ingest.pipeline import discover, doc_id_for, file_hash, parse_document
from vectorstore import tokenize as tok
from vectorstore.passage import embed_text

if TYPE_CHECKING:
    from vectorstore.index import Index

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


FilePages = Callable[[str, int, int], None]  # (file name, pages done, pages in all)


class _PageBar:
    """Per-page progress of one file's OCR: a terminal bar and/or the caller's callback.
    Nothing is drawn for files that need no OCR (the callback is never called for them)."""

    def __init__(self, name: str, terminal: bool, callback: FilePages | None) -> None:
        self.name, self.terminal, self.callback = name, terminal, callback
        self.bar: tqdm | None = None

    def __enter__(self) -> Self:
        return self

    def update(self, done: int, total: int) -> None:
        if self.terminal:
            if self.bar is None:
                self.bar = tqdm(total=total, desc=f"文字识别 {self.name}", unit="页", leave=False)
            self.bar.update(done - self.bar.n)
        if self.callback:
            self.callback(self.name, done, total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


class IndexWriter:
    def __init__(self, index: Index) -> None:
        self._ix = index

    def check_tokenizer(self) -> None:
        """BM25 tokens are part of the index: written under ``tokenize.SIGNATURE`` and
        recomputed from the stored text when the dictionary has changed since."""
        stored = self._ix.docstore.get_state("tokenizer")
        if stored == tok.SIGNATURE:
            return
        with self._ix.write_lock:
            n = self._ix.docstore.retokenize(
                lambda meta, text: tok.tokenize(embed_text(meta, text, self._ix.settings.context_header)),
                ("tokenizer", tok.SIGNATURE))
        if stored:
            log.info("tokenizer dictionary changed: re-tokenized %d chunks", n)

    def sync(self, paths: Iterable[Path], prune: bool = False, rebuild: bool = False,
             progress: bool = False, on_page: FilePages | None = None) -> IngestReport:
        """``progress`` draws terminal bars (files, OCR pages, embedding); ``on_page(name, done, total)``
        reports each OCR'd page to a page or an API caller."""
        start = time.perf_counter()
        report = IngestReport()
        with self._ix.write_lock:
            if rebuild:
                self.rebuild_empty()
            self.reconcile()
            candidates = discover(list(paths))
            bar = tqdm(candidates, desc="解析文件", unit="个", disable=not progress)
            known = self._ix.docstore.file_hashes()
            for cand in bar:
                if cand.error is not None:
                    report.failed.append((str(cand.path), cand.error.message_zh))
                    continue
                try:
                    seen = known.get(doc_id_for(cand.path))
                    if seen and seen == file_hash(cand.path, self._ix.settings):
                        report.unchanged.append(cand.path.name)  # same bytes: no need to parse again
                        continue
                except OSError:
                    pass  # unreadable now: parse_document reports it
                try:
                    with _PageBar(cand.path.name, progress, on_page) as pages:
                        doc = parse_document(cand.path, self._ix.settings, on_page=pages.update)
                except IngestError as exc:
                    report.failed.append((str(cand.path), exc.message_zh))
                    continue
                except Exception as exc:  # a bug must not lose the rest of the run
                    log.exception("unexpected error parsing %s", cand.path)
                    report.failed.append((str(cand.path), f"解析时发生意外错误：{type(exc).__name__}"))
                    continue
                old = self._ix.docstore.doc_hash(doc.doc_id)
                if old == doc.content_hash:
                    report.unchanged.append(doc.source)
                    continue
                self._write(doc, progress)
                report.chunks_written += len(doc.chunks)
                (report.updated if old else report.added).append(doc.source)
            if prune:
                for summary in self._ix.docstore.documents():
                    if not Path(summary["path"]).exists():
                        self.remove(summary["doc_id"])
                        report.removed.append(summary["source"])
        self._ix.catalog()  # BM25 rebuilt and saved for the new generation
        report.seconds = time.perf_counter() - start
        return report

    def _write(self, doc: Document, progress: bool) -> None:
        old_ids = set(self._ix.docstore.chunk_ids(doc.doc_id))
        metas = [c.metadata() for c in doc.chunks]
        texts = [embed_text(m, c.text, self._ix.settings.context_header) for m, c in zip(metas, doc.chunks, strict=True)]
        tokens = [tok.tokenize(t) for t in texts]
        if progress:
            bar = tqdm(total=len(texts), desc=f"向量化 {doc.source}", unit="段", leave=False)
            self._ix.embeddings.progress = bar.update
        try:
            self._ix.store.upsert([c.chunk_id for c in doc.chunks], texts, metas)
        finally:
            self._ix.embeddings.progress = None
            if progress:
                bar.close()
        # The docstore commit is the moment the new version becomes visible (queries only
        # see chunks the docstore knows); stale vectors are dropped after it. A kill at any
        # point leaves extra or missing vectors that reconcile() repairs on the next run.
        self._ix.docstore.replace_document(doc, tokens)
        stale = sorted(old_ids - {c.chunk_id for c in doc.chunks})
        if stale:
            self._ix.store.delete(stale)

    def remove(self, doc_id: str) -> None:
        with self._ix.write_lock:
            ids = self._ix.docstore.chunk_ids(doc_id)
            if ids:
                self._ix.store.delete(ids)
            self._ix.docstore.remove_document(doc_id)

    def rebuild_empty(self) -> None:
        for summary in self._ix.docstore.documents():
            self._ix.docstore.remove_document(summary["doc_id"])
        ids = self._ix.store.all_ids()
        if ids:
            self._ix.store.delete(ids)
        self._ix.bm25.clear()

    def reconcile(self) -> None:
        """Make Chroma hold exactly the docstore's chunks (after a crash between writes)."""
        truth = self._ix.docstore.chunk_ids()
        if self._ix.store.count() == len(truth):
            return
        have = set(self._ix.store.all_ids())
        want = set(truth)
        extra = sorted(have - want)
        if extra:
            self._ix.store.delete(extra)
        missing = sorted(want - have)
        if missing:
            rows = self._ix.docstore.get_chunks(missing)
            metas = [{k: v for k, v in rows[i].items() if k != "text"} for i in missing]
            texts = [embed_text(m, rows[i]["text"], self._ix.settings.context_header) for m, i in zip(metas, missing, strict=True)]
            self._ix.store.upsert(missing, texts, metas)
        log.info("reconciled Chroma: removed %d, restored %d", len(extra), len(missing))
