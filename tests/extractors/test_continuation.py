"""A table that runs over a page break is two parts, the second linked to the first."""
from pathlib import Path

import pymupdf

from extractors.pipeline import extract_document


def _rows(page, top, rows):
    page.draw_line((90, top - 12), (520, top - 12), width=0.8)
    for i, row in enumerate(rows):
        for x, text in zip((95, 260, 420), row):
            page.insert_text((x, top + 14 * i), text, fontsize=9, fontname="helv")
        if i == 0:
            page.draw_line((90, top + 4), (520, top + 4), width=0.4)
    page.draw_line((90, top + 14 * len(rows) - 8), (520, top + 14 * len(rows) - 8), width=0.8)


def test_part_on_the_next_page_repeating_the_header_is_linked(tmp_path: Path):
    header = ("Sample", "Mass (g)", "Volume (mL)")
    doc = pymupdf.open()
    first = doc.new_page()
    first.insert_text((90, 600), "Table 2: Masses and volumes of all samples.", fontsize=10, fontname="helv")
    _rows(first, 630, [header] + [(f"S{i}", f"{i}.5", f"{2 * i}.0") for i in range(1, 8)])
    second = doc.new_page()
    _rows(second, 90, [header] + [(f"S{i}", f"{i}.5", f"{2 * i}.0") for i in range(8, 12)])
    second.insert_text((72, 200), "The measurements in the table above were repeated three times by two operators.",
                       fontsize=10, fontname="helv")
    path = tmp_path / "continued.pdf"
    doc.save(path)

    tables = extract_document(path).tables
    assert [t.page for t in tables] == [1, 2]
    assert tables[0].continued_from is None
    assert tables[1].continued_from == 0
    assert tables[1].label == "Table 2"
    assert tables[1].n_rows == 5
