"""A document's section tree, read back from its chunks: where each section starts,
its heading as written and its first sentence.

Why from the chunks: every chunk already carries its section path, year and
review/plan kind (ingest/structure.py), and the heading line opens the first
chunk of its section, so the outline needs no second parse of the file.
"""

from __future__ import annotations

import re
from typing import Any

from core.lexicon import ADDRESS_LINE, INTRODUCES_LIST, LIST_CLOSING, ORDINAL_LINE, ORDINAL_START
from core.types import SectionHead

_SENTENCE_END = re.compile(r"(?<=[。！？；;])")


_NUMBERING = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[(（]?[一二三四五六七八九十\d]+[)）、.．])\s*")


def _heading_and_lead(text: str, title: str) -> tuple[str, str]:
    """The heading (if the chunk opens with it: "(二)有序组织服务,推进复工复产。") and the
    first sentence after it; a heading may share its line with the body."""
    text = text.strip()
    m = _NUMBERING.match(text)
    start = m.end() if m else 0
    if title and text[start:start + len(title)] == title:
        end = start + len(title)
        end += 1 if text[end:end + 1] in ("。", ".", "：", ":") else 0
        heading, body = text[:end].strip(), text[end:]
    else:
        heading, body = "", text
    lead = next((s.strip() for s in _SENTENCE_END.split(body.strip()) if s.strip()), "")
    return heading, lead[:120]


def section_path(section: str) -> tuple[str, ...]:
    """A chunk's section ("2023年主要工作回顾 > 城市管理展现新成效") as its path of headings."""
    return tuple(p.strip() for p in section.split(" > ") if p.strip())


def section_heads(chunks: list[dict[str, Any]]) -> list[SectionHead]:
    """The first chunk of each distinct section path, in reading order (``chunks`` as
    ``DocStore.document_chunks`` returns them)."""
    out: list[SectionHead] = []
    seen: set[tuple[str, ...]] = set()
    for i, c in enumerate(chunks):
        path = section_path(str(c.get("section") or ""))
        if not path or path in seen:
            continue
        for k in range(1, len(path)):
            if path[:k] not in seen:
                seen.add(path[:k])
                parent = _parent_head(chunks, i, path[:k])
                out += [parent] if parent else []
        seen.add(path)
        heading, lead = _heading_and_lead(str(c.get("text") or ""), path[-1])
        out.append(SectionHead(path=path, chunk_id=str(c["chunk_id"]), position=int(c.get("position") or 0),
                               year=int(c.get("year") or 0), kind=str(c.get("kind") or ""), heading=heading, lead=lead))
    return out


def _parent_head(chunks: list[dict[str, Any]], at: int, path: tuple[str, ...]) -> SectionHead | None:
    """A section known only as its subsections' parent: its heading line sits in the chunk of
    the section before ("附件:《…安排表》\n2017年区委“…”重点工作项目安排表", then "(一)在…上持续
    用力"), so no chunk is filed under it. It is found at the nearest chunk that writes its
    heading, so the outline can still name it and cite it; none does → no head (never a quote
    from a chunk that does not hold it)."""
    child = chunks[at]
    for c in reversed(chunks[: at + 1]):  # the heading line: the title on a line of its own
        if path[-1] in (line.strip() for line in str(c.get("text") or "").split("\n")):
            return SectionHead(path=path, chunk_id=str(c["chunk_id"]), position=int(c.get("position") or 0),
                               year=int(child.get("year") or 0), kind=str(child.get("kind") or ""),
                               heading=path[-1], lead="")
    return None


ORDINAL_ITEM_MAX = 200  # characters: the paragraph under an ordinal line is quoted whole up to this length
LEAD_MAX = 30  # characters: a paragraph's first sentence this short is its lead-in ("打造15分钟社区生活圈。")


def _first_sentence(line: str) -> str:
    m = re.search(r"[。；;！？]", line)
    return line[: m.end()] if m else line


_CN_ORDINALS = "一二三四五六七八九十"


def _next_ordinal(marker: str) -> str:
    """"四是" → "五是", "二要" → "三要"; "" for any other marker (the run-in next item is only
    read for X是/X要 lists)."""
    m = re.match(r"\s*([一二三四五六七八九])([是要])", marker)
    return _CN_ORDINALS[_CN_ORDINALS.index(m.group(1)) + 1] + m.group(2) if m else ""


# A line that is a piece of a wrapped sentence, not a paragraph: it opens with closing or joining
# punctuation ("》，规范和发展证券市场。"), ends inside a title ("认真贯彻《"), is a short
# fragment without an end ("证券法"), or a short one cut at a comma ("“九五”期间，").
_BROKEN_LINE = re.compile(r"^[》」』”）)，,。、；;：:]|^[^。；;！？!?]*《$|^[^。；;！？!?]{1,5}$")
CUT_LINE_MAX = 20  # characters: a line this short ending at a comma is a wrapped sentence's start
_CUT_AT_COMMA = re.compile(rf"^[^。；;！？!?]{{1,{CUT_LINE_MAX}}}[，,、]$")


def list_items(lines: list[str], ordinals_only: bool = False) -> list[str]:
    """Items of a run of lines: "一是" on its own line → the next line; "第二，…" → that line's
    first sentence; a plain paragraph → its lead-in sentence when short, unless
    ``ordinals_only`` (then it is an item's explanation and skipped). Each item is a verbatim
    stretch of a line."""
    out: list[str] = []
    pending = ""
    for raw in lines:
        line = raw.strip()
        broken = _BROKEN_LINE.search(line) or (not pending and _CUT_AT_COMMA.match(line))  # an item's own first line stays
        if not line or (broken and not ORDINAL_LINE.match(line)) or ADDRESS_LINE.match(line):
            continue
        if ORDINAL_LINE.match(line):
            pending = line
            continue
        if pending or ORDINAL_START.match(line):
            first = _first_sentence(line)
            # "大力发展科技和教育。…。五是进一步扩大对外开放。": the next item run into this one's line
            nxt = _next_ordinal(pending or line)
            m = re.search(rf"(?<=[。；;])\s*{nxt}([^。；;！？]+)", line[len(first):]) if nxt else None
            # "一是" alone on its line: the paragraph after it (up to a next item run into it) is
            # the item, read whole when short (its last sentence may be the point: "…问题在于我们
            # 对联带影响估计不够。")
            own = line[: len(first) + m.start()].rstrip() if m else line
            out.append(own if pending and len(own) <= ORDINAL_ITEM_MAX else first.rstrip("；;"))
            if m:
                out.append(m.group(1).strip(" ，,"))
            pending = ""
            continue
        first = _first_sentence(line)
        # "适当提高粮食收购价和棉花定购价，…，加强农业生产资料价格管理；" a line to a semicolon: one
        # item of a list written a line each, however long
        if not ordinals_only and (len(first) <= LEAD_MAX or (first.endswith(("；", ";")) and len(first) <= ORDINAL_ITEM_MAX)):
            if (first.endswith(("；", ";")) and line.endswith(("；", ";")) and len(line) <= ORDINAL_ITEM_MAX
                    and not re.search(r"[。！？!?：:]", line[:-1])):
                first = line  # "发展乡镇企业…；继续实行科教兴农，…；": the line is the item, to its last "；"
            elif (out and out[-1].endswith(("；", ";")) and line.endswith("。") and len(line) <= ORDINAL_ITEM_MAX
                  and not re.search(r"[：:]", line)):
                first = line  # "…专项治理。要认真实施扶贫攻坚计划…。": the line that closes such a list is its last item, whole
            out.append(first)
            second = _first_sentence(line[len(first):].strip())
            if INTRODUCES_LIST.search(first) and second and len(second) <= LEAD_MAX:
                out.append(second)  # "体现了以下重要指导方针。坚持把发展作为主题。": the first item runs on
    return out


def _whole_lines(lines: list[str]) -> set[str]:
    """The lines that are one short, finished sentence alone ("稳步进行金融体制改革，顺利实现汇率
    并轨。") — a run-in item heading on its own line, not the lead sentence of an explanation. A
    line without its sentence end is a wrapped fragment ("实现人民币牌价与外汇调剂市场价并轨，")."""
    return {ln.strip() for ln in lines if ln.strip() and _first_sentence(ln.strip()) == ln.strip()
            and len(ln.strip()) <= LEAD_MAX and ln.strip()[-1] in "。；;！？!?"}


ALONE_MIN = 3  # lines alone that make a section's parts though they open differently
ALONE_SHARE = 0.3  # ... when at least this share of the section's paragraph lead-ins


def parallel_items(items: list[str], whole: set[str]) -> list[str]:
    """"坚持把结构调整作为主线。" on its own line, then a paragraph explaining it, then "坚持把改革
    开放…" on its own line: when items standing alone on their lines open alike (at least two,
    and most of those alone), the list is the items that open that way — the one run on after
    the announcing sentence too — and the first sentences of the explanations are not items.
    Numbered items, or alone items that do not open alike, leave the list as it is."""
    if any(ORDINAL_START.match(i) for i in items):
        return items
    alone = list(dict.fromkeys(i for i in items if i in whole))  # chunks overlap: an item met twice counts once
    if len(alone) < 2 or len(alone) == len(set(items)):
        return items
    openings = [i[:2] for i in alone]
    common = max(set(openings), key=openings.count)
    if openings.count(common) < 2 or 2 * openings.count(common) < len(alone):
        # "认真实施财税改革方案，…。" "稳步进行金融体制改革，…。" each alone on its line, each followed
        # by paragraphs that explain it: the lines alone are the parts even when they open differently
        if len(alone) >= ALONE_MIN and ALONE_SHARE * len(set(items)) <= len(alone):
            return [i for i in items if i in whole]
        return items
    return [i for i in items if i.startswith(common)]


def _mid_paragraph(previous: str, first_line: str) -> bool:
    """Does a chunk open inside a paragraph? Chunks overlap by a sentence: its first sentence
    ends the chunk before ("…借梯登高。“向内看”挖掘增量。"), and is a paragraph's lead only
    where that chunk starts a line with it."""
    first = _first_sentence(first_line.strip())
    at = previous.rfind(first) if first else -1
    return at > 0 and previous[at - 1] != "\n"


def paragraph_leads(chunks: list[dict[str, Any]], path: tuple[str, ...]) -> list[tuple[str, str]]:
    """(chunk id, lead-in) of each paragraph directly in the section ``path`` (the heading
    line left out) — the parts of a section that has no subsections."""
    out: list[tuple[str, str]] = []
    whole: set[str] = set()
    previous = ""
    for c in chunks:
        cpath = section_path(str(c.get("section") or ""))
        if cpath != path:
            continue
        text = str(c.get("text") or "")
        lines = text.split("\n")
        heading, _ = _heading_and_lead(text, path[-1])
        if (heading and lines and lines[0].strip().startswith(heading[:6])) or (lines and _mid_paragraph(previous, lines[0])):
            lines = lines[1:]
        previous = text
        out += [(str(c["chunk_id"]), item) for item in list_items(lines)]
        whole |= _whole_lines(lines)
    kept = set(parallel_items([item for _, item in out], whole))
    return [(cid, item) for cid, item in out if item in kept]


_INLINE_ORDINAL = re.compile(r"(?:^|(?<=[。；;！？，,]))\s*(首先|[一二三四五六七八九十]+)((?<=首先)[是要]?[，,]?|[是要])"
                             r"([^。；;！？]+)")
INLINE_GAP = 2  # sentences allowed between the announcing sentence and the first "一是"


def inline_ordinals(paragraph: str) -> list[str]:
    """"一是落实条块约请制度。…二是落实社区事务准入机制。…": the items a paragraph marks with
    一是/二是 (or 一要/二要) at the start of its sentences, in order, each up to its 。 or ；
    (marker dropped). Only when they start within ``INLINE_GAP`` sentences and count up from
    一 without a gap, all with the same marker. The first may be opened by 首先 instead
    ("首先要增加对农业的投入。…二是保护和合理使用耕地"): it stands for 一 when 二是 follows."""
    return _ordinals(paragraph, "一") or _ordinals(paragraph, "首先")


def _ordinals(paragraph: str, first: str) -> list[str]:
    out: list[str] = []
    first_at = None
    marker = ""
    for m in _INLINE_ORDINAL.finditer(paragraph):
        number, said = m.group(1), m.group(2)
        if number == "首先" and first != number:
            continue  # "首先要…" before a list of its own that counts from 一是
        expected = (first if not out else "一二三四五六七八九十"[len(out)]) if len(out) < 10 else ""
        if number != expected or (marker and said != marker):
            break
        marker = said if number != "首先" else ""
        if first_at is None:
            first_at = len(_SENTENCE_END.split(paragraph[: m.start()].strip())) - 1
        out.append(m.group(3).strip(" ，,"))
    if first_at is None or first_at > INLINE_GAP or len(out) < 2:
        return []
    return out


_NUMBERED_RUN_IN = re.compile(r"第([一二三四五六七八九十]+)[、，,]([^。；;！？]+)")


def numbered_run_in(text: str) -> list[str]:
    """"国务院已经决定：第一、严格控制消费基金的盲目增长，…。…第二、统一制定信贷计划…": the items
    a colon's paragraph numbers 第一、第二… inside it, each to its sentence's end (marker dropped).
    Only when ``text`` (what follows the colon) opens with 第一 and the numbers count up without
    a gap; [] otherwise."""
    if not re.match(r"\s*第一[、，,]", text):
        return []
    out: list[str] = []
    for m in _NUMBERED_RUN_IN.finditer(text.split("\n", 1)[0]):
        if len(out) >= 10 or m.group(1) != "一二三四五六七八九十"[len(out)]:
            break
        out.append(m.group(2).strip(" ，,"))
    return out if len(out) >= 2 else []


ORDINAL_LIST_CHUNKS = 8  # an ordinal list with an explanation under each item runs over several chunks:
# read on while its next ordinal is met within this many chunks, up to ORDINAL_LIST_MAX in all
ORDINAL_LIST_MAX = 32


def chunk_at(chunks: list[dict[str, Any]], chunk_id: str) -> int | None:
    """Where ``chunk_id`` stands in ``chunks`` (a document's chunks in reading order)."""
    return next((i for i, c in enumerate(chunks) if str(c["chunk_id"]) == chunk_id), None)


def section_neighbour(chunks: list[dict[str, Any]], chunk_id: str, step: int = 1) -> dict[str, Any] | None:
    """The chunk right after (``step`` 1) or before (-1) ``chunk_id``, when it is in the same section."""
    at = chunk_at(chunks, chunk_id)
    if at is None or not 0 <= at + step < len(chunks) or chunks[at + step].get("section") != chunks[at].get("section"):
        return None
    return chunks[at + step]


def items_after(chunks: list[dict[str, Any]], chunk_id: str, sentence: str, limit: int = 12) -> list[tuple[str, str]]:
    """The items listed after ``sentence`` ("要着重抓好四个方面的工作：") in its chunk and the
    chunks that follow it in the same section: (chunk id, item).

    A list whose first item carries an ordinal ("第一，…") is read by its ordinals only, as far
    as they go; chunks overlap, so an item met twice is kept once.
    """
    out: list[tuple[str, str]] = []
    start = chunk_at(chunks, chunk_id)
    if start is None:
        return out
    section = chunks[start].get("section")
    ordinal: bool | None = None
    seen: set[str] = set()
    whole: set[str] = set()
    last_found = 0
    previous = ""
    for i, c in enumerate(chunks[start:start + ORDINAL_LIST_MAX]):
        if i and c.get("section") != section:
            break
        if i - last_found >= ORDINAL_LIST_CHUNKS:
            break  # the list has ended: no next item for as many chunks as one item may take
        text = str(c.get("text") or "")
        previous, read = text, previous
        if i == 0:
            at = text.find(sentence)
            if at < 0:
                return out
            text = text[at + len(sentence):]
        lines = text.split("\n")
        if i and lines and _mid_paragraph(read, lines[0]):
            lines = lines[1:]  # the chunk opens inside an item's explanation: its first line is no item
        if ordinal is None:
            first = next((ln.strip() for ln in lines if ln.strip()), "")
            if not first:
                continue
            ordinal = bool(ORDINAL_LINE.match(first) or ORDINAL_START.match(first))
        leads_only, ended = False, None
        if not ordinal and i >= 3:
            so_far = [item for _, item in out]  # already one each: items are kept once
            if parallel_items(so_far, whole) == so_far:
                # a plain list ends within three chunks; items that stand alone and open alike read
                # on — and so does a list of short lead sentences, each opening a paragraph that
                # explains it, while its next paragraph opens with one too (no ordinal, no closing)
                if not so_far or not all(_short_lead(x) for x in so_far):
                    break
                leads_only = True
        found = list_items(lines, ordinals_only=ordinal)
        whole |= _whole_lines(lines)
        if leads_only:
            ended = next((k for k, item in enumerate(found) if item not in seen and not _short_lead(item)), None)
            found = found[:ended]
        for item in found:
            if item not in seen:
                seen.add(item)
                out.append((str(c["chunk_id"]), item))
                last_found = i
        if not ordinal and i >= ORDINAL_LIST_CHUNKS - 1:
            break
        if len(out) >= limit or (leads_only and ended is not None):
            break
    if not ordinal:
        end = _semicolon_list_end([item for _, item in out])
        if end:  # a list a line each to a semicolon is its lines, whatever they open with
            return out[:min(end, limit)]
        kept = set(parallel_items([item for _, item in out], whole))
        out = [(cid, item) for cid, item in out if item in kept]
    return out[:limit]


def _short_lead(item: str) -> bool:
    """"继续加强能源管理。": a short first sentence that opens its paragraph — no ordinal of a level
    above ("第二，…"), no closing ("以上这些…")."""
    return (len(item) <= LEAD_MAX and item.rstrip().endswith("。") and not ORDINAL_START.match(item)
            and not LIST_CLOSING.match(item))


def _semicolon_list_end(items: list[str]) -> int:
    """How many of ``items`` a list written one item a line to a semicolon holds: two or more
    "…；" and the first item that ends its sentence ("…专项治理。"), which closes it. 0 when the
    items are no such list."""
    for i, item in enumerate(items):
        if not item.endswith(("；", ";")):
            return i + 1 if i >= 2 else 0
    return len(items) if len(items) >= 2 else 0


ADDRESSED_PARTS_MIN = 3  # address lines ("各位代表！") that make a speech's parts when it has no headings


def addressed_parts(chunks: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """A speech with no headings (the 1975 report) is divided by its address lines: each
    "各位代表！" opens a part, named by the first sentence after it. (chunk id, that sentence)
    for each part, in reading order; [] when fewer than ``ADDRESSED_PARTS_MIN`` address lines."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for c in chunks:
        lines = str(c.get("text") or "").split("\n")
        for i, line in enumerate(lines):
            if not ADDRESS_LINE.match(line.strip()):
                continue
            first = next((x.strip() for x in lines[i + 1:] if x.strip()), "")
            lead = _first_sentence(first) if first else ""
            if lead and lead not in seen:  # chunks overlap: a part met twice is one part
                seen.add(lead)
                out.append((str(c["chunk_id"]), lead))
    return out if len(out) >= ADDRESSED_PARTS_MIN else []
