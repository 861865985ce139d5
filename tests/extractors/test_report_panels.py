"""Panel titles in US report tables (benchmarks/papers/report_tables, exact truth): a line such as `ALL RACES`
or `BOTH SEXES` or a year (`2009`), centred on the whole table under its header, splits the body into panels. It is one cell
across the table at the stub's column, not a column of its own (two such titles stacked in the gap between
a wide stub and the first data column made one) nor a head in the column it happens to sit over."""
from __future__ import annotations

import pytest

from tests.extractors import report_pages

DOCS = {1: [15, 17, 21, 24, 26, 36, 37, 52, 82, 90, 117, 123, 30, 35, 92, 94, 110, 137],
        2: [5, 19, 22, 31, 35, 41, 43, 44, 64, 65, 71, 89, 45, 123, 129]}


@pytest.fixture(scope="module")
def panels(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, object]]:
    pairs = []
    for seed, indices in DOCS.items():
        out = tmp_path_factory.mktemp(f"panels{seed}")
        for pdf, truth in report_pages.documents(seed, indices, out):
            tables = report_pages.read_tables(pdf)
            pairs += [(t, report_pages.matched(tables, t)) for t in truth["tables"] if "panel_rows" in t["style"]
                      and any(c == 0 and cs == t["n_cols"] for _, c, _, cs in t["spans"])]
    return pairs


def test_a_centred_panel_title_is_one_cell_across_the_table(panels) -> None:
    assert len(panels) >= 20
    titles = [(t, m, t["grid"][r][0]) for t, m in panels for r, c, _, cs in t["spans"] if c == 0 and cs == t["n_cols"]]
    across = [m is not None and any(cell.col == 0 and cell.col_span == m.n_cols and report_pages.norm(cell.text)
                                    == report_pages.norm(text) for cell in m.cells) for t, m, text in titles]
    assert sum(across) >= 0.8 * len(across), f"{sum(across)} of {len(across)}"  # 86 of 102; before years: 70


def test_panel_titles_make_no_column(panels) -> None:
    cols = [m is not None and m.n_cols == t["n_cols"] for t, m in panels]
    assert sum(cols) >= 0.8 * len(cols), f"{sum(cols)} of {len(cols)}"  # 34 of 41; at 19e6285: 15 of the first 30


def test_a_year_may_title_a_panel(panels) -> None:
    """`2009` centred across the table is a panel title, not a value joined to the row above (`247,183.4 2010`)."""
    years = [(m, t["grid"][r][0]) for t, m in panels for r, c, _, cs in t["spans"]
             if c == 0 and cs == t["n_cols"] and (t["grid"][r][0] or "").isdigit()]
    assert len(years) >= 10
    across = [m is not None and any(cell.col == 0 and cell.col_span == m.n_cols and cell.text == year for cell in m.cells)
              for m, year in years]
    assert sum(across) >= 0.7 * len(across), f"{sum(across)} of {len(across)}"  # 17 of 20; before: 1
