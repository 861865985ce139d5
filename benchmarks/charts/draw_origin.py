"""Draw a chart spec in the looks of OriginLab Origin's graph templates, imitated with matplotlib (vector PDF).

Origin is proprietary Windows software and cannot run here: these are matplotlib drawings set up to look
like Origin's exports (frame, ticks, fonts, colour and symbol cycles, tick label formats), not Origin's own
PDF exporter. benchmarks/charts/README.md lists what is imitated and what is approximated.
"""
from __future__ import annotations

import functools
import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.legend_handler import HandlerTuple
from matplotlib.patches import Patch
from matplotlib.ticker import AutoMinorLocator, FuncFormatter, LogLocator, NullLocator

from benchmarks.charts import draw_mpl
from benchmarks.charts.spec import Chart, Spec

THEMES = ("default", "scientific", "column", "open")
# Origin's default increment lists: colours Black, Red, Blue, Magenta, Olive, Navy, Violet, Purple, Wine;
# symbols square, circle, up triangle, down triangle, diamond, left and right triangle, hexagon, star
COLOURS = ("#000000", "#FF0000", "#0000FF", "#FF00FF", "#808000", "#000080", "#8000FF", "#800080", "#800000")
SYMBOLS = ("s", "o", "^", "v", "D", "<", ">", "h", "*")
HATCHES = ("", "///", "\\\\\\", "xxx", "...")
# the displays each theme prints a linear axis of very small or large values (sci) and a log axis in; a chart
# takes one by the number of points of its first series (themes are cycled by style, so this varies them)
_SCI = {"default": ("E-fixed", "times-ten-fixed"), "scientific": ("E-short", "E-fixed"),
        "column": ("times-ten", "E-short"), "open": ("E-fixed", "E-short", "times-ten-fixed")}
_LOG = {"default": ("decimal", "power"), "scientific": ("E-short", "decimal"), "column": ("power", "E-short"),
        "open": ("power", "decimal")}


def _display(table: dict[str, tuple[str, ...]], theme: str, chart: Chart) -> str:
    """The theme's tick display for this chart (varied by its first series' length)."""
    options = table[theme]
    return options[len(chart.series[0].y) % len(options)]


@functools.cache
def _sans() -> str:
    """Arial where installed, else its metric twin Liberation Sans (Origin's default text font is Arial)."""
    for path in Path("/usr/share/fonts/truetype/liberation").glob("LiberationSans-*.ttf"):
        font_manager.fontManager.addfont(str(path))  # system fonts matplotlib's cache may not list
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((n for n in ("Arial", "Liberation Sans") if n in names), "DejaVu Sans")


def _rc(theme: str) -> dict:
    sans = _sans()
    boxed = theme != "open"
    inward = theme in ("default", "scientific")
    return {
        "font.family": "sans-serif", "font.sans-serif": [sans], "font.size": 10,
        "mathtext.fontset": "custom", "mathtext.rm": sans, "mathtext.it": sans + ":italic",
        "mathtext.bf": sans + ":bold", "mathtext.cal": sans, "mathtext.sf": sans, "mathtext.default": "regular",
        "pdf.fonttype": 42,  # text as embedded TrueType (Windows exporters' habit), not Type 3 glyph procedures
        "axes.linewidth": 1.5, "axes.labelweight": "bold", "axes.labelsize": 11,
        "axes.spines.top": boxed, "axes.spines.right": boxed, "axes.grid": False,
        "xtick.direction": "in" if inward else "out", "ytick.direction": "in" if inward else "out",
        "xtick.top": boxed, "ytick.right": boxed, "xtick.minor.visible": True, "ytick.minor.visible": True,
        "xtick.major.size": 5, "ytick.major.size": 5, "xtick.minor.size": 3, "ytick.minor.size": 3,
        "xtick.major.width": 1.5, "ytick.major.width": 1.5, "xtick.minor.width": 1.0, "ytick.minor.width": 1.0,
        "legend.frameon": theme != "open", "legend.edgecolor": "black", "legend.fancybox": False,
        "legend.framealpha": 1.0, "legend.loc": "upper left", "legend.fontsize": 9,
        "lines.linewidth": 1.5, "lines.markersize": 6, "errorbar.capsize": 3,
        "hatch.linewidth": 0.8,
    }


def draw(spec: Spec, theme: str, out: Path) -> None:
    """Write the figure as a one-page PDF."""
    with plt.rc_context(_rc(theme)):
        n = len(spec.panels)
        fig, axes = plt.subplots(1, n, figsize=(5.0 if n == 1 else 7.0, 3.4))
        for ax, chart in zip([axes] if n == 1 else axes, spec.panels):
            _panel(ax, chart, theme)
            (ax.get_legend() or ax.legend()).set_visible(chart.legend)
            if theme == "open":  # Origin's open template: outward ticks on the bottom and left axes only
                ax.tick_params(which="both", top=False, right=False)
        fig.tight_layout()
        fig.savefig(out)
        plt.close(fig)


def _panel(ax, chart: Chart, theme: str) -> None:  # type: ignore[no-untyped-def]
    if chart.kind in ("pie", "stacked", "hstacked") or chart.x_date:  # Origin's pie, stacked-column and
        draw_mpl._panel(ax, chart)  # date plots: matplotlib's own, in the theme's Origin look (rc above)
        return
    if chart.kind in ("bar", "hbar"):
        _bars(ax, chart, theme)
        return
    for k, s in enumerate(chart.series):
        colour, symbol = COLOURS[k % len(COLOURS)], SYMBOLS[k % len(SYMBOLS)]
        if chart.kind == "scatter":
            ax.plot(s.x, s.y, linestyle="none", marker=symbol, color=colour, label=s.name)
        elif chart.kind == "errorbar":
            ax.errorbar(s.x, s.y, yerr=s.y_err, marker=symbol, color=colour, ecolor=colour, elinewidth=1.0,
                        label=s.name)
        elif theme == "column":  # a line-only plot, as the column template's companion line graph
            ax.plot(s.x, s.y, color=colour, label=s.name)
        else:  # Origin's default 2D graph: line + symbol
            ax.plot(s.x, s.y, marker=symbol, color=colour, label=s.name)
    ax.set_xlim(*chart.x_range)
    if chart.log_y:
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(base=10, numticks=12))
        ax.yaxis.set_minor_locator(LogLocator(base=10, subs=tuple(range(2, 10)), numticks=12))
        ax.yaxis.set_major_formatter(FuncFormatter(_log_label(_display(_LOG, theme, chart))))
    else:
        ax.yaxis.set_minor_locator(AutoMinorLocator(2))
        ax.yaxis.set_major_formatter(FuncFormatter(_linear_label(_display(_SCI, theme, chart), ax.yaxis, theme == "column")))
    ax.set_ylim(*chart.y_range)
    ax.xaxis.set_minor_locator(AutoMinorLocator(2))
    ax.xaxis.set_major_formatter(FuncFormatter(_linear_label(_display(_SCI, theme, chart), ax.xaxis)))
    ax.set_xlabel(chart.x_title)
    ax.set_ylabel(chart.y_title)


def _bars(ax, chart: Chart, theme: str) -> None:  # type: ignore[no-untyped-def]
    """Origin's column (and bar) plot: columns with black borders filled from the colour list (grey for the
    first) and, in the column template, a black pattern per series over that fill (none on the first)."""
    k = len(chart.series)
    width = 0.8 / k
    idx = list(range(len(chart.categories)))
    samples = []
    for j, s in enumerate(chart.series):
        offs = [i - 0.4 + width * (j + 0.5) for i in idx]
        fill = COLOURS[j % len(COLOURS)] if j else "#C0C0C0"  # a black first column would hide its pattern
        draw = ax.barh if chart.kind == "hbar" else ax.bar
        size = {"height" if chart.kind == "hbar" else "width": width}
        hatch = HATCHES[j % len(HATCHES)] if theme == "column" else ""
        draw(offs, s.y, color=fill, edgecolor="black", linewidth=0 if hatch else 1.0, **size)
        if hatch:  # the fill, then the pattern over it
            draw(offs, s.y, facecolor="none", hatch=hatch, edgecolor="black", linewidth=1.0, **size)
        samples.append((Patch(facecolor=fill, edgecolor="black", linewidth=0 if hatch else 1.0),
                        Patch(facecolor="none", hatch=hatch, edgecolor="black", linewidth=1.0 if hatch else 0)))
    ax.legend(samples, [s.name for s in chart.series], handler_map={tuple: HandlerTuple(ndivide=1)},
              loc="upper right" if chart.kind == "hbar" else "upper left")  # where the spec left room
    cat, val = (ax.yaxis, ax.xaxis) if chart.kind == "hbar" else (ax.xaxis, ax.yaxis)
    cat.set_ticks(idx, chart.categories)
    cat.set_minor_locator(NullLocator())
    val.set_minor_locator(AutoMinorLocator(2))
    val.set_major_formatter(FuncFormatter(_linear_label(_display(_SCI, theme, chart), val, theme == "column")))
    if chart.kind == "hbar":
        ax.set_xlim(*chart.y_range)
        ax.set_ylim(-0.5, len(idx) - 0.5)
        ax.set_xlabel(chart.y_title)
        ax.set_ylabel(chart.x_title)
    else:
        ax.set_ylim(*chart.y_range)
        ax.set_xlim(-0.5, len(idx) - 0.5)
        ax.set_ylabel(chart.y_title)
        ax.set_xlabel(chart.x_title)


def _decimals(values: list[float]) -> int:
    """The fewest decimals that print every value exactly (Origin prints one count along an axis)."""
    for d in range(7):
        if all(abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v)) for v in values):
            return d
    return 6


def origin_number(value: float, style: str, step: float = 0.0, top: float = 0.0, grouped: bool = False) -> str:
    """One tick label as Origin prints it. `E-fixed`: Origin's automatic switch to scientific, one mantissa
    format along the axis (0.0, 2.0E-5); `E-short`: its "Scientific: 1E3" display (0, 2E-5, 2.5E-5);
    `times-ten`: "Scientific: x10^3" (2×10⁻⁵, as mathtext; `times-ten-fixed`: 2.0×10⁻⁵); otherwise decimal (0.5, 10, 250; `grouped`: its
    "Decimal: 1,000" display, 1,200)."""
    big = max(abs(value), top) >= 1e4 or 0 < step < 1e-3  # `top`: the axis's largest label
    if value == 0 or not big or style == "decimal":
        if value == 0 and big:
            return "0" if style in ("E-short", "times-ten") else "0.0"  # "times-ten-fixed": 0.0
        d = _decimals([value, step]) if step else _decimals([value])
        text = f"{value:,.{d}f}" if grouped else f"{value:.{d}f}"
        return text.replace("-", "\u2212") if style.startswith("times-ten") else text
    exp = math.floor(math.log10(abs(value)) + 1e-9)
    mant = round(value / 10 ** exp, 6)
    if style == "E-short":
        return f"{_trim(mant)}E{exp}"
    fixed = f"{mant:.1f}" if abs(mant * 10 - round(mant * 10)) < 1e-6 else f"{mant:.2f}"
    if style.startswith("times-ten"):
        return rf"${fixed if style.endswith('fixed') else _trim(mant)}\times10^{{{exp}}}$"
    return f"{fixed}E{exp}"


def _trim(v: float) -> str:
    return f"{v:.6f}".rstrip("0").rstrip(".")


def _linear_label(style: str, axis, grouped: bool = False):  # type: ignore[no-untyped-def]
    def fmt(value: float, _pos: int | None) -> str:
        ticks = list(axis.get_majorticklocs())
        step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 0.0
        return origin_number(value, style, step, max((abs(t) for t in ticks), default=0.0), grouped)
    return fmt


def _log_label(style: str):  # type: ignore[no-untyped-def]
    """A decade label: 0.01, 1, 100 (decimal), 1E-2 (E-short) or 10⁻² as mathtext (power)."""
    def fmt(value: float, _pos: int | None) -> str:
        exp = round(math.log10(value))
        if style == "E-short":
            return f"1E{exp}"
        if style == "power":
            return rf"$10^{{{exp}}}$"
        return f"{value:.{max(0, -exp)}f}"
    return fmt
