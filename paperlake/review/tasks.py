"""Label Studio review tasks for tables and figures: pure converters, no I/O.

A task shows a curator a PNG crop of the page around one item, with the item's box drawn on it.
Boxes come in as PDF points (x0, y0, x1, y1, origin top-left, PyMuPDF's convention) and go out in
Label Studio's form: percent of the crop image (x, y, width, height), clipped to 0..100. A figure's box
and its per-region caption are one region (they share one id); a table's fields (CSV grid, header-row
count, caption) are top-level, shown without selecting the box. Control and object names match
label_configs/table_review.xml and label_configs/figure_review.xml.

Every task names its item as people know it: `file` (the source file name), `page`, `label` and
`location` ("Table 2, page 3 of smith2020.pdf"), and carries its `review_state` (paperlake.review.task_state).
Text from the PDF goes in as plain strings, shown by Text and TextArea tags, which render text, never
HTML; the one exception is `grid_html`, the table's grid for a HyperText tag, escaped cell by cell
(paperlake.review.grid_html).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Mapping
from typing import Any, TypeAlias

import pandas as pd

from extractors.types import BBox
from paperlake.review.grid_html import cells_to_html
from paperlake.review.series_corrections import SERIES_CSV, series_note, series_to_csv

PercentBox: TypeAlias = tuple[float, float, float, float]
"""x, y, width, height in percent of the crop image (Label Studio's rectangle value)."""

IMAGE, BOX, VERDICT = "image", "box", "verdict"
GRID_CSV, N_HEADER_ROWS, CAPTION, FIGURE_KIND = "grid_csv", "n_header_rows", "caption", "figure_kind"
GRID_HTML = "grid_html"
FIRST_STATE = "needs review"
"""review_state of a task when pushed: it shows an item that needs review (paperlake.review.task_state)."""
SERIES_PLOT = "series_plot"
FIGURE_KINDS = ("chart", "image", "diagram", "multi", "other")
"""The contract's figure_kind values, in the order of the figure config's Choices."""

_BOX_DECIMALS = 1  # box rounding (points) inside content_hash: sub-point jitter is not a change


def percent_box(item_bbox: BBox, crop_bbox: BBox) -> PercentBox:
    """The item's box in percent of the crop (x, y, width, height), each edge clipped to 0..100."""
    cx0, cy0, cw, ch = _crop_frame(crop_bbox)
    x0, y0, x1, y1 = (float(v) for v in item_bbox)
    left, right = _clip((x0 - cx0) / cw * 100), _clip((x1 - cx0) / cw * 100)
    top, bottom = _clip((y0 - cy0) / ch * 100), _clip((y1 - cy0) / ch * 100)
    return left, top, max(0.0, right - left), max(0.0, bottom - top)


def pdf_box(box: PercentBox, crop_bbox: BBox) -> BBox:
    """Inverse of percent_box: a Label Studio box (percent of the crop) back in PDF points."""
    cx0, cy0, cw, ch = _crop_frame(crop_bbox)
    x, y, w, h = (float(v) for v in box)
    return (cx0 + x / 100 * cw, cy0 + y / 100 * ch, cx0 + (x + w) / 100 * cw, cy0 + (y + h) / 100 * ch)


def cells_to_csv(cells: pd.DataFrame) -> str:
    """A table's cells (row, col, row_span, col_span, text) as CSV text, one line per grid row.

    The grid is rectangular; a spanning cell's text sits in its top-left slot and the slots it covers
    are empty. Cells holding commas, quotes or line breaks are quoted (RFC 4180 style); surrounding
    whitespace of a cell is dropped. An empty frame gives "".
    """
    grid = _cells_grid(cells)
    if not grid:
        return ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(grid)
    return buffer.getvalue().removesuffix("\n")


def csv_to_grid(text: str) -> list[list[str]]:
    """Parse CSV text (as cells_to_csv writes it, or as a curator edited it) into a rectangular grid.

    Blank lines are skipped, short rows are padded with "" to the widest row, and each cell's
    surrounding whitespace is dropped, so cells_to_csv's output reads back to the same grid.
    """
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if row]
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


def table_task(table_row: Mapping[str, Any], cells: pd.DataFrame, image_ref: str, crop_bbox: BBox,
               image_size: tuple[int, int] | None = None) -> dict[str, Any]:
    """One Label Studio task (data + prediction) for a table that needs review.

    table_row holds the contract's tables columns plus review_reason and evidence (and file_name, the
    document's source file, when known); cells are that table's table_cells rows; image_ref is the crop's
    URL for Label Studio; crop_bbox is the crop's box in PDF points; image_size, the crop's (width, height)
    in pixels, fills original_width/height. The grid, header-row count and caption are top-level fields,
    visible without selecting the box; grid_html shows the grid as a table beside the CSV.
    """
    grid_csv, n_header = _table_fields(table_row, cells)
    data = _base_data("table", table_row, str(table_row["table_id"]), image_ref, crop_bbox)
    data |= {GRID_CSV: grid_csv, N_HEADER_ROWS: n_header, GRID_HTML: cells_to_html(cells, n_header)}
    data["content_hash"] = table_content_hash(table_row, cells)
    region = _Region(data["item_id"], table_row, crop_bbox, image_size)
    item_id = data["item_id"]
    result = [region.rectangle("Table")]
    if grid_csv:
        result.append(_top_level(item_id, GRID_CSV, "textarea", {"text": [grid_csv]}))
    result.append(_top_level(item_id, N_HEADER_ROWS, "number", {"number": n_header}))
    if data[CAPTION]:
        result.append(_top_level(item_id, CAPTION, "textarea", {"text": [data[CAPTION]]}))
    return {"data": data, "predictions": [_prediction(table_row, result)]}


def figure_task(figure_row: Mapping[str, Any], image_ref: str, crop_bbox: BBox,
                image_size: tuple[int, int] | None = None, series: pd.DataFrame | None = None,
                series_plot_ref: str = "") -> dict[str, Any]:
    """One Label Studio task (data + prediction) for a figure that needs review (see table_task).

    series are the figure's figure_series rows (None or empty: none recovered); they go into the task as
    editable CSV (`series_csv`, pre-filled as a prediction) with a line saying how many there are, and
    series_plot_ref is the URL of their re-plot (paperlake.review.series_plot) shown beside the crop. A panel
    has no series_csv: the contract keeps a multi-panel figure's points on the whole figure.
    """
    kind = _figure_kind(figure_row)
    data = _base_data("figure", figure_row, str(figure_row["figure_id"]), image_ref, crop_bbox)
    data[FIGURE_KIND] = kind
    parent = _plain(figure_row.get("parent_figure_id"))
    data |= {SERIES_CSV: series_to_csv(series), "series_note": series_note(series, parent), SERIES_PLOT: series_plot_ref}
    if parent:
        del data[SERIES_CSV]  # what a curator types on a panel's task is not read back (see corrections)
    data["content_hash"] = figure_content_hash(figure_row, series)
    region = _Region(data["item_id"], figure_row, crop_bbox, image_size)
    result = [region.rectangle("Figure")]
    if data[CAPTION]:
        result.append(region.field(CAPTION, "textarea", {"text": [data[CAPTION]]}))
    if kind:
        result.append({"id": _short_id(data["item_id"], FIGURE_KIND), "from_name": FIGURE_KIND,
                       "to_name": IMAGE, "type": "choices", "value": {"choices": [kind]}})
    if data.get(SERIES_CSV):
        result.append({"id": _short_id(data["item_id"], SERIES_CSV), "from_name": SERIES_CSV,
                       "to_name": IMAGE, "type": "textarea", "value": {"text": [data[SERIES_CSV]]}})
    return {"data": data, "predictions": [_prediction(figure_row, result)]}


def table_content_hash(table_row: Mapping[str, Any], cells: pd.DataFrame) -> str:
    """sha256 of what a curator reviews of a table: page, box (to 0.1 pt), caption, CSV grid, header rows.

    Confidence, method, review fields and the crop do not count: the same table re-extracted by a newer
    extractor that finds the same content has the same hash.
    """
    grid_csv, n_header = _table_fields(table_row, cells)
    return _content_hash({**_hashed_row("table", table_row), GRID_CSV: grid_csv, N_HEADER_ROWS: n_header})


def figure_content_hash(figure_row: Mapping[str, Any], series: pd.DataFrame | None = None) -> str:
    """sha256 of what a curator reviews of a figure: page, box (to 0.1 pt), caption, figure kind, and its
    chart points (as CSV) when it has any, so a figure without series hashes as it did before they were shown."""
    payload = {**_hashed_row("figure", figure_row), FIGURE_KIND: _figure_kind(figure_row)}
    points = series_to_csv(series)
    return _content_hash({**payload, SERIES_CSV: points} if points else payload)


def _table_fields(table_row: Mapping[str, Any], cells: pd.DataFrame) -> tuple[str, int]:
    n_header = _optional_int(table_row.get("n_header_rows"))
    return cells_to_csv(cells), _leading_header_rows(cells) if n_header is None else n_header


def _figure_kind(figure_row: Mapping[str, Any]) -> str:
    kind = _plain(figure_row.get("figure_kind"))
    return kind if kind in FIGURE_KINDS else ""


class _Region:
    """The item's one region: a rectangle and the per-region fields that share its id."""

    def __init__(self, item_id: str, row: Mapping[str, Any], crop_bbox: BBox,
                 image_size: tuple[int, int] | None) -> None:
        self.id = _short_id(item_id, BOX)
        x, y, w, h = percent_box(_item_bbox(row), crop_bbox)
        self.geometry = {"x": x, "y": y, "width": w, "height": h, "rotation": 0}
        self.envelope: dict[str, Any] = {}
        if image_size is not None:
            self.envelope = {"original_width": int(image_size[0]), "original_height": int(image_size[1]),
                             "image_rotation": 0}

    def rectangle(self, label: str) -> dict[str, Any]:
        return self.field(BOX, "rectanglelabels", {"rectanglelabels": [label]})

    def field(self, from_name: str, kind: str, value: dict[str, Any]) -> dict[str, Any]:
        return {"id": self.id, "from_name": from_name, "to_name": IMAGE, "type": kind, **self.envelope,
                "value": {**self.geometry, **value}}


def item_location(label: str, page: int, file_name: str) -> str:
    """What a curator calls an item: `Table 2, page 3 of smith2020.pdf` (`Page 3 of ...` without a label)."""
    where = f"page {page} of {file_name}"
    return f"{label}, {where}" if label else f"P{where[1:]}"


def _top_level(item_id: str, from_name: str, kind: str, value: dict[str, Any]) -> dict[str, Any]:
    """A field of the whole task (not of a region): its own id, no geometry."""
    return {"id": _short_id(item_id, from_name), "from_name": from_name, "to_name": IMAGE, "type": kind,
            "value": value}


def _base_data(kind: str, row: Mapping[str, Any], item_id: str, image_ref: str,
               crop_bbox: BBox) -> dict[str, Any]:
    page, doc_id, label = int(row["page"]), str(row["doc_id"]), _plain(row.get("label"))
    file_name = _plain(row.get("file_name")) or f"document {doc_id[:12]}"
    return {
        IMAGE: image_ref, "item_kind": kind, "item_id": item_id, "doc_id": doc_id, "file": file_name,
        "page": page, "label": label, CAPTION: _plain(row.get("caption")),
        "method": _plain(row.get("method")), "review_reason": _plain(row.get("review_reason")),
        "review_state": FIRST_STATE, "evidence": _plain(row.get("evidence")),
        "location": item_location(label, page, file_name),
        "item_bbox": [float(v) for v in _item_bbox(row)], "crop_bbox": [float(v) for v in crop_bbox],
    }


def _hashed_row(kind: str, row: Mapping[str, Any]) -> dict[str, Any]:
    box = [round(v, _BOX_DECIMALS) for v in _item_bbox(row)]
    return {"kind": kind, "page": int(row["page"]), "bbox": box, CAPTION: _plain(row.get("caption"))}


def _content_hash(payload: Mapping[str, Any]) -> str:
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _prediction(row: Mapping[str, Any], result: list[dict[str, Any]]) -> dict[str, Any]:
    return {"model_version": _plain(row.get("method")), "score": float(row["confidence"]), "result": result}


def _cells_grid(cells: pd.DataFrame) -> list[list[str]]:
    if cells.empty:
        return []
    placed = [(int(row), int(col), _span(row_span), _span(col_span), _plain(text).strip())  # columns, not rows:
              for row, col, row_span, col_span, text  # itertuples made a named tuple class each call
              in zip(cells["row"], cells["col"], cells["row_span"], cells["col_span"], cells["text"])]
    n_rows = max(r + rs for r, _, rs, _, _ in placed)
    n_cols = max(c + cs for _, c, _, cs, _ in placed)
    grid = [[""] * n_cols for _ in range(n_rows)]
    for r, c, _, _, text in placed:
        grid[r][c] = text
    return grid


def _leading_header_rows(cells: pd.DataFrame) -> int:
    """Leading grid rows whose every covering cell is a header cell (when the row gives no count)."""
    if cells.empty or "is_header" not in cells:
        return 0
    spans = [(int(row), int(row) + _span(row_span), bool(is_header) if not _is_missing(is_header) else False)
             for row, row_span, is_header in zip(cells["row"], cells["row_span"], cells["is_header"])]
    count = 0
    while True:
        covering = [is_header for start, stop, is_header in spans if start <= count < stop]
        if not covering or not all(covering):
            return count
        count += 1


def _item_bbox(row: Mapping[str, Any]) -> BBox:
    return float(row["x0"]), float(row["y0"]), float(row["x1"]), float(row["y1"])


def _crop_frame(crop_bbox: BBox) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in crop_bbox)
    if x1 <= x0 or y1 <= y0:
        raise ValueError(f"crop box has no area: {crop_bbox!r}")
    return x0, y0, x1 - x0, y1 - y0


def _clip(value: float) -> float:
    return min(100.0, max(0.0, value))


def _short_id(item_id: str, part: str) -> str:
    """A stable 10-character region id, so re-built tasks are byte-identical."""
    return hashlib.sha256(f"{item_id}/{part}".encode()).hexdigest()[:10]


def _span(value: Any) -> int:
    return max(1, _optional_int(value) or 1)


def _optional_int(value: Any) -> int | None:
    return None if _is_missing(value) else int(value)


def _plain(value: Any) -> str:
    """A cell or field as a plain string; missing values (None, NaN, NA) become ""."""
    return "" if _is_missing(value) else str(value)


def _is_missing(value: Any) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))
