"""A document named in a question by the words of its title (core.doc_names)."""

from __future__ import annotations

import pytest

from core.doc_names import named_document
from core.textnorm import normalize_question
from core.understand import understand

TITLES = {
    "putuo": "关于印发《普陀区创新社会治理加强基层建设2017年重点工作项目安排》的通知",
    "jinyang": "推动城市治理现代化 开创城市建设新局面 奋力打造更高品质美好金杨 ——金杨新村街道办事处2020年工作报告",
    "changshou": "2024年长寿路街道社区代表会议报告",
    "r1999": "1999年中华人民共和国国务院政府工作报告",
    "r1960": "1960年中華人民共和國國務院政府工作報告",
    "r2000": "2000年中华人民共和国国务院政府工作报告",
}


@pytest.mark.parametrize(("question", "doc", "mention"), [
    ("普陀区2017年创新社会治理重点项目安排里，推进机制要落实哪几项制度？", "putuo", "普陀区2017年创新社会治理重点项目安排里"),
    ("普陀17年创新社会治理那个项目安排里，推进机制要落实哪几项制度", "putuo", "普陀2017年创新社会治理那个项目安排里"),
    ("长寿路街道社区代表会议报告里加梯多少台", "changshou", "长寿路街道社区代表会议报告里"),
    # a year, a place or a document type names no document by itself (years name reports elsewhere)
    ("2000年政府工作报告 1999年国家财政收入是多少", None, ""),
    ("1960年政府工作报告讲了哪几部分", None, ""),
    ("金杨2020年工作报告里垃圾分类怎么做的", None, ""),
    # one phrase of a slogan title is a topic, not the document's name
    ("金杨2020年城市治理现代化做了哪些工作", None, ""),
])
def test_a_document_is_named_by_its_distinctive_title_words(question: str, doc: str | None, mention: str) -> None:
    q = normalize_question(question)
    named = named_document(q, TITLES, ("普陀区", "普陀", "长寿路街道", "长寿路", "金杨新村街道", "金杨"))
    assert (named.doc_id if named else None) == doc
    assert (q[named.start:named.end] if named else "") == mention


def test_the_words_naming_the_document_are_not_searched() -> None:
    query = understand("普陀区2017年创新社会治理重点项目安排里，推进机制要落实哪几项制度？", [], TITLES)
    assert query.document == "putuo"
    assert "创新社会治理" not in query.searched and "推进机制" in query.searched
    assert "创新社会治理" not in query.search_text
    plain = understand("普陀区2017年创新社会治理重点项目安排里，推进机制要落实哪几项制度？")
    assert plain.document == "" and plain.searched == plain.question


def test_yearly_editions_are_told_apart_by_the_year_asked() -> None:
    titles = {**TITLES, "putuo2016": "关于印发《普陀区创新社会治理加强基层建设2016年重点工作项目安排》的通知"}
    q = normalize_question("普陀区2017年创新社会治理重点项目安排里，推进机制要落实哪几项制度？")
    named = named_document(q, titles, ("普陀区", "普陀"))
    assert named is not None and named.doc_id == "putuo"
    assert named_document(normalize_question("创新社会治理重点项目安排里，推进机制要落实哪几项制度？"), titles) is None


def test_a_title_that_is_all_the_question_asks_of_is_still_searched() -> None:
    query = understand("金杨2020年在推动城市治理现代化、开创城市建设新局面方面做了啥", ["金杨新村街道"], TITLES)
    assert query.mention == "" and "城市治理现代化" in query.searched
