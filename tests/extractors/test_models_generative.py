"""The chart model (Pix2Struct / DePlot), the vision-language model (LLaVA) and Table Transformer structure
recognition, each a tiny randomly initialised model built here from a config, saved with its processor to a
temporary folder and run through the real loading, batching, generation and post-processing code, then
through `extract_document`'s model hook on a real PDF.

The builders live in `extractors.models.tiny` (shared with the benchmarks). A random model's answer is noise, so the tests check what does not depend on it: one reading per image,
the same answer for the same image whatever its batch, the answer parsed by the real parsers, readings
set against the vector ones, and the pages' paths naming the models.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from extractors.models import tiny
from extractors.models.chart_data import ChartModelOptions
from extractors.models.figure_description import FigureModelOptions
from extractors.models.options import ModelOptions
from extractors.models.table_structure import TableStructureOptions

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
pytest.importorskip("tokenizers")



@pytest.fixture(scope="module")
def tiny_chart_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny.pix2struct(tmp_path_factory.mktemp("tiny-deplot"))


@pytest.fixture(scope="module")
def tiny_vlm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny.llava(tmp_path_factory.mktemp("tiny-llava"))


@pytest.fixture(scope="module")
def tiny_structure_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny.table_transformer(tmp_path_factory.mktemp("tiny-table-structure"), tiny.STRUCTURE_LABELS,
                                  num_queries=12, size=(120, 200))


def _images() -> list[np.ndarray]:
    """Three small 'figures': blank, a bar, blank again (the same image in two batches)."""
    blank = np.full((60, 80, 3), 255, dtype=np.uint8)
    bar = blank.copy()
    bar[10:50, 20:30] = 0
    return [blank, bar, blank.copy()]


def test_tiny_deplot_reads_charts_in_batches(tiny_chart_model: Path) -> None:
    from extractors.models.chart_data import read_charts
    from extractors.models.deplot_table import parse_series
    from extractors.models.loading import clear_cache, load

    clear_cache()
    options = ChartModelOptions(ModelOptions(str(tiny_chart_model), device="cpu", batch_size=2),
                                max_patches=64, max_new_tokens=16)
    readings = read_charts(_images(), options)  # batches of 2 + 1
    assert len(readings) == 3
    assert readings[0].text == readings[2].text  # same image, different batch: same answer
    for reading in readings:
        assert reading.text and set(reading.text.split()) <= set(tiny.TABLE_WORDS)  # decoded from the tiny vocabulary
        assert list(reading.series) == parse_series(reading.text)
    loaded = load(options.model, "Pix2StructForConditionalGeneration", "Pix2StructProcessor")
    assert load(options.model, "Pix2StructForConditionalGeneration", "Pix2StructProcessor") is loaded
    assert loaded.device == "cpu" and loaded.dtype == "float32" and not loaded.model.training


def test_chart_prompt_is_drawn_above_the_chart_without_the_hub() -> None:
    import pymupdf
    from PIL import Image

    from extractors.models.chart_data import PROMPT, with_header

    chart = Image.new("RGB", (400, 300), "white")
    framed = with_header(chart, PROMPT, bytes(pymupdf.Font("helv").buffer))
    assert framed.width >= 400 and framed.height > 300 * framed.width / 400
    header = np.asarray(framed)[: framed.height - int(300 * framed.width / 400)]
    assert (header < 128).any()  # the prompt's text is drawn in black


def test_tiny_vlm_names_a_kind_and_describes(tiny_vlm: Path) -> None:
    from extractors.models.figure_description import describe_figures, figure_kind_of

    options = FigureModelOptions(ModelOptions(str(tiny_vlm), device="cpu", batch_size=2), max_new_tokens=6)
    answers = describe_figures(_images(), options)
    assert len(answers) == 3
    assert answers[0].text == answers[2].text
    for answer in answers:
        assert answer.text and set(answer.text.split()) <= set(tiny.VLM_WORDS)
        assert answer.kind == figure_kind_of(answer.text)


def test_tiny_structure_model_counts_rows_and_columns(tiny_structure_model: Path) -> None:
    from extractors.models.table_detection import detect_objects
    from extractors.models.table_structure import recognise_grids

    options = TableStructureOptions(ModelOptions(str(tiny_structure_model), device="cpu", batch_size=2),
                                    threshold=0.0, max_overlap=1.0)
    grids = recognise_grids(_images(), options)
    assert len(grids) == 3 and grids[0] == grids[2]
    raw = detect_objects(_images(), options.model)  # every query's box, before counting
    for grid, (boxes, id2label, width) in zip(grids, raw):
        names = [id2label[label] for label in boxes["labels"]]
        assert len(names) == 12 and width == 80  # one box per query, on the image as given
        assert (grid.n_rows, grid.n_cols) == (names.count("table row"), names.count("table column"))


def test_missing_chart_weights_name_the_setting(tmp_path: Path) -> None:
    from extractors.models.chart_data import read_charts
    from extractors.models.loading import ModelWeightsMissing

    empty = tmp_path / "deplot"
    empty.mkdir()
    options = ChartModelOptions(ModelOptions(str(empty), setting="PAPERLAKE_CHART_MODEL"))
    with pytest.raises(ModelWeightsMissing, match="PAPERLAKE_CHART_MODEL: no usable weights for folder"):
        read_charts(_images(), options)


def test_extract_document_runs_every_model_after_the_vector_path(make_pdf, tiny_chart_model: Path, tiny_vlm: Path,  # type: ignore[no-untyped-def]
                                                                 tiny_structure_model: Path) -> None:
    from extractors.models.disagreement import DISAGREEMENT
    from extractors.models.second_opinion import ModelSet
    from extractors.pipeline import ExtractionOptions, extract_document

    models = ModelSet(
        table_structure=TableStructureOptions(ModelOptions(str(tiny_structure_model), device="cpu"), threshold=0.0),
        chart=ChartModelOptions(ModelOptions(str(tiny_chart_model), device="cpu"), max_patches=64, max_new_tokens=12,
                                check_vector=True),
        figure=FigureModelOptions(ModelOptions(str(tiny_vlm), device="cpu"), max_new_tokens=6))
    for pdf in (make_pdf("booktabs"), make_pdf("figure")):
        vector = extract_document(pdf, ExtractionOptions(models=ModelSet()))
        checked = extract_document(pdf, ExtractionOptions(models=models))
        assert vector.page_paths == ("vector",)
        for before, after in zip(vector.tables + vector.figures, checked.tables + checked.figures):
            evidence = dict(after.evidence)
            differ = evidence.get(DISAGREEMENT)
            # a disagreement halves the confidence once per reading that differs, and names both readings
            assert after.confidence == pytest.approx(before.confidence * 0.5 ** (differ.count("; ") + 1 if differ else 0))
            if after in checked.tables:
                assert evidence["vector_grid"] == f"{before.n_rows}x{before.n_cols}"
                assert "model_grid" in evidence
        for figure in checked.figures:
            assert dict(figure.evidence)["model_kind"] in ("chart", "image", "diagram", "none")
        assert checked.page_paths[0].startswith("vector + ")
        assert ("table-structure:" in checked.page_paths[0]) == bool(checked.tables)
        assert ("figure-kind:" in checked.page_paths[0]) == bool(checked.figures)
    assert [dataclasses.replace(t, evidence=(), confidence=0) for t in vector.tables] == \
        [dataclasses.replace(t, evidence=(), confidence=0) for t in checked.tables]  # grids are never rewritten
