"""The layout model's second opinion on uncaptioned tables: the pure check, and the real model on a real page."""
from __future__ import annotations

import subprocess
import sys

import pymupdf
import pytest

from extractors.model import Cell, LayoutBox, TableItem
from extractors.pipeline import ExtractionOptions, extract_document
from extractors.tables.layout_evidence import check_uncaptioned, layout_shares, needs_layout


def _table(bbox, label=None) -> TableItem:
    return TableItem(page=1, bbox=bbox, cells=(Cell(0, 0, "a"),), n_rows=2, n_cols=2, n_header_rows=1,
                     confidence=0.6, method="t/1", label=label, evidence=(("caption", 0.0),))


def test_shares_of_a_box_covered_by_each_kind() -> None:
    regions = [LayoutBox((0, 0, 100, 50), "text"), LayoutBox((0, 50, 100, 100), "table"),
               LayoutBox((200, 200, 300, 300), "picture")]
    shares = layout_shares((0, 0, 100, 100), regions)
    assert (shares.table, shares.picture, shares.prose) == (0.5, 0.0, 0.5)
    assert not shares.says_prose  # half of it is a table: kept
    assert layout_shares((0, 0, 100, 40), regions).says_prose
    assert layout_shares((0, 0, 0, 10), regions).prose == 0.0  # a degenerate box is no evidence


def test_uncaptioned_prose_is_dropped_and_the_rest_carry_the_shares() -> None:
    prose = _table((0, 0, 100, 100))
    table = _table((0, 200, 100, 300))
    picture = _table((0, 400, 100, 500))
    unseen = _table((300, 0, 400, 100))  # the model put nothing there: no evidence against it
    captioned = _table((0, 0, 100, 100), label="Table 1")  # a caption outweighs the model
    regions = [LayoutBox((0, 0, 100, 100), "text"), LayoutBox((0, 200, 100, 300), "table"),
               LayoutBox((0, 400, 100, 500), "picture")]
    kept = check_uncaptioned([prose, table, picture, unseen, captioned], regions)
    assert [t.bbox for t in kept] == [table.bbox, picture.bbox, unseen.bbox, captioned.bbox]
    evidence = [dict(t.evidence) for t in kept]
    assert [(e.get("layout_table"), e.get("layout_picture"), e.get("layout_prose")) for e in evidence] == [
        (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 0.0), (None, None, None)]
    assert needs_layout([captioned, table]) and not needs_layout([captioned])


@pytest.fixture(scope="module")
def uncaptioned_table_pdf(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A paragraph, then a ruled table of numbers with no caption."""
    path = tmp_path_factory.mktemp("layout") / "uncaptioned.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = 80
    for i in range(12):
        page.insert_text((72, y), f"This is line {i} of an ordinary paragraph of running text that fills the "
                                  "column width.", fontsize=10)
        y += 13
    y += 20
    page.draw_line((72, y), (540, y))
    y += 14
    for r in range(8):
        cells = ["Sample", "Temp (K)", "Value", "Error"] if r == 0 else [f"S{r}", f"{290 + r * 5}", f"{r * 1.37:.2f}",
                                                                          f"{r * 0.11:.2f}"]
        for c, text in enumerate(cells):
            page.insert_text((80 + c * 115, y), text, fontsize=10)
        y += 14
        if r == 0:
            page.draw_line((72, y - 10), (540, y - 10))
    page.draw_line((72, y - 8), (540, y - 8))
    doc.save(path)
    return path


def test_the_real_model_sees_the_table_and_the_pipeline_keeps_it(uncaptioned_table_pdf) -> None:
    result = extract_document(uncaptioned_table_pdf)
    assert [(t.label, t.n_rows, t.n_cols) for t in result.tables] == [(None, 8, 4)]
    evidence = dict(result.tables[0].evidence)
    assert evidence["layout_table"] >= 0.5 and evidence["layout_prose"] < 0.5  # its box hugs the words
    assert result.page_paths == ("vector + pymupdf-layout/2.0",)
    off = extract_document(uncaptioned_table_pdf, ExtractionOptions(layout=False))
    assert off.page_paths == ("vector",) and "layout_table" not in dict(off.tables[0].evidence)


def test_loading_the_model_keeps_the_glyph_boxes_and_only_when_asked() -> None:
    code = ("import sys, extractors.pipeline, pymupdf; before = sys.modules.get('pymupdf.layout'); "
            "from extractors.layout_model import layout_model; info = layout_model(); "
            "print(before, info.name, bool(pymupdf.TOOLS.unset_quad_corrections()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["None", "pymupdf-layout", "True"]
