"""The LaTeX corpus's self-check, from the written files only (NAME.pdf and NAME.truth.json).

- structure: random_tables' check_structure (grid shape, spans, header rows), and a continued table's
  row_pages covering its pages;
- text: for a table with a box, the words whose centres fall inside it are exactly its cells' text (as
  character multisets after score.py's normalization: NFKC turns the ﬁ/ﬂ ligatures pdfLaTeX prints back
  into fi/fl, minus signs become '-'), nothing missing and nothing extra; for a table without one
  (sideways, longtable) every word of every cell is printed on the table's pages; the caption is printed
  on its first page. This catches LaTeX printing something else than the truth says.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pymupdf
from rt_check import check_structure, norm


def _inside(word: tuple, box: list[float]) -> bool:
    cx, cy = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def check_document(pdf: Path, truth: dict) -> list[str]:
    """Problems found in one document (empty: the truth is what the PDF prints)."""
    problems: list[str] = []
    with pymupdf.open(pdf) as doc:
        words = {i + 1: page.get_text("words") for i, page in enumerate(doc)}
        texts = {i + 1: norm(page.get_text()) for i, page in enumerate(doc)}
    for t in truth["tables"]:
        name = f"{truth['doc']} {t['label']}"
        # continued tables carry row_pages but no page_bboxes (pdfTeX gives no longtable box per page)
        problems += [f"{truth['doc']} {p}" for p in check_structure(dict(t, pages=[t["page"]]))]
        if len(t["pages"]) > 1 and (sorted(set(t.get("row_pages", []))) != t["pages"]
                                    or len(t["row_pages"]) != t["n_rows"] - t["header_rows"]):
            problems.append(f"{name}: continued over {t['pages']} but row_pages {t.get('row_pages')}")
        cells = [v for row in t["grid"] for v in row if v]
        want = Counter("".join(norm(v) for v in cells))
        if t.get("bbox"):
            got = Counter("".join(norm(w[4]) for w in words[t["page"]] if _inside(w, t["bbox"])))
            if got != want:
                problems.append(f"{name}: box text differs: missing {dict(want - got)}, "
                                f"extra {dict(got - want)}")
        page_text = "".join(texts[p] for p in t["pages"])
        for v in cells:
            for token in v.split():
                if norm(token) not in page_text:
                    problems.append(f"{name}: cell word {token!r} (of {v!r}) not printed on pages "
                                    f"{t['pages']}")
        if norm(t["caption"]) not in texts[t["page"]]:
            problems.append(f"{name}: caption not printed on page {t['page']}: {t['caption']!r}")
    return problems
