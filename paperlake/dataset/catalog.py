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
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from paperlake.dataset.comments import apply_comments

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


Source = Callable[[Path, str], str]
"""What a view reads one stored table from: SQL for (snapshot folder, table name)."""

_DUCKDB_TYPES = {"str": "VARCHAR", "object": "VARCHAR", "int64": "BIGINT", "float64": "DOUBLE", "bool": "BOOLEAN"}


JSON_COLUMNS = {("tables", "evidence"), ("figures", "evidence")}
"""Text columns holding a JSON object: the views give them DuckDB's JSON type (`evidence->>'key'`)."""


def _contract_types(table: str) -> dict[str, str]:
    """Contract column -> DuckDB type, in contract order."""
    from schemas.dataset import empty_frame

    return {name: ("JSON" if (table, name) in JSON_COLUMNS else "TIMESTAMPTZ" if str(dtype).startswith("datetime64")
                   else _DUCKDB_TYPES.get(str(dtype), "VARCHAR"))
            for name, dtype in empty_frame(table).dtypes.items()}


def _file_columns(snapshot_dir: Path, table: str) -> list[str] | None:
    """Column names stored in a snapshot's table (its file, or the first part of its folder)."""
    path = Path(snapshot_dir).resolve() / f"{table}.parquet"
    if path.is_dir():
        path = next(iter(sorted(path.rglob("*.parquet"))), path)
    if not path.is_file():
        return None
    return list(pq.read_schema(path).names)


def contract_select(snapshot_dir: Path, table: str, source: Source = parquet_source) -> str:
    """SELECT of one table in contract column order; columns the snapshot predates read as typed NULLs.

    A snapshot written before an additive change (e.g. without `figure_series.y_uncertainty`) thus
    answers the current views; columns a snapshot has beyond the contract follow, unchanged. `evidence`
    (stored as text) reads as JSON.
    """
    stored = _file_columns(snapshot_dir, table)
    source = source(snapshot_dir, table)
    if stored is None:
        return f"SELECT * FROM {source}"
    wanted = _contract_types(table)
    parts = [(f"CAST({_ident(name)} AS JSON) AS {_ident(name)}" if kind == "JSON" else _ident(name))
             if name in stored else f"CAST(NULL AS {kind}) AS {_ident(name)}" for name, kind in wanted.items()]
    parts += [_ident(name) for name in stored if name not in wanted]
    return f"SELECT {', '.join(parts)} FROM {source}"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def view_statements(snapshot_dir: Path, manifest: Mapping[str, Any], source: Source = parquet_source) -> list[str]:
    """CREATE VIEW (and MACRO) statements of the catalog for one snapshot (reads only Parquet schemas).
    `source` says what each view reads a stored table from (its Parquet files, by default)."""
    src = {name: f"({contract_select(snapshot_dir, name, source)})" for name in CONTRACT_TABLES}
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
        views[REVIEWS] = f"SELECT * FROM {source(snapshot_dir, REVIEWS)}"
    return [f"CREATE VIEW {name} AS {sql}" for name, sql in {**views, **HELPER_VIEWS}.items()] + HELPER_MACROS


HELPER_VIEWS = {
    # one row per column of every table: all its header rows joined with " / " (a spanning header counts
    # for every column under it); empty headers read `col N`, a repeated header gets ` [N]` appended
    "table_columns": """
        WITH grid AS (SELECT table_id, doc_id, unnest(range(n_cols)) AS col FROM tables),
        heads AS (
            SELECT g.table_id, g.doc_id, g.col,
                   coalesce(string_agg(NULLIF(trim(h.text), ''), ' / ' ORDER BY h.row), 'col ' || g.col) AS name
            FROM grid AS g LEFT JOIN table_cells AS h
              ON h.table_id = g.table_id AND h.doc_id = g.doc_id AND h.is_header
             AND g.col >= h.col AND g.col < h.col + coalesce(h.col_span, 1)
            GROUP BY g.table_id, g.doc_id, g.col)
        SELECT table_id, doc_id, col,
               CASE WHEN count(*) OVER (PARTITION BY table_id, name) > 1 THEN name || ' [' || col || ']'
                    ELSE name END AS header
        FROM heads""",
    # every body cell with its column header and its row label (the text of column 0 in that row)
    "labeled_cells": """
        SELECT c.table_id, c.doc_id, c.row, c.col, lbl.text AS row_label, h.header,
               c.text, c.value, c.uncertainty, c.unit, c.value_si, c.uncertainty_si, c.unit_si,
               c.x0 AS cell_x0, c.y0 AS cell_y0, c.x1 AS cell_x1, c.y1 AS cell_y1
        FROM table_cells AS c
        JOIN table_columns AS h ON h.table_id = c.table_id AND h.doc_id = c.doc_id AND h.col = c.col
        LEFT JOIN table_cells AS lbl ON lbl.table_id = c.table_id AND lbl.doc_id = c.doc_id
             AND lbl.row = c.row AND lbl.col = 0 AND NOT coalesce(lbl.is_header, false)
        WHERE NOT coalesce(c.is_header, false)""",
    # one row per body row of every table: `cells` in column order (NULL where a spanning cell covers
    # the slot) and `record`, a MAP header -> text
    "table_rows": """
        WITH body AS (SELECT DISTINCT table_id, doc_id, row FROM table_cells WHERE NOT coalesce(is_header, false))
        SELECT b.table_id, b.doc_id, b.row, any_value(lbl.text) AS row_label,
               list(c.text ORDER BY h.col) AS cells,
               MAP(list(h.header ORDER BY h.col), list(c.text ORDER BY h.col)) AS record
        FROM body AS b
        JOIN table_columns AS h ON h.table_id = b.table_id AND h.doc_id = b.doc_id
        LEFT JOIN table_cells AS c ON c.table_id = b.table_id AND c.doc_id = b.doc_id
             AND c.row = b.row AND c.col = h.col
        LEFT JOIN table_cells AS lbl ON lbl.table_id = b.table_id AND lbl.doc_id = b.doc_id
             AND lbl.row = b.row AND lbl.col = 0
        GROUP BY b.table_id, b.doc_id, b.row""",
    # body cells that hold a number, with unit, uncertainty, SI value and where they came from (file, page,
    # the table's box, the cell's box)
    "numeric_cells": """
        SELECT d.file_name, t.page, t.label AS table_label, t.caption, c.table_id, c.doc_id, c.row, c.col,
               c.row_label, c.header, c.text, c.value, c.uncertainty, c.unit,
               c.uncertainty / NULLIF(abs(c.value), 0) AS relative_uncertainty,
               t.x0, t.y0, t.x1, t.y1, t.review_status, t.method, c.value_si, c.uncertainty_si, c.unit_si,
               c.cell_x0, c.cell_y0, c.cell_x1, c.cell_y1
        FROM labeled_cells AS c
        JOIN tables AS t ON t.table_id = c.table_id AND t.doc_id = c.doc_id
        JOIN documents AS d ON d.doc_id = c.doc_id
        WHERE c.value IS NOT NULL""",
    # chart points with their figure, caption and file
    "chart_points": """
        SELECT d.file_name, f.page, f.label AS figure_label, f.caption, f.figure_kind, f.review_status,
               s.figure_id, s.doc_id, s.series, s.point, s.x, s.y, s.y_uncertainty, s.x_label, s.y_label
        FROM figure_series AS s
        JOIN figures AS f ON f.figure_id = s.figure_id AND f.doc_id = s.doc_id
        JOIN documents AS d ON d.doc_id = s.doc_id""",
    # one row per series of every chart: its points as lists in point order
    "chart_series": """
        SELECT file_name, page, figure_label, caption, figure_id, doc_id, series,
               count(*) AS n_points, any_value(x_label) AS x_label, any_value(y_label) AS y_label,
               list(x ORDER BY point) AS xs, list(y ORDER BY point) AS ys,
               list(y_uncertainty ORDER BY point) AS y_uncertainties
        FROM chart_points
        GROUP BY file_name, page, figure_label, caption, figure_id, doc_id, series""",
    # tables and figures a curator has reviewed (accepted or corrected; rejected ones are in *_all)
    "reviewed_items": """
        SELECT 'table' AS kind, table_id AS item_id, doc_id, page, label, caption, review_status,
               reviewed_by, reviewed_at, method FROM tables WHERE review_status = 'reviewed'
        UNION ALL
        SELECT 'figure', figure_id, doc_id, page, label, caption, review_status, reviewed_by, reviewed_at, method
        FROM figures WHERE review_status = 'reviewed'""",
}
"""Views for common questions, built on the plain views (so rejected items are excluded)."""

HELPER_MACROS = [
    ("CREATE MACRO table_as_rows(tid) AS TABLE "
     "SELECT row, row_label, cells, record FROM table_rows WHERE table_id = tid ORDER BY row"),
]
"""Table macros: `SELECT * FROM table_as_rows('<table_id>')` is one table, a row per body row."""


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
    import duckdb  # here, not at the top: every step process imports this module, only publish needs DuckDB

    try:
        con = duckdb.connect(str(tmp))
        try:
            # one transaction: a commit per view and comment (about 200) cost 0.6-2.5 s of a publish in WAL
            # syncs; the file is new and moved in only when whole, so nothing needs the commits in between
            con.execute("BEGIN TRANSACTION")
            for statement in view_statements(snapshot_dir, manifest):
                con.execute(statement)
            apply_comments(con)
            con.execute("COMMIT")
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
