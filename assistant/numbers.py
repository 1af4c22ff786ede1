"""Numbers as staff write them: 1,234 / 3.6万 / 97.8% / 十一 — normalised so an
answer's numbers can be checked against the passages it cites."""

from __future__ import annotations

import re

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千]{2,}|(?<![第])[十][一二三四五六七八九]?")


def chinese_to_int(text: str) -> int | None:
    """``十一`` → 11, ``二十三`` → 23, ``一百零五`` → 105; None if not a numeral."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = current * 10 + _CN_DIGITS[ch] if current and text.find("十") < 0 else _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            total += (current or 1) * unit
            current = 0
    return total + current


def normalize(number: str) -> str:
    """Canonical string of a number: ``1,234`` → ``1234``, ``3.50`` → ``3.5``."""
    value = number.replace(",", "")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value.lstrip("0") or "0"


def extract_numbers(text: str) -> list[str]:
    """All numbers in text, normalised (Arabic and Chinese numerals)."""
    out = [normalize(m.group()) for m in _ARABIC.finditer(text)]
    for m in _CHINESE.finditer(text):
        value = chinese_to_int(m.group())
        if value is not None:
            out.append(str(value))
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
