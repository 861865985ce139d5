"""A stub label wrapped onto a second line, its values on that last line, is one row: hung in by a quarter em
(found 12s0324, 6 pt type: `Murder and nonnegligent` / `manslaughter`, hung 0.28 em, read as a row of its own)
or set flush where its first line cannot end (atlas-cms-higgs-mass: `ATLAS ECAL non-linearity /` / `CMS photon
non-linearity`). Generated: unruled statistical tables with indented sub-entries, some labels wrapped with a
small hang or flush after a slash or `and`, in several fonts and sizes."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

ENTRIES = [("Violent crime", ["Robbery", "Aggravated assault", ("Murder and nonnegligent", "manslaughter")]),
           ("Property crime", ["Burglary", ("Offenses against the family and", "children"), "Arson"]),
           ("Scale uncertainties", [("ATLAS ECAL non-linearity /", "CMS photon non-linearity"), "Material in front",
                                    ("Muon momentum scale and", "resolution")]),
           ("Other offenses", ["Vandalism", ("Weapons; carrying /", "possessing"), "Gambling", "Vagrancy"])]


def _page(seed: int) -> tuple[bytes, list[str], int]:
    """The PDF, the stub labels as one row each reads them, and the number of body rows."""
    rng = random.Random(f"wrapped-stub/{seed}")
    font = rng.choice(["helv", "tiro"])
    size = rng.choice([6.0, 7.0, 8.0, 9.0])
    hang = rng.uniform(0.25, 0.45) * size
    lead = size * rng.uniform(1.05, 1.25)
    indent = rng.uniform(0.5, 1.0) * size
    groups = rng.sample(ENTRIES, 2)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((60, 70), "Table 3. Arrests by offense", fontsize=10, fontname=font)
    x_vals = [230.0, 290.0, 350.0]
    page.draw_line((60, 80), (390, 80), width=0.6)
    for x, head in zip([60.0] + x_vals, ["Offense", "Total", "Male", "Female"]):
        page.insert_text((x, 92), head, fontsize=size, fontname=font)
    page.draw_line((60, 97), (390, 97), width=0.4)
    y, labels = 97 + lead + 2, []

    def values(at: float) -> None:
        for x in x_vals:
            page.insert_text((x, at), f"{rng.randint(1, 999)}.{rng.randint(0, 9)}", fontsize=size, fontname=font)

    for head, items in groups:
        page.insert_text((60, y), head, fontsize=size, fontname=font)
        values(y)
        labels.append(head)
        y += lead
        for item in items:
            if isinstance(item, tuple):
                first, second = item
                flush = first.endswith(("/", "and")) and rng.random() < 0.5 or first.endswith("/")
                page.insert_text((60 + indent, y), first, fontsize=size, fontname=font)
                y += lead
                page.insert_text((60 + indent + (0 if flush else hang), y), second, fontsize=size, fontname=font)
                labels.append(f"{first} {second}")
            else:
                page.insert_text((60 + indent, y), item, fontsize=size, fontname=font)
                labels.append(item)
            values(y)
            y += lead
    page.draw_line((60, y - lead + 3), (390, y - lead + 3), width=0.6)
    return doc.tobytes(), labels, len(labels)


@pytest.mark.parametrize("seed", range(12))
def test_a_wrapped_stub_label_with_its_values_on_its_last_line_is_one_row(seed: int) -> None:
    pdf, labels, n_body = _page(seed)
    table = only_table(pdf)
    stubs = [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == 0 and c.row >= table.n_header_rows]
    assert stubs == labels
    assert table.n_rows - table.n_header_rows == n_body
