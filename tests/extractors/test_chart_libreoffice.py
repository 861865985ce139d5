"""The chart corpus's LibreOffice drawer (benchmarks/charts/draw_libreoffice.py): a flat ODF spreadsheet turned
into PDF by `soffice --headless` draws the spec's data, and the XY styles the engine reads are read back within
the bench's 1 % rule. Skipped where `soffice` (Debian's libreoffice-calc-nogui) is not installed."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks.charts.make_charts import generate
from benchmarks.score import series_recovery
from extractors.pipeline import ExtractionOptions, extract_document

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="soffice (libreoffice-calc-nogui) not installed")

STYLES = ("line", "scatter", "log", "sci", "bar")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("lo-charts")
    assert generate(out, seed=5, per_style=1, tools=["libreoffice"], styles=STYLES) == len(STYLES)
    return out


def test_truth_and_page(corpus: Path) -> None:
    for style in STYLES:
        (fig,) = json.loads((corpus / f"libreoffice_{style}_0.truth.json").read_text())["figures"]
        assert fig["style"][:2] == ["libreoffice", style] and fig["kind"] == "chart"
        assert all(len(s["x"]) == len(s["y"]) > 0 for s in fig["series"])


@pytest.mark.parametrize("style", ("line", "scatter", "log", "sci"))
def test_xy_series_are_read_back(corpus: Path, style: str) -> None:
    pdf = corpus / f"libreoffice_{style}_0.pdf"
    (truth,) = json.loads(pdf.with_suffix(".truth.json").read_text())["figures"]
    figure = next(f for f in extract_document(pdf, ExtractionOptions(crop_dpi=36)).figures if f.label == "Figure 1")
    read: dict[str, list] = {}
    for p in figure.series:
        read.setdefault(p.series, []).append((p.x, p.y, p.point))
    hit, n = series_recovery(truth, read)
    assert n > 0 and hit == n, (style, hit, n)
