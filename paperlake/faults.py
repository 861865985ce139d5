"""Crash points for the fault tests: `PAPERLAKE_TEST_CRASH_AT=<point>[:<n>][:<signal>]` kills this process the
n-th time (default: first) it reaches that point, with SIGKILL or the signal named (e.g. SIGSEGV), so a test
can kill a run exactly mid-extraction or mid-publish, or make the PDF reader crash.

Unset (always, outside those tests) a crash point costs one dictionary lookup. Points: see CRASH_POINTS.
A crash point inside the isolation child (extract.reader) sees the environment of the process that started
the forkserver, when it started: set the variable before the run's first document, in a fresh process.
"""
from __future__ import annotations

import os
import resource
import signal
from collections import Counter

ENV_VAR = "PAPERLAKE_TEST_CRASH_AT"
CRASH_POINTS = (
    "extract.reader",  # inside the child that reads a PDF, as extraction starts (a reader crash: use SIGSEGV)
    "extract.before_write",  # a document's extraction finished, its stage output not yet written
    "review.images_drawn",  # a document's review images drawn ahead, the run's review queue not yet built
    "publish.staged",  # a snapshot's files written to its staging folder, not yet renamed into place
    "publish.before_current",  # the snapshot folder complete, CURRENT still names the previous one
    "publish.before_catalog",  # CURRENT moved, catalog.duckdb still shows the previous snapshot
    "label_studio.after_import",  # Label Studio created a batch of tasks, the task map not yet saved
    "dagster.instance_init",  # a new Dagster instance's databases built, not yet moved into the data dir
)
_reached: Counter[str] = Counter()


def parse(wanted: str) -> tuple[str, int, signal.Signals]:
    """`<point>[:<n>][:<signal>]` as (point, n, signal); n defaults to 1, the signal to SIGKILL."""
    point, *rest = wanted.split(":")
    nth, sig = 1, signal.SIGKILL
    for part in rest:
        if part.isdigit():
            nth = int(part)
        elif part:
            try:
                sig = signal.Signals[part.upper() if part.upper().startswith("SIG") else f"SIG{part.upper()}"]
            except KeyError:
                raise ValueError(f"{ENV_VAR}={wanted!r}: {part!r} is neither a count nor a signal name") from None
    return point, nth, sig


def crash_point(name: str) -> None:
    """Kill this process here when the environment asks for it (a test of what a crash leaves behind)."""
    wanted = os.environ.get(ENV_VAR)
    if not wanted:
        return
    point, nth, sig = parse(wanted)
    if point != name:
        return
    _reached[name] += 1
    if _reached[name] >= nth:
        if sig != signal.SIGKILL:
            _, hard = resource.getrlimit(resource.RLIMIT_CORE)
            resource.setrlimit(resource.RLIMIT_CORE, (0, hard))  # a deliberate SIGSEGV leaves no core file
            signal.raise_signal(sig)  # to this thread, like a fault in the code running here
        os.kill(os.getpid(), signal.SIGKILL)  # SIGKILL asked for, or a signal this process handled or ignored
