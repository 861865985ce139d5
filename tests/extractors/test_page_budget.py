"""The page budget: a page denser than any real paper's is read, its costly steps skipped with a reason, so a
page of 60,000 words takes seconds, not minutes (issue 20)."""
from __future__ import annotations

import time

import pymupdf

from extractors.page_budget import EVIDENCE, MAX_PAGE_DRAWINGS, MAX_PAGE_WORDS, over_budget
from extractors.page_content import DrawnShape, PageContent, TextLine, Word
from extractors.pdf_reader import open_pdf, read_page
from extractors.pipeline import extract_document


def dense_page_pdf(path, words: int, per_line: int = 1, size: float = 4.0):
    """One page of `words` words in lines of `per_line`, in columns, each line a block of its own (the
    caption search's worst case when it was quadratic)."""
    gap = 2.5  # line heights from one line to the next: MuPDF makes each line a block
    lines = -(-words // per_line)
    per_column = int((14_000 - 60) / (size * gap))
    columns = -(-lines // per_column)
    column_width = per_line * size * 4.2 + 20
    doc = pymupdf.open()
    page = doc.new_page(width=max(200, columns * column_width + 40), height=min(14_000, per_column * size * gap + 60))
    for column in range(columns):
        first = column * per_column
        text = [" ".join(f"w{(n * per_line + k) % 997}" for k in range(per_line))
                for n in range(first, min(lines, first + per_column))]
        page.insert_text((20 + column * column_width, 30), text, fontsize=size, lineheight=gap)
    doc.save(path)
    return path


def _page(words: int = 0, drawings: int = 0) -> PageContent:
    lines = tuple(TextLine((0, i, 10, i + 1), (Word("w", (0, i, 10, i + 1), 1.0),), block=i) for i in range(words))
    shapes = tuple(DrawnShape((0, 0, 1, 1), (((0.0, 0.0), (1.0, 1.0)),), None, (0, 0, 0), 1.0)
                   for _ in range(drawings))
    return PageContent(3, 600, 800, lines, (), (), (), shapes)


def test_the_budget_names_the_page_and_what_it_is_over():
    assert over_budget(_page(MAX_PAGE_WORDS, MAX_PAGE_DRAWINGS)) is None
    assert over_budget(_page(MAX_PAGE_WORDS + 1)) == \
        f"page 3: {MAX_PAGE_WORDS + 1:,} words (budget {MAX_PAGE_WORDS:,}): tables and figures not searched"
    assert "drawings" in over_budget(_page(drawings=MAX_PAGE_DRAWINGS + 1))


def test_a_page_of_60000_words_is_read_in_seconds(tmp_path):
    # a page just over the budget, in lines of 10 words (quick for every step): skipped with the reason
    over = extract_document(dense_page_pdf(tmp_path / "over.pdf", MAX_PAGE_WORDS + 10, per_line=10))
    reason = over_budget(read_page(open_pdf(tmp_path / "over.pdf")[0]))
    assert reason and over.warnings == (reason,) and EVIDENCE in over.page_paths[0]
    assert not over.tables and not over.figures
    # 60,000 one-word lines: reading the page is most of the time; quadratic steps took minutes
    pdf = dense_page_pdf(tmp_path / "dense.pdf", 60_000)
    started = time.perf_counter()
    read_page(open_pdf(pdf)[0])
    reading = time.perf_counter() - started
    started = time.perf_counter()
    extraction = extract_document(pdf)
    seconds = time.perf_counter() - started
    print(f"a page of 60,000 words: read in {reading:.2f} s, extract_document {seconds:.2f} s")
    assert len(extraction.warnings) == 1 and "60,000 words" in extraction.warnings[0]
    assert seconds < 5 * reading + 2, f"{seconds:.1f} s for a page read in {reading:.1f} s"
