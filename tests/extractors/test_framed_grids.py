"""Tables inside drawn frames, whose outer rules stand just outside their text. A fully ruled grid with labels
spanning rows and rows spanning the first two columns (R03) keeps its columns from the rules; a frame with one
rule between groups of columns (R13) keeps the columns its numbers align on; a double rule leaves no empty
column; a box drawn round a table gives its section rows no span. Generated families: widths, sizes, group
sizes and row counts vary by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

MODELS = ["AlexNet", "InceptionV3", "ResNet", "VGG-16"]
SOURCES = ["Original", "Skin Segmented", "Face", "Hands", "Face + Hands"]



def _centred(page: pymupdf.Page, text: str, a: float, b: float, y: float, size: float) -> None:
    page.insert_text(((a + b - pymupdf.get_text_length(text, fontsize=size)) / 2, y), text, fontsize=size)


def _ruled_grid(seed: int) -> tuple[bytes, list[list[str | None]]]:
    """A grid ruled cell by cell: model labels centred across their rows, then rows whose label spans the
    first two columns. Returns the PDF and the expected grid (None: covered by a span)."""
    rng = random.Random(seed)
    size = rng.uniform(8.0, 9.5)
    widths = [rng.uniform(75, 95), rng.uniform(80, 100), rng.uniform(60, 75), rng.uniform(65, 80)]
    edges = [170.0]
    for w in widths:
        edges.append(edges[-1] + w)
    pitch = 1.9 * size
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    _centred(page, "Table 1: Classification results", edges[0], edges[-1], 80, size)
    top = 90.0
    grid: list[list[str | None]] = [["Model", "Source", "Loss (NLL)", "Accuracy (%)"]]
    for c, head in enumerate(grid[0]):
        _centred(page, head, edges[c], edges[c + 1], top + 0.7 * pitch, size)
    y = top + pitch
    lines = [(top, 0, 4), (y, 0, 4)]  # (height, first column, last column + 1) of each horizontal rule
    verticals: list[tuple[float, float, float]] = []  # (x, y0, y1)
    for model in rng.sample(MODELS, 2):
        n = rng.randint(3, 5)
        _centred(page, model, edges[0], edges[1], y + (n / 2 + 0.2) * pitch, size)
        for k, source in enumerate(SOURCES[:n]):
            row = [model if k == 0 else None, source, f"{rng.uniform(0.1, 1.2):.4f}", f"{rng.uniform(80, 99):.2f}"]
            for c in range(1, 4):
                _centred(page, row[c], edges[c], edges[c + 1], y + 0.7 * pitch, size)
            grid.append(row)
            lines.append((y + pitch, 1 if k < n - 1 else 0, 4))
            verticals += [(edges[c], y, y + pitch) for c in range(5)]
            y += pitch
    for label in rng.sample(["Real-time System", "Majority Voting Ensemble", "GA-Weighted Ensemble"], 2):
        _centred(page, label, edges[0], edges[2], y + 0.7 * pitch, size)
        row = [label, None, f"{rng.uniform(0.1, 1.2):.4f}", f"{rng.uniform(80, 99):.2f}"]
        for c in (2, 3):
            _centred(page, row[c], edges[c], edges[c + 1], y + 0.7 * pitch, size)
        grid.append(row)
        verticals += [(edges[c], y, y + pitch) for c in (0, 2, 3, 4)]
        y += pitch
        lines.append((y, 0, 4))
    verticals += [(edges[c], top, top + pitch) for c in range(5)]
    for height, first, last in lines:
        page.draw_line((edges[first], height), (edges[last], height), width=0.4)
    for x, y0, y1 in verticals:
        page.draw_line((x, y0), (x, y1), width=0.4)
    return doc.tobytes(), grid


@pytest.mark.parametrize("seed", range(8))
def test_a_ruled_grid_keeps_the_columns_its_rules_draw(seed: int) -> None:
    pdf, grid = _ruled_grid(seed)
    table = only_table(pdf)
    assert (table.n_rows, table.n_cols) == (len(grid), 4)
    found: list[list[str | None]] = [[None] * 4 for _ in range(table.n_rows)]
    for cell in table.cells:
        found[cell.row][cell.col] = cell.text
    assert [row[1:] for row in found] == [row[1:] for row in grid]
    assert [row[0] for row in found if row[0]] == [row[0] for row in grid if row[0]]


def _grouped_frame(seed: int, double: bool) -> tuple[bytes, int]:
    """A framed table of scores with one vertical rule (or a double one) between in-domain and out-of-domain
    columns and none between the columns of a group. Returns the PDF and its column count."""
    rng = random.Random(seed)
    size = rng.uniform(7.5, 9.0)
    n_in, n_out = rng.randint(4, 7), rng.randint(2, 3)
    width = rng.uniform(38, 46)
    x0 = 60.0
    stub = x0 + 4
    xs = [x0 + 90 + k * width for k in range(n_in)]
    split = xs[-1] + width - 4
    xs += [split + 10 + k * width for k in range(n_out)]
    x1 = xs[-1] + width
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((x0, 80), "Table 4: Scores per language.", fontsize=size)
    top, pitch = 88.0, 1.5 * size
    y = top + pitch
    page.insert_text((stub, y - 0.3 * size), "Language", fontsize=size)
    for k, x in enumerate(xs):
        page.insert_text((x, y - 0.3 * size), f"L{k + 1}", fontsize=size)
    for r in range(rng.randint(4, 7)):
        y += pitch
        page.insert_text((stub, y - 0.3 * size), f"Metric {r + 1}", fontsize=size)
        for x in xs:
            page.insert_text((x, y - 0.3 * size), f"{rng.uniform(60, 95):.2f}", fontsize=size)
    bottom = y + 0.3 * size
    for height in (top, top + pitch + 0.1 * size, bottom):
        page.draw_line((x0, height), (x1, height), width=0.5)
    for x in [x0, x1, split] + ([split + 3] if double else []):
        page.draw_line((x, top), (x, bottom), width=0.5)
    return doc.tobytes(), 1 + n_in + n_out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("double", [False, True])
def test_a_rule_between_groups_of_columns_keeps_every_column(seed: int, double: bool) -> None:
    pdf, n_cols = _grouped_frame(seed, double)
    table = only_table(pdf)
    assert table.n_cols == n_cols
    assert all(cell.col_span == 1 for cell in table.cells)


def _boxed_sections(seed: int) -> tuple[bytes, list[str]]:
    """A table in a drawn box with no rules inside it but under the header, its rows grouped under section
    labels set flush left on rows of their own. Returns the PDF and the section labels."""
    rng = random.Random(seed)
    size = rng.uniform(7.5, 9.0)
    n_values = rng.randint(4, 6)
    x0, x1 = 300.0, 560.0
    xs = [x0 + 6] + [x0 + 130 + k * (x1 - x0 - 140) / n_values for k in range(n_values)]
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((x0, 80), "Table 2. Fatty acid contents (%) of the strains.", fontsize=size)
    top, pitch = 88.0, 1.45 * size
    y = top + pitch
    for k, x in enumerate(xs):
        page.insert_text((x, y - 0.3 * size), "Fatty acid" if k == 0 else str(k), fontsize=size)
    page.draw_line((x0, y + 0.1 * size), (x1, y + 0.1 * size), width=0.4)
    sections = rng.sample(["Straight chain saturated", "Branched saturated", "Mono-unsaturated", "Hydroxy"], 2)
    for section in sections:
        y += pitch
        page.insert_text((xs[0], y - 0.3 * size), section, fontsize=size)
        for r in range(rng.randint(2, 4)):
            y += pitch
            page.insert_text((xs[0] + 8, y - 0.3 * size), f"C{rng.randint(12, 19)}:0", fontsize=size)
            for x in xs[1:]:
                page.insert_text((x, y - 0.3 * size), f"{rng.uniform(0.5, 30):.1f}", fontsize=size)
    bottom = y + 0.4 * size
    page.draw_rect(pymupdf.Rect(x0, top, x1, bottom), width=0.5)
    return doc.tobytes(), sections


@pytest.mark.parametrize("seed", range(6))
def test_a_box_round_a_table_gives_its_section_rows_no_span(seed: int) -> None:
    pdf, sections = _boxed_sections(seed)
    table = only_table(pdf)
    labels = [cell for cell in table.cells if cell.text in sections]
    assert [cell.text for cell in labels] == sections
    assert all((cell.col, cell.col_span) == (0, 1) for cell in labels)
