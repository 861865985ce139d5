"""Stub labels wrapped onto a hung-in line that starts with a capital (`New` / `Hampshire`, `East North` /
`Central`, `United` / `States`), told from a region's label over its indented states, in US report tables
drawn with benchmarks/papers/report_tables' own layout (rp_draw) at the narrowest stub each table fits:
random fonts, sizes, indents, hangs, leaders, values on a label's first or last line, regions with values
or as headings. Before `stub_wraps.stub_runs_on` every such continuation was read as a row of its own (the
existing rules join a line only after `and` / `of` / a comma, or before a lower-case word).
"""
from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pymupdf
import pytest

from tests.extractors import report_pages

report_pages._generator()  # puts the generator's modules on sys.path
import rp_content  # noqa: E402
import rp_draw  # noqa: E402
import rt_draw  # noqa: E402

REGIONS = [("New England", ["Maine", "New Hampshire", "Vermont", "Rhode Island"]),
           ("Middle Atlantic", ["New York", "New Jersey", "Pennsylvania"]),
           ("East North Central", ["Ohio", "Indiana", "Illinois", "Michigan"]),
           ("West North Central", ["Minnesota", "Iowa", "North Dakota", "South Dakota"]),
           ("South Atlantic", ["Delaware", "District of Columbia", "West Virginia", "North Carolina"])]


def _table(rng: random.Random) -> tuple[rp_content.ReportContent, rp_draw.Geometry] | None:
    st = rp_draw.ReportStyle.draw(rng)
    st.full_width, st.header, st.head_valign = False, "boxed", "bottom"
    headings = rng.random() < 0.5  # regions as headings with no values, or as entries with their totals
    value = lambda: f"{rng.uniform(10, 9999):,.1f}"  # noqa: E731
    rows = [rp_content.Row("item", "United States", 0, [value() for _ in range(3)])]
    for region, states in rng.sample(REGIONS, 2):
        rows.append(rp_content.Row("heading", region, 0) if headings else
                    rp_content.Row("item", region, 0, [value() for _ in range(3)]))
        rows += [rp_content.Row("item", s, 1, [value() for _ in range(3)]) for s in states]
    head = [rp_content.HCell("State", 0, 0), rp_content.HCell("Total", 0, 1), rp_content.HCell("Urban", 0, 2),
            rp_content.HCell("Rural", 0, 3)]
    c = rp_content.ReportContent(4, 1, head, rows, False, "Resident Population by State", None, [], None)
    for k in range(5, 46):  # the narrowest stub the labels fit: two-word names wrap
        st.max_stub = k / 100
        g = rp_draw.measure(c, st, 400.0)
        if g is not None:
            return c, _wrapped_at_the_stub_width(c, g)
    return None


def _wrapped_at_the_stub_width(c: rp_content.ReportContent, g: rp_draw.Geometry) -> rp_draw.Geometry:
    """The labels wrapped as a typesetter wraps them: a first line as long as the stub allows it (rp_draw
    wraps a first line of two words or more at the continuation lines' shorter width)."""
    st = g.style
    em, fnt = st.size, rt_draw.FONTS[st.font][0]
    room = g.col_w[0] - (3 * em if st.leaders != "none" else st.pad * em)
    lines_of = []
    for r in c.rows:
        first = room - st.pad * em - r.level * st.indent * em
        lines: list[str] = []
        for word in r.label.split():
            if lines and rt_draw.text_width(lines[-1] + " " + word, fnt, em) <= (first if len(lines) == 1 else
                                                                               first - st.hang * em):
                lines[-1] += " " + word
            else:
                lines.append(word)
        lines_of.append(lines)
    return dataclasses.replace(g, stub_lines=lines_of,
                               row_h=[len(ls) * st.lead * em + 0.15 * em for ls in lines_of])


def _pages(out: Path, n: int) -> list[tuple[Path, list[list[str | None]], int]]:
    made = []
    for i in range(n):
        built = _table(random.Random(f"stub-wraps/{i}"))
        if built is None:
            continue
        c, g = built
        doc = pymupdf.open()
        doc.new_page(width=612, height=792)
        cv = rt_draw.Canvas(doc, 0)
        cv.text(72, 80, f"Table {i + 1}. Resident Population by State", rt_draw.FONTS["helv"][1], 9)
        rp_draw.draw_table(g, cv, 72, 96)
        cv.flush()
        pdf = out / f"wraps{i}.pdf"
        doc.save(pdf)
        wrapped = sum(len(lines) > 1 and lines[1][:1].isupper() for lines in g.stub_lines)
        made.append((pdf, c.grid(), wrapped))
    return made


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[list[list[str | None]], object, int]]:
    out = tmp_path_factory.mktemp("stub_wraps")
    pairs = []
    for pdf, grid, wrapped in _pages(out, 24):
        truth = {"page": 1, "label": f"Table {int(pdf.stem[5:]) + 1}", "grid": grid}
        pairs.append((grid, report_pages.matched(report_pages.read_tables(pdf), truth), wrapped))
    return pairs


def test_a_stub_label_wrapped_before_a_capital_is_one_row(read) -> None:
    wraps = [(grid, t) for grid, t, wrapped in read if wrapped]
    assert len(wraps) >= 12
    exact = [t is not None and report_pages.same_grid(t, {"grid": grid}) for grid, t in wraps]
    assert sum(exact) >= 0.5 * len(exact), f"{sum(exact)} of {len(exact)}"  # 13 of 24; before: 0 of 24


def test_a_region_over_its_states_stays_a_row_of_its_own(read) -> None:
    """No label is read joined to the label of the row after it (a region's label to its first state)."""
    glued = [(grid[r][0], grid[r + 1][0]) for grid, t, _ in read if t is not None for r in range(1, len(grid) - 1)
             if report_pages.norm(f"{grid[r][0]} {grid[r + 1][0]}") in {report_pages.norm(c.text) for c in t.cells}]
    assert len(read) >= 20 and not glued, glued
