"""The OCR path for real, with the PP-OCRv4 weights shipped in rapidocr-onnxruntime: an example page rendered to
a 150 dpi image, put into a PDF without any text layer, must give back its tables, captions and figure."""
from __future__ import annotations

import json

import pymupdf
import pytest

from extractors.ocr import OcrOptions
from extractors.pipeline import ExtractionOptions, extract_document
from extractors.tables import table_confidence
from tests.conftest import EXAMPLES

pytest.importorskip("rapidocr_onnxruntime")


def image_only_pdf(source: pymupdf.Document, page_numbers: list[int], dpi: int = 150) -> bytes:
    """A PDF whose pages are only images of the given (1-based) pages: what a scanner makes."""
    out = pymupdf.open()
    for number in page_numbers:
        page = source[number - 1]
        png = page.get_pixmap(dpi=dpi, alpha=False).tobytes("png")
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=png)
    return out.tobytes()


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def close(a: str, b: str, share: float = 0.15) -> bool:
    """Equal up to OCR slips (`Al2O3` read as `A1203`, a lost space): edits within `share` of the length."""
    a, b = " ".join(a.split()), " ".join(b.split())
    return edit_distance(a, b) <= max(1, round(share * max(len(a), len(b))))


@pytest.fixture(scope="module")
def scanned_catalyst():  # type: ignore[no-untyped-def]
    source = pymupdf.open(EXAMPLES / "catalyst_screening.pdf")
    truth = json.loads((EXAMPLES / "catalyst_screening.truth.json").read_text())
    return extract_document(image_only_pdf(source, [2])), truth


def test_scanned_page_takes_the_ocr_path(scanned_catalyst) -> None:  # type: ignore[no-untyped-def]
    extraction, _ = scanned_catalyst
    assert extraction.page_paths == ("ocr (no text)",)
    assert extraction.warnings == ()


def test_scanned_tables_come_back_with_captions_and_cells(scanned_catalyst) -> None:  # type: ignore[no-untyped-def]
    extraction, truth = scanned_catalyst
    found = {t.label: t for t in extraction.tables}
    for expected in truth["tables"]:
        table = found[expected["label"]]
        assert (table.n_rows, table.n_cols) == (expected["n_rows"], expected["n_cols"])
        assert close(table.caption or "", expected["caption"])
        cells = {(c.row, c.col): c.text for c in table.cells}
        slots = [(r, c) for r, row in enumerate(expected["grid"]) for c, _ in enumerate(row)]
        matching = sum(close(cells.get(slot, ""), expected["grid"][slot[0]][slot[1]]) for slot in slots)
        assert matching >= 0.9 * len(slots), (expected["label"], cells)
        assert "+rapidocr" in table.method and dict(table.evidence)["ocr_score"] > 0.8
        evidence = dict(table.evidence)  # the structure's confidence, scaled by the mean OCR score
        assert table.confidence == pytest.approx(table_confidence(evidence) * evidence["ocr_score"], abs=1e-3)
        assert table.confidence > 0.9, expected["label"]  # a clean scan reads almost as well as the text


def test_scanned_figure_comes_back_with_caption(scanned_catalyst) -> None:  # type: ignore[no-untyped-def]
    extraction, truth = scanned_catalyst
    expected = truth["figures"][0]
    figures = [f for f in extraction.figures if f.label == expected["label"]]
    assert figures and close(figures[0].caption or "", expected["caption"])
    assert figures[0].png  # the crop is rendered from the scan


def test_ocr_off_keeps_the_empty_vector_reading() -> None:
    source = pymupdf.open(EXAMPLES / "catalyst_screening.pdf")
    extraction = extract_document(image_only_pdf(source, [2], dpi=72),
                                  ExtractionOptions(ocr=OcrOptions(enabled=False)))
    assert extraction.page_paths == ("vector (no text; OCR off)",)
    assert extraction.tables == ()


def test_one_ocr_thread_reads_the_same_as_the_default(scanned_catalyst) -> None:  # type: ignore[no-untyped-def]
    """Readers side by side give OCR one thread each (paperlake/pipeline/stages.py): nothing read may change."""
    extraction, _ = scanned_catalyst
    source = pymupdf.open(EXAMPLES / "catalyst_screening.pdf")
    one_thread = extract_document(image_only_pdf(source, [2]), ExtractionOptions(ocr=OcrOptions(threads=1)))
    assert one_thread == extraction
