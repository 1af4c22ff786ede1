"""Typed errors, each carrying a message staff can read (Chinese) and act on."""

from __future__ import annotations


class WorkplanError(Exception):
    """Base error; ``message_zh`` is what the CLI/UI shows to staff."""

    def __init__(self, message_zh: str, detail: str = "") -> None:
        super().__init__(message_zh if not detail else f"{message_zh}（{detail}）")
        self.message_zh = message_zh
        self.detail = detail


class IngestError(WorkplanError):
    """A single file could not be ingested; the run goes on without it."""


class StoreUnavailable(WorkplanError):
    """The vector store (e.g. a Chroma server) cannot be reached."""


class IndexMismatch(WorkplanError):
    """The index was built with another embedding model or chunking; re-index."""


class InvalidQuestion(WorkplanError):
    """The question cannot be answered as given (empty, too long, control chars)."""
