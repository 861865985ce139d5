"""First-column labels centred between two rows of values (LaTeX's \\multirow{2}, a label centred on an even
number of rows) that the banding glued to the lower row: a raised superscript in that row can reach up to the
label's line. Set apart as a band of their own, they read as labels between rows (`spans._multirow_labels`)."""
from __future__ import annotations

import statistics
from dataclasses import replace

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
