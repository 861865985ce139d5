"""Crash points for the fault tests: `PAPERLAKE_TEST_CRASH_AT=<point>[:<n>]` SIGKILLs this process the n-th
time (default: first) it reaches that point, so a test can kill a run exactly mid-extraction or mid-publish.

Unset (always, outside those tests) a crash point costs one dictionary lookup. Points: see CRASH_POINTS.
"""
from __future__ import annotations

import os
import signal
from collections import Counter

ENV_VAR = "PAPERLAKE_TEST_CRASH_AT"
CRASH_POINTS = (
    "extract.before_write",  # a document's extraction finished, its stage output not yet written
    "publish.staged",  # a snapshot's files written to its staging folder, not yet renamed into place
    "publish.before_current",  # the snapshot folder complete, CURRENT still names the previous one
    "publish.before_catalog",  # CURRENT moved, catalog.duckdb still shows the previous snapshot
    "label_studio.after_import",  # Label Studio created a batch of tasks, the task map not yet saved
)
_reached: Counter[str] = Counter()


def crash_point(name: str) -> None:
    """SIGKILL this process here when the environment asks for it (a test of what a crash leaves behind)."""
    wanted = os.environ.get(ENV_VAR)
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _reached[name] += 1
    if _reached[name] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
