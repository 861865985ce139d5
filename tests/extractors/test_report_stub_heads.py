"""The stub head of a report table (`Household income`, `Source of energy`) centred down a header of two or
three rows sits on a line of its own between the header's lines, overlapping the next one. It is the header's
top-left cell spanning its rows; it was a header row of its own, or a label spanning the next column and so
never lifted (benchmarks/papers/report_tables, exact truth)."""
from __future__ import annotations

import pytest

from tests.extractors import report_pages

DOCS = {1: [18, 21, 28, 40, 94, 96, 103, 119, 132, 142], 2: [35, 36, 43, 47, 56, 60, 65, 71]}


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, object]]:
    pairs = []
    for seed, indices in DOCS.items():
        out = tmp_path_factory.mktemp(f"stubheads{seed}")
        for pdf, truth in report_pages.documents(seed, indices, out):
            tables = report_pages.read_tables(pdf)
            pairs += [(t, report_pages.matched(tables, t)) for t in truth["tables"]
                      if t["header_rows"] >= 2 and t["grid"][0][0]]
    return pairs


def test_a_stub_head_centred_down_the_header_is_its_top_left_cell(read) -> None:
    assert len(read) >= 20
    top = [m is not None and m.n_header_rows == t["header_rows"] and any(
        cell.row == 0 and cell.col == 0 and report_pages.norm(cell.text) == report_pages.norm(t["grid"][0][0])
        for cell in m.cells) for t, m in read]
    assert sum(top) >= 0.7 * len(top), f"{sum(top)} of {len(top)}"  # 48 of 65; at e5863a9: 37
