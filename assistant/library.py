"""The document library faces read and change: what is indexed, importing files,
removing a document. A narrow read/write face on ``Index`` so the page and the
CLI never reach into the docstore, Chroma or BM25 themselves."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from core.types import DocumentInfo
from vectorstore.index import Index, IngestReport
from vectorstore.writer import FilePages


class Library:
    def __init__(self, index: Index) -> None:
        self._index = index

    def documents(self) -> list[DocumentInfo]:
        return [DocumentInfo.from_summary(d) for d in self._index.documents()]

    def document(self, doc_id: str) -> DocumentInfo | None:
        return next((d for d in self.documents() if d.doc_id == doc_id), None)

    def streets(self) -> list[str]:
        return self._index.known_streets()

    def years(self) -> list[int]:
        return self._index.known_years()

    def generation(self) -> int:
        """The index generation answers are read from (it changes with every ingest or removal)."""
        return int(self._index.docstore.generation())

    def is_empty(self) -> bool:
        return self._index.count_chunks() == 0

    def ingest(self, paths: Iterable[Path], prune: bool = False, rebuild: bool = False,
               progress: bool = False, on_page: FilePages | None = None) -> IngestReport:
        """Incremental: unchanged files are skipped, unreadable ones reported in the result;
        ``on_page(file, done, total)`` follows OCR page by page."""
        return self._index.sync(list(paths), prune=prune, rebuild=rebuild, progress=progress, on_page=on_page)

    def remove(self, doc_id: str) -> DocumentInfo | None:
        """Remove one document; returns what was removed (None when it was already gone)."""
        doc = self.document(doc_id)
        if doc is not None:
            self._index.remove(doc_id)
        return doc
