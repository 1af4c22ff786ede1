import pytest

from ingest.clean import clean_text, join_numbers, parse_date, repair_quotes, split_furniture


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020 年,街道办事处", "2020年,街道办事处"),
        ("全面落实防控举措, 99 个小区实现封闭管理", "全面落实防控举措,99个小区实现封闭管理"),
        ("统计返(来)沪人员 1.51 万人次", "统计返(来)沪人员1.51万人次"),
        ("家庭医生签约率 100% 。", "家庭医生签约率100%。"),
        ("安排 2018-06-15", "安排2018-06-15"),
        ("社区图书馆新增馆藏 5581 册,服务读者 1.2 万人次", "社区图书馆新增馆藏5581册,服务读者1.2万人次"),
        ("SYMB2F301430202100100 发布机构", "SYMB2F301430202100100 发布机构"),
    ],
)
def test_join_numbers(raw: str, expected: str) -> None:
    assert join_numbers(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020年是全面建成小康社会和““十三五””规划收官之年", "2020年是全面建成小康社会和“十三五”规划收官之年"),
        ("编制完善万里街道““十四五””规划", "编制完善万里街道“十四五”规划"),
        ("“不忘初心、牢记使命”", "“不忘初心、牢记使命”"),
    ],
)
def test_repair_quotes(raw: str, expected: str) -> None:
    assert repair_quotes(raw) == expected


def test_furniture_dropped_and_kept_as_metadata() -> None:
    raw = (
        "正文内容区域请使用tab按钮切换浏览\n标题\n索引号 SYMB2F301430202100100 发布机构 金杨新村街道\n"
        "公开类别 主动公开 发布时间 2021-01-26\n2020年03月04日 来源: 上海普陀\n正文第一句。"
    )
    result = split_furniture(raw)
    assert result.text.split("\n") == ["标题", "正文第一句。"]
    assert result.meta["发布机构"] == "金杨新村街道"
    assert result.meta["索引号"] == "SYMB2F301430202100100"
    assert result.meta["发布时间"] in ("2021-01-26", "2020年03月04日")
    assert result.meta["来源"] == "上海普陀"


def test_clean_text_keeps_meaning() -> None:
    result = clean_text("普陀区万里街道2020年工作要点\r\n\r\n2020年03月04日 来源: 上海普陀\r\n\r\n成立 8 个专项小组。")
    assert result.text == "普陀区万里街道2020年工作要点\n成立8个专项小组。"
    assert parse_date(result.meta["发布时间"]) == "2020-03-04"


@pytest.mark.parametrize(
    ("value", "expected"), [("2021-01-26", "2021-01-26"), ("2017年6月8日", "2017-06-08"), ("无日期", ""), ("2020-13-01", "")]
)
def test_parse_date(value: str, expected: str) -> None:
    assert parse_date(value) == expected
