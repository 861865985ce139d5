"""A table printed as an image under its own "Table N" caption is read by OCR, labelled, and sent to review."""
from __future__ import annotations

import pymupdf
import pytest
from drawn_tables import ROWS, table_png

from extractors.captions import find_captions
from extractors.image_tables import captioned_images
from extractors.ocr import OcrOptions
from extractors.pdf_reader import read_page
from extractors.pipeline import ExtractionOptions, extract_document


def _pdf(caption: str | None = "TABLE I. Scores and times of the three models.", gap: float = 8.0) -> bytes:
    """A born-digital page: a caption in the text layer, and the ruled table under it pasted as a PNG."""
    png = table_png()
    doc = pymupdf.open()
    out = doc.new_page(width=400, height=300)
    out.insert_text((40, 30), "Results of the comparison are shown below.", fontsize=10)  # a text layer
    if caption:
        out.insert_text((40, 50), caption, fontsize=9)
    out.insert_image(pymupdf.Rect(40, 52 + gap, 330, 182 + gap), stream=png)
    data = doc.tobytes()
    doc.close()
    return data


def test_the_image_under_a_table_caption_is_read_as_that_table() -> None:
    result = extract_document(_pdf())
    assert [(t.label, t.n_rows, t.n_cols) for t in result.tables] == [("Table I", 4, 3)]
    table = result.tables[0]
    grid = {(c.row, c.col): c.text for c in table.cells}
    assert [[grid[(r, c)] for c in range(3)] for r in range(4)] == [list(row) for row in ROWS]
    evidence = dict(table.evidence)
    assert evidence["image_table"] == 1.0 and 0.5 < evidence["ocr_score"] <= 1.0
    assert "the vector path sees a picture, OCR reads a table" in evidence["disagreement"]  # always reviewed
    assert "rapidocr" in table.method and table.confidence < 0.9
    assert result.figures == ()  # the picture the table was read from gives way
    assert result.page_paths[0].endswith("(table images)")


def test_without_a_caption_or_with_ocr_off_the_image_stays_a_picture() -> None:
    assert extract_document(_pdf(caption=None)).tables == ()
    off = extract_document(_pdf(), ExtractionOptions(ocr=OcrOptions(enabled=False)))
    assert off.tables == () and len(off.figures) == 1


def test_only_an_image_right_beside_the_caption_is_its_table() -> None:
    near = read_page(pymupdf.open(stream=_pdf())[0])
    assert [(c.label, round(im.bbox[1])) for c, im in captioned_images(near, find_captions(near), [])] == [
        ("Table I", 60)]
    assert captioned_images(near, find_captions(near), ["Table I"]) == []  # claimed by a vector table
    far = read_page(pymupdf.open(stream=_pdf(gap=80))[0])
    assert captioned_images(far, find_captions(far), []) == []


WIDE = [("Rate index", "1", "2", "3", "4", "5", "6"), ("Layer rate", "190", "63", "64", "126", "127", "190"),
        ("Total rate", "190", "253", "316", "380", "506", "633")]


@pytest.mark.parametrize("n_rows", [2, 3])
def test_a_short_wide_table_image_under_its_caption_is_read(n_rows: int) -> None:
    """IEEE prints small tables as images a few rows tall (34 pt for 3 rows): smaller than any picture
    searched without a caption, still a table under its own caption."""
    rows = WIDE[:n_rows]
    source = pymupdf.open()
    drawn = source.new_page(width=400, height=200)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            drawn.insert_text((4 + (0 if c == 0 else 40 + 42 * c), 9 + 10 * r), text, fontsize=7.5)
        drawn.draw_line((2, 11.5 + 10 * r), (338, 11.5 + 10 * r), width=0.4)
    clip = pymupdf.Rect(0, 0, 340, 4 + 10 * n_rows)
    png = drawn.get_pixmap(dpi=300, clip=clip).tobytes("png")
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    page.insert_text((40, 30), "The rates are listed below.", fontsize=10)
    page.insert_text((150, 50), "TABLE II", fontsize=8)
    page.insert_text((120, 60), "SCALABLE VIDEO DATA BIT RATES", fontsize=8)
    page.insert_image(pymupdf.Rect(30, 64, 30 + clip.width, 64 + clip.height), stream=png)
    assert clip.height < 36  # below the size an uncaptioned image must have to be searched
    result = extract_document(doc.tobytes())
    assert [(t.label, t.n_rows, t.n_cols) for t in result.tables] == [("Table II", n_rows, 7)]
    grid = {(c.row, c.col): c.text for c in result.tables[0].cells}
    def squeezed(text: str) -> str:  # OCR of 7.5 pt print may drop a space between words
        return text.replace(" ", "")

    read = [squeezed(grid.get((r, c), "")) == squeezed(text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    assert sum(read) >= 0.9 * len(read)  # OCR may miss a lone narrow glyph ('1'): the grid is what must hold
    assert "disagreement" in dict(result.tables[0].evidence)  # and a curator sees it
