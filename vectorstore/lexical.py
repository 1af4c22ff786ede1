"""BM25 over jieba tokens (bm25s), rebuilt from the docstore when it changes.

Why rebuild rather than patch: bm25s has no delete; re-indexing stored tokens
is fast (no re-tokenising), and a generation stamp tells when it is stale.

Why immutable snapshots: a question being answered while an ingest commits
must score against the same chunk list its filters were built from, so each
generation gets its own ``LexicalSnapshot`` and readers keep the one they took.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from vectorstore.tokenize import tokenize

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass(frozen=True)
class LexicalSnapshot:
    generation: int
    ids: list[str]
    model: bm25s.BM25 | None

    def scores(self, query: str) -> np.ndarray:
        if self.model is None or not self.ids:
            return np.zeros(0, dtype=np.float32)
        tokens = tokenize(query)
        if not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.model.get_scores(tokens), dtype=np.float32)

    def vocabulary(self) -> frozenset[str]:
        """Every word the indexed chunks hold (a question's word outside it was never written there)."""
        vocab = getattr(self.model, "vocab_dict", None) if self.model is not None else None
        return frozenset(w for w in (vocab or {}) if w)

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


class BM25Index:
    """Owns the on-disk BM25 artefact; hands out one snapshot per docstore generation."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self.current: LexicalSnapshot | None = None

    @property
    def ids(self) -> list[str]:
        return self.current.ids if self.current else []

    def _load(self, generation: int, ids: list[str]) -> LexicalSnapshot | None:
        stamp = self.folder / "stamp.json"
        if not stamp.exists():
            return None
        try:
            meta = json.loads(stamp.read_text("utf-8"))
            if meta.get("generation") != generation or meta.get("ids") != ids:
                return None
            return LexicalSnapshot(generation, ids, bm25s.BM25.load(str(self.folder / "model")) if ids else None)
        except Exception:  # noqa: BLE001 - a damaged artefact is rebuilt, never trusted
            log.warning("BM25 索引文件损坏，将重建")
            return None

    def refresh(self, generation: int, ids: list[str],
                tokens: Callable[[], tuple[list[list[int]], dict[str, int]]]) -> LexicalSnapshot:
        """The snapshot for this docstore generation: in memory, from disk, or rebuilt
        (``tokens`` — per-chunk vocabulary ids and the vocabulary — is called only for a rebuild)."""
        with self._lock:
            if self.current is not None and self.current.generation == generation:
                return self.current
            snap = self._load(generation, ids)
            if snap is None:
                model = None
                if ids:
                    model = bm25s.BM25()
                    model.index(tokens(), show_progress=False)
                snap = LexicalSnapshot(generation, ids, model)
                self._save(snap)
            self.current = snap
            return snap

    def _save(self, snap: LexicalSnapshot) -> None:
        # Written beside, then swapped in: a kill mid-save leaves the old artefact or a stale one, never a torn one.
        tmp = self.folder.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if snap.model is not None:
            snap.model.save(str(tmp / "model"))
        (tmp / "stamp.json").write_text(json.dumps({"generation": snap.generation, "ids": snap.ids}), "utf-8")
        shutil.rmtree(self.folder, ignore_errors=True)
        tmp.rename(self.folder)

    def clear(self) -> None:
        with self._lock:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.current = None
