"""The evaluation question set: schema and loading.

``evidence`` is a verbatim substring of the *cleaned* source text (the text
chunks point into), so a retrieved chunk "contains the evidence" exactly.
An item with no ``answers`` expects a refusal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

QType = Literal["number", "entity", "list", "date", "yesno", "cross_doc", "disambiguation", "unanswerable", "followup",
                "outline", "aggregate"]
DEFAULT_SET = Path(__file__).with_name("questions.jsonl")


class EvalItem(BaseModel):
    id: str
    question: str = Field(min_length=2)
    history: list[str] = Field(default_factory=list)
    answers: list[str] = Field(default_factory=list)
    must_include: list[str] = Field(default_factory=list)
    source: str | None = None
    evidence: str = ""
    type: QType
    split: str = "tune"  # tune | check (dev set), paraphrase, general — see evals/sets.py
    of: str | None = None  # for a paraphrase: the dev question it rephrases
    habit: str | None = None  # for a paraphrase: the typing habits it uses

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


def load_set(path: Path | None = None) -> list[EvalItem]:
    items = []
    for n, line in enumerate((path or DEFAULT_SET).read_text("utf-8").splitlines(), start=1):
        if line.strip():
            try:
                items.append(EvalItem.model_validate(json.loads(line)))
            except Exception as exc:
                raise ValueError(f"line {n}: {exc}") from exc
    return items


def check_set(items: list[EvalItem], corpus_dirs: Path | list[Path]) -> list[str]:
    """Problems with the set: evidence not found verbatim in its cleaned source."""
    dirs = [corpus_dirs] if isinstance(corpus_dirs, Path) else corpus_dirs
    from ingest.clean import clean_text
    from ingest.loaders import load_file

    texts: dict[str, str] = {}
    problems = []
    for item in items:
        if item.answerable and (not item.source or not item.evidence):
            problems.append(f"{item.id}: answerable but no source/evidence")
            continue
        if not item.source:
            continue
        if item.source not in texts:
            path = next((d / item.source for d in dirs if (d / item.source).is_file()), None)
            if path is None:
                problems.append(f"{item.id}: source {item.source} not in {', '.join(map(str, dirs))}")
                continue
            texts[item.source] = clean_text(load_file(path, 1 << 30).text).text
        if item.evidence not in texts[item.source]:
            problems.append(f"{item.id}: evidence not in {item.source}: {item.evidence}")
    return problems
