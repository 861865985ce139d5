"""A table caption set justified in a narrow column (two-column papers): its full lines stretch their spaces,
and the reader cuts a line at a wide one into pieces on one baseline. Those pieces are the caption's line,
not a table's header row beside it. A generated family: column widths, where the lines are cut, two to four
lines, with the table under the caption."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

WORDS = ("characteristics of the patients included in the study missing entries were not measured or did not "
         "converge within the time limit data for the second campaign were collected by the partner "
         "laboratory").split()


def _justified(seed: int) -> tuple[bytes, str]:
    rng = random.Random(seed)
    size = 9.0
    left, width = 60.0, rng.uniform(190, 230)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y = 100.0
    length = lambda text: pymupdf.get_text_length(text, fontsize=size)

    def full_line(start: list[str], room: float) -> list[str]:
        """Words from a random place in WORDS filling `room` but for 1.5-3.5 em (the stretched space)."""
        while True:
            at, line = rng.randrange(len(WORDS)), list(start)
            while length(" ".join(line + [WORDS[at % len(WORDS)]])) <= room - 1.5 * size:
                line.append(WORDS[at % len(WORDS)])
                at += 1
            if room - length(" ".join(line)) <= 3.5 * size and len(line) > len(start) + 1:
                return line

    lines = [full_line(["Table", "1:"], width)] + [full_line([], width) for _ in range(rng.randint(0, 2))]
    last = full_line([], width)
    lines.append(last[: max(2, len(last) // 2)])  # a last line of its own length, flush left
    right = left + width
    for k, line in enumerate(lines):
        if k == len(lines) - 1:  # the last line short, flush left
            page.insert_text((left, y), " ".join(line), fontsize=size)
        else:  # justified: the reader cuts the line at its stretched space
            cut = 2 if k == 0 else rng.randint(1, len(line) - 1)  # `Table 1:` apart, as pdfLaTeX sets it
            head, tail = " ".join(line[:cut]), " ".join(line[cut:])
            page.insert_text((left, y), head, fontsize=size)
            page.insert_text((right - length(tail), y), tail, fontsize=size)
        y += 1.5 * size
    y += 1.2 * size
    xs = [left, left + 60, left + 110, left + 160]
    rows = [["Compound", "Recall", "Size", "Cover"]] + [
        [rng.choice(["CO2", "TiO2", "ZnO"]), str(rng.randint(1, 999)), f"{rng.uniform(0, 9):.2f}",
         f"{rng.uniform(0, 99):.1f}"] for _ in range(rng.randint(3, 5))]
    page.draw_line((left, y - 1.0 * size), (left + 200, y - 1.0 * size), width=0.8)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            page.insert_text((xs[c], y + r * 1.4 * 8), cell, fontsize=8)
    page.draw_line((left, y + 0.4 * size), (left + 200, y + 0.4 * size), width=0.5)
    caption = " ".join(" ".join(line) for line in lines)
    return doc.tobytes(), caption.removeprefix("Table 1: ")


@pytest.mark.parametrize("seed", range(10))
def test_a_justified_caption_is_read_whole(seed: int) -> None:
    pdf, caption = _justified(seed)
    table = only_table(pdf)
    assert table.caption == caption
    assert next(c.text for c in table.cells if c.row == 0) == "Compound"
