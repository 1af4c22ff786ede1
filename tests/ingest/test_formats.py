"""Documents as offices keep them, made here from real tools: scanned and photographed pages
(drawn with a CJK font, read by the real OCR engine), mixed PDFs, .doc/.wps written by
LibreOffice itself, spreadsheets with merged headers, and one-line notes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from core.errors import IngestError
from core.settings import Settings
from evals.ocr_accuracy import char_accuracy
from evals.scanned_pages import draw_page, image_pdf, merge_pdfs, photographed, text_pdf
from ingest import convert
from ingest.loaders import load_file
from ingest.pipeline import parse_document

MAX = 50 * 1024 * 1024
PAGE_1 = ["长寿路街道2023年工作总结", "一、加装电梯",
          "2023年，街道坚持把加装电梯作为民心工程，完成签约18台，开工13台，完工11台的加梯目标任务，惠及居民300余户，群众满意度明显提升。",
          "二、社区治理",
          "完成“美丽家园”改造面积3.5万平方米，惠及居民1200户；新建睦邻点6个（其中示范点2个），全年组织活动420场次。"]
PAGE_2 = ["三、为老服务", "新建长者食堂2家，日均供餐600客；为高龄独居老人安装烟感报警器710户，实现应装尽装。",
          "四、2024年工作打算", "2024年计划完成加装电梯签约20台，开工15台。"]
HEADER = "长寿路街道办事处文件"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("formats")
    (d / "scan.pdf").write_bytes(image_pdf([draw_page(PAGE_1, 1, HEADER), draw_page(PAGE_2, 2, HEADER)]))
    photographed(draw_page(PAGE_1)).save(d / "photo.png")
    (d / "mixed.pdf").write_bytes(merge_pdfs([text_pdf(["长寿路街道2023年工作总结", "一、加装电梯", "2023年完工11台。"]),
                                              image_pdf([draw_page(PAGE_2, 2)])]))
    return d


def test_scanned_pdf_reads_at_98_percent_and_drops_headers_and_page_numbers(folder: Path) -> None:
    raw = load_file(folder / "scan.pdf", MAX)
    accuracy = char_accuracy("".join(PAGE_1 + PAGE_2), raw.text)
    print(f"OCR character accuracy, scanned PDF: {accuracy:.4f}")
    assert accuracy >= 0.98
    assert HEADER not in raw.text and "- 1 -" not in raw.text
    assert raw.notes["ocr_pages"] == [1, 2] and raw.notes["unreadable_pages"] == {}
    assert raw.notes["ocr_confidence"] > 0.9


def test_photographed_page_reads_line_by_line(folder: Path) -> None:
    raw = load_file(folder / "photo.png", MAX)
    accuracy = char_accuracy("".join(PAGE_1), raw.text)
    print(f"OCR character accuracy, photographed page: {accuracy:.4f}")
    assert accuracy >= 0.98
    assert raw.text.split("\n")[:2] == ["长寿路街道2023年工作总结", "一、加装电梯"]


def test_scanned_pages_keep_sections_years_and_figures(folder: Path, tmp_path: Path) -> None:
    doc = parse_document(folder / "scan.pdf", Settings(home=tmp_path))
    assert (doc.title, doc.street, doc.years) == ("长寿路街道2023年工作总结", "长寿路街道", [2023])
    by_section = {c.section: c for c in doc.chunks}
    assert "完工11台" in by_section["加装电梯"].text and by_section["加装电梯"].year == 2023
    assert by_section["2024年工作打算"].year == 2024


def test_mixed_pdf_reads_text_pages_as_text_and_ocrs_the_rest(folder: Path) -> None:
    raw = load_file(folder / "mixed.pdf", MAX)
    assert raw.notes["ocr_pages"] == [2] and raw.notes["pages"] == 2
    assert raw.text.startswith("长寿路街道2023年工作总结\n一、加装电梯\n2023年完工11台。")
    assert "烟感报警器710户" in raw.text


def test_a_page_ocr_cannot_read_is_named_and_the_rest_kept(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    from core.types import DocumentInfo

    smudge = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(smudge).rectangle((200, 300, 1000, 1200), fill="black")  # ink, but nothing to read
    path = tmp_path / "with-a-bad-page.pdf"
    path.write_bytes(image_pdf([draw_page(PAGE_1, 1), smudge, draw_page(PAGE_2, 3)]))
    doc = parse_document(path, Settings(home=tmp_path))
    assert doc.notes["ocr_pages"] == [1, 2, 3] and list(doc.notes["unreadable_pages"]) == ["2"]
    assert any("烟感报警器710户" in c.text for c in doc.chunks), "pages after the bad one are kept"
    info = DocumentInfo.from_summary(doc.summary())
    assert info.reading_note == "文字识别（OCR）3/3 页，平均置信度 " + f"{doc.notes['ocr_confidence']:.1%}" \
        + "；未能识别：第2页（有图像但未识别出文字）"


def test_progress_is_reported_per_page(folder: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    parse_document(folder / "scan.pdf", Settings(home=tmp_path), on_page=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


def _soffice(src: Path, target: str, out: Path) -> Path:
    exe = convert.converter()
    assert exe, "LibreOffice (soffice) is installed by the README's test command"
    subprocess.run([exe, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--convert-to", target,
                    "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=120)
    return out / f"{src.stem}.{target}"


@pytest.fixture(scope="module")
def word_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import docx

    d = docx.Document()
    for line in ("长寿路街道2023年工作总结", "一、加装电梯", "2023年完成签约18台，开工13台，完工11台。"):
        d.add_paragraph(line)
    table = d.add_table(rows=2, cols=3)
    for row, cells in zip(table.rows, (["项目", "牵头单位", "完成时间"], ["加装电梯", "区房管局", "5月底前"]), strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    path = tmp_path_factory.mktemp("word") / "总结.docx"
    d.save(str(path))
    # LibreOffice writes python-docx tables into .doc as plain paragraphs; through .odt they stay tables.
    return _soffice(path, "odt", path.parent)


@pytest.mark.parametrize("target", ["doc", "rtf", "odt", "wps"])
def test_old_word_formats_are_converted_and_read(word_source: Path, tmp_path: Path, target: str) -> None:
    path = word_source if target == "odt" else _soffice(word_source, "doc" if target == "wps" else target, tmp_path)
    if target == "wps":  # WPS files of this kind are Word 97 binaries under another name
        path = path.rename(path.with_suffix(".wps"))
    doc = parse_document(path, Settings(home=tmp_path))
    texts = [c.text for c in doc.chunks]
    assert doc.title == "长寿路街道2023年工作总结"
    assert any("完工11台" in t for t in texts)
    assert "项目：加装电梯 牵头单位：区房管局 完成时间：5月底前" in texts


def test_html_saved_as_doc_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "通知.doc"
    path.write_text("<html><body><p>长寿路街道2023年通知</p><p>完工11台。</p><script>x()</script></body></html>", "utf-8")
    assert load_file(path, MAX).text.split("\n") == ["长寿路街道2023年通知", "完工11台。"]


def test_missing_converter_is_reported_with_the_install_line(word_source: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = _soffice(word_source, "doc", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # as on a PC without LibreOffice
    with pytest.raises(IngestError, match="apt-get install libreoffice-writer-nogui"):
        load_file(path, MAX)


def test_spreadsheet_rows_become_records_under_the_sheet_title(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "重点项目"
    ws.append(["长寿路街道2024年重点项目安排表"])
    ws.merge_cells("A1:E1")
    ws.append(["序号", "项目名称", "责任主体", "", "完成时限"])
    ws.append(["", "", "牵头部门", "配合部门", ""])
    for rng in ("C2:D2", "A2:A3", "B2:B3", "E2:E3"):
        ws.merge_cells(rng)
    ws.append([1, "加装电梯签约20台", "房管办", "社区党建办", "12月底"])
    ws.append([2, "美丽家园改造", "城建中心", "各居委", "10月底"])
    money = wb.create_sheet("经费")
    money.append(["项目", "金额（万元）"])
    money.append(["加装电梯", 120.5])
    path = tmp_path / "项目表.xlsx"
    wb.save(str(path))
    doc = parse_document(path, Settings(home=tmp_path))
    records = {c.text: c for c in doc.chunks if c.is_record}
    row = "序号：1 项目：加装电梯签约20台 牵头单位：房管办 责任主体/配合部门：社区党建办 完成时间：12月底"
    assert row in records
    assert (doc.title, doc.street, records[row].year) == ("长寿路街道2024年重点项目安排表", "长寿路街道", 2024)
    assert records[row].section == "重点项目：长寿路街道2024年重点项目安排表"
    assert records["项目：加装电梯 金额（万元）：120.5"].section == "经费"


def test_csv_in_gbk_reads_like_a_sheet(tmp_path: Path) -> None:
    path = tmp_path / "安排.csv"
    path.write_bytes("序号,项目,牵头单位,完成时间\n1,加装电梯,区房管局,5月底前\n".encode("gbk"))
    doc = parse_document(path, Settings(home=tmp_path))
    assert [c.text for c in doc.chunks if c.is_record] == ["序号：1 项目：加装电梯 牵头单位：区房管局 完成时间：5月底前"]


@pytest.mark.parametrize(("text", "title", "body"), [
    ("长寿路街道2023年工作回顾。完成加梯11台。", "长寿路街道2023年工作回顾", "完成加梯11台。"),
    ("长寿路街道2023年加梯完成11台", "长寿路街道2023年加梯完成11台", "长寿路街道2023年加梯完成11台"),
    ("项目 | 牵头单位\n加装电梯 | 区房管局", "note", "项目：加装电梯 牵头单位：区房管局"),
])
def test_short_notes_are_indexed_as_body(tmp_path: Path, text: str, title: str, body: str) -> None:
    path = tmp_path / "note.txt"
    path.write_text(text, "utf-8")
    doc = parse_document(path, Settings(home=tmp_path))
    assert doc.title == title
    assert any(body in c.text for c in doc.chunks)


def test_scanned_fact_is_answered_with_a_citation(folder: Path, tmp_path: Path, embeddings) -> None:
    from assistant.chain import Assistant
    from vectorstore.index import Index

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(folder / "scan.pdf", inbox / "长寿路2023年总结（扫描件）.pdf")
    idx = Index(Settings(home=tmp_path / "home"), embeddings=embeddings)
    report = idx.sync([inbox])
    assert report.added == ["长寿路2023年总结（扫描件）.pdf"], report.failed
    answer = Assistant(idx.settings, index=idx).ask("长寿路街道2023年加梯完工多少台")
    assert answer.answer.startswith("11台"), answer.answer
    assert answer.citations and answer.citations[0].source == "长寿路2023年总结（扫描件）.pdf"
    assert "完工11台" in answer.citations[0].quote


@pytest.mark.parametrize(("grid", "expected"), [
    ([["长寿路街道2024年重点项目安排表", "长寿路街道2024年重点项目安排表"], ["项目", "牵头单位"], ["加装电梯", "房管办"]],
     ("长寿路街道2024年重点项目安排表", ["长寿路街道2024年重点项目安排表", "项目 | 牵头单位", "加装电梯 | 房管办"])),
    ([["项目", "完成情况", "完成情况"], ["", "数量", "单位"], ["加梯", "11", "台"]],  # a merged group heading
     ("", ["表1", "项目 | 完成情况/数量 | 完成情况/单位", "加梯 | 11 | 台"])),
    ([["备忘"], ["周一例会"], [""], ["周三走访"]], ("备忘", ["备忘", "周一例会", "周三走访"])),  # one column: titled notes
    ([["", ""], ["", ""]], ("", [])),
])
def test_sheet_grids_become_named_tables(grid: list[list[str]], expected: tuple[str, list[str]]) -> None:
    from ingest.sheets import sheet_lines

    assert sheet_lines("表1", grid) == expected
