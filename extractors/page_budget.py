"""The page budget: a page with more words or drawings than any real paper's is read, but its costly steps
(the table and figure finders, the layout model, OCR) are skipped with a reason, so one hostile page cannot
hold a run for minutes (issue 20: a page of 60,000 words took 140 s).

The limits are well above every page of the corpora (examples/pdfs, tests/corpus and ../shared/bench: dev,
icdar2013-eu, realdev, dpbench; 639 pages): at most 4,074 words (R20_panda_milk_rsos.pdf page 8) and 10,015
drawings (dpbench 01030000000141.pdf page 1), measured 2026-12-06.
"""
from __future__ import annotations

from extractors.page_content import PageContent

MAX_PAGE_WORDS = 10_000
"""Words on one page past which its costly steps are skipped (the corpora's densest page: 4,074)."""
MAX_PAGE_DRAWINGS = 50_000
"""Drawings (paths and rules) on one page past which its costly steps are skipped (corpora: at most 10,015)."""
EVIDENCE = "page_over_budget"
"""The evidence key (and page-path word) that names a skipped page."""


def over_budget(page: PageContent) -> str | None:
    """Why the page's costly steps are skipped (one line, for warnings and evidence), or None within budget."""
    words = sum(len(line.words) for line in page.lines)
    drawings = max(len(page.shapes), len(page.paths) + len(page.rules))
    over = []
    if words > MAX_PAGE_WORDS:
        over.append(f"{words:,} words (budget {MAX_PAGE_WORDS:,})")
    if drawings > MAX_PAGE_DRAWINGS:
        over.append(f"{drawings:,} drawings (budget {MAX_PAGE_DRAWINGS:,})")
    if not over:
        return None
    return f"page {page.number}: {' and '.join(over)}: tables and figures not searched"
