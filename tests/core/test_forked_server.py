"""The readers' forkserver forked from the run's process (forked_server.py): it inherits the run's imports, and
nothing else: not the data dir's lock, not the run's lifetime."""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[2]

RUN = """
import fcntl, os, sys, threading, time
lock = open(sys.argv[1], "w")
fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as the run holds the data dir's writer lock
import pandas  # imported before the server starts: a forked server has it, a spawned one imports it again
if sys.argv[2] == "thread":  # another thread running: no fork
    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
from multiprocessing import forkserver
from paperlake.pipeline.isolation import Limits, release_worker, run_limited, warm_up
sys.stdout.write("run:")  # buffered (stdout is a pipe) when the server is forked
warm_up(fork=True)
limits = Limits(timeout_s=120)
probe = "(__import__('os').getpid(), 'pandas' in __import__('sys').modules)"
run_limited(eval, probe, limits=limits)
release_worker()  # the reader exits (flushing its standard streams), then a new one serves the next call
state = run_limited(eval, probe, limits=limits)
print("", forkserver._forkserver._forkserver_pid, *state, flush=True)
time.sleep(60)
"""


def _run(tmp_path: Path, mode: str) -> tuple[subprocess.Popen, int, int, bool]:
    run = subprocess.Popen([sys.executable, "-c", RUN, str(tmp_path / "lock"), mode], cwd=REPO,
                           env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE, text=True)
    said, server, reader, has_pandas = run.stdout.readline().split()
    assert said == "run:"  # once: no forked copy wrote out what the run had buffered
    return run, int(server), int(reader), has_pandas == "True"


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _lock_is_free(path: Path) -> bool:
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def _wait_for(condition, seconds: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def test_the_forked_server_inherits_imports_not_the_lock_and_dies_with_a_killed_run(tmp_path):
    run, server, reader, has_pandas = _run(tmp_path, "alone")
    started = psutil.Process(run.pid).children(recursive=True)
    try:
        assert psutil.Process(server).ppid() == run.pid
        assert psutil.Process(server).cmdline() == psutil.Process(run.pid).cmdline()  # a fork, not `-c ... main`
        assert has_pandas and reader not in (run.pid, server)
        held = {os.path.realpath(f.path) for f in psutil.Process(server).open_files()}
        assert str((tmp_path / "lock").resolve()) not in held  # only the run holds the data dir's lock
        assert not _lock_is_free(tmp_path / "lock")
        run.kill()
        run.wait(10)
        assert _wait_for(lambda: _gone(server) and _gone(reader)), "the forked server or its reader outlived the run"
        assert _lock_is_free(tmp_path / "lock")
    finally:
        if run.poll() is None:
            run.kill()
            run.wait(10)
        _close(run, started)


def _close(run, started) -> None:
    """The run's output pipe closed and every process it started killed, whatever state the test left them in."""
    run.stdout.close()
    for process in started:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass


def test_with_another_thread_running_the_server_is_spawned_as_before(tmp_path):
    run, server, reader, _ = _run(tmp_path, "thread")
    started = psutil.Process(run.pid).children(recursive=True)
    try:
        assert "from multiprocessing.forkserver import main" in " ".join(psutil.Process(server).cmdline())
        assert reader not in (run.pid, server)
    finally:
        run.kill()
        run.wait(10)
        _close(run, started)
