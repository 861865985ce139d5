"""Draw a chart spec with R: base graphics or ggplot2, through R's pdf() device, in several themes."""
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from benchmarks.charts.spec import Chart, Series, Spec, date_ticks, pie_variant, to_date

BASE_THEMES = ("default", "horizontal-labels", "open")
GGPLOT_THEMES = ("theme_gray", "theme_bw", "theme_classic", "theme_minimal")
COLOURS = ("'#1b9e77'", "'#d95f02'", "'#7570b3'")
PIE_COLOURS = "c('#66c2a5', '#fc8d62', '#8da0cb', '#e78ac3', '#a6d854', '#ffd92f')"


def draw_base(spec: Spec, theme: str, out: Path) -> None:
    """R base graphics: plot/lines/points/barplot/arrows, one panel per par(mfrow) cell."""
    n = len(spec.panels)
    code = [f"pdf('{out}', width={5.0 if n == 1 else 7.0}, height=3.2)",
            f"par(mfrow=c(1,{n}), mar=c(4,4.5,1,1){', las=1' if theme == 'horizontal-labels' else ''})"]
    for chart in spec.panels:
        code += _base_panel(chart, theme)
    _run(code + ["invisible(dev.off())"])


def draw_ggplot(spec: Spec, theme: str, out: Path) -> None:
    """ggplot2: geoms over a data frame, facets with free scales for a multi-panel figure."""
    n = len(spec.panels)
    code = ["suppressMessages(library(ggplot2))"]
    chart = spec.panels[0]
    if chart.kind == "pie":
        code += _gg_pie(chart, theme)
    elif n == 1:
        code += _gg_frame(chart.series, chart) + [_gg_plot(chart, theme)]
    else:
        parts = []
        for i, c in enumerate(spec.panels):
            code += _gg_frame(c.series, c, f"d{i}")
            parts.append(f"transform(d{i}, panel='{chr(ord('A') + i)}')")
        code.append(f"d <- rbind({', '.join(parts)})")
        code.append(f"p <- ggplot(d, aes(x, y, colour=series)) + geom_line() + facet_wrap(~panel, scales='free')"
                    f" + labs(x='{chart.x_title}', y='{chart.y_title}', colour=NULL) + {theme}()")
    code += [f"ggsave('{out}', p, width={5.0 if n == 1 else 7.0}, height=3.2, device='pdf')"]
    _run(code)


def _run(code: list[str]) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as fh:
        fh.write("\n".join(code) + "\n")
    subprocess.run(["Rscript", fh.name], check=True, capture_output=True, timeout=120)
    Path(fh.name).unlink()


def _vec(vals) -> str:
    return "c(" + ", ".join(repr(float(v)) if not isinstance(v, str) else f"'{v}'" for v in vals) + ")"


def _base_panel(chart: Chart, theme: str) -> list[str]:
    if chart.kind == "pie":
        return _base_pie(chart)
    bty = "'l'" if theme == "open" else "'o'"
    names = [s.name for s in chart.series]
    cols = "c(" + ", ".join(COLOURS[: len(names)]) + ")"
    if chart.kind in ("bar", "hbar", "stacked", "hstacked"):
        mat = "rbind(" + ", ".join(_vec(s.y) for s in chart.series) + ")"
        horiz = chart.kind in ("hbar", "hstacked")
        beside = "FALSE" if chart.kind.endswith("stacked") else "TRUE"  # stacked: the rows, first at the base
        out = [(f"barplot({mat}, beside={beside}, names.arg={_vec(chart.categories)}, col={cols},"
               f" horiz={str(horiz).upper()},"
               f" {'xlim' if horiz else 'ylim'}={_vec(chart.y_range)}, {'xlab' if horiz else 'ylab'}='{chart.y_title}',"
               f" {'las=1, ' if horiz else ''}xpd=FALSE)")]
        if theme != "open":
            out.append("box()")
        if chart.legend:
            out.append(f"legend('topright', legend={_vec(names)}, fill={cols}, bty='n', cex=0.8)")
        return out
    if chart.x_date:
        return _base_dates(chart, bty, names, cols)
    log = ", log='y'" if chart.log_y else ""
    typ = "'l'" if chart.kind == "line" else "'p'" if chart.kind == "scatter" else "'b'"
    out = [(f"plot(NA, xlim={_vec(chart.x_range)}, ylim={_vec(chart.y_range)}, xaxs='i', yaxs='i', bty={bty},"
           f" xlab='{chart.x_title}', ylab='{chart.y_title}'{log})")]
    for k, s in enumerate(chart.series):
        out.append(f"lines({_vec(s.x)}, {_vec(s.y)}, type={typ}, col={COLOURS[k]}, pch={15 + k}, lwd=1.5)")
        if s.y_err:
            lo = [y - e for y, e in zip(s.y, s.y_err)]
            hi = [y + e for y, e in zip(s.y, s.y_err)]
            out.append(f"arrows({_vec(s.x)}, {_vec(lo)}, {_vec(s.x)}, {_vec(hi)}, angle=90, code=3, length=0.04,"
                       f" col={COLOURS[k]})")
    if chart.legend:
        pch = f", pch={15}:{15 + len(names) - 1}" if chart.kind != "line" else ", lty=1"
        out.append(f"legend('topleft', legend={_vec(names)}, col={cols}{pch}, cex=0.8, bg='white')")
    return out


def _dates_vec(days) -> str:
    return "as.Date(c(" + ", ".join(f"'{to_date(v)}'" for v in days) + "))"


def _date_format(chart: Chart) -> str:
    """The strftime format a date axis is printed with: years only on a year axis, else months or days."""
    odd = len(chart.series[0].x) % 2
    if chart.x_date == "years":
        return "%Y"
    return ("%b-%y" if odd else "%b %Y") if chart.x_range[1] - chart.x_range[0] > 180 else "%Y-%m-%d"


def _base_dates(chart: Chart, bty: str, names: list[str], cols: str) -> list[str]:
    """Lines over Date objects, the x axis drawn by axis.Date at calendar ticks in a strftime format."""
    out = [(f"plot(NA, xlim={_dates_vec(chart.x_range)}, ylim={_vec(chart.y_range)}, xaxs='i', yaxs='i', bty={bty},"
            f" xaxt='n', xlab='{chart.x_title}', ylab='{chart.y_title}')"),
           f"axis.Date(1, at={_dates_vec(date_ticks(chart))}, format='{_date_format(chart)}')"]
    for k, s in enumerate(chart.series):
        out.append(f"lines({_dates_vec(s.x)}, {_vec(s.y)}, col={COLOURS[k]}, lwd=1.5)")
    if chart.legend:
        out.append(f"legend('topleft', legend={_vec(names)}, col={cols}, lty=1, cex=0.8, bg='white')")
    return out


def _gg_frame(series: list[Series], chart: Chart, name: str = "d") -> list[str]:
    xs, ys, errs, who = [], [], [], []
    for s in series:
        xs += s.x
        ys += s.y
        errs += s.y_err or [0.0] * len(s.y)
        who += [s.name] * len(s.y)
    cats = ""
    if chart.categories:
        xs = [chart.categories[int(i)] for i in xs]
        cats = f"; {name}$x <- factor({name}$x, levels={_vec(chart.categories)})"
    if chart.x_date:
        cats = f"; {name}$x <- as.Date({name}$x, origin='1970-01-01')"
    return [f"{name} <- data.frame(x={_vec(xs)}, y={_vec(ys)}, e={_vec(errs)}, series={_vec(who)}){cats}",
            f"{name}$series <- factor({name}$series, levels={_vec([s.name for s in series])})"]


def _gg_plot(chart: Chart, theme: str) -> str:
    legend = "" if chart.legend else " + theme(legend.position='none')"
    labs = f"labs(x='{chart.x_title}', y='{chart.y_title}', colour=NULL, fill=NULL, shape=NULL)"
    if chart.kind in ("stacked", "hstacked"):  # position_stack puts the first level on top
        coord = "coord_flip" if chart.kind == "hstacked" else "coord_cartesian"
        return (f"p <- ggplot(d, aes(x, y, fill=series)) + geom_col(position=position_stack(), width=0.6)"
                f" + {coord}(ylim={_vec(chart.y_range)}, expand=FALSE) + {labs} + {theme}(){legend}")
    if chart.kind in ("bar", "hbar"):
        flip = f"coord_flip(ylim={_vec(chart.y_range)}, expand=FALSE)" if chart.kind == "hbar" else \
            f"coord_cartesian(ylim={_vec(chart.y_range)}, expand=FALSE)"
        return (f"p <- ggplot(d, aes(x, y, fill=series)) + geom_col(position=position_dodge(0.8), width=0.8) + {flip}"
                f" + {labs} + {theme}(){legend}")
    geom = {"line": "geom_line()", "scatter": "geom_point(aes(shape=series), size=2)",
            "errorbar": "geom_line() + geom_point() + geom_errorbar(aes(ymin=y-e, ymax=y+e), width=0.2)"}[chart.kind]
    scale = " + scale_y_log10()" if chart.log_y else ""
    xlim = _vec(chart.x_range)
    if chart.x_date:  # ggplot2's own date breaks (years: one a year or so), labelled in a strftime format
        own = chart.x_date == "days" and "%b" in _date_format(chart)  # ISO dates are wide: four ticks at most
        breaks = "" if own else f"breaks={_dates_vec(date_ticks(chart, 5 if chart.x_date == 'years' else 4))}, "
        scale, xlim = f" + scale_x_date({breaks}date_labels='{_date_format(chart)}')", _dates_vec(chart.x_range)
    if not chart.log_y and max(abs(v) for v in chart.y_range) < 1e-3:
        scale = " + scale_y_continuous(labels=scales::label_scientific())"
    return (f"p <- ggplot(d, aes(x, y, colour=series)) + {geom}{scale}"
            f" + coord_cartesian(xlim={xlim}, ylim={_vec(chart.y_range)}, expand=FALSE)"
            f" + {labs} + {theme}(){legend}")


def _base_pie(chart: Chart) -> list[str]:
    """pie(): counter-clockwise from 0° by default, clockwise from 90° in some variants; names beside the
    wedges (with the percentage when the variant says so) or in a legend."""
    v = pie_variant(chart)
    y = chart.series[0].y
    labels = [f"{c} ({p}%)" if v & 1 else c for c, p in zip(chart.categories, y)]
    out = [(f"pie({_vec(y)}, labels={'NA' if chart.legend else _vec(labels)}, col={PIE_COLOURS}[1:{len(y)}],"
            f" clockwise={'TRUE' if v & 2 else 'FALSE'}{', init.angle=90' if v & 4 else ''})")]
    if chart.legend:
        out.append(f"legend('topright', legend={_vec(chart.categories)}, fill={PIE_COLOURS}[1:{len(y)}], cex=0.8)")
    return out


def _gg_pie(chart: Chart, theme: str) -> list[str]:
    """geom_col stacked on one bar, bent round by coord_polar(theta='y'): names in the fill legend, or
    written in the wedges (geom_text stacked the same way) when the chart has no legend."""
    y = chart.series[0].y
    text = "" if chart.legend else \
        " + geom_text(aes(label=cat), position=position_stack(vjust=0.5), size=3)"
    return [f"d <- data.frame(y={_vec(y)}, cat=factor({_vec(chart.categories)}, levels={_vec(chart.categories)}))",
            f"p <- ggplot(d, aes(x=1, y=y, fill=cat)) + geom_col(width=1){text}"
            f" + coord_polar(theta='y', start={1.5708 if pie_variant(chart) & 4 else 0})"
            f" + labs(x=NULL, y=NULL, fill=NULL) + {theme}()"
            + ("" if chart.legend else " + theme(legend.position='none')")]
