"""What a report table says: a boxed column header (stub header over all header rows, group labels over
their columns), a stub of indented category labels with or without values, panel rows, and value cells
with thousands separators, '(NA)', 'X', '-', 'Z' and footnote marks. Every choice is drawn from the rng
handed in and recorded as a style tag; the grid is the truth as a reader sees it (no leaders, no indent)."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import rp_words as W

SUPS = "¹²³⁴⁵⁶"
SPECIAL = ["(NA)", "X", "-", "(Z)", "Z", "(D)", "(S)", "(B)", "–"]


@dataclass
class HCell:
    text: str
    row: int
    col: int
    rs: int = 1
    cs: int = 1


@dataclass
class Row:
    kind: str  # item (label and values), heading (label, empty cells), panel (one label across the table)
    label: str
    level: int = 0
    values: list[str] = field(default_factory=list)
    bold: bool = False


@dataclass
class ReportContent:
    n_cols: int  # stub included
    header_rows: int
    head: list[HCell]
    rows: list[Row]
    panel_span: bool  # a panel row spans the whole table (centred) or sits in the stub (flush left)
    title: str
    headnote: str | None
    notes: list[str]
    source: str | None
    tags: set[str] = field(default_factory=set)

    def grid(self) -> list[list[str | None]]:
        g: list[list[str | None]] = [[""] * self.n_cols for _ in range(self.header_rows)]
        for h in self.head:
            for r in range(h.row, h.row + h.rs):
                for c in range(h.col, h.col + h.cs):
                    g[r][c] = None
            g[h.row][h.col] = h.text
        for row in self.rows:
            if row.kind == "panel":
                g.append([row.label] + ([None] if self.panel_span else [""]) * (self.n_cols - 1))
            elif row.kind == "heading":
                g.append([row.label] + [""] * (self.n_cols - 1))
            else:
                g.append([row.label] + row.values)
        return g

    def spans(self) -> list[list[int]]:
        out = [[h.row, h.col, h.rs, h.cs] for h in self.head if h.rs > 1 or h.cs > 1]
        if self.panel_span and self.n_cols > 1:
            out += [[self.header_rows + i, 0, 1, self.n_cols] for i, r in enumerate(self.rows)
                    if r.kind == "panel"]
        return out


def _header(rng: random.Random, nd: int, tags: set[str], stub_head: str, year_cols: bool) -> tuple[int, list]:
    """Header cells over nd data columns: flat, grouped (2 rows) or with a top label (3 rows)."""
    if year_cols:
        y = rng.randint(1980, 2005)
        step = rng.choice([1, 1, 5])
        leaves = [str(y + step * k) for k in range(nd)]
        if rng.random() < 0.4:
            leaves[-1] += rng.choice([" ¹", ", prel.", " ²"])
        tags.add("year_cols")
    else:
        pool = [x for s in W.LEAF_SETS for x in s]
        leaves = []
        while len(leaves) < nd:
            s = rng.choice(W.LEAF_SETS)
            leaves += s[:nd - len(leaves)]
        if rng.random() < 0.3:
            leaves[rng.randrange(nd)] = rng.choice(pool)
    depth = 1 if nd < 2 else rng.choice([1, 2, 2, 2, 3]) if nd >= 4 else rng.choice([1, 2])
    cells: list[HCell] = []
    if depth == 1:
        cells = [HCell(t, 0, 1 + c) for c, t in enumerate(leaves)]
    else:
        # groups of 2-4 columns; a leading single column (Total) without a group spans the header rows
        c, groups = 0, []
        if rng.random() < 0.5 and nd >= 3:
            groups.append((0, 1, None))
            c = 1
        while c < nd:
            size = min(nd - c, rng.choice([2, 2, 3, 3, 4]))
            if nd - c - size == 1:
                size += 1
            groups.append((c, size, rng.choice(W.GROUP_LABELS)))
            c += size
        top = depth == 3
        g0 = 1 if top else 0
        if top:
            cells.append(HCell(rng.choice(W.TOP_LABELS), 0, 1, 1, nd))
        for c0, size, label in groups:
            if label is None or size == 1:
                cells.append(HCell(leaves[c0], g0, 1 + c0, depth - g0, 1))
                continue
            cells.append(HCell(label, g0, 1 + c0, 1, size))
            cells += [HCell(leaves[c0 + k], g0 + 1, 1 + c0 + k) for k in range(size)]
        tags.add("grouped_header")
    cells.insert(0, HCell(stub_head, 0, 0, depth, 1))
    if not stub_head and depth > 1:  # an empty stub header is empty slots, not a span
        cells[0].rs = 1
        cells += [HCell("", r, 0) for r in range(1, depth)]
    tags.add(f"header_{depth}row{'s' if depth > 1 else ''}")
    return depth, cells


class Values:
    """One table's value columns: each has a kind and a magnitude; some cells are symbols."""

    def __init__(self, rng: random.Random, nd: int, tags: set[str]):
        self.rng, self.tags = rng, tags
        self.kinds = [rng.choice(["count", "count", "dec1", "dec1", "dec2", "pct", "change"]) for _ in range(nd)]
        self.mag = [rng.uniform(1, 5.5) for _ in range(nd)]
        self.special = rng.random() < 0.6
        self.marks = rng.random() < 0.15

    def row(self, scale: float) -> list[str]:
        out = []
        for kind, mag in zip(self.kinds, self.mag):
            rng = self.rng
            if self.special and rng.random() < 0.06:
                out.append(rng.choice(SPECIAL))
                self.tags.add("special_cells")
                continue
            v = 10 ** (mag + scale + rng.uniform(-0.6, 0.3))
            if kind == "count":
                s = f"{int(v):,}"
                if int(v) >= 1000:
                    self.tags.add("thousands")
            elif kind == "dec1":
                s = f"{v:,.1f}"
            elif kind == "dec2":
                s = f"{v / 100:,.2f}"
            elif kind == "pct":
                s = f"{rng.uniform(0, 100):.1f}"
            else:
                s = f"{rng.uniform(-15, 20):.1f}"
                self.tags.add("neg") if s.startswith("-") else None
            if self.marks and rng.random() < 0.03:
                s = rng.choice(SUPS[:3]) + " " + s
                self.tags.add("footnote_marks")
            out.append(s)
        return out


def _walk(tree: list, level: int, out: list[tuple[str, int, bool]]) -> None:
    for node in tree:
        if isinstance(node, tuple):
            out.append((node[0], level, True))
            _walk(node[1], level + 1, out)
        else:
            out.append((node, level, False))


def _body(rng: random.Random, theme: list, vals: Values, nd: int, max_rows: int, tags: set[str],
          bold_totals: bool) -> list[Row]:
    flat: list[tuple[str, int, bool]] = []
    _walk(theme, 0, flat)
    start = rng.randrange(len(flat)) if len(flat) > max_rows and rng.random() < 0.5 else 0
    while start and flat[start][1]:
        start -= 1
    flat = flat[start:start + max_rows]
    headings_no_values = rng.random() < 0.5
    rows: list[Row] = []
    for k, (label, level, parent) in enumerate(flat):
        parent = parent and k + 1 < len(flat) and flat[k + 1][1] > level  # a category cut off from its items is an item
        if not parent and label.endswith(":"):
            continue
        if parent and (label.endswith(":") or headings_no_values):
            rows.append(Row("heading", label, level))
            tags.add("heading_rows")
        else:
            rows.append(Row("item", label, level, vals.row(0.4 if parent else -level * 0.3),
                            bold=bold_totals and parent and level == 0))
        if level:
            tags.add("indent")
    return rows


def _year_body(rng: random.Random, vals: Values, n: int) -> list[Row]:
    y = rng.randint(1960, 1995)
    step = rng.choice([1, 1, 5, 10]) if n < 12 else 1
    rows = []
    for k in range(n):
        label = str(y + step * k)
        if k == n - 1 and rng.random() < 0.3:
            label += rng.choice([" ¹", ", prel.", " (est.)"])
        rows.append(Row("item", label, 0, vals.row(0.0)))
    return rows


def make_content(rng: random.Random, nd: int, max_rows: int, table_no: int) -> ReportContent:
    tags = {"report"}
    year_stub = rng.random() < 0.2
    year_cols = not year_stub and rng.random() < 0.3
    theme_head, theme = rng.choice(W.THEMES)
    stub_head = rng.choice(W.YEAR_HEADERS) if year_stub else theme_head if rng.random() < 0.85 else ""
    depth, head = _header(rng, nd, tags, stub_head, year_cols)
    vals = Values(rng, nd, tags)
    bold_totals = rng.random() < 0.5
    panels = rng.choice(W.PANELS) if rng.random() < 0.25 and max_rows >= 8 else None
    rows: list[Row] = []
    for k in range(len(panels) if panels else 1):
        if panels:
            rows.append(Row("panel", panels[k], bold=rng.random() < 0.5))
        n = max(2, max_rows // (len(panels) if panels else 1) - 1)
        if rng.random() < 0.4 and not year_stub:
            label = rng.choice(W.TOTALS)
            rows.append(Row("item", label, 0, vals.row(1.0), bold=bold_totals))
            n -= 1
        rows += _year_body(rng, vals, n) if year_stub else _body(rng, theme, vals, nd, n, tags, bold_totals)
    if year_stub:
        tags.add("year_stub")
    if bold_totals and any(r.bold for r in rows):
        tags.add("bold_totals")
    if panels:
        tags.add("panel_rows")
    panel_span = rng.random() < 0.6
    notes = []
    if "special_cells" in tags:
        notes += rng.sample(W.NOTES, rng.randint(1, 3))
    n_marks = sum(ch in SUPS for h in head for ch in h.text) + sum(ch in SUPS for r in rows for ch in r.label)
    if n_marks or rng.random() < 0.5:
        notes += [f"{SUPS[i]} {rng.choice(W.MARK_NOTES)}" for i in range(rng.randint(1, 3))]
    mark_labels = rng.random() < 0.2
    if mark_labels:
        for r in rng.sample([r for r in rows if r.kind == "item"], k=min(2, sum(r.kind == "item" for r in rows))):
            r.label += " " + rng.choice(SUPS[:3])
        tags.add("footnote_marks")
    a = rng.uniform(1000, 20000)
    headnote = rng.choice(W.HEADNOTES).format(a=f"{a:,.1f}", b=f"{int(a * 1000):,}", y=rng.randint(2000, 2011)) \
        if rng.random() < 0.7 else None
    title = rng.choice(W.TITLES) + rng.choice([f": {rng.randint(2000, 2011)}", "", f": {rng.randint(1990, 2000)} "
                                               f"to {rng.randint(2005, 2011)}"])
    source = "Source: " + rng.choice(W.SOURCES) if rng.random() < 0.8 else None
    if headnote:
        tags.add("headnote")
    return ReportContent(nd + 1, depth, head, rows, panel_span, title, headnote, notes, source, tags)
