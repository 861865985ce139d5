"""Drawing with PyMuPDF: a Canvas that maps its own coordinates onto a page, text with raised and lowered
runs, and a table laid out from its content (column widths, row heights, rules, fills) and drawn.

A Canvas draws in its own top-left coordinates and maps every point through `matrix` onto the page: the
identity for ordinary content, a quarter turn for a table printed sideways on an upright page, and the
page's derotation matrix for a /Rotate 90 page (drawn while the page is still upright, turned after).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import pymupdf
from rt_content import Cell, TableContent

FONTS = {"helv": ("helv", "hebo", "heit"), "times": ("tiro", "tibo", "tiit"),
         "courier": ("cour", "cobo", "coit")}  # regular, bold, italic
_FONT_CACHE: dict[str, pymupdf.Font] = {}
SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ᵃᵇᶜˣᵏᵗ", "0123456789−+abcxkt"))
SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉ᵢₐ", "0123456789ia"))


def font(name: str) -> pymupdf.Font:
    if name not in _FONT_CACHE:
        _FONT_CACHE[name] = pymupdf.Font(name)
    return _FONT_CACHE[name]


def runs(text: str) -> list[tuple[str, int]]:
    """Split text into (chars, shift): 0 normal, 1 superscript, -1 subscript (printed small)."""
    out: list[tuple[str, int]] = []
    for ch in text:
        shift, ch = (1, SUP[ch]) if ch in SUP else (-1, SUB[ch]) if ch in SUB else (0, ch)
        if out and out[-1][1] == shift:
            out[-1] = (out[-1][0] + ch, shift)
        else:
            out.append((ch, shift))
    return out


_ADVANCE: dict[tuple[str, str], float] = {}


def advance(s: str, fnt: str, size: float) -> float:
    """Width of s in points (Font.text_length, with each glyph's advance cached: it is slow)."""
    total = 0.0
    for ch in s:
        key = (fnt, ch)
        if key not in _ADVANCE:
            _ADVANCE[key] = font(fnt).text_length(ch, fontsize=1.0)
        total += _ADVANCE[key]
    return total * size


def text_width(text: str, fnt: str, size: float) -> float:
    return sum(advance(s, fnt, size * (0.7 if k else 1.0)) for s, k in runs(text))


def wrap(text: str, fnt: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, fnt, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


class Canvas:
    """Collects fills and rules in one Shape and text in one TextWriter; `flush` puts fills, then rules,
    then text on the page."""

    def __init__(self, doc: pymupdf.Document, pno: int, matrix: pymupdf.Matrix | None = None):
        self.doc, self.pno = doc, pno  # pages are looked up at flush: inserting a page orphans Page objects
        self.matrix = matrix or pymupdf.Matrix(1, 0, 0, 1, 0, 0)
        mb = doc[pno].mediabox
        self.writer = pymupdf.TextWriter(pymupdf.Rect(0, 0, mb.width, mb.height))
        self.fills: list[tuple[pymupdf.Rect, tuple]] = []
        self.lines: list[tuple[pymupdf.Point, pymupdf.Point, float]] = []
        self.images: list[tuple[pymupdf.Rect, bytes]] = []

    def map_rect(self, r) -> pymupdf.Rect:
        return pymupdf.Rect(r) * self.matrix

    def text(self, x: float, y: float, text: str, fnt: str, size: float) -> float:
        """Print text with its baseline at (x, y); returns the advance."""
        for s, k in runs(text):
            sz = size * (0.7 if k else 1.0)
            dy = -0.38 * size if k == 1 else 0.15 * size if k == -1 else 0.0
            self.writer.append((x, y + dy), s, font=font(fnt), fontsize=sz)
            x += advance(s, fnt, sz)
        return x

    def fill(self, rect, color: tuple) -> None:
        self.fills.append((pymupdf.Rect(rect), color))

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float) -> None:
        self.lines.append((pymupdf.Point(x0, y0), pymupdf.Point(x1, y1), width))

    def image(self, rect, png: bytes) -> None:
        self.images.append((pymupdf.Rect(rect), png))

    def flush(self) -> None:
        page, m = self.doc[self.pno], self.matrix
        shape = page.new_shape()
        for rect, color in self.fills:
            shape.draw_rect(rect * m)
            shape.finish(color=None, fill=color, width=0)
        for p0, p1, w in self.lines:
            shape.draw_line(p0 * m, p1 * m)
            shape.finish(color=(0, 0, 0), width=w, lineCap=0)
        shape.commit()
        for rect, png in self.images:
            page.insert_image(rect * m, stream=png)
        if self.writer.text_rect.is_empty and not self.writer.text_rect.width:
            return
        h = page.mediabox.height
        flip = pymupdf.Matrix(1, 0, 0, -1, 0, h)
        identity = m == pymupdf.Matrix(1, 0, 0, 1, 0, 0)
        self.writer.write_text(page, matrix=None if identity else flip * m * flip)


# ----------------------------------------------------------------------------------------- tables
@dataclass
class TableStyle:
    font: str = "times"
    size: float = 9.0
    rules: str = "booktabs"  # booktabs, grid, hlines, none
    cmidrules: bool = True
    header_shade: tuple | None = None
    zebra: tuple | None = None
    filled: tuple | None = None  # (header colour, body colour, gap) for spreadsheet-like cell fills
    num_align: str = "right"  # right, center, left, decimal
    head_align: str = "center"
    pad_x: float = 0.5  # em
    pad_y: float = 0.25  # em
    lead: float = 1.2  # line height / size
    valign: str = "middle"  # middle or top for rows with wrapped cells
    header_bold: bool = False
    rule_width: float = 0.5
    header_wrap: bool = False
    wrap_align: str = "left"  # wrapped text cells: left, or center (`wrap_cells` tables)
    tags: set[str] = field(default_factory=set)

    @staticmethod
    def draw(rng: random.Random, styles: frozenset[str] = frozenset()) -> TableStyle:
        s = TableStyle()
        s.font = rng.choice(list(FONTS))
        s.size = rng.choice([7, 7.5, 8, 8.5, 9, 9, 9.5, 10, 10, 10.5, 11])
        s.rules = rng.choice(["booktabs", "booktabs", "grid", "hlines", "none"])
        s.cmidrules = rng.random() < 0.8
        if rng.random() < 0.25:
            s.header_shade = rng.choice([(0.85, 0.85, 0.85), (0.8, 0.87, 0.95), (0.9, 0.93, 0.85)])
        if rng.random() < 0.2:
            s.zebra = rng.choice([(0.93, 0.93, 0.93), (0.92, 0.95, 1.0)])
        if rng.random() < 0.15:
            s.filled = (rng.choice([(0.75, 0.8, 0.9), (0.8, 0.8, 0.8), (0.85, 0.9, 0.8)]),
                        rng.choice([(0.92, 0.94, 0.97), (0.93, 0.93, 0.93), (0.95, 0.97, 0.93)]),
                        rng.choice([0.8, 1.0, 1.5, 2.0]))
            s.rules, s.header_shade, s.zebra = "none", None, None
        s.num_align = rng.choice(["right", "right", "center", "center", "decimal", "left"])
        s.head_align = rng.choice(["center", "center", "column"])
        s.pad_x = rng.uniform(0.3, 0.9)
        s.pad_y = rng.uniform(0.1, 0.5)
        s.lead = rng.uniform(1.1, 1.35)
        s.valign = rng.choice(["middle", "top"])
        s.header_bold = rng.random() < 0.3
        s.rule_width = rng.choice([0.4, 0.5, 0.6, 0.8])
        s.header_wrap = rng.random() < 0.4
        if "currency_apart" in styles:  # amounts flush right, their `$` flush left, columns set well apart
            s.num_align, s.pad_x = "right", max(s.pad_x, 0.7)
        if "wrap_cells" in styles:  # rows set apart, every cell centred on its row (MNRAS, Word tables)
            s.rules = rng.choice(["booktabs", "booktabs", "none"])
            s.filled, s.valign, s.pad_y = None, "middle", rng.uniform(0.3, 0.6)
            s.wrap_align = rng.choice(["left", "center"])
        return s

    def style_tags(self) -> set[str]:
        t = {"booktabs": "booktabs", "grid": "ruled", "hlines": "hlines", "none": "norules"}[self.rules]
        tags = {t if not self.filled else "filled_cells", f"font_{self.font}", f"size_{int(self.size)}",
                f"num_{self.num_align}"}
        if self.header_shade:
            tags.add("shaded_header")
        if self.zebra:
            tags.add("zebra")
        if self.filled:
            tags.add("filled_cells")
        if self.header_bold:
            tags.add("bold_header")
        return tags | self.tags


@dataclass
class TableGeometry:
    content: TableContent
    style: TableStyle
    col_w: list[float]
    row_h: list[float]
    lines: dict[tuple[int, int], list[str]]  # (row, col) -> wrapped lines
    dec: dict[int, tuple[float, float]]  # decimal-aligned column -> (left part width, right part width)
    rows: list[int]  # which content rows this piece shows (continued parts repeat the header)

    @property
    def width(self) -> float:
        return sum(self.col_w)

    @property
    def height(self) -> float:
        return sum(self.row_h)

    def cell_box(self, r: int, c: int, x0: float, y0: float) -> pymupdf.Rect:
        cell = self.content.rows[self.rows[r]][c]
        rs = _piece_span(self, r, cell)
        return pymupdf.Rect(x0 + sum(self.col_w[:c]), y0 + sum(self.row_h[:r]),
                            x0 + sum(self.col_w[:c + cell.cs]), y0 + sum(self.row_h[:r + rs]))


def _piece_span(g: TableGeometry, r: int, cell: Cell) -> int:
    """A row span cut to this piece's rows (the content's rows are consecutive within the body)."""
    rs = 1
    while rs < cell.rs and r + rs < len(g.rows) and g.rows[r + rs] == g.rows[r] + rs:
        rs += 1
    return rs


def _split_num(text: str) -> tuple[str, str]:
    for i, ch in enumerate(text):
        if ch == "." or ch == " " or ch == "e" or ch == "%":
            return text[:i], text[i:]
    return text, ""


def measure(content: TableContent, style: TableStyle, rows: list[int] | None = None,
            col_w: list[float] | None = None, min_width: float = 0.0) -> TableGeometry:
    """Column widths and row heights for `rows` (default all). Pass `col_w` to keep a first part's columns."""
    s, f = style.size, style.font
    bold = FONTS[f][1]
    rows = list(range(len(content.rows))) if rows is None else rows
    nc, pad, lead = content.n_cols, style.pad_x * s, style.lead * s
    lines: dict[tuple[int, int], list[str]] = {}
    natural: dict[tuple[int, int], float] = {}
    wrap_w: dict[int, float] = {}
    for c, kind in enumerate(content.col_kinds):
        if kind == "wrap":
            texts = [row[c].text for row in content.rows[content.header_rows:] if row[c] is not None]
            longest = max((text_width(w, FONTS[f][0], s) for t in texts for w in t.split()), default=10)
            wrap_w[c] = max(longest, 0.55 * max((text_width(t, FONTS[f][0], s) for t in texts), default=10))
    dec: dict[int, tuple[float, float]] = {}
    for i, r in enumerate(rows):
        for c, cell in enumerate(content.rows[r]):
            if cell is None:
                continue
            fnt = bold if cell.bold or (r < content.header_rows and style.header_bold) else FONTS[f][0]
            if c in wrap_w and r >= content.header_rows and cell.cs == 1:
                lines[(i, c)] = wrap(cell.text, fnt, s, wrap_w[c])
            else:
                lines[(i, c)] = [cell.text]
            natural[(i, c)] = max(text_width(t, fnt, s) for t in lines[(i, c)])
            if style.num_align == "decimal" and r >= content.header_rows and cell.cs == 1 and \
                    content.col_kinds[c] not in ("stub", "text", "wrap"):
                left, right = _split_num(cell.text)
                lw, rw = text_width(left, fnt, s), text_width(right, fnt, s)
                old = dec.get(c, (0.0, 0.0))
                dec[c] = (max(old[0], lw), max(old[1], rw))
    fixed = col_w is not None
    if col_w is None:
        col_w = [0.0] * nc
        for (i, c), w in natural.items():
            if content.rows[rows[i]][c].cs == 1 and rows[i] >= content.header_rows:
                col_w[c] = max(col_w[c], w + 2 * pad)
        for c, (lw, rw) in dec.items():
            col_w[c] = max(col_w[c], lw + rw + 2 * pad)
    col_w = list(col_w)
    # header cells: wrap a long header over its column's values, else widen the column
    head_font = bold if style.header_bold else FONTS[f][0]
    for (i, c), w in sorted(natural.items(), key=lambda kv: content.rows[rows[kv[0][0]]][kv[0][1]].cs):
        cell = content.rows[rows[i]][c]
        if rows[i] >= content.header_rows:
            continue
        have = sum(col_w[c:c + cell.cs])
        if cell.cs == 1 and style.header_wrap and w + 2 * pad > (1.0 if fixed else 1.3) * have + 0.01 \
                and " " in cell.text:
            longest = max(text_width(word, head_font, s) for word in cell.text.split())
            lines[(i, c)] = wrap(cell.text, head_font, s, max(have - 2 * pad, longest))
            w = max(text_width(t, head_font, s) for t in lines[(i, c)])
        if w + 2 * pad > have and not fixed:
            extra = (w + 2 * pad - have) / cell.cs
            for k in range(c, c + cell.cs):
                col_w[k] += extra
    if not fixed:
        # body cells spanning columns (section rows)
        for (i, c), w in natural.items():
            cell = content.rows[rows[i]][c]
            if cell.cs > 1 and rows[i] >= content.header_rows and w + 2 * pad > sum(col_w[c:c + cell.cs]):
                col_w[c + cell.cs - 1] += w + 2 * pad - sum(col_w[c:c + cell.cs])
        if sum(col_w) < min_width:
            extra = (min_width - sum(col_w)) / nc
            col_w = [w + extra for w in col_w]
    row_h = [0.0] * len(rows)
    for (i, c), ls in lines.items():
        if content.rows[rows[i]][c].rs == 1:
            row_h[i] = max(row_h[i], len(ls) * lead + 2 * style.pad_y * s)
    row_h = [h or lead + 2 * style.pad_y * s for h in row_h]
    g = TableGeometry(content, style, col_w, row_h, lines, dec, rows)
    for (i, c), ls in lines.items():
        cell = content.rows[rows[i]][c]
        rs = _piece_span(g, i, cell)
        need = len(ls) * lead + 2 * style.pad_y * s
        have = sum(row_h[i:i + rs])
        if rs > 1 and need > have:
            for k in range(i, i + rs):
                row_h[k] += (need - have) / rs
    return g


def draw_table(g: TableGeometry, cv: Canvas, x0: float, y0: float) -> dict[tuple[int, int], pymupdf.Rect]:
    """Draw at (x0, y0) (top-left of the tabular); returns each cell's box in canvas coordinates."""
    st, content = g.style, g.content
    s, pad, lead = st.size, st.pad_x * st.size, st.lead * st.size
    nh = sum(1 for r in g.rows if r < content.header_rows)
    x1, y1 = x0 + g.width, y0 + g.height
    ys = [y0 + sum(g.row_h[:i]) for i in range(len(g.rows) + 1)]
    xs = [x0 + sum(g.col_w[:c]) for c in range(content.n_cols + 1)]
    boxes = {(i, c): g.cell_box(i, c, x0, y0) for i, r in enumerate(g.rows)
             for c, cell in enumerate(content.rows[r]) if cell is not None}
    # ---- fills
    if st.filled:
        head_col, body_col, gap = st.filled
        for (i, c), b in boxes.items():
            cv.fill(pymupdf.Rect(b.x0 + gap / 2, b.y0 + gap / 2, b.x1 - gap / 2, b.y1 - gap / 2),
                    head_col if i < nh else body_col)
    if st.header_shade and nh:
        cv.fill(pymupdf.Rect(x0, y0, x1, ys[nh]), st.header_shade)
    if st.zebra:
        for i in range(nh, len(g.rows)):
            if (i - nh) % 2 == 1:
                cv.fill(pymupdf.Rect(x0, ys[i], x1, ys[i + 1]), st.zebra)
    # ---- rules
    w = st.rule_width
    if st.rules == "booktabs":
        cv.line(x0, y0, x1, y0, w * 1.6)
        cv.line(x0, y1, x1, y1, w * 1.6)
        if nh:
            cv.line(x0, ys[nh], x1, ys[nh], w)
        if st.cmidrules:
            for (i, c), b in boxes.items():
                cell = content.rows[g.rows[i]][c]
                if i < nh and cell.cs > 1 and b.y1 < ys[nh] - 0.1:
                    cv.line(b.x0 + 0.3 * s, b.y1, b.x1 - 0.3 * s, b.y1, w * 0.8)
                    st.tags.add("cmidrule")
    elif st.rules in ("grid", "hlines"):
        # horizontal segments at every row boundary, interrupted by cells spanning across it
        for i in range(len(g.rows) + 1):
            for c in range(content.n_cols):
                if 0 < i < len(g.rows) and _crosses(boxes, i, c, ys[i], xs):
                    continue
                cv.line(xs[c], ys[i], xs[c + 1], ys[i], w * (1.5 if i in (0, len(g.rows)) else 1.0))
        if st.rules == "grid":
            for c in range(content.n_cols + 1):
                for i in range(len(g.rows)):
                    if 0 < c < content.n_cols and _crosses_v(boxes, i, c, xs[c], ys):
                        continue
                    cv.line(xs[c], ys[i], xs[c], ys[i + 1], w)
    # ---- text
    for (i, c), b in boxes.items():
        cell = content.rows[g.rows[i]][c]
        if not cell.text:
            continue
        header = g.rows[i] < content.header_rows
        fnt = FONTS[st.font][1] if cell.bold or (header and st.header_bold) else FONTS[st.font][0]
        ls = g.lines[(i, c)]
        block = len(ls) * lead
        top = b.y0 + (b.height - block) / 2 if (st.valign == "middle" or cell.rs > 1 or header) else \
            b.y0 + st.pad_y * s
        for k, text in enumerate(ls):
            base = top + k * lead + 0.5 * lead + 0.33 * s
            tw = text_width(text, fnt, s)
            kind = content.col_kinds[c]
            if header:
                align = "center" if st.head_align == "center" or cell.cs > 1 else _col_align(st, kind)
                align = "center" if align == "decimal" else align
            elif kind == "wrap" and cell.kind != "section":
                align = st.wrap_align
            elif cell.kind in ("section", "stub", "wrap", "text") or kind == "stub":
                align = "left"
            else:
                align = _col_align(st, kind)
            if align == "decimal" and c in g.dec:
                lw, rw = g.dec[c]
                inner = b.x0 + (b.width - lw - rw) / 2
                x = inner + lw - text_width(_split_num(text)[0], fnt, s)
            elif align == "right":
                x = b.x1 - pad - tw
            elif align == "center":
                x = b.x0 + (b.width - tw) / 2
            else:
                x = b.x0 + pad
            if not header and align == "right" and text.startswith("$ "):  # a currency sign set apart
                cv.text(b.x0 + pad, base, "$", fnt, s)
                text = text[2:]
                x = b.x1 - pad - text_width(text, fnt, s)
            cv.text(x, base, text, fnt, s)
    return boxes


def _col_align(st: TableStyle, kind: str) -> str:
    if kind in ("stub", "wrap", "text"):
        return "left"
    return st.num_align


def _crosses(boxes, i: int, c: int, y: float, xs: list[float]) -> bool:
    """Is the boundary above row i in column c inside a cell spanning rows?"""
    xm = (xs[c] + xs[c + 1]) / 2
    return any(b.x0 < xm < b.x1 and b.y0 < y - 0.01 and b.y1 > y + 0.01 for b in boxes.values())


def _crosses_v(boxes, i: int, c: int, x: float, ys: list[float]) -> bool:
    """Is the boundary left of column c in row i inside a cell spanning columns?"""
    ym = (ys[i] + ys[i + 1]) / 2
    return any(b.y0 < ym < b.y1 and b.x0 < x - 0.01 and b.x1 > x + 0.01 for b in boxes.values())
