"""Pages per second and peak memory of the vector extractors, and optionally of the whole pipeline.

    python benchmarks/extraction_speed.py [PDF_DIR ...] [--repeat N] [--pipeline]

Defaults to the bundled examples. Extraction runs in this process on one core; --pipeline also times
`paperlake run` (Dagster run, validation, routing, publish) into a temporary data dir.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractors.pipeline import extract_document  # noqa: E402


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def bench_extraction(pdfs: list[Path], repeat: int) -> None:
    pages = tables = figures = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for pdf in pdfs:
            result = extract_document(pdf)
            pages += result.n_pages
            tables += len(result.tables)
            figures += len(result.figures)
    elapsed = time.perf_counter() - start
    print(f"extraction: {pages} pages, {tables} tables, {figures} figures in {elapsed:.2f} s "
          f"= {pages / elapsed:.1f} pages/s (crops included); peak RSS {peak_rss_mb():.0f} MB")


def bench_pipeline(folders: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        cmd = [sys.executable, "-m", "paperlake.cli", "run", *map(str, folders), "--data-dir", data_dir]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
        elapsed = time.perf_counter() - start
        snapshot = (Path(data_dir) / "published" / "CURRENT").read_text().strip()
        import pandas as pd

        pages = int(pd.read_parquet(Path(data_dir) / "published" / snapshot / "documents.parquet")["n_pages"].sum())
    print(f"pipeline (paperlake run, cold): {pages} pages in {elapsed:.2f} s = {pages / elapsed:.1f} pages/s; "
          f"peak RSS of the run {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[REPO / "examples" / "pdfs"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pipeline", action="store_true", help="also time a whole `paperlake run`")
    args = parser.parse_args()
    pdfs = sorted(p for folder in args.folders for p in folder.rglob("*.pdf"))
    if not pdfs:
        raise SystemExit("no PDFs found")
    bench_extraction(pdfs, args.repeat)
    if args.pipeline:
        bench_pipeline(args.folders)


if __name__ == "__main__":
    main()
