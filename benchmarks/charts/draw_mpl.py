"""Draw a chart spec with matplotlib (vector PDF), in one of several style sheets."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt

from benchmarks.charts.spec import Chart, Spec, date_ticks, pie_variant, to_date

THEMES = ("default", "classic", "seaborn-v0_8-whitegrid", "ggplot", "bmh")
MARKERS = ("o", "s", "^", "D", "v")


def draw(spec: Spec, theme: str, out: Path) -> None:
    """Write the figure as a one-page PDF."""
    with plt.style.context(theme):
        n = len(spec.panels)
        fig, axes = plt.subplots(1, n, figsize=(5.0 if n == 1 else 7.0, 3.2))
        for ax, chart in zip([axes] if n == 1 else axes, spec.panels):
            _panel(ax, chart)
        fig.tight_layout()
        fig.savefig(out)
        plt.close(fig)


def _panel(ax, chart: Chart) -> None:
    if chart.kind == "pie":
        return _pie(ax, chart)
    if chart.x_date:
        _dates(ax, chart)
    elif chart.kind in ("bar", "hbar"):
        _bars(ax, chart)
    elif chart.kind in ("stacked", "hstacked"):
        _stacked(ax, chart)
    else:
        for k, s in enumerate(chart.series):
            if chart.kind == "scatter":
                ax.plot(s.x, s.y, linestyle="none", marker=MARKERS[k], markersize=5, label=s.name)
            elif chart.kind == "errorbar":
                ax.errorbar(s.x, s.y, yerr=s.y_err, marker=MARKERS[k], markersize=4, capsize=3, label=s.name)
            else:
                ax.plot(s.x, s.y, label=s.name)
        ax.set_xlim(*chart.x_range)
        ax.set_ylim(*chart.y_range)
        if chart.log_y:
            ax.set_yscale("log")
            ax.set_ylim(*chart.y_range)
        ax.set_xlabel(chart.x_title)
        ax.set_ylabel(chart.y_title)
    if chart.legend:
        ax.legend(fontsize=8)


def _bars(ax, chart: Chart) -> None:
    k = len(chart.series)
    width = 0.8 / k
    idx = list(range(len(chart.categories)))
    for j, s in enumerate(chart.series):
        offs = [i - 0.4 + width * (j + 0.5) for i in idx]
        if chart.kind == "hbar":
            ax.barh(offs, s.y, height=width, label=s.name, xerr=s.y_err)
        else:
            ax.bar(offs, s.y, width=width, label=s.name, yerr=s.y_err)
    if chart.kind == "hbar":
        ax.set_yticks(idx, chart.categories)
        ax.set_xlim(*chart.y_range)
        ax.set_ylim(-0.5, len(idx) - 0.5)
        ax.set_xlabel(chart.y_title)
        ax.set_ylabel(chart.x_title)
    else:
        ax.set_xticks(idx, chart.categories)
        ax.set_ylim(*chart.y_range)
        ax.set_xlim(-0.5, len(idx) - 0.5)
        ax.set_ylabel(chart.y_title)
        ax.set_xlabel(chart.x_title)


def _pie(ax, chart: Chart) -> None:
    """ax.pie: names beside the wedges or in a legend, percentages inside or none, start and direction varied;
    a donut (wedges 0.45 of the radius wide) when it has percentages and runs clockwise."""
    v = pie_variant(chart)
    donut = {"wedgeprops": {"width": 0.45}, "pctdistance": 0.78} if v & 3 == 3 else {}
    wedges, *_ = ax.pie(chart.series[0].y, labels=None if chart.legend else chart.categories,
                        autopct="%1.1f%%" if v & 1 else None, counterclock=not v & 2, startangle=90 if v & 4 else 0,
                        **donut)
    ax.set_aspect("equal")
    if chart.legend:
        ax.legend(wedges, chart.categories, fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))


def _stacked(ax, chart: Chart) -> None:
    """Stacked bars: each series drawn on the sum of those before it (`bottom=`, `left=`)."""
    idx = list(range(len(chart.categories)))
    base = [0.0] * len(idx)
    for s in chart.series:
        if chart.kind == "hstacked":
            ax.barh(idx, s.y, height=0.6, left=base, label=s.name)
        else:
            ax.bar(idx, s.y, width=0.6, bottom=base, label=s.name)
        base = [b + v for b, v in zip(base, s.y)]
    horizontal = chart.kind == "hstacked"
    (ax.set_yticks if horizontal else ax.set_xticks)(idx, chart.categories)
    (ax.set_xlim if horizontal else ax.set_ylim)(*chart.y_range)
    (ax.set_ylim if horizontal else ax.set_xlim)(-0.5, len(idx) - 0.5)
    (ax.set_xlabel if horizontal else ax.set_ylabel)(chart.y_title)
    (ax.set_ylabel if horizontal else ax.set_xlabel)(chart.x_title)


def _dates(ax, chart: Chart) -> None:
    """A line chart over dates: matplotlib's date locator with its concise formatter (`2021 Feb Mar`, the year
    or month in an offset under the axis's end) or an explicit `%b %Y` / ISO format; years only on a year axis."""
    for s in chart.series:
        ax.plot([to_date(v) for v in s.x], s.y, label=s.name)
    ax.set_xlim(to_date(chart.x_range[0]), to_date(chart.x_range[1]))
    ax.set_ylim(*chart.y_range)
    span_years = (chart.x_range[1] - chart.x_range[0]) / 365.25
    locator = mdates.YearLocator(max(1, round(span_years / 5))) if chart.x_date == "years" else \
        mdates.AutoDateLocator(minticks=3, maxticks=5)
    ax.xaxis.set_major_locator(locator)
    # the concise formatter prints years alone at yearly ticks (spans of 3 years and more): a year axis
    concise = len(chart.series[0].x) % 2 == 0 and (chart.x_date == "years" or span_years < 3)
    if concise:
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    else:
        fmt = "%Y" if chart.x_date == "years" else "%b %Y" if span_years > 0.5 else "%Y-%m-%d"
        if fmt == "%Y-%m-%d":  # wide labels: four ticks at calendar dates
            ax.set_xticks([to_date(t) for t in date_ticks(chart, 4)])
        ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))
        ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel(chart.x_title)
    ax.set_ylabel(chart.y_title)
