"""A document named in a question by the words of its title.

Why: staff name a district notice the way it is titled ("普陀区17年创新社会治理那个项目
安排里，推进机制要落实哪几项制度"). Those title words are no topic: left in, they pull
every passage of the document's long table (whose rows repeat them) above the one
paragraph asked about, and the answer lists the table's headings. Read here, the
mention picks the document and leaves the rest of the question as its topic.

A title is named only by its distinctive words: a year, a place or a document type
("政府工作报告", "工作要点") names no document by itself (years and places are read as
such elsewhere).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from core.textnorm import for_matching, years_named

# words any title may carry: they name a kind of document, not which one
_GENERIC = re.compile(r"\d+年?|中华人民共和国|国务院|政府工作报告|政府工作|政府"
                      r"|工作(?:报告|要点|总结|安排|计划)|报告|街道办事处|办事处|街道|关于印发|的通知|通知"
                      r"|[\s《》“”\"'——\-、，,：:]")
MIN_DISTINCT = 6  # characters of distinctive title words a mention must hold
MIN_RUN = 4  # ... at least this many of them in one stretch ("创新社会治理")
TITLE_SHARE = 0.4  # ... and this share of the title's own distinctive words (a slogan title's one phrase
# — "城市治理现代化" of "推动城市治理现代化 开创城市建设新局面…" — is a topic, not the document's name)
MAX_GAP = 3  # characters between two title stretches that still belong to one mention ("17年那个")
_INSIDE = re.compile(r"(?:这个|那个|这份|那份)?(?:文件|通知)?(?:里面|里|中)")  # "…报告里": part of the mention
_BREAK = re.compile(r"[，,。？?！!；;：:、\s]")


@dataclass(frozen=True)
class Named:
    """The document a question names, and where the question names it."""

    doc_id: str
    start: int
    end: int

    def without(self, question: str) -> str:
        """The question with the mention taken out (a space keeps its neighbours apart)."""
        return question[: self.start] + " " + question[self.end:]


def _runs(question: str, title: str) -> list[tuple[int, int]]:
    """Stretches of ``question`` (two characters or more) written in ``title``, longest first
    at each position."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(question) - 1:
        j = i + 2
        while j <= len(question) and question[i:j] in title:
            j += 1
        if j - 1 - i >= 2:
            out.append((i, j - 1))
            i = j - 1
        else:
            i += 1
    return out


def _distinct(text: str, places: tuple[str, ...]) -> str:
    for p in places:
        text = text.replace(p, "")
    return _GENERIC.sub("", text)


def named_document(question: str, titles: Mapping[str, str], places: tuple[str, ...] = ()) -> Named | None:
    """The one document whose title the question names, or None (none, or two equally well
    — the year asked decides between yearly editions). ``places``: place names (a title's
    street or district is no distinctive word)."""
    asked_years = set(years_named(question))
    best: list[tuple[tuple[int, bool], Named]] = []
    for doc_id, title in titles.items():
        title = for_matching(title)
        own = len(_distinct(title, places))
        runs = _runs(question, title)
        # stretches close together, nothing but a short gap of other words between them, are one mention
        groups: list[list[tuple[int, int]]] = []
        for a, b in runs:
            if groups and a - groups[-1][-1][1] <= MAX_GAP and not _BREAK.search(question[groups[-1][-1][1]:a]):
                groups[-1].append((a, b))
            else:
                groups.append([(a, b)])
        for group in groups:
            pieces = [_distinct(question[a:b], places) for a, b in group]
            if (sum(map(len, pieces)) >= max(MIN_DISTINCT, TITLE_SHARE * own)
                    and max(map(len, pieces)) >= MIN_RUN):
                end = group[-1][1]
                inside = _INSIDE.match(question, end)
                # yearly editions of one title tie on its words: the year asked tells them apart
                score = (sum(map(len, pieces)), bool(asked_years & set(years_named(title))))
                best.append((score, Named(doc_id, group[0][0], inside.end() if inside else end)))
    if not best:
        return None
    best.sort(key=lambda x: x[0], reverse=True)
    if len(best) > 1 and best[1][0] == best[0][0] and best[1][1].doc_id != best[0][1].doc_id:
        return None
    return best[0][1]
