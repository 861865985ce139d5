"""A rule under a running head (or over a running foot) is page furniture: a chart set close to it in one column must
not take it as its frame, for through it the chart's graphic reached the ruled tables in the other column and the
figure's box swallowed them (found: Whisper's page 8, an ICML-style two-column page). Drawn as a family: the chart
left or right, under a running head or over a running foot, a few points from the rule, one or two ruled tables
beside it, letter and A4 pages."""
from __future__ import annotations

import math
import random

import pymupdf
import pytest

from extractors.graphic_regions import is_running_rule
from extractors.page_content import Rule
from extractors.pdf_reader import read_page
from extractors.pipeline import extract_document

BODY = "We study the translation capabilities of the models by measuring their performance on the subset. " * 5


def _chart(page: pymupdf.Page, box: pymupdf.Rect, rng: random.Random) -> None:
    """A line chart: axes, ticks with labels, two series of markers joined by lines, a legend."""
    x0, y0, x1, y1 = box.x0 + 22, box.y0, box.x1, box.y1 - 16
    shape = page.new_shape()
    shape.draw_line((x0, y1), (x1, y1))
    shape.draw_line((x0, y0), (x0, y1))
    for k in range(6):
        x = x0 + k * (x1 - x0) / 5
        shape.draw_line((x, y1), (x, y1 + 3))
        y = y1 - k * (y1 - y0) / 5
        shape.draw_line((x0 - 3, y), (x0, y))
    shape.finish(color=(0, 0, 0), width=0.6)
    for series, colour in enumerate([(0.8, 0.1, 0.1), (0.1, 0.3, 0.8)]):
        points = [(x0 + 4 + k * (x1 - x0 - 8) / 9,
                   y1 - 6 - (y1 - y0 - 12) * (0.5 + 0.45 * math.sin(k / 2 + series + rng.random())))
                  for k in range(10)]
        shape.draw_polyline(points)
        shape.finish(color=colour, width=0.8)
        for x, y in points:
            shape.draw_circle((x, y), 1.5)
        shape.finish(color=colour, fill=colour)
    shape.commit()
    for k in range(6):
        page.insert_text((x0 + k * (x1 - x0) / 5 - 4, y1 + 11), str(10 * (5 - k)), fontsize=6)
        page.insert_text((x0 - 16, y1 - k * (y1 - y0) / 5 + 2), str(20 * k), fontsize=6)


def _table(page: pymupdf.Page, left: float, top: float, rows: int, number: int, rng: random.Random) -> float:
    """A booktabs table with a caption under it; returns its bottom."""
    width, pitch = 200.0, 12.0
    heads = ["Model", "High", "Mid", "Low"]
    shape = page.new_shape()
    for y in (top, top + pitch + 3, top + (rows + 1) * pitch + 6):
        shape.draw_line((left, y), (left + width, y))
    shape.finish(color=(0, 0, 0), width=0.6)
    shape.commit()
    columns = [left + 4, left + 90, left + 130, left + 165]
    for c, head in enumerate(heads):
        page.insert_text((columns[c], top + pitch - 1), head, fontsize=8)
    for r in range(rows):
        y = top + pitch + 3 + (r + 1) * pitch - 2
        page.insert_text((columns[0], y), f"System-{chr(65 + r)}", fontsize=8)
        for c in range(1, 4):
            page.insert_text((columns[c], y), f"{rng.uniform(5, 40):.1f}", fontsize=8)
    bottom = top + (rows + 1) * pitch + 6
    page.insert_text((left, bottom + 14), f"Table {number}. Speech translation performance of the systems.", fontsize=8)
    return bottom + 20


def _page(seed: int) -> tuple[bytes, list[float], float]:
    """The drawn page, the left edges of its tables' column and the chart's column left edge."""
    rng = random.Random(seed)
    width, height = rng.choice([(612.0, 792.0), (595.0, 842.0)])
    doc = pymupdf.open()
    page = doc.new_page(width=width, height=height)
    margin, gutter = 55.0, 16.0
    column = (width - 2 * margin - gutter) / 2
    chart_left = rng.random() < 0.5
    chart_x = margin if chart_left else margin + column + gutter
    table_x = margin + column + gutter if chart_left else margin
    foot = rng.random() < 0.35
    if foot:  # a running foot: the rule over the page number, the chart set close above it
        rule_y = height - rng.uniform(50, 60)
        page.insert_text((width / 2 - 4, rule_y + 12), str(rng.randint(2, 30)), fontsize=9)
        chart_box = pymupdf.Rect(chart_x, rule_y - rng.uniform(3, 7.5) - 230, chart_x + column, rule_y - rng.uniform(3, 7.5))
        page.insert_text((chart_x, chart_box.y0 - 30), "Figure 5. WER as a function of the signal-to-noise ratio.", fontsize=8)
        page.insert_textbox(pymupdf.Rect(chart_x, 70, chart_x + column, chart_box.y0 - 45), BODY, fontsize=9)
        tables_top = rule_y - 260
    else:  # a running head: its text, the rule under it, the chart set close under the rule
        rule_y = rng.uniform(52, 62)
        page.insert_text((margin, rule_y - 4), "Robust Speech Recognition via Large-Scale Weak Supervision", fontsize=9)
        page.insert_text((width - margin - 8, rule_y - 4), str(rng.randint(2, 30)), fontsize=9)
        chart_box = pymupdf.Rect(chart_x, rule_y + rng.uniform(3, 7.5), chart_x + column, rule_y + 240)
        page.insert_text((chart_x, chart_box.y1 + 14), "Figure 5. WER as a function of the signal-to-noise ratio.", fontsize=8)
        page.insert_textbox(pymupdf.Rect(chart_x, chart_box.y1 + 30, chart_x + column, height - 80), BODY, fontsize=9)
        tables_top = rule_y + rng.uniform(14, 24)
    page.draw_line((margin, rule_y), (width - margin, rule_y), color=(0, 0, 0), width=0.5)
    _chart(page, chart_box, rng)
    tops = [tables_top]
    bottom = _table(page, table_x + 4, tables_top, rng.randint(3, 5), 4, rng)
    if rng.random() < 0.6:
        tops.append(bottom + 16)
        _table(page, table_x + 4, bottom + 16, rng.randint(2, 4), 5, rng)
    return doc.tobytes(), tops, chart_x


def extraction_width(pdf: bytes) -> float:
    return pymupdf.open(stream=pdf)[0].rect.width


@pytest.mark.parametrize("seed", range(10))
def test_tables_beside_a_chart_under_a_running_head_are_found(seed: int) -> None:
    pdf, tops, chart_x = _page(seed)
    extraction = extract_document(pdf)
    assert len(extraction.tables) == len(tops)
    assert sorted(round(t.bbox[1]) for t in extraction.tables) == [pytest.approx(round(top), abs=2) for top in tops]
    (figure,) = [f for f in extraction.figures if f.parent is None]
    assert figure.label == "Figure 5"
    for table in extraction.tables:  # the figure keeps to its column
        assert min(figure.bbox[2], table.bbox[2]) - max(figure.bbox[0], table.bbox[0]) <= 0
    assert chart_x - 16 <= figure.bbox[0] and figure.bbox[2] - figure.bbox[0] < 0.5 * extraction_width(pdf)


@pytest.mark.parametrize("seed", range(4))
def test_the_rule_is_furniture_only_with_nothing_but_running_text_beyond_it(seed: int) -> None:
    pdf, _, _ = _page(seed)
    page = read_page(pymupdf.open(stream=pdf)[0])
    (running,) = [r for r in page.rules if is_running_rule(r, page)]
    assert running.bbox[2] - running.bbox[0] > 0.5 * page.width
    # the same rule lower down, or with a paragraph beyond it, or narrow, is no running rule
    lower = Rule((running.bbox[0], 0.4 * page.height, running.bbox[2], 0.4 * page.height + 0.5), True, 0.5)
    assert not is_running_rule(lower, page)
    narrow = Rule((running.bbox[0], running.bbox[1], running.bbox[0] + 0.3 * page.width, running.bbox[3]), True, 0.5)
    assert not is_running_rule(narrow, page)
