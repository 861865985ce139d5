"""Opening a local instance reads Dagster's migration scripts once, not once per database and check, and leaves
databases with the same schema and stamps as Dagster's own one-script-directory-per-call opening."""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import alembic.script.base as alembic_script
import dagster as dg
import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from dagster_project.local_run import INSTANCE_DATABASES, local_instance, write_instance_yaml
from dagster_project.migration_scripts import shared_migration_scripts


def _schema(database: Path) -> tuple[list[tuple[str, str]], list[str]]:
    with sqlite3.connect(database) as con:
        tables = sorted(con.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
        stamps = sorted(row[0] for row in con.execute("SELECT version_num FROM alembic_version"))
    return tables, stamps


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    loads: list[int] = []
    original = alembic_script.ScriptDirectory._load_revisions

    def counted(self):  # type: ignore[no-untyped-def]
        loads.append(1)
        yield from original(self)

    monkeypatch.setattr(alembic_script.ScriptDirectory, "_load_revisions", counted)
    return loads


def test_a_new_instance_reads_the_scripts_once_and_matches_dagsters_own(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    loads = _counting(monkeypatch)
    local_instance(tmp_path / "ours").dispose()
    assert len(loads) == 1  # nine before: a stamp and a check per database, and the checks again on reopening
    local_instance(tmp_path / "ours").dispose()
    assert len(loads) == 2
    assert ScriptDirectory.__dict__["from_config"] is alembic_script.ScriptDirectory.__dict__["from_config"]
    write_instance_yaml(tmp_path / "theirs")  # the same dagster.yaml, opened by Dagster alone
    dg.DagsterInstance.from_config(str(tmp_path / "theirs")).dispose()
    for rel in INSTANCE_DATABASES:
        assert _schema(tmp_path / "ours" / rel) == _schema(tmp_path / "theirs" / rel)


def test_sharing_nests_across_threads_and_ends_with_alembics_own_method() -> None:
    original = ScriptDirectory.__dict__["from_config"]
    config = Config()
    config.set_main_option("script_location", str(Path(dg.__file__).parent / "_core" / "storage" / "alembic"))
    seen: list[ScriptDirectory] = []
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        with shared_migration_scripts():
            seen.append(ScriptDirectory.from_config(config))
            entered.set()
            leave.wait(10)

    thread = threading.Thread(target=other)
    with shared_migration_scripts():
        thread.start()
        entered.wait(10)
        with shared_migration_scripts():
            seen.append(ScriptDirectory.from_config(config))
        leave.set()
        thread.join(10)
        seen.append(ScriptDirectory.from_config(config))  # still shared: this thread has not left yet
    assert seen[0] is seen[1] is seen[2]
    assert ScriptDirectory.__dict__["from_config"] is original
    assert ScriptDirectory.from_config(config) is not seen[0]
