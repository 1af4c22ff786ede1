"""Real files in other encodings and formats, made by the tests themselves."""

from pathlib import Path

import pytest

from core.errors import IngestError
from core.settings import BUNDLED_CORPUS
from ingest.clean import clean_text
from ingest.loaders import load_file

SOURCE = next(BUNDLED_CORPUS.glob("004_*.txt"))
MAX = 20 * 1024 * 1024


def cleaned(path: Path) -> str:
    return clean_text(load_file(path, MAX).text).text


@pytest.fixture(scope="module")
def original() -> str:
    return cleaned(SOURCE)


@pytest.mark.parametrize(("encoding", "label"), [("gbk", "gb18030"), ("gb18030", "gb18030"), ("utf-16", "utf-16"),
                                                 ("utf-8-sig", "utf-8-sig"), ("utf-16-le", "utf-16")])
def test_encodings_read_to_same_text(tmp_path: Path, original: str, encoding: str, label: str) -> None:
    path = tmp_path / f"copy_{encoding}.txt"
    text = SOURCE.read_text("utf-8")
    path.write_bytes(text.encode(encoding))
    raw = load_file(path, MAX)
    assert raw.encoding == label
    assert clean_text(raw.text).text == original


def test_docx_with_table(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("2024年长寿路街道社区代表会议报告")
    d.add_paragraph("一、2023年主要工作回顾")
    d.add_paragraph("2023年完成签约18台,开工13台,完工11台的加梯目标任务。")
    table = d.add_table(rows=2, cols=3)
    for i, cell in enumerate(["项目", "牵头单位", "完成时间"]):
        table.rows[0].cells[i].text = cell
    for i, cell in enumerate(["加装电梯", "区房管局", "5月底前"]):
        table.rows[1].cells[i].text = cell
    path = tmp_path / "报告 副本.docx"
    d.save(str(path))
    lines = cleaned(path).split("\n")
    assert lines[:3] == ["2024年长寿路街道社区代表会议报告", "一、2023年主要工作回顾",
                         "2023年完成签约18台,开工13台,完工11台的加梯目标任务。"]
    assert lines[3:] == ["项目 | 牵头单位 | 完成时间", "加装电梯 | 区房管局 | 5月底前"]


def test_text_pdf(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "report.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    c.drawString(50, 800, "2024年长寿路街道社区代表会议报告")
    c.drawString(50, 780, "2023年完成签约18台,开工13台,完工11台的加梯目标任务。")
    c.save()
    assert cleaned(path).split("\n") == ["2024年长寿路街道社区代表会议报告", "2023年完成签约18台,开工13台,完工11台的加梯目标任务。"]


def test_html_main_text_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>长寿路街道2023年工作</title><script>alert('x')</script></head><body>"
        "<nav>首页 | 政务公开</nav><article><h1>长寿路街道2023年工作</h1><p>完工11台。</p>"
        "<table><tr><td>项目</td><td>完成时间</td></tr></table></article><footer>版权所有</footer></body></html>",
        "utf-8",
    )
    text = cleaned(path)
    assert "完工11台。" in text and "项目 | 完成时间" in text
    assert "alert" not in text and "首页" not in text and "版权所有" not in text


def test_picture_only_pdf_names_the_page_ocr_could_not_read(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 200, 200, fill=1)  # ink, but no text in it
    c.save()
    with pytest.raises(IngestError, match="第1页"):
        load_file(path, MAX)


def _zero_page_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    buf = io.BytesIO()
    PdfWriter().write(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "空"),
        ("blank.txt", b"   \n\n  ", "没有可读的文字"),
        ("binary.txt", bytes(range(256)) * 40, "二进制|控制字符|编码"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "Word"),
        ("broken.pdf", b"%PDF-1.4 garbage", "PDF"),
        ("table.xls", b"\xd0\xcf\x11\xe0", "损坏"),
        ("slides.key", b"\xd0\xcf\x11\xe0", "不支持"),
        ("corrupt.png", b"\x89PNG\r\n\x1a\n" + bytes(500), "图片"),
        ("empty-pages.pdf", _zero_page_pdf(), "没有任何页面"),
        ("page.doc", b"<html><body><p></p></body></html>", "没有可读"),
    ],
)
def test_bad_files_are_reported(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match=reason):
        load_file(path, MAX)


def test_oversize_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("长寿路" * 1000, "utf-8")
    with pytest.raises(IngestError, match="过大"):
        load_file(path, 100)
