"""The report's HTML builder on tiny hand-made records: grids with spans, statuses, escaping, crops, plots."""
from __future__ import annotations

import math
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from paperlake.report.gather import (
    Cell,
    Document,
    FigureEntry,
    ReportData,
    Review,
    Series,
    TableEntry,
    figures_from_frames,
    tables_from_frames,
)
from paperlake.report.images import Crop, asset_name
from paperlake.report.page import grid_html, report_html, status_html
from paperlake.report.plot import _ticks, panels, series_svg, series_svgs

SCRIPT_CELL = "<script>window.pwned = 1</script>"


class _Tags(HTMLParser):
    """Every start tag with its attributes, and every script's text: what a browser would run."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _table(status: str = "needs_review", cells: tuple[Cell, ...] = (), **changes: object) -> TableEntry:
    reason = "confidence 0.42 below threshold 0.90" if status == "needs_review" else None
    table = TableEntry(table_id="d1-p001-t00", doc_id="d1", page=1, bbox=(10, 20, 200, 120), label="Table 1",
                       caption="Yields.", n_rows=2, n_cols=2, confidence=0.42, review=Review(status, reason),
                       cells=cells or (Cell(0, 0, "A", True), Cell(0, 1, "B", True), Cell(1, 0, "1"), Cell(1, 1, "2")))
    return replace(table, **changes)


def _figure(status: str = "auto_accepted", **changes: object) -> FigureEntry:
    figure = FigureEntry(figure_id="d1-p002-f00", doc_id="d1", page=2, bbox=(10, 20, 300, 220), label="Figure 1",
                         caption="Response.", kind="chart", confidence=0.95, review=Review(status),
                         series=(Series("S1", (0.0, 1.0, 2.0), (1.0, 3.0, 2.0), x_label="t (s)", y_label="R"),))
    return replace(figure, **changes)


def _data(tables: tuple[TableEntry, ...] = (), figures: tuple[FigureEntry, ...] = ()) -> ReportData:
    return ReportData(snapshot_id="20261206T000000Z-abcdef12", snapshot_path=Path("/nowhere"),
                      created_at="2026-12-06T00:00:00Z", documents=(Document("d1", "paper one.pdf", 3, "ok"),),
                      tables=tables, figures=figures)


def test_header_cells_are_th_and_spans_are_honoured_with_covered_slots_left_out():
    cells = (Cell(0, 0, "", True), Cell(0, 1, "pH 5.0", True, col_span=2), Cell(1, 0, "Buffer", True),
             Cell(1, 1, "Tm", True), Cell(1, 2, "ΔTm", True), Cell(2, 0, "Phosphate", row_span=2),
             Cell(2, 1, "74.6"), Cell(2, 2, "0.0"), Cell(3, 1, "72.1"))
    html = grid_html(cells, n_rows=4, n_cols=3)
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    assert len(rows) == 4
    assert rows[0] == '<th></th><th colspan="2">pH 5.0</th>'
    assert rows[2] == '<td rowspan="2">Phosphate</td><td>74.6</td><td>0.0</td>'
    assert rows[3] == "<td>72.1</td><td></td>"  # (3, 0) covered by the row span; (3, 2) has no cell: empty
    assert html.count("<th") == 5 and html.count("<td") == 5


def test_a_cell_holding_a_script_tag_is_text_not_markup():
    table = _table(cells=(Cell(0, 0, SCRIPT_CELL, True), Cell(0, 1, '"><img src=x onerror=alert(1)>'),),
                   caption="<b>bold</b> & more", label="<i>Table 9</i>")
    html = report_html(_data(tables=(table,)), {})
    parsed = _parse(html)
    assert [s for s in parsed.scripts if "pwned" in s] == []  # the page's one script is the filter
    assert len(parsed.scripts) == 1 and "querySelectorAll" in parsed.scripts[0]
    assert not any(tag in ("img", "i") for tag, _ in parsed.tags)  # no crop given: no img at all
    assert [attrs for tag, attrs in parsed.tags if tag == "b"] == [{"class": "confidence"}]
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html


def test_file_names_and_ids_are_escaped_in_text_and_attributes():
    data = replace(_data(tables=(_table(table_id='t"><x'),)), documents=(Document("d1", "<evil>.pdf", 1, "ok"),))
    parsed = _parse(report_html(data, {}))
    assert not any(tag in ("evil", "x") for tag, _ in parsed.tags)
    assert ("article", {"class": "item table", "data-status": "needs_review", "data-id": 't"><x'}) in parsed.tags


def test_each_item_shows_label_caption_page_confidence_and_status():
    html = report_html(_data(tables=(_table(),), figures=(_figure(),)), {
        "d1-p001-t00": Crop(src="assets/d1-p001-t00.png"), "d1-p002-f00": Crop(src="assets/d1-p002-f00.png")})
    table = re.search(r'<article class="item table".*?</article>', html).group()
    assert "Table 1" in table and "page 1" in table and "Yields." in table
    assert '<b class="confidence">0.42</b>' in table
    assert "needs review</span>" in table and "confidence 0.42 below threshold 0.90" in table
    assert '<img src="assets/d1-p001-t00.png"' in table
    figure = re.search(r'<article class="item figure".*?</article>', html).group()
    assert "Figure 1" in figure and "page 2, chart" in figure and "auto-accepted</span>" in figure
    assert '<img src="assets/d1-p002-f00.png"' in figure and "<polyline" in figure
    assert '<h2 class="file-name">paper one.pdf</h2>' in html


def test_corrected_items_name_their_curator_and_rejected_ones_are_kept():
    reviewed = Review("reviewed", reviewed_by="ana@example.org", reviewed_at="2026-12-01T10:00:00Z")
    assert "corrected</span>" in status_html(reviewed) and "by ana@example.org at 2026-12-01T10:00:00Z" in \
        status_html(reviewed)
    html = report_html(_data(tables=(_table("rejected"),)), {})
    assert 'data-status="rejected"' in html and "rejected</span>" in html


def test_the_filter_lists_every_status_with_its_count():
    html = report_html(_data(tables=(_table("needs_review"), _table("auto_accepted", table_id="t2")),
                             figures=(_figure("auto_accepted"),)), {})
    boxes = [attrs for tag, attrs in _parse(html).tags if tag == "input"]
    assert [b["value"] for b in boxes] == ["needs_review", "auto_accepted", "reviewed", "rejected"]
    assert all("checked" in b for b in boxes)
    assert "needs review</span> (1)" in html and "auto-accepted</span> (2)" in html and "corrected</span> (0)" in html


def test_an_item_without_a_crop_says_why():
    reason = "no crop: the source PDF is missing from the data dir (sources/d1.pdf)"
    html = report_html(_data(tables=(_table(),)), {"d1-p001-t00": Crop(missing_reason=reason)})
    assert f'<p class="nocrop">{reason}</p>' in html and "<img" not in html


def test_the_page_loads_nothing_from_elsewhere():
    html = report_html(_data(tables=(_table(),), figures=(_figure(),)), {"d1-p001-t00": Crop(src="assets/a.png")})
    urls = [value for _, attrs in _parse(html).tags for key, value in attrs.items() if key in ("src", "href")]
    assert urls == ["assets/a.png"]
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html


def test_series_are_drawn_inside_the_plot_area_with_their_error_bars():
    series = Series("S1", (0.0, 10.0, 20.0), (5.0, 15.0, 10.0), (1.0, math.nan, 2.0), "x", "y")
    svg = series_svg([series])
    coords = [tuple(map(float, p.split(","))) for p in re.search(r'points="([^"]+)"', svg).group(1).split()]
    assert len(coords) == 3 and all(62 <= x <= 408 and 12 <= y <= 234 for x, y in coords)
    assert coords[0][0] < coords[1][0] < coords[2][0] and coords[1][1] < coords[2][1] < coords[0][1]  # y up
    assert svg.count("<circle") == 3 and svg.count('stroke="#1f77b4"/>') == 2  # two error bars, not three


def test_series_text_is_escaped_and_unplottable_points_are_skipped():
    svg = series_svg([Series(SCRIPT_CELL, (0.0, math.nan, 1.0), (0.0, 1.0, math.inf), x_label="<x>")])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;x&gt;" in svg
    assert svg.count("<circle") == 1
    assert series_svg([Series("empty", (math.nan,), (1.0,))]) == '<p class="noplot">no plottable points</p>'


def test_a_multi_panel_figure_gets_one_plot_per_panel():
    series = [Series("(a) Train", (0.0, 1.0), (1.0, 2.0)), Series("(b) Test", (0.0, 1.0), (3.0, 1.0)),
              Series("(a) Val", (0.0, 1.0), (2.0, 2.5))]
    assert [(key, [s.name for s in group]) for key, group in panels(series)] == [
        ("a", ["(a) Train", "(a) Val"]), ("b", ["(b) Test"])]
    svgs = series_svgs(series)
    assert len(svgs) == 2 and svgs[0].count("<polyline") == 2 and "(b)" in svgs[1]


def test_asset_names_keep_only_safe_characters():
    assert asset_name("d1-p001-t00") == "d1-p001-t00.png"
    assert asset_name("../x y") == ".._x_y.png" and "/" not in asset_name("a/b")


def test_frames_become_records_with_cells_and_series_in_order():
    tables = pd.DataFrame([{"table_id": "t", "doc_id": "d", "page": 1, "x0": 1.0, "y0": 2.0, "x1": 3.0, "y1": 4.0,
                            "label": None, "caption": "c", "footnotes": None, "n_rows": 2, "n_cols": 1,
                            "confidence": 0.5, "review_status": "needs_review", "review_reason": "why",
                            "reviewed_by": None, "reviewed_at": None}])
    cells = pd.DataFrame([{"table_id": "t", "row": 1, "col": 0, "row_span": 1, "col_span": 1, "is_header": False,
                           "text": "2"},
                          {"table_id": "t", "row": 0, "col": 0, "row_span": 1, "col_span": 1, "is_header": True,
                           "text": "h"}])
    (table,) = tables_from_frames(tables, cells)
    assert table.label is None and table.review == Review("needs_review", "why")
    assert [c.text for c in table.cells] == ["h", "2"] and table.bbox == (1.0, 2.0, 3.0, 4.0)
    figures = pd.DataFrame([{"figure_id": "f", "doc_id": "d", "page": 2, "x0": 0, "y0": 0, "x1": 1, "y1": 1,
                             "label": "Figure 1", "caption": None, "figure_kind": "chart", "image_path": "p.png",
                             "parent_figure_id": None, "confidence": 0.9, "review_status": "auto_accepted",
                             "review_reason": None, "reviewed_by": None, "reviewed_at": None}])
    points = pd.DataFrame([{"figure_id": "f", "series": "s", "point": p, "x": float(p), "y": 2.0 * p,
                            "y_uncertainty": None, "x_label": "x", "y_label": "y"} for p in (1, 0)])
    (figure,) = figures_from_frames(figures, points)
    assert figure.series[0].xs == (0.0, 1.0) and figure.series[0].ys == (0.0, 2.0)
    assert figure.series[0].x_label == "x" and math.isnan(figure.series[0].y_errs[0])


def test_footnotes_and_the_parent_of_a_panel_are_shown():
    html = report_html(_data(tables=(_table(footnotes="a) at 25 °C <1 h"),),
                             figures=(_figure(parent_figure_id="d1-p002-f00", figure_id="d1-p002-f00-a",
                                              series=()),)), {})
    assert '<p class="muted">a) at 25 °C &lt;1 h</p>' in html
    assert "panel of d1-p002-f00" in html and "no series recovered" in html


def test_ticks_fall_on_round_steps_inside_the_range():
    assert _ticks(65.7, 75.9) == [67.5, 70.0, 72.5, 75.0]
    assert _ticks(-6.3, 126.3) == [0, 50, 100]
    assert _ticks(0.0, 1.0) == pytest.approx([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])


def test_the_legend_sits_below_the_plot_and_grows_with_the_series():
    series = [Series(f"series number {i} with a long name", (0.0, 1.0), (0.0, 1.0)) for i in range(5)]
    svg = series_svg(series)
    assert 'height="326"' in svg  # 280 + 4 + three legend rows of 14
    assert svg.count("<title>") == 5 and "series number 0 with a long…" in svg
    assert min(float(y) for y in re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="10"', svg)) > 270
