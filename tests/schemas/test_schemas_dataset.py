"""The pandera models match the contract: columns, order, dtypes, strictness and empty frames."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest

from schemas.dataset import CONTRACT_TABLES, columns, empty_frame
from schemas_frames import valid_frames

CONTRACT_COLUMNS = {
    "documents": ["doc_id", "file_name", "source_uri", "n_pages", "title", "ingested_at", "pipeline_version",
                  "status", "error"],
    "tables": ["table_id", "doc_id", "page", "x0", "y0", "x1", "y1", "label", "caption", "footnotes", "n_rows",
               "n_cols", "n_header_rows", "continued_from", "confidence", "method", "review_status",
               "reviewed_by", "reviewed_at", "review_reason", "evidence"],
    "table_cells": ["table_id", "doc_id", "row", "col", "row_span", "col_span", "is_header", "text", "value",
                    "uncertainty", "unit", "x0", "y0", "x1", "y1", "value_si", "uncertainty_si", "unit_si"],
    "figures": ["figure_id", "doc_id", "page", "x0", "y0", "x1", "y1", "label", "caption", "figure_kind",
                "image_path", "parent_figure_id", "confidence", "method", "review_status", "reviewed_by",
                "reviewed_at", "review_reason", "evidence"],
    "figure_series": ["figure_id", "doc_id", "series", "point", "x", "y", "x_label", "y_label", "y_uncertainty"],
}


def test_contract_tables_and_column_order() -> None:
    assert list(CONTRACT_TABLES) == list(CONTRACT_COLUMNS)
    for table, expected in CONTRACT_COLUMNS.items():
        assert columns(table) == expected, table


@pytest.mark.parametrize("table", list(CONTRACT_TABLES))
def test_empty_frame_round_trips(table: str) -> None:
    empty = empty_frame(table)
    assert empty.empty and list(empty.columns) == columns(table)
    validated = CONTRACT_TABLES[table].validate(empty)
    assert validated.dtypes.to_dict() == empty.dtypes.to_dict()


def test_empty_frame_dtypes() -> None:
    tables, cells = empty_frame("tables"), empty_frame("table_cells")
    assert tables["page"].dtype == "int64" and tables["confidence"].dtype == "float64"
    assert str(tables["reviewed_at"].dtype).startswith("datetime64") and str(tables["reviewed_at"].dtype.tz) == "UTC"
    assert cells["is_header"].dtype == bool and cells["value"].dtype == "float64"
    assert pd.api.types.is_string_dtype(cells["text"])


@pytest.mark.parametrize("table", list(CONTRACT_TABLES))
def test_valid_frames_pass_each_model(table: str) -> None:
    frame = valid_frames()[table]
    validated = CONTRACT_TABLES[table].validate(frame, lazy=True)
    assert len(validated) == len(frame)


def test_strict_rejects_unknown_column() -> None:
    tables = valid_frames()["tables"].assign(surprise=1)
    with pytest.raises(pa.errors.SchemaErrors, match="surprise"):
        CONTRACT_TABLES["tables"].validate(tables, lazy=True)


def test_coerces_to_contract_dtypes() -> None:
    cells = valid_frames()["table_cells"].astype({"row": "float64", "col": "object"})
    validated = CONTRACT_TABLES["table_cells"].validate(cells)
    assert validated["row"].dtype == "int64" and validated["col"].dtype == "int64"
