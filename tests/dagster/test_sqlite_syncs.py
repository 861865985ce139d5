"""The local instance's SQLite databases sync less while a run writes them, and lose nothing committed."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from dagster_project.sqlite_syncs import fewer_syncs, no_syncs


def _engine(path: Path) -> sa.Engine:
    """An engine as Dagster's SQLite storages make them: a fresh connection per use."""
    return sa.create_engine(f"sqlite:///{path}", poolclass=NullPool)


def _wal_database(path: Path) -> Path:
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("CREATE TABLE events (n INTEGER)")
    return path


def _synchronous(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text("PRAGMA synchronous")).scalar_one()


def test_a_run_commits_without_syncs_and_keeps_its_wal_open(tmp_path: Path) -> None:
    home, elsewhere = tmp_path / "dagster", tmp_path / "other"
    (home / ".init-x").mkdir(parents=True)
    elsewhere.mkdir()
    inside, outside = _wal_database(home / "index.db"), _wal_database(elsewhere / "index.db")
    building = _wal_database(home / ".init-x" / "runs.db")
    with fewer_syncs(home):
        assert _synchronous(_engine(inside)) == 1  # NORMAL: consistent in WAL mode, no sync per commit
        assert _synchronous(_engine(outside)) == 2  # FULL, SQLite's default: not the run's to change
        assert _synchronous(_engine(building)) == 2  # an instance being built is no_syncs' business
        for n in range(5):
            with _engine(inside).begin() as conn:
                conn.execute(sa.text("INSERT INTO events VALUES (:n)"), {"n": n})
        # a connection kept open: the others' closes neither checkpoint nor delete the WAL
        assert (home / "index.db-wal").stat().st_size > 0
    assert not (home / "index.db-wal").exists()  # the last close checkpointed it
    with sqlite3.connect(inside) as con:
        assert [n for (n,) in con.execute("SELECT n FROM events ORDER BY n")] == [0, 1, 2, 3, 4]
    assert _synchronous(_engine(inside)) == 2  # back to the default once the run is over


def test_databases_built_in_a_temporary_folder_skip_syncs_until_moved(tmp_path: Path) -> None:
    fresh = tmp_path / ".init-x"
    fresh.mkdir()
    database = _wal_database(fresh / "runs.db")
    with no_syncs(fresh):
        assert _synchronous(_engine(database)) == 0
    assert _synchronous(_engine(database)) == 2
