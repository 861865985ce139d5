"""Generate a chart corpus with known data, drawn by the plotting tools themselves.

    python -m benchmarks.charts.make_charts OUT_DIR [--seed 1] [--per-style 2] [--tools matplotlib,gnuplot,...]

Each chart is OUT_DIR/<tool>_<style>_<k>.pdf (one page: the tool's vector PDF and a caption under it) with
OUT_DIR/<tool>_<style>_<k>.truth.json beside it. Tools whose program is missing are skipped with a note.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.charts import draw_gnuplot, draw_libreoffice, draw_mpl, draw_origin, draw_pgfplots, draw_r
from benchmarks.charts.compose import compose
from benchmarks.charts.spec import STYLES, Spec, make_spec

Drawer = Callable[[Spec, str, Path], None]
TOOLS: dict[str, tuple[Drawer, tuple[str, ...], str | None]] = {
    "matplotlib": (draw_mpl.draw, draw_mpl.THEMES, None),
    "gnuplot": (draw_gnuplot.draw, draw_gnuplot.THEMES, "gnuplot"),
    "r-base": (draw_r.draw_base, draw_r.BASE_THEMES, "Rscript"),
    "ggplot2": (draw_r.draw_ggplot, draw_r.GGPLOT_THEMES, "Rscript"),
    "pgfplots": (draw_pgfplots.draw, draw_pgfplots.THEMES, "pdflatex"),
    "libreoffice": (draw_libreoffice.draw, draw_libreoffice.THEMES, "soffice"),
    "origin": (draw_origin.draw, draw_origin.THEMES, None),
}


def available(tools: list[str]) -> list[str]:
    """The requested tools whose program is on PATH."""
    out = []
    for tool in tools:
        program = TOOLS[tool][2]
        if program and shutil.which(program) is None:
            print(f"skipping {tool}: {program} not found", file=sys.stderr)
            continue
        out.append(tool)
    return out


def generate(out: Path, seed: int, per_style: int, tools: list[str], styles: tuple[str, ...] = STYLES) -> int:
    """Draw per_style charts of every style with every tool; returns how many were written."""
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        for tool in available(tools):
            draw, themes, _ = TOOLS[tool]
            rng = random.Random(f"{seed}:{tool}")
            for style in styles:
                for k in range(per_style):
                    spec = make_spec(style, rng)
                    theme = themes[(k + styles.index(style)) % len(themes)]
                    raw = Path(tmp) / f"{tool}_{style}_{k}.pdf"
                    stem = f"{tool}_{style}_{k}"
                    try:
                        draw(spec, theme, raw)
                    except (OSError, RuntimeError, ValueError, subprocess.SubprocessError) as exc:  # reported, not fatal
                        print(f"{stem}: {tool} failed: {exc}", file=sys.stderr)
                        continue
                    truth = compose(raw, spec, 1, [tool, style, f"{tool}:{theme}"], out / f"{stem}.pdf")
                    (out / f"{stem}.truth.json").write_text(json.dumps(truth, indent=1))
                    n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-style", type=int, default=2)
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--styles", default=",".join(STYLES))
    a = ap.parse_args()
    n = generate(a.out, a.seed, a.per_style, a.tools.split(","), tuple(a.styles.split(",")))
    print(f"{n} charts in {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
