"""The page checks of extractors/table_checks.py on the engine's own tables of generated documents (the random
table papers of benchmarks/papers/random_tables, several seeds and styles), each read again after a damage the
checks must see: the last row's cells dropped (its words are then in no cell: `words_lost`), two neighbouring
cells of one line merged into one (`cell_gaps`), and the undamaged table compared with itself (no loss)."""
from __future__ import annotations

import dataclasses
import importlib.util
import statistics
from pathlib import Path

import pymupdf
import pytest

from extractors.model import Cell, TableItem
from extractors.pdf_reader import read_page
from extractors.pipeline import extract_document
from extractors.table_checks import CELL_GAP, own_words, table_checks, words_inside

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "papers" / "random_tables" / "generate.py"
DOCUMENTS = [(5, i) for i in range(4)] + [(6, i) for i in range(4)]


def _generator():  # the generator under a name no other test uses
    spec = importlib.util.spec_from_file_location("random_tables_generate_checks", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[TableItem, object]]:
    """(table, its page's content) for every table the engine reads from text on the generated pages."""
    out, generate, found = tmp_path_factory.mktemp("checks"), _generator(), []
    for seed, index in DOCUMENTS:
        pdf = generate.generate_one(seed, index, out, check=False)[0]
        extraction = extract_document(pdf)
        with pymupdf.open(pdf) as doc:
            for table in extraction.tables:
                page = doc[table.page - 1]
                if page.rotation % 360:
                    continue  # a turned page's words are read in its own frame
                content = read_page(page)
                if words_inside(table.bbox, content.lines) and len(table.cells) >= 4:
                    found.append((table, content))
    assert len(found) >= 10
    return found


def _checked(table: TableItem, content) -> dict:
    return dict(table_checks(table, content.lines, content.rules).evidence)


def test_a_dropped_last_row_leaves_its_words_lost(tables) -> None:
    for table, content in tables:
        assert _checked(table, content)["words_lost"] == 0.0, (table.label, _checked(table, content).get("words_lost_text"))
        last = max(c.row for c in table.cells)
        if not any(c.text.strip() for c in table.cells if c.row == last):
            continue
        damaged = dataclasses.replace(table, cells=tuple(c for c in table.cells if c.row != last))
        assert _checked(damaged, content)["words_lost"] >= 1, table.label


def _merge(table: TableItem, content) -> TableItem | None:
    """The table with the first pair of neighbouring one-word body cells a gutter apart merged into one cell."""
    words = words_inside(table.bbox, content.lines)
    height = statistics.median(w.bbox[3] - w.bbox[1] for w in words)
    at = {(c.row, c.col): c for c in table.cells}
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        right = at.get((cell.row, cell.col + 1))
        if cell.row < table.n_header_rows or right is None or cell.bbox is None or right.bbox is None:
            continue
        if len(cell.text.split()) != 1 or len(right.text.split()) != 1:
            continue
        mine, theirs = own_words(cell, words), own_words(right, words)
        if len(mine) != 1 or len(theirs) != 1 or theirs[0].bbox[0] - mine[0].bbox[2] < CELL_GAP * height:
            continue
        if abs(mine[0].bbox[1] - theirs[0].bbox[1]) > 0.25 * height:
            continue
        box = (min(cell.bbox[0], right.bbox[0]), min(cell.bbox[1], right.bbox[1]),
               max(cell.bbox[2], right.bbox[2]), max(cell.bbox[3], right.bbox[3]))
        merged = Cell(cell.row, cell.col, f"{cell.text} {right.text}", bbox=box)
        return dataclasses.replace(table, cells=tuple(merged if c is cell else c for c in table.cells if c is not right))
    return None


def test_two_cells_of_a_row_merged_into_one_hold_words_a_gutter_apart(tables) -> None:
    merged = [(t, _merge(t, content), content) for t, content in tables]
    merged = [(t, m, content) for t, m, content in merged if m is not None]
    assert len(merged) >= 6
    for table, damaged, content in merged:
        assert _checked(damaged, content)["cell_gaps"] > _checked(table, content)["cell_gaps"], table.label
