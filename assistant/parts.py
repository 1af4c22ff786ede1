"""Cross-document questions split into one question per street or per year.

Why: "五角场和长寿路2023年分别加装电梯多少台" is two questions with two sources.
Each part is retrieved, answered — or refused — on its own, and a part must
read as its own question ("五角场街道2023年加装电梯多少台"), or its refusal
names the wrong street and its topic keeps words like "和分别".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answerers.topic_fit import tagged
from assistant.followup import scope_of
from core.gazetteer import find_streets, street_aliases
from core.lexicon import (
    ASK_BEFORE_NOUN,
    ASKS,
    CHANGE_HOW_ASKED,
    EVERY_REPORT,
    EXAMPLES_ASKED,
    FIGURES_ASKED,
    FILLER_TOKENS,
    LIST_INTENT,
    LIST_JOIN,
    MEASURE_WORDS,
    MULTI_CHAR_UNITS,
    NUMBER_INTENT,
    ORDER_ASKED,
    OUTLINE_INTENT,
    PRODUCT_CHARS,
    PRODUCTS_GLUED,
    RANK_INTENT,
    STAGE_CUT,
    STAGES,
    SUPERLATIVE_MAX,
    SUPERLATIVE_MIN,
    WHICH_YEAR_MORE,
    YEAR_RANGE,
    YEAR_TREND,
    YEARS_ASKED_APART,
)
from core.textnorm import SET_BEFORE, expand_year, normalize_question, question_years
from core.understand import topic_of

_JOIN = r"[和与及跟、,，/]"
_OWN_YEAR = r"(?:\s*(?:19|20)\d\d\s*年)?"
_EACH = re.compile(r"分别|各自")
_MEASURE = re.compile(r"(?:面积|数量|金额|人数|户数|台数|规模|比例|比重|水平|[率额量])\s*(?:对比|比较|情况|怎么样|如何|对比下|比一下|比一比|比比看|比比|对比一下|比较一下)?$")


def _drop(question: str, names: list[str], tail: str = "") -> str:
    """Remove one mention (with ``tail`` after it and the connector that joined it) of any of ``names``."""
    for name in sorted(names, key=len, reverse=True):
        n = re.escape(name) + tail
        # the connector before it ("…和长寿路"), not a comma that ends the clause before
        for pattern in (rf"[和与及跟、/]\s*{n}", rf"{n}\s*{_JOIN}?", rf"{_JOIN}\s*{n}"):
            out, count = re.subn(pattern, "", question, count=1)
            if count:
                return out
    return question


# "能对比一下吗": a clause that only asks for the comparison, which the table makes
_REQUEST = re.compile(r"^\s*(?:能|可以|能不能|可不可以)?(?:帮我|帮忙)?(?:对比|比较|比)(?:一下|下)?(?:吗|么|嘛)?[？?，,]?\s*$")


# "达标没", "够不够", "达到了吗": whether a result meets a target
_MET_BY_OTHER = re.compile(r"(?:达标|达到|完成|够)(?:了)?(?:没有?|吗|不够|与否)|够不够|达没达到|达不达标|达标(?:情况)?")
_TARGET_NAMED = re.compile(r"(?<![\u4e00-\u9fff])给(?=[\u4e00-\u9fff]{1,4}?定)|(?:定的?|提出的|设的)?(?:那个|这个)?(?:工作)?目标(?:是多少)?")


def _named_last(text: str, names: dict[str, list[str]]) -> str:
    """The street named last in ``text`` ("" if none): the one what follows is said of."""
    at = {s: max((text.rfind(n) for n in ns), default=-1) for s, ns in names.items()}
    best = max(at, key=lambda s: at[s], default="")
    return best if best and at[best] >= 0 else ""


def street_parts(question: str, streets: list[str]) -> list[str]:
    """One question per street, the other streets taken out."""
    names = {s: [f"{a}街道" for a in street_aliases(s)] + street_aliases(s) for s in streets}
    # "五角场2016年和金杨新村2020年": each street has its own year, which goes with it;
    # "五角场和长寿路2023年": the year is shared and stays.
    own = all(any(re.search(re.escape(n) + r"\s*(?:19|20)\d\d\s*年", question) for n in names[s]) for s in streets)
    # "万里定的目标跟长寿路23年实际比": a year typed with one street, the others not joined to it
    # ("五角场和长寿路2023年" shares it), is that street's own
    any_name = "(?:" + "|".join(re.escape(n) for s in streets for n in names[s]) + ")"
    joined = re.search(any_name + r"\s*" + _JOIN + r"\s*" + any_name, question) is not None
    typed_with = {s: own or (not joined and any(re.search(re.escape(n) + r"\s*(?:19|20)\d\d\s*年", question)
                                                for n in names[s])) for s in streets}
    # "12345热线这块，万里定的目标是多少，长寿和金杨实际做到啥水平": each street asks in its own clause;
    # its part is the clauses that name no street and its own
    clauses = [c for c in re.split(r"(?<=[，,；;？?])", question) if c]
    owned = {s: {i for i, c in enumerate(clauses) if any(n in c for n in names[s])} for s in streets}
    apart = len(clauses) > 1 and all(owned.values()) and len({frozenset(v) for v in owned.values()}) > 1
    first = min(min(v) for v in owned.values()) if apart else 0  # the first clause that names a street
    for i in range(first + 1, len(clauses) if apart else 0):
        if not any(i in v for v in owned.values()):  # naming no street, it goes on asking of the street before
            for v in owned.values():
                if i - 1 in v:
                    v.add(i)
    shared = set(range(first))  # the frame before them all
    # "长寿路解决率够不够万里定的那个目标": a street set against the target another street set (the
    # street named last before it) is asked its own result
    targeted = {_named_last(question[: m.start()], names) for m in re.finditer(r"定的|目标", question)} - {""}
    parts = []
    for keep in streets:
        q = question if not apart else "".join(
            c for i, c in enumerate(clauses) if (i in owned[keep] or i in shared) and not _REQUEST.match(c))
        for other in streets:
            if other != keep:
                q = _drop(q, names[other], _OWN_YEAR if typed_with[other] else "")
        # "…五角场和长寿谁高", "哪个街道最多": each part asks its own figure; which is higher is
        # for the comparison to say. The street is written in full, so a short name ("长寿") after
        # another word is still read as the place.
        ranked = SUPERLATIVE_MAX.search(q) or SUPERLATIVE_MIN.search(q)
        q = SUPERLATIVE_MIN.sub("", SUPERLATIVE_MAX.sub("", RANK_INTENT.sub("", q)))
        for alias in sorted(names[keep], key=len, reverse=True):
            if alias in q:
                q = q.replace(alias, keep, 1) if alias != keep else q
                break
        if _MET_BY_OTHER.search(q) and targeted and keep not in targeted:
            q = _MET_BY_OTHER.sub("", _TARGET_NAMED.sub("", q)).strip(" ，,？?") + "实际多少"
        part = asks_figure(_EACH.sub("", q), names[keep])
        # "金杨和长寿路 加梯谁多": who has more asks each its figure, however the measure is named
        parts.append(part.strip(" ，,？?") + "多少" if ranked and not NUMBER_INTENT.search(part) else part)
    return parts


def asks_figure(question: str, names: Sequence[str] = ()) -> str:
    """A part that names a measure ("信访量对比下", "拆违面积") asks for its figure: "多少" is added,
    so each part is answered by its number and the parts can be compared. ``names`` (the part's
    street, however written) are not part of the measure."""
    rest = question
    for name in sorted(names, key=len, reverse=True):
        rest = rest.replace(name, "")
    if NUMBER_INTENT.search(question) or not _MEASURE.search(rest.strip(" ，,？?")):
        return question
    return question.strip(" ，,？?") + "多少"


# What a year's own clause may hold besides the year and still ask nothing of its own topic
# ("2017年又打算做多少", "24年目标是多少").
_ASK_ONLY = re.compile(r"多少|几|是|的|了|又|要|都|各|目标|计划|实际|完成|做|干|搞|定|打算|预计|准备|达到|呢")
ASK_ONLY_REST = 2  # characters of such a clause left over that are still no topic


_YEARS_COMPARED = re.compile(r"[\s，,]*(?:跟|和|与|同)((?:19|20)\d{2}年(?:实际|计划|目标|完成|的|情况|做到)*)"
                             r"(?:比一比|比比看?|比一下|比下|对比一下|对比下|对比|比较一下|比较|相比|比)[？?]?$")


def _without_change_asked(q: str) -> str:
    """"…有啥变化", "咋变的" taken out: how a measure changed is for the figures together to tell."""
    return re.sub(r"[，,\s]*(?:都|各)?(?:有)?(?:" + CHANGE_HOW_ASKED.pattern + r")(?:的|了)?", "", q)


def year_parts(question: str, years: list[int]) -> list[str]:
    """One question per year, the other years taken out."""
    parts = []
    apart = bool(YEARS_ASKED_APART.search(question))
    # "…跟12年实际比一比": each year's part asks its own figures; the comparison is theirs together
    question = _YEARS_COMPARED.sub(r"\1", question) if _YEARS_COMPARED.search(question) else question
    for keep in years:
        q = re.sub(YEAR_RANGE.pattern + r"\s*年?", f"{keep}年", question)  # "1999到2002年" → "2000年"
        for other in years:
            if other == keep:
                continue
            # its own ask runs to the next stop or the next year ("2016年干了多少2017年计划多少")
            own = re.search(rf"{other}年([^，,；;、。？?]*?)(?:[，,；;、？?]|(?=(?:19|20)\d{{2}}年)|$)", q) if apart else None
            if own and len(_ASK_ONLY.sub("", own.group(1))) <= ASK_ONLY_REST:
                q = q[: own.start()] + q[own.end():]  # "…2016年完成了多少,2017年计划多少": its own ask goes with it
            else:
                # "1993年、1994年全国粮食总产量": the topic stays; "80年计划 81年": the stage said with a
                # year alone goes with it
                # ("16年跟17年计划比": the plan is 2017's, compared with 2016's result)
                q = _drop(q, [f"{other}年", str(other)], r"(?:(?:计划|目标|预期|实际)(?=\s|(?:19|20)\d{2}年|各|分别|比|跟|和|与|$))?")
        # "…2013这几年报告定的…": the span word goes with the list; each part asks for its own year
        # (its figure: how the figures changed is for them together to tell, "…各是多少 咋变的")
        q = YEAR_TREND.sub("", _EACH.sub("", q))
        q = WHICH_YEAR_MORE.sub("多少", q)  # ("…哪年多": compared once each year's figure is found)
        if re.search(r"多少|几", q):
            q = _without_change_asked(q)
        parts.append(q)
    return parts


def place_parts(question: str, streets: list[str]) -> list[str]:
    """One question per street: "各街道垃圾分类做了什么" → "长寿路街道垃圾分类做了什么"; a ranking
    ("哪个街道加装电梯最多") needs each street's figure, so its parts ask for one ("…加装电梯多少")."""
    ranked = bool(SUPERLATIVE_MAX.search(question) or SUPERLATIVE_MIN.search(question))
    rest = SUPERLATIVE_MIN.sub("", SUPERLATIVE_MAX.sub("", RANK_INTENT.sub("", question)))
    rest = _EACH.sub("", rest).strip(" ，,？?")
    if (ranked or _MEASURE.search(rest)) and not NUMBER_INTENT.search(rest):
        rest += "多少"  # "法律咨询接待量各街道对比": a measure is compared by each street's figure
    return [f"{s}{rest}" for s in streets]


def trend_parts(question: str, years: list[int]) -> list[str]:
    """One question per year a place's documents cover: "五角场近几年拆违面积有什么变化" →
    "2016年五角场拆违面积", "2017年五角场拆违面积" (a number question when it asks 多少/面积…)."""
    rest = _EACH.sub("", YEAR_TREND.sub("", question)).strip(" ，,？?")
    if NUMBER_INTENT.search(rest):
        rest = _without_change_asked(rest)
    if not NUMBER_INTENT.search(rest) and _MEASURE.search(rest):
        rest += "多少"  # "拆违面积有什么变化": the change is read from each year's figure
    return [f"{y}年{rest}" for y in years]


# "…哪年最多": the rows rank themselves; each report's part asks only its figure
_YEAR_RANKED = re.compile(r"[，,\s]*(?:哪|那)一?(?:年|份报告)(?:的?(?:" + SUPERLATIVE_MAX.pattern + "|" + SUPERLATIVE_MIN.pattern + r"))?")


def report_parts(question: str, reports: list[int]) -> list[str]:
    """One question per report: "几份报告里说的粮食产量" → "1985年报告里说的粮食产量", … ."""
    rest = ORDER_ASKED.sub("", question).strip(" ，,？?")  # "按年份排一下": the rows are in time order
    spanned = not EVERY_REPORT.search(rest)  # every report asked as the years a trend spans
    if spanned:  # "国家外汇储备这几年有啥变化": the change is told by each report's figure
        rest = _without_change_asked(YEAR_TREND.sub("", _YEAR_RANKED.sub("", rest)))
        rest = "报告里" + rest.strip(" ，,？?")
    if not NUMBER_INTENT.search(EVERY_REPORT.sub("", rest)) and (spanned or _MEASURE.search(rest)):
        rest += "多少"  # "几份报告里说的粮食产量": each report's figure
    return [EVERY_REPORT.sub(f"{y}年报告", rest, count=1) if not spanned else f"{y}年{rest}" for y in reports]


# "区税这些", "这几个主要数据": words that point back at the measures just named (not "这几年")
_POINTER = r"(?:这些|这几个?(?!年)|那些)"
# "…外贸 外资这些主要数据是多少": the words pointing back at the list, then its ask
_POINTS_BACK_ASK = re.compile(_POINTER + r"[\u4e00-\u9fff]{0,6}?(?:是|有|为)?(?:多少|几)")
# "…文化围墙 健身苑点 妇女之家各多少", "农民人均纯收入和城镇居民收入 84年 94年分别多少",
# "五角场17年计划跟16年干的比一下：健身苑点、文化围墙、妇女之家": several measures asked at
# once, each its own question.
_LIST_END = re.compile(_POINTS_BACK_ASK.pattern + "|" + WHICH_YEAR_MORE.pattern  # ("…和文化围墙 哪年多")
                       + r"|(?:各|分别|都|各自)[^\s、，,：:；;多几]{0,6}(?:多少|几)"
                       r"|(?:各|分别|都|各自)比[^\s、，,：:；;]{1,10}?(?:多出?|少)(?:多少|几)|(?:实际|计划|目标)?(?:定的|是|为)(?:多少|几)|(?:实际|计划|目标)(?:多少|几)|(?:各|都)?有(?:啥|什么|何)变化|(?:各|都)?(?:怎么|如何)变|"
                       + FIGURES_ASKED.pattern)
KEYWORD_RUN = 3  # measures typed as bare keywords that, with nothing else asked, ask each one's figure
_COMPARE_CUE = re.compile(r"比|对比|vs|VS|多少|几|变化|分别|各")
_SEGMENT = re.compile(r"[^\s、，,：:；;？?]+")
MEASURE_CHARS = 16  # the longest measure name read as one ("城镇居民人均生活费收入" is 11)
_TOPIC = re.compile(r"[\u4e00-\u9fffA-Za-z](?:[\u4e00-\u9fffA-Za-z]|(?<=[A-Za-z])\d){1," + str(MEASURE_CHARS - 1) + "}")  # "M2" too
# what a segment that names no measure says: a place, an ask ("框架是啥", "列一下", "比一比"), a
# document, a stage, or a span of time ("过去五年", "近几年")
# "年初年末": when in the year a figure is read, no measure
_WHEN_IN_YEAR = re.compile(r"(?:(?:年初|年末|年底|年中|[上下]半年)[和跟与、]?)+")
_NOT_TOPIC = re.compile(r"街道|哪|什么|啥|咋|怎么|如何|多少|几|报告|计划|实际|比|\d年|vs|VS"
                        r"|列(?:一下|出|下)|一下|说说|讲讲|看看|介绍|概括|总结|框架|结构"
                        r"|(?:过去|近|这|前|后|最近)[一二两三四五六七八九十\d]+年|年来|以来|期间"
                        r"|^[一二两三四五六七八九十几\d]+[个项条点块]$"  # "五个": a count, no measure
                        r"|(?:[一二三四五六七八九十]是){2}"  # "一是二是三是": the points asked for, no measure
                        r"|^(?:去年|今年|明年|上年|当年|本年)$"
                        r"|^[那这](?:份|个|篇)(?:报告|文件)?$"  # "1960年那份 …": the document, named loosely
                        r"|^城乡$"  # "住房呢 城乡各建了多少": town and country each, of the measure named
                        r"|^(?:主要)?(?:预期)?(?:目标|指标)$"  # "13年主要预期目标 GDP 物价…": the list's name
                        r"|(?:这|那)(?:块|部分|方面)呢?$")  # "文化这块 宣讲 演出…": the frame the measures are of
# "就业率这些数对一下", "区税这些": what follows the last measure's name points back at the list
_POINTS_BACK = re.compile(_POINTER + r"[\u4e00-\u9fff]{0,6}$|等$")
# "…钢的指标各是多少": what each measure is asked for, said after its name
_HEAD_TAIL = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])的?(?:指标|数字|数据|数量|情况)$")


def _names_thing(keyword: str) -> bool:
    """Does a keyword end in a noun ("粮食", "财政收入", "GDP") — something measured — rather than
    an activity ("平安建设", "党建引领"), which is a topic of its own, not a figure?"""
    tags = tagged(keyword)
    return bool(tags) and tags[-1][1] in ("n", "nz", "eng")


def _topic_like(segment: str, known_places: Sequence[str]) -> bool:
    if re.fullmatch(r"[\u4e00-\u9fff]", segment):
        # "GDP 粮食 钢 进出口": a one-character measure standing alone between the others is a noun
        return segment not in FILLER_TOKENS and all(flag == "n" for _, flag in tagged(segment))
    # "五角场修缮居委会办公室": the measure is measured without the place typed with it
    rest = _without_places(segment, find_streets(segment, known_places))
    if not _TOPIC.fullmatch(rest) or _NOT_TOPIC.search(segment):
        return False
    return len(rest) >= 2  # "缘聚五角场活动" names a measure; "五角场" alone names the place


def products_spelled(q: str) -> str:
    """"81年计划主要指标 粮棉钢煤各多少" → "…粮食产量 棉花产量 钢产量 煤炭产量 各多少": products typed
    one character each, glued, are each the measure the reports name ("粮棉收购价格" names one thing)."""
    def spelled(m: re.Match[str]) -> str:
        tail = q[m.end():m.end() + 2]
        names = [PRODUCT_CHARS[c].removesuffix("产量") if tail == "产量" else PRODUCT_CHARS[c] for c in m.group()]
        return " ".join(n + "产量" if tail == "产量" and i < len(names) - 1 else n for i, n in enumerate(names)) + " "
    return re.sub(r"\s+(?=产量)", "", PRODUCTS_GLUED.sub(spelled, q))


def _asked_alike(q: str, known_places: Sequence[str]) -> str:
    """"改造多少垃圾厢房 投放点 增补容器多少": a measure typed bare after a clause that asks
    before the thing it counts is asked the same way ("改造多少投放点"), so every clause asks."""
    words = q.split(" ")
    for i in range(1, len(words)):
        before = ASK_BEFORE_NOUN.search(words[i - 1])
        # ("今年的几个目标 增长 扶贫": what the count frames is a name for the list, no thing counted)
        if (before and not _asks(words[i]) and _topic_like(words[i], known_places)
                and _topic_like(before.group(4), known_places) and not FIGURES_ASKED.search(words[i - 1])):
            # ("20年改造了几个垃圾厢房": the verb after the year, the count with its measure word)
            verb = re.sub(r"^.*年", "", before.group(1))
            words[i] = f"{verb}{before.group(2)}{before.group(3)}{words[i]}"
    return " ".join(words)


# "物价 原定的控制目标和实际涨幅 今年目标多少": a target and a result joined, asked by a clause
# after them that asks a third stage — each asked in turn, clause by clause
_STAGES_JOINED_UNASKED = re.compile(r"((?:原定|目标|计划)[^\s和跟与多几]{0,8}?)(?:和|跟|与)(实际[^\s多几比]{0,6})"
                                    r"(?:比一比|比比看?|对比一下|对比下|比较一下|比较|比一下)?(?=\s+\S*(?:多少|几))")


def topic_parts(question: str, known_places: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(measure, question) for each measure a question lists: "五角场16年和17年计划比 文化围墙
    健身苑点 妇女之家各多少" → ("文化围墙", "五角场16年和17年计划比文化围墙多少"), …; [] when it
    asks one thing. Read on the question as typed: the spaces that separate the measures are
    gone once it is normalised."""
    q = question.strip().rstrip("？?。")
    # "2000年GDP、财政收入…": the year frames the list, it is not part of its first measure
    # (or a space: "2000年GDP 财政收入 …", "93年GDP 钢 外贸"), unless what follows the year asks ("23年招商引资几个主要数字")
    # ("五角场17年计划修居委会 建妇女之家…": the stage said with the year frames the list too)
    # ("九五期间GDP 财政收入…": a plan period frames it the same way)
    q = re.sub(r"((?:(?:19|20)?\d{2}年(?:底|末|初)?|去年|今年|明年|上年|(?:过去|近|最近)[一二两三四五六七八九十\d]+年|(?:十[一二三四五]?|[六七八九])五(?:期间|时期))(?:计划|实际|目标|打算)?(?:完成|做|干|定)?(?:的|里)?)"
               r"(?!(?:的|那个|那份|这份)?(?:政府工作)?报告|[那这][份个篇](?![\u4e00-\u9fff]))"  # ("95年报告 物价…": the report's name, not a year framing a list)
               r"(?=(?:(?!几|多少|哪)[A-Za-z\u4e00-\u9fff]){2," + str(MEASURE_CHARS) + r"}(?:、|\s+[A-Za-z\u4e00-\u9fff]{1,"
               + str(MEASURE_CHARS) + r"}?(?:\s|分别|各)))",
               r"\1 ", q)
    # "…健身苑点这几项17年计划跟16年比": the words pointing back at the list end it, the year after them frames it
    q = re.sub(_POINTER + r"[项条块点]?(?=(?:19|20)?\d{2}年)", lambda m: m.group() + " ", q)
    q = _PEOPLE_GLUED.sub(r"\1和", _asked_alike(q, known_places))  # "城镇农村人均住房面积": the two people's each
    # ("年初目标": the target, set at the year's start)
    q = re.sub(r"年初(?=(?:定的?|的)?(?:目标|计划|预期))", "", SET_BEFORE.sub("原定", q))
    q = products_spelled(_STAGES_JOINED_UNASKED.sub(r"\1多少 \2多少", q))
    parts = (_run_of_measures(q, known_places) or _measures_joined(q, known_places) or _glued_measures(q)
             or _stages_asked_apart(q, known_places) or _clauses_asked_apart(q, known_places))
    if not parts:
        split = _town_and_country("", q)
        return split if len(split) == 2 else []
    # "98年gdp增长多少 目标是多少 投资增长呢": a part closed with 呢 asks what the others ask, a figure
    if re.search(r"多少|几", q):
        # ... its change, where the others ask one ("那农业呢 粮食棉花增产多少")
        ask = next((m.group() for _, a in parts if (m := _CHANGE_ASK_END.search(a))), "多少")
        parts = [(_ASKED_LIKE_THE_REST.sub("", label), _asked_as_the_rest(asked, ask)) for label, asked in parts]
    return [x for label, asked in parts for x in _town_and_country(label, asked)]


# the changes a part may ask of its measure ("增产多少"), as the reports write them
_CHANGE_WORDS = ("增长", "增加", "提高", "减少", "下降", "上升", "增产", "减产")


def _asked_as_the_rest(asked: str, ask: str) -> str:
    """A part closed with 呢 asking ``ask`` ("增产多少"), its 呢 replaced; a part that says the change
    itself ("投资增长呢") asks only 多少; any other part as it is."""
    bare = _ASKED_LIKE_THE_REST.sub("", asked)
    if bare == asked:
        return asked
    return bare + ("多少" if bare.endswith(ask.removesuffix("多少")) else ask)


_CHANGE_ASK_END = re.compile(r"(?:" + "|".join(_CHANGE_WORDS) + r")了?多少$")
_ASKED_LIKE_THE_REST = re.compile(r"(?<![多少几哪啥么样何比])呢[？?]?$")  # "跟八五比呢" compares, asks no figure


# "城乡居民收入各多少", "城乡收入增长多少": the towns' figure and the countryside's, which the reports
# give apart (城镇居民人均可支配收入…；农村居民人均纯收入…)
_TOWN_AND_COUNTRY = re.compile(r"城乡(?:居民)?(?=[\u4e00-\u9fff]{0,4}收入)")
# "城乡各建了多少": town and country, each asked of what is named before
_TOWN_AND_COUNTRY_EACH = re.compile(r"城乡(?:各|分别)")


def _town_and_country(label: str, question: str) -> list[tuple[str, str]]:
    """A part asking a figure of 城乡 asked as two: of 城镇居民 and of 农村居民 (a target said in words,
    "城乡居民人均收入实际增长与经济增长同步", or items asked of them, is one); any other part as it is."""
    asks = re.search(r"多少|几", question) and not LIST_INTENT.search(question) and not OUTLINE_INTENT.search(question)
    if asks and not _TOWN_AND_COUNTRY.search(question) and _TOWN_AND_COUNTRY_EACH.search(question):
        # "住房呢 城乡各建了多少": 城镇 and 农村, as the reports write them ("农村建成住宅…，城镇建成住宅…")
        return [(f"{label}{who}" if label else who, _TOWN_AND_COUNTRY_EACH.sub(who, question, count=1))
                for who in ("城镇", "农村")]
    if not (_TOWN_AND_COUNTRY.search(question) and asks):
        return [(label, question)]
    out = []
    for who in ("城镇居民", "农村居民"):
        asked = _TOWN_AND_COUNTRY.sub(who, question, count=1)
        named = _TOWN_AND_COUNTRY.sub(who, label, count=1) if _TOWN_AND_COUNTRY.search(label) else ""
        out.append((named or f"{who}收入", asked))
    return out


# "84年粮食棉花原煤原油产量各多少": measures typed with nothing between them, sharing the head
# noun that ends them (产量); each measure is one part, with that head
_SHARED_HEAD = frozenset({"产量", "总产量", "产值", "总产值", "面积", "数量", "人数", "收入", "金额", "投资", "规模", "增速", "增幅"})


# "城镇居民 农民收入": people named alone in a run, the measure of them left to the others' head
_PEOPLE = re.compile(r"(?:城镇|农村|城乡)?(?:居民|农民|职工|工人|家庭)$|^(?:城镇|农村|城乡)$")
_PEOPLE_FIRST = re.compile(r"(?:城镇|农村|城市|乡村)(?:居民)?")  # whose a measure is, named before it
_PEOPLE_GLUED = re.compile(r"((?:城镇|城市)(?:居民)?)(?=农村|乡村)")
_STAGE_WORD = re.compile(r"计划|目标|实际|预期|指标|任务")
_WHOLE_SCOPE = frozenset({"全国", "全省", "全市", "全区", "全县", "全社会", "国家", "我国"})


def _glued_measures(q: str) -> list[tuple[str, str]]:
    """(measure, question) for each noun of a run of nouns asked of one by one ("…各多少"), each
    with the head noun they share; [] for a run with no such head, which may be one name
    ("工单结案率", "国债项目")."""
    # "…各多少", "煤炭石油发电量各安排多少": the verb of the plan between may be said
    end = re.search(r"(?:各|分别|各自|都)(?:是|为|有|安排|定的?|要求|完成|达到)?(?:多少|几)", q)
    if not end:
        return []
    segment = list(_SEGMENT.finditer(q[: end.start()]))
    if not segment or segment[-1].end() != end.start():
        return []
    tags = list(tagged(segment[-1].group()))
    stage = ""
    while tags and _STAGE_WORD.fullmatch(tags[-1][0]):
        stage = tags.pop()[0] + stage  # "煤炭石油发电量计划各多少": the stage asked, no measure
    run: list[str] = []
    while tags and tags[-1][1] in ("n", "nz") and len(tags[-1][0]) >= 2 and not _STAGE_WORD.fullmatch(tags[-1][0]):
        run.insert(0, tags.pop()[0])
    while run and run[0] in _WHOLE_SCOPE:
        run.pop(0)  # "全国粮食总产量": the scope every measure is of, no measure of its own
    head = run.pop() if run and run[-1] in _SHARED_HEAD else ""
    # "煤炭石油发电量指标分别多少": three or more nouns the stage after them calls measures are
    # each a measure of its own, with no head to share; two may be one name ("工单结案率")
    # (the stage may frame the question before them: "81年计划 煤炭石油发电量各安排多少")
    staged = stage or _STAGE_WORD.search(q[: segment[-1].start()])
    if len(run) < 2 or not (head or (staged and len(run) >= 3)):
        return []
    prefix = q[: segment[-1].end() - len("".join(run)) - len(head) - len(stage)]
    ask = q[end.start():].removeprefix("各").removeprefix("分别").removeprefix("都")
    return [(f"{t}{head}", f"{prefix}{t}{head}{stage}{ask}") for t in run]


# "工单结案率": a rate or count named with its own topic (four characters before it) is asked too
_ASKS = re.compile(r"多少|(?<![这那])几(?:[万亿]|[" + "".join(sorted(MEASURE_WORDS)) + r"])|哪些|(?<=[\u4e00-\u9fff]{4})(?:率|数|量)[？?]?$"
                   r"|(?<=[\u4e00-\u9fff]{2})呢[？?]?$"  # "体育那块呢": the same asked of it
                   r"|^还有(?=[\u4e00-\u9fff]{2,8}[？?]?$)")  # "…拆了多少隔间 还有卫星锅": and of this
_YEAR = re.compile(r"(?<![\d.第近多这前后每达超约余共])(?:19|20)?\d{2}年(?!来|以来|间|代|内|多(?![多少了])|左右|里|之)(?:底|末|初)?")  # "近10年" is a span
_CLAUSE = re.compile(r"[^、，,；;：:]+")  # "…方面的数据：接入设备多少、…": the frame ends at its colon
_SPACED_CLAUSE = re.compile(r"[^、，,；;：:\s]+")  # "…服务了多少人 办了多少场活动": asks typed apart by spaces
_ASK_FRAME = re.compile(r"各|分别|都|一共|总共|共")  # "各多少件" names nothing of its own


_SIDE_BY_SIDE_ASKED = re.compile(r"(?:对比|比较|比)(?:一下|下)?$|比一比$|比比看?$")


def _asking_clauses(q: str) -> list[re.Match[str]]:
    """The clauses of ``q`` that ask a figure, two or more of them, when every clause from the
    first asking one on asks ([] otherwise: a clause that asks nothing after them makes no list of
    asks). Clauses end at punctuation — or, in a question typed as one clause ("…服务了多少人
    办了多少场活动 图书馆加了多少书"), at spaces."""
    clauses = [m for m in _CLAUSE.finditer(q) if m.group().strip()]
    if len(clauses) == 1:
        clauses = [m for m in _SPACED_CLAUSE.finditer(q) if m.group().strip()]
    # ("城市低保覆盖人数年初年末对比一下 中央财政多花了多少": a measure set side by side asks its figures)
    asking = [m for m in clauses if _asks(m.group()) or (_SIDE_BY_SIDE_ASKED.search(m.group()) is not None
                                                          and _names_own_topic(m.group(), ()))]
    if len(asking) < 2 or any(m.start() > asking[0].start() and not _asks(m.group()) for m in clauses):
        return []
    return asking


# "…应换尽换率多少 24年目标": a year said with a stage alone asks that year's figure at that stage
_YEAR_STAGE_ALONE = re.compile(r"(?:19|20)?\d{2}年(?:的)?(?:目标|计划|实际)(?:呢)?")


def _asks(clause: str) -> bool:
    """Does a clause ask a figure — or a change of a measure it names ("咋变的" alone names none:
    after a figure asked of several years it asks nothing the figures do not tell)?"""
    return (bool(_ASKS.search(clause)) or _YEAR_STAGE_ALONE.fullmatch(clause.strip()) is not None
            or (CHANGE_HOW_ASKED.search(clause) is not None and len(CHANGE_HOW_ASKED.sub("", clause).strip("有的了是 ")) >= 2))


def _clauses_asked_apart(q: str, known_places: Sequence[str]) -> list[tuple[str, str]]:
    """"2016年安全生产的数据,检查多少家次、查出多少隐患、电梯查了多少台次,火灾降了多少": each
    clause asks its own figure — one part each, framed by what the question says before the
    first of them ("…2016年安全生产的数据")."""
    asking = _asking_clauses(q)
    # ("低保覆盖人数 年初年末各多少": a clause naming only when in the year asks the measure before;
    # "住房呢 城乡各建了多少", only town and country, asks it of each)
    if not asking or any(len(rest := _ASK_FRAME.sub("", _ASKS.sub("", m.group())).strip()) < 2
                         or _WHEN_IN_YEAR.fullmatch(rest) or _TOWN_AND_COUNTRY_EACH.match(m.group().strip())
                         for m in asking):
        return []
    first = asking[0].group()
    if any(_YEAR.search(m.group()) for m in asking[1:]):
        return []  # "16年做了多少，17年计划多少": one part per year, read as such downstream
    frame = q[: asking[0].start()].rstrip(" 、，,；;")
    # the place and year the first asking clause names frame the others ("长寿路2023年拆违多少
    # 平方米，加梯多少台" → "长寿路街道 2023年 加梯多少台")
    # — the report it names, if any, whose figures are of other years ("2000年报告里…，贫困人口减少多少")
    report = _REPORT_SAID.search(first)
    years = _YEAR.findall(first[: report.start()] + first[report.end():] if report else first)
    carried = " ".join(["和".join(find_streets(first, known_places)), report.group() if report else "", *years]).strip()
    # "金杨21年实事项目打算花多少钱 给哪些居委干啥": items asked after a figure are of its topic
    first_topic = re.sub(r"[花投用]钱", "", topic_of(normalize_question(_YEAR.sub("", first)), find_streets(first, known_places), []))
    out = []
    for m in asking:
        closed = re.search(r"呢[？?]?$", m.group().strip()) is not None
        clause = re.sub(r"^还有|呢[？?]?$", "", m.group().strip())  # "拆违呢": asked as the others are (see topic_parts)
        # "长寿路2023年拆违多少平方米" is shown as "拆违多少平方米"
        label = _without_places(_YEAR.sub("", _REPORT_SAID.sub("", _SIDE_BY_SIDE_ASKED.sub("", clause))),
                                find_streets(clause, known_places))
        asked = ("" if re.search(r"多少|几|哪些", clause) or CHANGE_HOW_ASKED.search(clause)
                 else "呢" if closed else "多少")  # "工单结案率" → "工单结案率多少"
        of_first = (first_topic if m is not asking[0] and LIST_INTENT.search(clause) and not NUMBER_INTENT.search(clause)
                    else "")
        question = " ".join(f"{frame} {carried if m is not asking[0] else ''} {of_first}{clause}{asked}".split())
        if not _YEAR.search(question.replace(frame, "", 1)):
            question = " ".join(f"{frame} {_looked_back(frame, clause)} {question[len(frame):]}".split())
        joined = _measures_joined(question, known_places)  # "政务微信和市民热线工单结案率各多少": each measure
        out += joined or [(label.strip() or clause, question)]
    return out


def _stages_asked_apart(q: str, known_places: Sequence[str]) -> list[tuple[str, str]]:
    """"95年报告 94年物价原定控制多少 实际涨多少 95年目标定多少": one measure asked at several
    stages, a clause each; a clause that names no topic of its own ("实际涨多少") asks of the
    measure the first clause names, in the year before it unless it names its own. One part per
    clause, framed by what the question says before the first."""
    asking = _asking_clauses(q)
    own = [_names_own_topic(m.group(), known_places) for m in asking]
    # "缘聚五角场 16年实际办了几场 新增会员多少 17年目标呢": the measure named before the first asking
    # clause, which names none; the frame says it for every clause
    # ("…网格巡查和12345热线 各多少件": a clause that only asks is none of its own)
    framed = (bool(asking) and not own[0] and _names_own_topic(q[: asking[0].start()], known_places)
              and len(_ASK_FRAME.sub("", _ASKS.sub("", asking[0].group())).strip()) >= 2)
    if not asking or not (own[0] or framed):
        return []
    bare = [m for m, named in zip(asking, own, strict=True) if not named]
    if not bare or (all(_YEAR.search(m.group()) for m in bare) and not any(own[1:])):
        # each names its own measure (_clauses_asked_apart reads them), or each a year of its own
        # ("文化墙16年做了多少，17年计划多少": one part per year, read as such downstream) — unless
        # another measure is asked between them ("换届23年完成多少 应换尽换率多少 24年目标呢")
        return []
    first = asking[0].group()
    streets = find_streets(first, known_places)
    named = [x for x in STAGE_CUT.split(_without_places(_YEAR.sub("", first), streets)) if len(x) >= 2]
    if not named and not framed:
        return []
    # ("gdp和财政收入各到多少": the 各 and the verb before the ask are no part of the measures)
    measure = "" if framed else re.sub(r"(?:各自?|都)[到达是为有]?$", "", _EACH.sub("", named[0]).strip("和与及跟、 "))
    staged = re.search(f"(?:{_WORK_STAGE.pattern})$", measure)
    measure = measure[: staged.start()] if staged and staged.start() >= 2 else measure  # "加梯签约" → 加梯
    frame = " ".join([q[: asking[0].start()].rstrip(" 、，,；;"), "和".join(streets)])
    out, year = [], ""
    for m, named in zip(asking, own, strict=True):
        clause = m.group().strip()
        own_years = _YEAR.findall(clause)
        year = "和".join(own_years) if own_years else year  # "93年和94年GDP分别多少 增长多少": both years, each clause
        before = "" if year else _looked_back(frame, clause)
        body = _EACH.sub("", _without_places(_YEAR.sub("", clause), find_streets(clause, known_places))).strip("和与及跟、 ")
        stage = body
        if not named:
            # ("gdp和财政收入…年均增长多少": each of the measures joined is asked its stage)
            body = measure + ("各" if _joined_measures(measure, known_places) else "") + body
        # a clause naming nothing, under a framing measure, is labelled with it ("缘聚目标")
        label = body if named or not framed else _unplaced(_without_places(topic_of(normalize_question(frame), streets, []), streets),
                                                           find_streets(frame, known_places)) + body
        # (a clause naming its own year is of it, not of the frame's: "94年物价涨幅 … 95年目标定多少")
        asked = " ".join(f"{_frame_years_out(frame) if own_years else frame} {year or before} {body}".split())
        # "gdp和财政收入2000年各到多少 年均增长多少": each stage of each measure joined, labelled
        # with its stage after the first
        joined = [(t + ("" if named else _ASKS.sub("", stage)), a) for t, a in _measures_joined(asked, known_places)]
        out += joined or [(label, asked)]
    return out


def _frame_years_out(frame: str) -> str:
    """``frame`` without the years it says, the report it names kept ("95年报告")."""
    return _YEAR.sub(lambda m: m.group() if _REPORT_SAID.match(frame, m.start()) else "", frame)


def _looked_back(frame: str, clause: str) -> str:
    """"95年报告 物价原定目标多少 实际涨幅多少 今年目标多少": what was set or done before, asked of
    a report with no year of its own, is of the year the report looks back on ("1994年"); ""
    otherwise."""
    report = _REPORT_SAID.search(frame)
    if not report or not _PAST_STAGE.search(clause) or _WHEN_SAID.search(clause):
        return ""
    year = int(re.match(r"\d+", report.group()).group())
    return f"{(expand_year(year) if year < 100 else year) - 1}年"  # (typed "95年报告")


def _unplaced(topic: str, streets: Sequence[str]) -> str:
    """``topic`` without a place it opens with ("长寿路业委会换届" → "业委会换届"); a place inside a
    name ("缘聚五角场") is the name's."""
    for alias in sorted((a for s in streets for a in street_aliases(s)), key=len, reverse=True):
        if topic.startswith(alias) and len(topic) - len(alias) >= 2:
            return topic[len(alias):]
    return topic


# "…设施改造的数量，厢房、投放点…各多少": what the frame says it asks for is no part of each measure
_FRAME_TAIL = re.compile(r"的(?:数量|数字|数据|情况)$")


# "…各多少 智联平台处置的案件也列下": what is asked to be told too
_ALSO_ASKED = re.compile(r"(?:也|还)(?:要)?(?:列|说|给|报|讲)(?:一)?下")


# a clause asking what was set or done before ("原定的控制目标多少", "实际涨幅多少")
_PAST_STAGE = re.compile(r"原定|原计划|实际")
# what opens a segment that asks a stage or year of a measure, and names none
_STAGE_OPENS = re.compile(r"原定|原计划|实际|目标|今年|去年|明年")


def _run_of_measures(q: str, known_places: Sequence[str]) -> list[tuple[str, str]]:
    """The longest run of two or more segments that each name a measure (separated by spaces,
    、 or commas), asked of together ("各多少") or compared; the rest of the question frames each."""
    best: list[re.Match[str]] = []
    run: list[re.Match[str]] = []
    for m in _SEGMENT.finditer(q):
        end = _LIST_END.search(m.group())
        head = _POINTS_BACK.sub("", m.group()[: end.start()] if end else m.group())
        measure = _topic_like(head, known_places) or bool(_joined_measures(head, known_places))  # "…和外汇储备"
        measure = measure and not _STAGE_OPENS.match(head)  # ("物价 原定的控制目标多少": a stage of the measure before)
        if measure and (not run or not _LIST_END.search(run[-1].group())):
            run.append(m)
        else:
            run = []
        if len(run) > len(best):
            best = list(run)
    if len(best) < 2:
        return []
    first, last = best[0], best[-1]
    tail_end = _LIST_END.search(last.group())
    before, after = q[: first.start()], q[last.end():]
    if tail_end:
        after = last.group()[tail_end.start():].removeprefix("各").removeprefix("分别").removeprefix("都") + after
    elif not (_COMPARE_CUE.search(before + after) or before.rstrip().endswith(("：", ":"))
              # "94年主要数据列一下 gdp 粮食 外贸": the figures asked for, then which (a frame with a
              # topic of its own, "招商引资几个数汇总一下 新落地企业 区税", lists that topic's figures)
              or (FIGURES_ASKED.search(before) and not after.strip() and not _frame_topic(before, known_places))
              or (len(best) >= KEYWORD_RUN and _YEAR.search(before) and not after.strip() and not ASKS.search(q)
                  and not (FIGURES_ASKED.search(q) or LIST_INTENT.search(q) or OUTLINE_INTENT.search(q))
                  and all(_names_thing(m.group()) for m in best))):
        # measures named, nothing asked of them ("回顾01年：GDP 工业利润…" asks each after its colon);
        # three or more typed as keywords after the year they are of, ending the question and
        # nothing else asked ("94年报告 93年 GDP 粮食 钢 棉花"), ask for each one's figure
        return []
    topics = [m.group() if m is not last or not tail_end else m.group()[: tail_end.start()] for m in best]
    topics = [_HEAD_TAIL.sub("", _POINTS_BACK.sub("", t)) for t in topics]  # "新落地企业 区税这些", "钢的指标"
    # ("在安全生产、特种设备和消防方面": the preposition opens the run, it names no measure)
    # (not 在建项目, 在岗职工 — nor 就 or 对, which open 就业率 and 对外贸易)
    topics[:1] = [re.sub(r"^在(?![建岗职校读编押线册])(?=[\u4e00-\u9fff]{2})", "", t) for t in topics[:1]]
    # "…、进出口和外汇储备分别多少": the last two joined by 和 are two measures
    topics = [x for t in topics for x in (_joined_measures(t, known_places) or [t]) if x]
    # "网格巡查呢 发现和结案各多少": stages of the work named after a measure are its stages, the
    # measure a frame of its own
    if len(topics) >= 3 and all(_WORK_STAGE.fullmatch(t) for t in topics[1:]) and not _WORK_STAGE.fullmatch(topics[0]):
        topics = [_ASKED_LIKE_THE_REST.sub("", topics[0]) + t for t in topics[1:]]
    # "城镇居民 农民收入": people named alone share the head the others end with (城镇居民收入)
    heads = {next((h for h in _SHARED_HEAD if t.endswith(h) and len(t) > len(h)), "") for t in topics if not _PEOPLE.search(t)}
    if len(heads) == 1 and "" not in heads:
        topics = [t + next(iter(heads)) if _PEOPLE.search(t) else t for t in topics]
    # "城镇 农村新建住房": the people named alone share the measure the other says after its people
    told = next((t[m.end():] for t in topics if (m := _PEOPLE_FIRST.match(t)) and len(t) - m.end() >= 2), "")
    topics = [t + told if told and _PEOPLE_FIRST.fullmatch(t) else t for t in topics]
    # each measure's part asks for its one figure — of its change, where the change is asked ("这些各增长多少")
    after = FIGURES_ASKED.sub("多少", _POINTS_BACK_ASK.sub(_own_ask, after))
    # "…安全生产检查、电梯检查各多少 火灾降了多少": a further clause asking of its own topic is
    # a part of its own, not part of each measure's question
    pieces = [x for x in re.split(r"[\s，,；;]+", after.strip()) if x]
    further = " ".join(pieces[1:]) if len(pieces) >= 2 and _ASKS.search(pieces[0]) is not None else ""
    again = ""
    if further and (_ASKS.search(further) or _ALSO_ASKED.search(further)) and _names_own_topic(further, known_places):
        after = pieces[0]
    elif further and len(pieces) == 2 and _CHANGE_SAID.search(further) and not _CHANGE_SAID.search(pieces[0]):
        # "84年城镇居民 农民收入各多少 涨了多少": a second ask of each measure, its change — a part each
        after, again, further = pieces[0], further, ""
    else:
        further = ""
    ask = "" if re.search(r"多少|几", after) else "多少"
    changed = _CHANGE_NAMED.get(said := _CHANGE_SAID.search(again).group(), said) if again else ""
    # "五角场修缮居委会办公室、建区级妇女之家示范点，…": the place typed with the first measure is
    # every measure's; it frames each part and names none
    places = [] if find_streets(before, known_places) else find_streets("".join(topics), known_places)
    topics = [_without_places(t, places) for t in topics]
    frame = _FRAME_TAIL.sub("", "和".join(places) + before.rstrip(' ：:，,'))
    # "81年计划主要指标 粮食 棉花…各多少": the frame's name for the list asks no figures list of each
    # part; a frame with a topic of its own ("招商引资几个主要数字 新落地企业 区税这些") asks each
    # measure's figures within that topic
    if not _frame_topic(frame, known_places):
        frame = FIGURES_ASKED.sub("", frame)
    examples = EXAMPLES_ASKED.search(q)
    if examples:
        # "…改了多少 厢房 投放点 中转站啥的 分别几个": examples of what is asked, not each a part —
        # one question, in the frame's place, year or report: the figures where the first example
        # is written (the frame's own words are said loosely: "硬件改了", "基建")
        tail = q[examples.end():].strip(" ：:，,")
        asks = "" if re.search(r"多少|几", tail) else "多少"
        return [("", f"{scope_of(frame, list(known_places))}{topics[0]}{examples.group()}{asks}{tail}")]
    # "…各改造多少 两网融合服务点升级几个 容器增补多少": further clauses each asking of its own topic
    # are a part each
    rest = pieces[1:] if further else []
    apart = len(rest) >= 2 and all(_ASKS.search(x) and _names_own_topic(x, known_places) for x in rest)
    return [x for t in topics for x in [(t, f"{frame}{t}{ask}{after.lstrip(' ：:，,')}")]
            + ([(f"{t}{changed}", f"{frame}{t}{again}")] if again else [])] + (
        [(_ALSO_ASKED.sub("", x), f"{frame} {x}") for x in rest] if apart
        else [(_ALSO_ASKED.sub("", further), f"{frame} {further}")] if further else [])


def _frame_topic(frame: str, known_places: Sequence[str]) -> bool:
    """Does a frame that asks for figures name a topic of its own, besides the report, year and stage?"""
    return _names_own_topic(FIGURES_ASKED.sub("", frame), known_places)


_CHANGE_SAID = re.compile("|".join((*_CHANGE_WORDS, "涨", "降")))  # ... or typed by its one character
_CHANGE_NAMED = {"涨": "增长", "降": "下降"}  # ... as the reports write it


def _own_ask(pointed: re.Match[str]) -> str:
    """"这些各增长多少" → "增长多少": what each measure pointed back at is asked — its change, if said."""
    change = _CHANGE_SAID.search(pointed.group())
    return (change.group() if change else "") + "多少"


def _without_places(text: str, streets: Sequence[str]) -> str:
    for street in streets:
        for alias in sorted(street_aliases(street), key=len, reverse=True):
            text = text.replace(alias, "")
    return text


_CHANGE_TAIL_ASKED = re.compile(r"(?:(?:十[一二三四五]?|[六七八九])五(?:期间|时期)?)?(?:年均|平均每年|每年)?(?:实际)?(?:"
                                + "|".join(_CHANGE_WORDS) + r"|涨|降)(?:率|幅度)?$")


def _joined_measures(segment: str, known_places: Sequence[str]) -> list[str]:
    named = [x for x in LIST_JOIN.split(segment) if x]
    return named if len(named) >= 2 and all(_topic_like(x, known_places) for x in named) else []


def _measures_joined(q: str, known_places: Sequence[str]) -> list[tuple[str, str]]:
    """Two measures joined by 和 and asked together: typed first ("农民人均纯收入和城镇居民收入 84年
    94年分别多少", "五角场的健身苑点和文化围墙，2016年做了多少…") or just before "各多少"
    ("这三年国家财政收入和外汇储备各多少")."""
    end = _LIST_END.search(q)
    if not end and not YEARS_ASKED_APART.search(q):
        return []  # "党建和群团工作，2023年有几个亮点": one topic, asked once
    head, ask = (q[: end.start()], q[end.start():]) if end else (q, "")
    cut = re.search(r"[\s，,：:]", head.strip())
    if cut:
        first_seg, rest = head.strip()[: cut.start()], head.strip()[cut.end():]
        named = _joined_measures(first_seg, known_places)
        if rest and named:
            # "五角场的健身苑点和文化围墙，2016年做了多少、2017年…": the place stays with each
            place = "和".join(find_streets(first_seg, known_places))
            return [(t, f"{place if place and not find_streets(t, known_places) else ''}{t}{rest.strip()}{ask}")
                    for t in named]
    if not end:
        return []
    asking = _asking_clauses(q)
    if (len(asking) >= 2 and asking[0].start() <= end.start() < asking[0].end()
            and any(_names_own_topic(m.group(), known_places) for m in asking[1:])):
        return []  # "…城镇和农民收入各涨多少 低保覆盖人数…分别多少": clause by clause, each split again
    # "城镇居民生活费收入跟农民纯收入各多少": 跟 (or 与) joins two measures as 和 does where nothing
    # is compared ("跟16年比" sets a year beside)
    # ("种粮补贴和涉农贷款余额07年和12年分别多少": the years asked after the measures go with the ask)
    # (one year too — "金杨就业和救助20年各多少" — where nothing else is asked after: "gdp和财政收入2000年
    # 各到多少 年均增长多少" asks each stage of each, clause by clause)
    years_after = re.search(r"(?:(?:19|20)?\d{2}年(?:和|、|与|跟))" + ("*" if len(re.findall(r"多少|几", q)) == 1 else "+")
                            + r"(?:19|20)?\d{2}年$", head.rstrip())
    if years_after and years_after.start():
        head, ask = head[: years_after.start()], years_after.group() + ask
    joiner = "和" if "和" in head or re.search(r"比|对比", ask) else next((j for j in ("跟", "与") if j in head), "和")
    left, joined, right = head.rstrip().rpartition(joiner)  # ("缝纫机和手表 各比80年多多少": typed apart from its ask)
    # "…和城镇人均可支配收入九五期间年均实际增长分别多少": the change asked after the second is
    # asked of both
    changed = _CHANGE_TAIL_ASKED.search(right) if joined and not _topic_like(right, known_places) else None
    if changed and _topic_like(right[: changed.start()], known_places):
        right, ask = right[: changed.start()], changed.group() + ask
    if joined and _topic_like(right, known_places):
        # "85年报告里轻工业和重工业产值…": the report named frames the measures, it is none of them
        m = re.search(r"[\u4e00-\u9fffA-Za-z]{2," + str(MEASURE_CHARS) + "}$", re.split(r"年[底末初]?|报告里|[\s、，,：:]", left)[-1])
        if m and _topic_like(m.group(), known_places):
            prefix = left[: len(left) - len(m.group())]
            if re.search(r"多少|几", prefix):
                return []  # "…接入设备多少 政务微信和市民热线…各多少": clause by clause, each split again
            first = m.group()
            # "金杨政务微信和市民热线…各多少": the place typed with the first measure frames both
            glued = find_streets(first, known_places)
            bare = _without_places(first, glued) if glued and not find_streets(prefix, known_places) else ""
            if len(bare) >= 2 and first.endswith(bare):
                prefix, first = prefix + first[: -len(bare)], bare
            # "政务微信和市民热线工单结案率": the head the second ends with is the first's too
            tags = tagged(right)
            # "轻工业和重工业产值增长分别多少": the change the second ends with is the first's too
            change = tags[-1][0] if len(tags) >= 3 and tags[-1][0] in _CHANGE_WORDS else ""
            tags = tags[:-1] if change else tags
            # "城镇和农民收入": "农民收入", read as one word, still ends with the head it shares with a
            # first that is only a modifier (two characters, no name of a measure: "GDP和财政收入" shares none)
            shared = tags[-1][0] if len(tags) >= 2 else next(
                (h for h in sorted(_SHARED_HEAD, key=len, reverse=True) if right.endswith(h) and len(right) > len(h)
                 and len(first) <= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", first)), "")
            people = _PEOPLE_FIRST.match(right)
            if _PEOPLE_FIRST.fullmatch(first) and people:
                first += right[people.end():]  # "城镇和农村人均住房面积": the people's shared measure
            elif shared and (shared in _SHARED_HEAD or re.search(r"[率量额]$", shared)) and not first.endswith(shared):
                first += shared + change
            own_ask = re.sub(r"^(?:各自|各|分别|都)(?=[\u4e00-\u9fff]{0,3}(?:多少|几))", "", ask)  # each part asks its own figure
            return [(t, f"{prefix}{t}{own_ask}") for t in (first, right)]
    return []


_EACH_ITEM = re.compile(r"各|每|分别|(?:多少|几)个?[项条]")
_RELATIVE_YEAR = re.compile(r"去年|今年|明年|上年|前年")
_ASK_BREAK = re.compile(r"[？?；;]\s*|[，,\s]\s*(?=[^，,？?\s]{0,8}(?:多少|几))")


def list_then_figure(question: str, known_places: Sequence[str] = ()) -> tuple[str, str] | None:
    """"长寿路街道去年助残帮困都搞了哪些帮困项目？一共发了多少钱": a list asked, then a figure —
    (the list's clause, the figure's clause framed by the place and year the list's names), or
    None. Only when the first clause asks for items and nothing else, and what follows asks a
    figure and no items."""
    cut = _ASK_BREAK.search(question)
    if cut is None:
        return None
    first, rest = question[: cut.start()].strip(), question[cut.end():].strip()
    asks_items = bool(LIST_INTENT.search(first) or OUTLINE_INTENT.search(first))
    if not first or not asks_items or NUMBER_INTENT.search(first.replace("哪几", "")):
        return None
    if not NUMBER_INTENT.search(rest) or LIST_INTENT.search(rest) or OUTLINE_INTENT.search(rest):
        return None
    if _EACH_ITEM.search(rest):
        return None  # "一共多少项" counts the list's items; "各投了多少钱" asks one figure per item
    # the list's place, and its year where the figure's clause names none
    years = [] if question_years(normalize_question(rest)) or _RELATIVE_YEAR.search(rest) else (
        _RELATIVE_YEAR.findall(first) or [f"{y}年" for y in question_years(normalize_question(first))])
    # "…小区改造20年做了哪些 21年计划又是多少": a figure asked of no topic of its own is the list's topic's
    topic = "" if _names_own_topic(rest, known_places) else topic_of(
        normalize_question(_YEAR.sub("", first)), find_streets(first, known_places), [])
    return first, "".join([*find_streets(first, known_places), *years]) + (_YEAR.sub(lambda m: m.group() + topic, rest, count=1)
                                                                             if topic and _YEAR.search(rest) else topic + rest)


# "…实际完成多少？1999年的增长预期…又是多少？", "…怎么说的，另外94年粮食产量跟93年比咋样": the
# question ends ("？", "。", "；"), or the next opens with 另外/此外/还有
_ALSO_WORDS = r"另外|此外|还有(?!没有)|再有|再就是"  # what opens the next question ("还有没有" asks yes or no)
_QUESTION_END = re.compile(rf"(?<=[？?！!。；;])\s*|[，,\s]\s*(?={_ALSO_WORDS})")
_ALSO = re.compile(rf"^(?:{_ALSO_WORDS})[，,\s]*")
_ALSO_ASKS = re.compile(r"咋|比一比|比比|对比|比较")  # "跟93年比咋样"
MAX_QUESTIONS = 4  # questions typed in one message that are answered one by one


def asked_apart(question: str, known_places: Sequence[str] = ()) -> list[str]:
    """The questions one message asks one after another, each ending where the next begins —
    or [] when it asks one. Each names what it asks of ("…实际完成多少？1999年的增长预期和中央
    财政赤字又是多少？"); the year, place or report it leaves unsaid is the one before it. A
    question that names nothing of its own ("24年目标是多少", "原因有哪些", "另外还讲了哪些内容")
    leans on the one before it and is read with it, as one. All are returned; the caller answers
    the first ``MAX_QUESTIONS`` and says which it left."""
    pieces = [_ALSO.sub("", p.strip()) for p in _QUESTION_END.split(question.strip()) if p and p.strip(" ，,？?。；;")]
    if len(pieces) < 2 or not all(ASKS.search(p) or _ALSO_ASKS.search(p) for p in pieces):
        return []
    joined: list[str] = []
    leaning = ""  # questions before the first that names something: read with it
    for p in pieces:
        if not _names_own_topic(p, known_places):
            if joined:
                joined[-1] += p
            else:
                leaning += p
            continue
        joined.append(leaning + p)
        leaning = ""
    streets = {s for p in joined for s in find_streets(p, known_places)}
    if len(joined) < 2 or len(streets) >= 2:  # several streets: one table, as street_parts reads it
        return []
    return joined


# "实际建成几个", "开工多少": a stage of the work, asked of the measure the clause before names
# (the stages of a process; 拆违, 新增 or 调解 name work of their own)
_WORK_STAGE = re.compile("投产|" + "|".join(sorted({w for stage in ("签约", "开工", "完工", "立项", "受理", "办结", "发现")
                                                   for w in STAGES[stage]}, key=len, reverse=True)))
# what a question may ask of the topic before it without naming one ("成效怎么样", "原因有哪些")
_NOT_OWN_TOPIC = re.compile(_ASK_ONLY.pattern + r"|内容|原因|情况|成效|效果|进展|结果|亮点|问题|困难|怎么|说|讲|一共|总共"
                            r"|增加|减少|增长|上涨|下降|下跌|变化|哪些|什么|啥|咋|样|比|年均|平均|每年|同比"
                            r"|" + _WORK_STAGE.pattern)


def _names_own_topic(piece: str, known_places: Sequence[str]) -> bool:
    """Does ``piece`` name a topic of its own, besides what it asks of it (目标, 原因, 多少…)?"""
    q = normalize_question(piece)
    return len(_NOT_OWN_TOPIC.sub("", topic_of(q, find_streets(q, known_places), []))) >= 2


# "12年实际完成的GDP增速 CPI 新增就业 跟13年定的目标对比一下", "94年年初定的GDP增速和物价目标
# 最后实际完成得咋样 差多少": a target and the result set side by side, each stage said once
_TARGET_SAID = re.compile(r"原定|原计划|年初定|定的目标|定下的|预期目标|预期|目标|计划|控制[在到]")
_ACTUAL_SAID = re.compile(r"实际|最后完成|最终完成|完成得|完成情况|实现得")
_SET_SIDE_BY_SIDE = re.compile(r"比|咋样|怎么样|如何|差多少|差了?多少|差距|差在|(?:完成|实现|达到)了?(?:没|吗)|达标")
_STAGE_SEGMENT = re.compile(r"[^\s，,；;：:]+")
_REPORT_SAID = re.compile(r"(?:19|20)?\d{2}年(?:的|那个|那份|这份)?(?:政府工作)?报告里?")
_WHEN_SAID = re.compile(r"(?:19|20)?\d{2}年|去年|今年|明年|上年|当年")
# what is said of a stage or of the comparison, not of the measure
_STAGE_TALK = re.compile(r"(?:完成|实现|达到|达标)了?(?:没有?|吗|与否)|原定|原计划|年初|定的|定下的|确定的|提出的|预期|目标|计划|实际|最后|最终|完成得?|情况|实现得?"
                         r"|(?:跟|和|与|同)?(?:对比|比较|比一比|比比看|比一下|比下|相比)(?:一下|下)?|[跟和与同](?=$)|比$"
                         r"|咋样|怎么样|如何|差了?多少|差距|(?:多少|几)(?:" + "|".join(MULTI_CHAR_UNITS) + "|[" + "".join(MEASURE_WORDS) + r"])?"
                         r"|定(?=多少|了|为|是)|是|了|的|得|呢|一下|主要|[这那几][个项些]")
_CONNECTOR = re.compile(r"^[跟和与同比]?$")
_BOTH_STAGES = re.compile(r"((?:年初)?(?:定的)?(?:目标|计划|原定|预期))(?:和|跟|与|同|及|vs)((?:实际|最后|最终)(?:完成)?)")
# "94年物价目标完成没": whether a target was met asks the result beside it
_MET_ASKED = re.compile(r"((?:目标|计划|指标)[^\s，,；;：:]{0,4}?)((?:最后|最终)?(?:完成|实现|达到|达标)了?(?:没有?|吗|与否))")


def stages_compared(question: str, known_places: Sequence[str] = ()) -> list[tuple[str, str]]:
    """("目标" | "实际", question) for a question that sets a target beside what was achieved and
    says each stage once — each stage its own question, in the year said with it ("13年定的目标")
    or the question's year, asking the same measures; [] otherwise. Three stages and more, or a
    stage asked in its own clause ("…原定控制多少 实际涨多少 95年目标定多少"), are read clause by
    clause (``_stages_asked_apart``)."""
    # "年初目标和实际比一比": the two stages said in one breath are said each in turn
    q = _BOTH_STAGES.sub(r"\1 \2", question.strip().rstrip("？?。"))
    if not _ACTUAL_SAID.search(_MET_ASKED.sub("", q)):
        q = _MET_ASKED.sub(r"\1 实际\2", q)
    segments = list(_STAGE_SEGMENT.finditer(q))
    said = {"目标": [i for i, m in enumerate(segments) if _TARGET_SAID.search(m.group())],
            "实际": [i for i, m in enumerate(segments) if _ACTUAL_SAID.search(m.group()) and not _TARGET_SAID.search(m.group())]}
    streets = find_streets(q, known_places)
    if len(said["目标"]) != 1 or len(said["实际"]) != 1 or len(streets) >= 2:
        return []  # several streets: each street's part sets its own stage (``street_parts``)
    stage_at = {at[0] for at in said.values()}
    if any(re.search(r"多少|几", m.group()) and not _SET_SIDE_BY_SIDE.search(m.group())
           for i, m in enumerate(segments) if i > min(stage_at) and i not in stage_at):
        return []  # a further figure asked after them ("…实际涨了多少 95年要控制到多少"): clause by clause
    # set side by side ("…比咋样"), or each stage asked its figure ("…实际多少，今年目标定多少")
    asked = all(re.search(r"多少|几", segments[at[0]].group()) for at in said.values())
    if not (asked or _SET_SIDE_BY_SIDE.search(_REPORT_SAID.sub("", q))):
        return []
    report = _REPORT_SAID.search(q)
    rest = _REPORT_SAID.sub(" ", q) if report else q
    measures = " ".join(x for x in (_STAGE_TALK.sub("", _WHEN_SAID.sub("", _without_places(m.group(), find_streets(m.group(), known_places))))
                                    for m in _STAGE_SEGMENT.finditer(rest)) if not _CONNECTOR.match(x))
    if len(measures.replace(" ", "")) < 2:
        return []
    years = [m.group() for m in _WHEN_SAID.finditer(rest)]
    order = sorted(said, key=lambda s: said[s][0])
    out, start = [], 0
    for stage in order:
        at = said[stage][0]
        span = " ".join(m.group() for m in segments[start: at + 1])
        own = [m.group() for m in _WHEN_SAID.finditer(_REPORT_SAID.sub(" ", span))]
        year = own[-1] if own else (years[0] if len(set(years)) == 1 else "")
        start = at + 1
        ask = "实际多少" if stage == "实际" else "目标定的多少"
        frame = " ".join([report.group() if report else "", "和".join(streets), year])
        out.append((stage, " ".join(f"{frame} {measures}{ask}".split())))
    return out
