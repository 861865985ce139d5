"""Tables whose heads wrap over two or three tightly set lines and whose text cells wrap over several: the
geology papers' sideways tables of realdev (R17, R18), drawn upright here as a generated family.

Heads are set bottom-aligned, one line apart, under a top rule and over a rule under the header; body
rows hold a label, numbers and one or two descriptions whose lines wrap with a hanging indent; the table
may have no bottom rule (it runs on to the next page). Each head is one cell of its own column, every
body row one row.
"""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.pipeline import extract_document

HEADS = [["Seismic", "Units"], ["Age of", "Base"], ["Two-Way", "Traveltime", "Thickness (s)"], ["Average", "Velocity (s)"],
         ["Internal Character,", "Geometry"], ["Probable", "Lithology"], ["Units beneath", "the Plain"]]
WORDS = ("low to moderate amplitude internal reflections subparallel to wavy locally transparent wedge shaped unit "
         "thickening toward the west downlap observed on its base").split()


def _table(seed: int, bottom_rule: bool, centred: bool = False) -> tuple[bytes, int, int, list[str]]:
    rng = random.Random(seed)
    n_cols = rng.randint(4, 7)
    heads = HEADS[:n_cols]
    text_cols = {n_cols - 2, n_cols - 3} if n_cols >= 5 else {n_cols - 2}
    size, pitch = 9.0, 11.5
    doc = pymupdf.open()
    page = doc.new_page(width=760, height=560)
    page.insert_text((40, 40), "Table 1. Summary of the principal features of the seismic units.", fontsize=10)
    x0, x1 = 40.0, 720.0
    widths = [150.0 if c in text_cols else 70.0 for c in range(n_cols)]
    scale = (x1 - x0) / sum(widths)
    lefts = [x0 + scale * sum(widths[:c]) for c in range(n_cols)]
    top = 52.0
    page.draw_line((x0, top), (x1, top), width=0.8)
    depth = max(len(h) for h in heads)
    rights = [*lefts[1:], x1]
    for c, head in enumerate(heads):
        for k, line in enumerate(head):  # bottom-aligned: the last line of every head on one baseline
            width = pymupdf.get_text_length(line, fontsize=size)
            x = (lefts[c] + rights[c] - 12 - width) / 2 if centred else lefts[c]
            page.insert_text((x, top + 12 + pitch * (depth - len(head) + k)), line, fontsize=size)
    y = top + 12 + pitch * (depth - 1) + 6
    page.draw_line((x0, y), (x1, y), width=0.5)
    n_body = rng.randint(3, 6)
    for r in range(n_body):
        y += 14
        lines_used = 1
        for c in range(n_cols):
            if c == 0:
                page.insert_text((lefts[c], y), f"K{r + 1}", fontsize=size)
            elif c in text_cols:
                n_lines = rng.randint(1, 4)
                for k in range(n_lines):
                    words = " ".join(rng.sample(WORDS, 4))
                    page.insert_text((lefts[c] + (6 if k else 0), y + pitch * k), words, fontsize=size)
                lines_used = max(lines_used, n_lines)
            else:
                page.insert_text((lefts[c], y), f"{rng.uniform(0, 5):.1f}", fontsize=size)
        y += pitch * (lines_used - 1) + 4
    if bottom_rule:
        page.draw_line((x0, y + 6), (x1, y + 6), width=0.8)
    return doc.tobytes(), n_body + 1, n_cols, [" ".join(h) for h in heads]


@pytest.mark.parametrize("centred", [False, True], ids=["flush-left", "centred"])
@pytest.mark.parametrize("bottom_rule", [True, False], ids=["bottom-rule", "runs-on"])
@pytest.mark.parametrize("seed", range(6))
def test_wrapped_heads_and_cells_make_one_row_each(seed: int, bottom_rule: bool, centred: bool) -> None:
    pdf, n_rows, n_cols, heads = _table(seed, bottom_rule, centred)
    tables = extract_document(pdf).tables
    assert [(t.label, t.n_rows, t.n_cols, t.n_header_rows) for t in tables] == [("Table 1", n_rows, n_cols, 1)]
    header = {c.col: c.text for c in tables[0].cells if c.is_header}
    assert [header.get(c) for c in range(n_cols)] == heads
