"""Run the configured models over a document's tables and figures, after the vector (or OCR) path.

Each model is optional and runs on every item of its kind in one batched pass per document:
the table-structure model re-reads each table's grid, the vision-language model names each figure's kind,
and the chart model reads the data of raster charts (and, when asked, re-reads vector charts). Readings are
set against the vector ones by `extractors.models.disagreement`; nothing is invented when a model is off.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from extractors.model import FigureItem, TableItem
from extractors.models.chart_data import ChartModelOptions, read_charts
from extractors.models.disagreement import (
    compare_chart_series,
    compare_figure_kind,
    compare_table_grid,
    with_model_series,
)
from extractors.models.figure_description import FigureModelOptions, describe_figures
from extractors.models.table_detection import TableDetectionOptions
from extractors.models.table_structure import TableStructureOptions, recognise_grids
from extractors.types import BBox

CropFn = Callable[[int, BBox], bytes]  # (page, box in points) → PNG of that area


@dataclass(frozen=True)
class ModelSet:
    """Which models run after the vector path; each None when not configured (the default)."""

    table_structure: TableStructureOptions | None = None
    chart: ChartModelOptions | None = None
    figure: FigureModelOptions | None = None
    table_detection: TableDetectionOptions | None = None  # finds tables in raster images (the pipeline runs it per page)

    @classmethod
    def from_env(cls) -> ModelSet:
        """The models the environment configures (PAPERLAKE_TABLE_STRUCTURE_MODEL, PAPERLAKE_CHART_MODEL,
        PAPERLAKE_FIGURE_MODEL, PAPERLAKE_TABLE_DETECTION_MODEL); reads settings only, loads nothing."""
        return cls(table_structure=TableStructureOptions.from_env(), chart=ChartModelOptions.from_env(),
                   figure=FigureModelOptions.from_env(), table_detection=TableDetectionOptions.from_env())

    def names(self) -> list[str]:
        """The configured models as `role:name@revision` (what changes the extraction when it changes)."""
        named = [(self.table_structure, "table-structure"), (self.chart, "chart"), (self.figure, "figure-kind"),
                 (self.table_detection, "table-detection")]
        return [options.model.method(role) for options, role in named if options is not None]

    @property
    def active(self) -> bool:
        return any((self.table_structure, self.chart, self.figure))


@dataclass
class ModelRun:
    """The items after the models, and per page which models read something there."""

    tables: list[TableItem]
    figures: list[FigureItem]
    pages: dict[int, list[str]] = field(default_factory=dict)

    def ran(self, page: int, model: str) -> None:
        names = self.pages.setdefault(page, [])
        if model not in names:
            names.append(model)


def apply_models(tables: Sequence[TableItem], figures: Sequence[FigureItem], crop: CropFn,
                 models: ModelSet) -> ModelRun:
    """Tables and figures re-read by every configured model; disagreements lower confidence (see disagreement)."""
    run = ModelRun(list(tables), list(figures))
    if models.table_structure and run.tables:
        name = models.table_structure.model.method("table-structure")
        grids = recognise_grids([_image(crop(t.page, t.bbox)) for t in run.tables], models.table_structure)
        run.tables = [compare_table_grid(t, g.n_rows, g.n_cols, name) for t, g in zip(run.tables, grids)]
        for t in run.tables:
            run.ran(t.page, name)
    model_kinds: dict[int, str | None] = {}
    if models.figure and run.figures:
        name = models.figure.model.method("figure-kind")
        answers = describe_figures([_figure_image(f, crop) for f in run.figures], models.figure)
        for index, (figure, answer) in enumerate(zip(run.figures, answers)):
            model_kinds[index] = answer.kind
            run.figures[index] = compare_figure_kind(figure, answer.kind, answer.description, name)
            run.ran(figure.page, name)
    if models.chart:
        _read_charts(run, models.chart, model_kinds, crop)
    return run


def _read_charts(run: ModelRun, options: ChartModelOptions, model_kinds: dict[int, str | None],
                 crop: CropFn) -> None:
    """Raster charts get the chart model's series; vector-read charts are checked when `check_vector` is on."""
    name = options.model.method("chart")
    targets = [i for i, f in enumerate(run.figures)
               if (f.kind == "chart" or model_kinds.get(i) == "chart") and (not f.series or options.check_vector)]
    if not targets:
        return
    readings = read_charts([_figure_image(run.figures[i], crop) for i in targets], options)
    for index, reading in zip(targets, readings):
        figure = run.figures[index]
        if figure.series:
            run.figures[index] = compare_chart_series(figure, reading.series, name)
        elif reading.readable:
            run.figures[index] = with_model_series(figure, reading.series, name)
        run.ran(figure.page, name)


def _figure_image(figure: FigureItem, crop: CropFn):  # type: ignore[no-untyped-def]
    return _image(figure.png if figure.png else crop(figure.page, figure.bbox))


def _image(png: bytes):  # type: ignore[no-untyped-def]
    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGB")
