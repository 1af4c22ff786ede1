"""Generators for hostile and broken files (each returns the paths it made)."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

GOOD_TEXT = "测试街道2025年工作计划\n一、加装电梯\n2025年计划完成加装电梯20台，惠及居民300户。\n二、为老服务\n新建长者食堂2家。"


def _pdf(text: str | None, encrypt: bool = False) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    if text is None:
        c.rect(100, 100, 200, 200, fill=1)  # a "scan": pictures, no text layer
    else:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        c.setFont("STSong-Light", 12)
        for i, line in enumerate(text.splitlines()):
            c.drawString(72, 760 - 18 * i, line)
    c.showPage()
    c.save()
    if not encrypt:
        return buf.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zero_page_pdf() -> bytes:
    from pypdf import PdfWriter

    buf = io.BytesIO()
    PdfWriter().write(buf)
    return buf.getvalue()


def _png(blank: bool = False) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (400, 200), "white")
    if not blank:
        ImageDraw.Draw(img).rectangle((50, 50, 350, 150), outline="black", width=3)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def _docx(text: str) -> bytes:
    from docx import Document

    doc = Document()
    for line in text.splitlines():
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


# name → (bytes or a maker taking the folder, should it be ingested?)
def bad_files() -> dict[str, tuple[bytes | Callable[[Path], None], bool]]:
    utf8 = GOOD_TEXT.encode("utf-8")
    return {
        "empty.txt": (b"", False),
        "whitespace.txt": (b"  \n\t \r\n   ", False),
        "binary-disguised.txt": (bytes(range(256)) * 64, False),
        "control-chars.txt": (b"\x1b[31m" * 500 + b"\x07\x08" * 500, False),
        "png-disguised.txt": (b"\x89PNG\r\n\x1a\n" + b"\x00\x01" * 2000, False),
        "oversize.txt": (("大" * 1_200_000).encode("utf-8"), False),  # over the 2 MB test limit
        "truncated-utf8.txt": (utf8[:-1], True),  # the last character cut in half: the rest is kept
        "gbk-no-marker.txt": (GOOD_TEXT.encode("gbk"), True),
        "gb18030.txt": ((GOOD_TEXT + "𠀀").encode("gb18030"), True),
        "utf16-no-bom.txt": (GOOD_TEXT.encode("utf-16-le"), True),
        "utf8-bom.md": (b"\xef\xbb\xbf" + utf8, True),
        "mixed-encodings.txt": (utf8 + "\n第二部分\n".encode("gbk") + utf8, True),
        "nul-in-text.txt": (utf8.replace(b"\n", b"\x00\n", 1), True),
        "long-single-line.txt": (("加装电梯工作稳步推进" * 800).encode("utf-8"), True),
        "deep-headings.md": (("\n".join(f"{'#' * (i % 6 + 1)} 第{i}层 标题" for i in range(400)) + "\n" + GOOD_TEXT).encode(), True),
        "markup-only.md": (b"#\n---\n***\n> \n", False),
        "script.html": (("<html><head><script>alert('x')</script><style>p{}</style></head><body><p>"
                         + GOOD_TEXT.replace("\n", "</p><p>") + "</p><script>document.write(1)</script></body></html>").encode(), True),
        "inline-data.html": (("<html><body><p>" + GOOD_TEXT + "</p><img src='data:image/png;base64,"
                              + "A" * 1_000_000 + "'></body></html>").encode(), True),
        "script-only.html": (b"<html><script>var a = 1;</script></html>", False),
        "corrupt.docx": (os.urandom(4096), False),
        "text-named.docx": (utf8, False),
        "zip-without-document.docx": (_zip({"hello.txt": b"hi"}), False),
        "zip-bomb.docx": (_zip({"word/document.xml": b"<" + b"a" * 300_000_000}), False),
        "empty-paragraphs.docx": (_docx("\n\n\n"), False),
        "good.docx": (_docx(GOOD_TEXT), True),
        "encrypted.pdf": (_pdf(GOOD_TEXT, encrypt=True), False),
        "image-only.pdf": (_pdf(None), False),
        "corrupt.pdf": (b"%PDF-1.4\n" + os.urandom(2048), False),
        "truncated.pdf": (_pdf(GOOD_TEXT)[:300], False),
        "good.pdf": (_pdf(GOOD_TEXT), True),
        "spreadsheet.xls": (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, False),
        "zero-pages.pdf": (_zero_page_pdf(), False),
        "corrupt.jpg": (b"\xff\xd8\xff\xe0" + os.urandom(3000), False),
        "truncated.png": (_png()[:200], False),
        "blank-scan.png": (_png(blank=True), False),  # a white page: no text, said so
        "really-html.doc": (("<html><body><p>" + GOOD_TEXT.replace("\n", "</p><p>") + "</p></body></html>").encode(), True),
        "random-bytes.doc": (os.urandom(5000), False),
        "corrupt.xlsx": (_zip({"xl/workbook.xml": b"<not-xml"}), False),
        "good.csv": ("序号,项目,牵头单位\n1,加装电梯,区房管局\n".encode("gbk"), True),
        "no-suffix": (utf8, False),
        "名字 有 空格 长寿路.txt": (utf8, True),
        "UPPER.TXT": (utf8, True),
        "loop-a.txt": (lambda d: os.symlink(d / "loop-b.txt", d / "loop-a.txt"), False),
        "loop-b.txt": (lambda d: os.symlink(d / "loop-a.txt", d / "loop-b.txt"), False),
        "dangling.txt": (lambda d: os.symlink(d / "nowhere.txt", d / "dangling.txt"), False),
        "folder.docx": (lambda d: (d / "folder.docx").mkdir(), False),
    }


def make_all(folder: Path) -> dict[str, bool]:
    """Write every file into ``folder``; returns name → should be ingested."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (content, ok) in bad_files().items():
        if callable(content):
            content(folder)
        else:
            (folder / name).write_bytes(content)
        expected[name] = ok
    return expected
