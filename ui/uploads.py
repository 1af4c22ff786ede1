"""Files handed in by a person or a tool (the page's upload box, the HTTP API):
checked, copied into the upload folder under a safe name, then ingested.

Why one place: the page and the API must accept and reject the same files with
the same Chinese reasons, and neither may write outside the upload folder.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.library import Library
from core.settings import Settings
from core.types import DocumentInfo
from ingest.loaders import SUPPORTED_SUFFIXES
from vectorstore.writer import FilePages

_UNSAFE_NAME = re.compile(r"[\x00-\x1f/\\:*?\"<>|]")


def safe_filename(name: str) -> str:
    """A bare file name that cannot leave the upload folder (no path, no ``..``)."""
    base = Path(name.replace("\\", "/")).name
    base = _UNSAFE_NAME.sub("_", base).strip(" .")
    return base[:120] or "upload"


@dataclass
class UploadResult:
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason in Chinese)
    chunks: int = 0

    def to_dict(self) -> dict[str, object]:
        return {"imported": self.imported, "unchanged": self.unchanged, "chunks": self.chunks,
                "rejected": [{"file": f, "reason": r} for f, r in self.rejected]}


def upload_folder(settings: Settings) -> Path:
    folder = settings.ensure_home() / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def import_files(files: list[tuple[str, Path]], library: Library, settings: Settings,
                 on_page: FilePages | None = None) -> UploadResult:
    """(name as given, where its bytes are) → checked, copied, ingested incrementally."""
    result = UploadResult()
    accepted: list[Path] = []
    folder = upload_folder(settings)
    for given, src in files:
        name = safe_filename(given)
        if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
            result.rejected.append((name, f"不支持的文件类型（支持 {'、'.join(sorted(SUPPORTED_SUFFIXES))}）"))
            continue
        size = src.stat().st_size if src.is_file() else -1
        if size < 0:
            result.rejected.append((name, "文件无法读取"))
            continue
        if size > settings.max_file_bytes:
            result.rejected.append((name, f"文件过大（{size / 1048576:.1f} MB，上限 {settings.max_file_mb:g} MB）"))
            continue
        dest = folder / name
        if dest.resolve().parent != folder.resolve():
            result.rejected.append((name, "文件名不合法"))
            continue
        shutil.copyfile(src, dest)
        accepted.append(dest)
    if accepted:
        report = library.ingest(accepted, on_page=on_page)
        result.imported = report.added + report.updated
        result.unchanged = list(report.unchanged)
        result.chunks = report.chunks_written
        for path, reason in report.failed:
            result.rejected.append((Path(path).name, reason))
            Path(path).unlink(missing_ok=True)
    return result


def _kept_folder(settings: Settings, doc_id: str) -> Path:
    """Where a removed document waits for its undo (one folder per document id)."""
    return settings.ensure_home() / "removed" / safe_filename(doc_id)


def remove_document(doc_id: str, library: Library, settings: Settings) -> DocumentInfo | None:
    """Remove a document from the index, restorable for ``settings.removal_undo_s``: an uploaded
    copy is moved aside (corpus files are never touched) and a note of where it came from kept.
    The note is written before the file moves, so a purge running meanwhile never takes a folder
    whose note is missing for a folder without one."""
    purge_removed(settings)
    doc = library.remove(doc_id)
    if doc is None:
        return None
    path = Path(doc.path)
    kept = _kept_folder(settings, doc_id)
    kept.mkdir(parents=True, exist_ok=True)
    moved = path.parent.resolve() == upload_folder(settings).resolve() and path.is_file()
    note = {"path": str(path), "moved": moved, "title": doc.title, "source": doc.source, "time": time.time()}
    (kept / "removed.json").write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")
    if moved:
        shutil.move(str(path), kept / path.name)
    return doc


def restore_document(doc_id: str, library: Library, settings: Settings) -> DocumentInfo | None:
    """Undo a removal within its grace period: the file goes back where it was and is
    ingested again (the embedding cache makes that quick), giving the same passages. None when
    the grace period is over, the kept file is gone, or a file of that name was uploaded since."""
    purge_removed(settings)
    kept = _kept_folder(settings, doc_id)
    try:
        note = json.loads((kept / "removed.json").read_text(encoding="utf-8"))
        path = Path(note["path"])
        if note.get("moved"):
            if path.exists():
                return None  # never overwrite a file uploaded under the same name since
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(kept / path.name), path)
    except (OSError, ValueError, KeyError):
        return None
    if not path.is_file():
        return None
    library.ingest([path])
    shutil.rmtree(kept, ignore_errors=True)
    return next((d for d in library.documents() if Path(d.path) == path), None)


def purge_removed(settings: Settings, now: float | None = None) -> int:
    """Forget removals older than the grace period (their moved files are deleted). A folder
    whose note cannot be read yet is being written: it is left alone."""
    now = time.time() if now is None else now
    folder = settings.ensure_home() / "removed"
    gone = 0
    for kept in folder.iterdir() if folder.is_dir() else []:
        try:
            stamp = float(json.loads((kept / "removed.json").read_text(encoding="utf-8"))["time"])
        except (OSError, ValueError, KeyError):
            continue
        if now - stamp > settings.removal_undo_s:
            shutil.rmtree(kept, ignore_errors=True)
            gone += 1
    return gone
