"""Deterministic synthetic corpus from the five real documents, for scale benchmarks.

Each generated report takes one real document as its template and changes what
differs between offices: the street (and its district), the years (shifted
together, so a 2023 review stays one year before its 2024 plan), every figure
(scaled by a random factor, formats kept), the order of the top-level sections
and which of them appear (so documents are ~20 chunks, not all ~60).

Run: python benchmarks/corpus_gen.py 1000 OUT_DIR [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core import gazetteer
from core.settings import BUNDLED_CORPUS
from ingest.loaders import load_file

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*[年\-—至/届]|\d{0}年)")
_NUMBER = re.compile(r"(?<![\d.第])(\d+(?:\.\d+)?)(?![\d.]*\s*[年、.．])")
_TOP = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
_ROADS = ["江宁", "华山", "康定", "陕西", "延安", "天目", "宝昌", "真如", "曹杨", "桃浦", "新泾", "虹桥", "龙华", "漕河", "田林", "凉城", "殷行", "控江", "大桥", "平凉", "周家", "花木", "洋泾", "塘桥", "潍坊", "陆家", "三林", "高行", "高桥", "川沙", "江川", "古美", "莘庄", "七宝", "梅陇", "吴泾", "颛桥", "虹梅", "新虹", "长征", "石门", "曹家", "南京", "淮海", "瑞金", "豫园", "老西", "外滩", "半淞", "打浦", "五里", "嘉兴", "北站", "宝山", "临汾", "彭浦", "芷江", "共和", "大宁", "天目", "庙行", "友谊", "吴淞", "张庙", "淞南", "高境", "罗店", "月浦"]


def streets(rng: random.Random) -> list[tuple[str, str]]:
    """Real Shanghai streets first, then plausible made-up ones (the gazetteer's pattern fallback finds them)."""
    real = sorted(gazetteer.STREET_DISTRICT.items())
    made = [(f"{a}{b[0]}路街道", rng.choice(gazetteer.DISTRICTS)) for a in _ROADS for b in _ROADS if a != b]
    rng.shuffle(made)
    return real + made[:2000]


def _templates() -> list[tuple[str, str, str, str, int]]:
    """(name, text, street, district, base year) of each real document."""
    from ingest.clean import clean_text
    from ingest.structure import doc_facts

    out = []
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        text = load_file(path, 1 << 30).text
        cleaned = clean_text(text)
        facts = doc_facts(cleaned.text, cleaned.meta)
        years = facts.years or [int(y) for y in _YEAR.findall(text[:400])] or [2020]
        out.append((path.stem, text, facts.street or "", facts.district or "", min(years)))
    return out


def _scale(m: re.Match[str], rng: random.Random) -> str:
    raw = m.group(1)
    value = float(raw) * rng.uniform(0.6, 1.6)
    if "." in raw:
        return f"{value:.{len(raw.split('.')[1])}f}"
    return str(max(1, round(value)))


def make_document(i: int, template: tuple[str, str, str, str, int], street: str, district: str, year: int,
                  rng: random.Random) -> str:
    _, text, t_street, t_district, base = template
    lines = text.splitlines()
    # Keep the head (title, furniture, preamble), shuffle and subsample the top-level sections.
    starts = [n for n, line in enumerate(lines) if _TOP.match(line)]
    if len(starts) >= 2:
        head = lines[: starts[0]]
        blocks = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
        keep = [b for b in blocks if rng.random() < 0.3] or blocks[:1]
        rng.shuffle(keep)
        lines = head + [line for block in keep for line in block]
    out = "\n".join(lines)
    out = _NUMBER.sub(lambda m: _scale(m, rng), out)
    out = _YEAR.sub(lambda m: str(int(m.group(1)) - base + year), out)
    if t_street:
        out = out.replace(t_street, street).replace(gazetteer.short_street(t_street), gazetteer.short_street(street))
    if t_district:
        out = out.replace(t_district, district)
    return out


def generate(n: int, out_dir: Path, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    templates = _templates()
    pool = streets(rng)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        street, district = pool[i % len(pool)] if i < len(pool) else rng.choice(pool)
        year = rng.randint(2012, 2025)
        doc = make_document(i, templates[i % len(templates)], street, district, year, random.Random(seed * 100_003 + i))
        path = out_dir / f"{i:05d}_{street}_{year}.txt"
        path.write_text(doc, "utf-8")
        paths.append(path)
    return paths


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("n", type=int)
    p.add_argument("out", type=Path)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    paths = generate(a.n, a.out, a.seed)
    print(f"{len(paths)} documents in {a.out}")


if __name__ == "__main__":
    main()
