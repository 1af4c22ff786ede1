"""Cleaning that keeps meaning: whitespace inside numbers, doubled quotes and
web-page furniture. Pure functions, so each rule has a table-driven test."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CJK = r"\u3400-\u9fff"
# Characters that follow a number as its unit or date part.
_UNITS = "年月日号时分秒个名家户人件项万亿千百元台次批条处所座栋幢套间场支份余多米周岁倍天届期轮部位类宗株棵吨辆张块篇期成"
CJK_PUNCT = "，。、；：？！“”‘’（）《》【】—…·"

# Lines that are web-page furniture. Captured value (if any) is kept as metadata.
_FURNITURE: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"^.{0,20}区域.*请使用tab按钮切换浏览$"), None),
    (re.compile(r"^(?:验证码|全部评论|发表评论|我要评论|相关链接|相关阅读|附件下载|上一篇.*|下一篇.*)$"), None),
    (re.compile(r"^(?:打印本页|关闭窗口|【?打印】?|【?关闭】?|返回顶部|分享到[:：]?.*|字号[:：].*|扫一扫.*)$"), None),
    (re.compile(r"^(?:当前位置|您现在的位置)[:：].*$"), None),
)
_META_KEYS = ("索引号", "发布机构", "公开类别", "发布时间", "生成日期", "发文字号", "主题分类", "文号", "来源", "发布日期")
_META_RE = re.compile(
    r"(?P<key>" + "|".join(_META_KEYS) + r")\s*[:：]?\s*(?P<value>.*?)(?=\s+(?:" + "|".join(_META_KEYS) + r")\s*[:：]?|$)"
)
_DATE_ONLY = re.compile(r"^(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?$")


@dataclass
class CleanResult:
    text: str
    meta: dict[str, str] = field(default_factory=dict)


def normalize_spaces(text: str) -> str:
    """Unify line endings and odd spaces; strip each line's edges."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = re.sub(r"[\u00a0\u2002\u2003\u2009\u200b\u3000\t]", " ", text)
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


def join_numbers(text: str) -> str:
    """Remove spaces that split a number from its unit or neighbours: ``2020 年`` → ``2020年``.

    Only between a digit and a CJK character/punctuation (either order), so
    ``2018-06-15`` and Latin text are untouched.
    """
    text = re.sub(rf"(\d)[ ]+(?=[{_UNITS}{CJK_PUNCT}%％㎡])", r"\1", text)
    # a number standing alone before any other CJK word ("新增馆藏 5581 册"); a code's digits
    # ("SYMB2F301430202100100 发布机构") keep their space
    text = re.sub(rf"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)[ ]+(?=[{CJK}])", r"\1", text)
    text = re.sub(rf"(?<=[{CJK}{CJK_PUNCT},;:])[ ]+(?=\d)", "", text)
    text = re.sub(rf"([%％])[ ]+(?=[{CJK}{CJK_PUNCT}])", r"\1", text)
    text = re.sub(r"(?<=\d)[ ]+(?=\.\d)|(?<=\d\.)[ ]+(?=\d)", "", text)
    return text


def repair_quotes(text: str) -> str:
    """Collapse doubled Chinese quotes left by HTML scraping: ``““十三五””`` → ``“十三五”``."""
    text = re.sub(r"“{2,}", "“", text)
    text = re.sub(r"”{2,}", "”", text)
    return text


def split_furniture(text: str) -> CleanResult:
    """Drop page furniture lines, keeping metadata such as 发布机构 and 来源."""
    meta: dict[str, str] = {}
    kept: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if any(p.match(stripped) for p, _ in _FURNITURE):
            continue
        head = stripped[:40]
        if any(head.startswith(k) for k in _META_KEYS) or re.match(r"^\d{4}\s*年.{0,12}来源\s*[:：]", stripped):
            found = False
            for m in _META_RE.finditer(stripped):
                value = m.group("value").strip()
                if value:
                    meta.setdefault(m.group("key"), value)
                    found = True
            date = re.match(r"^(\d{4}年\d{1,2}月\d{1,2}日)", stripped)
            if date:
                meta.setdefault("发布时间", date.group(1))
                found = True
            if found and len(stripped) < 200:
                continue
        kept.append(line)
    return CleanResult(text="\n".join(kept), meta=meta)


def collapse_blank_lines(text: str) -> str:
    return re.sub(r"\n{2,}", "\n", text).strip("\n")


def clean_text(text: str) -> CleanResult:
    """Full cleaning pipeline; the result's offsets are the ones chunks point into."""
    result = split_furniture(normalize_spaces(text))
    result.text = collapse_blank_lines(repair_quotes(join_numbers(result.text)))
    return result


def parse_date(value: str) -> str:
    """``2020年03月04日`` / ``2021-01-26`` → ``2020-03-04``; '' when absent."""
    m = re.search(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})", value)
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def is_date_line(line: str) -> bool:
    return bool(_DATE_ONLY.match(line.strip()))
