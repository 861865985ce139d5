"""catalog.duckdb: one DuckDB VIEW per dataset table over a snapshot's Parquet files.

The catalog is rebuilt, never edited: a new file is written beside the live one and moved over it
with os.replace. A reader that holds the old file open keeps querying the old (immutable) snapshot,
and nobody ever needs a read-write lock on the live file. Views use absolute paths, so they answer
from any working directory (but not after the data dir is moved: publish again, or call
`refresh_catalog`, to re-point them).

Readers in the same process as the publisher: DuckDB shares one database instance per path within a
process, so `duckdb.connect(path)` while an older connection to that path is still open returns the old
instance (the old snapshot). Close old connections to see a new snapshot; other processes are unaffected.
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb

logger = logging.getLogger(__name__)

CATALOG_NAME = "catalog.duckdb"
CONTRACT_TABLES = ("documents", "tables", "table_cells", "figures", "figure_series")
REVIEWS = "reviews"
DATASET_TABLES = CONTRACT_TABLES + (REVIEWS,)
"""Every table a snapshot may hold; `reviews` (review statistics) is absent from snapshots made before it."""
REJECTED = "rejected"


def _literal(text: str | None) -> str:
    return "NULL" if text is None else "'" + str(text).replace("'", "''") + "'"


def parquet_source(snapshot_dir: Path, table: str) -> str:
    """SQL reading one table of a snapshot: its .parquet file, or every part under a folder of that name."""
    path = Path(snapshot_dir).resolve() / f"{table}.parquet"
    target = f"{path.as_posix()}/**/*.parquet" if path.is_dir() else path.as_posix()
    return f"read_parquet({_literal(target)})"


def view_statements(snapshot_dir: Path, manifest: Mapping[str, Any]) -> list[str]:
    """CREATE VIEW statements of the catalog for one snapshot (pure apart from is_dir checks)."""
    src = {name: parquet_source(snapshot_dir, name) for name in CONTRACT_TABLES}
    kept = f"CAST(review_status AS VARCHAR) IS DISTINCT FROM {_literal(REJECTED)}"
    views = {
        "documents": f"SELECT * FROM {src['documents']}",
        "tables_all": f"SELECT * FROM {src['tables']}",
        "figures_all": f"SELECT * FROM {src['figures']}",
        "table_cells_all": f"SELECT * FROM {src['table_cells']}",
        "figure_series_all": f"SELECT * FROM {src['figure_series']}",
        "tables": f"SELECT * FROM {src['tables']} WHERE {kept}",
        "figures": f"SELECT * FROM {src['figures']} WHERE {kept}",
        "table_cells": _without_rejected(src["table_cells"], src["tables"], "table_id"),
        "figure_series": _without_rejected(src["figure_series"], src["figures"], "figure_id"),
        "snapshot_info": (
            f"SELECT {_literal(manifest['id'])} AS snapshot_id, "
            f"CAST({_literal(manifest['created_at'])} AS TIMESTAMPTZ) AS created_at, "
            f"CAST({_literal(manifest.get('pipeline_version'))} AS VARCHAR) AS pipeline_version, "
            f"CAST({_literal(manifest.get('parent'))} AS VARCHAR) AS parent_snapshot_id, "
            f"CAST({_literal(manifest.get('settings_hash'))} AS VARCHAR) AS settings_hash, "
            f"CAST({_literal(manifest.get('contract_version'))} AS VARCHAR) AS contract_version"
        ),
    }
    reviews = Path(snapshot_dir).resolve() / f"{REVIEWS}.parquet"
    if reviews.exists():
        views[REVIEWS] = f"SELECT * FROM {parquet_source(snapshot_dir, REVIEWS)}"
    return [f"CREATE VIEW {name} AS {sql}" for name, sql in views.items()]


def _without_rejected(child: str, parent: str, key: str) -> str:
    """Rows of `child` whose parent item (same key and doc_id) is not rejected."""
    return (f"SELECT c.* FROM {child} AS c WHERE NOT EXISTS (SELECT 1 FROM {parent} AS p "
            f"WHERE p.{key} = c.{key} AND p.doc_id = c.doc_id "
            f"AND CAST(p.review_status AS VARCHAR) = {_literal(REJECTED)})")


def refresh_catalog(data_dir: Path, snapshot_dir: Path) -> Path:
    """Point `data_dir/catalog.duckdb` at a snapshot: build a new file, os.replace it onto the live one."""
    data_dir = Path(data_dir).resolve()
    snapshot_dir = Path(snapshot_dir).resolve()
    manifest = json.loads((snapshot_dir / "manifest.json").read_text(encoding="utf-8"))
    live = data_dir / CATALOG_NAME
    tmp = data_dir / f"{CATALOG_NAME}.tmp-{os.getpid()}"
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp))
        try:
            for statement in view_statements(snapshot_dir, manifest):
                con.execute(statement)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        stale_wal = live.with_name(live.name + ".wal")
        if stale_wal.exists():
            logger.warning("removing %s: the catalog is rebuilt, never written in place", stale_wal)
            stale_wal.unlink()
        os.replace(tmp, live)
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
    fd = os.open(data_dir, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    logger.info("catalog %s now shows snapshot %s", live, manifest["id"])
    return live
