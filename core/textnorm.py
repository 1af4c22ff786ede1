"""Text as it is matched, not as it is quoted.

Why two forms: staff type full-width digits (２０２３), two-digit years (23年) and
stray spaces; older reports are partly in traditional characters and spell years
out (一九五五年). Matching folds all of that to one form — simplified characters,
ASCII digits, four-digit years — while answers always quote the original text.
Every function here is pure and keeps the text's length where it can, so a
position in the folded text is the same position in the original.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from core.lexicon import (
    CN_BIG_UNITS,
    CN_DIGITS,
    CN_SMALL_UNITS,
    TWO_DIGIT_PIVOT,
    YEAR_ARABIC,
    YEAR_BASELINE,
    YEAR_CHINESE,
    YEAR_GROUND,
    YEAR_IN_QUESTION,
    YEAR_TWO_DIGIT,
)

_CJK = r"\u4e00-\u9fff\u3400-\u4dbf"
_SPACE_BETWEEN = re.compile(rf"(?<=[{_CJK}\d])[ \t\u3000]+(?=[{_CJK}\d])|(?<=[{_CJK}])[ \t\u3000]+|[ \t\u3000]+(?=[{_CJK}])")


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def fold_width(text: str) -> str:
    """Full-width ASCII (２０２３、％、Ａ) → ASCII, one character for one.

    Not full NFKC on purpose: NFKC also turns ① into 1 and ㎡ into m2, which would
    invent numbers and shift positions."""
    return "".join(unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" or ch == "\u3000" else ch
                   for ch in text)


def to_simplified(text: str) -> str:
    """繁→简 with OpenCC (offline; its dictionaries ship in the wheel), for matching only."""
    if text.isascii():
        return text
    out = _t2s().convert(text)
    return out if len(out) == len(text) else text  # keep positions; a rare length change keeps the original


def cn_digits_to_int(text: str) -> int | None:
    """Digit-by-digit Chinese numerals (一九五五 → 1955), as years are spelled."""
    if not text or any(ch not in CN_DIGITS for ch in text):
        return None
    return int("".join(str(CN_DIGITS[ch]) for ch in text))


def count_value(text: str) -> int:
    """A count written in digits or Chinese numerals ("12", "十三") as an int; 0 when it is neither."""
    return int(text) if text.isdigit() else int(cn_to_number(text) or 0)


def cn_to_number(text: str) -> float | None:
    """A Chinese numeral with units: 一千八百四十万 → 18400000, 三点五 → 3.5, 十一 → 11."""
    if not text:
        return None
    if "点" in text:
        whole, _, frac = text.partition("点")
        w = cn_to_number(whole) if whole else 0.0
        f = cn_digits_to_int(frac)
        if w is None or f is None:
            return None
        return w + float(f"0.{f}")
    if all(ch in CN_DIGITS for ch in text):
        return float(cn_digits_to_int(text) or 0) if len(text) > 1 else float(CN_DIGITS[text])
    total, section, current = 0, 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            section += (current or 1) * CN_SMALL_UNITS[ch]
            current = 0
        elif ch in CN_BIG_UNITS:
            big = CN_BIG_UNITS[ch]
            if big == 10**8 and total:
                total = (total + section + current) * big
            else:
                total += (section + current) * big
            section, current = 0, 0
        else:
            return None
    return float(total + section + current)


def spell_out_years(text: str) -> str:
    """一九五五年 → 1955年 (same length), so year matching sees one form."""
    return YEAR_CHINESE.sub(lambda m: str(cn_digits_to_int(m.group(1))), text)


_DECIMAL_DOT = re.compile(r"(?<=\d)[·・•](?=\d)")


@lru_cache(maxsize=8192)
def for_matching(text: str) -> str:
    """Document or question text in the form every matcher uses (same length as ``text``).

    Cached: the answerer folds the same retrieved sentence once per quantity it scores."""
    # "增长4·3％": a middle dot between digits is the decimal point some reports print
    return spell_out_years(to_simplified(_DECIMAL_DOT.sub(".", fold_width(text))))


def years_named(text: str) -> list[int]:
    """Four-digit years a passage names with 年, Arabic or spelled out, in order of appearance."""
    folded = spell_out_years(fold_width(text))
    return [int(y) for y in YEAR_ARABIC.findall(folded)]


def own_years(text: str) -> list[int]:
    """``years_named`` less the years a sentence stands on ("在1978年和1979年连续丰收的基础上")."""
    ground = {y for m in YEAR_GROUND.finditer(spell_out_years(fold_width(text))) for y in years_named(m.group())}
    return [y for y in years_named(text) if y not in ground]


def subject_years(text: str) -> list[int]:
    """The years a sentence is about: those it names, less those named only as a
    comparison's base ("积累率由1978年的36.5％降为33.6％" is about the year after 1978)."""
    folded = for_matching(text)
    baseline = [int(y) for y in YEAR_BASELINE.findall(folded)]
    named = [int(y) for y in YEAR_ARABIC.findall(folded)]
    for y in baseline:
        named.remove(y)
    return named


def expand_year(two: int, today: date | None = None) -> int:
    """``23`` → 2023, ``55`` → 1955: a two-digit year is the recent one unless that is in the future."""
    this = (today or date.today()).year
    candidate = 2000 + two
    return candidate if candidate <= this + 1 or two < TWO_DIGIT_PIVOT else 1900 + two


# "94 95 99 2013这几年", "16、17年": years typed as a list, 年 written once or not at all.
_YEAR_LIST = re.compile(r"(?<![\d.])((?:19|20)?\d{2}(?:[ \t\u3000、,，]+(?:19|20)?\d{2})+)(?=\s*(?:年|这|各|的|报告|[)）]|[两三四五六七八九]年|$))")


# "99到02年": a range typed with 年 once, both ends two digits.
_TWO_DIGIT_RANGE = re.compile(r"(?<![\d.])(\d{2})\s*(到|至|—|-|~|～)\s*(\d{2})(?=\s*年)")


# "七五年政府工作报告", "九九年报告", "八五年价格改革…": a year spelled as two digits, where it names a
# report or opens the question — not "三五年内", "五六年前" (a few years).
_CN_TWO_DIGIT_YEAR = re.compile(r"(?<![零〇一二三四五六七八九十百千万第这那近前后每去过几])([零〇一二三四五六七八九]{2})年"
                                r"(?=(?:的|那个|那份|这个|这份)?(?:国务院)?(?:政府)?(?:工作)?(?:报告|总结|计划|要点))|"
                                r"^([零〇一二三四五六七八九]{2})年(?![内来前后间以多里就能才都可要])")
# "两三年", "五六年": a span of a few years, never a year, however it continues
_FEW_YEARS = re.compile(r"两三|三四|四五|五六|六七|七八|八九|三五")


def _spelled_year(m: re.Match[str]) -> str:
    digits = m.group(1) or m.group(2)
    if _FEW_YEARS.fullmatch(digits):
        return m.group(0)
    return f"{expand_year(int(''.join(str(CN_DIGITS[c]) for c in digits)))}年"


def _years_listed(m: re.Match[str]) -> str:
    """Each year of a typed list with its own 年 ("1994年、1995年、…"), so the list reads as the
    years it names; a list of plain numbers (no four-digit year, no 年 after it) is left alone."""
    items = re.split(r"[ \t\u3000、,，]+", m.group(1))
    tail = m.string[m.end():].lstrip()
    tail_has_year = tail.startswith("年")
    # "93 94 98 01 12这几年GDP增速", "93 94两年": the list says what its numbers are just after it
    if not tail_has_year and re.match(r"(?:[这那]几|这些|那些|[两三四五六七八九])(?:年|份|个年份)", tail):
        return "、".join(f"{expand_year(int(i)) if len(i) == 2 else i}年" for i in items)
    if not (tail_has_year or any(len(i) == 4 for i in items)):
        return m.group(0)
    if any(len(i) == 4 and not i.startswith(("19", "20")) for i in items):
        return m.group(0)
    years = [str(expand_year(int(i))) if len(i) == 2 else i for i in items]
    return "、".join(f"{y}年" for y in years[:-1]) + "、" + years[-1] + ("" if tail_has_year else "年")


def normalize_question(question: str, keep_spaces: bool = False) -> str:
    """A question as typed → the form it is understood in.

    Full-width folded, traditional → simplified, spelled-out and two-digit years
    written as four digits ("23年" → "2023年"), spaces between Chinese words dropped — unless
    ``keep_spaces``: the spaces that set measures apart ("岗位 培训 就业人数") are read later.
    """
    q = for_matching(question.strip())
    q = _YEAR_LIST.sub(_years_listed, q)
    q = _TWO_DIGIT_RANGE.sub(lambda m: f"{expand_year(int(m.group(1)))}年{m.group(2)}{expand_year(int(m.group(3)))}", q)
    q = _CN_TWO_DIGIT_YEAR.sub(_spelled_year, q)
    q = YEAR_TWO_DIGIT.sub(lambda m: str(expand_year(int(m.group(1)))), half_years(q))
    if not _PRICES.search(q):
        q = _RISE_SAID.sub("增长", q)  # "城镇收入涨多少": the reports write 增长 (a price 上涨, which stays 涨)
    q = _CUT_SAID.sub("减少", _ADD_SAID.sub("增加", q))  # "贫困人口减了多少": written 减少
    q = _SPENT_MORE.sub("增加支出", q)  # "中央财政多花了多少": written 增加支出
    q = SET_BEFORE.sub("原定", q)  # "原来定的控制目标": the target set before, 原定
    return (q if keep_spaces else _SPACE_BETWEEN.sub("", q)).strip()


# "收入各涨多少", "出口涨了多少": 涨 said for 增长 where no price is asked
_RISE_SAID = re.compile(r"(?<![上高看飞大])涨(?=了?(?:多少|几|百分之|[？?]|$))")
_SPENT_MORE = re.compile(r"多花了?(?=多少|几)")
SET_BEFORE = re.compile(r"(?:原来|原先|当初|之前)定(?=的|了)")
_HALF_YEAR = re.compile(r"(?<![\d.])((?:19|20)?\d{2})(?=[上下]半年)")


def half_years(text: str) -> str:
    """"80上半年" → "80年上半年": a half year typed without 年 is the year's (read as typed, too)."""
    return _HALF_YEAR.sub(r"\1年", text)
_PRICES = re.compile(r"价|CPI|cpi|通胀|通货膨胀")
# "贫困人口减了多少", "岗位增了几个": one character said for the reports' 减少 / 增加
_CUT_SAID = re.compile(r"(?<![缩削裁精递消核])减(?=了?(?:多少|几|[？?]|$))")
_ADD_SAID = re.compile(r"(?<![新递倍激])增(?=了?(?:多少|几|[？?]|$))")


def question_years(question: str) -> list[int]:
    """Years a normalized question names, with or without 年, sorted."""
    return sorted({int(y) for y in YEAR_IN_QUESTION.findall(question)})


TITLE_RUN = 4  # characters in a row a text must share with a title to be naming it


def _title_runs(text: str, title: str, min_run: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        k = min_run
        while i + k <= len(text) and text[i:i + k] in title:
            k += 1
        if k > min_run:
            spans.append((i, i + k - 1))
            i += k - 1
        else:
            i += 1
    return spans


def outside_title(text: str, title: str, min_run: int = TITLE_RUN) -> str:
    """``text`` less its stretches (longest first, at least ``min_run`` characters) that are
    written in ``title`` too: what a question or a line says beyond naming a document by its
    title ("创新社会治理…项目安排" in "关于印发《普陀区创新社会治理…项目安排》的通知")."""
    out, at = [], 0
    for start, end in _title_runs(text, title, min_run):
        out.append(text[at:start])
        at = end
    return "".join(out) + text[at:]
