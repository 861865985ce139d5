"""The vector table finder on real PDFs built by the fixtures."""
import pytest

from extractors.pipeline import extract_document
from extractors.tables import join_wrapped, table_confidence


def _grid(table):
    grid = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    return grid


def test_booktabs_table_with_caption_above(make_pdf):
    result = extract_document(make_pdf("booktabs"))
    assert len(result.tables) == 1
    table = result.tables[0]
    assert table.label == "Table 1"
    assert table.caption.startswith("Yield of the three catalysts")
    assert (table.n_rows, table.n_cols, table.n_header_rows) == (4, 4, 1)
    assert _grid(table)[0] == ["Catalyst", "Time (s)", "Yield (%)", "Error"]
    assert _grid(table)[3] == ["Ni", "30.2", "45.0", "-2.5"]
    cell = next(c for c in table.cells if c.row == 2 and c.col == 2)
    assert cell.value == 91.3 and cell.unit == "%"
    evidence = dict(table.evidence)
    assert (evidence["caption"], evidence["rules"], evidence["fill_ratio"], evidence["row_consistency"]) == (1, 1, 1, 1)
    assert table.confidence == table_confidence(evidence) == 1.0  # captioned, ruled, every slot filled alike


def test_ruled_table_with_caption_below(make_pdf):
    result = extract_document(make_pdf("ruled"))
    assert len(result.tables) == 1
    table = result.tables[0]
    assert table.label == "Table 2"
    assert table.caption == "Masses and volumes of the samples."
    assert _grid(table) == [["Sample", "Mass (g)", "Volume"], ["A", "1.5", "3.0"], ["B", "2.25", "4.5"]]
    assert table.n_header_rows == 1


def test_running_text_is_not_a_table(make_pdf):
    result = extract_document(make_pdf("figure"))
    assert result.tables == ()


@pytest.mark.parametrize("upper, lower, joined", [
    ("crystallo-", "graphic orientation", "crystallographic orientation"),
    ("state-of-the-", "art", "state-of-the-art"),
    ("hydrolysis in", "water", "hydrolysis in water"),
    ("10-", "20", "10- 20"),
])
def test_wrapped_cell_lines_join_as_read(upper, lower, joined):
    assert join_wrapped(upper, lower) == joined


def test_an_aligned_run_whose_bands_keep_no_line_is_no_region() -> None:
    """Found by the random table corpus (rt1_0029, seed 1): a run of aligned cells whose words lie in no line
    of their band crashed the whole page (min() of an empty sequence) and lost its tables."""
    from extractors.layout import Band
    from extractors.page_content import PageContent, Word
    from extractors.tables.aligned import _run_region
    from extractors.tables.base import TableOptions

    def row(y: float) -> tuple[Band, list[list[Word]]]:
        return Band(()), [[Word("alpha", (72, y, 100, y + 8), 8.0)], [Word("0.91", (200, y, 220, y + 8), 8.0)]]

    page = PageContent(number=1, width=612, height=792, lines=(), rules=(), paths=(), images=())
    assert _run_region(page, [row(100), row(112), row(124)], TableOptions()) is None


def test_a_cell_wrapped_onto_two_lines_of_one_band_reads_line_by_line() -> None:
    """A value centred beside a wrapped cell glues the cell's two lines into one row band; its words sorted
    by x alone read 'After upper heavy reach ...' (random table corpus, rt1_0003 Table 3)."""
    from extractors.page_content import Word
    from extractors.tables.geometry import _text

    def words(text: str, y: float) -> list[Word]:
        out, x = [], 117.0
        for w in text.split():
            out.append(Word(w, (x, y, x + 5.0 * len(w), y + 11.0), 8.0))
            x += 5.0 * len(w) + 2.3
        return out

    segment = sorted(words("After heavy rainfall from the", 393.5) + words("upper reach of the", 402.6),
                     key=lambda w: w.bbox[0])
    assert _text(segment) == "After heavy rainfall from the upper reach of the"
    assert _text(sorted(words("crystallo-", 10) + words("graphic data", 19.1), key=lambda w: w.bbox[0])) == \
        "crystallographic data"
    superscript = [Word("cm", (10, 100, 20, 111), 8.0), Word("−1", (21, 97, 27, 104), 5.6)]
    assert _text(superscript) == "cm −1"  # a raised exponent is not a line of its own
