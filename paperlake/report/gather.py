"""The rows a report shows, read from one published snapshot: documents, tables with their cells, figures
with their series, as plain frozen records.

`read_report_data` is the only function here that reads (through `paperlake.open_dataset`, so the same views
as the catalog); the rest turns frames into records and is pure, so the HTML builder's tests need no snapshot.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from paperlake.dataset.api import open_dataset

STATUS_ORDER = ("needs_review", "auto_accepted", "reviewed", "rejected")
"""The contract's review statuses, in the order the report's filter lists them."""


@dataclass(frozen=True)
class Document:
    """One published PDF: its id, the name it was given as, its page count and status."""

    doc_id: str
    file_name: str
    n_pages: int
    status: str
    error: str | None = None


@dataclass(frozen=True)
class Cell:
    """One cell of a table's grid (covered slots of a spanning cell have none)."""

    row: int
    col: int
    text: str
    is_header: bool = False
    row_span: int = 1
    col_span: int = 1


@dataclass(frozen=True)
class Review:
    """Where an item stands with curators: its status, why it was sent, and who corrected it when."""

    status: str
    reason: str | None = None
    reviewed_by: str | None = None
    reviewed_at: str | None = None


@dataclass(frozen=True)
class TableEntry:
    """A published table with what the report shows of it."""

    table_id: str
    doc_id: str
    page: int
    bbox: tuple[float, float, float, float]
    label: str | None
    caption: str | None
    n_rows: int
    n_cols: int
    confidence: float
    review: Review
    cells: tuple[Cell, ...] = ()
    footnotes: str | None = None


@dataclass(frozen=True)
class Series:
    """One series recovered from a chart: its name, axis titles and points (y_err is NaN where none)."""

    name: str
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    y_errs: tuple[float, ...] = ()
    x_label: str | None = None
    y_label: str | None = None


@dataclass(frozen=True)
class FigureEntry:
    """A published figure with what the report shows of it; `image_path` is relative to the snapshot."""

    figure_id: str
    doc_id: str
    page: int
    bbox: tuple[float, float, float, float]
    label: str | None
    caption: str | None
    kind: str
    confidence: float
    review: Review
    image_path: str | None = None
    parent_figure_id: str | None = None
    series: tuple[Series, ...] = ()


@dataclass(frozen=True)
class ReportData:
    """Everything one report shows: the snapshot's id and folder, its documents, tables and figures."""

    snapshot_id: str
    snapshot_path: Path
    created_at: str
    documents: tuple[Document, ...]
    tables: tuple[TableEntry, ...] = ()
    figures: tuple[FigureEntry, ...] = ()


def read_report_data(data_dir: Path, snapshot: str = "CURRENT") -> ReportData:
    """Read a snapshot (id, unique prefix or CURRENT) of a data dir into report records, rejected items
    included (the report filters them like any other status). KeyError when there is no such snapshot."""
    with open_dataset(data_dir, snapshot) as ds:
        documents = ds.df("select doc_id, file_name, n_pages, status, error from documents order by file_name")
        tables = ds.df("select * from tables_all order by doc_id, page, y0, x0")
        cells = ds.df("select table_id, row, col, row_span, col_span, is_header, text from table_cells_all")
        figures = ds.df("select * from figures_all order by doc_id, page, y0, x0")
        series = ds.df("select figure_id, series, point, x, y, y_uncertainty, x_label, y_label "
                       "from figure_series_all order by figure_id, series, point")
        return ReportData(snapshot_id=ds.snapshot_id, snapshot_path=ds.snapshot.path,
                          created_at=str(ds.snapshot.manifest.get("created_at", "")),
                          documents=documents_from_frame(documents),
                          tables=tables_from_frames(tables, cells),
                          figures=figures_from_frames(figures, series))


def documents_from_frame(frame: pd.DataFrame) -> tuple[Document, ...]:
    """The `documents` view's rows as records."""
    return tuple(Document(doc_id=r["doc_id"], file_name=r["file_name"], n_pages=int(_number(r["n_pages"], 0)),
                          status=r["status"], error=_text(r.get("error"))) for r in _records(frame))


def tables_from_frames(tables: pd.DataFrame, cells: pd.DataFrame) -> tuple[TableEntry, ...]:
    """The `tables_all` rows as records, each with its cells from `table_cells_all`."""
    by_table: dict[str, list[Cell]] = {}
    for r in _records(cells):
        by_table.setdefault(r["table_id"], []).append(Cell(
            row=int(r["row"]), col=int(r["col"]), text=_text(r["text"]) or "", is_header=bool(r["is_header"]),
            row_span=int(_number(r["row_span"], 1)), col_span=int(_number(r["col_span"], 1))))
    return tuple(TableEntry(
        table_id=r["table_id"], doc_id=r["doc_id"], page=int(r["page"]), bbox=_bbox(r), label=_text(r["label"]),
        caption=_text(r["caption"]), n_rows=int(_number(r["n_rows"], 0)), n_cols=int(_number(r["n_cols"], 0)),
        confidence=_number(r["confidence"], 0.0), review=_review(r), footnotes=_text(r.get("footnotes")),
        cells=tuple(sorted(by_table.get(r["table_id"], ()), key=lambda c: (c.row, c.col))))
        for r in _records(tables))


def figures_from_frames(figures: pd.DataFrame, points: pd.DataFrame) -> tuple[FigureEntry, ...]:
    """The `figures_all` rows as records, each with the series of `figure_series_all` that belong to it."""
    by_figure: dict[str, dict[str, list[dict]]] = {}
    for r in _records(points):
        by_figure.setdefault(r["figure_id"], {}).setdefault(r["series"], []).append(r)
    return tuple(FigureEntry(
        figure_id=r["figure_id"], doc_id=r["doc_id"], page=int(r["page"]), bbox=_bbox(r), label=_text(r["label"]),
        caption=_text(r["caption"]), kind=_text(r["figure_kind"]) or "other",
        confidence=_number(r["confidence"], 0.0), review=_review(r), image_path=_text(r["image_path"]),
        parent_figure_id=_text(r["parent_figure_id"]),
        series=tuple(_series(name, rows) for name, rows in by_figure.get(r["figure_id"], {}).items()))
        for r in _records(figures))


def _series(name: str, rows: Sequence[dict]) -> Series:
    rows = sorted(rows, key=lambda r: r["point"])
    return Series(name=name, xs=tuple(_number(r["x"], math.nan) for r in rows),
                  ys=tuple(_number(r["y"], math.nan) for r in rows),
                  y_errs=tuple(_number(r.get("y_uncertainty"), math.nan) for r in rows),
                  x_label=_text(rows[0].get("x_label")) if rows else None,
                  y_label=_text(rows[0].get("y_label")) if rows else None)


def _review(row: dict) -> Review:
    return Review(status=_text(row["review_status"]) or "needs_review", reason=_text(row.get("review_reason")),
                  reviewed_by=_text(row.get("reviewed_by")), reviewed_at=_text(row.get("reviewed_at")))


def _bbox(row: dict) -> tuple[float, float, float, float]:
    return tuple(_number(row[k], 0.0) for k in ("x0", "y0", "x1", "y1"))  # type: ignore[return-value]


def _records(frame: pd.DataFrame) -> Iterable[dict]:
    return frame.to_dict("records")


def _text(value: object) -> str | None:
    """A nullable text column's value: None for NULL/NaN, otherwise its text."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def _number(value: object, default: float) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return default if math.isnan(number) else number
