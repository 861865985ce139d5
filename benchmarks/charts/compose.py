"""Place a tool's one-page PDF on a letter page with a 'Figure N:' caption under it, and its truth record."""
from __future__ import annotations

from pathlib import Path

import pymupdf

from benchmarks.charts.spec import Spec, decimal_year

PAGE = (612.0, 792.0)
MARGIN = 72.0
CAPTION_GAP = 10.0


def content_box(page: pymupdf.Page) -> pymupdf.Rect:
    """What the tool drew: drawings that are not white page backgrounds, and text. A straight line's rect has
    no width or height and a rect union ignores it, so corners are taken (a frame's top line had been cut)."""
    xs: list[float] = []
    ys: list[float] = []
    for d in page.get_drawings():
        fill = d.get("fill")
        if fill is not None and min(fill) > 0.97 and d.get("color") is None:
            continue
        xs += [d["rect"].x0, d["rect"].x1]
        ys += [d["rect"].y0, d["rect"].y1]
    for b in page.get_text("blocks"):
        xs += [b[0], b[2]]
        ys += [b[1], b[3]]
    box = pymupdf.Rect(min(xs), min(ys), max(xs), max(ys)) if xs else pymupdf.Rect()
    return box & page.rect if not box.is_empty else page.rect


def compose(chart_pdf: Path, spec: Spec, number: int, tags: list[str], out_pdf: Path) -> dict:
    """Write the page and return the truth document (the shape `benchmarks/score.py` reads)."""
    src = pymupdf.open(chart_pdf)
    clip = content_box(src[0]) + (-2, -2, 2, 2)
    width = PAGE[0] - 2 * MARGIN
    scale = min(1.0, width / clip.width, 420 / clip.height)
    w, h = clip.width * scale, clip.height * scale
    x0 = (PAGE[0] - w) / 2
    where = pymupdf.Rect(x0, MARGIN, x0 + w, MARGIN + h)
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE[0], height=PAGE[1])
    page.show_pdf_page(where, src, 0, clip=clip)
    label = f"Figure {number}"
    caption_box = pymupdf.Rect(MARGIN, where.y1 + CAPTION_GAP, PAGE[0] - MARGIN, where.y1 + CAPTION_GAP + 40)
    page.insert_textbox(caption_box, f"{label}: {spec.caption}", fontname="tiro", fontsize=10)
    doc.save(out_pdf, garbage=3, deflate=True)
    bbox = [round(v, 2) for v in where]
    return {"tables": [], "figures": [_figure_truth(spec, label, tags, bbox)]}


def _figure_truth(spec: Spec, label: str, tags: list[str], bbox: list[float]) -> dict:
    multi = len(spec.panels) > 1
    first = spec.panels[0]
    series = []
    for k, chart in enumerate(spec.panels):
        panel = f"({chr(ord('a') + k)})" if multi else None
        for s in chart.series:
            row: dict = {"name": s.name, "x": _x_truth(chart.x_date, s.x), "y": list(s.y)}
            if chart.categories:
                row["x_categories"] = list(chart.categories)
            if s.y_err:
                row["y_err"] = list(s.y_err)
            if multi:
                row.update(panel=panel, x_range=list(chart.x_range), y_range=list(chart.y_range))
            series.append(row)
    out = {"label": label, "label_text": label, "caption": spec.caption, "kind": "multi" if multi else "chart",
           "style": tags, "x_label": first.x_title, "y_label": first.y_title,
           "x_range": _x_truth(first.x_date, first.x_range), "y_range": list(first.y_range), "page": 1, "bbox": bbox,
           "series": series}
    if first.x_date:  # days since 1970-01-01, or decimal years where the ticks are years
        out["x_date"] = first.x_date
    return out


def _x_truth(x_date: str, xs) -> list[float]:
    """x as the truth gives it: days since 1970-01-01 on a date axis, decimal years on a year axis."""
    return [decimal_year(v) for v in xs] if x_date == "years" else list(xs)
