"""What running each document in a limited child process costs: pages/s and peak memory, in-process vs isolated.

    python benchmarks/isolation_overhead.py [PDF_DIR ...] [--repeat N]

Both paths run paperlake.pipeline.stages.extract_pdf (the function the extract stage runs) on the same PDFs; the
isolated path goes through paperlake.pipeline.isolation.run_limited with the default limits, as `paperlake run` does.
Peak RSS: this process for in-process; the largest child for isolated (the parent only waits, and the
forkserver's children are not this process's, so each child reports its own).
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from paperlake.pipeline.isolation import Limits, run_limited  # noqa: E402
from paperlake.pipeline.stages import extract_pdf  # noqa: E402
from paperlake.settings import Settings  # noqa: E402


def extract_with_peak(path: str, crop_dpi: int, ocr: str) -> tuple[int, float]:
    """Pages extracted and this process's peak RSS in MB (run in the child, which the parent cannot rusage)."""
    pages = extract_pdf(path, crop_dpi, ocr).n_pages
    return pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bench(label: str, pdfs: list[Path], repeat: int, isolated: bool) -> None:
    defaults = Settings()
    limits = Limits(defaults.document_timeout_s, defaults.document_memory_mb)
    pages, peak = 0, 0.0
    start = time.perf_counter()
    for _ in range(repeat):
        for pdf in pdfs:
            args = (str(pdf), defaults.crop_dpi, defaults.ocr)
            n, rss = run_limited(extract_with_peak, *args, limits=limits) if isolated else extract_with_peak(*args)
            pages, peak = pages + n, max(peak, rss)
    elapsed = time.perf_counter() - start
    print(f"{label:<12} {pages} pages in {elapsed:.2f} s = {pages / elapsed:.1f} pages/s, "
          f"{elapsed / (repeat * len(pdfs)) * 1000:.0f} ms/document; peak RSS {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[REPO / "examples" / "pdfs"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pdfs = sorted(p for folder in args.folders for p in folder.rglob("*.pdf"))
    if not pdfs:
        raise SystemExit("no PDFs found")
    run_limited(sum, [0], limits=Limits(60, 0))  # start the forkserver outside the timing (once per run)
    _bench("isolated", pdfs, args.repeat, isolated=True)
    _bench("in-process", pdfs, args.repeat, isolated=False)


if __name__ == "__main__":
    main()
