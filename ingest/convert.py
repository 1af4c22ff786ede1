"""Old office formats (.doc, .wps, .rtf, .odt, .xls, .et, .ods) → their modern form through LibreOffice.

Why a converter and not a parser of our own: the binary Word and WPS formats are decades
of undocumented variants; LibreOffice reads them as Word does. Each conversion starts its
own headless ``soffice`` with a private profile folder (two conversions sharing a profile
block each other) and a time limit, so a hostile file costs at most that long.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from core.errors import IngestError

INSTALL_HINT = "需要安装 LibreOffice 才能读取此格式：sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"


def converter() -> str | None:
    """The ``soffice`` executable, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def sniff(data: bytes) -> str:
    """What a legacy-named file really is: 'html', 'rtf', 'zip' (docx/xlsx/odt), 'ole' (binary Office) or 'unknown'.

    Web systems often save an HTML page as ``通知.doc``; Word opens it, so staff expect us to.
    """
    head = data[:1024].lstrip(b"\xef\xbb\xbf \r\n\t").lower()
    if head.startswith((b"<html", b"<!doctype html", b"<?xml")) or b"<html" in head[:512]:
        return "html"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    return "unknown"


def valid_ole(data: bytes) -> bool:
    """A binary Office file's header is whole: little-endian mark and a sector size of 512 or 4096."""
    return len(data) >= 1024 and data[28:30] == b"\xfe\xff" and data[30:32] in (b"\x09\x00", b"\x0c\x00")


def convert(path: Path, target: str, timeout_s: float) -> Path:
    """Convert ``path`` to ``target`` ('docx' or 'xlsx') in a temporary folder; returns the new file.

    The caller deletes the returned file's folder (``converted.parent``) when done.
    """
    exe = converter()
    if exe is None:
        raise IngestError(INSTALL_HINT)
    work = Path(tempfile.mkdtemp(prefix="workplan-convert-"))
    profile = work / "profile"
    out = work / "out"
    out.mkdir()
    # A plain ASCII name: soffice mangles some non-ASCII names on systems without a UTF-8 locale.
    src = work / f"input{path.suffix.lower()}"
    shutil.copyfile(path, src)
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
           "--convert-to", target, "--outdir", str(out), str(src)]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout_s, check=False, text=True,
                              env={"PATH": "/usr/bin:/bin", "HOME": str(work), "LANG": "C.UTF-8"})
    except subprocess.TimeoutExpired as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise IngestError(f"文件转换超时（超过 {timeout_s:.0f} 秒），可能已损坏") from exc
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise IngestError(INSTALL_HINT, str(exc)) from exc
    result = out / f"input.{target}"
    if proc.returncode != 0 or not result.exists() or result.stat().st_size == 0:
        shutil.rmtree(work, ignore_errors=True)
        raise IngestError("文件已损坏或不是有效的 Office 文档，LibreOffice 无法转换", (proc.stderr or "").strip()[:200])
    return result


def cleanup(converted: Path) -> None:
    shutil.rmtree(converted.parent.parent, ignore_errors=True)
