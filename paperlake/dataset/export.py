"""One published table as a frame for export: numbers as numbers, with their uncertainty and unit beside them.

A column whose every filled body cell holds a number (cells reading `—`, `n.d.` and the like count as empty)
is exported as DOUBLE values, followed by `<header> uncertainty` (DOUBLE) and `<header> unit` (text) where any
of its cells has one; every other column is the cells' text as printed. Table ids may be given as a unique
prefix.
"""
from __future__ import annotations

import duckdb
import pandas as pd

MISSING_MARKS = frozenset({"", "—", "–", "-", "−", "n.d.", "nd", "n.a.", "n/a", "na", "…", "..."})
"""Cell texts that say 'no value here' (compared lowercased): they do not make a column text."""


def resolve_table_id(con: duckdb.DuckDBPyConnection, ref: str) -> str:
    """The table id a reference names: the id itself or a unique prefix of one (rejected tables excluded).

    KeyError when nothing or several tables match, saying which."""
    (exact,) = con.execute("SELECT count(*) FROM tables WHERE table_id = ?", [ref]).fetchall()[0]
    if exact:
        return ref
    found = [tid for (tid,) in con.execute(
        "SELECT table_id FROM tables WHERE starts_with(table_id, ?) ORDER BY table_id LIMIT 6", [ref]).fetchall()]
    if not found:
        raise KeyError(f"no table {ref!r} in the catalog (rejected tables are left out)")
    if len(found) > 1:
        shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
        raise KeyError(f"{ref!r} is the start of several table ids ({shown}): give more of it")
    return found[0]


def typed_table_frame(con: duckdb.DuckDBPyConnection, table_id: str) -> pd.DataFrame:
    """One table's body rows under its headers: numeric columns as float64 with uncertainty and unit columns
    beside them, the other columns as text (KeyError when the catalog has no such table)."""
    headers = [h for (h,) in con.execute(
        "SELECT header FROM table_columns WHERE table_id = ? ORDER BY col", [table_id]).fetchall()]
    if not headers:
        raise KeyError(f"no table {table_id!r} in the catalog (rejected tables are left out)")
    cells = con.execute(
        "SELECT row, col, text, value, uncertainty, unit FROM table_cells "
        "WHERE table_id = ? AND NOT coalesce(is_header, false) ORDER BY row, col", [table_id]).fetchall()
    rows = sorted({row for row, *_ in cells})
    slots = {(row, col): rest for row, col, *rest in cells}
    columns: dict[str, pd.Series] = {}
    for col, header in enumerate(headers):
        column = [slots.get((row, col)) for row in rows]
        filled = [s for s in column if s is not None and (s[0] or "").strip().lower() not in MISSING_MARKS]
        if not filled or any(s[1] is None for s in filled):
            columns[header] = pd.Series([s[0] if s else None for s in column], dtype="string")
            continue
        columns[header] = pd.Series([s[1] if s else None for s in column], dtype="float64")
        if any(s[2] is not None for s in filled):
            columns[f"{header} uncertainty"] = pd.Series([s[2] if s else None for s in column], dtype="float64")
        if any(s[3] is not None for s in filled):
            columns[f"{header} unit"] = pd.Series([s[3] if s else None for s in column], dtype="string")
    return pd.DataFrame(columns)
