"""The report-table documents of benchmarks/papers/report_tables (US government statistical tables: dot
leaders, indented and wrapped stub labels, boxed headers with group labels, panel rows, several tables a
page): their truth is exact, the self-check can fail, and random_tables, whose drawing they reuse, still
gives the same bytes for its seeds.

Six documents of seed 1 are generated into tmp_path (about two seconds); between them they hold every
style the generator draws.
"""
from __future__ import annotations

import copy
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "benchmarks" / "papers" / "report_tables"


def _load(name: str, path: Path):  # a module of the generator under a name no other test uses
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _load("report_tables_generate", GENERATOR / "generate.py")  # puts both folders on sys.path
check_document = generate.check_document

SEED = 1
INDICES = [0, 1, 3, 19, 26, 40]
STYLES = {"leaders_spaced", "leaders_tight", "no_leaders", "stub_wrap", "values_bottom", "values_top",
          "panel_rows", "header_1row", "header_2rows", "header_3rows", "year_stub", "year_cols", "heading_rows",
          "multi_table", "page_landscape", "page_abstract", "page_letter", "header_boxed", "header_ruled",
          "header_shaded", "special_cells", "footnote_marks", "body_vrules", "label_none", "label_letter",
          "indent", "bold_totals", "grouped_header", "headnote"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict]]:
    out = tmp_path_factory.mktemp("report-tables")
    docs = [generate.generate_one(SEED, i, out, check=False)[0] for i in INDICES]
    return [(pdf, json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text())) for pdf in docs]


def test_every_document_passes_the_check_and_the_sample_holds_every_style(corpus) -> None:
    assert [p for pdf, truth in corpus for p in check_document(pdf, truth)] == []
    tags = {tag for _, truth in corpus for t in truth["tables"] for tag in t["style"]}
    assert STYLES <= tags, STYLES - tags
    assert {"headnote", "notes"} <= {d["kind"] for _, truth in corpus for d in truth["distractors"]}


def test_the_grid_is_what_a_reader_sees(corpus) -> None:
    """No leader dots, no indent in a cell; a panel row is one cell across the table or one stub cell."""
    for _, truth in corpus:
        for t in truth["tables"]:
            for row in t["grid"]:
                for v in row:
                    assert v is None or (v == v.strip() and not v.endswith("..")), v
            assert all(len(row) == t["n_cols"] for row in t["grid"])


def test_the_check_catches_leaders_in_the_truth_a_moved_box_and_a_wrong_cell(corpus) -> None:
    pdf, truth = next((p, copy.deepcopy(t)) for p, t in corpus
                      if any("leaders_spaced" in x["style"] for x in t["tables"]))
    k = next(i for i, x in enumerate(truth["tables"]) if "leaders_spaced" in x["style"])
    t = truth["tables"][k]
    r = t["header_rows"] + next(i for i, row in enumerate(t["grid"][t["header_rows"]:]) if row[1])
    saved = t["grid"][r][0]
    t["grid"][r][0] = saved + " . . . ."
    assert any("differs from the grid" in p for p in check_document(pdf, truth))
    t["grid"][r][0] = saved
    box = t["bbox"]
    t["bbox"] = [box[0], box[1] + 30, box[2], box[3] + 30]
    assert any("differs from the grid" in p for p in check_document(pdf, truth))
    t["bbox"] = box
    t["grid"][r][1] = t["grid"][r][1] + "9"
    assert check_document(pdf, truth)


def test_a_seed_gives_the_same_bytes(corpus, tmp_path: Path) -> None:
    pdf, _ = corpus[2]
    again, _ = generate.generate_one(SEED, INDICES[2], tmp_path, check=False)
    assert again.read_bytes() == pdf.read_bytes()


def test_random_tables_still_gives_its_bytes(tmp_path: Path) -> None:
    """The report generator imports random_tables' drawing; seed 1's first document is unchanged (its
    hash at dc07817, PyMuPDF 1.26 / 2.0 of this venv)."""
    rt = sys.modules["rt_check"]  # loaded through the report generator's path
    gen = _load("random_tables_generate_bytes", Path(rt.__file__).parent / "generate.py")
    pdf, _ = gen.generate_one(1, 0, tmp_path, check=False)
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == \
        "23adb01347aeca75317c39b5a343ae587d5040e6e721ff1b50f60e465dcbcc36"
    truth = pdf.with_name(pdf.stem + ".truth.json").read_bytes()
    assert hashlib.sha256(truth).hexdigest() == "4c79f1dc9a09d7b815df82f4bfbd80dd12b6636c4bca5abac42e97ae96681886"


def test_a_perfect_prediction_scores_one_with_the_shared_scorer(corpus, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_score_report", ROOT / "benchmarks" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    truth_dir = corpus[0][0].parent
    score.truth_to_contract(score.load_truth([truth_dir]), tmp_path / "perfect", "perfect")
    res = score.score(score.load_truth([truth_dir]), score.load_pred(tmp_path / "perfect"))
    overall = res["tables"]["overall"]
    assert overall["n"] == sum(len(t["tables"]) for _, t in corpus)
    for key in ("precision", "recall", "structure", "exact", "header", "caption"):
        assert overall[key] == pytest.approx(1.0), key
