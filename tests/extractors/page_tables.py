"""The one table find_tables reads on a generated one-page PDF: what most table rule tests look at."""
from __future__ import annotations

import pymupdf

from extractors.captions import find_captions
from extractors.model import TableItem
from extractors.pdf_reader import read_page
from extractors.tables import find_tables


def only_table(pdf: bytes) -> TableItem:
    """The tables of the PDF's first page, asserted to be exactly one."""
    page = read_page(pymupdf.open(stream=pdf)[0])
    tables = find_tables(page, find_captions(page))
    assert len(tables) == 1, f"{len(tables)} tables found"
    return tables[0]
