"""Damaged text layers are said per item: one undecodable cell is counted even when the rest reads."""
from __future__ import annotations

from extractors.model import Cell, TableItem
from extractors.text_quality import damaged_cells, mark_garbled


def _table(texts: list[str]) -> TableItem:
    cells = tuple(Cell(i // 3, i % 3, text) for i, text in enumerate(texts))
    return TableItem(page=1, bbox=(0, 0, 100, 100), cells=cells, n_rows=len(texts) // 3, n_cols=3, n_header_rows=1,
                     confidence=0.95, method="t/1", label="Table 1", caption="Yields of the readable caption",
                     evidence=(("caption", 1.0),))


def test_one_undecodable_cell_is_counted_and_the_confidence_left_to_routing() -> None:
    table = _table(["Catalyst", "Yield", "p", "Pd/C", "0.91\ufffd", "0.01", "Ni", "0.85", "0.2\ue001"])
    assert damaged_cells(table) == 2
    marked = mark_garbled(table)
    assert dict(marked.evidence)["damaged_cells"] == 2 and "garbled_text" not in dict(marked.evidence)
    assert marked.confidence == 0.95  # mostly readable: routing sends it to review by its evidence


def test_readable_tables_are_left_alone_and_garbage_is_capped() -> None:
    clean = _table(["Catalyst", "Yield ± s.d.", "T (°C)", "Pd/C", "0.91 ± 0.02", "−12.5", "Ni", "0.85", "1.2×10⁻³"])
    assert damaged_cells(clean) == 0 and mark_garbled(clean) == clean
    garbage = _table(["\ufffd\ufffd", "\ue000\ue001", "x", "\ufffd1", "\ufffd", "\ufffd", "a", "b", "c"])
    marked = mark_garbled(garbage)
    assert dict(marked.evidence)["damaged_cells"] == 5 and marked.confidence == 0.1
    assert dict(marked.evidence)["garbled_text"] > 0.5
