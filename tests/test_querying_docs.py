"""Every SQL example in docs/querying.md runs against a catalog built from the example PDFs, and returns rows."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pymupdf
import pytest
from conftest import EXAMPLES, REPO, _paragraph

from paperlake.cli.main import main
from paperlake.dataset.assemble import publish_all
from paperlake.pipeline.routed import routed_frames
from paperlake.review.corrections import Correction, extraction_hashes
from paperlake.review.state import CorrectionStore
from paperlake.settings import load_settings
from paperlake.store import DataStore

pytestmark = pytest.mark.integration

DOC = REPO / "docs" / "querying.md"
CURATOR = "curator@example.org"


def build_accuracy_pdf(path: Path) -> Path:
    """One page: a captioned booktabs table of model accuracies (no bundled example reports accuracy)."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = _paragraph(page, 90)
    page.insert_text((150, y + 14), "Table 1: Test accuracy of the three classifiers.", fontsize=10, fontname="tiro")
    top = y + 24
    page.draw_line((140, top), (470, top), width=0.8)
    xs = [145, 250, 330, 420]
    for x, text in zip(xs, ["Model", "Params (M)", "Accuracy (%)", "F1"]):
        page.insert_text((x, top + 14), text, fontsize=10, fontname="tiro")
    page.draw_line((140, top + 20), (470, top + 20), width=0.5)
    ry = top + 34
    for row in [["CNN", "4.2", "91.3", "0.90"], ["ViT", "22.1", "94.8", "0.94"], ["MLP", "1.1", "85.0", "0.83"]]:
        for x, text in zip(xs, row):
            page.insert_text((x, ry), text, fontsize=10, fontname="tiro")
        ry += 14
    page.draw_line((140, ry - 8), (470, ry - 8), width=0.8)
    _paragraph(page, ry + 20)
    doc.save(path)
    return path


def sql_blocks(markdown: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sql\n(.*?)```", markdown, re.DOTALL)]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Path:
    """The examples plus an accuracy table, run once; a curator accepted one table and rejected one figure."""
    inputs, data_dir = tmp_path_factory.mktemp("inputs"), tmp_path_factory.mktemp("data")
    for pdf in sorted(EXAMPLES.glob("*.pdf")):
        shutil.copy(pdf, inputs / pdf.name)
    build_accuracy_pdf(inputs / "classifiers.pdf")
    assert main(["run", str(inputs), "--data-dir", str(data_dir)]) == 0
    store = DataStore(data_dir)
    frames, _ = routed_frames(store)
    hashes = extraction_hashes(frames)
    tables, figures = frames["tables"], frames["figures"]
    table = tables[tables["caption"].str.startswith("Melting temperatures", na=False)].iloc[0]
    figure = figures[figures["figure_kind"] == "image"].iloc[0]
    common = {"reviewed_by": CURATOR, "reviewed_at": "2026-11-29T05:00:00+00:00", "seen_hash": "seen"}
    corrections = CorrectionStore(store.review_dir)
    corrections.save(Correction(item_id=table["table_id"], kind="table", doc_id=table["doc_id"], verdict="accept",
                                method=table["method"], caption=table["caption"],
                                extraction_hash=hashes[table["table_id"]], **common))
    corrections.save(Correction(item_id=figure["figure_id"], kind="figure", doc_id=figure["doc_id"],
                                verdict="reject", method=figure["method"],
                                extraction_hash=hashes[figure["figure_id"]], **common))
    publish_all(store, load_settings(data_dir))
    return data_dir / "catalog.duckdb"


def test_the_page_has_at_least_eight_queries():
    assert len(sql_blocks(DOC.read_text(encoding="utf-8"))) >= 8


@pytest.mark.parametrize("sql", sql_blocks(DOC.read_text(encoding="utf-8")),
                         ids=lambda sql: re.sub(r"\W+", "_", sql[:40]).strip("_"))
def test_example_query_returns_rows(catalog, sql):
    con = duckdb.connect(str(catalog), read_only=True)
    try:
        rows = con.execute(sql).fetchall()
    finally:
        con.close()
    assert rows, sql


def test_accuracy_and_provenance_answers(catalog):
    blocks = sql_blocks(DOC.read_text(encoding="utf-8"))
    con = duckdb.connect(str(catalog), read_only=True)
    try:
        accuracy = con.execute(next(b for b in blocks if "accuracy" in b)).fetchall()
        provenance = con.execute(next(b for b in blocks if "source_uri" in b)).fetchall()
        reviewed = con.execute(next(b for b in blocks if "from reviewed_items" in b)).fetchall()
    finally:
        con.close()
    assert [(f, h) for f, _, _, h in accuracy] == [("classifiers.pdf", "Accuracy (%)")]
    assert provenance and all(row[0] == "protein_stability.pdf" and row[2] >= 1 and row[7] < row[9]
                              for row in provenance)
    assert [(kind, by) for kind, _, _, by, _ in reviewed] == [("table", CURATOR)]
