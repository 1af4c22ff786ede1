"""The extractive answerer's quantity rules, on sentences alone (no index): figures
quoted whole, unit as a preference, stage, ordinals, and the value-based number check."""

from __future__ import annotations

import pytest

from assistant.answerers.extractive import pick_quantity, quantities
from assistant.numbers import extract_numbers, unsupported_numbers
from core.types import Passage, Query
from core.understand import understand


@pytest.mark.parametrize(("sentence", "texts"), [
    ("国内生产总值达到2.6万亿元，粮食产量1.1亿斤", ["2.6万亿元", "1.1亿斤"]),
    ("服务3万余人次，覆盖2-3个小区", ["3万余人次", "2-3个"]),
    ("约5000多万元", ["约5000多万元"]),
    ("从１９７９年到１９８４年安排了四千二百多万城镇劳动力就业", ["四千二百多万"]),
    ("即從一九五五年的三千四百九十六億斤", ["三千四百九十六億斤"]),
    ("增长百分之五十一，占比97.8%", ["百分之五十一", "97.8%"]),
    ("完成第四轮燃气报警装置安装710户", ["第四轮", "710户"]),
    ("2023年完成签约18台", ["18台"]),  # the year is no quantity
    ("全年共有600多万下岗职工实现了再就业", ["600多万"]),  # a qualifier before the magnitude
    ("商圈社零额达到134.9(含东方购物63.7)亿元", ["134.9(含东方购物63.7)亿元"]),  # a note inside the figure
    ("序号：38 项目：完成15个小区业委会换届", ["15个"]),  # a table row's number is no count of 项
    ("违建共48处2859㎡", ["48处", "2859㎡"]),
    ("粮食产量达到四亿零七百多万吨，比上年增长５．１％", ["四亿零七百多万吨", "５．１％"]),  # "多万" inside, its unit kept
    ("安排了四千二百多万人就业", ["四千二百多万人"]),
    ("总额首次突破万亿元，达到11377亿元", ["11377亿元"]),  # a magnitude passed is no figure
    ("发电量3，120亿度", ["3，120亿度"]),
])
def test_quantities_are_quoted_whole(sentence: str, texts: list[str]) -> None:
    assert [q.text for q in quantities(sentence)] == texts


@pytest.mark.parametrize(("question", "sentence", "answer"), [
    # no stage asked → every stage with its figure
    ("长寿路2023年加装电梯多少台", "2023年完成签约18台,开工13台,完工11台的加梯目标任务。", "签约18台、开工13台、完工11台"),
    ("长寿路2023年加梯做好了几台", "2023年完成签约18台,开工13台,完工11台的加梯目标任务。", "11台"),
    ("长寿路2023年加梯签了几台", "2023年完成签约18台,开工13台,完工11台的加梯目标任务。", "18台"),
    # the question counts in 张, the document in 件: a preference, not a refusal
    ("发放宣传单多少张", "发放宣传资料1200件。", "1200件"),
    # an ordinal never answers 多少; the count does
    ("燃气报警装置装了多少户", "完成第四轮燃气报警装置安装710户。", "710户"),
    ("第几轮燃气报警装置", "完成第四轮燃气报警装置安装710户。", "第四轮"),
    # a large quantity is never cut short
    ("国内生产总值是多少", "国内生产总值达到2.6万亿元。", "2.6万亿元"),
    # the measure word typed in the question
    ("普陀一村还有多少产没征收", "配合推进普陀一村未征收的131产房屋旧改工作。", "131产"),
    # money asked, money given
    ("投入多少资金", "新建3处睦邻点，投入资金120万元。", "120万元"),
    # the figure written after the asked year, not the base year or the total change
    ("1959年全国粮食总产量是多少",
     "全國糧食總產量，在過去四年中共增加了一千九百零五億斤，即從一九五五年的三千四百九十六億斤，增加到了一九五九年的五千四百零一億斤。",
     "五千四百零一億斤"),
    # the measure asked by its staff name (GDP = 国内生产总值) in the figure's own clause
    ("过去五年GDP多少", "这五年，就业持续增加，国内生产总值年均增长9.3%。", "9.3%"),
    # in a "、" run each figure is of the noun in its own stretch, before or after it
    ("垃圾分类投放点多少", "完成155个区域信息核定,改造33个垃圾厢房、241个投放点。", "241个"),
    ("改造垃圾厢房多少", "完成155个区域信息核定,改造33个垃圾厢房、241个投放点。", "33个"),
    ("拆了多少高低床", "拆除非法隔间181间、高低床1150张、平板床196张。", "1150张"),
    # books are counted in 册, lamps in 盏
    ("社区图书馆新增多少本书", "社区图书馆新增图书2885册,服务读者18.4万人次。", "2885册"),
    ("更新路灯多少盏", "为4个居民区维修更新路灯120盏。", "120盏"),
    # growth asked with no measure word is told as a rate, not the level beside it
    ("1994年GDP增长多少", "国内生产总值达到４３８００亿元，按可比价格计算，比上年增长百分之十一点八。", "百分之十一点八"),
    # "这几份报告" names documents: 份 is no unit asked
    ("1994 1995年这几份报告里GDP增长多少", "国内生产总值突破３万亿元大关，比上年增长百分之十三点四。", "百分之十三点四"),
    # one year named before one of two figures: that figure is of that year, the other is not
    ("1979年积累率多少", "积累率由1978年的36.5％，降为33.6％。", "33.6％"),
    ("1978年积累率多少", "积累率由1978年的36.5％，降为33.6％。", "36.5％"),
    # a year opening the sentence is every figure's, not the first one's
    ("长寿路2023年加梯完成多少台", "2023年完成签约18台,开工13台,完工11台的加梯目标任务。", "11台"),
    # money spent, said as it is typed ("花多少钱") and as it is written (投入资金)
    ("实事项目花多少钱", "选拔推荐3-4个优秀项目参加评选。2021年计划投入资金约3100万元。", "约3100万元"),
    # the thing counted written after the figure, the money beside it named by the topic
    ("两年国债建了多少项目", "发行2100亿元长期国债，用于增加基础设施投资，共建设5100多个项目。", "5100多个"),
    # a target where none was asked is still the answer where no result is written; a topic typed in
    # Latin letters is found whatever their case
    ("2013年M2多少", "广义货币M2预期增长目标拟定为13%左右。", "13%左右"),
    # the total, not a part of its breakdown after 其中 — unless the part is asked by its own words
    ("2013年财政赤字多少", "今年拟安排财政赤字1.2万亿元，比去年预算增加4000亿元，其中中央财政赤字8500亿元，代地方发债3500亿元。", "1.2万亿元"),
    ("1999年国有的利润多少", "全年工业企业实现利润2202亿元，比上年增长52％；其中国有及国有控股工业企业实现利润967亿元，增长77．7％。", "967亿元"),
    # a figure printed with a middle dot for its decimal point is quoted whole
    ("1998年农村居民收入实际增长多少", "农村居民人均纯收入，考虑价格下降因素，比上年实际增长4·3％。", "4·3％"),
    # a growth rate asked: told after the verb of growth, not a share ("占…的比重")
    ("2012年GDP增速多少", "研发经费支出占国内生产总值的比重提高到2012年的1.97%，国内生产总值增长7.8%。", "7.8%"),
    # a target asked: the figure set as one in its sentence, not last year's result
    ("2013年物价目标定的多少", "居民消费价格涨幅回落到2.6%，今年把居民消费价格涨幅控制在3.5%左右。", "3.5%左右"),
    # one year asked: not the yearly average of a span
    ("2013年GDP增速目标定的多少", "这五年国内生产总值年均增长9.3%；今年国内生产总值增长7.5%左右。", "7.5%左右"),
])


def test_pick_quantity(question: str, sentence: str, answer: str) -> None:
    assert pick_quantity(understand(question), sentence) == answer


def test_a_figure_before_fenbie_is_no_name_of_the_run_after_it() -> None:
    """"…能耗下降17.2%，化学需氧量、二氧化硫排放总量分别下降15.7%和17.5%": 15.7% is 化学需氧量's,
    never paired with the GDP written in the clause before it."""
    sentence = "单位国内生产总值能耗下降17.2%，化学需氧量、二氧化硫排放总量分别下降15.7%和17.5%。"
    assert pick_quantity(understand("过去五年GDP多少"), sentence) != "15.7%"
    assert pick_quantity(understand("过去五年化学需氧量排放下降多少"), sentence) == "15.7%"


@pytest.mark.parametrize(("question", "sentence"), [
    # another noun's figure with the same head: 粮食总产量 is not 棉花总产量
    ("1993年棉花总产量是多少", "除棉花和糖料减产外，主要农产品产量都有显著增加，粮食总产量４５６４亿公斤，达到历史最高水平。"),
    # a count is asked (斤): a multiple or a share is no answer
    ("1974年粮食总产量是多少斤", "尽管我国人口增加百分之六十，但粮食增产一点四倍，棉花增产四点七倍。"),
])
def test_near_misses_have_no_quantity(question: str, sentence: str) -> None:
    assert pick_quantity(understand(question), sentence) is None


def test_no_quantity_no_answer() -> None:
    assert pick_quantity(understand("加梯多少台"), "持续推进加装电梯工作。") is None


def test_numbers_keep_their_magnitude() -> None:
    assert extract_numbers("1.4万亿斤") == ["1400000000000"]
    assert extract_numbers("１４．２％ 33，212万吨") == ["14.2", "332120000"]
    assert extract_numbers("三千四百九十六億斤") == ["349600000000"]
    assert unsupported_numbers("1.4万亿斤[1]", ["总产1.4万亿斤"]) == []
    assert unsupported_numbers("1.4万斤[1]", ["总产1.4万亿斤"]) == ["14000"], "a figure cut short is a wrong figure"
    assert unsupported_numbers("14000亿斤[1]", ["总产1.4万亿斤"]) == [], "the same value written another way"
    assert unsupported_numbers("完工11台[2]", ["完工11台"]) == []


def test_a_report_looks_back_at_the_year_before_its_own() -> None:
    from assistant.answerers.extractive import looks_back
    from core.types import Passage

    review = Passage(chunk_id="c", text="", title="1980年报告", year=1980)
    assert looks_back("粮食产量33，212万吨，比上年增加2，737万吨", review, [1979])
    assert not looks_back("今年粮食产量计划达到3.3亿吨", review, [1979])  # a plan is no look back
    assert not looks_back("1978年粮食产量30，477万吨", review, [1979])  # it names its own year
    # the year a figure stands on is not its own: the whole sentence as the 1980 report writes it
    grounded = "粮食产量33，212万吨，比上年增加2，737万吨，这是在1978年粮食丰收的基础上实现的，1978、1979两年共增产粮食4，900多万吨。"
    assert looks_back(grounded, review, [1979])
    assert not looks_back("粮食产量33，212万吨", Passage(chunk_id="c", text="", year=1980, kind="plan"), [1979])
    assert not looks_back("完成加梯11台", Passage(chunk_id="c", text="", street="长寿路街道", year=2024), [2023])


def test_the_amount_asked_is_the_level_not_the_change() -> None:
    from assistant.answerers.extractive import pick_quantity, topic_weights

    sentence = "国家财政收入比上年增加1501亿元，总额首次突破万亿元，达到11377亿元。"
    level = understand("2000年报告 99年国家财政收入多少")
    assert level.money  # 收入 is money though nothing after 多少 says so
    assert pick_quantity(level, sentence, topic_weights(level)) == "11377亿元"
    change = understand("2000年报告 99年国家财政收入比上年增加多少")
    assert pick_quantity(change, sentence, topic_weights(change)) == "1501亿元"


def test_a_span_of_years_is_no_figure_unless_years_are_asked() -> None:
    from assistant.answerers.extractive import pick_quantity, topic_weights

    sentence = "这五年，国内生产总值达到51.9万亿元。"
    q = understand("13年报告过去五年GDP多少")
    assert pick_quantity(q, sentence, topic_weights(q)) == "51.9万亿元"


def test_one_sentence_figure_is_not_given_for_measures_it_does_not_name() -> None:
    from assistant.answerers.extractive import Candidate, one_figure_one_measure
    from core.types import Passage
    from vectorstore.hybrid import Retrieval

    text = "城镇新增就业900万人以上，城镇登记失业率低于4.6%；"
    cand = Candidate(Passage(chunk_id="c", text=text), 0, len(text), text, 1.0, 1.0)
    parts = []
    for label in ("GDP", "新增就业"):
        q = understand(f"13年报告{label}目标定多少")
        q.part_label = label
        parts.append(Retrieval(facts=q, passages=[cand.passage]))
    kept = one_figure_one_measure(parts, [([(cand, "900万人以上")], [cand]), ([(cand, "900万人以上")], [cand])])
    assert kept[0][0] == [] and kept[1][0] == [(cand, "900万人以上")]  # GDP's is not found, 就业's stays


def test_a_noun_phrase_holding_a_stage_word_is_a_noun() -> None:
    from assistant.answerers.extractive import pick_quantity, topic_weights
    from assistant.answerers.topic_fit import stage_synonyms

    assert stage_synonyms("签约") and stage_synonyms("开工率") and not stage_synonyms("新落地企业")
    q = understand("长寿路2023年新落地企业多少")
    assert pick_quantity(q, "2023年,街道累计新落地企业179家,共招引16个重点项目参加集中签约会", topic_weights(q)) == "179家"


def test_a_year_named_as_ground_is_not_the_sentences_own() -> None:
    from assistant.answerers.extractive import year_fits
    from core.textnorm import own_years

    assert own_years("这是在1978年粮食丰收的基础上实现的") == []
    assert own_years("1979年农业总产值比1978年增长8.6％") == [1979, 1978]  # a comparison's base is still named
    assert not year_fits("在1978年粮食丰收的基础上，1979年粮食产量33，212万吨", 1980, [1978])
    assert year_fits("从一九五五年的三千四百九十六億斤，增加到了一九五九年的五千四百零一億斤", 1960, [1955])


def test_a_total_is_not_a_figure_per_person() -> None:
    from assistant.answerers.extractive import best_quantity

    query = understand("1984年粮食总产量是多少")
    per_person = "去年全国平均每人占有粮食近八百斤，棉花十多斤"
    total = "粮食产量达到四亿零七百多万吨，比上年增长５．１％"
    assert best_quantity(query, total)[0] > best_quantity(query, per_person)[0]
    per_head = understand("1984年农民人均纯收入是多少")
    assert pick_quantity(per_head, "农民的纯收入，全国平均每人达到三百五十五元，比上年增长１４．７％") == "三百五十五元"


def test_last_year_in_a_report_of_the_year_after_is_the_year_asked() -> None:
    from vectorstore.hybrid import FusionWeights, _boost

    w = FusionWeights()
    meta = {"year": 1985, "street": "", "kind": "", "section": "关于经济形势", "text": "去年，全国进出口总额达到一千二百零一亿元"}
    assert _boost(meta, [1984], understand("84年全国进出口总额多少"), w, []) == w.year_text
    # a report named: its own passages are ranked already; 去年 there is not singled out
    named = understand("1985年报告里84年进出口总额多少")
    assert _boost(meta, [1984], named, w, []) == w.year_mismatch


def test_a_clause_naming_no_year_is_of_the_year_its_sentence_named_before_it() -> None:
    from assistant.answerers.extractive import figure_year
    from core.types import Passage

    sentence = "２００１年国内生产总值达到９５９３３亿元，比上年增长７．３％。"
    p = Passage(chunk_id="c", text=sentence, year=2002)
    assert figure_year(p, sentence, [2001], "７．３％") == 2001
    plan = "２００１年国内生产总值达到９５９３３亿元，今年预期增长７％左右。"
    assert figure_year(Passage(chunk_id="c", text=plan, year=2002), plan, [2001], "７％左右") == 2002


def test_a_clause_quoted_to_its_semicolon_takes_the_short_last_clause() -> None:
    from assistant.answerers.extractive import Candidate, with_short_tail
    from core.types import Passage

    text = "2023年受理12345市民服务热线工单6562件,解决率74.3%;不属实率23%。智联平台共处置案件258件。"
    p = Passage(chunk_id="c", text=text)
    end = text.index(";") + 1
    assert with_short_tail(Candidate(p, 0, end, text[:end], 1.0, 1.0)).text.endswith("不属实率23%。")
    long_tail = text.replace("不属实率23%", "不属实率23%，其中" + "重复工单" * 8)
    p2 = Passage(chunk_id="c", text=long_tail)
    assert with_short_tail(Candidate(p2, 0, end, long_tail[:end], 1.0, 1.0)).text == long_tail[:end]


def test_review_counter_examples_for_figures() -> None:
    from assistant.answerers.extractive import PER_HEAD, Candidate, with_short_tail
    from core.textnorm import own_years
    from core.types import Passage
    from vectorstore.hybrid import _LAST_YEAR

    # per household or per day is no figure per person
    assert not PER_HEAD.search("平均每户2000元") and not PER_HEAD.search("平均每天受理18件")
    assert PER_HEAD.search("农民的纯收入，全国平均每人达到三百五十五元") and not PER_HEAD.search("每人次")
    for comparison in ("今年粮食产量与去年相比增长5%", "同上年相比", "上年同期为3亿吨", "上年度结转资金"):
        assert not _LAST_YEAR.search(comparison)
    assert own_years("这是在巩固1978年丰收成果的基础上实现的") == []
    assert own_years("在1978年和1979年连续丰收的基础上，1980年增产") == [1980]
    text = "2023年完工11台；2022年为8台。"
    p = Passage(chunk_id="c", text=text)
    end = text.index("；") + 1
    assert with_short_tail(Candidate(p, 0, end, text[:end], 1.0, 1.0)).text == text[:end]  # another year's clause


def test_a_result_is_asked_unless_a_target_is() -> None:
    """"94年GDP增长多少" asks what the year brought, not what was planned for it."""
    sentence = "国内生产总值原计划增长百分之九，实际增长百分之十一点八。"
    assert pick_quantity(understand("1994年国内生产总值增长多少"), sentence) == "百分之十一点八"
    assert pick_quantity(understand("1994年国内生产总值计划增长多少"), sentence) == "百分之九"


def test_the_actual_figure_asked_is_never_a_target() -> None:
    """"…涨幅实际是多少": the sentence that names the measure but gives its target has no answer."""
    target = "去年我在政府工作报告中曾提出，要把全年商品零售物价上涨幅度控制在百分之十以内。"
    assert pick_quantity(understand("1994年商品零售物价涨幅实际是多少"), target) is None
    assert pick_quantity(understand("1994年商品零售物价涨幅是多少"), target) == "百分之十以内"  # nothing better said


def _chosen_figure(query: Query, text: str, year: int) -> str | None:
    """The figure the extractive answerer chooses for ``query`` from one passage of ``year``."""
    from assistant.answerers.extractive import choose
    from vectorstore.hybrid import Retrieval

    chosen, _ = choose(Retrieval(query, [Passage(chunk_id="c", text=text, doc_id="d", source="s.txt", title="t",
                                                 street="", year=year, rank=1)]))
    return chosen[0][1] if chosen else None


def test_the_figures_after_fenbie_pair_with_the_names_before_it() -> None:
    s = "农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元，扣除价格因素，分别比上年增长2.1%和6.4%。"
    assert pick_quantity(understand("2000年城镇居民收入多少"), s) == "6280元"
    assert pick_quantity(understand("2000年农民人均纯收入多少"), s) == "2253元"


def test_a_change_asked_from_and_to_is_answered_by_both_ends() -> None:
    s = "保持经济平稳较快发展，国内生产总值从26.6万亿元增加到51.9万亿元，跃升到世界第二位；"
    assert pick_quantity(understand("2013年报告里国内生产总值从多少增加到多少"), s) == "从26.6万亿元增加到51.9万亿元"
    # not asked from-to: the end reached is in the answer, never the start alone
    assert "51.9万亿元" in pick_quantity(understand("2013年报告里国内生产总值达到多少"), s)


def test_a_part_is_told_from_the_others_by_its_own_words() -> None:
    """"…安全生产的数据，查出多少隐患": the frame (安全生产) sits next to the other figure; the
    part's own word (隐患) decides. "4499家次" is quoted with its whole unit."""
    s = "开展安全生产检查4499家次,查处事故隐患1463条,并完成整改。"
    q = understand("五角场街道2016年安全生产的数据 查出多少隐患")
    q.part_label = "查出多少隐患"
    assert pick_quantity(q, s) == "1463条"
    q = understand("五角场街道2016年安全生产的数据 检查多少家次")
    q.part_label = "检查多少家次"
    assert pick_quantity(q, s) == "4499家次"


def test_a_measure_asked_among_others_is_answered_by_the_sentence_that_names_it() -> None:
    """"…主要预期目标：GDP增速、CPI…": the frame matches the GDP clause best; CPI's own clause wins."""
    text = ("今年经济社会发展的主要预期目标是：国内生产总值增长7.5%左右，发展的协调性进一步增强；"
            "居民消费价格涨幅3.5%左右；城镇新增就业900万人以上。")
    q = understand("2013年经济社会发展主要预期目标CPI定的多少")
    q.part_label = "CPI"
    assert _chosen_figure(q, text, 2013) == "3.5%左右"


def test_a_figure_inside_a_from_to_span_is_given_with_both_ends() -> None:
    """"过去五年财政收入": "从5.1万亿元增加到11.7万亿元" — one end alone would misread the sentence."""
    s = "公共财政收入从5.1万亿元增加到11.7万亿元；"
    assert pick_quantity(understand("2013年报告过去五年财政收入多少"), s) == "从5.1万亿元增加到11.7万亿元"


def test_a_span_opened_with_you_is_given_with_both_ends() -> None:
    """"由年初的４００多万人扩大到年末的１１２０多万人": 由 opens a span as 从 does (由于 does not)."""
    s = "城市居民最低生活保障的覆盖人数，由年初的４００多万人扩大到年末的１１２０多万人。"
    assert pick_quantity(understand("2002年报告里城市低保覆盖人数多少人"), s) == "由年初的４００多万人扩大到年末的１１２０多万人"
    s = "由于价格上涨，粮食收购价提高到每斤0.5元。"
    assert "由于" not in (pick_quantity(understand("粮食收购价多少"), s) or "")


def test_a_figure_whose_sentence_says_only_the_change_is_of_the_thing_said_before_it() -> None:
    """"…物价上涨幅度控制在百分之十以内。虽然…，涨幅仍然高达百分之二十一点七…": asked "物价实际涨
    多少", the second sentence says only the change (涨幅), the first what changed."""
    text = ("农村居民人均纯收入达到１２２０元，扣除物价因素比上年增长百分之五。\n"
            "去年我在政府工作报告中曾提出，要把全年商品零售物价上涨幅度控制在百分之十以内。"
            "虽然在这方面做了很大努力，涨幅仍然高达百分之二十一点七，群众反映强烈。")
    assert _chosen_figure(understand("1994年物价实际涨多少"), text, 1994) == "百分之二十一点七"


def test_a_reports_plan_asked_is_not_its_look_back_over_the_years_before() -> None:
    text = ("从国债投资的效果看，两年来通过财政向银行发行2100亿元长期国债，带动4200多亿元银行贷款。\n"
            "发行1000亿元长期国债，重点投向水利、交通、通信等基础设施建设。")
    assert _chosen_figure(understand("2000年报告 当年发长期建设国债多少"), text, 2000) == "1000亿元"
