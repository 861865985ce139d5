"""Draw a chart spec with pgfplots (TeX Live's pdflatex; the page is clipped to the drawing later), in several
axis styles."""
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from benchmarks.charts.spec import Chart, Spec, date_ticks, pie_angles, pie_variant, to_date

THEMES = ("box", "axis-lines-left", "grid", "legend-outside")
_OPTIONS = {
    "box": "",
    "axis-lines-left": "axis lines=left,",
    "grid": "grid=major,",
    "legend-outside": "legend pos=outer north east,",
}
MARKS = ("*", "square*", "triangle*")
COLOURS = ("blue", "red", "black!60!green")


def draw(spec: Spec, theme: str, out: Path) -> None:
    """Write the figure as a one-page PDF (needs `pdflatex` with pgfplots)."""
    if len(spec.panels) > 1 and theme == "legend-outside":
        theme = "box"  # a legend outside the first panel would sit on the second
    body = [_pie(c) if c.kind == "pie" else _panel(c, theme) for c in spec.panels]
    dates = [r"\usepgfplotslibrary{dateplot}"] if any(c.x_date for c in spec.panels) else []
    tex = "\n".join([r"\documentclass{article}", r"\usepackage{pgfplots}", *dates, r"\pagestyle{empty}",
                     r"\pgfplotsset{compat=1.16}", r"\begin{document}", r"\noindent", r"\begin{tikzpicture}"]
                    + [b.replace("SHIFT", f"{k * 7.2}cm") for k, b in enumerate(body)]
                    + [r"\end{tikzpicture}", r"\end{document}"])
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "chart.tex"
        src.write_text(tex)
        subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", src.name], cwd=tmp, check=True,
                       capture_output=True, timeout=120)
        out.write_bytes((Path(tmp) / "chart.pdf").read_bytes())


def _esc(s: str) -> str:
    return s.replace("%", r"\%")


def _panel(chart: Chart, theme: str) -> str:
    width = "9cm" if chart.kind in ("bar", "hbar", "stacked", "hstacked") else "7cm"
    opts = ["at={(SHIFT,0)}", f"width={width}", "height=5cm", _OPTIONS[theme].rstrip(","),
            r"tick label style={font=\footnotesize}",
            f"xlabel={{{_esc(chart.x_title)}}}", f"ylabel={{{_esc(chart.y_title)}}}"]
    if chart.kind in ("bar", "hbar", "stacked", "hstacked"):
        return _bars(chart, opts)
    if chart.x_date:
        return _dates(chart, opts)
    opts += [f"xmin={chart.x_range[0]}", f"xmax={chart.x_range[1]}", f"ymin={chart.y_range[0]}",
             f"ymax={chart.y_range[1]}"]
    if chart.log_y:
        opts.append("ymode=log")
    plots = []
    for k, s in enumerate(chart.series):
        style = {"line": f"{COLOURS[k]}, no markers, thick",
                 "scatter": f"{COLOURS[k]}, only marks, mark={MARKS[k]}",
                 "errorbar": f"{COLOURS[k]}, mark={MARKS[k]}, error bars/.cd, y dir=both, y explicit"}[chart.kind]
        if s.y_err:
            coords = " ".join(f"({x},{y}) +- (0,{e})" for x, y, e in zip(s.x, s.y, s.y_err))
        else:
            coords = " ".join(f"({x},{y})" for x, y in zip(s.x, s.y))
        plots.append(rf"\addplot[{style}] coordinates {{{coords}}};")
        if chart.legend:
            plots.append(rf"\addlegendentry{{{s.name}}}")
    return "\n".join([r"\begin{axis}[" + ", ".join(o for o in opts if o) + "]"] + plots + [r"\end{axis}"])


def _bars(chart: Chart, opts: list[str]) -> str:
    horizontal = chart.kind in ("hbar", "hstacked")
    cats = ",".join(chart.categories)
    k = 1 if chart.kind.endswith("stacked") else len(chart.series)
    stacked = " stacked" if chart.kind.endswith("stacked") else ""  # each plot on those before it
    if horizontal:
        opts += ["xbar" + stacked, f"xmin={chart.y_range[0]}", f"xmax={chart.y_range[1]}",
                 f"symbolic y coords={{{cats}}}", "ytick=data", f"bar width={max(4, 14 // k)}pt",
                 f"xlabel={{{_esc(chart.y_title)}}}", f"ylabel={{{_esc(chart.x_title)}}}",
                 "enlarge y limits=0.2"]
    else:
        opts += ["ybar" + stacked, f"ymin={chart.y_range[0]}", f"ymax={chart.y_range[1]}",
                 f"symbolic x coords={{{cats}}}", "xtick=data", f"bar width={max(4, 14 // k)}pt",
                 "enlarge x limits=0.2"]
    plots = []
    for j, s in enumerate(chart.series):
        pairs = " ".join(f"({v},{c})" if horizontal else f"({c},{v})" for c, v in zip(chart.categories, s.y))
        plots.append(rf"\addplot[fill={COLOURS[j]}!60, draw=black] coordinates {{{pairs}}};")
        if chart.legend:
            plots.append(rf"\addlegendentry{{{s.name}}}")
    return "\n".join([r"\begin{axis}[" + ", ".join(o for o in opts if o) + "]"] + plots + [r"\end{axis}"])


PIE_COLOURS = ("blue!60", "red!60", "green!50!black!60", "orange!70", "violet!60", "cyan!60")


def _pie(chart: Chart) -> str:
    """TikZ wedges (\\fill (0,0) -- (a:r) arc (a:b:r) -- cycle), as a pgf-pie or hand-made TikZ pie draws them:
    names beside the wedges or in a legend of coloured boxes, percentages inside when the variant says so."""
    v = pie_variant(chart)
    out = []
    for k, (name, (a, b)) in enumerate(zip(chart.categories, pie_angles(chart, 90 if v & 4 else 0, bool(v & 2)))):
        colour, mid = PIE_COLOURS[k], (a + b) / 2
        out.append(rf"\fill[{colour}, draw=white] (0,0) -- ({a:.3f}:2cm) arc ({a:.3f}:{b:.3f}:2cm) -- cycle;")
        if v & 1:
            out.append(rf"\node[font=\footnotesize] at ({mid:.3f}:1.3cm) {{{_esc(str(chart.series[0].y[k]))}\%}};")
        if chart.legend:
            out.append(rf"\fill[{colour}] (2.6cm,{1.5 - 0.5 * k}cm) rectangle ++(0.3cm,0.3cm);")
            out.append(rf"\node[anchor=west, font=\small] at (3.0cm,{1.65 - 0.5 * k}cm) {{{name}}};")
        else:
            out.append(rf"\node[font=\small] at ({mid:.3f}:2.5cm) {{{name}}};")
    return "\n".join(out)


def _dates(chart: Chart, opts: list[str]) -> str:
    """A line chart over dates with the dateplot library: ticks at calendar dates, labelled `\\year-\\month-\\day`,
    `\\year-\\month`, `Mar 2021` (pgfcalendar's short month name) or `\\year` alone on a year axis."""
    odd = len(chart.series[0].x) % 2
    if chart.x_date == "years":
        label = r"\year"
    elif chart.x_range[1] - chart.x_range[0] <= 180:
        label = r"\year-\month-\day"
    else:
        label = r"\pgfcalendarmonthshortname{\month} \year" if odd else r"\year-\month"
    ticks = ",".join(str(to_date(t)) for t in date_ticks(chart, 3 if "day" in label or "name" in label else 4))
    opts += ["date coordinates in=x", f"date ZERO={to_date(chart.x_range[0])}", f"xtick={{{ticks}}}",
             f"xticklabel={{{label}}}", f"xmin={to_date(chart.x_range[0])}", f"xmax={to_date(chart.x_range[1])}",
             f"ymin={chart.y_range[0]}", f"ymax={chart.y_range[1]}"]
    plots = []
    for k, s in enumerate(chart.series):
        coords = " ".join(f"({to_date(x)},{y})" for x, y in zip(s.x, s.y))
        plots.append(rf"\addplot[{COLOURS[k]}, no markers, thick] coordinates {{{coords}}};")
        if chart.legend:
            plots.append(rf"\addlegendentry{{{s.name}}}")
    return "\n".join([r"\begin{axis}[" + ", ".join(o for o in opts if o) + "]"] + plots + [r"\end{axis}"])
