"""How close OCR came to the text that was printed: character accuracy = 1 − edit distance / length.

Why characters and not words: Chinese has no spaces, and one wrong character in a figure
(11台 read as 17台) is exactly the error that matters. Whitespace and the paragraph breaks
the layout step chooses are not counted.
"""

from __future__ import annotations


def _chars(text: str) -> str:
    return "".join(text.split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), O(len(a)·len(b)) time, O(len(b)) memory."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i]
        for j, cb in enumerate(b, start=1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# Full-width marks and their ASCII twins look alike in most Chinese fonts; documents mix both.
_WIDTH = str.maketrans("，：；（）！？", ",:;()!?")


def char_accuracy(reference: str, recognised: str, fold_width: bool = False) -> float:
    """``fold_width`` counts ``，`` and ``,`` (and the other twins) as the same character."""
    if fold_width:
        reference, recognised = reference.translate(_WIDTH), recognised.translate(_WIDTH)
    ref, hyp = _chars(reference), _chars(recognised)
    if not ref:
        return 1.0 if not hyp else 0.0
    return max(0.0, 1 - edit_distance(ref, hyp) / len(ref))
