"""Where a chart's axis text stands: the tick label words beside each axis, a common factor printed at an
axis's end, and the axis titles. Pure functions over the page's text lines around one plot area."""
from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence

from extractors.charts.dates import date_lead, separate_dates
from extractors.charts.ticks import Axis, parse_tick
from extractors.page_content import TextLine, Word
from extractors.types import BBox

_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})
LABEL_REACH = 28.0  # points: tick labels sit this close to their axis


def x_tick_words(lines: Sequence[TextLine], area: BBox) -> list[Word]:
    """Labels of the first text row under the x axis, within the plot's width (a rotated line is one label).
    A word wholly left of the y axis is none (an x label is centred on its tick or ends at it): the lowest y
    tick label, centred on the x axis when the y range starts at a tick, hangs just under it."""
    x0, _, x1, y1 = area
    units = [w for ln in lines if ln.horizontal for w in ln.words]
    units += [_turned_label(ln) for ln in lines if not ln.horizontal]
    cands = [w for w in units
             if y1 + 1 <= (w.bbox[1] + w.bbox[3]) / 2 <= y1 + LABEL_REACH + 20 and w.bbox[1] >= y1 - 3
             and w.bbox[1] <= y1 + LABEL_REACH and x0 - 15 <= (w.bbox[0] + w.bbox[2]) / 2 <= x1 + 15
             and w.bbox[2] >= x0 - 1]
    if not cands:
        return []
    top = min(w.bbox[1] for w in cands)
    row = [w for w in cands if w.bbox[1] - top <= 4.0]
    lead = True
    while lead:  # the `Apr` of `Apr 2015`, `05 Apr` of `05 Apr 1998` at the axis's start may begin left of it
        lead = [w for w in units if w.bbox[2] < x0 - 1 and w not in row and date_lead(w) and any(
            0 <= c.bbox[0] - w.bbox[2] < 0.45 * c.size and abs(c.bbox[1] - w.bbox[1]) < 2 for c in row)]
        row += lead
    return sorted(row, key=lambda w: w.bbox[0])


def _turned_label(line: TextLine) -> Word:
    """A turned tick label as one word, narrowed to the end it hangs from: a slanted label reading up to
    the right ends at its tick (top right corner), one reading down to the right starts there (Calc and
    matplotlib's `autofmt_xdate` slant crowded dates); an upright one is centred on its tick."""
    x0, y0, x1, y1 = line.bbox
    dx, dy = line.direction
    if abs(dx) > 0.2 and abs(dy) > 0.2:
        anchor = x1 if (dx > 0) == (dy < 0) else x0
        return Word(line.text, (anchor - 1.0, y0, anchor + 1.0, y1), line.size)
    return Word(line.text, line.bbox, line.size)


def y_tick_words(lines: Sequence[TextLine], area: BBox) -> list[Word]:
    """Right-aligned words just left of the y axis, within the plot's height (one label per row)."""
    x0, y0, _, y1 = area
    units = [w for ln in lines if ln.horizontal for w in ln.words]
    turned = [Word(ln.text, ln.bbox, ln.size) for ln in lines if not ln.horizontal
              and x0 - LABEL_REACH - 10 <= ln.bbox[2] <= x0 + 1 and y0 - 6 <= (ln.bbox[1] + ln.bbox[3]) / 2 <= y1 + 6]
    numeric = [w for w in turned if parse_tick(w.text) is not None]
    units += turned if len(turned) >= 3 else numeric  # R prints tick labels along the axis; a turned line
    # or two of words alone are the axis title
    cands = [w for w in units
             if x0 - LABEL_REACH - 10 <= w.bbox[2] <= x0 + 1 and y0 - 6 <= (w.bbox[1] + w.bbox[3]) / 2 <= y1 + 6
             and not _in_label_row(w, units, y1)]
    if not cands:
        return []
    right = max(w.bbox[2] for w in cands)
    col = [w for w in cands if right - w.bbox[2] <= 4.0]
    rows: dict[int, Word] = {}
    for w in col:
        rows.setdefault(round((w.bbox[1] + w.bbox[3]) / 4), w)
    left = [w for w in units if w.bbox[2] <= x0 + 1 and y0 - 6 <= (w.bbox[1] + w.bbox[3]) / 2 <= y1 + 6]
    return [_with_words_left(w, left) for w in rows.values()]  # a wide `2.5 × 10⁻⁵` starts beyond the reach


def _in_label_row(word: Word, words: Sequence[Word], bottom: float) -> bool:
    """A word below the plot's bottom in a row of three or more words: an x axis's labels (the panel to the
    left's `1800` just under this panel's corner, realdev R05 Figure 6), not this y axis's lowest label."""
    mid = (word.bbox[1] + word.bbox[3]) / 2
    if mid <= bottom + 1:
        return False
    return sum(1 for w in words if w is not word and abs((w.bbox[1] + w.bbox[3]) / 2 - mid) <= 2.0
               and w.bbox[2] < word.bbox[0]) >= 2


def axis_factor(lines: Sequence[TextLine], area: BBox, x: bool, tick_ids: set[int]) -> tuple[float, Word] | None:
    """A common factor printed at an axis's far end (`1e−7`, `×10⁻⁷`, as plotting tools set it when tick
    labels would be too long): above the y axis's top, or below the x axis's right end. With the word.
    A tick label (`1e+03` at the top of an axis) is no factor; glyph boxes may be tall, so centres count."""
    x0, y0, x1, y1 = area
    for ln in lines:
        if not ln.horizontal:
            continue
        for w in ln.words:
            b = w.bbox
            cy = (b[1] + b[3]) / 2
            if id(w) in tick_ids:
                continue
            if x:
                where = b[0] >= x1 - 60 and b[2] <= x1 + 45 and y1 + 8 <= cy <= y1 + 45
            else:
                where = b[0] >= x0 - 30 and x0 + 3 <= b[2] <= x0 + 70 and y0 - 28 <= cy <= y0 + 1
            factor = _power_of_ten(w) if where else None
            if factor is not None:
                return factor, w
    return None


def _power_of_ten(word: Word) -> float | None:
    """`1e−7`, `1e7`, `×10⁻⁷`, `×10−7`, `·10⁶` (raised exponent) → 10⁻⁷ …; an additive `+1e3` offset is not
    a factor."""
    text = word.text.strip().translate(_MINUS_SIGNS)
    m = re.fullmatch(r"1e([-+]?\d+)", text, re.IGNORECASE)
    if m:
        return 10.0 ** int(m.group(1))
    if text.startswith(("×", "x", "·", "⋅")):  # pgfplots prints ·10⁶
        value = parse_tick(text[1:], word.superscript)
        if value is not None and value > 0 and abs(math.log10(value) - round(math.log10(value))) < 1e-9:
            return value
    return None


def scaled(axis: Axis | None, factor: tuple[float, Word] | None) -> Axis | None:
    """An axis whose tick labels are to be multiplied by a common factor."""
    if axis is None or factor is None or axis.scale != "linear":
        return axis
    return dataclasses.replace(axis, a=axis.a * factor[0], b=axis.b * factor[0])


def _with_words_left(word: Word, words: Sequence[Word]) -> Word:
    """A right-aligned tick label with the words just left of it in its row: `1 · 10⁻³`, `Random forest`."""
    cy = (word.bbox[1] + word.bbox[3]) / 2
    out = word
    for w in sorted(words, key=lambda w: -w.bbox[2]):
        if w is word or abs((w.bbox[1] + w.bbox[3]) / 2 - cy) > 0.3 * max(w.size, 1.0):
            continue
        if 0 <= out.bbox[0] - w.bbox[2] < 0.6 * max(w.size, 1.0) + 1:
            out = Word(w.text + " " + out.text, (w.bbox[0], min(w.bbox[1], out.bbox[1]), out.bbox[2],
                                                  max(w.bbox[3], out.bbox[3])), max(w.size, out.size), w.bold,
                       out.superscript)
    return out


def merge_words(words: Sequence[Word], ticks: Sequence[float] = ()) -> list[Word]:
    """Join words of one multi-word tick label ("Random forest", "Jul 2014") by their small gaps; not two
    dates at two ticks (crowded `2004-07-01 2004-07-15`)."""
    out: list[Word] = []
    for w in words:
        if out and w.bbox[0] - out[-1].bbox[2] < 0.45 * w.size and abs(w.bbox[1] - out[-1].bbox[1]) < 2 \
                and not _two_numbers(out[-1].text, w.text) and not separate_dates(out[-1], w, ticks):
            p = out[-1]
            out[-1] = Word(p.text + " " + w.text, (p.bbox[0], min(p.bbox[1], w.bbox[1]), w.bbox[2],
                                                    max(p.bbox[3], w.bbox[3])), max(p.size, w.size), p.bold,
                           w.superscript)
        else:
            out.append(w)
    return out


def _two_numbers(left: str, right: str) -> bool:
    """Two tick labels set close (LibreOffice's 9.76 10.76 on a narrow axis), not one label; a group of three
    digits after a number is its thousands (`10 000`)."""
    return parse_tick(left) is not None and parse_tick(right) is not None and not re.fullmatch(r"\d{3}", right)


def x_axis_title(lines: Sequence[TextLine], area: BBox, tick_words: Sequence[Word], used: set[int]) -> str | None:
    x0, _, x1, y1 = area
    floor = max(((w.bbox[1] + w.bbox[3]) / 2 for w in tick_words), default=y1)
    cands = [ln for ln in lines if ln.horizontal and (ln.bbox[1] + ln.bbox[3]) / 2 >= floor + 3
             and ln.bbox[1] <= floor + 30
             and x0 <= (ln.bbox[0] + ln.bbox[2]) / 2 <= x1 and not any(id(w) in used for w in ln.words)
             and not ln.text.startswith("(")]
    if not cands:
        return None
    return min(cands, key=lambda ln: ln.bbox[1]).text


def y_axis_title(lines: Sequence[TextLine], area: BBox, tick_words: Sequence[Word]) -> str | None:
    x0, y0, _, y1 = area
    wall = min((w.bbox[0] for w in tick_words), default=x0)
    cands = [ln for ln in lines if not ln.horizontal and ln.bbox[2] <= wall + 2 and ln.bbox[2] >= wall - 40
             and y0 - 5 <= (ln.bbox[1] + ln.bbox[3]) / 2 <= y1 + 5]
    if not cands:
        return None
    return max(cands, key=lambda ln: ln.bbox[2]).text
