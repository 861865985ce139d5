"""A publish killed at any step, or out of disk, leaves CURRENT naming a complete snapshot and the catalog
showing a complete snapshot; the next publish finishes with the same content."""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from fault_runs import EXAMPLES, REPO, process, publish, snapshot_content

from paperlake.dataset import publish as publish_module
from paperlake.dataset.layout import current_snapshot, is_snapshot_id
from paperlake.dataset.publish import verify_snapshot

PDF = EXAMPLES / "gas_sensor_array.pdf"
PUBLISH = ("import sys; from paperlake.settings import load_settings; from paperlake.store import DataStore; "
           "from paperlake.dataset.assemble import publish_all; s = load_settings(sys.argv[1], env={}); "
           "publish_all(DataStore(s.data_dir), s)")


def _published(data_dir: Path):
    store, settings, _ = process(data_dir, [PDF])
    first = publish(store, settings)
    return store, settings, first


def _catalog_snapshot(data_dir: Path) -> tuple[str, int]:
    con = duckdb.connect(str(data_dir / "catalog.duckdb"), read_only=True)
    try:
        sid = con.execute("select snapshot_id from snapshot_info").fetchall()[0][0]
        return sid, con.execute("select count(*) from tables_all").fetchall()[0][0]
    finally:
        con.close()


def _assert_nothing_partial_visible(data_dir: Path) -> None:
    """CURRENT and every snapshot-named folder are complete; the catalog answers from a complete snapshot."""
    current = current_snapshot(data_dir)
    assert current is not None and verify_snapshot(current.path) == []
    for folder in (data_dir / "published").iterdir():
        if is_snapshot_id(folder.name):
            assert verify_snapshot(folder) == [], folder
    sid, n_tables = _catalog_snapshot(data_dir)
    assert verify_snapshot(data_dir / "published" / sid) == []
    assert n_tables == current_snapshot(data_dir).row_counts["tables"]


@pytest.mark.parametrize("point", ["publish.staged", "publish.before_current", "publish.before_catalog"])
def test_publish_killed_midway_then_rerun(tmp_path, point):
    data_dir = tmp_path / "data"
    store, settings, first = _published(data_dir)
    reference = snapshot_content(data_dir)
    env = {**os.environ, "PYTHONPATH": str(REPO), "PAPERLAKE_TEST_CRASH_AT": point}
    killed = subprocess.run([sys.executable, "-c", PUBLISH, str(data_dir)], env=env, cwd=REPO, check=False,
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr
    _assert_nothing_partial_visible(data_dir)
    if point != "publish.before_catalog":
        assert current_snapshot(data_dir).id == first.id
    else:  # CURRENT moved before the kill; the catalog still shows the (complete) previous snapshot
        assert current_snapshot(data_dir).id != first.id and _catalog_snapshot(data_dir)[0] == first.id

    again = publish(store, settings)
    assert current_snapshot(data_dir).id == again.id and _catalog_snapshot(data_dir)[0] == again.id
    assert snapshot_content(data_dir) == reference
    assert not list((data_dir / "published").glob(".staging-*"))


@pytest.mark.parametrize("failing", ["table", "current"])
def test_disk_full_during_publish_keeps_the_previous_snapshot(tmp_path, monkeypatch, failing):
    data_dir = tmp_path / "data"
    store, settings, first = _published(data_dir)
    write_parquet, write_durably = publish_module._write_parquet, publish_module._write_durably
    calls = []

    def full_parquet(frame, path):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return write_parquet(frame, path)

    def full_current(path, data):
        if path.name.startswith("CURRENT"):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return write_durably(path, data)

    if failing == "table":
        monkeypatch.setattr(publish_module, "_write_parquet", full_parquet)
    else:
        monkeypatch.setattr(publish_module, "_write_durably", full_current)
    with pytest.raises(OSError) as caught:
        publish(store, settings)
    assert caught.value.errno == errno.ENOSPC
    assert current_snapshot(data_dir).id == first.id
    _assert_nothing_partial_visible(data_dir)
    assert not list((data_dir / "published").glob(".staging-*")), "a failed publish frees its staging space"
    assert not (data_dir / "published" / "CURRENT.tmp").exists()
    monkeypatch.undo()
    assert publish(store, settings).id == current_snapshot(data_dir).id != first.id


@contextlib.contextmanager
def _small_tmpfs(path: Path, size: str):
    path.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             check=False, capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}); the injected ENOSPC test covers this")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root; the injected ENOSPC test covers this")
def test_real_disk_full_during_publish(tmp_path):
    with _small_tmpfs(tmp_path / "small", "24m") as data_dir:
        store, settings, first = _published(data_dir)
        filler = data_dir / "filler"
        with open(filler, "wb") as handle, contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        with pytest.raises(OSError) as caught:
            publish(store, settings)
        assert caught.value.errno == errno.ENOSPC
        assert current_snapshot(data_dir).id == first.id
        _assert_nothing_partial_visible(data_dir)
        filler.unlink()
        assert publish(store, settings).id != first.id
        _assert_nothing_partial_visible(data_dir)
        shutil.rmtree(data_dir / "work", ignore_errors=True)
