"""A celery cluster on one machine, for tests and benchmarks: Redis as broker and results backend, N workers.

The workers are dagster-celery's own (`dagster-celery worker start`), sharing the Dagster instance
(DAGSTER_HOME) and the data dir with the run; each runs one step at a time in its own main process
(`--pool=solo`: prefork pool children are daemonic and may not start the limited child process each
document is read in), so two workers use two cores. Everything started here is stopped when the context exits.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass
class LocalCeleryCluster:
    """The broker URL, the celery executor config that points at it, and the processes behind it."""

    broker: str
    executor_config: dict[str, object]
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.processes]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise TimeoutError(f"redis-server did not listen on 127.0.0.1:{port} within {timeout:.0f} s")


def _wait_for_workers(app_broker: str, names: list[str], processes: list[subprocess.Popen], timeout: float) -> None:
    """Block until every named worker answers a celery ping; fail at once if one exits."""
    from celery import Celery

    app = Celery(broker=app_broker, backend=app_broker)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            exited = [p.args for p in processes if p.poll() is not None]
            if exited:
                raise RuntimeError(f"a celery worker exited while starting: {exited[0]}")
            replies = app.control.ping(timeout=1.0) or []
            answered = {name for reply in replies for name in reply}
            if all(any(a.startswith(n + "@") or a == n for a in answered) for n in names):
                return
            time.sleep(0.5)
    finally:
        app.close()
    raise TimeoutError(f"celery workers {names} did not answer within {timeout:.0f} s")


@contextlib.contextmanager
def local_celery_cluster(dagster_home: Path, workers: int = 2, env: Mapping[str, str] | None = None,
                         start_timeout: float = 120.0) -> Iterator[LocalCeleryCluster]:
    """Start redis-server on a free loopback port and `workers` dagster-celery workers; stop them all after."""
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        raise FileNotFoundError("redis-server not found (Debian: apt-get install redis-server)")
    from dagster_project.local_run import PRELOAD, local_instance, use_dagster_switches

    dagster_home = Path(dagster_home)
    with local_instance(dagster_home):
        pass  # create the SQLite storages once, before workers race to create them
    port = free_port()
    broker = f"redis://127.0.0.1:{port}/0"
    config = {"broker": broker, "backend": f"redis://127.0.0.1:{port}/1"}
    config_yaml = dagster_home / "celery.yaml"
    config_yaml.write_text(yaml.safe_dump({"execution": {"config": config}}), encoding="utf-8")
    processes: list[subprocess.Popen] = []
    cluster = LocalCeleryCluster(broker, config, processes)
    bin_dir = str(Path(sys.executable).parent)  # `dagster-celery worker start` runs `celery` from PATH
    worker_env = {**use_dagster_switches({**os.environ, **(env or {})}), "DAGSTER_HOME": str(dagster_home),
                  "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    try:
        redis = subprocess.Popen([redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                  "--appendonly", "no", "--dir", str(dagster_home)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        processes.append(redis)
        _wait_for_port(port, redis, 30)
        names = [f"paperlake{i + 1}" for i in range(workers)]
        cli = str(Path(bin_dir) / "dagster-celery")
        for name in names:
            log = open(dagster_home / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
            processes.append(subprocess.Popen(
                [cli, "worker", "start", "-A", "dagster_celery.app", "-y", str(config_yaml), "-n", name,
                 "-l", "WARNING", "--", "--pool=solo", "--without-gossip", "--without-mingle",
                 f"--include={','.join(PRELOAD)}"],
                env=worker_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
            log.close()
        _wait_for_workers(broker, names, processes[1:], start_timeout)
        yield cluster
    finally:
        import gc

        gc.collect()  # drop finished celery results while Redis still answers their unsubscribe
        for process in reversed(processes):
            _stop(process)


def _stop(process: subprocess.Popen, timeout: float = 20.0) -> None:
    """SIGTERM the process group a process leads, then SIGKILL it if it lingers."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)
