"""A column whose cells hold only pictures (mdpi-smart-city Table 5: a rating graphic under `Final labelling`)
has no words, so its head was glued to the head beside it. A head over no column of words with an image under it
heads a column of its own. Generated with PyMuPDF: an image a row or one image down the body, the picture column
last or in the middle, fonts, sizes, column counts and widths, caption above."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

HEADS = ["Technology", "Qualification", "Area weighing", "Score", "Share"]
PICTURE_HEADS = ["Final labelling", "Structure", "Sample", "Photograph"]


def _picture(rng: random.Random) -> pymupdf.Pixmap:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 30), False)
    pix.set_rect(pix.irect, tuple(rng.randrange(40, 220) for _ in range(3)))
    return pix


def _page(seed: int) -> tuple[bytes, list[str], int]:
    """The PDF, the header's cells left to right, and the number of body rows."""
    rng = random.Random(f"picture-columns/{seed}")
    size, font = rng.choice([9.0, 10.0]), rng.choice(["tiro", "helv"])
    n_text = rng.choice([2, 3, 4])
    heads = HEADS[:n_text]
    at = n_text if rng.random() < 0.6 else rng.randrange(1, n_text)  # the picture column's place
    picture_head = rng.choice(PICTURE_HEADS)
    heads = heads[:at] + [picture_head] + heads[at:]
    widths = [rng.uniform(85, 110) for _ in heads]
    xs = [70.0]
    for w in widths:
        xs.append(xs[-1] + w)
    per_row = rng.random() < 0.5
    pitch = (rng.uniform(2.2, 2.8) if per_row else rng.uniform(1.3, 1.5)) * size
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((xs[0], 90), "Table 5. SCM for Pamplona City strategy.", fontsize=size, fontname=font)
    page.draw_line((xs[0], 98), (xs[-1], 98), width=0.8)

    def centred(text: str, k: int, y: float) -> None:
        x = (xs[k] + xs[k + 1]) / 2 - pymupdf.get_text_length(text, font, size) / 2
        page.insert_text((x, y), text, fontsize=size, fontname=font)

    y = 98 + 1.4 * size
    for k, head in enumerate(heads):
        centred(head, k, y)
    page.draw_line((xs[0], y + 0.5 * size), (xs[-1], y + 0.5 * size), width=0.5)
    top = y + 0.5 * size
    n_rows = rng.choice([4, 6, 8])
    for r in range(n_rows):
        y += pitch
        values = [f"T{r + 1:02d}"] + [f"{rng.uniform(1, 5):.2f}" for _ in range(n_text - 1)]
        for k, text in enumerate(values):
            centred(text, k if k < at else k + 1, y)
        if per_row:
            box = pymupdf.Rect(xs[at] + 15, y - 0.75 * pitch, xs[at + 1] - 15, y + 0.1 * pitch)
            page.insert_image(box, pixmap=_picture(rng))
    if not per_row:
        page.insert_image(pymupdf.Rect(xs[at] + 10, top + 0.5 * pitch, xs[at + 1] - 10, y - 0.3 * pitch),
                          pixmap=_picture(rng))
    page.draw_line((xs[0], y + 0.6 * size), (xs[-1], y + 0.6 * size), width=0.8)
    return doc.tobytes(), heads, n_rows


@pytest.mark.parametrize("seed", range(12))
def test_a_head_over_pictures_heads_its_own_column(seed: int) -> None:
    pdf, heads, n_rows = _page(seed)
    table = only_table(pdf)
    assert table.n_cols == len(heads)
    assert [c.text for c in sorted(table.cells, key=lambda c: c.col) if c.row == 0] == heads
    assert table.n_rows - table.n_header_rows == n_rows
