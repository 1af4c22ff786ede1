"""The grading rules themselves: what counts as an expected item found."""

from __future__ import annotations

import pytest

from evals.metrics import includes_all


@pytest.mark.parametrize(("answer", "must", "found"), [
    ("全年拆违1.05万平方米", ["全年拆违 1.05 万平方米"], True),  # the source's typesetting spaces
    ("完工11台", ["完工十一台"], True),  # numbers compared as numbers
    ("签约1,234户", ["1234户"], True),
    ("全年拆违", ["全年拆违 1.05 万平方米"], False),
    ("完工11台", ["完工11台", "开工13台"], False),  # every item, not any
])
def test_includes_all(answer: str, must: list[str], found: bool) -> None:
    assert includes_all(answer, must) is found
