"""catalog.duckdb: views over a snapshot's Parquet files, rebuilt beside the live file and swapped in."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from paperlake.dataset.catalog import CONTRACT_TABLES, HELPER_VIEWS, refresh_catalog, view_statements

DOC = "cd" * 32


def _snapshot(root: Path, sid: str, n_docs: int = 1, cells_as_parts: bool = False) -> Path:
    """A minimal snapshot folder: only the columns the views need, one table and one figure rejected."""
    snap = root / "published" / sid
    snap.mkdir(parents=True)
    tables = {
        "documents": {"doc_id": [f"{i:064x}" for i in range(n_docs - 1)] + [DOC]},
        "tables": {"table_id": ["t1", "t2"], "doc_id": [DOC, DOC],
                   "review_status": ["auto_accepted", "rejected"]},
        "table_cells": {"table_id": ["t1"] * 4 + ["t2"] * 4, "doc_id": [DOC] * 8, "row": [0, 0, 1, 1] * 2},
        "figures": {"figure_id": ["f1", "f2"], "doc_id": [DOC, DOC],
                    "review_status": ["needs_review", "rejected"]},
        "figure_series": {"figure_id": ["f1", "f1", "f2"], "doc_id": [DOC] * 3, "point": [0, 1, 0]},
    }
    for name, columns in tables.items():
        table = pa.table(columns)
        if name == "table_cells" and cells_as_parts:
            (snap / "table_cells.parquet").mkdir()
            pq.write_table(table.slice(0, 5), snap / "table_cells.parquet" / "part-0.parquet")
            pq.write_table(table.slice(5), snap / "table_cells.parquet" / "part-1.parquet")
        else:
            pq.write_table(table, snap / f"{name}.parquet")
    manifest = {"id": sid, "created_at": "2026-11-29T03:45:12+00:00", "parent": None,
                "pipeline_version": "9.9", "settings_hash": "h", "contract_version": "1"}
    (snap / "manifest.json").write_text(json.dumps(manifest))
    return snap


def _rows(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_views_over_a_snapshot(tmp_path):
    live = refresh_catalog(tmp_path, _snapshot(tmp_path, "s1"))
    assert live == tmp_path.resolve() / "catalog.duckdb"
    views = {name for (name,) in _rows(live, "select view_name from duckdb_views() where not internal")}
    all_views = {f"{n}_all" for n in CONTRACT_TABLES if n != "documents"}
    assert views == {*CONTRACT_TABLES, *all_views, "snapshot_info", *HELPER_VIEWS}
    assert _rows(live, "select table_id from tables") == [("t1",)]
    assert _rows(live, "select count(*), min(table_id), max(table_id) from table_cells") == [(4, "t1", "t1")]
    assert _rows(live, "select figure_id from figures") == [("f1",)]
    assert _rows(live, "select count(*) from figure_series") == [(2,)]
    assert _rows(live, "select (select count(*) from tables_all), (select count(*) from table_cells_all), "
                       "(select count(*) from figures_all), (select count(*) from figure_series_all)"
                 ) == [(2, 8, 2, 3)]
    assert _rows(live, "select snapshot_id, pipeline_version, parent_snapshot_id from snapshot_info") == [
        ("s1", "9.9", None)]
    assert not [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name or p.name.endswith(".wal")]


def test_a_table_stored_as_a_folder_of_parts(tmp_path):
    live = refresh_catalog(tmp_path, _snapshot(tmp_path, "s1", cells_as_parts=True))
    assert _rows(live, "select count(*) from table_cells_all") == [(8,)]
    assert _rows(live, "select count(*) from table_cells") == [(4,)]


def test_views_use_absolute_quoted_paths(tmp_path):
    odd = tmp_path / "it's here"
    snap = _snapshot(odd, "s1")
    statements = view_statements(snap, {"id": "s1", "created_at": "2026-11-29T03:45:12+00:00"})
    assert all("read_parquet" not in s or str(snap.resolve()).replace("'", "''") in s for s in statements)
    live = refresh_catalog(odd, snap)
    assert _rows(live, "select count(*) from documents") == [(1,)]


def test_refresh_swaps_the_file_under_an_open_reader(tmp_path):
    refresh_catalog(tmp_path, _snapshot(tmp_path, "s1"))
    reader = duckdb.connect(str(tmp_path / "catalog.duckdb"), read_only=True)
    try:
        refresh_catalog(tmp_path, _snapshot(tmp_path, "s2", n_docs=3))
        assert reader.execute("select snapshot_id from snapshot_info").fetchall() == [("s1",)]
        assert reader.execute("select count(*) from documents").fetchall() == [(1,)]
    finally:
        reader.close()
    assert _rows(tmp_path / "catalog.duckdb", "select snapshot_id, (select count(*) from documents) "
                                              "from snapshot_info") == [("s2", 3)]
