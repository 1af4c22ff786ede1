"""jieba tokens for BM25, with the domain dictionary and synonym folding.

Why a private ``jieba.Tokenizer``: adding our words must not change how any
other code in the process segments text; and one shared instance keeps the
≈0.5 s dictionary load to once per process.

Why a fixed dictionary (the gazetteer's streets, districts, domain terms and
synonyms — code, not what the process has seen): a chunk's tokens must not
depend on which documents were ingested before it, or in which process. The
dictionary's ``SIGNATURE`` is stored in the index; an index tokenized under
another dictionary is re-tokenized when opened (no re-embedding needed).
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading

import jieba

from core import gazetteer
from core.textnorm import fold_width, to_simplified

jieba.setLogLevel(logging.WARNING)

_STOP = {"的", "了", "和", "与", "及", "或", "在", "是", "为", "对", "将", "把", "被", "等", "其", "该", "这", "那", "之", "也", "都", "而", "并", "从", "以", "于", "中", "上", "下", "多少", "几", "哪些", "哪个", "哪", "什么", "怎么", "怎样", "如何", "吗", "呢", "吧", "啊", "请问", "一下", "有", "有没有", "是否", "共", "个", "年", "月", "日", "方面", "情况", "工作", "进行", "开展", "推进", "加强", "进一步"}
_PUNCT = re.compile(r"^[\s\W_]+$", re.UNICODE)

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def dictionary() -> list[str]:
    """The words added to jieba's own dictionary, in a stable order."""
    words = set(gazetteer.DOMAIN_TERMS) | set(gazetteer.SYNONYMS.values()) | set(gazetteer.DISTRICTS)
    for street in gazetteer.STREET_DISTRICT:
        words.update(gazetteer.street_aliases(street))
    return sorted(w for w in words if w)


SIGNATURE = hashlib.sha1(
    "\n".join([*dictionary(), "|", *sorted(_STOP), "|", *sorted(f"{k}>{v}" for k, v in gazetteer.SYNONYMS.items())])
    .encode("utf-8")).hexdigest()[:16]


def _get() -> jieba.Tokenizer:
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            tk = jieba.Tokenizer()
            tk.initialize()
            for w in dictionary():
                tk.add_word(w, freq=200000)
            _tokenizer = tk
        return _tokenizer


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens of synonym-folded text, without stop words or punctuation.

    Traditional characters and full-width digits are folded first, so a 繁体 report
    and a question typed in simplified characters share their tokens."""
    folded = gazetteer.fold_synonyms(to_simplified(fold_width(text)).lower())
    return [t for t in _get().lcut_for_search(folded) if t.strip() and t not in _STOP and not _PUNCT.match(t)]


def words(text: str) -> list[str]:
    """Precise-mode jieba words (no sub-words), folded like ``tokenize``.

    Why a second cut: search mode adds every sub-word ("总产量" → 总产, 产量, 总产量), which
    is right for recall but lets "棉花总产量" half-match "工业总产值". The answerer
    weighs a question's words in this mode, so a partial word earns nothing."""
    folded = gazetteer.fold_synonyms(to_simplified(fold_width(text)).lower())
    return [t for t in _get().lcut(folded) if t.strip() and t not in _STOP and not _PUNCT.match(t)]


def dictionary_freq(word: str) -> int:
    """How common ``word`` is in jieba's dictionary (0 when it is not there): a rough measure
    of how much a word alone says."""
    return int(_get().FREQ.get(word) or 0)
