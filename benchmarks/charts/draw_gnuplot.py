"""Draw a chart spec with gnuplot's pdfcairo terminal, in one of several border/grid/key styles."""
from __future__ import annotations

import math
import subprocess
import tempfile
from pathlib import Path

from benchmarks.charts.spec import Chart, Spec, date_ticks, pie_angles, pie_variant, to_date

THEMES = ("box", "open", "grid", "boxed-key")
_SETTINGS = {
    "box": "",
    "open": "set border 3\nset xtics nomirror\nset ytics nomirror\n",
    "grid": "set grid\n",
    "boxed-key": "set key box opaque\n",
}


def draw(spec: Spec, theme: str, out: Path) -> None:
    """Write the figure as a one-page PDF (needs `gnuplot` with the pdfcairo terminal)."""
    n = len(spec.panels)
    lines = [f"set terminal pdfcairo enhanced size {5.0 if n == 1 else 7.0}in,3.2in font 'Helvetica,10'",
             f"set output '{out}'"]
    if n > 1:
        lines.append(f"set multiplot layout 1,{n}")
    for chart in spec.panels:
        lines += ["reset", _SETTINGS[theme], _panel(chart)]
    if n > 1:
        lines.append("unset multiplot")
    with tempfile.NamedTemporaryFile("w", suffix=".gp", delete=False) as fh:
        fh.write("\n".join(lines) + "\n")
    subprocess.run(["gnuplot", fh.name], check=True, capture_output=True, timeout=60)
    Path(fh.name).unlink()


def _q(s: str) -> str:
    return '"' + s.replace('"', "'") + '"'


def _panel(chart: Chart) -> str:
    if chart.kind == "pie":
        return _pie(chart)
    out = [f"set xlabel {_q(chart.x_title)}", f"set ylabel {_q(chart.y_title)}"]
    if not chart.legend:
        out.append("unset key")
    if chart.kind in ("bar", "hbar"):
        return "\n".join(out + _bars(chart))
    if chart.kind in ("stacked", "hstacked"):
        return "\n".join(out + _stacked(chart))
    if chart.x_date:
        return "\n".join(out + _dates(chart))
    out += [f"set xrange [{chart.x_range[0]}:{chart.x_range[1]}]", f"set yrange [{chart.y_range[0]}:{chart.y_range[1]}]"]
    if chart.log_y:
        out.append("set logscale y")
        if len(chart.series[0].y) % 2:
            out.append('set format y "10^{%L}"')
    elif max(abs(v) for v in chart.y_range) < 1e-3 or max(abs(v) for v in chart.y_range) >= 1e5:
        out.append('set format y "%.1e"' if len(chart.series[0].y) % 2 else 'set format y "%.1t×10^{%T}"')
    with_ = {"line": "lines lw 2", "scatter": "points ps 0.8", "errorbar": "yerrorlines ps 0.6"}[chart.kind]
    plots, data = [], []
    for k, s in enumerate(chart.series):
        pt = f" pt {k + 5}" if chart.kind != "line" else ""
        plots.append(f"'-' using 1:2{':3' if s.y_err else ''} with {with_}{pt} title {_q(s.name)}")
        data += [f"{x} {y}" + (f" {e}" if s.y_err else "") for x, y, e in zip(s.x, s.y, s.y_err or [None] * len(s.y))]
        data.append("e")
    return "\n".join(out + ["plot " + ", ".join(plots)] + data)


def _bars(chart: Chart) -> list[str]:
    n, k = len(chart.categories), len(chart.series)
    width = 0.8 / k
    out = ["set style fill solid 1.0 border -1"]
    if chart.kind == "bar":
        out += [f"set xrange [-0.5:{n - 0.5}]", f"set yrange [{chart.y_range[0]}:{chart.y_range[1]}]",
                "set xtics (" + ", ".join(f"{_q(c)} {i}" for i, c in enumerate(chart.categories)) + ")"]
        cols = f"($1):2:({width})"
        style = "boxes"
    else:
        out += [f"set yrange [-0.5:{n - 0.5}]", f"set xrange [{chart.y_range[0]}:{chart.y_range[1]}]",
                "set ytics (" + ", ".join(f"{_q(c)} {i}" for i, c in enumerate(chart.categories)) + ")",
                f"set xlabel {_q(chart.y_title)}", f"set ylabel {_q(chart.x_title)}"]
        cols = f"($2/2):1:($2/2):({width / 2})"
        style = "boxxyerror"
    plots, data = [], []
    for j, s in enumerate(chart.series):
        plots.append(f"'-' using {cols} with {style} title {_q(s.name)}")
        data += [f"{i - 0.4 + width * (j + 0.5):.4f} {v}" for i, v in enumerate(s.y)] + ["e"]
    return out + ["plot " + ", ".join(plots)] + data


def _pie(chart: Chart) -> str:
    """Wedges `with circles` (x:y:radius:start:end), one plot per wedge so the key names its colour; or the
    names beside the wedges; percentages inside when the variant says so."""
    v = pie_variant(chart)
    out = ["unset border", "unset tics", "set size ratio -1", "set xrange [-1.6:1.6]", "set yrange [-1.25:1.25]",
           "set style fill solid 1.0 border rgb 'white'"]
    out.append("set key outside right" if chart.legend else "unset key")
    plots, data = [], []
    for k, (name, (a, b)) in enumerate(zip(chart.categories, pie_angles(chart, 90 if v & 4 else 0, bool(v & 2)))):
        mid = math.radians((a + b) / 2)
        if not chart.legend:
            out.append(f"set label {_q(name)} at {1.15 * math.cos(mid):.4f},{1.15 * math.sin(mid):.4f} center")
        if v & 1:
            out.append(f"set label '{chart.series[0].y[k]}%' at {0.6 * math.cos(mid):.4f},{0.6 * math.sin(mid):.4f}"
                       " center")
        plots.append(f"'-' using 1:2:3:4:5 with circles lc {k + 1} title {_q(name)}")
        data += [f"0 0 1 {a:.4f} {b:.4f}", "e"]
    return "\n".join(out + ["plot " + ", ".join(plots)] + data)


def _stacked(chart: Chart) -> list[str]:
    """Stacked bars: a `rowstacked` histogram (vertical); horizontal stacks as boxes from each sum to the next
    (gnuplot draws no horizontal histogram)."""
    n = len(chart.categories)
    out = ["set style fill solid 1.0 border -1"]
    tics = "(" + ", ".join(f"{_q(c)} {i}" for i, c in enumerate(chart.categories)) + ")"
    plots, data = [], []
    if chart.kind == "stacked":
        out += ["set style data histograms", "set style histogram rowstacked", "set boxwidth 0.6",
                f"set xrange [-0.5:{n - 0.5}]", f"set yrange [{chart.y_range[0]}:{chart.y_range[1]}]"]
        for j, s in enumerate(chart.series):
            plots.append(f"'-' using 2{':xtic(1)' if j == 0 else ''} title {_q(s.name)}")
            data += [f"{_q(c)} {v}" for c, v in zip(chart.categories, s.y)] + ["e"]
        return out + ["plot " + ", ".join(plots)] + data
    out += [f"set yrange [-0.5:{n - 0.5}]", f"set xrange [{chart.y_range[0]}:{chart.y_range[1]}]",
            f"set ytics {tics}", f"set xlabel {_q(chart.y_title)}", f"set ylabel {_q(chart.x_title)}"]
    base = [0.0] * n
    for s in chart.series:
        plots.append(f"'-' using 1:2:3:4:($2-0.3):($2+0.3) with boxxyerror title {_q(s.name)}")
        data += [f"{b + v / 2} {i} {b} {b + v}" for i, (b, v) in enumerate(zip(base, s.y))] + ["e"]
        base = [b + v for b, v in zip(base, s.y)]
    return out + ["plot " + ", ".join(plots)] + data


def _dates(chart: Chart) -> list[str]:
    """A line chart over dates: `set xdata time`, tics at calendar dates printed as `%b %Y`, `%m/%Y`, ISO or
    `%d %b %Y` (years only on a year axis)."""
    odd = len(chart.series[0].x) % 2
    span = chart.x_range[1] - chart.x_range[0]
    fmt = "%Y" if chart.x_date == "years" else ("%b %Y" if odd else "%m/%Y") if span > 180 else \
        ("%Y-%m-%d" if odd else "%d %b %Y")
    ticks = ", ".join(f'"{to_date(t)}"' for t in date_ticks(chart, 4 if span <= 180 else 5))
    out = ["set xdata time", 'set timefmt "%Y-%m-%d"', f'set format x "{fmt}"', f"set xtics ({ticks})",
           f'set xrange ["{to_date(chart.x_range[0])}":"{to_date(chart.x_range[1])}"]',
           f"set yrange [{chart.y_range[0]}:{chart.y_range[1]}]"]
    plots, data = [], []
    for s in chart.series:
        plots.append(f"'-' using 1:2 with lines lw 2 title {_q(s.name)}")
        data += [f"{to_date(x)} {y}" for x, y in zip(s.x, s.y)] + ["e"]
    return out + ["plot " + ", ".join(plots)] + data
