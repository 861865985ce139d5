"""Chart series in review: a figure's `figure_series` rows as editable CSV text and back. Pure, no I/O.

A figure task shows the points recovered from a chart as CSV, one line per point under a header line:
`series,x,y`, plus a `y_uncertainty` column when the chart has error bars. A curator edits that text; the
edited text is parsed here (a plain-words reason per bad line, e.g. `points, row 3: y is not a number`),
and becomes the figure's rows of `figure_series` (points numbered from 0 in the order of the lines, axis
titles kept from the extracted series of the same name).
"""
from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

SERIES_CSV = "series_csv"
"""Name of the figure task's field (and TextArea) that holds the points as CSV."""
REQUIRED_COLUMNS = ("series", "x", "y")
UNCERTAINTY = "y_uncertainty"
SERIES_COLUMNS = ("figure_id", "doc_id", "series", "point", "x", "y", "x_label", "y_label", UNCERTAINTY)
"""The contract's figure_series columns, in order."""
_DIGITS = 6  # significant digits shown: a chart is read to 3-4 digits at best


@dataclass(frozen=True)
class SeriesPoint:
    """One point of one series as a curator left it."""

    series: str
    x: float
    y: float
    y_uncertainty: float | None = None


class SeriesCsvError(ValueError):
    """Points text that cannot be read; `reasons` says what is wrong on which row, in plain words."""

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons = list(reasons)
        super().__init__("; ".join(self.reasons))


def series_to_csv(series_rows: pd.DataFrame) -> str:
    """A figure's figure_series rows as CSV text (header line first), ordered by series, then point.

    The y_uncertainty column is written only when some point has one. No rows give "".
    """
    if series_rows is None or series_rows.empty:
        return ""
    order = {name: rank for rank, name in enumerate(dict.fromkeys(str(s) for s in series_rows["series"]))}
    rows = series_rows.assign(_order=series_rows["series"].astype(str).map(order)).sort_values(
        ["_order", "point"], kind="stable")
    uncertain = UNCERTAINTY in rows and rows[UNCERTAINTY].notna().any()
    header = [*REQUIRED_COLUMNS, UNCERTAINTY] if uncertain else list(REQUIRED_COLUMNS)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    # the needed columns alone (the values itertuples gives): itertuples over every column, a named tuple
    # class made each call, took 13-20 ms a figure, most of the review queue's 2 x 116 calls on realdev
    uncertainties = rows[UNCERTAINTY] if uncertain else [None] * len(rows)
    for series, x, y, uncertainty in zip(rows["series"], rows["x"], rows["y"], uncertainties):
        line = [str(series), _number(x), _number(y)]
        if uncertain:
            line.append("" if pd.isna(uncertainty) else _number(uncertainty))
        writer.writerow(line)
    return buffer.getvalue().removesuffix("\n")


def csv_to_points(text: str) -> tuple[SeriesPoint, ...]:
    """Parse points text (as series_to_csv writes it, or as a curator edited it).

    The header line is optional (without one, columns are series,x,y, and y_uncertainty where a line has a
    fourth value); blank lines are skipped; "−" counts as a minus sign. Rows are numbered from 1 below the
    header. Raises SeriesCsvError listing every bad row; empty text gives no points (the figure has no series).
    """
    lines = [row for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if any(cell.strip() for cell in row)]
    if not lines:
        return ()
    columns = list(REQUIRED_COLUMNS)
    first = [cell.strip().lower() for cell in lines[0]]
    if first and first[0] == "series":
        unknown = [name for name in first if name not in (*REQUIRED_COLUMNS, UNCERTAINTY)]
        missing = [name for name in REQUIRED_COLUMNS if name not in first]
        if unknown or missing:
            reason = f"points, header line: expected series,x,y (and optionally y_uncertainty), got {','.join(first)}"
            raise SeriesCsvError([reason])
        columns, lines = first, lines[1:]
    elif any(len(row) == len(REQUIRED_COLUMNS) + 1 for row in lines):
        columns = [*REQUIRED_COLUMNS, UNCERTAINTY]
    points, reasons = [], []
    for number, cells in enumerate(lines, start=1):
        point, problems = _point(cells, columns)
        reasons += [f"points, row {number}: {problem}" for problem in problems]
        if point is not None:
            points.append(point)
    if reasons:
        raise SeriesCsvError(reasons)
    return tuple(points)


def series_problems(text: str) -> list[str]:
    """Why points text cannot be read (empty when it can)."""
    try:
        csv_to_points(text)
    except SeriesCsvError as exc:
        return exc.reasons
    return []


def series_changed(shown: str, edited: str) -> bool:
    """Whether the curator's points differ from those the task showed (unreadable text counts as a change)."""
    try:
        return csv_to_points(edited) != csv_to_points(shown)
    except SeriesCsvError:
        return True


def points_to_rows(points: Sequence[SeriesPoint], figure_id: str, doc_id: str,
                   original: pd.DataFrame | None = None) -> pd.DataFrame:
    """figure_series rows for a figure's corrected points: numbered from 0 per series in the given order.

    Axis titles come from the figure's extracted rows of the same series, else from its first extracted row
    (a series the curator added or renamed sits on the same axes), else stay null.
    """
    labels: dict[str, tuple[object, object]] = {}
    fallback: tuple[object, object] = (None, None)
    if original is not None and not original.empty:
        for name, x_label, y_label in zip(original["series"], original["x_label"], original["y_label"]):
            labels.setdefault(str(name), (_label(x_label), _label(y_label)))
        fallback = next(iter(labels.values()))
    counts: dict[str, int] = {}
    rows = []
    for point in points:
        index = counts.get(point.series, 0)
        counts[point.series] = index + 1
        x_label, y_label = labels.get(point.series, fallback)
        rows.append({"figure_id": figure_id, "doc_id": doc_id, "series": point.series, "point": index,
                     "x": point.x, "y": point.y, "x_label": x_label, "y_label": y_label,
                     UNCERTAINTY: point.y_uncertainty})
    frame = pd.DataFrame(rows, columns=list(SERIES_COLUMNS))
    return frame.astype({"point": "int64", "x": "float64", "y": "float64", UNCERTAINTY: "float64"})


def series_note(series_rows: pd.DataFrame | None, parent_figure_id: str = "") -> str:
    """The line a figure task shows above its points: how many were recovered, that none were, or (for a panel
    of a figure made of panels) where they are reviewed."""
    if parent_figure_id:
        return (f"A panel of figure {parent_figure_id}: its points are reviewed on that figure's task (series "
                f"named by the panel letter, e.g. '(a) ...'). Leave this table empty.")
    if series_rows is None or series_rows.empty:
        return ("No chart series recovered from this figure. If it is a chart, type its points below, one "
                "line per point: series,x,y")
    n_series = series_rows["series"].nunique()
    return (f"{len(series_rows)} points in {n_series} series recovered from the chart, re-plotted beside the "
            f"crop. Correct them below, one line per point (series,x,y); rows are numbered from 1 under the "
            f"header line.")


def _point(cells: Sequence[str], columns: Sequence[str]) -> tuple[SeriesPoint | None, list[str]]:
    values = [cell.strip() for cell in cells]
    while len(values) > len(columns) and not values[-1]:
        values.pop()
    if len(values) != len(columns) and not (len(values) == len(columns) - 1 and columns[-1] == UNCERTAINTY):
        return None, [f"{len(values)} values, expected {len(columns)} ({','.join(columns)})"]
    fields = dict(zip(columns, values))
    problems = []
    if not fields["series"]:
        problems.append("no series name")
    numbers: dict[str, float | None] = {}
    for name in ("x", "y", UNCERTAINTY):
        if name not in fields or (name == UNCERTAINTY and not fields[name]):
            numbers[name] = None
            continue
        number, problem = _parse_number(name, fields[name])
        numbers[name] = number
        if problem:
            problems.append(problem)
    spread = numbers[UNCERTAINTY]
    if spread is not None and spread < 0:
        problems.append("y_uncertainty is negative")
    if problems:
        return None, problems
    return SeriesPoint(fields["series"], numbers["x"], numbers["y"], spread), []  # type: ignore[arg-type]


def _parse_number(name: str, text: str) -> tuple[float | None, str]:
    if not text:
        return None, f"{name} is empty"
    try:
        value = float(text.replace("\u2212", "-"))
    except ValueError:
        return None, f"{name} is not a number ({text!r})"
    if not math.isfinite(value):
        return None, f"{name} is not a finite number ({text!r})"
    return value, ""


def _number(value: object) -> str:
    return f"{float(value):.{_DIGITS}g}"  # type: ignore[arg-type]


def _label(value: object) -> object:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def series_by_figure(series: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    """figure_id -> that figure's figure_series rows."""
    if series is None or series.empty:
        return {}
    return {str(key): group for key, group in series.groupby("figure_id", sort=False)}


def replace_series(series: pd.DataFrame, corrected: dict[tuple[str, str], str]) -> pd.DataFrame:
    """figure_series with the points of corrected figures ((figure_id, doc_id) -> points CSV) replaced.

    Text that cannot be read leaves the figure's extracted points (a stored correction was validated, so
    this only guards against a hand-edited file)."""
    readable = {key: text for key, text in corrected.items() if not series_problems(text)}
    if not readable:
        return series
    keys = list(zip(series["figure_id"].astype(str), series["doc_id"].astype(str)))
    keep = pd.Series([key not in readable for key in keys], index=series.index, dtype=bool)
    new = [points_to_rows(csv_to_points(text), figure_id, doc_id, series[~keep & (series["figure_id"] == figure_id)])
           for (figure_id, doc_id), text in readable.items()]
    new = [frame.astype({c: series[c].dtype for c in frame.columns if c in series}, errors="ignore")
           for frame in new]
    columns = list(series.columns) if len(series.columns) else list(SERIES_COLUMNS)
    return pd.concat([series[keep], *new], ignore_index=True).reindex(columns=columns)
