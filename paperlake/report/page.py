"""The report as one static HTML page: per document, each table as an HTML table beside its page crop and
each figure crop beside its series re-plotted, every item with its confidence and review status, and a
status filter. Pure: records and crops in, HTML text out.

Every text that came from a PDF (cells, captions, labels, file names, series names) or from a curator goes
through `html_text`, so a cell reading `<script>` shows those characters and runs nothing. The page loads
nothing from elsewhere: its style and the few lines of filter script are inline; the filter works offline.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from paperlake.escaping import html_text
from paperlake.report.gather import STATUS_ORDER, Cell, Document, FigureEntry, ReportData, Review, TableEntry
from paperlake.report.images import Crop
from paperlake.report.plot import series_svgs
from paperlake.review.grid_html import grid_slots, span_attributes

STATUS_NAMES = {"auto_accepted": "auto-accepted", "needs_review": "needs review", "reviewed": "corrected",
                "rejected": "rejected"}
"""How each review status reads in the report."""

STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:0 24px 40px;color:#222;background:#f6f6f4}
header{position:sticky;top:0;background:#f6f6f4;padding:10px 0;border-bottom:1px solid #ccc;z-index:1}
h1{font-size:20px;margin:4px 0} h2{font-size:17px;margin:28px 0 8px} .muted{color:#666;font-size:12px}
#filter label{margin-right:14px;cursor:pointer}
.item{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px;background:#fff;
 border:1px solid #ddd;border-left:6px solid #999;border-radius:4px;padding:12px;margin:10px 0}
.item[data-status=auto_accepted]{border-left-color:#2e8b57} .item[data-status=needs_review]{border-left-color:#e0a800}
.item[data-status=reviewed]{border-left-color:#1f6fd1} .item[data-status=rejected]{border-left-color:#b22222}
.item h3{grid-column:1/-1;margin:0;font-size:15px} .meta{grid-column:1/-1;margin:0;font-size:13px}
.crop img{max-width:100%;border:1px solid #ccc} .nocrop{color:#b22222;font-style:italic}
.grid{overflow-x:auto} table.cells{border-collapse:collapse;font-size:12px}
table.cells td,table.cells th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;white-space:pre-wrap}
table.cells th{background:#eef}
.badge{display:inline-block;padding:0 6px;border-radius:8px;color:#fff;font-size:12px;background:#999}
.badge.auto_accepted{background:#2e8b57} .badge.needs_review{background:#b8860b} .badge.reviewed{background:#1f6fd1}
.badge.rejected{background:#b22222} .replot{background:#fafafa;border:1px solid #ddd;max-width:100%}
[hidden]{display:none!important}
"""

SCRIPT = """
(function () {
  var boxes = document.querySelectorAll('#filter input[type=checkbox]');
  function apply() {
    var shown = {};
    boxes.forEach(function (b) { shown[b.value] = b.checked; });
    document.querySelectorAll('.item').forEach(function (item) {
      item.hidden = !shown[item.getAttribute('data-status')];
    });
    document.querySelectorAll('section.document').forEach(function (doc) {
      var items = doc.querySelectorAll('.item');
      doc.hidden = items.length > 0 && doc.querySelectorAll('.item:not([hidden])').length === 0;
    });
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  apply();
})();
"""


def report_html(data: ReportData, crops: Mapping[str, Crop]) -> str:
    """The whole page for a snapshot; `crops` maps item ids to their crop (an item without one says so)."""
    statuses = [t.review.status for t in data.tables] + [f.review.status for f in data.figures]
    counts = {status: statuses.count(status) for status in dict.fromkeys([*STATUS_ORDER, *statuses])}
    sections = [document_section(doc, [t for t in data.tables if t.doc_id == doc.doc_id],
                                 [f for f in data.figures if f.doc_id == doc.doc_id], crops)
                for doc in data.documents]
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<title>paperlake report: {html_text(data.snapshot_id)}</title><style>{STYLE}</style></head><body>",
        "<header><h1>paperlake report</h1>",
        (f'<p class="muted">snapshot <code id="snapshot-id">{html_text(data.snapshot_id)}</code>, published '
         f"{html_text(data.created_at)}: {len(data.documents)} documents, {len(data.tables)} tables, "
         f"{len(data.figures)} figures</p>"),
        status_filter(counts), "</header><main>", *sections, "</main>",
        f"<script>{SCRIPT}</script></body></html>\n"])


def status_filter(counts: Mapping[str, int]) -> str:
    """A checkbox per review status (all ticked), with the number of items holding it."""
    boxes = "".join(
        f'<label><input type="checkbox" value="{html_text(status)}" checked> '
        f'<span class="badge {html_text(status)}">{html_text(STATUS_NAMES.get(status, status))}</span> '
        f"({count})</label>" for status, count in counts.items())
    return f'<form id="filter" onsubmit="return false">show: {boxes}</form>'


def document_section(doc: Document, tables: Sequence[TableEntry], figures: Sequence[FigureEntry],
                     crops: Mapping[str, Crop]) -> str:
    """One document: its file name, id, pages and status, then its items in page order."""
    items = sorted([(t.page, t.bbox[1], table_item(t, crops.get(t.table_id, Crop()))) for t in tables]
                   + [(f.page, f.bbox[1], figure_item(f, crops.get(f.figure_id, Crop()))) for f in figures],
                   key=lambda item: item[:2])
    error = f' <span class="nocrop">{html_text(doc.error)}</span>' if doc.error else ""
    return "".join([
        f'<section class="document" data-doc-id="{html_text(doc.doc_id)}">',
        f'<h2 class="file-name">{html_text(doc.file_name)}</h2>',
        (f'<p class="muted">{doc.n_pages} pages, status {html_text(doc.status)}{error}, '
         f"doc_id <code>{html_text(doc.doc_id)}</code></p>"),
        *([html for _, _, html in items] or ['<p class="muted">no tables or figures</p>']),
        "</section>"])


def table_item(table: TableEntry, crop: Crop) -> str:
    """A table's grid beside its page crop, with label, caption, page, confidence and status."""
    title = html_text(table.label or "Table (no label)")
    notes = f'<p class="muted">{html_text(table.footnotes)}</p>' if table.footnotes else ""
    return "".join([
        _article("table", table.review.status, table.table_id),
        f"<h3>{title} <span class=\"muted\">page {table.page}</span></h3>",
        _meta(table.caption, table.confidence, table.review, table.table_id),
        _crop(crop, f"page crop of {table.label or 'the table'}"),
        f'<div class="grid">{grid_html(table.cells, table.n_rows, table.n_cols)}{notes}</div>',
        "</article>"])


def figure_item(figure: FigureEntry, crop: Crop) -> str:
    """A figure's crop beside its series re-plotted, with kind, caption, page, confidence and status."""
    title = html_text(figure.label or "Figure (no label)")
    panel = (f' <span class="muted">panel of {html_text(figure.parent_figure_id)}</span>'
             if figure.parent_figure_id else "")
    plots = series_svgs(figure.series)
    replot = "".join(plots) if plots else '<p class="muted">no series recovered</p>'
    return "".join([
        _article("figure", figure.review.status, figure.figure_id),
        f'<h3>{title} <span class="muted">page {figure.page}, {html_text(figure.kind)}</span>{panel}</h3>',
        _meta(figure.caption, figure.confidence, figure.review, figure.figure_id),
        _crop(crop, f"crop of {figure.label or 'the figure'}"),
        f'<div class="series">{replot}</div>',
        "</article>"])


def grid_html(cells: Sequence[Cell], n_rows: int, n_cols: int) -> str:
    """The table's grid as an HTML table: header cells as <th>, spans as rowspan/colspan, the slots a
    spanning cell covers left out, a slot with no cell as an empty <td>."""
    n_rows = max([n_rows, *(c.row + c.row_span for c in cells)])
    n_cols = max([n_cols, *(c.col + c.col_span for c in cells)])
    at = {(c.row, c.col): c for c in cells}
    placed = [(c.row, c.col, c.row_span, c.col_span, c.text) for c in cells]
    rows = []
    for slots in grid_slots(placed, n_rows, n_cols):
        shown = []
        for r, c, row_span, col_span, text in slots:
            if text is None:
                shown.append("<td></td>")
                continue
            tag = "th" if at[(r, c)].is_header else "td"
            shown.append(f"<{tag}{span_attributes(row_span, col_span)}>{html_text(text)}</{tag}>")
        rows.append("<tr>" + "".join(shown) + "</tr>")
    return '<table class="cells"><tbody>' + "".join(rows) + "</tbody></table>"


def status_html(review: Review) -> str:
    """The status badge, with the reason an item was sent to review or who corrected it and when."""
    badge = f'<span class="badge {html_text(review.status)}">{html_text(STATUS_NAMES.get(review.status, review.status))}</span>'
    detail = review.reason if review.status == "needs_review" else " ".join(
        part for part in (f"by {review.reviewed_by}" if review.reviewed_by else "",
                          f"at {review.reviewed_at}" if review.reviewed_at else "") if part)
    return badge + (f' <span class="reason">{html_text(detail)}</span>' if detail else "")


def _article(kind: str, status: str, item_id: str) -> str:
    return f'<article class="item {kind}" data-status="{html_text(status)}" data-id="{html_text(item_id)}">'


def _meta(caption: str | None, confidence: float, review: Review, item_id: str) -> str:
    caption_html = f'<span class="caption">{html_text(caption)}</span><br>' if caption else ""
    return (f'<p class="meta">{caption_html}confidence <b class="confidence">{confidence:.2f}</b> · '
            f'{status_html(review)} · <code class="muted">{html_text(item_id)}</code></p>')


def _crop(crop: Crop, alt: str) -> str:
    if crop.src:
        return f'<div class="crop"><img src="{html_text(crop.src)}" alt="{html_text(alt)}"></div>'
    return f'<div class="crop"><p class="nocrop">{html_text(crop.missing_reason or "no crop")}</p></div>'
