"""A value centred over two columns in a few body rows (`\\multicolumn{2}{c}{0.01 (<0.01)}`: atlas-cms-higgs-mass
Table 1's combined result, one value where the two experiments share it) spans them; it bridged the gap between
their values, and the two columns were read as one (`ATLAS CMS`, `0.02 (0.04) 0.05 (0.06)` in one cell).
Generated with PyMuPDF: booktabs rules, fonts, sizes, one to three pairs of columns under group labels, the shared
values in the last pair or another, two to five of the rows sharing, column gaps of one to three ems."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

LABELS = ["Photon energy resolution", "Material in front of ECAL", "Integrated luminosity", "Theory uncertainties",
          "Statistical uncertainty", "Total uncertainty", "Z calibration", "Muon momentum scale", "Pile-up",
          "Background modeling", "Lateral shower shape", "Longitudinal response"]


def _page(seed: int) -> tuple[bytes, int, list[tuple[int, int]]]:
    """The PDF, the number of columns, and the (body row, first column) of each shared value."""
    rng = random.Random(f"values-over-two-columns/{seed}")
    size, font = rng.choice([8.0, 9.0, 10.0]), rng.choice(["tiro", "helv"])
    pairs = rng.choice([1, 2, 3])
    shared_pair = rng.randrange(pairs) if rng.random() < 0.4 else pairs - 1
    value_w = pymupdf.get_text_length("0.00 (0.00)", font, size)
    gap = rng.uniform(1.0, 3.0) * size
    x0, stub = 60.0, pymupdf.get_text_length(max(LABELS, key=len), font, size) + 2 * size
    starts = [x0 + stub + k * (value_w + gap) for k in range(2 * pairs)]
    right = starts[-1] + value_w
    pitch = 1.3 * size
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((x0, 80), "Table 1: Systematic uncertainties in the mass measurements [GeV].", fontsize=size,
                     fontname=font)

    def text(x: float, y: float, s: str, centre: bool = True) -> None:
        dx = pymupdf.get_text_length(s, font, size) / 2 if centre else 0.0
        page.insert_text((x - dx, y), s, fontsize=size, fontname=font)

    y = 90.0
    page.draw_line((x0, y), (right, y), width=0.8)
    y += pitch
    for p in range(pairs):
        a, b = starts[2 * p], starts[2 * p + 1] + value_w
        text((a + b) / 2, y, ["ATLAS results", "CMS results", "Combined"][p])
        page.draw_line((a, y + 0.35 * size), (b, y + 0.35 * size), width=0.4)
    y += pitch
    for k, x in enumerate(starts):
        text(x + value_w / 2, y, ["ATLAS", "CMS"][k % 2] if rng.random() < 0.5 else ["H to gg", "H to 4l"][k % 2])
    y += 0.4 * size
    page.draw_line((x0, y), (right, y), width=0.5)
    n_rows = rng.choice([8, 10, 12])
    sharing = set(rng.sample(range(1, n_rows), rng.choice([2, 3, 4, 5])))
    shared: list[tuple[int, int]] = []
    for r, label in enumerate(rng.sample(LABELS, n_rows)):
        y += pitch
        text(x0 + 2, y, label, centre=False)
        for p in range(pairs):
            a, b = starts[2 * p], starts[2 * p + 1]
            if p == shared_pair and r in sharing:
                text((a + b + value_w) / 2, y, f"0.{rng.randrange(10, 99)} (<0.01)")
                shared.append((r, 1 + 2 * p))
            else:
                text(a + value_w / 2, y, f"0.{rng.randrange(10, 99)} (0.{rng.randrange(10, 99)})")
                text(b + value_w / 2, y, f"0.{rng.randrange(10, 99)} (0.{rng.randrange(10, 99)})")
    y += 0.5 * size
    page.draw_line((x0, y), (right, y), width=0.8)
    return doc.tobytes(), 1 + 2 * pairs, shared


@pytest.mark.parametrize("seed", range(14))
def test_a_value_centred_over_two_columns_spans_them(seed: int) -> None:
    pdf, n_cols, shared = _page(seed)
    table = only_table(pdf)
    assert table.n_cols == n_cols
    spanning = sorted((c.row - table.n_header_rows, c.col) for c in table.cells
                      if c.row >= table.n_header_rows and c.col_span == 2)
    assert spanning == shared
