"""`extract_document`: one PDF in, one DocumentExtraction out, each page read once.

Per page: captions → figures (graphics with their captions) → tables (avoiding figure areas) → crops.
"""
from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractors.captions import find_captions
from extractors.cell_boxes import with_cell_boxes
from extractors.compound_words import with_compound_hyphens
from extractors.continuation import link_continued_tables
from extractors.figure_layout import needs_pictures
from extractors.figure_tables import figures_that_are_tables
from extractors.figures import FigureOptions, find_figures
from extractors.image_tables import (
    contested_labels,
    pictured_captions,
    read_image_tables,
    read_uncaptioned_image_tables,
    table_like_images,
)
from extractors.layout import in_masthead
from extractors.layout_model import layout_model, page_layout
from extractors.model import Caption, DocumentExtraction, FigureItem, LayoutBox, TableItem
from extractors.models.raster_tables import read_raster_tables
from extractors.models.second_opinion import ModelSet, apply_models
from extractors.ocr import ENGINE as OCR_ENGINE
from extractors.ocr import OcrOptions, ocr_page, ocr_region_lines
from extractors.ocr_records import ocr_reason
from extractors.outlined_text import reread_outlined
from extractors.page_budget import EVIDENCE as PAGE_BUDGET_EVIDENCE
from extractors.page_budget import over_budget
from extractors.page_content import PageContent
from extractors.pdf_checks import is_out_of_memory
from extractors.pdf_reader import (
    document_title,
    open_pdf,
    read_page,
    render_clip_rgb,
    render_page_rgb,
    render_png,
)
from extractors.rotation import sideways_view
from extractors.table_checks import table_checks
from extractors.tables import TableOptions, extend_to_layout, find_tables, find_tables_in_boxes
from extractors.tables.titles import with_titles
from extractors.tables.front_matter import without_front_matter
from extractors.tables.layout_evidence import check_uncaptioned, needs_layout
from extractors.tables.layout_regions import may_be_cut_short, may_hide_a_table
from extractors.text_quality import mark_garbled
from extractors.types import bbox_area, bbox_intersection

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractionOptions:
    """Every knob of the vector extractors, with defaults that suit born-digital papers."""

    tables: TableOptions = field(default_factory=TableOptions)
    figures: FigureOptions = field(default_factory=FigureOptions)
    crop_dpi: int = 150
    ocr: OcrOptions = field(default_factory=OcrOptions)  # pages without a usable text layer
    models: ModelSet = field(default_factory=ModelSet.from_env)  # optional transformers models (off unless set)
    layout: bool = True  # ask PyMuPDF's layout model about uncaptioned tables (extractors/layout_model.py)
    model_threads: int | None = None  # CPU threads for the layout model (None: one per core); readers side by side use 1

    def __post_init__(self) -> None:
        if not 36 <= self.crop_dpi <= 600:
            raise ValueError(f"crop_dpi must be within 36..600, got {self.crop_dpi}")


PageCallback = Callable[[int, int], None]


OUTLINE_DPI = 300  # chart text drawn as outlines is OCR'd at this resolution (5 pt tick labels: ~20 px tall)
MIN_PANEL_POINTS = 20  # a 'multi' figure read from a ruled table yields a few stray points, a real one dozens


def _content_top(page: PageContent) -> float:
    """Where a page's content starts below its running header (top 6 %): continuations start there."""
    tops = [ln.bbox[1] for ln in page.lines if ln.bbox[1] > 0.06 * page.height]
    return min(tops, default=page.height)


def _is_read_chart(figure: FigureItem) -> bool:
    """A single chart whose data was read from its axes: its area is not a table's."""
    return (figure.kind == "chart" and bool(figure.series)) or len(figure.series) >= MIN_PANEL_POINTS


def _drop_table_shading(figures: list[FigureItem], tables: list[TableItem]) -> list[FigureItem]:
    """Uncaptioned 'figures' that are really a table's cell shading, rules or frame give way to the table.

    A panel goes or stays with its parent (a table's ruled cells can look like the panels of a 'multi'
    figure); parent indices are remapped.
    """
    def shading(figure: FigureItem) -> bool:
        if figure.label or _is_read_chart(figure):
            return False
        area = max(1e-6, bbox_area(figure.bbox))
        return any(bbox_intersection(figure.bbox, t.bbox) > 0.5 * min(area, bbox_area(t.bbox)) for t in tables)

    return _without_figures(figures, {i for i, f in enumerate(figures) if f.parent is None and shading(f)})


def _without_figures(figures: list[FigureItem], dropped: set[int]) -> list[FigureItem]:
    """The figures but those at the dropped indices (and their panels), parent indices remapped."""
    kept = [i for i, f in enumerate(figures) if i not in dropped and f.parent not in dropped]
    new_index = {old: new for new, old in enumerate(kept)}
    return [dataclasses.replace(figures[i], parent=None if figures[i].parent is None else new_index[figures[i].parent])
            for i in kept]


def _read_by_ocr(doc, page: PageContent, options: OcrOptions,  # type: ignore[no-untyped-def]
                 paths: list[str]) -> tuple[PageContent, float | None]:
    """The page to extract from: OCR'd when it is a scan or its text is garbage and OCR is on; records the path."""
    problem = ocr_reason(page)
    if problem is None:
        paths.append("vector")
        return page, None
    if not options.active:
        paths.append(f"vector ({problem}; OCR off)")
        return page, None
    paths.append(f"ocr ({problem})")
    return ocr_page(page, render_page_rgb(doc, page.number, options.dpi), options)


def _outlined_charts(doc, view: PageContent, captions: list[Caption], figures: list[FigureItem],  # type: ignore[no-untyped-def]
                     options: ExtractionOptions, paths: list[str], regions: list[LayoutBox] | None) -> list[FigureItem]:
    """Charts whose text is drawn as glyph outlines: their regions OCR'd and the page's figures found again
    (extractors/outlined_text.py); the figures as they were where that reads no more chart data."""
    def ocr(region: tuple[float, float, float, float]) -> tuple:  # type: ignore[type-arg]
        rgb = render_clip_rgb(doc, view.number, region, OUTLINE_DPI)
        return ocr_region_lines(rgb, (region[0], region[1]), 72.0 / OUTLINE_DPI, options.ocr)

    again = reread_outlined(view, figures, ocr, lambda v: find_figures(v, captions, options.figures,
                                                                            regions=regions or ()))
    if again is not figures:
        paths[-1] += f" + {OCR_ENGINE.method} (outlined chart text)"
    return again


def _from_ocr(item, score: float):  # type: ignore[no-untyped-def]
    """An item read from OCR words: the engine in its method, the mean OCR score in its evidence and confidence."""
    return dataclasses.replace(item, method=f"{item.method}+{OCR_ENGINE.method}",
                               confidence=round(item.confidence * score, 4),
                               evidence=item.evidence + (("ocr_score", round(score, 4)),))


def _second_look(doc, page: PageContent, captions: list[Caption], tables: list[TableItem],  # type: ignore[no-untyped-def]
                 figures: list[FigureItem], options: ExtractionOptions, paths: list[str],
                 on_page_view: bool, regions: tuple[LayoutBox, ...] | None = None,
                 ) -> tuple[list[TableItem], list[FigureItem]]:
    """Where the vector cues are weak, the layout model's regions: uncaptioned tables it reads as prose go,
    and where cheap signs say the finders missed a table (an unclaimed table caption, text inside a drawing,
    a stack of loose rules), its table boxes become tables read from the page's own words and rules.
    The model runs only on such pages (about 0.2 s a page); the page's path says it ran. `regions`: the
    model's answer for this page when the figure finder asked for it already."""
    pdf_page = doc[page.number - 1]
    if pdf_page.rotation:  # the model reads a /Rotate page's text unturned and its boxes make no sense there
        return tables, figures
    check = needs_layout(tables)
    pictured = pictured_captions(page, captions, [t.label for t in tables if t.label])
    find = on_page_view and may_hide_a_table(page, tables, figures, [c for c in captions if c not in pictured])
    held = [f.bbox for f in figures] + [t.bbox for t in tables]
    cut = [t for t in tables if t.label and may_be_cut_short(page, t, captions, [h for h in held if h != t.bbox])]
    extend = on_page_view and bool(cut)
    if not (check or find or extend):
        return tables, figures
    if regions is None:
        regions = page_layout(pdf_page, threads=options.model_threads)
        paths[-1] += f" + {layout_model().method}"
    tables = check_uncaptioned(tables, regions)
    if extend:
        boxes = [r.bbox for r in regions if r.kind == "table"]
        others = [f.bbox for f in figures if f.label or _is_read_chart(f)]
        tables = [extend_to_layout(page, t, boxes, captions, options.tables,
                                   others + [o.bbox for o in tables if o is not t]) if t in cut else t for t in tables]
    if find:
        taken = [t.bbox for t in tables] + [f.bbox for f in figures if f.label or _is_read_chart(f)]
        found = find_tables_in_boxes(page, [r.bbox for r in regions if r.kind == "table"], captions, options.tables,
                                     taken, [t.label for t in tables if t.label])
        tables, figures = tables + found, _drop_table_shading(figures, found)
    return _without_swallowed(tables), figures


SWALLOWED_SHARE = 0.6  # an uncaptioned table this much inside a table read over the model's extent is a piece of it


def _without_swallowed(tables: list[TableItem]) -> list[TableItem]:
    """Uncaptioned tables inside a table read over the layout model's extent (found there or grown to it):
    its rows, found apart by the vector finders (realdev R06: four pieces of Table 2 published twice)."""
    grown = [t.bbox for t in tables if {"layout_extended", "layout_anchored"} & dict(t.evidence).keys()]
    return [t for t in tables if t.label or t.bbox in grown or not any(
        bbox_intersection(t.bbox, g) >= SWALLOWED_SHARE * max(bbox_area(t.bbox), 1e-6) for g in grown)]


def _raster_tables(doc, page: PageContent, options: ExtractionOptions,  # type: ignore[no-untyped-def]
                   paths: list[str]) -> list[TableItem]:
    """Tables the detection model finds in the page's raster images, read by OCR; the page's path says it ran."""
    detection = options.models.table_detection
    if detection is None or not page.images:
        return []
    name = detection.model.method("table-detection")
    if not options.ocr.active:
        paths[-1] += f" ({name} skipped: OCR off)"
        return []
    paths[-1] += f" + {name}"
    return read_raster_tables(page, lambda n, box: render_png(doc, n, box, options.crop_dpi),
                              lambda n, dpi: render_page_rgb(doc, n, dpi), detection, options.ocr, options.tables)


def _readable_pages(doc, warnings: list[str], sizes: list[tuple[float, float]],  # type: ignore[no-untyped-def]
                    content_tops: list[float]) -> Iterator[PageContent]:
    """Each page read once; one PyMuPDF cannot read becomes a warning (its size kept) instead of failing the document."""
    for index in range(doc.page_count):
        try:
            page = read_page(doc[index])
        except Exception as exc:  # a broken page object (found by fuzzing: an unparsable colour space)
            if is_out_of_memory(exc):
                raise  # the document's limit, not the page's fault
            log.warning("page %d could not be read: %s", index + 1, exc)
            warnings.append(f"page {index + 1}: unreadable: {type(exc).__name__}: {exc}")
            try:
                rect = doc[index].rect
                sizes.append((float(rect.width), float(rect.height)))
            except Exception:
                sizes.append((0.0, 0.0))
            content_tops.append(sizes[-1][1])
            continue
        yield page


def extract_document(source: Path | bytes, options: ExtractionOptions = ExtractionOptions(),
                     on_page: PageCallback | None = None) -> DocumentExtraction:
    """Read a PDF's tables and figures; raises PdfOpenError when the PDF cannot be opened at all."""
    doc = open_pdf(source)
    try:
        tables: list[TableItem] = []
        figures: list[FigureItem] = []
        sizes: list[tuple[float, float]] = []
        content_tops: list[float] = []
        warnings: list[str] = []
        paths: list[str] = []
        printed: list[str] = []  # every line's text: the document's own words (compound_words)
        for page in _readable_pages(doc, warnings, sizes, content_tops):
            sizes.append((page.width, page.height))
            printed.extend(ln.text for ln in page.lines)
            content_tops.append(_content_top(page))
            budget = over_budget(page)
            if budget:  # read, but its costly steps skipped: one hostile page must not hold the run for minutes
                paths.append(f"vector ({PAGE_BUDGET_EVIDENCE}: {budget})")
                warnings.append(budget)
                if on_page:
                    on_page(page.number, doc.page_count)
                continue
            try:
                page, ocr_score = _read_by_ocr(doc, page, options.ocr, paths)
                sideways = sideways_view(page)  # a sidewaystable: read it turned, report boxes on the page
                view = sideways[0] if sideways else page
                captions = find_captions(view)
                page_figures = find_figures(view, captions, options.figures)
                regions = None
                if options.layout and ocr_score is None and not sideways and needs_pictures(page_figures) \
                        and not doc[page.number - 1].rotation:  # a caption the drawings gave no graphic: ask the model
                    regions = page_layout(doc[page.number - 1], threads=options.model_threads)
                    paths[-1] += f" + {layout_model().method}"
                    if any(r.kind == "picture" for r in regions):
                        page_figures = find_figures(view, captions, options.figures, regions=regions)
                if options.ocr.active and ocr_score is None and not sideways:
                    page_figures = _outlined_charts(doc, view, captions, page_figures, options, paths, regions)
                captioned = [f.bbox for f in page_figures if f.label]
                charts = [f.bbox for f in page_figures if _is_read_chart(f)]
                grids = figures_that_are_tables(view, captions, page_figures, options.tables, captioned + charts)
                if grids:  # a drawn table under a "Figure" caption: searched as a table, no longer a figure
                    page_figures = _without_figures(page_figures, {i for i, f in enumerate(page_figures) if any(f is g for g in grids)})
                    captioned = [f.bbox for f in page_figures if f.label]
                page_tables = without_front_matter(find_tables(view, captions, options.tables, exclude=captioned + charts))
                raster_tables = []
                if options.models.table_detection and ocr_score is None and not sideways:
                    raster_tables = _raster_tables(doc, page, options, paths)
                page_figures = _drop_table_shading(page_figures, page_tables + raster_tables)
                if sideways:
                    to_page = sideways[1]
                    page_tables = [dataclasses.replace(t, bbox=to_page(t.bbox)) for t in page_tables]
                    page_figures = [dataclasses.replace(f, bbox=to_page(f.bbox)) for f in page_figures]
                if options.layout and ocr_score is None:  # the vector engine's tables: a detection model vouched for the rest
                    page_tables, page_figures = _second_look(doc, page, captions, page_tables, page_figures,
                                                             options, paths, on_page_view=not sideways,
                                                             regions=regions)
                page_tables = [t for t in without_front_matter(page_tables)  # whichever finder took them
                               if t.label or sideways or not in_masthead(view, t.bbox)] + raster_tables
                if not sideways:  # an uncaptioned table under a title line without a label: the title is its caption
                    page_tables = with_titles(page, page_tables, captions)
                if options.ocr.active and ocr_score is None and not sideways:
                    render = functools.partial(render_page_rgb, doc)  # (page, dpi) -> the page as RGB
                    contested = contested_labels(page, captions, page_tables)
                    image_tables = read_image_tables(page, captions,
                                                     [t.label for t in page_tables if t.label and t.label not in contested],
                                                     render, options.ocr, options.tables)
                    won = {t.label for t in image_tables} & set(contested)  # the image read is the caption's table
                    page_tables = [t for t in page_tables if t.label not in won]
                    table_like = table_like_images(page, render, [t.bbox for t in page_tables + image_tables]
                                                   + [f.bbox for f in page_figures if _is_read_chart(f)])
                    image_tables += read_uncaptioned_image_tables(page, table_like, render, options.ocr, options.tables)
                    if image_tables:
                        paths[-1] += f" + {OCR_ENGINE.method} (table images)"
                        page_tables += image_tables
                        page_figures = _drop_table_shading(page_figures, image_tables)
                if ocr_score is not None:
                    page_tables = [_from_ocr(t, ocr_score) for t in page_tables]
                    page_figures = [_from_ocr(f, ocr_score) for f in page_figures]
                page_tables = [mark_garbled(table_checks(with_cell_boxes(t, page.lines), page.lines, page.rules)) for t in page_tables]  # unreadable text: low confidence, review
                page_figures = [mark_garbled(f) for f in page_figures]
                offset = len(figures)  # a panel's parent index is page-local in find_figures
                figures.extend(
                    dataclasses.replace(f, png=render_png(doc, page.number, f.bbox, options.crop_dpi),
                                        parent=None if f.parent is None else f.parent + offset)
                    for f in page_figures
                )
                tables.extend(page_tables)
            except Exception as exc:  # one bad page must not lose the rest of the document
                if is_out_of_memory(exc):
                    raise  # the document's limit, not the page's fault
                log.exception("page %d failed", page.number)
                warnings.append(f"page {page.number}: {type(exc).__name__}: {exc}")
            if on_page:
                on_page(page.number, doc.page_count)
        if options.models.active:
            run = apply_models(tables, figures, lambda n, box: render_png(doc, n, box, options.crop_dpi), options.models)
            tables, figures = run.tables, run.figures
            paths = [path + "".join(f" + {name}" for name in run.pages.get(i + 1, [])) for i, path in enumerate(paths)]
        return DocumentExtraction(
            n_pages=doc.page_count,
            page_sizes=tuple(sizes),
            title=document_title(doc),
            tables=link_continued_tables(with_compound_hyphens(tables, printed), [h for _, h in sizes], content_tops),
            figures=tuple(figures),
            warnings=tuple(warnings),
            page_paths=tuple(paths),
        )
    finally:
        doc.close()
