"""A new data dir's Dagster databases are copies of a template built once (instance_template.py)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from dagster_project import instance_template
from dagster_project.local_run import INSTANCE_DATABASES, _build_databases, local_instance


def _schema(database: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(database) as con:
        return sorted(con.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


def _stamps(database: Path) -> list[str]:
    with sqlite3.connect(database) as con:
        return [row[0] for row in con.execute("SELECT version_num FROM alembic_version")]


def test_the_template_is_built_once_and_its_copies_are_what_dagster_builds(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    builds: list[Path] = []

    def counted(folder: Path) -> None:
        builds.append(folder)
        _build_databases(folder)

    for name in ("one", "two"):
        instance_template.fill(tmp_path / name, INSTANCE_DATABASES, counted, cache)
    assert len(builds) == 1 and instance_template.template_dir(cache).is_dir()
    _build_databases(tmp_path / "built")
    for rel in INSTANCE_DATABASES:
        for name in ("one", "two"):
            assert _schema(tmp_path / name / rel) == _schema(tmp_path / "built" / rel)
            assert _stamps(tmp_path / name / rel) == _stamps(tmp_path / "built" / rel)
    assert not list(cache.glob(".dagster-template-*"))  # the scratch folder is gone


def test_where_the_cache_cannot_be_written_the_databases_are_built_in_place(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    instance_template.fill(tmp_path / "here", INSTANCE_DATABASES, _build_databases, blocked / "cache")
    assert all((tmp_path / "here" / rel).is_file() for rel in INSTANCE_DATABASES)


def test_a_data_dir_instance_from_the_template_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(instance_template, "CACHE_DIR", tmp_path / "cache")
    instance = local_instance(tmp_path / "dagster")
    try:
        assert instance.get_runs() == []
        assert instance_template.template_dir(tmp_path / "cache").is_dir()
    finally:
        instance.dispose()
