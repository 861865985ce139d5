"""The generator's self-check, read back from the written files only (the PDF and its truth JSON):

- structure: the grid has n_rows rows of n_cols slots, header_rows fits, every span lies inside the grid
  with its text in the top-left slot and exactly its other slots null, no slot is null without a span,
  continued tables list one page per part and one page per body row;
- text: on each page a table occupies, the words whose centres fall inside the truth box are exactly the
  table's cell texts (as multisets of characters after the scorer's normalization: nothing missing,
  nothing extra), and every word of every non-empty cell is printed there; a raster table has no text
  layer inside its box and an image covering it;
- boxes: no two tables, and no table and distractor, overlap on a page.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pymupdf

_MAP = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-",
                      "\u2012": "-", "\u2015": "-", "\ufe63": "-", "\uff0d": "-", "\u2206": "\u0394",
                      "\u00b5": "\u03bc",
                      "\u2217": "*", "\u00a0": " ", "\u2009": " ", "\u202f": " "})


def norm(s: str | None) -> str:
    """../shared/bench/score.py's normalization: NFKC, dashes to '-', no whitespace, case-folded."""
    if s is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)).translate(_MAP)).casefold()


def check_structure(t: dict) -> list[str]:
    name = t.get("label")
    grid, nr, nc = t["grid"], t["n_rows"], t["n_cols"]
    out = []
    if len(grid) != nr or any(len(row) != nc for row in grid):
        return [f"{name}: grid is {len(grid)} x {sorted({len(r) for r in grid})}, truth says {nr} x {nc}"]
    if not 0 <= t["header_rows"] < nr:
        out.append(f"{name}: header_rows {t['header_rows']} of {nr} rows")
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, c, rs, cs in t["spans"]:
        if rs < 1 or cs < 1 or (rs, cs) == (1, 1) or r + rs > nr or c + cs > nc:
            out.append(f"{name}: span {[r, c, rs, cs]} outside a {nr} x {nc} grid or trivial")
            continue
        if grid[r][c] is None:
            out.append(f"{name}: span {[r, c, rs, cs]} has no text slot (null at its top left)")
        for dr in range(rs):
            for dc in range(cs):
                slot = (r + dr, c + dc)
                if slot in owner:
                    out.append(f"{name}: spans {owner[slot]} and {(r, c)} overlap at {slot}")
                owner[slot] = (r, c)
                if (dr or dc) and grid[slot[0]][slot[1]] is not None:
                    out.append(f"{name}: slot {slot} is covered by span {[r, c, rs, cs]} but holds text")
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v is None and (r, c) not in owner:
                out.append(f"{name}: slot {(r, c)} is null but no span covers it")
    if t["page"] != t["pages"][0] or t["pages"] != sorted(set(t["pages"])):
        out.append(f"{name}: page {t['page']} / pages {t['pages']}")
    if len(t["pages"]) > 1:
        parts = [p for p, _ in t.get("page_bboxes", [])]
        rows = t.get("row_pages", [])
        if parts != t["pages"] or len(rows) != nr - t["header_rows"] or sorted(set(rows)) != t["pages"]:
            out.append(f"{name}: continued over {t['pages']} but page_bboxes {parts}, "
                       f"row_pages {len(rows)} rows")
    return out


def _words(page: pymupdf.Page) -> list[tuple[pymupdf.Point, str]]:
    """Word centres as displayed (a /Rotate page's words are turned to the page as a reader sees it)."""
    m = page.rotation_matrix
    out = []
    for w in page.get_text("words"):
        r = pymupdf.Rect(w[:4]) * m
        out.append((pymupdf.Point((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2), w[4]))
    return out


def check_text(doc: pymupdf.Document, t: dict) -> list[str]:
    name = t.get("label")
    parts = t.get("page_bboxes") or [[t["page"], t["bbox"]]]
    nh = t["header_rows"]
    out = []
    seen: Counter = Counter()
    joined = []
    for page_no, bbox in parts:
        page = doc[page_no - 1]
        box = pymupdf.Rect(bbox)
        inside = [w for p, w in _words(page) if box.contains(p)]
        if "raster" in t["style"]:
            if inside:
                out.append(f"{name}: raster table has text inside its box on page {page_no}: {inside[:5]}")
            if not any(pymupdf.Rect(im["bbox"]).contains(box) for im in page.get_image_info()):
                out.append(f"{name}: no image covers the raster table's box on page {page_no}")
            continue
        seen.update(norm("".join(inside)))
        joined.append(norm("".join(inside)))
    if "raster" in t["style"]:
        return out
    want: Counter = Counter()
    for row in t["grid"]:
        for v in row:
            want.update(norm(v))
    for _ in parts[1:]:  # continued parts repeat the header rows
        for row in t["grid"][:nh]:
            for v in row:
                want.update(norm(v))
    if seen != want:
        missing, extra = want - seen, seen - want
        out.append(f"{name}: text inside the box on pages {t['pages']} differs from the grid: "
                   f"missing {''.join(sorted(missing.elements()))[:60]!r}, "
                   f"extra {''.join(sorted(extra.elements()))[:60]!r}")
    for r, row in enumerate(t["grid"]):
        for c, v in enumerate(row):
            for token in (v or "").split():
                if not any(norm(token) in j for j in joined):
                    out.append(f"{name}: cell [{r}][{c}] word {token!r} not printed inside the box")
    return out


def check_overlaps(truth: dict) -> list[str]:
    out = []
    boxes = [(p, pymupdf.Rect(b), t["label"]) for t in truth["tables"]
             for p, b in (t.get("page_bboxes") or [[t["page"], t["bbox"]]])]
    others = [(d["page"], pymupdf.Rect(d["bbox"]), d["kind"]) for d in truth.get("distractors", [])]
    for i, (p, box, label) in enumerate(boxes):
        for q, other, what in boxes[i + 1:] + others:
            if p == q and (box & other).get_area() > 1.0:
                out.append(f"{label} overlaps {what} on page {p}")
    return out


def check_document(pdf: Path | str, truth: dict) -> list[str]:
    out = []
    with pymupdf.open(pdf) as doc:
        if len(doc) != truth["n_pages"]:
            out.append(f"{pdf}: {len(doc)} pages, truth says {truth['n_pages']}")
        for t in truth["tables"]:
            out += check_structure(t)
            out += check_text(doc, t)
    out += check_overlaps(truth)
    return [f"{Path(pdf).name}: {p}" for p in out]
