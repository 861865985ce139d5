"""Chart data recovery on the LaTeX-typeset figure papers (benchmarks/papers/figures, PDFs committed)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.charts.ticks import TickLabel, calibrate_axis, parse_tick
from extractors.pipeline import extract_document

PAPERS = Path(__file__).resolve().parents[2] / "benchmarks" / "papers" / "figures"
NAMES = ("figs_onecol", "figs_twocol", "figs_sidecap", "figs_wide", "figs_matplotlib")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pdfs"


@pytest.mark.parametrize("text,sup,value", [
    ("0.5", "", 0.5), ("\u22122", "", -2.0), ("1e-3", "", 1e-3), ("40%", "", 40.0),
    ("103", "3", 1000.0), ("10\u22121", "\u22121", 0.1), ("2\u00d7104", "4", 2e4), ("10^3", "", 1000.0),
    ("10\u00b3", "", 1000.0), ("Baseline", "", None),
])
def test_parse_tick(text: str, sup: str, value: float | None) -> None:
    assert parse_tick(text, sup) == (pytest.approx(value) if value is not None else None)


def test_calibrate_linear_log_and_category() -> None:
    lin = calibrate_axis([TickLabel(100 + 10 * k, str(k), float(k)) for k in range(5)])
    assert lin is not None and lin.scale == "linear" and lin.to_data(125) == pytest.approx(2.5)
    log = calibrate_axis([TickLabel(200 - 30 * k, f"10{k}", 10.0 ** k) for k in range(4)])
    assert log is not None and log.scale == "log" and log.to_data(155) == pytest.approx(10 ** 1.5)
    cat = calibrate_axis([TickLabel(50, "A", None), TickLabel(90, "B", None)], ticks=(50.0, 90.0, 130.0))
    assert cat is not None and cat.scale == "category" and cat.to_data(110) == pytest.approx(1.5)


def _truth(name: str) -> list[dict]:
    return json.loads((PAPERS / f"{name}.truth.json").read_text())["figures"]


@pytest.fixture(scope="module")
def extracted() -> dict:
    return {name: extract_document(PAPERS / f"{name}.pdf") for name in NAMES}


def _by_label(extraction, label):  # type: ignore[no-untyped-def]
    return next(f for f in extraction.figures if f.label == label)


@pytest.mark.parametrize("name", NAMES)
def test_kinds_pages_and_captions(extracted: dict, name: str) -> None:
    for truth in _truth(name):
        if truth["label"] is None:
            continue
        fig = _by_label(extracted[name], truth["label"])
        assert fig.kind == truth["kind"], truth["label"]
        assert fig.page == truth["page"]
        assert fig.caption == truth["caption"], truth["label"]


def _series_name(truth: dict, ts: dict) -> str:
    """The name the extractor gives a truth series: its legend name, or `series N` (N: its place among the
    series of its panel) when it has none; a panel's series carry the panel's letter first."""
    panel = ts.get("panel", "")
    if ts["name"]:
        return f"{panel} {ts['name']}".strip()
    place = [t for t in truth["series"] if t.get("panel", "") == panel].index(ts) + 1
    return f"{panel} series {place}".strip()


@pytest.mark.parametrize("name", NAMES)
def test_series_points_within_one_percent(extracted: dict, name: str) -> None:
    """Every truth series under its own name, with exactly its points (each within 1 % of the axis range,
    and its error bar where it has one), and no other series."""
    for truth in _truth(name):
        if not truth.get("series"):
            continue
        fig = _by_label(extracted[name], truth["label"])
        assert {p.series for p in fig.series} == {_series_name(truth, ts) for ts in truth["series"]}, truth["label"]
        for ts in truth["series"]:
            xr = ts.get("x_range") or truth["x_range"]
            yr = ts.get("y_range") or truth["y_range"]
            want = _series_name(truth, ts)
            pts = sorted((p for p in fig.series if p.series == want), key=lambda p: (p.x, p.y))
            expected = sorted(zip(ts["x"], ts["y"], ts.get("y_err") or [None] * len(ts["x"])))
            assert len(pts) == len(expected), (truth["label"], want)
            x_tol = 0.5 if ts.get("x_categories") else 0.01 * (xr[1] - xr[0])
            y_tol = 0.01 * (yr[1] - yr[0])
            for k, (p, (x, y, err)) in enumerate(zip(pts, expected)):
                assert p.x == pytest.approx(x, abs=x_tol) and p.y == pytest.approx(y, abs=y_tol), \
                    (truth["label"], want, k, (p.x, p.y), (x, y))
                if err is not None:
                    assert p.uncertainty == pytest.approx(err, abs=y_tol), (truth["label"], want, k)


def test_axis_titles_and_log_axis(extracted: dict) -> None:
    line = _by_label(extracted["figs_onecol"], "Figure 1")
    assert line.x_label == "Temperature (K)" and line.y_label.startswith("Resistivity")
    log = _by_label(extracted["figs_onecol"], "Figure 3")
    assert dict(log.evidence)["chart_y_log"] == 1.0
    assert any(k.startswith("series_confidence:") for k, _ in log.evidence)


def test_multi_panel_figure_is_one_item_with_its_panels_in_evidence(extracted: dict) -> None:
    """Each figure once: the panels of a subfigure figure are not items of their own; their boxes, kinds
    and subcaptions are in the parent's evidence and their series carry the panel letter."""
    figures = extracted["figs_twocol"].figures
    parent = next(f for f in figures if f.label == "Figure 3")
    assert parent.kind == "multi"
    assert not any(f.parent is not None for f in figures)
    evidence = dict(parent.evidence)
    assert evidence["panel (a)"].endswith("chart | (a) Training and validation loss")
    assert evidence["panel (b)"].endswith("chart | (b) Test accuracy")
    assert {p.series for p in parent.series} == {"(a) Train", "(a) Valid", "(b) series 1"}


def test_horizontal_bars_read_as_category_and_value(extracted: dict) -> None:
    """Bars running left to right: x is the category slot (counted up the y axis), y the bar's length,
    the horizontal whiskers its uncertainty, and the x label the category axis's (none here)."""
    fig = _by_label(extracted["figs_wide"], "Figure 4")
    assert dict(fig.evidence)["chart_bars_horizontal"] == 1.0
    before = sorted((p.x, p.y, p.uncertainty) for p in fig.series if p.series == "Before")
    assert before == [(0.0, pytest.approx(42.0, abs=0.8), pytest.approx(3.0, abs=0.8)),
                      (1.0, pytest.approx(17.5, abs=0.8), pytest.approx(1.5, abs=0.8)),
                      (2.0, pytest.approx(63.0, abs=0.8), pytest.approx(4.0, abs=0.8)),
                      (3.0, pytest.approx(28.5, abs=0.8), pytest.approx(2.0, abs=0.8))]
    assert fig.y_label == "Run time (ms)"


def test_scientific_notation_ticks(extracted: dict) -> None:
    fig = _by_label(extracted["figs_wide"], "Figure 1")
    ys = [p.y for p in fig.series]
    assert ys == pytest.approx([0.0004, 0.0009, 0.0013, 0.0016, 0.0021, 0.0027, 0.0030], abs=4e-5)


def test_side_captions_pair_with_the_graphic_beside_them(extracted: dict) -> None:
    figures = extracted["figs_sidecap"].figures
    right, left = _by_label(extracted["figs_sidecap"], "Figure 1"), _by_label(extracted["figs_sidecap"], "Figure 2")
    assert right.caption.endswith("as a side caption.") and right.bbox[2] < 350  # the plot, not its caption
    assert left.caption.endswith("on the left.") and left.bbox[0] > 260
    assert len([f for f in figures if f.page == 1]) == 2


@pytest.mark.parametrize("pdf", sorted(EXAMPLES.glob("*.pdf")), ids=lambda p: p.stem)
def test_example_charts_give_every_series_by_name(pdf: Path) -> None:
    """The bundled examples: each truth series under its legend name, every point within 1 % of the axis
    range, and nothing else (no frame or grid read as a series)."""
    truth = [f for f in json.loads(pdf.with_suffix(".truth.json").read_text())["figures"] if f.get("series")]
    extraction = extract_document(pdf)
    for t in truth:
        fig = _by_label(extraction, t["label"])
        assert {p.series for p in fig.series} == {s["name"] for s in t["series"]}
        tx, ty = (0.01 * (r[1] - r[0]) for r in (t["x_range"], t["y_range"]))
        for s in t["series"]:
            pts = [(p.x, p.y) for p in fig.series if p.series == s["name"]]
            assert len(pts) == len(s["x"])
            for x, y in zip(s["x"], s["y"]):
                assert any(abs(px - x) <= tx and abs(py - y) <= ty for px, py in pts), (s["name"], x, y)
