"""What routing adds to each item's evidence before it is calibrated: the calibrator's inputs that the
extractor does not record (the item's shape, its figure kind) and the consistency checks. Pure, over frames."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from paperlake.calibration.consistency import Check, table_checks


@dataclass(frozen=True)
class Added:
    """Evidence entries routing adds to one item, and the failed checks' reasons (by evidence key)."""

    evidence: dict[str, float | str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    def with_check(self, check: Check) -> Added:
        reasons = {**self.reasons, check.key: check.reason} if check.reason else self.reasons
        return Added({**self.evidence, check.key: check.value}, reasons)


def added_evidence(frames: Mapping[str, pd.DataFrame]) -> dict[str, Added]:
    """item_id -> what routing adds, for every table and figure of the frames (any number of documents)."""
    out: dict[str, Added] = {}
    tables, cells = frames.get("tables"), frames.get("table_cells")
    if tables is not None and len(tables):
        by_table = dict(tuple(cells.groupby("table_id", sort=False))) if cells is not None and len(cells) else {}
        empty = cells.iloc[0:0] if cells is not None and "table_id" in cells else pd.DataFrame(
            columns=["table_id", "row", "col", "row_span", "col_span", "is_header", "text"])
        for row in tables.to_dict("records"):
            table_id = str(row["table_id"])
            n_header = row.get("n_header_rows")
            n_header = None if n_header is None or pd.isna(n_header) else int(n_header)
            shape = {"n_rows": float(row.get("n_rows") or 0), "n_cols": float(row.get("n_cols") or 0)}
            added = Added(shape)
            for check in table_checks(by_table.get(table_id, empty), n_header):
                added = added.with_check(check)
            if n_header is not None:
                added = Added({**added.evidence, "header_rows": float(n_header)}, added.reasons)
            out[table_id] = added
    figures = frames.get("figures")
    if figures is not None and len(figures):
        for row in figures.to_dict("records"):
            kind = row.get("figure_kind")
            panel = float(isinstance(row.get("parent_figure_id"), str))
            out[str(row["figure_id"])] = Added({"figure_kind": str(kind) if isinstance(kind, str) else "",
                                                "panel": panel})
    return out
