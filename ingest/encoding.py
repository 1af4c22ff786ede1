"""Bytes of a text file → str. Why strict decoding in a fixed order, not charset guessing:
short Chinese GBK text is often mis-detected as a Latin encoding; a fixed order is predictable."""

from __future__ import annotations

import codecs

from core.errors import IngestError


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Detect the encoding of Chinese text files: BOMs, UTF-8, UTF-16, GB18030.

    Why not charset guessing: short Chinese GBK text is often mis-detected as
    Latin encodings; strict decoding in a fixed order is predictable.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8"), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(enc), "utf-16"
            except UnicodeDecodeError as exc:
                raise IngestError("文件编码损坏，无法读取", str(exc)) from exc
    zeros_even, zeros_odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) % 2 == 0 and zeros_even + zeros_odd >= 2 and max(zeros_even, zeros_odd) > 3 * min(zeros_even, zeros_odd):
        # BOM-less UTF-16: ASCII (newlines, digits) leaves zero bytes on one side only;
        # GBK and UTF-8 text never contain zero bytes.
        enc = "utf-16-be" if zeros_even > zeros_odd else "utf-16-le"
        try:
            return data.decode(enc), "utf-16"
        except UnicodeDecodeError:
            raise IngestError("文件似乎是二进制内容，不是文本文件") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    return _decode_lines(data)


def _decode_lines(data: bytes) -> tuple[str, str]:
    """Files pasted together from UTF-8 and GBK sources, or cut mid-character:
    decode line by line so one bad line does not turn the whole file into mojibake."""
    lines = data.split(b"\n")
    out: list[str] = []
    bad = 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        lossy = line.decode("utf-8", errors="replace")
        if lossy.count("\ufffd") <= 2:  # a character cut in half: drop it, keep the line
            out.append(lossy.replace("\ufffd", ""))
            continue
        try:
            out.append(line.decode("gb18030"))
        except UnicodeDecodeError:
            bad += 1
            out.append(lossy.replace("\ufffd", ""))
    if bad > max(2, len(lines) // 20):
        raise IngestError("无法识别文件编码（已尝试 UTF-8、UTF-16、GBK/GB18030）")
    return "\n".join(out), "mixed"
