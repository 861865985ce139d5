"""Text tables whose rows stand further apart than the lines of a cell (BMC's recruitment table): a line at a
row's gap under a full line that ended a sentence is a new entry (its label cell empty), even though the
line above filled its column; lines at a cell's pitch go on joining their cell. Generated family: fonts,
pitches, widths and which row holds a second entry vary by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

WORDS = ("posters flyers packs researchers attended sessions information given study contact details "
         "managers employees briefings visited parents groups interested persons collected").split()
SITES = ["Local library", "Job centre", "Community hub", "Local gym", "Social club", "Public health", "YMCA"]


def _full_line(rng: random.Random, width: float, size: float, font: str) -> str:
    """A sentence filling a line of `width` (within one word of its end), capitalised, ending with '.'."""
    words = [rng.choice(WORDS).capitalize()]
    while True:
        word = rng.choice(WORDS)
        if pymupdf.get_text_length(" ".join(words + [word]) + ".", fontname=font, fontsize=size) > width:
            return " ".join(words) + "."
        words.append(word)


def _spaced_table(seed: int) -> tuple[bytes, list[tuple[str, str]]]:
    """The PDF and its body rows as (label, activity)."""
    rng = random.Random(seed)
    size, font = rng.uniform(7.0, 8.5), rng.choice(["helv", "tiro"])
    line_pitch = 1.2 * size
    row_pitch = line_pitch + rng.uniform(0.45, 0.8) * size
    left, text_x, right = 57.0, 57.0 + rng.uniform(150, 190), rng.uniform(500, 535)
    width = right - text_x
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=794)
    page.insert_text((left, 90), "Table 1 Recruitment activities by site", fontsize=8)
    page.draw_line((left, 96), (right, 96), width=0.5)
    y = 96 + 1.3 * size
    page.insert_text((left, y), "Site", fontsize=size, fontname=font)
    page.insert_text((text_x, y), "Recruitment activity", fontsize=size, fontname=font)
    page.draw_line((left, y + 0.45 * size), (right, y + 0.45 * size), width=0.4)
    rows: list[tuple[str, str]] = []
    second = rng.randrange(1, 5)
    for r, site in enumerate(rng.sample(SITES, 6)):
        y += row_pitch
        n_lines = rng.choice([1, 2])
        lines = [_full_line(rng, width, size, font)[:-1] for _ in range(n_lines - 1)] + [_full_line(rng, width, size, font)]
        page.insert_text((left, y), site, fontsize=size, fontname=font)
        for k, line in enumerate(lines):
            page.insert_text((text_x, y + k * line_pitch), line, fontsize=size, fontname=font)
        y += (n_lines - 1) * line_pitch
        rows.append((site, " ".join(lines)))
        if r == second:  # a second activity of the same site: a row of its own, no label
            y += row_pitch
            extra = _full_line(rng, 0.6 * width, size, font)
            page.insert_text((text_x, y), extra, fontsize=size, fontname=font)
            rows.append(("", extra))
    page.draw_line((left, y + 0.5 * size), (right, y + 0.5 * size), width=0.5)
    return doc.tobytes(), rows


@pytest.mark.parametrize("seed", range(10))
def test_a_line_at_a_rows_gap_is_a_new_entry(seed: int) -> None:
    pdf, rows = _spaced_table(seed)
    table = only_table(pdf)
    found = {(c.row, c.col): c.text for c in table.cells}
    body = [(found.get((r, 0), ""), found.get((r, 1), "")) for r in range(table.n_header_rows, table.n_rows)]
    assert body == rows
