"""Pure converters for the OCR path: is a page's text layer usable, and OCR boxes + pixels → page records.

Nothing here runs a model or touches PyMuPDF: `extractors.ocr` owns the OCR engine and hands its raw boxes
here, so the same Word / TextLine / Rule records feed the table and caption finders as on vector pages.
Pixel coordinates are turned into PDF points with `scale` = 72 / dpi.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from extractors.page_content import PageContent, RasterImage, Rule, TextLine, Word
from extractors.types import BBox, PageNo, bbox_area, bbox_union

MIN_TEXT_CHARS = 20  # a page with fewer readable characters than this has no usable text layer
MAX_GARBAGE_SHARE = 0.3  # more unreadable characters than this share: the text layer decodes to garbage
SIZE_FROM_BOX = 1.22  # OCR line boxes are this many font sizes tall (PP-OCR's padded boxes at 150 dpi)


# ------------------------------------------------------------------------------------- text layer check
def text_layer_problem(page: PageContent) -> str | None:
    """Why the page's own text cannot be used ("no text", "garbage text"), or None when it can."""
    chars = "".join(w.text for line in page.lines for w in line.words)
    if not chars:
        return "no text"
    garbage = sum(n for c, n in Counter(chars).items() if _unreadable(c))  # each distinct glyph looked up once
    if len(chars) - garbage < MIN_TEXT_CHARS:
        return "no text" if garbage == 0 else "garbage text"
    if garbage / len(chars) > MAX_GARBAGE_SHARE:
        return "garbage text"
    return None


SCAN_MIN_SHARE = 0.3  # raster images covering this share of a page make a text-less page a scan


def ocr_reason(page: PageContent) -> str | None:
    """Why the page should be read by OCR, or None when its own records serve better.

    Garbage text always goes to OCR. A page without text goes only when it looks scanned: raster images
    cover much of it, or it has no vector drawings either; a text-less page of vector drawings (a chart
    whose labels are outlined paths) keeps its exact vector reading.
    """
    problem = text_layer_problem(page)
    if problem != "no text":
        return problem
    page_area = max(1e-6, page.width * page.height)
    covered = sum(bbox_area(image.bbox) for image in page.images) / page_area
    if covered >= SCAN_MIN_SHARE or not (page.paths or page.rules or page.shapes):
        return problem
    return None


def _unreadable(c: str) -> bool:
    """A glyph that decodes to nothing a reader could use: replacement or private-use code points, controls."""
    if c == "\ufffd":
        return True
    category = unicodedata.category(c)
    return category in ("Co", "Cn", "Cc", "Cs")


# ------------------------------------------------------------------------------------------ OCR boxes
@dataclass(frozen=True)
class OcrBox:
    """One detected text line in pixels: its box, text, score, and per-character boxes when the engine gives them."""

    bbox: tuple[float, float, float, float]
    text: str
    score: float
    char_boxes: tuple[tuple[float, float, float, float], ...] = ()  # one per character of `text`, or none


def boxes_from_rapidocr(result: Sequence[Sequence[object]] | None) -> list[OcrBox]:
    """RapidOCR's raw result (quad, text, score[, char quads, chars, char scores]) as OcrBoxes."""
    boxes: list[OcrBox] = []
    for item in result or ():
        quad, text, score = item[0], str(item[1]), float(item[2])  # type: ignore[arg-type]
        char_boxes: tuple[tuple[float, float, float, float], ...] = ()
        if len(item) >= 5:
            quads, chars = item[3], item[4]
            if isinstance(chars, (list, tuple)) and len(chars) == len(text):
                char_boxes = tuple(_quad_box(q) for q in quads)  # type: ignore[union-attr]
        boxes.append(OcrBox(bbox=_quad_box(quad), text=text, score=score, char_boxes=char_boxes))
    return boxes


def _quad_box(quad: object) -> tuple[float, float, float, float]:
    points = [(float(p[0]), float(p[1])) for p in quad]  # type: ignore[attr-defined, index]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def recover_minus_signs(boxes: Sequence[OcrBox], gray: np.ndarray, dark: int = 128) -> list[OcrBox]:
    """Numbers whose leading minus the recogniser dropped get it back (`−0.31` read as `0.31`).

    The detector's box holds the minus, but the first recognised character starts after it: a lone
    horizontal stroke there, thin and at mid-height of the digits, is a minus sign.
    """
    image = np.asarray(gray)
    fixed: list[OcrBox] = []
    for box in boxes:
        if not box.char_boxes or not box.text[:1].isdigit():
            fixed.append(box)
            continue
        x0, y0, x1, y1 = (int(round(v)) for v in box.bbox)
        first = int(round(box.char_boxes[0][0]))
        line = image[max(0, y0):y1, max(0, x0):x1] < dark
        lead = image[max(0, y0):y1, max(0, x0):max(0, first)] < dark
        rows = np.flatnonzero(line.any(axis=1))
        if lead.size == 0 or not lead.any() or rows.size == 0:
            fixed.append(box)
            continue
        ink_rows, ink_cols = np.flatnonzero(lead.any(axis=1)), np.flatnonzero(lead.any(axis=0))
        top, bottom = rows[0], rows[-1]
        thin = ink_rows[-1] - ink_rows[0] + 1 <= max(2, 0.15 * (bottom - top + 1))
        wide = ink_cols[-1] - ink_cols[0] + 1 >= 0.25 * (bottom - top + 1)
        middle = top + 0.3 * (bottom - top) <= ink_rows.mean() <= top + 0.8 * (bottom - top)
        if thin and wide and middle:
            stroke = (float(x0 + ink_cols[0]), box.bbox[1], float(x0 + ink_cols[-1] + 1), box.bbox[3])
            box = OcrBox(bbox=box.bbox, text="-" + box.text, score=box.score, char_boxes=(stroke, *box.char_boxes))
        fixed.append(box)
    return fixed


def words_of(box: OcrBox, scale: float, gap_em: float = 0.5) -> tuple[Word, ...]:
    """Split one OCR line into Words at spaces and at gaps wider than `gap_em` line heights, in points.

    Character boxes from a CTC recogniser are as coarse as its time step (a few pixels), which makes the
    gap at a recognised space look up to a step wider than it is; words split at a space are widened by
    half a step each so running text keeps its ordinary word spacing.
    """
    x0, y0, x1, y1 = box.bbox
    height = max(1.0, y1 - y0)
    size = height * scale / SIZE_FROM_BOX
    text = box.text
    chars = box.char_boxes or _spread(box)
    widths = sorted(c[2] - c[0] for c in chars)
    step = widths[len(widths) // 2] if widths else 0.0
    runs: list[tuple[list[int], bool]] = []  # character indices of each word, and whether a space ended it
    current: list[int] = []
    for i, c in enumerate(text):
        if c.isspace():
            if current:
                runs.append((current, True))
            current = []
            continue
        if current and chars[i][0] - chars[current[-1]][2] > gap_em * height:
            runs.append((current, False))
            current = []
        current.append(i)
    if current:
        runs.append((current, False))
    edges = [[chars[run[0]][0], chars[run[-1]][2]] for run, _ in runs]
    for k, (_, at_space) in enumerate(runs[:-1]):
        gap = edges[k + 1][0] - edges[k][1]
        if at_space and gap > 0:
            widen = min(step / 2, gap / 2 - 0.05 * height) if gap / 2 > 0.05 * height else 0.0
            edges[k][1] += max(0.0, widen)
            edges[k + 1][0] -= max(0.0, widen)
    words = []
    for (run, _), (left, right) in zip(runs, edges):
        word = "".join(text[i] for i in run).strip()
        if word:
            words.append(Word(text=word, bbox=(left * scale, y0 * scale, right * scale, y1 * scale), size=size))
    return tuple(words)


def _spread(box: OcrBox) -> tuple[tuple[float, float, float, float], ...]:
    """Character boxes spread evenly over the line when the engine gave none."""
    x0, y0, x1, y1 = box.bbox
    n = max(1, len(box.text))
    step = (x1 - x0) / n
    return tuple((x0 + i * step, y0, x0 + (i + 1) * step, y1) for i in range(n))


def text_lines_of(boxes: Sequence[OcrBox], scale: float, min_score: float = 0.5) -> tuple[TextLine, ...]:
    """OCR boxes as TextLines in reading order, with block numbers grouping lines that sit close together.

    A line joins the block of a line just above it (vertical gap under half a line height, overlapping in x)
    so captions and paragraphs read as blocks as they do from a PDF's text layer.
    """
    lines: list[tuple[tuple[Word, ...], BBox]] = []
    for box in sorted(boxes, key=lambda b: (b.bbox[1], b.bbox[0])):
        if box.score < min_score:
            continue
        words = words_of(box, scale)
        if words:
            lines.append((words, bbox_union([w.bbox for w in words])))
    blocks: list[int] = []
    for i, (_, box) in enumerate(lines):
        height = box[3] - box[1]
        block = None
        for j in range(i - 1, -1, -1):
            other = lines[j][1]
            gap = box[1] - other[3]
            if gap > height:
                continue
            if -0.5 * height < gap < 0.5 * height and other[0] < box[2] and box[0] < other[2]:
                block = blocks[j]
                break
        blocks.append(block if block is not None else (max(blocks) + 1 if blocks else 0))
    return tuple(TextLine(bbox=box, words=words, block=block) for (words, box), block in zip(lines, blocks))


# --------------------------------------------------------------------------------------------- pixels
def rules_from_pixels(gray: np.ndarray, scale: float, min_length_pt: float = 18.0,
                      max_thickness_pt: float = 2.5, dark: int = 200) -> tuple[Rule, ...]:
    """Horizontal and vertical lines drawn in a page image, as Rules in points.

    A rule is a run of dark pixels at least `min_length_pt` long, a few pixels thick at most; glyphs are
    never that long, so text does not produce rules (underlines and axis lines do, as on vector pages).
    """
    ink = np.asarray(gray) < dark
    min_len = max(2, int(round(min_length_pt / scale)))
    max_thick = max(1, int(round(max_thickness_pt / scale)))
    rules = [_as_rule(run, scale, True) for run in _line_runs(ink, min_len, max_thick)]
    rules += [_as_rule(run, scale, False) for run in _line_runs(ink.T, min_len, max_thick)]
    return tuple(rules)


def _line_runs(ink: np.ndarray, min_len: int, max_thick: int) -> list[tuple[int, int, int, int]]:
    """Runs of ink along rows at least min_len long, stacked over at most max_thick adjacent rows.

    Returns (row0, row1, col0, col1), inclusive rows, exclusive col1.
    """
    open_runs: list[list[int]] = []  # [row0, row1, col0, col1]
    done: list[list[int]] = []
    for r in range(ink.shape[0]):
        row = ink[r]
        if not row.any():
            done.extend(open_runs)
            open_runs = []
            continue
        padded = np.concatenate(([0], row.view(np.int8), [0]))
        edges = np.flatnonzero(np.diff(padded))
        starts, ends = edges[0::2], edges[1::2]
        keep = (ends - starts) >= min_len
        still: list[list[int]] = []
        used: set[int] = set()
        for c0, c1 in zip(starts[keep].tolist(), ends[keep].tolist()):
            match = next((k for k, run in enumerate(open_runs) if k not in used
                          and min(run[3], c1) - max(run[2], c0) > 0.8 * min(run[3] - run[2], c1 - c0)), None)
            if match is None:
                still.append([r, r, c0, c1])
            else:
                used.add(match)
                run = open_runs[match]
                still.append([run[0], r, min(run[2], c0), max(run[3], c1)])
        done.extend(run for k, run in enumerate(open_runs) if k not in used)
        open_runs = still
    done.extend(open_runs)
    return [(a, b, c, d) for a, b, c, d in done if b - a + 1 <= max_thick]


def _as_rule(run: tuple[int, int, int, int], scale: float, horizontal: bool) -> Rule:
    r0, r1, c0, c1 = run
    thickness = (r1 - r0 + 1) * scale
    if horizontal:
        return Rule((c0 * scale, r0 * scale, c1 * scale, (r1 + 1) * scale), True, thickness)
    return Rule((r0 * scale, c0 * scale, (r1 + 1) * scale, c1 * scale), False, thickness)


def graphics_from_pixels(gray: np.ndarray, scale: float, blank: Sequence[BBox], cell_pt: float = 6.0,
                         min_area_pt2: float = 2500.0, dark: int = 200) -> tuple[RasterImage, ...]:
    """Areas of ink that are not OCR'd text or rules (plots, drawings, photos), as RasterImages in points.

    Ink is counted on a coarse grid of `cell_pt` cells with the `blank` boxes (text, rules) erased; occupied cells
    at most one empty cell apart form one area, and areas smaller than `min_area_pt2` (stray marks, rules) are dropped.
    """
    ink = np.asarray(gray) < dark
    ink = ink.copy()
    for x0, y0, x1, y1 in blank:
        ink[max(0, int(y0 / scale) - 1):int(np.ceil(y1 / scale)) + 1,
            max(0, int(x0 / scale) - 1):int(np.ceil(x1 / scale)) + 1] = False
    step = max(1, int(round(cell_pt / scale)))
    rows, cols = -(-ink.shape[0] // step), -(-ink.shape[1] // step)
    padded = np.zeros((rows * step, cols * step), dtype=bool)
    padded[:ink.shape[0], :ink.shape[1]] = ink
    occupied = padded.reshape(rows, step, cols, step).any(axis=(1, 3))
    images: list[RasterImage] = []
    for r0, c0, r1, c1 in _components(occupied):
        box = (float(c0 * step * scale), float(r0 * step * scale), float((c1 + 1) * step * scale),
               float((r1 + 1) * step * scale))
        if (box[2] - box[0]) * (box[3] - box[1]) < min_area_pt2 or min(box[2] - box[0], box[3] - box[1]) < 3 * cell_pt:
            continue
        images.append(RasterImage(bbox=box, width_px=int((c1 - c0 + 1) * step), height_px=int((r1 - r0 + 1) * step)))
    return tuple(images)


def _components(grid: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (row0, col0, row1, col1) of occupied cells joined across gaps of one empty cell."""
    seen = np.zeros_like(grid, dtype=bool)
    found: list[tuple[int, int, int, int]] = []
    n_rows, n_cols = grid.shape
    for start in zip(*np.nonzero(grid)):
        if seen[start]:
            continue
        stack = [start]
        seen[start] = True
        r0 = r1 = int(start[0])
        c0 = c1 = int(start[1])
        while stack:
            r, c = stack.pop()
            r0, r1, c0, c1 = min(r0, r), max(r1, r), min(c0, c), max(c1, c)
            for dr in (-2, -1, 0, 1, 2):
                for dc in (-2, -1, 0, 1, 2):
                    rr, cc = r + dr, c + dc
                    if 0 <= rr < n_rows and 0 <= cc < n_cols and grid[rr, cc] and not seen[rr, cc]:
                        seen[rr, cc] = True
                        stack.append((rr, cc))
        found.append((r0, c0, r1, c1))
    return found


def page_from_ocr(number: PageNo, width: float, height: float, boxes: Sequence[OcrBox], gray: np.ndarray,
                  scale: float, min_score: float = 0.5) -> PageContent:
    """A page's records rebuilt from OCR boxes and its image: text lines, pixel rules, and graphic areas."""
    lines = text_lines_of(recover_minus_signs(boxes, gray), scale, min_score)
    rules = rules_from_pixels(gray, scale)
    text = [tuple(v * scale for v in box.bbox) for box in boxes]  # low-scored text is still text, not a graphic
    images = graphics_from_pixels(gray, scale, [ln.bbox for ln in lines] + text + [r.bbox for r in rules])
    return PageContent(number=number, width=width, height=height, lines=lines, rules=rules, paths=(), images=images)
