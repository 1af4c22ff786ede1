"""Guardrails on any model's answer (issue 19): a local OpenAI-compatible server plays
back adversarial answers, streamed like a hosted API, and each must end as a
correct answer or the extractive fallback, with ``checks`` saying why. Fast tier:
real index parts over the bundled corpus, no model."""

from __future__ import annotations

import re

import pytest

from assistant.answer import Answer, Citation
from assistant.answerers import registry
from assistant.chain import Assistant
from assistant.guardrails import disagreement, has_content
from core.types import Passage
from core.understand import understand
from tests.servers import ScriptedChatServer, passage_number

QUESTION = "长寿路2023年加梯完成多少台"


def test_a_grounded_answer_is_kept_and_says_what_ran(fast_llm: Assistant, scripted_model: ScriptedChatServer) -> None:
    scripted_model.reply = f"长寿路街道2023年加梯完工11台[{passage_number(fast_llm, QUESTION, '完工11台')}]。"
    answer = fast_llm.ask(QUESTION)
    assert answer.backend == "llm" and "11台" in answer.answer
    assert answer.checks["failed"] == [] and {"content", "refusal", "numbers", "agreement"} <= set(answer.checks["ran"])


def test_a_wrong_refusal_gives_way_to_the_passages(fast_llm: Assistant, scripted_model: ScriptedChatServer) -> None:
    scripted_model.reply = "现有文件中未找到长寿路街道2023年加梯的情况。"
    answer = fast_llm.ask(QUESTION)
    assert not answer.refused and "11台" in answer.answer and answer.checks["failed"] == ["refusal"]
    assert "未找到答案，但文件中有相关内容" in answer.notes[-1]


def test_a_right_refusal_stands(fast_llm: Assistant, scripted_model: ScriptedChatServer) -> None:
    scripted_model.reply = "现有文件中未找到长寿路街道2023年宠物医院的数量。"
    answer = fast_llm.ask("长寿路2023年宠物医院有多少家")
    assert answer.refused and answer.backend == "llm" and answer.checks["failed"] == []


@pytest.mark.parametrize("reply", ["[1] [2]", "根据以上段落：[1]。", "The elevators completed: 11 units [1]."])
def test_markers_boilerplate_or_english_are_no_answer(
    fast_llm: Assistant, scripted_model: ScriptedChatServer, reply: str
) -> None:
    scripted_model.reply = reply
    answer = fast_llm.ask(QUESTION)
    assert answer.backend == "llm→extractive" and answer.checks["failed"] == ["content"] and "11台" in answer.answer


def test_the_right_figure_under_the_wrong_citation_is_recited(
    fast_llm: Assistant, scripted_model: ScriptedChatServer
) -> None:
    scripted_model.reply = f"长寿路街道2023年加梯完工11台[{passage_number(fast_llm, QUESTION, without='11台')}]。"
    answer = fast_llm.ask(QUESTION)
    assert answer.backend == "llm" and any("re-cited" in c for c in answer.checks["changed"])
    assert any("完工11台" in c.quote for c in answer.citations) and "更正引用" in answer.notes[-1]


def test_an_invented_number_replaces_the_answer(fast_llm: Assistant, scripted_model: ScriptedChatServer) -> None:
    scripted_model.reply = f"长寿路街道2023年加梯完工99台[{passage_number(fast_llm, QUESTION, '完工11台')}]。"
    answer = fast_llm.ask(QUESTION)
    assert answer.backend == "llm→extractive" and answer.checks["failed"] == ["numbers"] and "99" not in answer.answer


def test_a_figure_of_another_stage_is_caught(fast_llm: Assistant, scripted_model: ScriptedChatServer) -> None:
    """开工13台 stated for a question about 完工: the number is in the cited sentence, at another stage."""
    scripted_model.reply = f"长寿路街道2023年加梯完工13台[{passage_number(fast_llm, QUESTION, '完工11台')}]。"
    answer = fast_llm.ask("长寿路2023年加梯完工多少台")
    assert answer.backend == "llm→extractive" and answer.checks["failed"] == ["agreement"]
    assert "11台" in answer.answer


def test_a_truncated_stream_or_a_hanging_server_falls_back(
    fast_llm: Assistant, scripted_model: ScriptedChatServer
) -> None:
    scripted_model.reply = f"长寿路街道2023年加梯完工11台[{passage_number(fast_llm, QUESTION, '完工11台')}]。"
    scripted_model.truncate = True
    cut = fast_llm.ask(QUESTION)
    assert cut.backend == "llm→extractive" and "11台" in cut.answer and cut.checks["failed"]
    scripted_model.truncate, scripted_model.delay = False, 2.5
    hung = fast_llm.ask(QUESTION)
    assert hung.backend == "llm→extractive" and "不可用" in hung.notes[-1] and hung.checks["failed"] == ["model"]


# -- the checks as pure functions ------------------------------------------------------
def test_content_needs_chinese_words() -> None:
    assert has_content("长寿路街道2023年加梯完工11台[1]。")
    assert not has_content("[1][2]") and not has_content("根据段落：[1]") and not has_content("11 units [1]")


def test_another_years_sentence_disagrees() -> None:
    p = Passage(chunk_id="c", text="2024年计划完成加梯20台。", street="长寿路街道", year=2024)
    answer = Answer(
        question="q",
        rewritten_question="q",
        answer="2023年完成加梯20台[1]",
        refused=False,
        citations=[Citation(1, "s", "t", "长寿路街道", 2024, "", "c", "2024年计划完成加梯20台。")],
    )
    assert "2023" in disagreement(answer, understand("长寿路2023年加梯多少台"), {"c": p})
    assert disagreement(answer, understand("长寿路2024年加梯多少台"), {"c": p}) == ""
    assert "长寿路街道" in disagreement(answer, understand("五角场2024年加梯多少台"), {"c": p})


def test_a_figure_from_a_sentence_about_something_else_is_replaced(fast_llm: Assistant,
                                                                     scripted_model: ScriptedChatServer) -> None:
    """The 1.5B model's real mistake: "走访调研了2家重点企业", the 2 taken from "动员2家重点企业助力脱贫攻坚"."""
    question = "金杨新村街道2020年走访调研了多少家重点企业"
    scripted_model.reply = f"金杨新村街道2020年走访调研了2家重点企业[{passage_number(fast_llm, question, '动员2家')}]。"
    answer = fast_llm.ask(question)
    # caught as a figure outside the sentences the extractive answerer chose ("held"), before "figure"
    assert answer.backend == "llm→extractive" and answer.checks["failed"] == ["held"] and "36家" in answer.answer


def test_a_figure_for_a_question_the_documents_cannot_answer_is_replaced(fast_llm: Assistant,
                                                                          scripted_model: ScriptedChatServer) -> None:
    """The 1.5B model's other real mistake: an unanswerable figure answered with another item's number."""
    question = "长寿路2023年宠物医院有多少家"
    passages = registry.backend_of(fast_llm.answerer("llm")).passages(fast_llm.prepare(question))
    n, figure = next((i, m.group()) for i, p in enumerate(passages, 1)
                     for m in [re.search(r"(?<![\d.])[1-9]\d{0,3}(?=[个家人次项处台名])", p.text)] if m)
    scripted_model.reply = f"长寿路街道2023年宠物医院有{figure}家[{n}]。"
    answer = fast_llm.ask(question)
    assert answer.refused and answer.checks["failed"] == ["figure"]


def test_a_part_left_unanswered_replaces_the_answer(fast_llm: Assistant, scripted_model: ScriptedChatServer) -> None:
    """The 1.5B model on "2016年和2017年分别…": it answered 2016 only, citing 2016's sentence."""
    question = "五角场2016年和2017年在健身苑点上分别做了什么"
    scripted_model.reply = f"五角场街道2016年更新社区健身苑点10处[{passage_number(fast_llm, question, '苑点10处')}]。"
    answer = fast_llm.ask(question)
    assert answer.backend == "llm→extractive" and answer.checks["failed"] == ["parts"]
    assert "10处" in answer.answer and "8处" in answer.answer and "漏答了" in answer.notes[-1]


def test_a_date_that_is_not_the_documents_is_replaced() -> None:
    """Another date of the same passage ("1999年12月20日", 澳门's) for a question about 香港's."""
    from assistant.guardrails import guard

    text = "到1997年7月1日我国对香港恢复行使主权，1999年12月20日对澳门恢复行使主权。"
    passage = Passage(chunk_id="c", text=text, doc_id="d", source="1995.txt", title="1995年报告", street="",
                      year=1995, rank=1)
    query = understand("1995年报告中我国对香港恢复行使主权的日期是哪天")

    def cited(said: str) -> Answer:
        return Answer(question=query.question, rewritten_question=query.question, answer=said, refused=False,
                      citations=[Citation(n=1, source="1995.txt", title="1995年报告", street="", year=1995, section="",
                                          chunk_id="c", quote=text)], contexts=[passage.context()])

    right = cited("1997年7月1日[1]")
    wrong = guard(cited("我国于1999年12月20日对香港恢复行使主权[1]。"), query, [passage], lambda: right)
    assert wrong.checks["failed"] == ["date"] and wrong.answer == "1997年7月1日[1]"
    kept = guard(cited("1997年7月1日，我国对香港恢复行使主权[1]。"), query, [passage], lambda: right)
    assert kept.checks["failed"] == [] and "date" in kept.checks["ran"]


def test_a_figure_put_in_the_wrong_year_is_caught() -> None:
    """The 1.5B model on "五角场2016年和2017年在健身苑点上分别做了什么": 2017's planned 8处 stated as 2016's."""
    from assistant.guardrails import misdated_figure

    done = Passage(chunk_id="a", text="更新社区健身苑点10处。", doc_id="d", source="s", title="t", street="五角场街道",
                   year=2016, rank=1)
    plan = Passage(chunk_id="b", text="更新8处健身苑点设施。", doc_id="d", source="s", title="t", street="五角场街道",
                   year=2017, rank=2)
    cites = [Citation(n=1, source="s", title="t", street="五角场街道", year=2016, section="", chunk_id="a",
                      quote="更新社区健身苑点10处。"),
             Citation(n=2, source="s", title="t", street="五角场街道", year=2017, section="", chunk_id="b",
                      quote="更新8处健身苑点设施。")]
    passages = {"a": done, "b": plan}

    def said(text: str) -> Answer:
        return Answer(question="q", rewritten_question="q", answer=text, refused=False, citations=cites)

    assert "8" in misdated_figure(said("五角场2016年更新8处健身苑点设施[1][2]。"), passages, [2016, 2017])
    assert misdated_figure(said("2016年更新10处[1]；2017年计划更新8处[2]。"), passages, [2016, 2017]) == ""


def test_a_list_missing_items_is_replaced(fast_llm: Assistant, scripted_model: ScriptedChatServer) -> None:
    """The 1.5B model listed 7 of the 8 市容景观 projects; the extractive list has them all."""
    question = "金杨新村街道2021年实事项目有哪些"
    n = passage_number(fast_llm, question, "维修更新路灯")
    scripted_model.reply = f"为香山七居等4个居民区维修更新路灯、为灵山三居等2个居民区疏通污水管网[{n}]。"
    answer = fast_llm.ask(question)
    assert answer.backend == "llm→extractive" and answer.checks["failed"] == ["items"]
    assert "- 为黄山三居等4个居民区更新防盗门" in answer.answer


def test_a_figure_from_outside_the_chosen_sentences_is_replaced(fast_llm: Assistant,
                                                                  scripted_model: ScriptedChatServer) -> None:
    """The 1.5B model on "加梯这块长寿路和金杨各做了多少": 金杨's 6部 given as another passage's 12."""
    question = "长寿路和金杨新村街道加装电梯分别多少"
    n = passage_number(fast_llm, question, "完工11台")
    other = next(i for i, p in enumerate(registry.backend_of(fast_llm.answerer("llm")).passages(fast_llm.prepare(question)), 1)
                 if re.search(r"(?<![\d.])12(?![\d.])", p.text))
    scripted_model.reply = f"长寿路街道完工11台[{n}]，金杨新村街道12台[{other}]。"
    answer = fast_llm.ask(question)
    # the clause gives 12 to 金杨 while 金杨's chosen sentence says 6部: caught as a misplaced figure
    assert answer.backend == "llm→extractive" and answer.checks["failed"] == ["agreement"], answer.checks
    assert "6部" in answer.answer and "金杨新村街道的数字 12" in answer.notes[-1]


def test_a_figure_given_to_the_wrong_street_is_caught() -> None:
    """The 1.5B model: "五角场为94.5%，长寿路为73.8%" where 73.8% is not in 长寿路's sentence."""
    from assistant.guardrails import misplaced_figure

    a = Passage(chunk_id="a", text="调解成功率94.5%，结案率73.8%。", doc_id="d", source="s", title="t",
                street="五角场街道", year=2016, rank=1)
    b = Passage(chunk_id="b", text="调解成功率81.2%。", doc_id="e", source="s", title="t", street="长寿路街道",
                year=2023, rank=2)
    found = Answer(question="q", rewritten_question="q", answer="", refused=False, citations=[
        Citation(n=1, source="s", title="t", street="五角场街道", year=2016, section="", chunk_id="a", quote=a.text),
        Citation(n=2, source="s", title="t", street="长寿路街道", year=2023, section="", chunk_id="b", quote=b.text)])

    def said(text: str) -> Answer:
        return Answer(question="q", rewritten_question="q", answer=text, refused=False)

    streets = ["五角场街道", "长寿路街道"]
    assert "73.8" in misplaced_figure(said("五角场为94.5%[1]，长寿路为73.8%[1]。"), found, {"a": a, "b": b}, streets)
    assert misplaced_figure(said("五角场为94.5%[1]，长寿路为81.2%[2]。"), found, {"a": a, "b": b}, streets) == ""


@pytest.mark.parametrize(("text", "caught"), [
    ("群租整治五角场比长寿路多37次[2]。", True),
    ("长寿路比五角场高出 5 个百分点[1]。", True),
    ("五角场32处[1]，长寿路37次[2]。", False),
    ("比上年增长12%[1]。", False),  # a quoted growth rate, not a difference between the parts
])
def test_a_computed_difference_is_no_quoted_figure(text: str, caught: bool) -> None:
    from assistant.guardrails import computed_difference

    assert bool(computed_difference(text)) is caught
