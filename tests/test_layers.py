"""The layering the README states, checked on the source: each package imports only
from packages below it, so a face (``ui``) can be replaced without touching the
answerer, and nothing below ``assistant.service`` builds an index or an assistant
for itself. Reads the code with ``ast``: no import is executed, no model loaded."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Lower number = lower layer. A package may import its own layer and those below.
LAYERS = {"core": 0, "ingest": 1, "prompts": 1, "vectorstore": 2, "assistant": 3, "evals": 4, "ui": 5}
# Inside assistant/: the composition root sits on top; nothing else may import it.
ROOT_MODULES = {"assistant.service"}


def _modules() -> list[Path]:
    return sorted(p for pkg in LAYERS for p in (ROOT / pkg).rglob("*.py"))


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
    return out


def _name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down(path: Path) -> None:
    me = _name(path)
    mine = LAYERS[me.split(".")[0]]
    for target in _imports(path):
        top = target.split(".")[0]
        if top in LAYERS:
            assert LAYERS[top] <= mine, f"{me} imports {target}: {top} is above {me.split('.')[0]}"
        if target in ROOT_MODULES:
            assert me.split(".")[0] != "assistant" or me == target, f"{me} imports the composition root {target}"
