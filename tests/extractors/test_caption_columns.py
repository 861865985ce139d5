"""Captions on real two-column pages: read whole though the other column's text shares their baselines."""
from __future__ import annotations

import pymupdf

from extractors.captions import find_captions
from extractors.pdf_reader import read_page


def _two_column_page(caption_lines: list[str]):  # type: ignore[no-untyped-def]
    """Left column of running text; right column: a table caption wrapping over lines on the same baselines
    as the left column's lines, a 24 pt gutter away (the ACM and ACL layouts of realdev)."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = 180.0
    for i in range(12):
        page.insert_text((54, y), f"running text of the left column, line {i}, set to its full width here", fontsize=9)
        if i < len(caption_lines):
            page.insert_text((318, y), caption_lines[i], fontsize=9)
        y += 11
    return read_page(doc[0])


def test_a_caption_beside_the_other_columns_text_is_read_whole() -> None:
    page = _two_column_page(["Table 1: Literature review topics conducted by participants",
                             "in the field deployment study. P1 and P2 conducted multiple",
                             "literature reviews and the rest focused on one topic."])
    [caption] = [c for c in find_captions(page) if c.kind == "table"]
    assert caption.label == "Table 1"
    assert caption.text == ("Literature review topics conducted by participants in the field deployment study. "
                            "P1 and P2 conducted multiple literature reviews and the rest focused on one topic.")


def test_appendix_and_supplementary_labels() -> None:
    for printed, label in (("Table A.1: Fitted parameters of the appendix model.", "Table A.1"),
                           ("Table S2. Primers used in this study.", "Table S2"),
                           ("TABLE III. Comparison with earlier work.", "Table III")):
        page = _two_column_page([printed])
        assert [c.label for c in find_captions(page) if c.kind == "table"] == [label], printed


def test_a_label_set_apart_takes_its_text_but_not_the_other_columns_heading() -> None:
    """Springer sets `Table 1` apart from its text; the right column's heading shares the caption's first
    baseline, about two word spaces past the caption's end (realdev R08): it is not caption text."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((51, 66), "Table 1", fontsize=8)
    first = "Behavioural categories and the specific behaviours used to"
    page.insert_text((88, 66), first, fontsize=8)
    end = 88 + pymupdf.get_text_length(first, fontsize=8)
    page.insert_text((end + 17, 66), "Statistical analysis", fontsize=9)
    page.insert_text((51, 76), "classify weaned grey seal interactions in pen trials", fontsize=8)
    for i in range(10):
        page.insert_text((306, 90 + 12 * i), f"All analysis was performed with the statistical package, line {i}",
                         fontsize=9)
    [caption] = [c for c in find_captions(read_page(doc[0])) if c.kind == "table"]
    assert caption.text == f"{first} classify weaned grey seal interactions in pen trials"
    assert caption.bbox[2] < 300
