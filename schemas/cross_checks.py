"""Rules between rows and between tables that a per-table pandera model cannot express.

Every check is a pure function over a mapping of frames (keys as in `schemas.dataset.CONTRACT_TABLES`)
returning `Failure` records; none modifies or drops rows. A check whose tables or columns are absent
is skipped (the schemas report missing columns); values that are not numbers are ignored here for the
same reason. Failures name the item a curator would fix: the table_id of a cell, the figure_id of a
series point, the table or figure itself, or the doc_id.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd

PageSizes = Mapping[tuple[str, int], tuple[float, float]]
"""(doc_id, page) -> (width, height) in PDF points."""

PAGE_TOLERANCE = 1.0
"""How far (points) a box may stick out of its page before it counts as outside."""

MAX_SPAN = 1000
"""Spans of cells whose table is unknown are clipped to this when looking for overlaps."""


@dataclass(frozen=True)
class Failure:
    """One broken rule: the table it was found in, the item it belongs to, the rule and why."""

    table: str
    item_id: str | None
    check: str
    reason: str


T = TypeVar("T")
_SHARED: ContextVar[dict[tuple[object, ...], object] | None] = ContextVar("cross_check_shared", default=None)
"""While `cross_check` runs: converted frames its checks share (several checks read the same columns)."""


def _shared(key: tuple[object, ...], compute: Callable[[], T]) -> T:
    """compute(), remembered for the rest of the current `cross_check` run (computed afresh outside one)."""
    memo = _SHARED.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[return-value]


def _frame(frames: Mapping[str, pd.DataFrame], table: str, cols: list[str],
           numeric: tuple[str, ...] = ()) -> pd.DataFrame | None:
    """The given columns of a table, ids as str or None and numbers as float; None if not checkable."""
    frame = frames.get(table)
    return _shared(("frame", table, id(frame), tuple(cols), numeric), lambda: _converted(frame, cols, numeric))


def _converted(frame: object, cols: list[str], numeric: tuple[str, ...]) -> pd.DataFrame | None:
    if not isinstance(frame, pd.DataFrame) or not set(cols) <= set(frame.columns):
        return None
    if not frame.columns.is_unique:
        return _converted_column_by_column(frame, cols, numeric)
    # one frame built at the end (adding columns one by one costs more than the values here), from columns
    # converted once per cross_check run
    data = {col: _shared(("column", id(frame), col, col in numeric), lambda col=col: _column(frame, col, col in numeric))
            for col in cols}
    out = pd.DataFrame(data, index=pd.RangeIndex(len(frame)))
    if not any(np.isnan(data[col].to_numpy()).any() for col in numeric):  # nothing to drop
        return out
    return out.dropna(subset=list(numeric))


def _converted_column_by_column(frame: pd.DataFrame, cols: list[str], numeric: tuple[str, ...]) -> pd.DataFrame:
    """The plain conversion, for a frame with duplicate column names (which the schema reports): whatever it
    raises on such a frame is what its checks have always reported as the reason they could not run."""
    out = pd.DataFrame(index=pd.RangeIndex(len(frame)))
    for col in cols:
        values = frame[col].reset_index(drop=True)
        if col in numeric:
            out[col] = pd.to_numeric(values, errors="coerce").astype(float)
        else:
            out[col] = [str(v) if _present(v) else None for v in values.astype(object)]
    return out.dropna(subset=list(numeric)) if numeric else out


def _column(frame: pd.DataFrame, col: str, numeric: bool) -> pd.Series | list[str | None]:
    """One column as float (NaN where not a number) or as str or None values."""
    values = frame[col].reset_index(drop=True)
    if numeric:
        return _numbers(values)
    if isinstance(values.dtype, pd.StringDtype):  # str or missing only: no per-value isna needed
        return [v if isinstance(v, str) else None for v in values.tolist()]
    return [str(v) if _present(v) else None for v in values.astype(object)]


def _numbers(values: pd.Series) -> pd.Series:
    """Values as float, NaN where not a number (int and float columns need no parsing)."""
    kind = values.dtype.kind if isinstance(values.dtype, np.dtype) else None
    if kind in ("i", "u", "f"):
        return values.astype(float)
    return pd.to_numeric(values, errors="coerce").astype(float)


def _rows(frame: pd.DataFrame, *cols: str) -> Iterator[tuple[object, ...]]:
    """The values of some columns row by row (what itertuples gives, without building a namedtuple class)."""
    return zip(*(frame[col] for col in cols))


def _present(value: object) -> bool:
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like values are present (and wrong, which the schema reports)
        return True


def _keys(frame: pd.DataFrame, id_col: str) -> set[tuple[str, str]]:
    return set(zip(frame[id_col], frame["doc_id"]))


def _unknown(frame: pd.DataFrame, id_col: str, known: set[tuple[str, str]]) -> pd.DataFrame:
    """Rows of a child frame whose (id, doc_id) is not among the known parents."""
    mask = np.array([key not in known for key in zip(frame[id_col], frame["doc_id"])], dtype=bool)
    return frame.loc[mask]


def cell_table_exists(frames: Mapping[str, pd.DataFrame]) -> list[Failure]:
    """Every cell belongs to a table of the same document."""
    cells = _frame(frames, "table_cells", ["table_id", "doc_id"])
    tables = _frame(frames, "tables", ["table_id", "doc_id"])
    if cells is None or tables is None:
        return []
    known = _keys(tables, "table_id")
    orphans = _unknown(cells, "table_id", known)
    if orphans.empty:
        return []
    return [Failure("table_cells", tid, "cell_table_exists",
                    f"{len(group)} cells point to table {tid!r} of document {doc!r}, which is not in tables")
            for (tid, doc), group in orphans.groupby(["table_id", "doc_id"], dropna=False)]


def _cells_with_grid(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame | None:
    """Cells (numbers as float) with their table's n_rows/n_cols (NaN when the table is unknown)."""
    key = ("grid", id(frames.get("table_cells")), id(frames.get("tables")))
    return _shared(key, lambda: _join_grid(frames))


def _join_grid(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame | None:
    cells = _frame(frames, "table_cells", ["table_id", "doc_id", "row", "col", "row_span", "col_span"],
                   numeric=("row", "col", "row_span", "col_span"))
    if cells is None:
        return None
    tables = _frame(frames, "tables", ["table_id", "doc_id", "n_rows", "n_cols"], numeric=("n_rows", "n_cols"))
    if tables is None:
        return cells.assign(n_rows=np.nan, n_cols=np.nan)
    grid: dict[tuple[str | None, str | None], tuple[float, float]] = {}
    for key, n_rows, n_cols in zip(_id_pairs(tables, "table_id"), tables["n_rows"], tables["n_cols"]):
        grid.setdefault(key, (n_rows, n_cols))  # a table listed twice: its first row counts
    found = [grid.get(key, (np.nan, np.nan)) for key in _id_pairs(cells, "table_id")]
    return cells.reset_index(drop=True).assign(n_rows=np.array([f[0] for f in found], dtype=float),
                                               n_cols=np.array([f[1] for f in found], dtype=float))


def _id_pairs(frame: pd.DataFrame, id_col: str) -> list[tuple[str | None, str | None]]:
    """(id, doc_id) of each row, a missing id as None (so missing matches missing, as in a pandas merge)."""
    return [(i if isinstance(i, str) else None, d if isinstance(d, str) else None)
            for i, d in zip(frame[id_col], frame["doc_id"])]


def span_inside_grid(frames: Mapping[str, pd.DataFrame]) -> list[Failure]:
    """Each cell, with its spans, stays inside its table's n_rows x n_cols grid."""
    cells = _cells_with_grid(frames)
    if cells is None:
        return []
    out = cells[(cells["row"] + cells["row_span"] > cells["n_rows"])
                | (cells["col"] + cells["col_span"] > cells["n_cols"])]
    return [Failure("table_cells", tid, "span_inside_grid",
                    f"cell ({row:.0f},{col:.0f}) spanning {row_span:.0f}x{col_span:.0f} leaves the "
                    f"{n_rows:.0f}x{n_cols:.0f} grid of table {tid!r}")
            for tid, row, col, row_span, col_span, n_rows, n_cols
            in _rows(out, "table_id", "row", "col", "row_span", "col_span", "n_rows", "n_cols")]


def cells_do_not_overlap(frames: Mapping[str, pd.DataFrame]) -> list[Failure]:
    """No grid slot of a table is covered by two cells (a spanning cell covers all its slots)."""
    cells = _cells_with_grid(frames)
    if cells is None or cells.empty:
        return []
    room_r = (cells["n_rows"] - cells["row"]).fillna(MAX_SPAN).clip(lower=1, upper=MAX_SPAN)
    room_c = (cells["n_cols"] - cells["col"]).fillna(MAX_SPAN).clip(lower=1, upper=MAX_SPAN)
    rs = np.minimum(cells["row_span"].clip(lower=1), room_r).astype(np.int64).to_numpy()
    cs = np.minimum(cells["col_span"].clip(lower=1), room_c).astype(np.int64).to_numpy()
    counts = rs * cs
    owner = np.repeat(np.arange(len(cells)), counts)
    k = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    rows, cols = cells["row"].to_numpy()[owner], cells["col"].to_numpy()[owner]
    slots = pd.DataFrame({
        "table_id": cells["table_id"].to_numpy()[owner], "doc_id": cells["doc_id"].to_numpy()[owner],
        "slot_row": rows + k // cs[owner], "slot_col": cols + k % cs[owner],
    })
    is_shared = slots.duplicated(["table_id", "doc_id", "slot_row", "slot_col"], keep=False).to_numpy()
    if not is_shared.any():
        return []
    shared = slots[is_shared].assign(cell=[f"({r:.0f},{c:.0f})" for r, c in zip(rows[is_shared], cols[is_shared])])
    failures = []
    for (tid, _doc), group in shared.groupby(["table_id", "doc_id"], dropna=False, sort=False):
        first = group.groupby(["slot_row", "slot_col"], sort=True)["cell"].apply(list).iloc[:1]
        (r, c), owners = first.index[0], first.iloc[0]
        n_slots = len(group.drop_duplicates(["slot_row", "slot_col"]))
        failures.append(Failure("table_cells", tid, "cells_do_not_overlap",
                                f"{n_slots} grid slots of table {tid!r} are covered by more than one cell, "
                                f"e.g. slot ({r:.0f},{c:.0f}) by cells at {' and '.join(owners)}"))
    return failures


def box_inside_page(frames: Mapping[str, pd.DataFrame], page_sizes: PageSizes | None = None) -> list[Failure]:
    """Every table and figure box lies inside its page (1 pt tolerance); skipped without page sizes."""
    if not page_sizes:
        return []
    failures = []
    for table, id_col in (("tables", "table_id"), ("figures", "figure_id")):
        items = _frame(frames, table, [id_col, "doc_id", "page", "x0", "y0", "x1", "y1"],
                       numeric=("page", "x0", "y0", "x1", "y1"))
        rows = [] if items is None else _rows(items, id_col, "doc_id", "page", "x0", "y0", "x1", "y1")
        for item_id, doc_id, page, x0, y0, x1, y1 in rows:
            size = page_sizes.get((doc_id, int(page)))
            if size is None:
                continue
            width, height = size
            t = PAGE_TOLERANCE
            if x0 < -t or y0 < -t or x1 > width + t or y1 > height + t:
                failures.append(Failure(table, item_id, "box_inside_page",
                                        f"box ({x0:g}, {y0:g}, {x1:g}, {y1:g}) is outside "
                                        f"page {page:.0f} ({width:g} x {height:g} pt)"))
    return failures


def page_within_document(frames: Mapping[str, pd.DataFrame]) -> list[Failure]:
    """Every table and figure belongs to a known document and its page is at most the document's n_pages."""
    documents = _frame(frames, "documents", ["doc_id", "n_pages"], numeric=("n_pages",))
    if documents is None:
        return []
    n_pages = dict(zip(documents["doc_id"], documents["n_pages"]))
    failures = []
    for table, id_col in (("tables", "table_id"), ("figures", "figure_id")):
        items = _frame(frames, table, [id_col, "doc_id", "page"], numeric=("page",))
        for item_id, doc_id, page in [] if items is None else _rows(items, id_col, "doc_id", "page"):
            if doc_id not in n_pages:
                failures.append(Failure(table, item_id, "page_within_document",
                                        f"document {doc_id!r} is not in documents"))
            elif page > n_pages[doc_id]:
                failures.append(Failure(table, item_id, "page_within_document",
                                        f"page {page:.0f} is past the document's {n_pages[doc_id]:.0f} pages"))
    return failures


def series_figure_exists(frames: Mapping[str, pd.DataFrame]) -> list[Failure]:
    """Every figure_series point belongs to a figure of the same document."""
    series = _frame(frames, "figure_series", ["figure_id", "doc_id"])
    figures = _frame(frames, "figures", ["figure_id", "doc_id"])
    if series is None or figures is None:
        return []
    known = _keys(figures, "figure_id")
    orphans = _unknown(series, "figure_id", known)
    if orphans.empty:
        return []
    return [Failure("figure_series", fid, "series_figure_exists",
                    f"{len(group)} series points point to figure {fid!r} of document {doc!r}, which is not in figures")
            for (fid, doc), group in orphans.groupby(["figure_id", "doc_id"], dropna=False)]


def _reference_exists(frames: Mapping[str, pd.DataFrame], table: str, id_col: str, ref_col: str,
                      check: str) -> list[Failure]:
    items = _frame(frames, table, [id_col, "doc_id", ref_col])
    if items is None:
        return []
    known = _keys(items, id_col)
    return [Failure(table, item_id, check, f"{ref_col} {ref!r} is not a {table[:-1]} of the same document")
            for item_id, doc_id, ref in _rows(items, id_col, "doc_id", ref_col)
            if isinstance(ref, str) and (ref, doc_id) not in known]  # unset: None, or NaN in a str column


def parent_figure_exists(frames: Mapping[str, pd.DataFrame]) -> list[Failure]:
    """A panel's parent_figure_id, when set, names a figure of the same document."""
    return _reference_exists(frames, "figures", "figure_id", "parent_figure_id", "parent_figure_exists")


def continued_from_exists(frames: Mapping[str, pd.DataFrame]) -> list[Failure]:
    """A table part's continued_from, when set, names a table of the same document."""
    return _reference_exists(frames, "tables", "table_id", "continued_from", "continued_from_exists")


FrameCheck = Callable[[Mapping[str, pd.DataFrame]], list[Failure]]
CHECKS: dict[str, tuple[str, FrameCheck]] = {
    "cell_table_exists": ("table_cells", cell_table_exists),
    "span_inside_grid": ("table_cells", span_inside_grid),
    "cells_do_not_overlap": ("table_cells", cells_do_not_overlap),
    "page_within_document": ("tables", page_within_document),
    "series_figure_exists": ("figure_series", series_figure_exists),
    "parent_figure_exists": ("figures", parent_figure_exists),
    "continued_from_exists": ("tables", continued_from_exists),
}
"""Check name -> (table it reports on, function); box_inside_page also needs page sizes."""


def cross_check(frames: Mapping[str, pd.DataFrame], page_sizes: PageSizes | None = None) -> list[Failure]:
    """All cross-table rules; a rule that cannot run on malformed frames becomes a failure, not an exception."""
    checks: dict[str, tuple[str, FrameCheck]] = {
        **CHECKS, "box_inside_page": ("tables", lambda f: box_inside_page(f, page_sizes))}
    failures: list[Failure] = []
    token = _SHARED.set({})
    try:
        for name, (table, check) in checks.items():
            try:
                failures.extend(check(frames))
            except Exception as exc:  # noqa: BLE001 - validation reports, it never stops the pipeline
                failures.append(Failure(table, None, name, f"check could not run: {type(exc).__name__}: {exc}"))
    finally:
        _SHARED.reset(token)
    return failures
