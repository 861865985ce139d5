"""A table's note set as its last row, across the table above its bottom rule (ISO standards: `a  See 6.4.3.11.`
in the box, the marker set apart; booktabs notes over the \\bottomrule), is the table's footnote, not a row of its
grid (found corpus: ISO 26262-3 Table 4 kept its note as a 15th row). Tables drawn by the random table generator
with a last row left empty across the table and the note written into it; rules, columns and notes vary by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table
from random_table_pages import rt_content, rt_draw

NOTES = [("a", "See 6.4.3.11."), ("c", "Measured at 25 °C."), ("Note:", "Values are means of three runs."),
         ("Source:", "National survey of 2019."), ("*", "Significant at p < 0.05."), ("b", "Estimated from the model.")]


def _page(seed: int):  # -> (pdf, content without the note row, note text)
    for attempt in range(50):
        rng = random.Random(f"note-rows/{seed}/{attempt}")
        content = rt_content.make_table(rng, max_cols=6)
        style = rt_draw.TableStyle.draw(rng)
        style.rules = rng.choice(["grid", "hlines", "booktabs"])
        style.filled, style.zebra = None, None
        n = content.n_cols
        content.rows.append([rt_content.Cell("", cs=n, kind="section")] + [None] * (n - 1))
        geometry = rt_draw.measure(content, style)
        if geometry.width > 500 or geometry.height > 600:
            continue
        doc = pymupdf.open()
        doc.new_page(width=612, height=792)
        doc[0].insert_text((50, 60), "Table 4 — Measured values for each group.", fontsize=10)
        canvas = rt_draw.Canvas(doc, 0)
        boxes = rt_draw.draw_table(geometry, canvas, 50, 80)
        canvas.flush()
        marker, text = rng.choice(NOTES)
        box = boxes[(len(content.rows) - 1, 0)]
        size = style.size * 0.9
        base = box.y1 - (box.height - size) / 2 - 0.2 * size
        doc[0].insert_text((box.x0 + 3, base), marker, fontsize=size)
        apart = rng.choice([0.4, 2.5]) * size  # a marker run into its text, or set apart (ISO's hanging note)
        doc[0].insert_text((box.x0 + 3 + pymupdf.get_text_length(marker, "helv", size) + apart, base), text, fontsize=size)
        content.rows.pop()
        return doc.tobytes(), content, text
    raise AssertionError(f"seed {seed}: no draw fits the page")


@pytest.mark.parametrize("seed", range(16))
def test_note_row_above_the_bottom_rule_is_a_footnote(seed: int) -> None:
    pdf, content, text = _page(seed)
    table = only_table(pdf)
    assert table.n_rows == len(content.rows)
    assert text.split()[-1] in (table.footnotes or "")
