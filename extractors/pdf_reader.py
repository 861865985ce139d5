"""The one module that talks to PyMuPDF: open a PDF, read each page once, render crops.

Reading is vector-first: exact glyphs, their boxes and the drawn lines and paths. Rendering happens only
for crops a person or a model will look at.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pymupdf

from extractors.drawing_records import read_drawings
from extractors.page_content import PageContent, TextLine, Word
from extractors.pdf_images import image_rule, page_images
from extractors.rotation import affine, upright
from extractors.stacked_scripts import attach_stacked_subscripts
from extractors.symbol_fonts import symbol_font_chars
from extractors.text_normalize import normalize_glyphs
from extractors.types import BBox
from extractors.underscores import underscore_between, underscore_candidates

log = logging.getLogger(__name__)

# Character boxes from the font's ascender and descender, without MuPDF's per-glyph quad corrections: the
# row and cell geometry is tuned (and scored) on these boxes. PyMuPDF 2 used to get this, and silenced
# MuPDF's own stderr messages (paperlake reports bad input itself), as a side effect of importing
# pymupdf4llm, which paperlake no longer loads (extractors/__init__.py); set here, it holds either way.
pymupdf.TOOLS.unset_quad_corrections(True)
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

ZERO_WIDTH_ADVANCE_EM = 0.5  # a glyph whose font gives it no width (an unembedded font without /Widths) is
# taken this wide, a little under a digit (0.56 em), so the glyphs of one number stay one word
WORD_GAP_FACTOR = 0.25  # a gap wider than this many font sizes splits two words
MAX_GLYPH_HEIGHT_EM = 1.45  # glyph boxes taller than this (text fonts: 1.1-1.3 em) are cut to
GLYPH_ASCENT_EM, GLYPH_DESCENT_EM = 0.95, 0.3  # this far above and below the baseline


class PdfOpenError(ValueError):
    """The bytes are not a PDF PyMuPDF can read (corrupt, encrypted, not a PDF at all)."""


def open_pdf(source: Path | bytes) -> pymupdf.Document:
    """Open a PDF from a path or bytes; raise PdfOpenError with a one-line reason when it cannot be read."""
    try:
        if isinstance(source, bytes):
            doc = pymupdf.open(stream=source, filetype="pdf")
        else:
            doc = pymupdf.open(str(source), filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for bad input
        raise PdfOpenError(f"not a readable PDF: {exc}") from exc
    if doc.needs_pass and not doc.authenticate(""):
        doc.close()
        raise PdfOpenError("encrypted PDF that needs a password")
    if doc.page_count == 0:
        doc.close()
        raise PdfOpenError("PDF has no pages")
    return doc


def page_count(path: str | Path) -> int:
    """A PDF's page count without reading its pages, 0 where it does not open (what orders a run's readers)."""
    try:
        with pymupdf.open(str(path)) as doc:
            return int(doc.page_count)
    except Exception:  # noqa: BLE001 - an unreadable PDF is the ingest stage's to report
        return 0


def document_title(doc: pymupdf.Document) -> str | None:
    """The title from the PDF's metadata, when it holds one."""
    title = (doc.metadata or {}).get("title") or ""
    title = title.strip()
    return title or None


def iter_pages(doc: pymupdf.Document) -> Iterator[PageContent]:
    """Read every page once into PageContent records."""
    for index in range(doc.page_count):
        yield read_page(doc[index])


def read_page(page: pymupdf.Page) -> PageContent:
    """Read one page's words, lines, rules, paths and images (one text pass, one drawing pass)."""
    raw = page.get_text("rawdict", flags=TEXT_FLAGS)
    if _zero_width_spans(raw):
        raw = _unspaced_where_zero_width(raw, page.get_text("rawdict", flags=TEXT_FLAGS | pymupdf.TEXT_INHIBIT_SPACES))
    turn = page.rotation_matrix if page.rotation % 360 else None
    rules, paths, shapes = read_drawings(page.get_cdrawings(extended=True))  # get_drawings() less its Point objects, with clips
    level_rules = tuple(r.bbox for r in rules if r.horizontal)
    lines = tuple(_text_lines(raw, turn, underscore_candidates(rules), level_rules))
    pictures = list(page_images(page))
    hairlines = [im for im in pictures if image_rule(im) is not None]  # rules drawn as stretched pixels
    rules += tuple(image_rule(im) for im in hairlines)  # type: ignore[misc]
    images = tuple(im for im in pictures if im not in hairlines
                   and min(im.bbox[2] - im.bbox[0], im.bbox[3] - im.bbox[1]) >= 1)
    content = PageContent(
        number=page.number + 1,
        width=float(page.rect.width),
        height=float(page.rect.height),
        lines=lines,
        rules=rules,
        paths=paths,
        images=images,
        shapes=shapes,
    )
    if turn is not None:
        content = upright(content, affine(turn.a, turn.b, turn.c, turn.d, turn.e, turn.f), page.rotation // 90)
    stacked = attach_stacked_subscripts(content.lines)  # geometry as displayed
    return content if stacked is content.lines else dataclasses.replace(content, lines=stacked)


TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP


def _zero_width_spans(raw: dict) -> bool:
    """Whether a span of the page starts with a glyph of no width (a font without /Widths). (Asked of every
    span of every page: plain loops.)"""
    for block in raw.get("blocks", ()):
        if block.get("type") != 0:
            continue
        for line in block["lines"]:
            for span in line["spans"]:
                chars = span["chars"]
                if chars:
                    box = chars[0]["bbox"]
                    if box[2] - box[0] < 0.01 and not chars[0]["c"].isspace():
                        return True
    return False


def _unspaced_where_zero_width(raw: dict, unspaced: dict) -> dict:
    """The page's text with each line set in glyphs of no width taken from a read without MuPDF's made-up
    spaces: MuPDF fills such a glyph's advance with a space and then drops the line's last glyph (realdev
    R05's tick labels `50`, `100` read `5`, `10`, and `0` not at all)."""
    def key(line: dict) -> tuple[float, float] | None:
        chars = [c for span in line["spans"] for c in span["chars"]]
        return (round(chars[0]["origin"][0], 1), round(chars[0]["origin"][1], 1)) if chars else None

    def zero_width(line: dict) -> bool:
        return any(c["bbox"][2] - c["bbox"][0] < 0.01 and not c["c"].isspace()
                   for span in line["spans"] for c in span["chars"])

    whole = {key(line): line for block in unspaced.get("blocks", ()) if block.get("type") == 0
             for line in block["lines"] if zero_width(line)}
    blocks = []
    for block in raw.get("blocks", ()):
        if block.get("type") == 0:
            block = dict(block, lines=[whole.pop(key(line), line) if zero_width(line) else line
                                       for line in block["lines"]])
        blocks.append(block)
    lost = list(whole.values())  # lines of one such glyph, which the spaced read drops whole (a `0` label)
    return dict(raw, blocks=blocks + ([{"type": 0, "lines": lost, "bbox": lost[0]["bbox"]}] if lost else []))


def render_png(doc: pymupdf.Document, page_no: int, clip: BBox, dpi: int) -> bytes:
    """Render a region of a page (1-based page number) to PNG bytes."""
    page = doc[page_no - 1]
    rect = pymupdf.Rect(clip) & page.rect
    if rect.is_empty:
        rect = page.rect
    return page.get_pixmap(clip=rect, dpi=dpi, alpha=False).tobytes("png")


def render_clip_rgb(doc: pymupdf.Document, page_no: int, clip: BBox, dpi: int) -> np.ndarray:
    """Render a region of a page (1-based page number) to an RGB array (H×W×3 uint8), for OCR of a region."""
    pix = doc[page_no - 1].get_pixmap(clip=pymupdf.Rect(clip), dpi=dpi, alpha=False, colorspace=pymupdf.csRGB)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, 3).copy()


def render_page_rgb(doc: pymupdf.Document, page_no: int, dpi: int) -> np.ndarray:
    """Render a whole page (1-based page number) as displayed to an RGB array (H×W×3 uint8), for OCR."""
    pix = doc[page_no - 1].get_pixmap(dpi=dpi, alpha=False, colorspace=pymupdf.csRGB)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, 3).copy()


def _text_lines(raw: dict, turn: pymupdf.Matrix | None = None,
                underscores: Sequence[BBox] = (), level_rules: Sequence[BBox] = ()) -> Iterator[TextLine]:
    for block_no, block in enumerate(raw.get("blocks", ())):
        if block.get("type") != 0:
            continue
        for line in block["lines"]:
            top, bottom = line["bbox"][1], line["bbox"][3]
            strokes = [s for s in underscores if top <= s[1] <= bottom]
            cut = _declared_past_rule(line, level_rules)
            words = tuple(_join_underscored(_words(line, cut), strokes) if strokes else (w for w, _ in _words(line, cut)))
            if not words:
                continue
            dx, dy = line.get("dir", (1.0, 0.0))
            if turn is not None:  # reading direction as displayed on a rotated page
                dx, dy = dx * turn.a + dy * turn.c, dx * turn.b + dy * turn.d
            yield TextLine(
                bbox=_bbox_of(w.bbox for w in words),
                words=words,
                block=block_no,
                horizontal=abs(dy) < 1e-3 and dx > 0,
                direction=(round(dx, 3), round(dy, 3)),
            )


def _join_underscored(words: Iterator[tuple[Word, float]], strokes: Sequence[BBox]) -> Iterator[Word]:
    """Join two words of a line that a drawn underscore stands between (extractors.underscores)."""
    last: tuple[Word, float] | None = None
    for word, baseline in words:
        if last is not None:
            prev, prev_baseline = last
            if not prev.superscript and underscore_between(prev.bbox, word.bbox, prev_baseline, prev.size, strokes):
                box = (prev.bbox[0], min(prev.bbox[1], word.bbox[1]), word.bbox[2], max(prev.bbox[3], word.bbox[3]))
                last = (Word(text=f"{prev.text}_{word.text}", bbox=box, size=max(prev.size, word.size),
                             bold=prev.bold or word.bold, superscript=word.superscript, mono=prev.mono),
                        prev_baseline)
                continue
            yield prev
        last = (word, baseline)
    if last is not None:
        yield last[0]


def _words(line: dict, cut_whole: bool = False) -> Iterator[tuple[Word, float]]:
    """Split a line's glyphs into words at whitespace and at gaps wider than a fraction of the font size;
    each word with the baseline of its first glyph (`cut_whole`: cut tall glyph boxes even where the whole
    line is set in their font). (The loop runs once per glyph, a million on realdev: its lookups are hoisted.)"""
    chars: list[str] = []
    boxes: list[BBox] = []
    sizes: list[tuple[float, float]] = []  # per glyph: font size, baseline y
    size = 0.0
    bold = mono = False

    def flush() -> tuple[Word, float] | None:
        text = normalize_glyphs("".join(chars)).strip()
        if not text:
            return None
        start = _superscript_start(sizes)
        sup = normalize_glyphs("".join(chars[start:])).strip() if start < len(chars) else ""
        return Word(text=text, bbox=_bbox_of(boxes), size=size, bold=bold,
                    superscript=sup if text.endswith(sup) else "", mono=mono), sizes[0][1]

    # a line set in a font of sane metrics may hold a few glyphs of a symbol font declaring far more: those are
    # cut to the line's height; a line set wholly in such a font (Cambria: 5.6 em) keeps its boxes as they are,
    # unless they reach across a drawn rule (a ruled cell's box over four rows: ISO 26262-3 Table 4)
    cut_tall = cut_whole or any(_span_height_em(span) <= MAX_GLYPH_HEIGHT_EM for span in line["spans"])
    level = tuple(line.get("dir", (1.0, 0.0))) == (1.0, 0.0)
    for span in line["spans"]:
        span_size = float(span["size"])
        span_bold = bool(span["flags"] & 16) or "bold" in span["font"].lower()
        span_mono = bool(span["flags"] & 8)  # fixed pitch: a space is 0.6 em wide
        symbols = symbol_font_chars(span["font"])
        for ch in span["chars"]:
            c = ch["c"]
            c = symbols.get(c, c)
            box = _glyph_box(ch, span_size) if cut_tall else tuple(ch["bbox"])
            space = c.isspace()
            if level and not space and box[2] - box[0] < 0.01:  # a glyph its font gives no width: about a digit's
                box = (box[0], box[1], box[0] + ZERO_WIDTH_ADVANCE_EM * span_size, box[3])
            if space or (boxes and box[0] - boxes[-1][2] > WORD_GAP_FACTOR * max(size, span_size)):
                if chars:
                    word = flush()
                    if word:
                        yield word
                    chars, boxes, sizes, size, bold, mono = [], [], [], 0.0, False, False
                if space:
                    continue
            chars.append(c)
            boxes.append(box)  # type: ignore[arg-type]
            sizes.append((span_size, float(ch.get("origin", (0.0, box[3]))[1])))
            size = max(size, span_size)
            bold = bold or span_bold
            mono = mono or span_mono
    if chars:
        word = flush()
        if word:
            yield word


def _span_height_em(span: dict) -> float:
    size = float(span["size"]) or 1.0
    return (span["bbox"][3] - span["bbox"][1]) / size


def _declared_past_rule(line: dict, level_rules: Sequence[BBox]) -> bool:
    """Whether a line set wholly in a font of tall metrics sits in a ruled cell its declared box overreaches:
    the nearest rules above and below its baseline both lie inside the box (a cell of a table ruled row by
    row). Rules that only cross one side (a head rule over a cell of many lines) leave the box as it is."""
    spans = [span for span in line["spans"] if span["chars"]]
    if not spans or any(_span_height_em(span) <= MAX_GLYPH_HEIGHT_EM for span in spans):
        return False
    x0, y0, x1, y1 = line["bbox"]
    size = max(float(span["size"]) for span in spans)
    baseline = float(spans[0]["chars"][0]["origin"][1])
    ys = [(r[1] + r[3]) / 2 for r in level_rules if r[0] < x1 and r[2] > x0]
    above = max((y for y in ys if y < baseline - 0.3 * size), default=None)
    below = min((y for y in ys if y > baseline), default=None)
    return above is not None and below is not None and y0 < above and below < y1


def _glyph_box(char: dict, size: float) -> BBox:
    """The glyph's box from its font's ascender and descender, cut to a line's height about its baseline
    where the font declares far more (math symbol fonts: a ⊕ in a ruled row reached into the next row)."""
    x0, y0, x1, y1 = char["bbox"]
    if y1 - y0 > MAX_GLYPH_HEIGHT_EM * size > 0:
        baseline = char["origin"][1]
        y0, y1 = max(y0, baseline - GLYPH_ASCENT_EM * size), min(y1, baseline + GLYPH_DESCENT_EM * size)
    return (x0, y0, x1, y1)


def _superscript_start(sizes: list[tuple[float, float]]) -> int:
    """Index where a word's trailing raised, smaller glyphs begin (len(sizes) when there are none)."""
    if len(sizes) < 2:
        return len(sizes)
    base_size, base_line = sizes[0]
    start = len(sizes)
    while start > 1 and sizes[start - 1][0] < 0.85 * base_size and sizes[start - 1][1] < base_line - 0.2 * base_size:
        start -= 1
    return start


def _bbox_of(boxes) -> BBox:  # type: ignore[no-untyped-def]
    x0s, y0s, x1s, y1s = zip(*boxes)
    return float(min(x0s)), float(min(y0s)), float(max(x1s)), float(max(y1s))
