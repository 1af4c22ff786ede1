"""Numbers as staff and reports write them — 1,234 / 3.6万 / 2.6万亿 / 97.8% /
１４．２％ / 三千四百九十六億 — reduced to their value, so an answer's numbers
can be checked against the passages it cites.

Why values and not digit strings: "1.4万" must not pass for the passage's
"1.4万亿斤" (a figure cut short is a wrong figure), while "14000亿" may.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from core.lexicon import MAGNITUDES
from core.textnorm import cn_to_number, fold_width, to_simplified

_ARABIC = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|亿|万)?")
_CHINESE = re.compile(r"(?<![\d.])[零〇一二两三四五六七八九十百千万亿]{2,}(?:点[零〇一二三四五六七八九]+)?|(?<![第])十[一二三四五六七八九]?")


def chinese_to_int(text: str) -> int | None:
    """``十一`` → 11, ``二十三`` → 23, ``一百零五`` → 105; None if not a numeral."""
    value = cn_to_number(text)
    return int(value) if value is not None and value == int(value) else None


def normalize(number: str) -> str:
    """Canonical string of a number: ``1,234`` → ``1234``, ``3.50`` → ``3.5``."""
    value = number.replace(",", "")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value.lstrip("0") or "0"


def _canon(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def extract_numbers(text: str) -> list[str]:
    """All numbers in text as canonical values (magnitudes applied: 2.6万 → 26000),
    Arabic, full-width and Chinese numerals alike."""
    folded = to_simplified(fold_width(text))
    out: list[str] = []
    for m in _ARABIC.finditer(folded):
        try:
            value = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            continue
        if m.group(2):
            value *= MAGNITUDES[m.group(2)]
        out.append(_canon(value))
    for m in _CHINESE.finditer(folded):
        if not re.search(r"[一二两三四五六七八九十]", m.group()):
            continue  # "万亿" after an Arabic figure, "零": no numeral of their own
        number = cn_to_number(m.group())
        if number is not None:
            out.append(_canon(Decimal(repr(number))))
    return out


def unsupported_numbers(answer: str, passages: list[str]) -> list[str]:
    """Numbers in the answer that no cited passage contains (the grounding check).

    Citation markers like ``[2]`` are not numbers of the answer.
    """
    body = re.sub(r"\[\d+\]", "", answer)
    have: set[str] = set()
    for p in passages:
        have.update(extract_numbers(p))
    return [n for n in dict.fromkeys(extract_numbers(body)) if n not in have]
