"""Whole `paperlake run`s of one or more checkouts, in turn: wall time and the CPU seconds of every process.

    python benchmarks/run_cost.py PDF_DIR CHECKOUT [CHECKOUT ...] [--rounds N]

Each run goes into a fresh data dir under a parent that makes itself the subreaper of the run's process tree
(PR_SET_CHILD_SUBREAPER), so every process the run starts (forkserver, readers, whatever outlives its parent)
is reaped by it or by one of its own and counted: the CPU seconds are exact, not sampled. Printed per
checkout: least and median wall, least and median CPU seconds of all processes and of the run's own process
(sampled every 20 ms), the sampled CPU of the readers' forkserver (the run's child whose own children are the
readers), of the readers and of the rest (the resource tracker), the largest process's peak RSS and the sampled
peak of all processes together. On a shared machine CPU seconds say more than wall time; compile each checkout
first where PYTHONDONTWRITEBYTECODE is set (`python -m compileall -q paperlake extractors dagster_project schemas`).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_MEASURED = r"""
import ctypes, json, os, resource, subprocess, sys, time
import psutil
ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER: orphans of the run come to this process
started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
main = psutil.Process(child.pid)
own, tree_peak = 0.0, 0.0
seen = {}  # pid -> [parent pid, command line, CPU seconds when last sampled]
while child.poll() is None:
    try:
        times = main.cpu_times()
        own = times.user + times.system
        procs = [main, *main.children(recursive=True)]
        tree_peak = max(tree_peak, sum(p.memory_info().rss for p in procs) / 2**20)
        for p in procs[1:]:
            try:
                with p.oneshot():
                    t = p.cpu_times()
                    entry = seen.setdefault(p.pid, [p.ppid(), " ".join(p.cmdline()), 0.0])
                    entry[2] = t.user + t.system
            except psutil.Error:
                pass
    except psutil.Error:
        pass
    time.sleep(0.02)
parents = {ppid for ppid, _, _ in seen.values()}
kinds = {"forkserver": 0.0, "readers": 0.0, "other": 0.0}
for pid, (ppid, cmdline, cpu) in seen.items():
    kind = ("other" if "resource_tracker" in cmdline else "forkserver" if pid in parents and ppid == child.pid
            else "readers" if ppid in parents else "other")
    kinds[kind] += cpu
wall = time.perf_counter() - started
while True:  # reap whatever the run left behind (readers, a forkserver): their CPU counts too
    try:
        os.wait()
    except ChildProcessError:
        break
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": child.returncode, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "own": own,
                  "largest_mb": usage.ru_maxrss / 1024, "tree_mb": tree_peak, **kinds}))
"""


def measure(checkout: Path, pdf_dir: Path) -> dict[str, float]:
    """One `paperlake run` of the checkout's code on the folder, in a fresh data dir."""
    env = dict(os.environ, PYTHONPATH=str(checkout))
    with tempfile.TemporaryDirectory() as data:
        done = subprocess.run([sys.executable, "-c", _MEASURED, sys.executable, "-m", "paperlake.cli", "run",
                               str(pdf_dir.resolve()), "--data-dir", data], cwd=checkout, env=env,
                              capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.splitlines()[-1])
    if result["rc"]:
        raise SystemExit(f"paperlake run of {checkout} failed (rc {result['rc']})")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf_dir", type=Path)
    parser.add_argument("checkouts", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    runs: dict[Path, list[dict[str, float]]] = {c.resolve(): [] for c in args.checkouts}
    print(f"load before: {os.getloadavg()[0]:.2f}")
    for round_ in range(args.rounds):
        for checkout in runs:
            result = measure(checkout, args.pdf_dir)
            runs[checkout].append(result)
            print(f"  round {round_ + 1} {checkout.name}: wall {result['wall']:.1f} s, CPU {result['cpu']:.1f} s "
                  f"(own {result['own']:.1f}; sampled: forkserver {result['forkserver']:.1f}, readers "
                  f"{result['readers']:.1f}, other {result['other']:.1f}), largest {result['largest_mb']:.0f} MB, "
                  f"all {result['tree_mb']:.0f} MB, load {os.getloadavg()[0]:.2f}", flush=True)
    for checkout, results in runs.items():
        def least_median(key: str) -> str:
            values = [r[key] for r in results]
            return f"{min(values):.1f} / {statistics.median(values):.1f}"
        print(f"{checkout.name}: wall {least_median('wall')} s, CPU {least_median('cpu')} s, own {least_median('own')} s, "
              f"forkserver {least_median('forkserver')} s, readers {least_median('readers')} s (least / median), largest {max(r['largest_mb'] for r in results):.0f} MB, "
              f"all {max(r['tree_mb'] for r in results):.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
