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
    assert 0 < figure.confidence <= 1


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
