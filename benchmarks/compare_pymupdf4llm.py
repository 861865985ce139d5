"""paperlake against pymupdf4llm's layout mode on the same PDFs, in one sitting: wall time, pages/s, peak RSS.

    python benchmarks/compare_pymupdf4llm.py PDF_DIR [--skip-paperlake] [--rounds N] [--baseline CHECKOUT]
                                             [--pymupdf4llm-s SECONDS]

pymupdf4llm 2.0 (installed with PyMuPDF 2) converts each PDF to Markdown with PyMuPDF's layout model on
every page; paperlake runs `paperlake run` (Dagster start-up and publishing included) in a fresh data dir,
with its default readers (one document per core, each in its own process: PAPERLAKE_DOCUMENT_WORKERS=1
for one at a time).
Each side runs in its own process, so neither pays for the other's imports. Issue 16 asks paperlake to stay
at least 5x faster.

On a shared machine, wall time follows the other users' load: `--baseline /path/to/other/checkout` runs that
checkout's paperlake (its code first on PYTHONPATH) in turn with this one, `--rounds` times each, and both
print the median and the least wall time and the CPU seconds of the whole process tree (sampled; the run's
own process apart), which the load moves much less. The load averages before and after say how busy the machine was.
`--pymupdf4llm-s` takes pymupdf4llm's time from an earlier run instead of running it (92-95 s on an idle
machine on realdev: a minute and a half saved on each try of paperlake alone); the pages are still counted.
With PYTHONDONTWRITEBYTECODE set, compile each checkout first (`python -m compileall -q paperlake extractors
dagster_project schemas`): a fresh worktree's processes otherwise compile its modules on every run. On a loaded
machine pymupdf4llm slows more than paperlake (realdev: 637 s at load 10-17 against 95 s idle), so a ratio
says most when both ran in the same sitting; compare checkouts by their CPU seconds (docs/tables.md).
"""
from __future__ import annotations

import argparse
import os
import statistics
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
tree_peak, cpu = 0.0, {}
while child.poll() is None:  # the whole process tree's resident memory and CPU, sampled: readers run side by side
    try:
        procs = psutil.Process(child.pid).children(recursive=True)
        tree_peak = max(tree_peak, sum(p.memory_info().rss for p in [psutil.Process(child.pid), *procs]
                                       if p.is_running()) / 2**20)
        for p in procs:
            times = p.cpu_times()
            cpu[p.pid] = times.user + times.system
    except psutil.Error:
        pass
    time.sleep(0.05)
own = resource.getrusage(resource.RUSAGE_CHILDREN)  # the run's own process (its readers are not reaped by it)
print(own.ru_maxrss / 1024, tree_peak, own.ru_utime + own.ru_stime + sum(cpu.values()), own.ru_utime + own.ru_stime)
raise SystemExit(child.returncode)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf_dir", type=Path)
    parser.add_argument("--skip-paperlake", action="store_true")
    parser.add_argument("--rounds", type=int, default=1, help="paperlake runs of each checkout (interleaved)")
    parser.add_argument("--baseline", type=Path, help="another checkout whose paperlake runs in turn with this one")
    parser.add_argument("--pymupdf4llm-s", type=float, help="pymupdf4llm's wall seconds from an earlier run: "
                                                             "not run again")
    args = parser.parse_args(argv)
    print(f"load before: {_load()}")  # a shared machine's other work moves wall times: say how busy it was
    if args.pymupdf4llm_s:
        pages, wall = _pages(args.pdf_dir), args.pymupdf4llm_s
        print(f"pymupdf4llm (layout): {pages} pages in {wall:.1f} s (given, not run) = {pages / wall:.2f} pages/s")
    else:
        out = subprocess.run([sys.executable, "-c", _PYMUPDF4LLM, str(args.pdf_dir)], capture_output=True,
                             text=True, check=True).stdout.splitlines()[-1].split()[1:]  # it prints its own lines
        pages, wall, peak, failed = int(out[0]), float(out[1]), float(out[2]), out[3:]
        print(f"pymupdf4llm (layout): {pages} pages in {wall:.1f} s = {pages / wall:.2f} pages/s, peak {peak:.0f} MB"
              + (f", failed on {' '.join(failed)}" if failed else ""))
    if args.skip_paperlake:
        return 0
    checkouts = [REPO] + ([args.baseline.resolve()] if args.baseline else [])
    runs: dict[Path, list[tuple[float, float, float, float, float]]] = {checkout: [] for checkout in checkouts}
    for _ in range(max(1, args.rounds)):
        for checkout in checkouts:
            measured = _paperlake_run(checkout, args.pdf_dir)
            if measured is None:
                return 1
            runs[checkout].append(measured)
    for checkout, measured in runs.items():
        walls = [m[0] for m in measured]
        ours, largest, tree, cpu = statistics.median(walls), max(m[1] for m in measured), \
            max(m[2] for m in measured), statistics.median(m[3] for m in measured)
        own = statistics.median(m[4] for m in measured)
        name = "paperlake run" if checkout == REPO else f"baseline {checkout.name}"
        spread = f" (least {min(walls):.1f} s of {len(walls)})" if len(walls) > 1 else ""
        print(f"{name + ':':<21} {pages} pages in {ours:.1f} s{spread} = {pages / ours:.2f} pages/s, "
              f"{cpu:.1f} CPU s ({own:.1f} in the run's own process, the rest its readers), peak {largest:.0f} MB "
              f"(largest process), {tree:.0f} MB (all its processes together, sampled)")
        print(f"{'':<21} {wall / ours:.1f}x as fast as pymupdf4llm")
    print(f"load after: {_load()}")
    return 0


def _pages(pdf_dir: Path) -> int:
    """The pages of the PDFs in a folder (what pymupdf4llm's run counts)."""
    import pymupdf

    pages = 0
    for pdf in sorted(pdf_dir.glob("*.pdf")):
        with pymupdf.open(pdf) as doc:
            pages += doc.page_count
    return pages


def _load() -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` prints them."""
    return ", ".join(f"{v:.2f}" for v in os.getloadavg())


def _paperlake_run(checkout: Path, pdf_dir: Path) -> tuple[float, float, float, float, float] | None:
    """One `paperlake run` of a checkout's code in a fresh data dir: wall s, largest process MB, tree MB, CPU s,
    and the CPU s of the run's own process (on short papers its per-document work, not the readers', sets the pace)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(checkout), *filter(None, [os.environ.get("PYTHONPATH")])]))
    with tempfile.TemporaryDirectory() as data:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _MEASURED, sys.executable, "-m", "paperlake.cli", "run",
                               str(pdf_dir.resolve()), "--data-dir", data], cwd=checkout, env=env,
                              capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
    if done.returncode != 0:
        print(f"paperlake run of {checkout} failed (rc {done.returncode})", file=sys.stderr)
        return None
    largest, tree, cpu, own = (float(v) for v in done.stdout.split()[-4:])
    return wall, largest, tree, cpu, own


if __name__ == "__main__":
    raise SystemExit(main())
