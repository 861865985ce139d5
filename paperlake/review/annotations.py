"""A submitted Label Studio annotation read as a `Correction`: the curator's verdict, box (back in PDF points),
grid, header rows, caption, figure kind and points, what changed against what the task showed, and how many
characters the curator edited (`edit_distance`). Pure functions, no I/O."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from paperlake.review.corrections import ACCEPT, BOX_TOLERANCE, KINDS, REJECT, Correction, CorrectionError
from paperlake.review.series_corrections import SERIES_CSV, series_changed
from paperlake.review.tasks import (
    BOX,
    CAPTION,
    FIGURE_KIND,
    GRID_CSV,
    N_HEADER_ROWS,
    VERDICT,
    csv_to_grid,
    pdf_box,
)


def annotation_to_correction(task_data: Mapping[str, Any], result: Sequence[Mapping[str, Any]], *,
                             reviewed_by: str, reviewed_at: str, task_id: int | None = None,
                             annotation_id: int | None = None) -> Correction:
    """Read a submitted annotation's result (Label Studio JSON) against the task it was made on.

    task_data is the task's data as paperlake pushed it (item_id, item_kind, crop_bbox, grid_csv,
    caption, ... see paperlake.review.tasks). The box goes back to PDF points through the crop box; the
    CSV grid is parsed with csv_to_grid. Raises CorrectionError when the result has no verdict, or
    accepts an item without a box.
    """
    kind = str(task_data.get("item_kind", ""))
    if kind not in KINDS:
        raise CorrectionError(f"task is not a paperlake review task (item_kind {kind!r})")
    verdict = _choice(result, VERDICT)
    if verdict not in (ACCEPT, REJECT):
        raise CorrectionError("no verdict: choose accept or reject")
    base = {"item_id": str(task_data["item_id"]), "kind": kind, "doc_id": str(task_data["doc_id"]),
            "verdict": verdict, "reviewed_by": reviewed_by, "reviewed_at": reviewed_at,
            "method": str(task_data.get("method", "")), "seen_hash": str(task_data.get("content_hash", "")),
            "task_id": task_id, "annotation_id": annotation_id}
    if verdict == REJECT:
        return Correction(**base)
    rectangle = _rectangle(result)
    if rectangle is None:
        raise CorrectionError("accepted without a box: draw the box around the item")
    region_id, value = rectangle
    box = pdf_box((value["x"], value["y"], value["width"], value["height"]), tuple(task_data["crop_bbox"]))
    box = tuple(round(v, 2) for v in box)
    caption = _region_text(result, CAPTION, region_id)
    shown_caption = str(task_data.get(CAPTION) or "")
    changed, distance = [], 0
    if max(abs(a - b) for a, b in zip(box, task_data["item_bbox"])) > BOX_TOLERANCE:
        changed.append("box")
    fields: dict[str, Any] = {"box": box, "caption": caption or None}
    if kind == "table":
        grid_text = _region_text(result, GRID_CSV, region_id)
        grid = tuple(tuple(row) for row in csv_to_grid(grid_text))
        shown_grid = tuple(tuple(row) for row in csv_to_grid(str(task_data.get(GRID_CSV) or "")))
        n_header = _region_number(result, N_HEADER_ROWS, region_id)
        shown_header = int(task_data.get(N_HEADER_ROWS) or 0)
        n_header = shown_header if n_header is None else n_header
        if grid != shown_grid:
            changed.append("cells")
            distance += edit_distance(_csv_text(shown_grid), _csv_text(grid))
        if n_header != shown_header:
            changed.append("header_rows")
            distance += 1
        fields |= {"grid": grid, "n_header_rows": n_header}
    else:
        figure_kind = _choice(result, FIGURE_KIND) or str(task_data.get(FIGURE_KIND) or "")
        if figure_kind != str(task_data.get(FIGURE_KIND) or ""):
            changed.append("figure_kind")
            distance += 1
        fields["figure_kind"] = figure_kind
        if SERIES_CSV in task_data:  # a task pushed before points were shown leaves the series alone
            shown_points, points = str(task_data.get(SERIES_CSV) or ""), _region_text(result, SERIES_CSV, "")
            if series_changed(shown_points, points):
                changed.append("series")  # recorded, but outside outcome and edit_distance (see outcome)
                fields["series_csv"] = points
    if caption.strip() != shown_caption.strip():
        changed.append("caption")
        distance += edit_distance(shown_caption.strip(), caption.strip())
    return Correction(**base, **fields, changed=tuple(changed), edit_distance=distance)


def _choice(result: Sequence[Mapping[str, Any]], name: str) -> str | None:
    for item in result:
        if item.get("from_name") == name and item.get("type") == "choices":
            choices = item.get("value", {}).get("choices") or []
            return str(choices[0]) if choices else None
    return None


def _rectangle(result: Sequence[Mapping[str, Any]]) -> tuple[str, Mapping[str, Any]] | None:
    boxes = [item for item in result if item.get("from_name") == BOX and item.get("type") == "rectanglelabels"]
    if not boxes:
        return None
    return str(boxes[0].get("id")), boxes[0]["value"]


def _region_items(result: Sequence[Mapping[str, Any]], name: str, region_id: str) -> list[Mapping[str, Any]]:
    items = [item for item in result if item.get("from_name") == name]
    same = [item for item in items if str(item.get("id")) == region_id]
    return same or items  # a field whose region id differs (re-drawn box) still belongs to the one item


def _region_text(result: Sequence[Mapping[str, Any]], name: str, region_id: str) -> str:
    items = _region_items(result, name, region_id)
    if not items:
        return ""
    text = items[0].get("value", {}).get("text") or []
    return "\n".join(str(t) for t in text) if isinstance(text, list) else str(text)


def _region_number(result: Sequence[Mapping[str, Any]], name: str, region_id: str) -> int | None:
    items = _region_items(result, name, region_id)
    if not items:
        return None
    number = items[0].get("value", {}).get("number")
    return None if number is None else int(number)


def _csv_text(grid: Sequence[Sequence[str]]) -> str:
    return "\n".join(",".join(row) for row in grid)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two strings (insertions, deletions, substitutions of characters)."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a, end_b = end_a - 1, end_b - 1
    a, b = a[start:end_a], b[start:end_b]
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]
