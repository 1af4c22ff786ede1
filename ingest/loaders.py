"""File → text: one loader per format, chosen by suffix. Each loader returns the text and
what it learned while reading (the OCR record, a conversion), or raises ``IngestError``
with a reason staff understand; nothing here guesses at unknown formats."""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import IngestError
from ingest import convert, scans, sheets
from ingest.encoding import decode_bytes
from ingest.models import Loaded, RawDocument

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
OFFICE_SUFFIXES = (".docx", ".doc", ".wps", ".rtf", ".odt")
SHEET_SUFFIXES = (".xlsx", ".xls", ".et", ".ods", ".csv")
SCAN_SUFFIXES = (".pdf", *scans.IMAGE_SUFFIXES)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + OFFICE_SUFFIXES + SHEET_SUFFIXES + SCAN_SUFFIXES


@dataclass(frozen=True)
class ReadOptions:
    """What reading a file may cost and how: from ``Settings``, plus a page-progress callback."""

    scan: scans.ScanOptions = field(default_factory=scans.ScanOptions)
    convert_timeout_s: float = 120.0


# Characters a Chinese or English document is written in: CJK ideographs and punctuation,
# full-width forms, ASCII. Random bytes read as text land mostly elsewhere (Hangul, private use).
_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u206f\x20-\x7e\s]")
MIN_PLAUSIBLE_SHARE = 0.6


def plausible(text: str) -> bool:
    """Is this text rather than noise? (A converter fed random bytes still "succeeds".)"""
    sample = text[:20000]
    return bool(sample.strip()) and len(_PLAUSIBLE.findall(sample)) >= MIN_PLAUSIBLE_SHARE * len(sample)


def _check_text(text: str) -> str:
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(text) // 100):
        raise IngestError("文件包含大量控制字符，似乎是二进制文件而不是文本")
    if not text.strip():
        raise IngestError("文件没有可读的文字内容（空文件）")
    if not any(ch.isalnum() for ch in text):
        raise IngestError("文件没有可读的文字内容（只有符号或排版标记）")
    if not plausible(text):
        raise IngestError("文件内容是乱码，无法识别（可能已损坏或不是文本）")
    return text


def load_text(path: Path, options: ReadOptions) -> Loaded:
    return Loaded(*decode_bytes(path.read_bytes()))


def load_html(path: Path, options: ReadOptions) -> Loaded:
    return html_text(*decode_bytes(path.read_bytes()))


def html_text(raw: str, enc: str) -> Loaded:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "img"]):
        tag.decompose()
    main = soup.find("article") or soup.find("main") or soup.find(id="content") or soup.body or soup
    title = soup.title.get_text(strip=True) if soup.title else ""
    blocks: list[str] = []
    for el in main.find_all(["h1", "h2", "h3", "h4", "p", "li", "tr", "div"]):
        if el.name == "div" and el.find(["p", "div", "h1", "h2", "h3", "li", "table"]):
            continue
        if el.name == "tr":
            cells = [c.get_text(" ", strip=True) for c in el.find_all(["td", "th"])]
            line = " | ".join(c for c in cells if c)
        else:
            if el.find_parent("tr") is not None:
                continue
            line = el.get_text(" ", strip=True)
        if line:
            blocks.append(line)
    if not blocks:
        blocks = [main.get_text("\n", strip=True)]
    if title and (not blocks or title not in blocks[0]):
        blocks.insert(0, title)
    return Loaded("\n".join(blocks), enc)


def load_docx(path: Path, options: ReadOptions) -> Loaded:
    import docx  # python-docx
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(path):
        raise IngestError("Word 文件已损坏（不是有效的 .docx 压缩包）")
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(i.file_size for i in zf.infolist())
            if total > 200 * 1024 * 1024:
                raise IngestError("Word 文件解压后过大，可能是恶意文件")
        document: DocxDocument = docx.Document(str(path))
    except IngestError:
        raise
    except Exception as exc:  # python-docx raises many types on corrupt input
        raise IngestError("Word 文件已损坏，无法打开", type(exc).__name__) from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(block, document).text.strip()
            if text:
                lines.append(text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.strip()
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                if cells:
                    lines.append(" | ".join(cells))
    return Loaded("\n".join(lines), "docx")


def load_pdf(path: Path, options: ReadOptions) -> Loaded:
    return scans.load_pdf(path, options.scan)


def load_image(path: Path, options: ReadOptions) -> Loaded:
    return scans.load_image(path, options.scan)


def load_legacy(path: Path, options: ReadOptions) -> Loaded:
    """.doc/.wps/.rtf/.odt (and .xls/.et/.ods): what the bytes really are decides the route.

    An HTML page or a .docx saved under an old name is read directly; anything else goes
    through LibreOffice to .docx (or .xlsx) and then the modern loader.
    """
    data = path.read_bytes()
    kind = convert.sniff(data)
    is_sheet = path.suffix.lower() in SHEET_SUFFIXES
    if kind == "html":
        return html_text(*decode_bytes(data))
    if kind == "ole" and not convert.valid_ole(data):
        raise IngestError("文件已损坏（不是有效的 Office 文档）")
    if kind == "unknown":  # plain text saved under an Office name, or not a document at all
        try:
            text, enc = decode_bytes(data)
        except IngestError:
            text, enc = "", ""
        if not plausible(text):
            raise IngestError("文件已损坏或不是有效的 Office 文档（内容无法识别）")
        return Loaded(text, enc)
    if kind == "zip":
        modern = _zip_kind(path)
        if modern == "docx" and not is_sheet:
            return load_docx(path, options)
        if modern == "xlsx" and is_sheet:
            return sheets.load_xlsx(path, path.stem)
    target = "xlsx" if is_sheet else "docx"
    converted = convert.convert(path, target, options.convert_timeout_s)
    try:
        loaded = sheets.load_xlsx(converted, path.stem) if is_sheet else load_docx(converted, options)
    finally:
        convert.cleanup(converted)
    return Loaded(loaded.text, f"{path.suffix.lower().lstrip('.')}→{target}", loaded.notes)


def _zip_kind(path: Path) -> str:
    """'docx' / 'xlsx' for an Office Open XML file saved under an old name; '' otherwise (e.g. .odt)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except zipfile.BadZipFile:
        return ""
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return ""


LOADERS: dict[str, Callable[[Path, ReadOptions], Loaded]] = {
    ".txt": load_text,
    ".md": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".docx": load_docx,
    ".pdf": load_pdf,
    ".xlsx": lambda path, options: sheets.load_xlsx(path, path.stem),
    ".csv": lambda path, options: sheets.load_csv(path),
    **{suffix: load_legacy for suffix in (".doc", ".wps", ".rtf", ".odt", ".xls", ".et", ".ods")},
    **{suffix: load_image for suffix in scans.IMAGE_SUFFIXES},
}


def load_file(path: Path, max_bytes: int, options: ReadOptions | None = None) -> RawDocument:
    """Read one file; raise ``IngestError`` for anything that is not a usable document."""
    if path.is_symlink() and not path.exists():
        raise IngestError("链接指向的文件不存在")
    if path.is_dir():
        raise IngestError("这是一个文件夹，不是文件")
    suffix = path.suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise IngestError(f"不支持的文件类型“{suffix or '无扩展名'}”，支持：{'、'.join(SUPPORTED_SUFFIXES)}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError("无法读取文件", str(exc)) from exc
    if size == 0:
        raise IngestError("文件是空的（0 字节）")
    if size > max_bytes:
        raise IngestError(f"文件过大（{size / 1024 / 1024:.1f} MB），超过上限 {max_bytes / 1024 / 1024:.0f} MB")
    try:
        loaded = loader(path, options or ReadOptions())
    except IngestError:
        raise
    except OSError as exc:
        raise IngestError("无法读取文件", str(exc)) from exc
    return RawDocument(path=str(path), source=path.name, text=_check_text(loaded.text), encoding=loaded.encoding,
                       file_type=suffix.lstrip("."), notes=loaded.notes)
