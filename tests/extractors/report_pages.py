"""Report-table documents from benchmarks/papers/report_tables read by find_tables, page by page: what
the report-table rule tests compare with their exact truth (no layout model, no ../shared)."""
from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from pathlib import Path

import pymupdf

from extractors.captions import find_captions
from extractors.model import TableItem
from extractors.pdf_reader import read_page
from extractors.tables import find_tables

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "papers" / "report_tables" / "generate.py"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("report_tables_generate_pages", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def documents(seed: int, indices: list[int], out: Path) -> list[tuple[Path, dict]]:
    gen = _generator()
    docs = [gen.generate_one(seed, i, out, check=False)[0] for i in indices]
    return [(pdf, json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text())) for pdf in docs]


def read_tables(pdf: Path) -> list[TableItem]:
    """Every table find_tables reads on every page."""
    out: list[TableItem] = []
    with pymupdf.open(pdf) as doc:
        for p in doc:
            page = read_page(p)
            out += find_tables(page, find_captions(page))
    return out


def norm(s: str | None) -> str:
    """../shared/bench/score.py's normalization, near enough: NFKC, no whitespace, case-folded, dashes."""
    s = unicodedata.normalize("NFKC", s or "").translate(str.maketrans("\u2212\u2013\u2014", "---"))
    return re.sub(r"\s+", "", s).casefold()


def grid_of(t: TableItem) -> list[list[str | None]]:
    g: list[list[str | None]] = [[""] * t.n_cols for _ in range(t.n_rows)]
    for c in t.cells:
        for r in range(c.row, c.row + c.row_span):
            for k in range(c.col, c.col + c.col_span):
                g[r][k] = None
        g[c.row][c.col] = c.text
    return g


def same_grid(t: TableItem, truth: dict) -> bool:
    """Exact, as score.py counts it: same shape, same normalized text in every slot (null == '')."""
    g = grid_of(t)
    return len(g) == len(truth["grid"]) and all(len(a) == len(b) and all(norm(x) == norm(y) for x, y in zip(a, b))
                                             for a, b in zip(g, truth["grid"]))


def matched(tables: list[TableItem], truth: dict) -> TableItem | None:
    """The table read for a truth table: same label on its page, else most shared cell texts there."""
    on_page = [t for t in tables if t.page == truth["page"]]
    if truth["label"]:
        for t in on_page:
            if t.label and norm(t.label) == norm(truth["label"]):
                return t
    want = {norm(v) for row in truth["grid"] for v in row if v}
    best = max(on_page, key=lambda t: len(want & {norm(c.text) for c in t.cells}), default=None)
    return best if best is not None and len(want & {norm(c.text) for c in best.cells}) >= len(want) / 2 else None
