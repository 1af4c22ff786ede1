"""File → text. Each loader either returns text or raises ``IngestError`` with a
reason staff understand; nothing here guesses at unknown formats."""

from __future__ import annotations

import codecs
import logging
import zipfile
from collections.abc import Callable
from pathlib import Path

from core.errors import IngestError
from ingest.models import RawDocument

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Detect the encoding of Chinese text files: BOMs, UTF-8, UTF-16, GB18030.

    Why not charset guessing: short Chinese GBK text is often mis-detected as
    Latin encodings; strict decoding in a fixed order is predictable.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8"), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(enc), "utf-16"
            except UnicodeDecodeError as exc:
                raise IngestError("文件编码损坏，无法读取", str(exc)) from exc
    zeros_even, zeros_odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) % 2 == 0 and zeros_even + zeros_odd >= 2 and max(zeros_even, zeros_odd) > 3 * min(zeros_even, zeros_odd):
        # BOM-less UTF-16: ASCII (newlines, digits) leaves zero bytes on one side only;
        # GBK and UTF-8 text never contain zero bytes.
        enc = "utf-16-be" if zeros_even > zeros_odd else "utf-16-le"
        try:
            return data.decode(enc), "utf-16"
        except UnicodeDecodeError:
            raise IngestError("文件似乎是二进制内容，不是文本文件") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    return _decode_lines(data)


def _decode_lines(data: bytes) -> tuple[str, str]:
    """Files pasted together from UTF-8 and GBK sources, or cut mid-character:
    decode line by line so one bad line does not turn the whole file into mojibake."""
    lines = data.split(b"\n")
    out: list[str] = []
    bad = 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        lossy = line.decode("utf-8", errors="replace")
        if lossy.count("\ufffd") <= 2:  # a character cut in half: drop it, keep the line
            out.append(lossy.replace("\ufffd", ""))
            continue
        try:
            out.append(line.decode("gb18030"))
        except UnicodeDecodeError:
            bad += 1
            out.append(lossy.replace("\ufffd", ""))
    if bad > max(2, len(lines) // 20):
        raise IngestError("无法识别文件编码（已尝试 UTF-8、UTF-16、GBK/GB18030）")
    return "\n".join(out), "mixed"


def _check_text(text: str) -> str:
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(text) // 100):
        raise IngestError("文件包含大量控制字符，似乎是二进制文件而不是文本")
    if not text.strip():
        raise IngestError("文件没有可读的文字内容（空文件）")
    if not any(ch.isalnum() for ch in text):
        raise IngestError("文件没有可读的文字内容（只有符号或排版标记）")
    return text


def load_text(path: Path) -> tuple[str, str]:
    return decode_bytes(path.read_bytes())


def load_html(path: Path) -> tuple[str, str]:
    from bs4 import BeautifulSoup

    raw, enc = decode_bytes(path.read_bytes())
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
    return "\n".join(blocks), enc


def load_docx(path: Path) -> tuple[str, str]:
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
    return "\n".join(lines), "docx"


def load_pdf(path: Path) -> tuple[str, str]:
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
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError("PDF 文件已损坏，无法读取", type(exc).__name__) from exc
    text = "\n".join(pages)
    if not text.strip():
        raise IngestError("PDF 没有文字层（可能是扫描件），需要先做 OCR 文字识别")
    return text, "pdf"


LOADERS: dict[str, Callable[[Path], tuple[str, str]]] = {
    ".txt": load_text,
    ".md": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".docx": load_docx,
    ".pdf": load_pdf,
}


def load_file(path: Path, max_bytes: int) -> RawDocument:
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
        text, encoding = loader(path)
    except IngestError:
        raise
    except OSError as exc:
        raise IngestError("无法读取文件", str(exc)) from exc
    return RawDocument(
        path=str(path), source=path.name, text=_check_text(text), encoding=encoding, file_type=suffix.lstrip(".")
    )
