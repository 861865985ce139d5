"""Documents read side by side: results in order, each thread with a reader process of its own, ended after."""
from __future__ import annotations

import os
import threading
import time

import psutil
import pytest

from paperlake.pipeline.fanout import map_in_threads, model_threads, reader_count
from paperlake.pipeline.isolation import Limits, run_limited

LIMITS = Limits(timeout_s=60, memory_mb=2048)


def _reader_pid(item: int) -> tuple[int, int, str]:
    time.sleep(0.05 * (5 - item))  # the first items take longest: they finish out of order
    return item, run_limited(os.getpid, limits=LIMITS), threading.current_thread().name


def test_results_come_in_order_from_readers_of_their_own_which_end_with_the_threads() -> None:
    seen: list[tuple[int, int, str]] = []
    results = map_in_threads(_reader_pid, list(range(6)), threads=2, on_done=seen.append)
    assert [r[0] for r in results] == list(range(6))
    assert sorted(seen) == sorted(results) and [r[0] for r in seen] != list(range(6))  # on_done as they came
    readers = {pid for _, pid, _ in results}
    threads = {name for _, _, name in results}
    assert len(readers) == 2 and len(threads) == 2 and os.getpid() not in readers
    assert all(not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE for pid in readers)


def test_the_first_error_stops_the_rest_and_is_raised_here() -> None:
    started: list[int] = []

    def work(item: int) -> int:
        started.append(item)
        if item == 1:
            raise ValueError("document 1 is broken")
        time.sleep(0.2)
        return item

    with pytest.raises(ValueError, match="document 1"):
        map_in_threads(work, list(range(20)), threads=2)
    assert len(started) < 6  # the other thread finished what it held and took little more


def test_one_thread_or_one_item_runs_here_in_order() -> None:
    names: list[str] = []
    assert map_in_threads(lambda i: names.append(threading.current_thread().name) or i * 2, [1, 2, 3], 1) == [2, 4, 6]
    assert set(names) == {threading.current_thread().name}


def test_how_many_readers_and_model_threads() -> None:
    assert reader_count(0, Limits()) == 1 and reader_count(3, Limits()) == 1  # in-process reading: never threads
    assert reader_count(3, LIMITS) == 3
    cores = len(os.sched_getaffinity(0))
    assert reader_count(0, LIMITS) == max(1, min(cores, 4))
    assert model_threads(1) is None and model_threads(cores) == 1 and model_threads(cores * 8) == 1


def test_warm_up_starts_the_readers_forkserver_once() -> None:
    from multiprocessing import forkserver

    from paperlake.pipeline.isolation import warm_up

    warm_up()
    pid = forkserver._forkserver._forkserver_pid
    assert pid and psutil.pid_exists(pid)
    warm_up()
    assert forkserver._forkserver._forkserver_pid == pid  # already running: left as it is
    assert run_limited(os.getpid, limits=LIMITS) not in (os.getpid(), pid)  # a reader forked from it
