"""One random document: pages in one or two columns, running text flowed around table floats, special
pages (/Rotate 90, tables printed sideways), tables continued across pages, raster tables, and distractors.
Everything drawn is recorded, so the truth (grid, spans, pages, boxes) is exact."""
from __future__ import annotations

import random

import pymupdf
import rt_prose
from rt_draw import FONTS, Canvas, text_width, wrap
from rt_place import Block, PageRec, TablePlacer

LABEL_STYLES = ["colon", "colon", "period", "roman", "abbrev", "supp", "appendix"]


def roman(n: int) -> str:
    out = ""
    for v, s in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]:
        while n >= v:
            out, n = out + s, n - v
    return out


class DocBuilder(TablePlacer):
    def __init__(self, rng: random.Random, name: str):
        self.rng, self.name = rng, name
        self.styles: frozenset[str] = frozenset()  # styles forced on every table (rt_content.STYLES)
        self.doc = pymupdf.open()
        self.W, self.H = rng.choice([(612.0, 792.0), (595.28, 841.89)])
        self.mx, self.my = rng.uniform(54, 80), rng.uniform(60, 80)
        self.two_col = rng.random() < 0.4
        self.gutter = rng.uniform(14, 24)
        self.pfont = rng.choice(["times", "times", "helv", "courier"])
        self.psize = rng.choice([9.0, 9.5, 10.0, 10.5, 11.0])
        self.lead = self.psize * rng.uniform(1.15, 1.3)
        self.justify = rng.random() < 0.6
        self.cap_width_is_area = rng.random() < 0.6
        self.label_style = rng.choice(LABEL_STYLES)
        self.number = rng.randint(1, 4)
        self.appendix = rng.choice("AB")
        self.head = f"{rng.choice(rt_prose.JOURNALS)} {rng.randint(1, 90)} ({rng.randint(2015, 2026)})"
        self.pages: list[PageRec] = []
        self.cur: PageRec | None = None
        self.cv: Canvas | None = None
        self.col, self.y, self.synced = 0, [0.0, 0.0], True
        self.floats: list[Block] = []
        self.hold_floats = False  # True between the parts of a continued table
        self.special: list[Block] = []  # tables waiting for a page of their own
        self.tables: list[dict] = []
        self.distractors: list[dict] = []

    # ------------------------------------------------------------------ geometry of the flow
    @property
    def top(self) -> float:
        return self.my

    @property
    def bottom(self) -> float:
        return self.H - self.my

    def area(self, full: bool = False) -> tuple[float, float]:
        if not self.two_col or full:
            return self.mx, self.W - self.mx
        w = (self.W - 2 * self.mx - self.gutter) / 2
        x0 = self.mx + self.col * (w + self.gutter)
        return x0, x0 + w

    def col_height(self) -> float:
        return self.bottom - self.top

    def start_page(self) -> None:
        if not self.hold_floats:
            for b in self.special:
                self.special_page(b)
            self.special = []
        self.doc.new_page(width=self.W, height=self.H)
        self.cur = PageRec(self.doc, len(self.doc) - 1)
        self.pages.append(self.cur)
        self.cv = self.cur.canvas()
        n = len(self.doc)
        hs = 8.0
        if self.rng.random() < 0.7:
            self.cv.text(self.mx, self.my - 22, self.head, FONTS[self.pfont][2], hs)
            x = self.W - self.mx - text_width(str(n), FONTS[self.pfont][0], hs)
            self.cv.text(x, self.my - 22, str(n), FONTS[self.pfont][0], hs)
        else:
            self.cv.text(self.W / 2 - text_width(str(n), FONTS[self.pfont][0], hs) / 2, self.H - self.my + 28,
                         str(n), FONTS[self.pfont][0], hs)
        self.col, self.y, self.synced = 0, [self.top, self.top], True
        self.place_floats()

    def next_column(self) -> None:
        if self.two_col and self.col == 0:
            self.col, self.synced = 1, False
            self.place_floats()
        else:
            self.start_page()

    def room(self) -> float:
        return self.bottom - self.y[self.col]

    def take(self, h: float) -> tuple[float, float, float]:
        """Room for h points in the current column (moving on as needed): (x0, x1, y)."""
        if self.cur is None:
            self.start_page()
        while self.room() < h:
            self.next_column()
        x0, x1 = self.area()
        y = self.y[self.col]
        self.y[self.col] += h
        if self.two_col:
            self.synced = False
        return x0, x1, y

    def take_full(self, h: float) -> tuple[float, float, float]:
        """Room across the whole text width: at the top of the page's column flow only."""
        if self.cur is None:
            self.start_page()
        if self.two_col and (not self.synced or self.room() < h):
            self.start_page()
        while self.room() < h:
            self.start_page()
        y = self.y[0]
        self.y = [y + h, y + h]
        return self.mx, self.W - self.mx, y

    # ------------------------------------------------------------------ text
    def lines_of(self, text: str, width: float, fnt: str, size: float, indent: float = 0.0) -> list[str]:
        lines = wrap(text, fnt, size, width - indent)
        return lines

    def set_line(self, cv: Canvas, x0: float, x1: float, y: float, line: str, fnt: str, size: float,
                 justify: bool) -> None:
        base = y + 0.8 * size
        words = line.split(" ")
        if not justify or len(words) < 2:
            cv.text(x0, base, line, fnt, size)
            return
        natural = sum(text_width(w, fnt, size) for w in words)
        gap = (x1 - x0 - natural) / (len(words) - 1)
        x = x0
        for w in words:
            cv.text(x, base, w, fnt, size)
            x += text_width(w, fnt, size) + gap

    def paragraph(self, text: str, indent: bool = True) -> None:
        fnt, size = FONTS[self.pfont][0], self.psize
        x0, x1 = self.area()
        ind = size * 1.5 if indent and self.rng.random() < 0.7 else 0.0
        lines = wrap(text, fnt, size, x1 - x0 - ind)
        for i, line in enumerate(lines):
            x0, x1, y = self.take(self.lead)
            self.set_line(self.cv, x0 + (ind if i == 0 else 0), x1, y, line, fnt, size,
                          self.justify and i < len(lines) - 1)
        self.take(self.lead * 0.4)

    def heading(self, text: str) -> None:
        if self.room() < self.lead * 5:
            self.next_column()
        x0, _, y = self.take(self.lead * 1.6)
        self.cv.text(x0, y + self.lead * 0.6 + 0.8 * self.psize, text, FONTS[self.pfont][1], self.psize + 1)

    def mention(self) -> str:
        if self.label_style == "roman":
            return f"Table {roman(self.number)}"
        return self.printed_label(self.number)[1]

    def printed_label(self, n: int) -> tuple[str, str, str]:
        """(truth label, printed label, separator)"""
        st = self.label_style
        if st == "supp":
            return f"Table S{n}", f"Table S{n}", self.rng.choice([":", "."])
        if st == "appendix":
            return f"Table {self.appendix}.{n}", f"Table {self.appendix}.{n}", ":"
        if st == "roman":
            return f"Table {n}", f"TABLE {roman(n)}", ""
        if st == "abbrev":
            return f"Table {n}", f"Tab. {n}", ":"
        if st == "period":
            return f"Table {n}", f"Table {n}", ".  "
        return f"Table {n}", f"Table {n}", ":"

    # ------------------------------------------------------------------ distractors
    def note_distractor(self, kind: str, page: int, rect: pymupdf.Rect) -> None:
        self.distractors.append({"kind": kind, "page": page, "bbox": [round(v, 2) for v in rect]})

    def title_block(self) -> None:
        rng = self.rng
        fnt = FONTS[self.pfont][1]
        size = rng.choice([14.0, 15.0, 16.0, 17.0])
        x0, x1 = self.area(full=True)
        for line in wrap(rng.choice(rt_prose.TITLES), fnt, size, x1 - x0):
            _, _, y = self.take_full(size * 1.3)
            self.cv.text((x0 + x1) / 2 - text_width(line, fnt, size) / 2, y + size, line, fnt, size)
        self.take_full(8)
        if rng.random() < 0.65:
            self.author_block()
        if rng.random() < 0.7:
            text = "Abstract. " + rt_prose.paragraph(rng, rng.randint(3, 5))
            fs = self.psize - 0.5
            for line in wrap(text, FONTS[self.pfont][0], fs, x1 - x0 - 40):
                _, _, y = self.take_full(fs * 1.25)
                self.cv.text(x0 + 20, y + 0.8 * fs, line, FONTS[self.pfont][0], fs)
            self.take_full(10)

    def author_block(self) -> None:
        """Authors side by side with affiliations and e-mails under each: aligned like a table, not one."""
        rng = self.rng
        n = rng.randint(2, 4)
        fnt, bold, size = FONTS[self.pfont][0], FONTS[self.pfont][1], self.psize
        x0, x1 = self.area(full=True)
        w = (x1 - x0) / n
        people = []
        for k in range(n):
            name = rt_prose.author(rng)
            people.append([name + "¹²³"[k % 3] if rng.random() < 0.5 else name,
                           *wrap(rng.choice(rt_prose.INSTITUTES), fnt, size - 1, w - 8),
                           f"{name.split()[0].lower()}@{rng.choice(['uni', 'lab', 'inst'])}.edu"])
        depth = max(len(p) for p in people)
        _, _, y0 = self.take_full(depth * size * 1.3 + 10)
        for k, lines in enumerate(people):
            for i, line in enumerate(lines):
                f, s = (bold, size) if i == 0 else (fnt, size - 1)
                cx = x0 + w * (k + 0.5)
                self.cv.text(cx - text_width(line, f, s) / 2, y0 + (i + 1) * size * 1.3, line, f, s)
        box = pymupdf.Rect(x0, y0, x1, y0 + depth * size * 1.3 + 4)
        self.note_distractor("author_block", len(self.doc), box)

    def numbered_list(self) -> None:
        rng = self.rng
        fnt, size = FONTS[self.pfont][0], self.psize
        style = rng.choice(["{}.", "({})", "{})"])
        items = rng.sample(rt_prose.LIST_ITEMS, rng.randint(3, 6))
        first_page, ys = len(self.doc), []
        markers = [style.format(k + 1 if "(" not in style else roman(k + 1).lower()) for k in range(len(items))]
        ind = max(text_width(m, fnt, size) for m in markers) + size * 0.8
        for k, item in enumerate(items):
            marker = markers[k]
            x0, x1 = self.area()
            for i, line in enumerate(wrap(item[0].upper() + item[1:] + ".", fnt, size, x1 - x0 - ind)):
                x0, x1, y = self.take(self.lead)
                if i == 0:
                    self.cv.text(x0 + 2, y + 0.8 * size, marker, fnt, size)
                self.cv.text(x0 + ind, y + 0.8 * size, line, fnt, size)
                ys.append((len(self.doc), x0, x1, y))
        self.take(self.lead * 0.4)
        self._note_span("numbered_list", first_page, ys)

    def references(self) -> None:
        rng = self.rng
        self.heading("References")
        fnt, size = FONTS[self.pfont][0], self.psize - 1
        lead = size * 1.25
        numbered = rng.random() < 0.7
        ys = []
        n = rng.randint(4, 10)
        ind = text_width(f"[{n}]", fnt, size) + size * 0.6
        for k in range(n):
            x0, x1 = self.area()
            marker = f"[{k + 1}]" if numbered else ""
            for i, line in enumerate(wrap(rt_prose.reference(rng), fnt, size, x1 - x0 - ind)):
                x0, x1, y = self.take(lead)
                if i == 0 and marker:
                    self.cv.text(x0, y + 0.8 * size, marker, fnt, size)
                self.cv.text(x0 + (ind if numbered or i else 0), y + 0.8 * size, line, fnt, size)
                ys.append((len(self.doc), x0, x1, y))
        self._note_span("references", 0, ys)

    def equation(self) -> None:
        rng = self.rng
        fnt, size = FONTS[self.pfont][0], self.psize + 0.5
        eqs = rng.sample(rt_prose.EQUATIONS, rng.choice([1, 1, 2]))
        ys = []
        self.take(self.lead * 0.5)
        for eq in eqs:
            x0, x1, y = self.take(self.lead * 1.5)
            w = text_width(eq, fnt, size)
            self.cv.text((x0 + x1) / 2 - w / 2, y + self.lead, eq, fnt, size)
            num = f"({rng.randint(1, 12)})"
            self.cv.text(x1 - text_width(num, fnt, size), y + self.lead, num, fnt, size)
            ys.append((len(self.doc), x0, x1, y))
        self.take(self.lead * 0.5)
        self._note_span("equation", 0, ys)

    def _note_span(self, kind: str, _page: int, ys: list) -> None:
        by_page: dict[tuple[int, float], list] = {}  # one box per page and column
        for page, x0, x1, y in ys:
            by_page.setdefault((page, round(x0)), []).append((x0, x1, y))
        for (page, _), v in by_page.items():
            box = pymupdf.Rect(min(a for a, _, _ in v), min(y for _, _, y in v),
                               max(b for _, b, _ in v), max(y for _, _, y in v) + self.lead)
            self.note_distractor(kind, page, box)

    # ------------------------------------------------------------------ the whole document
    def finish(self) -> dict:
        for _ in range(10):
            if not self.floats:
                break
            self.start_page()
        for b in self.special:
            self.special_page(b)
        self.special = []
        for rec in self.pages:
            for cv in rec.canvases:
                cv.flush()
            if rec.rotation:
                self.doc[rec.pno].set_rotation(rec.rotation)
        self.tables.sort(key=lambda t: (t["page"], t["bbox"][1], t["bbox"][0]))
        return {"doc": self.name, "n_pages": len(self.doc), "generator": "benchmarks/papers/random_tables",
                "two_column": self.two_col, "page_size": [self.W, self.H], "tables": self.tables,
                "figures": [], "distractors": self.distractors}


def build_document(rng: random.Random, name: str,
                   styles: frozenset[str] = frozenset()) -> tuple[pymupdf.Document, dict]:
    b = DocBuilder(rng, name)
    b.styles = styles
    b.start_page()
    if rng.random() < 0.85:
        b.title_block()
    section = 1
    for _ in range(rng.choice([1, 1, 2, 2, 2, 3])):
        if rng.random() < 0.6:
            b.heading(f"{section} {rng.choice(rt_prose.HEADINGS)}")
            section += 1
        for k in range(rng.randint(1, 3)):
            b.paragraph(rt_prose.paragraph(rng, mention=b.mention() if k == 0 else None))
        if rng.random() < 0.25:
            b.numbered_list()
        if rng.random() < 0.3:
            b.equation()
        b.place_table(b.new_job())
        for _ in range(rng.randint(0, 2)):
            b.paragraph(rt_prose.paragraph(rng))
    b.paragraph(rt_prose.paragraph(rng))
    if rng.random() < 0.5:
        b.references()
    return b.doc, b.finish()
