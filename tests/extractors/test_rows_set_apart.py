"""Rows set apart by space, each cell centred on its row and several of them wrapping (realdev R05 Table 1,
MNRAS; the random generator's `wrap_cells` style): a row is the lines between two wider gaps, however the
lines of its cells interleave. Tables drawn by the random generator with that style forced, one per page."""
from __future__ import annotations

import importlib.util
import random
import sys
import unicodedata
from pathlib import Path

import pymupdf
import pytest
from page_tables import only_table

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "papers" / "random_tables"


def _load(name: str, path: Path):  # a module of the generator under a name no other test uses
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_load("random_tables_generate_set_apart", GENERATOR / "generate.py")  # puts its folder on sys.path
rt_content, rt_draw = sys.modules["rt_content"], sys.modules["rt_draw"]
STYLES = frozenset({"wrap_cells"})


def _page(seed: int) -> tuple[bytes, list[list[str | None]], int]:
    """A one-table page of the `wrap_cells` family: the PDF, the truth grid and its header rows (a table drawn
    too wide for the page is drawn again from the seed's next draw)."""
    for attempt in range(50):
        rng = random.Random(f"rows-set-apart/{seed}" + (f"/{attempt}" if attempt else ""))
        content = rt_content.make_table(rng, max_cols=6, styles=STYLES)
        style = rt_draw.TableStyle.draw(rng, STYLES)
        style.rules = "booktabs"  # unruled, such a table's wide gaps end it before its last rows (not read yet)
        geometry = rt_draw.measure(content, style)
        if geometry.width <= 520:
            break
    else:
        raise AssertionError(f"seed {seed}: no draw fits the page")
    doc = pymupdf.open()
    doc.new_page(width=612, height=792)
    doc[0].insert_text((50, 60), "Table 1. Properties of the samples prepared by each method.", fontsize=10)
    canvas = rt_draw.Canvas(doc, 0)
    rt_draw.draw_table(geometry, canvas, 50, 80)
    canvas.flush()
    return doc.tobytes(), content.grid(), content.header_rows


def _body(grid: list[list[str | None]], n_header: int) -> list[list[str]]:
    """The body rows' texts as the scorer compares them (NFKC: a raised ᵃ reads `a`; − reads -)."""
    return [[" ".join(unicodedata.normalize("NFKC", text or "").replace("−", "-").split()) for text in row]
            for row in grid[n_header:]]


@pytest.mark.parametrize("seed", range(12))
def test_rows_set_apart_by_space_are_one_row_each(seed: int) -> None:
    pdf, truth, n_header = _page(seed)
    table = only_table(pdf)
    grid: list[list[str | None]] = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    assert table.n_rows == len(truth)
    assert _body(grid, table.n_header_rows) == _body(truth, n_header)
