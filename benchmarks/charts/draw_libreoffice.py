"""Draw a chart spec with LibreOffice Calc: a flat ODF spreadsheet (.fods) holding the data on a hidden sheet and
chart objects on a shown one, turned into PDF by `soffice --headless --convert-to pdf` (LibreOffice's own PDF
export, the way a Calc or Excel-style chart reaches a paper). Needs `libreoffice-calc-nogui` (Debian)."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from benchmarks.charts.spec import Chart, Spec, pie_variant

THEMES = ("default", "no-grid", "xy-grid-legend-bottom", "serif-legend-top")
_LEGEND = {"default": "end", "no-grid": "end", "xy-grid-legend-bottom": "bottom", "serif-legend-top": "top"}
_FONT = {"serif-legend-top": ("Liberation Serif", "11pt")}
SYMBOLS = ("square", "diamond", "arrow-up")
COLOURS = ("#004586", "#ff420e", "#579d1c")  # LibreOffice's default chart palette
_GREY = 'svg:stroke-color="#b3b3b3"'
_NS = " ".join(f'xmlns:{k}="urn:oasis:names:tc:opendocument:xmlns:{v}"' for k, v in (
    ("office", "office:1.0"), ("style", "style:1.0"), ("text", "text:1.0"), ("table", "table:1.0"),
    ("draw", "drawing:1.0"), ("fo", "xsl-fo-compatible:1.0"), ("chart", "chart:1.0"),
    ("svg", "svg-compatible:1.0"), ("number", "datastyle:1.0")))
_NS += ' xmlns:xlink="http://www.w3.org/1999/xlink"'


def draw(spec: Spec, theme: str, out: Path) -> None:
    """Write the figure as a one-page PDF, LibreOffice's export of a Calc sheet that shows only the chart(s)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise OSError("soffice not found")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "chart.fods"
        src.write_text(fods(spec, theme), encoding="utf-8")
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=120)
        pdf = Path(tmp) / "chart.pdf"
        if not pdf.exists():
            raise RuntimeError("soffice wrote no PDF")
        out.write_bytes(pdf.read_bytes())


def fods(spec: Spec, theme: str) -> str:
    """The flat ODF spreadsheet: hidden sheet 'Data', then sheet 'Chart' (printed, one frame per panel). Data comes
    first: LibreOffice resolves a chart's cell ranges as it loads it, so ranges on a later sheet draw nothing."""
    columns: list[list[object]] = []  # Data sheet columns, header first
    frames = []
    n = len(spec.panels)
    width, height = (16.0, 10.0) if n == 1 else (12.0, 9.0)
    for k, chart in enumerate(spec.panels):
        frames.append(_frame(chart, theme, columns, k * (width + 0.5), width, height))
    rows = max(len(c) for c in columns)
    data_rows = []
    for r in range(rows):
        cells = []
        for col in columns:
            v = col[r] if r < len(col) else None
            if v is None:
                cells.append("<table:table-cell/>")
            elif isinstance(v, str):
                cells.append(f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>')
            else:
                cells.append(f'<table:table-cell office:value-type="float" office:value="{v!r}"/>')
        data_rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    page_w = n * (width + 0.5) + 2.0
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {_NS} office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <style:style style:name="ta1" style:family="table" style:master-page-name="pm1"><style:table-properties table:display="true"/></style:style>
 <style:style style:name="ta2" style:family="table" style:master-page-name="pm1"><style:table-properties table:display="false"/></style:style>
 <style:style style:name="gr1" style:family="graphic"><style:graphic-properties draw:stroke="none" draw:fill="none"/></style:style>
 <style:page-layout style:name="pl1"><style:page-layout-properties fo:page-width="{page_w}cm" fo:page-height="{height + 2.0}cm"
  style:print-orientation="landscape" fo:margin-top="0.5cm" fo:margin-bottom="0.5cm" fo:margin-left="0.5cm"
  fo:margin-right="0.5cm" style:print="objects charts drawings"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="pm1" style:page-layout-name="pl1">
 <style:header style:display="false"/><style:footer style:display="false"/></style:master-page></office:master-styles>
<office:body><office:spreadsheet>
<table:table table:name="Data" table:style-name="ta2"><table:table-column table:number-columns-repeated="{len(columns)}"/>
{chr(10).join(data_rows)}</table:table>
<table:table table:name="Chart" table:style-name="ta1"><table:shapes>{''.join(frames)}</table:shapes>
<table:table-row><table:table-cell/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document>
"""


def _ref(col: int, r0: int, r1: int | None = None) -> str:
    """An ODF cell (range) address on the Data sheet, rows 1-based."""
    name = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return f"Data.{name}{r0}" if r1 is None else f"Data.{name}{r0}:Data.{name}{r1}"


class _Styles:
    """The automatic styles of one chart document, named ch1, ch2, ... in the order they are asked for."""

    def __init__(self) -> None:
        self.xml: list[str] = []

    def __call__(self, props: str = "", text: str = "", graphic: str = "", data_style: str = "") -> str:
        name = f"ch{len(self.xml) + 1}"
        parts = [f"<style:chart-properties {props}/>" if props else "",
                 f"<style:graphic-properties {graphic}/>" if graphic else "",
                 f"<style:text-properties {text}/>" if text else ""]
        number = f' style:data-style-name="{data_style}"' if data_style else ""
        self.xml.append(f'<style:style style:name="{name}" style:family="chart"{number}>{"".join(parts)}</style:style>')
        return name


def _bar_series(chart: Chart, columns: list[list[object]], style: _Styles) -> tuple[list[str], str]:
    """Grouped bars: a category column and one value column per series; returns the series and category range."""
    c0, n = len(columns), len(chart.categories)
    columns.append(["Stage", *chart.categories])
    out = []
    for j, s in enumerate(chart.series):
        columns.append([s.name, *s.y])
        st = style(graphic=f'draw:fill="solid" draw:fill-color="{COLOURS[j]}" draw:stroke="solid" '
                           'svg:stroke-color="#000000"')
        out.append(f'<chart:series chart:style-name="{st}" chart:class="chart:bar" '
                   f'chart:values-cell-range-address="{_ref(c0 + 1 + j, 2, n + 1)}" '
                   f'chart:label-cell-address="{_ref(c0 + 1 + j, 1)}"/>')
    return out, _ref(c0, 2, n + 1)


def _xy_series(chart: Chart, columns: list[list[object]], style: _Styles) -> list[str]:
    """XY (scatter) series, each with its own x column (lines only, markers only, or markers, lines and error
    bars from an error column): LibreOffice's line chart spaces x as categories, so numeric x needs XY."""
    out = []
    for j, s in enumerate(chart.series):
        c0, n = len(columns), len(s.y)
        columns.extend([["x", *s.x], [s.name, *s.y]])
        colour = COLOURS[j]
        graphic = f'svg:stroke-color="{colour}" svg:stroke-width="0.05cm" draw:fill-color="{colour}"'
        mark = f'chart:symbol-type="named-symbol" chart:symbol-name="{SYMBOLS[j]}"'
        props = {"line": 'chart:symbol-type="none"',
                 "scatter": f'{mark} chart:symbol-width="0.2cm" chart:symbol-height="0.2cm"',
                 "errorbar": f'{mark} chart:symbol-width="0.18cm" chart:symbol-height="0.18cm"'}[chart.kind]
        if chart.kind == "scatter":
            graphic = f'draw:stroke="none" draw:fill-color="{colour}"'
        err = ""
        if s.y_err:
            columns.append(["err", *s.y_err])
            cells = _ref(c0 + 2, 2, n + 1)
            eprops = ('chart:error-category="cell-range" chart:error-upper-indicator="true" '
                      f'chart:error-lower-indicator="true" chart:error-upper-range="{cells}" '
                      f'chart:error-lower-range="{cells}"')
            props += " " + eprops
            est = style(eprops, graphic=f'svg:stroke-color="{colour}"')
            err = f'<chart:error-indicator chart:style-name="{est}" chart:dimension="y"/>'
        out.append(f'<chart:series chart:style-name="{style(props, graphic=graphic)}" chart:class="chart:scatter" '
                   f'chart:values-cell-range-address="{_ref(c0 + 1, 2, n + 1)}" '
                   f'chart:label-cell-address="{_ref(c0 + 1, 1)}">'
                   f'<chart:domain table:cell-range-address="{_ref(c0, 2, n + 1)}"/>{err}</chart:series>')
    return out


def _axis(dim: str, title: str, props: str, font: str, style: _Styles, grid: bool, inner: str = "",
          data_style: str = "") -> str:
    """One axis with its title, an optional light-grey major grid and (bars) its category range."""
    grid_xml = f'<chart:grid chart:class="major" chart:style-name="{style(graphic=_GREY)}"/>' if grid else ""
    return (f'<chart:axis chart:dimension="{dim}" chart:name="primary-{dim}" '
            f'chart:style-name="{style(props, text=font, data_style=data_style)}"><chart:title><text:p>{escape(title)}</text:p>'
            f"</chart:title>{inner}{grid_xml}</chart:axis>")


def _frame(chart: Chart, theme: str, columns: list[list[object]], x: float, w: float, h: float) -> str:
    """One chart object: appends its data columns and returns the draw:frame with the inline chart document.
    Axis limits are set (minimum/maximum), as the other tools are told them; the tick step is LibreOffice's."""
    style = _Styles()
    family, size = _FONT.get(theme, ("Liberation Sans", "10pt"))
    generic = "roman" if "Serif" in family else "swiss"
    font = f'fo:font-family="{family}" style:font-family-generic="{generic}" fo:font-size="{size}"'
    first = len(columns)
    if chart.kind == "pie":
        return _pie_frame(chart, theme, columns, style, font, (x, w, h))
    bars = chart.kind in ("bar", "hbar", "stacked", "hstacked")
    ylo, yhi = chart.y_range
    y_props = (f'chart:display-label="true" chart:minimum="{ylo!r}" chart:maximum="{yhi!r}" '
               f'chart:logarithmic="{"true" if chart.log_y else "false"}"')
    if bars:
        series, cats = _bar_series(chart, columns, style)
        x_axis = _axis("x", chart.x_title, 'chart:display-label="true"', font, style, False,
                       f'<chart:categories table:cell-range-address="{cats}"/>')
    else:
        series = _xy_series(chart, columns, style)
        xlo, xhi = chart.x_range
        x_props, number = f'chart:display-label="true" chart:minimum="{xlo!r}" chart:maximum="{xhi!r}"', ""
        if chart.x_date:  # dates as Calc's day numbers (days since 1899-12-30), the axis in an ISO date format
            x_props, number = _date_axis(chart, columns, first, style)
        x_axis = _axis("x", chart.x_title, x_props, font, style, theme == "xy-grid-legend-bottom", data_style=number)
    y_axis = _axis("y", chart.y_title, y_props, font, style, theme != "no-grid")
    plot_props = ('chart:vertical="true" ' if chart.kind in ("hbar", "hstacked") else "") + \
        ('chart:gap-width="100" chart:overlap="0"' if bars else "")
    if chart.kind.endswith("stacked"):  # a stacked column (bar) chart: each series on the ones before it
        plot_props = plot_props.replace('chart:overlap="0"', 'chart:overlap="100" chart:stacked="true"')
    plot = style(plot_props.strip())
    legend = ""
    if chart.legend:
        legend = f'<chart:legend chart:legend-position="{_LEGEND[theme]}" chart:style-name="{style(text=font)}"/>'
    root = style(text=font, graphic='draw:stroke="none" draw:fill-color="#ffffff"')
    wall = style(graphic=f'draw:fill="none" draw:stroke="solid" {_GREY}')
    doc = ('<office:document office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.chart">'
           f'<office:automatic-styles>{"".join(style.xml)}</office:automatic-styles><office:body><office:chart>'
           f'<chart:chart chart:class="chart:{"bar" if bars else "scatter"}" svg:width="{w}cm" svg:height="{h}cm" '
           f'chart:style-name="{root}">{legend}'
           f'<chart:plot-area chart:style-name="{plot}" chart:data-source-has-labels="both">'
           f'{x_axis}{y_axis}{"".join(series)}<chart:wall chart:style-name="{wall}"/></chart:plot-area>'
           '</chart:chart></office:chart></office:body></office:document>')
    ranges = quoteattr(f"{_ref(first, 1)}:{_ref(len(columns) - 1, 1)}")
    return (f'<draw:frame draw:style-name="gr1" draw:z-index="0" svg:x="{x}cm" svg:y="0cm" svg:width="{w}cm" '
            f'svg:height="{h}cm"><draw:object draw:notify-on-update-of-ranges={ranges}>{doc}</draw:object></draw:frame>')


def _pie_frame(chart: Chart, theme: str, columns: list[list[object]], style: _Styles, font: str,
               where: tuple[float, float, float]) -> str:
    """A pie chart object (chart:circle, one series, each wedge its own colour as Calc varies them): names in
    the legend, or as data labels beside the wedges (with the percentage when the variant says so)."""
    first, n = len(columns), len(chart.categories)
    columns.extend([["Component", *chart.categories], ["Share", *chart.series[0].y]])
    labels = "" if chart.legend else \
        f'chart:data-label-text="true" chart:data-label-percentage="{"true" if pie_variant(chart) & 1 else "false"}"'
    points = "".join(f'<chart:data-point chart:style-name="{style(graphic=f"draw:fill-color={quoteattr(c)}")}"/>'
                     for c in (COLOURS + ("#ffd320", "#7e0021", "#83caff"))[:n])
    ser = (f'<chart:series chart:style-name="{style(labels, text=font)}" chart:class="chart:circle" '
           f'chart:values-cell-range-address="{_ref(first + 1, 2, n + 1)}" '
           f'chart:label-cell-address="{_ref(first + 1, 1)}">{points}</chart:series>')
    axis = (f'<chart:axis chart:dimension="x" chart:name="primary-x"><chart:categories '
            f'table:cell-range-address="{_ref(first, 2, n + 1)}"/></chart:axis><chart:axis chart:dimension="y" '
            'chart:name="primary-y"/>')
    legend = f'<chart:legend chart:legend-position="{_LEGEND[theme]}" chart:style-name="{style(text=font)}"/>' \
        if chart.legend else ""
    root = style(text=font, graphic='draw:stroke="none" draw:fill-color="#ffffff"')
    x, w, h = where
    doc = ('<office:document office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.chart">'
           f'<office:automatic-styles>{"".join(style.xml)}</office:automatic-styles><office:body><office:chart>'
           f'<chart:chart chart:class="chart:circle" svg:width="{w}cm" svg:height="{h}cm" chart:style-name="{root}">'
           f'{legend}<chart:plot-area chart:data-source-has-labels="both">{axis}{ser}</chart:plot-area>'
           '</chart:chart></office:chart></office:body></office:document>')
    ranges = quoteattr(f"{_ref(first, 1)}:{_ref(len(columns) - 1, 1)}")
    return (f'<draw:frame draw:style-name="gr1" draw:z-index="0" svg:x="{x}cm" svg:y="0cm" svg:width="{w}cm" '
            f'svg:height="{h}cm"><draw:object draw:notify-on-update-of-ranges={ranges}>{doc}</draw:object></draw:frame>')


_CALC_EPOCH = 25569  # Calc's day number of 1970-01-01


def _date_axis(chart: Chart, columns: list[list[object]], first: int, style: _Styles) -> tuple[str, str]:
    """A date x axis: the x columns turned into Calc day numbers, limits likewise, an ISO `YYYY-MM-DD` number
    format (Calc puts its ticks at round day numbers, off calendar boundaries, so every label is a full date
    and a year axis is read, and given in the truth, in days too). Returns the axis properties and format."""
    for col in columns[first:]:
        if col[0] == "x":
            col[1:] = [float(v) + _CALC_EPOCH for v in col[1:]]  # type: ignore[arg-type]
    chart.x_date = "days"
    style.xml.append('<number:date-style style:name="N1"><number:year number:style="long"/><number:text>-</number:text>'
                     '<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/>'
                     '</number:date-style>')
    lo, hi = (v + _CALC_EPOCH for v in chart.x_range)
    return (f'chart:display-label="true" chart:minimum="{lo!r}" chart:maximum="{hi!r}" '
            'chart:link-data-style-to-source="false"'), "N1"
