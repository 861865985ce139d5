"""Setting tables into a DocBuilder's flow: drawing a job's choices, fitting it to its area, floats,
special pages (/Rotate 90 and sideways), continued tables, raster tables, and the truth of each."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pymupdf
import rt_prose
from rt_content import TableContent, make_table
from rt_draw import FONTS, Canvas, TableGeometry, TableStyle, draw_table, measure, text_width, wrap

Map = Callable[[pymupdf.Rect], pymupdf.Rect]


def _identity(r: pymupdf.Rect) -> pymupdf.Rect:
    return r


def raster_png(g: TableGeometry, dpi: int) -> bytes:
    """The table drawn alone on a scratch page and rendered: an image with no text layer."""
    scratch = pymupdf.open()
    page = scratch.new_page(width=g.width + 4, height=g.height + 4)
    cv = Canvas(scratch, 0)
    draw_table(g, cv, 2, 2)
    cv.flush()
    png = page.get_pixmap(dpi=dpi).tobytes("png")
    scratch.close()
    return png


@dataclass
class Job:
    """A table to set, with every placement choice drawn for it."""
    content: TableContent
    style: TableStyle
    label: str  # truth label: "Table 3", "Table S2", "Table A.1"
    label_text: str  # as printed: "TABLE III", "Tab. 3"
    sep: str  # printed after label_text: ":", ".  ", ""
    placement: str  # flow, span, rotated_page, sideways, continued
    raster: bool
    caption_below: bool
    caption_lines: int
    stretch: bool
    label_bold: bool
    cont_label: str | None  # the line over a continued part
    tags: set[str] = field(default_factory=set)


@dataclass
class Block:
    job: Job
    geom: TableGeometry
    caption: list[str]  # wrapped caption lines (first holds the label)
    caption_text: str
    foot: list[str]
    width: float  # the area it is set in
    cap_size: float
    foot_size: float

    @property
    def cap_h(self) -> float:
        return len(self.caption) * self.cap_size * 1.25 + 6

    @property
    def foot_h(self) -> float:
        return len(self.foot) * self.foot_size * 1.25 + (4 if self.foot else 0)

    @property
    def height(self) -> float:
        return self.cap_h + self.geom.height + self.foot_h + 18  # 4 above, the rest below (float separation)


class PageRec:
    def __init__(self, doc: pymupdf.Document, pno: int, rotation: int = 0):
        self.doc, self.pno, self.rotation = doc, pno, rotation
        self.canvases: list[Canvas] = []

    def canvas(self, matrix: pymupdf.Matrix | None = None) -> Canvas:
        cv = Canvas(self.doc, self.pno, matrix)
        self.canvases.append(cv)
        return cv


class TablePlacer:
    """Mixed into layout.DocBuilder (which owns rng, doc, the flow state and printed_label)."""

    # ------------------------------------------------------------------ a job and its block
    def new_job(self):  # -> Block
        rng = self.rng
        n = self.number
        self.number += 1
        label, label_text, sep = self.printed_label(n)
        r = rng.random()
        placement = "rotated_page" if r < 0.06 else "sideways" if r < 0.11 else \
            "continued" if r < 0.21 and not self.two_col else "flow"
        if placement == "flow" and self.two_col and rng.random() < 0.35:
            placement = "span"
        job = Job(content=None, style=None, label=label, label_text=label_text, sep=sep, placement=placement,
                  raster=placement in ("flow", "span") and rng.random() < 0.08,
                  caption_below=placement != "continued" and rng.random() < 0.3,
                  caption_lines=rng.choice([1, 1, 2, 2, 3]), stretch=rng.random() < 0.2,
                  label_bold=rng.random() < 0.6,
                  cont_label=rng.choice([None, "{} (continued)", "{}. Continued", "{} (cont.)"]))
        if placement in ("rotated_page", "sideways"):
            width = self.H - 2 * self.my - (2 * self.mx if placement == "rotated_page" else 0)
            max_h = self.W - 2 * self.mx - (2 * self.my if placement == "rotated_page" else 0)
        else:
            x0, x1 = self.area(full=placement == "span")
            width, max_h = x1 - x0, self.col_height()
        max_cols = 12
        for attempt in range(40):
            job.content = make_table(rng, long=placement == "continued", max_cols=max_cols, styles=self.styles)
            job.style = TableStyle.draw(rng, self.styles)
            block = self.build_block(job, width, None if placement == "continued" else max_h)
            if block is not None:
                return block
            max_cols = max(2, max_cols - 1)
        raise RuntimeError(f"{self.name}: no table fits {width:.0f} x {max_h:.0f}")

    def build_block(self, job, width: float, max_h: float | None):
        st = job.style
        size = st.size
        cap_size = self.psize - self.rng.choice([0, 0.5, 1])
        foot_size = max(6.5, st.size - 1)
        while True:
            st.size = size
            g = measure(job.content, st, min_width=width if job.stretch else 0.0)
            cap_w = width if self.cap_width_is_area else max(g.width, min(width, 180.0))
            text, lines = self.caption_lines(job, cap_w, cap_size)
            note = job.content.footnote
            foot = wrap(note, FONTS[st.font][0], foot_size, cap_w) if note else []
            b = Block(job, g, lines, text, foot, width, cap_size, foot_size)
            if g.width <= width + 0.01 and (max_h is None or b.height <= max_h):
                return b
            if size <= 7:
                return None
            size -= 0.5

    def caption_lines(self, job, width: float, size: float) -> tuple[str, list[str]]:
        sentences = job.content.caption_sentences
        fnt = FONTS[self.pfont][0]
        best = None
        for k in range(1, len(sentences) + 1):
            text = " ".join(sentences[:k])
            lines = self.wrap_caption(job, text, width, fnt, size)
            if len(lines) > 3 and best is not None:
                break
            best = (text, lines)
            if len(lines) >= job.caption_lines:
                break
        return best

    def wrap_caption(self, job, text: str, width: float, fnt: str, size: float) -> list[str]:
        if job.sep == "":  # TABLE III on its own line, the caption under it
            return [job.label_text] + wrap(text, fnt, size, width)
        first = job.label_text + job.sep
        lines = [first]
        for word in text.split():
            cand = lines[-1] + ("" if lines[-1] == first and first.endswith("  ") else " ") + word
            if text_width(cand, fnt, size) <= width or lines[-1] == first:
                lines[-1] = cand
            else:
                lines.append(word)
        return lines

    # ------------------------------------------------------------------ drawing a block
    def draw_caption(self, b, cv: Canvas, x0: float, x1: float, y: float) -> None:
        job, size = b.job, b.cap_size
        fnt, bold = FONTS[self.pfont][0], FONTS[self.pfont][1]
        lead = size * 1.25
        centred = len(b.caption) == 1 or job.sep == ""
        for i, line in enumerate(b.caption):
            base = y + i * lead + 0.85 * size
            w = text_width(line, fnt, size)
            x = (x0 + x1) / 2 - w / 2 if centred else x0
            if i == 0 and job.label_bold and line.startswith(job.label_text):
                x = cv.text(x, base, job.label_text + job.sep.rstrip(), bold, size)
                rest = line[len(job.label_text + job.sep.rstrip()):]
                cv.text(x, base, rest, fnt, size)
            else:
                cv.text(x, base, line, fnt, size)

    def draw_block(self, b, cv: Canvas, x0: float, x1: float, y: float, page_no: int,
                   tmap: Map = _identity, geom: TableGeometry | None = None, caption: bool = True,
                   foot: bool = True) -> pymupdf.Rect:
        """Caption, table (or its image) and footnote from y down; returns the table's box (truth frame)."""
        job, g = b.job, geom or b.geom
        tx0 = x0 + (x1 - x0 - g.width) / 2
        cx0, cx1 = (x0, x1) if self.cap_width_is_area else \
            (min(tx0, (x0 + x1) / 2 - 90), max(tx0 + g.width, (x0 + x1) / 2 + 90))
        if caption and not job.caption_below:
            self.draw_caption(b, cv, cx0, cx1, y)
            y += b.cap_h
        ty = y
        if job.raster:
            png = raster_png(g, self.rng.choice([110, 150, 200, 300]))
            cv.image(pymupdf.Rect(tx0 - 2, ty - 2, tx0 + g.width + 2, ty + g.height + 2), png)
        else:
            draw_table(g, cv, tx0, ty)
        y += g.height
        if foot and b.foot:
            y += 4
            for i, line in enumerate(b.foot):
                cv.text(max(cx0, tx0), y + (i + 0.75) * b.foot_size * 1.25, line,
                        FONTS[job.style.font][0], b.foot_size)
            y += b.foot_h - 4
        if caption and job.caption_below:
            self.draw_caption(b, cv, cx0, cx1, y + 6)
        return tmap(pymupdf.Rect(tx0, ty, tx0 + g.width, ty + g.height))

    def truth(self, b, page_no: int, bbox: pymupdf.Rect, extra_tags: set[str]) -> dict:
        job, content, g = b.job, b.job.content, b.geom
        nh = content.header_rows
        grid = content.grid()
        tags = set(content.tags) | job.style.style_tags() | job.tags | extra_tags
        if any(len(g.lines.get((i, c), [""])) > 1 for i in range(nh) for c in range(content.n_cols)):
            tags.add("header_wrap")
        n_body = len(grid) - nh
        nc = content.n_cols
        tags |= {f"cols_{'2-3' if nc <= 3 else '4-6' if nc <= 6 else '7-9' if nc <= 9 else '10-12'}",
                 f"rows_{'2-5' if n_body <= 5 else '6-15' if n_body <= 15 else '16-30'}",
                 "caption_below" if job.caption_below else "caption_above",
                 f"label_{self.label_style}", f"caption_lines_{min(3, len(b.caption) - (job.sep == ''))}",
                 "twocol" if self.two_col and job.placement not in ("rotated_page", "sideways") else "onecol"}
        tags |= {"raster"} if job.raster else set()
        tags |= {"stretched"} if job.stretch else set()
        tags |= {job.placement} if job.placement in ("span", "rotated_page", "sideways") else set()
        return {"label": job.label, "label_text": job.label_text, "page": page_no, "pages": [page_no],
                "caption": b.caption_text, "header_rows": nh, "n_rows": len(grid), "n_cols": nc,
                "grid": grid, "spans": content.spans(), "footnote": content.footnote,
                "bbox": [round(v, 2) for v in bbox], "style": sorted(tags)}

    # ------------------------------------------------------------------ placing
    def place_table(self, b) -> None:
        job = b.job
        if job.placement in ("rotated_page", "sideways"):
            self.special.append(b)
        elif job.placement == "continued":
            self.place_continued(b)
        else:
            self.floats.append(b)
            self.place_floats()

    def place_floats(self) -> None:
        if self.hold_floats or self.cur is None:
            return
        while self.floats:
            b = self.floats[0]
            full = b.job.placement == "span"
            if (full and (not self.synced or self.col != 0)) or self.room() < b.height:
                return
            self.floats.pop(0)
            x0, x1, y = self.take_full(b.height) if full else self.take(b.height)
            bbox = self.draw_block(b, self.cv, x0, x1, y + 4, len(self.doc))
            self.tables.append(self.truth(b, len(self.doc), bbox, set()))

    def special_page(self, b) -> None:
        job = b.job
        page = self.doc.new_page(width=self.W, height=self.H)
        rec = PageRec(self.doc, len(self.doc) - 1)
        self.pages.append(rec)
        if job.placement == "rotated_page":
            rec.rotation = self.rng.choice([90, 90, 270])
            page.set_rotation(rec.rotation)
            matrix = page.derotation_matrix
            page.set_rotation(0)
            cv = rec.canvas(matrix)
            x0, x1, y, tmap = self.mx, self.H - self.mx, self.my, _identity
            width = self.H - 2 * self.mx
        else:
            matrix = pymupdf.Matrix(0, -1, 1, 0, self.mx, self.H - self.my)
            cv = rec.canvas(matrix)
            x0, x1, y = 0.0, self.H - 2 * self.my, 0.0
            width = x1

            def tmap(r: pymupdf.Rect) -> pymupdf.Rect:
                return r * matrix
            num = str(len(self.doc))
            rec.canvas().text(self.W / 2, self.H - self.my + 28, num, FONTS[self.pfont][0], 8)
        x1 = x0 + width
        bbox = self.draw_block(b, cv, x0, x1, y, len(self.doc), tmap)
        self.tables.append(self.truth(b, len(self.doc), bbox, set()))
        if job.placement == "rotated_page":  # running text under the landscape table
            fnt, size = FONTS[self.pfont][0], self.psize
            yy = y + b.height + 10
            for line in wrap(rt_prose.paragraph(self.rng, 3), fnt, size, width)[:6]:
                if yy + self.lead > self.W - self.my:
                    break
                self.set_line(cv, x0, x1, yy, line, fnt, size, False)
                yy += self.lead

    def place_continued(self, b) -> None:
        """Fill the page with text until the table no longer fits but its first rows do, then set it in
        parts: the header repeated on every later page, optionally under a '(continued)' line."""
        job, g, content = b.job, b.geom, b.job.content
        nh = content.header_rows
        head_h = sum(g.row_h[:nh])
        min_part = b.cap_h + head_h + sum(g.row_h[nh:nh + 5]) + 8  # a multirow group holds up to 4 rows
        whole = b.cap_h + g.height + b.foot_h + 8  # what the split below needs to set it all on one page
        for _ in range(60):
            if self.cur is None or self.room() < min_part:
                self.start_page()
                continue
            if self.room() < whole - sum(g.row_h[-3:]):  # at least three rows go on to the next page
                break
            # leave room for the first part only: between min_part and all but the last 3 rows
            hi = max(min_part, whole - sum(g.row_h[-3:]) - b.foot_h - 1)
            target = self.rng.uniform(min_part, hi)
            n_lines = max(1, int((self.room() - target) / self.lead) + 1)
            fnt, size = FONTS[self.pfont][0], self.psize
            x0, x1 = self.area()
            text = " ".join(rt_prose.paragraph(self.rng, 6) for _ in range(1 + n_lines // 8))
            lines = wrap(text, fnt, size, x1 - x0)[:max(1, n_lines)]
            for i, line in enumerate(lines):
                x0, x1, y = self.take(self.lead)
                self.set_line(self.cv, x0, x1, y, line, fnt, size, self.justify and i < len(lines) - 1)
        self.hold_floats = True  # nothing else may start a page between the parts
        body = list(range(nh, len(content.rows)))
        inside = {r for a, z in content.groups for r in range(a + 1, z)}  # no split inside a multirow group
        parts: list[list[int]] = []
        room = self.room() - b.cap_h - 8
        cont_h = b.cap_size * 1.25 + 6 if job.cont_label else 0.0
        while body:
            used, take = head_h, 0
            while take < len(body) and used + g.row_h[body[take]] <= room:
                used += g.row_h[body[take]]
                take += 1
            while 0 < take < len(body) and body[take] in inside:
                take -= 1
            if take == len(body) and room - used < b.foot_h and take > 1:
                take -= 1
                while take > 1 and body[take] in inside:
                    take -= 1
            if take == 0:
                raise RuntimeError(f"{self.name}: no row of a continued table fits (room {room:.0f} pt)")
            parts.append(body[:take])
            body = body[take:]
            room = self.col_height() - cont_h - 8
        pages, page_bboxes, row_pages = [], [], []
        for k, rows in enumerate(parts):
            if k:
                self.start_page()
            geom = measure(content, job.style, rows=list(range(nh)) + rows, col_w=g.col_w)
            x0, x1 = self.area()
            y = self.y[self.col] + 4
            if k and job.cont_label:
                line = job.cont_label.format(job.label_text)
                self.cv.text(x0 + (x1 - x0 - text_width(line, FONTS[self.pfont][0], b.cap_size)) / 2,
                             y + 0.85 * b.cap_size, line, FONTS[self.pfont][0], b.cap_size)
                y += cont_h
            bbox = self.draw_block(b, self.cv, x0, x1, y, len(self.doc), geom=geom, caption=k == 0,
                                   foot=k == len(parts) - 1)
            self.y[self.col] = bbox.y1 + (b.foot_h if k == len(parts) - 1 else 0) + 8
            pages.append(len(self.doc))
            page_bboxes.append([len(self.doc), [round(v, 2) for v in bbox]])
            row_pages += [len(self.doc)] * len(rows)
        self.hold_floats = False
        tags = {"continued"} | ({"continued_label"} if job.cont_label else set()) if len(parts) > 1 else set()
        t = self.truth(b, pages[0], pymupdf.Rect(page_bboxes[0][1]), tags)
        if len(parts) > 1:
            t.update(pages=pages, page_bboxes=page_bboxes, row_pages=row_pages)
        self.tables.append(t)
        self.place_floats()
