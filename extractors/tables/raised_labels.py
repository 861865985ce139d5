"""First-column labels centred between two rows of values (LaTeX's \\multirow{2}, a label centred on an even
number of rows) that the banding glued to the lower row: a raised superscript in that row can reach up to the
label's line. Set apart as a band of their own, they read as labels between rows (`spans._multirow_labels`).
Likewise header lines on two baselines or more in one band (\\multirow heads lowered half a row beside the group
labels of their row) are set apart, one band a baseline."""
from __future__ import annotations

import statistics
from dataclasses import replace
from itertools import pairwise

from extractors.layout import Band
from extractors.numbers import parse_cell
from extractors.page_content import TextLine
from extractors.tables.base import Region

HALFWAY = 0.25  # ems: how far the label's middle may lie from halfway between the two rows' middles
RAISED = 0.3  # ems: how far above its band's other lines a label must sit to be between rows


def _middle(line: TextLine) -> float:
    return (line.bbox[1] + line.bbox[3]) / 2


def _has_number(lines: list[TextLine]) -> bool:
    return any(parse_cell(w.text).value is not None for ln in lines for w in ln.words)


def split_raised_labels(region: Region) -> Region:
    """The region with each body band's first-column label that sits halfway up to the band above (which has no
    label of its own) moved into a band of its own, between the two."""
    bands = list(region.bands)
    if len(bands) < 3:
        return region
    left = min(b.bbox[0] for b in bands)
    out: list[Band] = [bands[0]]
    changed = False
    for band in bands[1:]:
        above = out[-1]
        lines = sorted(band.lines, key=lambda ln: ln.bbox[0])
        label, others = lines[0], lines[1:]
        size = max(label.size, 1.0)
        if (others and label.bbox[0] <= left + 2.0 and _has_number(others) and _has_number(list(above.lines))
                and not any(ln.bbox[0] <= left + 2.0 for ln in above.lines)):
            row = statistics.median(_middle(ln) for ln in others)
            up = statistics.median(_middle(ln) for ln in above.lines)
            mid = _middle(label)
            if row - mid > RAISED * size and abs((row + up) / 2 - mid) < HALFWAY * size:
                out += [Band((label,)), Band(tuple(others))]
                changed = True
                continue
        out.append(band)
    return replace(region, bands=tuple(out)) if changed else region


LOWERED = 0.3  # ems: header lines in one band whose baselines lie this far apart are two lines
BASELINE = 0.15  # ems: lines whose baselines lie this close are on one baseline
WRAPPED = 1.5  # ems: a line this close over a lower line, across from it, is a head wrapped onto that line


def split_lowered_heads(region: Region) -> Region:
    """The region with each header band (above the first band of numbers) whose lines sit on two baselines or more,
    each a third of a line or more below the last, split into one band a baseline: \\multirow heads lowered half a
    row set a few points under the group labels of their row (4-5 pt at small sizes), or a row of sub-heads set
    tight under them, are banded with them, where they are lines of their own. Not where a line goes on from one
    of the band or of the band above (a head wrapped onto a second line; rows of cells so wrapped, set centred),
    nor in a table without numbers."""
    bands = region.bands
    body = next((k for k, band in enumerate(bands) if _plain_numbers(band)), None)
    if body is None:
        return region
    out: list[Band] = []
    for k, band in enumerate(bands[:body]):
        lines = sorted(band.lines, key=lambda ln: ln.bbox[3])
        size = max(max(ln.size for ln in lines), 1.0)
        steps = [i for i, (a, b) in enumerate(pairwise(lines), start=1) if b.bbox[3] - a.bbox[3] > BASELINE * size]
        cuts = [0, *steps, len(lines)]
        parts = [lines[i:j] for i, j in pairwise(cuts)]
        above = list(bands[k - 1].lines) if k else []
        wrapped = any(_continues(a, b, size) for a in lines + above for b in lines)
        if len(parts) < 2 or wrapped or any(lower[0].bbox[3] - upper[-1].bbox[3] < LOWERED * size
                                            for upper, lower in pairwise(parts)):
            out.append(band)
            continue
        out += [Band(tuple(sorted(part, key=lambda ln: ln.bbox[0]))) for part in parts]
    return replace(region, bands=(*out, *bands[body:])) if len(out) > body else region


def _continues(a: TextLine, b: TextLine, size: float) -> bool:
    """Line b goes on from line a, a head wrapped onto a second line: less than a line and a half lower, within
    a's width, or flush left or centred under it."""
    (ax0, _, ax1, ay), (bx0, _, bx1, by) = a.bbox, b.bbox
    return BASELINE * size < by - ay < WRAPPED * size and (
        (ax0 - 1.0 <= bx0 and bx1 <= ax1 + 1.0) or abs(ax0 - bx0) <= 1.0 or abs(ax0 + ax1 - bx0 - bx1) <= 2.0)


def _plain_numbers(band: Band) -> bool:
    """A band of values: half its cells after the first, one at least, are numbers without a unit in letters
    (a group label may be a quantity: `350 K`)."""
    cells = [parse_cell(ln.text) for ln in sorted(band.lines, key=lambda ln: ln.bbox[0])[1:]]
    plain = sum(1 for c in cells if c.value is not None and not (c.unit and c.unit.isalpha()))
    return plain >= 1 and 2 * plain >= len(cells)
