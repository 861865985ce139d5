"""The chart corpus generator (benchmarks/charts) with matplotlib, the one tool every machine has: each style is
drawn with known data, paired with its caption, and its series read back within the bench's 1 % rule."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from benchmarks.charts.make_charts import generate
from benchmarks.charts.spec import STYLES
from extractors.pipeline import ExtractionOptions, extract_document

ROOT = Path(__file__).resolve().parents[2]


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("paperlake_bench_score", ROOT / "benchmarks" / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("charts")
    assert generate(out, seed=5, per_style=1, tools=["matplotlib"]) == len(STYLES)
    return out


def test_truth_has_the_bench_shape(corpus: Path) -> None:
    for truth_file in sorted(corpus.glob("*.truth.json")):
        (fig,) = json.loads(truth_file.read_text())["figures"]
        assert fig["label"] == "Figure 1" and fig["caption"] and fig["page"] == 1
        assert fig["style"][0] == "matplotlib" and fig["style"][1] in STYLES
        assert fig["kind"] == ("multi" if fig["style"][1] == "multi" else "chart")
        assert all(len(s["x"]) == len(s["y"]) > 0 for s in fig["series"])


@pytest.mark.parametrize("style", STYLES)
def test_matplotlib_series_are_read_back(corpus: Path, style: str) -> None:
    score = _scorer()
    pdf = corpus / f"matplotlib_{style}_0.pdf"
    (truth,) = json.loads(pdf.with_suffix(".truth.json").read_text())["figures"]
    figure = next(f for f in extract_document(pdf, ExtractionOptions(crop_dpi=36)).figures if f.label == "Figure 1")
    assert figure.kind == truth["kind"]
    read: dict[str, list] = {}
    for p in figure.series:
        read.setdefault(p.series, []).append((p.x, p.y, p.point))
    hit, n = score.series_recovery(truth, read)
    assert n > 0 and hit == n, (style, hit, n)
