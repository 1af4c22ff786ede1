"""Table tests for every vocabulary in core/lexicon.py and the pure text functions
built on it (core/textnorm.py, core/understand.py). No model, no index: milliseconds."""

from __future__ import annotations

from datetime import date

import pytest

from core.lexicon import (
    MONEY_ASKED,
    NUMBER_INTENT,
    ORDINAL_INTENT,
    PUBLISH_WORDS,
    WHEN_WORDS,
    YEAR_JOIN,
    YEAR_RANGE,
    stage_of_word,
    unit_affinity,
)
from core.textnorm import (
    cn_to_number,
    expand_year,
    fold_width,
    for_matching,
    normalize_question,
    question_years,
    subject_years,
    to_simplified,
    years_named,
)
from core.understand import guess_places, understand


@pytest.mark.parametrize(("typed", "normal"), [
    ("长寿路 23年 加梯完工几台", "长寿路2023年加梯完工几台"),
    ("２０２３年长寿路加梯", "2023年长寿路加梯"),
    ("從一九五五年起糧食產量", "从1955年起粮食产量"),
    ("金杨20年工作重点", "金杨2020年工作重点"),
    ("近20年来的变化", "近20年来的变化"),  # a duration, not a year
    ("20年来", "20年来"),
    ("过去5年", "过去5年"),
    ("55年粮食产量", "1955年粮食产量"),
    ("五角场 2016 年 新增 就业", "五角场2016年新增就业"),
    ("GDP 增长 多少", "GDP增长多少"),
    ("七五年政府工作报告结尾", "1975年政府工作报告结尾"),  # two spelled digits naming a report
    ("八五年价格改革有哪几条", "1985年价格改革有哪几条"),  # or opening the question
    ("三五年内完成", "三五年内完成"),  # a few years, not a year
    ("16年做了多少，17年计划多少", "2016年做了多少,2017年计划多少"),  # a year after a comma
    ("三五年就能完成吗", "三五年就能完成吗"),  # a few years, however it goes on
    ("过去五六年工作总结", "过去五六年工作总结"),
    ("共计1,234人", "共计1,234人"),  # a thousands group is no year
])
def test_normalize_question(typed: str, normal: str) -> None:
    assert normalize_question(typed) == normal


@pytest.mark.parametrize(("text", "years"), [
    ("长寿路2023年加梯", [2023]),
    ("2023加梯完成多少台", [2023]),  # a year without 年 in a question
    ("花了2000元", []),  # a figure, not a year
    ("12345热线", []),
    ("2016和2017年", [2016, 2017]),
    ("2019年到2020年", [2019, 2020]),
])
def test_question_years(text: str, years: list[int]) -> None:
    assert question_years(text) == years


@pytest.mark.parametrize(("text", "years"), [
    ("從一九五五年起到一九六〇年", [1955, 1960]),
    ("２０２３年完成", [2023]),
    ("2023-2024", []),  # only years written with 年
    ("增长百分之五十一", []),
])
def test_years_named(text: str, years: list[int]) -> None:
    assert years_named(text) == years


@pytest.mark.parametrize(("text", "years"), [
    ("积累率由1978年的36.5％，降为33.6％。", []),  # 1978 is the base of the comparison
    ("1979年农业总产值比1978年增长8.6％。", [1979]),
    ("即從一九五五年的三千四百九十六億斤，增加到了一九五九年的五千四百零一億斤", [1959]),
    ("2023年完成签约18台", [2023]),
])
def test_subject_years_leave_out_comparison_bases(text: str, years: list[int]) -> None:
    assert subject_years(text) == years



@pytest.mark.parametrize(("text", "value"), [
    ("一千八百四十万", 18_400_000), ("三点五", 3.5), ("十一", 11), ("二十三", 23), ("一百零五", 105),
    ("二亿三千万", 230_000_000), ("三千四百九十六亿", 349_600_000_000), ("一九五五", 1955), ("百分", None),
])
def test_chinese_numerals(text: str, value: float | None) -> None:
    assert cn_to_number(text) == value


def test_width_and_script_folding_keep_length() -> None:
    for text in ("１４．２％的增长", "會議閉幕以來已經", "一九五五年的三千四百九十六億斤", "①项目㎡"):
        assert len(for_matching(text)) == len(text)
    assert fold_width("１４．２％") == "14.2%" and fold_width("①㎡") == "①㎡"
    assert to_simplified("國務院政府工作報告") == "国务院政府工作报告"
    # a middle dot between digits is a decimal point ("实际增长4·3％"); elsewhere it stays
    assert for_matching("增长4·3％") == "增长4.3%" and for_matching("李·四") == "李·四"


def test_two_digit_years_expand_to_the_recent_century() -> None:
    today = date(2026, 11, 25)
    assert expand_year(23, today) == 2023 and expand_year(27, today) == 2027 and expand_year(55, today) == 1955


@pytest.mark.parametrize(("asked", "unit", "affinity"), [
    ("台", "台", 1.0), ("张", "件", 0.6), ("户", "家", 0.6), ("人", "人次", 0.6), ("万元", "元", 1.0),
    ("台", "人", 0.0), ("", "台", 0.0),
    ("人次", "次", 0.6), ("平方米", "万平方米", 1.0),  # person-times are not times; ten thousand m² are m²
])
def test_unit_affinity_is_a_preference(asked: str, unit: str, affinity: float) -> None:
    assert unit_affinity(asked, unit) == affinity


@pytest.mark.parametrize(("word", "stage"), [
    ("竣工", "完工"), ("建好", "完工"), ("签订", "签约"), ("动工", "开工"), ("结案", "办结"), ("加装", None),
])
def test_stage_words(word: str, stage: str | None) -> None:
    assert stage_of_word(word) == stage


@pytest.mark.parametrize(("question", "number", "ordinal", "money"), [
    ("加梯完成多少台", True, None, False), ("搞了几个", True, None, False), ("第几次会议", True, "次", False),
    ("花了多少钱", True, None, True), ("几乎没有", False, None, False), ("哪几个街道", False, None, False),
])
def test_intent_vocabulary(question: str, number: bool, ordinal: str | None, money: bool) -> None:
    assert bool(NUMBER_INTENT.search(question)) == number
    m = ORDINAL_INTENT.search(question)
    assert (m.group(1) if m else None) == ordinal
    assert bool(MONEY_ASKED.search(question)) == money


@pytest.mark.parametrize(("question", "joined", "ranged"), [
    ("2016和2017年分别新增多少", True, False), ("从1979年到1984年安排了多少", False, True),
    ("2016、2017年", True, False), ("2023年", False, False),
])
def test_year_joins_and_ranges(question: str, joined: bool, ranged: bool) -> None:
    assert bool(YEAR_JOIN.search(question)) == joined and bool(YEAR_RANGE.search(question)) == ranged


@pytest.mark.parametrize(("question", "asks_date"), [
    ("这份文件哪天发的", True), ("重点工作项目安排印发时间", True), ("什么时候完成加梯", False),
])
def test_publication_words(question: str, asks_date: bool) -> None:
    assert bool(WHEN_WORDS.search(question) and PUBLISH_WORDS.search(question)) == asks_date


@pytest.mark.parametrize(("text", "places"), [
    ("七宝镇2023年加梯", ["七宝镇"]),
    ("请问七宝镇的情况", ["七宝镇"]),
    ("哪个街道加装电梯最多", []),
    ("各街道分别完成多少", []),
    ("报告提出城镇新增就业多少", []),
    ("街镇和乡镇的数量", []),
])
def test_only_real_places_are_guessed(text: str, places: list[str]) -> None:
    assert guess_places(normalize_question(text)) == places


@pytest.mark.parametrize(("question", "streets", "years", "report_years", "measure", "stage", "done", "per_year"), [
    ("长寿路2023年加梯完成多少台", ["长寿路街道"], [2023], [], "台", None, True, False),
    ("23年长寿路加梯签约了几台", ["长寿路街道"], [2023], [], "台", "签约", False, False),
    ("金杨 20年 封闭管理小区 多少个", ["金杨新村街道"], [2020], [], "个", None, False, False),
    ("1985年政府工作报告里说1984年粮食总产量是多少", [], [1984, 1985], [1985], "", None, False, False),
    ("五角场2016和2017年分别新增多少", ["五角场街道"], [2016, 2017], [], "", "新增", False, True),
    ("1999年政府工作报告提到裁军多少万人", [], [1999], [1999], "人", None, False, False),
    ("哪个街道加装电梯最多", [], [], [], "", None, False, False),
    # years that name reports, asked about the year each looks back on
    ("1994年政府工作报告里上一年GDP增长多少", [], [1993, 1994], [1994], "", None, False, False),
    ("几年政府工作报告里上一年GDP增长分别是多少（94、95、99、2002）", [], [1994, 1995, 1999, 2002], [1994, 1995, 1999, 2002], "", None,
     False, True),
    ("13年报告 去年GDP 今年目标定多少", [], [2013], [2013], "", None, False, False),  # this year asked too
    ("五角场文化围墙2016年做了多少，2017年新建多少", ["五角场街道"], [2016, 2017], [], "", "新增", False, True),
])
def test_understand(question: str, streets: list[str], years: list[int], report_years: list[int], measure: str,
                    stage: str | None, done: bool, per_year: bool) -> None:
    q = understand(question)
    assert (q.streets, q.years, q.report_years, q.measure, q.stage, q.done, q.per_year) == (
        streets, years, report_years, measure, stage, done, per_year)


@pytest.mark.parametrize(("question", "topic"), [
    ("长寿路2023年加梯完成多少台", "加梯完成"),
    ("1975年报告提到中苏两国总理是在哪一年达成谅解的？", "中苏两国总理达成谅解"),
    ("请问长寿路２０２３体检办了多少人", "体检"),
    ("普陀区2017年通知里优化推进机制要落实哪些制度", "优化推进机制落实制度"),  # 通知里 names the document
    ("长寿路街道2023年总结里加梯完工多少台", "加梯完工"),
    ("中心城区文件内容", "中心城区内容"),  # 内容 keeps its 内
    ("几个政府工作报告里粮食总产量怎么变化的", "粮食总产量"),  # the report's name whole, the change word whole
    ("1994年政府工作报告里上一年GDP增长多少", "GDP增长"),
    ("长寿路2023年群租整治搞了多少户", "群租整治"),  # a one-character spoken verb goes as a word only
    ("五角场17年工作的总体目标那八句话是啥来着", "工作总体目标"),  # how the list is asked is no topic
    ("81年工农业总产值和粮棉产量各定的多少", "工农业总产值粮棉产量"),  # "各定的": how a target is asked
])
def test_topic_reads_as_chinese(question: str, topic: str) -> None:
    assert understand(question).topic == topic


@pytest.mark.parametrize(("typed", "years", "per_year"), [
    ("94 95 99 2013这几年报告定的经济增长目标分别是多少", [1994, 1995, 1999, 2013], True),
    ("物价涨幅控制目标 94年 95年 2013年各是多少", [1994, 1995, 2013], True),
    ("五角场16、17年拆违多少", [2016, 2017], True),
    ("加装电梯 12 13台", [], False),  # plain numbers, no 年 and no four-digit year: not years
])
def test_years_typed_as_a_list(typed: str, years: list[int], per_year: bool) -> None:
    q = understand(typed)
    assert q.years == years and q.per_year == per_year
    assert "这几年" not in q.topic and "年" not in q.topic


@pytest.mark.parametrize(("question", "intent"), [
    ("五角场17年工作安排有几大块 列下标题", "outline"),
    ("金杨2021年的工作任务是分几个部分写的", "outline"),
    ("99年报告农业农村那部分讲了几点", "outline"),
    ("长寿路2023年加梯完成几台", "number"),
])
def test_how_many_parts_asks_for_the_parts(question: str, intent: str) -> None:
    assert understand(question).intent == intent


def test_two_latin_words_stay_apart_and_a_spelled_percentage_range_is_one_figure() -> None:
    from assistant.answerers.extractive import quantities

    assert understand("13年GDP CPI就业这些预期目标定的多少").topic == "GDP CPI就业预期目标"
    assert [q.text for q in quantities("经济增长速度的宏观调控目标，定为百分之八至九。")] == ["百分之八至九"]
    assert [q.text for q in quantities("力争控制在百分之十五左右")] == ["百分之十五左右"]


@pytest.mark.parametrize(("question", "streets"), [
    ("金杨和长寿加装电梯各搞了几台", ["金杨新村街道", "长寿路街道"]),
    ("五角场金杨长寿信访件数", ["五角场街道", "金杨新村街道", "长寿路街道"]),  # short names run together
    ("健康长寿的老人有多少", []),  # inside a word, 长寿 is no place
    ("请问金杨2020年加梯多少", ["金杨新村街道"]),
    ("万里20年12345解决率目标多少 长寿23年实际做到多少", ["万里街道", "长寿路街道"]),  # its year follows it
])
def test_short_street_names(question: str, streets: list[str]) -> None:
    assert understand(question).streets == streets


def test_a_range_asked_each_year_is_one_part_per_year() -> None:
    from assistant.parts import year_parts

    q = understand("长期国债 99到02年报告里每年发多少")
    assert q.years == [1999, 2000, 2001, 2002] and q.per_year and q.report_years == q.years
    assert year_parts(q.question, q.years)[1] == "长期国债2000年报告里发多少"
    assert not understand("1985年报告里1979年到1984年粮食产量增长多少").per_year  # a range asked as one


@pytest.mark.parametrize(("question", "topic", "number"), [
    ("信访件数 哪个街道最多", "信访", True),
    ("长寿路 2023 鸿寿坊 开业商户数", "鸿寿坊开业商户", False),
    ("94年报告社会治安要抓哪四个方面", "社会治安", False),  # the count asked is no topic word
])
def test_count_nouns_and_list_frames(question: str, topic: str, number: bool) -> None:
    q = understand(question)
    assert q.topic.startswith(topic) and "四" not in q.topic and q.wants_number is number


def test_a_word_glossed_in_brackets_is_asked_by_its_gloss() -> None:
    assert understand("长寿路和金杨加提（加装电梯）进度比一下").topic == "加装电梯进度"


@pytest.mark.parametrize(("question", "intent"), [
    ("99年政府工作报告 金融改革整顿那几项工作", "list"),  # 那几项: those items, not how many
    ("九四年报告 社会治安综合治理 着重抓的四个方面", "list"),
    ("长寿路2023年完成几项任务", "number"),
    ("万里那边20年市容景观改善要搞那些项目", "list"),  # 那些 for 哪些, typed by sound
    ("万里那边2020年市容景观都要搞些啥工程", "list"),
    ("五角场这几年拆违情况", "entity"),  # 这几年: a span of years, no list
    ("那些项目进展如何", "entity"),
    ("长寿路24年 永兴工作室 要发展成啥 有几个定位", "list"),  # what the items are called, counted: the items
    ("万里20年 服务企业 有啥具体做法", "list"),
    ("长寿路2023年新建了几个睦邻点", "number"),  # a count of things built: a figure
])
def test_a_list_asked_without_a_question_word(question: str, intent: str) -> None:
    assert understand(question).intent == intent


@pytest.mark.parametrize(("question", "figures", "number"), [
    ("长寿路街道2023年招商引资几个主要数字汇总一下", True, False),
    ("80年报告里81年轻工业主要产品计划产量多少", True, False),  # several products, a figure each
    ("长寿路23年招商引资各项指标完成情况", True, False),
    ("长寿路23年就业创业和劳动争议的数", True, False),  # "…的数": the topic's figures
    ("00年报告里 两年国债投资建了些啥 各多少", True, False),  # the things, a figure each
    ("推进了几个数字化转型项目", False, True),  # a count of projects
    ("几个数据中心", False, True),
    ("加梯具体数字是多少", False, True),  # one figure
])
def test_the_figures_of_a_topic_are_told_from_a_count(question: str, figures: bool, number: bool) -> None:
    q = understand(question)
    assert (q.figures, q.wants_number) == (figures, number)


def test_a_comparison_base_is_not_the_year_before_a_report() -> None:
    q = understand("长寿路2023年工作报告中财政收入比上年增长多少")
    assert q.years == [2023] and q.kind != "review"


def test_a_plan_asked_by_打算_is_no_topic_word() -> None:
    """"打算建多少文化墙": 打算 says a plan is asked (the review/plan reading keeps it); the topic is 建文化墙."""
    q = understand("2017年五角场街道打算建多少文化墙")
    assert q.topic == "建文化墙" and q.kind == "plan"


@pytest.mark.parametrize(("question", "lists"), [
    ("万里街道部分条线工作有哪些", True),  # 部分 + 条线: no "分条" asked, and the topic keeps 条线
    ("请分条列一下金杨2021年的重点工作", True),
])
def test_listing_words_do_not_eat_the_words_they_sit_in(question: str, lists: bool) -> None:
    q = understand(question)
    assert (q.intent in ("list", "outline")) is lists
    assert "条线" in q.topic or "条线" not in question


@pytest.mark.parametrize(("question", "compares"), [
    ("长寿路和金杨加梯进度比一下", True), ("哪个街道签约多", True), ("比较重要的工作有哪些", False),
    ("哪个项目投资多少", False),
])
def test_a_comparison_asked(question: str, compares: bool) -> None:
    assert understand(question).compare is compares


def test_years_typed_apart_before_the_reports_they_name_are_report_years() -> None:
    """"94 95 99 13年这几份报告 GDP增长目标": four reports, each asked for its own target."""
    q = understand("94 95 99 13年这几份报告 GDP增长目标分别定的多少")
    assert q.report_years == [1994, 1995, 1999, 2013]
    assert understand("长寿路2023 2024年加梯多少台").report_years == []  # years of the work, no report named


def test_numbers_typed_apart_before_these_years_are_years() -> None:
    """"93 94 98 01 12这几年GDP增速": the list says what its numbers are just after it."""
    q = understand("93 94 98 01 12这几年GDP增速 报告里各写多少 排个序")
    assert q.topic_years == [1993, 1994, 1998, 2001, 2012]
    assert q.rate and q.topic == "GDP增速"  # 增速 is a rate; the order asked is no topic
    assert understand("3 5 8这几个数加起来多少").topic_years == []
    assert understand("94 95 99年这几份报告里 上一年GDP增长分别多少 哪年最高").topic == "GDP增长"  # the ranking asked is no topic


@pytest.mark.parametrize(("question", "topic"), [
    ("1995年报告里总结许多办得好的国有企业有哪些共同经验？", "许多办得好国有企业共同经验"),  # 总结: the saying
    ("五角场16年工作总结 加梯多少", "工作总结加梯"),  # a document's name keeps it
])
def test_summed_up_is_how_a_report_says_it_not_what(question: str, topic: str) -> None:
    assert understand(question).topic == topic


def test_each_reports_own_year_is_its_plan() -> None:
    """"2000 01 02这三年报告 当年发长期建设国债各多少": three reports, each asked what it plans."""
    q = understand("2000 01 02这三年报告 当年发长期建设国债各多少 有啥变化")
    assert q.report_years == [2000, 2001, 2002] and q.kind == "plan"


def test_where_money_went_is_asked_not_the_topic() -> None:
    assert understand("金杨新村街道21年实事项目3100万 都投到哪些事上").topic == "实事项目3100万"


def test_a_reports_year_typed_again_among_the_years_asked_is_asked_too() -> None:
    q = understand("80年报告 积累率 78 79 80年 分别多少")
    assert q.report_years == [1980] and q.topic_years == [1978, 1979, 1980]
    # a list or outline of the report keeps its year as the report's only
    assert understand("80年报告 为了保证80、81年计划完成 采取了哪几条大的措施").report_and_topic == []


def test_a_streets_short_name_then_another_word_is_no_misspelled_street() -> None:
    from core.gazetteer import correct_street_typos

    known = ["长寿路街道", "金杨新村街道"]
    assert correct_street_typos("最后那条平安长寿具体要干啥", known) == "最后那条平安长寿具体要干啥"
    assert correct_street_typos("长受路2023年加梯", known) == "长寿路2023年加梯"
    assert correct_street_typos("金洋新村2020年", known) == "金杨新村2020年"


@pytest.mark.parametrize(("question", "topic"), [
    ("13年为啥说通胀压力还比较大 报告给了哪几点理由", "通胀压力还大给点理由"),  # why, and how many: the asking
    ("95年报告点名的那几个英模都是谁", "英模"),  # "点名的": how the report said it
])
def test_how_a_question_asks_is_no_part_of_its_topic(question: str, topic: str) -> None:
    assert understand(question).topic == topic


def test_a_two_digit_year_asked_how_much_is_a_year() -> None:
    """"粮食总产量55年多少": 年多少 asks that year's figure; "20年多" is a span of more than 20 years."""
    from core.textnorm import normalize_question

    assert normalize_question("粮食总产量55年多少 59年多少") == "粮食总产量1955年多少1959年多少"
    assert normalize_question("干了20年多") == "干了20年多"


def test_two_years_set_side_by_side_are_asked_one_by_one() -> None:
    assert understand("2012年实际完成的CPI多少跟2013年定的目标对比一下").per_year


@pytest.mark.parametrize(("question", "every", "topic"), [
    ("几份报告里说的粮食产量 按年份排一下", True, "粮食产量"),
    ("农民人均收入 几个年代的报告里分别多少", True, "农民人均收入"),
    ("94 95 99 13年这几份报告 GDP增长目标分别定的多少", False, "GDP增长目标"),  # the reports are named by year
    ("长寿路这几份报告里加梯分别多少", False, "加梯"),  # a street's documents are asked by the street
])
def test_every_report(question: str, every: bool, topic: str) -> None:
    q = understand(question)
    assert q.every_report == every and q.topic == topic


def test_two_years_each_asked_in_its_own_clause_by_a_figure_or_by_items() -> None:
    from core.lexicon import YEARS_ASKED_APART

    assert YEARS_ASKED_APART.search("金杨小区改造2020年做了哪些 2021年计划又是多少")
    assert YEARS_ASKED_APART.search("五角场2016年做了多少，2017年计划多少")
    assert not YEARS_ASKED_APART.search("1993年和1994年GDP")
