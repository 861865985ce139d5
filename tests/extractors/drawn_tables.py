"""A small ruled table drawn with PyMuPDF and rendered to PNG: the picture tests paste as a table image."""
from __future__ import annotations

import pymupdf

ROWS = [("Model", "Score", "Time"), ("alpha", "0.91", "12"), ("beta", "0.87", "15"), ("gamma", "0.78", "9")]


def table_png(rows: list[tuple[str, ...]] = ROWS, dpi: int = 200) -> bytes:
    """The rows as a ruled table (12 pt text, rules between rows), rendered to PNG, 290 x 130 pt."""
    source = pymupdf.open()
    page = source.new_page(width=300, height=160)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            page.insert_text((12 + 90 * c, 24 + 30 * r), text, fontsize=12)
    for r in range(len(rows) + 1):
        page.draw_line((6, 6 + 30 * r), (282, 6 + 30 * r), width=0.8)
    png = page.get_pixmap(dpi=dpi, clip=pymupdf.Rect(0, 0, 290, 130)).tobytes("png")
    source.close()
    return png
