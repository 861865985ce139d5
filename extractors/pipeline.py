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
from extractors.types import bbox_area, bbox_intersection

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


def _drop_table_shading(figures: list[FigureItem], tables: list[TableItem]) -> list[FigureItem]:
    """Uncaptioned 'figures' that are really a table's cell shading or frame give way to the table.

    Figures that are panels or parents of panels always stay; parent indices are remapped.
    """
    parents = {f.parent for f in figures if f.parent is not None}

    def shading(index: int, figure: FigureItem) -> bool:
        if figure.label or figure.parent is not None or index in parents:
            return False
        area = max(1e-6, bbox_area(figure.bbox))
        return any(bbox_intersection(figure.bbox, t.bbox) > 0.5 * min(area, bbox_area(t.bbox)) for t in tables)

    kept = [i for i, f in enumerate(figures) if not shading(i, f)]
    new_index = {old: new for new, old in enumerate(kept)}
    return [dataclasses.replace(figures[i], parent=None if figures[i].parent is None else new_index[figures[i].parent])
            for i in kept]


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
                captioned = [f.bbox for f in page_figures if f.label]
                page_tables = find_tables(page, captions, options.tables, exclude=captioned)
                page_figures = _drop_table_shading(page_figures, page_tables)
                offset = len(figures)  # a panel's parent index is page-local in find_figures
                figures.extend(
                    dataclasses.replace(f, png=render_png(doc, page.number, f.bbox, options.crop_dpi),
                                        parent=None if f.parent is None else f.parent + offset)
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
