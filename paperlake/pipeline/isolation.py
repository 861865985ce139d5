"""Run one document's work in a child process with a wall-clock and a memory limit.

A PDF can make a reader loop for hours, allocate gigabytes or crash the C library under it; in a child
process that costs one document, never the run. The child comes from a forkserver that has already imported
the extractors, limits its own address space (RLIMIT_AS) and dies with its parent (PR_SET_PDEATHSIG), so a
killed run leaves no orphans. One child serves one call after another (opening, then extracting, document
after document; models stay loaded) and is replaced when it times out, crashes, runs out of memory, or has
served `MAX_CALLS` calls: starting and ending a child for every call cost ~20 ms each.
As with any multiprocessing start method but fork, a script that calls this must guard its entry point
with `if __name__ == "__main__":` (the child imports the main module).
"""
from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from extractors.pdf_checks import is_out_of_memory

T = TypeVar("T")

PRELOAD = ["extractors.pipeline", "paperlake.pipeline.frames", "paperlake.pipeline.stages"]
"""Modules the forkserver imports once, so every child starts with them loaded. paperlake.pipeline.stages holds the
function the extract stage's children run: a child unpickling it would otherwise import it (and the schemas,
routing and settings it pulls in) itself, ~80 ms a document."""
_PR_SET_PDEATHSIG = 1
_GRACE_S = 5.0  # after a result arrived, how long a child may take to exit before it is killed


class IsolationError(RuntimeError):
    """The child ran out of time or memory, or died; `kind` is 'timeout', 'out of memory' or 'crashed'."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Limits:
    """Per-document limits: seconds of wall-clock time and MB of address space (0: no limit)."""

    timeout_s: float = 0.0
    memory_mb: int = 0

    @property
    def active(self) -> bool:
        return self.timeout_s > 0 or self.memory_mb > 0


MAX_CALLS = 50
"""Calls one child serves before it is replaced, so memory a long-lived reader keeps cannot add up."""


class _Worker:
    """A child process that runs calls one after another under a memory cap (see _worker_main)."""

    def __init__(self, memory_mb: int) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        self.connection, child_end = context.Pipe(duplex=True)
        self.process = context.Process(target=_worker_main, args=(child_end, memory_mb), daemon=True)
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


_worker: _Worker | None = None


def _current_worker(memory_mb: int) -> _Worker:
    """This process's worker child, started when there is none, it died, or it has another memory cap."""
    global _worker
    if _worker is not None and (_worker.owner != os.getpid() or _worker.memory_mb != memory_mb
                                or not _worker.process.is_alive()):
        if _worker.owner == os.getpid():
            _worker.retire(kill=True)
        _worker = None
    if _worker is None:
        _worker = _Worker(memory_mb)
    return _worker


def _discard_worker(kill: bool) -> None:
    global _worker
    if _worker is not None:
        _worker.retire(kill=kill)
        _worker = None


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
    outcome = _receive(worker.connection, worker.process, deadline)
    if outcome is None:
        timed_out = deadline is not None and time.monotonic() >= deadline
        process = worker.process
        _discard_worker(kill=True)
        if timed_out:
            raise IsolationError("timeout", f"timeout: no result within {limits.timeout_s:g} s "
                                            f"(PAPERLAKE_DOCUMENT_TIMEOUT_S)")
        return _died(process, limits)
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


def _receive(receiver: multiprocessing.connection.Connection, child: Any,
             deadline: float | None) -> tuple[str, Any] | None:
    """The child's (status, payload), or None when it died or the deadline passed first."""
    while True:
        wait = 0.2 if deadline is None else max(0.0, min(0.2, deadline - time.monotonic()))
        if receiver.poll(wait):
            try:
                return receiver.recv()
            except (EOFError, OSError):
                return None
        if not child.is_alive() and not receiver.poll(0):
            return None
        if deadline is not None and time.monotonic() >= deadline:
            return None


def _died(child: Any, limits: Limits) -> Any:
    code = child.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        if -code == signal.SIGKILL and limits.memory_mb:
            raise IsolationError("out of memory", f"out of memory: the reader was killed ({name}) "
                                                  f"(limit {limits.memory_mb} MB, PAPERLAKE_DOCUMENT_MEMORY_MB)")
        raise IsolationError("crashed", f"crashed: the PDF reader died with {name}")
    raise IsolationError("crashed", f"crashed: the PDF reader exited with code {code} before answering")


def _kill(child: Any) -> None:
    if child.is_alive():
        child.kill()
    child.join(_GRACE_S)


def _worker_main(connection: multiprocessing.connection.Connection, memory_mb: int) -> None:
    """Inside the child: die with the parent, cap memory, then run each (function, args) received and send
    back ('ok' | 'error' | 'memory', payload), until told to stop (None) or memory ran out."""
    _die_with_parent()
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            call = connection.recv()
        except (EOFError, OSError):  # the parent went away
            return
        if call is None:
            return
        function, args = call
        outcome = _run(function, args, memory_mb)
        try:
            connection.send(outcome)
        except MemoryError:
            outcome = ("memory", "the result did not fit in memory")
            connection.send(outcome)
        except Exception as exc:  # a result that does not pickle
            connection.send(("error", RuntimeError(f"the result could not be sent back: "
                                                   f"{type(exc).__name__}: {exc}")))
        if outcome[0] == "memory":  # a process that ran out of memory is not trusted with the next call
            return


def _run(function: Callable[..., Any], args: tuple[Any, ...], memory_mb: int) -> tuple[str, Any]:
    try:
        return ("ok", function(*args))
    except MemoryError as exc:
        return ("memory", f"MemoryError {exc}".strip())
    except Exception as exc:  # sent back and re-raised in the parent, which decides what it means
        return ("memory", str(exc)) if memory_mb and is_out_of_memory(exc) else ("error", _picklable(exc))


def _picklable(exc: Exception) -> Exception:
    """The exception itself when it pickles (most do), else a RuntimeError with the same text."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent exits (no-op elsewhere)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() == 1:  # the parent is already gone
        os._exit(1)
