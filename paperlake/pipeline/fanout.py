"""Documents read side by side: a step's documents shared among a few threads, each driving its own reader
process (isolation.py), so a run uses the machine's cores while PyMuPDF and the models stay out of threads.

The threads only wait on their reader processes and write each document's own files; results come back in
the input order, and the first exception stops the others from taking new documents and is raised here.
"""
from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from paperlake.pipeline.isolation import Limits, release_worker

T = TypeVar("T")
R = TypeVar("R")

MAX_AUTO_READERS = 4  # past this, a laptop's disk and memory gain less than the readers' models cost


def reader_count(workers: int, limits: Limits) -> int:
    """How many documents to read at once: `workers`, or one per core (at most MAX_AUTO_READERS) when it is 0.
    One when extraction runs in this process (no limits): PyMuPDF must not be driven from two threads."""
    if not limits.active:
        return 1
    if workers > 0:
        return workers
    return max(1, min(_cores(), MAX_AUTO_READERS))


def model_threads(readers: int) -> int | None:
    """CPU threads each reader's models may use: the cores shared out among the readers (None: one reader,
    the libraries' own default)."""
    return max(1, _cores() // readers) if readers > 1 else None


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def map_in_threads(function: Callable[[T], R], items: Sequence[T], threads: int,
                   on_done: Callable[[R], None] | None = None) -> list[R]:
    """[function(item) for item in items] over up to `threads` threads; `on_done` sees each result in this
    thread as it arrives. Each thread ends its reader process when it runs out of items."""
    if threads <= 1 or len(items) <= 1:
        results = []
        for item in items:
            results.append(function(item))
            if on_done:
                on_done(results[-1])
        return results
    todo: queue.SimpleQueue[tuple[int, T]] = queue.SimpleQueue()
    for pair in enumerate(items):
        todo.put(pair)
    done: queue.SimpleQueue[tuple[int, bool, object] | None] = queue.SimpleQueue()
    stop = threading.Event()

    def work() -> None:
        try:
            while not stop.is_set():
                try:
                    index, item = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    done.put((index, True, function(item)))
                except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread, raised there
                    stop.set()
                    done.put((index, False, exc))
        finally:
            release_worker()
            done.put(None)

    pool = [threading.Thread(target=work, name=f"paperlake-reader-{n}", daemon=True)
            for n in range(min(threads, len(items)))]
    for thread in pool:
        thread.start()
    results: dict[int, R] = {}
    error: BaseException | None = None
    running = len(pool)
    try:
        while running:
            message = done.get()
            if message is None:
                running -= 1
                continue
            index, ok, value = message
            if not ok:
                error = error or value  # type: ignore[assignment]
            else:
                results[index] = value  # type: ignore[assignment]
                if on_done and error is None:
                    on_done(results[index])
    except BaseException:
        stop.set()  # Ctrl-C: the threads finish the documents they hold and take no more
        raise
    for thread in pool:
        thread.join()
    if error is not None:
        raise error
    return [results[i] for i in range(len(items))]
