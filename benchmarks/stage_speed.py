"""Milliseconds per document in each of paperlake's own per-document stages, without Dagster around them.

    python benchmarks/stage_speed.py [--n 50] [--pages 3] [--workdir DIR] [--in-process]

Generates N multi-page PDFs with `benchmarks/throughput.py`'s generator (cached in the workdir), registers
them in a fresh data dir and runs ingest, extract, validate and route on each document in turn, as a
Dagster step does for its batch. Prints, per stage, the first document (imports and one-time setup) and
the mean and median over the rest. `--in-process` sets the per-document limits to 0, so ingest and
extract run in this process instead of an isolated child (shows what the isolation costs).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.throughput import generate  # noqa: E402

STAGES = ("ingest", "extract", "validate", "route")


def time_stages(data_dir: Path, pdfs: list[Path], in_process: bool) -> dict[str, list[float]]:
    """Seconds each stage took for each document, in document order."""
    from paperlake.pipeline import stages
    from paperlake.settings import load_settings
    from paperlake.store import DataStore

    shutil.rmtree(data_dir, ignore_errors=True)
    store = DataStore(data_dir)
    settings = load_settings(data_dir, **({"document_timeout_s": 0.0, "document_memory_mb": 0} if in_process else {}))
    doc_ids = [store.register(pdf).doc_id for pdf in pdfs]
    runs = {
        "ingest": lambda doc_id: stages.ingest(store, doc_id, settings),
        "extract": lambda doc_id: stages.extract(store, doc_id, settings),
        "validate": lambda doc_id: stages.validate(store, doc_id),
        "route": lambda doc_id: stages.route(store, doc_id, settings),
    }
    seconds: dict[str, list[float]] = {stage: [] for stage in STAGES}
    for doc_id in doc_ids:
        for stage in STAGES:
            started = time.perf_counter()
            outcome = runs[stage](doc_id)
            seconds[stage].append(time.perf_counter() - started)
            if outcome.error:
                raise SystemExit(f"{stage} failed for {outcome.file_name}: {outcome.error}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "paperlake-throughput")
    parser.add_argument("--in-process", action="store_true", help="no per-document child process (limits 0)")
    args = parser.parse_args()
    if args.n < 2:
        raise SystemExit("--n must be at least 2 (the first document is reported apart)")
    pdfs = generate(args.workdir / "pdfs", args.n, args.pages)
    seconds = time_stages(args.workdir / "data-stage-speed", pdfs, args.in_process)
    print(f"N={args.n} documents of {args.pages} pages, {'in-process' if args.in_process else 'isolated'} "
          f"ingest/extract; ms/document")
    print(f"{'stage':<10}{'first':>8}{'mean':>8}{'median':>8}")
    for stage in STAGES:
        first, rest = seconds[stage][0], seconds[stage][1:]
        print(f"{stage:<10}{first * 1000:>8.1f}{statistics.mean(rest) * 1000:>8.1f}"
              f"{statistics.median(rest) * 1000:>8.1f}")
    total = sum(statistics.mean(seconds[stage][1:]) for stage in STAGES)
    print(f"{'all':<10}{'':>8}{total * 1000:>8.1f}")


if __name__ == "__main__":
    main()
