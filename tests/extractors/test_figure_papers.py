"""The LaTeX-typeset figure papers (benchmarks/papers/figures) scored with the benchmark scorer: they must
stay at the bar the dev set is held to (detection, captions, kind, chart series, box IoU).

The scorer is the benchmark's own (benchmarks/score.py, a copy of ../shared/bench/score.py), fed the
Parquet frames the pipeline publishes for each paper, so the test needs nothing outside the repository.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest

from extractors.pipeline import ExtractionOptions, extract_document
from paperlake.pipeline.frames import DocumentRow, documents_frame, extraction_frames

ROOT = Path(__file__).resolve().parents[2]
PAPERS = ROOT / "benchmarks" / "papers" / "figures"
BAR = {"f1": 0.98, "caption": 0.98, "kind": 0.95, "series": 0.95, "bbox_iou": 0.75}


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("paperlake_bench_score", ROOT / "benchmarks" / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _publish_like(pdfs: list[Path], out: Path) -> Path:
    """Write each paper's extraction as the contract's Parquet tables, as a snapshot holds them."""
    parts, docs = [], []
    for k, pdf in enumerate(pdfs):
        doc_id = f"{k:016d}"
        extraction = extract_document(pdf, ExtractionOptions(crop_dpi=36))
        frames, _ = extraction_frames(doc_id, extraction)
        parts.append(frames)
        docs.append(DocumentRow(doc_id, pdf.name, str(pdf), extraction.n_pages, extraction.title,
                                "2026-01-01T00:00:00Z", "test", "extracted", None))
    out.mkdir()
    documents_frame(docs).to_parquet(out / "documents.parquet")
    for table in ("tables", "table_cells", "figures", "figure_series"):
        pd.concat([p[table] for p in parts], ignore_index=True).to_parquet(out / f"{table}.parquet")
    return out


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> dict:  # type: ignore[no-untyped-def]
    score = _scorer()
    pdfs = sorted(PAPERS.glob("*.pdf"))
    pred = _publish_like(pdfs, tmp_path_factory.mktemp("papers") / "published")
    return score.score(score.load_truth([PAPERS]), score.load_pred(pred))


def test_every_paper_is_scored(scored: dict) -> None:
    assert scored["missing_docs"] == []
    assert scored["figures"]["overall"]["n"] == sum(
        len(json.loads(t.read_text())["figures"]) for t in PAPERS.glob("*.truth.json"))


@pytest.mark.parametrize("metric", sorted(BAR))
def test_figure_papers_stay_at_the_bar(scored: dict, metric: str) -> None:
    value = scored["figures"]["overall"][metric]
    assert value is not None and value >= BAR[metric], (metric, value)


@pytest.mark.parametrize("tag", ["hbar", "sci", "axis_factor", "loglog", "subfigure", "diagram", "wide", "errorbars",
                                 "matplotlib"])
def test_each_hard_case_is_read(scored: dict, tag: str) -> None:
    """Per style tag: every figure of that kind is found with its caption and kind (and its data, if a chart)."""
    m = scored["figures"]["by_style"][tag]
    assert m["recall"] == 1.0 and m["kind"] >= 0.95 and m["caption"] >= 0.98, (tag, m)
    assert m["series"] is None or m["series"] >= 0.95, (tag, m)
