"""The Python API for analysts: `paperlake.open_dataset(DIR)` gives a published snapshot's views as DuckDB
relations and pandas (or polars) frames, numbers as numbers.

    import paperlake
    with paperlake.open_dataset("paperlake-data") as ds:
        cells = ds.df("select * from numeric_cells where unit_si = 'K'")   # pandas
        rel = ds.sql("select unit_si, count(*) from table_cells group by all")  # a DuckDB relation
        table = ds.table_frame("4265492936d867dd-p001")   # one table: numbers, uncertainty, unit columns

The views are those of catalog.duckdb (docs/querying.md), built in an in-memory DuckDB over the snapshot's
Parquet files: catalog.duckdb itself is not opened, so a publish meanwhile changes nothing here.
"""
from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb
import pandas as pd

from paperlake.dataset.export import resolve_table_id, typed_table_frame
from paperlake.dataset.layout import Snapshot, find_snapshot
from paperlake.dataset.query import snapshot_connection, table_frame

DEFAULT_DATA_DIR = Path("paperlake-data")


class Dataset:
    """One published snapshot opened for analysis; close it (or use `with`) when done."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.con = snapshot_connection(snapshot.path)

    @property
    def snapshot_id(self) -> str:
        """The id of the snapshot these views show."""
        return self.snapshot.id

    def sql(self, query: str, params: list[Any] | None = None) -> duckdb.DuckDBPyRelation:
        """SQL over the catalog's views, as a DuckDB relation (`.df()`, `.pl()`, `.arrow()`, `.fetchall()`)."""
        return self.con.sql(query, params=params)

    def view(self, name: str) -> duckdb.DuckDBPyRelation:
        """One view by name (`tables`, `table_cells`, `numeric_cells`, ...) as a relation."""
        if name not in self.views():
            raise KeyError(f"no view {name!r}; the views are {', '.join(self.views())}")
        return self.con.view(name)

    def df(self, query_or_view: str, params: list[Any] | None = None) -> pd.DataFrame:
        """A view (by name) or a query's result as a pandas frame: DOUBLE columns as float64."""
        return self._relation(query_or_view, params).df()

    def pl(self, query_or_view: str, params: list[Any] | None = None) -> Any:
        """A view (by name) or a query's result as a polars frame (needs `pip install polars`)."""
        return self._relation(query_or_view, params).pl()

    def table_frame(self, table_id: str, cells: str = "typed") -> pd.DataFrame:
        """One published table (its id or a unique prefix) under its headers, as `paperlake export` writes it:
        `typed` gives numeric columns as float64 with `<header> uncertainty` and `<header> unit` beside them,
        `text` every cell as printed."""
        if cells not in ("typed", "text"):
            raise ValueError(f"cells must be 'typed' or 'text', got {cells!r}")
        found = resolve_table_id(self.con, table_id)
        return typed_table_frame(self.con, found) if cells == "typed" else table_frame(self.con, found)

    def views(self) -> list[str]:
        """The names of the views, sorted."""
        return [name for (name,) in self.con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name").fetchall()]

    def describe(self, view: str) -> pd.DataFrame:
        """A view's columns with their DuckDB type and meaning (the catalog's comments)."""
        return self.con.execute(
            "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE table_name = ? AND NOT internal "
            "ORDER BY column_index", [view]).df()

    def close(self) -> None:
        """Release the in-memory database."""
        self.con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def _relation(self, query_or_view: str, params: list[Any] | None) -> duckdb.DuckDBPyRelation:
        if query_or_view.strip() in self.views():
            return self.con.view(query_or_view.strip())
        return self.sql(query_or_view, params)


def open_dataset(data_dir: str | Path = DEFAULT_DATA_DIR, snapshot: str = "CURRENT") -> Dataset:
    """Open a data dir's published dataset: its CURRENT snapshot, or an older one by id or unique prefix.

    KeyError when the data dir has no such snapshot (none published yet, or an unknown id)."""
    return Dataset(find_snapshot(Path(data_dir).resolve(), snapshot))
