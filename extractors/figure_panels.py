"""Multi-panel figures: side-by-side graphics over one caption, subcaptions "(a) …", and charts to items."""
from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.charts.reader import ChartReading
from extractors.model import SeriesPoint
from extractors.page_content import PageContent, TextLine
from extractors.types import BBox, bbox_union

SUBCAPTION = re.compile(r"^\(([a-z])\)\s*")


def subcaption_lines(page: PageContent, box: BBox) -> list[TextLine]:
    """Lines inside a box that open with a panel letter: "(a) Training loss"."""
    return [ln for ln in page.lines if ln.horizontal and SUBCAPTION.match(ln.text)
            and box[0] - 2 <= ln.bbox[0] and ln.bbox[2] <= box[2] + 2 and box[1] - 2 <= ln.bbox[1]
            and ln.bbox[3] <= box[3] + 30]


def panel_caption(page: PageContent, panel: BBox, subcaps: Sequence[TextLine]) -> tuple[str | None, BBox]:
    """The subcaption right under a panel (with its wrapped continuation lines) and the panel box grown by it."""
    below = [ln for ln in subcaps if ln.bbox[1] >= panel[3] - 12 and ln.bbox[1] <= panel[3] + 30
             and ln.bbox[0] < panel[2] and ln.bbox[2] > panel[0]
             and panel[0] - 20 <= (ln.bbox[0] + ln.bbox[2]) / 2 <= panel[2] + 20]
    if not below:
        return None, panel
    first = min(below, key=lambda ln: ln.bbox[1])
    lines = [first]
    for ln in sorted(page.lines, key=lambda ln: ln.bbox[1]):
        last = lines[-1]
        if ln is not first and 0 < ln.bbox[1] - last.bbox[1] <= 1.6 * last.size and not SUBCAPTION.match(ln.text) \
                and ln.bbox[0] >= first.bbox[0] - 15 and ln.bbox[2] <= first.bbox[2] + 40:
            lines.append(ln)
    text = " ".join(ln.text for ln in lines)
    return text, bbox_union([panel] + [ln.bbox for ln in lines])


def panel_letter(caption: str | None, index: int) -> str:
    """"(a)" from a subcaption, else the letter of the panel's place."""
    m = SUBCAPTION.match(caption or "")
    return f"({m.group(1)})" if m else f"({chr(ord('a') + index)})"


def chart_points(reading: ChartReading, prefix: str = "") -> tuple[SeriesPoint, ...]:
    """A chart's series as contract points (names prefixed with the panel letter in a multi-panel figure)."""
    out = []
    for ser in reading.series:
        name = f"{prefix} {ser.name}".strip()
        for k, (x, y) in enumerate(ser.points):
            err = ser.errors[k] if k < len(ser.errors) else None
            out.append(SeriesPoint(name, k, x, y, uncertainty=err, x_label=reading.x_label,
                                   y_label=reading.y_label))
    return tuple(out)


def series_confidence(reading: ChartReading, prefix: str = "") -> dict[str, float]:
    """Evidence entries `series_confidence:<name>` for each recovered series."""
    return {f"series_confidence:{prefix + ' ' if prefix else ''}{s.name}": s.confidence for s in reading.series}


_PANEL_LETTER = re.compile(r"\(\s*([a-hA-H])\s*[),;]"  # (a) (A) (a, green)
                           r"|(?:^|(?<=[\s.;:,]))([a-hA-H])\)"  # a) before ... b) after
                           r"|\[\s*([a-hA-H])\s*\]"  # [a]
                           r"|\(\s*([a-hA-H](?:\s*[,–-]\s*[a-hA-H])+)\s*\)")  # (a, b) (A–C)
_PANEL_PLACE = re.compile(r"[(\[]\s*(left|right|top|bottom|upper|lower|middle|centre|center)\b[^)\]]{0,30}[)\]]"
                          r"|\b(left|right|top|bottom|upper|lower|middle|centre|center)\s*"
                          r"(?::|panels?\b|rows?\b|columns?\b|plots?\b|images?\b)", re.IGNORECASE)
_PANELS_WORD = re.compile(r"\bpanels\b", re.IGNORECASE)
_TRACE_STYLE = re.compile(r"\b(red|orange|yellow|green|blue|black|gr[ae]y|purple|magenta|cyan|brown|pink|violet"
                          r"|dashed|dotted|solid)\b", re.IGNORECASE)


def caption_panel_count(caption: str | None) -> int:
    """How many panels a caption names: distinct letters used as panel markers ("(a)", "b)", "(A–C)"),
    places used so ("(left)", "Right:", "top row"; not a place named with a colour or line style, "(top,
    orange)", which is a curve's place in one plot), at least 2 for the word "panels"; 0 when none.

    A caption that walks through its panels is a multi-panel figure even where the panels are one raster
    image or one drawing with nothing between them to cut at."""
    if not caption:
        return 0
    letters: set[str] = set()
    for match in _PANEL_LETTER.finditer(caption):
        letters.update(_letters_of(next(g for g in match.groups() if g)))
    places = {next(g for g in m.groups() if g).lower() for m in _PANEL_PLACE.finditer(caption)
              if not (m.group(1) and _TRACE_STYLE.search(m.group(0)))}  # "(top, orange)": a curve's place
    places = {"centre" if p == "center" else p for p in places}
    count = len(letters) + len(places)
    return max(count, 2) if _PANELS_WORD.search(caption) else count


def _letters_of(marker: str) -> set[str]:
    """"a" -> {a}; "a, c" -> {a, c}; "A–C" -> {a, b, c}."""
    parts = re.split(r"\s*([,–-])\s*", marker.lower())
    letters, seps = parts[::2], parts[1::2]
    out = set(letters)
    for k in range(1, len(letters)):
        if seps[k - 1] in "–-":
            out.update(chr(c) for c in range(ord(letters[k - 1]), ord(letters[k])))
    return out
