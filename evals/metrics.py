"""Scoring functions, pure so they are tested on their own."""

from __future__ import annotations

import re
from statistics import quantiles
from typing import Any

from assistant.numbers import extract_numbers


def evidence_rank(contexts: list[dict[str, Any]], source: str | None, evidence: str) -> int | None:
    """1-based rank of the first retrieved passage from ``source`` containing ``evidence``."""
    for i, ctx in enumerate(contexts, start=1):
        if (source is None or ctx.get("source") == source) and evidence and evidence in ctx["text"]:
            return i
    return None


def includes_all(answer: str, must: list[str]) -> bool:
    """Every must_include item present; numbers compared normalised (1,234 = 1234), and spaces
    ignored: annotators copy "签约立项 6 部" as the source typesets it, ingestion reads "签约立项6部"."""
    nums = set(extract_numbers(answer))
    bare = re.sub(r"\s+", "", answer)
    for item in must:
        if item in answer or re.sub(r"\s+", "", item) in bare:
            continue
        item_nums = extract_numbers(item)
        if item_nums and all(n in nums for n in item_nums):
            continue
        return False
    return True


def percentile(values: list[float], q: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return quantiles(values, n=100, method="inclusive")[q - 1]
