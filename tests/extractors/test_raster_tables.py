"""Tables pasted as images on born-digital pages: the detection model's wiring into extraction.

The tiny Table Transformer's boxes are noise, so these tests assert the wiring (with a threshold of 0 every
box counts): a table read by OCR inside a detected box, labelled with the model path and sent to review,
and nothing changed when the model is not configured.
"""
from __future__ import annotations

import pymupdf
import pytest
from drawn_tables import table_png

from extractors.models.options import ModelOptions
from extractors.models.second_opinion import ModelSet
from extractors.models.table_detection import TableDetectionOptions
from extractors.ocr import ENGINE as OCR_ENGINE
from extractors.ocr import OcrOptions, ocr_available
from extractors.pipeline import ExtractionOptions, extract_document


def _pdf_with_table_image() -> bytes:
    """A born-digital page with a line of text and a ruled table pasted as a PNG."""
    png = table_png()
    doc = pymupdf.open()
    out = doc.new_page(width=400, height=300)
    out.insert_text((40, 40), "Results of the comparison are shown below.", fontsize=10)
    out.insert_image(pymupdf.Rect(40, 60, 330, 190), stream=png)
    data = doc.tobytes()
    doc.close()
    return data


@pytest.fixture(scope="module")
def tiny_detector(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from extractors.models import tiny

    return tiny.table_transformer(tmp_path_factory.mktemp("tiny-detector"))


def test_without_the_detection_model_a_table_image_is_read_by_its_pixels_alone() -> None:
    """The default path (no model weights): the image's ink is laid out like a table, so OCR reads it."""
    result = extract_document(_pdf_with_table_image(), ExtractionOptions(models=ModelSet()))
    assert [(t.n_rows, t.n_cols) for t in result.tables] == [(4, 3)]
    assert dict(result.tables[0].evidence)["uncaptioned_image"] == 1.0
    assert result.page_paths == (f"vector + {OCR_ENGINE.method} (table images)",)


def test_without_the_detection_model_or_ocr_a_table_image_stays_a_picture() -> None:
    result = extract_document(_pdf_with_table_image(),
                              ExtractionOptions(models=ModelSet(), ocr=OcrOptions(enabled=False)))
    assert result.tables == ()
    assert len(result.figures) == 1
    assert result.page_paths == ("vector",)


@pytest.mark.skipif(not ocr_available(), reason="needs paperlake[ocr]")
def test_detection_model_reads_a_table_image_into_a_table(tiny_detector) -> None:  # type: ignore[no-untyped-def]
    detection = TableDetectionOptions(ModelOptions(str(tiny_detector), device="cpu"), threshold=0.0)
    result = extract_document(_pdf_with_table_image(),
                              ExtractionOptions(models=ModelSet(table_detection=detection)))
    name = detection.model.method("table-detection")
    assert result.page_paths == (f"vector + {name}",)
    assert len(result.tables) == 1
    table = result.tables[0]
    evidence = dict(table.evidence)
    assert table.method.endswith(f"+{OCR_ENGINE.method}+{name}")
    assert evidence["detection_model"] == name and "raster image" in str(evidence["disagreement"])
    assert table.confidence < 0.5 and table.n_rows >= 3 and table.n_cols >= 2
    assert {"alpha", "0.91"} <= {c.text for c in table.cells}
    assert result.figures == ()  # the uncaptioned raster image gave way to the table read from it


def test_detection_model_needs_ocr(tiny_detector) -> None:  # type: ignore[no-untyped-def]
    detection = TableDetectionOptions(ModelOptions(str(tiny_detector), device="cpu"), threshold=0.0)
    options = ExtractionOptions(models=ModelSet(table_detection=detection), ocr=OcrOptions(enabled=False))
    result = extract_document(_pdf_with_table_image(), options)
    assert result.tables == () and len(result.figures) == 1
    assert "skipped: OCR off" in result.page_paths[0]


def test_detection_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAPERLAKE_TABLE_DETECTION_MODEL", raising=False)
    assert ModelSet.from_env().table_detection is None
    monkeypatch.setenv("PAPERLAKE_TABLE_DETECTION_MODEL", "/models/detector")
    monkeypatch.setenv("PAPERLAKE_TABLE_DETECTION_MODEL_THRESHOLD", "0.25")
    models = ModelSet.from_env()
    assert models.table_detection is not None and models.table_detection.threshold == 0.25
    assert "table-detection:detector@local" in models.names()
