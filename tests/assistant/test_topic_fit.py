"""Whether a sentence names the asked topic: staff short forms count, another noun
with the asked head does not. Pure functions over text: no index, no model."""

from __future__ import annotations

import pytest

from assistant.answerers.topic_fit import abbreviates, rival_modifier
from core.understand import understand


@pytest.mark.parametrize(("short", "text", "found"), [
    ("文化墙", "新建文化围墙8处", True),
    ("家医", "家庭医生签约率100%", True),
    ("宣传册", "制作反诈宣传手册5000余份", True),
    ("家医", "家门口服务站和社区医院", False),  # too far apart to be one word
    ("国防", "今年拟安排财政赤字", False),
])
def test_short_forms(short: str, text: str, found: bool) -> None:
    assert abbreviates(short, text) is found


@pytest.mark.parametrize(("topic", "text", "rival"), [
    ("棉花总产量", "粮食总产量4564亿公斤", True),
    ("棉花总产量", "除棉花和糖料减产外，粮食总产量4564亿公斤", False),  # the asked modifier is there
    ("春节帮困资金", "共计发放帮困资金61.67万元", False),  # a verb before the head is no rival
    ("家医签约率", "家庭医生签约率100%", False),  # a short form is no rival
])
def test_rival_modifier(topic: str, text: str, rival: bool) -> None:
    assert rival_modifier(topic, text) is rival


def test_a_figure_quoted_in_the_question_anchors_its_sentence_a_name_does_not() -> None:
    from assistant.answerers.topic_fit import topic_weights
    from core.understand import understand

    quoted = topic_weights(understand("金杨2021年实事项目3100万准备干哪些"))
    named = topic_weights(understand("12345热线几个街道的数据对比下"))
    assert quoted["3100"] > max(w for t, w in quoted.items() if t != "3100")
    assert named["12345"] < named["热线"]


def test_a_compound_head_alone_earns_part_of_the_compound() -> None:
    from assistant.answerers.topic_fit import HEAD_CREDIT, compound_head, hit

    assert compound_head("老年助餐") == "助餐" and compound_head("总产量") == ""
    assert compound_head("加装电梯") == "" and compound_head("垃圾分类") == ""  # a verb before it; a common head
    weights = {"老年助餐": 2.0}
    assert hit(weights, set(), "全年提供助餐4万人次") == HEAD_CREDIT * 2.0
    assert hit(weights, set(), "新增2个社区老年人助餐点") == 2.0  # the whole compound, abbreviated in order
    assert hit(weights, set(), "完成30户无障碍改造") == 0.0


def test_a_synonym_phrase_is_one_topic_token_and_a_repeated_verb_is_none() -> None:
    from assistant.answerers.topic_fit import content_tokens

    assert content_tokens(understand("1994年报告定的经济增长目标是多少")) == ["经济增长", "目标"]
    assert content_tokens(understand("五角场拆违这块拆了多少")) == ["拆违"]


@pytest.mark.parametrize(("word", "text", "found"), [
    ("gdp", "国内生产总值年均增长9.3%", True),  # staff's name for the measure, the document's own
    ("外资", "外商直接投资４６８亿美元", True),
    ("外资", "外汇储备２１２２亿美元", False),
    ("治河", "深入落实“河长制”,加快实施虬江、东走马塘、小吉浦河整治", True),
    ("花钱", "2021年计划投入资金约3100万元", True),
    ("残疾人", "暖心举措助残帮困", True),
    ("居委", "为香山七居等4个居民区维修更新路灯", True),
])
def test_a_topic_word_is_said_as_written_or_by_its_staff_synonym(word: str, text: str, found: bool) -> None:
    from assistant.answerers.topic_fit import said

    assert said(word, text) is found


def test_a_change_typed_as_one_character_is_said_inside_the_word_that_writes_it() -> None:
    from assistant.answerers.topic_fit import covered

    assert covered("涨", set(), "虽然做了很大努力，涨幅仍然高达百分之二十一点七")
    assert not covered("涨", set(), "国内生产总值增长百分之十一点八")


@pytest.mark.parametrize(("sentence", "by_reference"), [
    ("从国内国际的形势看，今后的十年，是实现上述两步设想的关键的十年。", True),
    ("这样就可以为在一九八○年以前实现上述的第一步设想打下更牢固的基础。", True),
    ("我国国民经济的发展，可以按两步来设想：第一步，用十五年时间…", False),  # where it is stated
    ("按照上述要求，做好加梯工作。", False),  # points back at something else
])
def test_a_topic_named_as_stated_before(sentence: str, by_reference: bool) -> None:
    from assistant.answerers.extractive import _named_by_reference
    from assistant.answerers.topic_fit import topic_weights

    assert _named_by_reference(sentence, topic_weights(understand("75年报告里两步走设想咋说的"))) == by_reference
