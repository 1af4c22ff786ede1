"""Scanned-page look-alikes for OCR tests and the OCR benchmark: Chinese paragraphs set as an
office prints them (two-character indent, wrapped lines, a running header and page number),
rendered with a CJK font (Debian's fonts-wqy-zenhei), optionally photographed (rotated a few
degrees, blurred, grainy). Why drawn, not downloaded: the source text is known exactly, so the
character accuracy of OCR is measured, not guessed."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
A4_150DPI = (1240, 1754)
MARGIN = 150
SIZE = 30  # pixels per character at 150 dpi ≈ 14-point type


def font(size: int = SIZE) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def wrap(paragraph: str, width_chars: int, indent: bool) -> list[str]:
    """Split a paragraph into printed lines by character count (CJK glyphs are square)."""
    lines: list[str] = []
    line = "\u3000\u3000" if indent else ""
    width = len(line)
    for ch in paragraph:
        weight = 0.5 if ch.isascii() else 1.0
        if width + weight > width_chars:
            lines.append(line)
            line, width = "", 0.0
        line += ch
        width += weight
    if line:
        lines.append(line)
    return lines


LINE_STEP = int(SIZE * 1.6)
LINES_PER_PAGE = (A4_150DPI[1] - 2 * MARGIN - 60) // LINE_STEP


def print_lines(paragraphs: list[str]) -> list[str]:
    """Paragraphs → printed lines; headings (short paragraphs) are not indented."""
    width_chars = (A4_150DPI[0] - 2 * MARGIN) // SIZE
    return [line for para in paragraphs for line in wrap(para, width_chars, indent=len(para) > 20)]


def draw_lines(lines: list[str], number: int | None = None, header: str = "") -> Image.Image:
    """One A4 page at 150 dpi holding these printed lines."""
    img = Image.new("RGB", A4_150DPI, "white")
    d = ImageDraw.Draw(img)
    f = font()
    if header:
        d.text((MARGIN, 60), header, font=font(22), fill="black")
    for i, line in enumerate(lines):
        d.text((MARGIN, MARGIN + i * LINE_STEP), line, font=f, fill="black")
    if number is not None:
        d.text((A4_150DPI[0] // 2 - 30, A4_150DPI[1] - 90), f"- {number} -", font=font(24), fill="black")
    return img


def draw_page(paragraphs: list[str], number: int | None = None, header: str = "") -> Image.Image:
    return draw_lines(print_lines(paragraphs), number, header)


def draw_document(paragraphs: list[str], header: str = "", max_pages: int | None = None) -> tuple[list[Image.Image], str]:
    """Paragraphs set over as many pages as they fill (paragraphs run across page breaks);
    returns the pages and the exact text printed on them."""
    lines = print_lines(paragraphs)
    chunks = [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)][:max_pages]
    pages = [draw_lines(chunk, n, header) for n, chunk in enumerate(chunks, start=1)]
    return pages, "".join(line for chunk in chunks for line in chunk)


def photographed(img: Image.Image, degrees: float = 2.5, noise: float = 12.0, seed: int = 7) -> Image.Image:
    """A phone photo of a page: slightly rotated, a little blurred, grainy, on a grey desk."""
    rotated = img.rotate(degrees, expand=True, fillcolor=(200, 200, 200), resample=Image.BICUBIC)
    blurred = rotated.filter(ImageFilter.GaussianBlur(0.6))
    arr = np.asarray(blurred).astype(np.float32)
    arr += np.random.default_rng(seed).normal(0, noise, arr.shape)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def image_pdf(pages: list[Image.Image]) -> bytes:
    """A PDF with no text layer: each page is one picture, as a scanner makes it."""
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=150, save_all=True, append_images=pages[1:])
    return buf.getvalue()


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (reportlab's built-in CJK font)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        c.drawString(72, 760 - 18 * i, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def merge_pdfs(parts: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
