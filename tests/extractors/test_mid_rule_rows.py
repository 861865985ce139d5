"""A booktabs table set small keeps the rows after a \\midrule (PubTables-1M Table 2: `PubTables-1M (ours)` under a
mid rule, the last row, was dropped). booktabs pads a rule by fixed points (about 2 and 3 pt at 10 pt text), so in
a table set at 6.5-8 pt the gap holding a mid rule is an em or more, wider than the gap the caption's rows allow.
Generated with PyMuPDF: fonts, sizes, row pitches, paddings; one or two row groups after the first, the group read
first of three to five rows, the far one of one or two; the caption above or under the table; rules of one weight
or a heavier top and bottom."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

NAMES = ["SciTSR", "PubTabNet", "FinTabNet", "TableBank", "ICDAR-13", "ICDAR-19", "WTW", "TabLeX", "DocBank",
         "PubLayNet", "FUNSD", "SROIE", "CORD", "DocVQA"]
HEADS = ["Dataset", "Tables", "with a PRH", "Total", "Share", "Of all"]


def _page(seed: int) -> tuple[bytes, list[str]]:
    """The PDF and the body rows' first cells, top to bottom."""
    rng = random.Random(f"mid-rule-rows/{seed}")
    size, font = rng.choice([6.5, 7.0, 7.5, 8.0]), rng.choice(["tiro", "helv", "cour"])
    face = pymupdf.Font(font)
    rise, drop = face.ascender * size, -face.descender * size  # a line's box over and under its baseline
    pitch = rise + drop + rng.uniform(0.25, 0.35) * size  # rows set tight: a third of an em between lines
    across = rng.uniform(0.95, 1.2) * size  # booktabs' fixed padding round a mid rule, an em of a small table
    above_pad, below_pad = 0.43 * across, 0.57 * across
    heavy = rng.choice([0.5, 0.8])
    x0, stub, width = 70.0, rng.uniform(70, 95), rng.uniform(44, 60)
    n_cols = rng.choice([4, 5, 6])
    right = x0 + stub + (n_cols - 1) * width
    caption_above = rng.random() < 0.5
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    caption = "Table 2. Estimated measure of oversegmentation by dataset."

    def rule(y: float, w: float) -> None:
        page.draw_line((x0, y), (right, y), width=w)

    def row(y: float, cells: list[str]) -> None:
        page.insert_text((x0 + 3, y), cells[0], fontsize=size, fontname=font)
        for k, text in enumerate(cells[1:]):
            end = x0 + stub + (k + 1) * width - 4
            page.insert_text((end - pymupdf.get_text_length(text, font, size), y), text, fontsize=size, fontname=font)

    y = 90.0
    if caption_above:
        page.insert_text((x0, y), caption, fontsize=size + 1, fontname=font)
        y += 10
    rule(y, heavy)
    y += below_pad + rise
    row(y, HEADS[:n_cols])
    y += drop + above_pad
    rule(y, 0.5)
    y += below_pad
    names = rng.sample(NAMES, 12)
    sizes = [rng.choice([3, 4, 5])] + [rng.choice([3, 4]) for _ in range(rng.choice([0, 1]))] + [rng.choice([1, 2])]
    if not caption_above:  # read up from the caption: the long groups come first
        sizes.reverse()
    first: list[str] = []
    for g, n in enumerate(sizes):
        if g:
            y += drop + above_pad
            rule(y, 0.5)
            y += below_pad
        for k in range(n):
            y += rise if k == 0 else pitch
            name = names.pop()
            row(y, [name] + [f"{rng.uniform(0, 99):.2f}" for _ in range(n_cols - 1)])
            first.append(name)
    y += drop + above_pad
    rule(y, heavy if rng.random() < 0.5 else 0.5)
    if not caption_above:
        page.insert_text((x0, y + 14), caption, fontsize=size + 1, fontname=font)
    page.insert_text((x0, y + 40), "Limitations. While the stated goal of canonicalization is to remove",
                     fontsize=10, fontname=font)
    return doc.tobytes(), first


@pytest.mark.parametrize("seed", range(16))
def test_rows_after_a_mid_rule_stay_in_the_table(seed: int) -> None:
    pdf, first = _page(seed)
    table = only_table(pdf)
    stub = [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == 0 and c.row >= table.n_header_rows]
    assert stub == first
