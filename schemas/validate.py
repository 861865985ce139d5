"""Validate a set of dataset frames: pandera models per table plus the cross-table rules.

Validation only reports: it returns a `ValidationReport` of `Failure` records, each tied to the item
a curator would fix (table_id for tables and their cells, figure_id for figures and their series
points, doc_id for documents), and never drops or changes a row. Malformed frames (wrong dtypes,
missing or unknown columns, not a DataFrame at all) become failures, never exceptions. A table
absent from the mapping is not validated, and the rules that need it are skipped.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

from schemas.cross_checks import Failure, PageSizes, cross_check
from schemas.dataset import CONTRACT_TABLES, contract_schema, has_contract_dtypes, uncoerced_schema
from schemas.quick_pass import passes

ITEM_COLUMN = {"documents": "doc_id", "tables": "table_id", "table_cells": "table_id",
               "figures": "figure_id", "figure_series": "figure_id"}
"""The column naming the item a failure in each table belongs to."""

NO_ITEM = "(no item)"
"""Key in `reasons_by_item` for failures not tied to one item (e.g. a frame without its id column)."""

STRUCTURAL = {"column_in_dataframe", "column_in_schema", "column_ordered"}


@dataclass(frozen=True)
class ValidationReport:
    """Every failure found in one validation run; `ok` when there are none."""

    failures: tuple[Failure, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures

    def reasons_by_item(self) -> dict[str, list[str]]:
        """Item id -> its failure reasons (distinct, in order); item-less failures under `NO_ITEM`."""
        reasons: dict[str, list[str]] = {}
        for failure in self.failures:
            item = reasons.setdefault(failure.item_id if failure.item_id is not None else NO_ITEM, [])
            if failure.reason not in item:
                item.append(failure.reason)
        return reasons

    def summary(self) -> dict[str, int]:
        """Number of failures per table (every contract table listed, zero included)."""
        counts = dict.fromkeys(CONTRACT_TABLES, 0)
        for failure in self.failures:
            counts[failure.table] = counts.get(failure.table, 0) + 1
        return counts

    def failures_for(self, table: str) -> tuple[Failure, ...]:
        """The failures found in one table."""
        return tuple(f for f in self.failures if f.table == table)


def validate_frames(frames: Mapping[str, pd.DataFrame], page_sizes: PageSizes | None = None) -> ValidationReport:
    """Run every contract model (lazily, collecting all failures) and every cross-table rule."""
    failures: list[Failure] = []
    for table in CONTRACT_TABLES:
        if table in frames:
            failures.extend(schema_failures(table, frames[table]))
    failures.extend(cross_check(frames, page_sizes))
    return ValidationReport(tuple(dict.fromkeys(failures)))


def schema_failures(table: str, frame: object) -> list[Failure]:
    """Failures of one table's pandera model, each mapped back to its item."""
    if not isinstance(frame, pd.DataFrame):
        return [Failure(table, None, "frame", f"{table}: expected a DataFrame, got {type(frame).__name__}")]
    frame = frame.reset_index(drop=True)
    if len(frame) == 0:
        return _empty_frame_failures(table, frame)
    return _schema_failures(table, frame)


_EMPTY_FRAME_FAILURES: dict[tuple[object, ...], tuple[Failure, ...]] = {}
"""(table, column names and dtypes) -> failures of a frame without rows (most documents have no figures)."""


def _empty_frame_failures(table: str, frame: pd.DataFrame) -> list[Failure]:
    """Failures of a frame without rows: they depend only on its columns and dtypes, so computed once per shape."""
    try:
        key = (table, tuple(frame.columns), tuple(frame.dtypes))
        hash(key)
    except TypeError:  # an unhashable column name or dtype: nothing to remember it by
        return _schema_failures(table, frame)
    if key not in _EMPTY_FRAME_FAILURES:
        if len(_EMPTY_FRAME_FAILURES) >= 64:
            _EMPTY_FRAME_FAILURES.clear()
        _EMPTY_FRAME_FAILURES[key] = tuple(_schema_failures(table, frame))
    return list(_EMPTY_FRAME_FAILURES[key])


def _schema_failures(table: str, frame: pd.DataFrame) -> list[Failure]:
    """Validate one frame (index 0..n-1), coercing only when some column does not have its contract dtype."""
    typed = has_contract_dtypes(table, frame)
    schema = uncoerced_schema(table) if typed else contract_schema(table)
    if typed and passes(schema, frame):  # nearly every frame: its checks proven in plain pandas (quick_pass.py)
        return []
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return _from_failure_cases(table, frame, exc.failure_cases)
    except Exception as exc:  # noqa: BLE001 - a crash in validation must still route the items to review
        return _for_all_items(table, frame, "schema", f"{table}: validation could not run: {type(exc).__name__}: {exc}")
    return []


def _from_failure_cases(table: str, frame: pd.DataFrame, cases: pd.DataFrame) -> list[Failure]:
    descriptions = {c.name: c.description or c.name for c in contract_schema(table).checks}
    rows, whole = cases[cases["index"].notna()], cases[cases["index"].isna()]
    coerced = rows["check"].astype(str).str.startswith("coerce_dtype")
    coerce_failed = set(zip(rows.loc[coerced, "column"], rows.loc[coerced, "index"]))
    failures: list[Failure] = []
    for case in rows.itertuples():
        check, column, index = str(case.check), str(case.column), int(case.index)
        if check in descriptions:  # a dataframe check: one case per column of the row, keep one
            reason = f"{table}: {descriptions[check]} failed"
        elif (check.startswith("dtype(") or check == "not_nullable") and (case.column, case.index) in coerce_failed:
            continue  # the coercion failure below already says it
        elif check == "not_nullable" or (check.startswith("coerce_dtype") and _text(case.failure_case) is None):
            reason = f"{table}.{column}: missing value"
        elif check.startswith("coerce_dtype"):
            dtype = check.removeprefix("coerce_dtype(").removesuffix(")").strip("'")
            reason = f"{table}.{column}: cannot convert {_fmt(case.failure_case)} to {dtype}"
        elif check == "field_uniqueness":
            reason = f"{table}.{column}: {_fmt(case.failure_case)} is not unique"
        else:
            reason = f"{table}.{column}: {check} failed for {_fmt(case.failure_case)}"
        failures.append(Failure(table, _item_at(table, frame, index), check, reason + _where(table, frame, index)))
    broken = bool(coerce_failed) or whole["check"].isin(STRUCTURAL).any()
    for check, group in whole.groupby("check", sort=False):
        check = str(check)
        if check == "column_in_dataframe":
            reasons = [f"{table}: missing column {_fmt(c)}" for c in group["failure_case"]]
        elif check == "column_in_schema":
            reasons = [f"{table}: unknown column {_fmt(c)}" for c in group["failure_case"]]
        elif check == "column_ordered":
            reasons = [f"{table}: columns are not in contract order (e.g. {_fmt(group['failure_case'].iloc[-1])})"]
        elif broken:  # a check that crashed on uncoerced or missing columns: already reported above
            continue
        else:
            reasons = [f"{table}.{c.column}: {check} could not run: {c.failure_case}" for c in group.itertuples()]
        for reason in reasons:
            failures.extend(_for_all_items(table, frame, check, reason))
    return failures


def _for_all_items(table: str, frame: pd.DataFrame, check: str, reason: str) -> list[Failure]:
    """A frame-wide failure, once for every item in the frame (once without an item if none is known)."""
    column = ITEM_COLUMN[table]
    items = [] if column not in frame.columns else list(dict.fromkeys(_text(v) for v in frame[column]))
    items = [i for i in items if i is not None]
    return [Failure(table, item, check, reason) for item in items] or [Failure(table, None, check, reason)]


def _item_at(table: str, frame: pd.DataFrame, index: int) -> str | None:
    column = ITEM_COLUMN[table]
    if column not in frame.columns or not 0 <= index < len(frame):
        return None
    return _text(frame[column].iloc[index])


def _where(table: str, frame: pd.DataFrame, index: int) -> str:
    """Where inside its item a failing row is: the cell's slot or the series point."""
    fields = {"table_cells": ("cell", ["row", "col"]), "figure_series": ("point", ["series", "point"])}.get(table)
    if fields is None or not set(fields[1]) <= set(frame.columns) or not 0 <= index < len(frame):
        return ""
    values = ",".join(str(frame[c].iloc[index]) for c in fields[1])
    return f" ({fields[0]} {values})"


def _text(value: object) -> str | None:
    try:
        missing = bool(pd.isna(value))
    except (TypeError, ValueError):
        missing = False
    return None if missing else str(value)


def _fmt(value: object) -> str:
    """A failure case as a reader would write it (no numpy reprs)."""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return f"{float(value):g}"
    return repr(str(value)) if isinstance(value, str) else str(value)
