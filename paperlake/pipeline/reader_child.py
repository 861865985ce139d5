"""What runs inside a reader child (isolation.py starts it): it dies with the run, caps its own memory, then
runs each call the run sends and sends back what came of it, until told to stop or out of memory.

Kept apart from isolation.py, the run's side (starting, watching and ending children), so each side reads on
its own; `in_reader` lets a stage tell which side it runs on.
"""
from __future__ import annotations

import ctypes
import gc
import multiprocessing.connection
import os
import resource
import signal
from collections.abc import Callable
from typing import Any

READER_GC_THRESHOLD = (20_000, 50, 50)
"""A reader's collector thresholds (CPython's default: 700, 10, 10). A page's text arrives as tens of thousands
of dicts (PyMuPDF's rawdict) that live while the page is read: with the default, a young collection ran every
700 of them and passed each on through the older generations, 7,572 collections and 0.71 CPU s on realdev's
extraction (one process); with these 174 and 0.35 s, the same extraction byte for byte and no more memory
(peak 1,052 MB against 1,039). Cyclic garbage still goes: between documents `_settle_heap` collects it all."""
_PR_SET_PDEATHSIG = 1


def in_reader() -> bool:
    """Whether this process is a reader child (run_limited's), not a run's or a step's own process."""
    return _IN_READER


_IN_READER = False


def worker_main(connection: multiprocessing.connection.Connection, memory_mb: int, run_pid: int) -> None:
    """Inside the child: die with the run, cap memory, then run each (function, args) received and send
    back ('ok' | 'error' | 'memory', payload), until told to stop (None) or memory ran out."""
    global _IN_READER
    _IN_READER = True
    _release_forkserver()
    _die_with_parent(run_pid)
    # A reader ends on SIGTERM whatever the run inherited: Dagster maps SIGTERM to SIGINT's handler, which is
    # SIG_IGN in a process started in the background (`paperlake run ... &`, nohup), and multiprocessing's exit
    # then waits forever for a reader it cannot terminate.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    gc.freeze()  # the preloaded modules live as long as the child: see _settle_heap
    gc.set_threshold(*READER_GC_THRESHOLD)
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
        except Exception as exc:  # noqa: BLE001 - a result that does not pickle
            connection.send(("error", RuntimeError(f"the result could not be sent back: "
                                                   f"{type(exc).__name__}: {exc}")))
        if outcome[0] == "memory":  # a process that ran out of memory is not trusted with the next call
            return
        del call, function, args, outcome
        _settle_heap()


def _settle_heap() -> None:
    """Collect a call's cyclic garbage, then freeze what is left (the models a first call loaded, caches), so
    the collector's full passes during the next documents skip it: unfrozen, those passes over the extractors'
    modules and models took 7-15% of a reader's time (realdev: 31.1 s of CPU against 28.8 s frozen)."""
    gc.collect()
    gc.freeze()


def _run(function: Callable[..., Any], args: tuple[Any, ...], memory_mb: int) -> tuple[str, Any]:
    from extractors.pdf_checks import is_out_of_memory  # preloaded here; importing this module stays light (warm_up)

    try:
        return ("ok", function(*args))
    except MemoryError as exc:
        return ("memory", f"MemoryError {exc}".strip())
    except Exception as exc:  # noqa: BLE001 - sent back and re-raised in the parent, which decides what it means
        return ("memory", str(exc)) if memory_mb and is_out_of_memory(exc) else ("error", picklable(exc))


def picklable(exc: Exception) -> Exception:
    """The exception itself when it pickles (most do), else a RuntimeError with the same text."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - any failure to pickle
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _release_forkserver() -> None:
    """Close this child's copy of the forkserver's liveness pipe.

    The forkserver (this child's parent) runs until every holder of that pipe's write end is gone, and
    CPython hands it to each child it forks. A child in the middle of a document kept the forkserver alive
    after the run was killed, so the death signal armed against the forkserver never came. Without this
    copy, the forkserver ends when the run does, and the child with it. The child never starts processes
    through the run's forkserver (it would start a forkserver of its own)."""
    from multiprocessing import forkserver

    server = forkserver._forkserver  # CPython keeps the fd only here
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is None:
        return
    try:
        os.close(fd)
    except OSError:
        pass
    server._forkserver_alive_fd = None
    server._forkserver_address = None


def _die_with_parent(run_pid: int) -> None:
    """Ask Linux to SIGKILL this process when its parent (the forkserver, which ends with the run) exits;
    exit now when the run is already gone (no-op elsewhere)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() == 1 or not _alive(run_pid):  # the forkserver or the run is already gone
        os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - exists, another user's
        return True
    return True
