"""Read a data dir's DuckDB catalog the way an analyst does: a read-only connection, closed after the query."""
from __future__ import annotations

from pathlib import Path

import duckdb


def catalog_rows(data_dir: Path, sql: str) -> list[tuple]:
    """The rows `sql` returns from DATA_DIR/catalog.duckdb."""
    con = duckdb.connect(str(data_dir / "catalog.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()  # DuckDB shares one database per path inside a process: never leave one open
