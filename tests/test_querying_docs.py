"""Every SQL example in docs/querying.md runs against a catalog built from the example PDFs, and returns what
the examples' ground truth (examples/pdfs/*.truth.json, and the accuracy table built here) says it should;
where the truth cannot say (confidences, snapshot ids), what the snapshot's Parquet files and folders say."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pymupdf
import pytest
from conftest import EXAMPLES, REPO, _paragraph

from paperlake import __version__
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
REVIEWED_AT = "2026-11-29T05:00:00+00:00"
ACCURACY_CAPTION = "Test accuracy of the three classifiers."
ACCURACY_GRID = [["Model", "Params (M)", "Accuracy (%)", "F1"],
                 ["CNN", "4.2", "91.3", "0.90"], ["ViT", "22.1", "94.8", "0.94"], ["MLP", "1.1", "85.0", "0.83"]]


def build_accuracy_pdf(path: Path) -> Path:
    """One page: a captioned booktabs table of model accuracies (no bundled example reports accuracy)."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = _paragraph(page, 90)
    page.insert_text((150, y + 14), f"Table 1: {ACCURACY_CAPTION}", fontsize=10, fontname="tiro")
    top = y + 24
    page.draw_line((140, top), (470, top), width=0.8)
    xs = [145, 250, 330, 420]
    for x, text in zip(xs, ACCURACY_GRID[0]):
        page.insert_text((x, top + 14), text, fontsize=10, fontname="tiro")
    page.draw_line((140, top + 20), (470, top + 20), width=0.5)
    ry = top + 34
    for row in ACCURACY_GRID[1:]:
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
    common = {"reviewed_by": CURATOR, "reviewed_at": REVIEWED_AT, "seen_hash": "seen"}
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
    assert _run(catalog, sql), sql


# ------------------------------------------------------------------ what each example should return
# The truth of each input: the examples' truth files, plus the accuracy table this module builds. The fixture
# accepted the table captioned "Melting temperatures…" and rejected the one image figure (see `catalog`).

def _truth() -> dict[str, dict]:
    truth = {pdf.name: json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
             for pdf in sorted(EXAMPLES.glob("*.pdf"))}
    truth["classifiers.pdf"] = {"n_pages": 1, "figures": [], "tables": [
        {"label": "Table 1", "caption": ACCURACY_CAPTION, "page": 1, "header_rows": 1, "spans": [],
         "grid": ACCURACY_GRID}]}
    return truth


def _accepted(truth: dict[str, dict]) -> tuple[str, dict]:
    (found,) = [(name, t) for name, doc in truth.items() for t in doc["tables"]
                if t["caption"].startswith("Melting temperatures")]
    return found


def _rejected(truth: dict[str, dict]) -> tuple[str, dict]:
    (found,) = [(name, f) for name, doc in truth.items() for f in doc["figures"] if f["kind"] == "image"]
    return found


def _headers(table: dict) -> list[str]:
    """Each column's header: the header rows' texts joined with ' / ', a spanning header counting for every
    column under it (docs/querying.md, table_columns)."""
    rows = [list(row) for row in table["grid"][:table["header_rows"]]]
    for r, c, _, colspan in table["spans"]:
        if r < table["header_rows"]:
            for k in range(c + 1, c + colspan):
                rows[r][k] = rows[r][c]
    return [" / ".join(row[col] for row in rows if row[col]) for col in range(len(table["grid"][0]))]


NUMBER = re.compile(r"^([-\u2212]?\d+(?:\.\d+)?)(?:\s*\u00b1\s*(\d+(?:\.\d+)?))?$")


def _cells(truth: dict[str, dict]) -> list[dict]:
    """Every body cell of every truth table that holds a number, with its value, uncertainty and the unit in
    its column header's parentheses."""
    cells = []
    for name, doc in truth.items():
        for table in doc["tables"]:
            headers = _headers(table)
            for r, row in enumerate(table["grid"][table["header_rows"]:], start=table["header_rows"]):
                for c, text in enumerate(row):
                    match = NUMBER.match(text or "")
                    if not match:
                        continue
                    unit = re.search(r"\(([^()]*)\)\s*$", headers[c])
                    cells.append({"file_name": name, "table": table, "row": r, "col": c, "row_label": row[0],
                                  "header": headers[c], "text": text,
                                  "value": float(match[1].replace("\u2212", "-")),
                                  "uncertainty": float(match[2]) if match[2] else None,
                                  "unit": unit[1] if unit else None})
    return cells


def _snapshot(catalog: Path) -> Path:
    published = catalog.parent / "published"
    return published / (published / "CURRENT").read_text().strip()


def _run(catalog: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(catalog), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def check_per_document(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    rejected = _rejected(truth)[0]
    assert rows == [(name, doc["n_pages"], "ok", len(doc["tables"]), len(doc["figures"]) - (name == rejected))
                    for name, doc in sorted(truth.items())]


def check_accuracy(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    assert rows == [(name, t["label"], t["caption"], header) for name, doc in sorted(truth.items())
                    for t in doc["tables"] for header in _headers(t) if "accuracy" in header.lower()]
    assert rows == [("classifiers.pdf", "Table 1", ACCURACY_CAPTION, "Accuracy (%)")]


def check_uncertainties(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    cells = sorted((c for c in _cells(truth) if c["uncertainty"] is not None),
                   key=lambda c: -c["uncertainty"] / abs(c["value"]))
    assert [row[:7] for row in rows] == [(c["file_name"], c["table"]["label"], c["row_label"], c["header"],
                                          c["value"], c["uncertainty"], c["unit"]) for c in cells]
    assert [row[7] for row in rows] == pytest.approx([100 * c["uncertainty"] / abs(c["value"]) for c in cells],
                                                     abs=0.006)


def check_provenance(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    cells = sorted((c for c in _cells(truth) if c["unit"] == "°C" and 70 <= c["value"] <= 80
                    and "tm" in c["header"].lower()), key=lambda c: (c["file_name"], c["row"], c["col"]))
    assert cells and [(r[0], r[2], r[3], r[4], r[5], r[6]) for r in rows] == [
        (c["file_name"], c["table"]["page"], c["table"]["label"], c["row_label"], c["header"], c["text"])
        for c in cells]
    for row, cell in zip(rows, cells):
        assert row[1].startswith("file:///") and row[1].endswith("/" + cell["file_name"])
        assert list(row[7:11]) == pytest.approx(cell["table"]["bbox"], abs=1.0)  # the table's box, in points


def check_chart_series(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    expected = sorted((name, f["label"], f["caption"], s["name"], len(s["y"]), f["x_label"], f["y_label"],
                       min(s["y"]), max(s["y"]), f["y_range"])
                      for name, doc in truth.items() for f in doc["figures"] for s in f.get("series", []))
    assert [row[:7] for row in rows] == [e[:7] for e in expected]
    for row, e in zip(rows, expected):
        tolerance = 0.01 * (e[9][1] - e[9][0])  # 1 % of the axis range
        assert row[7:9] == pytest.approx(e[7:9], abs=tolerance), e[:4]


def check_chart_points(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    (figure,) = [f for f in truth["catalyst_screening.pdf"]["figures"] if f["label"] == "Figure 1"]
    expected = [(s["name"], k, x, y) for s in sorted(figure["series"], key=lambda s: s["name"])
                for k, (x, y) in enumerate(zip(s["x"], s["y"]))]
    assert [(r[0], r[1]) for r in rows] == [(e[0], e[1]) for e in expected]
    x_tol, y_tol = (0.01 * (high - low) for low, high in (figure["x_range"], figure["y_range"]))
    assert [r[2] for r in rows] == pytest.approx([e[2] for e in expected], abs=x_tol)
    assert [r[3] for r in rows] == pytest.approx([e[3] for e in expected], abs=y_tol)
    assert all(r[4] is None for r in rows)  # no error bars in this chart


def check_table_as_rows(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    _, table = _accepted(truth)
    column = _headers(table).index("pH 7.4 / Tm (°C)")
    assert rows == [(r, row[0], row[column], row) for r, row in enumerate(table["grid"])
                    if r >= table["header_rows"]]


def check_reviewed_items(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    _, table = _accepted(truth)
    assert rows == [("table", table["label"], table["caption"], CURATOR, datetime.fromisoformat(REVIEWED_AT))]


def check_reviewed_numbers(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    name, table = _accepted(truth)
    cells = [c for c in _cells(truth) if c["file_name"] == name and c["table"] is table]
    assert sorted(rows) == sorted((name, table["label"], c["row_label"], c["header"], c["value"], c["unit"])
                                  for c in cells)


def check_units(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    by_unit: dict[str, list[float]] = {}
    for cell in _cells(truth):
        if cell["unit"]:
            by_unit.setdefault(cell["unit"], []).append(cell["value"])
    assert rows == sorted(((unit, len(v), min(v), max(v)) for unit, v in by_unit.items()),
                          key=lambda row: (-row[1], row[0]))


def check_least_confident(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    snapshot = _snapshot(catalog)
    items = []
    for kind, key in (("table", "table_id"), ("figure", "figure_id")):
        frame = pd.read_parquet(snapshot / f"{kind}s.parquet")
        frame = frame[frame["review_status"] != "rejected"]
        items += [(kind, item[key], item["label"], item["confidence"], item["review_status"])
                  for item in frame.to_dict("records")]
    assert len(rows) == min(10, len(items))
    assert [r[3] for r in rows] == sorted(i[3] for i in items)[:len(rows)]  # the lowest confidences, in order
    assert {r[:5] for r in rows} <= set(items)


def check_rejected(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    name, figure = _rejected(truth)
    doc_id = hashlib.sha256((EXAMPLES / name).read_bytes()).hexdigest()
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [("figure", figure["label"], figure["caption"], CURATOR)]
    assert rows[0][1].startswith(f"{doc_id[:16]}-p{figure['page']:03d}-")


def check_snapshot_and_reviews(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    snapshot = _snapshot(catalog)
    earlier = sorted(p.name for p in snapshot.parent.iterdir() if p.is_dir() and p != snapshot)
    assert {r[:4] for r in rows} == {(snapshot.name, rows[0][1], earlier[-1], __version__)}
    assert rows[0][1] <= datetime.now(UTC)
    methods = {kind: pd.read_parquet(snapshot / f"{kind}s.parquet")["method"].unique().tolist()
               for kind in ("table", "figure")}
    pending = {kind: int((pd.read_parquet(snapshot / f"{kind}s.parquet")["review_status"] == "needs_review").sum())
               for kind in ("table", "figure")}
    # one table accepted and one figure rejected by the curator; the rest pending where the calibrated
    # confidence is under the default threshold (or a rule holds the item)
    assert sorted(r[4:] for r in rows) == [(kind, *methods[kind], 1 + pending[kind], 1, pending[kind])
                                           for kind in ("figure", "table")]


def check_cell_boxes(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    cells = [c for c in _cells(truth) if c["unit"] == "°C" and "tm" in c["header"].lower()]
    assert cells and sorted(r[:6] for r in rows) == sorted(
        (c["file_name"], c["table"]["page"], c["table"]["label"], c["row_label"], c["header"], c["text"])
        for c in cells)
    for name, page, *_, text, x0, y0, x1, y1 in rows:  # each box holds its own cell's text on the page
        with pymupdf.open(EXAMPLES / name) as doc:
            inside = " ".join(doc[page - 1].get_textbox(pymupdf.Rect(x0, y0, x1, y1) + (-1, -1, 1, 1)).split())
        assert inside == text, (name, text, inside)


def check_si_units(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    def kelvin(cell: dict) -> float:
        return cell["value"] + 273.15 if cell["unit"] == "°C" and "Δ" not in cell["header"] else cell["value"]

    cells = [c for c in _cells(truth) if c["unit"] in ("°C", "K")]
    assert {c["unit"] for c in cells} == {"°C", "K"}  # both printed units end up in one
    assert sorted(r[:6] for r in rows) == sorted((c["file_name"], c["table"]["label"], c["row_label"], c["header"],
                                                 c["value"], c["unit"]) for c in cells)
    expected = {(c["file_name"], c["row_label"], c["header"]): kelvin(c) for c in cells}
    assert [r[6] for r in rows] == pytest.approx([expected[(r[0], r[2], r[3])] for r in rows])
    assert {r[7] for r in rows} == {"K"} and [r[6] for r in rows] == sorted((r[6] for r in rows), reverse=True)


def check_evidence_keys(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    tables = pd.read_parquet(_snapshot(catalog) / "tables.parquet")
    tables = tables[tables["review_status"] != "rejected"].sort_values("table_id")
    expected = [(t["label"], t["confidence"], json.loads(t["evidence"])["engine_confidence"], t["n_rows"])
                for t in tables.to_dict("records")]
    assert [r[:2] for r in rows] == [e[:2] for e in expected]
    assert [r[2] for r in rows] == pytest.approx([e[2] for e in expected]) and [r[3] for r in rows] == [
        e[3] for e in expected]


def _duckdb_type(dtype: object) -> str:
    return {"float64": "DOUBLE", "int64": "BIGINT", "bool": "BOOLEAN"}.get(str(dtype), "VARCHAR")


def check_column_comments(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    from schemas.dataset import contract_schema, empty_frame

    schema, frame = contract_schema("table_cells"), empty_frame("table_cells")
    assert rows == [(name, _duckdb_type(frame[name].dtype), column.description)
                    for name, column in schema.columns.items()]
    assert ("value_si", "DOUBLE") in {r[:2] for r in rows} and all(r[2] for r in rows)


def check_describe_tables(rows: list[tuple], truth: dict[str, dict], catalog: Path) -> None:
    from schemas.dataset import columns

    assert [r[0] for r in rows] == columns("tables")
    types = {r[0]: r[1] for r in rows}
    assert types["evidence"] == "JSON" and types["confidence"] == "DOUBLE"


CHECKS: dict[str, Callable[[list[tuple], dict[str, dict], Path], None]] = {
    "as n_tables": check_per_document,
    "ilike '%accuracy%'": check_accuracy,
    "uncertainty_pct": check_uncertainties,
    "d.source_uri": check_provenance,
    "list_min(ys)": check_chart_series,
    "from chart_points": check_chart_points,
    "table_as_rows(": check_table_as_rows,
    "from reviewed_items": check_reviewed_items,
    "review_status = 'reviewed'": check_reviewed_numbers,
    "group by unit": check_units,
    "order by confidence": check_least_confident,
    "review_status = 'rejected'": check_rejected,
    "from snapshot_info": check_snapshot_and_reviews,
    "cell_x0": check_cell_boxes,
    "unit_si = 'K'": check_si_units,
    "evidence->>": check_evidence_keys,
    "from duckdb_columns()": check_column_comments,
    "describe select * from tables": check_describe_tables,
}
"""A phrase of each example query, and what checks its rows: every query on the page needs one."""


@pytest.mark.parametrize("sql", sql_blocks(DOC.read_text(encoding="utf-8")),
                         ids=lambda sql: re.sub(r"\W+", "_", sql[:40]).strip("_"))
def test_example_query_answers_what_the_truth_says(catalog, sql):
    checks = [check for phrase, check in CHECKS.items() if phrase in sql]
    assert len(checks) == 1, f"no check (or several) for this example in docs/querying.md: {sql}"
    checks[0](_run(catalog, sql), _truth(), catalog)
