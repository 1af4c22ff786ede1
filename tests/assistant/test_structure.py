"""Answers with no single sentence: enumerations inside a sentence, a document's
outline, a table over places. Pure parts on text and section lists (no index),
then the route on the fast tier."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.answerers.enumeration import items
from assistant.answerers.outline import outline_items
from assistant.answerers.table import TableAnswerer
from assistant.service import Service
from core.types import Passage, SectionHead
from core.understand import understand


@pytest.mark.parametrize(("sentence", "expected"), [
    ("先后荣获上海市平安示范社区、上海市文明社区、上海市示范街镇侨联、上海市生活垃圾分类示范街镇等荣誉称号。",
     ["上海市平安示范社区", "上海市文明社区", "上海市示范街镇侨联", "上海市生活垃圾分类示范街镇"]),
    ("一是加强组织领导；二是完善工作机制；三是强化督查考核。", ["加强组织领导", "完善工作机制", "强化督查考核"]),
    ("拆除非法隔间181间、高低床1150张、平板床196张。", ["拆除非法隔间181间", "高低床1150张", "平板床196张"]),
    ("2023年完成签约18台,开工13台,完工11台的加梯目标任务。", []),  # clauses with figures, not a list
    ("聚焦经济发展、城市管理两项重点。", []),  # two items are not an enumeration worth listing
    ("围绕街道党工委提出“双创工作树品牌、文明创建亮名片、安全工作牢记心”的总体目标做好工作。",
     ["双创工作树品牌", "文明创建亮名片", "安全工作牢记心"]),  # a quoted enumeration: the quote only
    ("开展“美丽家园”、“精品小区”、“文明楼组”创建。", ["“美丽家园”", "“精品小区”", "“文明楼组”"]),
    # clauses between "；" are the items; a "、" list inside one clause is part of it
    ("受理中心被评为“5A级社区事务受理中心”;青创公益、剪爱公益等4家社会组织获评“5A级社会组织”;城运中心荣获“先进集体”称号。",
     ["受理中心被评为“5A级社区事务受理中心”", "青创公益、剪爱公益等4家社会组织获评“5A级社会组织”", "城运中心荣获“先进集体”称号"]),
])
def test_enumeration_items_are_verbatim(sentence: str, expected: list[str]) -> None:
    found = items(sentence)
    assert found == expected and all(i in sentence for i in found)


def _head(*path: str, year: int = 2024, kind: str = "plan") -> SectionHead:
    return SectionHead(path=path, chunk_id="/".join(path), position=0, year=year, kind=kind, heading=path[-1])


REPORT = [
    _head("2023年主要工作回顾", year=2023, kind="review"),
    _head("2023年主要工作回顾", "精准服务", year=2023, kind="review"),
    _head("2023年主要工作回顾", "精细管理", year=2023, kind="review"),
    _head("2024年主要任务"),
    _head("2024年主要任务", "党建引领"),
    _head("2024年主要任务", "招大引强"),
    _head("2024年主要任务", "健全功能"),
]


@pytest.mark.parametrize(("question", "parent", "parts"), [
    ("长寿路街道2024年主要任务有哪些", "2024年主要任务", ["党建引领", "招大引强", "健全功能"]),
    ("长寿路2023年主要做了哪些工作", "2023年主要工作回顾", ["精准服务", "精细管理"]),
    ("概括一下这份报告", None, ["2023年主要工作回顾", "2024年主要任务"]),  # no year, no kind: the whole document
])
def test_outline_reads_the_section_asked(question: str, parent: str | None, parts: list[str]) -> None:
    top, found = outline_items(REPORT, understand(question))
    assert (top.path[0] if top else None) == parent
    assert [h.path[-1] for h in found] == parts


def test_outline_keeps_sections_of_unknown_kind() -> None:
    """National reports: most sections carry no review/plan mark; only the review is left out of 主要任务."""
    heads = [_head("1998年工作回顾", year=1998, kind="review"), _head("扩大内需", year=1999, kind=""),
             _head("农业和农村", year=1999, kind="")]
    top, found = outline_items(heads, understand("1999年政府工作报告的主要任务有哪些"))
    assert top is None and [h.path[-1] for h in found] == ["扩大内需", "农业和农村"]


def _row(place: str, value: str, number: float | None, unit: str, year: int, n: int) -> dict[str, object]:
    return {"place": place, "year": year, "value": value, "number": number, "unit": unit, "citation": n}


def test_a_ranking_only_compares_like_with_like() -> None:
    same = [_row("长寿路街道", "11台", 11, "台", 2023, 1), _row("五角场街道", "8台", 8, "台", 2023, 2)]
    assert TableAnswerer._rank(same, "max") == "最多：长寿路街道（11台）[1]"
    assert TableAnswerer._rank(same, "min") == "最少：五角场街道（8台）[2]"
    years = [_row("长寿路街道", "11台", 11, "台", 2023, 1), _row("五角场街道", "8台", 8, "台", 2016, 2)]
    # not ranked across years, but the largest figure of the one unit is named with that caveat
    assert TableAnswerer._rank(years, "max") == ("各街道数字的年份不同（2016年、2023年），不能直接排名；"
                                                "单看数字，长寿路街道最多（2023年11台）[1]。")
    target = [_row("长寿路街道", "11台", 11, "台", 2023, 1), {**_row("五角场街道", "20台", 20, "台", 2023, 2), "plan": True}]
    assert "有的是完成数、有的是计划目标" in TableAnswerer._rank(target, "max")
    followers = [{**_row("长寿路街道", "11台", 11, "台", 2023, 1), "headline": True},
                 {**_row("长寿路街道", "30台", 30, "台", 2024, 2), "headline": False, "plan": True},
                 {**_row("五角场街道", "8台", 8, "台", 2023, 3), "headline": True}]
    assert TableAnswerer._rank(followers, "max") == "最多：长寿路街道（11台）[1]"  # a place's target is not ranked
    units = [_row("长寿路街道", "11台", 11, "台", 2023, 1), _row("五角场街道", "8处", 8, "处", 2023, 2)]
    assert "单位不同" in TableAnswerer._rank(units, "max")
    assert TableAnswerer._rank(same, None) == ""
    stages = [_row("金杨新村街道", "6部", 6, "部", 2020, 1), _row("长寿路街道", "签约18台、完工11台", None, "", 2023, 2)]
    assert TableAnswerer._rank(stages, "max") == "各街道数字的年份不同（2020年、2023年），长寿路街道给出的是多个数字，不作排名。"


# -- through the route (fast tier) ------------------------------------------------------
def test_an_outline_question_is_answered_by_the_headings(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("长寿路街道2024年主要任务有哪些")
    assert answer.kind == "outline" and not answer.refused
    assert "立足根本,开创党建引领新局面" in answer.answer and "招大引强,企及经济发展新高度" in answer.answer
    assert len(answer.citations) >= 6 and all(c.chunk_id for c in answer.citations)
    texts = {c["chunk_id"]: c["text"] for c in answer.contexts}
    assert all(c.quote in texts[c.chunk_id] for c in answer.citations)


def test_every_street_gets_a_row_and_the_missing_are_named(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("各街道加装电梯分别多少台")
    assert answer.kind == "table" and answer.rows
    places = {r["place"] for r in answer.rows}
    assert "长寿路街道" in places and "未找到相关内容" in answer.answer
    assert all(f"[{r['citation']}]" in answer.answer for r in answer.rows)


def test_a_list_question_lists_the_items(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("金杨新村街道2020年获得了哪些荣誉称号")
    assert answer.kind == "list" and "- 上海市文明社区[1]" in answer.answer


def test_a_list_under_a_run_in_heading_is_found_by_the_heading(fast_service: Service) -> None:
    # "暖心举措助残帮困。通过“三大节日”帮困、两项补贴…": the heading names what the items are of
    answer = fast_service.assistant.ask("长寿路 23年残疾人帮困都有哪些项目")
    assert answer.kind == "list" and "- 春雨助学[1]" in answer.answer


def test_table_rows_with_a_dated_deadline_are_listed_with_it(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("普陀2017重点工作项目安排表里，哪些项目不是全年完成、有具体截止时间的")
    assert answer.kind == "list"
    assert "完成时间：5月底前" in answer.answer and "完成时间：全年" not in answer.answer
    texts = {str(c["chunk_id"]): str(c.get("text") or "") for c in answer.contexts}
    assert all(c.quote and c.quote in texts.get(c.chunk_id, c.quote) for c in answer.citations)  # quoted as written
    ordered = fast_service.assistant.ask("普陀17年重点项目 有明确截止月份的 按时间先后排个序")
    months = re.findall(r"完成时间：(\d+)月", ordered.answer)
    assert months and months == sorted(months, key=int)
    typed = fast_service.assistant.ask("普陀17年重点项目表里 完成时间不是全年的有哪些 分别啥时候")
    assert "完成时间：3月底前" in typed.answer and "完成时间：全年" not in typed.answer
    # one row's field asked is no list of rows
    one = fast_service.assistant.ask("居民区党组织对业委会的党建引领，牵头单位和完成时限分别是什么")
    assert "区房管局" in one.answer and one.kind != "list"


def test_the_same_sentence_in_two_chunks_is_one_citation() -> None:
    from assistant.answerers.extractive import answer_extractive
    from core.types import Passage
    from vectorstore.hybrid import Retrieval

    q = understand("金杨新村街道2020年有哪些社区治理经验")
    text = "社区治理经验包括党建引领和居民自治。"
    passages = [Passage(chunk_id=c, text=text, doc_id="d", source="s.txt", title="t", street="金杨新村街道",
                        year=2020, rank=n) for n, c in enumerate(("a", "b"), start=1)]
    answer = answer_extractive(q.question, q.question, Retrieval(facts=q, passages=passages), ["金杨新村街道"], [2020])
    assert not answer.refused and len(answer.citations) == 1 and "[2]" not in answer.answer


def test_a_follow_up_opens_one_item_of_the_outline(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("第三条具体说说", history=["长寿路街道2024年主要任务有哪些"])
    assert answer.rewritten_question == "长寿路街道2024年主要任务中的第三条"
    assert answer.kind == "outline" and "健全功能,提升城区颜值新面貌" in answer.answer
    assert "提升城区颜值。" in answer.answer and "立足根本" not in answer.answer


def test_a_two_year_question_compares_the_years(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("五角场2016年和2017年分别更新多少处健身苑点")
    assert "比较：2016年（10处）多于2017年（8处）。" in answer.answer


@pytest.mark.parametrize(("sentence", "heading"), [
    ("暖心举措助残帮困。", True), ("推进为老服务高质量发展。", True),
    ("完成30户困难重度残疾人家庭无障碍改造。", False),  # a figure: a fact, not a heading
    ("加强双拥宣传,广泛开展活动。", False),  # a comma: a sentence with a body
    ("全力做好“全国双拥模范城”创建工作。", False),
])
def test_run_in_headings(sentence: str, heading: bool) -> None:
    from assistant.answerers.extractive import is_run_in_heading

    assert is_run_in_heading(sentence) is heading


def test_a_run_in_heading_is_quoted_with_what_it_announces() -> None:
    from assistant.answerers.extractive import Candidate, with_run_in_body
    from core.types import Passage

    text = ("9月完成入户测评等工作。暖心举措助残帮困。通过“三大节日”帮困、两项补贴、交通补贴、精准帮困等帮困工作,"
            "全年发放750多万元。推进为老服务高质量发展。")
    p = Passage(chunk_id="c", text=text)
    start = text.index("暖心")
    cand = with_run_in_body(Candidate(p, start, start + len("暖心举措助残帮困。"), "暖心举措助残帮困。", 1.0, 1.0))
    assert cand.text == "暖心举措助残帮困。通过“三大节日”帮困、两项补贴、交通补贴、精准帮困等帮困工作,全年发放750多万元。"
    assert items(cand.text) == ["“三大节日”帮困", "两项补贴", "交通补贴", "精准帮困"]
    last = text.index("推进为老")  # a heading that ends the passage stays as it is
    assert with_run_in_body(Candidate(p, last, len(text), text[last:], 1.0, 1.0)).text == "推进为老服务高质量发展。"


def test_an_ordinal_list_is_read_by_its_ordinals_across_chunks() -> None:
    from vectorstore.outline import items_after

    lead = "主要经验是："
    chunks = [
        {"chunk_id": "a", "section": "回顾", "text": f"五年来成绩显著。{lead}\n第一，坚持用发展的办法解决问题。这是根本。\n"
                                                      "在治理通货膨胀时，注意保持增长。"},
        {"chunk_id": "b", "section": "回顾", "text": "在治理通货膨胀时，注意保持增长。\n第二，适时调整宏观调控政策。\n解释段落。"},
        {"chunk_id": "c", "section": "回顾", "text": "解释段落。\n第三，把扩大内需和调整结构结合起来。"},
        {"chunk_id": "d", "section": "下一部分", "text": "第四，不属于这个列表。"},
    ]
    assert [item for _, item in items_after(chunks, "a", lead)] == [
        "第一，坚持用发展的办法解决问题。", "第二，适时调整宏观调控政策。", "第三，把扩大内需和调整结构结合起来。"]


def test_a_chunk_that_opens_inside_an_item_adds_no_item() -> None:
    """Chunks overlap by a sentence: one that opens inside an item's explanation ("要做好这方面的
    工作，…") starts a line there that is no item of the list."""
    from vectorstore.outline import items_after

    lead = "准备采取如下措施："
    chunks = [
        {"chunk_id": "a", "section": "一", "text": f"{lead}\n继续加强能源管理。明年要加强定额管理。要做好这方面的工作。"},
        {"chunk_id": "b", "section": "一", "text": "要做好这方面的工作。\n逐步改变工业结构。明年计划提高比重。"},
    ]
    assert [item for _, item in items_after(chunks, "a", lead)] == ["继续加强能源管理。", "逐步改变工业结构。"]


def test_a_list_of_short_leads_reads_on_past_three_chunks_to_its_end() -> None:
    """"准备采取如下措施：" then six paragraphs, each opened by a short lead sentence and explained
    at length: read on while the next paragraph opens the same way, up to "第二，…" a level above."""
    from vectorstore.outline import items_after

    lead = "准备采取如下措施："
    leads = ["继续加强能源管理。", "逐步改变工业结构。", "大力开展技术改造。", "逐步更新动力机具。", "搞好烧油改烧煤。", "制订法规。"]
    chunks = [{"chunk_id": "a", "section": "一", "text": f"{lead}\n{leads[0]}明年要加强定额管理，办法很多。"}]
    for n, x in enumerate(leads[1:], 1):
        chunks.append({"chunk_id": f"c{n}", "section": "一", "text": f"{x}解释这一条的很长的段落，说明为什么要这样做。"})
    chunks.append({"chunk_id": "z", "section": "一", "text": "第二，进一步调整重工业。解释。"})
    assert [item for _, item in items_after(chunks, "a", lead)] == leads


def test_an_ordinal_list_is_read_on_as_long_as_its_next_ordinal_comes() -> None:
    """"第一，…" to "第六，…" with pages of explanation under each: read on past eight chunks while
    each next ordinal comes within eight; a list whose next item does not come has ended."""
    from vectorstore.outline import ORDINAL_LIST_CHUNKS, items_after

    lead = "取得了显著的进展。"
    body = [{"chunk_id": f"x{i}", "section": "一", "text": "解释段落，没有新的序号。"} for i in range(5)]
    chunks = [{"chunk_id": "a", "section": "一", "text": f"{lead}\n第一，比例关系趋向协调。"}]
    for n in "二三四五六":
        chunks += [{**c, "chunk_id": f"{c['chunk_id']}{n}"} for c in body]
        chunks.append({"chunk_id": n, "section": "一", "text": f"第{n}，第{n}点的内容。"})
    assert len(chunks) > ORDINAL_LIST_CHUNKS * 2
    assert len(items_after(chunks, "a", lead)) == 6
    far = chunks[:1] + [{**body[0], "chunk_id": f"y{i}"} for i in range(ORDINAL_LIST_CHUNKS)] + [chunks[-1]]
    assert len(items_after(far, "a", lead)) == 1


def test_a_sentence_closing_its_paragraph_before_an_ordinal_list_leads_into_it() -> None:
    from assistant.answerers.extractive import Candidate
    from assistant.answerers.outline import _ordinals_follow
    from core.types import Passage

    text = "物价涨幅这么大，既有客观原因，也有工作上的缺点。\n一是\n需求过旺。\n二是\n农产品提价。"
    p = Passage(chunk_id="c", text=text)
    end = text.index("\n")
    assert _ordinals_follow(Candidate(p, 0, end, text[:end], 1.0, 1.0))
    mid = text.index("也有")
    assert not _ordinals_follow(Candidate(p, 0, mid, text[:mid], 1.0, 1.0))  # the paragraph goes on


def test_a_place_with_two_figures_for_the_topic_shows_both() -> None:
    from assistant.answerers.extractive import Candidate, more_figures
    from core.types import Passage

    q = understand("各街道修缮了几家居委会办公室")
    first_text, other_text = "修缮10家居委会办公室和老年活动室。", "推进服务下沉,修缮8个居委会办公室、活动室。"
    first = Candidate(Passage(chunk_id="a", text=first_text, year=2016), 0, len(first_text), first_text, 1.0, 0.9)
    other = Candidate(Passage(chunk_id="b", text=other_text, year=2017), 0, len(other_text), other_text, 0.9, 0.9)
    unrelated = Candidate(Passage(chunk_id="c", text="新建2个健身点。", year=2017), 0, 8, "新建2个健身点。", 0.5, 0.1)
    assert more_figures(q, [first, other, unrelated], first, "10家") == [(other, "8个")]
    assert more_figures(q, [first, unrelated], first, "10家") == []
    assert more_figures(q, [first, other], first, "120万元") == []  # 个 does not measure money


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("区推进办要加强协调。一是落实条块约请制度。区职能部门要主动服务。二是落实社区事务准入机制。三是落实信息报送制度。",
     ["落实条块约请制度", "落实社区事务准入机制", "落实信息报送制度"]),
    ("一是加强组织领导，明确责任；二是完善机制。", ["加强组织领导，明确责任", "完善机制"]),
    ("要加强协调。统筹推进。整体部署。全面落实。一是落实制度。二是落实机制。", []),  # starts too far away
    ("一是落实制度。三是落实机制。", []),  # not counting up: a "一是" met by chance
    ("一要抓紧做好加入世贸组织的准备。采取切实措施。二要进一步发展进出口贸易。", ["抓紧做好加入世贸组织的准备", "进一步发展进出口贸易"]),
    ("一是落实制度。二要落实机制。", []),  # two markers: not one enumeration
    ("为了实现这个目标，一要大力发展农业生产，增加有效供给。二要继续控制货币供应量。",  # the first after a comma
     ["大力发展农业生产，增加有效供给", "继续控制货币供应量"]),
    ("必须继续深化农村改革。首先要增加对农业的投入。地方也要增加。二是保护耕地。三是搞好综合开发。",  # 首先 for 一是
     ["增加对农业的投入", "保护耕地", "搞好综合开发"]),
    ("首先，我们要看到成绩。其次是问题。", []),  # 首先 with no 二是 after it opens no list
    ("首先要统一思想。一是抓生产。二是抓流通。", ["抓生产", "抓流通"]),  # a 首先 before a list of its own
])
def test_inline_ordinals(paragraph: str, expected: list[str]) -> None:
    from vectorstore.outline import inline_ordinals

    assert inline_ordinals(paragraph) == expected


@pytest.mark.parametrize(("sentence", "count"), [
    ("梳理形成了五个方面的工作任务和55项重点工作项目。", "五"), ("着力抓好四项工作。", "四"), ("重点做好3个方面。", "3"),
    ("完成签约18台。", None), ("做好以下十三个方面的工作。", "十三"),
])
def test_a_sentence_says_how_many_parts_follow(sentence: str, count: str | None) -> None:
    from core.lexicon import ANNOUNCED_COUNT

    m = ANNOUNCED_COUNT.search(sentence)
    assert (m.group(1) if m else None) == count


def test_parts_announced_by_count_are_the_sections_that_follow(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("普陀区2017年创新社会治理加强基层建设的工作任务分哪五个方面")
    assert answer.kind == "outline", answer.answer
    assert answer.answer.count("持续用力") == 5 and "在加强基层队伍建设上持续用力" in answer.answer


@pytest.mark.parametrize(("previous", "question", "rewritten"), [
    ("99年政府工作报告一共讲了哪几部分", "农业那部分展开说说", "99年政府工作报告农业部分具体讲了哪些"),
    ("长寿路街道2023年主要工作有哪些", "展开讲讲加梯那部分", "长寿路街道2023年加梯部分具体讲了哪些"),
    ("长寿路24年主要任务有哪些", "第二条里优化营商环境那几点列一下", "长寿路24年优化营商环境部分具体讲了哪些"),
    ("长寿路24年主要任务有哪些", "第三条具体说说", "长寿路24年主要任务中的第三条"),
    ("万里2020年工作要点分几块", "最后那块展开说说", "万里2020年工作要点分几块中的最后那块"),
    ("13年报告回顾过去五年 主要工作分几条", "民生那条具体讲讲", "13年报告民生部分具体讲了哪些"),  # one part: 那条
    ("万里街道2020年工作要点 分哪几个方面", "安全稳定这块具体要做啥", "万里街道2020年工作要点安全稳定部分具体讲了哪些"),
    ("长寿路2023年加梯完成多少台", "那开工这块呢", "长寿路2023年加梯开工这块"),  # not an outline: no part reference
    ("万里街道20年工作要点 主要有哪几块", "安全稳定那块展开讲讲 具体抓哪些", "万里街道20年工作要点安全稳定部分具体讲了哪些"),
    ("99年政府工作报告 主要讲了哪几部分", "农业农村那部分 具体有哪几条", "99年政府工作报告农业农村部分具体讲了哪些"),
    # the part by its number, named too: the number says which
    ("五角场17年工作安排 分哪几大块", "第三块城区管理那部分 具体要做啥", "五角场17年工作安排 分哪几大块中的第三块"),
    # a topic named alone after a list question asks the same list of it
    ("13年报告 积极的财政政策今年有几条措施", "那稳健的货币政策呢", "13年报告稳健的货币政策有几条措施"),
    ("万里2020年党建工作有哪些措施", "那文化方面呢", "万里2020年文化方面有哪些措施"),
])
def test_a_part_of_the_outline_named_by_its_topic(previous: str, question: str, rewritten: str) -> None:
    from assistant.followup import rewrite

    assert rewrite(question, [previous], ["长寿路街道"]) == rewritten


def test_a_named_part_of_the_outline_is_answered_by_its_own_parts(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("第二条里优化营商环境那几点列一下", history=["长寿路街道2024年主要任务有哪些"])
    # the sentence that announces the items is quoted first, then the items
    assert "：“打造亮点,优化营商环境不停歇。”[1]，具体如下：" in answer.answer
    texts = {c["chunk_id"]: c["text"] for c in answer.contexts}  # every quote, the lead's too, is shown in its passage
    assert all(c.chunk_id in texts and c.quote in texts[c.chunk_id] for c in answer.citations)
    assert [line for line in answer.answer.split("\n") if line.startswith("- ")][:4] == [
        "- 打响营商服务品牌[2]", "- 推动质量长寿建设[2]", "- 做好在地统计工作[3]", "- 落实依法征税[3]"]


@pytest.mark.parametrize(("question", "topic"), [
    ("金杨20年工作报告回顾部分讲了哪几大块", ""),
    ("长寿路23年主要干了哪些 按报告框架概括下", ""),
    ("长寿路2023年城市精细化管理做了哪几方面工作", "城市精细化管理"),
    ("金杨 21年工作任务给个提纲", ""),  # asking words name no part
    ("万里那边2020年工作要点分几块啊", ""),
    ("九九年报告农业农村那部分重点是啥", "农业农村"),
    ("普陀区那个2017重点工作项目安排里，“工作要求”部分主要讲了什么？", "工作要求"),  # the part quoted as named
    ("普陀区2017年重点工作项目安排里，“工作要求”有哪几条？", "工作要求"),
    ("普陀17年重点项目安排里，“不断优化推进机制”要落实哪几项制度机制？", "不断优化推进机制"),
    ("请问万里街道2020年工作要点主要分成哪几大块？每块大概讲什么", ""),
    ("80年那份报告讲加快经济管理体制改革，具体分哪几部分", "加快经济管理体制改革"),  # "那份" points at the report
])
def test_outline_questions_written_loosely(question: str, topic: str) -> None:
    q = understand(question)
    assert q.intent == "outline" and q.outline_topic == topic


def test_one_item_of_an_enumeration_brings_the_whole_enumeration(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("区推进办的推进机制 落实哪几项制度")
    items = [line.split("[")[0] for line in answer.answer.split("\n") if line.startswith("- ")]
    assert items == ["- 落实条块约请制度", "- 落实社区事务准入机制", "- 落实信息报送制度", "- 落实定期例会制度",
                     "- 落实跟踪督查机制"]
    texts = {c["chunk_id"]: c["text"] for c in answer.contexts}
    assert all(c.quote in texts[c.chunk_id] for c in answer.citations)


def test_an_area_question_wants_an_area_figure(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("各街道拆违面积分别多少")
    values = {r["place"]: r["value"] for r in answer.rows}
    assert values.get("五角场街道", "").endswith("万平方米") and values.get("长寿路街道") == "2859㎡"  # not "48处"
    assert "760万平方米" not in answer.answer, "消杀面积 is an area, but not of 拆违"


def test_parallel_clauses_are_items() -> None:
    from assistant.answerers.enumeration import by_parallel_clauses

    sentence = "2021年计划投入资金约3100万元,为香山七居等4个居民区维修更新路灯,为灵山三居等2个居民区疏通污水管网,为罗山七居等6个居民区改造休闲场所。"
    assert by_parallel_clauses(sentence) == ["为香山七居等4个居民区维修更新路灯", "为灵山三居等2个居民区疏通污水管网",
                                             "为罗山七居等6个居民区改造休闲场所"]
    assert by_parallel_clauses("加强宣传,完善机制,提升实效。") == []  # three clauses, no shared opening
    # clauses that end the same way: the people a report names, each "…同志"
    heroes = "以身殉职的好干部张鸣岐同志，工程师包起帆同志，被誉为“好军嫂”的韩素云同志，都是学习的榜样。"
    assert by_parallel_clauses(heroes) == ["以身殉职的好干部张鸣岐同志", "工程师包起帆同志", "被誉为“好军嫂”的韩素云同志"]


def test_a_list_of_clauses_runs_on_into_sentences_that_open_as_its_items() -> None:
    """The clauses after a parallel run, to the sentence's end, and the next sentences that open
    with an item's verb ("完成…") are the same list; a sentence opening otherwise ends it."""
    from assistant.answerers.extractive import listed_items

    text = ("推进社区更新改造 ,完成甲居等5个居民区道路改造,乙居等12个居民区休闲场所改造,丙居等7个居民区活动室升级,"
            "为丁居等7个居民区增设公共设施。完成戊路街区环境提升改造。完成己村示范小区建设。完善便民设施配套,庚居设置充电车棚。")
    first = text[:text.index("。") + 1]
    quoted, found = listed_items(_candidate(text, first))
    assert found[-4:] == ["丙居等7个居民区活动室升级", "为丁居等7个居民区增设公共设施", "完成戊路街区环境提升改造", "完成己村示范小区建设"]
    assert quoted.text.endswith("完成己村示范小区建设。") and "完善便民设施" not in quoted.text


def test_a_list_is_read_in_the_copy_of_its_sentence_that_shows_what_follows() -> None:
    """Chunks overlap: the copy of the announcing sentence that ends its chunk cannot show the
    list after it; the copy in the next chunk can."""
    from assistant.answerers.extractive import listed_in_any_copy

    lead = "各地都涌现出许多英雄模范人物。"
    ending = _candidate("前文。" + lead, lead)
    following = _candidate(lead + "好干部甲同志，工程师乙同志，老工人丙同志，都是学习的榜样。", lead)
    following = replace(following, passage=replace(following.passage, chunk_id="c2"))
    _, found = listed_in_any_copy(ending, [ending, following])
    assert found == ["好干部甲同志", "工程师乙同志", "老工人丙同志"]


def _candidate(text: str, sentence: str):
    from assistant.answerers.extractive import Candidate
    from core.types import Passage

    p = Passage(chunk_id="c", text=text, doc_id="d", source="s.txt", title="t", street="", year=2020, rank=1)
    start = text.index(sentence)
    return Candidate(p, start, start + len(sentence), sentence, 1.0, 1.0)


def test_a_run_in_heading_lists_its_paragraph() -> None:
    from assistant.answerers.extractive import listed_items

    text = "大力推动市容景观改善。完成旧住房修缮。建设口袋公园。推进标识标牌建设。\n二、下一段。"
    quoted, found = listed_items(_candidate(text, "大力推动市容景观改善。"))
    assert found == ["完成旧住房修缮", "建设口袋公园", "推进标识标牌建设"]
    assert quoted.text == text.split("\n")[0]  # the whole paragraph is the quote, verbatim


def test_a_sentence_that_introduces_the_next_one_brings_its_items() -> None:
    from assistant.answerers.extractive import listed_items

    text = "推进实事项目建设,启动新一轮更新改造。计划投入资金约100万元,为甲居民区更新路灯,为乙居民区疏通管网,为丙居民区修缮道路。其他工作。"
    quoted, found = listed_items(_candidate(text, "推进实事项目建设,启动新一轮更新改造。"))
    assert found[-1] == "为丙居民区修缮道路" and quoted.text.endswith("修缮道路。")
    _, none = listed_items(_candidate(text, "其他工作。"))
    assert none == []


def test_a_bare_run_of_items_after_a_list_runs_the_list_on() -> None:
    from assistant.answerers.extractive import listed_items

    text = "完善设施布局,2个服务中心、2个日间照护中心、1个社区食堂正式运营。智慧健康小屋、康复辅助器具租赁点投入使用。拓宽就业服务渠道,提供岗位800个。"
    quoted, found = listed_items(_candidate(text, "完善设施布局,2个服务中心、2个日间照护中心、1个社区食堂正式运营。"))
    assert found[-2:] == ["智慧健康小屋", "康复辅助器具租赁点投入使用"]
    assert quoted.text.endswith("投入使用。")
    # a sentence of another shape after the list is not part of it
    other = "完善设施布局,2个服务中心、2个日间照护中心、1个社区食堂正式运营。拓宽就业服务渠道,提供岗位800个、培训1038人。"
    _, alone = listed_items(_candidate(other, "完善设施布局,2个服务中心、2个日间照护中心、1个社区食堂正式运营。"))
    assert alone == ["2个服务中心", "2个日间照护中心", "1个社区食堂正式运营"]


def test_a_sentence_of_clauses_opening_alike_runs_a_list_of_clauses_on() -> None:
    from assistant.answerers.extractive import listed_items

    text = ("推进实事项目建设,启动新一轮更新改造。计划投入资金约100万元,为甲居民区更新路灯,为乙居民区疏通管网,为丙居民区修缮道路。"
            "推进文化中心分中心建设,推进东南街坊综合整新。保障弱势群体权益,规范救助流程,做到精准救助。")
    quoted, found = listed_items(_candidate(text, "推进实事项目建设,启动新一轮更新改造。"))
    assert found[-2:] == ["推进文化中心分中心建设", "推进东南街坊综合整新"] and quoted.text.endswith("综合整新。")


def test_a_short_sentence_between_a_topic_and_its_ordinal_list_bridges_them() -> None:
    from assistant.answerers.extractive import listed_items

    text = ("我们的前途是从队基本所有过渡到社基本所有。但是，要实现这个前途，必须具备必要的条件。"
            "就实现社基本所有制的条件来说，第一，全社的经济发展达到了一定水平；第二，社有经济部分占了优势；"
            "第三，穷队赶上了富队；第四，农村的机械化达到了一定程度。为了创造这些条件，我们就必须坚持三级所有制。")
    quoted, found = listed_items(_candidate(text, "我们的前途是从队基本所有过渡到社基本所有。"))
    assert found == ["全社的经济发展达到了一定水平", "社有经济部分占了优势", "穷队赶上了富队", "农村的机械化达到了一定程度"]
    assert quoted.text.endswith("达到了一定程度。")
    assert understand("60年那个报告 过渡到社基本所有制要满足啥条件").intent == "list"


@pytest.mark.parametrize(("question", "figures"), [
    ("五角场2016年安全检查那块的数字有哪些", True),
    ("长寿路23年招商有哪些数据", True),
    ("长寿路23年有哪些大数据平台", False),  # a thing named 数据, not the figures
    ("长寿路23年拿了哪些荣誉", False),
])
def test_the_figures_of_a_topic_asked_as_a_list(question: str, figures: bool) -> None:
    q = understand(question)
    assert q.figures is figures


@pytest.mark.parametrize(("question", "intent"), [
    ("长寿路24年 营商环境打算怎么弄", "list"),  # how a plan means to do it: its measures
    ("长寿路24年 加梯打算怎么推进", "list"),
    ("垃圾分类怎么做", "entity"),  # no plan asked: a sentence may answer
    ("五角场16年 双创 创业服务 搞了啥", "list"),  # what was done, asked with 了
])
def test_how_a_plan_means_to_do_it_is_a_list(question: str, intent: str) -> None:
    assert understand(question).intent == intent


@pytest.mark.parametrize(("question", "number"), [
    ("95年报告讲物价涨幅过高 原因有几条", False),
    ("有几项措施", False),
    ("85年价格改革主要内容有几条 分别是啥", False),  # the count and the items: the items answer both
    ("长寿路2023年加梯完成几台", True),
    ("加梯完成几台 有几条经验", True),  # a figure is still asked
])
def test_how_many_items_is_a_list_question(question: str, number: bool) -> None:
    q = understand(question)
    assert q.wants_number is number and (number or q.intent in ("list", "outline"))


def test_years_asked_apart_typed_without_a_stop_are_one_part_each() -> None:
    from assistant.parts import year_parts

    q = understand("五角场修居委会16年干了多少 17年计划多少")
    assert q.per_year and q.report_years == []  # "17年计划多少" asks the plan's figure, not a document
    assert year_parts(q.question, q.years) == ["五角场修居委会2016年干了多少", "五角场修居委会2017年计划多少"]


def test_trend_parts() -> None:
    from assistant.parts import trend_parts

    assert trend_parts("五角场近几年拆违面积有什么变化", [2016, 2017]) == ["2016年五角场拆违面积多少", "2017年五角场拆违面积多少"]
    assert trend_parts("五角场历年健身苑点分别更新了多少处", [2016])[0] == "2016年五角场健身苑点更新了多少处"
    assert trend_parts("五角场这几年垃圾分类有什么变化", [2016])[0] == "2016年五角场垃圾分类"


def test_a_trend_question_gets_one_part_per_year_and_a_plan_is_not_a_result(fast_service: Service) -> None:
    question = "五角场街道近几年拆除违法建筑面积有什么变化"
    asked = fast_service.assistant.prepare(question)
    assert [r.facts.years for r in asked.retrievals] == [[2016], [2017]]
    answer = fast_service.assistant.ask(question)
    assert "（五角场街道，2016年）" in answer.answer and "（五角场街道，2017年）" in answer.answer
    if "比较：" in answer.answer:  # the 2017 figure is the plan's target
        assert "2017年的数字是计划目标" in answer.answer


def test_a_table_row_quotes_its_whole_sentence_not_the_clause_after_a_semicolon() -> None:
    from assistant.answerers.extractive import Candidate, whole_sentence
    from core.types import Passage

    text = "推动信访工作。全年,信访窗口共接待来访430余批次,共640余人次;受理初信初访近500件,按期办结率100%。完成上门办信468件。"
    a = text.index("受理")
    b = text.index("。", a) + 1
    wide = whole_sentence(Candidate(Passage(chunk_id="c", text=text), a, b, text[a:b], 1.0, 1.0))
    assert wide.text == "全年,信访窗口共接待来访430余批次,共640余人次;受理初信初访近500件,按期办结率100%。"
    assert wide.text in text  # still one verbatim stretch


def test_a_clause_that_opens_an_enumeration_is_quoted_to_the_sentence_end() -> None:
    from assistant.answerers.extractive import Candidate, with_list_rest
    from core.types import Passage

    text = "可以按两步来设想：第一步，建成独立的工业体系；第二步，全面实现四个现代化。下一句。"
    end = text.index("；") + 1
    cand = with_list_rest(Candidate(Passage(chunk_id="c", text=text), 0, end, text[:end], 1.0, 1.0))
    assert cand.text == "可以按两步来设想：第一步，建成独立的工业体系；第二步，全面实现四个现代化。"
    plain = "完成签约18台；"  # no colon: not the opening of a list
    assert with_list_rest(Candidate(Passage(chunk_id="d", text=plain + "开工13台。"), 0, len(plain), plain, 1.0, 1.0)).text == plain


def test_a_sentence_closing_its_chunk_leads_into_an_ordinal_list_in_the_next() -> None:
    from assistant.answerers.extractive import Candidate
    from assistant.answerers.outline import _ordinals_follow
    from core.types import Passage

    text = "扩大国内需求，首先必须增加城乡居民的收入。"
    cand = Candidate(Passage(chunk_id="c", text=text), 0, len(text), text, 1.0, 1.0)
    assert _ordinals_follow(cand, "一是千方百计增加农民收入。\n二是完善社会保障体系。")
    assert not _ordinals_follow(cand, "要继续实施积极的财政政策。")
    assert not _ordinals_follow(cand)


def test_a_place_shows_its_result_and_its_target_in_time_order(service: Service) -> None:
    answer = service.assistant.ask("各街道拆违面积分别多少")
    rows = [(r["place"], r["year"], r.get("plan")) for r in answer.rows if r["place"] == "五角场街道"]
    assert rows[:2] == [("五角场街道", 2016, False), ("五角场街道", 2017, True)]
    assert "2017年（计划）" in answer.answer and "7.6万平方米" in answer.answer


def test_three_named_streets_are_answered_as_a_table(service: Service) -> None:
    answer = service.assistant.ask("信访量对比下 五角场金杨长寿路")
    assert answer.kind == "table" and {r["place"] for r in answer.rows} >= {"五角场街道", "金杨新村街道", "长寿路街道"}
    assert "242件批" in answer.answer and "430余批次" in answer.answer  # the whole sentence, not the clause after "；"


def test_a_place_that_treats_the_topic_without_a_figure_shows_what_it_says(service: Service) -> None:
    answer = service.assistant.ask("哪个街道文化配送最多")
    rows = {r["place"]: r for r in answer.rows}
    assert answer.kind == "table" and rows["万里街道"]["value"] == "继续推进四级文化配送项目。"
    assert rows["万里街道"]["number"] is None and "万里" not in answer.answer.split("\n")[-1]  # never ranked
    assert "未找到相关内容：万里街道" not in answer.answer


def test_a_numbered_part_without_subsections_opens_its_paragraphs() -> None:
    from assistant.answerers.extractive import ExtractiveAnswerer
    from assistant.answerers.outline import OutlineAnswerer
    from core.types import Passage

    path = ("三、采取有力措施",)
    body = ("三、采取有力措施\n第一，实行能源的开发和节约并重。\n第二，加快经济管理体制改革的进程。\n"
            "在国营工业中全面推行扩大企业自主权。要使企业有更多的权力。\n积极组织各种形式的经济联合。各地区要…\n"
            "逐步改革税制。要开征所得税。\n以上这些经济改革措施，都是为了促进发展。\n")
    chunks = [{"chunk_id": "c1", "text": body, "section": path[0], "position": 0, "year": 1980, "kind": ""}]
    heads = [SectionHead(path=path, chunk_id="c1", position=0, year=1980, kind="", heading=path[0], lead="")]
    passages = [Passage(chunk_id="c1", text=body, doc_id="d", title="1980年报告", section=path[0])]
    outline = OutlineAnswerer(lambda _: heads, lambda _: chunks, lambda _: passages,
                              backend=ExtractiveAnswerer(list, lambda: [1980]))
    query = understand("1980年报告采取有力措施分哪几方面第二条展开讲讲")
    parent, items = outline._from_sections("d", query)  # type: ignore[misc]
    assert parent == "第二，加快经济管理体制改革的进程。"
    assert [i[1] for i in items] == ["在国营工业中全面推行扩大企业自主权。", "积极组织各种形式的经济联合。", "逐步改革税制。"]


# -- several measures, years and places asked at once (pure) ------------------------------------
@pytest.mark.parametrize(("question", "topics"), [
    ("五角场16年实际做的和17年计划比 文化围墙 健身苑点 妇女之家各多少", ["文化围墙", "健身苑点", "妇女之家"]),
    ("五角场17年计划跟16年干的比一下：健身苑点、文化围墙、修居委会", ["健身苑点", "文化围墙", "修居委会"]),
    ("五角场 就业率 青年社区会员 缘聚五角场活动 16年实际vs17年目标", ["就业率", "青年社区会员", "缘聚五角场活动"]),
    ("农民人均纯收入和城镇居民收入 84年 94年分别多少", ["农民人均纯收入", "城镇居民收入"]),
    ("五角场和长寿路2023年分别加装电梯多少台", []),  # places, not measures
    ("长寿路 2023年 加梯 完成多少台", []),  # one measure, typed with spaces
    ("垃圾分类 加装电梯 长寿路", []),  # nothing asked of them: no figure, no comparison
    ("94年报告回顾93年 GDP 粮食 钢 进出口 几个数", ["GDP", "粮食", "钢", "进出口"]),  # a one-character noun too
    ("长寿路23年招商引资几个主要数字 新落地企业 区税这些", ["新落地企业", "区税"]),
    ("2002年报告回顾01年：GDP 工业利润 高校招生 低保人数", ["GDP", "工业利润", "高校招生", "低保人数"]),  # after a colon
    ("九五期间：2000年GDP、财政收入、进出口和外汇储备分别多少", ["GDP", "财政收入", "进出口", "外汇储备"]),  # year first, 和 last
    ("金杨20年垃圾分类设施改造的数量，厢房、投放点各多少", ["厢房", "投放点"]),
    ("五角场17年计划修居委会 建妇女之家 更新健身点 跟16年实际做的比 各差多少", ["修居委会", "建妇女之家", "更新健身点"]),
    ("13年主要预期目标 GDP 物价 失业率 M2分别定的多少", ["GDP", "物价", "失业率", "M2"]),  # the list's name is none
    ("12年实际完成的GDP增速 CPI 新增就业 跟13年定的目标对比一下", ["GDP增速", "CPI", "新增就业"]),  # 实际完成的: the frame
    ("2013年主要预期目标：GDP增速、CPI、新增就业、失业率分别定的多少", ["GDP增速", "CPI", "新增就业", "失业率"]),
    # each clause asks its own figure: framed by what comes before them, the place and year carried on
    ("五角场街道2016年安全生产的数据,检查多少家次、查出多少隐患,火灾降了多少", ["检查多少家次", "查出多少隐患", "火灾降了多少"]),
    ("长寿路2023年拆违多少平方米，加梯多少台", ["拆违多少平方米", "加梯多少台"]),
    # a colon ends the frame; a rate named with its own topic is asked too, a bare one is not
    ("金杨2020年一网统管的数据：接入设备多少、政务微信工单结案率、市民热线工单多少",
     ["接入设备多少", "政务微信工单结案率", "市民热线工单多少"]),
    ("长寿路2023年加梯多少台，完成率", []),
    ("2016年做了多少，2017年计划多少", []),  # one part per year, read as such downstream
    ("五角场的健身苑点和文化围墙，2016年做了多少、2017年又打算做多少", ["五角场的健身苑点", "文化围墙"]),  # 和 first, no 各
    ("2000年报告说的1999年工业企业利润、国家财政收入和外汇储备分别是多少",  # the last two joined by 和
     ["工业企业利润", "国家财政收入", "外汇储备"]),
    ("五角场修缮居委会办公室、建区级妇女之家示范点，16年完成了多少，17年计划多少",  # the place typed with the first
     ["修缮居委会办公室", "建区级妇女之家示范点"]),
    ("长寿路街道2023年信访工作有哪些数据？来访批次、初信初访、上门办信、领导包案各多少",  # the list after a "？"
     ["来访批次", "初信初访", "上门办信", "领导包案"]),
    # three or more bare keywords after the year they are of, nothing else asked: each one's figure
    ("94年报告 93年 GDP 粮食 钢 棉花 工业增加值", ["GDP", "粮食", "钢", "棉花", "工业增加值"]),
    ("两站一中心 工作方案 完成时间节点", []),  # no year: keywords of one topic
    ("1999年报告 金融 深化改革整顿秩序 一是二是三是四是", []),  # the points asked for
    ("长寿23年招商引资成绩 新落地企业 重点项目 区税 这些数", []),  # the run points back: the topic's figures
    ("长寿路 2023 加梯 签约", []),  # two keywords are one topic
    ("长寿路街道去年群租整治的怎么样 拆了多少隔间跟床 还有卫星锅", ["拆了多少隔间跟床", "卫星锅"]),  # "还有X": and of X
    # a thing typed bare after a clause that counts one is counted the same way, its measure word kept
    ("金杨20年改造了几个垃圾厢房 投放点 增补容器多少", ["改造了几个垃圾厢房", "改造了几个投放点", "增补容器多少"]),
    # the last measure typed with the ask of all ("…手表产量定的多少") is one of the run
    ("1981年计划自行车 缝纫机 手表产量定的多少", ["自行车", "缝纫机", "手表产量"]),
    # a measure asked of town and country each: 城镇 and 农村, as the reports write them
    ("85年报告 84年住房呢 城乡各建了多少", ["城镇", "农村"]),
    # a document named loosely ("那份") is no measure of the run
    ("1960年那份 低产田改良和水土保持各搞了多少", ["低产田改良", "水土保持"]),
    # two joined, then the years each is asked of
    ("13年报告 种粮补贴和涉农贷款余额07年和12年分别多少", ["种粮补贴余额", "涉农贷款余额"]),
    # two joined, each asked its change against a base year, the ask typed apart
    ("1980年报告里1981年缝纫机和手表 各比1980年多多少", ["缝纫机", "手表"]),
])
def test_measures_listed_in_one_question_are_one_part_each(question: str, topics: list[str]) -> None:
    from assistant.parts import topic_parts

    parts = topic_parts(question, ["五角场街道", "金杨新村街道", "长寿路街道"])
    assert [t for t, _ in parts] == topics
    assert all(t in q and ("多少" in q or "几" in q or "变化" in q) for t, q in parts)


def test_measures_named_as_examples_ask_the_figures_where_the_first_is_written() -> None:
    from assistant.parts import topic_parts

    parts = topic_parts("金杨20年垃圾分类硬件改了多少 厢房 投放点 中转站啥的 分别几个", ["金杨新村街道"])
    assert parts == [("", "金杨20年厢房啥的分别几个")]
    assert understand(parts[0][1]).figures
    assert topic_parts("13年报告 过去五年基建都建了多少 住房 水库 铁路 机场港口啥的") == [("", "13年报告住房啥的多少")]


def test_items_asked_after_a_figure_are_of_the_figures_topic() -> None:
    from assistant.parts import topic_parts

    parts = topic_parts("长寿路2023年加梯多少台 有哪些经验", ["长寿路街道"])
    assert parts[1] == ("有哪些经验", "长寿路街道 2023年 加梯有哪些经验")
    money = topic_parts("金杨21年实事项目打算花多少钱 给哪些居委干啥", ["金杨新村街道"])
    assert money[1][1].endswith("实事项目给哪些居委干啥")  # the money asked is no part of the topic
    # a second figure asks of its own topic
    assert topic_parts("长寿路2023年拆违多少平方米，加梯多少台", ["长寿路街道"])[1][1] == "长寿路街道 2023年 加梯多少台"


def test_what_a_frame_says_it_asks_for_is_no_part_of_each_measure() -> None:
    from assistant.parts import topic_parts

    parts = topic_parts("金杨20年垃圾分类设施改造的数量，厢房、投放点各多少", ["金杨新村街道"])
    assert [q for _, q in parts] == ["金杨20年垃圾分类设施改造厢房多少", "金杨20年垃圾分类设施改造投放点多少"]


@pytest.mark.parametrize(("question", "parts"), [
    # one measure at several stages: a clause without a topic asks of the first clause's measure,
    # in the year before it unless it names its own
    ("95年报告 94年物价原定控制多少 实际涨多少 95年目标定多少",
     [("物价原定控制多少", "94年"), ("物价实际涨多少", "94年"), ("物价目标定多少", "95年")]),
    ("1998年经济增长目标是多少、实际完成多少？", [("经济增长目标是多少", "1998年"), ("经济增长实际完成多少", "1998年")]),
])
def test_a_measure_asked_at_several_stages_is_one_part_per_stage(question: str, parts: list[tuple[str, str]]) -> None:
    from assistant.parts import topic_parts

    found = topic_parts(question, ["五角场街道", "金杨新村街道", "长寿路街道"])
    assert [label for label, _ in found] == [label for label, _ in parts]
    for (_, asked), (_, year) in zip(found, parts, strict=True):
        assert year in asked  # each part asks in its own year, or the year before it


def test_measures_named_alone_after_figures_were_asked_ask_the_same_figures() -> None:
    from assistant.followup import rewrite

    assert rewrite("那财政赤字和M2呢", ["13年主要预期目标几个指标分别多少"]) == "13年财政赤字和M2分别多少"
    assert rewrite("那M2呢", ["13年GDP目标多少"]) == "13年M2多少"
    # a list asked before asks the same list
    assert rewrite("那稳健的货币政策呢", ["13年报告 积极的财政政策今年有几条措施"]).endswith("稳健的货币政策有几条措施")


def test_a_measure_asked_between_two_years_keeps_the_clauses_apart() -> None:
    """"换届23年完成多少 应换尽换率多少 24年目标呢": the second clause asks its own measure in the
    first clause's year; the third asks the first's measure in its own year."""
    from assistant.parts import topic_parts

    found = topic_parts("长寿路业委会换届23年完成多少 应换尽换率多少 24年目标呢", ["长寿路街道"])
    assert [q for _, q in found] == ["长寿路街道 23年 业委会换届完成多少", "长寿路街道 23年 应换尽换率多少",
                                     "长寿路街道 24年 业委会换届目标多少"]


def test_a_stage_word_cuts_a_measure_but_not_a_word_holding_it() -> None:
    """稳定, 制定, 规定 hold 定; only "定多少" asks."""
    from assistant.parts import topic_parts

    found = topic_parts("长寿路街道2023年稳定工作目标是多少 实际完成多少", ["长寿路街道"])
    assert [label for label, _ in found] == ["稳定工作目标是多少", "稳定工作实际完成多少"]


@pytest.mark.parametrize(("question", "parts"), [
    # each stage in the year said with it, asking the same measures
    ("12年实际完成的GDP增速 CPI 新增就业 跟13年定的目标对比一下",
     [("实际", "12年 GDP增速 CPI 新增就业实际多少"), ("目标", "13年 GDP增速 CPI 新增就业目标定的多少")]),
    # one year for both; the stages in the order typed
    ("94年年初定的GDP增速和物价目标 最后实际完成得咋样 差多少",
     [("目标", "94年 GDP增速和物价目标定的多少"), ("实际", "94年 GDP增速和物价实际多少")]),
    # each stage asked its figure, in a year said relative to the report's
    ("13年报告 去年GDP CPI 新增就业实际多少，今年目标定多少",
     [("实际", "13年报告 去年 GDP CPI 新增就业实际多少"), ("目标", "13年报告 今年 GDP CPI 新增就业目标定的多少")]),
    # a word holding a stage's character is still the measure
    ("长寿路23年稳定工作目标是多少 实际完成多少",
     [("目标", "长寿路街道 23年 稳定工作目标定的多少"), ("实际", "长寿路街道 23年 稳定工作实际多少")]),
    # whether a target was met asks the result beside it
    ("98年GDP增长目标实现了吗", [("目标", "98年 GDP增长目标定的多少"), ("实际", "98年 GDP增长实际多少")]),
    ("万里20年热线目标达到没", [("目标", "万里街道 20年 热线目标定的多少"), ("实际", "万里街道 20年 热线实际多少")]),
])
def test_a_target_set_beside_the_result_is_one_question_per_stage(question: str, parts: list[tuple[str, str]]) -> None:
    from assistant.parts import stages_compared

    assert stages_compared(question, ["长寿路街道", "万里街道"]) == parts


@pytest.mark.parametrize("question", [
    "94年物价涨幅目标定的多少 实际涨了多少 95年要控制到多少",  # a third figure asked: clause by clause
    "12345热线这块，万里定的目标是多少，长寿和金杨实际做到啥水平",  # each street its own stage
    "13年定的几个预期目标 跟12年实际比一比",  # no measure named: the targets are a list
    "长寿路23年加梯完成多少台",  # one stage
])
def test_stages_not_set_side_by_side_are_no_stage_parts(question: str) -> None:
    from assistant.parts import stages_compared

    assert stages_compared(question, ["长寿路街道", "万里街道", "金杨新村街道"]) == []


def test_measures_glued_together_share_the_head_that_ends_them() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("84年粮食棉花原煤原油产量各多少", [])
    assert found == [(f"{m}产量", f"84年{m}产量多少") for m in ("粮食", "棉花", "原煤", "原油")]
    # a run with no shared head may be one name; a run asked as a whole is one topic
    assert topic_parts("金杨工单结案率各多少", ["金杨新村街道"]) == []
    assert topic_parts("长寿路23年招商引资几个主要数字", ["长寿路街道"]) == []
    # the scope the measures are of ("全国", "国家") is no measure of its own: one measure, asked by year
    assert topic_parts("55年和59年全国粮食总产量各多少", []) == []
    found = topic_parts("全国粮食棉花总产量各多少", [])
    assert found == [(f"{m}总产量", f"全国{m}总产量多少") for m in ("粮食", "棉花")]


def test_a_run_of_measures_ends_with_words_pointing_back_at_it_or_what_each_is_asked_for() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("93年国内生产总值 粮食 钢 外贸 外资这些主要数据是多少", [])
    assert [label for label, _ in found] == ["国内生产总值", "粮食", "钢", "外贸", "外资"]
    assert all(q.endswith("多少") and "这些" not in q for _, q in found)
    # "…钢的指标各是多少": 钢 is the measure; "里" after the frame's year is no part of the first
    found = topic_parts("81年计划里粮食 棉花 煤炭 石油 发电量 钢的指标各是多少", [])
    assert [label for label, _ in found] == ["粮食", "棉花", "煤炭", "石油", "发电量", "钢"]


def test_measures_joined_in_a_later_clause_are_split_and_share_the_head_the_second_ends_with() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("金杨一网统管20年接入设备多少 政务微信和市民热线工单结案率各多少", ["金杨新村街道"])
    assert [label for label, _ in found] == ["一网统管接入设备多少", "政务微信结案率", "市民热线工单结案率"]
    assert [label for label, _ in topic_parts("84年粮食和棉花产量各多少", [])] == ["粮食产量", "棉花产量"]
    # a frame said with 这块 names no measure of its own
    assert [label for label, _ in topic_parts("金杨20年文化这块 宣讲 演出 配送各多少", ["金杨新村街道"])] == ["宣讲", "演出", "配送"]


def test_a_clause_asking_of_its_own_topic_after_a_run_of_measures_is_its_own_part() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("五角场16年安全生产检查、电梯检查各多少 火灾降了多少", ["五角场街道"])
    assert [label for label, _ in found] == ["安全生产检查", "电梯检查", "火灾降了多少"]
    assert all("火灾" not in q for _, q in found[:2]) and found[2][1].endswith("火灾降了多少")
    # a comparison asked after them is asked of each measure
    compared = topic_parts("2000年GDP、财政收入各多少 跟99年比咋样", [])
    assert len(compared) == 2 and all(q.endswith("跟99年比咋样") for _, q in compared)


def test_a_bare_clause_after_a_figure_of_several_years_asks_in_each_year() -> None:
    from assistant.parts import topic_parts

    assert topic_parts("93年和94年GDP分别多少 增长多少", []) == [
        ("GDP多少", "93年和94年 GDP多少"), ("GDP增长多少", "93年和94年 GDP增长多少")]


def test_years_asked_apart_are_left_to_the_years() -> None:
    """"16年做了多少，17年计划多少": each clause its own year, one part per year downstream."""
    from assistant.parts import topic_parts

    assert topic_parts("五角场文化墙 16年做了多少，17年计划多少", ["五角场街道"]) == []






def test_two_places_of_different_years_are_compared_with_the_caveat(service: Service) -> None:
    answer = service.assistant.ask("劳动争议调解成功率 五角场和长寿谁高")
    assert "94.5%" in answer.answer and "73.8%" in answer.answer
    assert "年份不同" in answer.answer and "不宜直接比较" in answer.answer


@pytest.mark.parametrize(("lines", "items"), [
    (["“十五”计划《纲要》，体现了以下重要指导方针。坚持把发展作为主题。强调速度。", "坚持把结构调整作为主线。",
      "我国经济已经到了不调整就不能发展的时候。按原有结构发展经济不行。", "坚持把改革开放和科技进步作为动力。",
      "经济发展和结构调整，都要靠体制创新来推动。今后要坚定不移地推进改革。"],
     ["坚持把发展作为主题。", "坚持把结构调整作为主线。", "坚持把改革开放和科技进步作为动力。"]),
    (["打造15分钟社区生活圈。完成12个社区规划。", "持续推进“两旧一村”改造。", "推进道路及景观工程。"],
     ["打造15分钟社区生活圈。", "持续推进“两旧一村”改造。", "推进道路及景观工程。"]),  # alone but not alike: all kept
    (["认真实施财税改革方案，理顺分配关系。", "今年财税体制改革的主要内容是：改变现行的地方财政包干制，实行在合理划分事权基础上的分税制。", "目前国家财政比较困难。随着经济发展，收入会增长。",
      "稳步进行金融体制改革。", "金融的作用日益重要。要深化改革。", "实现人民币牌价与外汇调剂市场价并轨，", "转换国有企业经营机制。",
      "国有企业是支柱。改革是重点。", "各位代表！"],
     ["认真实施财税改革方案，理顺分配关系。", "稳步进行金融体制改革。", "转换国有企业经营机制。"]),  # alone, not alike, many
])
def test_items_alone_and_alike_drop_the_explanations(lines: list[str], items: list[str]) -> None:
    from vectorstore.outline import _whole_lines, list_items, parallel_items

    assert parallel_items(list_items(lines), _whole_lines(lines)) == items


def test_wrapped_line_fragments_are_no_items_and_a_run_in_next_item_is_read() -> None:
    from vectorstore.outline import list_items

    assert list_items(["依法规范和维护金融秩序。认真贯彻《", "证券法", "》，规范和发展证券市场。"]) == ["依法规范和维护金融秩序。"]
    assert list_items(["四是", "大力发展科技和教育。加快科技成果转化。五是进一步扩大对外开放。改善投资环境。"]) == [
        "大力发展科技和教育。加快科技成果转化。", "进一步扩大对外开放"]  # short: the paragraph whole, to the next item
    long_paragraph = "大力发展科技和教育。" + "加快科技成果转化，" * 25 + "。五是进一步扩大对外开放。"
    assert list_items(["四是", long_paragraph]) == ["大力发展科技和教育。", "进一步扩大对外开放"]


def test_an_ordinal_lines_paragraph_is_its_item_and_its_point_is_kept() -> None:
    """"一是" alone on its line: the paragraph after it is the item ("…问题在于我们对联带影响估计不够。")."""
    from vectorstore.outline import list_items

    paragraph = "去年出台的调价项目比较多，实行汇率并轨等。这些措施是必要的，问题在于我们对联带影响估计不够。"
    assert list_items(["一是", paragraph, "二是", "农业投入不足；耕地面积减少。"]) == [paragraph, "农业投入不足；耕地面积减少。"]


def test_a_sentence_announcing_a_list_is_quoted_with_the_sentence_it_refers_back_to() -> None:
    from assistant.answerers.extractive import Candidate
    from assistant.answerers.outline import _with_antecedent
    from core.types import Passage

    text = "第一段。\n涨幅仍然高达百分之二十一点七，群众反映强烈。物价涨幅这么大，既有客观原因，也有缺点。\n一是"
    lead = "物价涨幅这么大，既有客观原因，也有缺点。"
    at = text.index(lead)
    cand = Candidate(Passage(chunk_id="c", text=text), at, at + len(lead), lead, 1.0, 1.0)
    assert _with_antecedent(cand).text == "涨幅仍然高达百分之二十一点七，群众反映强烈。" + lead
    plain = "各项改革要稳步推进，主要有以下几项："
    cand = Candidate(Passage(chunk_id="c", text="上一句。" + plain), 4, 4 + len(plain), plain, 1.0, 1.0)
    assert _with_antecedent(cand).text == plain  # refers to nothing before it


def test_a_list_announced_sentences_after_the_matching_one_is_found() -> None:
    from assistant.answerers.extractive import Candidate
    from assistant.answerers.outline import _announcement_after
    from core.types import Passage

    text = ("认真搞好社会治安综合治理。\n这是人民群众的强烈愿望，也是各级政府的重要职责。稳定治安形势是今年政法工作的突出任务。"
            "要着重抓好四个方面的工作：\n一是\n依法打击刑事犯罪活动；")
    first = text.index("。") + 1
    found, _ = _announcement_after(Candidate(Passage(chunk_id="c", text=text), 0, first, text[:first], 1.0, 1.0))
    assert found is not None and found.text == "要着重抓好四个方面的工作："


def test_a_question_that_counts_the_parts_is_answered_by_that_many_sections(fast_service: Service) -> None:
    from core.lexicon import QUESTION_COUNT

    assert QUESTION_COUNT.search("五个持续用力是哪五个").groups() == ("五", "持续用力")
    assert QUESTION_COUNT.search("长寿路2023年加梯完成多少台") is None
    answer = fast_service.assistant.ask("长寿路2024年七大任务分别是什么")
    items = [line for line in answer.answer.split("\n") if line.startswith("- ")]
    assert len(items) == 7 and "立足根本,开创党建引领新局面" in items[0] and "深化监管" in items[-1]


def test_a_list_question_quoting_its_items_opening_words_lists_those_sentences() -> None:
    from assistant.answerers.extractive import ExtractiveAnswerer
    from assistant.answerers.outline import OutlineAnswerer
    from core.types import Passage
    from vectorstore.hybrid import Retrieval

    section = "结束语"
    text = ("各位代表！\n我们必须牢记毛主席的教导，抓大事，抓路线。\n我们必须坚决拥护党的一元化领导。\n"
            "我们必须坚持无产阶级国际主义。\n让我们团结起来。\n")
    chunks = [{"chunk_id": "c1", "text": text, "section": section, "position": 0, "year": 1975, "kind": ""}]
    passages = [Passage(chunk_id="c1", text=text, doc_id="d", title="1975年报告", section=section, rank=1)]
    outline = OutlineAnswerer(lambda _: [], lambda _: chunks, lambda _: passages,
                              backend=ExtractiveAnswerer(list, lambda: [1975]))
    q = understand("75年政府工作报告结尾 提了哪几个“我们必须”")
    items = outline._sentences_opening_with_quoted(Retrieval(facts=q, passages=passages))
    assert [i[1] for i in items] == ["我们必须牢记毛主席的教导，抓大事，抓路线。", "我们必须坚决拥护党的一元化领导。",
                                     "我们必须坚持无产阶级国际主义。"]
    assert outline._sentences_opening_with_quoted(Retrieval(facts=understand("1975年报告讲了什么"), passages=passages)) == []
    q = understand("七五年政府工作报告结尾那几个“我们必须”分别是什么")  # 那几个, and the year spelled
    assert q.years == [1975] and len(outline._sentences_opening_with_quoted(Retrieval(facts=q, passages=passages))) == 3


def test_an_honour_is_matched_by_the_words_that_confer_it(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("长寿23年拿了哪些荣誉")
    assert "- 社区事务受理中心被评为“5A级社区事务受理中心”" in answer.answer
    assert "上海市先进基层群众性自治组织" in answer.answer


def test_a_chunk_that_opens_inside_a_paragraph_adds_no_lead() -> None:
    from vectorstore.outline import paragraph_leads

    path = ("招大引强",)
    first = "(二)招大引强\n持续发力,紧抓招商引资不松懈。“走出去”招大引强。推动企业借船出海。“向内看”挖掘增量。"
    second = "“向内看”挖掘增量。充分用好经济数据。\n精准服务,守住存量企业不动摇。一是聚焦重点。"
    chunks = [{"chunk_id": f"c{i}", "text": t, "section": path[0]} for i, t in enumerate((first, second))]
    assert [lead for _, lead in paragraph_leads(chunks, path)] == ["持续发力,紧抓招商引资不松懈。", "精准服务,守住存量企业不动摇。"]


def test_a_part_named_by_words_its_heading_and_first_sentence_share() -> None:
    from assistant.answerers.outline import section_named

    def head(title: str, lead: str) -> SectionHead:
        return SectionHead(path=("2024年主要任务", title), chunk_id=title, position=0, year=2024, kind="plan",
                           heading=title, lead=lead)

    heads = [head("立足根本,开创党建引领新局面", "深化社区治理,着力构筑街区网格党建新模式。"),
             head("招大引强,企及经济发展新高度", "持续发力,紧抓招商引资不松懈。"),
             head("健全功能,提升城区颜值新面貌", "提升城区颜值。")]
    assert section_named(heads, "招商引资经济", understand("长寿 24年任务里 招商引资经济那块主要讲了啥")) == heads[1]
    # a word of the topic only half said, in a first sentence, is no match
    assert section_named(heads, "积极财政政策", understand("24年积极财政政策主要内容有哪些")) is None
    national = [SectionHead(path=(t,), chunk_id=t, position=0, year=1994, kind="", heading=t, lead="")
                for t in ("保持国民经济持续快速健康发展", "加快建立社会主义市场经济体制", "发展科技教育文化事业")]
    # "体制改革": the heading names half of the compound
    assert section_named(national, "建立市场经济体制改革", understand("94年报告建立市场经济体制这一部分讲了哪几块改革")) == national[1]


def test_a_list_said_one_sentence_per_item_quotes_each_sentence(service: Service) -> None:
    answer = service.assistant.ask("五角场街道2016年获得了哪些奖项和荣誉？")
    quoted = [c.quote for c in answer.citations]
    assert len(quoted) >= 3 and any("文明交通示范商圈" in q for q in quoted)
    assert all(c.title == answer.citations[0].title for c in answer.citations)  # one document's sentences


def test_the_last_part_of_an_outline_is_opened(fast_service: Service) -> None:
    from core.types import LAST_ITEM

    assert understand("万里2020年工作要点分几块中的最后那块").item == LAST_ITEM
    answer = fast_service.assistant.ask("最后那块展开说说", history=["万里那边2020年工作要点分几块啊"])
    assert "强机制,优作风,切实加强机关自身建设" in answer.answer and answer.answer.count("\n- ") >= 2


@pytest.mark.parametrize(("question", "topic"), [
    ("长寿路街道2023年招商引资几个主要数字汇总一下", "招商引资"),
    ("五角场街道2016年城市管理方面几个主要数字是多少", "城市管理"),
    ("01年报告九五期间几个主要经济指标", "九五期间"),
    # targets asked by their figures, figures summed up, a document's figures
    ("五角场17年三条河整治几个目标分别多少", "三条河整治"),
    ("长寿路23年就业创业那块几个指标分别多少", "就业创业"),
])
def test_the_figures_of_a_topic_are_asked_as_a_list(question: str, topic: str) -> None:
    q = understand(question)
    assert q.figures and q.intent == "list" and not q.wants_number and q.topic == topic


def test_figures_asked_then_summed_up_are_the_topics_figures() -> None:
    assert understand("长寿路23年帮困救助一共发了多少钱 惠及多少人 汇总下").figures
    assert not understand("长寿路23年帮困措施汇总一下").figures  # nothing counted: a list


def test_the_figures_of_a_topic_are_read_from_the_paragraph_its_own_title_opens(service: Service) -> None:
    answer = service.assistant.ask("长寿路23年就业创业那块几个指标分别多少")
    for figure in ("90人", "126户", "481件", "73.8%"):  # "强化就业创业磁力场。帮助长期失业青年…"
        assert figure in answer.answer


def test_the_figures_of_a_topic_are_the_sentences_that_give_them_where_it_is_treated(service: Service) -> None:
    answer = service.assistant.ask("长寿路街道2023年招商引资几个主要数字汇总一下")
    assert answer.answer.startswith("据《2024年长寿路街道社区代表会议报告》")
    for figure in ("179家", "6011万元", "8.45亿元"):  # sentences that do not name 招商引资 themselves
        assert figure in answer.answer
    texts = {c["chunk_id"]: c["text"] for c in answer.contexts}
    assert all(c.quote in texts[c.chunk_id] for c in answer.citations)


def test_a_sentence_that_names_the_topic_before_a_colon_announces_its_figures() -> None:
    from assistant.answerers.outline import _announces
    from assistant.answerers.topic_fit import topic_weights

    weights = topic_weights(understand("13年主要预期目标几个指标分别多少"))
    assert _announces("今年经济社会发展的主要预期目标是：国内生产总值增长7.5%左右，发展的协调性进一步增强；", weights)
    assert not _announces("今年经济增长预期目标定为7.5%左右，主要基于两方面考虑：一方面，要继续抓住机遇。", weights)
    assert not _announces("主要预期目标是：", weights)  # nothing after the colon


def test_an_outline_topic_that_names_the_document_asks_for_all_of_it() -> None:
    from assistant.answerers.outline import without_title

    title = "关于印发《普陀区创新社会治理加强基层建设2017年重点工作项目安排》的通知"
    assert without_title("创新社会治理加强基层建设目", title) == ""
    assert without_title("创新社会治理加强基层建设工作要求", title) == "工作要求"
    assert without_title("城市精细化管理", "2024年长寿路街道社区代表会议报告") == "城市精细化管理"
    assert without_title("体", "1980年中华人民共和国国务院政府工作报告") == ""


def test_parts_of_another_number_than_asked_are_not_the_answer(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("普陀区2017年创新社会治理加强基层建设的工作任务分哪五个方面")
    items = [line for line in answer.answer.split("\n") if line.startswith("- ")]
    assert len(items) == 5 and "持续用力" in items[0]


@pytest.mark.parametrize(("line", "restates"), [
    ("附件:《2017年区委“创新社会治理加强基层建设”重点工作项目安排表》", True),  # an annex heading
    ("关于普陀区创新社会治理加强基层建设2017年重点工作项目安排", True),  # the cover line
    ("推进创新社会治理加强基层建设工作", False),  # says something of its own
    ("一是落实条块约请制度。", False),
])
def test_a_line_that_restates_its_documents_title(line: str, restates: bool) -> None:
    from assistant.answerers.extractive import restates_title

    assert restates_title(line, "关于印发《普陀区创新社会治理加强基层建设2017年重点工作项目安排》的通知") == restates


def test_an_enumeration_running_past_its_chunk_is_read_whole() -> None:
    from assistant.answerers.extractive import Candidate, ExtractiveAnswerer
    from assistant.answerers.outline import OutlineAnswerer
    from core.types import Passage

    first = "2023年主要工作回顾\n街道荣获“上海市无违建示范街镇”称号;受理中心被评为“5A级社区事务受理中心”;"
    second = "受理中心被评为“5A级社区事务受理中心”;城运中心荣获“先进集体”称号。\n下一段。"
    chunks = [{"chunk_id": f"c{i}", "text": t, "section": "2023年主要工作回顾", "position": i, "year": 2023, "kind": ""}
              for i, t in enumerate((first, second))]
    passages = {c["chunk_id"]: Passage(chunk_id=c["chunk_id"], text=c["text"], doc_id="d", section=c["section"])
                for c in chunks}
    outline = OutlineAnswerer(lambda _: [], lambda _: chunks, lambda ids: [passages[i] for i in ids],
                              backend=ExtractiveAnswerer(list, lambda: [2023]))
    p = passages["c0"]
    start = first.index("街道荣获")
    cand = Candidate(p, start, len(first), first[start:], 1.0, 1.0)
    items = outline._enumeration_across_chunks(cand)
    assert [i[1] for i in items] == ["街道荣获“上海市无违建示范街镇”称号", "受理中心被评为“5A级社区事务受理中心”",
                                     "城运中心荣获“先进集体”称号"]
    assert [i[0] for i in items] == ["c0", "c0", "c1"]  # each cited where it stands


def test_a_section_whose_heading_sits_in_the_chunk_before_still_has_a_head() -> None:
    """"附件:《…安排表》\\n2017年…安排表" closes one chunk and "(一)在…上持续用力" opens the next,
    filed under the table's title: the title is a section of its own, cited where it is written."""
    from vectorstore.outline import section_heads
    chunks = [
        {"chunk_id": "a", "section": "附件:《安排表》", "text": "附件:《安排表》\n2017年重点工作项目安排表", "position": 0},
        {"chunk_id": "b", "section": "2017年重点工作项目安排表 > 在党建上持续用力", "position": 1,
         "text": "(一)在党建上持续用力。围绕组织有活力。"},
        {"chunk_id": "c", "section": "不写出来的标题 > 子项", "position": 2, "text": "(一)子项。正文。"},
    ]
    heads = {h.path: h for h in section_heads(chunks)}
    table = heads[("2017年重点工作项目安排表",)]
    assert (table.chunk_id, table.heading) == ("a", "2017年重点工作项目安排表")
    assert ("不写出来的标题",) not in heads  # written nowhere: no head, never a quote from another chunk
    assert heads[("不写出来的标题", "子项")].chunk_id == "c"


def test_a_whole_document_outline_shows_each_part_with_its_own_parts(fast_service: Service) -> None:
    """"金杨新村街道2020年工作报告的框架": its two parts, and under each its numbered sections,
    indented; each line cited."""
    answer = fast_service.assistant.ask("金杨新村街道2020年工作报告的框架")
    assert answer.kind == "outline"
    lines = answer.answer.split("\n")
    assert any(line.startswith("- 第一部分2020年工作回顾") for line in lines)
    assert any(line.startswith("- 第二部分2021年工作任务") for line in lines)
    assert any(line.startswith("  - 三、立足构建常态安全") for line in lines)
    assert all(re.search(r"\[\d+\]$", line) for line in lines[1:])


def test_a_clause_asked_on_its_own_keeps_the_place_and_year_of_the_first() -> None:
    from assistant.parts import topic_parts

    parts = dict(topic_parts("长寿路2023年拆违多少平方米，加梯多少台", ["长寿路街道"]))
    assert "长寿路街道" in parts["加梯多少台"] and "2023年" in parts["加梯多少台"]




def test_honours_are_read_from_the_whole_document_wherever_they_are_told(fast_service: Service) -> None:
    """The 2016 honours of 五角场 close paragraphs on culture, sport and safety: all of them are
    listed, each cited at its own chunk, and nothing from the 2017 plan."""
    answer = fast_service.assistant.ask("五角场街道16年都拿了啥荣誉")
    assert answer.kind == "list"
    for honour in ("市市民文化节优秀组织奖", "市社区体育联盟赛优秀组织奖", "上海市文明交通示范商圈", "区自治家园示范点"):
        assert honour in answer.answer
    assert all(c.quote in fast_service.index.chunks([c.chunk_id])[c.chunk_id]["text"] for c in answer.citations)


@pytest.mark.parametrize(("clause", "honours"), [
    ("2023年长寿路街道社区事务受理服务中心获评“5A”,为了巩固标准化建设成果,制定落实薄弱环节改进措施",
     ["2023年长寿路街道社区事务受理服务中心获评“5A”"]),  # what follows the honour is left out
    ("先后荣获上海市平安示范社区、上海市文明社区、上海市示范街镇侨联等荣誉称号。",
     ["上海市平安示范社区", "上海市文明社区", "上海市示范街镇侨联"]),  # one per honour listed
    ("完成文化配送线下活动257场", []),
])
def test_the_honours_a_clause_confers(clause: str, honours: list[str]) -> None:
    from assistant.answerers.outline import _honours_in

    assert _honours_in(clause) == honours


@pytest.mark.parametrize(("text", "fits"), [
    ("在经济持续增长的基础上，2000年国家财政收入达13380亿元，平均每年增长16.5％。", True),  # year, then topic
    ("国家财政收入2000年底达到13380亿元。", True),  # topic, then year
    ("2000年，我们坚持扩大内需，财政收入有所增加。", False),  # the year frames another clause
])
def test_a_passage_naming_the_year_right_at_the_topic_counts_as_about_that_year(text: str, fits: bool) -> None:
    from vectorstore.hybrid import _year_of_topic
    from vectorstore.tokenize import words

    terms = [t for t in words("国家财政收入") if len(t) >= 2]
    assert _year_of_topic(text, [2000], "国家财政收入", terms) == fits


def test_a_figure_is_labelled_with_the_year_its_sentence_is_about() -> None:
    from assistant.answerers.extractive import figure_year
    from core.types import Passage

    p = Passage(chunk_id="c", text="", year=2001)
    sentence = "国家外汇储备2000年底达1656亿美元，比1995年底增加920亿美元。"
    assert figure_year(p, sentence, [2000], "1656亿美元") == 2000  # the look back's year, not the report's
    assert figure_year(p, sentence, [1999], "1656亿美元") == 2001  # not the year asked: the section's year stands
    # a year in another clause is that clause's: this year's figure keeps the section's year
    assert figure_year(p, "全年财政收入增长10%，继续落实2000年出台的各项政策。", [2000], "10%") == 2001


@pytest.mark.parametrize(("label", "sentence", "named"), [
    ("拖拉机各自的增幅", "化肥增长三点三倍，拖拉机增长五点二倍。", True),  # only its content words count
    ("拆了多少隔间跟床", "拆除非法隔间181间、高低床1150张。", True),
    ("农民人均收入", "糧食兩年增長百分之四十六，棉花兩年增長百分之四十七。", False),
    ("CPI", "居民消费价格涨幅3.5%左右；", True),  # synonyms count
    ("就业人数", "拓宽就业服务渠道,提供岗位800个,促进就业200余人。", True),  # a count head names nothing
    ("人数", "拓宽就业服务渠道,提供岗位800个,促进就业200余人。", False),  # ... unless it is all there is
])
def test_a_measure_is_named_by_its_content_words(label: str, sentence: str, named: bool) -> None:
    from assistant.answerers.extractive import names_part

    assert names_part(label, sentence) == named




def test_a_named_section_shows_each_paragraph_with_the_points_it_makes(fast_service: Service) -> None:
    """"招商引资经济那块主要讲了啥": the (二) section's paragraph lead-ins, each with its points —
    short run-in sentences ("“走出去”招大引强。") or 一是/二是 ("聚焦重点,提升精准度") — indented."""
    answer = fast_service.assistant.ask("长寿路街道2024年任务里 招商引资经济那块主要讲了啥")
    lines = answer.answer.split("\n")
    assert "- 持续发力,紧抓招商引资不松懈。" in "\n".join(lines)
    for point in ("“走出去”招大引强。", "“向内看”挖掘增量。", "“提能级”凸显标杆。", "聚焦重点,提升精准度"):
        assert any(line.startswith(f"  - {point}") for line in lines), point
    texts = fast_service.index.chunks([c.chunk_id for c in answer.citations])
    assert all(c.quote in texts[c.chunk_id]["text"] for c in answer.citations)


@pytest.mark.parametrize(("sentence", "point"), [
    ("“走出去”招大引强。", True),
    ("对新村路、真华路、水泉路进行整体市容环境提升改造。", False),  # too long to head a part
    ("完成香泉路85弄旧住房修缮。", False),  # a figure: a fact, not a point
])
def test_a_paragraphs_point(sentence: str, point: bool) -> None:
    from assistant.answerers.outline import _point

    assert _point(sentence) == point


def test_two_measures_typed_first_keep_their_place_and_each_year_is_a_part() -> None:
    from assistant.parts import topic_parts

    parts = dict(topic_parts("五角场的健身苑点和文化围墙，2016年做了多少、2017年又打算做多少", ["五角场街道"]))
    assert parts["文化围墙"].startswith("五角场街道文化围墙")
    assert understand(parts["文化围墙"], ["五角场街道"]).per_year  # "2016年做了多少、2017年…" one part each


def test_a_section_states_its_parts_before_its_numbered_lessons_and_both_are_listed() -> None:
    """The 2001 report's 九五 review: achievements one line each, then "第一，…" lessons; a
    wrapped fragment ("“九五”期间，") is no part."""
    from assistant.answerers.extractive import ExtractiveAnswerer
    from assistant.answerers.outline import OutlineAnswerer
    from core.types import Passage

    path = ("“九五”时期的回顾",)
    body = ("一、“九五”时期的回顾\n过去五年，全国各族人民团结奋斗，开拓创新，各个方面取得了重大成就。\n综合国力进一步增强。\n"
            "这五年国内生产总值年均增长8.3％，财政收入大幅增加，外汇储备充足，主要产品产量位居世界前列。\n"
            "市场经济体制初步建立。\n国有企业改革取得重要进展，市场体系逐步健全，宏观调控体系日益完善。\n"
            "社会事业全面进步。\n“九五”期间，\n我国政府恢复对香港、澳门行使主权，祖国和平统一大业取得历史性进展。\n"
            "第一，坚持用发展的办法解决前进中的问题。\n第二，正确处理改革、发展、稳定的关系。\n")
    chunks = [{"chunk_id": "c1", "text": body, "section": path[0], "position": 0, "year": 2000, "kind": "review"}]
    heads = [SectionHead(path=path, chunk_id="c1", position=0, year=2000, kind="review", heading="一、“九五”时期的回顾",
                         lead="过去五年，各个方面取得了重大成就。")]
    passages = [Passage(chunk_id="c1", text=body, doc_id="d", title="2001年报告", section=path[0])]
    outline = OutlineAnswerer(lambda _: heads, lambda _: chunks, lambda _: passages,
                              backend=ExtractiveAnswerer(list, lambda: [2001]))
    found = outline._from_sections("d", understand("2001年报告九五回顾讲了哪几方面成就"))
    assert found is not None
    items = [i[1] for i in found[1]]
    assert items[:3] == ["综合国力进一步增强。", "市场经济体制初步建立。", "社会事业全面进步。"], items
    assert items[-2:] == ["第一，坚持用发展的办法解决前进中的问题。", "第二，正确处理改革、发展、稳定的关系。"]
    assert "“九五”期间，" not in items


@pytest.mark.parametrize(("question", "intent"), [
    ("金杨2021年实事项目投3100万左右，具体都干啥？", "list"),  # what is done: the items
    ("这个钱是干什么用的", "entity"),  # what for: not a list
])
def test_what_is_done_asks_for_the_items(question: str, intent: str) -> None:
    assert understand(question).intent == intent


def test_a_part_named_shows_its_subsections_with_their_points(fast_service: Service) -> None:
    """"“工作要求”部分主要讲了什么": (一)…(三), and under (三) its 一是…五是 — the heading line
    no longer repeats the first point."""
    answer = fast_service.assistant.ask("普陀区那个2017重点工作项目安排里，“工作要求”部分主要讲了什么？")
    lines = answer.answer.split("\n")
    assert any(line.startswith("- (二)全面加强统筹协调。[") for line in lines)
    for point in ("落实条块约请制度", "落实社区事务准入机制", "落实跟踪督查机制"):
        assert f"  - {point}" in "\n".join(lines)


@pytest.mark.parametrize(("question", "intent", "report_years"), [
    ("长寿路街道2024年社区代表会议报告的框架", "outline", [2024]),  # the year names the document
    ("1999年政府工作报告的结构", "outline", [1999]),
    ("长寿路街道2024年主要任务有哪些", "outline", []),  # the year is the tasks' own
    ("1999年产业结构怎么调整", "entity", []),  # a structure in the economy, not the document's
])
def test_the_structure_of_a_document_named_by_its_title(question: str, intent: str, report_years: list[int]) -> None:
    q = understand(question)
    assert (q.intent, q.report_years) == (intent, report_years)


def test_a_street_report_named_with_its_year_is_outlined_whole(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("长寿路街道2024年社区代表会议报告的框架")
    lines = answer.answer.split("\n")
    assert any(line.startswith("- 一、2023年主要工作回顾") for line in lines)
    assert any(line.startswith("- 二、2024年主要任务") for line in lines)


def test_a_tables_section_lists_its_rows(fast_service: Service) -> None:
    """"安排表第五部分基层队伍建设 具体哪几个项目": the rows of the table's (五) section, one per
    row (its 项目 field), each cited at its row."""
    answer = fast_service.assistant.ask("普陀安排表第五部分基层队伍建设 具体哪几个项目")
    assert answer.kind == "list"
    assert "“(五)在加强基层队伍建设上持续用力。”" in answer.answer.split("\n")[0]
    assert "- 完善社区工作者招录模式,通过公开招聘,有计划的定期开展招录工作。" in answer.answer
    assert "牵头单位" not in answer.answer
    texts = fast_service.index.chunks([c.chunk_id for c in answer.citations])
    assert len(answer.citations) >= 6 and all(c.quote in texts[c.chunk_id]["text"] for c in answer.citations)


@pytest.mark.parametrize(("clause", "honours"), [
    ("力争创建全国文明城区称号", []),  # a goal, not an honour received
    ("街道被评为全国社区工作服务示范社区", ["街道被评为全国社区工作服务示范社区"]),
])
def test_an_honour_aimed_at_is_not_one_received(clause: str, honours: list[str]) -> None:
    from assistant.answerers.outline import _honours_in

    assert _honours_in(clause) == honours


def test_a_span_of_years_is_no_year_of_a_clause_part() -> None:
    from assistant.parts import topic_parts

    parts = topic_parts("近10年GDP增长多少，财政收入增长多少")
    assert parts[1] == ("财政收入增长多少", "财政收入增长多少")  # "近10年" is carried as no year 2010
    assert topic_parts("党建和群团工作，2023年有几个亮点") == []  # one topic, asked once


def test_a_section_written_as_one_paragraph_is_answered_by_its_inline_parts(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("普陀17年创新社会治理重点项目安排里，“不断优化推进机制”要落实哪几项制度机制？")
    lines = answer.answer.split("\n")
    assert "不断优化推进机制" in lines[0]
    assert [line.split("[")[0] for line in lines[1:]] == [
        "- 落实条块约请制度", "- 落实社区事务准入机制", "- 落实信息报送制度", "- 落实定期例会制度", "- 落实跟踪督查机制"]


def test_each_year_asked_apart_keeps_only_its_own_ask() -> None:
    from assistant.parts import topic_parts, year_parts

    parts = dict(topic_parts("五角场修缮居委会办公室、建区级妇女之家示范点，16年完成了多少，17年计划多少", ["五角场街道"]))
    assert parts["建区级妇女之家示范点"].startswith("五角场街道")  # the place frames every measure
    assert year_parts("五角场街道修缮居委会办公室2016年完成了多少,2017年计划多少", [2016, 2017]) == [
        "五角场街道修缮居委会办公室2016年完成了多少,", "五角场街道修缮居委会办公室2017年计划多少"]


def test_a_stage_said_with_the_later_year_compared_is_that_year_s() -> None:
    from assistant.parts import topic_parts, year_parts

    # "16年跟17年计划比": 2016's result beside 2017's plan, each measure a part ("哪年多" ends the list)
    assert year_parts("五角场2016年跟2017年计划比文化围墙哪年多", [2016, 2017]) == [
        "五角场2016年比文化围墙多少", "五角场2017年计划比文化围墙多少"]
    assert [label for label, _ in topic_parts("五角场16年跟17年计划比 健身苑点更新和文化围墙 哪年多", ["五角场街道"])] == [
        "健身苑点更新", "文化围墙"]
    q = understand("五角场2016年和2017年缘聚活动哪年多")
    assert q.intent != "date" and q.compare  # which year is more: each year's figure, compared — no date
    assert understand("80年报告里每百元工业固定资产提供的税收利润 哪年最高").intent != "number"  # the sentence of years


def test_a_preposition_opening_the_measures_names_none() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("五角场街道2016年在安全生产、特种设备和消防方面的数据分别是多少？", ["五角场街道"])
    assert [label for label, _ in found][:2] == ["安全生产", "特种设备"]
    # ... while a measure that opens with such a character keeps it
    found = topic_parts("五角场16年实际和17年计划对比下：就业率、文化围墙", ["五角场街道"])
    assert [label for label, _ in found] == ["就业率", "文化围墙"]


@pytest.mark.parametrize(("question", "years", "parts"), [
    ("长寿路街道业委会换届的应换尽换率,2023年是多少?2024年目标是多少?", [2023, 2024],
     ["长寿路街道业委会换届的应换尽换率,2023年是多少?", "长寿路街道业委会换届的应换尽换率,2024年目标是多少?"]),
    # a year whose clause holds the topic gives up only the year ("…1994年全国粮食总产量各多少")
    ("1993年、1994年全国粮食总产量各多少？1995年定的目标是多少", [1993, 1994, 1995],
     ["1993年全国粮食总产量各多少？", "1994年全国粮食总产量各多少？", "全国粮食总产量各多少？1995年定的目标是多少"]),
])
def test_years_asked_apart_after_a_question_mark(question: str, years: list[int], parts: list[str]) -> None:
    from assistant.parts import year_parts

    assert understand(question).per_year
    assert year_parts(question, years) == parts


def test_a_paragraph_is_read_on_over_several_chunks() -> None:
    """"一是…二是…三是…四是…" in one paragraph cut over three chunks: all four, each cited where it stands."""
    from assistant.answerers.extractive import ExtractiveAnswerer
    from assistant.answerers.outline import OutlineAnswerer
    from core.types import Passage

    texts = ["继续实施积极的财政政策。一是适当增加财政赤字。今年拟安排财政赤字。",
             "二是结合税制改革完善结构性减税政策。今年继续推进。",
             "三是着力优化财政支出结构。四是继续加强地方政府性债务管理。\n继续实施稳健的货币政策。"]
    starts = [0, len(texts[0]), len(texts[0]) + len(texts[1])]
    chunks = [{"chunk_id": f"c{i}", "text": t, "section": "二", "position": i, "start": a, "end": a + len(t)}
              for i, (t, a) in enumerate(zip(texts, starts, strict=True))]
    passages = {c["chunk_id"]: Passage(chunk_id=c["chunk_id"], text=c["text"], doc_id="d", section="二") for c in chunks}
    outline = OutlineAnswerer(lambda _: [], lambda _: chunks, lambda ids: [passages[i] for i in ids],
                              backend=ExtractiveAnswerer(list, lambda: [2013]))
    paragraph, spans = outline._paragraph(passages["c0"], 0)
    assert paragraph.endswith("四是继续加强地方政府性债务管理。") and [cid for cid, _ in spans] == ["c0", "c1", "c2"]


def test_a_named_period_is_a_topic_not_a_count() -> None:
    """"九五期间几个主要经济指标": 九五 names the plan period; "四个", "十二" are counts that frame a list."""
    from assistant.answerers.topic_fit import content_tokens
    from core.lexicon import LIST_FRAME

    assert "九五" in content_tokens(understand("01年报告九五期间几个主要经济指标 2000年达到多少"))
    assert all(LIST_FRAME.match(t) for t in ("四个", "十二", "几个", "二十三"))
    assert not LIST_FRAME.match("九五")


def test_a_span_of_years_is_no_figure() -> None:
    from assistant.answerers.extractive import gives_figure

    assert not gives_figure("过去五年，全国各族人民团结奋斗，各个方面取得了重大成就。")
    assert gives_figure("国内生产总值2000年达89404亿元，平均每年增长8.3％。")






def test_a_measure_written_inside_a_longer_one_asked_beside_it_is_not_named() -> None:
    """"2000年进出口、出口…分别多少": 出口 inside 进出口 is not 出口 — its figure is 2492亿美元,
    not the 4743亿美元 the same sentence gives 进出口."""
    from assistant.answerers.extractive import best_quantity, names_part, without_rivals

    s = "2000年进出口总额达4743亿美元，其中出口2492亿美元，分别比1995年增长69％和67％。"
    query = understand("01年报告里2000年出口多少")
    query.part_label, query.rival_labels = "出口", ("进出口",)
    assert best_quantity(query, s)[1] == "2492亿美元"
    assert without_rivals("进出口总额", ("进出口",)) == "□□□总额"
    assert not names_part("出口", "全年进出口总额２３６７亿美元。", ("进出口",))
    assert names_part("出口", "全年进出口总额２３６７亿美元。")


def test_a_reports_look_back_is_of_the_year_before() -> None:
    """The 2002 report's opening pages tell 2001: their figure is labelled 2001, and the citation
    says so (the number check reads the citation's year); a sentence naming its year keeps it."""
    from assistant.answerers.extractive import figure_year
    from vectorstore.hybrid import opening_looks_back

    p = Passage(chunk_id="c", text="税收大幅度增长，全国财政收入达到１６３７１亿元。", title="2002年报告", year=2002)
    assert figure_year(p, "税收大幅度增长，全国财政收入达到１６３７１亿元。", [2001], "１６３７１亿元") == 2001
    assert figure_year(p, "2000年进出口总额达4743亿美元，其中出口2492亿美元。", [2000], "2492亿美元") == 2000
    assert figure_year(p, "明年要力争粮食产量达到４５５０亿公斤以上。", [2001], "４５５０亿公斤以上") == 2002
    meta = {"year": 2002, "street": "", "kind": "", "section": ""}
    assert opening_looks_back(meta, [2001])
    assert not opening_looks_back({**meta, "section": "一、扩大和培育内需"}, [2001])
    assert not opening_looks_back({**meta, "street": "长寿路街道"}, [2001])
    assert not opening_looks_back(meta, [2002])


@pytest.mark.parametrize(("question", "labels"), [
    ("五角场17年工作安排 框架是啥 分几块", []),  # an ask typed apart is no measure
    ("金杨21年实事项目 列一下 投多少钱", []),
    ("普陀2017年基层建设 五个 持续用力 分别是啥", []),  # a count is no measure
    ("过去五年 GDP、财政收入、城镇化率分别从多少到多少", ["GDP", "财政收入", "城镇化率"]),  # a span frames them
    ("五角场17年计划跟16年实际比 文化围墙 健身苑点 就业率这些数对一下", ["文化围墙", "健身苑点", "就业率"]),
    ("13年报告 去年GDP CPI 新增就业实际多少，今年目标定多少", ["GDP", "CPI", "新增就业"]),  # 去年 frames them
    ("13年报告过去五年GDP 财政收入 就业 几个数", ["GDP", "财政收入", "就业"]),
    ("两站一中心 工作方案 完成时间节点", []),  # keywords with nothing asked of them are no measures
    ("高等教育 义务教育 学前教育各多少", ["高等教育", "义务教育", "学前教育"]),  # 等 inside a name
    ("2023年 陈列馆 图书馆 文化站各多少个", ["陈列馆", "图书馆", "文化站"]),  # 列 inside a name
])
def test_only_measures_typed_apart_are_parts(question: str, labels: list[str]) -> None:
    from assistant.chain import asked_part
    from assistant.parts import topic_parts

    known = ["万里街道", "五角场街道", "金杨新村街道", "长寿路街道"]
    assert [label for label, _ in topic_parts(asked_part(question), known)] == labels


@pytest.mark.parametrize(("question", "wants_number"), [
    ("普陀区17年重点项目安排 分几部分任务 一共多少项", False),  # counts of the items: the items answer
    ("工作任务分哪几个方面 总共多少个项目", False),
    ("2023年新增几项实事项目", True),
    ("2023年长寿路街道实事项目一共完成了多少项", True),  # a count asked alone is a figure
    ("今年实事项目完成了几项？", True),
    ("分几个方面 各多少钱", True),
])
def test_counts_of_items_ask_for_the_items(question: str, wants_number: bool) -> None:
    assert understand(question).wants_number is wants_number


def test_a_measure_compared_asks_for_its_figures_and_named_targets_are_figures() -> None:
    from assistant.parts import asks_figure
    from core.lexicon import FIGURES_ASKED

    assert asks_figure("长寿路街道拆违面积 比一比").endswith("多少")
    assert FIGURES_ASKED.search("13年定的几个预期目标")
    assert FIGURES_ASKED.search("要点里有哪些量化的指标")
    assert not FIGURES_ASKED.search("十四五的目标和任务")


def test_a_figures_topic_may_be_said_in_the_sentence_before_it() -> None:
    """"推进实事项目建设,…启动新一轮社区更新改造。2021年计划投入资金约3100万元,…": the figure's
    sentence leaves 实事项目 to the one before — carried at half weight; a word it names by its head
    alone (增长 of 经济增长) is its own, not carried."""
    from assistant.answerers.extractive import carried_weight

    weights = {"实事": 1.0, "项目": 1.0, "投钱": 1.0}
    before = "推进实事项目建设,启动新一轮社区更新改造。"
    assert carried_weight(weights, "2021年计划投入资金约3100万元。", before) == 2.0
    assert carried_weight({"经济增长": 1.0}, "全年工业企业实现利润4657亿元，增长8.1％。", "经济增长质量和效益进一步提高。") == 0






def test_staff_asking_what_was_spent_are_answered_by_the_sum_invested(service: Service) -> None:
    answer = service.assistant.ask("金杨21年实事项目投多少钱")
    assert not answer.refused and "3100万元" in answer.answer


def test_a_point_asked_to_be_expanded_comes_with_the_sentence_after_it() -> None:
    """"经济那块展开说说": each point with what it means, as written; never the next point's text."""
    from assistant.answerers.outline import _with_next_sentence

    para = "打造亮点,优化营商环境不停歇。一是打响营商服务品牌。打造“苏河之冠”营商服务品牌,构建服务平台。二是推动质量长寿建设。"
    points = ["打响营商服务品牌", "推动质量长寿建设"]
    assert _with_next_sentence(para, points[0], points) == "打响营商服务品牌。打造“苏河之冠”营商服务品牌,构建服务平台。"
    assert _with_next_sentence(para, points[1], points) == points[1]  # nothing after it
    short = ["“走出去”招大引强。", "“向内看”挖掘增量。"]
    para = "持续发力。“走出去”招大引强。围绕重点产业招大引强。“向内看”挖掘增量。"
    assert _with_next_sentence(para, short[0], short) == "“走出去”招大引强。围绕重点产业招大引强。"
    assert _with_next_sentence("甲。“走出去”招大引强。“向内看”挖掘增量。", short[0], short) == short[0]


def test_a_heading_typed_as_written_names_its_section() -> None:
    """"“强监管,守底线”那块": the heading's own words, punctuation aside, name it outright — even
    when its single characters (强, 守) weigh for nothing in a word-by-word match."""
    from assistant.answerers.outline import section_named

    heads = [SectionHead(chunk_id="a", path=("(四)抓民生,补短板",), position=1, heading="(四)抓民生,补短板"),
             SectionHead(chunk_id="b", path=("(五)强监管,守底线,全力维护社区安全稳定",), position=2,
                         heading="(五)强监管,守底线,全力维护社区安全稳定")]
    named = section_named(heads, "强监管守底线", understand("“强监管,守底线”那块主要讲了哪几方面"))
    assert named is not None and named.chunk_id == "b"


def test_an_outline_question_is_one_topic_and_a_parts_structure_is_an_outline() -> None:
    assert understand("02年报告 转变政府职能 加强政风建设 这部分结构").intent == "outline"
    assert understand("金杨21年任务里 激发社区自治多元活力 分几块 每块大概说啥").intent == "outline"


def test_a_speech_without_headings_is_outlined_by_its_address_lines() -> None:
    """The 1975 report has no headings: each "各位代表！" opens a part, named by its first sentence."""
    from vectorstore.outline import addressed_parts

    chunks = [{"chunk_id": "a", "text": "各位代表！\n　　根据中共中央的决定，我作报告。其他。\n各位代表！\n　　我们的首要任务是团结。"},
              {"chunk_id": "b", "text": "　　我们的首要任务是团结。\n各位代表！\n　　当前国际形势很好。"},
              {"chunk_id": "c", "text": "各位代表！\n　　我们必须艰苦奋斗。"}]
    assert addressed_parts(chunks) == [("a", "根据中共中央的决定，我作报告。"), ("a", "我们的首要任务是团结。"),
                                       ("b", "当前国际形势很好。"), ("c", "我们必须艰苦奋斗。")]
    assert addressed_parts(chunks[:1]) == []  # two address lines make no outline


@pytest.mark.parametrize(("question", "split"), [
    ("长寿路街道去年助残帮困都搞了哪些帮困项目？一共发了多少钱",
     ("长寿路街道去年助残帮困都搞了哪些帮困项目", "长寿路街道去年一共发了多少钱")),
    # a figure asked of no topic of its own asks of the list's topic, in its own year
    ("五角场街道2023年哪些项目获奖了 2024年几个", ("五角场街道2023年哪些项目获奖了", "五角场街道2024年项目获奖几个")),
    ("金杨小区改造20年做了哪些 21年计划又是多少 对比下", ("金杨小区改造20年做了哪些", "金杨新村街道21年小区改造计划又是多少 对比下")),
    ("长寿路街道去年搞了哪些帮困项目？一共多少项", None),  # counts the list's own items
    ("金杨21年哪几个实事项目，各投了多少钱", None),  # one figure per item
    ("加入世贸以后2002年要重点抓好哪几个方面 关税降到多少了", ("加入世贸以后2002年要重点抓好哪几个方面", "2002年关税降到多少了")),
    ("五角场2016年加梯多少台，2017年计划多少", None),  # two figures: no list
    ("有哪些措施，效果如何", None),  # no figure
])
def test_a_list_then_a_figure_are_asked_apart(question: str, split: tuple[str, str] | None) -> None:
    from assistant.parts import list_then_figure

    assert list_then_figure(question, ["长寿路街道", "五角场街道"]) == split


def test_a_list_and_a_figure_asked_together_are_both_answered(service: Service) -> None:
    answer = service.assistant.ask("长寿路街道去年助残帮困都搞了哪些帮困项目？一共发了多少钱")
    assert not answer.refused
    assert "春雨助学" in answer.answer and "万元" in answer.answer
    assert all(c.quote for c in answer.citations)


@pytest.mark.parametrize("question", [
    "1975年报告最后讲“我们必须”的那几条原则都是啥",  # the quote before "的那几条"
    "75年报告结尾连用“我们必须”讲了哪几条要求",  # "连用“…”": the words used one sentence after another
    "75年政府工作报告结尾那几段“我们必须”，都必须做啥？",  # paragraphs (段) that open with it
    "75年政府工作报告最后那段 说我们必须怎样怎样的 有哪几条",  # unquoted, the rest a placeholder
    "75年政府工作报告结尾那几个我们必须 都是啥",  # unquoted after the count: a speaker's words
    "75年政府工作报告结尾 提了哪些我们必须",
])
def test_items_named_by_the_words_they_open_with(question: str) -> None:
    from core.lexicon import QUOTED_OPENING

    m = QUOTED_OPENING.search(question)
    assert m is not None and next(g for g in m.groups() if g) == "我们必须"
    assert understand(question).intent == "list"


def test_an_unquoted_opening_asked_with_what_follows_it_is_read_to_its_first_four_characters(fast_service: Service) -> None:
    from core.lexicon import QUOTED_OPENING

    m = QUOTED_OPENING.search("75年那个报告结尾 强调我们必须坚持的有哪几条")
    assert m is not None and next(g for g in m.groups() if g).startswith("我们必须")


def test_parts_announced_by_the_count_asked_are_the_sections_after_it() -> None:
    q = understand("02年政府工作报告 当年要重点抓的八个方面都是啥")
    assert q.count == 8 and q.intent in ("list", "outline") and "八" not in q.topic


def test_a_count_before_a_plain_noun_names_no_opening() -> None:
    from core.lexicon import QUOTED_OPENING

    assert QUOTED_OPENING.search("长寿路那几个项目都是啥") is None


def test_a_list_written_a_line_each_to_a_semicolon_is_read_whole_and_ends_at_its_full_stop() -> None:
    """"主要措施有以下几项：" then one long line each, ending "；", the last "。": every line is an
    item however long, and the list ends with the line that ends its sentence."""
    from vectorstore.outline import items_after

    lead = "主要措施有以下几项："
    long_item = "适当提高粮食收购价和棉花定购价，支持农用工业发展，加强农业生产资料价格管理；"
    chunks = [{"chunk_id": "a", "section": "二", "text": f"{lead}\n{long_item}\n增加中央和地方对农业的投入，鼓励集体和农民增加投入；\n"
                                                     "完善国家粮食储备体系；\n继续落实减轻农民负担的措施。要认真实施扶贫攻坚计划。\n"
                                                     "这是政府的责任。"}]
    assert [item for _, item in items_after(chunks, "a", lead)] == [  # the closing line whole, its sentences all
        long_item, "增加中央和地方对农业的投入，鼓励集体和农民增加投入；", "完善国家粮食储备体系；",
        "继续落实减轻农民负担的措施。要认真实施扶贫攻坚计划。"]


def test_a_clause_without_a_year_is_of_the_year_before_it_only_through_qizhong() -> None:
    """"其中出口2492亿美元" is a part of the 2000 total before it; "今年计划投资150亿元" is not 1998's."""
    from assistant.answerers.extractive import figure_year

    p = Passage(chunk_id="c", text="", year=1999, section="一、回顾")
    assert figure_year(p, "2000年进出口总额达4743亿美元，其中出口2492亿美元。", [2000], "2492亿美元") == 2000
    assert figure_year(p, "1998年完成投资120亿元，今年计划投资150亿元。", [1998], "150亿元") == 1999


def test_a_figure_quoted_with_the_sentence_that_names_its_topic_comes_from_its_own_sentence() -> None:
    """The sentence before is quoted for its topic; a figure it gives is not the one chosen."""
    from assistant.answerers.extractive import best_quantity

    text = "根据计划，积累率降到30％左右。积累率的降低，主要是提高了消费基金，达到33.6％。"
    own = text.index("积累率的降低")
    q = understand("积累率降到多少")
    assert best_quantity(q, text, own=own)[1] == "33.6％"


def test_figures_asked_apart_by_spaces_are_one_part_each() -> None:
    from assistant.chain import asked_part
    from assistant.parts import topic_parts

    q = "五角场16年文化活动中心服务了多少人 办了多少场活动 图书馆加了多少书 体育那块呢"
    parts = topic_parts(asked_part(q), ["五角场街道"])
    assert len(parts) == 4 and all("16年" in question for _, question in parts)
    # "各多少件" names nothing of its own: the question is not split on it
    assert topic_parts(asked_part("长寿23年网格巡查和12345热线 各多少件 结案率解决率多少"), ["长寿路街道"]) == []


def test_a_question_naming_no_list_is_answered_by_the_list_its_best_sentence_announces(tmp_path) -> None:
    """"94年报告 农业主要措施": nothing asks for a list, but the sentence that answers best is
    "主要措施有以下几项：" — the answer is the list it announces, each item cited."""
    from assistant.service import open_service
    from core.settings import Settings
    from vectorstore.index import Index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "1994_报告.txt").write_text(
        "1994年政府工作报告\n\n一、加强农业基础地位\n农业是国民经济的基础。\n主要措施有以下几项：\n"
        "适当提高粮食收购价和棉花定购价，支持农用工业发展，加强农业生产资料价格管理；\n"
        "增加中央和地方对农业的投入，鼓励并引导集体和农民增加投入，加强农业基本建设；\n"
        "完善国家粮食储备体系，建立粮食风险基金，保持粮食市场的稳定；\n"
        "继续落实减轻农民负担的措施，并对突出问题进行专项治理。\n这是政府义不容辞的责任。\n"
        "二、深化金融改革\n要深化金融改革，整顿金融秩序，着重抓好四件事。\n一是\n建立分业经营和管理的体制。\n"
        "二是\n加快国有商业银行的改革。\n三是\n办好政策性银行。\n四是\n依法规范和维护金融秩序。\n", "utf-8")
    settings = Settings(home=tmp_path / "home", corpus_dir=corpus, embed_backend="hashing")
    index = Index(settings)
    assert index.sync([corpus]).ok
    answer = open_service(settings, index=index, build=False).assistant.ask("94年报告 农业主要措施")
    assert answer.kind == "list", answer.answer
    assert "完善国家粮食储备体系" in answer.answer and "继续落实减轻农民负担" in answer.answer
    assert "义不容辞" not in answer.answer  # the list ends at its full stop
    # announced by the numbered lines after it, not by a colon
    answer = open_service(settings, index=index, build=False).assistant.ask("94年报告 深化金融改革整顿金融秩序 四件事")
    assert answer.kind == "list" and "办好政策性银行" in answer.answer, answer.answer


def test_a_list_opened_after_the_best_sentence_is_read_to_its_sentences_end() -> None:
    """"…还存在不少矛盾和问题。主要是：A、B问题突出；C；D。": the items are the clauses to the 。,
    not the 、 parts of the first clause."""
    from assistant.answerers.extractive import Candidate, listed_items

    text = "我们清醒地认识到，还存在不少矛盾和问题。主要是：发展不平衡、不协调问题突出；产能相对过剩；创新能力不足。这些问题要解决。"
    p = Passage(chunk_id="c", text=text)
    end = text.index("主要是")
    quoted, items_found = listed_items(Candidate(p, 0, end, text[:end], 1.0, 1.0))
    assert items_found == ["主要是：发展不平衡、不协调问题突出", "产能相对过剩", "创新能力不足"]
    assert quoted.text.endswith("创新能力不足。")


def test_a_document_named_by_its_title_is_searched_for_the_part_asked(fast_service: Service) -> None:
    # the title's words are in every row of the document's table: searched for, they list the table
    answer = fast_service.assistant.ask("普陀区2017年创新社会治理重点项目安排里，推进机制要落实哪几项制度？")
    for item in ("落实条块约请制度", "落实社区事务准入机制", "落实信息报送制度", "落实定期例会制度", "落实跟踪督查机制"):
        assert item in answer.answer
    assert "序号" not in answer.answer


def test_a_list_asked_of_a_part_named_by_its_whole_heading(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("普陀区创新社会治理加强基层建设2017重点项目安排，工作要求有几条？")
    assert "工作要求" in answer.answer
    for part in ("继续强化导向意识", "全面加强统筹协调", "不断优化推进机制"):
        assert part in answer.answer
    assert not answer.refused


@pytest.mark.parametrize(("question", "pieces"), [
    ("请问一下，1998年经济增长目标是多少、实际完成多少？1999年的增长预期和中央财政赤字又是多少？",
     ["请问一下，1998年经济增长目标是多少、实际完成多少？", "1999年的增长预期和中央财政赤字又是多少？"]),
    # 另外 opens the next; a question naming nothing of its own goes with the one before it
    ("1994年原定物价涨幅控制目标是多少，实际涨了多少？95年报告里怎么说的，另外94年粮食产量跟93年比咋样",
     ["1994年原定物价涨幅控制目标是多少，实际涨了多少？95年报告里怎么说的", "94年粮食产量跟93年比咋样"]),
    ("长寿路街道业委会换届的应换尽换率，23年是多少？24年目标是多少？", []),
    ("95年报告咋解释94年物价涨那么猛的？原因有哪些", []),
    ("五角场2016年实际做了多少、2017年又计划多少？想对比下拆违、健身苑点", []),  # the first leans on the second
    ("12345热线这块，长寿23年工单多少、解决率多少？金杨20年市民热线办结多少？", []),  # streets: one table
    ("长寿路2023年加梯完成多少台？", []),
])
def test_questions_typed_one_after_another(question: str, pieces: list[str]) -> None:
    from assistant.parts import asked_apart

    assert asked_apart(question, ["长寿路街道", "五角场街道", "金杨新村街道"]) == pieces


def test_each_question_typed_in_one_message_is_answered(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("长寿路2023年加梯完工多少台？群租整治拆除非法隔间多少间？")
    assert "11台" in answer.answer and "181间" in answer.answer
    assert not answer.refused and len(answer.citations) == 2


def test_a_sentence_ahead_that_says_how_many_points_follow_announces_them() -> None:
    from assistant.answerers.extractive import Candidate
    from assistant.answerers.outline import _announcement_after
    from core.types import Passage

    text = ("加大工业结构调整力度。要围绕优化结构、提高质量和效益，着重抓好四个环节。\n一是\n限制没有市场销路的产品生产。\n"
            "二是\n加快企业技术改造。")
    p = Passage(chunk_id="c", text=text)
    first = len("加大工业结构调整力度。")
    found, _ = _announcement_after(Candidate(p, 0, first, text[:first], 1.0, 1.0))
    assert found is not None and found.text.endswith("着重抓好四个环节。")
    # a sentence that says no count is not taken for an announcement because points follow it
    plain = text.replace("着重抓好四个环节", "着重抓好结构调整")
    found, _ = _announcement_after(Candidate(Passage(chunk_id="c", text=plain), 0, first, plain[:first], 1.0, 1.0))
    assert found is None


@pytest.mark.parametrize(("question", "listed"), [
    ("2000年报告 工业结构调整 四个环节", True),
    ("1985年报告 价格改革 三个原则", True),
    ("长寿路2023年新建了几个睦邻中心", False),
])
def test_a_count_of_named_points_asks_for_them(question: str, listed: bool) -> None:
    assert (understand(question).intent == "list") is listed


def test_the_figures_of_a_whole_document(fast_service: Service) -> None:
    # no topic but the document: every sentence of it that gives a figure, in reading order
    answer = fast_service.assistant.ask("万里街道20年要点里有哪些量化的指标目标，帮忙汇总")
    assert not answer.refused and answer.kind == "list"
    for figure in ("划分4个责任区块", "实际解决率75%", "15个居民区"):
        assert figure in answer.answer
    assert {c.title for c in answer.citations} == {"普陀区万里街道2020年工作要点"}


def test_a_line_of_a_semicolon_list_is_one_item_to_its_last_semicolon() -> None:
    from vectorstore.outline import list_items

    lines = ["完善国家粮食储备体系，建立粮食风险基金，保持粮食市场的稳定；",
             "发展乡镇企业是农村奔小康的必由之路，要继续支持乡镇企业的发展；继续实行科教兴农，培养农业技术人才；",
             "继续落实减轻农民负担的措施，并对突出问题进行专项治理。要认真实施扶贫攻坚计划。"]
    items = list_items(lines)
    assert items[1] == lines[1]
    assert items[2] == lines[2]  # the line that closes the list is its last item, whole


def test_asking_to_list_is_no_topic() -> None:
    assert understand("80年那份报告讲加快经济管理体制改革，具体列了哪些改革举措").topic == "加快经济管理体制改革改革举措"
    assert "陈列" in understand("五角场2016年新建的陈列馆有哪些").topic


def test_points_numbered_inside_the_paragraph_after_a_colon() -> None:
    from vectorstore.outline import numbered_run_in

    text = ("第一、严格控制消费基金的盲目增长，严禁乱发奖金。从１９８５年起，恢复工资基金管理制度。"
            "第二、统一制定信贷计划和金融政策。第三、从严控制固定资产投资的规模。第五、压缩行政费开支。")
    assert numbered_run_in(text) == ["严格控制消费基金的盲目增长，严禁乱发奖金", "统一制定信贷计划和金融政策",
                                     "从严控制固定资产投资的规模"]  # the count breaks at a gap
    assert numbered_run_in("我们认为：第二、统一制定信贷计划。第三、从严控制投资。") == []  # must open with 第一
    assert numbered_run_in("第一、严格控制消费基金。") == []  # one is no list


def test_review_counter_examples() -> None:
    """Inputs a reviewer found read wrongly, each now read as written."""
    from assistant.parts import asked_apart, street_parts, topic_parts
    from core.lexicon import COUNT_ENDS_SENTENCE
    from vectorstore.outline import list_items

    assert asked_apart("长寿路2023年加梯完成多少台，还有没有在建的？", ["长寿路街道"]) == []  # 还有没有 asks yes or no
    assert asked_apart("长寿路2023年群租整治做了哪些工作？成效怎么样？", ["长寿路街道"]) == []  # 成效 is of the topic before
    # a clause naming no street goes on asking of the street before it
    assert street_parts("长寿路加梯，签约多少户，五角场拆违，拆了多少平方米", ["长寿路街道", "五角场街道"]) == [
        "长寿路街道加梯，签约多少户，", "五角场街道拆违，拆了多少平方米"]
    assert topic_parts("长寿路2023年 党建引领 平安建设 垃圾分类", ["长寿路街道"]) == []  # activities, not measures
    for statement in ("长寿路2023年新建了三个小区？", "五角场今年开了两个会议", "金杨2020年建成五个站点"):
        assert understand(statement).intent != "list"
    assert COUNT_ENDS_SENTENCE.search("做好十三个方面的工作。").group(1) == "十三"
    assert COUNT_ENDS_SENTENCE.search("全年新建三个睦邻中心，主要做了以下工作：") is None  # the count is not what follows
    line = "发展乡镇企业；要认真实施扶贫攻坚计划。今年要做好以下三项工作：继续实行科教兴农；"
    assert list_items([line])[0] == "发展乡镇企业；"  # a sentence's end inside: not one item
    assert "一系列" in understand("长寿路2023年推出一系列举措有哪些").topic


@pytest.mark.parametrize(("question", "intent"), [
    ("万里 信访调解 几种调解联动", "list"),  # how many kinds: the kinds
    ("金杨那边21年实事项目都有啥", "list"),
    ("99年报告 教育 几个要", "list"),  # the points opened by 一要/二要
    ("02年报告反对奢侈浪费，一要二要三要分别是什么", "list"),
    ("长寿路2023年加梯完成几台", "number"),
    ("五角场有几个居委会", "number"),
])
def test_asking_for_kinds_or_marked_points_is_a_list(question: str, intent: str) -> None:
    assert understand(question).intent == intent


def test_kinds_asked_are_listed_from_the_sentence_that_names_them(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("万里 信访调解 几种调解联动")
    assert not answer.refused
    for kind in ("人民调解", "行政调解", "司法调解", "心理调解"):
        assert kind in answer.answer


@pytest.mark.parametrize(("question", "asking", "topic"), [
    ("85年为防止物价大波动、控制货币发行，国务院定了哪五条？", "五条", "控制货币发行"),
    ("万里街道2020年安全稳定有哪三个方面", "三个", "安全稳定"),
    ("95年为了保证农业稳定增长要做哪些事？一条条列一下", "条", "农业稳定增长"),  # how to list, not what
    ("1999年报告 金融工作 一是二是三是四是 具体内容", "是", "金融工作"),  # the markers of the points asked, all of them
    ("02年报告反对奢侈浪费，一要二要三要分别是什么", "要", "反对奢侈浪费"),
])
def test_the_count_asked_is_not_part_of_the_topic(question: str, asking: str, topic: str) -> None:
    """"哪五条" says how many items are wanted; read as topic words it would lower the share of
    the topic every candidate sentence covers and keep the announcing sentence out of reach."""
    read = understand(question).topic
    assert asking not in read and topic in read


def test_the_words_naming_the_document_do_not_pick_its_part(fast_service: Service) -> None:
    """A question names the district notice by its title words and asks one paragraph of it: the
    title words, repeated in the table's heading, must not pull the answer to the table; a
    question asking the table by those words alone still gets the table's parts."""
    part = fast_service.assistant.ask("普陀区2017年创新社会治理加强基层建设重点工作项目安排中，推进机制方面要落实哪些制度").answer
    assert all(x in part for x in ("条块约请制度", "社区事务准入机制", "跟踪督查机制")) and "持续用力" not in part
    table = fast_service.assistant.ask("普陀区2017年创新社会治理加强基层建设重点工作项目安排表分哪几个方面").answer
    assert table.count("持续用力") == 5


@pytest.mark.parametrize("question", ["95年报告里表扬的英雄模范人物都有谁", "报告里点名的先进人物有哪几位"])
def test_asking_who_all_is_a_list_question(question: str) -> None:
    assert understand(question).intent == "list"


def test_a_point_that_only_names_its_part_comes_with_what_is_done(fast_service: Service) -> None:
    """"一是打响营商服务品牌。打造“苏河之冠”营商服务品牌…": listed alone the point says nothing of
    what is planned; the sentence after it does."""
    answer = fast_service.assistant.ask("长寿路街道2024年优化营商环境不停歇这块准备做哪几件事").answer
    assert "苏河之冠" in answer and "推动质量长寿建设" in answer


def test_points_that_name_systems_are_listed_alone_unless_what_is_done_is_asked(fast_service: Service) -> None:
    named = fast_service.assistant.ask("区推进办的推进机制 落实哪几项制度").answer
    done = fast_service.assistant.ask("区推进办的推进机制要落实哪几项制度，具体怎么做").answer
    assert "- 落实条块约请制度[" in named and "- 落实条块约请制度。区职能部门" in done


def test_places_set_side_by_side_are_compared_by_their_figures(fast_service: Service) -> None:
    """"…加梯进度比一下": the sentence that gives each street's figures, not the one that only says
    the word asked ("掌握加梯进度")."""
    assert understand("长寿路和金杨新村加装电梯进度比一下").compare
    answer = fast_service.assistant.ask("长寿路和金杨新村加装电梯进度比一下").answer
    assert "签约18台" in answer.split("\n")[0] and "签约立项6部" in answer


def test_the_structure_of_a_document_named_by_its_title_is_its_whole_outline(fast_service: Service) -> None:
    """The title's words also name the annex table; asked for the document's structure, the
    answer is the document's own parts, the table among them."""
    answer = fast_service.assistant.ask("普陀区2017年创新社会治理加强基层建设重点工作项目安排，整体框架是怎样的").answer
    assert all(part in answer for part in ("工作任务和重点项目", "时间安排", "工作要求"))


def test_questions_past_the_most_one_message_answers_are_named_not_dropped(fast_service: Service) -> None:
    from assistant.parts import MAX_QUESTIONS

    asked = ["长寿路2023年加梯完成多少台？", "垃圾分类做了哪些工作？", "业委会换届完成多少个？",
             "新落地企业多少家？", "群租整治拆了多少隔间？"]
    assert len(asked) == MAX_QUESTIONS + 1
    answer = fast_service.assistant.ask("".join(asked))
    assert "签约18台" in answer.answer or "完工11台" in answer.answer  # the first is answered
    assert any("请另行提问" in n and "群租整治" in n for n in answer.notes)  # the fifth is named
    assert not fast_service.assistant.ask("".join(asked[:2])).notes


def test_the_count_and_the_thing_asked_pick_the_enumeration(fast_service: Service) -> None:
    """"…三条河具体是哪三条河": the goal list that names "环境治理三条河" has eight items, not three;
    the passage that lists the three rivers answers."""
    answer = fast_service.assistant.ask("五角场街道2017年“环境治理三条河”具体是哪三条河？").answer
    assert all(river in answer for river in ("虬江", "东走马塘", "小吉浦河")) and "队伍建设精气神" not in answer


@pytest.mark.parametrize("question", ["金杨21年实事项目 3100万都花在哪", "95年报告 物价涨那么多 说了几条原因",
                                      "这笔钱用在哪些地方"])
def test_where_money_went_and_how_many_reasons_ask_a_list(question: str) -> None:
    """"花在哪" asks what the money is spent on, item by item; "说了几条原因" asks the reasons
    themselves, not a count ("完成了几项任务" still asks a count)."""
    assert understand(question).intent == "list"
    assert understand("完成了几项任务").wants_number


@pytest.fixture(scope="module")
def reports_service(tmp_path_factory: pytest.TempPathFactory) -> Service:
    """Four national reports (no street) beside the bundled corpus, on the fast tier."""
    import shutil
    from pathlib import Path

    from assistant.service import open_service
    from core.settings import Settings
    from vectorstore.index import Index

    root = Path(__file__).parents[2]
    folder = tmp_path_factory.mktemp("reports")
    for year in (1985, 1994, 1995, 2013):
        shutil.copy(root / "evals" / "general_corpus" / f"{year}_国务院政府工作报告.txt", folder)
    settings = Settings(home=tmp_path_factory.mktemp("reports_home"), corpus_dir=folder, embed_backend="hashing")
    index = Index(settings)
    assert index.sync([folder, root / "data" / "corpus"]).ok
    return open_service(settings, index=index, build=False)


def test_every_report_is_asked_one_row_each_in_time_order(reports_service: Service) -> None:
    """"几份报告里说的粮食产量": each report of no street is asked on its own (a street's documents
    and a district's plan are not "报告"), a row each, in time order, the figure read as of its year."""
    answer = reports_service.assistant.ask("几份报告里说的粮食产量 按年份排一下")
    assert answer.kind == "table" and answer.answer.startswith("| 报告 |")
    places = [r["place"] for r in answer.rows]
    assert set(places) <= {"1985年报告", "1994年报告", "1995年报告", "2013年报告"} and places == sorted(places)
    assert any(r["place"] == "1994年报告" and r["value"] == "４５６４亿公斤" and r["year"] == 1993 for r in answer.rows)
    assert any(r["place"] == "1985年报告" and r["value"] == "四亿零七百多万吨" for r in answer.rows)


@pytest.mark.parametrize(("question", "heading", "named"), [
    ("80年报告第三部分 保证计划完成的措施分哪几块", "三、采取有力措施，保证1980、1981年计划的完成", True),
    ("九四年报告第五部分 民主法制 讲了哪几块", "五、加强社会主义民主和法制建设", True),
    ("第二块招商引资那部分 展开说说具体咋弄", "二、2024年主要任务", False),  # the second item of that part
    ("第二块展开说说", "第二部分2021年工作任务", False),  # no words of its own: an item of the last outline
])
def test_a_part_called_by_its_number_and_its_words(question: str, heading: str, named: bool) -> None:
    from assistant.answerers.outline import _names_by_number

    assert _names_by_number(question, _head(heading)) == named


def test_a_clause_cut_at_a_semicolon_reads_on_when_the_rest_is_asked() -> None:
    from assistant.answerers.extractive import _with_asked_rest
    from assistant.answerers.topic_fit import topic_weights

    text = "能源工业，煤炭产量62，000万吨，比上年增加1，000万吨；石油产量10，600万吨，保持近两年的水平；发电量3，120亿度。"
    clause = _candidate(text, "能源工业，煤炭产量62，000万吨，比上年增加1，000万吨；")
    wider = _with_asked_rest(clause, topic_weights(understand("81年能源工业计划指标 煤炭石油发电量")))
    assert wider.text == text
    alone = _with_asked_rest(clause, topic_weights(understand("81年煤炭产量计划")))
    assert alone.text == clause.text  # nothing more asked in the rest


def test_a_one_character_measure_is_read_where_its_noun_gives_the_figure(reports_service: Service) -> None:
    """"93年钢多少": the report writes 钢产量, one word the character alone does not find; it is
    searched and matched as the noun its figure is of, alone or among other measures."""
    from assistant.answerers.topic_fit import measured_as

    assert measured_as("钢", "钢产量达到８８６８万吨") and measured_as("煤", "原煤产量七亿七千多万吨")
    assert not measured_as("钢", "提高合金钢在钢的生产中的比重") and not measured_as("钢铁", "钢铁产量")
    assert "钢产量" in understand("93年钢多少").expansions
    answer = reports_service.assistant.ask("93年钢多少")
    assert not answer.refused and "８８６８万吨" in answer.answer.splitlines()[0]
    answer = reports_service.assistant.ask("93年GDP 钢 外贸各多少")
    lines = answer.answer.splitlines()
    assert any(line.startswith("钢：８８６８万吨") for line in lines)
    assert any(line.startswith("GDP：３万亿元") for line in lines) and any(line.startswith("外贸：") for line in lines)


def test_a_reports_main_figures_of_a_year_are_its_look_back_on_that_year(reports_service: Service) -> None:
    """"94年报告 93年主要经济数据列一下": no topic but the report named by its year, read where it
    looks back on the year asked — among several reports retrieved."""
    answer = reports_service.assistant.ask("94年报告 93年主要经济数据列一下")
    assert answer.kind == "list" and not answer.refused
    for figure in ("３万亿元", "４５６４亿公斤", "８８６８万吨", "１９５８亿美元"):
        assert figure in answer.answer
    assert {c.title for c in answer.citations} == {"1994年中华人民共和国国务院政府工作报告"}


@pytest.mark.parametrize(("question", "figures"), [
    ("13年报告今年主要预期目标列一下", True),
    ("今年主要预期目标都是啥", True),
    ("主要预期目标有哪些", True),
    ("13年主要预期目标GDP定的多少", False),  # one figure of them
])
def test_the_main_targets_asked_as_a_list_are_their_figures(question: str, figures: bool) -> None:
    assert understand(question).figures is figures


@pytest.mark.parametrize(("question", "parts"), [
    ("01年低保覆盖人数有啥变化 财政收入增长多少", ["低保覆盖人数有啥变化", "财政收入增长多少"]),
    ("99到01年财政收入每年多少 咋变的", []),  # the change of the figures asked: no measure of its own
])
def test_a_change_asked_of_a_measure_is_a_part_of_its_own(question: str, parts: list[str]) -> None:
    from assistant.parts import topic_parts

    assert [label for label, _ in topic_parts(question)] == parts


def test_the_change_asked_is_no_word_a_sentence_must_say() -> None:
    from assistant.answerers.topic_fit import content_tokens

    assert "变化" not in content_tokens(understand("01年低保覆盖人数有啥变化"))


@pytest.mark.parametrize(("question", "labels"), [
    ("81年计划煤炭石油发电量指标分别多少", ["煤炭", "石油", "发电量"]),  # three nouns the stage calls measures
    ("84年粮食棉花原煤原油产量都多少", ["粮食产量", "棉花产量", "原煤产量", "原油产量"]),
    ("政务微信市民热线工单结案率各多少", []),  # no stage, no shared head: may be one name
])
def test_measures_typed_together_are_each_a_part(question: str, labels: list[str]) -> None:
    from assistant.parts import topic_parts

    assert [label for label, _ in topic_parts(question)] == labels


def test_two_digit_years_listed_before_their_count_are_years() -> None:
    from core.textnorm import normalize_question

    assert understand(normalize_question("93 94两年粮食总产量各多少")).years == [1993, 1994]


def test_a_paragraph_opening_with_a_year_is_of_that_year() -> None:
    from assistant.answerers.extractive import paragraph_year
    from core.textnorm import for_matching

    text = for_matching("（一）关于经济形势\n１９８４年，我国工业生产继续全面增长。特别令人高兴的是原煤产量达到七亿七千多万吨。\n今年要继续努力。")
    assert paragraph_year(text, text.index("原煤")) == 1984
    assert paragraph_year(text, text.index("今年")) == 0


def test_figures_of_a_year_told_in_the_next_years_report_are_read_as_that_years(reports_service: Service) -> None:
    """"84年…原煤原油产量": the 1985 report writes 1984 in full-width digits at the head of the
    paragraph; its sentences are 1984's, each measure's figure the one its own words stand by."""
    lines = reports_service.assistant.ask("84年粮食棉花原煤原油产量都多少").answer.splitlines()
    for line in ("原煤产量：七亿七千多万吨（1984年）", "原油产量：一亿一千四百多万吨（1984年）",
                 "棉花产量：六百零八万吨（1984年）"):
        assert any(x.startswith(line) for x in lines), line


def test_a_figure_its_sentence_rules_out_loses_to_a_clean_one_nearly_as_fitting(reports_service: Service) -> None:
    """"94年物价涨了多少": the 1994 report's target ("控制在百分之十以内") fits the words best, but a
    target is no answer when none is asked; the 1995 report's look back, a sentence on, gives the result."""
    answer = reports_service.assistant.ask("94年物价涨了多少").answer
    assert answer.startswith("百分之二十一点七"), answer


def test_rise_typed_as_zhang_is_read_as_growth_except_for_prices() -> None:
    from core.textnorm import normalize_question

    assert normalize_question("01年城镇收入各涨多少") == "2001年城镇收入各增长多少"
    assert normalize_question("出口涨了多少") == "出口增长了多少"
    assert normalize_question("94年物价涨了多少") == "1994年物价涨了多少"
    assert normalize_question("物价涨幅多少") == "物价涨幅多少"


def test_measures_joined_in_the_first_of_several_asking_clauses_are_split_there() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("01年城镇和农民收入各涨多少 低保覆盖人数年初年末分别多少", [])
    assert [label for label, _ in found][:2] == ["城镇收入", "农民收入"]
    assert len(found) == 3 and "低保" not in found[0][1] and found[2][1].endswith("低保覆盖人数年初年末分别多少")
    # a further clause asking only how the same grew ("年均增长多少") is no topic of its own
    found = topic_parts("01年报告 九五末GDP和财政收入各多少 年均增长多少", [])
    assert [label for label, _ in found] == ["九五末GDP", "财政收入"]


def test_target_and_result_said_in_one_breath_are_each_a_stage() -> None:
    from assistant.parts import stages_compared

    assert stages_compared("94年GDP增长和物价 年初目标和实际比一比") == [
        ("目标", "94年 GDP增长和物价目标定的多少"), ("实际", "94年 GDP增长和物价实际多少")]
    assert [s for s, _ in stages_compared("95年报告 94年物价涨幅 目标和实际比一比")] == ["目标", "实际"]


@pytest.mark.parametrize(("history", "question", "rewritten"), [
    ("99到01年财政收入分别多少 有啥变化", "那外汇储备呢", "1999年到2001年外汇储备分别多少"),
    ("93年和94年粮食产量分别多少", "棉花呢", "1993年和1994年棉花分别多少"),
    ("五角场修缮居委会 妇女之家示范点 16年做了多少 17年计划多少", "那健身苑点和文化围墙呢",
     "五角场健身苑点和文化围墙 2016年做了多少 2017年计划多少"),
    ("长寿路23年拆违多少", "那加梯呢", "长寿路2023年加梯多少"),  # one year: as before
])
def test_a_measure_named_alone_after_several_years_asks_them_all(history: str, question: str, rewritten: str) -> None:
    from assistant.followup import rewrite
    from core.textnorm import normalize_question

    streets = ["五角场街道", "长寿路街道"]
    assert rewrite(normalize_question(question), [normalize_question(history)], streets) == rewritten


def test_what_a_figure_is_adjusted_for_is_not_its_topic() -> None:
    from assistant.answerers.extractive import GROWTH_ASKED, without_adjustments

    text = "农村居民人均纯收入达到１２２０元，扣除物价因素比上年增长百分之五；"
    assert "物价" not in without_adjustments(text) and len(without_adjustments(text)) == len(text)
    assert GROWTH_ASKED.search("94年GDP增长实际多少")


def test_measures_typed_after_several_years_are_each_a_part() -> None:
    from assistant.parts import topic_parts

    assert topic_parts("98年和99年城镇居民收入 农民收入分别实际增长多少") == [
        ("城镇居民收入", "98年和99年城镇居民收入实际增长多少"), ("农民收入", "98年和99年农民收入实际增长多少")]


def test_a_clause_that_opens_with_the_change_is_of_the_subject_before_it() -> None:
    """"城镇居民人均可支配收入，考虑价格下降因素比上年实际增长9．3％": the rate's clause names no subject of
    its own; the document's name of the income (人均…) is no figure per person where the income is asked."""
    from assistant.answerers.extractive import quantities, quantity_features
    from assistant.answerers.topic_fit import topic_weights

    query = understand("1999年城镇居民收入实际增长多少")
    query.part_label, query.shared_label_words = "城镇居民收入", ("收入",)
    sentence = "城镇居民人均可支配收入，考虑价格下降因素比上年实际增长9．3％；农村居民人均纯收入实际增长3．8％。"
    weights = topic_weights(query)
    found = quantities(sentence)
    scores = {x.text: sum(quantity_features(query, sentence, x, weights, found, None).values()) for x in found}
    assert max(scores, key=scores.get) == "9．3％"
    sentence = "农村居民人均纯收入，考虑价格下降因素，比上年实际增长4·3％，城镇居民人均可支配收入实际增长5·8％。"
    found = quantities(sentence)
    scores = {x.text: sum(quantity_features(query, sentence, x, weights, found, None).values()) for x in found}
    assert max(scores, key=scores.get) == "5·8％"


@pytest.mark.parametrize(("question", "labels"), [
    ("94年城乡居民收入各多少", ["城镇居民收入", "农村居民收入"]),
    ("01年低保覆盖人数有啥变化 城乡收入增长多少", ["低保覆盖人数有啥变化", "城镇居民收入增长多少", "农村居民收入增长多少"]),
    ("13年城乡居民收入目标是啥", []),  # a target said in words is one
])
def test_town_and_country_incomes_are_asked_apart(question: str, labels: list[str]) -> None:
    from assistant.parts import topic_parts

    assert [label for label, _ in topic_parts(question)] == labels


def test_a_measure_named_as_staff_say_it_is_named_by_the_documents_words() -> None:
    from assistant.answerers.extractive import names_part

    # "农村居民收入" is cut 农村 / 居民收入, neither written; the whole is the staff name of 农民人均纯收入
    assert names_part("农村居民收入增长多少", "农民人均纯收入实际增长４．２％。")


def test_items_asked_of_town_and_country_are_one_ask() -> None:
    from assistant.parts import topic_parts

    assert topic_parts("城乡居民收入增长多少 列一下") == []
    assert topic_parts("城乡居民收入增长有哪些措施") == []


@pytest.mark.parametrize(("question", "target", "figure"), [
    # a target said after its figure is the target, of the result the sentence opens with
    ("1998年gdp增长目标是多少", True, "8％"),
    ("1998年gdp增长多少", False, "7.8％"),
])
def test_a_target_said_after_its_figure_is_a_target(question: str, target: bool, figure: str) -> None:
    from assistant.answerers.extractive import best_quantity
    from assistant.answerers.topic_fit import topic_weights

    query = understand(question, [])
    sentence = "国内生产总值比上年增长7.8％，虽然略低于8％的预定目标，但这是在抵御亚洲金融危机的冲击的情况下取得的。"
    assert best_quantity(query, sentence, topic_weights(query))[1] == figure


def test_a_topic_named_whole_in_the_lead_clause_owns_the_figures_after_it() -> None:
    from assistant.answerers.extractive import best_quantity
    from assistant.answerers.topic_fit import topic_weights

    query = understand("五角场街道2016年青年社区实际多少", ["五角场街道"])
    lead = "推进青年社区建设,开展“缘聚五角场”活动54场,新增注册会员约2500人。"
    other = "加大就业扶持力度,开发公益性岗位90个,实现启航青年就业47人,社区总体就业率达96.3%。"
    weights = topic_weights(query)
    assert best_quantity(query, lead, weights)[0] >= best_quantity(query, other, weights)[0]


@pytest.mark.parametrize(("question", "history", "rewritten"), [
    # the same asked of another year, both years side by side
    ("跟2020年实际改的比比看", "金杨2021年实事项目道路 防盗门分别几个居民区", "金杨2020年和2021年实事项目道路 防盗门分别几个居民区"),
    ("跟2016年比较一下", "五角场2017年计划修几个居委会", "五角场2016年和2017年计划修几个居委会"),
    # ... or of another street
    ("跟金杨比一比", "长寿路2023年加梯完成多少台", "金杨新村和长寿路2023年加梯完成多少台"),
    # a report named by its year is no year to set another beside
    ("跟2012年实际完成的比一比", "2013年报告今年主要预期目标列一下", "跟2012年实际完成的比一比"),
    # a new street and year with a pointer back: that question there, of the stage it names
    ("长寿路2023年实际做到多少了跟这个比比", "万里2020年12345热线的工作目标几个率分别多少",
     "长寿路2023年12345热线的工作实际几个率分别多少"),
    ("长寿路呢跟这个比比", "金杨2020年加梯签约多少", "长寿路和金杨2020年加梯签约多少"),
    # a stage said with the year alone, no pointer: the question before, its stage kept
    ("2017年计划多少", "五角场2016年拆违多少", "五角场2017年计划拆违多少"),
    # ... or with the street: the question before, of that street and year, in its stage
    ("那长寿路2023年实际做到多少", "万里街道2020年12345热线几个目标分别是多少", "长寿路2023年12345热线几个实际分别是多少"),
    # a relative year is of the year asked before; a stage and the year it is compared with
    ("去年实际完成多少", "长寿路2023年加梯目标多少台", "长寿路2022年加梯实际多少台"),
    ("2017年计划呢 跟2016年比", "五角场2016年缘聚活动搞了几场", "五角场2016年和2017年缘聚活动搞了几场"),
    # measures pointed back at: those the question before listed, asked what this one asks
    ("这几项分别比上年增加多少", "1980年报告里1979年粮食 油料 肉类产量分别多少",
     "1980年报告里1979年粮食 油料 肉类产量分别比上年增加多少"),
    ("那些分别占多少", "金杨2020年低保 医疗救助 特困救济分别多少", "金杨2020年低保 医疗救助 特困救济分别占多少"),
    # the topic asked before, of a new street and year: that question there
    ("那长寿路2023年加梯呢", "金杨2020年加梯签了几部 老旧电梯更新几台", "长寿路2023年加梯签了几部 老旧电梯更新几台"),
    # a new year after a report's review of the year before: that year's figures, the report left behind
    ("那2001年呢", "2001年报告 2000年进出口 出口 外汇储备各多少", "2001年进出口 出口 外汇储备各多少"),
    # a stage said alone: every clause in that stage, of the year the report planned
    ("实际呢", "1994年报告里今年gdp计划增长多少 零售物价涨幅控制在多少", "1994年gdp实际增长多少 零售物价涨幅实际多少"),
    # the change asked before, of a new year and stage
    ("那1981年计划增长多少", "1980年报告里1979年农业 轻工业 重工业总产值各增长多少", "1981年计划农业 轻工业 重工业总产值各增长多少"),
    # a long question naming no place, year or report of its own: asked in the scope of the one before
    ("就业那块几个数列一下 平台岗位 技能培训 促进就业各多少", "金杨2020年养老服务这块做了啥",
     "金杨2020年就业那块几个数列一下 平台岗位 技能培训 促进就业各多少"),
    ("组成部门、内设机构、职能、编制各减少了多少", "1999年报告里国务院机构改革取得了哪些成效",
     "1999年报告组成部门、内设机构、职能、编制各减少了多少"),
    # ... unless it asks over every place
    ("哪个街道在就业方面给出的岗位、培训和就业人数最多", "金杨2020年养老服务这块做了啥",
     "哪个街道在就业方面给出的岗位、培训和就业人数最多"),
])
def test_a_follow_up_asks_the_question_before_again(question: str, history: str, rewritten: str) -> None:
    from assistant.followup import rewrite

    assert rewrite(question, [history], ["金杨新村街道", "长寿路街道", "五角场街道"]) == rewritten


def test_a_follow_up_of_a_follow_up_reads_the_question_before_as_it_was_meant() -> None:
    from assistant.followup import rewrite

    # "外汇储备呢" is "2002年报告2001年外汇储备多少"; the next follow-up takes its report and figures' year,
    # and the 呢 closing what it names asks nothing
    history = ["2002年报告里2001年gdp多少 增长多少", "外汇储备呢"]
    assert rewrite("外汇储备呢", history[:1], []) == "2002年报告2001年外汇储备多少"
    assert rewrite("那出口和外商直接投资呢 各增长多少", history, []) == "2002年报告2001年出口和外商直接投资 各增长多少"


def test_measures_joined_after_a_named_report_share_the_head_and_change_the_second_ends_with() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("1985年报告里轻工业和重工业产值增长分别多少")
    assert [label for label, _ in found] == ["轻工业产值增长", "重工业产值增长"]


def test_a_follow_up_keeps_the_measures_it_types_apart(service: Service) -> None:
    # the rewrite inherits the street and year; the spaces still set 岗位, 培训 and 就业人数 apart, and
    # each takes its figure from the sentence that gives all three
    answer = service.assistant.ask("那就业这块呢 岗位 培训 就业人数各多少", history=["金杨20年帮困救助 低保 医疗救助 特困各多少"])
    assert all(f in answer.answer for f in ("岗位：800个", "培训：1038人", "就业人数：200余人")), answer.answer


def test_a_plan_period_frames_the_measures_typed_after_it() -> None:
    from assistant.parts import topic_parts

    assert [label for label, _ in topic_parts("九五期间gdp 财政收入 国企利润各多少")] == ["gdp", "财政收入", "国企利润"]


def test_words_pointing_back_at_the_list_end_it_before_the_year() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("五角场居委会修缮 妇女之家 健身苑点这几项17年计划跟16年比有啥变化", ["五角场街道"])
    assert [label for label, _ in found] == ["居委会修缮", "妇女之家", "健身苑点"]


def test_the_whole_economy_s_figures_are_the_report_s_figures(reports_service: Service) -> None:
    # "国民经济" names no topic of the report's: its figures are those of the year the report looks back on
    answer = reports_service.assistant.ask("93年国民经济主要数据列一下")
    assert answer.kind == "list" and "３万亿元" in answer.answer and "４５６４亿公斤" in answer.answer, answer.answer


def test_a_sentence_naming_no_year_goes_on_about_the_year_its_paragraph_last_named() -> None:
    from assistant.answerers.extractive import _goes_on_about
    from core.textnorm import for_matching

    text = for_matching("1979年国家预算内和预算外的基本建设投资总额完成500亿元，停建、缓建了大中型项目295个。"
                        "计划建成投产大中型项目118个，实际建成128个。")
    at = text.index("计划建成")
    assert _goes_on_about(text, at, [1979]) and not _goes_on_about(text, at, [1980])
    # a sentence that names a year only as its base goes on about the year named sentences before it
    told = for_matching("1979年国民收入比上年增长7％。国民收入中，用于积累的部分为1，120亿元。积累率由1978年的36.5％，降为33.6％。")
    assert _goes_on_about(told, told.index("积累率"), [1979])
    # in a report, a sentence saying 去年 is about the year before the report's own
    income = for_matching("去年全国城镇居民家庭平均每人可用于生活费的收入达到六百零八元；农民的纯收入，全国平均每人达到三百五十五元。")
    assert _goes_on_about(income, income.index("农民"), [1984], own_year=1985)
    assert not _goes_on_about(income, 0, [1984], own_year=1985)


def test_a_year_s_stage_goes_with_it_and_how_the_figures_changed_is_for_them_together() -> None:
    from assistant.parts import year_parts
    from core.understand import understand

    query = understand("积累率1978年1979年1980年计划1981年各是多少咋变的", [])
    assert query.report_years == [] and query.years == [1978, 1979, 1980, 1981]
    assert year_parts("积累率1978年1979年1980年计划1981年各是多少咋变的", query.years) == [
        "积累率1978年各是多少", "积累率1979年各是多少", "积累率1980年计划各是多少", "积累率1981年各是多少"]


def test_a_stage_of_the_work_asked_alone_is_asked_of_the_measure_before() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("1979年基建大中型项目计划投产几个 实际建成几个 投资完成多少")
    assert [q for _, q in found][1] == "1979年 基建大中型项目实际建成几个"
    signed = topic_parts("长寿路2023年加梯签约多少 开工多少 完工多少", ["长寿路街道"])
    assert [label for label, _ in signed] == ["加梯签约多少", "加梯开工多少", "加梯完工多少"]


def test_a_measure_named_before_clauses_that_name_none_frames_each_of_them() -> None:
    from assistant.parts import topic_parts

    # "几场" asks (any measure word after 几); the year each clause says goes on to the next
    found = topic_parts("缘聚五角场 16年实际办了几场 新增会员多少 17年目标呢", ["五角场街道"])
    assert [q for _, q in found] == ["缘聚五角场 16年 实际办了几场", "缘聚五角场 16年 新增会员多少", "缘聚五角场 17年 目标多少"]
    assert found[2][0] == "缘聚五角场目标"


def test_words_pointing_at_reports_ask_nothing() -> None:
    from assistant.parts import _asks

    assert _asks("16年实际办了几场") and _asks("共有几所")
    assert not _asks("94 95 99 13年这几份报告")


def test_a_second_ask_of_a_run_of_measures_is_a_part_of_each() -> None:
    from assistant.parts import topic_parts

    # "涨了多少" after "各多少": each measure's level and its change; people named alone share the
    # head the other measure ends with
    found = topic_parts("1985年报告 1984年城镇居民 农民收入各多少 涨了多少")
    assert [label for label, _ in found] == ["城镇居民收入", "城镇居民收入增长", "农民收入", "农民收入增长"]
    assert found[1][1] == "1985年报告 1984年城镇居民收入涨了多少"


def test_an_income_is_told_per_head_however_it_is_asked() -> None:
    from assistant.answerers.extractive import quantities, quantity_features, respective_pick
    from assistant.answerers.topic_fit import topic_weights
    from core.textnorm import for_matching
    from core.understand import understand

    def features(question: str, sentence: str, figure: str) -> dict[str, float]:
        query, found = understand(question, []), quantities(sentence)
        weights = topic_weights(query)
        paired = respective_pick(for_matching(sentence), found, weights)
        return quantity_features(query, sentence, next(q for q in found if q.text == figure), weights, found, paired)

    income = "农民的纯收入，全国平均每人达到三百五十五元，比上年增长１４．７％。"
    assert "per_head" not in features("1984年农民收入多少", income, "三百五十五元")
    assert "per_head" in features("1984年粮食总产量多少", "每人占有粮食近八百斤。", "近八百斤")


def test_a_plan_set_against_last_year_is_no_look_back() -> None:
    from core.lexicon import LOOK_BACK_WORDS

    assert not LOOK_BACK_WORDS.search("确保物价上涨幅度比去年有明显回落，力争控制在百分之十五左右")
    assert LOOK_BACK_WORDS.search("去年我在政府工作报告中曾提出")


def test_a_year_typed_with_one_street_is_its_own() -> None:
    from assistant.parts import street_parts

    # "万里定的目标跟长寿路23年实际比": 2023 is 长寿路's, 万里 is asked in its own years
    parts = street_parts("12345热线 万里定的目标跟长寿路2023年实际比咋样", ["万里街道", "长寿路街道"])
    assert "2023" not in parts[0] and "万里街道" in parts[0] and "长寿路街道2023年" in parts[1]
    # streets joined before the year share it
    assert street_parts("五角场和长寿路2023年拆违多少", ["五角场街道", "长寿路街道"]) == [
        "五角场街道2023年拆违多少", "长寿路街道2023年拆违多少"]


def test_a_street_set_against_another_s_target_is_asked_its_own_result() -> None:
    from assistant.parts import street_parts

    streets = ["万里街道", "长寿路街道"]
    assert street_parts("长寿路解决率够不够万里定的那个目标", streets) == [
        "解决率够不够万里街道定的那个目标", "长寿路街道解决率实际多少"]
    assert street_parts("万里2020年给热线定的目标是多少 长寿路达标没", streets)[1] == "热线 长寿路街道实际多少"


def test_further_clauses_each_asking_of_their_own_topic_are_a_part_each() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("金杨2020年垃圾厢房 投放点各改造多少 两网融合服务点升级几个 容器增补多少", ["金杨新村街道"])
    assert [label for label, _ in found][-2:] == ["两网融合服务点升级几个", "容器增补多少"]


def test_stages_of_the_work_after_a_measure_are_its_stages_and_what_is_asked_too_is_a_part() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("长寿路2023年网格巡查呢 发现和结案各多少 智联平台处置的案件也列下", ["长寿路街道"])
    assert [label for label, _ in found] == ["网格巡查发现", "网格巡查结案", "智联平台处置的案件"]


def test_who_has_more_asks_each_street_its_figure() -> None:
    from assistant.parts import street_parts

    assert street_parts("金杨和长寿路 加梯谁多", ["金杨新村街道", "长寿路街道"]) == ["金杨新村街道 加梯多少", "长寿路街道 加梯多少"]


def test_an_aside_in_brackets_is_a_clause_of_its_own() -> None:
    from assistant.answerers.extractive import best_quantity
    from assistant.answerers.topic_fit import topic_weights

    query = understand("1959年社办工业产值多少", [])
    sentence = "一九五九年的农业产值达到七百八十三亿元（社办工业的产值一百亿元不包括在内），也增加了社员的个人收入。"
    assert best_quantity(query, sentence, topic_weights(query))[1] == "一百亿元"


def test_measures_joined_by_gen_are_two_and_the_place_typed_with_the_first_frames_both() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("84年城镇居民生活费收入跟农民纯收入各多少", [])
    assert [label for label, _ in found] == ["城镇居民生活费收入", "农民纯收入"]
    found = topic_parts("金杨政务微信和市民热线工单办结各多少", ["金杨新村街道"])
    assert [label for label, _ in found] == ["政务微信", "市民热线工单办结"]
    assert all(q.startswith("金杨") for _, q in found)


def test_a_topic_named_alone_after_years_set_against_each_other_keeps_them() -> None:
    from assistant.followup import rewrite
    from core.understand import understand

    assert rewrite("那农业呢", ["1975年报告1974年比1964年主要工业产品产量各增长多少"], []) == \
        "1975年报告1974年比1964年农业各增长多少"
    assert rewrite("那财政收入呢", ["1999年工业利润比上年增长多少"], []) == "1999年财政收入比上年增长多少"
    # the change from one year to the other is one figure, not one per year
    assert not understand("1975年报告1974年比1964年农业各增长多少", []).per_year
    assert understand("2016年干的和2017年计划比各多少", []).per_year


def test_glued_measures_under_a_stage_said_before_them_are_each_asked() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("81年计划 煤炭石油发电量各安排多少", [])
    assert [label for label, _ in found] == ["煤炭", "石油", "发电量"]
    assert all(q.startswith("81年 计划") and q.endswith("安排多少") for _, q in found)


def test_a_clause_closed_with_ne_asks_the_figure_the_others_ask() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("98年gdp增长多少 目标是多少 投资增长呢", [])
    assert found[-1] == ("投资增长", "98年 投资增长多少")
    assert topic_parts("长寿路加梯多少台 拆违呢", ["长寿路街道"])[-1] == ("拆违", "长寿路街道 拆违多少")


def test_a_target_asked_is_no_figure_written_straight_after_another_measures_noun() -> None:
    """"81年计划钢定的多少": "…明年计划…可以节约标准煤200万吨" sets a target in its sentence, but
    200万吨 is 标准煤's; "钢产量3，500万吨" in a sentence with no target word is 钢's plan."""
    from assistant.answerers.extractive import best_quantity
    from assistant.answerers.topic_fit import topic_weights
    from core.understand import understand

    query = understand("1980年报告里1981年计划钢定的多少", [])
    weights = topic_weights(query)
    other = "生铁和钢产量的比例，明年计划从今年预计的1.03比1改为1比1，可以节约标准煤200万吨。"
    own = "原材料工业，钢产量3，500万吨，十种有色金属108万吨，水泥7，800万吨。"
    assert best_quantity(query, own, weights)[0] > best_quantity(query, other, weights)[0]
    # a target told after its measure in the clause before still is one
    said = understand("1995年物价目标定的多少", [])
    quote = "宏观调控的目标是，确保物价上涨幅度比去年有明显回落，力争控制在百分之十五左右。"
    assert best_quantity(said, quote, topic_weights(said)) == (1.5, "百分之十五左右")


def test_a_follow_up_of_a_report_keeps_the_years_it_set_against_each_other() -> None:
    from assistant.followup import rewrite

    prev = "1975年报告1974年比1964年钢原煤石油这些主要产品各增长了多少列下"
    assert rewrite("那农业总产值和工业总产值各增长多少", [prev], []) == \
        "1975年报告1974年比1964年农业总产值和工业总产值各增长多少"
    # a year that is only the figures' own is inherited as before
    assert rewrite("那拆违呢", ["五角场2016年加梯多少台"], ["五角场街道"]).startswith("五角场2016年")


def test_measures_pointed_back_at_each_ask_the_change_said() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("75年报告里 74年跟64年比 钢 原煤 石油 发电量这些各增长多少", [])
    assert [label for label, _ in found] == ["钢", "原煤", "石油", "发电量"]
    assert all(q.endswith("增长多少") for _, q in found)
    # a clause closed with 呢 asks the change the other clause asks
    found = topic_parts("75年报告 农业呢 粮食棉花增产多少", [])
    assert found[0][1].endswith("农业增产多少")


def test_a_measure_typed_bare_after_a_clause_asking_before_its_noun_is_asked_the_same_way() -> None:
    from assistant.parts import topic_parts

    found = topic_parts("1994年报告 重点扶持多少商品粮大县 优质棉大县 扶贫要解决多少人温饱")
    assert [asked.replace(" ", "") for _, asked in found] == [
        "1994年报告重点扶持多少商品粮大县", "1994年报告重点扶持多少优质棉大县", "1994年报告扶贫要解决多少人温饱"]
    # what a count frames ("几个目标") names the list, and is no thing each measure is counted as
    found = topic_parts("1999年报告今年的几个目标 增长 扶贫 教育 赤字各多少")
    assert [label for label, _ in found] == ["增长", "扶贫", "教育", "赤字"]


def test_town_and_country_typed_together_share_the_measure_after_them() -> None:
    from assistant.parts import topic_parts

    for question in ("2013年报告 2012年底城镇农村人均住房面积各多少", "2013年报告 2012年底城镇和农村人均住房面积各多少"):
        assert [label for label, _ in topic_parts(question)] == ["城镇人均住房面积", "农村人均住房面积"], question
    assert [label for label, _ in topic_parts("1995年报告里 1994年城镇 农村新建住房各多少平米")] == [
        "城镇新建住房", "农村新建住房"]


@pytest.mark.parametrize(("question", "history", "rewritten"), [
    # another report named alone: the year its figures are of moves with it, unless it is named
    ("1995年报告里呢", "1994年报告里 1993年城镇新建住宅和农村新建房屋各多少", "1995年报告里 1994年城镇新建住宅和农村新建房屋各多少"),
    ("1995年报告里1994年的呢", "1994年报告里 1993年城镇 农村新建住房各多少平米", "1995年报告里 1994年城镇 农村新建住房各多少平米"),
    # the amounts and changes of the same measures asked of another report
    ("1995年报告里呢 具体金额和增幅", "1994年报告里 城镇居民生活费收入和农民纯收入各增长多少",
     "1995年报告里 城镇居民生活费收入和农民纯收入各多少 各增长多少"),
    # another report, and one more question of its own
    ("那2000年报告呢 顺便贫困人口减少了多少", "1999年报告里农民纯收入跟城镇可支配收入实际增长多少",
     "2000年报告里农民纯收入跟城镇可支配收入实际增长多少，贫困人口减少了多少"),
    # each one's change asked, naming no measure: those before
    ("那九五期间年均实际增长分别多少", "2001年报告 2000年农民人均纯收入和城镇人均可支配收入各多少",
     "2001年报告 2000年农民人均纯收入和城镇人均可支配收入九五期间年均实际增长分别多少"),
])
def test_a_follow_up_naming_only_a_report_or_a_change_asks_the_measures_before(question: str, history: str,
                                                                                rewritten: str) -> None:
    from assistant.followup import rewrite

    assert rewrite(question, [history], []) == rewritten


def test_a_year_set_beside_as_a_base_is_a_year() -> None:
    from core.textnorm import normalize_question

    assert normalize_question("59年渔业产量多少 比57年多多少") == "1959年渔业产量多少比1957年多多少"
    assert normalize_question("干了20年多") == "干了20年多"  # a span, no year


def test_names_paired_with_runs_of_figures_give_each_its_own() -> None:
    from assistant.answerers.extractive import pick_quantity
    from core.understand import understand

    sentence = "2012年底，城镇和农村人均住房面积32.9平方米、37.1平方米，分别比2007年增加2.8平方米和5.5平方米；"
    assert pick_quantity(understand("2012年底城镇人均住房面积多少"), sentence) == "32.9平方米"
    assert pick_quantity(understand("2012年底农村人均住房面积多少"), sentence) == "37.1平方米"
    # a further run after 分别 pairs with the same names: the change asked is the second run's
    sentence = "农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元，平均每年实际增长4.7％和5.7％。"
    assert pick_quantity(understand("2000年城镇人均可支配收入多少"), sentence) == "6280元"
    assert pick_quantity(understand("九五期间城镇人均可支配收入年均实际增长多少"), sentence) == "5.7％"


def test_a_measure_over_the_years_of_the_reports_is_a_row_each_ranked_by_year() -> None:
    from assistant.answerers.table import TableAnswerer
    from assistant.parts import report_parts

    assert report_parts("国家外汇储备这几年有啥变化 哪年最多", [1995, 2000]) == [
        "1995年报告里国家外汇储备多少", "2000年报告里国家外汇储备多少"]
    rows = [{"place": "1995年报告", "year": 1994, "value": "５１６亿美元", "number": 516.0, "unit": "亿美元", "citation": 1},
            {"place": "2002年报告", "year": 2001, "value": "２１２２亿美元", "number": 2122.0, "unit": "亿美元", "citation": 2}]
    assert TableAnswerer._rank(rows, "max", "报告", by_year=True) == "最多：2001年（２１２２亿美元，2002年报告）[2]"
    # places of different years are still not ranked as if they were comparable
    assert "年份不同" in TableAnswerer._rank(rows, "max", "街道")


def test_a_measure_over_the_years_of_no_place_asks_every_report(reports_service: Service) -> None:
    answer = reports_service.assistant.ask("国家外汇储备这几年有啥变化")
    assert answer.kind == "table", answer.answer
    # the 1995 report's figure is 1994's; the reports that never give it are listed as such
    assert any(r["place"] == "1995年报告" and r["year"] == 1994 and "５１６亿美元" in str(r["value"]) for r in answer.rows), answer.rows
    assert "未找到相关内容：" in answer.answer and "1985年报告" in answer.answer.split("未找到相关内容：")[1], answer.answer


def test_products_typed_one_character_each_are_each_the_measure_the_reports_name() -> None:
    from assistant.parts import products_spelled, topic_parts

    assert products_spelled("81年计划主要指标 粮棉钢煤各多少").split() == [
        "81年计划主要指标", "粮食产量", "棉花产量", "钢产量", "煤炭产量", "各多少"]
    assert products_spelled("粮棉产量各多少").split() == ["粮食产量", "棉花产量各多少"]
    assert products_spelled("粮棉收购价格") == "粮棉收购价格"  # one thing, written so
    assert [label for label, _ in topic_parts("1981年计划主要指标 粮棉 钢煤油 各多少")] == [
        "粮食产量", "棉花产量", "钢产量", "煤炭产量", "石油产量"]


def test_an_outline_asked_with_its_counts_opens_with_the_document_s_own_count(service: Service) -> None:
    answer = service.assistant.ask("普陀17年创新社会治理加强基层建设项目安排 几个方面 一共多少项")
    assert answer.kind == "outline", answer.answer
    first, *items = answer.answer.splitlines()
    assert "五个方面" in first and "55项" in first, first  # the counts as the document says them, cited
    assert sum(line.startswith("- (") for line in items) == 5, answer.answer
    # no count asked: the outline alone
    plain = service.assistant.ask("长寿路街道2024年主要任务有哪些")
    assert "包括：" in plain.answer.splitlines()[0], plain.answer


def test_a_year_set_beside_to_compare_asks_its_own_figures() -> None:
    from assistant.parts import year_parts

    # each year's part asks its own figures; "跟…比一比" is for them together, no topic of either
    assert year_parts("2013年定的几个预期目标跟2012年实际比一比", [2012, 2013]) == [
        "定的几个预期目标2012年实际", "2013年定的几个预期目标"]
    # a topic typed after the year is the topic compared, not a stage
    assert all("城乡居民收入" in q for q in year_parts("1984年和1994年城乡居民收入比比看", [1984, 1994]))


def test_one_of_several_measures_shows_a_further_figure_the_documents_give_it(service: Service) -> None:
    answer = service.assistant.ask("长寿路23年招商引资 落地企业 重点项目 区税这些数分别多少")
    lines = answer.answer.splitlines()
    # 区税 is given twice: the new firms' 6011万元 and the existing firms' 8.45亿元, each with its sentence
    assert "区税：6011万元（长寿路街道，2023年）" in answer.answer, answer.answer
    further = [line for line in lines if line.startswith("另：")]
    assert any("8.45亿元" in line for line in further), answer.answer
    quotes = {c.n: c.quote for c in answer.citations}
    for line in further:  # each further figure is in the sentence it cites
        n = int(re.search(r"\[(\d+)\]$", line).group(1))
        assert line.removeprefix("另：").split("（")[0] in quotes[n], (line, quotes[n])


def test_a_list_its_chunk_cuts_off_is_read_on_in_the_next_chunk(reports_service: Service) -> None:
    """"主要预期目标是：…3.5%左右；" ends its chunk; the rest of the sentence (the jobs and
    unemployment targets) is quoted from the next chunk, cited there, and that chunk is shown."""
    answer = reports_service.assistant.ask("13年GDP CPI就业这些预期目标定的多少")
    rest = next((c for c in answer.citations if c.quote.startswith("城镇新增就业900万人以上")), None)
    assert rest is not None, answer.answer
    assert rest.quote.endswith("国际收支状况进一步改善。") and "低于4.6%" in answer.answer
    assert f"（接上文）“{rest.quote}”[{rest.n}]" in answer.answer
    shown = {c["chunk_id"]: c["text"] for c in answer.contexts}
    assert rest.quote in shown[rest.chunk_id]
    opened = next(c for c in answer.citations if c.quote.startswith("今年经济社会发展的主要预期目标是："))
    assert opened.chunk_id != rest.chunk_id and opened.quote in shown[opened.chunk_id]


def test_where_the_next_chunk_stops_repeating_the_last() -> None:
    from assistant.answerers.extractive import overlap_end

    assert overlap_end("甲乙。居民消费价格涨幅3.5%左右；", "居民消费价格涨幅3.5%左右；城镇新增就业") == 15
    assert overlap_end("甲乙丙丁。", "戊己庚辛。") == 0


@pytest.mark.parametrize(("question", "history", "rewritten"), [
    # a year with its stage and ask, then the year it is compared with: both years asked
    ("2017年目标定的多少 跟2016年比咋样", "五角场2016年社区总体就业率多少", "五角场2016年和2017年社区总体就业率多少"),
    # "对比一下" alone points back at the question before: asked of the new street and year, in its stage
    ("长寿路2023年实际做到多少 对比一下", "万里街道2020年12345热线目标 几个率各多少", "长寿路2023年12345热线实际 几个率各多少"),
    # its own question of another street, set beside the one before named by its street: both, in turn
    ("长寿路2023年劳动争议呢 跟五角场比咋样", "五角场2016年劳动仲裁案件多少件 调解成功率多少",
     "长寿路2023年劳动争议呢？五角场2016年劳动仲裁案件多少件 调解成功率多少"),
    # a new year asked only stages and verbs: the measure before, in that year
    ("那2024年呢 计划换多少家 目标多少", "长寿路2023年业委会换届完成了多少个 应换尽换率多少", "长寿路2024年业委会换届 计划换多少家 目标多少"),
    # a follow-up naming the plan period its figures are of keeps the report, not the year before
    ("十五定的年均增速目标多少 比九五实际低多少", "2001年报告里九五期间 gdp和财政收入2000年各到多少",
     "2001年报告十五定的年均增速目标多少 比九五实际低多少"),
    # a year set beside as the base of a comparison is no new year asked: the measure before, in its
    # report and year, against that base
    ("比1993年少了多少 今年目标定的多少", "1995年报告里1994年粮食产量多少", "1995年报告里1994年粮食产量 比1993年少了多少 今年目标定的多少"),
    ("比2015年多多少", "五角场2016年拆违多少平方米", "五角场2016年拆违 比2015年多多少"),
    # ... and measures asked before, each asked its change against that base
    ("比1980年预计各多出多少", "1980年报告1981年计划自行车 缝纫机 手表产量定的多少",
     "1980年报告1981年计划自行车 缝纫机 手表产量 比1980年预计各多出多少"),
    # the clauses before a year that opens a later clause are of the year asked before
    ("应换尽换率多少 2024年要到多少", "长寿路2023年业委会换届完成了多少个小区", "长寿路2023年应换尽换率多少 2024年要到多少"),
    # a count with its measure word and nothing after it counts what the question before counted
    ("那设备更新维护了多少个 2021年计划更新几个", "金杨2020年新建了几个健身点",
     "金杨2020年设备更新维护了多少个健身点 2021年计划更新几个健身点"),
])
def test_a_follow_up_comparing_with_the_question_before(question: str, history: str, rewritten: str) -> None:
    from assistant.followup import rewrite

    assert rewrite(question, [history], ["长寿路街道", "万里街道", "五角场街道"]) == rewritten


def test_a_report_said_once_frames_every_clause_after_it() -> None:
    """"2000年报告里…，贫困人口减少了多少": the second clause is of that report (whose figures are
    1999's), not of the year 2000; its label says neither."""
    from assistant.parts import topic_parts

    parts = topic_parts("2000年报告里农民纯收入跟城镇可支配收入实际增长多少，贫困人口减少了多少")
    assert parts == [("农民纯收入跟城镇可支配收入实际增长多少", "2000年报告里农民纯收入跟城镇可支配收入实际增长多少"),
                     ("贫困人口减少了多少", "2000年报告里 贫困人口减少了多少")]


def test_a_change_said_in_one_character_is_read_as_the_reports_write_it() -> None:
    from core.textnorm import normalize_question

    assert normalize_question("00年报告里贫困人口减了多少") == "2000年报告里贫困人口减少了多少"
    assert normalize_question("岗位增了几个") == "岗位增加了几个"
    assert normalize_question("机构精减了多少") == "机构精减了多少"  # 精减 is a word of its own


def test_only_the_change_asked_is_answered_by_the_change() -> None:
    """"79年新建职工住宅比上年增长多少": the level beside it ("6，256万平方米") is no answer; the level
    is where the level is asked."""
    from assistant.answerers.extractive import best_quantity
    from assistant.answerers.topic_fit import topic_weights

    sentence = "1979年新建职工住宅6，256万平方米，比上年增长66％，这是建国以来新建职工住宅最多的一年。"
    for question, figure in [("1980年报告1979年新建职工住宅比上年增长多少", "66％"),
                             ("1980年报告1979年新建职工住宅多少", "6，256万平方米")]:
        q = understand(question)
        found = best_quantity(q, sentence, topic_weights(q))
        assert found is not None and found[1] == figure, (question, found)


def test_a_sibling_measure_is_told_apart_by_its_own_words() -> None:
    from assistant.answerers.extractive import _told_apart

    assert _told_apart("gdp年均增长", "财政收入年均增长") == "gdp"
    assert _told_apart("财政收入", "财政收入年均增长") == "财政收入"  # nothing of its own: the whole name


def test_three_stages_of_a_report_are_a_part_each_in_their_years() -> None:
    """"95年报告 物价 原来定的控制目标和实际涨幅 今年目标多少": the target and the result joined are
    each asked, of the year the report looks back on; this year's target of the report's own."""
    from assistant.parts import topic_parts

    parts = topic_parts("95年报告 物价 原来定的控制目标和实际涨幅 今年目标多少")
    assert [label for label, _ in parts] == ["原定的控制目标多少", "实际涨幅多少", "今年目标多少"]
    assert [("1994年" in asked, "95年报告" in asked) for _, asked in parts] == [(True, True), (True, True), (False, True)]


def test_a_target_and_result_set_side_by_side_then_a_stage_of_another_year() -> None:
    """"94年物价涨幅 年初目标和实际比一比 95年目标定多少": the target (set at the year's start) and
    the result of 1994, each a part, then 1995's target — of 1995 only."""
    from assistant.parts import topic_parts

    parts = topic_parts("94年物价涨幅 年初目标和实际比一比 95年目标定多少")
    assert [label for label, _ in parts] == ["物价涨幅目标多少", "物价涨幅实际多少", "物价涨幅目标定多少"]
    assert [("94年" in asked, "95年" in asked) for _, asked in parts] == [(True, False), (True, False), (False, True)]


def test_each_stage_of_each_measure_joined_is_a_part() -> None:
    """"gdp和财政收入2000年各到多少 年均增长多少": both measures, each its level and its growth."""
    from assistant.parts import topic_parts

    parts = topic_parts("01年报告里九五期间 gdp和财政收入2000年各到多少 年均增长多少")
    assert [label for label, _ in parts] == ["gdp", "财政收入", "gdp年均增长", "财政收入年均增长"]
    assert all("2000年" in asked and "01年报告" in asked for _, asked in parts)


def test_a_half_year_typed_without_its_year_mark() -> None:
    from core.textnorm import half_years, normalize_question

    assert normalize_question("80上半年施工面积呢") == "1980年上半年施工面积呢"
    assert half_years("80上半年施工面积") == "80年上半年施工面积"
    assert normalize_question("1980年上半年") == "1980年上半年"


def test_spending_more_is_read_as_the_reports_write_it() -> None:
    from core.textnorm import normalize_question

    assert normalize_question("中央财政多花了多少") == "中央财政增加支出多少"


def test_a_further_figure_stands_in_a_sentence_naming_its_measure(reports_service: Service) -> None:
    """Two measures each with its change: a further figure for one is never the other measure's
    (城镇居民 12.5% shown again under 农民) nor another measure's of the next sentence (社会商品零售总额)."""
    answer = reports_service.assistant.ask("85年报告 84年城镇居民人均生活费收入 农民人均纯收入 各多少 涨了多少")
    lines = answer.answer.splitlines()
    assert any(line.startswith("城镇居民人均生活费收入：六百零八元") for line in lines)
    assert any(line.startswith("农民人均纯收入增长：１４．７％") for line in lines)
    assert not any(line.startswith("另：") and ("１７．８％" in line or "１２．５％" in line) for line in lines), answer.answer


def test_a_year_said_with_a_stage_alone_asks_that_years_figure() -> None:
    """"…应换尽换率多少 24年目标": the last clause asks 2024's target of the measure framed first."""
    from assistant.parts import topic_parts

    parts = topic_parts("长寿路业委会换届 23年完成几个 应换尽换率多少 24年目标", ["长寿路街道"])
    assert [label for label, _ in parts] == ["业委会换届完成几个", "应换尽换率多少", "业委会换届目标"]
    assert parts[2][1] == "长寿路业委会换届 24年 目标"


def test_a_measure_set_side_by_side_asks_its_figures_beside_another_clause() -> None:
    """"…年初年末对比一下 中央财政多花了多少": two clauses, each asking its own measure's figures."""
    from assistant.parts import topic_parts

    parts = topic_parts("02年报告 城市低保覆盖人数年初年末对比一下 中央财政多花了多少")
    assert [label for label, _ in parts] == ["城市低保覆盖人数年初年末", "中央财政多花了多少"]
    assert all("02年" in asked and "报告" in asked for _, asked in parts)


def test_the_accumulation_rate_is_found_where_a_report_names_it_in_full(reports_service: Service) -> None:
    """The 1985 report writes 积累率 as "积累在国民收入中所占的比重"; asked by its short name, it is found."""
    answer = reports_service.assistant.ask("85年报告 81年积累率多少")
    assert not answer.refused and answer.answer.splitlines()[0].startswith("２８．５％"), answer.answer


def test_a_span_from_a_year_on_is_when_not_what() -> None:
    from core.understand import topic_of

    assert topic_of("1978年以后积累率", [], []) == "积累率"


def test_a_share_of_the_measure_asked_is_not_the_measure() -> None:
    """"2012年GDP多少": "研发经费支出占国内生产总值的比重…1.97%" gives no GDP; asked as a share, it does."""
    from assistant.answerers.extractive import best_quantity
    from assistant.answerers.topic_fit import topic_weights

    sentence = "全社会研究与试验发展经费支出占国内生产总值的比重由2007年的1.4%提高到2012年的1.97%，企业研发活动支出占比超过74%。"
    gdp = understand("2012年国内生产总值多少")
    found = best_quantity(gdp, sentence, topic_weights(gdp))
    assert found is None or found[1] != "1.97%", found
    share = understand("2012年研发经费支出占国内生产总值的比重多少")
    assert best_quantity(share, sentence, topic_weights(share))[1] == "1.97%"


def test_a_measure_typed_with_a_homophone_slip_is_answered_and_said(reports_service: Service) -> None:
    """"13年财正赤字多少": the report writes 财政赤字; the answer gives it and says how it read the word."""
    answer = reports_service.assistant.ask("13年财正赤字多少")
    assert not answer.refused and "1.2万亿元" in answer.answer, answer.answer
    assert any("“财正”为“财政”" in note for note in answer.notes)
