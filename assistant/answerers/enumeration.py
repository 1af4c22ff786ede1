"""The items of an enumeration inside one sentence: "先后荣获A、B、C等荣誉称号",
"一是…；二是…；三是…", "(1)…(2)…", clauses separated by "；".

Why: a list question ("获得了哪些荣誉称号", "有哪些措施") is answered by a sentence
that holds the items run together; staff want them one per line. Pure function
over text: every item returned is a verbatim stretch of the sentence, so it is
checked like any quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Words after which an enumeration starts ("荣获A、B" → A is the first item).
_LEADS = ("荣获", "获得", "获评", "评为", "包括", "包含", "涵盖", "主要有", "分别是", "分别为", "如", "有", "开展", "建成", "通过",
          "完成", "推进", "打造", "设立", "成立", "实施", "围绕", "聚焦", "加强", "做好", "推出", "举办", "制作")
_ORDINALS = re.compile(r"(?:^|[；;。，,\s])(?:[一二三四五六七八九十][是要]|第[一二三四五六七八九十]+[，,、]|[(（][一二三四五六七八九十\d]+[)）]|"
                       r"[①②③④⑤⑥⑦⑧⑨⑩]|\d+[.．、])")
_ITEM_MAX = 40  # characters: a longer "item" is a clause, not a list entry
MIN_ITEMS = 3


def _trim_first(item: str) -> str:
    cut = max((item.rfind(w) + len(w) for w in _LEADS if w in item), default=0)
    item = item[cut:].lstrip("：:")
    return item if "”" in item else item.lstrip("“\"")  # an opening quote stays with its closing one


def _trim_last(item: str) -> str:
    item = re.split(r"等|。|；|;", item, maxsplit=1)[0]
    if item.startswith("“") and "”" in item:  # "“文明楼组”创建": the quoted name is the item
        return item[: item.index("”") + 1]
    return item.rstrip("”\"")


def by_ordinals(sentence: str) -> list[str]:
    """Items marked 一是/(1)/①/1.: the text between one marker and the next."""
    marks = list(_ORDINALS.finditer(sentence))
    if len(marks) < MIN_ITEMS:
        return []
    out = []
    for m, nxt in zip(marks, [*marks[1:], None], strict=True):
        body = sentence[m.end(): nxt.start() if nxt else len(sentence)].strip(" ，,；;。")
        if body:
            out.append(body)
    return out if len(out) >= MIN_ITEMS else []


def by_commas(sentence: str) -> list[str]:
    """Items joined by 、 in the clause that has most of them."""
    clauses = re.split(r"[，,；;。：:]", sentence)
    best = _inside_quotes(max(clauses, key=lambda c: c.count("、"), default=""))
    parts = [p.strip() for p in best.split("、")]
    if len(parts) < MIN_ITEMS:
        return []
    parts[0], parts[-1] = _trim_first(parts[0]), _trim_last(parts[-1])
    parts = [p for p in parts if p]
    if len(parts) < MIN_ITEMS or any(len(p) > _ITEM_MAX for p in parts):
        return []
    return parts


_RUN_ON_MAX = 50  # characters: a longer sentence is one of its own, not a list run on
_OPENING = 2  # characters: the verb an item opens with ("完成", "推进")


def openings(found: list[str]) -> frozenset[str]:
    """How the items of a list of clauses open: a sentence opening so runs the list on."""
    return frozenset(item[:_OPENING] for item in found if len(item) > _OPENING)


def run_on(sentence: str, clauses: bool = False, openings: frozenset[str] = frozenset()) -> list[str]:
    """"…1个助餐点正式运营。智慧健康小屋、康复辅助器具租赁点投入使用。": a sentence that is nothing
    but more items joined by 、 (no lead, no comma) runs on the "、" list of the sentence before
    it. After a list of clauses (``clauses``: "为A居民区…,为B居民区…。"), a sentence of two or
    more item-sized clauses that open alike ("推进黄山分中心建设,推进香山东南街坊…综合整新。") runs
    it on, and so does one item-sized clause that opens as an item of that list did (``openings``:
    "完成A居民区道路改造,…。完成B街区环境提升改造。"). Its items, or [] when it is a sentence of
    another shape."""
    body = sentence.strip().rstrip("。；;")
    if clauses:
        parts = [c.strip() for c in re.split(r"[，,]", body)]
        if len(parts) == 1 and body[:_OPENING] in openings and len(body) <= _ITEM_MAX:
            return parts
        alike = len({c[:1] for c in parts}) == 1 and len(parts[0]) > 1
        return parts if len(parts) >= 2 and alike and all(0 < len(c) <= _ITEM_MAX for c in parts) else []
    if "、" not in body or len(body) > _RUN_ON_MAX or re.search(r"[，,：:；;]", body):
        return []
    parts = [p.strip() for p in body.split("、")]
    return parts if all(parts) else []


def _inside_quotes(clause: str) -> str:
    """An enumeration quoted whole ("提出“A、B、C”的总体目标") is the quoted part only."""
    first, last = clause.find("、"), clause.rfind("、")
    opening, closing = clause.rfind("“", 0, first), clause.find("”", last)
    if opening >= 0 and closing > last and "”" not in clause[opening:first]:
        return clause[opening + 1:closing]
    return clause


# A clause that says something of the items before it, not one more item.
_SUMS_UP = re.compile(r"都|均|全都|共计?|合计|总计|从而|进而|确保|使|以便?|为此|其中")
_CLAUSE_MAX = 80  # characters: a "；" clause longer than this is a passage, not one item


def by_semicolons(sentence: str) -> list[str]:
    parts = [p.strip(" 。") for p in re.split(r"[；;]", sentence) if p.strip(" 。")]
    return parts if len(parts) >= MIN_ITEMS and all(len(p) <= _CLAUSE_MAX for p in parts) else []


def by_parallel_clauses(sentence: str) -> list[str]:
    """"…约3100万元,为A居民区维修更新路灯,为B居民区疏通污水管网,为C…": the longest run of
    comma-separated clauses that open the same way (为/完成/新建…) or end the same way ("…的好干部
    张鸣岐同志,…工程师包起帆同志,…"), each short enough to be an item."""
    clauses = [c.strip() for c in re.split(r"[，,]", sentence.strip().rstrip("。；;！!"))]
    run = max(_parallel_run(clauses, lambda c: c[:1]), _parallel_run(clauses, lambda c: c[-2:]), key=len)
    if not run:
        return []
    # "完成A道路改造,B休闲场所改造,C活动室升级,为D增设公共设施。": item-sized clauses after the run,
    # to the sentence's end, are the rest of the same list said another way — unless one sums
    # the items up ("…韩素云同志，都是学习的榜样。")
    rest = clauses[clauses.index(run[-1], clauses.index(run[0])) + 1:]
    if all(0 < len(c) <= _ITEM_MAX and not _SUMS_UP.match(c) for c in rest):
        return run + rest
    return run


def _parallel_run(clauses: list[str], shape: Callable[[str], str]) -> list[str]:
    """The longest run (``MIN_ITEMS`` or more) of item-sized clauses of the same ``shape``, or []."""
    best: list[str] = []
    run: list[str] = []
    for c in clauses:
        if run and shape(c) == shape(run[0]) and len(c) <= _ITEM_MAX:
            run.append(c)
            continue
        best = max(best, run, key=len)
        run = [c] if c and len(c) <= _ITEM_MAX else []
    best = max(best, run, key=len)
    return best if len(best) >= MIN_ITEMS else []


def items(sentence: str) -> list[str]:
    """The enumeration's items, or [] when the sentence holds none. Clauses between "；" are
    the top level: a "、" list inside one of them ("…获评上海市“5A级社会组织”;…") is part of
    its clause, not the answer."""
    return by_ordinals(sentence) or by_semicolons(sentence) or by_commas(sentence) or by_parallel_clauses(sentence)
