"""The random table documents of benchmarks/papers/random_tables: their truth is exact and the self-check
that says so can fail.

Ten documents are generated into tmp_path (a few seconds): six in a row and four picked because
between them they hold every special case (a /Rotate 90 page, a table printed sideways, a table continued
across pages, a raster table, filled cells, multirow labels, a table spanning two columns, three header
rows, section rows, TABLE III labels, and every distractor). Each one is read back from its files and
checked; then the check is shown to catch a shifted box, a broken span, a wrong cell and a false raster
tag.
"""
from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "papers" / "random_tables"


def _load(name: str, path: Path):  # a module of the generator under a name no other test uses
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _load("random_tables_generate", GENERATOR / "generate.py")  # puts its folder on sys.path
check_document = generate.check_document
check_structure = sys.modules["rt_check"].check_structure

SEED = 1
INDICES = [0, 1, 2, 3, 4, 5, 7, 22, 48, 49]
SPECIAL = {"rotated_page", "sideways", "continued", "raster", "filled_cells", "multirow", "span",
           "header_3rows", "section_rows", "label_roman"}
DISTRACTORS = {"author_block", "references", "numbered_list", "equation"}
TABLE_KEYS = {"label", "label_text", "page", "pages", "caption", "header_rows", "n_rows", "n_cols", "grid", "spans",
              "footnote", "bbox", "style"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict]]:
    out = tmp_path_factory.mktemp("random-tables")
    docs = [generate.generate_one(SEED, i, out, check=False)[0] for i in INDICES]
    return [(pdf, json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text())) for pdf in docs]


def test_every_document_passes_the_check_read_back_from_its_files(corpus) -> None:
    problems = [p for pdf, truth in corpus for p in check_document(pdf, truth)]
    assert problems == []


def test_the_sample_holds_every_special_case_in_the_dev_truth_format(corpus) -> None:
    tags = {tag for _, truth in corpus for t in truth["tables"] for tag in t["style"]}
    assert SPECIAL <= tags, SPECIAL - tags
    assert DISTRACTORS <= {d["kind"] for _, truth in corpus for d in truth["distractors"]}
    for pdf, truth in corpus:
        assert truth["figures"] == [] and truth["doc"] == pdf.stem
        for t in truth["tables"]:
            assert TABLE_KEYS <= set(t), TABLE_KEYS - set(t)
            if len(t["pages"]) > 1:  # continued: one box per part and the page of each body row
                assert len(t["page_bboxes"]) == len(t["pages"])
                assert len(t["row_pages"]) == t["n_rows"] - t["header_rows"]


def test_a_seed_gives_the_same_bytes(corpus, tmp_path: Path) -> None:
    pdf, _ = corpus[1]
    again, _ = generate.generate_one(SEED, INDICES[1], tmp_path, check=False)
    assert again.read_bytes() == pdf.read_bytes()
    assert again.with_name(again.stem + ".truth.json").read_text() == \
        pdf.with_name(pdf.stem + ".truth.json").read_text()


def _first(corpus, want, refuse=()) -> tuple[Path, dict, int]:
    for pdf, truth in corpus:
        for k, t in enumerate(truth["tables"]):
            if want(t) and not set(refuse) & set(t["style"]):
                return pdf, copy.deepcopy(truth), k
    raise AssertionError("no such table in the sample")


def test_the_check_catches_a_shifted_box(corpus) -> None:
    pdf, truth, k = _first(corpus, lambda t: t["n_rows"] >= 3, refuse={"raster"})
    box = truth["tables"][k]["bbox"]
    truth["tables"][k]["bbox"] = [box[0], box[1] + 40, box[2], box[3] + 40]
    assert any("differs from the grid" in p for p in check_document(pdf, truth))
    truth["tables"][k]["bbox"] = [box[0] - 300, box[1], box[2] - 300, box[3]]
    assert any("not printed inside the box" in p for p in check_document(pdf, truth))


def test_the_check_catches_a_wrong_cell_and_a_broken_span(corpus) -> None:
    pdf, truth, k = _first(corpus, lambda t: t["spans"], refuse={"raster"})
    t = truth["tables"][k]
    r, c, _, _ = t["spans"][0]
    spans = t["spans"]
    t["spans"] = spans[1:]  # the span's covered slots are now null with no span over them
    assert any("null but no span covers it" in p for p in check_structure(t))
    t["spans"] = spans
    t["grid"][r][c] = t["grid"][r][c] + " extra"
    assert any("word 'extra' not printed" in p for p in check_document(pdf, truth))


def test_the_check_catches_a_table_that_is_not_an_image(corpus) -> None:
    pdf, truth, k = _first(corpus, lambda t: True, refuse={"raster"})
    truth["tables"][k]["style"].append("raster")
    assert any("raster table has text inside its box" in p for p in check_document(pdf, truth))


def test_a_perfect_prediction_scores_one_with_the_shared_scorer(corpus, tmp_path: Path) -> None:
    # the repository's copy of ../shared/bench/score.py, so the check runs where ../shared is not
    scorer = Path(__file__).resolve().parents[2] / "benchmarks" / "score.py"
    spec = importlib.util.spec_from_file_location("bench_score_random", scorer)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    truth_dir = corpus[0][0].parent
    score.truth_to_contract(score.load_truth([truth_dir]), tmp_path / "perfect", "perfect")
    res = score.score(score.load_truth([truth_dir]), score.load_pred(tmp_path / "perfect"))
    overall = res["tables"]["overall"]
    assert overall["n"] == sum(len(t["tables"]) for _, t in corpus)
    for key in ("precision", "recall", "structure", "exact", "header", "caption", "page"):
        assert overall[key] == pytest.approx(1.0), key
