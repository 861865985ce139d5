"""A compound broken at its own hyphen at a cell's line end keeps the hyphen where the document prints the compound
whole elsewhere (realdev R21 `Latency-` / `sensitive?`, R18 `millimeter-` / `thick`, found wellsfargo `Charge-` /
`offs`: read `Latencysensitive?`, `Chargeoffs`). A word the typesetter broke (`concen-` / `tration`), printed whole
nowhere with a hyphen, is joined as before. Generated: narrow ruled columns of heads and cells that wrap at a hyphen,
the compounds used in prose on the same page or on an earlier one, in several fonts, sizes and widths."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.compound_words import document_words, with_compound_hyphens
from extractors.model import Cell, TableItem
from extractors.pipeline import extract_document

COMPOUNDS = [("Latency-", "sensitive?"), ("Charge-", "offs"), ("millimeter-", "thick"), ("Cross-", "validated"),
             ("Self-", "reported"), ("Follow-", "up"), ("Time-", "varying"), ("Loss-", "adjusted"), ("Non-", "linear"),
             ("Long-", "term"), ("Write-", "back"), ("Risk-", "weighted")]
BROKEN = [("concen-", "tration"), ("measure-", "ment"), ("compres-", "sion"), ("tempera-", "ture")]
FONTS = ["helv", "tiro", "cour"]


def _doc(seed: int) -> tuple[bytes, list[str], list[str]]:
    """A document whose prose uses some compounds whole; a ruled table whose first column breaks them (and
    typeset words) over two lines. Returns the PDF, the texts the broken cells must read and the plain ones."""
    rng = random.Random(f"compound-hyphens/{seed}")
    font, size = rng.choice(FONTS), rng.choice([7.0, 8.0, 9.0])
    compounds = rng.sample(COMPOUNDS, 3)
    broken = rng.sample(BROKEN, 2)
    doc = pymupdf.open()
    prose_page = doc.new_page(width=612, height=792)
    y = 80.0
    for a, b in compounds:  # the compound printed whole, mid-sentence
        prose_page.insert_text((72, y), f"We report the {(a + b).lower().rstrip('?')} results of the study here.",
                               fontsize=10, fontname=font)
        y += 14
    table_page = doc.new_page(width=612, height=792) if seed % 2 else prose_page
    y = 300.0 if table_page is prose_page else 100.0
    table_page.insert_text((72, y - 12), "Table 1: Results", fontsize=10, fontname=font)
    cells = compounds + broken
    rng.shuffle(cells)
    xs = [72.0, 72 + rng.uniform(55, 70), 72 + 130, 72 + 190]
    table_page.draw_line((xs[0], y), (xs[-1], y), width=0.8)
    head = [["Name"], ["Value"], ["Share"]]
    rows = [head] + [[[a, b], [f"{rng.randint(1, 99)}"], [f"{rng.randint(1, 99)}%"]] for a, b in cells]
    for row in rows:
        height = max(len(c) for c in row) * size * 1.25 + 4
        for k, cell in enumerate(row):
            for i, line in enumerate(cell):
                table_page.insert_text((xs[k] + 3, y + 2 + (i + 1) * size * 1.25 - 0.25 * size), line,
                                       fontsize=size, fontname=font)
        y += height
        table_page.draw_line((xs[0], y), (xs[-1], y), width=0.5)
    whole = [a + b for a, b in compounds]
    joined = [a[:-1] + b for a, b in broken]
    return doc.tobytes(), whole, joined


@pytest.mark.parametrize("seed", range(12))
def test_a_compound_broken_at_its_hyphen_keeps_it(seed: int) -> None:
    pdf, whole, joined = _doc(seed)
    [table] = [t for t in extract_document(pdf).tables if t.label]
    stubs = {c.text for c in table.cells if c.col == 0 and c.row > 0}
    assert set(whole) <= stubs, f"{sorted(stubs)}"
    assert set(joined) <= stubs, f"{sorted(stubs)}"


def test_document_words_key_compounds_by_their_letters() -> None:
    whole, compounds = document_words(["latency-sensitive jobs", "a charge-off/down", "Charge-", "offs (3)"])
    assert compounds == {"latencysensitive": "latency-sensitive", "chargeoff": "charge-off"}
    assert "charge" not in whole and "offs" in whole


def test_a_word_printed_whole_unhyphenated_is_left_alone() -> None:
    table = TableItem(page=1, bbox=(0, 0, 1, 1), cells=(Cell(0, 0, "Email"), Cell(1, 0, "Latencysensitive?")),
                      n_rows=2, n_cols=1, n_header_rows=1, confidence=0.5, method="t")
    [out] = with_compound_hyphens([table], ["e-mail and email", "latency-sensitive"])
    assert [c.text for c in out.cells] == ["Email", "Latency-sensitive?"]
