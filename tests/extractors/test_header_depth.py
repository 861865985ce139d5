"""How deep a header is, where the cues are easy to misread. A generated family each:

- fully ruled grids with three header rows: the rules inside the header stop at the stub head centred across
  all three (so no full-width rule ends the header before the body), and heads with no sub-heads reach down
  over the empty cells below them; group labels may be quantities (`1 h`, `298 K`);
- unruled tables whose body is cut into sections by lone first-column labels, the first right under the
  header: it starts the body, it is no second line of the stub head."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

Cell = tuple[int, int, int, int, str]  # row, col, row span, col span, text


def _ruled_three_row_header(seed: int) -> tuple[bytes, list[Cell], int]:
    """A grid drawn cell by cell: stub head over 3 rows, one or two group labels over sub-groups and plain heads
    (some plain heads reaching down two rows), then 3-6 body rows. Returns the PDF, the header cells, body rows."""
    rng = random.Random(seed)
    size = rng.uniform(7.0, 9.0)
    n_groups = rng.randint(1, 2)
    header: list[Cell] = [(0, 0, 3, 1, rng.choice(["Condition", "Method", "Sample"]))]
    col = 1
    for g in range(n_groups):
        subs = []
        if rng.random() < 0.5:  # a head with no sub-heads, reaching down two rows
            subs.append((1, col, 2, 1, rng.choice(["Length", "Depth (m)", "Ratio"])))
            col += 1
        for s in range(rng.randint(1, 2)):
            width = rng.randint(2, 3)
            subs.append((1, col, 1, width, rng.choice(["Simulation", "Cohort A", "Site 2", "1 h"])))
            subs += [(2, col + k, 1, 1, rng.choice(["Flux", "Yield", "Rate", "Uptake, %", "Strain"]))
                     for k in range(width)]
            col += width
        first = min(c for _, c, _, _, _ in subs)
        header.append((0, first, 1, col - first, rng.choice(["Condition A", "Dataset Y", "298 K", "Field"])))
        header += subs
    n_cols, n_body = col, rng.randint(3, 6)
    widths = [rng.uniform(50, 70)] + [rng.uniform(38, 52) for _ in range(n_cols - 1)]
    left, top, pitch = 50.0, 100.0, 1.9 * size
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    doc = pymupdf.open()
    page = doc.new_page(width=842 if xs[-1] > 560 else 595, height=595 if xs[-1] > 560 else 842)
    page.insert_text((left, top - 10), "Table 4: Uptake under each condition.", fontsize=9)

    def cell(row: int, col: int, rows: int, cols: int, text: str) -> None:
        x0, x1 = xs[col], xs[col + cols]
        y0, y1 = top + row * pitch, top + (row + rows) * pitch
        page.draw_rect(pymupdf.Rect(x0, y0, x1, y1), width=0.5)  # each cell its own border, as exports draw
        width = pymupdf.get_text_length(text, fontsize=size)
        page.insert_text(((x0 + x1 - width) / 2, (y0 + y1) / 2 + 0.35 * size), text, fontsize=size)

    for row, col, rows, cols, text in header:
        cell(row, col, rows, cols, text)
    for r in range(n_body):
        cell(3 + r, 0, 1, 1, rng.choice(["Wet season", "South", "XGBoost", "Site A"]))
        for c in range(1, n_cols):
            cell(3 + r, c, 1, 1, f"{rng.uniform(0, 999):.{rng.randint(0, 3)}f}")
    return doc.tobytes(), header, n_body


@pytest.mark.parametrize("seed", range(10))
def test_a_ruled_header_of_three_rows_is_read_whole(seed: int) -> None:
    pdf, header, n_body = _ruled_three_row_header(seed)
    table = only_table(pdf)
    assert table.n_header_rows == 3
    assert table.n_rows == 3 + n_body
    found = {(c.row, c.col): (c.row_span, c.col_span, c.text) for c in table.cells}
    for row, col, rows, cols, text in header:
        assert found.get((row, col)) == (rows, cols, text), text


def _sections_under_the_header(seed: int) -> tuple[bytes, list[list[str]]]:
    """An unruled table (maybe a rule above and below) whose body is cut into 2-4 sections by lone labels in
    the first column, the first section's label on the line right under the header. Returns the PDF and the
    grid as printed, header first."""
    rng = random.Random(seed)
    size = rng.uniform(7.5, 9.5)
    n_cols = rng.randint(3, 7)
    heads = [rng.choice(["Dataset", "Method", "Group"])] + [
        rng.choice(["Yield/%", "Voltage/V", "Size/nm", "Latency/ms", "n"]) for _ in range(n_cols - 1)]
    grid = [heads]
    for s in range(rng.randint(2, 4)):
        grid.append([rng.choice(["Phase", "Series", "Region", "Cohort"]) + f" {s + 1}"] + [""] * (n_cols - 1))
        for _ in range(rng.randint(1, 3)):
            grid.append([rng.choice(["North", "Hexane", "Baseline", "Ethanol"])]
                        + [f"{rng.uniform(-50, 900):.{rng.randint(0, 2)}f}" for _ in range(n_cols - 1)])
    widths = [rng.uniform(55, 75)] + [rng.uniform(45, 60) for _ in range(n_cols - 1)]
    left, top, pitch = 60.0, 110.0, rng.uniform(1.3, 1.7) * size
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((left, top - 12), "Table 1: Results per phase.", fontsize=9)
    for r, row in enumerate(grid):
        x = left
        for c, text in enumerate(row):
            if text:
                width = pymupdf.get_text_length(text, fontsize=size)
                at = x if c == 0 else x + widths[c] - width - 4
                page.insert_text((at, top + (r + 1) * pitch), text, fontsize=size)
            x += widths[c]
    if rng.random() < 0.5:
        right = left + sum(widths)
        page.draw_line((left, top + 0.2 * pitch), (right, top + 0.2 * pitch), width=0.8)
        bottom = top + (len(grid) + 0.4) * pitch
        page.draw_line((left, bottom), (right, bottom), width=0.8)
    return doc.tobytes(), grid


@pytest.mark.parametrize("seed", range(10))
def test_a_section_label_under_the_header_starts_the_body(seed: int) -> None:
    pdf, grid = _sections_under_the_header(seed)
    table = only_table(pdf)
    assert table.n_header_rows == 1
    assert table.n_rows == len(grid)
    read = {(c.row, c.col): c.text for c in table.cells}
    assert [read.get((r, 0)) for r in range(len(grid))] == [row[0] for row in grid]
