"""The in-memory catalog of one docstore generation: columns for fast filters,
no passage text.

Why columns and not the chunk rows: at 10k documents (280k chunks) keeping
every chunk's metadata and text as Python dicts cost 6–8 s to load (JSON
decoding) and ~1.5 GB of memory, while a question only ever needs the filters
over all chunks and the full rows of its ~80 candidates (fetched from SQLite
by id). The columns are saved beside the BM25 model, keyed by generation, so a
restart loads them instead of rebuilding.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.textnorm import years_named
from vectorstore.lexical import LexicalSnapshot

YEAR_BASE = 1949  # years mentioned are kept as bits: 1949–2074 in two int64 words per chunk
YEAR_SPAN = 126


class Codes:
    """A string column as int32 codes: filters over 100k+ chunks become integer
    comparisons (np.isin on object arrays took ~10 ms per question at 28k chunks)."""

    def __init__(self, names: list[str], codes: np.ndarray) -> None:
        self.names = names
        self.index = {name: i for i, name in enumerate(names)}
        self.codes = codes

    @classmethod
    def encode(cls, values: list[str]) -> Codes:
        names = sorted(set(values))
        index = {name: i for i, name in enumerate(names)}
        return cls(names, np.fromiter((index[v] for v in values), dtype=np.int32, count=len(values)))

    def isin(self, names: list[str]) -> np.ndarray:
        wanted = [self.index[n] for n in names if n in self.index]
        if not wanted:
            return np.zeros(len(self.codes), dtype=bool)
        return np.isin(self.codes, np.asarray(wanted, dtype=np.int32))

    def eq(self, name: str) -> np.ndarray:
        return self.isin([name])


def year_bits(text: str) -> int:
    """Bit set of the years a passage names ("2023年", "一九五五年"), for the year-coverage check."""
    return years_mask(years_named(text))


def years_mask(years: list[int]) -> int:
    return sum(1 << (y - YEAR_BASE) for y in set(years) if YEAR_BASE <= y < YEAR_BASE + YEAR_SPAN)


def _words(mask: int) -> tuple[int, int]:
    """A year mask as two signed int64 words (63 bits each), the layout of ``mentions``."""
    low = (1 << 63) - 1
    return mask & low, mask >> 63


@dataclass
class Catalog:
    """Chunk columns aligned with the BM25 snapshot's ids (same order)."""

    generation: int
    lexical: LexicalSnapshot
    ids: list[str]
    pos: dict[str, int]
    streets: Codes
    districts: Codes
    docs: Codes
    kinds: Codes
    years: np.ndarray  # section year, 0 when none
    mentions: np.ndarray  # (n, 2) int64 words of the bit sets from year_bits
    street_names: list[str]  # distinct streets and section years, derived once per generation
    known_years: list[int]  # (np.unique over 280k chunks is ~10 ms: not for every question)
    doc_years: dict[str, frozenset[int]]  # doc_id → the years its title/summary is of ("1994年政府工作报告")
    doc_titles: dict[str, str]  # doc_id → title, for questions that name a document by it

    def documents_of_years(self, years: list[int]) -> list[str]:
        """The documents that are reports of ``years`` (read once per generation, not per question)."""
        wanted = set(years)
        return [doc for doc, ys in self.doc_years.items() if ys & wanted]

    def year_named(self, pool: np.ndarray, years: list[int]) -> bool:
        """Whether any chunk in ``pool`` is about, or names, one of ``years``."""
        if np.isin(self.years[pool], years).any():
            return True
        mask = years_mask(years)
        if not mask:
            return False
        lo, hi = _words(mask)
        rows = self.mentions[pool]
        return bool(((rows[:, 0] & lo) | (rows[:, 1] & hi)).any())


@dataclass
class Columns:
    """The part of a catalog that is saved: everything but the BM25 model."""

    generation: int
    ids: list[str]
    streets: Codes
    districts: Codes
    docs: Codes
    kinds: Codes
    years: np.ndarray
    mentions: np.ndarray

    @classmethod
    def from_rows(cls, generation: int, rows: list[tuple[str, str, str, str, str, int, int]]) -> Columns:
        """rows: (chunk_id, street, district, doc_id, kind, year, year_bits(text)) in BM25 order."""
        n = len(rows)
        return cls(
            generation=generation,
            ids=[r[0] for r in rows],
            streets=Codes.encode([r[1] or "" for r in rows]),
            districts=Codes.encode([r[2] or "" for r in rows]),
            docs=Codes.encode([r[3] or "" for r in rows]),
            kinds=Codes.encode([r[4] or "" for r in rows]),
            years=np.fromiter((int(r[5] or 0) for r in rows), dtype=np.int32, count=n),
            mentions=np.array([_words(r[6]) for r in rows], dtype=np.int64).reshape(n, 2),
        )

    def street_names(self) -> list[str]:
        return [s for s in self.streets.names if s]

    def catalog(self, lexical: LexicalSnapshot, doc_years: dict[str, frozenset[int]] | None = None,
                doc_titles: dict[str, str] | None = None) -> Catalog:
        return Catalog(
            generation=self.generation, lexical=lexical, ids=self.ids,
            pos={cid: i for i, cid in enumerate(self.ids)},
            streets=self.streets, districts=self.districts, docs=self.docs, kinds=self.kinds,
            years=self.years, mentions=self.mentions,
            street_names=self.street_names(), known_years=[int(y) for y in np.unique(self.years) if y],
            doc_years=doc_years or {}, doc_titles=doc_titles or {},
        )

    # -- persistence -------------------------------------------------------------
    _CODED = ("streets", "districts", "docs", "kinds")

    def save(self, folder: Path) -> None:
        """Written beside and swapped in, like the BM25 model: never a torn file."""
        tmp = folder.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        arrays = {name: getattr(self, name).codes for name in self._CODED}
        np.savez(tmp / "columns.npz", years=self.years, mentions=self.mentions, **arrays)
        names = {name: getattr(self, name).names for name in self._CODED}
        (tmp / "stamp.json").write_text(
            json.dumps({"generation": self.generation, "ids": self.ids, "names": names}, ensure_ascii=False), "utf-8"
        )
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)

    @classmethod
    def load(cls, folder: Path, generation: int) -> Columns | None:
        """The saved columns if they are for ``generation``; None otherwise or if unreadable."""
        try:
            stamp = json.loads((folder / "stamp.json").read_text("utf-8"))
            if stamp.get("generation") != generation:
                return None
            with np.load(folder / "columns.npz", allow_pickle=False) as arrays:
                coded = {name: Codes(stamp["names"][name], arrays[name]) for name in cls._CODED}
                years, mentions = arrays["years"], arrays["mentions"]
            if mentions.ndim != 2 or not all(
                    len(a) == len(stamp["ids"]) for a in (years, mentions, *(c.codes for c in coded.values()))):
                return None
            return cls(generation=generation, ids=stamp["ids"], years=years, mentions=mentions, **coded)
        except (OSError, ValueError, KeyError, TypeError):
            return None
