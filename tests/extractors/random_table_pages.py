"""One-table pages drawn by the random table generator (benchmarks/papers/random_tables) with a style forced:
its content and drawing modules, and the page the family tests read."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pymupdf

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "papers" / "random_tables"

if "rt_content" not in sys.modules:  # generate.py puts its folder on sys.path for the rt_* modules
    _spec = importlib.util.spec_from_file_location("random_tables_generate_pages", GENERATOR / "generate.py")
    _spec.loader.exec_module(importlib.util.module_from_spec(_spec))  # type: ignore[union-attr]
rt_content, rt_draw = sys.modules["rt_content"], sys.modules["rt_draw"]


def one_table_pdf(geometry, caption: str) -> bytes:  # type: ignore[no-untyped-def]
    """A Letter page with the caption at the top and the measured table (`rt_draw.measure`) under it."""
    doc = pymupdf.open()
    doc.new_page(width=612, height=792)
    doc[0].insert_text((50, 60), caption, fontsize=10)
    canvas = rt_draw.Canvas(doc, 0)
    rt_draw.draw_table(geometry, canvas, 50, 80)
    canvas.flush()
    return doc.tobytes()
