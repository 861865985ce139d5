"""The catalog describes itself: COMMENT ON every view and every column, in the contract's words.

Contract columns take their description from the pandera schemas (`schemas.dataset`, the contract's
executable form); the helper views' own columns from `HELPER_COLUMNS` below. `duckdb_views()` and
`duckdb_columns()` then show what each view and column means, in any DuckDB client.
"""
from __future__ import annotations

from collections.abc import Iterable

from schemas.dataset import DATASET_TABLES, contract_schema

VIEWS = {
    "documents": "One row per distinct PDF (by content), failed ones included.",
    "tables": "One row per table (a table continued across pages: one row per page part); rejected tables left out.",
    "table_cells": "One row per cell of every table, header cells included; cells of rejected tables left out.",
    "figures": "One row per figure (a multi-panel figure is one row, its panels rows with parent_figure_id); "
               "rejected figures left out.",
    "figure_series": "Data recovered from charts, one row per point; points of rejected figures left out.",
    "tables_all": "Every table, rejected ones included (kept for audit).",
    "table_cells_all": "Every cell of every table, rejected tables included.",
    "figures_all": "Every figure, rejected ones included (kept for audit).",
    "figure_series_all": "Every chart point, rejected figures included.",
    "reviews": "Review outcomes per review kind and extractor version.",
    "snapshot_info": "One row: the snapshot these views show.",
    "table_columns": "One row per column of every table, with its header (all header rows joined with ' / ').",
    "labeled_cells": "Body cells with their row label and column header.",
    "table_rows": "One row per body row of every table: cells in column order and a MAP header -> text.",
    "numeric_cells": "Body cells holding a number, with unit, uncertainty, SI value, file, page and table box.",
    "chart_points": "Chart points with their figure, caption and file.",
    "chart_series": "One row per series of every chart, its points as lists in point order.",
    "reviewed_items": "Tables and figures a curator accepted or corrected.",
}
"""What each view of catalog.duckdb holds (docs/querying.md and docs/dataset-contract.md say more)."""

BASE_TABLE = {"tables_all": "tables", "table_cells_all": "table_cells", "figures_all": "figures",
              "figure_series_all": "figure_series"}

HELPER_COLUMNS = {
    "snapshot_id": "id of the snapshot (a folder under published/)",
    "created_at": "when the snapshot was published (UTC)",
    "parent_snapshot_id": "the snapshot that was CURRENT before this one",
    "settings_hash": "sha256 of the output-shaping settings (secrets excluded)",
    "contract_version": "version of the dataset contract the snapshot follows",
    "header": "the column's header: every header row above it joined with ' / '; 'col N' when empty",
    "row_label": "the text of the row's first cell",
    "cells": "the row's cell texts in column order, NULL where a spanning cell covers the slot",
    "record": "MAP column header -> cell text",
    "relative_uncertainty": "uncertainty / |value|",
    "table_label": "the table's label, e.g. 'Table 3'",
    "figure_label": "the figure's label, e.g. 'Figure 2'",
    "n_points": "points in the series",
    "xs": "x of every point, in point order",
    "ys": "y of every point, in point order",
    "y_uncertainties": "y_uncertainty of every point, in point order",
    "item_id": "table_id or figure_id",
    "cell_x0": "left of the cell's text, PDF points from the page's left edge",
    "cell_y0": "top of the cell's text, PDF points from the page's top edge",
    "cell_x1": "right of the cell's text, PDF points from the page's left edge",
    "cell_y1": "bottom of the cell's text, PDF points from the page's top edge",
}
"""Columns the helper views add to the contract's."""

VIEW_COLUMNS = {
    ("numeric_cells", "x0"): "left of the table's box (not the cell's), PDF points",
    ("numeric_cells", "y0"): "top of the table's box (not the cell's), PDF points",
    ("numeric_cells", "x1"): "right of the table's box (not the cell's), PDF points",
    ("numeric_cells", "y1"): "bottom of the table's box (not the cell's), PDF points",
    ("numeric_cells", "caption"): "the table's caption, without its label",
    ("numeric_cells", "review_status"): "the table's review status",
    ("numeric_cells", "method"): "the extractor of the table",
    ("numeric_cells", "page"): "page of the table, from 1",
    ("labeled_cells", "col"): "grid column, from 0",
    ("table_columns", "col"): "grid column, from 0",
    ("chart_points", "caption"): "the figure's caption, without its label",
    ("chart_series", "caption"): "the figure's caption, without its label",
    ("chart_points", "page"): "page of the figure, from 1",
    ("chart_series", "page"): "page of the figure, from 1",
    ("chart_series", "x_label"): "the x axis title, null when the chart has none",
    ("chart_series", "y_label"): "the y axis title, null when the chart has none",
    ("reviewed_items", "kind"): "table or figure",
    ("reviewed_items", "label"): "the item's label, e.g. 'Table 3' or 'Figure 2'",
    ("reviewed_items", "caption"): "the item's caption, without its label",
    ("reviewed_items", "method"): "extractor name/version",
}
"""Where a column means something else in one view than in the contract table of that name."""

_SEARCH_ORDER = ("documents", "tables", "table_cells", "figures", "figure_series", "reviews")


def column_comment(view: str, column: str) -> str | None:
    """What a column of a catalog view means, or None when nobody said."""
    if (view, column) in VIEW_COLUMNS:
        return VIEW_COLUMNS[(view, column)]
    table = BASE_TABLE.get(view, view)
    if table in DATASET_TABLES and column in contract_schema(table).columns:
        return contract_schema(table).columns[column].description
    if column in HELPER_COLUMNS:
        return HELPER_COLUMNS[column]
    for table in _SEARCH_ORDER:
        if column in contract_schema(table).columns:
            return contract_schema(table).columns[column].description
    return None


def comment_statements(columns: Iterable[tuple[str, str]]) -> list[str]:
    """COMMENT ON VIEW for each view named in `columns` (view, column pairs), COMMENT ON COLUMN for each column."""
    statements, seen = [], set()
    for view, column in columns:
        if view not in seen and view in VIEWS:
            seen.add(view)
            statements.append(f"COMMENT ON VIEW {_ident(view)} IS {_literal(VIEWS[view])}")
        text = column_comment(view, column)
        if text:
            statements.append(f"COMMENT ON COLUMN {_ident(view)}.{_ident(column)} IS {_literal(text)}")
    return statements


def apply_comments(con) -> None:  # type: ignore[no-untyped-def]
    """Comment every view of a DuckDB connection's main schema and its columns (duckdb is the caller's)."""
    columns = con.execute("SELECT c.table_name, c.column_name FROM duckdb_columns() AS c "
                          "JOIN duckdb_views() AS v ON v.view_name = c.table_name AND v.schema_name = c.schema_name "
                          "WHERE NOT v.internal AND c.schema_name = 'main' "
                          "ORDER BY c.table_name, c.column_index").fetchall()
    for statement in comment_statements(columns):
        con.execute(statement)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
