"""OCR on scanned documents: pages per second on this machine, character accuracy, and what
reading scans costs next to reading text.

Run: python benchmarks/ocr.py [--pages 20]    (writes the "ocr" section of RESULTS.md)

The scanned PDF is drawn from a bundled report (004, the 2024 长寿路 report: its real
paragraphs, set over A4 pages with a running header and page numbers, 150 dpi, no text
layer), so the exact printed text is known and accuracy is measured character by character.
A second, photographed copy of three pages (rotated 2.5°, blurred, grainy) shows what a phone
picture costs. Text files are parsed too, for the "nothing else got slower" line.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import machine, peak_rss_mb, write_section


def main() -> int:
    from core.settings import BUNDLED_CORPUS, Settings
    from evals.ocr_accuracy import char_accuracy
    from evals.scanned_pages import draw_document, image_pdf, photographed
    from ingest.clean import clean_text
    from ingest.loaders import load_file
    from ingest.pipeline import parse_document, read_options

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--pages", type=int, default=20)
    args = p.parse_args()
    source = next(BUNDLED_CORPUS.glob("004_*.txt"))
    paragraphs = [ln for ln in clean_text(load_file(source, 10**8).text).text.split("\n") if ln.strip()]
    while len(paragraphs) < args.pages * 12:  # long enough to fill the pages asked for
        paragraphs += paragraphs
    pages, printed = draw_document(paragraphs, header="长寿路街道办事处文件", max_pages=args.pages)
    settings = Settings(home=Path(tempfile.mkdtemp()))
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        scan = Path(tmp) / "scan.pdf"
        scan.write_bytes(image_pdf(pages))
        stamps: list[float] = []
        options = read_options(settings, on_page=lambda done, total: stamps.append(time.perf_counter()))
        start = time.perf_counter()
        raw = load_file(scan, 10**9, options)
        seconds = time.perf_counter() - start
        per_page = [b - a for a, b in zip([start, *stamps], stamps, strict=False)]
        photo = Path(tmp) / "photo.png"
        photographed(pages[0]).save(photo)
        t0 = time.perf_counter()
        photo_text = load_file(photo, 10**9).text
        photo_s = time.perf_counter() - t0
        first_page = "长寿路街道办事处文件" + "".join(pages_text_lines(paragraphs)[0])  # one page: its header is text
        rows.append(f"| scanned PDF, {len(pages)} pages, 150 dpi | {seconds:.1f} s | **{len(pages) / seconds:.2f} pages/s** "
                    f"(median page {statistics.median(per_page):.2f} s) | {char_accuracy(printed, raw.text):.4f} | "
                    f"**{char_accuracy(printed, raw.text, fold_width=True):.4f}** | {raw.notes.get('ocr_confidence', 0):.3f} |")
        rows.append(f"| photographed page (2.5°, blur, noise) | {photo_s:.1f} s | {1 / photo_s:.2f} pages/s | "
                    f"{char_accuracy(first_page, photo_text):.4f} | **{char_accuracy(first_page, photo_text, fold_width=True):.4f}** | — |")
    texts = sorted(BUNDLED_CORPUS.glob("*.txt"))
    t0 = time.perf_counter()
    chunks = sum(len(parse_document(f, settings).chunks) for f in texts)
    parse_s = time.perf_counter() - t0
    md = f"""## OCR (issue 15)

Machine: {machine()}. `python benchmarks/ocr.py --pages {args.pages}`; the pages are drawn from the real
paragraphs of bundled report 004 (header 长寿路街道办事处文件, page numbers), so accuracy compares to the
exact printed text (`evals/ocr_accuracy.py`: 1 − edit distance / characters, whitespace ignored). Report 004
writes ASCII `,` `:` `;` `()` beside Chinese text; in the rendered font they look like `，：；（）` and are
read as those, so the strict figure counts every such mark as an error; the folded figure treats each
full-width mark and its ASCII twin as one character (what a reader sees).

| input | read time | throughput | character accuracy | accuracy, ，/, folded | mean confidence |
|---|---|---|---|---|---|
{chr(10).join(rows)}

Text files for comparison: the 5 bundled reports parse (no embedding) in {parse_s:.2f} s ({chunks} chunks).
Peak RSS of the whole run: {peak_rss_mb():.0f} MB (the OCR models take ≈ 15 MB on disk).
"""
    print(md)
    write_section("ocr", md)
    return 0


def pages_text_lines(paragraphs: list[str]) -> list[list[str]]:
    from evals.scanned_pages import LINES_PER_PAGE, print_lines

    lines = print_lines(paragraphs)
    return [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]


if __name__ == "__main__":
    raise SystemExit(main())
