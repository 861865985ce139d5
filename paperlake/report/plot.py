"""A chart's recovered series drawn again as inline SVG (polylines, markers, error bars, axes, legend), so a
reader compares them with the crop beside them; no plotting library, no script, text escaped.

Pure: series in, SVG text out. Series of a multi-panel figure, named `(a) ...`, `(b) ...`, get a plot each.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence

from paperlake.escaping import html_text
from paperlake.report.gather import Series

WIDTH, HEIGHT = 420, 280
"""Size of the plot without its legend, which adds a row of LEGEND_ROW px per LEGEND_COLUMNS series below."""
LEGEND_ROW, LEGEND_COLUMNS, LEGEND_CHARS = 14, 2, 28
LEFT, RIGHT, TOP, BOTTOM = 62, 12, 12, 46
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
_PANEL = re.compile(r"^\((\w{1,3})\)\s*")


def panels(series: Sequence[Series]) -> list[tuple[str | None, list[Series]]]:
    """The series grouped by panel letter (`(a) Train` is in panel `a`), in order of first appearance; series
    without a letter are one group with key None."""
    groups: dict[str | None, list[Series]] = {}
    for one in series:
        match = _PANEL.match(one.name)
        groups.setdefault(match.group(1) if match else None, []).append(one)
    return list(groups.items())


def series_svgs(series: Sequence[Series]) -> list[str]:
    """One SVG per panel of the series; an empty list when there are none."""
    return [series_svg(group, title=f"({key})" if key else None) for key, group in panels(series)]


def series_svg(series: Sequence[Series], title: str | None = None) -> str:
    """The series on linear axes scaled to their points (error bars included), ticks at nice steps."""
    points = [(x, y, e) for s in series for x, y, e in _points(s)]
    if not points:
        return '<p class="noplot">no plottable points</p>'
    xs = [x for x, _, _ in points]
    ys = [y for _, y, _ in points] + [y + e for _, y, e in points if e] + [y - e for _, y, e in points if e]
    x_lo, x_hi = _span(min(xs), max(xs))
    y_lo, y_hi = _span(min(ys), max(ys))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + (x - x_lo) / (x_hi - x_lo) * plot_w

    def py(y: float) -> float:
        return TOP + (y_hi - y) / (y_hi - y_lo) * plot_h

    height = HEIGHT + 4 + LEGEND_ROW * math.ceil(len(series) / LEGEND_COLUMNS)
    parts = [(f'<svg class="replot" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
              f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="series re-plotted">'),
             f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#fff" stroke="#888"/>']
    for tick in _ticks(x_lo, x_hi):
        parts.append(f'<line x1="{px(tick):.1f}" y1="{TOP + plot_h}" x2="{px(tick):.1f}" y2="{TOP + plot_h + 4}" '
                     f'stroke="#888"/><text x="{px(tick):.1f}" y="{TOP + plot_h + 15}" text-anchor="middle" '
                     f'font-size="10">{_label(tick)}</text>')
    for tick in _ticks(y_lo, y_hi):
        parts.append(f'<line x1="{LEFT - 4}" y1="{py(tick):.1f}" x2="{LEFT}" y2="{py(tick):.1f}" stroke="#888"/>'
                     f'<text x="{LEFT - 6}" y="{py(tick) + 3:.1f}" text-anchor="end" font-size="10">'
                     f'{_label(tick)}</text>')
    x_title, y_title = _axis_title(series, "x_label"), _axis_title(series, "y_label")
    if x_title:
        parts.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle" font-size="11">'
                     f'{html_text(x_title)}</text>')
    if y_title:
        parts.append(f'<text transform="translate(12 {TOP + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle" '
                     f'font-size="11">{html_text(y_title)}</text>')
    for i, one in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        own = [(px(x), py(y), e) for x, y, e in _points(one)]
        if len(own) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in own)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1.5"/>')
        for (x, y, _), (_, value, err) in zip(own, _points(one)):
            if err:
                parts.append(f'<line x1="{x:.1f}" y1="{py(value + err):.1f}" x2="{x:.1f}" y2="{py(value - err):.1f}" '
                             f'stroke="{colour}"/>')
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>')
        parts.append(_legend_entry(i, one.name, colour))
    if title:
        parts.append(f'<text x="{WIDTH - RIGHT - 4}" y="{TOP + 14}" text-anchor="end" font-size="11">'
                     f'{html_text(title)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _legend_entry(index: int, name: str, colour: str) -> str:
    """A colour swatch and the series name (cut to LEGEND_CHARS, whole in a tooltip), under the plot."""
    x = LEFT + (index % LEGEND_COLUMNS) * (WIDTH - LEFT) / LEGEND_COLUMNS
    y = HEIGHT + 12 + LEGEND_ROW * (index // LEGEND_COLUMNS)  # the text's baseline
    shown = name if len(name) <= LEGEND_CHARS else name[: LEGEND_CHARS - 1] + "…"
    return (f'<g><title>{html_text(name)}</title><rect x="{x:.1f}" y="{y - 9}" width="10" height="10" '
            f'fill="{colour}"/><text x="{x + 14:.1f}" y="{y}" font-size="10">{html_text(shown)}</text></g>')


def _points(series: Series) -> list[tuple[float, float, float]]:
    """The finite points of a series with their error (0 when none or not finite)."""
    errs = series.y_errs or (math.nan,) * len(series.xs)
    return [(x, y, e if math.isfinite(e) and e > 0 else 0.0) for x, y, e in zip(series.xs, series.ys, errs)
            if math.isfinite(x) and math.isfinite(y)]


def _span(lo: float, hi: float) -> tuple[float, float]:
    """The data range with 5 % room on each side (a unit range around a single value)."""
    if hi - lo <= 1e-12 * max(1.0, abs(hi)):
        return lo - 0.5, hi + 0.5
    pad = (hi - lo) * 0.05
    return lo - pad, hi + pad


def _ticks(lo: float, hi: float, wanted: int = 5) -> list[float]:
    """Ticks at a 1, 2, 2.5 or 5 times a power of ten step, at most about `wanted` of them, inside [lo, hi]."""
    raw = (hi - lo) / wanted
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step) + 1) if first + i * step <= hi]


def _label(value: float) -> str:
    return f"{value:.6g}" if abs(value) >= 1e-9 else "0"


def _axis_title(series: Sequence[Series], attribute: str) -> str | None:
    return next((getattr(s, attribute) for s in series if getattr(s, attribute)), None)
