"""First-column labels centred on an even number of rows (LaTeX's \\multirow{2} or {4}): the label's line sits
halfway between two rows of values, and a raised exponent in the lower row (`3.0 × 10⁻⁴`) can reach up to it,
so that banding glued the label to the lower row. Each label must come back in its group's top row. A
generated family: groups of 2 and 4 rows (and 1), row pitch, sizes and exponents by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table


def _grouped(seed: int) -> tuple[bytes, list[tuple[int, str]]]:
    """The PDF and each group's (first body row, label)."""
    rng = random.Random(seed)
    size = rng.uniform(7.5, 9.0)
    pitch = rng.uniform(1.5, 1.65) * size  # Helvetica's boxes are 1.38 em tall
    widths = [rng.uniform(55, 70), rng.uniform(55, 70)] + [rng.uniform(45, 60) for _ in range(3)]
    xs = [60.0]
    for w in widths:
        xs.append(xs[-1] + w)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    top = 110.0
    page.insert_text((xs[0], top - 2 * size), "Table 3: Yields per season.", fontsize=9)
    for c, head in enumerate(["Season", "Sample", "Count", "Ratio", "Flux"]):
        page.insert_text((xs[c], top), head, fontsize=size)
    page.draw_line((xs[0], top + 0.5 * size), (xs[-1], top + 0.5 * size), width=0.5)
    groups: list[tuple[int, str]] = []
    row = 0
    for g in range(rng.randint(3, 5)):
        n = rng.choice([2, 2, 4, 1])
        label = ["Winter", "Summer", "Training", "Support", "In vitro"][g]
        groups.append((row, label))
        first_y = top + (row + 1) * pitch + 0.3 * size
        for k in range(n):
            y = first_y + k * pitch
            page.insert_text((xs[1], y), rng.choice(["Wet season", "Knockout", "Baseline", "Ethanol"]), fontsize=size)
            page.insert_text((xs[2], y), str(rng.randint(1, 999)), fontsize=size)
            page.insert_text((xs[3], y), f"{rng.uniform(1, 9):.1f} × 10", fontsize=size)
            width = pymupdf.get_text_length(f"{rng.uniform(1, 9):.1f} × 10", fontsize=size)
            page.insert_text((xs[3] + width + 0.5, y - 0.45 * size), f"-{rng.randint(1, 9)}", fontsize=0.7 * size)
            page.insert_text((xs[4], y), f"{rng.uniform(0, 99):.2f}", fontsize=size)
        page.insert_text((xs[0], first_y + (n - 1) * pitch / 2), label, fontsize=size)
        row += n
    bottom = top + (row + 1) * pitch
    page.draw_line((xs[0], bottom), (xs[-1], bottom), width=0.8)
    return doc.tobytes(), groups


@pytest.mark.parametrize("seed", range(10))
def test_a_label_between_rows_heads_its_group(seed: int) -> None:
    pdf, groups = _grouped(seed)
    table = only_table(pdf)
    labels = {c.row - table.n_header_rows: c.text for c in table.cells if c.col == 0 and c.text and c.row >= 1}
    assert labels == dict(groups)
