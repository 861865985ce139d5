"""A table printed as an image under its own "Table N" caption is read by OCR, labelled, and sent to review."""
from __future__ import annotations

import pymupdf
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
