"""Run one document's work in a child process with a wall-clock and a memory limit.

A PDF can make a reader loop for hours, allocate gigabytes or crash the C library under it; in a child
process that costs one document, never the run. The child comes from a forkserver that has already imported
the extractors, limits its own address space (RLIMIT_AS) and dies with its parent (PR_SET_PDEATHSIG; it gives
up the forkserver's liveness pipe, so the forkserver, its parent, ends when the run does), so a killed run
leaves no orphans.

Why a child failed decides whether the document is tried again: a timeout and running out of memory are
certain (the same limits give the same result: tried again when they change), and so is a death by a signal
when the child's own accounting (its address space in /proc, sampled while the parent waits) had reached the
memory cap: reading past RLIMIT_AS often ends in SIGSEGV rather than a MemoryError. A child that sits at its
cap is ended after `AT_CAP_S` rather than left to spin until the timeout. Any other death by a signal (a
SIGKILL from the kernel's out-of-memory killer on a busy host, a crash in the reader) is not certain
(`IsolationError.certain` False): the stages try such a document again on the next run. One child serves one call after another (opening, then extracting, document
after document; models stay loaded) and is replaced when it times out, crashes, runs out of memory, or has
served `MAX_CALLS` calls: starting and ending a child for every call cost ~20 ms each. Each thread has a
child of its own, so a step may read several documents at once from several threads.
As with any multiprocessing start method but fork, a script that calls this must guard its entry point
with `if __name__ == "__main__":` (the child imports the main module).
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from paperlake.pipeline.reader_child import worker_main

T = TypeVar("T")

PRELOAD = ["extractors.pipeline", "paperlake.pipeline.frames", "paperlake.pipeline.stages", "paperlake.review.images",
           "paperlake.pipeline.reader_stages", "paperlake.pipeline.reader_warmup"]
"""Modules the forkserver imports once, so every child starts with them loaded. paperlake.pipeline.stages holds the
function the extract stage's children run: a child unpickling it would otherwise import it (and the schemas,
routing and settings it pulls in) itself, ~80 ms a document. paperlake.review.images holds the one its review
images stage runs. paperlake.pipeline.reader_warmup validates once (reader_stages.py). matplotlib is not here:
only a figure's series plot needs it, and a reader that draws one imports it (0.25 CPU s a reader, both of
realdev's), where the forkserver's import cost 0.5 CPU s on every run (LaTeX papers' runs draw none)."""
_GRACE_S = 5.0  # after a result arrived, how long a child may take to exit before it is killed


AT_CAP_SHARE = 0.99
"""A child whose address space is at least this share of its cap is at its limit: its allocations fail."""
AT_CAP_S = 3.0
"""A child at its limit this long is ended as out of memory (a reader that retries failed allocations would
otherwise spin until the timeout)."""
NEAR_CAP_SHARE = 0.95
"""A child that dies by a signal after its address space reached this share of its cap ran out of memory."""
_POLL_S = 0.05  # how often the parent looks at a capped child's memory while it waits


class IsolationError(RuntimeError):
    """The child ran out of time or memory, or died; `kind` is 'timeout', 'out of memory' or 'crashed'.

    `certain`: the same limits would fail the same way (a timeout, memory by the child's own accounting);
    False for a death whose cause is unknown (a signal from outside, a crash), worth another try.
    """

    def __init__(self, kind: str, message: str, certain: bool = True) -> None:
        super().__init__(message)
        self.kind = kind
        self.certain = certain

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (IsolationError, (self.kind, str(self), self.certain))


@dataclass(frozen=True)
class Limits:
    """Per-document limits: seconds of wall-clock time and MB of address space (0: no limit)."""

    timeout_s: float = 0.0
    memory_mb: int = 0

    @property
    def active(self) -> bool:
        return self.timeout_s > 0 or self.memory_mb > 0


MAX_CALLS = 150
"""Calls one child serves before it is replaced, so memory a long-lived reader keeps cannot add up: 50
documents, each of which takes three (open, extract, review images; 25 documents of two calls when this was
50). A reader replaced loads its models again: 120 LaTeX papers at 50 calls took ten readers, and each that met
one of their six layout pages loaded the layout model anew (0.4 CPU s; more than running it on those pages)."""


class _Worker:
    """A child process that runs calls one after another under a memory cap (see reader_child.worker_main)."""

    def __init__(self, memory_mb: int) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        self.connection, child_end = context.Pipe(duplex=True)
        self.process = context.Process(target=worker_main, args=(child_end, memory_mb, os.getpid()), daemon=True)
        self.process.start()
        child_end.close()
        self.memory_mb, self.owner, self.calls = memory_mb, os.getpid(), 0

    def retire(self, kill: bool = False) -> None:
        """Ask the child to exit (or kill it), and wait for it."""
        try:
            if not kill:
                self.connection.send(None)
        except OSError:
            pass
        if kill:
            _kill(self.process)
        else:
            self.process.join(_GRACE_S)
            _kill(self.process)
        self.connection.close()


class _ThreadWorkers(threading.local):
    """Each thread's own worker child: threads of a step read different documents at once (per_document.py)."""

    worker: _Worker | None = None


_workers = _ThreadWorkers()
_spares: list[_Worker] = []
"""Idle children handed over by a thread that read its last document (`hand_over_worker`), for the next thread
that needs one: the head start's reader (head_start.py) becomes one of the step's, its models loaded."""
_spares_lock = threading.Lock()


def _current_worker(memory_mb: int) -> _Worker:
    """This thread's worker child: its own, else a spare one handed over, else a new one (also when its own
    died or has another memory cap)."""
    worker = _workers.worker
    if worker is not None and (worker.owner != os.getpid() or worker.memory_mb != memory_mb
                               or not worker.process.is_alive()):
        if worker.owner == os.getpid():
            worker.retire(kill=True)
        worker = _workers.worker = None
    if worker is None:
        worker = _workers.worker = _spare_worker(memory_mb) or _Worker(memory_mb)
    return worker


def _spare_worker(memory_mb: int) -> _Worker | None:
    """A live spare child of this process with this memory cap, taken from the spares (None when there is none)."""
    with _spares_lock:
        for worker in list(_spares):
            if worker.owner == os.getpid() and worker.memory_mb == memory_mb and worker.process.is_alive():
                _spares.remove(worker)
                return worker
    return None


def hand_over_worker() -> None:
    """Give this thread's worker child, if it has one, to the next thread that needs one (see `_spares`)."""
    worker, _workers.worker = _workers.worker, None
    if worker is not None:
        with _spares_lock:
            _spares.append(worker)


def retire_spare_workers() -> None:
    """End the spare children nobody took."""
    with _spares_lock:
        spares = list(_spares)
        _spares.clear()
    for worker in spares:
        if worker.owner == os.getpid():
            worker.retire()


def warm_up(fork: bool = False) -> None:
    """Start the forkserver now, so it imports the extractors (about a second) while the caller does other
    set-up; the first document's reader then starts in milliseconds. Harmless when it already runs. `fork`:
    as a fork of this process where that is safe, inheriting its imports (forked_server.py)."""
    from multiprocessing import forkserver

    from paperlake.pipeline import forked_server

    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    if not (fork and forked_server.start(PRELOAD)):
        forkserver.ensure_running()


def release_worker() -> None:
    """End this thread's worker child, if it has one (a thread that reads no more documents calls this)."""
    _discard_worker(kill=False)


def _discard_worker(kill: bool) -> None:
    if _workers.worker is not None:
        _workers.worker.retire(kill=kill)
        _workers.worker = None


def run_limited(function: Callable[..., T], *args: Any, limits: Limits) -> T:
    """function(*args) in a child process under `limits`; its exception is re-raised here as it was.

    Raises IsolationError('timeout' | 'out of memory' | 'crashed') when the child could not finish.
    `function` must be importable by name (a module-level function); args and result must pickle.
    """
    worker = _current_worker(limits.memory_mb)
    try:
        worker.connection.send((function, args))
    except OSError:  # the child died between calls: start a fresh one
        _discard_worker(kill=True)
        worker = _current_worker(limits.memory_mb)
        worker.connection.send((function, args))
    deadline = time.monotonic() + limits.timeout_s if limits.timeout_s > 0 else None
    memory = _MemoryWatch(worker.process.pid, limits.memory_mb)
    outcome = _receive(worker.connection, worker.process, deadline, memory)
    if outcome is None:
        timed_out = deadline is not None and time.monotonic() >= deadline
        process = worker.process
        _discard_worker(kill=True)
        if memory.at_cap:
            raise IsolationError("out of memory", f"out of memory: the reader sat at its limit for {AT_CAP_S:g} s "
                                                  f"(limit {limits.memory_mb} MB, PAPERLAKE_DOCUMENT_MEMORY_MB)")
        if timed_out:
            raise IsolationError("timeout", f"timeout: no result within {limits.timeout_s:g} s "
                                            f"(PAPERLAKE_DOCUMENT_TIMEOUT_S)")
        return _died(process, limits, memory)
    worker.calls += 1
    status, payload = outcome
    if status == "memory" or worker.calls >= MAX_CALLS:
        _discard_worker(kill=False)
    if status == "ok":
        return payload
    if status == "memory":
        raise IsolationError("out of memory", f"out of memory: {payload} (limit {limits.memory_mb} MB, "
                                              f"PAPERLAKE_DOCUMENT_MEMORY_MB)")
    raise payload


class _MemoryWatch:
    """A capped child's address space during one call, as the kernel accounts it (VmSize and VmPeak in
    /proc/<pid>/status), sampled while the parent waits. Where /proc is missing it sees nothing and the
    limits act as before (RLIMIT_AS alone)."""

    def __init__(self, pid: int | None, memory_mb: int) -> None:
        self.path = f"/proc/{pid}/status"
        self.cap_kb = memory_mb * 1024
        self.peak_kb = 0  # the largest address space seen during this call
        self.at_cap = False
        self._first_vm_peak: int | None = None
        self._at_cap_since: float | None = None

    def sample(self) -> bool:
        """Look once; True when the child has been at its cap for AT_CAP_S (then `at_cap` is set)."""
        if not self.cap_kb:
            return False
        try:
            with open(self.path, "rb") as status:
                text = status.read()
        except OSError:
            return False
        size = peak = 0
        for line in text.splitlines():
            if line.startswith(b"VmSize:"):
                size = int(line.split()[1])
            elif line.startswith(b"VmPeak:"):
                peak = int(line.split()[1])
        if not size:  # exiting: no address space left to read
            return False
        if self._first_vm_peak is None:
            self._first_vm_peak = peak  # the child's peak before this call (it served others)
        self.peak_kb = max(self.peak_kb, size, peak if peak > self._first_vm_peak else 0)
        now = time.monotonic()
        if size < AT_CAP_SHARE * self.cap_kb:
            self._at_cap_since = None
            return False
        if self._at_cap_since is None:
            self._at_cap_since = now
        self.at_cap = now - self._at_cap_since >= AT_CAP_S
        return self.at_cap

    @property
    def near_cap(self) -> bool:
        return bool(self.cap_kb) and self.peak_kb >= NEAR_CAP_SHARE * self.cap_kb


def _receive(receiver: multiprocessing.connection.Connection, child: Any, deadline: float | None,
             memory: _MemoryWatch) -> tuple[str, Any] | None:
    """The child's (status, payload), or None when it died, sat at its memory cap too long, or the deadline
    passed first."""
    step = _POLL_S if memory.cap_kb else 0.2
    while True:
        wait = step if deadline is None else max(0.0, min(step, deadline - time.monotonic()))
        if receiver.poll(wait):
            try:
                return receiver.recv()
            except (EOFError, OSError):
                return None
        if not child.is_alive() and not receiver.poll(0):
            return None
        if memory.sample():
            return None
        if deadline is not None and time.monotonic() >= deadline:
            return None


def _died(child: Any, limits: Limits, memory: _MemoryWatch) -> Any:
    """Why a child died without answering: out of memory when its own accounting says it had reached its
    cap (certain); otherwise a crash whose cause is not known (a signal from outside, a reader bug)."""
    code = child.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        if memory.near_cap:
            raise IsolationError("out of memory", f"out of memory: the reader died with {name} at "
                                                  f"{memory.peak_kb // 1024} MB (limit {limits.memory_mb} MB, "
                                                  f"PAPERLAKE_DOCUMENT_MEMORY_MB)")
        if -code == signal.SIGKILL:
            raise IsolationError("crashed", "crashed: the PDF reader was killed (SIGKILL) by another process "
                                            "(the kernel's out-of-memory killer?)", certain=False)
        raise IsolationError("crashed", f"crashed: the PDF reader died with {name}", certain=False)
    raise IsolationError("crashed", f"crashed: the PDF reader exited with code {code} before answering",
                         certain=False)


def _kill(child: Any) -> None:
    if child.is_alive():
        child.kill()
    child.join(_GRACE_S)
