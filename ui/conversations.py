"""Conversations kept on the server, per user, under ``WORKPLAN_HOME/conversations``.

Why on the server: the browser's own storage is lost with a cleared cache, a new machine or
a restarted server (Gradio encrypts it with a key of the running process), and staff come
back to yesterday's chat. One JSON file per conversation, written atomically, in a folder
per user: the ``--auth`` login, or a random id the browser keeps when there is no login.
User names are hashed into folder names, so no name can reach outside the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TITLE_CHARS = 30  # a title made from the first question
TITLE_MAX = 60  # a title the user gives
VERSION = 2
_ID = re.compile(r"[0-9a-f]{12}")


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def default_title(questions: list[str]) -> str:
    """A conversation is named by its first question until the user renames it."""
    first = " ".join((questions[0] if questions else "").split())
    if not first:
        return "新对话"
    return first if len(first) <= TITLE_CHARS else first[:TITLE_CHARS] + "…"


@dataclass(frozen=True)
class Summary:
    id: str
    title: str
    updated: float

    def label(self) -> str:
        """What the history list shows: title, then when it was last used."""
        return f"{self.title}（{time.strftime('%m-%d %H:%M', time.localtime(self.updated))}）"


class ConversationStore:
    def __init__(self, root: Path, retention_days: float = 180.0, per_user: int = 200) -> None:
        self.root = root
        self.retention_s = retention_days * 86400
        self.per_user = per_user
        self._lock = threading.Lock()

    def _folder(self, user: str) -> Path:
        return self.root / hashlib.sha256(user.encode("utf-8")).hexdigest()[:24]

    def _path(self, user: str, conv_id: str) -> Path | None:
        return self._folder(user) / f"{conv_id}.json" if _ID.fullmatch(conv_id or "") else None

    def load(self, user: str, conv_id: str) -> dict[str, Any] | None:
        path = self._path(user, conv_id)
        if path is None or not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a damaged file is skipped, never shown half
        return data if isinstance(data, dict) and data.get("version") == VERSION else None

    def save(self, user: str, conv_id: str, chat: list[dict[str, Any]], questions: list[str],
             answers: list[dict[str, Any]]) -> str:
        """Write the conversation and return the id it is stored under. An empty one is not stored
        (新对话 leaves no blank entries). If the stored copy holds turns this one lacks (another tab
        went on with it), this one is stored as a new conversation, so neither loses answers."""
        path = self._path(user, conv_id)
        if path is None or not chat:
            return conv_id
        with self._lock:
            old = self.load(user, conv_id) or {}
            if old and list(old.get("questions") or []) != questions[: len(old.get("questions") or [])]:
                conv_id, old = new_id(), {}
                path = self._path(user, conv_id)
                assert path is not None
            now = time.time()
            data = {"version": VERSION, "id": conv_id, "created": old.get("created", now), "updated": now,
                    "title": old["title"] if old.get("renamed") else default_title(questions),
                    "renamed": bool(old.get("renamed")), "chat": chat, "questions": questions, "answers": answers}
            _write(path, data)
        self.purge(user)
        return conv_id

    def list(self, user: str) -> list[Summary]:
        """The user's conversations, most recently used first."""
        out = []
        folder = self._folder(user)
        for path in folder.glob("*.json") if folder.is_dir() else []:
            data = self.load(user, path.stem)
            if data:
                out.append(Summary(path.stem, str(data.get("title") or "新对话"), float(data.get("updated", 0))))
        return sorted(out, key=lambda s: s.updated, reverse=True)

    def rename(self, user: str, conv_id: str, title: str) -> bool:
        title = " ".join((title or "").split())[:TITLE_MAX]
        with self._lock:
            data = self.load(user, conv_id)
            path = self._path(user, conv_id)
            if not data or not title or path is None:
                return False
            data.update(title=title, renamed=True)
            _write(path, data)
        return True

    def delete(self, user: str, conv_id: str) -> bool:
        path = self._path(user, conv_id)
        with self._lock:  # never between another save's read and write
            if path is None or not path.is_file():
                return False
            path.unlink(missing_ok=True)
        return True

    def purge(self, user: str, now: float | None = None) -> int:
        """Delete what the retention settings say to: chats unused past the retention time, and
        the oldest beyond the per-user limit. Returns how many went."""
        now = time.time() if now is None else now
        gone = 0
        for i, s in enumerate(self.list(user)):
            if i >= self.per_user or (self.retention_s > 0 and now - s.updated > self.retention_s):
                gone += self.delete(user, s.id)
        return gone


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
