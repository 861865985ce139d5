"""pandera models of the published dataset: one per table of DATASET_CONTRACT.md, columns in contract order.

Each model is strict (no unknown columns), coerces to the contract's dtypes and keeps the contract's
column order. `review_reason` and `evidence` on tables and figures, and the cell boxes and SI columns of
`table_cells`, are additive columns the contract allows. Rules that span rows or tables (grid coverage, boxes inside pages, references) live in
`schemas.cross_checks`; `schemas.validate` runs both and reports, never drops.
"""
from __future__ import annotations

import copy
from functools import cache, partial

import pandas as pd
import pandera.pandas as pa
from pandera.dtypes import immutable
from pandera.engines import pandas_engine
from pandera.typing import Series

STATUSES = ("ok", "partial", "failed")
REVIEW_STATUSES = ("auto_accepted", "needs_review", "reviewed", "rejected")
FIGURE_KINDS = ("chart", "image", "diagram", "multi", "other")
DOC_ID_PATTERN = r"^[0-9a-f]{64}$"
TIMESTAMP = {"unit": "us", "tz": "UTC"}

DocId = partial(pa.Field, str_matches=DOC_ID_PATTERN, description="sha256 of the PDF's bytes, lowercase hex")
Page = partial(pa.Field, ge=1, description="page number, from 1")
Coordinate = partial(pa.Field, description="PDF points, origin at the page's top-left corner")
Probability = partial(pa.Field, ge=0, le=1, description="confidence in 0..1")
GridIndex = partial(pa.Field, ge=0, description="grid row or column, from 0")
Span = partial(pa.Field, ge=1, description="number of grid slots the cell covers")
Optional = partial(pa.Field, nullable=True)
Timestamp = partial(pa.Field, dtype_kwargs=TIMESTAMP)
ReviewStatus = partial(pa.Field, isin=REVIEW_STATUSES, description="auto_accepted, needs_review, reviewed, rejected")


def _box_ordered(df: pd.DataFrame) -> pd.Series:
    return (df["x0"] <= df["x1"]) & (df["y0"] <= df["y1"])


class _Contract(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True
        ordered = True


class DocumentsSchema(_Contract):
    """One row per distinct PDF (by content), including PDFs that failed to open."""

    doc_id: Series[str] = DocId(unique=True)
    file_name: Series[str] = pa.Field(description="the input's file name, valid UTF-8 (undecodable bytes as \\xNN)")
    source_uri: Series[str] = pa.Field(description="file:// URI of the input as given (or its remote URL), bytes "
                                                   "percent-encoded")
    n_pages: Series[int] = pa.Field(ge=0, description="pages in the PDF; 0 when it could not be opened")
    title: Series[str] = Optional(description="the PDF's title, when it has one")
    ingested_at: Series[pd.DatetimeTZDtype] = Timestamp(description="when the PDF was first registered (UTC)")
    pipeline_version: Series[str] = pa.Field(description="paperlake version that extracted the document")
    status: Series[str] = pa.Field(isin=STATUSES, description="ok, partial (some pages failed) or failed")
    error: Series[str] = Optional(description="why the document failed or is partial")


class TablesSchema(_Contract):
    """One row per table, or per page part of a table continued across pages."""

    table_id: Series[str] = pa.Field(unique=True, description="stable for the same document, page and position")
    doc_id: Series[str] = DocId()
    page: Series[int] = Page()
    x0: Series[float] = Coordinate(description="left of the table's box, PDF points from the page's left edge")
    y0: Series[float] = Coordinate(description="top of the table's box, PDF points from the page's top edge")
    x1: Series[float] = Coordinate(description="right of the table's box, PDF points from the page's left edge")
    y1: Series[float] = Coordinate(description="bottom of the table's box, PDF points from the page's top edge")
    label: Series[str] = Optional(description="e.g. 'Table 3'")
    caption: Series[str] = Optional(description="caption without the label")
    footnotes: Series[str] = Optional(description="the notes printed under the table")
    n_rows: Series[int] = pa.Field(ge=1, description="rows of the grid, header rows included")
    n_cols: Series[int] = pa.Field(ge=1, description="columns of the grid")
    n_header_rows: Series[int] = pa.Field(ge=0, description="leading rows that are header rows")
    continued_from: Series[str] = Optional(description="table_id of the previous part")
    confidence: Series[float] = Probability(description="probability that the whole table is exactly right, 0..1")
    method: Series[str] = pa.Field(description="extractor name/version")
    review_status: Series[str] = ReviewStatus()
    reviewed_by: Series[str] = Optional(description="the curator's email, when reviewed")
    reviewed_at: Series[pd.DatetimeTZDtype] = Timestamp(nullable=True, description="when a curator reviewed it")
    review_reason: Series[str] = Optional(description="why the table was routed to review")
    evidence: Series[str] = Optional(description="JSON object of the evidence behind the confidence")

    @pa.dataframe_check(description="x0 <= x1 and y0 <= y1")
    def box_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return _box_ordered(df)

    @pa.dataframe_check(description="n_header_rows <= n_rows")
    def header_rows_within_table(cls, df: pd.DataFrame) -> pd.Series:
        return df["n_header_rows"] <= df["n_rows"]


class TableCellsSchema(_Contract):
    """One row per cell of every table, header cells included; a spanning cell sits at its top-left slot."""

    table_id: Series[str] = pa.Field(description="the table the cell belongs to")
    doc_id: Series[str] = DocId()
    row: Series[int] = GridIndex(description="grid row of the cell (its top row when it spans), from 0")
    col: Series[int] = GridIndex(description="grid column of the cell (its left column when it spans), from 0")
    row_span: Series[int] = Span(description="grid rows the cell covers")
    col_span: Series[int] = Span(description="grid columns the cell covers")
    is_header: Series[bool] = pa.Field(description="the cell is in a header row")
    text: Series[str] = pa.Field(description="as a reader sees it (Unicode minus, ±, ×, flattened superscripts)")
    value: Series[float] = Optional(description="the cell's number when it holds one")
    uncertainty: Series[float] = Optional(description="the part after ±")
    unit: Series[str] = Optional(description="the unit as printed, beside the number or in the column header")
    x0: Series[float] = Coordinate(nullable=True, description="left of the cell's text on the page (addition)")
    y0: Series[float] = Coordinate(nullable=True, description="top of the cell's text on the page (addition)")
    x1: Series[float] = Coordinate(nullable=True, description="right of the cell's text on the page (addition)")
    y1: Series[float] = Coordinate(nullable=True, description="bottom of the cell's text on the page (addition)")
    value_si: Series[float] = Optional(description="value in coherent SI units, null when the unit is not read")
    uncertainty_si: Series[float] = Optional(ge=0, description="uncertainty in the unit of value_si")
    unit_si: Series[str] = Optional(description="the SI unit of value_si: 'K', 'kg m-3', 'J mol-1', '1'")

    @pa.dataframe_check(description="x0 <= x1 and y0 <= y1 where the cell has a box")
    def cell_box_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return df["x0"].isna() | df["y0"].isna() | df["x1"].isna() | df["y1"].isna() | _box_ordered(df)

    @pa.dataframe_check(description="unit_si is given exactly where value_si is")
    def si_unit_with_value(cls, df: pd.DataFrame) -> pd.Series:
        return df["value_si"].isna() == df["unit_si"].isna()


class FiguresSchema(_Contract):
    """One row per figure; a multi-panel figure is one row and its panels may be rows with parent_figure_id."""

    figure_id: Series[str] = pa.Field(unique=True, description="stable for the same document, page and position")
    doc_id: Series[str] = DocId()
    page: Series[int] = Page()
    x0: Series[float] = Coordinate(description="left of the figure's box, PDF points from the page's left edge")
    y0: Series[float] = Coordinate(description="top of the figure's box, PDF points from the page's top edge")
    x1: Series[float] = Coordinate(description="right of the figure's box, PDF points from the page's left edge")
    y1: Series[float] = Coordinate(description="bottom of the figure's box, PDF points from the page's top edge")
    label: Series[str] = pa.Field(description="e.g. 'Figure 2'")
    caption: Series[str] = pa.Field(description="caption without the label (a panel: its subcaption)")
    figure_kind: Series[str] = pa.Field(isin=FIGURE_KINDS, description="chart, image, diagram, multi (panels), other")
    image_path: Series[str] = pa.Field(description="PNG crop, relative to the snapshot")
    parent_figure_id: Series[str] = Optional(description="the multi-panel figure a panel belongs to")
    confidence: Series[float] = Probability(description="probability that box, kind and caption are right, 0..1")
    method: Series[str] = pa.Field(description="extractor name/version")
    review_status: Series[str] = ReviewStatus()
    reviewed_by: Series[str] = Optional(description="the curator's email, when reviewed")
    reviewed_at: Series[pd.DatetimeTZDtype] = Timestamp(nullable=True, description="when a curator reviewed it")
    review_reason: Series[str] = Optional(description="why the figure was routed to review")
    evidence: Series[str] = Optional(description="JSON object of the evidence behind the confidence")

    @pa.dataframe_check(description="x0 <= x1 and y0 <= y1")
    def box_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return _box_ordered(df)


class FigureSeriesSchema(_Contract):
    """One row per data point recovered from a chart."""

    figure_id: Series[str] = pa.Field(description="the chart the point was read from")
    doc_id: Series[str] = DocId()
    series: Series[str] = pa.Field(description="legend text or 'series 1'...")
    point: Series[int] = pa.Field(ge=0, description="the point's position in its series, from 0")
    x: Series[float] = pa.Field(description="x in the axis' units (a bar chart: the category index)")
    y: Series[float] = pa.Field(description="y in the axis' units")
    x_label: Series[str] = Optional(description="the x axis title, null when the chart has none")
    y_label: Series[str] = Optional(description="the y axis title, null when the chart has none")
    y_uncertainty: Series[float] = Optional(description="half the error bar at this point, y units (addition)")


class ReviewsSchema(_Contract):
    """Review outcomes per review kind and extractor version (contract addition: the `reviews` table)."""

    kind: Series[str] = pa.Field(isin=("table", "figure"), description="table or figure")
    method: Series[str] = pa.Field(description="extractor name/version whose predictions were reviewed")
    sent: Series[int] = pa.Field(ge=0, description="items sent to review (routed there, or corrected)")
    pending: Series[int] = pa.Field(ge=0, description="sent, not reviewed yet (reopened included)")
    reviewed: Series[int] = pa.Field(ge=0, description="accepted_unchanged + corrected + rejected")
    accepted_unchanged: Series[int] = pa.Field(ge=0, description="reviewed and accepted as extracted")
    corrected: Series[int] = pa.Field(ge=0, description="box, cells, header rows, caption or kind changed")
    rejected: Series[int] = pa.Field(ge=0, description="not a table or figure, a curator said")
    reopened: Series[int] = pa.Field(ge=0, description="reviewed, then extracted differently: back in review")
    edit_distance_total: Series[int] = pa.Field(ge=0, description="characters edited over accepted items")
    edit_distance_mean: Series[float] = Optional(ge=0, description="edit_distance_total per accepted item")

    @pa.dataframe_check(description="reviewed = accepted_unchanged + corrected + rejected")
    def reviewed_adds_up(cls, df: pd.DataFrame) -> pd.Series:
        return df["reviewed"] == df["accepted_unchanged"] + df["corrected"] + df["rejected"]

    @pa.dataframe_check(description="sent = reviewed + pending")
    def sent_adds_up(cls, df: pd.DataFrame) -> pd.Series:
        return df["sent"] == df["reviewed"] + df["pending"]


CONTRACT_TABLES: dict[str, type[pa.DataFrameModel]] = {
    "documents": DocumentsSchema,
    "tables": TablesSchema,
    "table_cells": TableCellsSchema,
    "figures": FiguresSchema,
    "figure_series": FigureSeriesSchema,
}


DATASET_TABLES: dict[str, type[pa.DataFrameModel]] = {**CONTRACT_TABLES, "reviews": ReviewsSchema}
"""Every published table: the item tables above plus `reviews` (statistics, not items: not validated per item)."""


@immutable(init=True)
class ContractString(pandas_engine.STRING):
    """pandas' string dtype, checked once per column when the column already has it.

    pandera's own STRING check answers per element there, and pandera then builds and formats an empty
    failure-case table for every passing string column: most of a small frame's validation time. Any other
    column dtype goes to pandera's check unchanged, so what fails and how it is reported stays the same.
    """

    def check(self, pandera_dtype: pa.DataType, data_container: pd.Series | None = None) -> object:
        try:
            exact = pandas_engine.Engine.dtype(pandera_dtype).type == self.type
        except TypeError:
            exact = False
        return True if exact else super().check(pandera_dtype, data_container)


@cache
def contract_schema(table: str) -> pa.DataFrameSchema:
    """The table's pandera schema (built once per process), string columns checked by `ContractString`."""
    schema = copy.deepcopy(DATASET_TABLES[table].to_schema())
    for column in schema.columns.values():
        if isinstance(column.dtype, pandas_engine.STRING):
            column.dtype = ContractString(column.dtype.storage)
    return schema


@cache
def uncoerced_schema(table: str) -> pa.DataFrameSchema:
    """`contract_schema` without coercion: for frames whose columns already have the contract's dtypes, where
    coercing would only copy every column (astype to the same dtype changes nothing)."""
    schema = copy.deepcopy(contract_schema(table))
    schema.coerce = False
    for column in schema.columns.values():
        column.coerce = False
    return schema


def has_contract_dtypes(table: str, frame: pd.DataFrame) -> bool:
    """Whether every contract column present in the frame already has its contract dtype (unique names only)."""
    if not frame.columns.is_unique:
        return False
    expected = contract_schema(table).columns
    return all(frame[name].dtype == column.dtype.type for name, column in expected.items() if name in frame.columns)


def columns(table: str) -> list[str]:
    """Column names of a dataset table, in contract order."""
    return list(contract_schema(table).columns)


@cache
def _empty_template(table: str) -> pd.DataFrame:
    schema = contract_schema(table)
    return schema.coerce_dtype(pd.DataFrame({name: pd.Series(dtype=object) for name in schema.columns}))


def empty_frame(table: str) -> pd.DataFrame:
    """A frame with no rows and the table's columns and dtypes (e.g. for a document without tables)."""
    return _empty_template(table).copy()
