"""Date tick labels (`2021-03-04`, `Mar 2021`, `Mar-21`, `03/2021`, `Jan 05`, `Feb` with the year elsewhere) to
an axis in days since 1970-01-01. A date axis is linear in days, so it is fitted from the labels' positions
and their day numbers by least squares, as a numeric axis is. An axis whose labels are all plain numbers
(years alone: `2010 2015 2020`) is no date axis: it stays numeric, x in years, as a scientist reads it."""
from __future__ import annotations

import datetime
import functools
import itertools
import re
from collections.abc import Sequence

from extractors.charts.ticks import Axis, TickLabel, _fit
from extractors.page_content import TextLine, Word
from extractors.types import BBox

EPOCH = datetime.date(1970, 1, 1)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_DASHES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2019": "'", "\u00a0": " "})
_M = r"([a-z]{3,9})\.?"  # a month name or its abbreviation
_Y2 = r"'?(\d{2})"
# (pattern, the fields its groups give: y year, Y two-digit year, m month number, n month name, d day)
_FORMS = [
    (r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", "ymd"),  # 2021-03-04
    (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", "dmy"),  # 04.03.2021
    (r"(\d{1,2})/(\d{1,2})/(\d{4})", "mdy"),  # 03/04/2021
    (r"(\d{4})[-/](\d{1,2})", "ym"),  # 2021-03
    (r"(\d{1,2})/(\d{4})", "my"),  # 03/2021
    (r"(\d{4})-" + _M + r"(?:-(\d{1,2}))?", "ynd"),  # 2021-Mar, 2021-Mar-04 (matplotlib's offset)
    (_M + r"[ -]?(\d{4})", "ny"),  # Mar 2021, March 2021
    (_M + r"(?:-|\s*')" + r"(\d{2})", "nY"),  # Mar-21, Mar '21 (a hyphen or apostrophe: the year)
    (_M + r" (\d{1,2}),? (\d{4})", "ndy"),  # Mar 4, 2021
    (r"(\d{1,2})[ -]" + _M + r"[ -](\d{4})", "dny"),  # 04 Mar 2021
    (r"(\d{1,2})-" + _M + "-" + _Y2, "dnY"),  # 04-Mar-21
    (_M + r" (\d{1,2})", "nd"),  # Jan 05 (a space: the day)
    (r"(\d{1,2}) " + _M, "dn"),  # 05 Jan
    (_M, "n"),  # Feb
    (r"(\d{4})", "y"),  # 2021
    (r"(\d{1,2})", "d"),  # 08 (matplotlib's concise day ticks between month names)
]
_COMPILED = [(re.compile(p), f) for p, f in _FORMS]
Partial = list  # [year, month, day], None where the label does not say


def parse_date(text: str) -> Partial | None:
    """What a tick label says of a date: [year, month, day] with None for what it leaves out; None when it
    is no date (or no date part)."""
    parsed = _parse_date(text)  # every tick label candidate of every chart asks, often the same text
    return None if parsed is None else list(parsed)


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str) -> tuple[int | None, ...] | None:
    t = " ".join(text.translate(_DASHES).lower().split())
    for rx, fields in _COMPILED:
        m = rx.fullmatch(t)
        if not m:
            continue
        out: Partial = [None, None, None]
        for f, g in zip(fields, m.groups()):
            if g is None:
                continue
            if f == "n":
                month = _month(g)
                if month is None:
                    break
                out[1] = month
            elif f == "Y":
                out[0] = 2000 + int(g) if int(g) < 69 else 1900 + int(g)  # strftime's %y
            else:
                out["ymd".index(f)] = int(g)
        else:
            if _plausible(out):
                return tuple(out)
    return None


def _month(word: str) -> int | None:
    return next((k + 1 for k, name in enumerate(_MONTHS) if name.startswith(word) and len(word) >= 3), None)


def _plausible(p: Partial) -> bool:
    y, m, d = p
    return (y is None or 1800 <= y <= 2200) and (m is None or 1 <= m <= 12) and (d is None or 1 <= d <= 31)


def date_axis(labels: Sequence[TickLabel], offset: str = "") -> Axis | None:
    """The date axis the tick labels print, in days since 1970-01-01; None unless most labels (60 %, as for a
    numeric axis) read as (part of) a date, at least one names a month or a full date, and the dates rise along the axis in step with
    the labels' positions. Parts a label leaves out come from its neighbours (`2021 Feb Mar`, `Mar 08 15`)
    and from `offset`, the year or month printed apart near the axis's end (matplotlib's concise dates),
    which belongs to the last tick."""
    shown = [lab for lab in labels if lab.text.strip()]
    labs = sorted((lab for lab in shown if parse_date(lab.text) is not None), key=lambda lab: lab.pos)
    if len(labs) < 2 or len(labs) < 0.6 * len(shown):  # as a numeric axis, a label cut by the clip may go
        return None
    parts = [parse_date(lab.text) for lab in labs]
    bare = [lab.value is not None for lab in labs]  # plain numbers: years alone, days of the month
    off = parse_date(offset) if offset.strip() else None
    days_of = off is not None and off[0] is not None and off[1] is not None and all(p[0] is None for p in parts)
    if all(bare) and not days_of:  # numbers, unless days of the month the offset names (`08 15 22`, `2021-Oct`)
        return None
    dates: list[Partial] = [list(p) for p in parts]  # type: ignore[arg-type]
    for p, plain in zip(dates, bare):
        if plain and p[0] is not None:  # a year among months: its first day
            p[1], p[2] = 1, 1
        elif p[1] is not None and p[2] is None:  # a month: its first day
            p[2] = 1
    if off is not None:
        last = dates[-1]
        last[0] = last[0] if last[0] is not None else off[0]
        last[1] = last[1] if last[1] is not None else off[1]
    _fill(dates)
    days = []
    for y, m, d in dates:
        if y is None or m is None or d is None:
            return None
        try:
            days.append(float((datetime.date(y, m, d) - EPOCH).days))
        except ValueError:
            return None
    if any(b <= a for a, b in itertools.pairwise(days)):
        return None
    pos = [lab.pos for lab in labs]
    if max(pos) - min(pos) < 1e-6:
        return None
    a, b, res = _fit(pos, days)
    return Axis("date", a, b, residual=res, n_labels=len(labs)) if res < 0.02 else None


def _fill(dates: list[Partial]) -> None:
    """Complete each date from the one before it (forward), then from the one after it (backward): a month
    name after December starts a new year, a day number not above the one before starts a new month."""
    for prev, cur in itertools.pairwise(dates):
        if cur[1] is None and prev[1] is not None and cur[2] is not None and prev[2] is not None:
            cur[1] = prev[1] if cur[2] > prev[2] else prev[1] % 12 + 1
            if cur[0] is None and prev[0] is not None:
                cur[0] = prev[0] + (cur[1] < prev[1])
        if cur[0] is None and prev[0] is not None and cur[1] is not None and prev[1] is not None:
            cur[0] = prev[0] if (cur[1], cur[2] or 1) > (prev[1], prev[2] or 1) else prev[0] + 1
    for cur, nxt in zip(reversed(dates[:-1]), reversed(dates[1:])):
        if cur[1] is None and nxt[1] is not None and cur[2] is not None and nxt[2] is not None:
            cur[1] = nxt[1] if cur[2] < nxt[2] else (nxt[1] - 2) % 12 + 1
            if cur[0] is None and nxt[0] is not None:
                cur[0] = nxt[0] - (cur[1] > nxt[1])
        if cur[0] is None and nxt[0] is not None and cur[1] is not None and nxt[1] is not None:
            cur[0] = nxt[0] if (cur[1], cur[2] or 1) < (nxt[1], nxt[2] or 1) else nxt[0] - 1


def date_offset(lines: Sequence[TextLine], area: BBox, tick_words: Sequence[Word]) -> Word | None:
    """A year or month printed apart under the right end of the x axis, below its tick labels (`2021`,
    `2021-Mar`: matplotlib's concise date offset)."""
    if not tick_words:
        return None
    x0, _, x1, y1 = area
    floor = max((w.bbox[1] + w.bbox[3]) / 2 for w in tick_words)
    for ln in lines:
        if not ln.horizontal or len(ln.words) != 1:
            continue
        w = ln.words[0]
        cy = (w.bbox[1] + w.bbox[3]) / 2
        if w.bbox[0] >= (x0 + x1) / 2 and x1 - 80 <= w.bbox[2] <= x1 + 30 and floor + 3 <= cy <= y1 + 50:
            p = parse_date(w.text)
            if p is not None and p[0] is not None:
                return w
    return None


def separate_dates(left: Word, right: Word, ticks: Sequence[float]) -> bool:
    """Two words that are two date labels set close together: each reads as (part of) a date and each is
    centred on a tick mark of its own (`Jul` and `2014` of one label sit either side of their tick)."""
    if len(ticks) < 2 or parse_date(left.text) is None or parse_date(right.text) is None:
        return False

    def tick_under(w: Word) -> float | None:
        centre, width = (w.bbox[0] + w.bbox[2]) / 2, w.bbox[2] - w.bbox[0]
        t = min(ticks, key=lambda t: abs(t - centre))
        return t if abs(t - centre) <= 0.2 * width + 1.0 else None
    a, b = tick_under(left), tick_under(right)
    return a is not None and b is not None and a != b


def date_lead(word: Word) -> bool:
    """A word that reads as part of a date (the `Apr` of `Apr 2015`, which may start left of the y axis)."""
    return parse_date(word.text) is not None
