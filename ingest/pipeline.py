"""File → Document with chunks. The store-side sync (what is new, changed or
gone) lives in ``vectorstore.index``; this module only turns files into chunks,
deterministically, so re-ingesting the same file yields the same chunk ids."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from core.errors import IngestError
from core.settings import Settings
from ingest.chunking import count_tokens, pack_sentences, split_sentences, subtract_spans
from ingest.clean import clean_text
from ingest.loaders import SUPPORTED_SUFFIXES, ReadOptions, load_file
from ingest.models import Chunk, Document
from ingest.scans import PageProgress, ScanOptions
from ingest.structure import doc_facts, parse_structure


def sha(text: str, n: int = 16) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


# Bumped when parsing changes what a file yields (2: table rows written "a | b" become records;
# OCR; spreadsheets; 3: a number's space before any CJK word is dropped). Part of each file's and
# document's hash, so the next ingest re-reads every file, while the index itself (chunk size,
# embedding model) stays valid and is not rebuilt.
PARSER_VERSION = 3


def file_hash(path: Path, settings: Settings) -> str:
    """Fingerprint of a file as stored, checked before parsing on re-ingest."""
    h = hashlib.sha1(path.read_bytes())
    h.update(f"{chunking_signature(settings)}:p{PARSER_VERSION}".encode())
    return h.hexdigest()[:24]


def doc_id_for(path: Path) -> str:
    """Stable id from the file's resolved path: the same file is the same document."""
    return sha(str(path.resolve()), 16)


@dataclass(frozen=True)
class Candidate:
    """A path found while scanning, or a problem found instead of a file."""

    path: Path
    error: IngestError | None = None


def discover(paths: Iterable[Path]) -> list[Candidate]:
    """Expand folders into supported files (sorted); report what cannot be used.

    Symlink loops and unreadable folders are reported, not followed forever.
    """
    found: list[Candidate] = []
    seen: set[str] = set()
    for root in paths:
        if not root.exists() and not root.is_symlink():
            found.append(Candidate(root, IngestError("路径不存在")))
            continue
        if root.is_file() or (root.is_symlink() and not root.is_dir()):
            found.append(Candidate(root))
            continue
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
            dirnames.sort()
            # A folder named like a document (报告.docx/) is where a file was expected: say so, don't descend.
            for name in [d for d in dirnames if Path(d).suffix.lower() in SUPPORTED_SUFFIXES]:
                dirnames.remove(name)
                found.append(Candidate(Path(dirpath) / name, IngestError("这是一个文件夹，不是文件")))
            for name in sorted(filenames):
                if name.startswith((".", "~$")):
                    continue
                path = Path(dirpath) / name
                try:
                    real = str(path.resolve(strict=True))
                except (OSError, RuntimeError):
                    found.append(Candidate(path, IngestError("链接无效或形成循环，无法读取")))
                    continue
                if real in seen:
                    continue
                seen.add(real)
                if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                    found.append(Candidate(path, IngestError(
                        f"不支持的文件类型“{path.suffix or '无扩展名'}”，支持：{'、'.join(SUPPORTED_SUFFIXES)}")))
                    continue
                found.append(Candidate(path))
    return found


def chunking_signature(settings: Settings) -> str:
    """Changes whenever chunk boundaries could change; part of each document's hash."""
    return f"v1:tok={settings.chunk_tokens}:ov={settings.chunk_overlap_tokens}"


def read_options(settings: Settings, on_page: PageProgress | None = None) -> ReadOptions:
    return ReadOptions(scan=ScanOptions(dpi=settings.ocr_dpi, min_confidence=settings.ocr_min_confidence,
                                        on_page=on_page),
                       convert_timeout_s=settings.convert_timeout_s)


def parse_document(path: Path, settings: Settings, on_page: PageProgress | None = None) -> Document:
    """Load, clean, structure and chunk one file. Raises ``IngestError``.

    ``on_page(done, total)`` is called after each OCR'd page, for progress bars on long scans.
    """
    raw = load_file(path, settings.max_file_bytes, read_options(settings, on_page))
    cleaned = clean_text(raw.text)
    if len(cleaned.text.strip()) < 2:
        raise IngestError("清理后没有可用的正文内容")
    facts = doc_facts(cleaned.text, cleaned.meta)
    structure = parse_structure(cleaned.text, facts)
    doc_id = doc_id_for(path)
    doc = Document(
        doc_id=doc_id,
        path=str(path.resolve()),
        source=raw.source,
        title=facts.title or path.stem,
        issuer=facts.issuer,
        street=facts.street,
        district=facts.district,
        doc_type=facts.doc_type,
        published=facts.published,
        years=facts.years,
        content_hash=sha(f"{cleaned.text}{chunking_signature(settings)}:p{PARSER_VERSION}", 24),
        encoding=raw.encoding,
        file_type=raw.file_type,
        extra=cleaned.meta,
        file_hash=file_hash(path, settings),
        notes=raw.notes,
    )
    text = cleaned.text
    pieces: list[tuple[int, int, tuple[str, ...], int | None, str, bool, str]] = []
    for sec in structure.sections:
        for s, e in subtract_spans(sec.start, sec.end, structure.excluded):
            spans = split_sentences(text[s:e], base=s)
            for a, b in pack_sentences(text, spans, settings.chunk_tokens, settings.chunk_overlap_tokens):
                pieces.append((a, b, sec.path, sec.year, sec.kind or "", False, text[a:b]))
    sec_by_pos = structure.sections
    for rec in structure.records:
        year, kind = None, ""
        for sec in sec_by_pos:
            if sec.start <= rec.start < sec.end or sec.start >= rec.start:
                year, kind = sec.year, sec.kind or ""
                break
        pieces.append((rec.start, rec.end, rec.section_path, year, kind, True, rec.text()))
    pieces.sort(key=lambda p: (p[0], p[1]))
    for position, (a, b, spath, year, kind, is_record, body) in enumerate(pieces):
        content_hash = sha(body, 16)
        doc.chunks.append(
            Chunk(
                chunk_id=f"{doc_id}-{position:05d}-{content_hash[:8]}",
                doc_id=doc_id,
                source=doc.source,
                title=doc.title,
                street=doc.street,
                district=doc.district,
                doc_type=doc.doc_type,
                year=year,
                kind=kind,
                section=" > ".join(spath),
                position=position,
                start=a,
                end=b,
                tokens=count_tokens(body),
                text=body,
                content_hash=content_hash,
                is_record=is_record,
            )
        )
    if not doc.chunks:
        raise IngestError("没有切分出任何段落")
    return doc
