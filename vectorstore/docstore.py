"""The index manifest: documents and their chunks in SQLite.

Why: it is the single source of truth that Chroma and BM25 are kept in step
with. Each document is replaced in one transaction, so a crash leaves either
the old or the new version, never half of one.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ingest.models import Document

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  doc_id TEXT PRIMARY KEY, path TEXT NOT NULL, source TEXT NOT NULL,
  content_hash TEXT NOT NULL, summary TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
  chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, position INTEGER NOT NULL,
  text TEXT NOT NULL, meta TEXT NOT NULL, tokens TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class DocStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(_SCHEMA)
        self._lock = threading.RLock()

    # -- state -------------------------------------------------------------
    def get_state(self, key: str, default: str = "") -> str:
        with self._lock:
            row = self._conn.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_state(self, key: str, value: str) -> None:
        with self._lock, self._conn:
            self._conn.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))

    def retokenize(self, tokens_of: Callable[[dict[str, Any], str], list[str]], state: tuple[str, str]) -> int:
        """Recompute every chunk's BM25 tokens (``tokens_of(meta, text)``) and record
        ``state`` in one transaction; a new generation, so BM25 is rebuilt."""
        with self._lock, self._conn:
            rows = self._conn.execute("SELECT chunk_id, text, meta FROM chunks").fetchall()
            self._conn.executemany("UPDATE chunks SET tokens=? WHERE chunk_id=?", [
                (json.dumps(tokens_of(json.loads(meta), text), ensure_ascii=False), cid) for cid, text, meta in rows])
            self._conn.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", state)
            self._bump()
        return len(rows)

    def generation(self) -> int:
        return int(self.get_state("generation", "0"))

    # -- documents -----------------------------------------------------------
    def doc_hash(self, doc_id: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT content_hash FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def file_hashes(self) -> dict[str, str]:
        """doc_id → file fingerprint recorded at its last ingest."""
        with self._lock:
            rows = self._conn.execute("SELECT doc_id, summary FROM documents").fetchall()
        return {r[0]: json.loads(r[1]).get("file_hash", "") for r in rows}

    def chunk_ids(self, doc_id: str | None = None) -> list[str]:
        with self._lock:
            if doc_id is None:
                rows = self._conn.execute("SELECT chunk_id FROM chunks ORDER BY doc_id, position").fetchall()
            else:
                rows = self._conn.execute(
                    "SELECT chunk_id FROM chunks WHERE doc_id=? ORDER BY position", (doc_id,)
                ).fetchall()
        return [r[0] for r in rows]

    def replace_document(self, doc: Document, tokens: list[list[str]]) -> None:
        summary = json.dumps(doc.summary(), ensure_ascii=False)
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM chunks WHERE doc_id=?", (doc.doc_id,))
            self._conn.execute(
                "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?)",
                (doc.doc_id, doc.path, doc.source, doc.content_hash, summary),
            )
            self._conn.executemany(
                "INSERT INTO chunks VALUES (?,?,?,?,?,?)",
                [
                    (c.chunk_id, c.doc_id, c.position, c.text, json.dumps(c.metadata(), ensure_ascii=False),
                     json.dumps(t, ensure_ascii=False))
                    for c, t in zip(doc.chunks, tokens, strict=True)
                ],
            )
            self._bump()

    def remove_document(self, doc_id: str) -> None:
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
            self._conn.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
            self._bump()

    def _bump(self) -> None:
        self._conn.execute(
            "INSERT INTO state VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def documents(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute("SELECT summary FROM documents ORDER BY source").fetchall()
        return [json.loads(r[0]) for r in rows]

    # -- chunks ----------------------------------------------------------------
    def all_chunks(self) -> tuple[list[str], list[dict[str, Any]], list[list[str]]]:
        """(ids, metadata-with-text, tokens) in a stable order, for BM25 rebuilds."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT chunk_id, text, meta, tokens FROM chunks ORDER BY doc_id, position"
            ).fetchall()
        ids = [r[0] for r in rows]
        metas = [{**json.loads(r[2]), "text": r[1]} for r in rows]
        toks = [json.loads(r[3]) for r in rows]
        return ids, metas, toks

    def columns(self, digest: Callable[[str], T]) -> tuple[int, list[tuple[str, str, str, str, str, int, T]]]:
        """(generation, rows of chunk_id, street, district, doc_id, kind, year, digest(text))
        read in one transaction, so they agree even while another process commits a
        document. The fields come out through SQLite's json_extract: decoding 280k
        JSON objects in Python took 4 s of the 8 s a catalog rebuild cost at 10k docs;
        the text is digested row by row so 280k passages are never all in memory."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                gen = int(self.get_state("generation", "0"))
                rows = [
                    (*r[:6], digest(r[6]))
                    for r in self._conn.execute(
                        "SELECT chunk_id, json_extract(meta, '$.street'), json_extract(meta, '$.district'), doc_id,"
                        " json_extract(meta, '$.kind'), json_extract(meta, '$.year'), text"
                        " FROM chunks ORDER BY doc_id, position"
                    )
                ]
            finally:
                self._conn.execute("COMMIT")
        return gen, rows

    def token_ids(self, ids: list[str]) -> tuple[list[list[int]], dict[str, int]]:
        """Stored BM25 tokens for ``ids`` (in that order) as vocabulary ids, for a BM25 rebuild.

        Why ids: as decoded strings the tokens of 280k chunks took ~4 GB (every
        token its own str object); as references to one shared int per distinct
        word, a quarter of that. An empty chunk gets the empty token so it still
        has a row."""
        order = {cid: i for i, cid in enumerate(ids)}
        out: list[list[int]] = [[] for _ in ids]
        vocab: dict[str, int] = {"": 0}
        with self._lock:
            for cid, toks in self._conn.execute("SELECT chunk_id, tokens FROM chunks"):
                i = order.get(cid)
                if i is not None:
                    out[i] = [vocab.setdefault(t, len(vocab)) for t in json.loads(toks)]
        for row in out:
            if not row:
                row.append(0)
        return out, vocab

    def document_chunks(self, doc_id: str) -> list[dict[str, Any]]:
        """Every chunk of one document in reading order (metadata with its text)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT chunk_id, text, meta FROM chunks WHERE doc_id=? ORDER BY position", (doc_id,)).fetchall()
        return [{**json.loads(meta), "chunk_id": cid, "text": text} for cid, text, meta in rows]

    def get_chunks(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        with self._lock:
            for i in range(0, len(ids), 500):
                batch = ids[i : i + 500]
                for cid, text, meta in self._conn.execute(
                    f"SELECT chunk_id, text, meta FROM chunks WHERE chunk_id IN ({','.join('?' * len(batch))})", batch
                ):
                    out[cid] = {**json.loads(meta), "text": text}
        return out

    def previous_chunks(self, keys: list[tuple[str, int]]) -> dict[tuple[str, int], tuple[str, int]]:
        """(text, end offset) of the chunk before each (doc_id, position), keyed by that pair."""
        out: dict[tuple[str, int], tuple[str, int]] = {}
        with self._lock:
            for doc_id, position in keys:
                row = self._conn.execute(
                    "SELECT text, json_extract(meta, '$.end') FROM chunks WHERE doc_id=? AND position=?",
                    (doc_id, position - 1),
                ).fetchone()
                if row:
                    out[(doc_id, position)] = (row[0], int(row[1] or -1))
        return out

    def count_chunks(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])

    def close(self) -> None:
        self._conn.close()

