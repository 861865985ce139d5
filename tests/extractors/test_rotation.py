"""A page with /Rotate 90 (a landscape table in a portrait document) is read as it is displayed."""
from pathlib import Path

import pymupdf

from extractors.pipeline import extract_document


def test_table_on_a_rotated_page_reads_upright(tmp_path: Path):
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.set_rotation(90)

    def write(x: float, y: float, text: str) -> None:  # (x, y) as displayed; text upright on screen
        page.insert_text(pymupdf.Point(x, y) * page.derotation_matrix, text, fontsize=10, fontname="helv", rotate=90)

    write(72, 80, "Table 4: Results on the rotated page.")
    rows = [("Method", "Score", "Time"), ("Alpha", "0.91", "12"), ("Beta", "0.87", "15"), ("Gamma", "0.78", "9")]
    for i, row in enumerate(rows):
        for x, text in zip((90, 250, 380), row):
            write(x, 110 + 16 * i, text)
    path = tmp_path / "rotated.pdf"
    doc.save(path)

    result = extract_document(path)
    assert result.page_sizes[0] == (792.0, 612.0)
    (table,) = result.tables
    assert table.label == "Table 4"
    grid = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    assert grid == [list(r) for r in rows]
    x0, y0, x1, y1 = table.bbox
    assert 0 <= x0 < x1 <= 792 and 0 <= y0 < y1 <= 612
