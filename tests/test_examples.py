"""The bundled example papers: their generator, their ground truth, and that the committed files are current."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pymupdf
import pytest

from conftest import EXAMPLES, REPO

SCRIPT = REPO / "examples" / "make_examples.py"


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_examples", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """A fresh run of `python examples/make_examples.py --out DIR`."""
    out = tmp_path_factory.mktemp("examples")
    _load_generator().main(["--out", str(out)])
    return out


def _names(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.pdf"))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _hit_inside(page: pymupdf.Page, needle: str, bbox: list[float]) -> bool:
    """Some occurrence of needle on the page has its centre inside bbox."""
    box = pymupdf.Rect(bbox) + (-1, -1, 1, 1)
    return any(box.contains((hit.tl + hit.br) / 2) for hit in page.search_for(needle))


def test_generator_writes_the_committed_set(fresh):
    assert _names(fresh) == _names(EXAMPLES)
    assert len(_names(fresh)) >= 4
    for name in _names(fresh):
        assert (fresh / f"{name}.truth.json").is_file()


def test_text_layer_holds_every_cell_and_caption(fresh):
    for name in _names(fresh):
        truth = json.loads((fresh / f"{name}.truth.json").read_text(encoding="utf-8"))
        doc = pymupdf.open(fresh / f"{name}.pdf")
        assert truth["doc"] == name and truth["n_pages"] == doc.page_count
        assert 2 <= doc.page_count <= 4
        assert tuple(doc[0].rect) == (0, 0, 612, 792)
        for table in truth["tables"]:
            page = doc[table["page"] - 1]
            text = _flat(page.get_text())
            assert _flat(f"{table['label_text']}") in text
            assert _flat(table["caption"]) in text, (name, table["label"])
            if table["footnote"]:
                assert _flat(table["footnote"]) in text
            grid = table["grid"]
            assert len(grid) == table["n_rows"] and all(len(row) == table["n_cols"] for row in grid)
            for row in grid:
                for cell in row:
                    if cell:
                        assert cell in text, (name, table["label"], cell)
                        assert _hit_inside(page, cell, table["bbox"]), (name, table["label"], cell)
        for figure in truth["figures"]:
            page = doc[figure["page"] - 1]
            text = _flat(page.get_text())
            assert _flat(figure["caption"]) in text, (name, figure["label"])
            for series in figure.get("series", []):
                assert _hit_inside(page, series["name"], figure["bbox"]), (name, figure["label"], series["name"])
                assert len(series["x"]) == len(series["y"])
            if figure["kind"] == "image":
                images = page.get_image_info()
                assert any(pymupdf.Rect(figure["bbox"]).intersects(im["bbox"]) for im in images)


def test_examples_cover_the_layouts_the_extractors_must_handle():
    tables = [t for p in EXAMPLES.glob("*.truth.json") for t in json.loads(p.read_text("utf-8"))["tables"]]
    truths = [json.loads(p.read_text("utf-8")) for p in EXAMPLES.glob("*.truth.json")]
    figures = [f for t in truths for f in t["figures"]]
    table_tags = {tag for t in tables for tag in t["style"]}
    assert {"ruled", "booktabs", "norules", "grouped_header", "pm", "units", "neg", "empty_cells",
            "caption_below", "caption_above", "in_column"} <= table_tags
    assert {"line", "bar", "raster"} <= {tag for f in figures for tag in f["style"]}
    assert any({t["page"] for t in truth["tables"]} & {f["page"] for f in truth["figures"]} for truth in truths)


def test_committed_examples_match_a_fresh_run(fresh):
    """Edit examples/make_examples.py, then re-run it: the committed PDFs and truth must be its output."""
    for name in _names(EXAMPLES):
        for suffix in (".pdf", ".truth.json"):
            committed, regenerated = EXAMPLES / f"{name}{suffix}", fresh / f"{name}{suffix}"
            if committed.read_bytes() == regenerated.read_bytes():
                continue
            producer = pymupdf.open(EXAMPLES / f"{name}.pdf").metadata["producer"]
            why = ("" if producer == f"PyMuPDF {pymupdf.VersionBind}" else
                   f" (they were written by {producer}, this is PyMuPDF {pymupdf.VersionBind}: pyproject.toml "
                   "bounds PyMuPDF to the release that wrote them; moving the bound means regenerating them)")
            pytest.fail(f"{committed.relative_to(REPO)} is stale: run python examples/make_examples.py{why}")
