"""Understand a question before searching: streets, districts, years, whether it
asks about work done (review) or planned (plan), and whether it wants a number."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import gazetteer
from ingest.models import Kind

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")
_REVIEW = re.compile(r"完成了|完成多少|完成几|完工|做了|做过|取得|实现了|成效|成果|回顾|总结|去年|累计|共计|已经|已|开展了|获得|荣获|获评|办结|达到了|多少家|受理")
_PLAN = re.compile(r"计划|打算|将要|准备|安排|目标|任务|要点|部署|拟|明年|要做|重点做|推进什么|将")
_NUMBER = re.compile(r"多少|(?<!哪)几[个台家户人项次件场名所条批]?|比例|百分之|占比|率是|金额|数量|总数|多大|多高|几成")


@dataclass
class QueryFacts:
    question: str
    streets: list[str] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    kind: Kind | None = None
    wants_number: bool = False


def parse_question(question: str, known_streets: list[str] | tuple[str, ...] = ()) -> QueryFacts:
    """Pure parse of a staff question; ``known_streets`` adds streets found in the index."""
    facts = QueryFacts(question=question)
    facts.streets = gazetteer.find_streets(question, known_streets)
    if not facts.streets:
        guessed = gazetteer.guess_street(question)
        if guessed:
            facts.streets = [guessed]
    facts.districts = gazetteer.find_districts(question)
    facts.years = sorted({int(y) for y in _YEAR.findall(question)})
    plan = bool(_PLAN.search(question))
    review = bool(_REVIEW.search(question))
    if plan and not re.search(r"完成了|已经|已完成|做了|取得", question):
        facts.kind = "plan"
    elif review:
        facts.kind = "review"
    facts.wants_number = bool(_NUMBER.search(question))
    return facts
