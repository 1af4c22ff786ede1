"""One place that understands a question: the typed ``Query`` every later stage reads.

Why here and only here: retrieval, cross-document splitting, follow-ups and every
answerer used to re-parse the raw string with their own regexes, and each fitted
the questions it was tuned on. A question is normalised once (full-width, 繁体,
two-digit and spelled-out years, stray spaces — see ``core.textnorm``) and parsed
once against the vocabularies of ``core.lexicon``.

Places are only places when the gazetteer or the index knows them, or when a
name carries an explicit 街道/镇 suffix and is not an ordinary word ("城镇",
"哪个街道"): a word mistaken for a street turns an answerable question into
"未找到…的资料".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from core import gazetteer
from core.doc_names import named_document
from core.lexicon import (
    AREA_NOUNS,
    ASKING_PHRASES,
    BASE_BEFORE,
    CHANGE_ASKED,
    COMPARE_ASKED,
    COUNT_ASKED,
    COUNT_FRAME,
    COUNT_NOUNS,
    DATE_INTENT,
    DOC_REFERENCE,
    DONE_MARKERS,
    DONE_WORDS,
    EACH_YEAR,
    EVERY_REPORT,
    EXAMPLES_ASKED,
    EXPAND_WORDS,
    FIGURES_ASKED,
    FILLER_TOKENS,
    GROWTH_BETWEEN_YEARS,
    ITEM_COUNT,
    ITEM_REFERENCE,
    ITEMS_COUNTED,
    LIST_INTENT,
    MATCH_SYNONYMS,
    MEASURE_WORDS,
    MONEY_ASKED,
    MONEY_NOUNS,
    MULTI_CHAR_UNITS,
    NAMED_COUNT_END,
    NOT_PLACE_CHARS,
    NOT_PLACE_ENDINGS,
    NUMBER_INTENT,
    ONE_CHARACTER_MEASURE,
    ORDER_ASKED,
    ORDINAL_INTENT,
    OUTLINE_INTENT,
    OUTLINE_WORDS,
    PLAN_WORDS,
    PREVIOUS_YEAR,
    QUESTION_WORDS,
    QUOTED_OPENING,
    QUOTED_PART,
    RANK_INTENT,
    RATE_WORDS,
    REVIEW_WORDS,
    SPOKEN_VERBS,
    STAGES,
    STATED_COUNT,
    SUPERLATIVE_MAX,
    SUPERLATIVE_MIN,
    THIS_YEAR,
    WHICH,
    YEAR_JOIN,
    YEAR_RANGE,
    YEAR_TREND,
    YEARS_ASKED_APART,
    YESNO_INTENT,
)
from core.textnorm import count_value, normalize_question, question_years
from core.types import LAST_ITEM, Query

__all__ = ["Query", "guess_places", "superlative_of", "topic_of", "understand"]

_REPORT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:的|那个|这个|那份|这份|那篇|的那个|[这那](?:几|[两三四五六七八九十])[份篇个年])?\s*(?:国务院)?(?:政府)?(?:工作)?(?:报告|计划(?!多少|几|是|要|做|干|完成|达到|数|定|各|分别|呢|\s*(?:19|20)?\d{2}\s*年)|规划|要点|总结)")
# ("17年计划多少", "78年 80年计划 81年各多少": the plan's figure, asked of that year — no document)
# "1999年和2013年报告", "94、95年报告": years listed before the report they all name.
_JOINED = r"\s*(?:年?\s*(?:和|与|及|、|跟|,|，)|年|\s)\s*"  # "94 95 99 13年…": typed apart by spaces too
_REPORT_YEAR_LIST = re.compile(r"((?:19|20)\d{2})(?=" + _JOINED + r"(?:(?:19|20)\d{2}" + _JOINED + r")*(?:19|20)\d{2}"
                               r"\s*年?\s*(?:的)?\s*(?:[这那]?(?:几|[两三四五六七八九十])[份篇个年])?\s*(?:国务院)?(?:政府)?(?:工作)?报告)")
# A year inside a document's name, its type after it ("2024年长寿路街道社区代表会议报告").
_TITLED_YEAR = re.compile(r"((?:19|20)\d{2})\s*年[\u4e00-\u9fff]{0,12}?(?:报告|要点|总结|工作安排|工作计划)")
MAX_RANGE_YEARS = 8  # a range this long or shorter, asked "每年", is split one part per year
_GUESS = re.compile(r"([\u4e00-\u9fff]{1,6}?)(街道|镇)")
_ASKED_UNIT = re.compile(
    r"(?:多少|(?<!哪)几)\s*(?:万|亿|千)?\s*(" + "|".join(sorted(MULTI_CHAR_UNITS, key=len, reverse=True)) + r"|[\u4e00-\u9fff])")
_PUNCT = re.compile(r"[\s，,。？?！!：:；;、“”\"'（）()]+")


def _cut(text: str) -> list[str]:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba.lcut(text)


def guess_places(text: str) -> list[str]:
    """Names with an explicit 街道/镇 suffix that are not ordinary words."""
    out: list[str] = []
    for m in _GUESS.finditer(text):
        stem, suffix = m.group(1), m.group(2)
        for w in sorted(QUESTION_WORDS, key=len, reverse=True):
            if w in stem:
                stem = stem[stem.rfind(w) + len(w):]
        cut = max((i for i, ch in enumerate(stem) if ch in NOT_PLACE_CHARS), default=-1)
        stem = stem[cut + 1:]
        name = stem + suffix
        if len(stem) < 2 or name.endswith(NOT_PLACE_ENDINGS) or any(name.endswith(e + suffix) for e in ("城", "乡", "村")):
            continue
        for d in sorted(list(gazetteer.DISTRICTS) + [d.removesuffix("新区").removesuffix("区") for d in gazetteer.DISTRICTS],
                        key=len, reverse=True):
            name = name.removeprefix(d)
        if len(name) - len(suffix) >= 2 and name not in out:
            out.append(name)
    return out


def _asked_stage(q: str) -> str | None:
    for stage, words in STAGES.items():
        if any(w in q for w in words):
            return stage
    return None


def topic_of(q: str, streets: list[str], districts: list[str]) -> str:
    """The asked thing with places, years, question words and measure words removed."""
    # "加提（加装电梯）": a short word glossed in brackets is asked by its gloss
    t = re.sub(r"[\u4e00-\u9fff]{1,4}[（(]([\u4e00-\u9fffA-Za-z]{2,10})[）)]", r"\1", q)
    for s in streets:
        for alias in sorted(gazetteer.street_aliases(s) + [s], key=len, reverse=True):
            t = t.replace(alias + "街道", "").replace(alias, "")
    for d in districts:
        t = t.replace(d, "").replace(d.removesuffix("新区").removesuffix("区"), "")
    t = re.sub(r"(?:19|20)\d{2}\s*年?(?:度|底|末|初|以后|之后|以来|以前|之前)?", "", t)  # "2012年底", "1978年以后": when, not what
    t = EVERY_REPORT.sub(" ", t)  # "几个年代的报告里": which documents, asked by the parts
    t = YEAR_TREND.sub(" ", t)  # "这几年", "近年来": the span of years, asked by the parts
    t = ORDER_ASKED.sub(" ", t)  # "排个序": how the answer is ordered
    t = EXAMPLES_ASKED.sub(" ", t)  # "中转站啥的": the things named were examples
    t = ASKING_PHRASES.sub(" ", t)  # "给哪些", "各管啥", "要满足啥条件", "总结了", "哪年最高": the asking
    t = FIGURES_ASKED.sub(" ", t)  # "几个主要数字": what is asked of the topic, not the topic
    t = re.sub(r"(?:多少|几)\s*(?:" + "|".join(MULTI_CHAR_UNITS) + r"|[" + "".join(MEASURE_WORDS) + r"])?", "", t)
    t = re.sub(r"(?<![陈排并系序行])列了?(?=[哪几]|出|举|一下)", " ", t)  # "具体列了哪些改革举措": the asking, no topic
    t = COUNT_FRAME.sub(" ", t)  # "定了哪五条": the asking and its count, before "哪" alone is read
    t = STATED_COUNT.sub(" ", t)  # "要重点抓的八个方面都是啥": the count, stated
    t = WHICH.sub(" ", re.sub(r"[那这]么多?|[那这]样|[那这]边|[那这]份|(?<![后一二三四五六七八九十])[那这]一?块|[那这]个(?=[^\u4e00-\u9fff]|[\u4e00-\u9fff]{0,6}报告|文件|政府|$)", " ", t))  # "万里那边": the place, said loosely
    # a one-character spoken verb goes only as a word of its own: "整治", "干部" keep theirs
    for w in sorted((*QUESTION_WORDS, *(v for v in SPOKEN_VERBS if len(v) > 1)), key=len, reverse=True):
        t = t.replace(w, " ")
    # the document's name first: "政府工作报告里" read by DOC_REFERENCE ("报告里") would leave "政府工作"
    t = re.sub(r"街道|(?:国务院)?(?:政府)?工作报告", " ", t)
    t = re.sub(r"报告", " ", DOC_REFERENCE.sub(" ", t))
    words = [w for p in _PUNCT.split(t) if p for w in _cut(COUNT_NOUNS.sub("", p) or p)]
    kept = [w for w in words if w.strip() and w not in FILLER_TOKENS and w not in SPOKEN_VERBS and not _PUNCT.fullmatch(w)]
    # "GDP CPI": two Latin words joined would read as one ("GDPCPI"); a space keeps them apart
    return "".join(w if i == 0 or not (w[:1].isascii() and w[:1].isalnum() and kept[i - 1][-1:].isascii()
                                        and kept[i - 1][-1:].isalnum()) else " " + w
                   for i, w in enumerate(kept))


def superlative_of(q: str) -> str | None:
    """"max" for 最多/最高…, "min" for 最少/最低…, None when the question ranks nothing."""
    return "max" if SUPERLATIVE_MAX.search(q) else "min" if SUPERLATIVE_MIN.search(q) else None


def item_reference(question: str) -> int:
    """The part a question points at by number ("第三条" → 3), ``LAST_ITEM`` for "最后那块", 0 for none."""
    item = ITEM_REFERENCE.search(question)
    if not item:
        return 0
    number = item.group(1)
    return LAST_ITEM if number is None else count_value(number)


def _counts_items_only(q: str) -> bool:
    """"分几部分任务 一共多少项", "原因有几条": every count asked is of the items themselves, which
    the items answer — no figure is asked."""
    parts = [(m.start(), m.end()) for m in ITEM_COUNT.finditer(q)]
    counts = parts + [(m.start(), m.end()) for m in ITEMS_COUNTED.finditer(q)]
    return bool(parts) and all(any(a <= m.start() < b for a, b in counts) for m in NUMBER_INTENT.finditer(q))


def understand(question: str, known_streets: list[str] | tuple[str, ...] = (),
               titles: Mapping[str, str] | None = None) -> Query:
    """Parse a staff question. ``known_streets`` adds the streets found in the index;
    ``titles`` (doc_id → title) lets a document be named by its title."""
    q = normalize_question(question)
    streets = gazetteer.find_streets(q, known_streets)
    if not streets:  # "长受路" → 长寿路, then read as written right
        corrected = gazetteer.correct_street_typos(q, known_streets, streets)
        if corrected != q:
            q, streets = corrected, gazetteer.find_streets(corrected, known_streets)
    query = Query(question=q, original=question)
    query.streets = streets
    if not query.streets:
        query.streets = guess_places(q)[:3]
    query.districts = gazetteer.find_districts(q)
    query.years = question_years(q)
    query.report_years = sorted({int(y) for y in _REPORT_YEAR.findall(q)} | {int(y) for y in _REPORT_YEAR_LIST.findall(q)})
    if not query.report_years and OUTLINE_INTENT.search(q):
        # "长寿路街道2024年社区代表会议报告的框架": the year is part of the document's name
        query.report_years = [int(y) for y in _TITLED_YEAR.findall(q)][:1]
    query.per_year = (bool(YEAR_JOIN.search(q) or YEARS_ASKED_APART.search(q)) and not YEAR_RANGE.search(q)
                      and not GROWTH_BETWEEN_YEARS.search(q))
    counted = COUNT_ASKED.search(q) or STATED_COUNT.search(q)
    query.count = count_value(counted.group(1)) if counted else 0
    span = YEAR_RANGE.search(q)
    if span and EACH_YEAR.search(q):
        # "1999到2002年报告里每年发多少": every year of the range, one part each
        a, b = (int(y) for y in re.findall(r"(?:19|20)\d{2}", span.group())[:2])
        if 0 < b - a <= MAX_RANGE_YEARS:
            query.years = sorted(set(query.years) | set(range(a, b + 1)))
            query.per_year = True
            if b in query.report_years:  # "99到02年报告里": each year's report
                query.report_years = sorted(set(query.report_years) | set(range(a, b + 1)))
    plan, review = bool(PLAN_WORDS.search(q)), bool(REVIEW_WORDS.search(q))
    if plan and review and re.search(r"比|对比|相比", q):
        pass  # "16年实际做的和17年计划比": both, each part finds its own
    elif plan and not DONE_MARKERS.search(q):
        query.kind = "plan"
    elif review:
        query.kind = "review"
    if query.report_years and not query.kind and "当年" in q and not PREVIOUS_YEAR.search(q):
        query.kind = "plan"  # "2000 01 02这三年报告 当年发长期建设国债各多少": each report's own year, planned
    if "报告" in q and query.years and PREVIOUS_YEAR.search(q) and not THIS_YEAR.search(q):
        # "94、95、99年政府工作报告里上一年GDP增长": the years name reports, each asked about the year
        # it looks back on; one report's part asks for that year ("1994年报告…上一年" → 1993 too).
        query.report_years = sorted(set(query.years))
        if len(query.report_years) == 1:
            query.years = sorted({query.report_years[0] - 1, *query.report_years})
        query.kind = "review"
    query.wants_number = bool(NUMBER_INTENT.search(q)) and not (
        (ITEM_COUNT.search(q) and len(NUMBER_INTENT.findall(q)) == 1) or _counts_items_only(q))
    if not query.wants_number and superlative_of(q) and RATE_WORDS.search(q):
        query.wants_number = True  # "调解成功率五角场和长寿谁高": the rates, then which is higher
    # "这几份报告": which documents, never the unit asked
    if query.wants_number and len(query.report_years) == 1:
        # "80年报告 积累率 78 79 80年 分别多少": the one report's year typed again among the years
        # asked is asked too
        # (not where the year is set beside as the base of a change: "80年报告里81年…比80年多多少")
        query.report_and_topic = [y for y in query.report_years
                                  if sum(not BASE_BEFORE.search(q[: m.start()]) for m in re.finditer(f"{y}年", q)) >= 2]
    m = _ASKED_UNIT.search(re.sub(r"[这那]?几[份篇个](?=(?:国务院)?(?:政府)?(?:工作)?(?:报告|文件|计划|要点|总结))",
                                   lambda x: " " * len(x.group()), q))
    if m:
        word = m.group(1)
        if len(word) > 1 or word in MEASURE_WORDS:
            query.measure = word
        else:
            query.counted = re.split(r"[，,。？?的是呢吗啊]", q[m.start(1):])[0][:8]
    o = ORDINAL_INTENT.search(q)
    if o:
        query.ordinal = o.group(1)
        query.measure = query.measure or o.group(1)
    query.stage = _asked_stage(q)
    if query.stage == "完工" or query.stage is None:
        query.done = any(w in q for w in DONE_WORDS)
        if query.done:
            query.stage = None
    query.rate = bool(RATE_WORDS.search(q))
    query.money = (any(n in query.counted for n in MONEY_NOUNS) or bool(MONEY_ASKED.search(q))) and not query.measure
    query.area = any(n in q for n in AREA_NOUNS)
    if query.wants_number:
        query.intent = "number"
    elif DATE_INTENT.search(q) and not re.search(r"哪些|哪几|排个?序|排一下", q):  # "有具体截止的有哪些", "…排个序": the items, dated
        query.intent = "date"
    elif YESNO_INTENT.search(q):
        query.intent = "yesno"
    query.topic = topic_of(q, query.streets, query.districts)
    named = named_document(q, titles, (
        *query.streets, *(a for s in query.streets for a in gazetteer.street_aliases(s)), *query.districts,
        *(d.removesuffix("新区").removesuffix("区") for d in query.districts))) if titles else None
    if named:
        # "普陀区17年创新社会治理那个项目安排里，推进机制…": the title picks the document and is not
        # searched for; its words stay in the topic, weighing little (see topic_fit.topic_weights).
        # When the title's words are all the question asks of, they are searched as the topic.
        query.document = named.doc_id
        if topic_of(named.without(q), query.streets, query.districts).strip():
            query.mention = q[named.start:named.end]
    if query.wants_number and not (query.measure or query.rate or query.counted or CHANGE_ASKED.search(q)):
        # "国家财政收入和外汇储备各多少": the asked thing is money though no word after 多少 says so
        query.money = query.money or any(n in query.topic for n in MONEY_NOUNS)
    if query.report_years and query.kind == "review" and not THIS_YEAR.search(q):
        query.topic = PREVIOUS_YEAR.sub("", query.topic)  # "上一年GDP增长": the year is read, the topic is GDP增长
    if not query.wants_number and OUTLINE_INTENT.search(q):
        # The document's structure, or a part of it ("城市精细化管理做了哪几方面工作"): the
        # outline answerer looks for a section; ``outline_topic`` is what names that part.
        query.intent = "outline"
        query.item = item_reference(q)
        query.outline_topic = OUTLINE_WORDS.sub("", ITEM_REFERENCE.sub("", EXPAND_WORDS.sub("", query.topic)))
        quoted = QUOTED_PART.search(q)
        if quoted:  # "“工作要求”部分主要讲了什么": the part named as the document names it
            query.outline_topic = quoted.group(1)
    elif query.intent == "entity" and (LIST_INTENT.search(q) or NAMED_COUNT_END.search(q)):
        query.intent = "list"
    if FIGURES_ASKED.search(q) or (query.wants_number and EXAMPLES_ASKED.search(q)):
        # "长寿路2023年招商引资几个主要数字汇总一下": the sentences of the topic that give figures
        query.figures, query.intent, query.wants_number, query.measure = True, "list", False, ""
    if QUOTED_OPENING.search(q):  # "那几段“我们要……”讲了哪些": the sentences that open so, not a figure
        query.intent, query.wants_number = "list", False
    query.compare = bool(COMPARE_ASKED.search(q))
    # "国家外汇储备这几年有啥变化": of no place and no year, the years are the reports'
    spans_reports = bool(YEAR_TREND.search(q)) and "报告" not in q and not query.document
    query.every_report = bool(EVERY_REPORT.search(q) or spans_reports) and not query.years and not query.streets
    if RANK_INTENT.search(q) and not query.streets:
        query.every_place = True
        query.superlative = superlative_of(q)
    query.expansions = [w for group in MATCH_SYNONYMS if any(g in q for g in group) for w in sorted(group) if w not in q]
    if query.wants_number and ONE_CHARACTER_MEASURE.match(query.topic):
        # "93年钢多少": the document writes the figure of 钢产量, a word the character alone does not find
        query.expansions += [query.topic + "产量", query.topic + "产值"]
    return query
