"""The self-check of a report document, read back from its files: random_tables' structure and overlap
checks, and a text check that knows dot leaders: inside each table's box the printed words, less leader
dots (a word of dots only, or a run of three or more dots ending a word), are exactly the grid's text as
character multisets, and every word of every cell is printed there."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pymupdf
from rt_check import _words, check_overlaps, check_structure, norm

_LEADER_END = re.compile(r"\.{3,}$")


def strip_leaders(word: str) -> str:
    return "" if set(word) == {"."} else _LEADER_END.sub("", word)


def check_text(doc: pymupdf.Document, t: dict) -> list[str]:
    name = t.get("label") or t["caption"][:30]
    page = doc[t["page"] - 1]
    box = pymupdf.Rect(t["bbox"])
    inside = [strip_leaders(w) for p, w in _words(page) if box.contains(p)]
    seen, want = Counter(norm("".join(inside))), Counter()
    for row in t["grid"]:
        for v in row:
            want.update(norm(v))
    out = []
    if seen != want:
        missing, extra = want - seen, seen - want
        out.append(f"{name}: text inside the box differs from the grid: missing "
                   f"{''.join(sorted(missing.elements()))[:60]!r}, extra {''.join(sorted(extra.elements()))[:60]!r}")
    joined = norm("".join(inside))
    for r, row in enumerate(t["grid"]):
        for c, v in enumerate(row):
            for token in (v or "").split():
                if norm(token) not in joined:
                    out.append(f"{name}: cell [{r}][{c}] word {token!r} not printed inside the box")
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
