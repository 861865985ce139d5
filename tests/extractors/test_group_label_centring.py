"""A group label with no rule under it (\\multicolumn{k}{c}{...} in a table ruled only above and below) is
centred on its columns as wide as their heads, which may be much wider than the numbers under them. Taken
from the numbers' extent alone, a label over four columns looked centred over the middle two. A generated
family: 4-7 value columns, right-aligned numbers narrower than their heads, one group label over 2-4 of them."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

HEADS = ["Stress/MPa", "Conc./mg L", "Area/m2", "Time", "Throughput", "Volume/mL", "Latency/ms"]


def _centred_group(seed: int) -> tuple[bytes, int, int]:
    """The PDF, the label's first column and its span."""
    rng = random.Random(seed)
    size = rng.uniform(7.5, 9.0)
    n_values = rng.randint(4, 7)
    heads = ["Model"] + rng.sample(HEADS, n_values)
    widths = [pymupdf.get_text_length(h, fontsize=size) for h in heads]
    widths[0] = pymupdf.get_text_length("Treatment", fontsize=size)  # the stub as wide as its widest label
    pad = rng.uniform(10, 16)
    xs = [60.0]
    for w in widths:
        xs.append(xs[-1] + w + pad)

    def centre(lo: int, k: int) -> float:
        return (xs[lo] + xs[lo + k] - pad) / 2

    runs = [(lo, k) for k in range(2, 5) for lo in range(1, n_values + 2 - k)]
    first, span = rng.choice([run for run in runs  # a label no other run of columns is centred under
                              if all(abs(centre(*run) - centre(*o)) > 3 for o in runs if o != run)])
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    top = 110.0
    page.insert_text((xs[0], top - 2.2 * size), "Table 1: Results on the sites.", fontsize=9)
    label = rng.choice(["Site 2", "In-domain", "Cohort B"])
    lo, hi = xs[first], xs[first + span] - pad
    page.insert_text(((lo + hi - pymupdf.get_text_length(label, fontsize=size)) / 2, top), label, fontsize=size)
    pitch = 1.7 * size  # a row apart: a label tight over one head reads as its first line (test_group_headers)
    for c, head in enumerate(heads):  # heads right-aligned in their columns, numbers under them narrower
        right = xs[c + 1] - pad
        x = xs[c] if c == 0 else right - widths[c]
        page.insert_text((x, top + pitch), head, fontsize=size)
    for r in range(rng.randint(3, 6)):
        y = top + (r + 2) * pitch
        page.insert_text((xs[0], y), rng.choice(["Treatment", "Week 6", "TiO2"]), fontsize=size)
        for c in range(1, len(heads)):
            value = str(rng.randint(1, 99))
            page.insert_text((xs[c + 1] - pad - pymupdf.get_text_length(value, fontsize=size), y), value,
                             fontsize=size)
    page.draw_line((xs[0], top - 1.2 * size), (xs[-1] - pad, top - 1.2 * size), width=0.8)
    page.draw_line((xs[0], top + pitch + 0.5 * size), (xs[-1] - pad, top + pitch + 0.5 * size), width=0.5)
    page.draw_line((xs[0], y + 0.6 * size), (xs[-1] - pad, y + 0.6 * size), width=0.8)
    return doc.tobytes(), first, span


@pytest.mark.parametrize("seed", range(12))
def test_a_group_label_spans_the_heads_it_is_centred_on(seed: int) -> None:
    pdf, first, span = _centred_group(seed)
    table = only_table(pdf)
    label = next(c for c in table.cells if c.row == 0 and c.text)
    assert (label.col, label.col_span) == (first, span)
