"""Plain data passed from ingest to the stores; no behaviour beyond derivation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["review", "plan"]


@dataclass(frozen=True)
class Loaded:
    """One loader's result: the text, how it was decoded, and what reading it involved
    (OCR pages and confidence, unreadable pages, sheets) for the document's notes."""

    text: str
    encoding: str
    notes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RawDocument:
    """What a loader read from a file: text plus facts about the file."""

    path: str
    source: str  # file name shown to staff
    text: str
    encoding: str
    file_type: str
    notes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    """A heading-delimited span of the cleaned text."""

    path: tuple[str, ...]
    start: int
    end: int
    year: int | None
    kind: Kind | None


@dataclass(frozen=True)
class TableRecord:
    """One row of a flattened table, rebuilt as field/value pairs."""

    start: int
    end: int
    section_path: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]

    def text(self) -> str:
        return " ".join(f"{k}：{v}" for k, v in self.fields if v)


@dataclass
class Chunk:
    """A retrievable passage with everything needed to cite it."""

    chunk_id: str
    doc_id: str
    source: str
    title: str
    street: str
    district: str
    doc_type: str
    year: int | None
    kind: str
    section: str
    position: int
    start: int
    end: int
    tokens: int
    text: str
    content_hash: str
    is_record: bool = False

    def metadata(self) -> dict[str, Any]:
        """Flat, Chroma-compatible metadata (no None values)."""
        data = asdict(self)
        data.pop("text")
        data["year"] = self.year or 0
        return {k: v for k, v in data.items() if v is not None}


@dataclass
class Document:
    """A parsed document with its metadata and chunks."""

    doc_id: str
    path: str
    source: str
    title: str
    issuer: str
    street: str
    district: str
    doc_type: str
    published: str
    years: list[int]
    content_hash: str
    encoding: str
    file_type: str
    extra: dict[str, str] = field(default_factory=dict)
    chunks: list[Chunk] = field(default_factory=list)
    file_hash: str = ""  # bytes on disk + chunking signature: an unchanged file is skipped without parsing
    notes: dict[str, Any] = field(default_factory=dict)  # how it was read (OCR pages, confidence, unreadable pages)

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("chunks")
        data["chunk_count"] = len(self.chunks)
        return data
