"""Pages per second, peak memory and table quality of the OCR path on CPU, on image-only ("scanned") pages.

    python benchmarks/ocr_speed.py [PDF_DIR ...] [--dpi 150] [--threads 0] [--max-pages N]

Each PDF (default: the bundled examples) is rendered page by page to a --dpi image and rebuilt as a PDF of
those images with no text layer, then run through `extract_document`, whose OCR path reads it. Prints the
engine's load time, pages/s, peak RSS, and, where a `<name>.truth.json` sits beside the PDF, how many
tables come back with their caption and how many truth cells are read within a 15 % edit distance.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import pymupdf  # noqa: E402

from extractors.ocr import OcrOptions, ocr_image  # noqa: E402
from extractors.pipeline import ExtractionOptions, extract_document  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def image_only(pdf: Path, dpi: int, max_pages: int | None) -> bytes:
    source = pymupdf.open(pdf)
    out = pymupdf.open()
    for page in list(source)[:max_pages]:
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=page.get_pixmap(dpi=dpi, alpha=False).tobytes("png"))
    return out.tobytes()


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def close(a: str, b: str, share: float = 0.15) -> bool:
    a, b = " ".join(a.split()), " ".join(b.split())
    return edit_distance(a, b) <= max(1, round(share * max(len(a), len(b))))


def score(extraction, truth: dict, n_pages: int) -> tuple[int, int, int, int, int]:  # type: ignore[no-untyped-def]
    """(truth tables, found with label and caption, truth cells, cells read right, extra tables)."""
    expected = [t for t in truth.get("tables", []) if t["page"] <= n_pages]
    found = {t.label: t for t in extraction.tables if t.label}
    n_found = n_cells = n_right = 0
    for table in expected:
        got = found.get(table["label"])
        slots = [(r, c, text) for r, row in enumerate(table["grid"]) for c, text in enumerate(row)
                 if text is not None]  # None: a slot covered by a spanning cell
        n_cells += len(slots)
        if got is None or not close(got.caption or "", table["caption"]):
            continue
        n_found += 1
        cells = {(c.row, c.col): c.text for c in got.cells}
        n_right += sum(close(cells.get((r, c), ""), text) for r, c, text in slots)
    extra = len(extraction.tables) - n_found
    return len(expected), n_found, n_cells, n_right, extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[REPO / "examples" / "pdfs"])
    parser.add_argument("--dpi", type=int, default=150, help="resolution of the 'scan' and of the OCR render")
    parser.add_argument("--threads", type=int, default=0, help="ONNX Runtime threads (0: its default)")
    parser.add_argument("--max-pages", type=int, default=None, help="pages per PDF at most")
    args = parser.parse_args()
    pdfs = sorted(p for folder in args.folders for p in folder.glob("*.pdf"))
    options = ExtractionOptions(ocr=OcrOptions(enabled=True, dpi=args.dpi, threads=args.threads))

    start = time.perf_counter()
    ocr_image(np.full((64, 64, 3), 255, dtype=np.uint8), args.threads)  # load the engine once, outside the timing
    print(f"OCR engine load: {time.perf_counter() - start:.2f} s; peak RSS {peak_rss_mb():.0f} MB")

    pages = 0
    elapsed = 0.0
    totals = [0, 0, 0, 0, 0]
    for pdf in pdfs:
        data = image_only(pdf, args.dpi, args.max_pages)
        start = time.perf_counter()
        extraction = extract_document(data, options)
        took = time.perf_counter() - start
        elapsed += took
        pages += extraction.n_pages
        line = f"  {pdf.name}: {extraction.n_pages} pages in {took:.1f} s, {len(extraction.tables)} tables, " \
               f"{len(extraction.figures)} figures ({sum(1 for f in extraction.figures if f.label)} captioned)"
        truth_file = pdf.with_suffix(".truth.json")
        if truth_file.exists():
            result = score(extraction, json.loads(truth_file.read_text()), extraction.n_pages)
            totals = [a + b for a, b in zip(totals, result)]
            line += f"; truth tables {result[1]}/{result[0]} with caption, cells {result[3]}/{result[2]}, " \
                    f"extra tables {result[4]}"
        print(line, flush=True)
    print(f"OCR path: {pages} pages in {elapsed:.1f} s = {pages / elapsed:.3f} pages/s "
          f"({elapsed / pages:.1f} s/page) at {args.dpi} dpi; peak RSS {peak_rss_mb():.0f} MB")
    if totals[0]:
        print(f"tables found with caption {totals[1]}/{totals[0]}; truth cells read right {totals[3]}/{totals[2]} "
              f"({totals[3] / max(1, totals[2]):.1%}); tables without a truth match {totals[4]}")


if __name__ == "__main__":
    main()
