"""The records every extractor produces: frozen, typed, and free of PyMuPDF or Dagster objects.

`extract_document` turns one PDF into one `DocumentExtraction`; everything downstream (validation,
review, publish) works from these records or from the contract frames built out of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractors.types import BBox, PageNo


@dataclass(frozen=True)
class ExtractorInfo:
    """Who produced an item: recorded in the dataset's `method` column as `name/version`."""

    name: str
    version: str

    @property
    def method(self) -> str:
        return f"{self.name}/{self.version}"


@dataclass(frozen=True)
class Cell:
    """One cell of a table grid; a spanning cell sits at its top-left slot."""

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    is_header: bool = False
    value: float | None = None
    uncertainty: float | None = None
    unit: str | None = None
    bbox: BBox | None = None  # where the cell's text lies on the page (extractors/cell_boxes.py); None unknown


@dataclass(frozen=True)
class Caption:
    """A caption found on a page: its label as printed (`Table 3`), the text after it, and its box."""

    kind: str  # "table" or "figure"
    label: str
    text: str
    page: PageNo
    bbox: BBox
    note: str | None = None  # a statistical table's headnote under its title (`[In thousands ...]`), not its title


@dataclass(frozen=True)
class LayoutBox:
    """One region a page-layout model found: its box in PDF points (top-left origin) and its class."""

    bbox: BBox
    kind: str  # text, table, picture, list-item, section-header, caption, formula, page-header, ...


@dataclass(frozen=True)
class TableItem:
    """A table (or one page's part of a table) with its grid, caption and the evidence behind its confidence."""

    page: PageNo
    bbox: BBox
    cells: tuple[Cell, ...]
    n_rows: int
    n_cols: int
    n_header_rows: int
    confidence: float
    method: str
    label: str | None = None
    caption: str | None = None
    footnotes: str | None = None
    continued_from: int | None = None  # index of the previous part in DocumentExtraction.tables
    evidence: tuple[tuple[str, float | str], ...] = ()  # numbers, or a model's reading as text


@dataclass(frozen=True)
class SeriesPoint:
    """One data point recovered from a chart."""

    series: str
    point: int
    x: float
    y: float
    uncertainty: float | None = None  # half the error bar drawn at this point, in y units
    x_label: str | None = None  # the axis titles of this point's panel, when they differ from the figure's
    y_label: str | None = None


@dataclass(frozen=True)
class FigureItem:
    """A figure (or a panel of one) with its box, caption, kind, PNG crop and recovered chart data."""

    page: PageNo
    bbox: BBox
    kind: str  # chart, image, diagram, multi, other
    confidence: float
    method: str
    label: str | None = None
    caption: str | None = None
    png: bytes | None = field(default=None, repr=False)
    parent: int | None = None  # index of the parent figure in DocumentExtraction.figures
    series: tuple[SeriesPoint, ...] = ()
    x_label: str | None = None
    y_label: str | None = None
    evidence: tuple[tuple[str, float | str], ...] = ()  # numbers, or a model's reading as text


@dataclass(frozen=True)
class DocumentExtraction:
    """Everything extracted from one PDF."""

    n_pages: int
    page_sizes: tuple[tuple[float, float], ...]
    title: str | None
    tables: tuple[TableItem, ...]
    figures: tuple[FigureItem, ...]
    warnings: tuple[str, ...] = ()
    page_paths: tuple[str, ...] = ()  # per page, how it was read: "vector", or "ocr (no text)" and the like
