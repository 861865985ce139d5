"""A header band drawn as one fill of abutting cell rectangles, white heads on it, with no rule under it nor
between its rows (found who-hcv-children, Tables 4.1, 6.1, 8.1): the rectangles' edges are the band's rules.
Before, the band's rows and the first body row read as one row (4.1), the sub-heads glued to their group label
(8.1), or the empty stub head took the first section label (6.1). Generated: one- and two-row bands in several
colours, group labels over two or three sub-heads, body rows ruled or not, a section row first or not."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table
from report_pages import grid_of

HEADS = ["Sensitivity", "Specificity", "Regimen", "Duration", "Cost", "Adults", "Children"]
STUBS = ["Abbott Diagnostics", "Ortho-Clinical", "Bio-RAD Monolisa", "EIKEN Lumispot", "Fujirebio", "Hunan Jynda",
         "DiaSorin Murex", "Roche Elecsys"]


def _page(seed: int) -> tuple[bytes, list[list[str]], int]:
    """The PDF, the expected grid (header rows first, spanned slots as None) and the number of header rows."""
    rng = random.Random(f"filled-band/{seed}")
    size = rng.choice([8.0, 9.0, 10.0])
    fill = rng.choice([(0.8, 0.09, 0.1), (0.1, 0.3, 0.6), (0.2, 0.45, 0.3), (0.35, 0.35, 0.35)])
    two_rows = seed % 3 != 0
    n_sub = rng.choice([2, 3])
    subs = rng.sample(HEADS, n_sub)
    widths = [rng.uniform(95, 125), rng.uniform(70, 90)] + [rng.uniform(70, 90) for _ in subs]
    xs = [50.0]
    for w in widths:
        xs.append(xs[-1] + w)
    row_h = size * 2.2
    top = 120.0
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((50, top - 12), "TABLE 8.1. Summary of diagnostic accuracy", fontsize=size, fontname="hebo")
    band = page.new_shape()
    bottom = top + (2 if two_rows else 1) * row_h
    if two_rows:  # stub head and one more head span both rows; a group label over the sub-heads
        band.draw_rect(pymupdf.Rect(xs[0], top, xs[1], bottom))
        band.draw_rect(pymupdf.Rect(xs[1], top, xs[2], bottom))
        band.draw_rect(pymupdf.Rect(xs[2], top, xs[-1], top + row_h))
        for k in range(n_sub):
            band.draw_rect(pymupdf.Rect(xs[2 + k], top + row_h, xs[3 + k], bottom))
    else:
        for k in range(len(widths)):
            band.draw_rect(pymupdf.Rect(xs[k], top, xs[k + 1], bottom))
    band.finish(fill=fill, color=None)
    band.commit()
    white = (1, 1, 1)

    def put(x: float, y: float, text: str, color: tuple[float, ...] = (0, 0, 0), font: str = "helv") -> None:
        page.insert_text((x + 4, y), text, fontsize=size, fontname=font, color=color)

    group = "DIAGNOSTIC ACCURACY"
    stub_head = rng.choice(["INDEX TEST", "Assay", ""])
    if two_rows:
        put(xs[0], top + row_h + 0.35 * size, stub_head, white, "hebo")
        put(xs[1], top + row_h + 0.35 * size, "SAMPLE SIZE", white, "hebo")
        put(xs[2], top + 0.65 * row_h, group, white, "hebo")
        for k, sub in enumerate(subs):
            put(xs[2 + k], top + 1.65 * row_h, sub, white, "hebo")
        grid = [[stub_head, "SAMPLE SIZE", group] + [None] * (n_sub - 1), [None, None] + subs]
    else:
        heads = [stub_head, "SAMPLE SIZE"] + subs
        for k, h in enumerate(heads):
            put(xs[k], top + 0.65 * row_h, h, white, "hebo")
        grid = [heads]
    y = bottom
    ruled = rng.random() < 0.6
    if seed % 2:  # a section row first, under the band, with no rule between
        section = rng.choice(["People who inject drugs", "General population"])
        put(xs[0], y + 0.65 * row_h, section, font="hebo")
        grid.append([section] + [""] * (len(widths) - 1))
        y += row_h
        if ruled:
            page.draw_line((xs[0], y), (xs[-1], y), color=fill, width=0.4)
    for stub in rng.sample(STUBS, 5):
        row = [stub, str(rng.randint(1, 30))] + [f"{rng.uniform(50, 99):.1f}%" for _ in subs]
        for k, text in enumerate(row):
            put(xs[k], y + 0.65 * row_h, text)
        grid.append(row)
        y += row_h
        if ruled:
            page.draw_line((xs[0], y), (xs[-1], y), color=fill, width=0.4)
    return doc.tobytes(), grid, 2 if two_rows else 1


@pytest.mark.parametrize("seed", range(12))
def test_a_header_band_of_filled_cells_reads_as_its_rows(seed: int) -> None:
    pdf, grid, n_header = _page(seed)
    table = only_table(pdf)
    read = grid_of(table)
    assert table.n_header_rows == n_header
    assert [[x or "" for x in row] for row in read[n_header:]] == [[x or "" for x in row] for row in grid[n_header:]]
    assert [[x or "" for x in row] for row in read[:n_header]] == [[x or "" for x in row] for row in grid[:n_header]]
