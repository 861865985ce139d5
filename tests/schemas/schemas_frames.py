"""Tiny valid frames of one document (one 2x2 table with a spanning header, one chart with two points)."""
from __future__ import annotations

import pandas as pd

DOC = "ab" * 32
PAGE_SIZES = {(DOC, 1): (612.0, 792.0), (DOC, 2): (612.0, 792.0)}


def _table(**overrides: object) -> dict:
    row = {
        "table_id": "t1", "doc_id": DOC, "page": 1, "x0": 100.0, "y0": 100.0, "x1": 400.0, "y1": 200.0,
        "label": "Table 1", "caption": "Yields.", "footnotes": None, "n_rows": 3, "n_cols": 2,
        "n_header_rows": 1, "continued_from": None, "confidence": 0.9, "method": "vector/1",
        "review_status": "auto_accepted", "reviewed_by": None, "reviewed_at": None,
        "review_reason": None, "evidence": '{"rules": 1.0}',
    }
    return {**row, **overrides}


def _cell(row: int, col: int, text: str, **overrides: object) -> dict:
    cell = {"table_id": "t1", "doc_id": DOC, "row": row, "col": col, "row_span": 1, "col_span": 1,
            "is_header": row == 0, "text": text, "value": None, "uncertainty": None, "unit": None,
            "x0": None, "y0": None, "x1": None, "y1": None, "value_si": None, "uncertainty_si": None, "unit_si": None}
    return {**cell, **overrides}


def _figure(**overrides: object) -> dict:
    row = {
        "figure_id": "f1", "doc_id": DOC, "page": 2, "x0": 50.0, "y0": 60.0, "x1": 300.0, "y1": 260.0,
        "label": "Figure 1", "caption": "Response.", "figure_kind": "chart", "image_path": f"figures/{DOC}/f1.png",
        "parent_figure_id": None, "confidence": 0.8, "method": "vector/1", "review_status": "reviewed",
        "reviewed_by": "ann", "reviewed_at": pd.Timestamp("2024-05-01T12:00:00Z"),
        "review_reason": None, "evidence": None,
    }
    return {**row, **overrides}


def _point(point: int, x: float, y: float, **overrides: object) -> dict:
    row = {"figure_id": "f1", "doc_id": DOC, "series": "series 1", "point": point, "x": x, "y": y,
           "x_label": "Time (s)", "y_label": "Signal", "y_uncertainty": None}
    return {**row, **overrides}


def valid_frames() -> dict[str, pd.DataFrame]:
    """A valid set of frames: keys as in CONTRACT_TABLES."""
    documents = pd.DataFrame([{
        "doc_id": DOC, "file_name": "a.pdf", "source_uri": "file:///in/a.pdf", "n_pages": 2, "title": None,
        "ingested_at": pd.Timestamp("2024-05-01T10:00:00Z"), "pipeline_version": "0.1.0", "status": "ok",
        "error": None,
    }])
    cells = [_cell(0, 0, "Catalyst and yield", col_span=2), _cell(1, 0, "Pd/C"),
             _cell(1, 1, "87.1", value=87.1), _cell(2, 0, "Ni"), _cell(2, 1, "45.0 ± 0.5", value=45.0, uncertainty=0.5)]
    return {
        "documents": documents,
        "tables": pd.DataFrame([_table()]),
        "table_cells": pd.DataFrame(cells),
        "figures": pd.DataFrame([_figure()]),
        "figure_series": pd.DataFrame([_point(0, 0.0, 1.0), _point(1, 1.0, 2.5)]),
    }


def with_rows(frames: dict[str, pd.DataFrame], table: str, rows: list[dict]) -> dict[str, pd.DataFrame]:
    """A copy of the frames with rows appended to one table."""
    return {**frames, table: pd.concat([frames[table], pd.DataFrame(rows)], ignore_index=True)}


table_row, cell_row, figure_row, point_row = _table, _cell, _figure, _point
