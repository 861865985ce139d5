"""One writer per data dir: whatever runs the pipeline holds an exclusive lock on `DIR/.paperlake.lock` for
the whole run (`paperlake run` from registering the PDFs to the summary; `run_documents` and
`execute_documents` for theirs).

The lock is flock(2) on a file that is never removed: the kernel drops it when its holder exits, kill -9
included, so it is never stale. The holder writes its pid, host, start time and command into the file; a
second writer waits up to `wait_s` seconds for it and is then refused with `DataDirBusy`, whose message
names the holder. Within one process the lock is re-entrant (the CLI holds it and the Dagster run it
starts takes it again). The descriptor is close-on-exec; a child forked from the holder shares its lock.
Readers (queries, `snapshots`, the catalog) take no lock: snapshots are immutable and swapped atomically.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

LOCK_NAME = ".paperlake.lock"
BUSY_EXIT_CODE = 75
"""`paperlake run`'s exit code when another writer holds the data dir (EX_TEMPFAIL: try again later)."""

_held: dict[str, int] = {}
_guard = threading.Lock()


class DataDirBusy(Exception):
    """Another process holds the data dir's writer lock; `holder` is what it wrote about itself."""

    def __init__(self, data_dir: Path, holder: dict, waited_s: float) -> None:
        self.data_dir, self.holder, self.waited_s = data_dir, holder, waited_s
        super().__init__(f"{data_dir} is in use by another paperlake run ({describe_holder(holder)}); waited "
                         f"{waited_s:.0f} s. Run again when it has finished, or give --wait SECONDS to wait "
                         f"for it")


def describe_holder(holder: dict) -> str:
    """'pid 123 on host, started 2026-12-06T08:00:00Z: paperlake run papers/' from a holder record."""
    if not holder.get("pid"):
        return "a process that has not said who it is yet"
    text = f"pid {holder['pid']} on {holder.get('host') or '?'}, started {holder.get('started_at') or '?'}"
    return text + (f": {holder['command']}" if holder.get("command") else "")


def read_holder(data_dir: Path) -> dict:
    """What the current (or last) holder wrote into the lock file; {} when unreadable."""
    try:
        holder = json.loads((Path(data_dir) / LOCK_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


HOLDER_SETTLE_S = 0.5  # a holder writes who it is right after taking the lock: this long at most


def _settled_holder(data_dir: Path) -> dict:
    """The holder's record, waiting briefly for one that has just taken the lock to write it (three runs
    started at once: one was refused before the winner had said who it is)."""
    deadline = time.monotonic() + HOLDER_SETTLE_S
    holder = read_holder(data_dir)
    while "pid" not in holder and time.monotonic() < deadline:
        time.sleep(0.02)
        holder = read_holder(data_dir)
    return holder


@contextmanager
def writer_lock(data_dir: Path, wait_s: float = 0.0, on_wait: Callable[[dict], None] | None = None,
                command: str | None = None) -> Iterator[None]:
    """Hold the data dir's writer lock for the block; wait up to wait_s for another holder, then DataDirBusy.
    `on_wait(holder)` is called once when the lock is taken by someone else and this call starts waiting;
    `command` is how the holder describes itself to others (default: this process's command line)."""
    data_dir = Path(data_dir).resolve()
    key = str(data_dir)
    with _guard:
        if key in _held:
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _guard:
                _held[key] -= 1
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        _acquire(fd, data_dir, wait_s, on_wait)
        _write_holder(fd, command if command is not None else " ".join(sys.argv))
        with _guard:
            _held[key] = 1
        try:
            yield
        finally:
            with _guard:
                del _held[key]
    finally:
        os.close(fd)  # releases the lock


def _acquire(fd: int, data_dir: Path, wait_s: float, on_wait: Callable[[dict], None] | None) -> None:
    started = time.monotonic()
    announced = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            waited = time.monotonic() - started
            if waited >= wait_s:
                raise DataDirBusy(data_dir, _settled_holder(data_dir), waited) from None
            if on_wait is not None and not announced:
                announced = True
                on_wait(_settled_holder(data_dir))
            time.sleep(min(0.2, max(0.01, wait_s - waited)))


def _write_holder(fd: int, command: str) -> None:
    """Who holds the lock, for the message a second writer shows (written over the last holder's)."""
    holder = {"pid": os.getpid(), "host": socket.gethostname(),
              "started_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "command": command[:300]}
    data = json.dumps(holder, ensure_ascii=True).encode() + b"\n"
    os.pwrite(fd, data, 0)
    os.ftruncate(fd, len(data))
