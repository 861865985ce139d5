"""transformers models: settings, lazy once-per-process loading, batching and Table Transformer post-processing.

The model tests build a tiny randomly initialised Table Transformer from a config (a native ResNet
backbone, so neither timm nor the hub is needed), save it with its processor to tmp_path and run the real
loading, batching and post-processing code on it.
"""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from extractors.models.options import ModelOptions, hub_offline
from extractors.models.table_detection import TableDetectionOptions, table_boxes


def test_options_validate_and_name_the_setting() -> None:
    with pytest.raises(ValueError, match="PAPERLAKE_X: hub model .* needs a pinned revision"):
        ModelOptions("org/model", setting="PAPERLAKE_X")
    with pytest.raises(ValueError, match="device"):
        ModelOptions("org/model", revision="abc", device="tpu")
    with pytest.raises(ValueError, match="batch_size"):
        ModelOptions("/models/x", batch_size=0)
    assert ModelOptions("/models/x").is_local and not ModelOptions("org/m", revision="v1").is_local


def test_options_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAPERLAKE_TABLE_DETECTION_MODEL", raising=False)
    assert TableDetectionOptions.from_env() is None
    monkeypatch.setenv("PAPERLAKE_TABLE_DETECTION_MODEL", "org/detector")
    monkeypatch.setenv("PAPERLAKE_TABLE_DETECTION_MODEL_REVISION", "0123abc")
    monkeypatch.setenv("PAPERLAKE_TABLE_DETECTION_MODEL_BATCH_SIZE", "2")
    options = TableDetectionOptions.from_env()
    assert options is not None and options.model.revision == "0123abc" and options.model.batch_size == 2
    assert options.model.setting == "PAPERLAKE_TABLE_DETECTION_MODEL"
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert hub_offline()


def test_table_boxes_post_processing() -> None:
    result = {
        "scores": [0.95, 0.9, 0.3, 0.8, 0.85],
        "labels": [0, 0, 0, 1, 2],
        "boxes": [[100, 600, 900, 1000], [120, 620, 880, 990], [0, 0, 50, 50], [100, 100, 500, 400],
                  [0, 0, 10, 10]],
    }
    found = table_boxes(result, {0: "table", 1: "table rotated", 2: "no object"}, scale=0.5,
                        page_size=(400.0, 480.0), threshold=0.7)
    assert [d.bbox for d in found] == [(50.0, 50.0, 250.0, 200.0), (50.0, 300.0, 400.0, 480.0)]  # sorted, clipped
    assert found[0].rotated and not found[1].rotated
    assert found[1].score == 0.95 and dict(found[1].evidence)["detection_score"] == 0.95


def test_importing_models_loads_no_torch() -> None:
    code = ("import sys, extractors.models.table_detection, extractors.models.loading, extractors.pipeline; "
            "print('torch' in sys.modules, 'transformers' in sys.modules, 'onnxruntime' in sys.modules, "
            "sys.modules.get('pymupdf4llm'), sys.modules.get('pymupdf.layout'), "
            "bool(sys.modules['pymupdf'].TOOLS.unset_quad_corrections()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    # nor PyMuPDF's optional extras; the glyph boxes stay the ones the extraction is tuned on
    assert out.split() == ["False", "False", "False", "None", "None", "True"]


# ----------------------------------------------------------------------------- with torch + transformers
@pytest.fixture(scope="module")
def tiny_detector(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from extractors.models import tiny

    return tiny.table_transformer(tmp_path_factory.mktemp("tiny-table-transformer"))


def _pages(n: int) -> list[np.ndarray]:
    pages = []
    for i in range(n):
        image = np.full((330, 255, 3), 255, dtype=np.uint8)
        image[60 + 10 * i:120, 30:220] = 0
        pages.append(image)
    return pages


def test_tiny_table_transformer_loads_once_and_runs_in_batches(tiny_detector) -> None:  # type: ignore[no-untyped-def]
    from extractors.models.loading import clear_cache, load
    from extractors.models.table_detection import detect_tables

    clear_cache()
    options = TableDetectionOptions(ModelOptions(str(tiny_detector), device="cpu", batch_size=2), threshold=0.0,
                                    max_overlap=1.0)
    first = load(options.model)
    assert load(options.model) is first  # once per process
    assert first.device == "cpu" and first.dtype == "float32" and not first.model.training
    pages = _pages(3)  # two batches: 2 + 1
    sizes = [(612.0, 792.0)] * 3
    results = detect_tables(pages, sizes, options)
    assert len(results) == 3
    for detections in results:
        assert detections  # threshold 0 keeps the random model's boxes
        for d in detections:
            x0, y0, x1, y1 = d.bbox
            assert 0 <= x0 < x1 <= 612 and 0 <= y0 < y1 <= 792 and 0 <= d.score <= 1
    # batching does not change the answer: one page alone gives what it gave inside a batch
    alone = detect_tables(pages[2:], sizes[2:], options)
    assert [v for d in alone[0] for v in d.bbox] == pytest.approx([v for d in results[2] for v in d.bbox], abs=0.05)


def test_missing_weights_name_the_setting(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("transformers")
    from extractors.models.loading import ModelWeightsMissing, load

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(ModelWeightsMissing, match="PAPERLAKE_TABLE_DETECTION_MODEL: no usable weights .*HF_HUB_OFFLINE"):
        load(ModelOptions("org/not-cached", revision="0123abc", setting="PAPERLAKE_TABLE_DETECTION_MODEL"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelWeightsMissing, match="PAPERLAKE_TABLE_DETECTION_MODEL: no usable weights for folder"):
        load(ModelOptions(str(empty), setting="PAPERLAKE_TABLE_DETECTION_MODEL"))
