#!/usr/bin/env python3
"""Build the bundled example papers in examples/pdfs/ and, next to each, NAME.truth.json.

    python examples/make_examples.py [--out DIR]

Only PyMuPDF draws: text, rules, charts and the raster "micrograph" (numpy pixels in a Pixmap), so the
ground truth is exact: every table cell, caption, rule position and chart data point written to the
truth file is the very value the script put on the page. Output is deterministic (fixed seeds, fixed
PDF metadata dates, no random /ID), so a re-run reproduces the committed files byte for byte with the
same PyMuPDF version.

Truth coordinates are PDF points with a top-left origin. A text box is taken as baseline - 0.8 * size
to baseline + 0.2 * size (the span ascender/descender MuPDF reports for these fonts). A table's bbox is
the tabular only: its outer rules for ruled and booktabs tables, its cell texts for tables without
rules; captions and footnotes are outside it. A figure's bbox is the whole graphic (axes, tick labels,
axis titles, legend, or the image), without the caption.
"""
from __future__ import annotations

import argparse
import json
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pymupdf

OUT_DEFAULT = Path(__file__).resolve().parent / "pdfs"

PAGE_W, PAGE_H = 612.0, 792.0  # US letter
MARGIN = 72.0
TOP = 72.0
BOTTOM = 720.0  # no text line or float may end below this
FOOTER_BASELINE = 750.0
HEADER_BASELINE = 50.0
BODY_SIZE = 10.0
LEADING = 12.5
PARA_INDENT = 12.0
GUTTER = 18.0
FIXED_DATE = "D:20240101000000Z"
MINUS = "\u2212"

FONTS = {name: pymupdf.Font(name) for name in ("tiro", "tibo", "tiit", "helv", "hebo")}
BLACK = (0, 0, 0)

Box = tuple[float, float, float, float]


# ----------------------------------------------------------------------------------------------------------
# drawing primitives


def text_width(text: str, font: str = "tiro", size: float = BODY_SIZE) -> float:
    return FONTS[font].text_length(text, fontsize=size)


def text_box(x: float, baseline: float, text: str, font: str, size: float) -> Box:
    return (x, baseline - 0.8 * size, x + text_width(text, font, size), baseline + 0.2 * size)


def put(page: pymupdf.Page, x: float, baseline: float, text: str, font: str = "tiro",
        size: float = BODY_SIZE, color=BLACK, rotate: int = 0) -> Box:
    """Write one line of text. Latin-1 text uses the (unembedded) base-14 font; anything else (−, μ, Δ,
    ρ, Ω) goes through a TextWriter with the same face embedded, so every glyph extracts as itself."""
    if all(ord(ch) < 256 for ch in text):
        page.insert_text((x, baseline), text, fontname=font, fontsize=size, color=color, rotate=rotate)
    else:
        assert rotate == 0, "rotated text must be Latin-1"
        writer = pymupdf.TextWriter(page.rect, color=color)
        writer.append((x, baseline), text, font=FONTS[font], fontsize=size)
        writer.write_text(page)
    if rotate == 90:  # reads bottom to top, glyphs stand on the left of the baseline
        return (x - 0.8 * size, baseline - text_width(text, font, size), x + 0.2 * size, baseline)
    return text_box(x, baseline, text, font, size)


def union(boxes) -> Box:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def rounded(box: Box) -> list[float]:
    return [round(v, 2) for v in box]


def wrap(text: str, first_width: float, width: float, font: str = "tiro", size: float = BODY_SIZE) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        limit = first_width if not lines else width
        if current and text_width(trial, font, size) > limit:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def fmt_num(value: float, digits: int, minus: str = "-") -> str:
    text = f"{value:.{digits}f}"
    if text.startswith("-"):
        text = minus + text[1:] if float(text) != 0 else text[1:]
    return text


@dataclass
class Caption:
    """`Table 1: text` / `Fig. 3. text`: label bold (or not), centred when it fits on one line."""
    label: str  # canonical, "Figure 3"
    label_text: str  # as printed, "Fig. 3"
    sep: str  # ":" or "."
    text: str
    size: float = 9.0
    label_font: str = "tibo"
    leading: float = 11.0

    def layout(self, width: float) -> tuple[float, list[str]]:
        lead = text_width(self.label_text + self.sep + " ", self.label_font, self.size)
        return lead, wrap(self.text, width - lead, width, "tiro", self.size)

    def height(self, width: float) -> float:
        return len(self.layout(width)[1]) * self.leading

    def draw(self, page: pymupdf.Page, x0: float, top: float, width: float) -> Box:
        lead, lines = self.layout(width)
        x = x0
        if len(lines) == 1:
            x = x0 + (width - lead - text_width(lines[0], "tiro", self.size)) / 2
        boxes = []
        baseline = top + self.size
        boxes.append(put(page, x, baseline, self.label_text + self.sep, self.label_font, self.size))
        for i, line in enumerate(lines):
            boxes.append(put(page, x + lead if i == 0 else x0, baseline, line, "tiro", self.size))
            baseline += self.leading
        return union(boxes)


# ----------------------------------------------------------------------------------------------------------
# tables


@dataclass
class Table:
    caption: Caption
    header: list[list[str | None]]
    body: list[list[str | None]]
    style: str  # "booktabs" | "ruled" | "norules"
    align: str  # one of l/c/r per column
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # row, col, row_span, col_span
    caption_below: bool = False
    footnote: str | None = None
    size: float = 9.0
    header_font: str = "tiro"
    extra_style: list[str] = field(default_factory=list)

    @property
    def grid(self) -> list[list[str | None]]:
        return [list(row) for row in self.header + self.body]

    def _span_at(self, r: int, c: int) -> tuple[int, int, int, int] | None:
        for span in self.spans:
            if span[0] <= r < span[0] + span[2] and span[1] <= c < span[1] + span[3]:
                return span
        return None

    def _check(self) -> None:
        grid = self.grid
        n_cols = len(self.align)
        assert all(len(row) == n_cols for row in grid), self.caption.text
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                span = self._span_at(r, c)
                covered = span is not None and (span[0], span[1]) != (r, c)
                assert (cell is None) == covered, (self.caption.text, r, c)

    def _pad(self) -> float:
        return {"ruled": 5.0, "booktabs": 6.0, "norules": 7.0}[self.style]

    def _font(self, r: int) -> str:
        return self.header_font if r < len(self.header) else "tiro"

    def col_widths(self) -> list[float]:
        grid, pad = self.grid, self._pad()
        widths = [20.0] * len(self.align)
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                span = self._span_at(r, c)
                if cell is not None and (span is None or span[3] == 1):
                    widths[c] = max(widths[c], text_width(cell, self._font(r), self.size) + 2 * pad)
        for r, c, _rs, cs in self.spans:
            if cs > 1:
                need = text_width(grid[r][c], self._font(r), self.size) + 2 * pad
                have = sum(widths[c:c + cs])
                if need > have:
                    for k in range(c, c + cs):
                        widths[k] += (need - have) / cs
        return widths

    def row_height(self) -> float:
        return self.size + {"ruled": 7.0, "booktabs": 4.5, "norules": 4.0}[self.style]

    def _row_tops(self) -> tuple[list[float], float]:
        """Row boundaries relative to the tabular top, and the tabular height."""
        rh = self.row_height()
        n_header = len(self.header)
        tops, y = [], 0.0
        if self.style == "booktabs":
            y += 2.0
        for r in range(len(self.grid)):
            if r == n_header and self.style in ("booktabs", "norules"):
                y += 3.0  # room for the midrule / a visible gap under the header
            if self.style == "booktabs" and 0 < r < n_header and any(s[0] == r - 1 and s[3] > 1 for s in self.spans):
                y += 1.5  # room for the cmidrule
            tops.append(y)
            y += rh
        if self.style == "booktabs":
            y += 2.0
        tops.append(y)
        return tops, y

    def footnote_lines(self) -> list[str]:
        """Table notes wrap at the width of the tabular (as threeparttable does)."""
        w = sum(self.col_widths())
        return wrap(self.footnote, w, w, "tiro", 8.0) if self.footnote else []

    def height(self, width: float) -> float:
        _, tab_h = self._row_tops()
        h = self.caption.height(width) + 5.0 + tab_h
        if self.footnote:
            h += 3.0 + 10.0 * len(self.footnote_lines())
        return h

    def draw(self, page: pymupdf.Page, x0: float, top: float, width: float) -> dict:
        self._check()
        grid, widths, pad, rh = self.grid, self.col_widths(), self._pad(), self.row_height()
        table_w = sum(widths)
        assert table_w <= width + 0.01, f"table too wide ({table_w:.0f} > {width:.0f}): {self.caption.text}"
        tx0 = x0 + (width - table_w) / 2
        xs = [tx0]
        for w in widths:
            xs.append(xs[-1] + w)
        y = top
        if not self.caption_below:
            self.caption.draw(page, x0, y, width)
            y += self.caption.height(width) + 5.0
        ty = y
        tops, tab_h = self._row_tops()
        ys = [ty + t for t in tops]
        shape = page.new_shape()
        n_rows, n_cols, n_header = len(grid), len(widths), len(self.header)

        if self.style == "booktabs":
            shape.draw_line((xs[0], ys[0] - 2.0), (xs[-1], ys[0] - 2.0))
            shape.finish(color=BLACK, width=0.9)
            shape.draw_line((xs[0], ys[n_header] - 1.5), (xs[-1], ys[n_header] - 1.5))
            shape.finish(color=BLACK, width=0.5)
            shape.draw_line((xs[0], ys[-1]), (xs[-1], ys[-1]))
            shape.finish(color=BLACK, width=0.9)
            for r, c, _rs, cs in self.spans:
                if r < n_header - 1 and cs > 1:  # \cmidrule(lr) under a group label
                    yy = ys[r + 1] - 0.5
                    shape.draw_line((xs[c] + 3.0, yy), (xs[c + cs] - 3.0, yy))
                    shape.finish(color=BLACK, width=0.4)
            box = (xs[0], ys[0] - 2.0, xs[-1], ys[-1])
        elif self.style == "ruled":
            ys_rule = ys  # row boundaries are the rules
            for i in range(n_rows + 1):  # horizontal rules, interrupted by row spans
                start = None
                for c in range(n_cols + 1):
                    inside = c < n_cols and 0 < i < n_rows and self._same_cell(i - 1, c, i, c)
                    drawn = c < n_cols and not inside
                    if drawn and start is None:
                        start = c
                    if not drawn and start is not None:
                        shape.draw_line((xs[start], ys_rule[i]), (xs[c], ys_rule[i]))
                        start = None
            for c in range(n_cols + 1):  # vertical rules, interrupted by column spans
                start = None
                for r in range(n_rows + 1):
                    inside = r < n_rows and 0 < c < n_cols and self._same_cell(r, c - 1, r, c)
                    drawn = r < n_rows and not inside
                    if drawn and start is None:
                        start = r
                    if not drawn and start is not None:
                        shape.draw_line((xs[c], ys_rule[start]), (xs[c], ys_rule[r]))
                        start = None
            shape.finish(color=BLACK, width=0.5)
            box = (xs[0], ys[0], xs[-1], ys[-1])
        else:
            box = None
        shape.commit()

        text_boxes = []
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if not cell:
                    continue
                span = self._span_at(r, c)
                rs, cs = (span[2], span[3]) if span else (1, 1)
                left, right = xs[c], xs[c + cs]
                baseline = (ys[r] + ys[r + rs - 1] + rh) / 2 + 0.32 * self.size
                font = self._font(r)
                w = text_width(cell, font, self.size)
                how = "c" if cs > 1 else self.align[c]
                if how == "l":
                    x = left + pad
                elif how == "r":
                    x = right - pad - w
                else:
                    x = (left + right - w) / 2
                text_boxes.append(put(page, x, baseline, cell, font, self.size))
        if box is None:
            box = union(text_boxes)
        y = ty + tab_h
        footnote = None
        if self.footnote:
            y += 3.0
            lines = self.footnote_lines()
            for line in lines:
                put(page, tx0, y + 8.0, line, "tiro", 8.0)
                y += 10.0
            footnote = " ".join(lines)
        if self.caption_below:
            y += 5.0
            self.caption.draw(page, x0, y, width)
        return {
            "label": self.caption.label,
            "label_text": self.caption.label_text,
            "caption": self.caption.text,
            "header_rows": n_header,
            "n_rows": n_rows,
            "n_cols": n_cols,
            "grid": grid,
            "spans": [list(s) for s in self.spans],
            "footnote": footnote,
            "bbox": rounded(box),
            "style": self.style_tags(),
        }

    def _same_cell(self, r1: int, c1: int, r2: int, c2: int) -> bool:
        a, b = self._span_at(r1, c1), self._span_at(r2, c2)
        return a is not None and a == b

    def style_tags(self) -> list[str]:
        tags = [self.style]
        if len(self.header) > 1 and any(s[0] < len(self.header) and s[3] > 1 for s in self.spans):
            tags.append("grouped_header")
        body_cells = [cell for row in self.body for cell in row if cell is not None]
        header_cells = [cell for row in self.header for cell in row if cell]
        if any("±" in cell for cell in body_cells):
            tags.append("pm")
        if any("(" in cell and cell.endswith(")") for cell in header_cells):
            tags.append("units")
        if any(cell[:1] in ("-", MINUS) and cell[1:2].isdigit() for cell in body_cells):
            tags.append("neg")
        if any(MINUS in cell for cell in body_cells):
            tags.append("unicode_minus")
        if any(cell == "" for cell in body_cells):
            tags.append("empty_cells")
        if any(s[0] >= len(self.header) for s in self.spans):
            tags.append("row_spans")
        tags.append("caption_below" if self.caption_below else "caption_above")
        if self.footnote:
            tags.append("footnote")
        return tags + self.extra_style


# ----------------------------------------------------------------------------------------------------------
# figures


@dataclass
class Series:
    name: str
    x: list[float]
    y: list[float]
    color: tuple[float, float, float]
    marker: str = "o"  # o, s, ^
    dashes: str | None = None


def _marker(shape: pymupdf.Shape, kind: str, x: float, y: float, r: float = 2.2) -> None:
    if kind == "o":
        shape.draw_circle((x, y), r)
    elif kind == "s":
        shape.draw_rect(pymupdf.Rect(x - r, y - r, x + r, y + r))
    else:
        shape.draw_polyline([(x, y - r - 0.4), (x + r + 0.3, y + r * 0.8), (x - r - 0.3, y + r * 0.8), (x, y - r - 0.4)])


def _tick_label(value: float, digits: int) -> str:
    return fmt_num(value, digits, MINUS)


def _segments_hit(box: Box, pts: list[tuple[float, float]], margin: float = 2.0) -> bool:
    x0, y0, x1, y1 = box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):
        for k in range(41):
            px, py = ax + (bx - ax) * k / 40, ay + (by - ay) * k / 40
            if x0 <= px <= x1 and y0 <= py <= y1:
                return True
    return any(x0 <= px <= x1 and y0 <= py <= y1 for px, py in pts)


@dataclass
class Chart:
    """A vector chart: line series (polylines with markers) or grouped bars, axes, ticks, titles, legend."""
    caption: Caption
    kind: str  # "line" | "bar"
    series: list[Series]
    x_label: str
    y_label: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    y_ticks: list[float]
    y_digits: int = 0
    x_ticks: list[float] = field(default_factory=list)
    x_digits: int = 0
    categories: list[str] = field(default_factory=list)
    legend_corner: str = "ur"  # ul, ur, ll, lr
    width: float = 300.0
    height: float = 190.0
    box_axes: bool = True

    def draw(self, page: pymupdf.Page, x0: float, top: float, width: float) -> dict:
        gx0 = x0 + (width - self.width) / 2
        px0, px1 = gx0 + 46.0, gx0 + self.width - 6.0
        py0, py1 = top + 6.0, top + self.height - 30.0
        (xa, xb), (ya, yb) = self.x_range, self.y_range

        def sx(v: float) -> float:
            return px0 + (v - xa) / (xb - xa) * (px1 - px0)

        def sy(v: float) -> float:
            return py1 - (v - ya) / (yb - ya) * (py1 - py0)

        boxes: list[Box] = [(px0, py0, px1, py1)]
        shape = page.new_shape()
        if self.box_axes:
            shape.draw_rect(pymupdf.Rect(px0, py0, px1, py1))
        else:
            shape.draw_line((px0, py1), (px1, py1))
            shape.draw_line((px0, py0), (px0, py1))
        for v in self.y_ticks:
            shape.draw_line((px0, sy(v)), (px0 + 4.0, sy(v)))
            if self.box_axes:
                shape.draw_line((px1 - 4.0, sy(v)), (px1, sy(v)))
        for v in self.x_ticks:
            shape.draw_line((sx(v), py1), (sx(v), py1 - 4.0))
            if self.box_axes:
                shape.draw_line((sx(v), py0), (sx(v), py0 + 4.0))
        if self.kind == "bar":
            for i in range(len(self.categories)):
                shape.draw_line((sx(i), py1), (sx(i), py1 + 3.0))
        shape.finish(color=BLACK, width=0.6)
        shape.commit()

        for v in self.y_ticks:
            label = _tick_label(v, self.y_digits)
            boxes.append(put(page, px0 - 4.0 - text_width(label, "helv", 8), sy(v) + 2.8, label, "helv", 8))
        for v in self.x_ticks:
            label = _tick_label(v, self.x_digits)
            boxes.append(put(page, sx(v) - text_width(label, "helv", 8) / 2, py1 + 11.0, label, "helv", 8))
        for i, name in enumerate(self.categories):
            boxes.append(put(page, sx(i) - text_width(name, "helv", 8) / 2, py1 + 12.0, name, "helv", 8))
        xt_w = text_width(self.x_label, "helv", 8.5)
        boxes.append(put(page, (px0 + px1 - xt_w) / 2, py1 + 25.0, self.x_label, "helv", 8.5))
        yt_w = text_width(self.y_label, "helv", 8.5)
        boxes.append(put(page, px0 - 31.0, (py0 + py1 + yt_w) / 2, self.y_label, "helv", 8.5, rotate=90))

        drawn_paths: list[list[tuple[float, float]]] = []
        if self.kind == "line":
            for s in self.series:
                pts = [(sx(x), sy(y)) for x, y in zip(s.x, s.y)]
                drawn_paths.append(pts)
                shape = page.new_shape()
                shape.draw_polyline(pts)
                shape.finish(color=s.color, width=1.1, dashes=s.dashes, closePath=False)
                for px, py in pts:
                    _marker(shape, s.marker, px, py)
                shape.finish(color=s.color, fill=s.color, width=0.5)
                shape.commit()
        else:
            n = len(self.series)
            bar_w = 0.72 / n
            shape = page.new_shape()
            for k, s in enumerate(self.series):
                for x, y in zip(s.x, s.y):
                    left = sx(x - 0.36 + k * bar_w)
                    right = sx(x - 0.36 + (k + 1) * bar_w)
                    rect = pymupdf.Rect(left, sy(y), right, sy(ya))
                    shape.draw_rect(rect)
                    drawn_paths.append([(left, sy(y)), (right, sy(y))])
                shape.finish(color=BLACK, fill=s.color, width=0.4)
            shape.commit()

        legend = self._legend(page, px0, py0, px1, py1)
        for pts in drawn_paths:
            assert not _segments_hit(legend, pts), f"legend covers data: {self.caption.text}"
        bbox = union(boxes + [legend])
        truth = {
            "label": self.caption.label,
            "label_text": self.caption.label_text,
            "bbox": rounded(bbox),
            "caption": self.caption.text,
            "kind": "chart",
            "style": [self.kind, "legend"] + (["grouped_bars"] if self.kind == "bar" and len(self.series) > 1 else []),
            "series": [{"name": s.name, "x": list(s.x), "y": list(s.y)} for s in self.series],
            "x_label": self.x_label,
            "y_label": self.y_label,
            "x_range": list(self.x_range),
            "y_range": list(self.y_range),
        }
        if self.categories:
            truth["categories"] = list(self.categories)
        return truth

    def _legend(self, page: pymupdf.Page, px0: float, py0: float, px1: float, py1: float) -> Box:
        row_h, sample_w, pad = 11.0, 16.0, 4.0
        text_w = max(text_width(s.name, "helv", 8) for s in self.series)
        w = pad + sample_w + 4.0 + text_w + pad
        h = pad + row_h * len(self.series) + pad - 3.0
        lx = px0 + 6.0 if self.legend_corner[1] == "l" else px1 - 6.0 - w
        ly = py0 + 6.0 if self.legend_corner[0] == "u" else py1 - 6.0 - h
        shape = page.new_shape()
        shape.draw_rect(pymupdf.Rect(lx, ly, lx + w, ly + h))
        shape.finish(color=(0.6, 0.6, 0.6), fill=(1, 1, 1), width=0.4)
        for i, s in enumerate(self.series):
            cy = ly + pad + row_h * i + 4.0
            if self.kind == "line":
                shape.draw_line((lx + pad, cy), (lx + pad + sample_w, cy))
                shape.finish(color=s.color, width=1.1, dashes=s.dashes)
                _marker(shape, s.marker, lx + pad + sample_w / 2, cy)
                shape.finish(color=s.color, fill=s.color, width=0.5)
            else:
                shape.draw_rect(pymupdf.Rect(lx + pad + 3, cy - 3.5, lx + pad + sample_w - 3, cy + 3.5))
                shape.finish(color=BLACK, fill=s.color, width=0.4)
        shape.commit()
        for i, s in enumerate(self.series):
            cy = ly + pad + row_h * i + 4.0
            put(page, lx + pad + sample_w + 4.0, cy + 2.8, s.name, "helv", 8)
        return (lx, ly, lx + w, ly + h)


@dataclass
class Chartfloat:
    chart: Chart

    def height(self, width: float) -> float:
        return self.chart.height + 8.0 + self.chart.caption.height(width)

    def draw(self, page: pymupdf.Page, x0: float, top: float, width: float) -> dict:
        truth = self.chart.draw(page, x0, top, width)
        self.chart.caption.draw(page, x0, top + self.chart.height + 8.0, width)
        return truth


def micrograph(seed: int, w: int = 300, h: int = 200) -> np.ndarray:
    """A smooth synthetic grey-scale 'SEM micrograph': bright round grains on a textured background."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    img = 0.30 + 0.06 * np.sin(xx / 17.0) * np.cos(yy / 23.0) + 0.05 * (yy / h)
    for _ in range(48):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        r, a = rng.uniform(6, 19), rng.uniform(0.18, 0.45)
        img += a * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r))
    img += rng.normal(0.0, 0.012, (h, w))
    grey = (np.clip(img, 0.0, 1.0) * 255).round().astype(np.uint8)
    return np.stack([grey, grey, np.clip(grey.astype(np.int16) + 6, 0, 255).astype(np.uint8)], axis=-1)


@dataclass
class ImageFigure:
    caption: Caption
    pixels: np.ndarray  # h x w x 3 uint8
    width: float
    scale_bar: str  # e.g. "10 μm"

    def display_h(self) -> float:
        return self.width * self.pixels.shape[0] / self.pixels.shape[1]

    def height(self, width: float) -> float:
        return self.display_h() + 8.0 + self.caption.height(width)

    def draw(self, page: pymupdf.Page, x0: float, top: float, width: float) -> dict:
        h_px, w_px, _ = self.pixels.shape
        pix = pymupdf.Pixmap(pymupdf.csRGB, w_px, h_px, np.ascontiguousarray(self.pixels).tobytes(), False)
        ix0 = x0 + (width - self.width) / 2
        rect = pymupdf.Rect(ix0, top, ix0 + self.width, top + self.display_h())
        page.insert_image(rect, pixmap=pix)
        bar_w = self.width / 6
        shape = page.new_shape()
        shape.draw_rect(pymupdf.Rect(rect.x1 - 12 - bar_w, rect.y1 - 12, rect.x1 - 12, rect.y1 - 9))
        shape.finish(color=(1, 1, 1), fill=(1, 1, 1), width=0)
        shape.commit()
        label_w = text_width(self.scale_bar, "helv", 8)
        put(page, rect.x1 - 12 - bar_w / 2 - label_w / 2, rect.y1 - 15, self.scale_bar, "helv", 8, color=(1, 1, 1))
        self.caption.draw(page, x0, rect.y1 + 8.0, width)
        return {
            "label": self.caption.label,
            "label_text": self.caption.label_text,
            "bbox": rounded(tuple(rect)),
            "caption": self.caption.text,
            "kind": "image",
            "style": ["raster"],
            "pixels": [w_px, h_px],
        }


# ----------------------------------------------------------------------------------------------------------
# deterministic body text


TEMPLATES = [
    "The {thing} was {measured} by {method} at {cond}.",
    "We observed that the {thing} {trend} with {factor}, in agreement with earlier reports [{ref}].",
    "This behaviour suggests that the {thing} is governed mainly by {mechanism}.",
    "To reduce systematic errors, every {sample} was {prepared} twice and {measured} by {method}.",
    "A {adj} change of the {thing} was found for the {sample}s {prepared} at {cond}.",
    "The uncertainty of the {thing} was estimated from repeated runs and stays below {pct} percent.",
    "Previous work [{ref}] attributed this effect to {mechanism}, but our data do not single out one cause.",
    "In contrast, the {thing} remained nearly constant when {factor} was varied.",
    "All {sample}s were stored under dry nitrogen before they were {measured} by {method}.",
    "The {adj} scatter between nominally identical {sample}s limits how precisely the {thing} can be compared.",
    "A simple model that includes {mechanism} reproduces the trend without adjustable parameters.",
    "Because {factor} also changes the {thing2}, the two effects cannot be separated completely.",
    "The {thing2} was checked independently by {method} and agrees within the stated uncertainty.",
    "These observations are consistent with the picture of {mechanism} proposed in [{ref}].",
    "Repeating the series with a second set of {sample}s changed the {thing} by less than the scatter.",
    "The {thing} and the {thing2} are correlated, although the correlation weakens at {cond}.",
    "We therefore kept {factor} fixed in all further experiments unless stated otherwise.",
    "A control series without any treatment showed no measurable change of the {thing}.",
    "The data were corrected for the background signal before the {thing} was extracted.",
    "Whether {mechanism} also controls the {thing2} remains an open question.",
    "The same trend appears when the {thing} is normalized to the {thing2}.",
    "Outliers were kept in the analysis; removing them would shift the mean by less than {pct} percent.",
]


@dataclass
class Topic:
    thing: list[str]
    measured: list[str]
    method: list[str]
    cond: list[str]
    trend: list[str]
    factor: list[str]
    mechanism: list[str]
    sample: list[str]
    prepared: list[str]
    adj: list[str] = field(default_factory=lambda: ["small", "clear", "moderate", "systematic", "reproducible"])


class Prose:
    def __init__(self, topic: Topic, seed: int, n_refs: int):
        self.topic, self.rng, self.n_refs = topic, random.Random(seed), n_refs
        self.bag: list[int] = []

    def sentence(self) -> str:
        if not self.bag:  # every template once before any repeats
            self.bag = list(range(len(TEMPLATES)))
            self.rng.shuffle(self.bag)
        idx = self.bag.pop()
        t = self.topic
        thing = self.rng.choice(t.thing)
        thing2 = self.rng.choice([x for x in t.thing if x != thing])
        return TEMPLATES[idx].format(
            thing=thing, thing2=thing2, measured=self.rng.choice(t.measured), method=self.rng.choice(t.method),
            cond=self.rng.choice(t.cond), trend=self.rng.choice(t.trend), factor=self.rng.choice(t.factor),
            mechanism=self.rng.choice(t.mechanism), sample=self.rng.choice(t.sample),
            prepared=self.rng.choice(t.prepared), adj=self.rng.choice(t.adj), ref=self.rng.randint(1, self.n_refs),
            pct=self.rng.choice(["two", "three", "five"]))

    def paragraph(self, n: int, insert: dict[int, str] | None = None) -> str:
        sentences = [self.sentence() for _ in range(n)]
        for pos, text in sorted((insert or {}).items()):
            sentences.insert(pos, text)
        return " ".join(sentences)


# ----------------------------------------------------------------------------------------------------------
# page layout


class Paper:
    """Flows a paper onto letter pages: title block, headings, paragraphs, floats, references, folios.

    Floats that do not fit where they are asked for wait for the top of the next column or page while
    the text keeps filling the current one, as LaTeX does."""

    def __init__(self, name: str, title: str, short_title: str, authors: str, affiliation: str,
                 topic: Topic, seed: int, n_refs: int):
        self.name, self.title, self.short_title = name, title, short_title
        self.authors, self.affiliation = authors, affiliation
        self.prose = Prose(topic, seed, n_refs)
        self.doc = pymupdf.open()
        self.n_columns = 1
        self.pending: list = []
        self.tables: list[dict] = []
        self.figures: list[dict] = []
        self.section = 0
        self.after_heading = True
        self._new_page()

    # frames -------------------------------------------------------------------------------------
    def _new_page(self) -> None:
        self.page = self.doc.new_page(width=PAGE_W, height=PAGE_H)
        self.col, self.col_top, self.y = 0, TOP, TOP

    def frame(self) -> tuple[float, float]:
        if self.n_columns == 1:
            return MARGIN, PAGE_W - MARGIN
        w = (PAGE_W - 2 * MARGIN - GUTTER) / 2
        x0 = MARGIN + self.col * (w + GUTTER)
        return x0, x0 + w

    def set_columns(self, n: int) -> None:
        self.n_columns, self.col, self.col_top = n, 0, self.y

    def _next_frame(self) -> None:
        if self.col < self.n_columns - 1:
            self.col += 1
            self.y = self.col_top
        else:
            self._new_page()
        self._place_pending()

    def _place_pending(self) -> None:
        while self.pending:
            item = self.pending[0]
            x0, x1 = self.frame()
            h = item.height(x1 - x0)
            if self.y + h > BOTTOM:
                break
            self.pending.pop(0)
            self._draw_float(item, top_of_frame=True)

    def ensure(self, h: float) -> None:
        if self.y + h > BOTTOM:
            self._next_frame()

    # content ------------------------------------------------------------------------------------
    def title_block(self, abstract: str, keywords: str) -> None:
        y = TOP + 4
        for line in wrap(self.title, 430, 430, "tibo", 16):
            put(self.page, (PAGE_W - text_width(line, "tibo", 16)) / 2, y + 16, line, "tibo", 16)
            y += 20
        y += 8
        put(self.page, (PAGE_W - text_width(self.authors, "tiro", 11)) / 2, y + 11, self.authors, "tiro", 11)
        y += 15
        put(self.page, (PAGE_W - text_width(self.affiliation, "tiit", 9.5)) / 2, y + 9.5, self.affiliation,
            "tiit", 9.5)
        y += 26
        put(self.page, (PAGE_W - text_width("Abstract", "tibo", 10)) / 2, y + 10, "Abstract", "tibo", 10)
        y += 15
        ax0, ax1 = MARGIN + 36, PAGE_W - MARGIN - 36
        for line in wrap(abstract, ax1 - ax0, ax1 - ax0, "tiro", 9.5):
            put(self.page, ax0, y + 9.5, line, "tiro", 9.5)
            y += 11.5
        y += 4
        kw = "Keywords: "
        put(self.page, ax0, y + 9.5, kw, "tiit", 9.5)
        put(self.page, ax0 + text_width(kw, "tiit", 9.5), y + 9.5, keywords, "tiro", 9.5)
        self.y = y + 11.5 + 14

    def heading(self, text: str, numbered: bool = True) -> None:
        if numbered:
            self.section += 1
            text = f"{self.section} {text}"
        if self.y > self.col_top + 1:
            self.y += 8
        self.ensure(15 + 3 * LEADING)
        put(self.page, self.frame()[0], self.y + 11, text, "tibo", 11)
        self.y += 17
        self.after_heading = True

    def paragraph(self, text: str, size: float = BODY_SIZE, leading: float = LEADING) -> None:
        """Left-aligned (ragged right) lines; the first line is indented unless a heading precedes it."""
        x0, x1 = self.frame()
        first = 0.0 if self.after_heading else PARA_INDENT
        self.after_heading = False
        lines = wrap(text, x1 - x0 - first, x1 - x0, "tiro", size)
        for i, line in enumerate(lines):
            self.ensure(leading)
            x0, x1 = self.frame()
            put(self.page, x0 + (first if i == 0 else 0.0), self.y + size, line, "tiro", size)
            self.y += leading

    def text(self, n_paragraphs: int, mentions: dict[int, dict[int, str]] | None = None,
             sentences: tuple[int, int] = (4, 7)) -> None:
        for p in range(n_paragraphs):
            n = self.prose.rng.randint(*sentences)
            self.paragraph(self.prose.paragraph(n, (mentions or {}).get(p)))

    def float_here(self, item) -> None:
        """Place a table or figure at the current position, or at the top of the next frame."""
        x0, x1 = self.frame()
        h = item.height(x1 - x0)
        if not self.pending and self.y + 10 + h <= BOTTOM:
            self._draw_float(item, top_of_frame=False)
        else:
            self.pending.append(item)

    def flush_floats(self) -> None:
        while self.pending:
            self._next_frame()

    def _draw_float(self, item, top_of_frame: bool) -> None:
        x0, x1 = self.frame()
        if not top_of_frame or self.y > self.col_top + 1:
            self.y += 10
        top = self.y
        truth = item.draw(self.page, x0, top, x1 - x0)
        truth = {k: truth[k] for k in ("label", "label_text")} | {"page": self.page.number + 1,
                                                                    "pages": [self.page.number + 1]} | {
            k: v for k, v in truth.items() if k not in ("label", "label_text")}
        (self.tables if isinstance(item, Table) else self.figures).append(truth)
        self.y = top + item.height(x1 - x0) + 12

    def references(self, refs: list[str]) -> None:
        self.flush_floats()
        self.heading("References", numbered=False)
        for i, ref in enumerate(refs, 1):
            x0, x1 = self.frame()
            tag = f"[{i}]"
            hang = 18.0
            lines = wrap(ref, x1 - x0 - hang, x1 - x0 - hang, "tiro", 9)
            self.ensure(len(lines) * 11 + 2)
            x0, x1 = self.frame()
            put(self.page, x0, self.y + 9, tag, "tiro", 9)
            for line in lines:
                put(self.page, x0 + hang, self.y + 9, line, "tiro", 9)
                self.y += 11
            self.y += 2

    def finish(self, out_dir: Path) -> None:
        self.flush_floats()
        n = self.doc.page_count
        for i, page in enumerate(self.doc):
            folio = str(i + 1)
            put(page, (PAGE_W - text_width(folio)) / 2, FOOTER_BASELINE, folio)
            if i > 0:
                put(page, (PAGE_W - text_width(self.short_title, "tiit", 8.5)) / 2, HEADER_BASELINE,
                    self.short_title, "tiit", 8.5)
        assert 2 <= n <= 4, (self.name, n)
        self.doc.set_metadata({
            "title": self.title, "author": self.authors, "subject": "paperlake example paper (synthetic)",
            "keywords": "", "creator": "paperlake examples/make_examples.py",
            "producer": f"PyMuPDF {pymupdf.VersionBind}", "creationDate": FIXED_DATE, "modDate": FIXED_DATE,
        })
        out_dir.mkdir(parents=True, exist_ok=True)
        self.doc.subset_fonts()  # embedded faces (used for −, μ, Δ, ρ, Ω) keep only their used glyphs
        self.doc.save(out_dir / f"{self.name}.pdf", garbage=4, deflate=True, no_new_id=True)
        self.doc.close()
        truth = {"doc": self.name, "n_pages": n, "tables": self.tables, "figures": self.figures}
        (out_dir / f"{self.name}.truth.json").write_text(to_json(truth) + "\n", encoding="utf-8")


def to_json(obj, indent: int = 0) -> str:
    """JSON with one line per dict entry and short scalar lists (grid rows, bboxes) kept on one line."""
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{inner}{json.dumps(k)}: {to_json(v, indent + 2)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, (list, tuple)):
        if all(not isinstance(v, (dict, list, tuple)) for v in obj):
            return json.dumps(list(obj), ensure_ascii=False)
        return "[\n" + ",\n".join(inner + to_json(v, indent + 2) for v in obj) + "\n" + pad + "]"
    return json.dumps(obj, ensure_ascii=False)


# ----------------------------------------------------------------------------------------------------------
# the four papers


def catalysis(out: Path) -> None:
    """One column. Table 1 fully ruled (caption above), Figure 1 line chart, Table 2 booktabs with its
    caption below in the `Table 2.` style, on the page of Figure 1."""
    topic = Topic(
        thing=["conversion", "selectivity", "turnover frequency", "metal dispersion", "induction period",
               "hydrogen uptake", "apparent activation energy"],
        measured=["determined", "quantified", "followed", "measured"],
        method=["gas chromatography", "in situ infrared spectroscopy", "hydrogen chemisorption",
                "temperature-programmed reduction"],
        cond=["323 K", "343 K", "1 bar hydrogen", "a stirring rate of 1000 rpm"],
        trend=["increases", "decreases slightly", "rises steeply", "levels off"],
        factor=["the metal loading", "the reaction temperature", "the hydrogen pressure", "the particle size"],
        mechanism=["dissociative hydrogen adsorption", "competitive adsorption of the nitro group",
                   "mass transfer to the outer particle surface", "partial poisoning of the active sites"],
        sample=["catalyst", "sample", "support"],
        prepared=["reduced", "impregnated", "calcined"])
    paper = Paper("catalyst_screening", "Low-Temperature Hydrogenation of Nitroarenes over Supported "
                  "Noble-Metal Catalysts", "Hydrogenation of nitroarenes over supported catalysts",
                  "Maria K. Jensen, Tomás Ruiz and Helen Oduya",
                  "Department of Chemical Engineering, Northfield Institute of Technology", topic, seed=11, n_refs=6)
    paper.title_block(
        "We compare five supported metal catalysts for the hydrogenation of nitrobenzene to aniline under "
        "mild conditions. Palladium and platinum on carbon reach full conversion within minutes at 323 K, "
        "whereas nickel needs higher temperatures and gold is nearly inactive. Rate constants obtained from "
        "the conversion curves give apparent activation energies between 28 and 61 kJ/mol, and the yield "
        "of aniline follows the metal dispersion measured by hydrogen chemisorption.",
        "hydrogenation, supported catalysts, nitrobenzene, kinetics")
    paper.heading("Introduction")
    paper.text(2, {1: {2: "The catalysts and the main results of the screening are summarized in Table 1, "
                          "which also lists the reaction enthalpy where it could be measured."}})
    paper.heading("Experimental")
    paper.text(2)
    paper.float_here(Table(
        Caption("Table 1", "Table 1", ":", "Hydrogenation of nitrobenzene over five supported catalysts "
                "(2 mol% metal, 1 bar H2, ethanol). Values are mean ± standard deviation of three runs."),
        header=[["Catalyst", "Loading (wt%)", "T (K)", "Time (s)", "Conversion (%)", "Yield (%)", "ΔH (kJ/mol)"]],
        body=[["Pd/C", "5.0", "323", "240", "99.2 ± 0.3", "97.8 ± 0.5", "-42.7"],
              ["Pt/C", "5.0", "323", "310", "98.6 ± 0.4", "95.1 ± 0.6", "-41.9"],
              ["Ru/Al2O3", "2.5", "343", "1250", "87.4 ± 1.1", "80.3 ± 1.4", "-39.5"],
              ["Ni/SiO2", "10.0", "373", "3600", "64.0 ± 2.2", "58.9 ± 2.5", "-36.2"],
              ["Au/TiO2", "1.0", "373", "7200", "6.3 ± 0.8", "5.1 ± 0.9", ""]],
        style="ruled", align="lcccccc"))
    paper.text(1, {0: {1: "Nickel and gold were tested at higher temperature because they showed no activity at "
                          "323 K within one hour."}})
    paper.heading("Results and Discussion")
    times = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]
    rng = np.random.default_rng(101)
    series = []
    for name, k, color, marker, dashes in (("Pd/C, 323 K", 0.055, (0.0, 0.25, 0.7), "o", None),
                                           ("Ni/SiO2, 373 K", 0.018, (0.8, 0.2, 0.1), "s", "[4 2] 0")):
        ys = [round(float(100 * (1 - math.exp(-k * t)) + (rng.normal(0, 0.8) if t else 0.0)), 1) for t in times]
        series.append(Series(name, [float(t) for t in times], [max(0.0, v) for v in ys], color, marker, dashes))
    paper.text(1, {0: {0: "Figure 1 shows the conversion of nitrobenzene as a function of time for the most "
                          "active noble-metal catalyst and for nickel."}})
    paper.float_here(Chartfloat(Chart(
        Caption("Figure 1", "Figure 1", ":", "Conversion of nitrobenzene versus reaction time over Pd/C at 323 K "
                "and Ni/SiO2 at 373 K. Lines connect the measured points."),
        "line", series, "Time (min)", "Conversion (%)", (0.0, 120.0), (0.0, 100.0),
        y_ticks=[0, 20, 40, 60, 80, 100], x_ticks=[0, 20, 40, 60, 80, 100, 120], legend_corner="lr",
        width=320, height=200)))
    paper.float_here(Table(
        Caption("Table 2", "Table 2", ".", "Apparent first-order rate constants k, activation energies Ea and "
                "coefficients of determination of the fits in Figure 1."),
        header=[["Catalyst", "k (1/min)", "Ea (kJ/mol)", "R²"]],
        body=[["Pd/C", "0.055 ± 0.002", "28.4 ± 1.2", "0.998"],
              ["Pt/C", "0.043 ± 0.002", "31.0 ± 1.5", "0.997"],
              ["Ru/Al2O3", "0.021 ± 0.001", "47.6 ± 2.3", "0.991"],
              ["Ni/SiO2", "0.018 ± 0.001", "61.2 ± 3.0", "0.989"]],
        style="booktabs", align="lccc", caption_below=True))
    paper.text(2, {0: {2: "The activation energies in Table 2 fall in the order expected from the binding "
                          "strength of hydrogen on the four metals."}})
    paper.heading("Conclusions")
    paper.text(1, sentences=(3, 4))
    paper.references([
        "A. Corma and P. Serna. Chemoselective hydrogenation of nitro compounds with supported gold "
        "catalysts. Science 313 (2006) 332-334.",
        "H.-U. Blaser, H. Steiner and M. Studer. Selective catalytic hydrogenation of functionalized "
        "nitroarenes: an update. ChemCatChem 1 (2009) 210-221.",
        "R. Brown and C. Lee. Metal dispersion and activity of carbon-supported catalysts. J. Catal. 45 "
        "(2015) 112-120.",
        "S. Patel, J. Wong and K. Adams. Mass transfer limits in slurry hydrogenation. Chem. Eng. Sci. 88 "
        "(2013) 77-85.",
        "L. Martin. Kinetic analysis of consecutive hydrogenation steps. Ind. Eng. Chem. Res. 51 (2012) 900-911.",
        "P. Novak and E. Silva. Poisoning of nickel catalysts by aromatic amines. Appl. Catal. A 402 (2011) 60-68.",
    ])
    paper.finish(out)


def thin_films(out: Path) -> None:
    """One column, `Fig.` captions. Fig. 1 line chart with negative values, Table 1 booktabs with a
    two-level header (\\cmidrule under the groups) and a footnote, Fig. 2 bar chart, Fig. 3 raster image."""
    topic = Topic(
        thing=["grain size", "optical gap", "sheet resistance", "carrier mobility", "surface roughness",
               "film stress", "oxygen content"],
        measured=["measured", "determined", "mapped", "characterized"],
        method=["X-ray diffraction", "spectroscopic ellipsometry", "four-point probe measurements",
                "atomic force microscopy", "Hall measurements"],
        cond=["room temperature", "450 °C", "a base pressure of 2 × 10-6 mbar", "an argon flow of 20 sccm"],
        trend=["increases", "decreases", "saturates", "drops sharply"],
        factor=["the annealing temperature", "the sputter power", "the substrate", "the film thickness"],
        mechanism=["grain boundary scattering", "oxygen vacancy formation", "strain relaxation",
                   "recrystallization of the amorphous phase"],
        sample=["film", "wafer", "substrate"],
        prepared=["deposited", "annealed", "cleaned"])
    paper = Paper("zno_thin_films", "Sputtered Zinc Oxide Thin Films: Grain Growth, Optical Gap and "
                  "Electrical Resistivity", "Sputtered zinc oxide thin films",
                  "Anna Lindqvist, Rafael Moreira and Chen Hao",
                  "Laboratory for Functional Coatings, Westbrook University", topic, seed=22, n_refs=5)
    paper.title_block(
        "Zinc oxide films of 200 nm thickness were deposited by radio-frequency sputtering on glass and "
        "sapphire and annealed in air up to 600 °C. Annealing lowers the sheet resistance by up to 38 % on "
        "sapphire while the optical gap shifts by less than 0.05 eV. Grain sizes obtained from X-ray "
        "diffraction and from micrographs agree and grow with the sputter power.",
        "zinc oxide, sputtering, annealing, transparent conductors")
    paper.heading("Introduction")
    paper.text(2)
    paper.heading("Methods")
    paper.text(1, {0: {1: "The change of the sheet resistance during annealing is plotted in Fig. 1 for "
                          "both substrates."}})
    temps = [25, 100, 200, 300, 400, 500, 600]
    glass = [0.0, 1.8, -3.5, -12.4, -21.7, -26.9, -24.3]
    sapphire = [0.0, 2.6, -6.1, -17.8, -29.5, -36.2, -38.0]
    paper.float_here(Chartfloat(Chart(
        Caption("Figure 1", "Fig. 1", ".", "Relative change of the sheet resistance during annealing in air for "
                "films on glass and on sapphire.", label_font="tibo"),
        "line", [Series("glass", [float(t) for t in temps], glass, (0.1, 0.1, 0.1), "o"),
                 Series("sapphire", [float(t) for t in temps], sapphire, (0.0, 0.45, 0.2), "^", "[3 2] 0")],
        "Annealing temperature (°C)", "Change of R (%)", (0.0, 600.0), (-40.0, 10.0),
        y_ticks=[-40, -30, -20, -10, 0, 10], x_ticks=[0, 100, 200, 300, 400, 500, 600], legend_corner="ll",
        width=300, height=190)))
    paper.text(1)
    paper.heading("Results")
    paper.text(1, {0: {0: "Table 1 collects the optical and electrical properties of five films after "
                          "annealing at 450 °C."}})
    paper.float_here(Table(
        Caption("Table 1", "Table 1", ":", "Optical and electrical properties of the films after annealing at "
                "450 °C."),
        header=[["", "Optical", None, "Electrical", None],
                ["Film", "Gap (eV)", "Transmittance (%)", "ρ (mΩ cm)", "μ (cm²/V s)"]],
        body=[["ZnO-G1", "3.27 ± 0.01", "84.2", "4.61", "11.8"],
              ["ZnO-G2", "3.28 ± 0.01", "85.0", "3.95", "13.1"],
              ["ZnO-S1", "3.29 ± 0.02", "87.9", "2.80", "17.4"],
              ["ZnO-S2", "3.30 ± 0.01", "88.3", "2.41", "18.9"],
              ["ZnO-A", "3.22 ± 0.03", "79.6", "152.0", ""]],
        spans=[(0, 1, 1, 2), (0, 3, 1, 2)],
        style="booktabs", align="lcccc",
        footnote="ρ and μ measured at 300 K; the film ZnO-A was too resistive for a Hall measurement.",
        extra_style=["cmidrule"]))
    powers = ["50 W", "75 W", "100 W", "125 W", "150 W"]
    paper.text(1, {0: {2: "As Figure 2 shows, annealing roughly doubles the grain size at every sputter power."}})
    paper.float_here(Chartfloat(Chart(
        Caption("Figure 2", "Fig. 2", ".", "Mean grain size from the (002) reflection for films deposited at five "
                "sputter powers, before and after annealing at 450 °C."),
        "bar", [Series("as deposited", [0, 1, 2, 3, 4], [14.2, 17.5, 21.3, 24.8, 26.1], (0.75, 0.75, 0.75)),
                Series("annealed", [0, 1, 2, 3, 4], [27.9, 33.4, 40.2, 44.6, 47.5], (0.25, 0.35, 0.6))],
        "Sputter power", "Grain size (nm)", (-0.5, 4.5), (0.0, 60.0), y_ticks=[0, 10, 20, 30, 40, 50, 60],
        categories=powers, legend_corner="ul", width=300, height=180, box_axes=False)))
    paper.text(1)
    paper.float_here(ImageFigure(
        Caption("Figure 3", "Fig. 3", ".", "Secondary-electron micrograph of film ZnO-S2 after annealing; the "
                "bright grains are 30 to 60 nm across."), micrograph(seed=33), width=270, scale_bar="200 nm"))
    paper.text(1, {0: {1: "The micrograph in Fig. 3 confirms the columnar growth inferred from diffraction."}})
    paper.heading("Conclusions")
    paper.text(1, sentences=(3, 4))
    paper.references([
        "K. Ellmer. Resistivity of polycrystalline zinc oxide films: current status and physical limit. "
        "J. Phys. D 34 (2001) 3097-3108.",
        "U. Ozgur et al. A comprehensive review of ZnO materials and devices. J. Appl. Phys. 98 (2005) 041301.",
        "T. Minami. Transparent conducting oxide semiconductors for transparent electrodes. Semicond. Sci. "
        "Technol. 20 (2005) S35-S44.",
        "J. Park and M. Kim. Grain growth in annealed oxide films. Thin Solid Films 520 (2012) 1-6.",
        "D. Rossi. Hall mobility in doped zinc oxide. Phys. Status Solidi A 209 (2012) 45-52.",
    ])
    paper.finish(out)


def gas_sensors(out: Path) -> None:
    """Two-column pages: Table 1 without rules inside the left column (Unicode minus signs), Figure 1
    line chart inside a column, Table 2 fully ruled in a column with its caption below."""
    topic = Topic(
        thing=["sensor response", "baseline resistance", "response time", "recovery time", "cross-sensitivity",
               "long-term drift"],
        measured=["recorded", "measured", "logged", "evaluated"],
        method=["a flow-through test chamber", "a reference analyser", "impedance spectroscopy",
                "a mass-flow controlled gas mixer"],
        cond=["50 % relative humidity", "an operating temperature of 300 °C", "a flow of 500 ml/min",
              "room temperature"],
        trend=["increases", "decreases", "changes sign", "grows linearly"],
        factor=["the humidity", "the heater power", "the gas concentration", "the sensor age"],
        mechanism=["oxygen ionosorption", "surface hydroxyl formation", "grain boundary barrier modulation",
                   "catalytic oxidation at the surface"],
        sample=["sensor", "element", "array"],
        prepared=["aged", "calibrated", "conditioned"])
    paper = Paper("gas_sensor_array", "A Low-Cost Array of Metal-Oxide Gas Sensors for Indoor Air Monitoring",
                  "Metal-oxide gas sensor array", "Jonas Becker and Priya Raman",
                  "Institute for Environmental Sensing, Lakeside University", topic, seed=33, n_refs=5)
    paper.title_block(
        "Four commercial metal-oxide sensing elements were combined into an array and characterized for "
        "nitrogen dioxide, carbon monoxide and ammonia at indoor concentrations. The oxidizing gas raises the "
        "resistance of the n-type elements while the reducing gases lower it, so the sign pattern of the "
        "responses separates the gases. A linear drift correction keeps the error below 5 % over 30 days.",
        "gas sensors, metal oxides, sensor array, indoor air")
    paper.set_columns(2)
    paper.heading("Introduction")
    paper.text(2, sentences=(4, 6))
    paper.heading("Sensor Array")
    paper.text(1, {0: {1: "The responses of the four elements to the three test gases are given in Table 1; "
                          "negative values mark a drop of the resistance."}}, sentences=(3, 4))
    paper.float_here(Table(
        Caption("Table 1", "Table 1", ":", "Response of the elements to 50 ppm of each gas at 300 °C."),
        header=[["Sensor", "NO2 (%)", "CO (%)", "NH3 (%)"]],
        body=[["S1", "182.4", f"{MINUS}23.5", f"{MINUS}31.2"],
              ["S2", "96.7", f"{MINUS}41.8", f"{MINUS}12.6"],
              ["S3", "240.1", f"{MINUS}8.9", f"{MINUS}47.3"],
              ["S4", "15.3", f"{MINUS}55.0", f"{MINUS}19.4"]],
        style="norules", align="lrrr", header_font="tibo", size=8.5, extra_style=["in_column"]))
    paper.text(2, sentences=(4, 6))
    paper.heading("Results")
    t = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]
    s1 = [0.0] + [round(170 * (1 - math.exp(-(x - 0) / 6.0)) if x <= 40 else 170 * (1 - math.exp(-40 / 6.0))
                        * math.exp(-(x - 40) / 8.0), 1) for x in t[1:]]
    s3 = [0.0] + [round(225 * (1 - math.exp(-(x - 0) / 11.0)) if x <= 40 else 225 * (1 - math.exp(-40 / 11.0))
                        * math.exp(-(x - 40) / 12.0), 1) for x in t[1:]]
    paper.text(1, {0: {0: "During a 40 min exposure to 20 ppm NO2 both elements reach a stable response, as "
                          "Figure 1 shows, and recover within 20 min once clean air returns."}}, sentences=(3, 4))
    paper.float_here(Chartfloat(Chart(
        Caption("Figure 1", "Figure 1", ":", "Response of elements S1 and S3 to 20 ppm NO2 switched on at 0 min "
                "and off at 40 min.", label_font="tibo"),
        "line", [Series("S1", [float(x) for x in t], s1, (0.0, 0.3, 0.75), "o"),
                 Series("S3", [float(x) for x in t], s3, (0.75, 0.3, 0.0), "s", "[3 2] 0")],
        "Time (min)", "Response (%)", (0.0, 60.0), (0.0, 250.0), y_ticks=[0, 50, 100, 150, 200, 250],
        x_ticks=[0, 20, 40, 60], legend_corner="ur", width=220, height=160)))
    paper.text(2, sentences=(4, 6))
    paper.heading("Drift Correction")
    paper.text(1, {0: {2: "Table 2 lists the drift rates before and after the correction."}}, sentences=(3, 5))
    paper.float_here(Table(
        Caption("Table 2", "Table 2", ":", "Baseline drift over 30 days."),
        header=[["Sensor", "Raw (%/day)", "Corrected (%/day)"]],
        body=[["S1", "0.42", "0.05"], ["S2", f"{MINUS}0.31", "0.03"], ["S3", "0.57", f"{MINUS}0.08"],
              ["S4", f"{MINUS}0.12", "0.02"]],
        style="ruled", align="lcc", caption_below=True, size=8.5, extra_style=["in_column"]))
    paper.text(1, sentences=(4, 5))
    paper.heading("Conclusions")
    paper.text(1, sentences=(3, 4))
    paper.references([
        "N. Barsan and U. Weimar. Conduction model of metal oxide gas sensors. J. Electroceram. 7 (2001) 143-167.",
        "G. Korotcenkov. Metal oxides for solid-state gas sensors. Mater. Sci. Eng. B 139 (2007) 1-23.",
        "A. Vergara et al. Chemical gas sensor drift compensation using classifier ensembles. Sens. "
        "Actuators B 166 (2012) 320-329.",
        "M. Ortiz and F. Lang. Humidity effects on SnO2 sensors. Sensors 18 (2018) 2210.",
        "C. Wu. Low-cost indoor air monitors: a field comparison. Indoor Air 30 (2020) 500-512.",
    ])
    paper.finish(out)


def protein_stability(out: Path) -> None:
    """One column. Table 1 booktabs with two column groups (`Table 1.` caption above), Table 2 fully ruled
    with row-spanning cells, Figure 1 bar chart and Table 3 without rules, caption below."""
    topic = Topic(
        thing=["melting temperature", "unfolding enthalpy", "aggregation onset", "secondary structure content",
               "hydrodynamic radius", "refolding yield"],
        measured=["measured", "determined", "monitored", "quantified"],
        method=["differential scanning calorimetry", "circular dichroism", "dynamic light scattering",
                "intrinsic tryptophan fluorescence"],
        cond=["a scan rate of 1 K/min", "pH 7.4", "25 °C", "a protein concentration of 1 mg/ml"],
        trend=["increases", "decreases", "is shifted upwards", "changes little"],
        factor=["the crowder concentration", "the pH", "the ionic strength", "the mutation site"],
        mechanism=["excluded-volume stabilization", "preferential hydration", "soft attractive interactions",
                   "electrostatic screening"],
        sample=["variant", "solution", "buffer"],
        prepared=["dialysed", "filtered", "degassed"])
    paper = Paper("protein_stability", "Thermal Stability of Lysozyme Variants in Crowded Buffer Solutions",
                  "Stability of lysozyme variants under crowding", "Sofia Marin, Daniel Okafor and Lena Vogt",
                  "Biophysics Group, Eastfield University", topic, seed=44, n_refs=5)
    paper.title_block(
        "We measured the thermal stability of wild-type hen egg-white lysozyme and four point mutants at two "
        "pH values and in three crowded buffers. The mutations shift the melting temperature by up to 6 K in "
        "either direction, and 200 g/L of dextran raises it by 2 to 3 K for every variant. A two-state model "
        "describes all calorimetric traces.", "protein stability, macromolecular crowding, calorimetry")
    paper.heading("Introduction")
    paper.text(2)
    paper.heading("Materials and Methods")
    paper.text(1, {0: {1: "The buffers and crowding agents are described in Table 2."}})
    paper.float_here(Table(
        Caption("Table 1", "Table 1", ".", "Melting temperatures of the variants and their shifts relative to "
                "the wild type at two pH values.", label_font="tibo"),
        header=[["", "pH 5.0", None, "pH 7.4", None],
                ["Variant", "Tm (°C)", "ΔTm (°C)", "Tm (°C)", "ΔTm (°C)"]],
        body=[["WT", "74.6 ± 0.2", "0.0", "72.1 ± 0.2", "0.0"],
              ["D52A", "70.3 ± 0.3", f"{MINUS}4.3", "67.9 ± 0.4", f"{MINUS}4.2"],
              ["W62Y", "75.9 ± 0.2", "1.3", "73.0 ± 0.3", "0.9"],
              ["I55V", "68.8 ± 0.5", f"{MINUS}5.8", "66.2 ± 0.5", f"{MINUS}5.9"],
              ["S91T", "76.1 ± 0.3", "1.5", "", ""]],
        spans=[(0, 1, 1, 2), (0, 3, 1, 2)], style="booktabs", align="lcccc",
        footnote="S91T aggregated at pH 7.4 before unfolding; no melting temperature could be fitted.",
        extra_style=["cmidrule"]))
    paper.text(1, {0: {0: "Table 1 shows that the destabilizing mutations act in the same way at both pH values."}})
    paper.float_here(Table(
        Caption("Table 2", "Table 2", ":", "Buffers and crowding agents used for the calorimetry."),
        header=[["Buffer", "Crowder", "Conc. (g/L)", "Viscosity (mPa s)"]],
        body=[["Phosphate, pH 7.4", "none", "0", "0.89"],
              [None, "Dextran 70", "200", "11.6"],
              ["Acetate, pH 5.0", "none", "0", "0.90"],
              [None, "Ficoll 70", "200", "8.4"],
              ["Phosphate + NaCl", "PEG 8000", "100", "5.2"]],
        spans=[(1, 0, 2, 1), (3, 0, 2, 1)], style="ruled", align="llcc"))
    paper.text(1, sentences=(3, 5))
    paper.heading("Results")
    variants = ["WT", "D52A", "W62Y", "I55V", "S91T"]
    paper.text(1, {0: {1: "The stabilizing effect of the crowders (Figure 1) is largest for the least stable "
                          "variant, I55V."}})
    idx = [0, 1, 2, 3, 4]  # bar charts: x is the 0-based category index
    paper.float_here(Chartfloat(Chart(
        Caption("Figure 1", "Figure 1", ":", "Melting temperature of the five variants at pH 7.4 without crowder "
                "and with 200 g/L dextran or Ficoll.", label_font="tibo"),
        "bar", [Series("buffer only", idx, [72.1, 67.9, 73.0, 66.2, 71.4], (0.85, 0.85, 0.85)),
                Series("dextran", idx, [74.8, 71.0, 75.4, 69.8, 73.9], (0.45, 0.55, 0.75)),
                Series("Ficoll", idx, [74.0, 70.2, 74.9, 68.9, 73.1], (0.2, 0.3, 0.45))],
        "Variant", "Tm (°C)", (-0.5, 4.5), (60.0, 80.0), y_ticks=[60, 65, 70, 75, 80], y_digits=0,
        categories=variants, legend_corner="ur", width=330, height=190, box_axes=True)))
    paper.float_here(Table(
        Caption("Table 3", "Table 3", ":", "Two-state fit parameters at pH 7.4 in buffer without crowder."),
        header=[["Variant", "ΔH (kJ/mol)", "ΔCp (kJ/mol K)", "χ²"]],
        body=[["WT", "512", "6.4", "1.02"], ["D52A", "468", "6.1", "1.10"], ["W62Y", "530", "6.6", "0.97"],
              ["I55V", "441", "5.9", "1.21"], ["S91T", "498", "", "1.35"]],
        style="norules", align="lccc", caption_below=True, header_font="tiit"))
    paper.text(2, {1: {0: "The enthalpies in Table 3 follow the same order as the melting temperatures."}})
    paper.heading("Conclusions")
    paper.text(1, sentences=(3, 4))
    paper.references([
        "H.-X. Zhou, G. Rivas and A. P. Minton. Macromolecular crowding and confinement. Annu. Rev. Biophys. 37 "
        "(2008) 375-397.",
        "M. Sarkar, C. Li and G. J. Pielak. Soft interactions and crowding. Biophys. Rev. 5 (2013) 187-194.",
        "B. W. Matthews. Structural and genetic analysis of protein stability. Annu. Rev. Biochem. 62 (1993) "
        "139-160.",
        "J. Kim and R. Osei. Calorimetry of lysozyme mutants. Protein Sci. 24 (2015) 880-889.",
        "E. Novak. Viscosity of polymer crowder solutions. Biopolymers 101 (2014) 1101-1109.",
    ])
    paper.finish(out)


PAPERS = (catalysis, thin_films, gas_sensors, protein_stability)


def build_all(out: Path) -> list[Path]:
    for build in PAPERS:
        build(out)
    return sorted(out.glob("*.pdf"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT_DEFAULT, help="output folder (default: examples/pdfs)")
    args = parser.parse_args(argv)
    for pdf in build_all(args.out):
        print(f"{pdf}  {pdf.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
