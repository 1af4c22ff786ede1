"""The composition root: the one place that opens the index, builds it from the
bundled corpus on a first run, warms it, and hands every face (web page, CLI,
batch files, eval) the same assistant and document library.

Why one root: before it, the CLI built the index and the page and the eval
imported that helper back from the CLI — a face depending on a face. Faces now
depend on this module only, and nothing below it knows a face exists.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from assistant.chain import Assistant
from assistant.library import Library
from core.settings import Settings
from vectorstore.embeddings import CachedEmbeddings
from vectorstore.index import Index


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


@dataclass
class Service:
    """What a face needs: the settings, the assistant that answers, the library that
    lists, imports and removes documents (both over the same index)."""

    settings: Settings
    assistant: Assistant
    library: Library

    @property
    def index(self) -> Index:
        return self.assistant.index


def open_index(settings: Settings, embeddings: CachedEmbeddings | None = None) -> Index:
    return Index(settings, embeddings=embeddings)


def bootstrap(library: Library, settings: Settings, notify: Callable[[str], None] = _to_stderr) -> None:
    """First run: index the bundled corpus so the first question already has an answer."""
    if library.is_empty():
        notify(f"首次运行：正在为 {settings.corpus_dir} 建立索引（约一分钟）…")
        report = library.ingest([settings.corpus_dir], progress=sys.stderr.isatty())
        notify(f"已索引 {len(report.added)} 个文件，{report.chunks_written} 个段落。")


def open_service(settings: Settings, *, index: Index | None = None, build: bool = True, warm: bool = False,
                 notify: Callable[[str], None] = _to_stderr) -> Service:
    """The assistant and library over ``settings``' index (or ``index``, for tests and
    eval sets that bring their own); ``build`` indexes the bundled corpus when the index
    is empty, ``warm`` loads what the first question would otherwise wait for."""
    index = index or open_index(settings)
    library = Library(index)
    if build:
        bootstrap(library, settings, notify)
    if warm:
        index.warm()
    return Service(settings=settings, assistant=Assistant(settings, index=index), library=library)
