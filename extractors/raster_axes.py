"""Whether a raster image has chart axes: long straight lines carrying short, evenly spaced tick marks.

A picture of a chart keeps none of the vector evidence a drawn chart has (paths, tick labels as text), but
its axes still show in the pixels: a straight line across a good share of the image with little stubs
standing off it at a regular pitch. Diagrams have lines and boxes but rarely such a comb; a ruled table's
rules meet glyphs and other rules, which the stub test below sets aside. A few milliseconds per image on
a thumbnail of at most THUMBNAIL_SIDE pixels a side, min-pooled so hairlines survive the shrinking.
"""
from __future__ import annotations

import functools

import numpy as np

THUMBNAIL_SIDE = 400
INK_LEVEL = 140  # grey levels below this are axis ink (thin anti-aliased ticks of a 72-dpi plot are ~130)
AXIS_SHARE = 0.3  # an axis line runs straight across at least this share of the image
MAX_AXIS_THICKNESS = 5  # pixel rows; thicker dark runs are bars or filled areas
MAX_TICK_WIDTH = 3  # pixel columns of one tick on the thumbnail
MIN_TICK_LENGTH = 2  # pixels
TICK_LENGTH_SHARE = 0.06  # ticks stand off the axis at most this share of the image's larger side
MIN_TICKS = 4
PITCH_TOLERANCE = 0.15  # a tick's distance to the next is the median pitch within this share (+1 px)
REGULAR_SHARE = 0.75  # of the tick gaps
CROWDED_BAND = 0.05  # ink share beside the ticks that marks glyphs or hatching on a rule, not an axis


def thumbnail(gray: np.ndarray, side: int = THUMBNAIL_SIDE) -> np.ndarray:
    """The image shrunk by an integer factor until its larger side is at most `side`, each output pixel
    the darkest of its block (a one-pixel line stays a line)."""
    factor = int(np.ceil(max(gray.shape) / side))
    if factor <= 1:
        return gray
    height, width = (gray.shape[0] // factor) * factor, (gray.shape[1] // factor) * factor
    rows = functools.reduce(np.minimum, (gray[k:height:factor, :width] for k in range(factor)))
    # strided minima: the same pixels as a reshape and min over the block axes, several times faster
    return functools.reduce(np.minimum, (rows[:, k:width:factor] for k in range(factor)))


def tick_axes(gray: np.ndarray) -> int:
    """How many axis directions (0, 1 or 2: horizontal, vertical) of a greyscale image carry a ticked line."""
    return axis_evidence(gray)[0]


def axis_evidence(gray: np.ndarray) -> tuple[int, int]:
    """Ticked axis directions (0-2), and plots side by side or stacked: the most ticked lines of one direction
    whose spans do not overlap (two x axes in a row are two panels; a frame's mirrored top and bottom
    axes span the same columns and are one)."""
    if gray.ndim != 2 or min(gray.shape) < 20:
        return 0, 0
    ink = thumbnail(gray) < INK_LEVEL
    directions, panels = 0, 0
    for image in (ink, ink.T):
        spans = sorted((x0, x1) for line in _straight_lines(image) if _ticked(image, line)
                       for x0, x1 in [line[2:]])
        directions += bool(spans)
        panels = max(panels, _apart(spans))
    return directions, panels


def _apart(spans: list[tuple[int, int]]) -> int:
    """How many groups of overlapping spans (sorted by start) there are."""
    groups, end = 0, -1
    for x0, x1 in spans:
        if x0 >= end:
            groups += 1
        end = max(end, x1) if x0 < end else x1
    return groups


def _straight_lines(ink: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Thin horizontal lines (first row, last row, x0, x1) running across AXIS_SHARE of the width or more."""
    lines: list[tuple[int, int, int, int]] = []
    for y, a, b in _row_runs(ink, AXIS_SHARE * ink.shape[1]):
        if lines and y - lines[-1][1] <= 1 and min(b, lines[-1][3]) - max(a, lines[-1][2]) > 0.8 * (b - a):
            top, _, x0, x1 = lines[-1]
            lines[-1] = (top, y, min(x0, a), max(x1, b))
        else:
            lines.append((y, y, a, b))
    return [line for line in lines if line[1] - line[0] < MAX_AXIS_THICKNESS]


def _ticked(ink: np.ndarray, line: tuple[int, int, int, int]) -> bool:
    """Ticks on either side of the line: short thin stubs at a regular pitch (all of them, or the longest:
    major ticks among minor ones), with the band beside them otherwise clear."""
    top, bottom, x0, x1 = line
    max_length = max(3, round(TICK_LENGTH_SHARE * max(ink.shape)))
    for start, step in ((bottom + 1, 1), (top - 1, -1)):
        lengths = _stub_lengths(ink, start, step, x0, x1, max_length)
        short = (lengths >= MIN_TICK_LENGTH) & (lengths <= max_length)
        stubs = [(a, b) for a, b in runs(short) if b - a <= MAX_TICK_WIDTH]
        if len(stubs) < MIN_TICKS or _crowded(ink, start, step, x0, x1, stubs, lengths):
            continue
        centres = [(a + b) / 2 for a, b in stubs]
        longest = max(int(lengths[a:b].max()) for a, b in stubs)
        majors = [(a + b) / 2 for a, b in stubs if lengths[a:b].max() >= 0.8 * longest]
        if _regular(centres) or _regular(majors):
            return True
    return False


def _stub_lengths(ink: np.ndarray, start: int, step: int, x0: int, x1: int, cap: int) -> np.ndarray:
    """Per column of x0..x1, how far ink runs from row `start` going `step` (+1 down, -1 up), up to cap + 1."""
    length = np.zeros(x1 - x0, dtype=int)
    alive = np.ones(x1 - x0, dtype=bool)
    for k in range(cap + 1):
        y = start + step * k
        if not 0 <= y < ink.shape[0]:
            break
        alive &= ink[y, x0:x1]
        length += alive
    return length


def _crowded(ink: np.ndarray, start: int, step: int, x0: int, x1: int, stubs: list[tuple[int, int]],
             lengths: np.ndarray) -> bool:
    """Ink beside the stubs, within twice their typical length of the line: glyphs or hatching, not ticks."""
    depth = 2 * max(1, int(np.median([lengths[a:b].max() for a, b in stubs])))
    rows = sorted(start + step * k for k in range(depth))
    rows = [y for y in rows if 0 <= y < ink.shape[0]]
    if not rows:
        return True
    band = ink[rows[0]:rows[-1] + 1, x0:x1].copy()
    for a, b in stubs:
        band[:, max(0, a - 1):b + 1] = False
    return float(band.mean()) > CROWDED_BAND


def _regular(centres: list[float]) -> bool:
    """MIN_TICKS or more positions at one pitch (most gaps within PITCH_TOLERANCE of the median gap)."""
    if len(centres) < MIN_TICKS:
        return False
    gaps = np.diff(sorted(centres))
    pitch = float(np.median(gaps))
    if pitch < 4:
        return False
    return float((np.abs(gaps - pitch) <= PITCH_TOLERANCE * pitch + 1).mean()) >= REGULAR_SHARE


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a 1-D mask."""
    padded = np.concatenate(([False], mask.astype(bool), [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _row_runs(ink: np.ndarray, min_length: float) -> list[tuple[int, int, int]]:
    """(row, start, end) of each run of True at least min_length long, row by row and left to right: the
    runs of every row found in one pass over the image instead of one call per row."""
    padded = np.zeros((ink.shape[0], ink.shape[1] + 2), dtype=bool)
    padded[:, 1:-1] = ink
    rows, cols = np.nonzero(padded[:, 1:] != padded[:, :-1])  # row-major: each row's edges pair up in order
    starts, ends, ys = cols[::2], cols[1::2], rows[::2]
    keep = np.flatnonzero(ends - starts >= min_length)
    return list(zip(ys[keep].tolist(), starts[keep].tolist(), ends[keep].tolist()))
