"""Words typed by sound with a wrong character are read as the index's word (pinyin input slips)."""

from __future__ import annotations

from assistant.homophones import Homophones, sound_of


def test_a_word_the_index_never_holds_is_read_as_the_one_it_sounds_like() -> None:
    heard = Homophones(["财政", "收入", "外汇", "储备", "煤炭", "石油", "换届", "加梯"])
    assert sound_of("财正") == sound_of("财政") == "cai zheng"
    assert heard.correct("99到01年国家财正收入分别多少") == "99到01年国家财政收入分别多少"
    assert heard.corrected("外汇储背 煤碳石油") == [("储背", "储备"), ("煤碳", "煤炭")]


def test_a_word_the_index_holds_or_sounds_like_none_or_two_is_left_as_typed() -> None:
    assert Homophones(["加梯"]).correct("长寿路加梯多少台") == "长寿路加梯多少台"
    assert Homophones(["城市", "成式"]).correct("程式") == "程式"  # two words sound alike: no guess
    assert Homophones(["财政"]).correct("财务") == "财务"  # another sound


def test_the_questions_own_asking_words_and_known_words_are_never_guessed_at() -> None:
    """"分几部分" cut as 分几 sounds like 分级, "办了几场" as 几场 like 机场, and 查出 like 查处 — the
    first two are how the question asks, the last a word of its own: none is changed."""
    heard = Homophones(["分级", "机场", "查处", "部分"])
    for question in ("95年报告分几部分", "16年实际办了几场", "查出多少隐患"):
        assert heard.correct(question) == question
