"""A continued table's own caption names it, however the continuation is marked ("Tab. 1 (cont.)",
"Table 2 (continued)", "TABLE 3 (Continued)", "Table S4 cont'd"), so its part is linked, not published as a
new uncaptioned table; a sentence that mentions a table is still no caption."""
from __future__ import annotations

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page

MARKED = [("Tab. 1 (cont.)", "Table 1"), ("Table 2 (continued)", "Table 2"), ("TABLE 3 (Continued)", "Table 3"),
          ("Table S4 cont'd", "Table S4"), ("Table A.2 [continued]", "Table A.2"), ("Table 5 Continued", "Table 5")]


def _page_with(line: str) -> list:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((250, 80), line, fontsize=9)
    page.draw_line((80, 92), (516, 92), width=0.6)
    for r in range(4):
        for c, x in enumerate((90, 250, 400)):
            page.insert_text((x, 106 + 12 * r), f"{r}.{c}5", fontsize=8)
    page.draw_line((80, 160), (516, 160), width=0.6)
    return find_captions(read_page(pymupdf.open(stream=doc.tobytes())[0]))


@pytest.mark.parametrize(("line", "label"), MARKED)
def test_continuation_marks_make_a_caption(line: str, label: str) -> None:
    assert [(c.kind, c.label) for c in _page_with(line)] == [("table", label)]


@pytest.mark.parametrize("line", ["Table 3 continues the trend of the first run.",
                                  "Table 3 contains the results of the runs."])
def test_a_sentence_about_a_table_is_no_caption(line: str) -> None:
    assert _page_with(line) == []
