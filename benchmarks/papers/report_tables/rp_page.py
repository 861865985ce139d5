"""One report document: pages (Letter portrait or landscape, or the Statistical Abstract's 420 x 660)
with a running head and a footer, an optional paragraph, and one to three tables stacked on each page,
each under a 'Table 324. Title' line and a bracketed headnote and over its notes and source line."""
from __future__ import annotations

import dataclasses
import random

import pymupdf
import rp_words as W
import rt_prose
from rp_content import ReportContent, make_content
from rp_draw import Geometry, ReportStyle, draw_table, measure, reader_head
from rp_labels import CJK_TITLES, LabelForm, draw_form, title_lines
from rt_draw import FONTS, Canvas, text_width, wrap

LABELS = ["number", "number", "number", "colon", "emdash", "letter", "none"]


class ReportBuilder:
    def __init__(self, rng: random.Random, name: str, styles: frozenset[str] = frozenset()):
        self.rng, self.name, self.styles = rng, name, styles
        self.doc = pymupdf.open()
        self.page_kind = rng.choice(["letter", "letter", "abstract", "landscape"])
        self.W, self.H = {"letter": (612.0, 792.0), "abstract": (420.0, 660.0),
                          "landscape": (792.0, 612.0)}[self.page_kind]
        self.mx = rng.uniform(30, 60) if self.page_kind != "letter" else rng.uniform(40, 72)
        self.my = rng.uniform(36, 60)
        self.pfont = rng.choice(["helv", "times"])
        self.label_style = rng.choice(LABELS)
        self.number = rng.randint(1, 700) if self.label_style != "letter" else rng.randint(1, 12)
        self.letter = rng.choice("ABC")
        self.title_centred = rng.random() < 0.4
        self.running = rng.choice(W.RUNNING)
        self.footer = rng.choice(W.FOOTERS)
        self.tables: list[dict] = []
        self.distractors: list[dict] = []
        self.canvases: list[Canvas] = []
        self.y = 0.0

    # ------------------------------------------------------------------ pages
    def new_page(self) -> None:
        self.doc.new_page(width=self.W, height=self.H)
        self.cv = Canvas(self.doc, len(self.doc) - 1)
        self.canvases.append(self.cv)
        n = len(self.doc) + self.rng.randint(10, 300)
        fnt = FONTS[self.pfont][0]
        head = f"{n}  {self.running}" if n % 2 == 0 else f"{self.running}  {n}"
        x = self.mx if n % 2 == 0 else self.W - self.mx - text_width(head, fnt, 8)
        self.cv.text(x, self.my - 12, head, fnt, 8)
        self.cv.line(self.mx, self.my - 8, self.W - self.mx, self.my - 8, 0.5)
        self.cv.text(self.mx, self.H - self.my + 18, self.footer, fnt, 6)
        self.y = self.my

    @property
    def room(self) -> float:
        return self.H - self.my - self.y

    def paragraph(self) -> None:
        fnt, size = FONTS[self.pfont][0], 9.0
        lines = wrap(rt_prose.paragraph(self.rng, 4), fnt, size, self.W - 2 * self.mx)
        y0 = self.y
        for line in lines:
            self.cv.text(self.mx, self.y + 0.85 * size, line, fnt, size)
            self.y += size * 1.25
        self.note("prose", pymupdf.Rect(self.mx, y0, self.W - self.mx, self.y))
        self.y += 8

    def note(self, kind: str, rect: pymupdf.Rect) -> None:
        self.distractors.append({"kind": kind, "page": len(self.doc), "bbox": [round(v, 2) for v in rect]})

    # ------------------------------------------------------------------ a table
    def label(self) -> tuple[str | None, str, str]:
        """(truth label, printed label, separator)."""
        n = self.number
        self.number += 1
        if self.label_style == "letter":
            return f"Table {self.letter}-{n}", f"Table {self.letter}-{n}", ". "
        if self.label_style == "none":
            return None, "", ""
        sep = {"number": ". ", "colon": ": ", "emdash": "\u2014"}[self.label_style]
        return f"Table {n}", f"Table {n}", sep

    def _title(self, lines: list[str], tfont: str, tsize: float, width: float, tx0: float) -> None:
        """The caption's lines at self.y, centred on the text width or flush with the table."""
        for line in lines:
            w = text_width(line, tfont, tsize)
            x = self.mx + (width - w) / 2 if self.title_centred else tx0
            self.cv.text(x, self.y + 0.85 * tsize, line, tfont, tsize)
            self.y += tsize * 1.25

    def make(self, width: float, max_h: float) -> tuple[ReportContent, Geometry] | None:
        rng = self.rng
        for _ in range(30):
            nd = rng.randint(2, 12 if self.page_kind == "landscape" else 8)
            rows = rng.choice([4, 6, 8, 10, 14, 18, 24, 30])
            c = make_content(rng, nd, rows, self.number)
            st = ReportStyle.draw(rng)
            while st.size >= 6:
                g = measure(c, st, width)
                if g is not None and g.height + 60 <= max_h:
                    return c, g
                st.size -= 0.5
        return None

    def place(self, first_on_page: bool) -> bool:
        """Set one table at self.y; False when none fits on the rest of the page."""
        width = self.W - 2 * self.mx
        made = self.make(width, self.room)
        if made is None:
            return False
        c, g = made
        rng, fnt, bold = self.rng, FONTS[self.pfont][0], FONTS[self.pfont][1]
        form = draw_form(rng) if "labels" in self.styles else None
        label, printed, sep = self.label() if form is None else (form.label, form.printed, form.sep)
        title = rng.choice(CJK_TITLES) if form is not None and form.cjk else c.title
        tsize = rng.choice([8, 9, 10])
        tfont = "china-s" if form is not None and form.cjk else bold
        pieces = title_lines(form, title) if form is not None else \
            [((printed + sep + title) if printed else title, "title")]
        title_lines_ = [ln for text, _ in pieces for ln in _wrap_title(text, tfont, tsize, width * 0.9, form)]
        below = form is not None and form.below
        small = max(6.0, g.style.size - 0.5)
        head_lines = wrap(c.headnote, fnt, small, width) if c.headnote and not below else []
        notes = []
        for n in c.notes + ([c.source] if c.source else []):
            notes += wrap(n, fnt, small, width)
        need = len(title_lines_) * tsize * 1.25 + len(head_lines) * small * 1.2 + g.height + \
            len(notes) * small * 1.2 + (26 if form else 20)
        if need > self.room:
            return False
        if not first_on_page:
            self.y += rng.uniform(10, 24)
        tx0 = self.mx + (width - g.width) / 2
        y0 = self.y
        if not below:
            self._title(title_lines_, tfont, tsize, width, tx0)
        for line in head_lines:
            self.cv.text(self.mx if g.width > width - 1 else tx0, self.y + 0.85 * small, line, fnt, small)
            self.y += small * 1.2
        if head_lines:
            self.note("headnote", pymupdf.Rect(self.mx, y0, self.W - self.mx, self.y))
        self.y += 3
        box = draw_table(g, self.cv, tx0, self.y)
        self.y = box.y1 + 3
        if below:
            self.y += 3
            self._title(title_lines_, tfont, tsize, width, tx0)
        ny = self.y
        for line in notes:
            self.cv.text(self.mx if g.width > width - 1 else tx0, self.y + 0.85 * small, line, fnt, small)
            self.y += small * 1.2
        if notes:
            self.note("notes", pymupdf.Rect(self.mx, ny, self.W - self.mx, self.y))
        if form is not None:
            c.tags.add("label_" + ("below" if below else "above"))
            c.tags.add("label_sep_" + {". ": "dot", ": ": "colon", " \u2013 ": "endash", "\u2014": "emdash",
                                       " | ": "bar", "  ": "space2", "\n": "newline", "\uff1a": "cjkcolon",
                                       ":": "colon", " ": "space"}[sep])
        tags = c.tags | g.style.style_tags() | {f"page_{self.page_kind}", f"label_{self.label_style if form is None else 'forms'}"}
        if any(len(ls) > 1 for ls in g.stub_lines):
            tags |= {"stub_wrap", f"values_{g.style.values_at}"}
        if any(len(ls) > 1 for i, ls in g.head_lines.items()):
            tags.add("header_wrap")
        nb = len(c.rows)
        tags |= {f"cols_{'2-4' if c.n_cols <= 4 else '5-7' if c.n_cols <= 7 else '8-13'}",
                 f"rows_{'2-9' if nb <= 9 else '10-19' if nb <= 19 else '20-40'}"}
        c = dataclasses.replace(c, head=reader_head(g))
        grid = c.grid()
        self.tables.append({
            "label": label, "label_text": printed or None, "page": len(self.doc), "pages": [len(self.doc)],
            "caption": title, "header_rows": c.header_rows, "n_rows": len(grid), "n_cols": c.n_cols,
            "grid": grid, "spans": c.spans(), "footnote": " ".join(c.notes + ([c.source] if c.source else []))
            or None, "bbox": [round(v, 2) for v in box], "style": sorted(tags)})
        return True

    def finish(self) -> dict:
        for cv in self.canvases:
            cv.flush()
        by_page: dict[int, int] = {}
        for t in self.tables:
            by_page[t["page"]] = by_page.get(t["page"], 0) + 1
        for t in self.tables:
            if by_page[t["page"]] > 1:
                t["style"] = sorted(set(t["style"]) | {"multi_table"})
        return {"doc": self.name, "n_pages": len(self.doc), "generator": "benchmarks/papers/report_tables",
                "page_size": [self.W, self.H], "tables": self.tables, "figures": [],
                "distractors": self.distractors}


def _wrap_title(text: str, tfont: str, size: float, width: float, form: LabelForm | None) -> list[str]:
    """A caption's lines: wrapped at spaces, a CJK title whole, the two spaces after a label kept."""
    if form is not None and form.cjk:
        return [text]
    if form is not None and form.sep == "  " and text.startswith(form.printed + "  "):
        rest = wrap(text[len(form.printed) + 2:], tfont, size, width - text_width(form.printed + "  ", tfont, size))
        return [form.printed + "  " + rest[0]] + rest[1:]
    return wrap(text, tfont, size, width)


def build_document(rng: random.Random, name: str, styles: frozenset[str] = frozenset()) -> tuple[pymupdf.Document, dict]:
    b = ReportBuilder(rng, name, styles)
    for p in range(rng.choice([1, 1, 1, 2, 2, 3])):
        b.new_page()
        if rng.random() < 0.2:
            b.paragraph()
        k = 0
        while k < rng.choice([1, 2, 2, 3]) and b.place(k == 0):
            k += 1
        if k == 0 and not b.tables and p == 0:
            raise RuntimeError(f"{name}: no table fits an empty page")
    return b.doc, b.finish()
