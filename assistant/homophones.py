"""Words typed by sound with a wrong character ("财正收入", "外汇储背", "煤碳", "业委会换界").

Staff type Chinese through pinyin input: a slip picks another character of the same sound,
and the word the documents write is then found nowhere. A question's word that the index
never holds, sounding exactly like one word it does hold and differing from it in one
character, is read as that word. Anything less certain (no such word, or two of them, a
stretch holding the question's own asking words, a word in its own right) is left as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pypinyin import lazy_pinyin

from vectorstore.tokenize import dictionary_freq, words

_HAN = re.compile(r"[\u4e00-\u9fff]{2,4}")
# the question's own grammar: a stretch holding one of these ("分几部分" cut as 分几, "办了几场" as 几场)
# is how the question asks, not a word of the documents mistyped
_ASKING = re.compile(r"[几多少哪啥么呢吗了过的得地着是有要各都也还就]")
KNOWN_WORD = 50  # a word the segmenter's dictionary counts this often is a word in its own right (查出, 中专)


def sound_of(word: str) -> str:
    """The word's pinyin without tones ("财政" → "cai zheng"): what an input method is given."""
    return " ".join(lazy_pinyin(word))


class Homophones:
    """The index's words by their sound, built once per index generation."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self._vocabulary = frozenset(vocabulary)
        self._by_sound: dict[str, set[str]] = {}
        for word in self._vocabulary:
            if _HAN.fullmatch(word):
                self._by_sound.setdefault(sound_of(word), set()).add(word)

    def corrected(self, text: str) -> list[tuple[str, str]]:
        """(typed, meant) for each word of ``text`` the index never holds that sounds like
        exactly one word it does, one character apart."""
        out = []
        for typed in dict.fromkeys(words(text)):
            if (not _HAN.fullmatch(typed) or typed in self._vocabulary or _ASKING.search(typed)
                    or dictionary_freq(typed) >= KNOWN_WORD):
                continue
            found = self._by_sound.get(sound_of(typed), set())
            if len(found) == 1:
                meant = next(iter(found))
                if sum(a != b for a, b in zip(typed, meant, strict=True)) == 1:
                    out.append((typed, meant))
        return out

    def correct(self, text: str) -> str:
        return read_as(text, self.corrected(text))


def read_as(text: str, slips: Iterable[tuple[str, str]]) -> str:
    """``text`` with each (typed, meant) slip read as meant."""
    for typed, meant in slips:
        text = text.replace(typed, meant)
    return text
