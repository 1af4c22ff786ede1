"""PDFs (text layer, scanned or mixed) and page images → text, with a record of what OCR read.

Why per page: offices scan 红头文件 and append them to typed reports, so one PDF can hold
both. A page with a text layer is read as text (exact, instant); a page without one is
rendered and recognised. Every page OCR could not read is named by number in the
document's reading notes: a reader of an answer must be able to tell that page 7 was
never searched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import IngestError
from ingest import ocr
from ingest.models import Loaded

log = logging.getLogger(__name__)

PageProgress = Callable[[int, int], None]  # (pages done, pages in all)

# A page whose text layer has fewer characters than this is treated as an image page
# (scanners often add a stray page number or a single "扫描全能王" watermark as text).
MIN_TEXT_LAYER_CHARS = 20
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")


@dataclass(frozen=True)
class ScanOptions:
    """How pages are rendered and judged; from ``Settings``."""

    dpi: int = 150
    min_confidence: float = 0.6
    on_page: PageProgress | None = None


def _unread(pages: list[ocr.PageText]) -> str:
    """"（第1页：有图像但未识别出文字；…）" for an error message, or ''."""
    reasons = "；".join(f"第{p.number}页：{p.error}" for p in pages if p.error)
    return f"（{reasons}）" if reasons else ""


def reading_notes(pages: list[ocr.PageText], total: int) -> dict[str, Any]:
    """The per-document OCR record shown by ``workplan docs`` and the documents tab."""
    read = [p for p in pages if p.readable and p.characters]
    chars = sum(p.characters for p in read)
    notes: dict[str, Any] = {
        "pages": total,
        "ocr_pages": [p.number for p in pages],
        "ocr_confidence": round(sum(p.confidence * p.characters for p in read) / chars, 3) if chars else 0.0,
        "unreadable_pages": {str(p.number): p.error for p in pages if not p.readable},
    }
    return notes


@dataclass(frozen=True)
class _Read:
    """One page as recognised: its lines, height in pixels, whether it has ink, or why it failed."""

    number: int
    lines: list[ocr.Line]
    height: float = 1.0
    ink: bool = False
    error: str = ""


def _read(number: int, image: Any) -> _Read:
    try:
        lines = ocr.recognize(image)
    except Exception as exc:  # noqa: BLE001 - the engine on a broken bitmap: name the page, keep the rest
        log.warning("OCR failed on page %d: %s", number, exc)
        return _Read(number, [], error=f"文字识别失败（{type(exc).__name__}）")
    return _Read(number, lines, float(image.shape[0]), ocr.has_ink(image))


def _pages(read: list[_Read], options: ScanOptions) -> list[ocr.PageText]:
    """Recognised lines of every page → page texts, without the headers and footers they share."""
    running = ocr.repeated_margins([r.lines for r in read], [r.height for r in read])
    pages = []
    for r in read:
        if r.error:
            pages.append(ocr.PageText(number=r.number, error=r.error))
            continue
        page = ocr.page_text(r.number, ocr.drop_margins(r.lines, r.height, running), r.height, options.min_confidence)
        if not page.characters and r.ink:
            page.error = "有图像但未识别出文字"
        pages.append(page)
    return pages


def _need_engine() -> None:
    missing = ocr.engine_available()
    if missing:
        raise IngestError(missing)


def load_pdf(path: Path, options: ScanOptions) -> Loaded:
    """Text-layer pages as text, image pages through OCR, in page order."""
    import pypdf

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise IngestError("PDF 文件已加密，需要密码才能读取")
            except IngestError:
                raise
            except Exception as exc:
                raise IngestError("PDF 文件已加密，需要密码才能读取") from exc
        texts = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError("PDF 文件已损坏，无法读取", type(exc).__name__) from exc
    if not texts:
        raise IngestError("PDF 文件没有任何页面")
    scanned = [i for i, t in enumerate(texts) if len("".join(t.split())) < MIN_TEXT_LAYER_CHARS]
    if not scanned:
        return Loaded("\n".join(texts), "pdf")
    _need_engine()
    pages = _ocr_pdf_pages(path, scanned, len(texts), options)
    by_number = {p.number: p for p in pages}
    parts: list[str] = []
    for i, text in enumerate(texts):
        page = by_number.get(i + 1)
        parts.append(ocr.join_pages([page]) if page else text)
    if not any(p.strip() for p in parts):
        raise IngestError("PDF 是扫描件，文字识别没有读出文字" + _unread(pages))
    return Loaded("\n".join(p for p in parts if p.strip()), "pdf+ocr", reading_notes(pages, len(texts)))


def _ocr_pdf_pages(path: Path, indexes: list[int], total: int, options: ScanOptions) -> list[ocr.PageText]:
    import pypdfium2 as pdfium

    read: list[_Read] = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for done, i in enumerate(indexes, start=1):
            try:
                image = pdf[i].render(scale=options.dpi / 72).to_numpy()[..., :3].copy()
            except Exception as exc:  # noqa: BLE001 - pdfium on a broken page: name it, keep the rest
                read.append(_Read(i + 1, [], error=f"页面无法渲染（{type(exc).__name__}）"))
            else:
                read.append(_read(i + 1, image))
            if options.on_page:
                options.on_page(done, len(indexes))
    finally:
        pdf.close()
    log.info("OCR %s: %d of %d pages", path.name, len(indexes), total)
    return _pages(read, options)


def load_image(path: Path, options: ScanOptions) -> Loaded:
    """A photographed or scanned page (multi-page TIFF: every frame) through OCR."""
    import numpy as np
    from PIL import Image, ImageOps, UnidentifiedImageError

    _need_engine()
    try:
        with Image.open(path) as img:
            frames = []
            for n in range(getattr(img, "n_frames", 1)):
                img.seek(n)
                frames.append(np.asarray(ImageOps.exif_transpose(img.convert("RGB"))))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise IngestError("图片文件已损坏或格式无法识别", type(exc).__name__) from exc
    read: list[_Read] = []
    for n, frame in enumerate(frames, start=1):
        read.append(_read(n, frame))
        if options.on_page:
            options.on_page(n, len(frames))
    pages = _pages(read, options)
    text = ocr.join_pages(pages)
    notes = reading_notes(pages, len(frames))
    if not text.strip():
        raise IngestError("图片中没有识别出文字" + _unread(pages))
    return Loaded(text, "ocr", notes)
