"""Laying out and drawing a report table with random_tables' Canvas and fonts: a boxed (or ruled, or
shaded) column header whose labels sit at the bottom of their cells, a stub whose labels are indented by
level, wrap onto indented continuation lines and end in dot leaders, right-aligned values on the first or
the last line of their row, panel rows, and no rules in the body unless `body_vrules`."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import pymupdf
from rp_content import SUPS, HCell, ReportContent
from rt_draw import FONTS, Canvas, text_width, wrap


@dataclass
class ReportStyle:
    font: str = "helv"
    size: float = 7.0
    lead: float = 1.15
    header: str = "boxed"  # boxed, ruled, shaded
    body_vrules: bool = False
    leaders: str = "spaced"  # none, spaced, tight
    indent: float = 1.0  # em per level
    hang: float = 1.0  # em more for a wrapped label's continuation lines
    values_at: str = "bottom"  # bottom: a wrapped label's values on its last line; top: on its first
    head_valign: str = "bottom"
    panel_style: str = "caps"  # as drawn: bold or italic
    gap_before_groups: bool = False
    full_width: bool = True
    max_stub: float = 0.42  # of the area's width
    pad: float = 0.5  # em
    tags: set[str] = field(default_factory=set)

    @staticmethod
    def draw(rng: random.Random) -> ReportStyle:
        s = ReportStyle()
        s.font = rng.choice(["helv", "helv", "helv", "times"])
        s.size = rng.choice([6, 6.5, 7, 7, 7.5, 8, 8.5, 9])
        s.lead = rng.uniform(1.1, 1.3)
        s.header = rng.choice(["boxed", "boxed", "boxed", "ruled", "shaded"])
        s.body_vrules = rng.random() < 0.2
        s.leaders = rng.choice(["none", "spaced", "spaced", "spaced", "tight"])
        s.indent = rng.uniform(0.7, 1.6)
        s.hang = rng.uniform(0.5, 1.5)
        s.values_at = rng.choice(["bottom", "bottom", "top"])
        s.head_valign = rng.choice(["bottom", "bottom", "middle"])
        s.gap_before_groups = rng.random() < 0.3
        s.full_width = rng.random() < 0.6
        s.max_stub = rng.uniform(0.3, 0.45)
        s.pad = rng.uniform(0.4, 0.8)
        return s

    def style_tags(self) -> set[str]:
        t = {f"font_{self.font}", f"size_{int(self.size)}", f"header_{self.header}"}
        t |= {f"leaders_{self.leaders}"} if self.leaders != "none" else {"no_leaders"}
        t |= {"body_vrules"} if self.body_vrules else set()
        t |= {"full_width"} if self.full_width else set()
        t |= {"group_gaps"} if self.gap_before_groups else set()
        return t | self.tags


@dataclass
class Geometry:
    content: ReportContent
    style: ReportStyle
    col_w: list[float]
    head_h: list[float]  # per header row
    row_h: list[float]  # per body row
    head_lines: dict[int, list[str]]  # index into content.head -> wrapped lines
    stub_lines: list[list[str]]  # per body row
    gaps: list[float]  # space above each body row

    @property
    def width(self) -> float:
        return sum(self.col_w)

    @property
    def height(self) -> float:
        return sum(self.head_h) + sum(self.row_h) + sum(self.gaps)


def _bold(st: ReportStyle) -> str:
    return FONTS[st.font][1]


def _reg(st: ReportStyle) -> str:
    return FONTS[st.font][0]


def reader_head(g: Geometry) -> list[HCell]:
    """Header cells as ICDAR annotates them: a head spans the header rows its printed lines sit in.

    A head with no group label over it, set at the bottom of its cell, sits in the rows its lines fall in
    (one line: the lowest row, an empty cell above), not in every row its box covers: ICDAR 2013's truth
    puts a head set on one line of a two-row box in that line's row (eu-004, Table 6.5: `Current Level*`
    and `Source`). A head centred across the rows (the stub head, `middle`) spans them (eu-018's `Country`)."""
    c, st = g.content, g.style
    if st.head_valign != "bottom":
        return list(c.head)
    s, lead = st.size, st.lead * st.size
    hy = [sum(g.head_h[:k]) for k in range(c.header_rows + 1)]
    out = []
    for i, h in enumerate(c.head):
        if h.rs == 1 or h.col == 0 or not h.text:
            out.append(h)
            continue
        n = len(g.head_lines[i])
        top = hy[h.row + h.rs] - 0.3 * s - n * lead
        mids = [top + (k + 0.5) * lead for k in range(n)]
        rows = [r for r in range(h.row, h.row + h.rs) if any(hy[r] <= m < hy[r + 1] for m in mids)] or [h.row + h.rs - 1]
        r0, r1 = min(rows), max(rows)
        out.append(HCell(h.text, r0, h.col, r1 - r0 + 1, h.cs))
        out += [HCell("", r, h.col) for r in range(h.row, r0)]
    return out


def measure(c: ReportContent, st: ReportStyle, area: float) -> Geometry | None:
    """Column widths and row heights in `area` points of width, or None when the table does not fit."""
    s, em = st.size, st.size
    pad, lead = st.pad * em, st.lead * s
    nd = c.n_cols - 1
    col_w = [0.0] * c.n_cols
    for r in c.rows:
        if r.kind == "item":
            for k, v in enumerate(r.values):
                col_w[k + 1] = max(col_w[k + 1], text_width(v, _bold(st) if r.bold else _reg(st), s) + 2 * pad)
    # leaf headers: wrap over the column when longer than the values (never narrower than their longest word)
    head_lines: dict[int, list[str]] = {}
    for i, h in sorted(enumerate(c.head), key=lambda ih: ih[1].cs):
        if h.col == 0:
            continue
        have = sum(col_w[h.col:h.col + h.cs])
        longest = max((text_width(w, _reg(st), s) for w in h.text.split()), default=0.0)
        target = max(have - 2 * pad, longest, 2.2 * em)
        head_lines[i] = wrap(h.text, _reg(st), s, target)
        need = max(text_width(t, _reg(st), s) for t in head_lines[i]) + 2 * pad
        if need > have:
            for k in range(h.col, h.col + h.cs):
                col_w[k] += (need - have) / h.cs
    data_w = sum(col_w[1:])
    stub_max = max(area * st.max_stub, area - data_w) if st.full_width else area * st.max_stub
    leader_room = 3 * em if st.leaders != "none" else pad
    natural = 0.0
    for r in c.rows:
        if r.kind != "panel":
            fnt = _bold(st) if r.bold else _reg(st)
            natural = max(natural, pad + r.level * st.indent * em + text_width(r.label, fnt, s) + leader_room)
    stub_w = min(natural, stub_max) if not st.full_width else max(area - data_w, 0.0)
    i0 = [i for i, h in enumerate(c.head) if h.col == 0][0]
    stub_w = max(stub_w, text_width(c.head[i0].text, _reg(st), s) * 0.6 + 2 * pad, 6 * em)
    if stub_w + data_w > area + 0.01:
        return None
    col_w[0] = stub_w
    head_lines[i0] = wrap(c.head[i0].text, _reg(st), s, stub_w - 2 * pad) if c.head[i0].text else [""]
    for i, h in enumerate(c.head):
        head_lines.setdefault(i, [h.text])
    # stub lines: the first at its level's indent, continuation lines hung further in
    stub_lines, row_h, gaps = [], [], []
    for k, r in enumerate(c.rows):
        if r.kind == "panel":
            lines = [r.label]
            if not c.panel_span and text_width(r.label, _bold(st), s) + pad * 2 > stub_w:
                return None
        else:
            fnt = _bold(st) if r.bold else _reg(st)
            x = pad + r.level * st.indent * em
            first = stub_w - x - leader_room
            rest = first - st.hang * em
            if rest < 4 * em:
                return None
            lines = []
            for word in _words(r.label):
                w = first if not lines else rest
                if lines and text_width(lines[-1] + " " + word, fnt, s) <= w:
                    lines[-1] += " " + word
                elif lines or text_width(word, fnt, s) <= w:
                    lines.append(word)
                else:
                    return None
            if len(lines) > 3:
                return None
        stub_lines.append(lines)
        row_h.append(len(lines) * lead + 0.15 * s)
        top_group = r.kind != "panel" and r.level == 0 and k and (k + 1 < len(c.rows) and c.rows[k + 1].level)
        gaps.append(0.5 * lead if st.gap_before_groups and (top_group or r.kind == "panel") and k else 0.0)
    head_h = [0.0] * c.header_rows
    for i, h in enumerate(c.head):
        if h.rs == 1:
            head_h[h.row] = max(head_h[h.row], len(head_lines[i]) * lead + 2 * 0.3 * s)
    head_h = [x or lead + 0.6 * s for x in head_h]
    for i, h in enumerate(c.head):
        need = len(head_lines[i]) * lead + 0.6 * s
        have = sum(head_h[h.row:h.row + h.rs])
        if need > have:
            head_h[h.row + h.rs - 1] += need - have
    return Geometry(c, st, col_w, head_h, row_h, head_lines, stub_lines, gaps)


def _words(label: str) -> list[str]:
    """A label's words for wrapping; a footnote mark stays with the word before it."""
    out: list[str] = []
    for w in label.split():
        if out and all(ch in SUPS for ch in w):
            out[-1] += " " + w
        else:
            out.append(w)
    return out


def draw_table(g: Geometry, cv: Canvas, x0: float, y0: float, rule_w: float = 0.5) -> pymupdf.Rect:
    """Draw with the header's top-left at (x0, y0); returns the table's box."""
    c, st = g.content, g.style
    s, pad, lead = st.size, st.pad * st.size, st.lead * st.size
    xs = [x0 + sum(g.col_w[:k]) for k in range(c.n_cols + 1)]
    hy = [y0 + sum(g.head_h[:k]) for k in range(c.header_rows + 1)]
    x1, yh = xs[-1], hy[-1]
    y1 = yh + sum(g.row_h) + sum(g.gaps) + 0.3 * s
    if st.header == "shaded":
        cv.fill(pymupdf.Rect(x0, y0, x1, yh), (0.85, 0.85, 0.85))
    cv.line(x0, y0, x1, y0, rule_w * (1 if st.header == "boxed" else 1.6))
    cv.line(x0, yh, x1, yh, rule_w)
    cv.line(x0, y1, x1, y1, rule_w * (1 if st.header == "boxed" else 1.6))
    for i, h in enumerate(c.head):
        bx0, bx1 = xs[h.col], xs[h.col + h.cs]
        by0, by1 = hy[h.row], hy[h.row + h.rs]
        if h.row + h.rs < c.header_rows and st.header != "shaded" and h.text:  # the rule under a group label
            inset = 0 if st.header == "boxed" else 0.3 * s
            cv.line(bx0 + inset, by1, bx1 - inset, by1, rule_w * 0.8)
        if st.header == "boxed" and h.col > 0:
            cv.line(bx0, by0, bx0, by1, rule_w * 0.8)
        lines = g.head_lines[i]
        block = len(lines) * lead
        top = by1 - 0.3 * s - block if st.head_valign == "bottom" and h.col > 0 else by0 + (by1 - by0 - block) / 2
        for k, t in enumerate(lines):
            w = text_width(t, _reg(st), s)
            cv.text(bx0 + (bx1 - bx0 - w) / 2, top + k * lead + 0.5 * lead + 0.33 * s, t, _reg(st), s)
    if st.body_vrules:
        for k in range(1, c.n_cols):
            cv.line(xs[k], yh, xs[k], y1, rule_w * 0.8)
    y = yh + 0.15 * s
    for r, lines, h, gap in zip(c.rows, g.stub_lines, g.row_h, g.gaps):
        y += gap
        base0 = y + 0.5 * lead + 0.33 * s
        if r.kind == "panel":
            fnt = _bold(st) if r.bold else FONTS[st.font][2]
            w = text_width(r.label, fnt, s)
            x = (x0 + x1 - w) / 2 if c.panel_span else x0 + pad
            cv.text(x, base0, r.label, fnt, s)
            y += h
            continue
        fnt = _bold(st) if r.bold else _reg(st)
        xl = x0 + pad + r.level * st.indent * s
        for k, t in enumerate(lines):
            end = cv.text(xl + (st.hang * s if k else 0), base0 + k * lead, t, fnt, s)
        if r.kind == "item":
            _leaders(cv, st, end, xs[1] - pad * 0.6, base0 + (len(lines) - 1) * lead, x0)
        vb = base0 + ((len(lines) - 1) * lead if st.values_at == "bottom" else 0)
        for k, v in enumerate(r.values if r.kind == "item" else []):
            cv.text(xs[k + 2] - pad - text_width(v, fnt, s), vb, v, fnt, s)
        y += h
    return pymupdf.Rect(x0, y0, x1, y1)


def _leaders(cv: Canvas, st: ReportStyle, x: float, x_end: float, base: float, x0: float) -> None:
    """Dots from past the label's end to the stub's right edge: spaced ('. . .', each dot on a grid common
    to all rows, as typesetters align them) or tight ('......', one word)."""
    s = st.size
    if st.leaders == "none":
        return
    if st.leaders == "tight":
        dot = text_width(".", _reg(st), s)
        start = x + 0.3 * s
        n = int((x_end - start) / dot)
        if n >= 2:
            cv.text(start, base, "." * n, _reg(st), s)
        return
    step = 0.55 * s
    k = int((x + 0.45 * s - x0) / step) + 1
    while x0 + k * step + text_width(".", _reg(st), s) <= x_end:
        cv.text(x0 + k * step, base, ".", _reg(st), s)
        k += 1
