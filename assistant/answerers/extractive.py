"""The default answerer: picks the sentences that answer the question from the
retrieved passages and quotes them verbatim. No model call, so it is fast and
every number it states is, by construction, in the passage it cites.

How it chooses, in order:
1. refuse when the street or year asked is not in the index at all;
2. score each sentence of the top passages by weighted overlap with the asked
   topic (``Query.topic``; 繁体 and spelled-out years folded for matching), the
   passage's rank, and whether its year fits (a sentence that states only
   another year is never used for this year);
3. for number questions, score every quantity of the sentence with named
   features (``quantity_features``) — unit fit as a preference, stage, closeness
   to the asked noun — and quote the best one whole ("2.6万亿元", "3万余人").
   A sentence that covers the topic is refused only when it holds no quantity.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache

from assistant.answer import Answer, Citation, merge_answers
from assistant.answerers import enumeration
from assistant.answerers.base import Asked
from assistant.answerers.topic_fit import (
    hit,
    named_in,
    names_of,
    rival_modifier,
    said,
    tagged,
    topic_weights,
    weights_of,
)
from assistant.numbers import extract_numbers
from core.lexicon import (
    ACTUAL_ASKED,
    AREA_UNITS,
    ASK_BEFORE_NOUN,
    CHANGE_ASKED,
    CHANGE_BEFORE,
    CHANGE_CHARS,
    CHANGE_VERBS,
    CN_MAGNITUDE_QUANTITY,
    CN_QUANTITY,
    COUNT_ASKED,
    FILLER_TOKENS,
    FROM_TO_ASKED,
    LIST_JOIN,
    LOOK_BACK_WORDS,
    MATCH_SYNONYMS,
    MONEY_UNITS,
    MORE_OR_LESS_ASKED,
    NOT_QUALIFIER_WORDS,
    ORDINAL,
    PERCENT_CN,
    PLAN_WORDS,
    PLANNED_AHEAD,
    PREVIOUS_YEAR,
    QUALIFIERS_BEFORE,
    QUANTITY,
    SPOKEN_VERBS,
    TARGET_AFTER,
    TARGET_BEFORE,
    stages_in,
    unit_affinity,
)
from core.textnorm import for_matching, outside_title, own_years, subject_years, years_named
from core.types import Passage, Query
from ingest.chunking import split_sentences
from vectorstore.hybrid import Retrieval, opening_looks_back
from vectorstore.tokenize import tokenize, words

_FIELD_Q = {
    "牵头单位": re.compile(r"牵头|哪个(?:单位|部门)负责|谁负责|主责"),
    "责任单位": re.compile(r"责任单位|配合|参与单位|责任部门"),
    "完成时间": re.compile(r"什么时候|何时|完成时间|时间节点|时限|截止|几月"),
}
MIN_OVERLAP = 0.34  # share of the topic's weight a sentence must cover to be an answer at all
LONG_SENTENCE = 150  # characters: longer sentences are quoted by the clause that answers
WHOLE_TOPIC_MAX = 8  # characters: a topic this short, written whole in a sentence, is covered by it
REFERENCE_ONLY = 0.2  # a sentence that names the topic as "上述…", stated before it
REVIEW_FOR_PLAN = 0.3  # a report's look back, when the target it sets for its own year is asked
RANK_BONUS = 0.08  # a sentence from the first passage gains this much over an equal one further down
# A figure's sentence may leave its topic to the sentence before it in the paragraph ("推进实事项目建设,…
# 启动新一轮社区更新改造。2021年计划投入资金约3100万元,…"): the topic words only that sentence says
# count this much (number questions only, for a sentence that covers some of the topic itself)
CARRIED_CREDIT = 0.5

# Quantity features (see quantity_features); the score of a quantity is their sum.
F_BASE = 0.5  # any quantity with a unit is a candidate answer
F_UNIT = 1.5  # × unit affinity with the measure word asked (1 same, 0.6 same group)
F_UNIT_MISSING = -0.3  # a measure word was asked and this quantity has another kind of unit
F_KIND = 1.0  # money asked and money given, area asked and area given, a rate asked and % given
RATE_UNITS = frozenset({"%", "％", "‰", "百分点", "个百分点"})
F_KIND_MISS = -1.5  # money/area/rate asked and this is not one
F_STAGE = 2.0  # the asked stage names this quantity; -1 when another stage does
F_DONE = 1.5  # "完成多少" and the quantity is the completed stage
F_NOUN = 0.5  # per unit of topic weight found in the quantity's own clause
F_ORDINAL = 2.0  # "第几次" answered by "第十四次"
F_COUNTED = 1.0  # "多少非法隔间" → "181间": the unit is in the counted noun
F_RIVAL = -3.0  # the quantity's clause names the asked head with another modifier (粮食总产量 for 棉花总产量)
F_PER_HEAD = -1.5  # a figure per person where a total is asked, or a total where one per person is
PER_HEAD = re.compile(r"人均|每人(?!次)|每个人")  # per person: not 户均 / 平均每天
PER_HEAD_MEASURE = re.compile(r"收入|工资|生活费|消费水平")  # measures told per head however asked
F_RESPECTIVE = 2.0  # "A和B分别为X和Y": X for A, Y for B
F_FROM_TO = 1.5  # "从多少增加到多少" and the quantity is one end of a "从A…到B" stretch
F_CHANGE = -2.5  # "财政收入多少" and the quantity is an amount of change ("比上年增加1501亿元"), not the level ("达到11377亿元")
F_CHANGE_ASKED = 2.0  # "比上年增长多少" asks only the change, and the quantity is written as one ("比上年增长66％")
CHANGE_IS_ASKED = re.compile("(?:" + "|".join(CHANGE_VERBS) + r"|涨|降)了?(?:分别|各|大概|约)?(?:是|为|有)?(?:多少|几)")
F_TARGET = -1.5  # no target asked and the quantity is one ("今年计划…增长百分之九" for "94年GDP增长多少")
F_PART = -2.0  # "…财政赤字1.2万亿元，其中中央财政赤字8500亿元": a breakdown after 其中 where the part's own words are not asked
F_TARGET_ASKED = 1.0  # a target asked in so many words ("目标定的多少") and the quantity is set as one in its sentence
TARGET_ASKED = re.compile(r"目标|原定|原计划|预期|定的|定了|定为|控制在")
F_AVERAGE = -1.0  # one year asked and the quantity is a span's yearly average ("这五年…年均增长9.3%"), not that year's
AVERAGE_BEFORE = re.compile(r"年均|平均每年|每年平均")
F_NOT_ACTUAL = -10.0  # ... and the actual figure is asked in so many words ("实际涨了多少")
F_SEGMENT = -1.0  # the topic is named in another quantity's stretch of a "、" run, not this one's ("33个垃圾厢房、241个投放点")
F_GROWTH = 0.5  # "GDP增长多少" (no measure word): growth is told as a rate, the level beside it is not it
GROWTH_ASKED = re.compile(r"(?:增长|增幅|增速|涨幅|上涨|下降|降幅)(?:了|率)?(?:实际|目标|计划|预期)?(?:定的)?(?:分别|各|大概|约)?(?:是|为|有)?(?:多少|几)")
# "GDP增速": a growth rate is told after the verb of growth ("增长7.8%"); a share ("占…的比重…1.97%") is not one
GROWTH_RATE_ASKED = re.compile(r"增速|增长率|增幅|涨幅")
SHARE_BEFORE = re.compile(r"比重|占比|比例")
F_SHARE_OF = -3.0  # the quantity is a share of the measure asked ("占国内生产总值的比重"), not the measure
_SHARE_OF = re.compile(r"占([^，,。；;]{1,20}?)的?(?:比重|比例)[^，,。；;]*$")
F_YEAR = 1.0  # the asked year is written just before the quantity ("一九五九年的五千四百零一億斤"); -1 another year
LIST_SENTENCES_MAX = 6  # sentences quoted for a list whose items stand in sentences of their own
SCATTERED_FIT = 0.9  # ... each covering the topic about as well as the first
FIGURES_FIT = 0.6  # a further sentence of figures must cover the topic this well against the first
W_LABEL_MISS = 0.5  # score taken from a sentence that does not name the measure its part asks
LEAD_SHARE = 0.5  # share of its weight a topic named whole in a sentence's lead clause lends the figures after it
W_SIBLING = 0.05  # score given a sentence for each other measure asked beside its part that it gives a figure of too
LABEL_FIT = 0.5  # share of a measure's name ("GDP", "新增就业") its sentence must say to give its figure
NUMBER_CANDIDATES = 6  # sentences weighed for a number question
# ... and further down, when the best of those holds only a figure its sentence rules out: a
# sentence covering the topic this well whose figure scores this much with nothing against it
RESCUE_CANDIDATES = 12
RESCUE_OVERLAP = 0.6
RESCUE_QUANTITY = 1.0
W_QUANTITY = 0.15  # a quantity's score against a sentence's topic overlap (0–1) when choosing between sentences


@dataclass
class Candidate:
    passage: Passage
    start: int
    end: int
    text: str
    score: float
    overlap: float
    own: int = 0  # where, in ``text``, the sentence itself starts (after the one quoted for its topic)


@dataclass
class Quantity:
    """One figure in a sentence, quoted whole: qualifier + number + magnitude + unit."""

    start: int
    end: int
    text: str
    unit: str
    ordinal: bool = False


def year_fits(sentence: str, meta_year: int, years: list[int]) -> bool:
    """May this sentence answer for ``years``? Yes if it names an asked year; if it
    names only other years, no (never quote 2023's figure for 2022); if it names
    none, its section's year decides. A year the figure only stands on ("在1978年粮食
    丰收的基础上") is not the sentence's own."""
    named = set(own_years(sentence))
    if named:
        return bool(named & set(years))
    return meta_year in years or meta_year == 0


def looks_back(sentence: str, passage: Passage, years: list[int]) -> bool:
    """"粮食产量33，212万吨，比上年增加2，737万吨" in the 1980 report, asked for 1979: a report
    tells the year before its own in parts whose kind the structure parser could not tell
    (no year in their heading); a sentence there naming no year and planning nothing is
    about that year. Only for reports with no street: a street's sections carry their kind."""
    return (not passage.street and not passage.kind and passage.year - 1 in years
            and not own_years(sentence) and not PLAN_WORDS.search(sentence) and "今年" not in sentence)


# "１９８４年，我国工业生产继续全面增长。": a paragraph that opens with a year and a comma is of that year
_PARAGRAPH_YEAR = re.compile(r"\s*((?:19|20)\d{2})年[，,]")


def paragraph_year(match: str, at: int) -> int:
    """The year the paragraph holding position ``at`` of folded ``match`` opens with ("１９８４年，
    我国工业生产继续全面增长。…原煤产量达到七亿七千多万吨": every sentence after it that names no
    year of its own is of 1984, though its section is the 1985 report's); 0 when it opens otherwise."""
    start = match.rfind("\n", 0, at) + 1
    m = _PARAGRAPH_YEAR.match(match, start)
    return int(m.group(1)) if m and m.start(1) < at else 0


GOES_ON_MAX = 3  # sentences back a sentence naming no year may go on about the year named there
GOES_ON_WINDOW = 300  # characters back they are looked for in (a long paragraph is not read whole)


def _years_gone_on_about(match: str, at: int, own_year: int = 0) -> list[int]:
    """The years the sentence at ``at``, naming no year, goes on about: those its paragraph last named
    before it ("1979年…停建、缓建了大中型项目295个。计划建成投产大中型项目118个，实际建成128个";
    "1979年国民收入比上年增长7％。…。积累率由1978年的36.5％，降为33.6％"), only within its paragraph
    and a few sentences back; [] where none is. In a report of ``own_year``, a sentence that says 去年
    is about the year before ("去年全国城镇居民…；农民的纯收入…")."""
    start = max(match.rfind("\n", 0, at) + 1, at - GOES_ON_WINDOW)  # the first, cut short, may be the one
    before = [match[start + s:start + e] for s, e in split_sentences(match[start:at])][-GOES_ON_MAX:]
    for sentence in reversed(before):
        named = subject_years(sentence) or ([own_year - 1] if own_year and PREVIOUS_YEAR.search(sentence) else [])
        if named or own_years(sentence):
            return named  # a year named only as a base or a ground: no year it goes on about
    return []


def _goes_on_about(match: str, at: int, years: list[int], own_year: int = 0) -> bool:
    """Does the sentence at ``at`` go on about years that are all asked?"""
    named = _years_gone_on_about(match, at, own_year)
    return bool(named) and set(named) <= set(years)


TITLE_SHARE = 0.6  # of a line's characters in runs shared with its document's title: it restates the title
TITLE_LINE_MAX = 3  # × the title's length: a longer line says more than its title
_COVER_LINE = re.compile(r"^\s*(?:附件|关于|《)")


def restates_title(sentence: str, title: str) -> bool:
    """"附件:《2017年区委“创新社会治理加强基层建设”重点工作项目安排表》", a cover line: a line that
    mostly repeats its document's title and opens like a cover or an annex (or adds under two
    characters of its own) matches every question that names the document, and answers none.
    "推进创新社会治理加强基层建设工作" says something of its own and stays."""
    if not title or len(sentence) > TITLE_LINE_MAX * len(title):
        return False
    rest = outside_title(sentence, title)
    if len(sentence) - len(rest) < TITLE_SHARE * len(sentence.strip()):
        return False
    return bool(_COVER_LINE.match(sentence)) or len(re.findall(r"[\u4e00-\u9fff]", rest)) < 2


def candidates(query: Query, retrieval: Retrieval, limit: int = 8) -> list[Candidate]:
    weights = topic_weights(query)
    total = sum(weights.values()) or 1.0
    years = query.topic_years if query.years else []
    # "75年报告里…": the year names the document only; retrieval already kept to it, so a
    # sentence there may name any year ("连续十三年…一九七四年…").
    report_only = bool(query.report_years) and set(query.years) <= set(query.report_years)
    whole_topic = for_matching(query.topic) if 3 <= len(query.topic) <= WHOLE_TOPIC_MAX else ""
    out: list[Candidate] = []
    for p in retrieval.passages[:limit]:
        rank = p.rank or 1
        text = p.text
        match = for_matching(text)
        spans = [(0, len(text))] if p.is_record else split_sentences(text)
        doc_years = {p.year} | set(years_named(p.title))
        title = for_matching(p.title)
        for i, (s, e) in enumerate(spans):
            sent = match[s:e]
            # the sentence before in the same paragraph, which may say the topic (CARRIED_CREDIT)
            prev = spans[i - 1] if i and "\n" not in match[max(0, s - 2):s] else None
            if len(sent) < 4 or restates_title(sent, title):
                continue
            if years and not (year_fits(sent, p.year, years) or looks_back(sent, p, years)
                              or (not subject_years(sent) and (paragraph_year(match, s) in years
                                                           or _goes_on_about(match, s, years, 0 if p.street else p.year)))
                              or (query.report_years and set(query.report_years) & doc_years
                                  and (report_only or not subject_years(sent)))):
                continue
            topical = without_adjustments(sent)
            covered_weight = hit(weights, set(tokenize(topical)), topical)
            carried = 0.0
            if whole_topic and whole_topic in sent:
                covered_weight = total  # "妇女之家" written whole, however the cut splits it
            elif prev and covered_weight < total and (query.wants_number or (
                    query.intent == "list" and is_run_in_heading(match[prev[0]:prev[1]]))):
                # a list's sentence after the run-in heading that names it ("暖心举措助残帮困。通过
                # “三大节日”帮困、两项补贴…"): the heading says what its items are of. A figure's
                # sentence may say only the change ("涨幅仍然高达百分之二十一点七"), the thing that
                # changed said just before it ("…物价上涨幅度控制在百分之十以内。")
                own_weight = covered_weight or (hit(weights, set(tokenize(sent)), sent, need_noun=False)
                                                if query.wants_number else 0.0)
                carried = carried_weight(weights, sent, match[prev[0]:prev[1]]) if own_weight else 0.0
                covered_weight = own_weight + CARRIED_CREDIT * carried if carried else covered_weight
            own = 0
            if carried and query.wants_number and len(sent) <= LONG_SENTENCE:
                own, s = s - prev[0], prev[0]  # quoted with the sentence that says what its figure is of
            elif len(sent) > LONG_SENTENCE and covered_weight:
                fs, fe = _focus(match, s, e, weights, covered_weight)
                # A list question keeps the whole sentence when its items run past the clause.
                if not (query.intent in ("list", "outline") and not enumeration.items(text[fs:fe])
                        and enumeration.items(text[s:e])):
                    s, e = fs, fe
            overlap = covered_weight / total
            score = overlap + RANK_BONUS / rank
            if not query.wants_number and _named_by_reference(sent, weights):
                score -= REFERENCE_ONLY  # "实现上述两步设想的关键": the topic was stated before, not here
            # "1995年报告 1995年物价涨幅定的多少": the report's own year asked as the figures' year is
            # its plan, never its look back ("去年…曾提出…控制在百分之十以内")
            own_year_asked = bool(set(query.report_and_topic) & doc_years) and not p.street
            if report_only and (query.kind == "plan" or own_year_asked) and (p.kind == "review" or LOOK_BACK_WORDS.search(sent)):
                # "1999年报告定的增长目标": the report's plan, not its look back ("两年来…发行2100亿元")
                score -= REVIEW_FOR_PLAN
            out.append(Candidate(p, s, e, text[s:e], score, overlap, own))
    out.sort(key=lambda c: -c.score)
    return out


_POINTS_BACK = re.compile(r"(?:上述|前述|上面所?说的?|前面所?说的?)的?([\u4e00-\u9fff]{2,6})")


def _named_by_reference(sentence: str, weights: dict[str, float]) -> bool:
    """Does the sentence name the topic only as something stated before ("上述两步设想")? Then
    the sentence that stated it answers, not this one."""
    return any(any(t in m.group(1) or m.group(1)[:2] in t for t in weights if len(t) >= 2)
               for m in _POINTS_BACK.finditer(sentence))


def carried_weight(weights: dict[str, float], sentence: str, before: str) -> float:
    """Weight of the topic words ``before`` says and ``sentence`` says nothing of — not even in
    part: a word it names by its head alone ("增长" of 经济增长) is its own, not carried."""
    own, prev = set(tokenize(sentence)), set(tokenize(before))
    return sum(w for t, w in weights.items() if not hit({t: w}, own, sentence) and hit({t: w}, prev, before))


def _focus(text: str, s: int, e: int, weights: dict[str, float], whole: float) -> tuple[int, int]:
    """Narrow a long sentence to the clause carrying most of its match with the
    question, when that clause alone carries at least 60 % of it.

    Why: report sentences run to 300 characters ("2020年,街道办事处坚持…先后荣获
    上海市平安示范社区、…等荣誉称号。"); quoting all of it buries the answer. The
    clause keeps its enumeration ("、" does not split)."""
    bounds = [s] + [i + 1 for i in range(s, e) if text[i] in "，,；;"] + [e]
    best, best_hit = (s, e), 0.0
    for a, b in itertools.pairwise(bounds):
        h = hit(weights, set(tokenize(text[a:b])), text[a:b])
        if h > best_hit:
            best, best_hit = (a, b), h
    return best if best_hit >= 0.6 * whole else (s, e)


_ROW_LABEL = re.compile(r"(?:序号|编号|代码|No\.?)\s*[：:]?\s*$")


def quantities(sentence: str, extra_units: tuple[str, ...] = ()) -> list[Quantity]:
    """Every figure in a sentence, each quoted whole (years and bare numbers left out).

    ``sentence`` is matched in its folded form but quoted from the original, so a
    繁体 figure is quoted as written."""
    m_text = for_matching(sentence)
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(a: int, b: int, unit: str, ordinal: bool = False) -> None:
        if any(x < b and a < y for x, y in taken):
            return
        for q in sorted(QUALIFIERS_BEFORE, key=len, reverse=True):
            if m_text[max(0, a - len(q)):a] == q and m_text[max(0, a - 2):a] not in NOT_QUALIFIER_WORDS:
                a -= len(q)
                break
        taken.append((a, b))
        out.append(Quantity(a, b, sentence[a:b].strip(), unit, ordinal))

    for m in ORDINAL.finditer(m_text):
        add(m.start(), m.end(), m.group("unit"), ordinal=True)
    for m in PERCENT_CN.finditer(m_text):
        add(m.start(), m.end(), "%")
    for m in QUANTITY.finditer(m_text):
        num, mag, unit = m.group("num"), m.group("mag") or "", m.group("unit") or ""
        if re.fullmatch(r"(?:19|20)\d{2}", num) and m_text[m.end("num"):m.end("num") + 1] in "年-—/":
            continue  # a year, not a quantity
        if not unit and not mag:
            continue  # a bare number (an id, a date part) is no answer
        if _ROW_LABEL.search(m_text, 0, m.start()):
            continue  # "序号：38 项目：…": a table row's number, its "项" the next field's name
        end = m.end()
        while end > m.start() and m_text[end - 1].isspace():
            end -= 1
        add(m.start(), end, (mag + unit) if unit in ("元",) and mag else unit or mag)
    for m in CN_QUANTITY.finditer(m_text):
        num = m.group("num")
        if len(num) == 1 and num in "一两":
            continue  # "一个中心", "两个方面": an article, not a count
        if not num.strip("万亿"):
            continue  # "突破万亿元": a magnitude passed, not a figure
        if re.fullmatch(r"[零〇一二三四五六七八九]{4}", num):
            continue
        if m_text[max(0, m.start() - 1):m.start()] == "每":
            continue  # "每百户拥有家用汽车21.5辆": the base a rate is per, not a figure
        add(m.start(), m.end(), m.group("unit"))
    for m in CN_MAGNITUDE_QUANTITY.finditer(m_text):
        add(m.start(), m.end(), "")
    for unit in extra_units:
        for m in re.finditer(rf"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]{{2,}})\s*(?:余|多)?{re.escape(unit)}", m_text):
            add(m.start(), m.end(), unit)
    return sorted(out, key=lambda q: q.start)


def _clause(sentence: str, a: int, b: int) -> tuple[int, int]:
    """The clause around ``sentence[a:b]``; an aside in brackets is a clause of its own ("农业产值达到
    七百八十三亿元（社办工业的产值一百亿元不包括在内）": the second figure is 社办工业's)."""
    start = max(sentence.rfind(p, 0, a) for p in "，,；;。：:（(") + 1
    ends = [i for i in (sentence.find(p, b) for p in "，,；;。（(") if i >= 0]
    return start, min(ends) if ends else len(sentence)


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``text[at]`` begins (a candidate may run over several)."""
    return max(text.rfind(ch, 0, at) for ch in "。！？") + 1


def stage_before(m_sent: str, q: Quantity) -> str | None:
    """The stage named last before the quantity in its clause ("签约18台,开工13台" → 开工 for 13台)."""
    stages = stages_in(m_sent[_clause(m_sent, q.start, q.end)[0]:q.start])
    return stages[-1][1] if stages else None


Paired = tuple[list[Quantity], list[Quantity]] | None  # see respective_pick


def quantity_features(query: Query, sentence: str, q: Quantity, weights: dict[str, float],
                      others: tuple[Quantity, ...] = (), paired: Paired = None) -> dict[str, float]:
    """Named features of one quantity as the answer to ``query``; their sum is its score.
    ``others`` are the sentence's other quantities (they bound the stretch a year is read from);
    ``paired`` is the sentence's "A和B分别为X和Y" reading, the same for all of them."""
    m_sent = for_matching(sentence)
    f: dict[str, float] = {"base": F_BASE}
    if query.ordinal:
        f["ordinal"] = F_ORDINAL if q.ordinal and q.unit == query.ordinal else 0.0
    elif q.ordinal:
        f["ordinal"] = -10.0  # "第四轮" is not a count: never the answer to 多少
    if q.unit == "年" and query.measure != "年":
        f["span"] = F_KIND_MISS  # "这五年": a span of time, the answer only to 多少年
    if query.measure and not query.ordinal:
        aff = unit_affinity(query.measure, q.unit.removeprefix("万").removeprefix("亿") or q.unit)
        f["unit"] = F_UNIT * aff if aff else F_UNIT_MISSING
    if query.rate:
        f["kind"] = F_KIND if q.unit in RATE_UNITS else F_KIND_MISS
    elif query.measure and (q.unit in RATE_UNITS or q.unit == "倍"):
        f["kind"] = F_KIND_MISS  # "多少斤" is a count: a share or multiple ("一点四倍") is not one
    elif query.money:
        f["kind"] = F_KIND if q.unit in MONEY_UNITS or q.unit.endswith("元") else F_KIND_MISS
    elif query.area:
        f["kind"] = F_KIND if q.unit in AREA_UNITS else F_KIND_MISS
    if not (query.measure or query.rate or query.money or query.area) and GROWTH_ASKED.search(query.question):
        f["growth"] = F_GROWTH if q.unit in RATE_UNITS else 0.0
    if query.counted and q.unit and q.unit in query.counted:
        f["counted"] = F_COUNTED
    elif any(sentence[q.end:].startswith(noun) for noun in _nouns_counted(query.question)):
        f["counted"] = F_COUNTED  # "建了多少项目" → "5100多个项目": the thing counted is written after the figure
    a, b = _clause(m_sent, q.start, q.end)
    before = m_sent[a:q.start]
    if len(query.topic_years) == 1 and AVERAGE_BEFORE.search(before[-8:]) and not re.search(r"年均|平均|每年", query.question):
        f["average"] = F_AVERAGE
    # the breakdown runs from 其中 to the sentence's end ("其中中央财政赤字8500亿元，代地方发债3500亿元");
    # its parts are asked by the words that tell them from the total (中央, 国有), which the question lacks
    part = m_sent.rfind("其中", 0, q.start)
    if part >= 0 and not re.search(r"[。！？]", m_sent[part:q.start]):
        total = set(words(m_sent[max(m_sent.rfind("。", 0, part), 0):part]))
        own = [t for t in words(m_sent[part + 2:q.start]) if len(t) >= 2 and t not in total and not re.search(r"\d", t)]
        if own and not any(t in for_matching(query.question) for t in own):
            f["part"] = F_PART
    share = _SHARE_OF.search(before)
    if share and not SHARE_BEFORE.search(query.question) and any(named_in(t, share.group(1)) for t in weights):
        # "…经费支出占国内生产总值的比重…提高到1.97%": a share of the measure asked is not the measure
        f["share"] = F_SHARE_OF
    if query.rate and q.unit in RATE_UNITS and GROWTH_RATE_ASKED.search(query.question):
        f["growth"] = F_GROWTH if CHANGE_BEFORE.search(before) else -F_GROWTH if SHARE_BEFORE.search(before) else 0.0
    clause = without_adjustments(without_rivals(m_sent[a:b], query.rival_labels))
    stage = stage_before(m_sent, q)
    if query.stage:
        # The stage may follow the number too: "44名社工招录".
        after = [st for _, st in stages_in(m_sent[q.end:b])]
        f["stage"] = F_STAGE if stage == query.stage or (stage is None and query.stage in after) else -1.0
    elif query.done:
        f["stage"] = F_DONE if stage == "完工" else 0.5 if stage is None or "完成" in before else -0.5
    sentence_years = set(years_named(m_sent))
    if query.years and sentence_years:
        # Where the sentence sets years against each other ("从1955年的A，增加到1959年的B"), the
        # year written in the stretch since the previous figure is that figure's year. Where it
        # names one year before one of several figures ("积累率由1978年的36.5％，降为33.6％"), that
        # figure is of that year — not the answer for another (nor the others for it: "2023年完成签约
        # 18台,开工13台,完工11台" opens with its year); named before them all ("根据1980年计划，
        # 积累率可能进一步降到30％左右"), every figure is of it.
        named = _lead_years(m_sent, q, others, a)
        asked = set(query.topic_years)
        if named and len(sentence_years) >= 2:
            f["year"] = F_YEAR if named & asked else -F_YEAR
        elif named and len(others) >= 2 and not named & asked:
            f["year"] = -F_YEAR
        elif not named and sentence_years <= asked and not any(
                _lead_years(m_sent, x, others, _clause(m_sent, x.start, x.end)[0]) for x in others):
            f["year"] = F_YEAR / 2
    if query.topic and rival_modifier(query.topic, clause):
        f["rival"] = F_RIVAL
    per_head_said = PER_HEAD.search(_without_names_of(clause, weights))
    if (bool(PER_HEAD.search(query.question)) != bool(per_head_said)
            and not (per_head_said and PER_HEAD_MEASURE.search(query.topic))):
        # "粮食总产量" is not "每人占有粮食近八百斤", nor the other way round; an income is a head's
        # by nature ("农民收入多少": "农民的纯收入，全国平均每人达到三百五十五元")
        f["per_head"] = F_PER_HEAD
    near = sum(w for t, w in weights.items() if named_in(t, clause) or (t in CHANGE_CHARS and t in clause))
    set_after = TARGET_AFTER.match(m_sent, q.end) is not None
    if set_after:
        # "国内生产总值比上年增长7.8％，虽然略低于8％的预定目标": a target set against the result before
        # it is a target of what that result measures
        said = m_sent[_sentence_start(m_sent, a):b]
        near = sum(w for t, w in weights.items() if named_in(t, said) or (t in CHANGE_CHARS and t in said))
    elif not near and _CHANGED_TO.match(clause):
        # "积累率由1978年的36.5％，降为33.6％": the clause that says where it went is of the thing before it
        near = sum(w for t, w in weights.items() if named_in(t, m_sent[:a]))
    elif _SUBJECTLESS.match(clause.lstrip("□ ")) and not any(
            named_in(t, clause) for t in weights if not CHANGE_ASKED.fullmatch(t)):
        # "城镇居民人均可支配收入，考虑价格下降因素比上年实际增长9．3％": a clause that opens with the
        # change names no subject of its own — it is the clause before it's
        before_start = max(m_sent.rfind(ch, 0, max(a - 1, 0)) for ch in "，,；;。") + 1
        near += sum(w for t, w in weights.items() if not CHANGE_ASKED.fullmatch(t) and named_in(t, m_sent[before_start:a]))
    elif not near and len(weights) >= 2:
        # "推进青年社区建设,开展“缘聚五角场”活动54场,…": the sentence's lead clause names the whole
        # topic and the figures after it are its work — half the lead's weight, below a clause of its own
        start = _sentence_start(m_sent, a)
        lead = m_sent[start:_clause(m_sent, start, start)[1]]
        if start < a and all(named_in(t, lead) for t in weights) and "".join(weights) in lead.replace("“", "").replace("”", ""):
            near = LEAD_SHARE * sum(weights.values())
    f["noun"] = F_NOUN * near
    if near:
        f["segment"] = _segment_feature(m_sent, q, others, (a, b), weights)
    if FROM_TO_ASKED.search(query.question):
        f["from_to"] = F_FROM_TO if from_to_span(m_sent, q, others) else 0.0
    if CHANGE_BEFORE.search(before) and q.unit not in RATE_UNITS and not CHANGE_ASKED.search(query.question):
        # an amount of change where the amount itself is asked; a rate after 增长 is how growth is told
        f["change"] = F_CHANGE
    elif _only_change_asked(query.question) and (paired is None or q not in paired[1]):
        # (where names pair with a run of figures, "…分别…增长4.7％和5.7％", the pairing tells each one's)
        if CHANGE_BEFORE.search(before):
            f["change"] = F_CHANGE_ASKED
            # ("新建职工住宅6，256万平方米，比上年增长66％": the change is of the figure before it, its stage too)
            f["stage"] = max(f.get("stage", 0.0), 0.0)
        elif any(CHANGE_BEFORE.search(m_sent[:o.start]) for o in others if o is not q):
            f["change"] = F_CHANGE  # a level where only the change is asked, and the sentence gives the change
    if query.kind != "plan" and (TARGET_BEFORE.search(before) or set_after):
        # the actual figure asked in so many words ("实际是多少"): a target is never it
        f["target"] = F_NOT_ACTUAL if ACTUAL_ASKED.search(query.question) else F_TARGET
    elif TARGET_ASKED.search(query.question) and not ACTUAL_ASKED.search(query.question) and (set_after or (
            TARGET_BEFORE.search(m_sent[max(m_sent.rfind("。", 0, q.start), m_sent.rfind("！", 0, q.start)) + 1:q.start])
            and (near or not _owned_by_other(m_sent, q, a)))):
        f["target"] = F_TARGET_ASKED
    if paired is not None and q in paired[1]:
        f["respective"] = F_RESPECTIVE if q in paired[0] else -F_RESPECTIVE
    return f


def _owned_by_other(m_sent: str, q: Quantity, clause_start: int) -> bool:
    """Is the figure written straight after a noun of its own ("可以节约标准煤200万吨") — another
    measure's figure, however many targets its sentence sets?"""
    before = m_sent[clause_start:q.start]
    tags = tagged(before[-6:]) if before else ()
    return bool(tags) and tags[-1][1] in ("n", "nz", "vn") and len(tags[-1][0]) >= 2


def _without_names_of(clause: str, weights: dict[str, float]) -> str:
    """``clause`` less the document's own names of the topic's measures: "城镇居民人均可支配收入" is
    how 城镇居民收入 is written, its 人均 no sign of a figure per person where a total is asked."""
    for t in weights:
        for name in names_of(t):
            clause = clause.replace(name, "")
    return clause


def _nouns_counted(question: str) -> list[str]:
    """The noun a "多少" counts, with or without the measure word typed before it ("多少项目" →
    项目; "多少个项目" → 项目)."""
    return [m.group(1) for m in re.finditer(r"(?:多少|几)[个项家所处条座名位]?([\u4e00-\u9fff]{2})", question)]


def _lead_years(m_sent: str, q: Quantity, found: tuple[Quantity, ...], clause_start: int) -> set[int]:
    """The years written in the stretch since the figure before ``q`` (within its clause), or —
    for a clause opening with 其中 — the year of the clause before it."""
    lead = m_sent[max(clause_start, max((x.end for x in found if x.end <= q.start), default=0)):q.start]
    return set(subject_years(lead)) | set(years_named(lead[-8:])) or year_through_part(m_sent, clause_start)


_SUBJECTLESS = re.compile(r"(?:比上年|比去年|较上年|同比)?(?:实际)?(?:又|再)?(?:增长|增加|提高|上升|下降|减少|回落|降低)")
_CHANGED_TO = re.compile(r"(?:又|再|进一步|则)?(?:降|减少|下降|增加|提高|上升|增长|扩大|缩小|回落)(?:为|到|至)")


def _segment(m_sent: str, q: Quantity, bounds: tuple[int, int]) -> tuple[int, int]:
    """The stretch of a "、" run that holds ``q`` ("改造33个垃圾厢房、241个投放点" → "241个投放点")."""
    a, b = bounds
    start = max(a, m_sent.rfind("、", a, q.start) + 1)
    end = m_sent.find("、", q.end, b)
    return start, end if end >= 0 else b


def _segment_feature(m_sent: str, q: Quantity, others: tuple[Quantity, ...],
                     bounds: tuple[int, int], weights: dict[str, float]) -> float:
    """In a clause that runs several figures apart with "、", each figure is of the noun in its own
    stretch ("拆除非法隔间181间、高低床1150张": 1150张 is 高低床's): the topic named in its own
    stretch is no loss; named only in another figure's, it is (a loss, never a gain: the stretch
    weighs figures within their sentence, not the sentence against others)."""
    own = _segment(m_sent, q, bounds)
    rivals = {_segment(m_sent, x, bounds) for x in others if bounds[0] <= x.start and x.end <= bounds[1]} - {own}
    if not rivals:
        return 0.0

    def fit(seg: tuple[int, int]) -> float:
        return sum(w for t, w in weights.items() if named_in(t, m_sent[seg[0]:seg[1]]))

    return F_SEGMENT if max(fit(s) for s in rivals) > fit(own) else 0.0


def respective_pick(m_sent: str, found: tuple[Quantity, ...] | list[Quantity], weights: dict[str, float]) -> Paired:
    """The figures a sentence pairs with the name that covers the topic best (one per run of
    figures), with the runs they were paired in — after 分别 or in a run of figures after one
    measure — or None."""
    return _after_respectively(m_sent, found, weights) or _run_pick(m_sent, found, weights)


def _after_respectively(m_sent: str, found: tuple[Quantity, ...] | list[Quantity], weights: dict[str, float]) -> Paired:
    """"农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元": the figures
    after 分别 pair with the names before it, in order; the figure whose name covers the topic
    best is the answer (6280元 for 城镇居民收入). None when the sentence pairs nothing so."""
    at = m_sent.find("分别")
    if at < 0:
        return None
    after = [x for x in found if x.start > at and not x.ordinal]
    # the names run from the sentence's last stop, or from the last figure before 分别 ("…能耗下降
    # 17.2%，化学需氧量、二氧化硫排放总量分别下降…": that figure's measure is no name of the run)
    start = max([m_sent.rfind(ch, 0, at) + 1 for ch in "。；;"] + [x.end for x in found if x.end <= at])
    names = [n for n in LIST_JOIN.split(re.sub(r"(?:19|20)\d{2}年|[，,]", "", m_sent[start:at])) if n.strip()]
    if len(names) < 2 or len(after) < len(names):
        return None
    runs = [after[: len(names)]]
    if any(not LIST_JOIN.fullmatch(m_sent[a.end:b.start].strip(" ，,")) for a, b in itertools.pairwise(runs[0])):
        return None  # the figures are not one run "X和Y" right after 分别
    # "…分别达到2253元和6280元，平均每年实际增长4.7％和5.7％": a further run of as many figures
    # pairs with the same names
    rest = after[len(names):]
    while len(rest) >= len(names) and all(LIST_JOIN.fullmatch(m_sent[a.end:b.start].strip(" ，,"))
                                          for a, b in itertools.pairwise(rest[: len(names)])):
        runs.append(rest[: len(names)])
        rest = rest[len(names):]
    fits = [hit(weights, set(tokenize(n)), n) for n in names]
    best = max(range(len(names)), key=lambda i: fits[i])
    if fits[best] <= 0 or fits.count(fits[best]) > 1:
        return None
    return [run[best] for run in runs], [x for run in runs for x in run]


def _run_pick(m_sent: str, found: tuple[Quantity, ...] | list[Quantity], weights: dict[str, float]) -> Paired:
    """"城镇和农村人均住房面积32.9平方米、37.1平方米": names joined before one measure, then a run of
    as many figures right after it, pair in order. The names share the measure, so each is told
    apart by its first word (城镇, 农村)."""
    figures = [x for x in found if not x.ordinal]
    for i, first in enumerate(figures):
        start = max(m_sent.rfind(ch, 0, first.start) + 1 for ch in "。；;，,：:")
        names = [n for n in LIST_JOIN.split(re.sub(r"(?:19|20)\d{2}年[底末初]?", "", m_sent[start:first.start])) if n.strip()]
        run = figures[i: i + len(names)]
        if len(names) < 2 or len(run) < len(names) or any(
                not LIST_JOIN.fullmatch(m_sent[a.end:b.start].strip()) for a, b in itertools.pairwise(run)):
            continue
        firsts = [(tokenize(n) or [""])[0] for n in names]
        fits = [hit(weights, {w}, w) if w else 0.0 for w in firsts]
        best = max(range(len(names)), key=lambda k: fits[k])
        if fits[best] <= 0 or fits.count(fits[best]) > 1:
            return None
        return [run[best]], run
    return None


# "从26.6万亿元…", "由年初的400多万人…", "由1978年的36.5％…": where a span's first figure is opened
_SPAN_OPENS = re.compile(r"(?:从|由(?!于))[^，,；;。从由]{0,8}$")


def from_to_span(m_sent: str, q: Quantity, found: tuple[Quantity, ...] | list[Quantity]) -> tuple[int, int] | None:
    """The stretch "从A…到B" that ``q`` opens or closes ("从26.6万亿元增加到51.9万亿元"), or None."""
    a, b = _clause(m_sent, q.start, q.end)
    inside = [x for x in found if a <= x.start and x.end <= b]
    for x, y in itertools.pairwise(inside):
        between = m_sent[x.end:y.start]
        opens = _SPAN_OPENS.search(m_sent, a, x.start)
        if opens and re.search(r"到|至", between) and len(between) <= 8 and q in (x, y):
            return opens.start(), y.end
    return None


def pick_quantity(query: Query, sentence: str, weights: dict[str, float] | None = None, own: int = 0) -> str | None:
    """The quantity in ``sentence`` that answers ``query`` (quoted whole), or None."""
    best = best_quantity(query, sentence, weights, own)
    return best[1] if best else None


def _only_change_asked(question: str) -> bool:
    """Is the change the one thing asked ("79年新建职工住宅比上年增长多少"), not the level beside it?"""
    return len(re.findall(r"多少|几", question)) == 1 and (CHANGE_IS_ASKED.search(question) or MORE_OR_LESS_ASKED.search(question)) is not None


def best_quantity(query: Query, sentence: str, weights: dict[str, float] | None = None,
                  own: int = 0) -> tuple[float, str] | None:
    """(score, quoted answer) of the quantity in ``sentence`` that best answers ``query``; only a
    figure from ``own`` on counts (what comes before is the sentence quoted for its topic)."""
    weights = weights if weights is not None else topic_weights(query)
    scored: list[tuple[float, Quantity, str | None]] = []
    m_sent = for_matching(sentence)
    extra = (query.counted[0],) if query.counted and not query.measure else ()  # "多少产" → "131产"
    found = tuple(q for q in quantities(sentence, extra) if q.start >= own)
    paired = respective_pick(m_sent, found, weights)
    eligible: dict[int, bool] = {}
    for q in found:
        f = quantity_features(query, sentence, q, weights, found, paired)
        scored.append((sum(f.values()), q, stage_before(m_sent, q)))
        # a target where none was asked ranks below a result, but is still an answer when no result is
        # written ("2013年M2多少" in the 2013 report: "M2预期增长目标拟定为13%左右")
        eligible[id(q)] = sum(f.values()) - (F_TARGET if f.get("target") == F_TARGET else 0.0) > 0
    if not scored:
        return None
    best = max(scored, key=lambda x: x[0])
    if not eligible[id(best[1])]:
        return None
    span = from_to_span(m_sent, best[1], found)
    # both ends of the change, as written, when asked — or when the figure chosen is where it started:
    # "5.1万亿元" alone misreads "从5.1万亿元增加到11.7万亿元"; the end it reached stands alone
    if span and (FROM_TO_ASKED.search(query.question) or best[1].start < span[1] - len(best[1].text)):
        return best[0], sentence[span[0]:span[1]].strip()
    if not query.stage and not query.done and not query.ordinal:
        # "加装电梯多少台" against "签约18台,开工13台,完工11台": no stage asked, so any one
        # figure alone would mislead — give each with its stage.
        staged = [(st, q) for score, q, st in scored if st and score > 0 and q.unit == best[1].unit]
        if len({st for st, _ in staged}) >= 2:
            return best[0], "、".join(f"{st}{q.text}" for st, q in staged)
    return best[0], best[1].text


def pick_fields(question: str, record: str) -> list[str]:
    """For a table record, the fields the question asks about (牵头单位/完成时间…)."""
    wanted = [name for name, pat in _FIELD_Q.items() if pat.search(question)]
    out = []
    for name in wanted:
        m = re.search(rf"{name}：(\S+)", record)
        if m:
            out.append(f"{name}：{m.group(1)}")
    return out


def figure_year(p: Passage, sentence: str = "", asked: list[int] | None = None, figure: str = "") -> int:
    """The year a quoted figure is of: the passage's section year — or the year the figure's own
    clause is about, when it is about only that one and it is the year asked ("2000年国家财政收入达
    13380亿元" quoted from the 2001 report is 2000's figure; "比1995年底增加…" names a base, and a
    year in another clause is another clause's) — or, in a report's look back, the year before the
    report's ("全国普通高校招生２６８万人" in the 2002 report's opening pages is 2001's)."""
    at = sentence.find(figure) if figure else -1
    named: set[int] = set()
    if at >= 0:
        clause_start = _clause(sentence, at, at + len(figure))[0]
        named = (set(subject_years(sentence[clause_start:at + len(figure)])) or year_through_part(sentence, clause_start)
                 or set(years_named(sentence[max(clause_start, at - 8):at])))  # "由1978年的36.5％"
        if not named and asked and not PLANNED_AHEAD.search(sentence[clause_start:at]):
            # "２００１年国内生产总值达到…，比上年增长７．３％": a clause naming no year (and planning
            # nothing) is of the year its sentence said last before it
            named = set(subject_years(sentence[:clause_start])[-1:])
    if len(named) == 1 and named <= set(asked or []):
        return next(iter(named))
    if sentence and asked and not subject_years(sentence):
        # "１９８４年，我国工业生产继续全面增长。…原煤产量达到…": the year its paragraph opens with
        match = for_matching(p.text)
        at_text = match.find(for_matching(sentence).strip())
        opened = paragraph_year(match, at_text) if at_text >= 0 else 0
        if opened in asked:
            return opened
        # "去年全国城镇居民…" in a report is of the year before it; so is the sentence going on about
        # it, as is one going on about a year the sentence before it names
        looked = p.year - 1 if not p.street and PREVIOUS_YEAR.search(sentence) else 0
        gone_on = set(_years_gone_on_about(match, at_text, 0 if p.street else p.year)) if at_text > 0 else set()
        went_on = next(iter(gone_on)) if len(gone_on) == 1 and gone_on <= set(asked) else 0
        if looked in asked or went_on:
            return looked if looked in asked else went_on
    # the opening pages of a report, before its first heading, look back on the year before it
    opening = opening_looks_back(asdict(p), asked or [])
    return p.year - 1 if sentence and opening and looks_back(sentence, p, asked or []) else p.year


def year_through_part(sentence: str, clause_start: int) -> set[int]:
    """"2000年进出口总额达4743亿美元，其中出口2492亿美元": a clause that opens with 其中 names a part
    of what the clause before it counted, and is of that clause's year (the one said last before
    it); any other clause without a year of its own has none."""
    if not re.match(r"\s*其中", sentence[clause_start:]):
        return set()
    return set(subject_years(sentence[:clause_start])[-1:])


def _where(p: Passage, year: int | None = None) -> str:
    """"长寿路街道，2023年": the place and year a quote is of (``year``: see figure_year)."""
    year = p.year if year is None else year
    bits = [b for b in (p.street or p.district, f"{year}年" if year else "") if b]
    return "，".join(bits)


def refusal_text(retrieval: Retrieval, known_streets: list[str], known_years: list[int]) -> str:
    """A refusal that names what was asked (place, year, topic) in a clean sentence,
    and which places or years the index does cover."""
    query = retrieval.facts
    chosen = retrieval.filters.street
    place = chosen or "、".join(query.streets or query.districts)
    years = "、".join(f"{y}年" for y in ([retrieval.filters.year] if retrieval.filters.year else query.topic_years))
    topic = f"关于“{query.topic}”的内容" if query.topic else "相关内容"
    if chosen and query.streets and chosen not in query.streets:
        # The filter wins; say so instead of answering (or refusing) for the wrong street.
        return (f"已按筛选条件「{chosen}」查找；问题中的{'、'.join(query.streets)}不在筛选范围内。"
                f"请清除筛选，或改问{chosen}的情况。")
    if not retrieval.street_covered:
        names = "、".join(retrieval.unknown_streets)
        return f"现有文件中未找到{names}的资料。已收录的街道：{'、'.join(known_streets) or '无'}。"
    if not retrieval.year_covered:
        covered = retrieval.years_available or known_years
        scope = f"{place}的" if place and retrieval.years_available else "现有"
        return (f"现有文件中未找到{place}{years}{topic}。"
                f"{scope}文件涉及的年份：{'、'.join(str(y) for y in covered)}。")
    return f"现有文件中未找到{place}{years}{topic}。"


def _contexts(retrieval: Retrieval) -> list[dict[str, object]]:
    return [p.context() for p in retrieval.passages]


Choice = tuple[list[tuple[Candidate, str | None]], list[Candidate]]  # (answering sentences with their lead, all)


def choose(retrieval: Retrieval) -> Choice:
    """The sentences that answer (each with the figure or fields it leads with, if any),
    and all candidates (the nearest one is shown with a refusal)."""
    query = retrieval.facts
    weights = topic_weights(query)
    cands = candidates(query, retrieval)
    chosen: list[tuple[Candidate, str | None]] = []
    if query.wants_number and not any(c.passage.is_record for c in cands[:1]):
        # Sentence fit and quantity fit are weighed together over the sentences that cover
        # the topic: the first covering sentence may hold only a figure of another kind.
        fits = [(c, best_quantity(query, c.text, weights, c.own)) for c in cands[:NUMBER_CANDIDATES]
                if c.overlap >= MIN_OVERLAP]
        # one of several measures asked at once: a sentence that names it beats one that only
        # matches the frame they share ("…主要预期目标：…CPI" → "居民消费价格涨幅3.5%左右")
        scored = [(c.score + W_QUANTITY * q[0] - (W_LABEL_MISS if query.part_label
                                                   and not names_part(query.part_label, c.text, query.rival_labels) else 0.0)
                   + W_SIBLING * _siblings_given(query, c.text, q[1]), c, q)
                  for c, q in fits if q]
        best = max(scored, key=lambda x: x[0]) if scored else None
        if best is not None and best[2][0] < F_BASE:
            # "94年物价涨了多少": the best-fitting sentence only holds a figure its own words rule out (a
            # target, "控制在百分之十以内"); a near-as-fitting one, further down too, naming a figure with
            # nothing against it ("…涨幅仍然高达百分之二十一点七") answers instead (the figures of the
            # sentences already weighed are not read again)
            further = [(c, best_quantity(query, c.text, weights, c.own))
                       for c in cands[NUMBER_CANDIDATES:RESCUE_CANDIDATES] if c.overlap >= RESCUE_OVERLAP]
            clean = [(c.score + W_QUANTITY * q[0], c, q) for c, q in [*fits, *further]
                     if c.overlap >= RESCUE_OVERLAP and q and q[0] >= RESCUE_QUANTITY]
            best = max(clean, key=lambda x: x[0]) if clean else best
        if best is not None:
            _, cand, (_, text) = best
            # "GDP CPI就业预期目标", "…煤炭石油发电量": the clauses after the "；" name the other measures asked
            chosen.append((_with_asked_rest(cand, weights), text))
    ordered = _figures_first(cands[:12]) if query.compare and query.intent not in ("list", "outline") else cands[:12]
    for cand in ordered if not chosen else []:
        if cand.overlap < MIN_OVERLAP:
            break
        if cand.passage.is_record:
            fields = pick_fields(query.question, cand.text)
            if fields or not query.wants_number:
                chosen.append((cand, "；".join(fields) if fields else None))
                break
        if query.wants_number:
            qty = pick_quantity(query, cand.text, weights, cand.own)
            if qty:
                chosen.append((cand, qty))
                break
            continue
        if any(c.text.strip() == cand.text.strip() for c, _ in chosen):
            continue  # the same sentence in two overlapping chunks is one source, not [1] and [2]
        if query.figures and not gives_figure(cand.text):
            continue  # "招商引资几个主要数字": only the sentences that give one
        if len(chosen) >= (1 if query.figures else 2) and not _scattered_item(query, cand, chosen[0][0]):
            break
        chosen.append((_with_asked_rest(with_list_rest(with_run_in_body(cand)), weights), None))
        if len(chosen) >= LIST_SENTENCES_MAX:
            break
    return chosen, cands


def _siblings_given(query: Query, sentence: str, figure: str) -> int:
    """How many of the other measures asked beside this part the sentence gives a figure of, a
    figure of their own in a clause naming them ("…提供岗位800个,职业技能培训1038人,促进就业200余人"
    gives 岗位's and 就业's beside 培训's 1038人; "就业持续增加" or "其中国有…967亿元", the figure this
    part takes, gives none)."""
    clauses = [c for c in re.split(r"[，,；;。]", sentence) if c]
    return sum(any(names_part(label, c, query.rival_labels) and any(q.text != figure for q in quantities(c))
                   for c in clauses) for label in (_told_apart(x, query.part_label) for x in query.sibling_labels))


def _told_apart(label: str, own: str) -> str:
    """``label`` less the words it shares with ``own``: what names that measure and not this one
    ("gdp年均增长" beside "财政收入年均增长" is told apart by gdp)."""
    own_words = set(words(own))
    rest = "".join(w for w in words(label) if w not in own_words)
    return rest if rest else label


def _with_asked_rest(cand: Candidate, weights: dict[str, float]) -> Candidate:
    """A clause cut at "；" read on to its sentence's end when the rest names more of what is asked
    ("能源工业计划指标 煤炭石油发电量": "煤炭产量…；石油产量…；发电量…。")."""
    if not cand.text.rstrip().endswith(("；", ";")):
        return cand
    wider = whole_sentence(cand, LIST_SENTENCE_MAX)
    covers = hit(weights, set(tokenize(wider.text)), wider.text) > hit(weights, set(tokenize(cand.text)), cand.text)
    return wider if covers else cand


def _figures_first(cands: list[Candidate]) -> list[Candidate]:
    """"长寿路和金杨加梯进度比一下": places set side by side are compared by their figures — a
    sentence on the topic that gives one comes before one that only talks about it ("掌握加梯进度");
    otherwise the order stays."""
    return sorted(cands, key=lambda c: c.overlap < MIN_OVERLAP or not gives_figure(c.text))


def _scattered_item(query: Query, cand: Candidate, first: Candidate) -> bool:
    """"五角场2016年获得了哪些奖项和荣誉": the items are not enumerated in one place but said one
    sentence each ("被评为…", "荣获…优秀组织奖") — a third and further sentence is quoted when the
    question asks for a list and it covers the topic as well as the first, in the same document.
    The figures of a topic ("招商引资几个主要数字") are said over several sentences that each name
    less of it ("新增企业区税完成6011万元"): looser, but still the same document."""
    fit = FIGURES_FIT if query.figures else SCATTERED_FIT
    return (query.intent == "list" and cand.passage.doc_id == first.passage.doc_id
            and cand.overlap >= fit * first.overlap)


def gives_figure(sentence: str) -> bool:
    """Does the sentence give a figure with its unit (an ordinal like 第四轮 is none, nor a span
    of time like "过去五年")?"""
    return any(q.unit and q.unit != "年" and not q.ordinal for q in quantities(sentence))


SECOND_FIGURE_FIT = 0.8  # a further figure's sentence must cover the topic this well against the first's


def more_figures(query: Query, cands: list[Candidate], first: Candidate, first_figure: str = "",
                 limit: int = 1) -> list[tuple[Candidate, str]]:
    """Other sentences' figures for the same topic ("修缮10家居委会办公室" in one year, "修缮8个"
    in another; a year's result beside next year's target), for answers that list every figure
    a place's documents give. Each must measure the same kind of thing as ``first_figure``
    (万元 beside 万元, 家 beside 个), never 户 beside 万元, and come from another sentence."""
    weights = topic_weights(query)
    measured = figure_of(first_figure)
    first_unit = measured[1] if measured else ""
    out: list[tuple[Candidate, str]] = []
    seen = [first.text.strip()]
    for cand in cands[:NUMBER_CANDIDATES]:
        if len(out) >= limit:
            break
        if cand.overlap < max(MIN_OVERLAP, SECOND_FIGURE_FIT * first.overlap):
            continue
        if any(cand.text.strip() in t or t in cand.text for t in seen):
            continue
        qty = pick_quantity(query, cand.text, weights, cand.own)
        figure = figure_of(qty) if qty else None
        if qty and (not first_unit or (figure and unit_affinity(first_unit, figure[1]) > 0)):
            out.append((cand, qty))
            seen.append(cand.text.strip())
    return out


SENTENCE_END = "。！？!?\n"
WHOLE_SENTENCE_MAX = 160  # characters: a row's quote is widened to its full sentence up to this length
LIST_SENTENCE_MAX = 400  # characters: a list's sentence is read whole up to this length


def whole_sentence(cand: Candidate, limit: int = WHOLE_SENTENCE_MAX) -> Candidate:
    """The candidate widened to its full sentence, from the last 。 to the next: a clause cut
    at "；" loses what the sentence said first ("信访窗口共接待来访430余批次,共640余人次;受理
    初信初访近500件"). Kept as is when the full sentence would be too long to read in a row."""
    text = cand.passage.text
    start = max(text.rfind(ch, 0, cand.start) for ch in SENTENCE_END) + 1
    ends = [i for i in (text.find(ch, cand.end - 1) for ch in SENTENCE_END) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    while start < cand.start and text[start] in " \t":
        start += 1
    if (start, end) == (cand.start, cand.end) or end - start > limit or end < cand.end:
        return cand
    return Candidate(cand.passage, start, end, text[start:end].strip(), cand.score, cand.overlap)


RUN_IN_MAX = 14  # characters: a sentence this short, without figures or commas, is a run-in heading


def is_run_in_heading(sentence: str) -> bool:
    """"暖心举措助残帮困。": a paragraph's own title written as its first sentence. It names
    the topic, so it matches the question best, but it says nothing about it."""
    body = sentence.strip().rstrip("。！")
    return 0 < len(body) <= RUN_IN_MAX and not re.search(r"[\d，,、；;：:“”]", body)


def extended(cand: Candidate, end: int) -> Candidate:
    """The same candidate quoted on to ``end`` of its passage (a heading with what follows it,
    a lead sentence with its list): still one verbatim stretch, scored as the original."""
    return Candidate(cand.passage, cand.start, end, cand.passage.text[cand.start:end], cand.score, cand.overlap)


TAIL_MAX = 24  # characters: a sentence's last clause after "；" this short is quoted with the one before it


def with_short_tail(cand: Candidate) -> Candidate:
    """"…解决率74.3%;不属实率23%。": a clause quoted up to its "；" takes the sentence's short last
    clause with it — one more figure of the same thing, not another sentence."""
    if not cand.text.rstrip().endswith(("；", ";")):
        return cand
    text = cand.passage.text
    end = text.find("。", cand.end)
    if end < 0 or end - cand.end > TAIL_MAX or re.search(r"[；;\n]", text[cand.end:end]) or years_named(text[cand.end:end]):
        return cand  # too long, another clause, or another year's ("…11台；2022年为8台。")
    return Candidate(cand.passage, cand.start, end + 1, text[cand.start:end + 1], cand.score, cand.overlap, cand.own)


def with_run_in_body(cand: Candidate) -> Candidate:
    """A run-in heading is quoted together with the sentence that follows it in its paragraph
    (what the heading announces); anything else is returned unchanged."""
    if not is_run_in_heading(cand.text):
        return cand
    text = cand.passage.text
    following = [(s, e) for s, e in split_sentences(text) if s >= cand.end]
    if not following:
        return cand
    s, e = following[0]
    if "\n" in text[cand.end:s] or is_run_in_heading(text[s:e]):
        return cand  # the paragraph ends here, or the next sentence is another heading
    return extended(cand, e)


def opens_list_cut(clause: str) -> bool:
    """Does ``clause`` open a list after a colon and stop at its first "；" ("主要预期目标是：…；")?"""
    return clause.rstrip().endswith(("；", ";")) and re.search(r"[：:]", clause) is not None


def with_list_rest(cand: Candidate) -> Candidate:
    """A clause that opens an enumeration and stops at its first "；" ("…按两步来设想：第一步，
    …；") is quoted on to the sentence's end: its first item alone answers nothing."""
    if opens_list_cut(cand.text):
        return whole_sentence(cand, LIST_SENTENCE_MAX)
    return cand


_ORDINAL_OPENS = re.compile(r"\s*(?:第[一二三四五六七八九十]+[，,、]|[一二三四五六七八九十][是要])")
BRIDGE_MAX = 40  # characters: a sentence this short between a list's topic and its items bridges them
LIST_READ_ON = 8  # sentences: how far a run-in heading's paragraph is read for its items


def listed_items(cand: Candidate) -> tuple[Candidate, list[str]]:
    """A list question's items around its best sentence, and the stretch quoted for them:
    the sentence's own enumeration; else, after a run-in heading ("大力推动市容景观改善。完成…。
    对…进行…。"), the paragraph's sentences one per item; else the next sentence's enumeration,
    when the best one only introduces it ("推进实事项目建设…。2021年计划…为A…,为B…,为C…")."""
    text = cand.passage.text
    if cand.text.rstrip().endswith(("；", ";")):
        # "…按两步来设想：第一步，…；第二步，…。": a clause cut at "；" is one step of a list
        # that runs on to the sentence's end; the list is read, and quoted, whole.
        whole = whole_sentence(cand, LIST_SENTENCE_MAX)
        cand = whole if whole.end > cand.end else cand
    own = enumeration.items(cand.text)
    end_of_paragraph = text.find("\n", cand.end)
    end_of_paragraph = len(text) if end_of_paragraph < 0 else end_of_paragraph
    following = [(s, e) for s, e in split_sentences(text) if cand.end <= s and e <= end_of_paragraph]
    if own:
        return _run_on(cand, own, cand.text, following)
    if not following:
        return cand, []
    first = split_sentences(cand.text)
    if first and is_run_in_heading(cand.text[first[0][0]:first[0][1]]):
        sentences = first[1:] + [(a - cand.start, b - cand.start) for a, b in following[:LIST_READ_ON]]
        if len(sentences) >= 2:
            e = following[: LIST_READ_ON][-1][1]
            quoted = extended(cand, e)
            return quoted, [quoted.text[a:b].strip().rstrip("。；;") for a, b in sentences if b - a > 1]
    s, e = following[0]
    if opens_list_cut(text[s:e]):
        # "主要是：A、B、C问题依然突出；D；E。": the clause opens a list that runs on to its sentence's end
        ends = [i for i in (text.find(ch, e) for ch in SENTENCE_END) if i >= 0]
        whole = min(ends) + 1 if ends else len(text)
        e = whole if whole - s <= LIST_SENTENCE_MAX else e
    nxt = enumeration.items(text[s:e])
    if nxt:
        return _run_on(extended(cand, e), nxt, text[s:e], following[1:])
    if len(following) >= 2 and e - s <= BRIDGE_MAX and not is_run_in_heading(text[s:e]):
        # "…过渡到社基本所有。但是，要实现这个前途，必须具备必要的条件。就…来说，第一，…；第二，…":
        # a short sentence between the best one and the list that answers it
        s2, e2 = following[1]
        after = enumeration.items(text[s2:e2])
        if after:
            return _run_on(extended(cand, e2), after, text[s2:e2], following[2:])
        # "就…来说，第一，…；第二，…；第三，…。": an ordinal list whose items are cut apart at "；"
        run = [(s2, e2)] + list(itertools.takewhile(lambda se: bool(_ORDINAL_OPENS.match(text[se[0]:se[1]])), following[2:]))
        ordinal = enumeration.by_ordinals(text[s2:run[-1][1]]) if len(run) >= 2 else []
        if ordinal:
            return extended(cand, run[-1][1]), ordinal
    return cand, []


def _run_on(quoted: Candidate, found: list[str], listed_in: str,
            following: list[tuple[int, int]]) -> tuple[Candidate, list[str]]:
    """A list (``found``, read from the sentence ``listed_in``) and the sentence after it in its
    paragraph, when that sentence only runs a "、" list or a list of clauses on
    (``enumeration.run_on``): quoted and listed together."""
    clauses = found == enumeration.by_parallel_clauses(listed_in)
    if not (clauses or found == enumeration.by_commas(listed_in)):
        return quoted, found
    opened = enumeration.openings(found) if clauses else frozenset()
    for s, e in following[:LIST_READ_ON]:
        more = enumeration.run_on(quoted.passage.text[s:e], clauses=clauses, openings=opened)
        if not more:
            break
        quoted, found = extended(quoted, e), found + more
    return quoted, found


def read_on_in_any_copy(cand: Candidate, cands: list[Candidate]) -> Candidate:
    """An announced list cut at a "；" where its chunk ends ("主要预期目标是：…3.5%左右；") read on to its
    sentence's end in another retrieved chunk that holds it (chunks overlap)."""
    body = cand.text.strip()
    if not opens_list_cut(body):
        return cand
    best = cand
    for other in {c.passage.chunk_id: c.passage for c in cands}.values():
        at = other.text.find(body)
        if other.chunk_id == cand.passage.chunk_id or at < 0:
            continue
        wide = with_list_rest(Candidate(other, at, at + len(body), body, cand.score, cand.overlap))
        best = wide if len(wide.text) > len(best.text) else best
    return best


def cut_at_chunk_end(cand: Candidate) -> bool:
    """Does ``cand`` open a list ("主要预期目标是：…3.5%左右；") that its chunk ends before finishing?"""
    return opens_list_cut(cand.text) and not cand.passage.text[cand.end:].strip()


OVERLAP_MIN = 4  # characters: a shorter common stretch between two chunks is no overlap


def overlap_end(first: str, second: str) -> int:
    """Where ``second`` stops repeating the end of ``first`` (chunks overlap by a few sentences);
    0 when it does not."""
    head = second[:OVERLAP_MIN]
    at = first.find(head, max(0, len(first) - len(second)))
    while at >= 0:
        if second.startswith(first[at:]):
            return len(first) - at
        at = first.find(head, at + 1)
    return 0


def continuation(cand: Candidate, nxt: Passage) -> Candidate | None:
    """The rest of ``cand``'s sentence in the chunk after its own (``nxt``): from where the two
    chunks stop overlapping to the sentence's end, when that is within LIST_SENTENCE_MAX."""
    start = overlap_end(cand.passage.text.rstrip(), nxt.text)
    ends = [i for i in (nxt.text.find(ch, start) for ch in SENTENCE_END) if i >= 0]
    if not ends or min(ends) + 1 - start > LIST_SENTENCE_MAX:
        return None
    end = min(ends) + 1
    text = nxt.text[start:end].strip()
    if not text:
        return None
    start = nxt.text.index(text, start)
    return Candidate(nxt, start, start + len(text), text, cand.score, cand.overlap)


def listed_in_any_copy(cand: Candidate, cands: list[Candidate]) -> tuple[Candidate, list[str]]:
    """``listed_items`` of the sentence, read in the chunk it was found in or — chunks overlap, and
    one that ends with the sentence cannot show the list that follows it ("…涌现出许多英雄模范人物。"
    then "…张鸣岐同志，…包起帆同志，…") — in another retrieved chunk that holds it."""
    copies = [c for c in cands if c.text == cand.text and c.passage.chunk_id != cand.passage.chunk_id]
    first = listed_items(cand)
    return first if first[1] else next((found for c in copies if (found := listed_items(c))[1]), first)


def _counted_enumeration(query: Query, chosen: list[tuple[Candidate, str | None]],
                         cands: list[Candidate]) -> list[tuple[Candidate, str | None]]:
    """"环境治理三条河具体是哪三条河": the question says how many items it wants and what they are;
    an enumeration of another size (the eight goals that name "环境治理三条河") is not the one
    asked. The first candidate whose own enumeration has exactly that many items, in a sentence
    that names the thing counted (河), answers instead; with none, the choice stands."""
    if len(listed_in_any_copy(chosen[0][0], cands)[1]) == query.count:
        return chosen
    counted = COUNT_ASKED.search(query.question)
    thing = query.question[counted.end():counted.end() + 1] if counted else ""
    for cand in cands[:12]:
        quoted, found = listed_in_any_copy(cand, cands)
        if len(found) == query.count and (not thing or thing in quoted.text):
            return [(cand, None)]
    return chosen


def searchable(retrieval: Retrieval) -> bool:
    """Has the index the street and year asked, and passages for them? Otherwise the answer is
    a refusal that says what the index covers, whatever the passages hold."""
    return retrieval.street_covered and retrieval.year_covered and bool(retrieval.passages)


NextPassage = Callable[[Passage], "Passage | None"]  # the chunk after a passage's, in its section


def answer_extractive(question: str, rewritten: str, retrieval: Retrieval,
                      known_streets: list[str], known_years: list[int], choice: Choice | None = None,
                      read_next: NextPassage | None = None) -> Answer:
    """Compose a cited answer from retrieved passages, or refuse. ``choice`` is ``choose(retrieval)``
    when the caller has it already; ``read_next`` finishes a list its chunk cuts off (the
    continuation is quoted, and cited, from the next chunk)."""
    base = Answer(question=question, rewritten_question=rewritten, answer="", refused=True,
                  contexts=_contexts(retrieval), kind="refusal")
    if not searchable(retrieval):
        base.answer = refusal_text(retrieval, known_streets, known_years)
        return base
    chosen, cands = choice if choice is not None else choose(retrieval)
    if chosen and retrieval.facts.count >= 2 and retrieval.facts.intent in ("list", "outline"):
        chosen = _counted_enumeration(retrieval.facts, chosen, cands)
    if not chosen:
        base.answer = refusal_text(retrieval, known_streets, known_years)
        if cands:
            near = cands[0]
            base.answer += f"最接近的内容：“{near.text}”[1]"
            base.citations = [cite(1, near)]
        return base
    lines: list[str] = []
    citations: list[Citation] = []
    for k, (cand, lead) in enumerate(chosen):
        cand = with_short_tail(cand) if lead else read_on_in_any_copy(with_short_tail(cand), cands)
        if any(c.chunk_id == cand.passage.chunk_id and cand.text.strip() in c.quote for c in citations):
            continue  # already quoted inside an earlier, longer stretch (a list read on past its sentence)
        n = len(citations) + 1
        listed: list[str] = []
        if retrieval.facts.intent in ("list", "outline") and not lead:
            cand, listed = listed_in_any_copy(cand, cands)
        year = figure_year(cand.passage, cand.text, retrieval.facts.topic_years, lead) if lead else cand.passage.year
        citations.append(cite(n, cand, year))
        where = _where(cand.passage)
        title = cand.passage.title
        if listed:  # "获得了哪些荣誉称号": the items one per line, then the sentence they are quoted from
            lines += [f"- {item}[{n}]" for item in listed]
            lines.append(f"依据《{title}》（{where}）：“{cand.text}”[{n}]")
        elif lead:
            label = retrieval.facts.part_label + (f"（{retrieval.facts.stage_label}）" if retrieval.facts.part_label and retrieval.facts.stage_label
                                                  else retrieval.facts.stage_label)
            label = f"{label}：" if label else ""
            if k and chosen[0][1]:  # a further figure of the measure, read in its own sentence
                label = "另："
            lines.append(f"{label}{lead}（{_where(cand.passage, year)}）[{n}]")
            lines.append(f"依据《{title}》：“{cand.text}”[{n}]")
        else:
            lines.append(f"据《{title}》（{where}）：“{cand.text}”[{n}]")
        rest = continuation(cand, nxt) if read_next and cut_at_chunk_end(cand) and (nxt := read_next(cand.passage)) else None
        if rest is not None:
            citations.append(cite(n + 1, rest, year))
            lines.append(f"（接上文）“{rest.text}”[{n + 1}]")
            if all(c["chunk_id"] != rest.passage.chunk_id for c in base.contexts):
                base.contexts.append(rest.passage.context())
    base.answer = "\n".join(lines)
    base.refused = False
    base.citations = citations
    base.kind = "list" if retrieval.facts.intent == "list" and (len(chosen) > 1 or any(x.startswith("- ") for x in lines)) else "fact"
    return base


def cite(n: int, cand: Candidate, year: int | None = None) -> Citation:
    """``year``: what the quote is about, when not its section's year (see figure_year)."""
    p = cand.passage
    return Citation(n=n, source=p.source, title=p.title, street=p.street, year=(year or p.year) or None,
                    section=p.section, chunk_id=p.chunk_id, quote=cand.text)


class ExtractiveAnswerer:
    """The default answerer (no model): each part answered from its own passages."""

    name = "extractive"

    def __init__(self, known_streets: Callable[[], list[str]], known_years: Callable[[], list[int]],
                 read_next: NextPassage | None = None) -> None:
        self._streets = known_streets
        self._years = known_years
        self._read_next = read_next

    def rewrite(self, question: str, history: list[str], ruled: str) -> str:
        return ruled

    def answer(self, asked: Asked) -> Answer:
        streets, years = self._streets(), self._years()
        choices = one_figure_one_measure(asked.retrievals,
                                         [choose(r) if searchable(r) else ([], []) for r in asked.retrievals])
        if len(asked.retrievals) >= 2:
            choices = [_with_more_figures(r, c) for r, c in zip(asked.retrievals, choices, strict=True)]
            # what one part shows as its own is not shown again after another part's first
            shown = {(chosen[0][0].text.strip(), chosen[0][1]) for chosen, _ in choices if chosen}
            choices = [(chosen[:1] + [(c, t) for c, t in chosen[1:] if (c.text.strip(), t) not in shown], cands)
                       for chosen, cands in choices]
        parts = [answer_extractive(asked.question, r.facts.question, r, streets, years, c, self._read_next)
                 for r, c in zip(asked.retrievals, choices, strict=True)]
        merged = merge_answers(parts)
        groups: dict[tuple[int, str], list[int]] = {}
        for i, r in enumerate(asked.retrievals):  # several measures (or questions) asked at once: each compared on its own
            groups.setdefault((r.facts.piece, r.facts.part_label), []).append(i)
        for (_, label), at in groups.items():
            if any(parts[i].refused for i in at):
                continue
            line = comparison([asked.retrievals[i] for i in at], [choices[i] for i in at])
            if line:
                merged.answer += "\n" + (f"{label}{line}" if label else line)
        return merged

    def stream(self, asked: Asked) -> Iterator[str | Answer]:
        yield self.answer(asked)


FURTHER_FIGURES = 2  # further figures shown for one of several measures asked (a table's place shows three in all)


def _with_more_figures(r: Retrieval, choice: Choice) -> Choice:
    """One of several measures asked: its figure, and up to ``FURTHER_FIGURES`` other sentences'
    figures of the same kind that fit the measure nearly as well (the documents may give it more
    than once: a total and a part, a year's result beside the plan)."""
    chosen, cands = choice
    if len(chosen) != 1 or not chosen[0][1] or not r.facts.wants_number:
        return choice
    more = more_figures(r.facts, cands, chosen[0][0], chosen[0][1], limit=FURTHER_FIGURES)
    # the sentence a further figure stands in names the measure ("全年社会商品零售总额，比上年增长
    # １７．８％" quoted after 农民纯收入's sentence gives no figure of 城镇居民收入增长) — and the
    # thing counted, where the label counts one ("垃圾分类改造了几个垃圾厢房": not 垃圾分类's 4041个设备)
    counted = ASK_BEFORE_NOUN.search(r.facts.part_label)
    return chosen + [(c, t) for c, t in more
                     if names_part(r.facts.part_label, sentence := _sentence_holding(c.text, t), r.facts.rival_labels)
                     and (not counted or all(said(w, sentence) for w in words(counted.group(4)) if len(w) >= 2))], cands


def _sentence_holding(text: str, figure: str) -> str:
    """The sentence of ``text`` that states ``figure`` (``text`` itself where none does alone)."""
    return next((text[a:b] for a, b in split_sentences(text) if figure in text[a:b]), text)


_ASK_WORD = re.compile(r"多少|几|哪|什么|啥")
# "就业人数", "培训次数": the head says a count is asked, which the sentence gives as a figure
# ("促进就业200余人"); the measure is named by the words before it
_COUNT_HEAD = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:人数|数量|个数|次数|户数|件数|总数)$")


# "扣除物价因素比上年增长百分之五": what a figure is adjusted for is not what it measures
_ADJUSTED_FOR = re.compile(r"(?:扣除|剔除|考虑)[\u4e00-\u9fff]{1,8}?因素|按可比价格计算")


def without_adjustments(text: str) -> str:
    """``text`` with what its figures are adjusted for blanked out (same length): "扣除物价因素…
    增长百分之五" names no 物价 of its own."""
    return _ADJUSTED_FOR.sub(lambda m: "□" * len(m.group()), text)


def without_rivals(text: str, rivals: tuple[str, ...]) -> str:
    """``text`` with the measures asked beside this one that contain its words blanked out:
    "进出口总额4743亿美元" names no 出口 when 进出口 is asked too."""
    for rival in sorted(rivals, key=len, reverse=True):
        folded = for_matching(rival)
        text = text.replace(folded, "□" * len(folded))
    return text


def names_part(label: str, sentence: str, rivals: tuple[str, ...] = ()) -> bool:
    """Does ``sentence`` name the measure ``label`` (most of its weight, synonyms counted)? Only
    the label's content words count: "拖拉机各自的增幅" is 拖拉机 and 增幅, "拆了多少隔间跟床" is 隔间."""
    weights, staff_names = _label_read(label)
    total = sum(weights.values())
    m = without_rivals(for_matching(sentence), rivals)
    # "农村居民收入": a staff name of the measure said as the document says it ("农民人均纯收入")
    named = any(said(name, m) for name in staff_names)
    return not total or named or hit(weights, set(tokenize(m)), m) >= LABEL_FIT * total


@lru_cache(maxsize=4096)
def _label_read(label: str) -> tuple[dict[str, float], tuple[str, ...]]:
    """A measure's label as ``names_part`` reads it — its content words, weighed, and the staff names
    of measures (four characters or more) it holds. Cached, and never to be changed by a caller: a
    part's label is read against every clause of every candidate sentence."""
    weights = weights_of([_COUNT_HEAD.sub("", t) for t in words(label) if len(t) >= 2 and t not in FILLER_TOKENS
                          and t not in SPOKEN_VERBS and not _ASK_WORD.search(t)])
    return weights, tuple(name for group in MATCH_SYNONYMS for name in group if len(name) >= 4 and name in label)


def one_figure_one_measure(retrievals: list[Retrieval], choices: list[Choice]) -> list[Choice]:
    """"GDP CPI 新增就业各多少": a measure's figure is kept only when its sentence names the
    measure ("城镇新增就业900万人以上" is not GDP's or CPI's figure, whether or not another part
    chose the same sentence); the others are answered as not found."""
    used: dict[tuple[str, str, str], list[int]] = {}
    for i, (r, (chosen, _)) in enumerate(zip(retrievals, choices, strict=True)):
        if r.facts.part_label and chosen and chosen[0][1]:
            cand, figure = chosen[0]
            used.setdefault((cand.passage.chunk_id, cand.text, figure or ""), []).append(i)
    out = list(choices)
    for (_, sentence, _), at in used.items():
        for i in at:
            if not names_part(retrievals[i].facts.part_label, sentence, retrievals[i].facts.rival_labels):
                out[i] = ([], choices[i][1])
    return out


def figure_of(text: str) -> tuple[float, str] | None:
    """(value, unit) of one quoted quantity ("11台" → (11.0, "台")); None for "签约18台、开工13台"."""
    found = quantities(text)
    values = extract_numbers(text)
    if len(found) != 1 or len(values) != 1:
        return None
    return float(values[0]), found[0].unit


def _label(r: Retrieval, cand: Candidate, by_place: bool) -> str:
    """What tells the two parts apart: the street, or (one street, two years) the year."""
    if by_place:
        return r.facts.streets[0] if len(r.facts.streets) == 1 else ""
    return r.facts.stage_label or (f"{cand.passage.year}年" if cand.passage.year else "")


def comparison(retrievals: list[Retrieval], choices: list[Choice]) -> str:
    """"五角场和长寿路2023年分别加装电梯多少台" ends with the comparison itself — but only
    between two figures of the same unit and, for two places, the same year; stated with
    the quoted figures, never a computed difference (every number must be in a passage)."""
    if len(retrievals) != 2 or not retrievals[0].facts.wants_number:
        return ""
    by_place = retrievals[0].facts.streets != retrievals[1].facts.streets
    figures = []
    for r, (chosen, _) in zip(retrievals, choices, strict=True):
        lead = next(((c, t) for c, t in chosen if t), None)
        fig = figure_of(lead[1]) if lead else None
        if lead is None or fig is None:
            return ""
        figures.append((_label(r, lead[0], by_place), lead[1], fig, lead[0].passage.year, lead[0].passage.kind))
    (la, ta, (va, ua), ya, ka), (lb, tb, (vb, ub), yb, kb) = figures
    if la == lb or ua != ub or not la or not lb:
        return ""
    if by_place and ya != yb:
        # two places' figures of different years: not compared as such, but named with the caveat
        more = (la, ta, ya) if va > vb else (lb, tb, yb)
        if va == vb:
            return f"比较：两地数字年份不同（{ya}年、{yb}年），数字相同（{ta}），不宜直接比较。"
        return f"比较：两地数字年份不同（{la}{ya}年、{lb}{yb}年），不宜直接比较；单看数字，{more[0]}（{more[1]}）较{'高' if ua in RATE_UNITS else '多'}。"
    # A plan's target beside a year's result: said, since "多于" alone reads as two results.
    kinds = {la: ka, lb: kb}
    caveat = ""
    if {ka, kb} == {"plan", "review"} and not retrievals[0].facts.stage_label:
        planned = next(label for label, kind in kinds.items() if kind == "plan")
        caveat = f"（注意：{planned}的数字是计划目标，不是完成数）"
    if va == vb:
        return f"比较：{la}与{lb}相同（均为{ta}）。{caveat}"
    more, less = ((la, ta), (lb, tb)) if va > vb else ((lb, tb), (la, ta))
    return f"比较：{more[0]}（{more[1]}）{'高于' if ua in RATE_UNITS else '多于'}{less[0]}（{less[1]}）。{caveat}"
