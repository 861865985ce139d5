"""One writer per data dir: two or three `paperlake run` on one data dir at once, as real processes. The
others wait (`--wait`) or are refused with the holder's pid and start time, nothing breaks, and later runs
succeed. Dagster's instance in the data dir is created once, whole, whoever opens it at the same moment,
and a data dir an older paperlake left with a doubled schema stamp is mended."""
from __future__ import annotations

import multiprocessing
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fault_runs import EXAMPLES, REPO, paperlake, snapshot_content

from paperlake.dataset.layout import list_snapshots

pytestmark = pytest.mark.integration

GOOD = [EXAMPLES / "gas_sensor_array.pdf", EXAMPLES / "zno_thin_films.pdf", EXAMPLES / "protein_stability.pdf"]
DATABASES = ("history/runs.db", "history/runs/index.db", "schedules/schedules.db")


def _start_runs(data_dir: Path, count: int, *extra: str) -> list[subprocess.Popen[str]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return [subprocess.Popen([sys.executable, "-m", "paperlake.cli", "run", *map(str, GOOD), "--data-dir",
                              str(data_dir), *extra], cwd=REPO, env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(count)]


def _finish(runs: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    outputs = [run.communicate(timeout=600) for run in runs]
    return [(run.returncode, out, err) for run, (out, err) in zip(runs, outputs)]


def _stamps(database: Path) -> list[str]:
    with sqlite3.connect(database) as con:
        return [row[0] for row in con.execute("SELECT version_num FROM alembic_version")]


def _assert_instance_whole(dagster_home: Path) -> None:
    for rel in DATABASES:
        assert len(_stamps(dagster_home / rel)) == 1, rel


def test_concurrent_runs_are_refused_with_the_holder_named_and_the_data_dir_stays_usable(tmp_path):
    """Three at once (two at once is the same race with one refusal fewer)."""
    count = 3
    data_dir = tmp_path / "data"
    results = _finish(_start_runs(data_dir, count))
    codes = sorted(code for code, _, _ in results)
    assert codes == [0] + [75] * (count - 1), [(c, e[-2000:]) for c, _, e in results]
    for code, _, err in results:
        if code == 75:
            assert re.search(r"is in use by another paperlake run \(pid \d+ on \S+, started \d{4}-\d\d-\d\dT", err), err
            assert "--wait" in err
    _assert_instance_whole(data_dir / "dagster")
    after = paperlake(["run", *map(str, GOOD), "--data-dir", str(data_dir)])
    assert after.returncode == 0, after.stderr[-3000:]
    assert "0 unchanged" not in after.stdout  # the refused runs left nothing half done: all up to date


def test_concurrent_runs_with_wait_take_turns_and_all_publish(tmp_path):
    data_dir = tmp_path / "data"
    results = _finish(_start_runs(data_dir, 3, "--wait", "300"))
    assert [code for code, _, _ in results] == [0, 0, 0], [e[-2000:] for _, _, e in results]
    assert sum("waiting for pid" in err for _, _, err in results) >= 1
    _assert_instance_whole(data_dir / "dagster")
    assert len({snapshot.manifest["content_sha256"] for snapshot in list_snapshots(data_dir)}) == 1
    assert snapshot_content(data_dir)["documents"]


def _open_instance(home: str, barrier) -> None:  # type: ignore[no-untyped-def]
    from dagster_project.local_run import local_instance

    barrier.wait()
    local_instance(Path(home)).dispose()


def test_an_instance_opened_by_many_processes_at_once_is_created_once(tmp_path):
    home = tmp_path / "dagster"
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(6)
    workers = [context.Process(target=_open_instance, args=(str(home), barrier)) for _ in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [worker.exitcode for worker in workers] == [0] * 6
    _assert_instance_whole(home)


def test_a_kill_while_the_instance_is_created_leaves_nothing_half_made(tmp_path):
    data_dir = tmp_path / "data"
    killed = paperlake(["run", str(GOOD[0]), "--data-dir", str(data_dir)],
                       env={"PAPERLAKE_TEST_CRASH_AT": "dagster.instance_init"})
    assert killed.returncode == -9
    assert not any((data_dir / "dagster" / rel).exists() for rel in DATABASES)
    again = paperlake(["run", str(GOOD[0]), "--data-dir", str(data_dir)])
    assert again.returncode == 0, again.stderr[-3000:]
    _assert_instance_whole(data_dir / "dagster")


def test_a_doubled_schema_stamp_left_by_an_older_paperlake_is_mended(tmp_path):
    """Two runs racing through Dagster's first start used to stamp runs.db twice ("more than one head"): one
    created the tables and stamped the head, the other saw tables without a stamp and stamped Dagster's last
    pre-SQLAlchemy-2 revision; every later run failed."""
    from dagster._core.storage.sqlite import LAST_KNOWN_STAMPED_SQLITE_ALEMBIC_REVISION as OLD

    data_dir = tmp_path / "data"
    first = paperlake(["run", str(GOOD[0]), "--data-dir", str(data_dir)])
    assert first.returncode == 0, first.stderr[-3000:]
    runs_db = data_dir / "dagster" / "history" / "runs.db"
    (stamp,) = _stamps(runs_db)
    with sqlite3.connect(runs_db) as con:
        con.execute("INSERT INTO alembic_version VALUES (?)", (OLD,))
    assert sorted(_stamps(runs_db)) == sorted([stamp, OLD])
    probe = "import dagster, sys; dagster.DagsterInstance.from_config(sys.argv[1]).get_runs()"
    broken = subprocess.run([sys.executable, "-c", probe, str(data_dir / "dagster")], capture_output=True,
                            text=True, check=False)
    assert "more than one head" in broken.stderr  # what every run met
    again = paperlake(["run", str(GOOD[1]), "--data-dir", str(data_dir)])
    assert again.returncode == 0, again.stderr[-3000:]
    assert _stamps(runs_db) == [stamp]
