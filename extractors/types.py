"""Type aliases shared by every extractor: one place says what a box or a page number is."""
from __future__ import annotations

from typing import TypeAlias

BBox: TypeAlias = tuple[float, float, float, float]
"""x0, y0, x1, y1 in PDF points, origin at the page's top-left corner (PyMuPDF's convention)."""

PageNo: TypeAlias = int
"""1-based page number."""


def bbox_union(boxes: "list[BBox] | tuple[BBox, ...]") -> BBox:
    """Smallest box holding every box given (which must not be empty)."""
    if len(boxes) == 1:  # most unions are of one box (a line of one word): the same four numbers
        b = boxes[0]
        return b[0], b[1], b[2], b[3]
    x0s, y0s, x1s, y1s = list(zip(*boxes))[:4]  # one pass over the boxes rather than four (the same min and max)
    return min(x0s), min(y0s), max(x1s), max(y1s)


def bbox_area(box: BBox) -> float:
    """Area of a box; zero for a degenerate one."""
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def bbox_intersection(a: BBox, b: BBox) -> float:
    """Area shared by two boxes."""
    return bbox_area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def bbox_iou(a: BBox, b: BBox) -> float:
    """Intersection over union of two boxes (0 when either is empty)."""
    inter = bbox_intersection(a, b)
    union = bbox_area(a) + bbox_area(b) - inter
    return inter / union if union > 0 else 0.0
