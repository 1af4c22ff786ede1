from pathlib import Path

import pytest

from core.settings import BUNDLED_CORPUS, Settings
from ingest.pipeline import parse_document
from ingest.structure import heading_of, year_kind

SETTINGS = Settings(home=Path("/nonexistent"))


def doc(name: str):
    return parse_document(next(BUNDLED_CORPUS.glob(f"{name}_*.txt")), SETTINGS)


@pytest.mark.parametrize(
    ("name", "street", "district", "doc_type", "years", "published"),
    [
        ("000", "万里街道", "普陀区", "工作要点", [2020], "2020-03-04"),
        ("001", "五角场街道", "杨浦区", "工作总结、工作安排", [2016, 2017], "2018-06-15"),
        ("002", "金杨新村街道", "浦东新区", "工作报告", [2020], "2021-01-26"),
        ("003", "", "普陀区", "项目安排", [2017], "2017-06-08"),
        ("004", "长寿路街道", "普陀区", "社区代表会议报告", [2024], "2024-02-02"),
    ],
)
def test_document_metadata(name, street, district, doc_type, years, published) -> None:
    d = doc(name)
    assert (d.street, d.district, d.doc_type, d.years, d.published) == (street, district, doc_type, years, published)


def test_review_and_plan_sections_get_their_own_years() -> None:
    d = doc("004")
    review = [c for c in d.chunks if c.section.startswith("2023年主要工作回顾")]
    plan = [c for c in d.chunks if c.section.startswith("2024年主要任务")]
    assert review and plan
    assert {(c.year, c.kind) for c in review} == {(2023, "review")}
    assert {(c.year, c.kind) for c in plan} == {(2024, "plan")}
    lift = next(c for c in d.chunks if "完工11台" in c.text)
    assert (lift.year, lift.kind) == (2023, "review")
    assert lift.section == "2023年主要工作回顾 > 创新机制,提升社区自治现代化水平"


@pytest.mark.parametrize(("name", "first", "second"), [("001", 2016, 2017), ("002", 2020, 2021)])
def test_two_part_reports(name: str, first: int, second: int) -> None:
    years = {(c.year, c.kind) for c in doc(name).chunks}
    assert (first, "review") in years and (second, "plan") in years


def test_flattened_table_rows_become_records() -> None:
    d = doc("003")
    records = [c for c in d.chunks if c.is_record]
    assert len(records) == 55
    row5 = next(c for c in records if c.text.startswith("序号：5 "))
    assert "牵头单位：区房管局" in row5.text
    assert "责任单位：区委组织部、各街道、镇" in row5.text
    assert row5.text.endswith("完成时间：5月底前")
    assert "在深化城市基层党建引领社区治理上持续用力" in row5.section
    row21 = next(c for c in records if c.text.startswith("序号：21 "))
    assert "牵头单位：区社区办" in row21.text and "完成时间：3月底前" in row21.text
    last = next(c for c in records if c.text.startswith("序号：55 "))
    assert last.text.endswith("完成时间：全年")  # page furniture after the table is not a cell


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("一、2023年主要工作回顾", (2, "2023年主要工作回顾")),
        ("第一部分 2020年工作回顾", (1, "2020年工作回顾")),
        ("(一)科学应对突发,守牢社区防线 全面压实防控责任, 建立三级防控体系", (3, "科学应对突发,守牢社区防线")),
        ("（三）不断优化推进机制。区推进办要加强协调", (3, "不断优化推进机制")),
        ("1. 推进垃圾分类", (4, "推进垃圾分类")),
        ("2020年是全面建成小康社会", None),
        ("17", None),
    ],
)
def test_heading_of(line: str, expected) -> None:
    assert heading_of(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2023年主要工作回顾", (2023, "review")), ("2024年主要任务", (2024, "plan")), ("2017年主要工作安排", (2017, "plan")),
     ("民生保障再上新台阶", (None, None))],
)
def test_year_kind(text: str, expected) -> None:
    assert year_kind(text) == expected


def test_every_chunk_is_fully_described() -> None:
    for name in ("000", "001", "002", "003", "004"):
        d = doc(name)
        positions = [c.position for c in d.chunks]
        assert positions == list(range(len(d.chunks)))
        for c in d.chunks:
            assert c.doc_id == d.doc_id and c.source == d.source and c.title == d.title
            assert 0 < c.tokens <= SETTINGS.chunk_tokens + 5
            assert c.end > c.start and len(c.content_hash) == 16
            if not c.is_record:
                assert c.text == d_text(d)[c.start:c.end]


def d_text(d):
    from ingest.clean import clean_text
    from ingest.loaders import load_file

    return clean_text(load_file(Path(d.path), 1 << 30).text).text
