"""A ragged-right paragraph column (LaTeX p{} with \\raggedright) under labels that head their groups (the first
column empty below each label), rows set at the text's line pitch: a cell's last line must join its row even where
its next word would have fitted in the gutter beyond the column (a centred column to its right starts far off,
or the rules overhang the last column by its padding), and a short line before a long word wrapped too. Read as
a row of its own, the line made the table a row longer. Under a caption set below, the head stays the table's
though the rule under it leaves a wider gap than the body's tight lines. A generated family: fonts, sizes, widths and texts by
seed; every row must come back whole."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

WORDS = ["layer", "collected", "after", "heavy", "rainfall", "from", "the", "upper", "reach", "of", "the",
         "river", "measured", "in", "triplicate", "under", "nitrogen", "at", "room", "temperature",
         "without", "further", "purification", "strong", "and", "reversible", "binding", "observed",
         "only", "in", "presence", "of", "excess", "ligand", "weathered", "surface", "sandstone", "with",
         "calcite", "cement", "minor", "clay", "partly"]
LABELS = ["Training", "Validation", "Region 2", "Series B", "Phase I", "Control"]
ITEMS = ["Granite", "Site A", "Model A", "Pd/C", "Juvenile", "Hexane", "KBr", "Ours"]


def _wrap(words: list[str], width: float, font: str, size: float) -> list[str]:
    """Greedy line breaking, as TeX sets ragged-right text: a word goes on while the line still fits."""
    lines: list[str] = []
    for word in words:
        if lines and pymupdf.get_text_length(f"{lines[-1]} {word}", fontname=font, fontsize=size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _table(seed: int) -> tuple[bytes, list[list[str]]]:
    rng = random.Random(seed)
    font, size = rng.choice(["helv", "tiro"]), rng.uniform(7.0, 9.0)
    pitch, pad = 1.2 * size, 6.0
    last = seed % 2 == 1  # the paragraph column is the table's last, else a centred column of numbers follows
    width = rng.uniform(85, 120)
    xs = [72.0 + pad, 72.0 + pad + 70, 72.0 + pad + 140]  # label, item, paragraph
    value_x = xs[2] + width + 2 * pad + rng.uniform(12, 25)  # a short number centred in a wide head's column
    right = (xs[2] + width if last else value_x + 45) + pad
    heads = ["Group", "Item", "Remarks"] + ([] if last else ["Pressure [kPa]"])
    grid = [heads]
    placed: list[tuple[float, float, str]] = [(x, 0.0, h) for x, h in zip(xs + [value_x - 12], heads)]
    y = pitch + 1.2 * size  # the rule under the head, with its padding on either side
    for g in range(rng.randint(2, 3)):
        for k in range(rng.randint(2, 3)):
            words = rng.sample(WORDS, rng.randint(4, 11))
            words[0] = words[0].capitalize()
            lines = _wrap(words, width, font, size)
            label = LABELS[g] if k == 0 else ""
            item = rng.choice(ITEMS)
            value = f"{rng.uniform(1, 900):.1f}"
            grid.append([label, item, " ".join(lines)] + ([] if last else [value]))
            placed += [(xs[0], y, label), (xs[1], y, item)] + [(xs[2], y + i * pitch, t) for i, t in enumerate(lines)]
            if not last:
                placed.append((value_x, y, value))
            y += len(lines) * pitch
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    top = 120.0
    below = seed % 4 >= 2  # a caption under the table: its rows read upwards, over the rule under the head
    caption_y = top + y + 0.5 * pitch + 14 if below else top - 2.2 * size
    page.insert_text((72, caption_y), "Table 1: Remarks per sample and group.", fontsize=9)
    for x, dy, text in placed:
        if text:
            page.insert_text((x, top + pitch + dy), text, fontsize=size, fontname=font)
    for dy, w in ((0.0, 0.8), (pitch + 0.35 * size, 0.5), (y + 0.5 * pitch, 0.8)):
        page.draw_line((72, top + dy), (right, top + dy), width=w)
    return doc.tobytes(), grid


@pytest.mark.parametrize("seed", range(12))
def test_a_ragged_paragraph_cell_stays_in_its_row(seed: int) -> None:
    pdf, grid = _table(seed)
    table = only_table(pdf)
    read = {(c.row, c.col): c.text for c in table.cells}
    assert table.n_rows == len(grid)
    assert [read.get((r, 2)) for r in range(len(grid))] == [row[2] for row in grid]
    assert [read.get((r, 1)) for r in range(len(grid))] == [row[1] for row in grid]
