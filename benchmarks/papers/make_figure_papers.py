"""Typeset the figure test papers with LaTeX (pgfplots, TikZ, subcaption) and write their ground truth.

    python benchmarks/papers/make_figure_papers.py [--out benchmarks/papers/figures]

Every chart is drawn from the data in FIGURES below, and the truth JSON (same format as
../shared/bench/dev/*.truth.json: label, page, caption, kind, style, series with x/y, axis ranges) is
written from that same data, so the PDF and its truth cannot disagree. Needs pdflatex with pgfplots, sidecap and wrapfig;
the PDFs and truth files are committed, so the tests do not need LaTeX.
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --- the data every chart is drawn from -------------------------------------------------------------
TEMPS = [10, 20, 30, 40, 50, 60, 70, 80]
LINE = {"Annealed": [1.2, 2.9, 4.1, 5.6, 6.2, 7.9, 8.4, 9.7], "Quenched": [0.4, 1.1, 2.5, 2.8, 4.4, 5.0, 6.3, 6.9]}
METHODS = ["Baseline", "Ours", "Oracle"]
BARS = {"Train": [71.5, 84.2, 93.0], "Test": [65.3, 80.8, 90.1]}
BAR_ERR = {"Train": [2.0, 1.5, 1.0], "Test": [3.0, 2.5, 1.5]}
LOG_X = [-4, -3, -2, -1, 0, 1, 2]
LOG_Y = [3.2, 12.0, 45.0, 160.0, 610.0, 2300.0, 8800.0]
SCAT_X = [0.3, 0.8, 1.1, 1.6, 2.2, 2.9, 3.3, 3.8, 4.4, 4.9]
SCAT = {"Oxides": [0.5, 1.0, 1.0, 1.9, 2.1, 3.1, 3.0, 3.9, 4.6, 4.8],
        "Nitrides": [0.9, 0.6, 1.6, 1.4, 2.6, 2.5, 3.7, 3.4, 4.0, 5.2]}
PANEL_X = [1, 2, 3, 4, 5, 6]
PANEL_A = {"Train": [0.92, 0.61, 0.45, 0.33, 0.27, 0.22], "Valid": [0.95, 0.70, 0.58, 0.52, 0.50, 0.49]}
PANEL_B = {"Accuracy": [55.0, 68.0, 74.0, 79.0, 81.0, 82.5]}


HBAR_CATS = ["Parser", "Tokenizer", "Renderer", "Indexer"]
HBAR = {"Before": [42.0, 17.5, 63.0, 28.5], "After": [31.0, 12.0, 40.5, 22.0]}
HBAR_ERR = {"Before": [3.0, 1.5, 4.0, 2.0], "After": [2.0, 1.0, 3.0, 1.5]}
LOGLOG_X = [1, 3, 10, 30, 100, 300, 1000]
LOGLOG_Y = [0.5, 2.6, 16.0, 83.0, 510.0, 2700.0, 16000.0]
SCI_X = [0, 1, 2, 3, 4, 5, 6]
SCI_Y = [0.0004, 0.0009, 0.0013, 0.0016, 0.0021, 0.0027, 0.0030]
PANEL_C_X = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
PANEL_C = {"Measured": [1.1, 2.3, 2.9, 4.2, 4.8, 6.1]}


def _coords(xs, ys) -> str:
    return " ".join(f"({x},{y})" for x, y in zip(xs, ys))


def _series(name, xs, ys, **extra) -> dict:
    return {"name": name, "x": list(xs), "y": list(ys), **extra}


def line_chart() -> tuple[str, dict]:
    tex = r"""\begin{tikzpicture}\begin{axis}[width=10cm,height=6cm,xmin=0,xmax=90,ymin=0,ymax=11,
xlabel={Temperature (K)},ylabel={Resistivity (m$\Omega$ cm)},legend pos=north west]
""" + "".join(f"\\addplot coordinates {{{_coords(TEMPS, ys)}}};\n\\addlegendentry{{{n}}}\n" for n, ys in LINE.items()) \
        + r"\end{axis}\end{tikzpicture}"
    truth = {"kind": "chart", "style": ["line", "legend"], "x_label": "Temperature (K)",
             "y_label": "Resistivity (mΩ cm)", "x_range": [0, 90], "y_range": [0, 11],
             "series": [_series(n, TEMPS, ys) for n, ys in LINE.items()]}
    return tex, truth


def bar_chart() -> tuple[str, dict]:
    plots = "".join(
        f"\\addplot+[error bars/.cd,y dir=both,y explicit] coordinates {{"
        + " ".join(f"({m},{v}) +- (0,{e})" for m, v, e in zip(METHODS, vals, BAR_ERR[n])) + "};\n"
        for n, vals in BARS.items())
    tex = r"""\begin{tikzpicture}\begin{axis}[width=10cm,height=6cm,ybar,bar width=14pt,ymin=0,ymax=100,
symbolic x coords={""" + ",".join(METHODS) + r"""},xtick=data,enlarge x limits=0.25,ylabel={Accuracy (\%)},
legend pos=north west]
""" + plots + "\\legend{" + ",".join(BARS) + r"}\end{axis}\end{tikzpicture}"
    truth = {"kind": "chart", "style": ["bar", "errorbars", "legend"], "x_label": None, "y_label": "Accuracy (%)",
             "x_range": [-0.5, 2.5], "y_range": [0, 100],
             "series": [_series(n, list(range(len(METHODS))), vals, x_categories=METHODS, y_err=BAR_ERR[n])
                        for n, vals in BARS.items()]}
    return tex, truth


def log_chart() -> tuple[str, dict]:
    tex = r"""\begin{tikzpicture}\begin{axis}[width=10cm,height=6cm,ymode=log,xmin=-5,xmax=3,ymin=1,ymax=10000,
xlabel={Bias (V)},ylabel={Current (nA)}]
\addplot[mark=square*,blue] coordinates {""" + _coords(LOG_X, LOG_Y) + r"""};
\end{axis}\end{tikzpicture}"""
    truth = {"kind": "chart", "style": ["line", "log", "neg"], "x_label": "Bias (V)", "y_label": "Current (nA)",
             "x_range": [-5, 3], "y_range": [1, 10000], "series": [_series("", LOG_X, LOG_Y)]}
    return tex, truth


def scatter_chart(width: str = "8.4cm") -> tuple[str, dict]:
    plots = "".join(f"\\addplot+[only marks,mark={m}] coordinates {{{_coords(SCAT_X, ys)}}};\n\\addlegendentry{{{n}}}\n"
                    for (n, ys), m in zip(SCAT.items(), ("*", "triangle*")))
    tex = r"""\begin{tikzpicture}\begin{axis}[width=""" + width + r""",height=6cm,xmin=0,xmax=5.5,ymin=0,ymax=6,
xlabel={DFT gap (eV)},ylabel={Measured gap (eV)},legend pos=north west]
""" + plots + r"\end{axis}\end{tikzpicture}"
    truth = {"kind": "chart", "style": ["scatter", "legend"], "x_label": "DFT gap (eV)", "y_label": "Measured gap (eV)",
             "x_range": [0, 5.5], "y_range": [0, 6], "series": [_series(n, SCAT_X, ys) for n, ys in SCAT.items()]}
    return tex, truth


def panel_figure() -> tuple[str, dict]:
    a = "".join(f"\\addplot coordinates {{{_coords(PANEL_X, ys)}}};\n\\addlegendentry{{{n}}}\n" for n, ys in PANEL_A.items())
    b = "".join(f"\\addplot coordinates {{{_coords(PANEL_X, ys)}}};\n" for ys in PANEL_B.values())
    tex = r"""\begin{subfigure}{0.48\linewidth}\centering
\begin{tikzpicture}\begin{axis}[width=\linewidth,height=4.5cm,xmin=0,xmax=7,ymin=0,ymax=1.1,xlabel={Epoch},ylabel={Loss}]
""" + a + r"""\end{axis}\end{tikzpicture}\caption{Training and validation loss}\end{subfigure}\hfill
\begin{subfigure}{0.48\linewidth}\centering
\begin{tikzpicture}\begin{axis}[width=\linewidth,height=4.5cm,xmin=0,xmax=7,ymin=50,ymax=90,xlabel={Epoch},ylabel={Accuracy (\%)}]
""" + b + r"""\end{axis}\end{tikzpicture}\caption{Test accuracy}\end{subfigure}"""
    truth = {"kind": "multi", "style": ["multi", "subfigure", "line"],
             "series": [_series(n, PANEL_X, ys, panel="(a)", x_range=[0, 7], y_range=[0, 1.1]) for n, ys in PANEL_A.items()]
             + [_series("", PANEL_X, ys, panel="(b)", x_range=[0, 7], y_range=[50, 90]) for ys in PANEL_B.values()],
             "panels": [{"caption": "(a) Training and validation loss", "kind": "chart"},
                        {"caption": "(b) Test accuracy", "kind": "chart"}]}
    return tex, truth


def hbar_chart() -> tuple[str, dict]:
    """Horizontal bars with horizontal error bars: the category axis on y, the values on x."""
    plots = "".join(
        f"\\addplot+[error bars/.cd,x dir=both,x explicit] coordinates {{"
        + " ".join(f"({v},{c}) +- ({e},0)" for c, v, e in zip(HBAR_CATS, vals, HBAR_ERR[n])) + "};\n"
        for n, vals in HBAR.items())
    tex = r"""\begin{tikzpicture}\begin{axis}[width=8cm,height=6.5cm,xbar,bar width=8pt,xmin=0,xmax=80,
symbolic y coords={""" + ",".join(HBAR_CATS) + r"""},ytick=data,enlarge y limits=0.2,xlabel={Run time (ms)},
legend pos=south east]
""" + plots + "\\legend{" + ",".join(HBAR) + r"}\end{axis}\end{tikzpicture}"
    truth = {"kind": "chart", "style": ["bar", "hbar", "errorbars", "legend"], "x_label": None,
             "y_label": "Run time (ms)", "x_range": [-0.5, len(HBAR_CATS) - 0.5], "y_range": [0, 80],
             "series": [_series(n, list(range(len(HBAR_CATS))), vals, x_categories=HBAR_CATS, y_err=HBAR_ERR[n])
                        for n, vals in HBAR.items()]}
    return tex, truth


def loglog_chart() -> tuple[str, dict]:
    """Both axes logarithmic, ticks printed as powers of ten."""
    tex = r"""\begin{tikzpicture}\begin{axis}[width=7.5cm,height=6cm,xmode=log,ymode=log,xmin=0.5,xmax=2000,
ymin=0.1,ymax=100000,xlabel={Dose (mg)},ylabel={Signal (counts)}]
\addplot[only marks,mark=o,red] coordinates {""" + _coords(LOGLOG_X, LOGLOG_Y) + r"""};
\end{axis}\end{tikzpicture}"""
    truth = {"kind": "chart", "style": ["scatter", "log", "loglog"], "x_label": "Dose (mg)",
             "y_label": "Signal (counts)", "x_range": [0.5, 2000], "y_range": [0.1, 100000],
             "series": [_series("", LOGLOG_X, LOGLOG_Y)]}
    return tex, truth


def sci_chart() -> tuple[str, dict]:
    """Tick labels in scientific notation (2·10⁻³), not a common axis factor."""
    tex = r"""\begin{tikzpicture}\begin{axis}[width=8cm,height=5.5cm,xmin=0,xmax=7,ymin=0,ymax=0.0035,
scaled y ticks=false,yticklabel style={/pgf/number format/sci,/pgf/number format/precision=1},
ytick={0,0.001,0.002,0.003},xlabel={Cycle},ylabel={Strain}]
\addplot[mark=*,black] coordinates {""" + _coords(SCI_X, SCI_Y) + r"""};
\end{axis}\end{tikzpicture}"""
    truth = {"kind": "chart", "style": ["line", "sci"], "x_label": "Cycle", "y_label": "Strain",
             "x_range": [0, 7], "y_range": [0, 0.0035], "series": [_series("", SCI_X, SCI_Y)]}
    return tex, truth


def flowchart() -> tuple[str, dict]:
    """A wide drawn diagram: boxes, a decision diamond and arrows with labels."""
    tex = r"""\begin{tikzpicture}[box/.style={draw,minimum width=2.4cm,minimum height=0.9cm},>=stealth]
\node[box] (in) at (0,0) {Upload};
\node[box] (ex) at (3.6,0) {Extract};
\node[draw,diamond,aspect=2,inner sep=1pt] (ok) at (7.6,0) {Valid?};
\node[box] (pub) at (11.6,0) {Publish};
\node[box] (rev) at (7.6,-2) {Review};
\draw[->,thick] (in) -- (ex); \draw[->,thick] (ex) -- (ok);
\draw[->,thick] (ok) -- node[above]{yes} (pub); \draw[->,thick] (ok) -- node[right]{no} (rev);
\draw[->,thick] (rev) -| (ex);
\end{tikzpicture}"""
    return tex, {"kind": "diagram", "style": ["diagram", "tikz", "wide"]}


def mixed_panels() -> tuple[str, dict]:
    """Two subfigures of different kinds: a chart and a drawn diagram, each with its (a)/(b) caption."""
    a = "".join(f"\\addplot+[only marks] coordinates {{{_coords(PANEL_C_X, ys)}}};\n" for ys in PANEL_C.values())
    tex = r"""\begin{subfigure}{0.45\linewidth}\centering
\begin{tikzpicture}\begin{axis}[width=\linewidth,height=4.5cm,xmin=0,xmax=3.5,ymin=0,ymax=7,xlabel={Load (kN)},ylabel={Strain (\textperthousand)}]
""" + a + r"""\end{axis}\end{tikzpicture}\caption{Strain under load}\end{subfigure}\hfill
\begin{subfigure}{0.45\linewidth}\centering
\begin{tikzpicture}[box/.style={draw,minimum width=1.8cm,minimum height=0.8cm},>=stealth]
\node[box] (s) at (0,0) {Sample}; \node[box] (g) at (3,0) {Gauge}; \node[box] (l) at (1.5,-1.8) {Logger};
\draw[->,thick] (s) -- (g); \draw[->,thick] (g) -- (l); \draw[->,thick] (s) -- (l);
\end{tikzpicture}\caption{The test rig}\end{subfigure}"""
    truth = {"kind": "multi", "style": ["multi", "subfigure", "scatter", "diagram"],
             "series": [_series("", PANEL_C_X, ys, panel="(a)", x_range=[0, 3.5], y_range=[0, 7])
                        for ys in PANEL_C.values()],
             "panels": [{"caption": "(a) Strain under load", "kind": "chart"},
                        {"caption": "(b) The test rig", "kind": "diagram"}]}
    return tex, truth


MPL_SCI_Y = [0.4e-7, 0.9e-7, 1.3e-7, 1.6e-7, 2.1e-7, 2.7e-7, 3.0e-7]


def matplotlib_chart(what: str, path: Path) -> tuple[str, dict]:
    """A chart drawn by matplotlib (Type 3 fonts, its own layout, an axis factor printed as `1e−7`),
    included as a PDF the way most papers include their plots. Needs matplotlib only to regenerate."""
    import matplotlib

    matplotlib.use("pdf")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4.5, 3))
    if what == "mpl_hbar":
        h = 0.38
        for k, (name, vals) in enumerate(HBAR.items()):
            ax.barh([i + (k - 0.5) * h for i in range(len(HBAR_CATS))], vals, h, xerr=HBAR_ERR[name], capsize=3,
                    label=name)
        ax.set_yticks(range(len(HBAR_CATS)), HBAR_CATS)
        ax.set_xlabel("Run time (ms)")
        ax.legend()
        truth = {"kind": "chart", "style": ["bar", "hbar", "errorbars", "legend", "matplotlib"], "x_label": None,
                 "y_label": "Run time (ms)", "x_range": [-0.5, len(HBAR_CATS) - 0.5], "y_range": [0, 70],
                 "series": [_series(n, list(range(len(HBAR_CATS))), vals, x_categories=HBAR_CATS, y_err=HBAR_ERR[n])
                            for n, vals in HBAR.items()]}
    elif what == "mpl_sci":
        ax.plot(SCI_X, MPL_SCI_Y, "s-")
        ax.set_xlabel("Cycle")
        ax.set_ylabel("Strain")
        truth = {"kind": "chart", "style": ["line", "sci", "axis_factor", "matplotlib"], "x_label": "Cycle",
                 "y_label": "Strain", "x_range": [-0.3, 6.3], "y_range": [0.0, 3.2e-7],
                 "series": [_series("", SCI_X, MPL_SCI_Y)]}
    else:
        ax.loglog(LOGLOG_X, LOGLOG_Y, "o-")
        ax.set_xlabel("Dose (mg)")
        ax.set_ylabel("Signal (counts)")
        truth = {"kind": "chart", "style": ["line", "log", "loglog", "matplotlib"], "x_label": "Dose (mg)",
                 "y_label": "Signal (counts)", "x_range": [0.7, 1400], "y_range": [0.3, 27000],
                 "series": [_series("", LOGLOG_X, LOGLOG_Y)]}
    fig.tight_layout()
    fig.savefig(path)
    limits = [round(v, 12) for v in ax.get_xlim()], [round(v, 12) for v in ax.get_ylim()]
    if what == "mpl_hbar":  # the value axis runs along x
        truth["y_range"] = limits[0]
    else:
        truth["x_range"], truth["y_range"] = limits
    plt.close(fig)
    return r"\includegraphics{" + path.name + "}", truth


def diagram() -> tuple[str, dict]:
    tex = r"""\begin{tikzpicture}[box/.style={draw,rounded corners,minimum width=2cm,minimum height=1cm}]
\node[box] (a) at (0,0) {Reader}; \node[box] (b) at (3.2,0) {Finder}; \node[box] (c) at (6.4,0) {Writer};
\node[box] (d) at (3.2,-2) {Review};
\draw[->,thick] (a) -- (b); \draw[->,thick] (b) -- (c); \draw[->,thick] (b) -- (d);
\end{tikzpicture}"""
    return tex, {"kind": "diagram", "style": ["diagram", "tikz"]}


def raster(path: Path) -> tuple[str, dict]:
    """A photo-like gradient written as PNG with PyMuPDF (no other imaging library needed)."""
    import pymupdf

    w, h = 160, 120
    data = bytearray()
    for y in range(h):
        for x in range(w):
            data += bytes(((x * 7 + y * 3) % 256, (x * y) % 256, int(128 + 120 * math.sin((x + y) / 9))))
    pymupdf.Pixmap(pymupdf.csRGB, w, h, bytes(data), 0).save(str(path))
    return r"\includegraphics[width=6cm]{" + path.name + "}", {"kind": "image", "style": ["raster", "photo"]}


FILLER = ("Vector plots keep their data: every mark, bar and line is drawn at a position computed from a number, "
          "and the axis ticks say which numbers those positions stand for. ") * 3

PAPERS = {
    "figs_onecol": dict(cls="[11pt]{article}", figures=[
        ("line", "Resistivity of annealed and quenched films against temperature."),
        ("bar", "Accuracy of the three methods on the training and test splits."),
        ("log", "Leakage current against bias on a logarithmic scale."),
        ("raster", "A micrograph of the sample surface."),
    ]),
    "figs_twocol": dict(cls="[10pt,twocolumn]{article}", figures=[
        ("scatter", "Measured against computed band gaps for two material families."),
        ("diagram", "The processing pipeline from reader to review."),
        ("panels*", "Learning curves of the model over six epochs."),
    ]),
    # captions beside their figures (sidecap's SCfigure, a minipage caption on the left), two on one page,
    # a wrapped figure with text running beside it, horizontal bars and a log-log plot
    "figs_sidecap": dict(cls="[11pt]{article}", figures=[
        ("line>", "Resistivity against temperature, with the caption set to the right of the plot as "
                  "a side caption."),
        ("hbar<", "Run time of each stage before and after the rewrite, with the caption on the left."),
        ("diagram~", "The reader feeds the finder."),
        ("loglog", "Signal against dose on logarithmic axes."),
    ]),
    # two columns: charts in a column, a diagram and mixed subfigures spanning both columns
    "figs_wide": dict(cls="[10pt,twocolumn]{article}", figures=[
        ("sci", "Strain per cycle, ticks in scientific notation."),
        ("flowchart*", "The curation loop from upload to publication."),
        ("mixed*", "The strain test and the rig that measured it."),
        ("hbar", "Run time of each stage before and after the rewrite."),
        ("scatter|", "Band gaps again, in a figure of its own beside the next one."),
        ("diagram|", "The pipeline again, beside the band gaps."),
    ]),
    # plots made by matplotlib and included as PDFs, like the dev set's: horizontal bars with error bars,
    # an axis factor (`1e−7`) instead of long tick labels, log-log axes
    "figs_matplotlib": dict(cls="[11pt]{article}", figures=[
        ("mpl_hbar", "Run time of each stage before and after the rewrite, drawn by matplotlib."),
        ("mpl_sci", "Strain per cycle, with the axis factor printed above the axis."),
        ("mpl_loglog", "Signal against dose on logarithmic axes, drawn by matplotlib."),
    ]),
}

PREAMBLE = r"""\usepackage[margin=2cm]{geometry}\usepackage{graphicx}\usepackage{pgfplots}\pgfplotsset{compat=1.18}
\usepackage{subcaption}\usepackage{sidecap}\usepackage{wrapfig}\usepackage{textcomp}
\usetikzlibrary{shapes.geometric}
\newsavebox\trackedbox\newwrite\trackedout\immediate\openout\trackedout=\jobname.pos
\newcommand\tracked[2]{\sbox\trackedbox{#2}\leavevmode\pdfsavepos
\edef\trackedwrite{\noexpand\write\noexpand\trackedout{#1 \noexpand\the\noexpand\pdflastxpos\space
\noexpand\the\noexpand\pdflastypos\space\the\wd\trackedbox\space\the\ht\trackedbox\space\the\dp\trackedbox
\space\noexpand\thepage}}\trackedwrite\usebox\trackedbox}
"""


def _float(layout: str, tex: str, caption: str) -> str:
    """The float around one graphic: above-caption figure, figure*, a side caption right or left, a wrapfigure."""
    if layout == "*":
        return f"\\begin{{figure*}}[t]\\centering\n{tex}\n\\caption{{{caption}}}\n\\end{{figure*}}"
    if layout == ">":
        return f"\\begin{{SCfigure}}[0.7][h!]\\centering\n{tex}\n\\caption{{{caption}}}\n\\end{{SCfigure}}"
    if layout == "<":
        return ("\\begin{figure}[h!]\\centering\n\\begin{minipage}[c]{0.3\\linewidth}\\caption{" + caption
                + "}\\end{minipage}\\hfill\n\\begin{minipage}[c]{0.66\\linewidth}\\centering\n" + tex
                + "\n\\end{minipage}\n\\end{figure}")
    if layout == "~":
        return (f"\\begin{{wrapfigure}}{{r}}{{0.45\\linewidth}}\\centering\n{tex}\n\\caption{{{caption}}}\n"
                "\\end{wrapfigure}")
    return f"\\begin{{figure}}[t]\\centering\n{tex}\n\\caption{{{caption}}}\n\\end{{figure}}"


def make_paper(name: str, spec: dict, out: Path, work: Path) -> None:
    builders = {"line": line_chart, "bar": bar_chart, "log": log_chart, "scatter": scatter_chart,
                "diagram": diagram, "panels": panel_figure, "hbar": hbar_chart, "loglog": loglog_chart,
                "sci": sci_chart, "flowchart": flowchart, "mixed": mixed_panels}
    body, truths = [], []
    pending: list[str] = []  # minipages of figures set side by side ('|'), each with its own caption
    for k, (what, caption) in enumerate(spec["figures"], start=1):
        layout = what[-1] if what[-1] in "*<>~|" else ""
        what = what.rstrip("*<>~|")
        if what == "raster":
            tex, truth = raster(work / f"{name}_img.png")
        elif what.startswith("mpl_"):
            tex, truth = matplotlib_chart(what, work / f"{name}_{k}.pdf")
        else:
            tex, truth = builders[what]()
        n_panels = len(truth.get("panels", ()))
        if n_panels:  # each subfigure's canvas is tracked on its own: fig<k>p<i>
            parts = tex.split("\\begin{tikzpicture}")
            tex = parts[0] + "".join(f"\\tracked{{fig{k}p{i}}}{{\\begin{{tikzpicture}}{part.split(chr(92) + 'end{tikzpicture}')[0]}"
                                     f"\\end{{tikzpicture}}}}{part.split(chr(92) + 'end{tikzpicture}', 1)[1]}"
                                     for i, part in enumerate(parts[1:], start=1))
        else:
            tex = f"\\tracked{{fig{k}}}{{{tex}}}"
        if layout == "|":
            pending.append(f"\\begin{{minipage}}[b]{{0.45\\linewidth}}\\centering\n{tex}\n\\caption{{{caption}}}\n"
                           "\\end{minipage}")
            if len(pending) == 2:
                pair = "\\hfill\n".join(pending)
                body.append(f"{FILLER}\n\n\\begin{{figure*}}[t]\n{pair}\n\\end{{figure*}}\n{FILLER}\n")
                pending = []
        else:
            body.append(f"{FILLER}\n\n{_float(layout, tex, caption)}\n{FILLER}\n")
        truths.append(dict(label=f"Figure {k}", label_text=f"Figure {k}", caption=caption, _key=f"fig{k}",
                           _panels=n_panels, **truth))
        # a multi-panel figure is one item (each figure once): its panels are listed in its "panels"
    doc = ("\\documentclass" + spec["cls"] + "\n" + PREAMBLE +
           "\\begin{document}\n\\section{Results}\n" + "\n".join(body) + "\\end{document}\n")
    (out / f"{name}.tex").write_text(doc)
    (work / f"{name}.tex").write_text(doc)
    for _ in range(2):
        subprocess.run(["pdflatex", "-interaction=nonstopmode", f"{name}.tex"], cwd=work, check=True,
                       capture_output=True)
    shutil.copy(work / f"{name}.pdf", out / f"{name}.pdf")
    _locate(out / f"{name}.pdf", (work / f"{name}.pos").read_text(), truths)
    (out / f"{name}.truth.json").write_text(json.dumps({"tables": [], "figures": truths}, indent=1,
                                                       ensure_ascii=False) + "\n")


def _locate(pdf: Path, positions: str, truths: list[dict]) -> None:
    """Page and box of each figure from the positions pdfTeX recorded for its canvas (the union of its
    panels' canvases for a multi-panel figure), in PDF points from the top left."""
    import pymupdf

    heights = [page.rect.height for page in pymupdf.open(pdf)]
    boxes: dict[str, tuple[int, list[float]]] = {}
    to_bp = 72.0 / 72.27 / 65536
    for line in positions.split("\n"):
        if not line.strip():
            continue
        key, x, y, wd, ht, dp, page = line.split()
        x, y, wd, ht, dp = (float(v.removesuffix("pt")) if v.endswith("pt") else float(v) for v in (x, y, wd, ht, dp))
        x, y = x * to_bp, y * to_bp  # sp → bp; the box sizes are TeX points
        wd, ht, dp = (v * 72.0 / 72.27 for v in (wd, ht, dp))
        h = heights[int(page) - 1]
        boxes[key] = (int(page), [round(x, 2), round(h - y - ht, 2), round(x + wd, 2), round(h - y + dp, 2)])
    for truth in truths:
        key, n = truth.pop("_key"), truth.pop("_panels")
        parts = [boxes[f"{key}p{i}"] for i in range(1, n + 1)] if n else [boxes[key]]
        truth["page"] = parts[0][0]
        truth["bbox"] = [min(b[0] for _, b in parts), min(b[1] for _, b in parts),
                         max(b[2] for _, b in parts), max(b[3] for _, b in parts)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "figures")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, spec in PAPERS.items():
            make_paper(name, spec, args.out, Path(tmp))
            print("wrote", args.out / f"{name}.pdf")


if __name__ == "__main__":
    main()
