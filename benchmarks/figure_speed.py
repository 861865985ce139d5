"""Pages per second and peak memory of the figure stage alone and of the whole extraction, on one core.

    python benchmarks/figure_speed.py [PDF_DIR ...] [--repeat N]

Figure stage = read each page once, find captions, find figures (chart data recovery included) and render
their crops at the default 150 dpi. Whole extraction = `extract_document` (figures, tables, crops).
Defaults to the dev benchmark papers and the figure test papers.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractors.captions import find_captions  # noqa: E402
from extractors.figures import find_figures  # noqa: E402
from extractors.pdf_reader import iter_pages, open_pdf, render_png  # noqa: E402
from extractors.pipeline import extract_document  # noqa: E402

DEFAULT_DIRS = [REPO.parent / "shared" / "bench" / "dev", REPO / "benchmarks" / "papers" / "figures"]


def figure_stage(pdf: Path) -> tuple[int, int, int]:
    """(pages, figures, series points) of one PDF through the figure stage, crops included."""
    doc = open_pdf(pdf)
    pages = figures = points = 0
    try:
        for page in iter_pages(doc):
            pages += 1
            for fig in find_figures(page, find_captions(page)):
                render_png(doc, page.number, fig.bbox, 150)
                figures += 1
                points += len(fig.series)
    finally:
        doc.close()
    return pages, figures, points


def timed(label: str, pdfs: list[Path], repeat: int, run) -> None:  # type: ignore[no-untyped-def]
    """Time `repeat` passes without tracing, then one traced pass for peak Python memory (tracing is slow)."""
    start, cpu_start = time.perf_counter(), time.process_time()
    totals = [0, 0, 0]
    for _ in range(repeat):
        for pdf in pdfs:
            for i, v in enumerate(run(pdf)):
                totals[i] += v
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    tracemalloc.start()
    for pdf in pdfs:
        run(pdf)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label}: {totals[0]} pages, {totals[1]} figures, {totals[2]} series points in {elapsed:.2f} s "
          f"= {totals[0] / elapsed:.1f} pages/s ({totals[0] / cpu:.1f} pages per CPU second: the figure on a "
          f"shared, busy machine); peak traced Python memory {peak / 2**20:.1f} MB")


def whole(pdf: Path) -> tuple[int, int, int]:
    result = extract_document(pdf)
    return result.n_pages, len(result.figures), sum(len(f.series) for f in result.figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the bar says
    pdfs = sorted(p for d in args.dirs for p in Path(d).glob("*.pdf"))
    timed("figure stage (read + captions + figures + crops)", pdfs, args.repeat, figure_stage)
    timed("whole extraction (extract_document)", pdfs, args.repeat, whole)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
