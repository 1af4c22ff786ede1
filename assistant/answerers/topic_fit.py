"""How well a sentence covers the asked topic: the words that must be there, their
weights, staff synonyms, and the one sign that a sentence is about a neighbour of
the topic rather than the topic ("粮食总产量" when 棉花总产量 is asked).

Pure functions over folded text, shared by sentence choice and quantity choice.
"""

from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache

from jieba import posseg

from core.lexicon import (
    AREA_NOUNS,
    CHANGE_CHARS,
    CHANGE_HOW_ASKED,
    FILLER_TOKENS,
    LIST_FRAME,
    MATCH_SYNONYMS,
    MEASURE_HEADS,
    ONE_CHARACTER_MEASURE,
    SPOKEN_VERBS,
    STAGES,
)
from core.understand import Query
from vectorstore.tokenize import dictionary_freq, tokenize, words

_NOUN_FLAGS = frozenset({"n", "nz", "nt", "ns", "nl", "ng"})  # jieba's noun tags, less 人名 (nr) and 时间 (t)


NUMBER_ANCHOR = 2.5  # a figure quoted in the question ("3100万准备干哪些") names its sentence
# A quoted figure: 3+ digits with a magnitude or unit after it — not a name ("12345热线").
_QUOTED_FIGURE = re.compile(r"(\d{3,})(?:\.\d+)?\s*(?=[万亿千百]|[元台户人个家项处件次场所套部㎡%])")


def weights_of(tokens: list[str], anchors: frozenset[str] = frozenset()) -> dict[str, float]:
    # Longer words carry more meaning than single characters; a number carries little ("第2",
    # "12345热线" is matched by its other words too), unless it is a figure the question quotes.
    return {t: (1.0 + math.log(len(t))) if not t.isdigit() else NUMBER_ANCHOR if t in anchors else 0.5
            for t in dict.fromkeys(tokens)}


MENTION_CREDIT = 0.25  # × for a topic word that only names the document (core.doc_names)
LABEL_WEIGHT = 3.0  # × for the words of the measure a part asks, against the frame they share (its 4-character compound cut in two weighs 2×)


# the stages a part's label may ask that are content words (原定, 实际, 计划 are FILLER_TOKENS, never weighed)
_STAGE_NAMES = frozenset({"目标", "预期", "预计"})


def topic_weights(query: Query) -> dict[str, float]:
    """The weight of each topic token of ``query``: what a sentence must talk about to answer.
    One of several measures asked at once ("…安全生产的数据，检查多少家次、查出多少隐患") is told
    from the others by its own words, not by the frame they share: those weigh more."""
    weights = mention_discounted(weights_of(content_tokens(query), frozenset(_QUOTED_FIGURE.findall(query.question))),
                                 query)
    # (a stage the label asks, "原定的控制目标多少", names no measure of its own)
    own = set(words(query.part_label)) & set(weights) - set(query.shared_label_words) - _STAGE_NAMES if query.part_label else set()
    if not own or own == set(weights):
        return weights
    # the same total as before: only the balance between the part's words and the frame moves
    boosted = {t: w * LABEL_WEIGHT if t in own else w for t, w in weights.items()}
    scale = sum(weights.values()) / sum(boosted.values())
    return {t: w * scale for t, w in boosted.items()}


def mention_discounted(weights: dict[str, float], query: Query) -> dict[str, float]:
    """``weights`` with the words that only name the document the question is about
    (core.doc_names) weighing ``MENTION_CREDIT``: they say little of the part asked."""
    if not query.mention:
        return weights
    rest = query.searched
    return {t: w * MENTION_CREDIT if t in query.mention and t not in rest else w for t, w in weights.items()}


def content_tokens(query: Query) -> list[str]:
    """Tokens of the asked topic: what a sentence must talk about to answer."""
    drop = {str(y) for y in query.years}
    if query.area:  # "拆违面积": 面积 asks for an area unit (which the figure must have), it names no topic
        drop.update(AREA_NOUNS)
    if query.money:  # "投多少钱": 钱 asks for a sum in 元, no document names its topic so
        drop.add("钱")
    if query.wants_number or CHANGE_HOW_ASKED.search(query.question):
        # "低保覆盖人数有啥变化": the change is told by the figures, never named so
        drop.add("变化")
    for s in query.streets:
        drop.update(tokenize(s))
    topic = query.topic or query.question
    tokens = [t for t in words(topic) if t not in drop and t not in SPOKEN_VERBS and t not in FILLER_TOKENS
              and not (query.intent in ("list", "outline") and LIST_FRAME.match(t))]
    # A staff synonym phrase the cut splits ("经济增长" → 经济, 增长) stays one token, so a sentence
    # saying it another way ("国内生产总值增长百分之九") covers it whole.
    for phrase in sorted((m for group in MATCH_SYNONYMS for m in group if len(m) >= 3 and m in topic),
                         key=len, reverse=True):
        parts = words(phrase)
        if len(parts) > 1 and all(x in tokens for x in parts):
            at = tokens.index(parts[0])
            tokens = [t for t in tokens if t not in parts]
            tokens.insert(min(at, len(tokens)), phrase)
    # "拆违这块各拆了多少": the verb repeats a character of the topic word; alone it would have to
    # be matched as a word of its own, which no sentence about 拆违 needs to write.
    return [t for t in tokens if len(t) > 1 or not any(t in o for o in tokens if len(o) > 1)]


def stage_synonyms(token: str) -> tuple[str, ...]:
    """The stage words ``token`` is one of ("签约", "开工率"); () for a noun phrase that only
    contains one ("新落地企业" names the companies, not the act)."""
    for synonyms in STAGES.values():
        if any(w == token or (w in token and len(token) - len(w) <= 1) for w in synonyms):
            return synonyms
    return ()


def covered(t: str, stoks: set[str], sentence: str) -> bool:
    """Is topic word ``t`` named in ``sentence``: literally, by a staff synonym, or
    as the short form staff type (文化墙 for 文化围墙, 家医 for 家庭医生) — a change typed as one
    character ("涨") inside the word that writes it (涨幅, 上涨幅度)."""
    return (t in stoks or said(t, sentence) or (len(t) >= 2 and abbreviates(t, sentence))
            or (t in CHANGE_CHARS and t in sentence) or measured_as(t, sentence))


# "钢产量", "原煤产量", "粮食总产量": a one-character measure with one character of its noun between
_MEASURE_HEAD = r"[\u4e00-\u9fff]?(?:" + "|".join(MEASURE_HEADS) + ")"


def measured_as(t: str, sentence: str) -> bool:
    """Is a one-character measure ("钢") written in ``sentence`` as the noun its figure is of
    ("钢产量达到８８６８万吨")?"""
    return ONE_CHARACTER_MEASURE.match(t) is not None and re.search(re.escape(t) + _MEASURE_HEAD, sentence) is not None


def said(t: str, text: str) -> bool:
    """Is topic word ``t`` (two characters or more) written in ``text`` as it stands or by a
    staff synonym ("GDP" by 国内生产总值)?"""
    if len(t) < 2:
        return False
    # topic words are cut lower-cased ("M2" → "m2"); the document writes them as it likes
    return t in text or t.isascii() and t in text.lower() or any(g in text for g in names_of(t))


@lru_cache(maxsize=4096)
def names_of(t: str) -> tuple[str, ...]:
    """Every name staff or documents give what topic word ``t`` names (its synonym groups, ``t``
    among them; () when it has none), the longest first."""
    return tuple(sorted({n for group in MATCH_SYNONYMS if t in group for n in group}, key=len, reverse=True))


def named_in(t: str, text: str) -> bool:
    """Does ``text`` name topic word ``t`` where a figure of it would be: said in words of two
    characters or more, or a one-character measure written with its noun ("钢产量")?"""
    return said(t, text) or measured_as(t, text)


def abbreviates(short: str, text: str) -> bool:
    """Are the characters of ``short`` written in order in ``text``, first and last
    included, within twice its length — the way Chinese words are shortened?"""
    for m in re.finditer(re.escape(short[0]), text):
        window = text[m.start():m.start() + 2 * len(short)]
        pos = 0
        for ch in short:
            pos = window.find(ch, pos)
            if pos < 0:
                break
            pos += 1
        else:
            return True
    return False


HEAD_CREDIT = 0.5  # share of a compound's weight earned by its head alone ("助餐" for 老年助餐)

HEAD_MAX_FREQ = 2000  # jieba dictionary frequency: a head more common than this says too little alone


@lru_cache(maxsize=4096)
def compound_head(t: str) -> str:
    """The head of a four-character (or longer) compound, its last two characters: "老年助餐"
    → "助餐". Documents often write the head alone ("全年提供助餐4万人次", "1个助餐点") where
    staff type the whole compound. Only a specific head counts: a common word ("分类" of
    垃圾分类, "咨询" of 法律咨询) written alone is as likely about something else ("对提案进行
    分类"); a three-character word has no head of its own ("总产量" must not half-match "总产值")."""
    if len(t) < 4 or t.isdigit():
        return ""
    head = t[-2:]
    # "加装电梯": the first part is what is done to the head, and "检查电梯" is another activity on
    # it — only a modifier that names a kind of the head ("老年", "文化", "社区") leaves it the same thing
    if any(flag.startswith("v") for _, flag in tagged(t[:-2])):
        return ""
    return head if dictionary_freq(head) < HEAD_MAX_FREQ else ""


@lru_cache(maxsize=1024)
def _phrase_parts(t: str) -> tuple[str, ...]:
    """The words of a staff synonym phrase kept as one topic token (() for any other token)."""
    if len(t) < 3 or not any(t in group for group in MATCH_SYNONYMS):
        return ()
    parts = tuple(words(t))
    return parts if len(parts) > 1 else ()


def hit(weights: dict[str, float], stoks: set[str], sentence: str, need_noun: bool = True) -> float:
    """Weight of the topic tokens a sentence covers (a staff synonym counts: 公司 ~ 企业;
    a compound's head alone earns part of its weight).

    A stage word ("做好" ~ "完工") counts only beside a covered noun: a sentence that
    shares nothing but the verb ("新建公厕" vs "新增成员单位") is not about the topic — unless
    ``need_noun`` is off (the noun is said in the sentence before it)."""
    total, noun = 0.0, False
    # a single character ("家" of 妇女之家) is no sign of the topic when the topic has longer words
    longer = any(len(t) > 1 and not stage_synonyms(t) for t in weights)
    for t, w in weights.items():
        if covered(t, stoks, sentence):
            total += w
            noun = noun or (not stage_synonyms(t) and (len(t) > 1 or not longer))
            continue
        head, parts = compound_head(t), _phrase_parts(t)
        said = [x for x in parts if covered(x, stoks, sentence)]
        if head and head in sentence and not stage_synonyms(t):
            total += HEAD_CREDIT * w
            noun = True
        elif said:
            # a synonym phrase kept whole ("经济增长") not said whole: its words count as before
            total += len(said) / len(parts) * w
            noun = noun or any(not stage_synonyms(x) for x in said)
        else:
            syn = stage_synonyms(t)
            if syn and any(s in sentence for s in syn):
                total += w
    nouns = [t for t in weights if not stage_synonyms(t)]
    return total if noun or not nouns or not need_noun else 0.0


@lru_cache(maxsize=4096)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((w.word, w.flag) for w in posseg.cut(text))


def _noun(flag: str) -> bool:
    return flag in _NOUN_FLAGS


def rival_modifier(topic: str, text: str) -> bool:
    """Does ``text`` name the asked head noun with another noun in place of the asked
    modifier — "粮食总产量" for "棉花总产量"?

    Read on the topic's adjacent noun pairs (modifier, head), tagged by jieba: the head
    is written in ``text``, the modifier nowhere in it, and the word before the head is
    another noun of two or more characters sharing none with the modifier (so 家医 and
    家庭医生 are not rivals). Verbs and time words before the head ("发放帮困资金",
    "去年预算") are not rivals: they do not name another thing."""
    asked = tagged(topic)
    for (modifier, m_flag), (head, h_flag) in itertools.pairwise(asked):
        if not (_noun(m_flag) and _noun(h_flag)) or len(head) < 2 or len(modifier) < 2:
            continue
        if covered(modifier, set(), text):
            continue
        words_in = tagged(text)
        for (before, b_flag), (word, _) in itertools.pairwise(words_in):
            if (word == head and _noun(b_flag) and len(before) >= 2
                    and not set(before) & set(modifier) and not before.isdigit()):
                return True
    return False
