"""Rows set apart by space: in a table with no rules between its rows whose cells wrap over several lines,
each cell centred on its row (MNRAS, Word tables: `m{}` columns, padded cells), a row is the lines between
two wider gaps. Its bands, interleaved at half a line where cells of two and three lines sit side by side,
become one band, as the rules between the rows of a ruled table make them one row."""
from __future__ import annotations

from dataclasses import replace

from extractors.layout import Band, is_dot_row
from extractors.page_content import Rule, Word
from extractors.tables.base import Region, TableOptions
from extractors.tables.error_lines import with_error_lines_joined
from extractors.tables.header import _leading_text_rows, _mostly_numbers
from extractors.tables.segments import segment_bands
from extractors.tables.spans import MAX_LINES_PER_RULED_ROW, ruled_row_groups
from extractors.types import bbox_union

ROW_GAP_JUMP = 0.3  # em: the gaps between rows are wider than those between a cell's lines by this much
MIN_ROW_GAP = 0.45  # em: and blank for at least this much


def tidy_rows(region: Region) -> Region:
    """The region's bands as rows: dotted lines typed between rows dropped (separators, not rows), errors set
    under their values joined to them, and the lines of rows set apart by space joined (see `spaced_row_bands`)."""
    if any(is_dot_row(band) for band in region.bands):
        region = replace(region, bands=tuple(band for band in region.bands if not is_dot_row(band)))
    stacked = with_error_lines_joined(region.bands)  # `10.60` over `±0.23`: one row
    if stacked is not None:
        region = replace(region, bands=stacked)
    bands = spaced_row_bands(region)
    return region if bands is None else replace(region, bands=bands)


def spaced_row_bands(region: Region) -> tuple[Band, ...] | None:
    """The bands with each row's lines joined into one band, when the blank gaps between the bands fall in
    two clear sizes, a cell's line spacing and a wider row spacing (ROW_GAP_JUMP, MIN_ROW_GAP), two or more
    of the wider, and a row holds lines of several cells. Never across a rule, nor in the header (above the
    first wide rule inside the table, else the leading rows of text up to the last wider gap before the
    first number: read as before). None where rules between the rows say where rows end, or where a row
    so found holds two lines of numbers, two full lines starting at the left edge or two lines of figures
    filling all columns but one (rows grouped by space, or a \\multirow label between two rows: R05
    Table 5; not rows of several lines), or too many lines (cells of two and three lines side by side set
    a band every half line)."""
    bands = sorted(region.bands, key=lambda b: b.bbox[1])
    if len(bands) < 4 or ruled_row_groups(region) is not None:
        return None
    size = sorted(b.size for b in bands)[len(bands) // 2]
    gaps = [b.bbox[1] - a.bbox[3] for a, b in zip(bands, bands[1:])]
    ordered = sorted(gaps)
    at = next((k for k, (lo, hi) in enumerate(zip(ordered, ordered[1:]))  # the first clear step up
               if hi >= MIN_ROW_GAP * size and hi - lo >= ROW_GAP_JUMP * size), None)
    if at is None or len(ordered) - at - 1 < 2:  # (the wider gap over a header's rule is no row spacing)
        return None
    split = (ordered[at] + ordered[at + 1]) / 2
    ruled = [r for r in region.rules if r.horizontal]
    groups: list[list[Band]] = [[bands[0]]]
    for gap, above, band in zip(gaps, bands, bands[1:]):
        across = any(above.bbox[3] - 1 <= (r.bbox[1] + r.bbox[3]) / 2 <= band.bbox[1] + 1 for r in ruled)
        if gap > split or across:
            groups.append([band])
        else:
            groups[-1].append(band)
    segments = segment_bands(bands, region.rules, TableOptions())
    starts = [sum(len(g) for g in groups[:k]) for k in range(len(groups))]
    x0, _, x1, _ = region.bbox
    inner = [(r.bbox[1] + r.bbox[3]) / 2 for r in ruled if r.length >= 0.6 * (x1 - x0)
             and bands[0].bbox[3] <= (r.bbox[1] + r.bbox[3]) / 2 <= bands[-1].bbox[1]]
    header = sum(1 for b in bands if b.bbox[3] <= min(inner) + 1) if inner else \
        max(start for start in starts if start <= _leading_text_rows(segments))  # above the header's rule
    groups = [part for start, g in zip(starts, groups)  # the header's lines, lines a rule runs between, and
              for part in ([[b] for b in g]  # rows set from the top (read as before) stay
                           if start < header or _ruled_inside(g, ruled) or not _centred(segments[start:start + len(g)])
                           else [g])]
    if all(len(g) == 1 for g in groups) or any(len(g) > 2 * MAX_LINES_PER_RULED_ROW for g in groups):
        return None
    widest = max(len(s) for s in segments)
    left = min(b.bbox[0] for b in bands)
    k = 0
    for group in groups:
        lines = segments[k:k + len(group)]
        k += len(group)
        full = sum(1 for s, b in zip(lines, group) if len(s) >= max(2, widest) and b.bbox[0] < left + b.size)
        dense = sum(1 for s in lines if len(s) >= max(3, widest - 1)  # lines of values: rows, not wrapped lines
                    and sum(any(ch.isdigit() for w in seg for ch in w.text) for seg in s) >= 2)
        if len(group) > 1 and (sum(_mostly_numbers(s) for s in lines) >= 2 or full >= 2 or dense >= 2
                               or _cells_apart(lines, split)):
            return None
    return tuple(Band(tuple(sorted((ln for b in g for ln in b.lines), key=lambda ln: ln.bbox[0]))) for g in groups)


def _centred(lines: list[list[list[Word]]]) -> bool:
    """A cell starts below the run's first line, beside a cell already under way: cells centred on their row
    (rows set from the top, every cell starting on the first line, are read line by line as before)."""
    first = [(seg[0].bbox[0], max(w.bbox[2] for w in seg)) for seg in lines[0]]
    return any(all(seg[0].bbox[0] >= x1 or max(w.bbox[2] for w in seg) <= x0 for x0, x1 in first)
               for line in lines[1:] for seg in line)


def _cells_apart(lines: list[list[list[Word]]], split: float) -> bool:
    """Two lines of one column in a group stand a row's gap apart: two cells, the rows' spacing not the
    two sizes read (rows made taller by a label spanning them, a cell of one line between rows of two)."""
    for k, line in enumerate(lines):
        for seg in line:
            x0, x1, bottom = seg[0].bbox[0], max(w.bbox[2] for w in seg), max(w.bbox[3] for w in seg)
            below = [min(w.bbox[1] for w in other) for later in lines[k + 1:] for other in later
                     if other[0].bbox[0] < x1 and max(w.bbox[2] for w in other) > x0]
            if below and min(below) - bottom > split:
                return True
    return False


def _ruled_inside(group: list[Band], rules: list[Rule]) -> bool:
    """A horizontal rule runs between the group's lines (a \\cmidrule under a group label in the header)."""
    top, bottom = min(b.bbox[1] for b in group), max(b.bbox[3] for b in group)
    x0, x1 = min(b.bbox[0] for b in group), max(b.bbox[2] for b in group)
    return any(top < (r.bbox[1] + r.bbox[3]) / 2 < bottom and r.bbox[0] < x1 and r.bbox[2] > x0 for r in rules)


def between_rules(taken: list[Band], band: Band, rules: list[Rule]) -> bool:
    """The next band lies inside the box of the rows taken so far: a wide rule on the far side of them (the
    top rule) and another of the same extent beyond the band (the bottom rule), none between them and the
    band. A table whose rows are set apart by space is read past a gap wider than its lines' spacing."""
    x0, y0, x1, y1 = bbox_union([b.bbox for b in taken])
    if band.bbox[1] < y0:  # read upwards: mirror the page
        y0, y1, band_top, band_bottom, sign = -y1, -y0, -band.bbox[3], -band.bbox[1], -1.0
    else:
        band_top, band_bottom, sign = band.bbox[1], band.bbox[3], 1.0
    wide = [(sign * (r.bbox[1] + r.bbox[3]) / 2, r) for r in rules if r.horizontal
            and r.bbox[0] <= x0 + 2 and r.bbox[2] >= x1 - 2]
    near = [r for y, r in wide if y < y0]
    far = [r for y, r in wide if y > band_bottom]
    return not any(y1 - 1 <= y <= band_top + 1 for y, _ in wide) and any(
        abs(a.bbox[0] - b.bbox[0]) <= 3 and abs(a.bbox[2] - b.bbox[2]) <= 3 for a in near for b in far)
