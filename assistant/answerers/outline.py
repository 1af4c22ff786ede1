"""Outline answers: "长寿路街道2024年主要任务有哪些", "概括一下金杨新村街道2020年的工作",
"长寿路2023年城市精细化管理做了哪几方面工作", "1994年报告提出社会治安要着重抓好哪四个方面".

Why from the document's structure: such a question has no single sentence for an
answer — the answer is the structure itself. In order:
1. the section asked (its heading matches the part of the question that names a
   topic; none named → the top-level section of the year and review/plan asked):
   its subsections, or, when it has none, the lead-in sentence of each paragraph;
2. a sentence that announces a list ("要着重抓好四个方面的工作：") → the items after it.
Every item is a verbatim stretch of a passage and cites it, so it is checked like
any quote. Nothing found → the backend answers as usual.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from assistant.answer import Answer, Citation, merge_answers
from assistant.answerers import enumeration
from assistant.answerers.base import Answerer, Asked, last_answer
from assistant.answerers.extractive import (
    Candidate,
    candidates,
    cite,
    gives_figure,
    is_run_in_heading,
    searchable,
)
from assistant.answerers.topic_fit import (
    HEAD_CREDIT,
    content_tokens,
    covered,
    hit,
    mention_discounted,
    topic_weights,
    weights_of,
)
from core.lexicon import (
    ANNOUNCED_COUNT,
    COUNT_ENDS_SENTENCE,
    DEEDS_ASKED,
    EXPAND_ASKED,
    HONOUR_CONFERRED,
    HONOURS_ASKED,
    INLINE_ITEM,
    INTRODUCES_LIST,
    ORDER_ASKED,
    ORDINAL_LINE,
    ORDINAL_START,
    QUESTION_COUNT,
    QUOTED_OPENING,
    WHOLE_ASKED,
)
from core.textnorm import count_value, for_matching, outside_title, years_named
from core.types import LAST_ITEM, Passage, Query, SectionHead
from core.understand import item_reference
from ingest.chunking import split_sentences
from vectorstore.hybrid import Retrieval
from vectorstore.outline import (
    addressed_parts,
    chunk_at,
    inline_ordinals,
    items_after,
    numbered_run_in,
    paragraph_leads,
    section_neighbour,
    section_path,
)
from vectorstore.tokenize import tokenize, words

LIST_CANDIDATES = 6  # best sentences searched for a list (or a topic's figures)
LEAD_MAX = 60  # characters: a longer first sentence is left for the reader to open
QUOTED_ITEMS_MAX = 10  # sentences listed for "哪几个“我们必须”"
FIGURES_MAX = 8  # sentences listed for "招商引资几个主要数字"
FIGURES_DOC_MAX = 12  # ... for "要点里有哪些量化的指标", a whole document's
# what a figures question may say besides its document and still name no topic of its own
_DOCUMENT_WORDS = re.compile(r"目标|指标|任务|工作|要点|计划|报告|总结|文件|量化|汇总|主要|国民|经济|社会|发展|全国|各项|完成|情况|数据|数字|列")
HONOURS_MAX = 12  # honours listed for "拿了哪些荣誉"
PARTS_BEFORE_LIST = 3  # plain lead-ins before a section's numbered list that are parts of their own
NESTED_MAX = 40  # lines: a whole document's outline shows its parts' own parts up to this length
PARAGRAPH_CHUNKS = 4  # chunks a paragraph is read on into past its first
HEADING_WORDS_MIN = 0.65  # share of the named topic's weight that some heading must use at all
MATCH_MIN = 0.6  # share of the named topic's weight a heading must cover to be the section asked
LIST_FIT = 0.4  # share of the topic's weight a list's lead sentence (or an item's paragraph) must cover
Item = tuple[str, str, tuple[str, ...]]  # (chunk id, quote, section path)


def _fits(head: SectionHead, query: Query) -> bool:
    # "1995年政府工作报告分哪几个部分": a year that only names the report does not pick a section
    # (the report's review part is about the year before).
    report_only = set(query.years) <= set(query.report_years)
    years = query.topic_years if query.years and not report_only else []
    # A section whose kind the structure parser could not tell ("" — common in national reports)
    # is kept: only a section known to be the other kind is left out.
    return (not years or head.year in years or not head.year) and (not query.kind or head.kind in (query.kind, ""))


def outline_items(heads: list[SectionHead], query: Query) -> tuple[SectionHead | None, list[SectionHead]]:
    """(the section whose parts answer, the parts) when no part of the document is named.

    One top-level section fits the year and review/plan asked → its subsections
    (or itself when it has none); several fit → those sections (a document with no
    deeper level, or a summary of both review and plan)."""
    tops = [h for h in heads if len(h.path) == 1 and _fits(h, query)]
    if len(tops) == 1:
        children = [h for h in heads if len(h.path) == 2 and h.path[0] == tops[0].path[0]]
        return tops[0], children or tops
    return None, tops


def _named_in(t: str, title: str, halves: bool = True) -> float:
    """How much of topic word ``t`` a heading names: all of it, or (``halves``) half when it is a
    compound whose one half the heading writes ("体制改革" in "加快建立社会主义市场经济体制")."""
    if covered(t, set(), title):
        return 1.0
    return HEAD_CREDIT if halves and len(t) == 4 and (t[:2] in title or t[2:] in title) else 0.0


def section_named(heads: list[SectionHead], topic: str, query: Query, rest: str = "") -> SectionHead | None:
    """The section whose heading names ``topic`` ("城市精细化管理" → "(二)多措并举,推进城市精细化管理")
    or, failing that, ``rest`` (the topic less the words naming the document); failing both, the one
    whose heading and first sentence together name ``rest`` (or, when the topic names no document,
    the topic) ("招商引资经济那块" → "(二)招大引强,企及经济发展新高度"
    + "持续发力,紧抓招商引资不松懈。"). A heading read alone is the stronger sign: the words of the
    part asked in a heading ("推进机制" → "(三)不断优化推进机制") come before the document's name
    in some paragraph's first sentence."""
    fitting = [h for h in heads if _fits(h, query)]
    for t in dict.fromkeys(t for t in (topic, rest) if t):
        found = _typed_heading(fitting, t) or _best_titled(fitting, t, query, lambda h: for_matching(h.path[-1]))
        if found:
            return found
    # a first sentence often repeats the document's name ("…创新社会治理加强基层建设工作的重中之重"):
    # read with the heading, only the words of the part asked say which part it is
    return _best_titled(fitting, rest or topic, query, lambda h: for_matching(h.path[-1] + "\n" + h.lead), strict=True)


def _typed_heading(fitting: list[SectionHead], topic: str) -> SectionHead | None:
    """A heading's own words typed as they stand ("“强监管,守底线”那块"), punctuation aside: that
    heading — the one the typed words make most of, then the broader one."""
    typed = _letters(topic)
    if len(typed) < TYPED_HEADING_MIN:
        return None
    written = [h for h in fitting if typed in _letters(h.path[-1])]
    return min(written, key=lambda h: (-len(typed) / len(_letters(h.path[-1])), len(h.path))) if written else None


TYPED_HEADING_MIN = 4  # characters of a heading typed as written that name its section outright


def _deadline_month(item: str) -> int:
    """The month a row's deadline falls in ("10月底前" → 10, "上半年" → 6), for ordering rows."""
    field = _DEADLINE_FIELD.search(item)
    m = re.match(r"(\d{1,2})月", field.group(1)) if field else None
    return int(m.group(1)) if m else 6 if "上半年" in item else 12


def _letters(text: str) -> str:
    """``text`` folded, without punctuation or spaces: how a typed heading is compared with one."""
    return re.sub(r"[\W_]+", "", for_matching(text))


def _best_titled(fitting: list[SectionHead], topic: str, query: Query, title_of: Callable[[SectionHead], str],
                 strict: bool = False) -> SectionHead | None:
    """The section whose title (as ``title_of`` reads it) covers the most of the topic's weight,
    if at least ``MATCH_MIN``; ``strict`` (a heading and its first sentence, which say more and
    so match more by chance): whole words only, and one section alone must cover the most."""
    weights = weights_of(words(topic))
    if not sum(weights.values()):
        return None
    # the words naming the document ("创新社会治理…那个文件里") name its table's title too: they
    # weigh little against the words of the part asked ("推进机制") when headings are compared
    ranked = mention_discounted(weights, query)
    titles = [(h, title_of(h)) for h in fitting]
    # A word no heading uses ("简要", "那一部分", a typo) says nothing for or against any heading:
    # the headings are compared on the words they could name, if those are most of the topic.
    named = {t: max((_named_in(t, title, not strict) for _, title in titles), default=0.0) for t in weights}
    if sum(w * named[t] for t, w in weights.items()) < HEADING_WORDS_MIN * sum(weights.values()):
        return None
    total = sum(w * named[t] for t, w in ranked.items()) or 1.0
    scored = [(sum(w * _named_in(t, title, not strict) for t, w in ranked.items() if named[t]) / total, h)
              for h, title in titles]
    top = max((score for score, _ in scored), default=0.0)
    leaders = [h for score, h in scored if score == top]
    if top < MATCH_MIN or (strict and len(leaders) > 1):
        return None
    # a tie: the broader section, then the one with parts of its own (an annex line that names the
    # table after it, "附件:《…安排表》", ties with the table's own title, whose rows are the parts)
    return min(leaders, key=lambda h: (len(h.path), -sum(g.path[:-1] == h.path for g in fitting)))


def without_title(topic: str, title: str) -> str:
    """The part of an outline question's topic that does not name the document being outlined:
    "创新社会治理加强基层建设重点工作项目安排这个文件，结构是怎样的" asks for the whole outline of
    "…创新社会治理加强基层建设2017年重点工作项目安排", not for a part named like it. What is
    left under two characters ("目") names nothing."""
    rest = outside_title(topic, for_matching(title))
    return rest if len(rest) >= 2 else ""


def _quote(text: str, head: SectionHead) -> str:
    """The heading and (when short) its first sentence, as one stretch of the passage."""
    body = text.strip()
    if head.lead and len(head.lead) <= LEAD_MAX:
        end = body.find(head.lead)
        if end >= 0:
            return body[: end + len(head.lead)].strip()
    return head.heading or body[:LEAD_MAX]


POINT_MAX = 14  # characters: a sentence this short, without figures or commas, is a paragraph's point
POINT_SHARE = 0.4  # of a paragraph's sentences (after its lead) its short points must make up
EXPANDED_LINES = 2  # × NESTED_MAX: the lines an answer asked to expand may run to before it falls back
EXPAND_POINTS = 6  # sentences of a paragraph shown when asked to expand a part that has no points


_SENTENCE_ENDS = "。；;！"


def _with_next_sentence(paragraph: str, point: str, points: list[str]) -> str:
    """"打响营商服务品牌。打造“苏河之冠”营商服务品牌,…。": a point and the sentence after it, as
    written — unless that sentence is the next point, or the point is not found whole."""
    at = paragraph.find(point)
    if at < 0:
        return point
    end = at + len(point)
    if not point.endswith(tuple(_SENTENCE_ENDS)):
        if paragraph[end:end + 1] not in _SENTENCE_ENDS:
            return point
        end += 1
    rest = paragraph[end:]
    m = re.search(f"[{_SENTENCE_ENDS}]", rest)
    nxt = rest[: m.end()] if m else ""
    if not nxt.strip() or "\n" in nxt or any(p in nxt for p in points) or INLINE_ITEM.match(nxt.strip()):
        return point
    return paragraph[at:end + len(nxt)]


def _point(sentence: str) -> bool:
    """"“走出去”招大引强。": a point a paragraph makes in a short sentence of its own (quoted
    names allowed, unlike a run-in heading's test)."""
    body = sentence.strip().rstrip("。！")
    return 2 < len(body) <= POINT_MAX and not re.search(r"[\d，,、；;：:]", body)


def _slogan(item: str, deeds: bool = False) -> bool:
    """"聚焦重点,提升精准度": a point short enough to only name its part, in two phrases, with no
    figure to give; with ``deeds`` (what is done was asked), "打响营商服务品牌" too."""
    short = len(_letters(item)) <= POINT_MAX and not re.search(r"\d", item)
    return short and (deeds or bool(re.search(r"[,，]", item)))


# A table row as stored: "序号：50 项目：开展居村党组织书记全员轮训… 牵头单位：…": its first field's value.
_FIRST_FIELD = re.compile(r"^序号：\S+\s+[^：\s]{1,6}：(.+?)(?=\s+[^：\s]{1,6}：|$)")
# "具体哪几个项目", "有哪些项目": the rows of a table's section are asked for.
RECORDS_ASKED = re.compile(r"项目")
# "哪些项目不是全年完成、有具体时间节点", "有具体截止月份的": rows by their deadline field
DEADLINE_ASKED = re.compile(r"截止|时间节点|几月底|月底前|完成时限|期限|具体(?:的)?(?:完成)?(?:时间|月份)|"
                            r"(?:不是|非)全年|分别(?:是)?(?:啥|什么)时候")  # "完成时间不是全年的有哪些 分别啥时候"
ROWS_ASKED = re.compile(r"哪些|哪几|有(?:明确|具体)?[^，,。？?]{0,6}的|排个?序|排一下")  # which rows, not one row's field
_DEADLINE_FIELD = re.compile(r"(?:完成时间|完成时限|时间节点|时限)：(\S+)")
_ALL_YEAR = re.compile(r"^(?:全年|年内|全年度|长期|常态化|持续推进|持续)$")


# "80年报告第三部分 保证计划完成的措施…": a part called by its number and then by its words
_PART_WORDS = re.compile(r"第[一二三四五六七八九十\d]+(?:部分|块|个方面|方面)\s*([\u4e00-\u9fff]{2,16})")
PART_WORDS_PAIRS = 2  # of the words' character pairs the heading must hold


def _names_by_number(question: str, parent: SectionHead) -> bool:
    """Does the question call ``parent`` by its number and then by its own words ("第三部分 保证计划
    完成的措施" of "三、采取有力措施，保证…计划的完成")? Then the number is the part's, not an item's in
    it — unlike "第二块招商引资那部分" after an outline, where 招商引资 is the second item."""
    m = _PART_WORDS.search(question)
    if not m:
        return False
    said, heading = for_matching(m.group(1)), for_matching(parent.heading or parent.path[-1])
    pairs = {said[i:i + 2] for i in range(len(said) - 1)}
    return sum(p in heading for p in pairs) >= PART_WORDS_PAIRS


_HEADING_NUMBER = re.compile(r"^\s*(?:第)?([一二三四五六七八九十]+)(?:部分)?[、，,．.]|^\s*[（(]([一二三四五六七八九十]+)[）)]")


def _numbered(heading: str) -> int:
    """The number a heading opens with ("三、采取有力措施…" → 3), 0 for none."""
    m = _HEADING_NUMBER.match(heading)
    return count_value(m.group(1) or m.group(2)) if m else 0


# An announcing sentence that points back at what the sentence before it said ("物价涨幅这么大，
# 既有客观原因…" after "涨幅仍然高达百分之二十一点七…"): that sentence is what it is about.
REFER_REACH = 12  # characters into a sentence its pointer back ("物价涨幅这么大") may stand
_REFERS_BACK = re.compile(rf"^[^，,。；;]{{0,{REFER_REACH}}}(?:这么|这样|如此|上述|以上|这些)")


def _with_antecedent(cand: Candidate) -> Candidate:
    """The announcing sentence quoted from the start of the sentence before it, when it refers
    back to that one and both stand in the same paragraph of the passage."""
    text = cand.passage.text
    if not _REFERS_BACK.match(cand.text.strip()):
        return cand
    before = [(a, b) for a, b in split_sentences(text) if b <= cand.start]
    if not before or "\n" in text[before[-1][0]:cand.start].strip():
        return cand
    start = before[-1][0]
    return Candidate(cand.passage, start, cand.end, text[start:cand.end], cand.score, cand.overlap)


_ASPIRED = re.compile(r"力争|争创|争取|创建|申报|冲刺|努力")
HONOUR_CLAUSE_MAX = 80  # characters: a longer clause is quoted from the comma-piece that confers the honour


def _honours_in(clause: str) -> list[str]:
    """The honours one clause confers, each a verbatim stretch of it: the items it lists
    ("先后荣获A、B、C等荣誉称号"), else the clause itself — cut to the piece that confers the honour
    when the clause is long (a report's opening sentence runs to 300 characters)."""
    conferred = list(HONOUR_CONFERRED.finditer(clause))
    if not conferred or _ASPIRED.search(clause[: conferred[0].start()]):
        return []  # "力争创建全国文明城区称号": a goal, not an honour received
    listed = enumeration.items(clause)
    if len(listed) >= enumeration.MIN_ITEMS and all(HONOUR_CONFERRED.search(clause[: clause.find(x)]) for x in listed):
        return listed
    first, last = conferred[0], conferred[-1]
    ends = [i for i in (clause.find(p, last.end()) for p in "，,") if i >= 0]
    end = min(ends) if ends else len(clause)  # what follows the honour ("为了巩固…") is not part of it
    start = 0 if end <= HONOUR_CLAUSE_MAX else max(clause.rfind(p, 0, first.start()) for p in "，,") + 1
    return [clause[start:end].strip().rstrip("；;。")]


def _asks_honours(query: Query) -> bool:
    """"长寿街道23年都拿了啥荣誉": the honours themselves, not how many ("获得多少项荣誉")."""
    return bool(HONOURS_ASKED.search(query.question)) and not query.wants_number


# What follows the last numbered part is no longer part of it: a summing-up ("以上这些…"),
# an address to the audience, or text that is not prose (a page's footer).
_CLOSES_LIST = re.compile(r"^\s*(?:以上|总之|总而言之|各位代表|同志们|代表们)")


def _ordinals_follow(cand: Candidate, next_chunk: str = "") -> bool:
    """The sentence closes its paragraph and the next paragraph opens with an ordinal
    ("既有客观原因，也有…缺点。" then "一是…" "二是…"): it leads into that list even
    without a colon. A sentence that closes its chunk is read on into ``next_chunk``."""
    rest = cand.passage.text[cand.end:]
    if not rest.strip():
        rest = "\n" + next_chunk
    if rest.strip() and not rest.lstrip(" \t").startswith("\n"):
        return False
    nxt = rest.strip().split("\n", 1)[0]
    return bool(ORDINAL_START.match(nxt) or ORDINAL_LINE.match(nxt))


RUN_IN_LEAD = 12  # characters after a sentence in which "…决定：第一、" may still open its list
ANNOUNCE_AHEAD = 4  # sentences after a matching one searched for the sentence that announces its list


def _announcement_after(cand: Candidate, budget: int = ANNOUNCE_AHEAD) -> tuple[Candidate | None, int]:
    """"认真搞好社会治安综合治理。" then "这是…。稳定治安形势是…突出任务。要着重抓好四个方面的工作：":
    the sentence a few sentences on that announces the list the matching one is about (a colon,
    "以下几个方面"), within the passage and before another heading-like line; and how many
    sentences of ``budget`` are left to search the next chunk with (-1: stop)."""
    text = cand.passage.text
    n = 0
    for n, (s, e) in enumerate(x for x in split_sentences(text) if x[0] >= cand.end):
        sentence = text[s:e].strip()
        if n >= budget or (n and is_run_in_heading(sentence)):
            return None, -1
        found = Candidate(cand.passage, s, e, text[s:e], cand.score, cand.overlap)
        # "…着重抓好四个环节。" then "一是…": it says how many, and they follow
        if INTRODUCES_LIST.search(sentence) or (COUNT_ENDS_SENTENCE.search(sentence) and _ordinals_follow(found)):
            return found, -1
    return None, budget - n - 1


def _holding(spans: list[tuple[str, str]], quote: str, default: str = "") -> str:
    """The id of the first chunk in ``spans`` (chunk id, text) whose text holds ``quote``: where a
    quote read across chunks is cited ("" or ``default`` when none holds it whole)."""
    return next((cid for cid, text in spans if quote in text), default)


def _joined(head: str, tail: str) -> str:
    """``head`` then ``tail`` where consecutive chunks overlap: the shared stretch once."""
    overlap = next((k for k in range(min(len(tail), len(head)), 0, -1) if head.endswith(tail[:k])), 0)
    return head + tail[overlap:]


class OutlineAnswerer:
    """Answers outline and list questions from the document's structure; anything
    else, or nothing found, goes to ``backend``."""

    def __init__(self, sections: Callable[[str], list[SectionHead]],
                 chunks: Callable[[str], list[dict[str, Any]]],
                 passages: Callable[[list[str]], list[Passage]], backend: Answerer) -> None:
        self._sections = sections
        self._chunks = chunks
        self._passages = passages
        self.backend = backend
        self.name = backend.name

    @staticmethod
    def wants(asked: Asked) -> bool:
        r = asked.retrievals[0] if len(asked.retrievals) == 1 else None
        return bool(r and (r.facts.intent in ("outline", "list", "entity") or QUESTION_COUNT.search(r.facts.question)
                           or _asks_honours(r.facts)) and searchable(r))

    def rewrite(self, question: str, history: list[str], ruled: str) -> str:
        return self.backend.rewrite(question, history, ruled)

    def stream(self, asked: Asked) -> Iterator[str | Answer]:
        if self._mixed(asked):
            yield self._part_by_part(asked)
            return
        answer = self.answer(asked) if self.wants(asked) else None
        if answer is None:
            yield from self.backend.stream(asked)
            return
        yield answer

    @staticmethod
    def _mixed(asked: Asked) -> bool:
        """Parts of different kinds — a list asked, then a figure ("…哪些帮困项目？一共发了多少钱") —
        or several questions typed one after another (each may be of any kind)."""
        kinds = {r.facts.intent in ("outline", "list") for r in asked.retrievals}
        pieces = {r.facts.piece for r in asked.retrievals}
        return len(asked.retrievals) > 1 and (len(kinds) == 2 or len(pieces) > 1)

    def _part_by_part(self, asked: Asked) -> Answer:
        """Each question typed (each answered as if asked alone), or — in one question — each
        part, by the answerer of its kind; one answer of them all."""
        pieces = list(dict.fromkeys(r.facts.piece for r in asked.retrievals))
        groups = ([[r for r in asked.retrievals if r.facts.piece == n] for n in pieces] if len(pieces) > 1
                  else [[r] for r in asked.retrievals])
        return merge_answers([last_answer(self.stream(replace(asked, retrievals=g))) for g in groups])

    def answer(self, asked: Asked) -> Answer | None:
        retrieval = asked.retrievals[0]
        query = retrieval.facts
        if query.figures:
            items, lead = self._figures_of_topic(retrieval)
            # "万里街道20年要点里有哪些量化的指标", "94年报告 93年主要经济数据": no topic but the document's own
            if not items:
                items, lead = self._figures_of_document(retrieval), None
            return self._compose(asked, None, items, lead, kind="list") if items else None
        if query.intent == "outline":
            for doc_id, title in dict.fromkeys((p.doc_id, p.title) for p in retrieval.passages):
                if len(query.outline_topic) < 2 and not query.count and not self._sections(doc_id):
                    # a speech with no headings: its parts are what each "各位代表！" opens
                    parts = addressed_parts(self._chunks(doc_id))
                    if parts:
                        return self._compose(asked, None, [(cid, lead, ()) for cid, lead in parts])
                found = self._from_sections(doc_id, query, title)
                # "分哪五个方面": parts of another number are not the ones asked; look further
                if found and (not query.count or len(found[1]) == query.count):
                    parent, items = found
                    stated = _count_stated(retrieval, doc_id)  # "一共几个方面多少个项目": as the document counts them
                    if parent is None and not query.count:  # the whole document: each part with its own parts
                        nested, levels = self._nested(doc_id, items)
                        return self._compose(asked, None, nested, stated, levels=levels)
                    # a section's paragraphs, or (a part named: "“工作要求”部分主要讲了什么") its
                    # subsections: each with the points it makes
                    if len({path for _, _, path in items}) == 1 or query.outline_topic:
                        expand = bool(EXPAND_ASKED.search(f"{asked.question} {query.question}"))
                        pointed, levels = self._with_points(items, expand=expand)
                        return self._compose(asked, parent, pointed, stated, levels=levels)
                    return self._compose(asked, parent, items, stated)
        counted = self._sections_counted_in_question(retrieval)
        if counted:
            return self._compose(asked, None, counted)
        if query.count >= 2 and query.intent in ("outline", "list"):
            announced = self._parts_announced_by_count(retrieval)
            if announced:  # "要重点抓的八个方面都是啥" and "今年要着重做好以下八个方面工作。"
                return self._compose(asked, None, announced[0], announced[1])
        honours = self._honours(retrieval) if _asks_honours(query) else []
        if honours:
            return self._compose(asked, None, honours, kind="list")
        dated = (self._rows_with_deadlines(retrieval)
                 if DEADLINE_ASKED.search(query.question) and ROWS_ASKED.search(query.question) else [])
        if dated:  # "哪些项目不是“全年”完成、而是有具体时间节点的", "有明确截止月份的 按时间先后排个序"
            return self._compose(asked, None, dated, kind="list")
        if query.intent == "entity":
            # "94年报告 农业主要措施": no list asked, but the sentence that answers best announces one
            # ("主要措施有以下几项：") — the list it announces is the answer
            listed, lead = self._list_announced_by_best(retrieval)
            return self._compose(asked, None, listed, lead, kind="list") if listed else None
        if query.intent not in ("outline", "list"):
            return None  # "…七大任务分别是什么" with no such sections: a question like any other
        typed = self._section_typed(retrieval)
        if typed:  # "…工作要求有几条", "保障措施有哪些": a heading written whole names its section
            return self._compose(asked, *typed)
        opened = self._sentences_opening_with_quoted(retrieval)
        if opened:
            return self._compose(asked, None, opened, kind="list")
        rows = self._rows_of_section(retrieval) if RECORDS_ASKED.search(query.question) else None
        if rows:
            return self._compose(asked, *rows, kind="list")
        listed, lead = self._announced_list(retrieval)
        return self._compose(asked, None, listed, lead, kind="list") if listed else None

    def _section_typed(self, retrieval: Retrieval) -> tuple[str | None, list[Item]] | None:
        """A list asked of a part the question names by its whole heading ("工作要求有几条" →
        "三、工作要求"): that section's parts, as an outline of it gives them."""
        query = retrieval.facts
        asked = _letters(query.searched)
        for doc_id in dict.fromkeys(p.doc_id for p in retrieval.passages):
            heads = [(h, _letters(h.path[-1])) for h in self._sections(doc_id)]
            written = [(h, x) for h, x in heads if len(x) >= TYPED_HEADING_MIN and x in asked]
            if written:
                head = max(written, key=lambda hx: (len(hx[1]), -len(hx[0].path)))[0]
                found = self._from_sections(doc_id, replace(query, intent="outline", outline_topic=head.path[-1]))
                if found:
                    return found
        return None

    def _sections_counted_in_question(self, retrieval: Retrieval) -> list[Item]:
        """"五个持续用力是哪五个", "七大任务分别是什么": the question says how many parts and what they
        share; when exactly that many sibling sections of a retrieved document all name it ("(一)在…
        上持续用力"), or their section does, they are the answer. The count must match."""
        query = retrieval.facts
        m = QUESTION_COUNT.search(query.question)
        n = count_value(m.group(1)) if m else 0
        shared = weights_of(words(m.group(2))) if m else {}
        if n < 2 or not shared:
            return []
        for doc_id in dict.fromkeys(p.doc_id for p in retrieval.passages):
            groups: dict[tuple[str, ...], list[SectionHead]] = {}
            for h in self._sections(doc_id):
                groups.setdefault(h.path[:-1], []).append(h)
            for parent, siblings in groups.items():
                if len(siblings) != n:
                    continue
                # each part names it ("(一)在…上持续用力"), or their section does ("二、2024年主要任务"
                # for "七大任务"), in the year asked
                in_parent = bool(parent) and all(covered(t, set(), for_matching(parent[-1])) for t in shared) \
                    and (not query.topic_years or any(str(y) in parent[-1] for y in query.topic_years))
                if in_parent or all(all(covered(t, set(), for_matching(h.path[-1])) for t in shared) for h in siblings):
                    texts = {x.chunk_id: x.text for x in self._passages([h.chunk_id for h in siblings])}
                    return [(h.chunk_id, _quote(texts[h.chunk_id], h), h.path) for h in siblings if h.chunk_id in texts]
        return []

    def _figures_of_topic(self, retrieval: Retrieval) -> tuple[list[Item], Candidate | None]:
        """"长寿路2023年招商引资几个主要数字": the sentences that give figures where the document
        treats the topic — the section a matching heading opens ("(三)城市管理展现新成效"), or
        the paragraph a matching sentence opens ("抓牢招商引资“生命线”。…新增企业区税完成
        6011万元…") — in reading order; the matching sentence is quoted first. The figures'
        own sentences need not name the topic."""
        weights = topic_weights(retrieval.facts)
        # "主要预期目标几个指标": the sentence that announces the topic before a colon ("今年…的主要预期
        # 目标是：…") lists its figures; it is read before one that only names it
        # ... and so does a paragraph's own title ("强化就业创业磁力场。" before its figures)
        ranked = sorted(candidates(retrieval.facts, retrieval)[:LIST_CANDIDATES],
                        key=lambda c: not (_announces(c.text, weights) or c.overlap >= ANNOUNCE_FIT and is_run_in_heading(c.text)))
        for cand in ranked:
            if cand.overlap < LIST_FIT:
                continue
            p = cand.passage
            heading = (section_path(p.section) or ("",))[-1]
            if heading and heading in cand.text and p.text.lstrip().startswith(cand.text.strip()):
                spans = [(str(c["chunk_id"]), str(c.get("text") or "")) for c in self._chunks(p.doc_id)
                         if c.get("section") == p.section or str(c.get("section") or "").startswith(p.section + " > ")]
                sentences = [(cid, text[a:b].strip()) for cid, text in spans for a, b in split_sentences(text)]
            else:
                paragraph, spans = self._paragraph(p, cand.start)
                # each sentence cited at a chunk that holds it (the paragraph may run into the next)
                sentences = [(_holding(spans, paragraph[a:b].strip(), p.chunk_id), paragraph[a:b].strip())
                             for a, b in split_sentences(paragraph)]
            found: list[Item] = []
            seen: set[str] = set()
            path = section_path(p.section)
            for cid, sentence in sentences:
                if sentence not in seen and gives_figure(sentence):
                    seen.add(sentence)
                    found.append((cid, sentence, path))
            if len(found) >= 2:
                return found[:FIGURES_MAX], cand
        return [], None

    def _figures_of_document(self, retrieval: Retrieval) -> list[Item]:
        """The figures asked of a whole document ("万里街道20年要点里有哪些量化的指标目标"): when
        the question names no topic of its own and one document answers (the only one retrieved,
        or the one named by its title), the sentences of that document that give figures, in
        reading order, up to FIGURES_DOC_MAX."""
        query = retrieval.facts
        own = "".join(t for t in content_tokens(query) if not (query.mention and t in query.mention))
        docs = {p.doc_id for p in retrieval.passages}
        if _DOCUMENT_WORDS.sub("", own) or not docs:
            return []
        # "94年报告 93年主要经济数据": the report named by its year is the one document asked of
        by_year = {p.doc_id for p in retrieval.passages if set(years_named(p.title)) & set(query.report_years)}
        doc_id = (query.document if query.document in docs else next(iter(docs)) if len(docs) == 1
                  else next(iter(by_year)) if len(by_year) == 1 else "")
        if not doc_id:  # several documents answer: which one's figures is not for us to guess
            return []
        chunks = self._chunks(doc_id)
        # ... and the year asked of it, where its parts are of years ("93年": the 1994 report's look
        # back on 1993, not its plans for 1994)
        years = set(query.topic_years) - set(query.report_years)
        of_year = [c for c in chunks if int(c.get("year") or 0) in years]
        found: list[Item] = []
        seen: set[str] = set()
        for c in of_year or chunks:
            text = str(c.get("text") or "")
            for a, b in split_sentences(text):
                sentence = text[a:b].strip()
                if sentence not in seen and gives_figure(sentence):
                    seen.add(sentence)
                    found.append((str(c["chunk_id"]), sentence, section_path(str(c.get("section") or ""))))
        return found[:FIGURES_DOC_MAX] if len(found) >= 2 else []

    def _honours(self, retrieval: Retrieval) -> list[Item]:
        """"五角场16年拿了哪些荣誉": the honours a place received are told one sentence each, next
        to the work they reward ("街道获得市市民文化节优秀组织奖" closes the culture paragraph), so
        retrieval's best passages hold only some. The whole document of the best passage (its
        part about the year asked) is read for the words that confer an honour; each clause that
        has them is an item — or, where one clause lists several ("先后荣获A、B、C等荣誉称号"), each
        honour it lists. In reading order, cited where each stands."""
        query = retrieval.facts
        years = set(query.topic_years) if query.years else set()
        for doc_id in dict.fromkeys(p.doc_id for p in retrieval.passages):
            found: list[Item] = []
            seen: set[str] = set()
            for c in self._chunks(doc_id):
                if years and int(c.get("year") or 0) not in years:
                    continue
                text = str(c.get("text") or "")
                path = section_path(str(c.get("section") or ""))
                for a, b in split_sentences(text):
                    for clause in re.split(r"(?<=[；;])", text[a:b]):
                        for item in _honours_in(clause.strip()):
                            if item not in seen:  # chunks overlap: an honour met twice is listed once
                                seen.add(item)
                                found.append((str(c["chunk_id"]), item, path))
            if len(found) >= 2:
                return found[:HONOURS_MAX]
        return []

    def _rows_with_deadlines(self, retrieval: Retrieval) -> list[Item]:
        """"普陀2017重点工作项目安排表里 哪些项目有具体截止月份": the table rows of the best
        retrieved document whose deadline field names a date ("10月底前", "上半年"), not the whole
        year — each quoted from its first field to its deadline, cited at its row, in reading order
        (in the deadlines' order when an order is asked)."""
        if not retrieval.passages:
            return []
        items: list[Item] = []
        for c in self._chunks(retrieval.passages[0].doc_id):
            text = str(c.get("text") or "")
            deadline = _DEADLINE_FIELD.search(text) if c.get("is_record") else None
            first = _FIRST_FIELD.match(text)
            if deadline and first and not _ALL_YEAR.match(deadline.group(1)) and deadline.start() > first.start(1):
                # quoted as the row writes it, from its first field to its deadline (who leads included)
                items.append((str(c["chunk_id"]), text[first.start(1):deadline.end()].strip(),
                              section_path(str(c.get("section") or ""))))
        if ORDER_ASKED.search(retrieval.facts.question):
            items.sort(key=lambda item: _deadline_month(item[1]))  # "按时间先后排个序"
        return items

    def _rows_of_section(self, retrieval: Retrieval) -> tuple[str, list[Item]] | None:
        """"普陀安排表第五部分基层队伍建设 具体哪几个项目": a table's section named by its topic (or
        its number among the table's sections) — its rows' first fields after 序号 ("项目：开展居村党
        组织书记全员轮训…"), one per row, each cited at its row."""
        query = retrieval.facts
        n = item_reference(query.question)
        for doc_id, title in dict.fromkeys((p.doc_id, p.title) for p in retrieval.passages):
            chunks = self._chunks(doc_id)
            rows = [(c, section_path(str(c.get("section") or ""))) for c in chunks if c.get("is_record")]
            with_rows = {path for _, path in rows}
            candidates = [h for h in self._sections(doc_id) if h.path in with_rows]
            topic = without_title(query.topic, title) or query.topic
            part = section_named(candidates, topic, query) if topic else None
            if part is None and 1 <= n <= len(candidates):  # "第五部分": the table's fifth section
                part = candidates[n - 1]
            if part is None:
                continue
            items = [(str(c["chunk_id"]), m.group(1).strip(), part.path) for c, path in rows
                     if path == part.path and (m := _FIRST_FIELD.match(str(c.get("text") or "")))]
            if len(items) >= 2:
                return part.heading or part.path[-1], items
        return None

    def _sentences_opening_with_quoted(self, retrieval: Retrieval) -> list[Item]:
        """"结尾提了哪几个“我们必须”": the question quotes the words its items open with; the items
        are the sentences of one section that open with them ("我们必须牢记…", "我们必须坚决拥护…"),
        in the section of the best passage that has one, in reading order."""
        m = QUOTED_OPENING.search(retrieval.facts.question)
        if not m:
            return []
        opening = for_matching(next(g for g in m.groups() if g))
        if not re.search(r"[“\"「]", m.group()):
            # typed unquoted ("我们必须坚持的有哪几条"), the words go on past what the sentences share:
            # the speaker's opening is its first four characters (我们必须)
            opening = opening[:4]
        for p in retrieval.passages:
            if not any(for_matching(p.text[a:b]).strip().startswith(opening) for a, b in split_sentences(p.text)):
                continue
            found: list[Item] = []
            seen: set[str] = set()
            for c in self._chunks(p.doc_id):
                if c.get("section") != p.section:
                    continue
                text = str(c.get("text") or "")
                for a, b in split_sentences(text):
                    sentence = text[a:b].strip()
                    if for_matching(sentence).startswith(opening) and sentence not in seen:
                        seen.add(sentence)
                        found.append((str(c["chunk_id"]), sentence, section_path(p.section)))
            return found[:QUOTED_ITEMS_MAX] if len(found) >= 2 else []
        return []

    def _from_sections(self, doc_id: str, query: Query, title: str = "") -> tuple[str | None, list[Item]] | None:
        heads = self._sections(doc_id)
        # a part named as asked; failing that, as asked less the words that name the document
        # ("…项目安排这个文件，结构是怎样的": none left, the whole outline)
        topic = query.outline_topic
        rest = without_title(topic, title) if topic else ""
        if topic and not rest and WHOLE_ASKED.search(query.question):
            topic = ""  # "…项目安排这个文件，结构是怎样的": the words name the document, its structure is asked
        parent = section_named(heads, topic, query, rest) if topic else None
        if topic and parent is None:
            topic = rest
        if topic:
            if parent is None:
                return None
            children = [h for h in heads if len(h.path) == len(parent.path) + 1 and h.path[:-1] == parent.path]
        else:
            parent, children = outline_items(heads, query)
        # "最后那块": the last subsection; with none, the last numbered paragraph (below)
        item = len(children) if query.item == LAST_ITEM and len(children) >= 2 else query.item
        siblings = [h.path for h in heads if len(h.path) == len(parent.path) and h.path[:-1] == parent.path[:-1]] \
            if item and parent is not None and _names_by_number(query.original or query.question, parent) else []
        if siblings and item in (_numbered(parent.heading or parent.path[-1]), siblings.index(parent.path) + 1):
            item = 0  # "第三部分 保证计划完成的措施": the number and the words name the same part
        if item and len(children) >= item >= 1 and children[item - 1].path != (parent.path if parent else ()):
            # "…中的第三条": that item's own parts (its subsections, or its paragraphs' lead-ins).
            parent = children[item - 1]
            item = 0
            children = [h for h in heads if len(h.path) == len(parent.path) + 1 and h.path[:-1] == parent.path]
        if len(children) >= 2:
            texts = {p.chunk_id: p.text for p in self._passages([h.chunk_id for h in children])}
            items = [(h.chunk_id, _quote(texts[h.chunk_id], h), h.path) for h in children if h.chunk_id in texts]
        elif parent is not None:
            seen_leads: set[str] = set()  # chunks overlap: a paragraph met twice is one part
            leads = [(cid, lead) for cid, lead in paragraph_leads(self._chunks(doc_id), parent.path)
                     if not (lead in seen_leads or seen_leads.add(lead))]
            marks = [i for i, (_, lead) in enumerate(leads) if ORDINAL_START.match(lead)]
            item = len(marks) if item == LAST_ITEM else item
            if item and len(marks) >= item >= 1 and len(marks) >= 2:
                # "第四条展开讲讲": the paragraphs under the fourth numbered one, up to the fifth
                at = marks[item - 1]
                end = marks[item] if item < len(marks) else next(
                    (i for i in range(at + 1, len(leads)) if _CLOSES_LIST.match(leads[i][1])
                     or not leads[i][1].rstrip().endswith(("。", "；", ";", "！"))), len(leads))
                if end - at > 2:
                    lead = leads[at][1]
                    return lead, [(c, x, parent.path) for c, x in leads[at + 1:end]]
            if len(marks) >= 2:  # "第一，…" "第二，…": the numbered paragraphs are the parts, the rest explain them
                # — after the parts the section states before its numbered list ("九五"回顾: its
                # achievements one line each, then "第一，坚持用发展的办法…", the lessons)
                before = leads[: marks[0]]
                leads = (before if len(before) >= PARTS_BEFORE_LIST else []) + [leads[i] for i in marks]
            items = [(cid, lead, parent.path) for cid, lead in leads]
        else:
            return None
        if len(items) < 2 and parent is not None:
            items = self._inline_parts(parent)  # "(三)不断优化推进机制。…一是落实条块约请制度。…二是…"
        if len(items) < 2:
            return None
        return (parent.heading or parent.path[-1]) if parent else None, items

    def _inline_parts(self, head: SectionHead) -> list[Item]:
        """A section written as one paragraph whose parts are marked 一是/二是 inside it: those
        parts, each cited at a chunk that holds it whole."""
        passages = self._passages([head.chunk_id])
        if not passages:
            return []
        p = passages[0]
        paragraph, spans = self._paragraph(p, max(0, p.text.find(head.heading)) if head.heading else 0)
        return [(held, x, head.path) for x in inline_ordinals(paragraph) if (held := _holding(spans, x))]

    def _nested(self, doc_id: str, tops: list[Item]) -> tuple[list[Item], list[int]]:
        """A whole document's outline two levels deep: "1980年报告整体结构" is answered by its three
        parts and what each is made of — its subsections ("(一)继续强化导向意识"), or its numbered
        paragraphs ("第一，实行能源的开发和节约并重…") — as the reader of a table of contents
        expects. Too long to read at a glance (over ``NESTED_MAX`` lines) → the parts alone."""
        heads = self._sections(doc_id)
        chunks = self._chunks(doc_id)
        out: list[Item] = []
        levels: list[int] = []
        for top in tops:
            out.append(top)
            levels.append(0)
            path = top[2]
            children = [h for h in heads if len(h.path) == len(path) + 1 and h.path[:-1] == path]
            if len(children) >= 2:
                texts = {p.chunk_id: p.text for p in self._passages([h.chunk_id for h in children])}
                parts = [(h.chunk_id, _quote(texts[h.chunk_id], h), h.path) for h in children if h.chunk_id in texts]
            else:
                leads = list(dict.fromkeys(paragraph_leads(chunks, path)))
                numbered = [(cid, lead, path) for cid, lead in leads if ORDINAL_START.match(lead)]
                parts = numbered if len(numbered) >= 2 else []
            out += parts
            levels += [1] * len(parts)
        if len(out) > NESTED_MAX:
            return tops, [0] * len(tops)
        return out, levels

    def _with_points(self, leads: list[Item], expand: bool = False) -> tuple[list[Item], list[int]]:
        """"招商引资经济那块主要讲了啥": a section without subsections is answered by its paragraphs'
        lead-ins ("持续发力,紧抓招商引资不松懈。"), each followed by the points its paragraph makes
        — marked 一是/二是 ("一是聚焦重点,提升精准度"), or written as short run-in sentences
        ("“走出去”招大引强。" "“向内看”挖掘增量。"). Asked to ``expand`` ("经济那块展开说说"), each
        point comes with the sentence after it, and a paragraph with no such points says what it
        says in its sentences: up to ``EXPAND_POINTS`` of them. Over ``NESTED_MAX`` lines → the
        lead-ins alone."""
        passages = {p.chunk_id: p for p in self._passages(list(dict.fromkeys(cid for cid, _, _ in leads)))}
        out: list[Item] = []
        levels: list[int] = []
        read = ""  # the paragraphs read so far: a "lead" inside one is a chunk opening mid-paragraph
        for cid, lead, path in leads:
            if lead in read:
                continue
            at_line = len(out)
            out.append((cid, lead, path))
            levels.append(0)
            p = passages.get(cid)
            at = p.text.find(lead) if p is not None else -1
            if p is None or at < 0 or (at > 0 and p.text[at - 1] != "\n"):
                continue  # an item inside a paragraph ("一是落实条块约请制度") makes no points of its own
            paragraph, spans = self._paragraph(p, at)
            read += paragraph + "\n"
            sentences = [paragraph[a:b].strip() for a, b in split_sentences(paragraph)][1:]
            points = inline_ordinals(paragraph)
            if not points:  # short sentences are its points when they head its parts, not when a few
                points = [x for x in sentences if _point(x)]  # short ones sit among many others
                points = points if len(points) >= POINT_SHARE * len(sentences) else []
            if expand and len(points) < 2:
                points = [x for x in sentences if not is_run_in_heading(x)][:EXPAND_POINTS]
            elif expand:  # each point with the sentence that says what it means
                points = [_with_next_sentence(paragraph, x, points) for x in points]
            if len(points) >= 2:
                cut = lead.find(points[0])
                if cut > 0:  # "(二)全面加强统筹协调。一是深化政府改革…": the heading, its points below
                    out[at_line] = (cid, re.sub(r"[一二三四五六七八九十][是要]\s*$", "", lead[:cut]).strip(), path)
                placed = [(held, x, path) for x in points if (held := _holding(spans, x))]  # one chunk holds it whole
                out += placed
                levels += [1] * len(placed)
        if len(out) > NESTED_MAX * (EXPANDED_LINES if expand else 1):
            return leads, [0] * len(leads)
        return out, levels

    def _list_announced_by_best(self, retrieval: Retrieval) -> tuple[list[Item], Candidate | None]:
        """The items after the best sentence, when that sentence itself announces them: with a
        colon ("主要措施有以下几项："), or by the numbered lines that follow it ("着重抓好四个环节。"
        then "一是…"); and that sentence."""
        best = candidates(retrieval.facts, retrieval)[:1]
        if not best or best[0].overlap < LIST_FIT:
            return [], None
        cand = best[0]
        if not (re.search(r"[：:]\s*$", cand.text) or _ordinals_follow(cand, self._next_chunk(cand.passage))):
            return [], None
        found = self._items_after(cand)
        return (found, cand) if found else ([], None)

    def _items_after(self, cand: Candidate) -> list[Item]:
        """The items listed after ``cand`` in its chunk and the chunks after it (two or more), or []."""
        p = cand.passage
        found = items_after(self._chunks(p.doc_id), p.chunk_id, cand.text.strip())
        said = COUNT_ENDS_SENTENCE.search(cand.text)
        n = count_value(said.group(1)) if said else 0
        if n >= 2 and len(found) > n:  # "着重抓好四个环节。": four, not the next list read on into
            found = found[:n]
        return [(cid, item, section_path(p.section)) for cid, item in found] if len(found) >= 2 else []

    def _announced_list(self, retrieval: Retrieval) -> tuple[list[Item], Candidate | None]:
        """The items after the best sentence that announces a list ("…以下几个方面："), and that
        sentence: quoted first, it says what the items are ("物价涨幅这么大，既有客观原因…")."""
        query = retrieval.facts
        weights = topic_weights(query)
        whole = sum(weights.values()) or 1.0
        deeds = bool(DEEDS_ASKED.search(query.question))  # "打算做哪几件事": each point with what is done
        for cand in candidates(query, retrieval)[:LIST_CANDIDATES]:
            around, context = self._enumeration_around(cand, deeds)
            if around and hit(weights, set(), context) / whole >= LIST_FIT:
                # one item answered the topic words ("落实…制度"), its paragraph and heading the rest
                return around, None
            if cand.overlap < LIST_FIT:
                continue
            across = self._enumeration_across_chunks(cand)
            if across:
                return across, None
            inline = self._inline_ordinals(cand, deeds)
            if inline:
                return inline, cand
            counted = self._counted_sections(cand)
            if counted:
                return counted, cand
            run_in = self._numbered_run_in(cand)
            if run_in:  # "…控制货币的发行量。国务院已经决定：第一、…。第二、…"
                return run_in, cand
            announces = INTRODUCES_LIST.search(cand.text.strip())
            if not (announces or _ordinals_follow(cand, self._next_chunk(cand.passage))):
                later = self._announcement_ahead(cand)
                if later is None:
                    continue
                cand, announces = later, INTRODUCES_LIST.search(later.text.strip())
            found = self._items_after(cand)
            if found:
                return found, _with_antecedent(cand)
            if not announces:
                continue
            following = self._following_sections(cand.passage)
            if len(following) >= 2:  # "今年要着重做好以下八个方面工作。" and then the sections themselves
                texts = {x.chunk_id: x.text for x in self._passages([h.chunk_id for h in following])}
                return [(h.chunk_id, _quote(texts[h.chunk_id], h), h.path) for h in following
                        if h.chunk_id in texts], cand
        return [], None

    def _numbered_run_in(self, cand: Candidate) -> list[Item]:
        """The items numbered 第一、第二… after a colon in the candidate or in a short lead just after
        it ("为此，必须坚决控制货币的发行量。国务院已经决定：第一、…"), read on through the paragraph
        into the next chunk; each cited at a chunk that holds it whole."""
        paragraph, spans = self._paragraph(cand.passage, cand.start)
        colon = re.search(r"[：:]\s*(?=第一[、，,])", paragraph[: len(cand.text) + RUN_IN_LEAD])
        if colon is None:
            return []
        path = section_path(cand.passage.section)
        return [(held, x, path) for x in numbered_run_in(paragraph[colon.end():]) if (held := _holding(spans, x))]

    def _announcement_ahead(self, cand: Candidate) -> Candidate | None:
        """``_announcement_after`` in the candidate's passage, then on into the next chunk."""
        found, left = _announcement_after(cand)
        if found is not None or left <= 0:
            return found
        row = section_neighbour(self._chunks(cand.passage.doc_id), cand.passage.chunk_id)
        if row is None:
            return None
        nxt = self._passages([str(row["chunk_id"])])
        if not nxt:
            return None
        # the next chunk repeats the end of this one: search it from where this passage's text ends
        overlap = nxt[0].text.find(cand.passage.text[-20:])
        start = overlap + 20 if overlap >= 0 else 0
        found, _ = _announcement_after(Candidate(nxt[0], start, start, "", cand.score, cand.overlap), left)
        return found

    def _next_chunk(self, p: Passage) -> str:
        """The text of the chunk after ``p`` in its section ("" when it is the section's last)."""
        row = section_neighbour(self._chunks(p.doc_id), p.chunk_id)
        return str(row.get("text") or "") if row else ""

    def _parts_announced_by_count(self, retrieval: Retrieval) -> tuple[list[Item], Candidate] | None:
        """"02年报告 要重点抓的八个方面都是啥": the question says how many parts; in the best
        retrieved document, the sentence that announces exactly that many parts ("今年要着重做好
        以下八个方面工作。") and the sibling sections that follow it are the answer, whatever words
        the question says them in. The first such sentence in reading order, quoted first."""
        n = retrieval.facts.count
        if not retrieval.passages:
            return None
        for c in self._chunks(retrieval.passages[0].doc_id):
            text = str(c.get("text") or "")
            for a, b in split_sentences(text):
                m = ANNOUNCED_COUNT.search(text[a:b])
                if not m or count_value(m.group(1)) != n or not re.search(r"方面|部分|大块", m.group()):
                    continue
                found = self._passages([str(c["chunk_id"])])
                if not found:
                    continue
                cand = Candidate(found[0], a, b, text[a:b], 0.0, 0.0)
                items = self._counted_sections(cand)
                if len(items) == n:
                    return items, cand
        return None

    def _counted_sections(self, cand: Candidate) -> list[Item]:
        """"梳理形成了五个方面的工作任务": when exactly that many sibling sections follow the
        sentence, they are the parts it announced. The count must match, so a number in passing
        ("完成3项改造") never turns the next sections into an answer."""
        m = ANNOUNCED_COUNT.search(cand.text)
        n = count_value(m.group(1)) if m else 0
        if n < 2:
            return []
        p = cand.passage
        later = [h for h in self._sections(p.doc_id) if h.position > p.position]
        groups: dict[tuple[str, ...], list[SectionHead]] = {}
        for h in later:  # sibling groups in reading order: the first group of exactly n is the one
            groups.setdefault(h.path[:-1], []).append(h)
        for siblings in groups.values():
            if len(siblings) == n:
                texts = {x.chunk_id: x.text for x in self._passages([h.chunk_id for h in siblings])}
                return [(h.chunk_id, _quote(texts[h.chunk_id], h), h.path) for h in siblings if h.chunk_id in texts]
        return []

    def _paragraph(self, p: Passage, start: int, back: bool = False) -> tuple[str, list[tuple[str, str]]]:
        """The paragraph of ``p`` from ``start`` to its end, read on into the next chunk when it
        runs past this one, and (``back``, when ``start`` opens the chunk mid-paragraph) back into
        the previous one; chunks overlap, the overlap is joined once. Also (chunk id, text) of
        the chunks it spans, in order."""
        rest = p.text[start:]
        paragraph = rest.split("\n", 1)[0]
        spans = [(p.chunk_id, p.text)]
        chunks = self._chunks(p.doc_id)
        current, open_end = p.chunk_id, "\n" not in rest
        for _ in range(PARAGRAPH_CHUNKS):  # a long paragraph ("一是…四是…") runs over several chunks
            after = section_neighbour(chunks, current, 1) if open_end else None
            at = chunk_at(chunks, current)
            if after is None or at is None or int(after.get("start") or 0) > int(chunks[at].get("end") or 0):
                break  # the section ends, or a line break lies between: the next opens a paragraph of its own
            nxt = str(after.get("text") or "")
            paragraph = _joined(paragraph, nxt.split("\n", 1)[0])
            spans.append((str(after["chunk_id"]), nxt))
            current, open_end = str(after["chunk_id"]), "\n" not in nxt
        before = section_neighbour(chunks, p.chunk_id, -1) if back and start == 0 else None
        if before is not None:
            prev = str(before.get("text") or "")
            if not prev.endswith("\n"):
                paragraph = _joined(prev.rsplit("\n", 1)[-1], paragraph)
                spans.insert(0, (str(before["chunk_id"]), prev))
        return paragraph, spans

    @staticmethod
    def _ordinal_items(p: Passage, paragraph: str, spans: list[tuple[str, str]], deeds: bool = False) -> list[Item]:
        """The 一是/二是 items of ``paragraph`` (read from ``p`` and the chunks in ``spans``)."""
        found = inline_ordinals(paragraph)
        if len(found) < 2:
            return []
        # "一是聚焦重点,提升精准度。深化…提供“管家式”服务…": a point that only names its part (a slogan,
        # or any short point when what is done is asked) comes with the sentence that says what is done
        found = [_with_next_sentence(paragraph, x, found) if _slogan(x, deeds) else x for x in found]
        path = section_path(p.section)
        # each item is cited at a chunk that holds it (its own sentence's chunk first)
        ordered = [(p.chunk_id, p.text)] + [x for x in spans if x[0] != p.chunk_id]
        return [(_holding(ordered, item, p.chunk_id), item, path) for item in found]

    def _inline_ordinals(self, cand: Candidate, deeds: bool = False) -> list[Item]:
        """The 一是/二是 items in the rest of the sentence's paragraph."""
        return self._ordinal_items(cand.passage, *self._paragraph(cand.passage, cand.end), deeds)

    def _enumeration_across_chunks(self, cand: Candidate) -> list[Item]:
        """"…荣获“上海市无违建示范街镇”称号;街道政协委员工作站被评为…;" closing its chunk: the
        sentence, and its enumeration, runs on into the next chunk; read whole, each item cited
        at a chunk that holds it."""
        p = cand.passage
        if not cand.text.rstrip().endswith(("；", ";")) or p.text[cand.end:].strip():
            return []
        paragraph, spans = self._paragraph(p, cand.start)
        m = re.search(r"[。！？!?]", paragraph)  # the sentence's end ("；" runs on: it is why we read on)
        found = enumeration.items(paragraph[: m.end()] if m else paragraph)
        if len(found) < 2 or len(spans) < 2:
            return []
        path = section_path(p.section)
        return [(_holding(spans, item, p.chunk_id), item, path) for item in found if any(item in text for _, text in spans)]

    def _enumeration_around(self, cand: Candidate, deeds: bool = False) -> tuple[list[Item], str]:
        """The sentence is itself one item of a 一是/二是 enumeration ("三是落实信息报送制度。"
        answering "落实哪几项制度"): the whole enumeration of its paragraph, and what the items
        are read in — the section's heading and the paragraph — to judge them against the topic."""
        if not INLINE_ITEM.match(cand.text.strip()):
            return [], ""
        p = cand.passage
        paragraph, spans = self._paragraph(p, p.text.rfind("\n", 0, cand.start) + 1, back=True)
        return self._ordinal_items(p, paragraph, spans, deeds), for_matching(p.section + "\n" + paragraph)

    def _following_sections(self, p: Passage) -> list[SectionHead]:
        """The sections that follow the passage's own, at the level of its own section."""
        heads = self._sections(p.doc_id)
        at = next((i for i, h in enumerate(heads) if h.chunk_id == p.chunk_id or h.position > p.position), None)
        if at is None:
            return []
        level = len(heads[at].path)
        out = []
        for h in heads[at:]:
            if len(h.path) < level:
                break
            if len(h.path) == level and h.chunk_id != p.chunk_id:
                out.append(h)
        return out

    def _compose(self, asked: Asked, parent: str | None, items: list[Item], lead: Candidate | None = None,
                 levels: list[int] | None = None, kind: str = "outline") -> Answer:
        """The answer as a heading line and one cited line per item: ``kind`` "outline" for a
        document's own parts, "list" for the items of an enumeration or sentences gathered."""
        passages = {p.chunk_id: p for p in self._passages(list(dict.fromkeys(cid for cid, _, _ in items)))}
        if lead is not None:  # the announcing sentence is cited too: its passage is shown with the rest
            passages.setdefault(lead.passage.chunk_id, lead.passage)
        first = passages[items[0][0]]
        where = first.street or first.district
        scope = f"“{parent}”" if parent else "所列各项"
        lines = [f"据《{first.title}》{f'（{where}）' if where else ''}，{scope}包括："]
        citations: list[Citation] = []
        numbers: dict[str, int] = {}
        seen: set[str] = set()
        if lead is not None and not any(lead.text.strip() in quote for _, quote, _ in items):
            citations.append(cite(1, lead))
            lines[0] = (f"据《{first.title}》{f'（{where}）' if where else ''}：“{lead.text.strip()}”[1]"
                        "，具体如下：")
        for (cid, quote, path), level in zip(items, levels or [0] * len(items), strict=True):
            p = passages.get(cid)
            if p is None or quote in seen:
                continue
            seen.add(quote)
            n = numbers.get(cid)
            if n is None:
                n = numbers[cid] = len(citations) + 1
                citations.append(Citation(n=n, source=p.source, title=p.title, street=p.street, year=p.year or None,
                                          section=" > ".join(path), chunk_id=p.chunk_id, quote=quote))
            lines.append(f"{'  ' * level}- {' '.join(quote.split())}[{n}]")
        return Answer(question=asked.question, rewritten_question=asked.rewritten, answer="\n".join(lines),
                      refused=False, citations=citations, contexts=[p.context() for p in passages.values()],
                      backend=self.name, kind=kind)


# "一共几个方面多少个项目": the counts asked of a document's parts, by what they count
_COUNT_ASKED = re.compile(r"(?:几|多少)个?(方面|项目|项|条|部分|大块|块|大类)")
_COUNT_WORD = r"[一二两三四五六七八九十百\d]+个?"
COUNT_FIT = 0.5  # share of the topic's weight the sentence stating the count must cover


def _count_stated(retrieval: Retrieval, doc_id: str) -> Candidate | None:
    """The document's own sentence that says how many of what the question counts ("梳理形成了五个
    方面的工作任务和55项重点工作项目"), shown before its parts; None where nothing is counted or no
    sentence of the document says the count."""
    units = {"项目": "项", "大块": "块"}
    asked = {units.get(u, u) for u in _COUNT_ASKED.findall(retrieval.facts.question)}
    if not asked:
        return None
    said = re.compile(_COUNT_WORD + "(" + "|".join(sorted(asked, key=len, reverse=True)) + ")")
    best = None
    for cand in candidates(retrieval.facts, retrieval):
        if cand.passage.doc_id != doc_id or cand.overlap < COUNT_FIT:
            continue  # a count said in passing of something else ("从三个方面入手") is no count of these
        told = {m.group(1) for m in said.finditer(cand.text)}
        if told and (best is None or (len(told), cand.score) > best[0]):
            best = ((len(told), cand.score), cand)
    return best[1] if best else None


ANNOUNCE_FIT = 0.8  # share of the topic's weight said just before a colon for the sentence to announce it


def _announces(sentence: str, weights: dict[str, float]) -> bool:
    """Does ``sentence`` name the topic just before a colon, then go on to list it ("主要预期目标是：…")?"""
    colon = re.search(r"[：:]", sentence)
    total = sum(weights.values())
    if not colon or not total or colon.end() >= len(sentence.rstrip()) - 1:
        return False
    head = for_matching(sentence[max(0, colon.start() - 16):colon.start()])
    return hit(weights, set(tokenize(head)), head) >= ANNOUNCE_FIT * total
