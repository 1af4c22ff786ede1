"""The checks between any model and the user.

Why more than "every number is in a cited passage": a weak or careless model
refuses questions the passages answer, returns citation markers with no words,
states another year's figure while citing that year's sentence, or has the right
figure under the wrong citation. Each check below is decided on the parsed
question and the passages the model was given, never on the model's say-so, and
each answer records which checks ran, which failed and what was changed
(``Answer.checks``), so a corrected or replaced answer says why.

1. content — an answer must say something beyond markers and boilerplate;
2. refusal — a model refusal stands only if the extractive answerer also finds
   nothing in the same passages;
3. re-citation — a number that is in another given passage is cited to it;
4. numbers — a number in no given passage rejects the answer;
5. agreement — the cited sentence must be about the asked year, place and stage;
6. figure — for a number question, the model's figure must be the one the extractive
   answerer finds in the most relevant sentence (a re-cited "2家" from a sentence about
   something else is not the answer), and where the extractive answerer finds no figure
   at all, the model may not state one ("钢产量为4743亿美元" from the trade sentence);
   for a date question, the model's date must be the extractive answerer's;
7. items — a list or outline question must list every item the extractive answerer lists;
8. held — on a number question or a question in parts, every figure the model states must be
   in a sentence the extractive answerer chose (not just in some passage it was given);
9. parts — a question in parts ("2016年和2017年分别…", "长寿路和金杨…") is answered part by
   part: every part the extractive answerer can answer must be cited by the model too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answer import Answer, Citation
from assistant.answerers.extractive import year_fits
from assistant.answerers.llm import REFUSAL_MARK, supporting_sentence
from assistant.numbers import extract_numbers, unsupported_numbers
from assistant.verify import check_numbers
from core.gazetteer import street_aliases
from core.lexicon import stages_in
from core.textnorm import for_matching, years_named
from core.types import Passage, Query

_MARKERS = re.compile(r"\[(\d{1,3})\]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NO_CONTENT = re.compile(r"[\s\W_\d]+")
_BOILERPLATE = re.compile(r"根据|依据|以上|段落|资料|文件|回答|如下|答案")


@dataclass
class Checks:
    ran: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[str]]:
        return {"ran": self.ran, "failed": self.failed, "changed": self.changed}


def has_content(text: str) -> bool:
    """Chinese words beyond citation markers, punctuation and boilerplate ("[1] [2]" has
    none; an answer in English is not one staff can use or check against the quote)."""
    rest = _NO_CONTENT.sub("", _BOILERPLATE.sub("", _MARKERS.sub("", text)))
    return len(_HAN.findall(rest)) >= 2


def recite(answer: Answer, passages: list[Passage]) -> list[str]:
    """Cite each number that no cited passage holds to a given passage that does; returns
    the numbers re-cited. The number's sentence gets the new marker."""
    fixed: list[str] = []
    for number in check_numbers(answer):
        holder = next((p for p in passages if not unsupported_numbers(number, [p.text])), None)
        if holder is None:
            continue
        n = next((c.n for c in answer.citations if c.chunk_id == holder.chunk_id), None)
        if n is None:
            n = len(answer.citations) + 1
            answer.citations.append(Citation(
                n=n, source=holder.source, title=holder.title, street=holder.street, year=holder.year or None,
                section=holder.section, chunk_id=holder.chunk_id, quote=supporting_sentence(holder.text, number)))
        sentences = re.split(r"(?<=[。！？\n])", answer.answer)
        for i, s in enumerate(sentences):
            if number in extract_numbers(s) and f"[{n}]" not in s:
                end = len(s.rstrip("。！？\n"))
                sentences[i] = s[:end] + f"[{n}]" + s[end:]
                break
        answer.answer = "".join(sentences)
        fixed.append(number)
    return fixed


def disagreement(answer: Answer, query: Query, passages: dict[str, Passage]) -> str:
    """Why a cited sentence is not about what was asked ("" when it is): another year,
    another street, or the stated figure at another stage ("开工13台" for 完工)."""
    years = query.topic_years if query.years and not set(query.years) <= set(query.report_years) else []
    for c in answer.citations:
        p = passages.get(c.chunk_id)
        if p is None:
            continue
        if years and not year_fits(for_matching(c.quote), p.year, years):
            return f"引用的句子不是{'、'.join(str(y) for y in years)}年的内容"
        if query.streets and p.street and p.street not in query.streets:
            return f"引用的段落属于{p.street}"
        stage = query.stage or ("完工" if query.done else None)
        if stage:
            quote = for_matching(c.quote)
            for number in extract_numbers(answer.answer):
                at = _position_of(quote, number)
                if at is None:
                    continue
                stages = stages_in(quote[max(0, at - 12):at])
                if stages and stages[-1][1] != stage:
                    return f"回答中的数字 {number} 在原文中属于“{stages[-1][1]}”，不是所问的“{stage}”"
    return ""


def misdated_figure(answer: Answer, passages: dict[str, Passage], asked_years: list[int]) -> str:
    """A figure the model puts in one asked year while the sentence it cites for it belongs to
    another ("五角场2016年…更新8处" where 8处 is in the 2017 plan): why, or ""."""
    by_n = {c.n: c for c in answer.citations}
    for sentence in re.split(r"(?<=[。；;！？\n])", answer.answer):
        named = [y for y in years_named(for_matching(_MARKERS.sub("", sentence))) if y in asked_years]
        cited = [by_n[int(n)] for n in _MARKERS.findall(sentence) if int(n) in by_n]
        if len(set(named)) != 1 or not cited:
            continue
        for number in extract_numbers(_MARKERS.sub("", sentence)):
            if number in {str(y) for y in asked_years}:
                continue
            holders = [c for c in cited if number in extract_numbers(c.quote)]
            if holders and not any(year_fits(for_matching(c.quote), passages[c.chunk_id].year if c.chunk_id in passages
                                             else (c.year or 0), named) for c in holders):
                return f"回答把 {number} 说成{named[0]}年的数字，原文中它不属于{named[0]}年"
    return ""


_DIFFERENCE = re.compile(r"比[^，,。；;]{1,16}?(?:多|少|高|低|增加|减少)(?:出|了)?\s*(?:约|近)?\d")


def computed_difference(text: str) -> str:
    """"五角场比长寿路多37次": a difference the model computed (or misread) is stated as a figure;
    comparisons are stated with each place's quoted figure, never a difference."""
    found = _DIFFERENCE.search(_MARKERS.sub("", text))
    return f"回答给出了计算出的差值（“{found.group()}…”），原文没有这个数" if found else ""


def misplaced_figure(answer: Answer, found: Answer, passages: dict[str, Passage], streets: list[str]) -> str:
    """A figure the model gives one asked street ("…，长寿路为73.8%") that no sentence the extractive
    answerer chose for that street holds: why, or "". Clauses naming several streets are left alone."""
    if len(streets) < 2 or found.refused:
        return ""
    held: dict[str, set[str]] = {}
    for c in found.citations:
        p = passages.get(c.chunk_id)
        place = p.street if p is not None else c.street
        held.setdefault(place, set()).update(extract_numbers(c.quote))
    for clause in re.split(r"[，,；;。！？\n]", _MARKERS.sub("", answer.answer)):
        named = [s for s in streets if any(alias in clause for alias in street_aliases(s))]
        if len(named) != 1 or named[0] not in held:
            continue
        for number in extract_numbers(clause):
            if not re.fullmatch(r"(?:19|20)\d{2}", number) and number not in held[named[0]]:
                return f"回答给{named[0]}的数字 {number} 不在该街道最相关的原文句子中"
    return ""


def _position_of(text: str, number: str) -> int | None:
    for m in re.finditer(r"\d+(?:\.\d+)?", text):
        if extract_numbers(text[m.start():m.end() + 2])[:1] == [number] or m.group() == number:
            return m.start()
    return None


def _part_label(q: Query) -> str:
    return "".join(q.streets) + "".join(f"{y}年" for y in q.years) or q.question


def _covers(c: Citation, p: Passage | None, q: Query) -> bool:
    """Is citation ``c`` (of passage ``p``) about part ``q`` — its street and its year?"""
    if p is None:
        return False
    if q.streets and p.street and p.street not in q.streets:
        return False
    years = q.topic_years if q.years and not set(q.years) <= set(q.report_years) else []
    return not years or year_fits(for_matching(c.quote), p.year, years)


def unanswered_parts(answer: Answer, found: Answer, parts: list[Query], passages: dict[str, Passage]) -> list[str]:
    """The parts the extractive answer ``found`` answers but the model's ``answer`` cites nothing for."""
    # a refused part's "最接近的内容" is cited too, but it is no answer the model owes
    nearest = {int(n) for line in found.declined for n in _MARKERS.findall(line)}
    answering = [c for c in found.citations if c.n not in nearest]
    out = []
    for q in parts:
        expected = any(_covers(c, passages.get(c.chunk_id), q) for c in answering)
        given = any(_covers(c, passages.get(c.chunk_id), q) for c in answer.citations)
        if expected and not given:
            out.append(_part_label(q))
    return out


def guard(answer: Answer, query: Query, passages: list[Passage], extractive: Callable[[], Answer],
          parts: list[Query] | None = None) -> Answer:
    """The model's answer, corrected where it can be, or the extractive answer with a note.
    ``parts``: the question's parts when it has several (each street or year asked)."""
    checks = Checks()
    by_id = {p.chunk_id: p for p in passages}

    def replaced(why: str, note: str) -> Answer:
        checks.failed.append(why)
        checks.changed.append("replaced by the extractive answer")
        out = extractive()
        out.backend = f"{answer.backend}→extractive"
        out.notes.append(note)
        out.checks = checks.to_dict()
        return out

    checks.ran.append("content")
    if not answer.refused and not has_content(answer.answer):
        return replaced("content", "大模型回答没有可核对的中文内容（只有引用编号或不是中文），已改用摘录式回答")
    checks.ran.append("refusal")
    if answer.refused or answer.answer.startswith(REFUSAL_MARK):
        found = extractive()
        if not found.refused:
            return replaced("refusal", "大模型未找到答案，但文件中有相关内容，已改用摘录式回答")
        answer.checks = checks.to_dict()
        return answer
    checks.ran.append("re-citation")
    moved = recite(answer, passages)
    if moved:
        checks.changed.append(f"re-cited {'、'.join(moved)}")
        answer.notes.append(f"已为数字 {'、'.join(moved)} 更正引用")
    checks.ran.append("numbers")
    bad = check_numbers(answer)
    if bad:
        return replaced("numbers", f"大模型回答中的数字 {'、'.join(bad)} 未在引用段落中找到，已改用摘录式回答")
    checks.ran.append("citations")
    if not answer.citations:
        return replaced("citations", "大模型回答没有标注引用，已改用摘录式回答")
    checks.ran.append("agreement")
    why = (computed_difference(answer.answer) or disagreement(answer, query, by_id) or misdated_figure(answer, by_id, query.topic_years if query.years else [])
           or (misplaced_figure(answer, extractive(), by_id, query.streets) if parts and len(parts) > 1 else ""))
    if why:
        return replaced("agreement", f"{why}，已改用摘录式回答")
    if parts and len(parts) > 1:
        checks.ran.append("parts")
        missing = unanswered_parts(answer, extractive(), parts, by_id)
        if missing:
            return replaced("parts", f"大模型回答漏答了{'、'.join(missing)}的部分，已改用摘录式回答")
    if query.intent == "date":
        checks.ran.append("date")
        found = extractive()
        expected = set(_figures(found.answer.split("\n")[0], query)) if not found.refused else set()
        if expected and not expected <= set(_figures(answer.answer, query)):
            return replaced("date", "大模型给出的日期与文件中的日期不一致，已改用摘录式回答")
    if query.intent in ("list", "outline"):
        checks.ran.append("items")
        found = extractive()
        missing = [item for item in listed(found.answer) if _bare(item) not in _bare(answer.answer)]
        if missing:
            return replaced("items", f"大模型回答漏列了 {len(missing)} 项（如“{missing[0][:20]}”），已改用摘录式回答")
    if query.wants_number or (parts and len(parts) > 1):
        # every figure the model states must be one the extractive answerer's chosen sentences hold:
        # "金杨新村街道做了12台" re-cited to some passage is no answer when 金杨's sentence says 6部
        found = extractive()
        if not found.refused:
            held = {n for c in found.citations for n in extract_numbers(c.quote)}
            foreign = [n for n in _figures(answer.answer, query) if n not in held]
            checks.ran.append("held")
            if foreign:
                return replaced("held", f"大模型回答中的数字 {'、'.join(foreign)} 不在最相关的原文句子中，已改用摘录式回答")
    if query.wants_number:
        checks.ran.append("figure")
        found = extractive()
        stated = set(_figures(answer.answer, query))
        if found.refused and stated:
            # "2000年钢产量为4743亿美元" from the foreign-trade sentence: no passage holds the asked
            # figure, so a figure the model states is attached to something else.
            return replaced("figure", "文件中没有所问的数字，大模型给出的数字属于别的事项，已改用摘录式回答")
        expected = set(_figures(found.answer.split("\n")[0], query)) if not found.refused else set()
        if expected and not expected & stated:
            return replaced("figure", "大模型给出的数字与文件中最相关句子的数字不一致，已改用摘录式回答")
    answer.checks = checks.to_dict()
    return answer


def listed(text: str) -> list[str]:
    """The "- item[n]" lines of a list or outline answer, markers dropped."""
    return [_MARKERS.sub("", line[2:]).strip() for line in text.split("\n") if line.startswith("- ")]


def _bare(text: str) -> str:
    """Text compared without spaces, punctuation or markers (a model re-punctuates items)."""
    return re.sub(r"[\s\W_]+", "", _MARKERS.sub("", text))


def _figures(text: str, query: Query) -> list[str]:
    """The quantities a text states, years left out."""
    years = {str(y) for y in query.years}
    return [n for n in extract_numbers(_MARKERS.sub("", text)) if n not in years]
