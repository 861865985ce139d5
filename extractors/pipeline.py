"""`extract_document`: one PDF in, one DocumentExtraction out, each page read once.

Per page: captions → figures (graphics with their captions) → tables (avoiding figure areas) → crops.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extractors.captions import find_captions
from extractors.figures import FigureOptions, find_figures
from extractors.model import DocumentExtraction, FigureItem, TableItem
from extractors.pdf_reader import document_title, iter_pages, open_pdf, render_png
from extractors.tables import TableOptions, find_tables

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractionOptions:
    """Every knob of the vector extractors, with defaults that suit born-digital papers."""

    tables: TableOptions = field(default_factory=TableOptions)
    figures: FigureOptions = field(default_factory=FigureOptions)
    crop_dpi: int = 150

    def __post_init__(self) -> None:
        if not 36 <= self.crop_dpi <= 600:
            raise ValueError(f"crop_dpi must be within 36..600, got {self.crop_dpi}")


PageCallback = Callable[[int, int], None]


def extract_document(source: Path | bytes, options: ExtractionOptions = ExtractionOptions(),
                     on_page: PageCallback | None = None) -> DocumentExtraction:
    """Read a PDF's tables and figures; raises PdfOpenError when the PDF cannot be opened at all."""
    doc = open_pdf(source)
    try:
        tables: list[TableItem] = []
        figures: list[FigureItem] = []
        sizes: list[tuple[float, float]] = []
        warnings: list[str] = []
        for page in iter_pages(doc):
            sizes.append((page.width, page.height))
            try:
                captions = find_captions(page)
                page_figures = find_figures(page, captions, options.figures)
                page_tables = find_tables(page, captions, options.tables, exclude=[f.bbox for f in page_figures])
                figures.extend(
                    dataclasses.replace(f, png=render_png(doc, page.number, f.bbox, options.crop_dpi))
                    for f in page_figures
                )
                tables.extend(page_tables)
            except Exception as exc:  # one bad page must not lose the rest of the document
                log.exception("page %d failed", page.number)
                warnings.append(f"page {page.number}: {type(exc).__name__}: {exc}")
            if on_page:
                on_page(page.number, doc.page_count)
        return DocumentExtraction(
            n_pages=doc.page_count,
            page_sizes=tuple(sizes),
            title=document_title(doc),
            tables=tuple(tables),
            figures=tuple(figures),
            warnings=tuple(warnings),
        )
    finally:
        doc.close()
