"""Random chart specifications with known data: what each tool is asked to draw and what the truth says."""
from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass, field

STYLES = ("line", "scatter", "bar", "hbar", "errorbar", "log", "sci", "multi", "pie", "stacked", "date")
NAMES = ("Baseline", "Ours", "Control", "Treated", "Model A", "Model B", "Train", "Test", "Sample 1", "Sample 2")
CATEGORIES = ("Parser", "Indexer", "Renderer", "Cache", "Loader", "Solver", "Alpha", "Beta", "Gamma", "Delta")
X_TITLES = ("Time (s)", "Epoch", "Temperature (K)", "Dose (mg)", "Length (mm)", "Step")
Y_TITLES = ("Signal (a.u.)", "Accuracy (%)", "Pressure (kPa)", "Error", "Count", "Yield")
CAPTIONS = {
    "line": "Measured response over the sweep for each condition",
    "scatter": "Individual observations of each group",
    "bar": "Mean value per stage for each configuration",
    "hbar": "Run time per component",
    "errorbar": "Mean and spread over repeated runs",
    "log": "Response on a logarithmic scale",
    "sci": "Small quantities printed in scientific notation",
    "multi": "Two panels of the same experiment",
    "pie": "Share of the run time per component",
    "stacked": "Share of each part in the total per stage",
    "date": "Readings over the observation period",
}


@dataclass
class Series:
    """One drawn series: its legend name, x (category index for bars), y and optional half error bars."""

    name: str
    x: list[float]
    y: list[float]
    y_err: list[float] | None = None


@dataclass
class Chart:
    """One panel: what to draw (kind), its data, axis titles and the axis limits every tool is told to use."""

    kind: str  # line, scatter, bar, hbar, errorbar, stacked, hstacked
    series: list[Series]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    x_title: str
    y_title: str
    categories: list[str] = field(default_factory=list)
    log_y: bool = False
    legend: bool = True
    x_date: str = ""  # a date axis: x (and x_range) are days since 1970-01-01; "days" or "years" (tick labels
    # are years only, and the truth gives x as decimal years, as a reader of such an axis does)


@dataclass
class Spec:
    """One figure: a style tag, a caption and its panels (one, or two for `multi`)."""

    style: str
    caption: str
    panels: list[Chart]


def make_spec(style: str, rng: random.Random) -> Spec:
    """A figure of the given style with fresh random data."""
    if style == "multi":
        panels = [_room_for_legend(_line(rng, rng.choice((1, 2)))), _room_for_legend(_line(rng, 1))]
    elif style == "pie":
        panels = [_pie(rng)]
    else:
        panels = [_room_for_legend(_BUILDERS[style](rng))]
    return Spec(style, CAPTIONS[style] + f" (case {rng.randint(100, 999)}).", panels)


def _names(rng: random.Random, n: int) -> list[str]:
    return rng.sample(NAMES, n)


def _nice_x(rng: random.Random, n: int) -> list[float]:
    start = rng.choice((0, 1, 2, 5, 10))
    step = rng.choice((0.5, 1, 2, 5))
    return [start + k * step for k in range(n)]


def _walk(rng: random.Random, n: int, lo: float, hi: float) -> list[float]:
    """A random walk kept inside [lo, hi] by reflection (no runs of equal values: tools drop the middle
    vertex of three collinear points, so such a point could not be read back from any drawing)."""
    y = rng.uniform(lo, hi)
    out = []
    for _ in range(n):
        y += rng.uniform(-0.25, 0.25) * (hi - lo)
        y = 2 * hi - y if y > hi else 2 * lo - y if y < lo else y
        out.append(round(y, 3))
    return out


def _room_for_legend(chart: Chart) -> Chart:
    """Leave the top third of the plot free for a legend drawn inside it (data under an opaque legend box
    cannot be read back from the drawing, so it would be no fair truth)."""
    if chart.legend and not chart.log_y:
        lo, hi = chart.y_range
        chart.y_range = (lo, round(hi + 0.45 * (hi - lo), 6))
    elif chart.legend:
        chart.y_range = (chart.y_range[0], chart.y_range[1] * 100)
    return chart


def _pad(lo: float, hi: float, share: float = 0.08) -> tuple[float, float]:
    d = (hi - lo) or 1.0
    return (round(lo - share * d, 6), round(hi + share * d, 6))


def _line(rng: random.Random, n_series: int | None = None, markers: bool = False) -> Chart:
    n = rng.randint(6, 12)
    k = n_series or rng.randint(1, 3)
    x = _nice_x(rng, n)
    scale = rng.choice((1, 10, 100))
    series = [Series(name, x, [round(v * scale, 3) for v in _walk(rng, n, 0.5, 9.5)]) for name in _names(rng, k)]
    ys = [v for s in series for v in s.y]
    return Chart("scatter" if markers else "line", series, _pad(x[0], x[-1], 0.04), _pad(min(ys), max(ys)),
                 rng.choice(X_TITLES), rng.choice(Y_TITLES), legend=k > 1 or rng.random() < 0.5)


def _scatter(rng: random.Random) -> Chart:
    k = rng.randint(1, 3)
    series = []
    for name in _names(rng, k):
        n = rng.randint(5, 10)
        xs = sorted(round(rng.uniform(0, 10), 2) for _ in range(n))
        series.append(Series(name, xs, [round(rng.uniform(1, 9), 2) for _ in xs]))
    return Chart("scatter", series, (-0.5, 10.5), (0.0, 10.0), rng.choice(X_TITLES), rng.choice(Y_TITLES),
                 legend=k > 1 or rng.random() < 0.5)


def _bar(rng: random.Random, kind: str = "bar") -> Chart:
    n = rng.randint(3, 5)
    k = rng.randint(1, 3) if kind == "bar" else rng.randint(1, 2)
    cats = rng.sample(CATEGORIES, n)
    top = rng.choice((10, 50, 100, 1000))
    series = [Series(name, list(range(n)), [round(rng.uniform(0.15, 0.9) * top, 2) for _ in range(n)])
              for name in _names(rng, k)]
    return Chart(kind, series, (-0.5, n - 0.5), (0.0, float(top)), "Stage", rng.choice(Y_TITLES), cats,
                 legend=k > 1)


def _errorbar(rng: random.Random) -> Chart:
    chart = _line(rng, rng.randint(1, 2))
    for s in chart.series:
        span = chart.y_range[1] - chart.y_range[0]
        s.y_err = [round(rng.uniform(0.02, 0.08) * span, 3) for _ in s.y]
    ys = [v + e * sgn for s in chart.series for v, e in zip(s.y, s.y_err or []) for sgn in (-1, 1)]
    chart.kind, chart.y_range = "errorbar", _pad(min(ys), max(ys))
    return chart


def _log(rng: random.Random) -> Chart:
    n = rng.randint(6, 10)
    x = _nice_x(rng, n)
    k = rng.randint(1, 2)
    series = []
    for name in _names(rng, k):
        a, b = rng.uniform(-0.5, 1.0), rng.uniform(0.25, 0.5)
        series.append(Series(name, x, [round(10 ** (a + b * i + rng.uniform(-0.15, 0.15)), 4) for i in range(n)]))
    ys = [v for s in series for v in s.y]
    lo, hi = 10 ** math.floor(math.log10(min(ys))), 10 ** math.ceil(math.log10(max(ys)))
    return Chart("line", series, _pad(x[0], x[-1], 0.04), (lo, hi), rng.choice(X_TITLES), rng.choice(Y_TITLES),
                 log_y=True, legend=k > 1)


def _sci(rng: random.Random) -> Chart:
    chart = _line(rng, rng.randint(1, 2))
    exp = rng.choice((-6, -5, -4, 5, 6))
    for s in chart.series:
        s.y = [float(f"{v / 10:.4g}") * 10.0 ** exp for v in s.y]
    ys = [v for s in chart.series for v in s.y]
    top = max(ys) * 1.1
    chart.y_range = (0.0, float(f"{top:.3g}"))
    return chart


def _pie(rng: random.Random) -> Chart:
    """One pie: 3-6 named wedges whose shares (percent, one decimal, each at least 4 %) sum to 100, drawn
    in data order. Its one series is the shares by wedge index; y_range (0, 100) makes the 1 % rule one
    percentage point. Each tool varies start angle, direction and labels by `pie_variant`."""
    n = rng.randint(3, 6)
    weights = [rng.uniform(1, 4) for _ in range(n)]
    shares = [round(100 * w / sum(weights), 1) for w in weights[:-1]]
    shares.append(round(100 - sum(shares), 1))
    return Chart("pie", [Series("share", list(range(n)), shares)], (-0.5, n - 0.5), (0.0, 100.0), "",
                 "share (%)", rng.sample(CATEGORIES, n), legend=rng.random() < 0.5)


def pie_angles(chart: Chart, start: float, clockwise: bool) -> list[tuple[float, float]]:
    """Each wedge's (from, to) angles in degrees, counter-clockwise from the +x axis, drawn in data order
    from `start` (for the tools whose pies are drawn wedge by wedge)."""
    out, at = [], start
    for share in chart.series[0].y:
        step = 3.6 * share * (-1 if clockwise else 1)
        out.append((at, at + step) if not clockwise else (at + step, at))
        at += step
    return out


def pie_variant(chart: Chart) -> int:
    """0..7 from a pie's data (so every tool can vary start angle, direction and percentage labels without
    another random draw): bit 0 percent labels, 1 clockwise, 2 a start angle other than the tool's default
    (matplotlib draws a donut when bits 0 and 1 are set)."""
    return int(sum(chart.series[0].y[:-1]) * 10) % 8
def _stacked(rng: random.Random) -> Chart:
    """Stacked bars, vertical or horizontal: each series' value is its own segment's height, the stack's top
    is their sum (the value axis spans the tallest stack)."""
    kind = rng.choice(("stacked", "hstacked"))
    n, k = rng.randint(3, 5), rng.randint(2, 3)
    cats = rng.sample(CATEGORIES, n)
    top = rng.choice((10, 50, 100, 1000))
    series = [Series(name, list(range(n)), [round(rng.uniform(0.1, 0.9 / k) * top, 2) for _ in range(n)])
              for name in _names(rng, k)]
    return Chart(kind, series, (-0.5, n - 0.5), (0.0, float(top)), "Stage", rng.choice(Y_TITLES), cats)


_BUILDERS = {
    "line": lambda rng: _line(rng),
    "scatter": _scatter,
    "bar": lambda rng: _bar(rng, "bar"),
    "hbar": lambda rng: _bar(rng, "hbar"),
    "errorbar": _errorbar,
    "log": _log,
    "sci": _sci,
    "stacked": _stacked,
}


EPOCH = datetime.date(1970, 1, 1)
DATE_TITLES = ("Date", "Sampling date", "Time", "Month", "Period")


def to_date(days: float) -> datetime.date:
    """The calendar date `days` after 1970-01-01."""
    return EPOCH + datetime.timedelta(days=round(days))


def decimal_year(days: float) -> float:
    """Days since 1970-01-01 as a decimal year (2021.5 is half-way through 2021): how a year axis reads."""
    whole = math.floor(days)
    d = to_date(whole)
    start = datetime.date(d.year, 1, 1)
    length = (datetime.date(d.year + 1, 1, 1) - start).days
    return round(d.year + ((d - start).days + days - whole) / length, 6)


def _date(rng: random.Random) -> Chart:
    """A line chart over dates: daily points over 2-12 weeks, monthly over 1-3 years, or quarterly to yearly
    over 5-10 years (whose ticks are years: x_date "years"). x holds days since 1970-01-01."""
    unit = rng.choice(("day", "month", "year"))
    start = datetime.date(rng.randint(1995, 2024), rng.randint(1, 12), 1)
    if unit == "day":
        step, n = rng.choice((1, 2, 3)), rng.randint(10, 30)
        first = start + datetime.timedelta(days=rng.randint(0, 27))
        dates = [first + datetime.timedelta(days=step * k) for k in range(n)]
    else:
        months = rng.choice((1, 2)) if unit == "month" else rng.choice((3, 6, 12))
        n = rng.randint(10, 30) if unit == "month" else min(40, rng.randint(5, 10) * 12 // months)
        day = rng.choice((1, 15))
        dates = [datetime.date(start.year + (start.month - 1 + k * months) // 12,
                               (start.month - 1 + k * months) % 12 + 1, day) for k in range(n)]
    x = [float((d - EPOCH).days) for d in dates]
    k = rng.randint(1, 2)
    scale = rng.choice((1, 10, 100))
    series = [Series(name, x, [round(v * scale, 3) for v in _walk(rng, n, 0.5, 9.5)]) for name in _names(rng, k)]
    ys = [v for s in series for v in s.y]
    pad = max(1, round(0.04 * (x[-1] - x[0])))
    return Chart("line", series, (x[0] - pad, x[-1] + pad), _pad(min(ys), max(ys)), rng.choice(DATE_TITLES),
                 rng.choice(Y_TITLES), legend=k > 1 or rng.random() < 0.5, x_date="years" if unit == "year" else "days")


_BUILDERS["date"] = _date


def date_ticks(chart: Chart, most: int = 5) -> list[float]:
    """Tick dates (days since 1970-01-01) inside a date chart's x range, at most `most`: every 1, 2, 3, 7 or 14
    days, the first of every 1, 2, 3, 4 or 6 months, or 1 January of every 1, 2, 5 or 10 years (for the tools
    whose own date ticks would crowd or fall off calendar boundaries)."""
    lo, hi = to_date(math.ceil(chart.x_range[0])), to_date(math.floor(chart.x_range[1]))
    candidates: list[list[datetime.date]] = []
    if chart.x_date != "years":
        for step in (1, 2, 3, 7, 14):
            candidates.append([lo + datetime.timedelta(days=k) for k in range(0, (hi - lo).days + 1, step)])
        for step in (1, 2, 3, 4, 6):
            months = range(lo.year * 12 + lo.month - 1 + (lo.day > 1), hi.year * 12 + hi.month, step)
            candidates.append([datetime.date(m // 12, m % 12 + 1, 1) for m in months])
    first = lo.year + ((lo.month, lo.day) > (1, 1))
    for step in (1, 2, 5, 10):
        years = range(-(-first // step) * step, hi.year + 1, step)
        candidates.append([datetime.date(y, 1, 1) for y in years])
    fits = [c for c in candidates if 3 <= len(c) <= most]  # the finest step that fits, else the fewest ticks
    best = fits[0] if fits else min(candidates, key=lambda c: (len(c) < 2, len(c)))
    return [float((d - EPOCH).days) for d in best]
