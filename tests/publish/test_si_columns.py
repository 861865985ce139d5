"""paperlake.dataset.si: the SI columns of table_cells, filled from value, uncertainty and unit at publish."""
from __future__ import annotations

import pandas as pd
import pytest

from paperlake.dataset.si import with_si_columns


def _cells(rows: list[tuple]) -> pd.DataFrame:
    """(table_id, row, col, col_span, is_header, text, value, uncertainty, unit) rows as a table_cells frame."""
    keys = ("table_id", "row", "col", "col_span", "is_header", "text", "value", "uncertainty", "unit")
    frame = pd.DataFrame([dict(zip(keys, r)) for r in rows], columns=list(keys))
    return frame.astype({"value": "float64", "uncertainty": "float64", "unit": "string"})


def test_values_convert_and_unread_units_stay_null():
    cells = _cells([("t", 0, 0, 1, True, "T (°C)", None, None, None),
                    ("t", 0, 1, 1, True, "Density", None, None, None),
                    ("t", 0, 2, 1, True, "Signal (a.u.)", None, None, None),
                    ("t", 1, 0, 1, False, "25 ± 0.5", 25.0, 0.5, "°C"),
                    ("t", 1, 1, 1, False, "3.85 g cm−3", 3.85, None, "g cm−3"),
                    ("t", 1, 2, 1, False, "12", 12.0, None, "a.u.")])
    out = with_si_columns(cells)
    body = out[~out["is_header"]]
    assert body["value_si"].tolist()[:2] == pytest.approx([298.15, 3850.0])
    assert body["unit_si"].tolist()[:2] == ["K", "kg m-3"]
    assert body["uncertainty_si"].tolist()[0] == pytest.approx(0.5)
    assert pd.isna(body["value_si"].tolist()[2]) and pd.isna(body["unit_si"].tolist()[2])  # a.u.: never guessed
    assert out["value_si"].dtype == "float64" and out[out["is_header"]]["value_si"].isna().all()
    assert "value_si" not in cells.columns  # a copy


def test_a_difference_column_converts_without_the_offset():
    cells = _cells([("t", 0, 0, 2, True, "ΔTm (°C)", None, None, None),
                    ("t", 0, 2, 1, True, "Tm (°C)", None, None, None),
                    ("t", 1, 0, 1, False, "0.0", 0.0, None, "°C"),
                    ("t", 1, 1, 1, False, "−4.3", -4.3, None, "°C"),
                    ("t", 1, 2, 1, False, "70.3", 70.3, None, "°C")])
    body = with_si_columns(cells).query("not is_header")
    assert body["value_si"].tolist() == pytest.approx([0.0, -4.3, 343.45])
    assert set(body["unit_si"]) == {"K"}


def test_an_empty_frame_gets_the_columns():
    out = with_si_columns(_cells([]))
    assert {"value_si", "uncertainty_si", "unit_si"} <= set(out.columns) and out.empty
