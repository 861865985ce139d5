"""Chart series in review: points as CSV and back, the figure task's series fields, corrections into figure_series."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from paperlake.review.annotations import annotation_to_correction
from paperlake.review.corrections import (
    Correction,
    apply_corrections,
    extraction_hashes,
    validate_correction,
)
from paperlake.review.series_corrections import (
    SERIES_CSV,
    SeriesCsvError,
    SeriesPoint,
    csv_to_points,
    points_to_rows,
    series_changed,
    series_to_csv,
)
from paperlake.review.series_plot import series_plot_png, write_series_plot
from paperlake.review.tasks import figure_content_hash, figure_task
from schemas.dataset import FigureSeriesSchema, empty_frame

DOC = "ab" * 32
CROP = (76.0, 276.0, 324.0, 524.0)
WHEN = "2026-12-06T19:00:00Z"
CONFIG = Path(__file__).resolve().parents[2] / "label_configs" / "figure_review.xml"


def _series(rows: list[tuple], figure_id: str = "f1") -> pd.DataFrame:
    frame = pd.DataFrame([{"figure_id": figure_id, "doc_id": DOC, "series": s, "point": p, "x": x, "y": y,
                           "x_label": "Time (s)", "y_label": "Signal", "y_uncertainty": u}
                          for s, p, x, y, u in rows])
    return frame.astype(empty_frame("figure_series").dtypes.to_dict())


def _two_series() -> pd.DataFrame:
    return _series([("B, cooled", 1, 2.0, 20.5, None), ("A", 0, 0.0, 1.0, None), ("B, cooled", 0, 1.0, 10.0, None),
                    ("A", 1, 1.5, -2.25, None)])


def _figure_row(**changes) -> dict:
    row = {"figure_id": "f1", "doc_id": DOC, "page": 1, "x0": 100.0, "y0": 300.0, "x1": 300.0, "y1": 500.0,
           "label": "Figure 1", "caption": "Signal over time", "figure_kind": "chart",
           "image_path": f"figures/{DOC}/f1.png", "parent_figure_id": None, "confidence": 0.3,
           "method": "vector-figures 0.1", "review_status": "needs_review", "reviewed_by": None,
           "reviewed_at": None, "review_reason": "low", "evidence": "{}"}
    return row | changes


def _frames(series: pd.DataFrame) -> dict[str, pd.DataFrame]:
    other = _series([("other", 0, 5.0, 5.0, None)], figure_id="f2")
    figures = pd.DataFrame([_figure_row(), _figure_row(figure_id="f2", y0=550.0, y1=700.0)])
    return {"tables": empty_frame("tables"), "table_cells": empty_frame("table_cells"),
            "figures": pd.concat([empty_frame("figures"), figures], ignore_index=True).astype(
                empty_frame("figures").dtypes.to_dict()),
            "figure_series": pd.concat([series, other], ignore_index=True)}


def _submitted(task: dict, points: str | None, verdict: str = "accept") -> list[dict]:
    """The prediction as a curator submits it, with the points text replaced (None: the field removed)."""
    result = [dict(item) for item in task["predictions"][0]["result"] if item["from_name"] != SERIES_CSV]
    if points is not None:
        result.append({"id": "pts", "from_name": SERIES_CSV, "to_name": "image", "type": "textarea",
                       "value": {"text": [points]}})
    return result + [{"id": "v", "from_name": "verdict", "to_name": "image", "type": "choices",
                      "value": {"choices": [verdict]}}]


def _correction(task: dict, points: str | None) -> Correction:
    return annotation_to_correction(task["data"], _submitted(task, points), reviewed_by="c@example.com",
                                    reviewed_at=WHEN)


# --- CSV <-> points ------------------------------------------------------------------------------

def test_series_to_csv_orders_points_and_quotes_names():
    text = series_to_csv(_two_series())
    assert text == 'series,x,y\n"B, cooled",1,10\n"B, cooled",2,20.5\nA,0,1\nA,1.5,-2.25'
    assert csv_to_points(text) == (SeriesPoint("B, cooled", 1.0, 10.0), SeriesPoint("B, cooled", 2.0, 20.5),
                                   SeriesPoint("A", 0.0, 1.0), SeriesPoint("A", 1.5, -2.25))
    assert series_to_csv(empty_frame("figure_series")) == "" and series_to_csv(None) == ""


def test_uncertainty_column_only_when_the_chart_has_error_bars():
    text = series_to_csv(_series([("s", 0, 1.0, 2.0, 0.5), ("s", 1, 2.0, 3.0, None)]))
    assert text == "series,x,y,y_uncertainty\ns,1,2,0.5\ns,2,3,"
    assert csv_to_points(text) == (SeriesPoint("s", 1.0, 2.0, 0.5), SeriesPoint("s", 2.0, 3.0, None))


def test_reading_points_forgives_what_a_curator_types():
    text = "\ufeffs,1,2\n\n  s , −3 , 4e2 \nt,5,6,0.1\n"
    assert csv_to_points(text) == (SeriesPoint("s", 1.0, 2.0), SeriesPoint("s", -3.0, 400.0),
                                   SeriesPoint("t", 5.0, 6.0, 0.1))
    assert csv_to_points("") == () and csv_to_points("series,x,y\n") == ()


def test_bad_rows_are_named_in_plain_words():
    text = "series,x,y\ns,1,2\ns,2,3\ns,3,abc\n,4,5\ns,5\ns,nan,1\ns,6,inf"
    with pytest.raises(SeriesCsvError) as raised:
        csv_to_points(text)
    assert raised.value.reasons == [
        "points, row 3: y is not a number ('abc')", "points, row 4: no series name",
        "points, row 5: 2 values, expected 3 (series,x,y)", "points, row 6: x is not a finite number ('nan')",
        "points, row 7: y is not a finite number ('inf')"]
    with pytest.raises(SeriesCsvError, match="header line: expected series,x,y"):
        csv_to_points("series,x,z\ns,1,2")
    with pytest.raises(SeriesCsvError, match="row 1: y_uncertainty is negative"):
        csv_to_points("series,x,y,y_uncertainty\ns,1,2,-0.1")


def test_series_changed_compares_points_not_spelling():
    shown = "series,x,y\ns,1,2"
    assert not series_changed(shown, "series,x,y\ns, 1.0 ,2\n")
    assert series_changed(shown, "series,x,y\ns,1,2.5")
    assert series_changed(shown, "series,x,y\ns,1,oops")


def test_points_become_contract_rows_with_axis_titles_kept():
    original = _series([("A", 0, 0.0, 1.0, None)]).assign(x_label="t", y_label="V")
    rows = points_to_rows([SeriesPoint("A", 0.0, 1.5), SeriesPoint("B", 1.0, 2.0, 0.2), SeriesPoint("A", 1.0, 3.0)],
                          "f1", DOC, original)
    assert rows[["series", "point", "x", "y", "x_label", "y_label"]].values.tolist() == [
        ["A", 0, 0.0, 1.5, "t", "V"], ["B", 0, 1.0, 2.0, "t", "V"], ["A", 1, 1.0, 3.0, "t", "V"]]
    assert rows["y_uncertainty"].isna().tolist() == [True, False, True]
    FigureSeriesSchema.validate(rows)


# --- the figure task -----------------------------------------------------------------------------

def test_figure_task_shows_points_as_an_editable_table():
    task = figure_task(_figure_row(), "data:,", CROP, series=_two_series(), series_plot_ref="data:plot")
    data = task["data"]
    assert data[SERIES_CSV] == series_to_csv(_two_series()) and data["series_plot"] == "data:plot"
    assert data["series_note"].startswith("4 points in 2 series")
    pts = next(item for item in task["predictions"][0]["result"] if item["from_name"] == SERIES_CSV)
    assert pts["type"] == "textarea" and pts["value"] == {"text": [data[SERIES_CSV]]} and "x" not in pts["value"]


def test_figure_without_series_says_so_and_keeps_its_hash():
    task = figure_task(_figure_row(), "data:,", CROP)
    assert task["data"][SERIES_CSV] == "" and task["data"]["series_note"].startswith("No chart series recovered")
    assert all(item["from_name"] != SERIES_CSV for item in task["predictions"][0]["result"])
    assert task["data"]["content_hash"] == figure_content_hash(_figure_row(), empty_frame("figure_series"))
    with_points = figure_content_hash(_figure_row(), _two_series())
    assert with_points != task["data"]["content_hash"]
    assert figure_content_hash(_figure_row(), _two_series().assign(y=7.0)) != with_points


def test_a_panel_sends_curators_to_the_whole_figure_for_its_points():
    panel = figure_task(_figure_row(figure_id="f1-a", parent_figure_id="f1"), "data:,", CROP)
    assert SERIES_CSV not in panel["data"] and "reviewed on that figure's task" in panel["data"]["series_note"]
    typed = _correction(panel, "series,x,y\n(a) x,1,2")
    assert typed.series_csv is None and "series" not in typed.changed, "points stay on the parent figure"


def test_figure_config_shows_points_without_selecting_a_region():
    root = ET.parse(CONFIG).getroot()
    points = next(el for el in root.iter("TextArea") if el.get("name") == SERIES_CSV)
    assert points.get("perRegion") is None and points.get("editable") == "true"
    assert any(el.get("value") == "$series_plot" for el in root.iter("Image"))
    assert any(el.get("value") == "$series_note" for el in root.iter("Text"))


# --- corrections ---------------------------------------------------------------------------------

def test_an_edited_point_is_a_series_correction_applied_to_that_figure_only():
    frames = _frames(_two_series())
    task = figure_task(_figure_row(), "data:,", CROP, series=_two_series())
    edited = task["data"][SERIES_CSV].replace("A,1.5,-2.25", "A,1.5,-3")
    correction = _correction(task, edited)
    assert correction.changed == ("series",) and correction.series_csv == edited
    assert (correction.outcome, correction.edit_distance) == ("accepted_unchanged", 0), \
        "a figure's confidence covers box, kind and caption; its points are scored apart"
    moved = Correction.from_json({**correction.to_json(), "changed": ["box", "series"]})
    assert moved.outcome == "corrected"
    assert validate_correction(correction, frames) == []
    series = apply_corrections(frames, {"f1": correction}, force=True).frames["figure_series"]
    mine = series[series["figure_id"] == "f1"].sort_values(["series", "point"])
    assert mine[["series", "point", "x", "y"]].values.tolist() == [
        ["A", 0, 0.0, 1.0], ["A", 1, 1.5, -3.0], ["B, cooled", 0, 1.0, 10.0], ["B, cooled", 1, 2.0, 20.5]]
    assert set(mine["x_label"]) == {"Time (s)"}
    assert series[series["figure_id"] == "f2"]["y"].tolist() == [5.0], "other figures keep their points"
    FigureSeriesSchema.validate(series)


def test_unchanged_points_are_not_rewritten_and_old_tasks_leave_them_alone():
    task = figure_task(_figure_row(), "data:,", CROP, series=_two_series())
    assert _correction(task, task["data"][SERIES_CSV]).series_csv is None
    old_task = {**task, "data": {k: v for k, v in task["data"].items() if k != SERIES_CSV}}
    assert _correction(old_task, "series,x,y\nA,0,99").series_csv is None


def test_removing_every_point_empties_the_figures_series():
    frames = _frames(_two_series())
    task = figure_task(_figure_row(), "data:,", CROP, series=_two_series())
    correction = _correction(task, None)
    assert correction.series_csv == "" and "series" in correction.changed
    series = apply_corrections(frames, {"f1": correction}, force=True).frames["figure_series"]
    assert series["figure_id"].tolist() == ["f2"]


def test_invalid_points_are_refused_with_the_row_named():
    frames = _frames(_two_series())
    task = figure_task(_figure_row(), "data:,", CROP, series=_two_series())
    correction = _correction(task, task["data"][SERIES_CSV].replace("A,0,1", "A,0,one"))
    assert validate_correction(correction, frames) == ["points, row 3: y is not a number ('one')"]


def test_a_stored_series_correction_holds_while_the_extraction_is_unchanged():
    frames = _frames(_two_series())
    task = figure_task(_figure_row(), "data:,", CROP, series=_two_series())
    correction = _correction(task, "series,x,y\nA,0,42")
    correction = Correction.from_json({**correction.to_json(), "extraction_hash": extraction_hashes(frames)["f1"]})
    assert Correction.from_json(correction.to_json()) == correction
    overlay = apply_corrections(frames, {"f1": correction})
    assert overlay.outcomes == {"f1": "applied"}
    changed = {**frames, "figure_series": frames["figure_series"].assign(y=frames["figure_series"]["y"] + 1)}
    assert apply_corrections(changed, {"f1": correction}).outcomes == {"f1": "reopened"}


# --- the re-plot ---------------------------------------------------------------------------------

def test_series_plot_is_a_png_and_is_reused(tmp_path):
    png = series_plot_png(_two_series())
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    assert series_plot_png(None).startswith(b"\x89PNG")
    path = write_series_plot(_two_series(), "f1", tmp_path)
    stamp = path.stat().st_mtime_ns
    assert write_series_plot(_two_series(), "f1", tmp_path) == path and path.stat().st_mtime_ns == stamp
    assert write_series_plot(_two_series().assign(y=1.0), "f1", tmp_path) != path
    assert write_series_plot(_two_series().assign(y_label="Current"), "f1", tmp_path) != path


def test_figures_without_series_share_one_plot_drawn_once(tmp_path):
    first = write_series_plot(None, "f1", tmp_path)
    stamp = first.stat().st_mtime_ns
    assert write_series_plot(None, "f2", tmp_path) == first and first.stat().st_mtime_ns == stamp
    assert write_series_plot(_two_series(), "f3", tmp_path) != first
