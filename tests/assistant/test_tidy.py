"""The last touch on every answer: identical quotes cited once, a document named once."""

from __future__ import annotations

import pytest

from assistant.answer import Answer, Citation
from assistant.service import Service
from assistant.tidy import merge_identical_citations, name_documents_once, quote_each_sentence_once, short_title

LONG = "推动城市治理现代化 开创城市建设新局面 奋力打造更高品质美好金杨 ——金杨新村街道办事处2020年工作报告"


def _cite(n: int, quote: str, chunk: str = "c1", title: str = LONG) -> Citation:
    return Citation(n=n, source="002.txt", title=title, street="金杨新村街道", year=2020, section="", chunk_id=chunk,
                    quote=quote)


@pytest.mark.parametrize(("title", "short"), [
    (LONG, "金杨新村街道办事处2020年工作报告"),
    ("2024年长寿路街道社区代表会议报告", "2024年长寿路街道社区代表会议报告"),
    ("关于进一步加强和改进新时代社区治理与服务体系建设的若干意见和具体措施", "关于进一步加强和改进新时代社区治理与服务体系建设的若干意见和具体措施"[:24] + "…"),
    ("凝心聚力 砥砺前行——五角场街道二〇一七年工作计划", "五角场街道二〇一七年工作计划"),
])
def test_short_title_is_the_part_that_names_the_document(title: str, short: str) -> None:
    assert short_title(title) == short


def test_the_same_sentence_is_cited_once_and_the_rest_renumbered() -> None:
    answer = Answer(question="q", rewritten_question="q", refused=False, answer="甲[1]\n乙[2]\n丙[3]",
                    citations=[_cite(1, "甲句。"), _cite(2, "甲句。"), _cite(3, "丙句。", "c2")],
                    rows=[{"place": "金杨", "citation": 3}], declined=["丙[3]"])
    out = merge_identical_citations(answer)
    assert [c.n for c in out.citations] == [1, 2]
    assert [c.quote for c in out.citations] == ["甲句。", "丙句。"]
    assert out.answer == "甲[1]\n乙[1]\n丙[2]"
    assert out.rows[0]["citation"] == 2 and out.declined == ["丙[2]"]


def test_a_sentence_giving_several_figures_is_quoted_once() -> None:
    sentence = "平台提供岗位800个,职业技能培训1038人,促进就业200余人。"
    lines = ["岗位：800个（金杨新村街道，2020年）[1]", f"依据《{LONG}》：“{sentence}”[1]",
             "培训：1038人（金杨新村街道，2020年）[1]", f"依据《{LONG}》：“{sentence}”[1]",
             "另：82名（金杨新村街道，2020年）[2]", f"依据《{LONG}》：“为82名残疾人提供技能培训。”[2]",
             f"据《{LONG}》（金杨新村街道，2020年）：“{sentence}”[1]"]
    out = quote_each_sentence_once(Answer(question="q", rewritten_question="q", refused=False, answer="\n".join(lines),
                                          citations=[_cite(1, sentence), _cite(2, "为82名残疾人提供技能培训。", "c2")]))
    # each figure keeps its line and [n]; the sentence is written out under the first only
    assert out.answer.split("\n") == lines[:3] + lines[4:6]


def test_one_sentence_cited_for_two_years_it_never_writes_stays_two_citations() -> None:
    """The year an answer labels a figure with must be one its citation gives (the number check
    reads it there): "覆盖人数由年初的400多万人…" cited near a refusal as the 2002 report's and as
    2001's figure keeps both years; cited twice for one year, or for years it writes, it is one."""
    near, figure = _cite(1, "覆盖人数由年初的400多万人扩大到年末的1120多万人。"), _cite(2, "覆盖人数由年初的400多万人扩大到年末的1120多万人。")
    near.year, figure.year = 2002, 2001
    out = merge_identical_citations(Answer(question="q", rewritten_question="q", refused=False, answer="未找到[1]\n甲（2001年）[2]",
                                           citations=[near, figure]))
    assert [c.year for c in out.citations] == [2002, 2001] and out.answer == "未找到[1]\n甲（2001年）[2]"
    written = [_cite(1, "从2007年的639亿元增加到2012年的1923亿元。"), _cite(2, "从2007年的639亿元增加到2012年的1923亿元。")]
    written[0].year, written[1].year = 2007, 2012
    out = merge_identical_citations(Answer(question="q", rewritten_question="q", refused=False, answer="甲[1]\n乙[2]",
                                           citations=written))
    assert len(out.citations) == 1 and out.answer == "甲[1]\n乙[1]"


def test_a_repeated_marker_after_a_merge_is_written_once() -> None:
    answer = Answer(question="q", rewritten_question="q", refused=False, answer="甲[1][2]",
                    citations=[_cite(1, "甲句。"), _cite(2, "甲句。")])
    assert merge_identical_citations(answer).answer == "甲[1]"


def test_a_document_is_named_once_by_its_short_name() -> None:
    answer = Answer(question="q", rewritten_question="q", refused=False,
                    answer=(f"据《{LONG}》（金杨新村街道，2020年）：“甲句。”[1]\n"
                            f"据《{LONG}》（金杨新村街道，2020年）：“丙句。”[2]\n"
                            "依据《2024年长寿路街道社区代表会议报告》：“丁句。”[3]\n"
                            f"依据《{LONG}》：“戊句。”[4]"),
                    citations=[_cite(1, "甲句。"), _cite(2, "丙句。", "c2"),
                               _cite(3, "丁句。", "c3", "2024年长寿路街道社区代表会议报告"), _cite(4, "戊句。", "c4")])
    lines = name_documents_once(answer).answer.split("\n")
    assert lines[0] == "据《金杨新村街道办事处2020年工作报告》（金杨新村街道，2020年）：“甲句。”[1]"
    assert lines[1] == "据同一文件：“丙句。”[2]"
    assert lines[2].startswith("依据《2024年长寿路街道社区代表会议报告》")
    assert lines[3].startswith("依据《金杨新村街道办事处2020年工作报告》")  # another document came between
    assert all(LONG not in line for line in lines)


def test_answers_from_the_chain_are_tidied(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("金杨2020年垃圾分类做得怎么样")
    assert not answer.refused and LONG not in answer.answer
    assert len({(c.chunk_id, c.quote) for c in answer.citations}) == len(answer.citations)
    assert all(LONG == c.title for c in answer.citations if c.street == "金杨新村街道")
