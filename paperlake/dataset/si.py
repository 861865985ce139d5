"""table_cells' SI columns (`value_si`, `uncertainty_si`, `unit_si`), filled at publish from value and unit.

Filled here, at the one place every published cell passes (extracted or corrected by a curator), so a
corrected cell's SI value follows its corrected text. The conversion itself is `extractors.units`.
"""
from __future__ import annotations

import pandas as pd

from extractors.units import si_conversion, to_si


def with_si_columns(cells: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table_cells frame with value_si, uncertainty_si and unit_si worked out from value,
    uncertainty and unit; null where there is no value or the unit is not read (never a guess)."""
    cells = cells.copy()
    value_si: list[float | None] = [None] * len(cells)
    uncertainty_si: list[float | None] = [None] * len(cells)
    unit_si: list[str | None] = [None] * len(cells)
    if len(cells):
        readable = {unit for unit in cells["unit"].dropna().unique() if si_conversion(str(unit)) is not None}
        for i, (value, uncertainty, unit) in enumerate(zip(cells["value"], cells["uncertainty"], cells["unit"])):
            if unit not in readable or pd.isna(value):
                continue
            converted = to_si(float(value), str(unit), None if pd.isna(uncertainty) else float(uncertainty))
            if converted is not None:
                value_si[i], uncertainty_si[i], unit_si[i] = converted.value, converted.uncertainty, converted.unit
    cells["value_si"] = pd.Series(value_si, index=cells.index, dtype="float64")
    cells["uncertainty_si"] = pd.Series(uncertainty_si, index=cells.index, dtype="float64")
    cells["unit_si"] = pd.Series(unit_si, index=cells.index, dtype=cells["unit"].dtype)
    return cells
