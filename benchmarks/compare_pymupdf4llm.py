"""paperlake against pymupdf4llm's layout mode on the same PDFs, in one sitting: wall time, pages/s, peak RSS.

    python benchmarks/compare_pymupdf4llm.py PDF_DIR [--skip-paperlake]

pymupdf4llm 2.0 (installed with PyMuPDF 2) converts each PDF to Markdown with PyMuPDF's layout model on
every page; paperlake runs `paperlake run` (Dagster start-up and publishing included) in a fresh data dir,
with its default readers (one document per core, each in its own process: PAPERLAKE_DOCUMENT_WORKERS=1
for one at a time).
Each side runs in its own process, so neither pays for the other's imports. Issue 16 asks paperlake to stay
at least 5x faster.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_PYMUPDF4LLM = """
import resource, sys, time
from pathlib import Path
import pymupdf, pymupdf.layout, pymupdf4llm  # pymupdf.layout first: layout mode
pages, failed, started = 0, [], time.perf_counter()
for pdf in sorted(Path(sys.argv[1]).glob("*.pdf")):
    with pymupdf.open(pdf) as doc:
        pages += doc.page_count
    try:
        pymupdf4llm.to_markdown(str(pdf))
    except Exception as exc:  # noqa: BLE001 - count it and go on, as a user's batch would
        failed.append(f"{pdf.name} ({type(exc).__name__})")
print("RESULT", pages, time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, *failed)
"""
_MEASURED = """
import resource, subprocess, sys, time
import psutil
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
tree_peak = 0.0
while child.poll() is None:  # the whole process tree's resident memory, sampled: readers run side by side
    try:
        procs = [psutil.Process(child.pid), *psutil.Process(child.pid).children(recursive=True)]
        tree_peak = max(tree_peak, sum(p.memory_info().rss for p in procs if p.is_running()) / 2**20)
    except psutil.Error:
        pass
    time.sleep(0.05)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, tree_peak)
raise SystemExit(child.returncode)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf_dir", type=Path)
    parser.add_argument("--skip-paperlake", action="store_true")
    args = parser.parse_args(argv)
    out = subprocess.run([sys.executable, "-c", _PYMUPDF4LLM, str(args.pdf_dir)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[-1].split()[1:]  # pymupdf4llm prints its own lines
    pages, wall, peak, failed = int(out[0]), float(out[1]), float(out[2]), out[3:]
    print(f"pymupdf4llm (layout): {pages} pages in {wall:.1f} s = {pages / wall:.2f} pages/s, peak {peak:.0f} MB"
          + (f", failed on {' '.join(failed)}" if failed else ""))
    if args.skip_paperlake:
        return 0
    with tempfile.TemporaryDirectory() as data:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _MEASURED, sys.executable, "-m", "paperlake.cli", "run",
                               str(args.pdf_dir), "--data-dir", data], cwd=REPO, capture_output=True, text=True,
                              check=False)
        ours = time.perf_counter() - started
    if done.returncode != 0:
        print(f"paperlake run failed (rc {done.returncode})", file=sys.stderr)
        return 1
    largest, tree = (float(v) for v in done.stdout.split()[-2:])
    print(f"paperlake run:        {pages} pages in {ours:.1f} s = {pages / ours:.2f} pages/s, "
          f"peak {largest:.0f} MB (largest process), {tree:.0f} MB (all its processes together, sampled)")
    print(f"paperlake is {wall / ours:.1f}x as fast")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
