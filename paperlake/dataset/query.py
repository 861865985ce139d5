"""Reading the catalog for people: SQL results as a text table, one dataset table as a file with its header."""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

EXPORT_FORMATS = ("csv", "parquet", "json")


def format_table(columns: Sequence[str], rows: Sequence[Sequence[object]], max_width: int = 48) -> str:
    """Rows as an aligned text table (cells cut at max_width characters, NULL shown as NULL)."""
    def show(value: object) -> str:
        text = "NULL" if value is None else str(value)
        text = text.replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[show(v) for v in row] for row in rows]
    widths = [max([len(str(c))] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(str(c).ljust(w) for c, w in zip(columns, widths)).rstrip(), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(out)


def snapshot_connection(snapshot_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the catalog's views over any snapshot (e.g. an older one)."""
    from paperlake.dataset.catalog import view_statements
    from paperlake.dataset.layout import read_manifest

    con = duckdb.connect()
    try:
        for statement in view_statements(snapshot_dir, read_manifest(snapshot_dir)):
            con.execute(statement)
    except BaseException:
        con.close()
        raise
    return con


def run_query(catalog: Path, sql: str, max_rows: int | None = None,
              snapshot_dir: Path | None = None) -> tuple[list[str], list[tuple], bool]:
    """Run SQL on a catalog opened read-only (or on the views over `snapshot_dir`):
    (column names, rows, whether rows were cut at max_rows)."""
    con = snapshot_connection(snapshot_dir) if snapshot_dir else duckdb.connect(str(catalog), read_only=True)
    try:
        cursor = con.execute(sql)
        if cursor.description is None:
            return [], [], False
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchmany(max_rows + 1) if max_rows is not None else cursor.fetchall()
    finally:
        con.close()
    cut = max_rows is not None and len(rows) > max_rows
    return columns, rows[:max_rows] if cut else rows, cut


def table_frame(con: duckdb.DuckDBPyConnection, table_id: str) -> pd.DataFrame:
    """One published table as a frame: its column headers (all header rows joined) over its body rows, as text.

    KeyError when the catalog has no such table (rejected tables are not exported).
    """
    headers = [h for (h,) in con.execute(
        "SELECT header FROM table_columns WHERE table_id = ? ORDER BY col", [table_id]).fetchall()]
    if not headers:
        raise KeyError(f"no table {table_id!r} in the catalog (rejected tables are left out)")
    rows = [cells for (cells,) in con.execute(
        "SELECT cells FROM table_rows WHERE table_id = ? ORDER BY row", [table_id]).fetchall()]
    return pd.DataFrame(rows, columns=headers, dtype="object") if rows else pd.DataFrame(columns=headers)


def write_table(frame: pd.DataFrame, path: Path, fmt: str) -> Path:
    """Write a table frame as csv (header line first), parquet, or json (a list of header -> text objects)."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"format must be one of {EXPORT_FORMATS}, got {fmt!r}")
    path = Path(path)
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "parquet":
        frame.astype("string").to_parquet(path, index=False)
    else:
        path.write_text(table_json(frame), encoding="utf-8")
    return path


def table_json(frame: pd.DataFrame) -> str:
    """A table frame as JSON text: a list of {header: text} objects, one per body row."""
    records = [{str(k): (None if pd.isna(v) else v) for k, v in zip(frame.columns, row)}
               for row in frame.itertuples(index=False, name=None)]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
