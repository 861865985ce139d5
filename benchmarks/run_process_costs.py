"""The run's own CPU per document, stage by stage, with the readers' work done first and left out.

    python benchmarks/run_process_costs.py PDF_DIR [--rounds N]

In `paperlake run` the readers open and extract the PDFs and draw the review images; the run's own process
takes each document's results through its stages in threads (frames, Parquet files, pandera validation,
routing, finding what review images to draw), work that holds the GIL. On short papers that work, not the
readers', sets the run's pace (LaTeX papers: about half the run's CPU is the run's own process), so it is
measured here alone: every reader call is made once first (not timed), then the stages run in a fresh data
dir in this process, the reader calls answered from memory, and the CPU seconds of each stage are printed per
document (the least of the rounds: the machine's other work only adds).
"""
from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf_dir", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)

    from dagster_project.assets import PER_DOCUMENT_STAGES
    from paperlake.pipeline import stages
    from paperlake.review import images
    from paperlake.settings import load_settings
    from paperlake.store import DataStore

    pdfs = sorted(args.pdf_dir.glob("*.pdf"))
    answers: dict[tuple[str, str], Any] = {}

    def remembered(function, limits, *call_args):  # type: ignore[no-untyped-def]
        key = (function.__name__, Path(call_args[0]).name)  # sources are named by their sha256: the same in each dir
        if key not in answers:
            answers[key] = function(*call_args)
        return answers[key]

    stages._isolated = remembered  # type: ignore[assignment]
    images.run_limited = lambda function, *a, limits: (0, 0)  # type: ignore[assignment]  # drawing is the readers'
    best: Counter[str] = Counter()
    for round_ in range(max(1, args.rounds) + 1):  # the first round makes the reader calls and is not counted
        with tempfile.TemporaryDirectory() as folder:
            store = DataStore(Path(folder))
            settings = load_settings(Path(folder))
            doc_ids = [store.register(pdf).doc_id for pdf in pdfs]
            spent: Counter[str] = Counter()
            for doc_id in doc_ids:
                for stage in PER_DOCUMENT_STAGES:
                    started = time.process_time()
                    stage.run(store, settings, doc_id)
                    spent[stage.name] += time.process_time() - started
        if round_:
            best = spent if not best else Counter({k: min(best[k], spent[k]) for k in spent})
    n = max(1, len(pdfs))
    print(f"{len(pdfs)} documents; the run's own CPU per document (least of {max(1, args.rounds)} rounds):")
    for name, seconds in best.items():
        print(f"  {name:<14} {1000 * seconds / n:6.1f} ms")
    print(f"  {'all stages':<14} {1000 * sum(best.values()) / n:6.1f} ms  ({sum(best.values()):.2f} s for the set)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
