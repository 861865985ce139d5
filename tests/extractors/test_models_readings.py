"""Pure post-processing of model answers and the vector-vs-model comparison (no torch needed).

DePlot's linearised tables → series, Table Transformer structure boxes → grid size, a VLM answer → figure
kind, disagreement → lower confidence with both readings, routing of a disagreement to review, and the
run summary's pages-per-path counts.
"""
from __future__ import annotations

import json

import pandas as pd
import pytest

from extractors.model import FigureItem, SeriesPoint, TableItem
from extractors.models.chart_data import ChartModelOptions
from extractors.models.deplot_table import parse_linear_table, parse_series, table_series
from extractors.models.disagreement import (
    DISAGREEMENT,
    compare_chart_series,
    compare_figure_kind,
    compare_table_grid,
    series_error,
    with_model_series,
)
from extractors.models.figure_description import description_of, figure_kind_of
from extractors.models.second_opinion import ModelSet
from extractors.models.table_structure import grid_from_boxes
from paperlake.pipeline.routing import route_items
from paperlake.pipeline.summary import page_path_counts, page_path_lines

DEPLOT = "TITLE | Capacity retention <0x0A> Cycle | LFP | NMC <0x0A> 0 | 100 | 100 <0x0A> 100 | 97.5 | 93 <0x0A> 200 | 95.1 | −86.2"


def test_deplot_table_with_title_header_and_numbers() -> None:
    table = parse_linear_table(DEPLOT)
    assert table.title == "Capacity retention"
    assert table.header == ("Cycle", "LFP", "NMC")
    assert table.rows[2] == ("200", "95.1", "−86.2")
    points = table_series(table)
    assert [(p.series, p.point, p.x, p.y) for p in points if p.series == "NMC"] == [
        ("NMC", 0, 0.0, 100.0), ("NMC", 1, 100.0, 93.0), ("NMC", 2, 200.0, -86.2)]
    assert len(points) == 6


def test_deplot_categories_newlines_units_and_gaps() -> None:
    text = "Method | Accuracy (%)\nk-NN | 71.2%\nBERT | 1,204\nSVM | n/a\nGAT |"
    points = parse_series(text)
    assert parse_linear_table(text).title is None
    # categorical x: positions; a cell without a number is skipped, never guessed
    assert [(p.x, p.y) for p in points] == [(0.0, 71.2), (1.0, 1204.0)]
    assert [p.point for p in points] == [0, 1]


@pytest.mark.parametrize("text", ["", "TITLE | only a title", "x | y", "no table at all"])
def test_deplot_answers_without_data_give_no_series(text: str) -> None:
    assert parse_series(text) == []


def test_structure_boxes_count_rows_and_columns() -> None:
    id2label = {0: "table", 1: "table column", 2: "table row", 3: "table column header"}
    result = {
        "scores": [0.9, 0.8, 0.85, 0.95, 0.3, 0.9, 0.7, 0.9],
        "labels": [2, 2, 2, 1, 1, 1, 2, 0],
        "boxes": [[0, 0, 100, 10], [0, 10, 100, 20], [0, 11, 100, 19],  # third row duplicates the second
                  [0, 0, 50, 30], [50, 0, 100, 30], [50, 0, 100, 30], [0, 20, 100, 30], [0, 0, 100, 30]],
    }
    grid = grid_from_boxes(result, id2label, threshold=0.5)
    assert (grid.n_rows, grid.n_cols) == (3, 2)
    assert grid.score == pytest.approx((0.9 + 0.85 + 0.7 + 0.95 + 0.9) / 5, abs=1e-4)


@pytest.mark.parametrize(("answer", "kind"), [
    ("Chart. A line plot of capacity against cycle number.", "chart"),
    ("image: a micrograph of a tumour section", "image"),
    ("This is a schematic diagram of the setup", "diagram"),
    ("A bar chart on top of a photo", "chart"),
    ("I cannot tell.", None),
])
def test_figure_kind_from_a_free_text_answer(answer: str, kind: str | None) -> None:
    assert figure_kind_of(answer) == kind


def test_description_drops_the_kind_word() -> None:
    assert description_of("Chart. A line plot of capacity.") == "A line plot of capacity."


def _table(n_rows: int = 4, n_cols: int = 3) -> TableItem:
    return TableItem(page=2, bbox=(10, 10, 200, 100), cells=(), n_rows=n_rows, n_cols=n_cols, n_header_rows=1,
                     confidence=0.9, method="vector/1", evidence=(("rules", 1.0),))


def _chart(ys: list[float]) -> FigureItem:
    series = tuple(SeriesPoint("a", i, float(i), y) for i, y in enumerate(ys))
    return FigureItem(page=3, bbox=(0, 0, 100, 100), kind="chart", confidence=0.8, method="vector/1", series=series)


def test_table_grid_agreement_keeps_confidence() -> None:
    checked = compare_table_grid(_table(), 4, 3, "table-structure:tatr@abc")
    assert checked.confidence == 0.9
    assert dict(checked.evidence) == {"rules": 1.0, "vector_grid": "4x3", "model_grid": "4x3",
                                      "grid_model": "table-structure:tatr@abc"}


def test_table_grid_disagreement_lowers_confidence_and_names_both_readings() -> None:
    checked = compare_table_grid(_table(), 5, 3, "table-structure:tatr@abc")
    assert checked.confidence == pytest.approx(0.45)
    evidence = dict(checked.evidence)
    assert evidence["vector_grid"] == "4x3" and evidence["model_grid"] == "5x3"
    assert evidence[DISAGREEMENT] == "grid: vector 4x3, table-structure:tatr@abc 5x3"


def test_figure_kind_disagreement_accumulates_with_series_disagreement() -> None:
    figure = compare_figure_kind(_chart([1, 2, 3]), "image", "a photo", "figure-kind:vlm@local")
    assert figure.confidence == pytest.approx(0.4)
    model = [SeriesPoint("a", i, float(i), y) for i, y in enumerate([1, 2, 9])]
    figure = compare_chart_series(figure, model, "chart:deplot@abc")
    evidence = dict(figure.evidence)
    assert figure.confidence == pytest.approx(0.2)
    assert evidence["model_kind"] == "image" and evidence["model_description"] == "a photo"
    assert evidence[DISAGREEMENT].startswith("kind: vector chart, figure-kind:vlm@local image; series: vector 1 series")
    assert evidence["model_series_error"] == pytest.approx(1.0)  # mean |Δy| 2 over a y range of 2


def test_chart_series_agreement_within_tolerance() -> None:
    model = [SeriesPoint("LFP", i, float(i), y) for i, y in enumerate([10.2, 20.1, 29.8])]
    assert series_error(_chart([10, 20, 30]).series, model) == pytest.approx(0.5 / 3 / 20)
    checked = compare_chart_series(_chart([10, 20, 30]), model, "chart:deplot@abc")
    assert checked.confidence == 0.8 and DISAGREEMENT not in dict(checked.evidence)
    assert series_error(_chart([1, 2]).series, model) is None  # different shape: no error, a disagreement
    assert DISAGREEMENT in dict(compare_chart_series(_chart([1, 2]), model, "chart:deplot@abc").evidence)


def test_raster_chart_takes_the_model_series_and_names_the_model() -> None:
    raster = FigureItem(page=1, bbox=(0, 0, 9, 9), kind="chart", confidence=0.5, method="vector/1")
    read = with_model_series(raster, parse_series(DEPLOT), "chart:deplot@abc")
    assert len(read.series) == 6 and read.method == "vector/1+chart:deplot@abc"
    assert dict(read.evidence)["series_model"] == "chart:deplot@abc"


def test_routing_sends_a_disagreement_to_review_with_both_readings() -> None:
    agree = compare_table_grid(_table(), 4, 3, "m")
    differ = compare_table_grid(_table(), 6, 3, "m")
    tables = pd.DataFrame({
        "table_id": ["t1", "t2"], "confidence": [agree.confidence, 0.95],
        "evidence": [json.dumps(dict(agree.evidence)), json.dumps(dict(differ.evidence))],
        "review_status": pd.Series(["needs_review"] * 2, dtype="string"),
        "review_reason": pd.Series([None, None], dtype="string"),
    })
    figures = pd.DataFrame({"figure_id": pd.Series([], dtype="string"), "confidence": pd.Series([], dtype=float),
                            "evidence": pd.Series([], dtype="string"),
                            "review_status": pd.Series([], dtype="string"), "review_reason": pd.Series([], dtype="string")})
    routed = route_items({"tables": tables, "figures": figures}, {}, threshold=0.6)["tables"]
    assert list(routed["review_status"]) == ["auto_accepted", "needs_review"]
    assert routed["review_reason"].iloc[1] == "vector and model readings differ: grid: vector 4x3, m 6x3"


def test_model_settings_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PAPERLAKE_TABLE_STRUCTURE_MODEL", "PAPERLAKE_CHART_MODEL", "PAPERLAKE_FIGURE_MODEL"):
        monkeypatch.delenv(name, raising=False)
    assert not ModelSet.from_env().active and ModelSet.from_env().names() == []
    monkeypatch.setenv("PAPERLAKE_CHART_MODEL", "default")
    with pytest.raises(ValueError, match="PAPERLAKE_CHART_MODEL: hub model 'default' needs a pinned revision"):
        ChartModelOptions.from_env()
    monkeypatch.setenv("PAPERLAKE_CHART_MODEL_REVISION", "0123456789abcdef")
    monkeypatch.setenv("PAPERLAKE_CHART_MODEL_BATCH_SIZE", "8")
    monkeypatch.setenv("PAPERLAKE_CHART_MODEL_CHECK_VECTOR", "1")
    chart = ChartModelOptions.from_env()
    assert chart is not None and chart.model.source == "google/deplot" and chart.model.batch_size == 8
    assert chart.check_vector
    assert ModelSet.from_env().names() == ["chart:google/deplot@0123456789ab"]


def test_summary_counts_pages_per_path() -> None:
    counts = page_path_counts([["vector", "vector + chart:deplot@abc"], ["ocr (no text)", "ocr (no text)"]])
    assert counts == {"vector": 2, "chart:deplot@abc": 1, "ocr (no text)": 2}
    assert page_path_lines(counts) == ["pages read by  ocr (no text) 2, vector 2, chart:deplot@abc 1"]
    assert page_path_lines({}) == []
