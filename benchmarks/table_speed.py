"""Pages per second and peak memory of the table stage alone and of the whole extraction, on one core.

    python benchmarks/table_speed.py [PDF_DIR ...] [--repeat N]

Table stage = read each page once (the single PyMuPDF text and drawing pass), find captions, find tables
(grids, spans, numbers). Whole extraction = `extract_document` (figures with chart data and crops, tables).
Defaults to the bundled examples; pass ../shared/bench/dev or any folder of PDFs.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractors.captions import find_captions  # noqa: E402
from extractors.pdf_reader import iter_pages, open_pdf  # noqa: E402
from extractors.pipeline import extract_document  # noqa: E402
from extractors.tables import find_tables  # noqa: E402


def table_stage(pdf: Path) -> tuple[int, int]:
    """(pages, tables) of one PDF through the table stage."""
    doc = open_pdf(pdf)
    pages = tables = 0
    try:
        for page in iter_pages(doc):
            pages += 1
            tables += len(find_tables(page, find_captions(page)))
    finally:
        doc.close()
    return pages, tables


def measure(label: str, run, pdfs: list[Path], repeat: int) -> None:  # type: ignore[no-untyped-def]
    """Time `repeat` passes untraced, then one more pass under tracemalloc for the peak heap."""
    pages = items = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for pdf in pdfs:
            p, n = run(pdf)
            pages += p
            items += n
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    for pdf in pdfs:
        run(pdf)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<18} {pages / elapsed:7.1f} pages/s  ({pages} pages, {items} items, {elapsed:.2f} s; "
          f"peak Python heap {peak / 2**20:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[REPO / "examples" / "pdfs"])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    pdfs = sorted(p for folder in args.folders for p in folder.rglob("*.pdf"))
    if not pdfs:
        raise SystemExit("no PDFs found")
    measure("table stage", table_stage, pdfs, args.repeat)

    def whole(pdf: Path) -> tuple[int, int]:
        result = extract_document(pdf)
        return result.n_pages, len(result.tables) + len(result.figures)

    measure("whole extraction", whole, pdfs, args.repeat)
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (one core)")


if __name__ == "__main__":
    main()
