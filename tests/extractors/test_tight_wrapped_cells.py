"""A text cell wrapped onto two tightly set lines, beside one-line cells centred on the pair: both lines fall in
one row band, and the short lower line ends before the upper line's second word starts. Split at that gap, the
cell came back as two pieces joined out of order ('Triplicate room under nitrogen at'). A generated family:
fonts, sizes, leading and wrap points by seed; every wrapped cell must read line by line."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

UPPER = ["Triplicate under nitrogen at", "Collected after heavy rainfall", "Observed only in excess",
         "Weathered surface layer of", "Pretrained on the full", "Calcite cement and minor", "Measured in the upper"]
LOWER = ["room", "soil", "clay", "ligand", "corpus", "reach", "water"]  # shorter than the upper line's first word


def _tight_table(seed: int) -> tuple[bytes, list[list[str]]]:
    rng = random.Random(seed)
    font = rng.choice(["helv", "tiro", "cour"])
    size = rng.uniform(7.5, 9.5)
    leading = rng.uniform(1.05, 1.2) * size  # glyph boxes of the two lines overlap
    left, top = 70.0, 120.0
    widths = [rng.uniform(55, 70), rng.uniform(120, 150), rng.uniform(50, 65)]
    grid = [["Sample", "Remarks", "Status"]]
    page_lines: list[tuple[float, float, str]] = []  # x, baseline, text
    y = top
    page_lines += [(left, y, "Sample"), (left + widths[0], y, "Remarks"), (left + widths[0] + widths[1], y, "Status")]
    y += 2.2 * size
    for r in range(rng.randint(4, 7)):
        first, second = rng.choice(UPPER).split(), [rng.choice(LOWER)]
        while pymupdf.get_text_length(" ".join(first), fontname=font, fontsize=size) > widths[1] - 12:
            first.pop()  # the upper line stays inside its column
        label = rng.choice(["Week", "Site", "Day"]) + f" {r + 1}"
        status = rng.choice(["positive", "open", "n.d.", "yes"])
        grid.append([label, " ".join(first + second), status])
        x1 = left + widths[0]
        page_lines += [(x1, y, " ".join(first)), (x1, y + leading, " ".join(second)),
                       (left, y + leading / 2, label), (x1 + widths[1], y + leading / 2, status)]
        y += leading + 1.6 * size
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((left, top - 2.5 * size), "Table 3: Remarks per sample.", fontsize=9)
    for x, baseline, text in page_lines:
        page.insert_text((x, baseline), text, fontsize=size, fontname=font)
    right = left + sum(widths)
    page.draw_line((left, top - 1.3 * size), (right, top - 1.3 * size), width=0.8)
    page.draw_line((left, top + 0.8 * size), (right, top + 0.8 * size), width=0.5)
    page.draw_line((left, y - 0.6 * size), (right, y - 0.6 * size), width=0.8)
    return doc.tobytes(), grid


@pytest.mark.parametrize("seed", range(10))
def test_a_tightly_wrapped_cell_reads_line_by_line(seed: int) -> None:
    pdf, grid = _tight_table(seed)
    table = only_table(pdf)
    read = {(c.row, c.col): c.text for c in table.cells}
    assert [read.get((r, 1)) for r in range(len(grid))] == [row[1] for row in grid]
