"""The random LaTeX table papers of benchmarks/papers/latex_tables compile, and their truth is what pdfLaTeX
printed: three documents are generated into tmp_path (a few seconds), read back and checked; the check is
shown to catch a wrong cell and a shifted box; a seed gives the same bytes twice; a perfect prediction
scores 1.0 with ../shared/bench/score.py.

Skipped where pdflatex is missing (.ci/run installs texlive-latex-base and texlive-latex-recommended for
it: booktabs, longtable, rotating, dcolumn, caption, geometry).
"""
from __future__ import annotations

import copy
import importlib.util
import json
import shutil
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "papers" / "latex_tables" / "generate.py"
SEED = 1
INDICES = [1, 2, 8]  # between them: a longtable across pages, a full grid, table* in two columns, multirow

pytestmark = pytest.mark.skipif(shutil.which("pdflatex") is None,
                                reason="pdflatex is not installed (Debian: texlive-latex-recommended)")


def _load(name: str, path: Path):  # the generator under a name no other test uses
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate():
    return _load("latex_tables_generate", GENERATOR)


@pytest.fixture(scope="module")
def corpus(generate, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict]]:
    out = tmp_path_factory.mktemp("latex-tables")
    docs = [generate.generate_one(SEED, i, out, check=False)[0] for i in INDICES]
    return [(pdf, json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text())) for pdf in docs]


def test_the_documents_compile_and_pass_the_self_check(generate, corpus) -> None:
    for pdf, truth in corpus:
        assert pdf.with_suffix(".tex").exists()
        assert generate.check_document(pdf, truth) == []
    tags = {tag for _, truth in corpus for t in truth["tables"] for tag in t["style"]}
    assert {"continued", "ruled", "span", "section_rows", "multirow"} <= tags


def test_the_check_catches_a_wrong_cell_and_a_shifted_box(generate, corpus) -> None:
    pdf, truth = next((p, copy.deepcopy(t)) for p, t in corpus if any(x["bbox"] for x in t["tables"]))
    t = next(x for x in truth["tables"] if x["bbox"])
    r, c = next((r, c) for r, row in enumerate(t["grid"]) for c, v in enumerate(row) if v)
    t["grid"][r][c] += " 0.125"
    assert any("not printed" in p for p in generate.check_document(pdf, truth))
    t["grid"][r][c] = t["grid"][r][c][: -len(" 0.125")]
    box = t["bbox"]
    t["bbox"] = [box[0], box[1] + 30, box[2], box[3] + 30]
    assert any("box text differs" in p for p in generate.check_document(pdf, truth))


def test_a_seed_gives_the_same_bytes(generate, corpus, tmp_path: Path) -> None:
    pdf, _ = corpus[0]
    again, _ = generate.generate_one(SEED, INDICES[0], tmp_path, check=False)
    assert again.read_bytes() == pdf.read_bytes()
    assert again.with_name(again.stem + ".truth.json").read_text() == \
        pdf.with_name(pdf.stem + ".truth.json").read_text()


def test_a_perfect_prediction_scores_one_with_the_shared_scorer(corpus, tmp_path: Path) -> None:
    # the repository's copy of ../shared/bench/score.py, so the check runs where ../shared is not
    score = _load("bench_score_latex", Path(__file__).resolve().parents[2] / "benchmarks" / "score.py")
    truth_dir = corpus[0][0].parent
    score.truth_to_contract(score.load_truth([truth_dir]), tmp_path / "perfect", "perfect")
    res = score.score(score.load_truth([truth_dir]), score.load_pred(tmp_path / "perfect"))
    overall = res["tables"]["overall"]
    assert overall["n"] == sum(len(t["tables"]) for _, t in corpus)
    for key in ("precision", "recall", "structure", "exact", "header", "caption", "page"):
        assert overall[key] == pytest.approx(1.0), key
