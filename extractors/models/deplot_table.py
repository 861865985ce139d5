"""Pure parser of DePlot's linearised table (`TITLE | t <0x0A> x | y1 | y2 <0x0A> 2010 | 1.5 | 3 ...`) into series.

DePlot (and the Pix2Struct chart models like it) answer with one string: rows separated by `<0x0A>` (or a
real newline), cells by `|`, an optional first `TITLE | ...` row, then a header row naming the x column and
one column per series. Nothing here runs a model; `extractors.models.chart_data` does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.model import SeriesPoint
from extractors.numbers import parse_cell

_ROW_BREAK = re.compile(r"\s*(?:<0x0A>|\\n|\n)\s*")


@dataclass(frozen=True)
class LinearTable:
    """DePlot's table: its title (if any), the header row, and the data rows, cells as printed."""

    title: str | None
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def parse_linear_table(text: str) -> LinearTable:
    """Split DePlot's output into title, header and rows; ragged rows are padded or cut to the header's width."""
    lines = [line for line in _ROW_BREAK.split(text.strip()) if line.strip()]
    title = None
    if lines and lines[0].split("|", 1)[0].strip().upper() == "TITLE":
        title = lines[0].split("|", 1)[1].strip() if "|" in lines[0] else ""
        title = title or None
        lines = lines[1:]
    if not lines:
        return LinearTable(title=title, header=(), rows=())
    header = tuple(cell.strip() for cell in lines[0].split("|"))
    rows = []
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.split("|")]
        cells = (cells + [""] * len(header))[:len(header)]
        rows.append(tuple(cells))
    return LinearTable(title=title, header=header, rows=tuple(rows))


def table_series(table: LinearTable) -> list[SeriesPoint]:
    """One SeriesPoint per numeric cell: series named by the header, x from the first column.

    x is the first column's number when every row has one, else the row's position (0, 1, ...: categories
    such as bar labels); a cell that holds no number is skipped, never guessed.
    """
    if len(table.header) < 2 or not table.rows:
        return []
    xs = [parse_cell(row[0]).value for row in table.rows]
    numeric_x = all(x is not None for x in xs)
    points: list[SeriesPoint] = []
    for col, name in enumerate(table.header[1:], start=1):
        series = name or f"series {col}"
        point = 0
        for index, row in enumerate(table.rows):
            y = parse_cell(row[col]).value
            if y is None:
                continue
            x = xs[index] if numeric_x else float(index)
            points.append(SeriesPoint(series=series, point=point, x=float(x), y=float(y)))  # type: ignore[arg-type]
            point += 1
    return points


def parse_series(text: str) -> list[SeriesPoint]:
    """DePlot's answer straight to series points (see `table_series`)."""
    return table_series(parse_linear_table(text))
