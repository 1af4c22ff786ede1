"""Layout rules over recogniser boxes: pure functions, table tests, no engine."""

import math

import pytest

from evals.ocr_accuracy import char_accuracy
from ingest.ocr import (
    Box,
    PageText,
    boxes_from,
    fix_punctuation,
    group_lines,
    is_page_number,
    join_pages,
    paragraphs,
    repeated_margins,
)

H = 30  # character height in pixels


def box(text: str, x: float, y: float, conf: float = 0.99) -> Box:
    width = sum(H / 2 if c.isascii() else H for c in text)
    return Box(text, conf, x, y, x + width, y + H)


@pytest.mark.parametrize(("text", "expected"), [
    ("- 3 -", True), ("— 12 —", True), ("第3页", True), ("3/20", True), ("第 2 页 / 共 9 页", True), ("12", True),
    ("完工11台。", False), ("一、加装电梯", False), ("2023年", False),
])
def test_page_numbers(text: str, expected: bool) -> None:
    assert is_page_number(text) is expected


@pytest.mark.parametrize(("raw", "fixed"), [
    ("完成签约18台,开工13台", "完成签约18台,开工13台"),  # as printed: offices use both commas
    ('完成"美丽家园"改造', "完成“美丽家园”改造"),
    ("完成“美丽家园\"改造", "完成“美丽家园”改造"),
    ("荣获“文明社区“称号", "荣获“文明社区”称号"),
    ('被评为"5A级社会组织";城运中心荣获“12345市民服务热线“称号', "被评为“5A级社会组织”;城运中心荣获“12345市民服务热线”称号"),
    ("一、 加装电梯", "一、加装电梯"),
    ("version 1.5 (beta)", "version 1.5 (beta)"),
])
def test_punctuation_is_written_as_chinese_text_has_it(raw: str, fixed: str) -> None:
    assert fix_punctuation(raw) == fixed


def test_indented_paragraphs_are_joined_and_headings_kept_apart() -> None:
    left, right = 150, 150 + 31 * H
    boxes = [
        box("一、加装电梯", left, 100),
        box("　　2023年，街道坚持把加装电梯作为民心工程，完成签约18台，", left, 150),
        box("开工13台，完工11台的加梯目标任务。", left, 200),
        box("二、社区治理", left, 260),
        box("- 1 -", 600, 1700),
    ]
    boxes[1] = Box(boxes[1].text, 0.99, left, 150, right, 150 + H)  # the line runs to the right margin
    lines = group_lines(boxes)
    assert lines[0].text == "一、加装电梯"
    assert paragraphs(lines, 1754) == [
        "一、加装电梯",
        "　　2023年，街道坚持把加装电梯作为民心工程，完成签约18台，开工13台，完工11台的加梯目标任务。",
        "二、社区治理",
    ]


def test_cells_on_one_line_are_read_as_a_table_row() -> None:
    lines = group_lines([box("加装电梯", 150, 100), box("区房管局", 600, 102), box("5月底前", 1000, 99)])
    assert [ln.text for ln in lines] == ["加装电梯 | 区房管局 | 5月底前"]


def test_a_tilted_page_still_reads_line_by_line() -> None:
    angle = math.radians(2.5)

    def tilted(text: str, x: float, y: float, width: float) -> tuple[list[list[float]], str, float]:
        corners = [(x, y), (x + width, y), (x + width, y + H), (x, y + H)]
        return ([[cx * math.cos(angle) - cy * math.sin(angle), cx * math.sin(angle) + cy * math.cos(angle)]
                 for cx, cy in corners], text, 0.99)

    result = [tilted("一、加装电梯", 150, 100, 6 * H), tilted("2023年完成签约18台，开工13台，完工11台的加梯目标任务，惠及居民300余户。", 210, 148, 30 * H)]
    lines = group_lines(boxes_from(result))
    assert [ln.text for ln in lines] == [r[1] for r in result]


def test_running_headers_found_on_most_pages() -> None:
    pages = [[*group_lines([box("长寿路街道办事处文件", 150, 40), box(f"正文第{i}页", 150, 400)])] for i in range(3)]
    assert repeated_margins(pages, [1754.0] * 3) == {"长寿路街道办事处文件"}


def test_a_paragraph_cut_by_the_page_break_is_joined() -> None:
    pages = [PageText(1, ["一、加装电梯", "2023年完成签约18台，开工13台，"]), PageText(2, ["完工11台。", "二、社区治理"])]
    assert join_pages(pages) == "一、加装电梯\n2023年完成签约18台，开工13台，完工11台。\n二、社区治理"


@pytest.mark.parametrize(("ref", "hyp", "acc"), [("完工11台", "完工11台", 1.0), ("完工11台", "完工17台", 0.8),
                                                 ("完工 11台", "完工11台\n", 1.0), ("", "", 1.0)])
def test_character_accuracy(ref: str, hyp: str, acc: float) -> None:
    assert char_accuracy(ref, hyp) == pytest.approx(acc)
