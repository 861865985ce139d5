"""Typeset the figure test papers with LaTeX (pgfplots, TikZ, subcaption) and write their ground truth.

    python benchmarks/papers/make_figure_papers.py [--out benchmarks/papers/figures]

Every chart is drawn from the data in FIGURES below, and the truth JSON (same format as
../shared/bench/dev/*.truth.json: label, page, caption, kind, style, series with x/y, axis ranges) is
written from that same data, so the PDF and its truth cannot disagree. Needs pdflatex with pgfplots;
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
}


def make_paper(name: str, spec: dict, out: Path, work: Path) -> None:
    builders = {"line": line_chart, "bar": bar_chart, "log": log_chart, "scatter": scatter_chart,
                "diagram": diagram, "panels": panel_figure}
    body, truths = [], []
    for k, (what, caption) in enumerate(spec["figures"], start=1):
        star = what.endswith("*")
        what = what.rstrip("*")
        if what == "raster":
            tex, truth = raster(work / f"{name}_img.png")
        else:
            tex, truth = builders[what]()
        env = "figure*" if star else "figure"
        body.append(f"{FILLER}\n\n\\begin{{{env}}}[t]\\centering\n{tex}\n\\caption{{{caption}}}\n\\end{{{env}}}\n"
                    f"{FILLER}\n")
        truths.append(dict(label=f"Figure {k}", label_text=f"Figure {k}", caption=caption, **truth))
        for panel in truth.get("panels", ()):  # the contract's panel rows: no label, the subcaption, a parent
            truths.append(dict(label=None, label_text=None, caption=panel["caption"], kind=panel["kind"],
                               style=["panel"], parent=f"Figure {k}"))
    doc = ("\\documentclass" + spec["cls"] + "\n\\usepackage[margin=2cm]{geometry}\\usepackage{graphicx}"
           "\\usepackage{pgfplots}\\pgfplotsset{compat=1.18}\\usepackage{subcaption}\n"
           "\\begin{document}\n\\section{Results}\n" + "\n".join(body) + "\\end{document}\n")
    (out / f"{name}.tex").write_text(doc)
    (work / f"{name}.tex").write_text(doc)
    for _ in range(2):
        subprocess.run(["pdflatex", "-interaction=nonstopmode", f"{name}.tex"], cwd=work, check=True,
                       capture_output=True)
    shutil.copy(work / f"{name}.pdf", out / f"{name}.pdf")
    _locate(out / f"{name}.pdf", truths)
    (out / f"{name}.truth.json").write_text(json.dumps({"tables": [], "figures": truths}, indent=1,
                                                       ensure_ascii=False) + "\n")


def _locate(pdf: Path, truths: list[dict]) -> None:
    """Page of each figure, from where its caption label was typeset (the data itself needs no locating)."""
    import pymupdf

    doc = pymupdf.open(pdf)
    for truth in truths:
        for page in doc:
            if page.search_for(f"{truth['label']}: {truth['caption'][:20]}" if truth["label"] else truth["caption"]):
                truth["page"] = page.number + 1
                break


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
