"""table_cells' SI columns (`value_si`, `uncertainty_si`, `unit_si`), filled at publish from value and unit.

Filled here, at the one place every published cell passes (extracted or corrected by a curator), so a
corrected cell's SI value follows its corrected text. The conversion itself is `extractors.units`. A cell
under a header that names a difference (`ΔTm (°C)`, `temperature change`) converts an offset unit as a
difference: a ΔT of 5 °C is 5 K.
"""
from __future__ import annotations

import re

import pandas as pd

from extractors.units import si_conversion, to_si

DIFFERENCE = re.compile(r"[Δ∆]|\b(?:delta|difference|change|shift|increase|decrease|rise|drop)\b", re.IGNORECASE)
"""A column header that says its numbers are differences."""


def with_si_columns(cells: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table_cells frame with value_si, uncertainty_si and unit_si worked out from value,
    uncertainty and unit; null where there is no value or the unit is not read (never a guess)."""
    cells = cells.copy()
    value_si: list[float | None] = [None] * len(cells)
    uncertainty_si: list[float | None] = [None] * len(cells)
    unit_si: list[str | None] = [None] * len(cells)
    if len(cells):
        conversions = {unit: si_conversion(str(unit)) for unit in cells["unit"].dropna().unique()}
        offset_units = {unit for unit, c in conversions.items() if c is not None and c.offset}
        differences = _difference_columns(cells) if cells["unit"].isin(offset_units).any() else set()
        rows = zip(cells["table_id"], cells["col"], cells["value"], cells["uncertainty"], cells["unit"])
        for i, (table_id, col, value, uncertainty, unit) in enumerate(rows):
            if pd.isna(value) or conversions.get(unit) is None:
                continue
            converted = to_si(float(value), str(unit), None if pd.isna(uncertainty) else float(uncertainty),
                              difference=(table_id, col) in differences)
            if converted is not None:
                value_si[i], uncertainty_si[i], unit_si[i] = converted.value, converted.uncertainty, converted.unit
    cells["value_si"] = pd.Series(value_si, index=cells.index, dtype="float64")
    cells["uncertainty_si"] = pd.Series(uncertainty_si, index=cells.index, dtype="float64")
    cells["unit_si"] = pd.Series(unit_si, index=cells.index, dtype=cells["unit"].dtype)
    return cells


def _difference_columns(cells: pd.DataFrame) -> set[tuple[str, int]]:
    """(table_id, col) of every column with a header cell over it that names a difference."""
    heads = cells[cells["is_header"].fillna(False).astype(bool)]
    found: set[tuple[str, int]] = set()
    for table_id, col, span, text in zip(heads["table_id"], heads["col"], heads["col_span"], heads["text"]):
        if isinstance(text, str) and DIFFERENCE.search(text):
            found.update((table_id, int(col) + k) for k in range(max(1, int(span))))
    return found
