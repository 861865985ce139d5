"""Why real vector charts came back without series (issue 18, realdev), one generated family per cause:
curves drawn past their axes and clipped there, exponents set apart from their `10`, numbers at equal steps
on a category axis, tick labels in a font without glyph widths, a graphic of several plots among a figure's
panels, and captions set over their figures. Each chart is drawn here with PyMuPDF and read through
find_figures (or the page reader)."""
from __future__ import annotations

import math
import random
from collections.abc import Callable

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.figures import find_figures
from extractors.model import FigureItem, LayoutBox
from extractors.pdf_reader import read_page
from tests.extractors.test_chart_layouts import BLACK, BLUE, RED, Plot


def _page_figures(draw: Callable[[pymupdf.Document, pymupdf.Page], None]) -> list[FigureItem]:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    draw(doc, page)
    content = read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0])
    return find_figures(content, find_captions(content))


def _axes(page: pymupdf.Page, p: Plot, x_labels: bool = True) -> None:
    """Left and bottom axis lines with outward ticks, y labelled 0..100 and x 0..10."""
    page.draw_line((p.x0, p.y0), (p.x0, p.y1), color=BLACK, width=0.8)
    page.draw_line((p.x0, p.y1), (p.x1, p.y1), color=BLACK, width=0.8)
    for y in (0, 20, 40, 60, 80, 100):
        page.draw_line((p.x0 - 4, p.py(y)), (p.x0, p.py(y)), color=BLACK, width=0.6)
        page.insert_text((p.x0 - 6 - 4.5 * len(str(y)), p.py(y) + 3), str(y), fontsize=8)
    for x in (0, 2, 4, 6, 8, 10):
        page.draw_line((p.px(x), p.y1), (p.px(x), p.y1 + 4), color=BLACK, width=0.6)
        if x_labels:
            page.insert_text((p.px(x) - 2.5 * len(str(x)), p.y1 + 14), str(x), fontsize=8)


def _append_operators(doc: pymupdf.Document, page: pymupdf.Page, ops: str) -> None:
    """Raw PDF operators drawn after the page's content (PDF y grows upwards)."""
    page.wrap_contents()
    xref = page.get_contents()[-1]
    doc.update_stream(xref, doc.xref_stream(xref) + b"\nq " + ops.encode() + b" Q\n")


def _near(truth: list[tuple[float, float]], got: list[tuple[float, float]], dx: float, dy: float) -> int:
    return sum(1 for x, y in truth if any(abs(a - x) <= dx and abs(b - y) <= dy for a, b in got))


# --- curves and bands drawn past the axes, clipped to the plot area (realdev R04, R19) -----------------------

@pytest.mark.parametrize("seed", [1, 2, 3])
def test_curves_clipped_to_the_plot_area_keep_the_figure_in_its_column(seed: int) -> None:
    rng = random.Random(seed)
    p = Plot(340, 90, 540, 250)  # the right column
    xs = [k * 10 / 12 for k in range(13)]
    ys = [round(rng.uniform(20, 80), 1) for _ in xs]
    reach = rng.uniform(250, 420)  # how far left of the axes the band and the curve's run-in are drawn

    def draw(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        _axes(page, p)
        page.insert_text((72, 120), "Body text in the left column, well apart from the figure.", fontsize=9)
        h = 792.0
        clip = f"{p.x0} {h - p.y1} {p.x1 - p.x0} {p.y1 - p.y0} re W n"
        band = f"{p.x0 - reach} {h - p.py(30)} m {p.x1} {h - p.py(30)} l {p.x1} {h - p.py(45)} l " \
               f"{p.x0 - reach} {h - p.py(45)} l h 0.8 0.8 0.8 rg f"
        run_in = f"{p.x0 - reach} {h - p.py(ys[0])} m " + " ".join(
            f"{p.px(x):.3f} {h - p.py(y):.3f} l" for x, y in zip(xs, ys)) + " 0.1 0.2 0.8 RG 1 w S"
        _append_operators(doc, page, f"{clip} {band} {run_in}")
        page.insert_text((340, p.y1 + 40), "Figure 1: A curve drawn from far left, clipped to its axes.",
                         fontsize=9)

    figures = [f for f in _page_figures(draw) if f.label]
    assert len(figures) == 1
    fig = figures[0]
    assert fig.bbox[0] >= p.x0 - 40  # the figure is the right column's chart, not a box reaching off the page
    assert fig.kind == "chart" and fig.series
    assert _near(list(zip(xs, ys)), [(pt.x, pt.y) for pt in fig.series], 0.1, 1.0) >= len(xs) - 1


# --- a log axis whose exponents are set as text of their own (matplotlib's mathtext, realdev R04) ------------

@pytest.mark.parametrize("seed", [1, 2, 3])
def test_exponents_set_apart_from_their_ten_make_a_log_axis(seed: int) -> None:
    rng = random.Random(seed)
    low = rng.randint(-3, 2)
    decades = rng.randint(2, 4)
    p = Plot(150, 100, 450, 300)
    xs = [low + decades * k / 9 for k in range(10)]  # log10 of the data
    ys = [round(rng.uniform(10, 90), 1) for _ in xs]

    def px(lx: float) -> float:
        return p.x0 + (p.x1 - p.x0) * (lx - low) / decades

    def draw(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        _axes(page, p, x_labels=False)
        for k in range(decades + 1):
            x = px(low + k)
            page.draw_line((x, p.y1), (x, p.y1 + 5), color=BLACK, width=0.6)
            page.insert_text((x - 5, p.y1 + 15), "10", fontsize=8)  # base and exponent: two pieces of text
            page.insert_text((x + 4.2, p.y1 + 11), str(low + k), fontsize=5.6)
        page.draw_polyline([pymupdf.Point(px(lx), p.py(y)) for lx, y in zip(xs, ys)], color=BLUE, width=1.0)
        page.insert_text((72, p.y1 + 40), "Figure 1: Efficiency against energy.", fontsize=9)

    figures = _page_figures(draw)
    assert len(figures) == 1 and figures[0].series
    got = [(math.log10(pt.x), pt.y) for pt in figures[0].series if pt.x > 0]
    assert _near(list(zip(xs, ys)), got, 0.01 * decades, 1.0) == len(xs)
    assert dict(figures[0].evidence)["chart_x_log"] == 1.0


# --- numbers at equal steps that fit no scale: a category axis (Excel, Origin; realdev R19) ------------------

@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_numbers_at_equal_steps_that_fit_no_scale_are_categories(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(4, 7)
    days = [0, *sorted(rng.sample(range(1, 30), n - 1))]  # day 0: no log scale (one at equal steps would be)
    while all(b - a == days[1] - days[0] for a, b in zip(days, days[1:])):  # nor a linear one
        days = [0, *sorted(rng.sample(range(1, 30), n - 1))]
    ys = [round(rng.uniform(10, 90), 1) for _ in days]
    p = Plot(150, 100, 450, 300)
    step = (p.x1 - p.x0) / (n + 1)

    def draw(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        _axes(page, p, x_labels=False)
        for k, day in enumerate(days):
            x = p.x0 + step * (k + 1)
            page.draw_line((x, p.y1), (x, p.y1 + 4), color=BLACK, width=0.6)
            page.insert_text((x - 2.5 * len(str(day)), p.y1 + 14), str(day), fontsize=8)
        pts = [pymupdf.Point(p.x0 + step * (k + 1), p.py(y)) for k, y in enumerate(ys)]
        page.draw_polyline(pts, color=BLUE, width=1.0)
        for pt in pts:
            page.draw_rect(pymupdf.Rect(pt.x - 2, pt.y - 2, pt.x + 2, pt.y + 2), color=BLUE, fill=BLUE)
        page.insert_text((72, p.y1 + 40), "Figure 1: Area over the days of analysis.", fontsize=9)

    figures = _page_figures(draw)
    assert len(figures) == 1
    got = [(pt.x, pt.y) for pt in figures[0].series]
    assert _near([(float(k), y) for k, y in enumerate(ys)], got, 0.05, 1.0) == n  # x: the category's index


def test_a_numeric_axis_whose_labels_fit_is_not_made_categories() -> None:
    from extractors.charts.ticks import TickLabel, calibrate_axis

    labels = [TickLabel(100.0 + 40 * k, str(v), float(v)) for k, v in enumerate((0, 10, 20, 30, 40))]
    assert calibrate_axis(labels).scale == "linear"  # type: ignore[union-attr]
    uneven = [TickLabel(pos, str(v), float(v)) for pos, v in ((100, 0), (140, 1), (200, 2), (230, 5))]
    assert calibrate_axis(uneven) is None  # neither a scale nor equal steps: not read


# --- tick labels in a font without glyph widths (an unembedded TrueType font, realdev R05) -------------------

def _zero_width_pdf(content: bytes) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Resources << /Font << /FZ 4 0 R >> >>"
               b" /Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /TrueType /BaseFont /ArialMT /FirstChar 32 /LastChar 126 /Widths ["
               + b" ".join([b"0"] * 95) + b"] /Encoding /WinAnsiEncoding >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out = b"%PDF-1.4\n"
    for i, obj in enumerate(objects, 1):
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    return out + b"trailer\n<< /Root 1 0 R /Size 6 >>\n%%EOF\n"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_labels_in_a_font_without_widths_are_read_whole(seed: int) -> None:
    rng = random.Random(seed)
    labels = [rng.choice(["50", "100", "250", "0.05", "0.15", "1.0", "-2", "300"]) for _ in range(6)]
    # (a label of one such glyph, a lone `0`, MuPDF drops from every read: not recovered)
    size = rng.uniform(5.5, 9.0)
    ops = []
    for k, text in enumerate(labels):  # each glyph placed on its own, as the writer of such a font must
        x, y = 40.0 + 55 * k, 300.0 - 20 * (k % 2)
        for ch in text:
            ops.append(f"BT /FZ {size:.2f} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ({ch}) Tj ET")
            x += (0.278 if ch == "." else 0.556) * size
    page = pymupdf.open(stream=_zero_width_pdf("\n".join(ops).encode()), filetype="pdf")[0]
    words = [w.text for ln in read_page(page).lines for w in ln.words]
    assert sorted(words) == sorted(labels)


# --- a graphic of two plots among a figure's panels (realdev R14 Figure 2) -----------------------------------

@pytest.mark.parametrize("seed", [1, 2])
def test_a_panel_graphic_holding_two_plots_gives_both(seed: int) -> None:
    rng = random.Random(seed)
    plots = [Plot(90, 90, 250, 330), Plot(330, 90, 520, 190), Plot(330, 212, 520, 330)]  # the right two touch
    data = [[round(rng.uniform(15, 85), 1) for _ in range(6)] for _ in plots]

    def draw(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        for p, ys in zip(plots, data):
            _axes(page, p)
            page.draw_polyline([pymupdf.Point(p.px(2 * k), p.py(y)) for k, y in enumerate(ys)], color=RED, width=1)
        page.insert_text((72, 370), "Figure 2: Widths over time for three couplings (a-c), each from the first "
                         "step to the last.", fontsize=9)

    figures = _page_figures(draw)
    assert len(figures) == 1 and figures[0].kind == "multi"
    names = {pt.series.split(" ")[0] for pt in figures[0].series}
    assert len(names) == 3  # one panel per plot, the two stacked ones included
    for ys in data:
        assert any(_near([(2.0 * k, y) for k, y in enumerate(ys)], [(pt.x, pt.y) for pt in figures[0].series
                                                                    if pt.series.startswith(name)], 0.1, 1.0) == 6
                   for name in names)


# --- captions set over their figures, the first graphic nearer the second caption (MDPI, realdev R19) --------

@pytest.mark.parametrize("seed", [1, 2, 3])
def test_captions_over_their_figures_each_take_their_own(seed: int) -> None:
    rng = random.Random(seed)
    first_gap = rng.uniform(14, 22)  # caption 1 to graphic 1
    second_gap = rng.uniform(6, first_gap - 4)  # graphic 1 to caption 2: nearer
    p1 = Plot(200, 90 + 14 + first_gap + 10, 420, 0)
    p1.y1 = p1.y0 + 150
    cap2 = p1.y1 + 18 + second_gap
    p2 = Plot(200, cap2 + 14 + first_gap + 10, 420, 0)
    p2.y1 = p2.y0 + 150

    def draw(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        page.insert_text((72, 90), "Figure 1. Score plot of the samples analysed at each day.", fontsize=9)
        page.insert_text((72, cap2), "Figure 2. Loadings of the compounds detected at each day.", fontsize=9)
        for p in (p1, p2):
            _axes(page, p)
            page.draw_polyline([pymupdf.Point(p.px(2 * k), p.py(20 + 10 * k)) for k in range(6)], color=BLUE, width=1)

    figures = {f.label: f for f in _page_figures(draw) if f.label}
    assert set(figures) == {"Figure 1", "Figure 2"}
    assert figures["Figure 1"].bbox[1] < p1.y0 and p1.y1 < figures["Figure 1"].bbox[3] < cap2
    assert figures["Figure 2"].bbox[1] > cap2 and figures["Figure 2"].series
    assert dict(figures["Figure 1"].evidence)["graphic_found"] == 1.0


# --- the layout model's picture region for a caption the drawings gave no graphic (realdev R21 Figure 6) -----

def _chart_over_its_caption(page: pymupdf.Page, p: Plot, ys: list[float], overlap: float) -> None:
    """A chart with a dashed reference line drawn down past its axis, `overlap` points into its caption's first
    line's box: the drawing and the caption overlap, so the drawings alone pair nothing with the caption."""
    _axes(page, p)
    page.draw_polyline([pymupdf.Point(p.px(2 * k), p.py(y)) for k, y in enumerate(ys)], color=RED, width=1.0)
    baseline = p.y1 + 40
    page.draw_line((p.px(5), p.y0), (p.px(5), baseline - 9.7 + overlap), color=BLUE, width=0.8, dashes="[2] 0")
    page.insert_text((p.x0 - 40, baseline), "Figure 6: Values read per second by each server.", fontsize=9)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_caption_without_a_graphic_takes_the_layout_models_picture(seed: int) -> None:
    from extractors.figure_layout import needs_pictures

    rng = random.Random(seed)
    p = Plot(rng.uniform(330, 360), 90, rng.uniform(500, 530), rng.uniform(220, 260))
    ys = [round(rng.uniform(15, 85), 1) for _ in range(6)]
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    _chart_over_its_caption(page, p, ys, overlap=rng.uniform(3, 5))
    content = read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0])
    captions = find_captions(content)
    alone = [f for f in find_figures(content, captions) if f.label]
    assert needs_pictures(alone) and not alone[0].series  # the drawings alone: the space above the caption
    picture = (p.x0 - 30, p.y0 - 6, p.x1 + 4, p.y1 + 30)  # where a layout model boxes the chart
    found = [f for f in find_figures(content, captions, regions=[LayoutBox(picture, "picture")]) if f.label]
    assert len(found) == 1 and not needs_pictures(found)
    fig = found[0]
    assert dict(fig.evidence)["layout_picture"] == 1.0 and dict(fig.evidence)["graphic_found"] == 1.0
    assert _near([(2.0 * k, y) for k, y in enumerate(ys)], [(pt.x, pt.y) for pt in fig.series], 0.1, 1.0) == 6


@pytest.mark.parametrize("seed", range(6))
def test_a_picture_region_is_taken_only_where_its_caption_labels_it(seed: int) -> None:
    from extractors.figure_layout import picture_for_caption

    rng = random.Random(seed)
    x0 = rng.uniform(60, 300)
    caption = (x0, 400.0, x0 + rng.uniform(150, 250), 420.0)
    above = (x0 + 10, 400.0 - rng.uniform(8, 50) - 150, x0 + 140, 400.0 - rng.uniform(0, 8))
    assert picture_for_caption(caption, [above], [], 60.0) == above
    assert picture_for_caption(caption, [above], [above], 60.0) is None  # another figure holds it
    far = (above[0], above[1] - 200, above[2], above[3] - 200)
    assert picture_for_caption(caption, [far], [], 60.0) is None  # too far above
    beside = (caption[2] + 40, 250.0, caption[2] + 200, 398.0)
    assert picture_for_caption(caption, [beside], [], 60.0) is None  # not over the caption's width
    below = (x0 + 10, 425.0, x0 + 140, 560.0)
    assert picture_for_caption(caption, [below, above], [], 60.0) == (above if above[3] > 394 else
                                                                       min((below, above), key=lambda b: (
                                                                           b[1] - 420 + 5 if b is below
                                                                           else 400 - b[3])))


@pytest.mark.parametrize("seed", range(4))
def test_a_table_level_with_the_picture_over_the_caption_is_the_figures(seed: int) -> None:
    from extractors.figure_layout import with_its_row

    rng = random.Random(seed)
    caption = (72.0, 300.0, 540.0, 320.0)
    picture = (rng.uniform(320, 340), rng.uniform(150, 170), rng.uniform(500, 530), 296.0)
    table = (rng.uniform(80, 100), picture[1] + rng.uniform(5, 20), rng.uniform(270, 300), picture[3] - 8)
    regions = [LayoutBox(picture, "picture"), LayoutBox(table, "table"), LayoutBox((72, 100, 540, 140), "text")]
    assert with_its_row(picture, caption, regions, []) == (table[0], picture[1], picture[2], picture[3])
    assert with_its_row(picture, caption, regions, [table]) == picture  # another item's: left alone
    wider = (30.0, table[1], 300.0, table[3])  # beyond the caption's width: not under this caption
    assert with_its_row(picture, caption, [LayoutBox(picture, "picture"), LayoutBox(wider, "table")], []) == picture


# --- a y axis in arbitrary units with no scale printed (spectra; realdev R05 Figure 8) -----------------------

@pytest.mark.parametrize(("seed", "title"), [(1, "Intensity (arb. units)"), (2, "Intensity (a.u.)"),
                                             (3, "Counts (arbitrary units)"), (4, "Intensity (arb. u.)")])
def test_a_y_axis_in_arbitrary_units_is_read_as_shares_of_the_plot_height(seed: int, title: str) -> None:
    rng = random.Random(seed)
    p = Plot(150, 100, 450, 300)
    xs = [k * 10 / 15 for k in range(16)]
    ys = [round(rng.uniform(5, 95), 1) for _ in xs]  # as shares of the height: y / 100

    def draw(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        page.draw_line((p.x0, p.y0), (p.x0, p.y1), color=BLACK, width=0.8)
        page.draw_line((p.x0, p.y1), (p.x1, p.y1), color=BLACK, width=0.8)
        for x in (0, 2, 4, 6, 8, 10):
            page.draw_line((p.px(x), p.y1), (p.px(x), p.y1 + 4), color=BLACK, width=0.6)
            page.insert_text((p.px(x) - 6, p.y1 + 14), str(1000 + 100 * x), fontsize=8)
        page.insert_text((p.x0 - 12, (p.y0 + p.y1) / 2 + 40), title, fontsize=9, rotate=90)
        page.draw_polyline([pymupdf.Point(p.px(x), p.py(y)) for x, y in zip(xs, ys)], color=BLUE, width=1.0)
        page.insert_text((72, p.y1 + 40), "Figure 8: Spectra at three laser powers.", fontsize=9)

    figures = _page_figures(draw)
    assert len(figures) == 1 and figures[0].kind == "chart"
    evidence = dict(figures[0].evidence)
    assert evidence["chart_y_relative"] == 1.0
    got = [(pt.x, pt.y) for pt in figures[0].series]
    assert _near([(1000 + 100 * x, y / 100) for x, y in zip(xs, ys)], got, 10.0, 0.01) == len(xs)


def test_a_y_axis_without_scale_or_arbitrary_units_stays_unread() -> None:
    p = Plot(150, 100, 450, 300)

    def draw(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        page.draw_line((p.x0, p.y0), (p.x0, p.y1), color=BLACK, width=0.8)
        page.draw_line((p.x0, p.y1), (p.x1, p.y1), color=BLACK, width=0.8)
        for x in (0, 2, 4, 6, 8, 10):
            page.draw_line((p.px(x), p.y1), (p.px(x), p.y1 + 4), color=BLACK, width=0.6)
            page.insert_text((p.px(x) - 3, p.y1 + 14), str(x), fontsize=8)
        page.insert_text((p.x0 - 12, (p.y0 + p.y1) / 2 + 20), "Yield (kg)", fontsize=9, rotate=90)
        page.draw_polyline([pymupdf.Point(p.px(x), p.py(10 * x)) for x in range(11)], color=BLUE, width=1.0)
        page.insert_text((72, p.y1 + 40), "Figure 1: Yield over the years.", fontsize=9)

    figures = _page_figures(draw)
    assert len(figures) == 1 and not figures[0].series  # a unit with no scale is not read as shares
    assert figures[0].kind == "chart" and dict(figures[0].evidence)["chart_unread"]  # and says why


def test_a_panel_in_arbitrary_units_is_named_in_its_figures_evidence() -> None:
    plots = [Plot(90, 100, 270, 280), Plot(350, 100, 530, 280)]

    def draw(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        for k, p in enumerate(plots):
            if k == 0:
                _axes(page, p)
            else:  # the right panel: a spectrum with no y scale
                page.draw_line((p.x0, p.y0), (p.x0, p.y1), color=BLACK, width=0.8)
                page.draw_line((p.x0, p.y1), (p.x1, p.y1), color=BLACK, width=0.8)
                for x in (0, 2, 4, 6, 8, 10):
                    page.draw_line((p.px(x), p.y1), (p.px(x), p.y1 + 4), color=BLACK, width=0.6)
                    page.insert_text((p.px(x) - 3, p.y1 + 14), str(x), fontsize=8)
                page.insert_text((p.x0 - 12, p.y1 - 40), "Intensity (arb. units)", fontsize=9, rotate=90)
            page.draw_polyline([pymupdf.Point(p.px(2 * i), p.py(15 + 12 * i)) for i in range(6)], color=RED, width=1)
        page.insert_text((72, 320), "Figure 3: Yield (a) and the spectrum of the same sample (b), measured "
                         "after one day.", fontsize=9)

    figures = _page_figures(draw)
    assert len(figures) == 1 and figures[0].kind == "multi"
    evidence = dict(figures[0].evidence)
    flagged = [k for k in evidence if k.startswith("chart_y_relative:")]
    assert len(flagged) == 1
    letter = flagged[0].split(":")[1]
    assert all(0 <= pt.y <= 1 for pt in figures[0].series if pt.series.startswith(letter))


# --- markers drawn as small bitmaps: no vectors to read, and the chart says so (realdev R19 Figure 1) --------

@pytest.mark.parametrize("seed", [1, 2, 3])
def test_markers_drawn_as_bitmaps_say_so(seed: int) -> None:
    rng = random.Random(seed)
    p = Plot(150, 100, 450, 300)
    marker = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 8, 8), False)
    marker.set_rect(marker.irect, (20, 20, 20))

    def draw(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        _axes(page, p)
        for _ in range(rng.randint(6, 14)):
            x, y = p.px(rng.uniform(0.5, 9.5)), p.py(rng.uniform(5, 95))
            page.insert_image(pymupdf.Rect(x - 3, y - 3, x + 3, y + 3), pixmap=marker)
        page.insert_text((72, p.y1 + 40), "Figure 1: Score plot of the samples.", fontsize=9)

    figures = _page_figures(draw)
    assert len(figures) == 1 and figures[0].kind == "chart" and not figures[0].series
    assert dict(figures[0].evidence)["chart_unread"] == "data drawn as pictures"
