"""Shared fixtures: one real index over the bundled corpus per test session.

Embedding the corpus is the slow step (~40 s), so the index, and its embedding
cache, are built once; tests that need their own index reuse the same cached
embeddings object, so only genuinely new text is embedded.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.settings import BUNDLED_CORPUS, Settings
from vectorstore.embeddings import CachedEmbeddings, build_embeddings
from vectorstore.index import Index


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
