"""Rule-based rewriting of follow-up questions into standalone ones.

"那2024年呢？" after "长寿路2023年加梯完成多少台" becomes "长寿路2024年加梯完成多少台";
"五角场呢？" swaps the street; "开工多少台？" inherits the street and year.
"""

from __future__ import annotations

import re

from core import gazetteer
from core.lexicon import (
    ASK_BEFORE_NOUN,
    BASE_BEFORE,
    BASE_WORDS,
    CHANGE_VERBS,
    DOC_NAME_WORDS,
    DONE_WORDS,
    EVERY_REPORT,
    ITEM_REFERENCE,
    LIST_INTENT,
    LIST_JOIN,
    NUMBER_INTENT,
    OUTLINE_INTENT,
    PART_NOISE,
    PART_REFERENCE,
    PART_REST,
    RANK_INTENT,
    STAGES,
)
from core.understand import topic_of

STAGE_WORDS = tuple(w for words in STAGES.values() for w in words)

_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?")
_ANY_YEAR = re.compile(r"(?:19|20)?\d{2}\s*年")
# "99到01年", "98 99 2000年", "93年和94年": the years a question asks of, two or more, as typed
_YEARS_RUN = re.compile(r"(?:(?:19|20)?\d{2}\s*年?\s*(?:到|至|和|与|及|、|，|,|-|—|~|～|\s)\s*)+(?:19|20)?\d{2}\s*年")
# "16年做了多少 17年计划多少": a year's own clause asking its figure
_YEAR_CLAUSE = re.compile(r"(?:19|20)?\d{2}年[^\s，,；;。？?]{0,10}?(?:多少|几)(?:(?!(?:19|20)?\d{2}年)[^\s，,；;。？?])*")
# "跟20年实际改的比比看": the same asked of another year (or street), set beside the one asked before
# the words that set two things side by side ("对比一下"), and how their result is asked after them
_COMPARE_ASK = r"(?:比一比|比比看?|比一下|比下|对比一下|对比下|对比|比较一下|比较|相比)"
_COMPARE_TAIL = r"(?:咋样|怎么样|如何|呢)?"
_COMPARE_WITH = re.compile(r"^(?:跟|和|与|同)(?P<other>.+?)(?:" + _COMPARE_ASK + r"|比)(?:看看|一下)?" + _COMPARE_TAIL + "$")
# what the other side says besides its year or street: a stage or a verb of the work, no measure
_COMPARE_TALK = re.compile(r"(?:实际|计划|目标|原定|最后|当年|完成|做|改|干|搞|建|办|情况|的|了|得)*")
# "17年计划呢 ", "17年目标定的多少 ": a year said with a stage and an ask only, before what it is
# compared with
_LEAD_SCOPE = re.compile(r"(?:19|20)\d{2}\s*年(?:实际|计划|目标|原定|定的?|的|是|为|多少|几)*呢?[\s，,]*(?=跟|和|与|同)")
# "去年实际完成多少" after "13年…": the year before the one asked before (not "比去年", a comparison)
_RELATIVE_YEAR = re.compile(r"(?<![比较同])(?:去年|上一年|前年|明年|下一年)(?!同期)")
_RELATIVE_SHIFT = {"去年": -1, "上一年": -1, "前年": -2, "明年": 1, "下一年": 1}
_CHAIN = 4  # questions before a follow-up that may frame it, the one just before included
_FILLER = re.compile(r"^(?:那么?|那|还有|另外|再问一下|请问)|(?:呢|的呢|怎么样|如何|情况)?[？?。！!]*$")


def _street_spans(text: str, known: list[str]) -> list[tuple[int, int, str]]:
    spans = []
    for street in gazetteer.find_streets(text, known):
        for alias in gazetteer.street_aliases(street):
            pos = text.find(alias)
            if pos >= 0:
                spans.append((pos, pos + len(alias), street))
                break
    return spans


def scope_of(question: str, known: list[str], street: bool = True, year: bool = True, doc: bool = True) -> str:
    """The street, year and document a question names ("长寿路24年", "99年政府工作报告"); a street
    or year the user has chosen as a filter is left out (``street``/``year`` False)."""
    spans = _street_spans(question, known) if street else []
    named = _ANY_YEAR.search(question) if year else None
    document = DOC_NAME_WORDS.search(question) if doc else None
    return ((question[spans[0][0]:spans[0][1]] if spans else "") + (named.group().replace(" ", "") if named else "")
            + (document.group() if document else "") + (_figures_year(question) if year and doc else ""))


def _figures_year(question: str) -> str:
    """"2002年报告里2001年gdp多少": the year before its own whose figures the report named by its
    year looks back on, as typed; "" where no report is named or no such year follows it (a later
    year is one the report plans for: "2001年报告里2005年…")."""
    report = _REPORT_NAMED.search(question)
    later = _YEAR.search(question, report.end()) if report else None
    if not report or not later:
        return ""
    looked_back = int(later.group().strip().rstrip("年")) < int(report.group()[:4])
    return later.group().replace(" ", "") if looked_back else ""


# what a follow-up asks of its own, if anything ("那稳健的货币政策呢" asks nothing)
_OWN_ASK = re.compile(r"多少|几|哪|什么|啥|怎么|怎样|如何|咋|吗|是否|有没有|列|说说|讲讲")


def _named_alone(question: str, core: str) -> bool:
    """Does the follow-up name a topic and nothing else ("那稳健的货币政策呢", "那财政赤字和M2呢"):
    no ask or year of its own, opened with 那 or closed with 呢?"""
    asked = question.strip()
    return (not _OWN_ASK.search(core) and len(core) >= 2 and not _ANY_YEAR.search(core)
            and (asked.startswith("那") or bool(re.search(r"呢[？?。]*$", asked))))


def _same_list_of(question: str, core: str, prev: str) -> str:
    """"那稳健的货币政策呢" after "13年报告 积极的财政政策今年有几条措施": a topic named alone, after
    a list was asked, asks the same list of it — the list ask of ``prev`` ("有几条措施"), or "" when
    this is no such follow-up. Outline asks are left to the part references that read them."""
    ask = LIST_INTENT.search(prev)
    if not ask or OUTLINE_INTENT.search(prev) or not _named_alone(question, core):
        return ""
    start = re.search(r"(?:都|还|主要|具体)?(?:有|是|包括)?$", prev[: ask.start()])
    return prev[start.start() if start else ask.start():]


def _same_figures_of(question: str, core: str, prev: str) -> str:
    """"那财政赤字和M2呢" after "13年主要预期目标几个指标分别多少": measures named alone, after
    figures were asked, ask the same of them — each its figure ("分别多少" for several, "多少" for
    one), or "" when this is no such follow-up."""
    if not NUMBER_INTENT.search(prev) or LIST_INTENT.search(prev) or OUTLINE_INTENT.search(prev) or not _named_alone(question, core):
        return ""
    return "分别多少" if len([x for x in LIST_JOIN.split(core) if x]) >= 2 else "多少"


# "74年比64年" (or "74年跟64年比"): two years the question before sets against each other
_YEAR_BEFORE_YEAR = r"(?:19|20)\d{2}年比(?:19|20)\d{2}年"
_YEAR_AGAINST_YEAR = re.compile(r"(?:19|20)\d{2}年(?:跟|和|与)?(?:19|20)\d{2}年比|" + _YEAR_BEFORE_YEAR)
# ... or a year against the one before it ("比上年")
_YEARS_SET_APART = re.compile(_YEAR_BEFORE_YEAR + r"|比上年|比去年|比上一年")
_PLAN_PERIOD = re.compile(r"(?:十[一二三四五]?|[六七八九])五(?:期间|时期|计划)?")
_REPORT_NAMED = re.compile(r"(?:19|20)\d{2}年(?:的|那个|那份|这份)?(?:政府工作)?报告")
_CHANGE_TAIL = re.compile(r"(?:增长|增加|减少|下降|上升|提高|变化)+$")


def _topic_swapped(prev: str, core: str, known: list[str]) -> str:
    """"那农业呢" after "75年报告 74年比64年主要工业产品产量各增长多少": the question before with its
    topic swapped for the one named, so the years it set against each other stay; "" where the
    question before sets no years apart or its topic is not written there as one stretch."""
    if not _YEARS_SET_APART.search(prev):
        return ""
    topic = _CHANGE_TAIL.sub("", topic_of(prev, gazetteer.find_streets(prev, known), []))
    topic = re.split(r"[^\u4e00-\u9fffA-Za-z]", topic)[0]
    if len(topic) < 2 or topic not in prev:
        return ""
    return prev.replace(topic, core, 1)  # ``core``: the follow-up without its 那 and 呢


def _same_years_of(prev: str, known: list[str], inherit_street: bool, inherit_year: bool, core: str, listed: str,
                   figures: bool) -> str:
    """The question a topic named alone asks after ``prev``: the same ask of it in the same
    street, document and years — where ``figures`` were asked, each year's own clause again when
    ``prev`` asked one per year ("…16年做了多少 17年计划多少" → "五角场健身苑点 16年做了多少 17年计划多少")
    or all the years it ran over ("99到01年财政收入分别多少" → "99到01年外汇储备分别多少"); else its one year."""
    if figures and inherit_year:
        clauses = _YEAR_CLAUSE.findall(prev)
        if len(clauses) >= 2:
            rest = re.sub("|".join(map(re.escape, clauses)), " ", prev)
            return scope_of(rest, known, inherit_street, year=False) + core + " " + " ".join(clauses)
        run = _YEARS_RUN.search(prev)
        if run:
            rest = prev[:run.start()] + " " + prev[run.end():]
            return scope_of(rest, known, inherit_street) + run.group().strip() + core + "分别多少"
    return scope_of(prev, known, inherit_street, inherit_year) + core + listed


# what a follow-up that names a new street or year may say besides: a stage, the words of asking,
# and a pointer back at the question before
# ("对比一下" alone points back too: nothing else is named to compare with)
_POINTED_BACK = re.compile(r"(?:这个|那个|它|这|那)(?:" + _COMPARE_ASK + r"|比)|" + _COMPARE_ASK)
_SCOPE_TALK = re.compile(r"(?:实际|计划|目标|做到|完成|做|干|了|的|得|多少|几|咋样|怎么样|情况|呢|吗|\s|(?:跟|和|与|同)?(?:"
                         + _POINTED_BACK.pattern + "))+")
_STAGE_SAID = {"实际": re.compile(r"目标|计划"), "目标": re.compile(r"实际"), "计划": re.compile(r"实际")}


def _stage_swapped(prev: str, said: str) -> str:
    """``prev`` asking the stage ``said`` names instead of its own ("…的工作目标几个率" → "…的工作实际
    几个率" when the follow-up asks 实际), or as it is when ``said`` names none or the same."""
    for stage, other in _STAGE_SAID.items():
        if stage in said and not other.search(said):
            return other.sub(stage, prev, count=1) if stage not in prev else prev
    return prev


def _compared_with(prev: str, core: str, new_years: list[str], new_streets: list[tuple[int, int, str]],
                   known: list[str]) -> str:
    """"跟20年实际改的比比看" after "金杨21年实事项目…分别几个居民区": the question before, asked of
    both years ("金杨2020年和2021年实事项目…"), so each figure stands beside the other's; a street
    named the same way adds the street. "17年计划呢 跟16年比" after "五角场16年…" says both years,
    one of them the question's own. "" when this is no such follow-up, or the year before names
    a report ("13年报告…"), not the year of its figures."""
    lead = _LEAD_SCOPE.match(core)
    if lead and lead.end() < len(core):
        # "17年计划呢 跟16年比": a year said with its stage, then the comparison; the year the
        # question before already asks is no new one
        said = _YEAR.findall(lead.group())
        old = {y.strip().rstrip("年") for y in _YEAR.findall(prev)}
        core = core[lead.end():]
        new_years = [y for y in [*said, *_YEAR.findall(core)] if y.strip().rstrip("年") not in old]
    m = _COMPARE_WITH.match(core)
    if not m:
        return ""
    rest = _YEAR.sub("", m.group("other"))
    for name in (n for _, _, street in new_streets for n in gazetteer.street_aliases(street)):
        rest = rest.replace(name, "")
    if _COMPARE_TALK.fullmatch(rest.replace("街道", "")) is None:
        return ""
    return _of_both(prev, new_years, new_streets, known)


# "…跟万里那个目标比咋样", "…跟五角场比一下": the question before, named by its street, set beside
_SET_BESIDE_BEFORE = re.compile(r"[\s，,]*(?:跟|和|与|同)(?P<other>[^\s，,？?]{1,12}?)(?:那个|那边|的)?(?:目标|计划|实际)?"
                                r"(?:" + _COMPARE_ASK + r"|比)(?:一下|看看)?" + _COMPARE_TAIL + r"[？?]?$")


def _points_at_street_of(other: str, prev: str, known: list[str]) -> bool:
    """Does ``other`` name the street the question before asks of, and nothing more?"""
    before = _street_spans(prev, known)
    said = _street_spans(other, known)
    if len(before) != 1 or len(said) != 1 or said[0][2] != before[0][2]:
        return False
    rest = other[: said[0][0]] + other[said[0][1]:]
    return not re.sub(r"街道|那个|那边|的|目标|计划|实际", "", rest)


def _of_both(prev: str, new_years: list[str], new_streets: list[tuple[int, int, str]], known: list[str]) -> str:
    """``prev`` asked of its own year (or street) and of the one newly said, side by side; "" where
    that is not one year (or street) beside one, or its year names a report."""
    if bool(new_years) == bool(new_streets) or len(new_years) > 1 or len(new_streets) > 1:
        return ""
    if new_years:
        old = list(_YEAR.finditer(prev))
        year = new_years[0].strip().rstrip("年") + "年"
        if len(old) != 1 or re.match(r"\s*(?:的|那个|那份)?(?:政府工作)?报告", prev[old[0].end():]) or old[0].group().strip() == year:
            return ""
        pair = sorted([year, old[0].group().strip().rstrip("年") + "年"])
        return prev[:old[0].start()] + f"{pair[0]}和{pair[1]}" + prev[old[0].end():]
    old_s = _street_spans(prev, known)
    if len(old_s) != 1 or old_s[0][2] == new_streets[0][2]:
        return ""
    s, e, _ = old_s[0]
    return prev[:s] + gazetteer.short_street(new_streets[0][2]) + "和" + prev[s:e] + prev[e:]


# "这几项分别比上年增加多少": the measures the question before listed, pointed back at
_POINTED_AT = re.compile(r"^(?:这些|那些|这几[项样个种类]|那几[项样个种类]|上面(?:这些|几[项样个])|以上几[项样个]?)"
                         r"(?:指标|产品|数据|数字)?(?=[^\s，,]{0,8}(?:多少|几))")
# where the question before asks its figures ("…产量分别多少", "…各达到多少")
_FIGURES_ASK_END = re.compile(r"(?:各自|各|分别|都)?(?:是|为|有|达到|定的?|要求|完成|安排)?(?:多少|几)[^\s，,]*$")


# what a follow-up asking only the change of the measures before says besides ("九五期间年均实际增长分别多少")
_CHANGE_ONLY_REST = re.compile("|".join(CHANGE_VERBS) + r"|涨|降|[^\s，,]{0,4}(?:期间|时期)|年均|平均每年|每年|实际|比上年|比去年"
                               r"|比(?:19|20)\d{2}年|预计|多出|多|少|各自|各|分别|都|多少|几|是|为|了|呢|的|[\s，,]")


def _measures_pointed_at(prev: str, question: str) -> str:
    """"这几项分别比上年增加多少" after "80年报告里79年粮食 油料 肉类产量分别多少": the measures
    and scope of the question before, asked what the follow-up asks ("…粮食 油料 肉类产量分别比上年
    增加多少"); "" where this points at nothing or the question before asks no figures of its own."""
    asked_now = re.sub(r"[？?。！!]*$", "", question.strip())  # its 那 points too ("那些…")
    pointer = _POINTED_AT.match(asked_now)
    asked = _FIGURES_ASK_END.search(prev)
    if not asked or asked.start() == 0:
        return ""
    if pointer:
        return prev[: asked.start()] + asked_now[pointer.end():]
    # "那九五期间年均实际增长分别多少": each one's change asked, naming no measure — those before
    own = re.sub(r"^那么?", "", asked_now)
    # ("比07年各多了多少 每百户汽车呢": the first clause asks it; what follows is asked after it)
    first = m.group() if (m := re.match(r".*?(?:多少|几)", own)) else own
    if (re.search(r"各|分别", first) and re.search("|".join(CHANGE_VERBS) + r"|涨|降|比(?:19|20)\d{2}年", first)
            and not _CHANGE_ONLY_REST.sub("", first).strip()):
        # ("…手表产量 比80年预计各多出多少": measures typed apart stay apart from a base said after them)
        return prev[: asked.start()] + (" " if " " in prev and first.startswith("比") else "") + own
    return ""


# "实际呢" after "94年报告里今年gdp计划增长多少 零售物价涨幅控制在多少": a stage said alone
_STAGE_ALONE = re.compile(r"(?:实际|计划|目标)(?:情况|完成|做到|多少|是|的|了|得)*")
_TARGET_WORDS = re.compile(r"原定的?|原计划|年初定的?|定的目标|预期目标|计划|目标|控制在|定的")
# "94年报告里今年…": the year of the report's own plans, which its figures are the results of
_REPORT_THIS_YEAR = re.compile(r"((?:19|20)\d{2}年)(?:的|那个|那份|这份)?(?:政府工作)?报告里?(?:说的?)?今年")


def _stage_asked(prev: str, said: str) -> str:
    """``prev`` asked in the stage ``said`` names, in every clause: the results of targets ("实际",
    of the year itself, not of the report that set them), or the targets of results; ``prev`` as it
    is where it asks no other stage."""
    if said.startswith("实际") and _TARGET_WORDS.search(prev):
        return _TARGET_WORDS.sub("实际", _REPORT_THIS_YEAR.sub(r"\1", prev))
    stage = said[:2]
    if stage in ("计划", "目标") and "实际" in prev:
        return prev.replace("实际", stage)
    return prev


# "95年报告里呢", "95年报告里94年的呢": another report named alone, with the year its figures are of
_REPORT_ALONE = re.compile(r"^((?:19|20)\d{2})年(?:的|那个|那份|这份)?(?:政府工作)?报告(?:里|中|上)?(?:说的?|讲的?)?"
                           r"(?:((?:19|20)\d{2})年(?:的)?)?呢?")
# "95年报告里呢 具体金额和增幅": what is asked again of the same measures, their amounts and changes
_FIGURES_TALK = re.compile(r"(?:具体|的|金额|数额|数字|多少|和|及|跟|与|增幅|增长|涨幅|增速|幅度|各自|各|分别|是|为|呢|[\s，,])*")
_ASIDE = re.compile(r"^(?:顺便|顺带|另外|还有|再)(?:问一?下|说说)?[\s，,]*")
_AMOUNT_SAID = re.compile(r"金额|数额|数字|多少")
_CHANGE_SAID = re.compile(r"增幅|增长|涨幅|增速|幅度")
_CHANGE_ASK_END = re.compile(r"(?:各自|各|分别|都)?(?:" + "|".join(CHANGE_VERBS) + r")?" + _FIGURES_ASK_END.pattern)


def _report_swapped(prev: str, core: str) -> str:
    """The question before, asked of another report: "95年报告里呢" after "94年报告里 93年城镇新建住宅
    …各多少" asks the 1995 report of 1994, the year before it as 1993 was before 1994 — unless the
    follow-up names the figures' year itself."""
    said = _REPORT_ALONE.match(core.strip())
    named = _REPORT_NAMED.search(prev)
    tail = core.strip()[said.end():] if said else ""
    if not said or not named:
        return ""
    if not _FIGURES_TALK.fullmatch(tail):
        # "那2000年报告呢 顺便贫困人口减了多少": the question before of that report, and one more of its own
        more = _ASIDE.sub("", tail.strip(" ，,"))
        if not _OWN_ASK.search(more) or said.group(2):
            return ""
        return _report_swapped(prev, re.sub(r"呢$", "", core.strip()[: said.end()])) + "，" + more
    ask = _CHANGE_ASK_END.search(prev)
    if _AMOUNT_SAID.search(tail) and _CHANGE_SAID.search(tail) and ask and ask.start():
        # "具体金额和增幅" after "…各增长多少": each one's amount, and its change
        prev = prev[: ask.start()] + "各多少 各增长多少"
    old_report = int(named.group()[:4])
    shift = int(said.group(1)) - old_report
    figures = _figures_year(prev)
    out = prev[: named.start()] + str(old_report + shift) + prev[named.start() + 4:]
    if said.group(2) and figures:
        at = out.find(figures, named.end())
        return out[:at] + f"{said.group(2)}年" + out[at + len(figures):] if at >= 0 else out
    # every other year the question named moves with the report
    return out[: named.end()] + re.sub(r"(?:19|20)\d{2}(?=年)", lambda y: str(int(y.group()) + shift), out[named.end():])


# what a follow-up's clauses say besides a measure: stages, comparisons and changes
_NO_MEASURE = re.compile("|".join(CHANGE_VERBS) + r"|目标|计划|实际|原定|预期|完成|比|多|少|增|减|涨|降|差")
# where the measure of the question before ends: its first stage, verb of progress or ask
_MEASURE_END = re.compile(r"原定|原计划|实际|目标|计划|预期|预计|完成|达到|定(?=多少|了|的)|是(?=多少)|多少|几|有|[\s，,、]")


def _measure_carried(prev: str, core: str, new_years: list[str], new_streets: list[tuple[int, int, str]],
                     known: list[str]) -> str:
    """The question before's measure ("业委会换届"), asked in the follow-up's new year or street
    with its own clauses ("计划换多少家 目标多少") — or, where the follow-up sets a year beside as a
    base ("比93年少了多少"), in the year before's; "" where the follow-up names a measure of its own,
    or the question before names none before its asks."""
    based = not (new_years or new_streets) and re.search(BASE_WORDS + r"\s*(?:19|20)\d{2}", core) is not None
    if not (new_years or new_streets or based) or len(new_years) > 1 or len(new_streets) > 1:
        return ""
    if not based and re.search(r"(?:比|跟|和|与)\s*(?:19|20)\d{2}", core):
        return ""  # "跟93年比": a year set beside, where another is asked
    rest = _YEAR.sub(" ", core)
    for s, e, _ in sorted(new_streets, reverse=True):
        rest = rest[:s] + " " + rest[e:]
    rest = re.sub(r"街道|呢", " ", rest).strip(" ，,")
    if not _OWN_ASK.search(rest) or len(_NO_MEASURE.sub("", topic_of(rest, [], []))) >= 2:
        return ""
    spans = _street_spans(prev, known)
    body = prev
    for s, e, _ in sorted(spans, reverse=True):
        body = body[:s] + body[e:]
    report = _REPORT_NAMED.search(body)
    body = _YEAR.sub("", body[: report.start()] + body[report.end():] if report else body).strip("里中 ，,")
    measure = body[: m.start()] if (m := _MEASURE_END.search(body)) else body
    if len(measure) < 2:
        return ""
    street = (gazetteer.short_street(new_streets[0][2]) if new_streets
              else prev[spans[0][0]:spans[0][1]] if spans else "")
    if based:
        # "比93年少了多少 今年目标定的多少" after "95年报告里94年粮食产量多少": the year the figures
        # before are of, the base kept as said
        year = _figures_year(prev) if report else "".join(_YEAR.findall(prev)[:1])
        return f"{street}{report.group() + '里' if report else ''}{year}{measure} {core}"
    year = new_years[0].strip().rstrip("年") + "年" if new_years else "".join(_YEAR.findall(prev)[:1])
    return f"{street}{report.group() if report else ''}{year}{measure} {rest}"


# a clause closed by its ask ("…多少", "…几个", "…咋样"), before what follows it
_CLAUSE_ASKED = re.compile(r"(?:(?:多少|几)[\u4e00-\u9fff]?|呢|咋样|怎么样|如何)[\s，,；;]*$")


def _year_of_later_clause(core: str) -> str:
    """The year a follow-up names first, where it opens a clause after one that asks without a
    year of its own ("应换尽换率多少 24年要到多少"); "" otherwise."""
    first = _YEAR.search(core)
    return first.group() if first and first.start() and _CLAUSE_ASKED.search(core[: first.start()]) else ""


def _counted_as_before(prev: str, core: str) -> str:
    """"那设备更新维护了多少个" after "金杨20年新建了几个健身点": a count asked with its measure word
    and nothing after it counts the thing the question before counted ("…多少个健身点")."""
    before = ASK_BEFORE_NOUN.search(re.sub(r"[？?。\s]+$", "", prev))
    if not before or not before.group(3):
        return core
    return re.sub(f"((?:多少|几){before.group(3)})(?=$|[\\s，,；;？?]|(?:19|20)\\d{{2}}年)", lambda m: m.group(1) + before.group(4), core)


def rewrite(question: str, history: list[str], known_streets: list[str] | None = None,
            inherit_street: bool = True, inherit_year: bool = True) -> str:
    """Standalone form of ``question`` given earlier user questions (oldest first).

    ``inherit_street`` / ``inherit_year`` are off while the user has chosen that scope as a
    filter: the filter beats what an earlier question said."""
    known = known_streets or []
    if not history:
        return question
    # "外汇储备呢" then "那出口和外商直接投资呢": the question before is read as it was meant, itself
    # resolved against those before it (the last few: an older turn rarely frames a new one)
    prev = history[-1] if len(history) < 2 else rewrite(history[-1], history[-_CHAIN:-1], known, inherit_street,
                                                          inherit_year)
    # "那出口和外商直接投资呢 各涨多少": the 呢 that closes what is named, before its ask, asks nothing
    core = re.sub(r"呢(?=[\s，,]*(?:各|分别|都|多少|几))", "", _FILLER.sub("", question.strip())).strip()
    part = PART_REFERENCE.match(core)
    item = ITEM_REFERENCE.search(core)
    # "第三块城区管理那部分", "最后那条平安长寿": the part by its place, named too — the place says which; "第二条里
    # 优化营商环境那几点" names a part inside the numbered one
    numbered = item is not None and not re.match(r"\s*(?:里|中|当中)", core[item.end():])
    if (part and not (item and item.group(1) is None) and not numbered and PART_REST.match(core[part.end():])
            and OUTLINE_INTENT.search(prev)
            and not _street_spans(core, known) and not _YEAR.search(core)):
        topic = PART_NOISE.sub("", ITEM_REFERENCE.sub("", part.group(1))).strip()
        if len(topic) >= 2:
            return scope_of(prev, known, inherit_street, inherit_year) + f"{topic}部分具体讲了哪些"
    if item and OUTLINE_INTENT.search(prev) and not _street_spans(core, known) and not _YEAR.search(core):
        # "第三条具体说说" after "长寿路街道2024年主要任务有哪些": that item of that outline.
        return re.sub(r"(?:有哪些|是什么|有什么|包括哪些|包括什么|都有哪些|有哪几[条项个]?)?[？?。！!]*$", "", prev) + f"中的{item.group()}"
    relative = _RELATIVE_YEAR.search(core)
    asked_before = _YEAR.search(prev)
    # (a new street's 去年 is its own documents' year before, not the one before the other street's)
    if relative and asked_before and not _YEAR.search(core) and not _street_spans(core, known):
        year = int(asked_before.group().strip().rstrip("年")) + _RELATIVE_SHIFT[relative.group()]
        core = core[:relative.start()] + f"{year}年" + core[relative.end():]
    # ("各比80年多多少": a year set beside as the base is not the year asked)
    new_years = [m.group() for m in _YEAR.finditer(core) if not BASE_BEFORE.search(core[: m.start()])]
    new_streets = _street_spans(core, known)
    compared = _compared_with(prev, core, new_years, new_streets, known)
    if compared:
        return compared
    back = _SET_BESIDE_BEFORE.search(core)
    if back and back.start() and new_streets and _points_at_street_of(back.group("other"), prev, known):
        # "那长寿路23年12345实际做到多少 跟万里那个目标比咋样": its own question, then the one before
        # (of the street it names), side by side
        own = rewrite(core[: back.start()], history, known, inherit_street,
                      inherit_year and not _RELATIVE_YEAR.search(core))  # ("去年": its own documents' year before)
        return f"{own.rstrip('？?')}？{prev}"
    swapped = _report_swapped(prev, core)
    if swapped:
        return swapped
    pointed_at = "" if new_years or new_streets else _measures_pointed_at(prev, question)
    if pointed_at:
        return pointed_at
    rest = _YEAR.sub("", core)
    for s, e, _ in sorted(new_streets, reverse=True):
        rest = rest[:s] + rest[e:]
    rest = re.sub(r"街道|[，,的]", "", rest).strip()
    if not new_years and not new_streets and _STAGE_ALONE.fullmatch(rest):
        staged = _stage_asked(prev, rest)
        if staged != prev:
            return staged
    # only a street and/or a year was said — with, at most, the stage and a pointer back at the question
    # before ("长寿路23年实际做到多少了 跟这个比比": that question, of this street and year, its result)
    # "那长寿路23年实际做到多少" after "万里20年12345热线几个目标…": no measure of its own either —
    # the question before, of this street and year, in the stage it names
    # "那81年计划增长多少" after "…各增长多少": the change the question before asks is no measure
    bare = re.sub("|".join(w for w in CHANGE_VERBS if w in prev) or "^$", "", rest)
    talk = _SCOPE_TALK.fullmatch(bare) is not None
    pointed = talk and _POINTED_BACK.search(rest) is not None
    # "那长寿路23年加梯呢" after "金杨20年加梯签了几部 …": the topic asked before, of a new street
    # or year, is that question asked there
    again = len(rest) >= 2 and rest in prev
    elliptical = not rest or ((talk or again) and bool(new_years or new_streets))
    if elliptical and (new_years or new_streets):
        out = _stage_swapped(prev, rest)
        if pointed and out == prev:  # "长寿路呢 跟这个比比": the same asked of both, side by side
            out = _of_both(prev, new_years, new_streets, known) or out
        said = next((st for st in _STAGE_SAID if st in rest and st not in out), "")
        if new_years:
            report = _REPORT_NAMED.search(out)
            if report and len(_YEAR.findall(out)) >= 2:
                # "那01年呢" after "01年报告 2000年进出口…": the figures' year is the one asked again;
                # the report that reviewed it says nothing of the new one
                out = out[: report.start()] + re.sub(r"^里?\s*", "", out[report.end():])
            old = _YEAR.findall(out)
            if old:
                # "2017年计划多少" after "五角场2016年拆违多少": the stage said goes with the new year
                year = new_years[0].strip() if new_years[0].strip().endswith("年") else new_years[0].strip() + "年"
                out = out.replace(old[0].strip(), year + said, 1)
                for extra in old[1:]:
                    out = out.replace(extra, "", 1)
            else:
                out = new_years[0].strip().rstrip("年") + "年" + out
        if new_streets:
            old_s = _street_spans(out, known)
            new_name = gazetteer.short_street(new_streets[0][2]) if not new_streets[0][2].endswith("镇") else new_streets[0][2]
            if old_s:
                s, e, _ = old_s[0]
                out = out[:s] + new_name + out[e:]
            else:
                out = new_name + out
        return out
    # "那24年呢 计划换多少家 目标多少" after "长寿路23年业委会换届完成了多少个…": a new year (or
    # street) asked only stages and verbs of the measure before — that measure, asked so there
    carried = _measure_carried(prev, core, new_years, new_streets, known)
    if carried:
        return carried
    # "签约呢？" / "那签约了多少台" after "…加梯完成多少台": the same question for another
    # stage of the process — the previous question up to its stage word, then the new words.
    lead = next((w for w in sorted(STAGE_WORDS, key=len, reverse=True) if rest.startswith(w)), "")
    if not new_years and not new_streets and lead:
        hits = [(prev.rfind(w), w) for w in STAGE_WORDS + DONE_WORDS if w in prev]
        if hits:
            pos, _ = max(hits)
            tail = rest if len(rest) > len(lead) else rest + prev[pos + len(max(hits)[1]):]
            return prev[:pos] + tail
    figures = _same_figures_of(question, core, prev)
    listed = _same_list_of(question, core, prev) or figures
    if listed and not new_years and not new_streets:
        return (figures and _topic_swapped(prev, core, known)) or _same_years_of(
            prev, known, inherit_street, inherit_year, core, listed, figures=bool(figures))
    later = _year_of_later_clause(core)
    core = _counted_as_before(prev, core)
    if inherit_year and later and (old_y := _YEAR.findall(prev)) and not _REPORT_NAMED.search(prev):
        # "应换尽换率多少 24年要到多少" after "长寿路23年…": the year said opens a later clause; what
        # the clauses before it ask is of the year asked before
        core = old_y[0].strip().rstrip("年") + "年" + core
        new_years = [old_y[0], *new_years]
    # A new question without street/year inherits them from the previous one.
    prefix = ""
    if not new_streets and inherit_street:
        old_s = _street_spans(prev, known)
        if old_s:
            prefix += prev[old_s[0][0]:old_s[0][1]]
    if not new_years and inherit_year:
        old_y = _YEAR.findall(prev)
        report = _REPORT_NAMED.search(prev)
        between = _YEAR_AGAINST_YEAR.search(prev)
        if report and between:
            # "那农业总产值和工业总产值各增长多少" after "75年报告 74年比64年钢…各增长了多少": the report
            # and the years it set against each other, not the report's year as the figures'
            prefix += report.group() + between.group()
        elif report and _figures_year(prev) and NUMBER_INTENT.search(core) and not OUTLINE_INTENT.search(core):
            # "那出口…各涨多少" after "02年报告里01年…": figures asked again are 2001's, in that report —
            # unless the follow-up names the plan period its figures are of ("十五定的年均增速目标多少")
            prefix += report.group() + ("" if _PLAN_PERIOD.search(core) else _figures_year(prev))
        elif report and (planned := _YEAR.search(prev, report.end())) and NUMBER_INTENT.search(core):
            # "缝纫机和手表呢 各比80年多多少" after "80年报告里81年自行车计划产量多少": the report, and
            # the year it plans for
            prefix += report.group() + planned.group().strip()
        elif old_y:
            prefix += old_y[0].strip().rstrip("年") + "年"
    if prefix and (len(re.sub(r"\s", "", core)) <= 20 or question.startswith(("那", "还有", "另外")) or later):  # as read, spaces aside
        return prefix + core
    # "就业那块几个数列一下 平台岗位 技能培训 促进就业各多少": a long question that names no place,
    # year or report of its own, nor asks over them all, is asked in the scope of the one before
    unscoped = not (new_streets or new_years or _REPORT_NAMED.search(core) or RANK_INTENT.search(core)
                    or EVERY_REPORT.search(core))
    scope = scope_of(prev, known, inherit_street, inherit_year) if unscoped else ""
    if scope:
        return scope + core
    return question
