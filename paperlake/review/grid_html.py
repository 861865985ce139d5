"""A table's extracted grid as an HTML table, for the HyperText beside the CSV field of a table task (pure).

Curators read a grid far more easily than CSV. Every cell's text comes from the PDF and is untrusted: it is
escaped with paperlake.escaping.html_text (so `<script>` shows as the characters it is, never as markup), and
the only markup here is the table skeleton built below. Spanning cells keep their rowspan/colspan; a leading
column numbers the rows as the CSV's lines are numbered (1 = the first line), header rows are shaded.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from paperlake.escaping import html_text

_TABLE = 'style="border-collapse: collapse; font-size: 13px;"'
_CELL = "border: 1px solid #999; padding: 2px 6px; vertical-align: top;"
_HEADER = _CELL + " background: #e8eef6; font-weight: bold;"
_ROW_NUMBER = "padding: 2px 6px; color: #888; text-align: right;"


def cells_to_html(cells: pd.DataFrame, n_header_rows: int) -> str:
    """The cells (row, col, row_span, col_span, text) as one escaped HTML <table>; "" for no cells.

    Slots no cell covers are empty <td>s, so every row has the grid's width; rows before n_header_rows are
    header rows (<th>).
    """
    placed = _placed(cells)
    if not placed:
        return ""
    n_rows = max(r + rs for r, _, rs, _, _ in placed)
    n_cols = max(c + cs for _, c, _, cs, _ in placed)
    lines = [f"<table {_TABLE}><tbody>"]
    for r, slots in enumerate(grid_slots(placed, n_rows, n_cols)):
        tag, style = ("th", _HEADER) if r < n_header_rows else ("td", _CELL)
        parts = [f'<td style="{_ROW_NUMBER}">{r + 1}</td>']
        for _, _, rs, cs, text in slots:
            parts.append(f'<{tag} style="{style}"{span_attributes(rs, cs)}>{_cell_html(text or "")}</{tag}>')
        lines.append("<tr>" + "".join(parts) + "</tr>")
    lines.append("</tbody></table>")
    return "".join(lines)


Placed = tuple[int, int, int, int, str]
"""A cell as (row, col, row_span, col_span, text)."""


def grid_slots(cells: Iterable[Placed], n_rows: int, n_cols: int) -> list[list[tuple[int, int, int, int, str | None]]]:
    """Per row of the grid, the slots an HTML table shows, left to right: each cell at its top-left slot as
    (row, col, row_span, col_span, text), its spans clipped to the grid; a slot no cell holds or covers as
    (row, col, 1, 1, None); the slots a spanning cell covers left out. The one walk both HTML grids share
    (this task field and paperlake report)."""
    at = {(r, c): (rs, cs, text) for r, c, rs, cs, text in cells}
    covered: set[tuple[int, int]] = set()
    rows = []
    for r in range(n_rows):
        slots: list[tuple[int, int, int, int, str | None]] = []
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            rs, cs, text = at.get((r, c), (1, 1, None))
            rs, cs = min(rs, n_rows - r), min(cs, n_cols - c)
            covered.update((r + i, c + j) for i in range(rs) for j in range(cs))
            slots.append((r, c, rs, cs, text))
        rows.append(slots)
    return rows


def span_attributes(row_span: int, col_span: int) -> str:
    """` rowspan="2"` / ` colspan="3"` where a cell spans, else ""."""
    return (f' rowspan="{row_span}"' if row_span > 1 else "") + (f' colspan="{col_span}"' if col_span > 1 else "")


def _cell_html(text: str) -> str:
    """A cell's text escaped, its line breaks kept as <br>."""
    return "<br>".join(html_text(line) for line in text.split("\n"))


def _placed(cells: pd.DataFrame) -> list[tuple[int, int, int, int, str]]:
    """(row, col, row_span, col_span, text) of each cell; a later cell at an occupied slot is left out."""
    if cells.empty:
        return []
    seen: set[tuple[int, int]] = set()
    out = []
    ordered = cells.sort_values(["row", "col"], kind="stable")
    ones = [1] * len(ordered)  # a frame without span columns: every cell spans one slot
    for row, col, row_span, col_span, text in zip(ordered["row"], ordered["col"], ordered.get("row_span", ones),
                                                  ordered.get("col_span", ones), ordered["text"]):
        r, c = int(row), int(col)
        if (r, c) in seen:
            continue
        seen.add((r, c))
        out.append((r, c, _span(row_span), _span(col_span), _text(text)))
    return out


def _span(value: Any) -> int:
    return 1 if value is None or pd.isna(value) else max(1, int(value))


def _text(value: Any) -> str:
    return "" if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) else str(value).strip()
