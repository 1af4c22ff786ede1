"""The default answerer: picks the sentences that answer the question from the
retrieved passages and quotes them verbatim. No model call, so it is fast and
every number it states is, by construction, in the passage it cites.

How it chooses, in order:
1. refuse when the street or year asked is not in the index at all;
2. score each sentence of the top passages by overlap with the question's
   words, the passage's rank, and whether its year matches the year asked
   (a sentence that states another year is never used for this year);
3. for number questions, choose the quantity whose unit (台/家/人次/%) and
   stage (签约/开工/完工…) match the question; refuse if none does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from langchain_core.documents import Document

from assistant.answer import Answer, Citation
from ingest.chunking import split_sentences
from vectorstore.hybrid import Retrieval
from vectorstore.tokenize import tokenize

# Stage words of a process; a number right after one of them counts that stage.
STAGES = ("签约", "开工", "完工", "竣工", "建成", "立项", "受理", "办结", "结案", "发现", "接待", "化解", "拆除",
          "新增", "新设", "新建", "培育", "招录", "发放", "走访", "覆盖", "惠及", "参与", "完成")
_DONE_SYNONYMS = ("完工", "竣工", "建成", "完成")
_UNIT_Q = re.compile(r"(?:多少|(?<!哪)几)(人次|户次|万元|亿元|平方米|[\u4e00-\u9fff])")
# Units staff treat as the same when counting people or things.
_UNIT_EQUIV = {"名": {"名", "人", "位"}, "人": {"人", "名", "位"}, "位": {"位", "人", "名"}, "个": {"个", "处", "家"}}
_NUM_UNIT = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*[余多]?\s*(%|％|人次|户次|万元|亿元|平方米|万|亿|[\u4e00-\u9fff])?")
# Measure words: what may follow 多少/几 as the unit asked for. Anything else after
# 多少 is the thing counted ("多少非法隔间", "多少资金"), which hints at the unit.
MEASURE_WORDS = set("台家人名位个间张元户次场项件所条批处套辆座吨份支幢栋株棵只块部本期届类种处起例轮")
MONEY_NOUNS = ("资金", "经费", "金额", "钱", "投入", "投资额", "补贴", "款", "费用")
MONEY_UNITS = {"元", "万元", "亿元", "万", "亿"}
_RATE_Q = re.compile(r"比例|率|百分之|占比")
_YEAR_IN = re.compile(r"((?:19|20)\d{2})\s*年")
_QWORDS = re.compile(r"请问|多少|几[个台家户人项次件场名]?|哪些|哪个|什么|怎么|如何|是否|吗|呢|？|\?|的|了|有")
_FIELD_Q = {
    "牵头单位": re.compile(r"牵头|哪个(?:单位|部门)负责|谁负责|主责"),
    "责任单位": re.compile(r"责任单位|配合|参与单位|责任部门"),
    "完成时间": re.compile(r"什么时候|何时|完成时间|时间节点|时限|截止|几月"),
}
MIN_OVERLAP = 0.34  # share of the question's content weight a sentence must cover


@dataclass
class Candidate:
    doc: Document
    start: int
    end: int
    text: str
    score: float
    overlap: float


def _weights(tokens: list[str]) -> dict[str, float]:
    # Longer words carry more meaning than single characters.
    return {t: (1.0 + math.log(len(t))) if not t.isdigit() else 0.5 for t in dict.fromkeys(tokens)}


def year_fits(sentence: str, meta_year: int, years: list[int]) -> bool:
    """May this sentence answer for ``years``? Yes if it names an asked year; if it
    names only other years, no (never quote 2023's figure for 2022); if it names
    none, its section's year decides."""
    named = {int(y) for y in _YEAR_IN.findall(sentence)}
    if named:
        return bool(named & set(years))
    return meta_year in years or meta_year == 0


def content_tokens(question: str, retrieval: Retrieval) -> list[str]:
    drop = set()
    for s in retrieval.facts.streets:
        drop.update(tokenize(s))
    for y in retrieval.facts.years:
        drop.add(str(y))
    return [t for t in tokenize(_QWORDS.sub(" ", question)) if t not in drop]


def candidates(question: str, retrieval: Retrieval, limit: int = 8) -> list[Candidate]:
    qtok = content_tokens(question, retrieval)
    weights = _weights(qtok)
    total = sum(weights.values()) or 1.0
    years = retrieval.facts.years
    out: list[Candidate] = []
    for doc in retrieval.docs[:limit]:
        meta = doc.metadata
        rank = int(meta.get("rank", 1))
        text = doc.page_content
        spans = [(0, len(text))] if meta.get("is_record") else split_sentences(text)
        for s, e in spans:
            sent = text[s:e]
            if len(sent) < 4:
                continue
            if years and not year_fits(sent, int(meta.get("year") or 0), years):
                continue
            stoks = set(tokenize(sent))
            hit = sum(w for t, w in weights.items() if t in stoks)
            if len(sent) > LONG_SENTENCE and hit:
                s, e = _focus(text, s, e, weights, hit)
                sent = text[s:e]
            overlap = hit / total
            score = overlap + 0.08 / rank
            out.append(Candidate(doc, s, e, sent, score, overlap))
    out.sort(key=lambda c: -c.score)
    return out


LONG_SENTENCE = 150  # characters: longer sentences are quoted by the clause that answers


def _focus(text: str, s: int, e: int, weights: dict[str, float], hit: float) -> tuple[int, int]:
    """Narrow a long sentence to the clause carrying most of its match with the
    question, when that clause alone carries at least 60 % of it.

    Why: report sentences run to 300 characters ("2020年,街道办事处坚持…先后荣获
    上海市平安示范社区、…等荣誉称号。"); quoting all of it buries the answer. The
    clause keeps its enumeration ("、" does not split)."""
    bounds = [s] + [i + 1 for i in range(s, e) if text[i] in "，,；;"] + [e]
    best, best_hit = (s, e), 0.0
    for a, b in zip(bounds, bounds[1:], strict=False):
        toks = set(tokenize(text[a:b]))
        h = sum(w for t, w in weights.items() if t in toks)
        if h > best_hit:
            best, best_hit = (a, b), h
    return best if best_hit >= 0.6 * hit else (s, e)


def _stage_of(context: str) -> str | None:
    found = [(context.rfind(s), s) for s in STAGES if s in context]
    return max(found)[1] if found else None


def pick_quantity(question: str, sentence: str) -> str | None:
    """The number (with unit) in ``sentence`` that answers ``question``, or None."""
    want_unit = None
    noun = ""  # the thing counted when no measure word is given
    m = _UNIT_Q.search(question)
    if m:
        if len(m.group(1)) > 1 or m.group(1) in MEASURE_WORDS:
            want_unit = m.group(1)
        else:
            noun = re.split(r"[，,。？?的是]", question[m.start(1):])[0][:8]
    want_money = noun.rstrip("呢吗啊").endswith(MONEY_NOUNS)
    rate = bool(_RATE_Q.search(question))
    q_stage = next((s for s in STAGES if s in question and s != "完成"), None)
    done = q_stage is None and any(w in question for w in ("完成", "建成", "做完", "竣工", "完工"))
    best: tuple[float, str] | None = None
    staged: list[tuple[str, str, str]] = []  # (stage, text, unit) of every fitting quantity
    for m in _NUM_UNIT.finditer(sentence):
        number, unit = m.group(1), m.group(2) or ""
        if re.match(r"(?:19|20)\d{2}$", number) and sentence[m.end(1):m.end(1) + 1] in "年-":
            continue  # a year, not a quantity
        if rate and unit not in ("%", "％"):
            continue
        if want_unit and not (unit in _UNIT_EQUIV.get(want_unit, {want_unit})
                              or (unit in ("万", "亿") and sentence[m.end():m.end() + len(want_unit)] == want_unit)):
            continue
        if not rate and not want_unit and not unit:
            continue
        if want_money and unit not in MONEY_UNITS:
            continue
        clause_start = max(sentence.rfind(p, 0, m.start()) for p in "，,；;。、：:") + 1
        ends = [i for i in (sentence.find(p, m.end()) for p in "，,；;。") if i >= 0]
        clause = sentence[clause_start:min(ends) if ends else len(sentence)]
        context = sentence[clause_start:m.start()]
        stage = _stage_of(context)
        score = 1.0
        if noun and unit and unit in noun:
            score += 1.0  # "多少非法隔间" → "181间"
        if q_stage:
            # The stage may follow the number too: "44名社工招录".
            score += 2.0 if stage == q_stage or q_stage in clause else -1.0
        elif done:
            score += 1.5 if stage in _DONE_SYNONYMS[:3] else 0.5 if stage in (None, "完成") else -0.5
        qt = set(tokenize(question))
        score += 0.3 * len(qt & set(tokenize(context)))
        text = sentence[m.start():m.end()]
        if unit in ("万", "亿") and want_unit:
            text += want_unit
        if score > 0 and stage:
            staged.append((stage, text, unit))
        if best is None or score > best[0]:
            best = (score, text)
    if best and best[0] > 0 and not q_stage and not done:
        # "加装电梯多少台" against "签约18台,开工13台,完工11台": no stage asked, so any one
        # figure alone would mislead — give each with its stage.
        units = {u for _, _, u in staged}
        if len({st for st, _, _ in staged}) >= 2 and len(units) == 1:
            return "、".join(f"{st}{text}" for st, text, _ in staged)
    return best[1] if best and best[0] > 0 else None


def pick_fields(question: str, record: str) -> list[str]:
    """For a table record, the fields the question asks about (牵头单位/完成时间…)."""
    wanted = [name for name, pat in _FIELD_Q.items() if pat.search(question)]
    out = []
    for name in wanted:
        m = re.search(rf"{name}：(\S+)", record)
        if m:
            out.append(f"{name}：{m.group(1)}")
    return out


def _where(doc: Document) -> str:
    meta = doc.metadata
    place = meta.get("street") or meta.get("district") or ""
    year = meta.get("year") or ""
    bits = [b for b in (place, f"{year}年" if year else "") if b]
    return "，".join(bits)


def refusal_text(retrieval: Retrieval, topic: str, known_streets: list[str], known_years: list[int]) -> str:
    facts = retrieval.facts
    place = "、".join(facts.streets or facts.districts)
    years = "、".join(f"{y}年" for y in facts.years)
    what = f"{place}{years}{topic}".strip()
    if not retrieval.street_covered:
        names = "、".join(retrieval.unknown_streets)
        return f"现有文件中未找到{names}的资料。已收录的街道：{'、'.join(known_streets) or '无'}。"
    if not retrieval.year_covered:
        covered = retrieval.years_available or known_years
        scope = f"{place}的" if place and retrieval.years_available else "现有"
        return f"现有文件中未找到{what}的相关内容。{scope}文件涉及的年份：{'、'.join(str(y) for y in covered)}。"
    return f"现有文件中未找到{what}。"


def topic_of(question: str, retrieval: Retrieval) -> str:
    q = question
    for s in retrieval.facts.streets:
        for alias in (s, s.removesuffix("街道")):
            q = q.replace(alias, "")
    q = _YEAR_IN.sub("", q)
    q = re.sub(r"街道|请问|(?:多少|几)(?:人次|[个台家户人项次件场名所条批处])?|是多少|有哪些|哪些|什么|怎么样|如何|吗|呢|？|\?|。", "", q)
    return q.strip("，, 的")


def answer_extractive(question: str, rewritten: str, retrieval: Retrieval,
                      known_streets: list[str], known_years: list[int]) -> Answer:
    """Compose a cited answer from retrieved passages, or refuse."""
    q = rewritten
    contexts = [
        {"rank": d.metadata.get("rank"), "chunk_id": d.id, "source": d.metadata.get("source"),
         "score": d.metadata.get("score"), "text": d.page_content}
        for d in retrieval.docs
    ]
    base = Answer(question=question, rewritten_question=rewritten, answer="", refused=True, contexts=contexts)
    topic = topic_of(q, retrieval)
    if not retrieval.street_covered or not retrieval.year_covered or not retrieval.docs:
        base.answer = refusal_text(retrieval, topic, known_streets, known_years)
        return base
    cands = candidates(q, retrieval)
    facts = retrieval.facts
    wants_number = facts.wants_number
    chosen: list[tuple[Candidate, str | None]] = []
    for cand in cands[:12]:
        if cand.overlap < MIN_OVERLAP:
            break
        if cand.doc.metadata.get("is_record"):
            fields = pick_fields(q, cand.text)
            if fields or not wants_number:
                chosen.append((cand, "；".join(fields) if fields else None))
                break
        if wants_number:
            qty = pick_quantity(q, cand.text)
            if qty:
                chosen.append((cand, qty))
                break
            continue
        chosen.append((cand, None))
        if len(chosen) >= 2:
            break
    if not chosen:
        base.answer = refusal_text(retrieval, topic, known_streets, known_years)
        if cands:
            near = cands[0]
            base.answer += f"最接近的内容：“{near.text}”[1]"
            base.citations = [_cite(1, near)]
        return base
    lines: list[str] = []
    citations: list[Citation] = []
    for cand, lead in chosen:
        n = len(citations) + 1
        citations.append(_cite(n, cand))
        where = _where(cand.doc)
        title = cand.doc.metadata.get("title", "")
        if lead:
            lines.append(f"{lead}（{where}）[{n}]")
            lines.append(f"依据《{title}》：“{cand.text}”[{n}]")
        else:
            lines.append(f"据《{title}》（{where}）：“{cand.text}”[{n}]")
    base.answer = "\n".join(lines)
    base.refused = False
    base.citations = citations
    return base


def _cite(n: int, cand: Candidate) -> Citation:
    meta = cand.doc.metadata
    return Citation(
        n=n, source=meta.get("source", ""), title=meta.get("title", ""), street=meta.get("street", ""),
        year=int(meta.get("year") or 0) or None, section=meta.get("section", ""), chunk_id=str(cand.doc.id),
        quote=cand.text,
    )
