"""The vector figure finder on a real PDF with a drawn chart."""
import pymupdf

from extractors.pipeline import ExtractionOptions, extract_document


def test_vector_chart_is_found_with_caption_kind_and_crop(make_pdf):
    result = extract_document(make_pdf("figure"), ExtractionOptions(crop_dpi=72))
    assert len(result.figures) == 1
    figure = result.figures[0]
    assert figure.label == "Figure 1"
    assert figure.caption == "Response of the sensor over time."
    assert figure.kind == "chart"
    x0, y0, x1, y1 = figure.bbox
    assert x0 < 150 and x1 > 450 and (y1 - y0) > 180  # axes plus tick labels
    pix = pymupdf.Pixmap(figure.png)
    assert abs(pix.width - (x1 - x0)) <= 2  # 72 dpi: one pixel per point
    evidence = dict(figure.evidence)
    assert (evidence["caption"], evidence["graphic_found"], evidence["kind_score"]) == (1.0, 1.0, 0.95)
    assert figure.confidence == 0.985  # 0.15 + 0.35 caption + 0.2 graphic + 0.3 x 0.95 (a chart with a series)


def test_captions_in_running_text_are_not_captions(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "As Table 1 shows and Figure 2 confirms, the effect is small.", fontsize=10)
    path = tmp_path / "mention.pdf"
    doc.save(path)
    result = extract_document(path)
    assert result.tables == () and result.figures == ()


def test_caption_continues_past_a_line_of_the_other_column():
    """LaTeX two-column page: the caption's second line comes after a right-column line in reading order."""
    from pathlib import Path

    from extractors.captions import find_captions
    from extractors.pdf_reader import iter_pages, open_pdf

    paper = Path(__file__).resolve().parents[2] / "benchmarks" / "papers" / "figures" / "figs_twocol.pdf"
    first_page = next(iter_pages(open_pdf(paper)))
    captions = {c.label: c.text for c in find_captions(first_page)}
    assert captions["Figure 1"] == "Measured against computed band gaps for two material families."


def _boxes_and_arrows(page, x0: float, y0: float) -> None:  # type: ignore[no-untyped-def]
    """A small drawn diagram: two boxes joined by an arrow, 220 x 120 points from (x0, y0). (Drawings of
    straight strokes only are rules to the reader; the arrow head makes it a graphic.)"""
    page.draw_rect(pymupdf.Rect(x0, y0, x0 + 80, y0 + 40), color=(0, 0, 0))
    page.draw_rect(pymupdf.Rect(x0 + 140, y0 + 80, x0 + 220, y0 + 120), color=(0, 0, 0))
    page.draw_line((x0 + 80, y0 + 20), (x0 + 180, y0 + 20), color=(0, 0, 0))
    page.draw_line((x0 + 180, y0 + 20), (x0 + 180, y0 + 76), color=(0, 0, 0))
    page.draw_polyline([(x0 + 176, y0 + 72), (x0 + 184, y0 + 72), (x0 + 180, y0 + 80), (x0 + 176, y0 + 72)],
                       color=(0, 0, 0), fill=(0, 0, 0))  # the arrow head
    page.insert_text((x0 + 10, y0 + 25), "Input", fontsize=9)
    page.insert_text((x0 + 150, y0 + 105), "Output", fontsize=9)


def test_side_captions_link_to_the_graphic_they_stand_beside(tmp_path):
    """Two figures on one page, one captioned on its right, the other on its left: each caption takes the
    graphic level with it, never the one above or below."""
    doc = pymupdf.open()
    page = doc.new_page()
    _boxes_and_arrows(page, 72, 100)
    page.insert_textbox(pymupdf.Rect(330, 170, 540, 230), "Figure 1: The first pipeline, captioned on its right.",
                        fontsize=9)
    _boxes_and_arrows(page, 320, 420)
    page.insert_textbox(pymupdf.Rect(72, 490, 280, 550), "Figure 2: The second pipeline, captioned on its left.",
                        fontsize=9)
    path = tmp_path / "side.pdf"
    doc.save(path)
    figures = {f.label: f for f in extract_document(path).figures}
    assert set(figures) == {"Figure 1", "Figure 2"}
    assert figures["Figure 1"].bbox[0] < 80 and figures["Figure 1"].bbox[2] < 300
    assert figures["Figure 1"].caption == "The first pipeline, captioned on its right."
    assert figures["Figure 2"].bbox[0] > 300 and figures["Figure 2"].bbox[1] > 400
    assert all(f.kind == "diagram" for f in figures.values())


def test_page_decorations_and_text_boxes_are_not_figures(tmp_path):
    """A banner across the page top, a margin stripe and a shaded box of running text: none is a figure."""
    doc = pymupdf.open()
    page = doc.new_page()
    banner = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 8), 0)
    banner.set_rect(banner.irect, (30, 90, 160))
    page.insert_image(pymupdf.Rect(0, 0, page.rect.width, 60), pixmap=banner, keep_proportion=False)
    page.draw_rect(pymupdf.Rect(0, 0, 18, page.rect.height), color=None, fill=(0.2, 0.5, 0.3))
    page.draw_rect(pymupdf.Rect(72, 300, 540, 420), color=(0, 0, 0), fill=(0.9, 0.9, 0.9))
    text = ("Box 1. The measures taken in this period are summarised here in plain running text, "
            "which a reader sets in a shaded frame to set it apart from the body. ") * 3
    page.insert_textbox(pymupdf.Rect(80, 308, 532, 412), text, fontsize=10)
    page.draw_line((300, 600), (300, 700), color=(0, 0, 0))  # a lone rule
    path = tmp_path / "decor.pdf"
    doc.save(path)
    assert extract_document(path).figures == ()
