"""A column of pictures: a table whose cells in one column hold only images (MDPI's rating graphic, structures,
photographs) has no words there, so the columns read from its words leave it out and its head was glued to the
head beside it (mdpi-smart-city Table 5: `Area weighing Final labelling`). A head over no column of words, with
a picture under it inside the table, heads a column of its own."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.page_content import Word
from extractors.types import BBox

MIN_PICTURE = 8.0  # points: smaller images are marks (bullets, ticks drawn as bitmaps), not a column's content


def with_picture_columns(head_rows: Sequence[Sequence[Sequence[Word]]], columns: list[tuple[float, float]],
                         pictures: Sequence[BBox], bottom: float) -> list[tuple[float, float]]:
    """The columns with one more for each head (a segment of the header rows) that overlaps no column and has
    a picture of MIN_PICTURE or more under it, above `bottom` (the table's last line): the picture's column."""
    added: list[tuple[float, float]] = []
    for row in head_rows:
        for seg in row:
            x0, x1, y1 = seg[0].bbox[0], max(w.bbox[2] for w in seg), max(w.bbox[3] for w in seg)
            if any(min(x1, b) - max(x0, a) > 0 for a, b in columns + added):
                continue
            under = [p for p in pictures if p[2] - p[0] >= MIN_PICTURE and p[3] - p[1] >= MIN_PICTURE
                     and p[1] >= y1 - 1 and p[1] < bottom
                     and min(x1, p[2]) - max(x0, p[0]) > 0.5 * min(x1 - x0, p[2] - p[0])]
            if under:
                added.append((x0, x1))
    return sorted(columns + added) if added else columns
