"""Readers in other processes while a publish happens: they keep working and see one whole snapshot."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import timedelta

from test_publish import T0, images, make_frames  # noqa: F401 (images is a fixture)

from paperlake.dataset.publish import publish_snapshot

READER = r"""
import json, sys, time
from pathlib import Path
import duckdb

catalog, mode, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
stop, ready = out.with_suffix(".stop"), out.with_suffix(".ready")
SQL = ("select s.snapshot_id, (select count(*) from documents), (select count(*) from table_cells_all), "
       "(select count(*) from numeric_cells) from snapshot_info s")
seen, errors, after_stop = [], [], 0
held = duckdb.connect(catalog, read_only=True) if mode == "held" else None
while after_stop < 20:
    try:
        if held is not None:
            seen.append(held.execute(SQL).fetchone())
        else:
            con = duckdb.connect(catalog, read_only=True)
            try:
                seen.append(con.execute(SQL).fetchone())
            finally:
                con.close()
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    ready.touch()
    if stop.exists():
        after_stop += 1
    time.sleep(0.002)
if held is not None:
    held.close()
out.write_text(json.dumps({"seen": [list(s) for s in seen], "errors": errors}))
"""


def _frames(version: int):
    """Snapshots that differ in documents and cells, so a mix of two would show in the counts."""
    frames = make_frames(n_extra_docs=version)
    frames["table_cells"] = frames["table_cells"].iloc[: 8 - version]
    return frames


def _expected(version: int) -> tuple[int, int, int]:
    cells = make_frames()["table_cells"].iloc[: 8 - version]
    kept = cells[(cells["table_id"] == "t1") & cells["value"].notna()]
    return 1 + version, 8 - version, len(kept)


def test_readers_in_other_processes_see_old_or_new_never_a_mix(tmp_path, images):
    def publish(version: int):
        return publish_snapshot(tmp_path, _frames(version), images, pipeline_version="0.1.0",
                                settings_hash="s", now=T0 + timedelta(minutes=version))

    first = publish(0)
    catalog = str(tmp_path / "catalog.duckdb")
    readers = {}
    for mode in ("held", "fresh"):
        out = tmp_path / f"{mode}.json"
        readers[mode] = (out, subprocess.Popen([sys.executable, "-c", READER, catalog, mode, str(out)]))
    deadline = time.monotonic() + 60
    while not all(out.with_suffix(".ready").exists() for out, _ in readers.values()):
        assert time.monotonic() < deadline, "readers did not start"
        assert all(p.poll() is None for _, p in readers.values()), "a reader died"
        time.sleep(0.05)

    expected = {first.id: _expected(0)}
    for version in (1, 2, 3):
        snapshot = publish(version)
        expected[snapshot.id] = _expected(version)
        time.sleep(0.2)
    for out, _ in readers.values():
        out.with_suffix(".stop").touch()
    results = {}
    for mode, (out, process) in readers.items():
        assert process.wait(timeout=60) == 0
        results[mode] = json.loads(out.read_text())

    for mode, result in results.items():
        assert result["errors"] == [], mode
        for sid, *counts in result["seen"]:
            assert tuple(counts) == expected[sid], (mode, sid, counts)  # one whole snapshot, never a mix
    held_ids = {sid for sid, *_ in results["held"]["seen"]}
    assert held_ids == {first.id}  # the held file keeps showing the snapshot it was opened on
    fresh_ids = [sid for sid, *_ in results["fresh"]["seen"]]
    assert fresh_ids[0] == first.id and fresh_ids[-1] == snapshot.id
    assert fresh_ids == sorted(fresh_ids)  # never back to an older snapshot
    assert len(set(fresh_ids)) >= 2
