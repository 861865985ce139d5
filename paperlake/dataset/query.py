"""Reading the catalog for people: SQL results as a text table, one dataset table as a file with its header.

`run_query` is read-only for real: the SQL runs on an in-memory DuckDB holding the catalog's views over the
snapshot, whose stored tables are handed over as Arrow datasets, and external access is then switched off
and locked. COPY ... TO, read_csv('/etc/...'), ATTACH, INSTALL fail; the snapshot's own files cannot be
overwritten either (DuckDB's allowed_paths would let COPY write over exactly the files it may read).
`allow_files=True` (`paperlake query --allow-files`) opens the catalog as before, with DuckDB's file access.

A CSV export neutralises cells a spreadsheet would run as formulas (OWASP's CSV injection advice).
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from paperlake.escaping import terminal_text

EXPORT_FORMATS = ("csv", "parquet", "json")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""First characters that make a spreadsheet read a CSV cell as a formula (with their full-width forms)."""
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?%?")
"""A signed number as tables print it (-1.5, +2, -0.25e-3, -1,234.5, -12%): a spreadsheet reads it as a
number, never as a formula, so it is left as it is."""
_SOURCE_PREFIX = "_snapshot_"


def format_table(columns: Sequence[str], rows: Sequence[Sequence[object]], max_width: int = 48) -> str:
    """Rows as an aligned text table (cells cut at max_width characters, NULL shown as NULL)."""
    def show(value: object) -> str:
        text = "NULL" if value is None else str(value)
        text = terminal_text(text.replace("\n", " "))  # PDF text may hold terminal escape sequences
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[show(v) for v in row] for row in rows]
    columns = [terminal_text(str(c)) for c in columns]
    widths = [max([len(str(c))] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(str(c).ljust(w) for c, w in zip(columns, widths)).rstrip(), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(out)


def snapshot_connection(snapshot_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the catalog's views over any snapshot (e.g. an older one)."""
    from paperlake.dataset.catalog import view_statements
    from paperlake.dataset.comments import apply_comments
    from paperlake.dataset.layout import read_manifest

    con = duckdb.connect()
    try:
        for statement in view_statements(snapshot_dir, read_manifest(snapshot_dir)):
            con.execute(statement)
        apply_comments(con)
    except BaseException:
        con.close()
        raise
    return con


def sealed_connection(snapshot_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the catalog's views over a snapshot that opens no file: each stored table is an
    Arrow dataset (pyarrow reads the Parquet), then external access is switched off and the settings locked."""
    import pyarrow.dataset as ds

    from paperlake.dataset.catalog import DATASET_TABLES, view_statements
    from paperlake.dataset.comments import apply_comments
    from paperlake.dataset.layout import read_manifest

    snapshot_dir = Path(snapshot_dir).resolve()
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False,
                                 "python_enable_replacements": False})
    try:
        for table in DATASET_TABLES:
            path = snapshot_dir / f"{table}.parquet"
            if path.exists():
                con.register(_SOURCE_PREFIX + table, ds.dataset(path, format="parquet"))
        for statement in view_statements(snapshot_dir, read_manifest(snapshot_dir),
                                         source=lambda _, table: _SOURCE_PREFIX + table):
            con.execute(statement)
        apply_comments(con)
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def catalog_snapshot(catalog: Path) -> Path:
    """The snapshot folder a catalog's views show (its snapshot_info), or CURRENT's if it does not say."""
    from paperlake.dataset.layout import current_snapshot

    data_dir = Path(catalog).resolve().parent
    con = duckdb.connect(str(catalog), read_only=True)
    try:
        (snapshot_id,) = con.execute("SELECT snapshot_id FROM snapshot_info").fetchone() or (None,)
    except duckdb.Error:
        snapshot_id = None
    finally:
        con.close()
    folder = data_dir / "published" / str(snapshot_id)
    if snapshot_id and (folder / "manifest.json").is_file():
        return folder
    current = current_snapshot(data_dir)
    if current is None:
        raise duckdb.IOException(f"no published snapshot under {data_dir / 'published'}")
    return current.path


def run_query(catalog: Path, sql: str, max_rows: int | None = None, snapshot_dir: Path | None = None,
              allow_files: bool = False) -> tuple[list[str], list[tuple], bool]:
    """Run SQL on the catalog's views (over `snapshot_dir`, default the catalog's own snapshot), reading no
    file but the snapshot's unless allow_files: (column names, rows, whether rows were cut at max_rows)."""
    if not allow_files:
        con = sealed_connection(snapshot_dir or catalog_snapshot(catalog))
    elif snapshot_dir:
        con = snapshot_connection(snapshot_dir)
    else:
        con = duckdb.connect(str(catalog), read_only=True)
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
    """Write a table frame as csv (header line first), parquet, or json (a list of header -> cell objects);
    float columns (paperlake.dataset.export.typed_table_frame) stay numbers, the rest is text."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"format must be one of {EXPORT_FORMATS}, got {fmt!r}")
    path = Path(path)
    if fmt == "csv":
        csv_safe_frame(frame).to_csv(path, index=False)
    elif fmt == "parquet":  # text as strings, numbers (a typed export) as doubles
        frame.astype({c: "string" for c in frame.columns if not pd.api.types.is_float_dtype(frame[c])}).to_parquet(
            path, index=False)
    else:
        path.write_text(table_json(frame), encoding="utf-8")
    return path


def table_json(frame: pd.DataFrame) -> str:
    """A table frame as JSON text: a list of {header: cell} objects, one per body row (numbers as numbers)."""
    records = [{str(k): (None if pd.isna(v) else v) for k, v in zip(frame.columns, row)}
               for row in frame.itertuples(index=False, name=None)]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def csv_cell(value: object) -> object:
    """A cell (or header) safe to open in a spreadsheet: text starting with =, +, -, @, a tab or a carriage
    return gets a leading single quote, unless it is a plain number (-1.5 stays a number). A carriage return
    inside becomes a newline: Python's CSV writer quotes fields holding a newline but not a lone carriage
    return, which a spreadsheet reads as a row break (and the text after it as a cell of its own)."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(value):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n")


def csv_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table frame with every header and cell passed through csv_cell, for CSV only: JSON and
    Parquet keep the text exactly."""
    safe = frame.map(csv_cell) if len(frame) else frame.copy()
    safe.columns = [csv_cell(c) for c in frame.columns]
    return safe
