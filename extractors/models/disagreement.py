"""Pure comparison of the vector reading of an item with a model's reading of the same pixels.

Where they agree the item keeps its confidence and gains the model's agreement as evidence; where they
differ its confidence drops (× DISAGREEMENT_FACTOR) and its evidence carries both readings and a
`disagreement` line, which `paperlake.pipeline.routing` turns into a review reason: the curator sees both.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TypeVar

from extractors.model import FigureItem, SeriesPoint, TableItem

DISAGREEMENT_FACTOR = 0.5  # confidence kept when the model reads the item differently
MAX_SERIES_ERROR = 0.1  # mean |Δy| over the chart's y range above this: the readings differ
DISAGREEMENT = "disagreement"  # evidence key routing looks for

Item = TypeVar("Item", TableItem, FigureItem)


def with_disagreement(item: Item, reason: str, evidence: Sequence[tuple[str, float | str]]) -> Item:
    """The item with lower confidence and both readings in its evidence; reasons accumulate."""
    previous = dict(item.evidence).get(DISAGREEMENT)
    reason = f"{previous}; {reason}" if previous else reason
    kept = tuple((k, v) for k, v in item.evidence if k != DISAGREEMENT)
    return dataclasses.replace(item, confidence=round(item.confidence * DISAGREEMENT_FACTOR, 4),
                               evidence=kept + tuple(evidence) + ((DISAGREEMENT, reason),))


def with_agreement(item: Item, evidence: Sequence[tuple[str, float | str]]) -> Item:
    """The item with the model's (agreeing) reading added to its evidence."""
    return dataclasses.replace(item, evidence=item.evidence + tuple(evidence))


def compare_table_grid(table: TableItem, n_rows: int, n_cols: int, model: str) -> TableItem:
    """A table checked against a structure model's row and column count."""
    vector, read = f"{table.n_rows}x{table.n_cols}", f"{n_rows}x{n_cols}"
    evidence = (("vector_grid", vector), ("model_grid", read), ("grid_model", model))
    if (n_rows, n_cols) == (table.n_rows, table.n_cols):
        return with_agreement(table, evidence)
    return with_disagreement(table, f"grid: vector {vector}, {model} {read}", evidence)


def compare_figure_kind(figure: FigureItem, model_kind: str | None, description: str, model: str) -> FigureItem:
    """A figure checked against the kind a vision-language model names; its description joins the evidence.

    A panel parent (`multi`) is not compared: the model sees one picture, not its panel structure.
    """
    evidence = (("model_kind", model_kind or "none"), ("model_description", description), ("kind_model", model))
    if model_kind is None or figure.kind in ("multi", "other") or model_kind == figure.kind:
        return with_agreement(figure, evidence)
    return with_disagreement(figure, f"kind: vector {figure.kind}, {model} {model_kind}", evidence)


def series_error(vector: Sequence[SeriesPoint], model: Sequence[SeriesPoint]) -> float | None:
    """Mean |Δy| between two readings of a chart, over the vector y range; None when they share no shape.

    Series are paired in order and points by position; differing series or point counts give None.
    """
    def grouped(points: Sequence[SeriesPoint]) -> list[list[float]]:
        groups: dict[str, list[float]] = {}
        for p in points:
            groups.setdefault(p.series, []).append(p.y)
        return list(groups.values())

    a, b = grouped(vector), grouped(model)
    if not a or len(a) != len(b) or any(len(x) != len(y) for x, y in zip(a, b)):
        return None
    ys = [y for ys in a for y in ys]
    span = (max(ys) - min(ys)) or max(abs(v) for v in ys) or 1.0
    diffs = [abs(p - q) for x, y in zip(a, b) for p, q in zip(x, y)]
    return sum(diffs) / len(diffs) / span


def compare_chart_series(figure: FigureItem, model_series: Sequence[SeriesPoint], model: str) -> FigureItem:
    """A chart whose data the vector path read, checked against a chart model's series."""
    n_series = len({p.series for p in model_series})
    evidence: list[tuple[str, float | str]] = [("model_series", float(n_series)),
                                               ("model_points", float(len(model_series))), ("series_model", model)]
    error = series_error(figure.series, model_series)
    if error is not None:
        evidence.append(("model_series_error", round(error, 4)))
    if error is not None and error <= MAX_SERIES_ERROR:
        return with_agreement(figure, evidence)
    vector = f"{len({p.series for p in figure.series})} series / {len(figure.series)} points"
    read = f"{n_series} series / {len(model_series)} points"
    detail = f", mean |Δy| {error:.0%} of the y range" if error is not None else ""
    return with_disagreement(figure, f"series: vector {vector}, {model} {read}{detail}", evidence)


def with_model_series(figure: FigureItem, model_series: Sequence[SeriesPoint], model: str) -> FigureItem:
    """A raster chart given the series a chart model read: the model named in `method`, nothing else to check."""
    return dataclasses.replace(figure, series=tuple(model_series), method=f"{figure.method}+{model}",
                               evidence=figure.evidence + (("series_model", model),
                                                           ("model_points", float(len(model_series)))))
