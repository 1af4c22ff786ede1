"""Page image → text lines in reading order, with how sure the recogniser was.

Why our own layout step: the OCR engine returns boxes, not prose. Staff documents are
set as indented paragraphs with running page numbers and headers; left as boxes they
would split every sentence at the line end and quote "- 3 -" as text. The layout
functions here are pure (boxes in, lines out) so each rule has a table test; only
``recognize`` touches the engine.

The engine is RapidOCR 1.4.x (PP-OCRv4 Chinese detection and recognition as ONNX models
inside its wheel; nothing is downloaded). It is loaded once per process on first use
(≈ 0.5 s) and serialised by a lock: onnxruntime already uses both cores for one page.
"""

from __future__ import annotations

import math
import re
import statistics
import threading
from dataclasses import dataclass, field
from typing import Any

from ingest.clean import CJK, CJK_PUNCT

# A line this close to the top or bottom edge (share of page height) may be a running header or footer.
MARGIN_SHARE = 0.08
# Boxes whose vertical centres differ by less than this share of the line height sit on one line.
SAME_LINE = 0.5
# A gap wider than this many character heights between boxes on one line is a column gap (table cell).
CELL_GAP = 2.0
# A line that starts more than this many character widths right of the left margin is indented.
INDENT_CHARS = 1.2
# A line that ends more than this many character widths short of the right margin ends its paragraph.
SHORT_LINE_CHARS = 2.0
# A vertical gap over this many line heights separates paragraphs whatever the indentation.
PARAGRAPH_GAP = 1.2

_PAGE_NUMBER = re.compile(
    r"^[-—–－_·\s]*(?:第\s*)?[\d一二三四五六七八九十]{1,4}(?:\s*页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–－_·\s]*$"
)
_SENTENCE_END = "。！？；：…”）"


@dataclass(frozen=True)
class Box:
    """One recognised text box: its text, confidence and bounding rectangle (pixels)."""

    text: str
    confidence: float
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return max(1.0, self.y1 - self.y0)

    @property
    def mid_y(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Line:
    """Boxes read left to right on one visual line."""

    boxes: list[Box]

    @property
    def text(self) -> str:
        out = self.boxes[0].text
        for prev, box in zip(self.boxes, self.boxes[1:], strict=False):
            gap = box.x0 - prev.x1
            out += " | " + box.text if gap > CELL_GAP * self.char_size else box.text
        return out

    @property
    def x0(self) -> float:
        return self.boxes[0].x0

    @property
    def x1(self) -> float:
        return self.boxes[-1].x1

    @property
    def y0(self) -> float:
        return min(b.y0 for b in self.boxes)

    @property
    def y1(self) -> float:
        return max(b.y1 for b in self.boxes)

    @property
    def char_size(self) -> float:
        """Height of the line's characters, which for Chinese text is also their width."""
        return statistics.median(b.height for b in self.boxes)


@dataclass
class PageText:
    """What OCR read from one page: paragraphs in reading order and the mean confidence."""

    number: int  # 1-based
    paragraphs: list[str] = field(default_factory=list)
    confidence: float = 0.0
    characters: int = 0
    error: str = ""  # why the page could not be read; "" when it was

    @property
    def readable(self) -> bool:
        return not self.error


def group_lines(boxes: list[Box]) -> list[Line]:
    """Boxes → visual lines, top to bottom, each read left to right.

    A box joins the line whose vertical centre is within half a line height of its own,
    so a page photographed a few degrees off still reads line by line.
    """
    lines: list[Line] = []
    for box in sorted(boxes, key=lambda b: (b.mid_y, b.x0)):
        for line in reversed(lines[-3:]):
            last = line.boxes[-1]
            overlaps = any(b.x0 < box.x1 and box.x0 < b.x1 for b in line.boxes)
            if abs(box.mid_y - last.mid_y) < SAME_LINE * max(box.height, last.height) and not overlaps:
                line.boxes.append(box)
                break
        else:
            lines.append(Line([box]))
    for line in lines:
        line.boxes.sort(key=lambda b: b.x0)
    return sorted(lines, key=lambda ln: ln.y0)


def is_page_number(text: str) -> bool:
    """``- 3 -``, ``第3页``, ``3/20``, ``— 十二 —``: a page number, never body text."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def in_margin(line: Line, page_height: float) -> bool:
    """In the top or bottom ``MARGIN_SHARE`` of the page, where headers, footers and page numbers sit."""
    return line.y1 < page_height * MARGIN_SHARE or line.y0 > page_height * (1 - MARGIN_SHARE)


def _margin_key(line: Line) -> str:
    """A margin line's text with its numbers blanked: "第3页" and "第4页" are the same footer."""
    return re.sub(r"\d+", "#", line.text)


def paragraphs(lines: list[Line], page_height: float) -> list[str]:
    """Visual lines → paragraphs, dropping page numbers in the top and bottom margins.

    A line continues the paragraph above when that one ran to the right margin, this one
    starts at the left margin and the gap between them is an ordinary line gap. Chinese
    paragraphs are indented two characters and their last line stops short, so both
    ends of a paragraph are visible without any language model.
    """
    body = [ln for ln in lines if not (is_page_number(ln.text) and in_margin(ln, page_height))]
    if not body:
        return []
    left = min(ln.x0 for ln in body)
    right = max(ln.x1 for ln in body)
    out: list[str] = []
    prev: Line | None = None
    for line in body:
        size = line.char_size
        if prev is not None and out:
            gap = line.y0 - prev.y1
            continues = (
                prev.x1 >= right - SHORT_LINE_CHARS * size
                and line.x0 <= left + INDENT_CHARS * size
                and gap <= PARAGRAPH_GAP * size
                and " | " not in line.text and " | " not in prev.text
                and not out[-1].endswith(tuple(_SENTENCE_END[:3]))
            )
            if continues:
                out[-1] += line.text
                prev = line
                continue
        out.append(line.text)
        prev = line
    return [fix_punctuation(p) for p in out]


_OPENS_AFTER = "，。；：、（！？《【,;:(!?"
_CLOSES_BEFORE = "，。；：、）！？》】,;:)!?."


def fix_punctuation(text: str) -> str:
    """Spaces the recogniser puts between Chinese characters removed, and double quotes set right.

    Commas, colons and brackets are left as read. Quotes are not: the recogniser reads “ as "
    or as ”. A quote at the start or after a mark such as ， opens; one before such a mark
    closes; between two characters a straight one is the opposite of the quote before it and
    a curly one is taken as read, except that an opening quote inside a quotation closes it.
    """
    text = re.sub(rf"(?<=[{CJK}{CJK_PUNCT}]) +(?=[{CJK}{CJK_PUNCT}])", "", text)  # Chinese is set without spaces
    if not re.search(f"[{CJK}]", text):
        return text
    chars = list(text)
    opened = False
    for i, ch in enumerate(chars):
        if ch not in '"“”':
            continue
        before = chars[i - 1] if i else ""
        after = chars[i + 1] if i + 1 < len(chars) else ""
        if not before or before in _OPENS_AFTER or before.isspace():
            opened = True
        elif not after or after in _CLOSES_BEFORE:
            opened = False
        elif ch == '"':
            opened = not opened
        else:  # a curly quote between two characters: as read, except that quotes do not nest
            opened = ch == "“" and not opened
        chars[i] = "“" if opened else "”"
    return "".join(chars)


def repeated_margins(pages: list[list[Line]], page_heights: list[float]) -> set[str]:
    """Running headers and footers: margin lines whose text recurs on at least half the pages (and on two)."""
    counts: dict[str, int] = {}
    for lines, height in zip(pages, page_heights, strict=True):
        seen = {_margin_key(ln) for ln in lines if in_margin(ln, height)}
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
    need = max(2, (len(pages) + 1) // 2)
    return {key for key, n in counts.items() if n >= need}


def drop_margins(lines: list[Line], height: float, running: set[str]) -> list[Line]:
    return [ln for ln in lines if not (in_margin(ln, height) and _margin_key(ln) in running)]


def _confidence(boxes: list[Box]) -> float:
    """Mean recognition confidence, weighted by characters (a long line counts more than a stray mark)."""
    chars = sum(len(b.text) for b in boxes)
    return sum(b.confidence * len(b.text) for b in boxes) / chars if chars else 0.0


def page_text(number: int, lines: list[Line], height: float, min_confidence: float) -> PageText:
    """One page's paragraphs and confidence; a page with ink but no confident text is unreadable."""
    boxes = [b for ln in lines for b in ln.boxes]
    chars = sum(len(b.text) for b in boxes)
    confidence = _confidence(boxes)
    page = PageText(number=number, paragraphs=paragraphs(lines, height), confidence=confidence, characters=chars)
    if chars and confidence < min_confidence:
        page.error = f"识别置信度过低（{confidence:.2f}）"
        page.paragraphs = []
    return page


def join_pages(pages: list[PageText]) -> str:
    """Pages → one text; a paragraph cut by the page break is joined again."""
    out: list[str] = []
    for page in pages:
        for i, para in enumerate(page.paragraphs):
            if i == 0 and out and not out[-1].endswith(tuple(_SENTENCE_END)) and not _looks_like_heading(para):
                out[-1] += para
            else:
                out.append(para)
    return "\n".join(out)


def _looks_like_heading(text: str) -> bool:
    return bool(re.match(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|第[一二三四五六七八九十]+[部章])", text))


Quad = list[list[float]]  # four corner points, clockwise from top-left, as the detector returns them


def skew(quads: list[Quad]) -> float:
    """The page's tilt in radians: the median slope of the top edges of long text boxes.

    Why: a page photographed two degrees off makes each long line's upright bounding box
    tall enough to swallow the line above; measured against the tilt, lines stay apart.
    """
    angles = []
    for q in quads:
        dx, dy = q[1][0] - q[0][0], q[1][1] - q[0][1]
        height = math.dist(q[0], q[3])
        if dx > 3 * height > 0:
            angles.append(math.atan2(dy, dx))
    return statistics.median(angles) if angles else 0.0


def boxes_from(result: list[tuple[Quad, str, float]]) -> list[Box]:
    """Detector output → boxes upright in the page's own frame (tilt removed)."""
    angle = skew([q for q, _, _ in result])
    cos, sin = math.cos(-angle), math.sin(-angle)
    out: list[Box] = []
    for quad, text, score in result:
        if not text.strip():
            continue
        xs = [x * cos - y * sin for x, y in quad]
        ys = [x * sin + y * cos for x, y in quad]
        out.append(Box(text.strip(), float(score), min(xs), min(ys), max(xs), max(ys)))
    return out


class _Engine:
    """The RapidOCR engine, created on first use and shared by every loader in the process."""

    _lock = threading.Lock()
    _engine: Any = None

    @classmethod
    def boxes(cls, image: Any) -> list[Box]:
        with cls._lock:
            if cls._engine is None:
                from rapidocr_onnxruntime import RapidOCR

                cls._engine = RapidOCR()
            # The per-line 180° classifier flips some upright lines, which are then dropped
            # (measured: 1 line in 30 on a clean page); whole upside-down pages are handled
            # in ``recognize`` instead.
            result, _ = cls._engine(image, use_cls=False)
        return boxes_from(result or [])


def engine_available() -> str:
    """'' when OCR can run here, else what to install (in Chinese)."""
    try:
        import pypdfium2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError as exc:
        if ".so" in str(exc):  # OpenCV without its system libraries (a bare Debian/Ubuntu)
            return f"文字识别组件缺少系统库（{exc}）：请运行 sudo apt-get install libgl1 libglib2.0-0"
        return f"未安装文字识别组件（{exc.name}）：请运行 pip install rapidocr_onnxruntime==1.4.4 pypdfium2"
    return ""


# A page read with a mean confidence below this is tried upside down as well (a sheet fed into
# the scanner the wrong way round reads as confident nonsense only rarely).
UPSIDE_DOWN_CHECK = 0.8


def recognize(image: Any) -> list[Line]:
    """An RGB image (numpy array) → visual lines; a page scanned upside down is turned."""
    boxes = _Engine.boxes(image)
    read = _confidence(boxes)
    if read < UPSIDE_DOWN_CHECK:
        turned = _Engine.boxes(image[::-1, ::-1].copy())
        if _confidence(turned) > read:
            boxes = turned
    return group_lines(boxes)


def has_ink(image: Any, threshold: float = 0.002) -> bool:
    """Does the page hold anything dark enough to be text? Blank pages are not failures."""
    import numpy as np

    gray = np.asarray(image).mean(axis=2) if np.asarray(image).ndim == 3 else np.asarray(image)
    return float((gray < 128).mean()) > threshold
