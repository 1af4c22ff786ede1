"""BM25 over jieba tokens (bm25s), rebuilt from the docstore when it changes.

Why rebuild rather than patch: bm25s has no delete; re-indexing stored tokens
is fast (no re-tokenising), and a generation stamp tells when it is stale.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from pathlib import Path

import bm25s
import numpy as np

from vectorstore.docstore import DocStore
from vectorstore.tokenize import tokenize

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)


class BM25Index:
    def __init__(self, folder: Path, docstore: DocStore) -> None:
        self.folder = folder
        self.docstore = docstore
        self._lock = threading.Lock()
        self._model: bm25s.BM25 | None = None
        self.ids: list[str] = []
        self.generation = -1

    def _load(self) -> bool:
        stamp = self.folder / "stamp.json"
        if not stamp.exists():
            return False
        try:
            meta = json.loads(stamp.read_text("utf-8"))
            if meta.get("generation") != self.docstore.generation():
                return False
            self._model = bm25s.BM25.load(str(self.folder / "model"))
            self.ids = meta["ids"]
            self.generation = meta["generation"]
            return True
        except Exception:  # a damaged artifact is rebuilt, never trusted
            log.warning("BM25 索引文件损坏，将重建")
            return False

    def refresh(self) -> None:
        """Make the index match the docstore (load from disk or rebuild)."""
        with self._lock:
            gen = self.docstore.generation()
            if self._model is not None and self.generation == gen:
                return
            if self._load():
                return
            ids, _, toks = self.docstore.all_chunks()
            model = bm25s.BM25()
            if ids:
                model.index([t or [""] for t in toks], show_progress=False)
            tmp = self.folder.with_suffix(".tmp")
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir(parents=True)
            if ids:
                model.save(str(tmp / "model"))
            (tmp / "stamp.json").write_text(json.dumps({"generation": gen, "ids": ids}), "utf-8")
            shutil.rmtree(self.folder, ignore_errors=True)
            tmp.rename(self.folder)
            self._model, self.ids, self.generation = (model if ids else None), ids, gen

    def scores(self, query: str) -> np.ndarray:
        self.refresh()
        if self._model is None or not self.ids:
            return np.zeros(0, dtype=np.float32)
        tokens = tokenize(query)
        if not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)

    def search(self, query: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[str, float]]:
        s = self.scores(query)
        if s.size == 0:
            return []
        if allowed is not None:
            s = np.where(allowed, s, 0.0)
        k = min(k, s.size)
        top = np.argpartition(-s, k - 1)[:k]
        top = top[np.argsort(-s[top])]
        return [(self.ids[i], float(s[i])) for i in top if s[i] > 0]
