"""Tick labels to numbers, and tick positions plus labels to an axis scale (linear, log or category)."""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extractors.page_content import TextLine, Word

_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-", "\u2009": "",
                        "\u202f": "", "\u00a0": "", ",": ""})
_PLAIN = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?%?$", re.IGNORECASE)
_TIMES_TEN = re.compile(r"^(?:([-+]?\d+\.?\d*)\s*[×x·⋅]\s*)?10\^?\{?([-+]?\d+)\}?$")


def parse_tick(text: str, superscript: str = "") -> float | None:
    """The number a tick label shows: `−2`, `0.5`, `1e-3`, `40%`, `10³` / `10^3`, `2×10⁴`; None otherwise.

    `superscript` is the raised tail of the word as the PDF reader found it (`"3"` for `10³`).
    """
    t = re.sub(r"\s*([×·⋅])\s*", r"\1", text.strip()).translate(_MINUS).replace("$", "")
    sup = superscript.strip().translate(_MINUS)
    if sup and t.endswith(sup):
        base = t[: len(t) - len(sup)]
        m = re.fullmatch(r"(?:([-+]?\d+\.?\d*)[×x·⋅])?10", base)
        if m and re.fullmatch(r"[-+]?\d+", sup):
            mant = float(m.group(1)) if m.group(1) else 1.0
            return mant * 10.0 ** int(sup)
    t = _superscript_digits(t)
    m = _TIMES_TEN.match(t)
    if m and ("^" in t or "×" in t or "x" in t or "·" in t or "⋅" in t or _had_superscript(text)):
        mant = float(m.group(1)) if m.group(1) else 1.0
        return mant * 10.0 ** int(m.group(2))
    if _PLAIN.match(t):
        return float(t.rstrip("%"))
    return None


_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")


def _had_superscript(text: str) -> bool:
    return any(c in "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺" for c in text)


def _superscript_digits(t: str) -> str:
    if _had_superscript(t):
        head = t.rstrip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
        return head + "^" + t[len(head):].translate(_SUP)
    return t


@dataclass(frozen=True)
class Axis:
    """Page coordinate → data value along one axis: value = a·pos + b (log: 10**(a·pos + b))."""

    scale: str  # linear, log, category
    a: float
    b: float
    categories: tuple[str, ...] = ()
    residual: float = 0.0  # fit error as a share of the labelled range (0 = every label exactly on the fit)
    n_labels: int = 0

    def to_data(self, pos: float) -> float:
        v = self.a * pos + self.b
        return 10.0 ** v if self.scale == "log" else v

    def to_page(self, value: float) -> float:
        v = math.log10(value) if self.scale == "log" and value > 0 else value
        return (v - self.b) / self.a if self.a else 0.0


@dataclass(frozen=True)
class TickLabel:
    """A label placed along an axis: its page position along that axis and its text."""

    pos: float
    text: str
    value: float | None


def labels_from_words(words: Sequence[Word], horizontal_axis: bool) -> list[TickLabel]:
    """Tick labels from words, positioned by their centre along the axis."""
    out = []
    for w in words:
        pos = (w.bbox[0] + w.bbox[2]) / 2 if horizontal_axis else (w.bbox[1] + w.bbox[3]) / 2
        out.append(TickLabel(pos, w.text, parse_tick(w.text, w.superscript)))
    return out


def snap_to_ticks(labels: Sequence[TickLabel], ticks: Sequence[float], tolerance: float) -> list[TickLabel]:
    """Move each label to the tick mark nearest its centre (tick marks are exact; glyph boxes are not)."""
    if not ticks:
        return list(labels)
    out = []
    for lab in labels:
        nearest = min(ticks, key=lambda t: abs(t - lab.pos))
        out.append(TickLabel(nearest, lab.text, lab.value) if abs(nearest - lab.pos) <= tolerance else lab)
    return out


def category_slots(labels: Sequence[TickLabel], ticks: Sequence[float], tolerance: float = 0.2) -> tuple[float, ...]:
    """The middles of the intervals between tick marks, when the labels name those intervals: n labels and
    n + 1 ticks, label i centred between ticks i and i + 1 (within `tolerance` of that interval's width).
    Spreadsheet charts (LibreOffice Calc, Excel) put a category axis's ticks between its categories; each
    category is then the interval, and a bar belongs to the interval holding its centre. Empty otherwise."""
    ts = sorted(ticks)
    labs = sorted(lab.pos for lab in labels if lab.text.strip())
    if not labs or len(ts) != len(labs) + 1:
        return ()
    mids = []
    for pos, lo, hi in zip(labs, ts, ts[1:]):
        width = hi - lo
        mid = (lo + hi) / 2
        if width <= 1.0 or abs(pos - mid) > tolerance * width:
            return ()
        mids.append(mid)
    return tuple(mids)


def calibrate_axis(labels: Sequence[TickLabel], ticks: Sequence[float] = (), upward: bool = False) -> Axis | None:
    """Fit the scale that maps label positions to label values: linear or log when the labels are numbers,
    category (0, 1, 2, … in page order; `upward` counts from the bottom of a vertical axis, as plots do)
    when they are words, placed at the tick marks when there are enough of them. None when nothing fits."""
    numeric = [lab for lab in labels if lab.value is not None]
    if len(numeric) >= 2 and len(numeric) >= 0.6 * len(labels):
        axis = _numeric_axis(numeric)
        if axis is None and len(numeric) == len(labels) and evenly_spaced([lab.pos for lab in labels]):
            return _category_axis(labels, upward)  # days 0 1 2 5 7 at equal steps: a category axis of numbers
        return axis
    words = [lab for lab in labels if lab.value is None and lab.text.strip()]
    if not words:
        return None
    if len(ticks) >= 2 and len(ticks) >= len(words) - 1:
        named = {round(lab.pos, 1): lab.text for lab in words}
        slots = [TickLabel(t, named.get(round(t, 1), ""), None) for t in sorted(ticks)]
        return _category_axis(slots, upward)
    return _category_axis(words, upward)


def evenly_spaced(positions: Sequence[float], tolerance: float = 0.03) -> bool:
    """Three or more positions at equal steps (within `tolerance` of the mean step): the slots of a category
    axis, as spreadsheet and Origin charts set numbers that fit no scale (`0 1 2 5 7` days)."""
    pos = sorted(positions)
    steps = [b - a for a, b in zip(pos, pos[1:])]
    if len(steps) < 2 or min(steps) <= 0:
        return False
    mean = sum(steps) / len(steps)
    return max(abs(s - mean) for s in steps) <= tolerance * mean


def _numeric_axis(labels: Sequence[TickLabel]) -> Axis | None:
    pos = [lab.pos for lab in labels]
    vals = [float(lab.value) for lab in labels]  # type: ignore[arg-type]
    if max(pos) - min(pos) < 1e-6 or max(vals) == min(vals):
        return None
    lin = _fit(pos, vals)
    best = Axis("linear", lin[0], lin[1], residual=lin[2], n_labels=len(labels))
    if all(v > 0 for v in vals) and (len(vals) > 2 or all(_power_of_ten(v) for v in vals)):
        logs = [math.log10(v) for v in vals]  # two labels fit any scale: log only for 1, 10, 100 …
        lg = _fit(pos, logs)
        two_decades = len(vals) == 2  # only 1, 10, 100 … get here: a linear axis would not label 10 and 100
        if (lg[2] < best.residual or two_decades) and lg[2] < 0.02:
            best = Axis("log", lg[0], lg[1], residual=lg[2], n_labels=len(labels))
    return best if best.residual < 0.05 else None


def _power_of_ten(v: float) -> bool:
    exponent = math.log10(v)
    return abs(exponent - round(exponent)) < 1e-9


def _category_axis(labels: Sequence[TickLabel], upward: bool = False) -> Axis:
    ordered = sorted(labels, key=lambda lab: -lab.pos if upward else lab.pos)
    if len(ordered) == 1:
        return Axis("category", 0.0, 0.0, (ordered[0].text,), 0.0, 1)
    a, b, res = _fit([lab.pos for lab in ordered], list(range(len(ordered))))
    return Axis("category", a, b, tuple(lab.text for lab in ordered), res, len(ordered))


def _fit(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float, float]:
    """Least-squares line y = a·x + b and its worst error as a share of the y range."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    a = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    b = my - a * mx
    span = (max(ys) - min(ys)) or 1.0
    worst = max(abs(a * x + b - y) for x, y in zip(xs, ys)) / span
    return a, b, worst


def join_exponents(lines: Sequence[TextLine]) -> list[TextLine]:
    """Tick labels `10` + a raised, smaller `3` set as two text pieces (matplotlib's mathtext writes each
    glyph run apart) joined into one word `103` whose superscript is `3`, so it reads as 10³."""
    words = [(i, k, w) for i, ln in enumerate(lines) if ln.horizontal for k, w in enumerate(ln.words)]
    bases = [(i, k, w) for i, k, w in words if _TEN_BASE.search(w.text.translate(_MINUS))]
    if not bases:
        return list(lines)
    joined: dict[tuple[int, int], Word] = {}
    gone: set[tuple[int, int]] = set()
    for i, k, w in words:
        if (i, k) in gone or not _EXPONENT.fullmatch(w.text.translate(_MINUS)):
            continue
        base = next(((bi, bk, b) for bi, bk, b in bases if (bi, bk) not in gone and _raised_after(b, w)), None)
        if base is None:
            continue
        bi, bk, b = base
        box = (b.bbox[0], min(b.bbox[1], w.bbox[1]), w.bbox[2], max(b.bbox[3], w.bbox[3]))
        joined[(bi, bk)] = Word(b.text + w.text, box, b.size, b.bold, w.text)
        gone.add((i, k))
    if not joined:
        return list(lines)
    out: list[TextLine] = []
    for i, ln in enumerate(lines):
        kept = tuple(joined.get((i, k), w) for k, w in enumerate(ln.words) if (i, k) not in gone)
        if kept:
            box = (min(w.bbox[0] for w in kept), min(w.bbox[1] for w in kept),
                   max(w.bbox[2] for w in kept), max(w.bbox[3] for w in kept))
            out.append(replace(ln, bbox=box, words=kept))
    return out


_TEN_BASE = re.compile(r"(^|[×x·⋅])10$")
_EXPONENT = re.compile(r"[-+]?\d{1,3}")


def _raised_after(base: Word, exp: Word) -> bool:
    """A smaller word starting right where `base` ends, its middle above the base's middle: an exponent."""
    size = max(base.size, 1.0)
    return (exp.size < 0.85 * base.size and -0.5 <= exp.bbox[0] - base.bbox[2] <= 0.3 * size
            and (exp.bbox[1] + exp.bbox[3]) / 2 < (base.bbox[1] + base.bbox[3]) / 2 - 0.1 * size
            and exp.bbox[3] > base.bbox[1])
