"""Shared fixtures, in two tiers.

- Integration (marked ``integration`` automatically when a test uses them): one real
  index over the bundled corpus with the bundled e5 model, built once per session —
  embedding is the slow step (~40 s); tests that need their own index reuse the same
  cached embeddings object, so only genuinely new text is embedded.
- Fast (``pytest -m "not integration"``): the same corpus, the same Chroma, BM25 and
  answerers, embedded by ``HashingEmbeddings`` (no model) — seconds for the whole tier.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.settings import BUNDLED_CORPUS, Settings
from vectorstore.embeddings import CachedEmbeddings, build_embeddings
from vectorstore.index import Index

# Fixtures that load the e5 model or start servers: a test using one is an integration test.
HEAVY_FIXTURES = frozenset({"embeddings", "index", "assistant", "service", "fresh_settings", "llm_url", "gguf",
                            "llm_assistant"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HEAVY_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def session_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workplan_home")


@pytest.fixture(scope="session")
def settings(session_home: Path) -> Settings:
    return Settings(home=session_home, corpus_dir=BUNDLED_CORPUS)


@pytest.fixture(scope="session")
def embeddings(settings: Settings) -> CachedEmbeddings:
    return build_embeddings(settings)


@pytest.fixture(scope="session")
def index(settings: Settings, embeddings: CachedEmbeddings) -> Index:
    idx = Index(settings, embeddings=embeddings)
    report = idx.sync([BUNDLED_CORPUS])
    assert report.ok and len(report.added) == 5
    return idx


@pytest.fixture(scope="session")
def assistant(settings: Settings, index: Index):
    from assistant.chain import Assistant

    return Assistant(settings, index=index)


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Iterator[Path]:
    """A private copy of the bundled corpus that a test may change."""
    dst = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, dst)
    yield dst


@pytest.fixture()
def fresh_settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", corpus_dir=BUNDLED_CORPUS)


@pytest.fixture(scope="session")
def service(settings: Settings, index: Index, assistant):
    """The composition root over the session index, as every face gets it."""
    from assistant.library import Library
    from assistant.service import Service

    return Service(settings=settings, assistant=assistant, library=Library(index))


# -- fast tier: no model --------------------------------------------------------------
@pytest.fixture(scope="session")
def fast_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(home=tmp_path_factory.mktemp("fast_home"), corpus_dir=BUNDLED_CORPUS, embed_backend="hashing")


@pytest.fixture(scope="session")
def fast_index(fast_settings: Settings) -> Index:
    idx = Index(fast_settings)
    report = idx.sync([BUNDLED_CORPUS])
    assert report.ok and len(report.added) == 5
    return idx


@pytest.fixture(scope="session")
def fast_service(fast_settings: Settings, fast_index: Index):
    from assistant.service import open_service

    return open_service(fast_settings, index=fast_index, build=False)


@pytest.fixture()
def scripted_model():
    """A local OpenAI-compatible server that replies what the test sets (tests/servers.py)."""
    from tests.servers import ScriptedChatServer

    server = ScriptedChatServer()
    yield server
    server.close()


@pytest.fixture()
def fast_llm(fast_settings: Settings, fast_index: Index, scripted_model):
    """The llm backend over the fast index, talking HTTP to ``scripted_model``."""
    from assistant.chain import Assistant

    settings = fast_settings.model_copy(update={"backend": "llm", "llm_base_url": scripted_model.url,
                                                "llm_timeout_s": 1.0})
    return Assistant(settings, index=fast_index)
