"""The index: docstore (truth) + Chroma (vectors) + BM25 (words), kept in step.

This module is the index's read side and its facade: the catalog a question
filters on, passages by id, query embedding, dense search, the document list.
Code outside ``vectorstore`` uses these methods, never the parts behind them.
Writing — ``sync`` (incremental ingest), ``remove``, ``reconcile`` (crash
repair) — lives in ``vectorstore/writer.py``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from core.settings import Settings
from core.types import SectionHead
from ingest.pipeline import chunking_signature
from vectorstore.catalog import Catalog, Columns, year_bits
from vectorstore.dense import DenseSearch
from vectorstore.docstore import DocStore
from vectorstore.embeddings import CachedEmbeddings, build_embeddings
from vectorstore.lexical import BM25Index
from vectorstore.outline import section_heads
from vectorstore.store import ChromaStore
from vectorstore.writer import FilePages, IndexWriter, IngestReport

__all__ = ["Index", "IngestReport"]

log = logging.getLogger(__name__)


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
        self._sections: dict[str, list[SectionHead]] = {}
        self._sections_gen = -1
        # Writers (sync/remove) serialise on write_lock; readers only on _read_lock, so questions
        # keep being answered from the last committed generation while an ingest runs.
        self.write_lock = threading.RLock()
        self._read_lock = threading.Lock()
        self.writer = IndexWriter(self)
        self.writer.check_tokenizer()

    # -- writing (vectorstore/writer.py) ------------------------------------------
    def sync(self, paths: Iterable[Path], prune: bool = False, rebuild: bool = False,
             progress: bool = False, on_page: FilePages | None = None) -> IngestReport:
        """Incremental ingest: unchanged files skipped by content hash, changed ones
        replaced whole, unreadable ones reported; ``prune`` drops vanished files."""
        return self.writer.sync(paths, prune=prune, rebuild=rebuild, progress=progress, on_page=on_page)

    def remove(self, doc_id: str) -> None:
        self.writer.remove(doc_id)

    def reconcile(self) -> None:
        self.writer.reconcile()

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
            docs = self.docstore.documents()
            doc_years = {str(d["doc_id"]): frozenset(int(y) for y in d.get("years") or []) for d in docs}
            self._catalog = cols.catalog(lexical, doc_years, {str(d["doc_id"]): str(d.get("title") or "") for d in docs})
            return self._catalog

    def chunks(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Full rows (metadata with text) of ``ids``; chunks removed since are left out."""
        return self.docstore.get_chunks(ids)

    def documents(self) -> list[dict[str, Any]]:
        return self.docstore.documents()

    def sections(self, doc_id: str) -> list[SectionHead]:
        """The document's sections in reading order (cached per generation)."""
        gen = self.docstore.generation()
        if self._sections_gen != gen:
            self._sections, self._sections_gen = {}, gen
        if doc_id not in self._sections:
            self._sections[doc_id] = section_heads(self.document_chunks(doc_id))
        return self._sections[doc_id]

    def document_chunks(self, doc_id: str) -> list[dict[str, Any]]:
        """Every chunk of one document in reading order (metadata with text)."""
        return self.docstore.document_chunks(doc_id)

    def count_chunks(self) -> int:
        return self.docstore.count_chunks()

    def embed_query(self, text: str) -> list[float]:
        return self.embeddings.embed_query(text)

    def dense_search(self, vector: list[float], n: int, cat: Catalog, allowed: np.ndarray,
                     wheres: Callable[[], list[dict[str, Any] | None]]) -> list[str]:
        """Chunk ids nearest ``vector`` among the ``allowed`` rows of ``cat`` (see vectorstore/dense.py)."""
        return self.dense.search(vector, n, cat, allowed, wheres)

    def previous_chunks(self, keys: list[tuple[str, int]]) -> dict[tuple[str, int], tuple[str, int]]:
        return self.docstore.previous_chunks(keys)

    def vocabulary(self) -> frozenset[str]:
        """The words of the indexed chunks (of the catalog's generation)."""
        return self.catalog().lexical.vocabulary()

    def known_streets(self) -> list[str]:
        return self.catalog().street_names

    def known_years(self) -> list[int]:
        return self.catalog().known_years

    def warm(self) -> None:
        """Load what the first question would otherwise wait for: the catalog and
        BM25 (~0.6 s at 10k documents) and Chroma's HNSW segment (~1.5 s), side by side —
        or, for a library small enough to be searched exactly, its vectors."""
        loader = threading.Thread(target=self.catalog, daemon=True)
        loader.start()
        count = self.store.count()
        if count:
            self.store.search([0.0] * self.embeddings.dim, 1)
        loader.join()
        if count and count <= self.dense.exact_max:
            cat = self.catalog()
            self.dense.search([0.0] * self.embeddings.dim, 1, cat, np.ones(len(cat.ids), dtype=bool), list)
