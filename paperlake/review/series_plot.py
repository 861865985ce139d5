"""The re-plot a figure task shows beside its crop: the recovered chart series drawn again with matplotlib.

A curator compares it with the crop to see at a glance which points were read wrong; each point carries its
row number in the task's points table (when there are few enough to label). A figure with no series gets a
plot that says so. The PNG is written next to the page crops, named by the figure and a hash of its points,
so a re-run reuses it.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd

from paperlake.review.series_corrections import csv_to_points, series_to_csv
from paperlake.store import atomic_write_bytes

SIZE_INCHES = (4.8, 3.6)
DPI = 100
NO_SERIES_PNG = "no-series.png"
LABELLED_POINTS = 40
"""Up to this many points, each is labelled with its row number in the points table."""


def series_plot_png(series_rows: pd.DataFrame | None) -> bytes:
    """The figure's series (figure_series rows) drawn as a line chart per series, as PNG bytes."""
    from matplotlib.figure import Figure  # loads in about a second: only figure tasks pay for it

    figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
    axes = figure.add_subplot()
    text = series_to_csv(series_rows) if series_rows is not None else ""
    points = csv_to_points(text) if text else ()
    if not points:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "no chart series recovered", ha="center", va="center", fontsize=12, color="0.4")
    else:
        names = list(dict.fromkeys(p.series for p in points))
        for name in names:
            mine = [p for p in points if p.series == name]
            axes.plot([p.x for p in mine], [p.y for p in mine], marker="o", markersize=3, linewidth=1, label=name)
        if len(points) <= LABELLED_POINTS:
            for row, point in enumerate(points, start=1):
                axes.annotate(str(row), (point.x, point.y), textcoords="offset points", xytext=(3, 3), fontsize=7)
        labels = series_rows.iloc[0]
        axes.set_xlabel(_label(labels.get("x_label")) or "x")
        axes.set_ylabel(_label(labels.get("y_label")) or "y")
        axes.grid(True, linewidth=0.3)
        axes.legend(fontsize=7)
        axes.set_title("recovered series (numbers = rows of the table)", fontsize=8)
    figure.subplots_adjust(left=0.14, right=0.97, bottom=0.13, top=0.92)  # fixed: tight_layout doubled the time
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})  # a screen image, read once
    return buffer.getvalue()


def write_series_plot(series_rows: pd.DataFrame | None, figure_id: str, out_dir: Path) -> Path:
    """The series plot of a figure as a PNG file in out_dir (kept when one of the same points and axis titles
    exists; one shared file for every figure without series)."""
    out = series_plot_path(series_rows, figure_id, out_dir)
    if not out.is_file():
        atomic_write_bytes(out, series_plot_png(series_rows), mode=0o644)
    return out


def series_plot_path(series_rows: pd.DataFrame | None, figure_id: str, out_dir: Path) -> Path:
    """The file a figure's series plot has: named by the figure and a hash of the points and axis titles it
    shows, so a plot of the same series is found again (one shared file for every figure without series)."""
    shown = series_to_csv(series_rows) if series_rows is not None else ""
    if shown:
        first = series_rows.iloc[0]  # type: ignore[union-attr]  # shown is "" when there are no rows
        shown += f"\n{_label(first.get('x_label'))}\n{_label(first.get('y_label'))}"
    tag = hashlib.sha256(shown.encode("utf-8")).hexdigest()[:8]
    # every figure without series shows the same plot: one file, drawn once (most figures are not charts)
    return Path(out_dir) / (f"{figure_id}-series-{tag}.png" if shown else NO_SERIES_PNG)


def _label(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
