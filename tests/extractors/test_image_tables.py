"""A table printed as an image is read by OCR and sent to review: under its own "Table N" caption labelled, without
one when its pixels are laid out like a table; an image of prose or a chart stays a picture."""
from __future__ import annotations

import pymupdf
import pytest
from drawn_tables import ROWS, table_png

from extractors.captions import find_captions
from extractors.image_tables import captioned_images, pictured_captions
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


def test_without_a_caption_a_table_like_image_is_read_as_an_uncaptioned_table() -> None:
    result = extract_document(_pdf(caption=None))
    assert [(t.label, t.n_rows, t.n_cols) for t in result.tables] == [(None, 4, 3)]
    grid = {(c.row, c.col): c.text for c in result.tables[0].cells}
    assert [[grid[(r, c)] for c in range(3)] for r in range(4)] == [list(row) for row in ROWS]
    evidence = dict(result.tables[0].evidence)
    assert evidence["uncaptioned_image"] == 1.0 and "raster image with no caption" in evidence["disagreement"]
    assert result.figures == ()


def test_with_ocr_off_the_image_stays_a_picture() -> None:
    off = extract_document(_pdf(), ExtractionOptions(ocr=OcrOptions(enabled=False)))
    assert off.tables == () and len(off.figures) == 1


def _uncaptioned(png: bytes) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    page.insert_text((40, 30), "Results of the comparison are shown below.", fontsize=10)
    page.insert_image(pymupdf.Rect(40, 60, 330, 190), stream=png)
    return doc.tobytes()


def _drawn_png(draw) -> bytes:  # type: ignore[no-untyped-def]
    source = pymupdf.open()
    page = source.new_page(width=290, height=130)
    draw(page)
    return page.get_pixmap(dpi=150).tobytes("png")


def _paragraph(page: pymupdf.Page) -> None:
    page.insert_textbox(page.rect + (6, 6, -6, -6), "The samples were measured twice and the mean is given. " * 12,
                        fontsize=9)


def _chart(page: pymupdf.Page) -> None:
    page.draw_line((30, 8), (30, 110), width=0.8)
    page.draw_line((30, 110), (285, 110), width=0.8)
    for k in range(5):
        page.insert_text((8, 114 - 24 * k), f"{k * 10}", fontsize=8)
        page.insert_text((26 + 60 * k, 124), f"{2000 + k}", fontsize=8)
    page.draw_polyline([(30 + 10 * i, 100 - 80 * (i % 7) / 7) for i in range(26)], width=1.2)


@pytest.mark.parametrize("draw", [_paragraph, _chart], ids=["paragraph", "chart"])
def test_an_uncaptioned_image_of_prose_or_a_chart_is_no_table(draw) -> None:  # type: ignore[no-untyped-def]
    result = extract_document(_uncaptioned(_drawn_png(draw)))
    assert result.tables == () and len(result.figures) == 1


def test_only_an_image_right_beside_the_caption_is_its_table() -> None:
    near = read_page(pymupdf.open(stream=_pdf())[0])
    assert [(c.label, round(im.bbox[1])) for c, im in captioned_images(near, find_captions(near), [])] == [
        ("Table I", 60)]
    assert captioned_images(near, find_captions(near), ["Table I"]) == []  # claimed by a vector table
    far = read_page(pymupdf.open(stream=_pdf(gap=80))[0])
    assert captioned_images(far, find_captions(far), []) == []



def test_a_table_printed_as_a_picture_sends_no_page_to_the_layout_model() -> None:
    page = read_page(pymupdf.open(stream=_pdf())[0])
    assert [c.label for c in pictured_captions(page, find_captions(page), [])] == ["Table I"]
    assert "pymupdf-layout" not in extract_document(_pdf()).page_paths[0]  # the model reads words: none there
    doc = pymupdf.open(stream=_pdf())
    doc[0].insert_text((60, 100), "a text layer over the picture", fontsize=9)  # words the model could read
    layered = read_page(doc[0])
    assert pictured_captions(layered, find_captions(layered), []) == []


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
