"""Values stacked over their errors: a Word or narrow-column table sets each mean on one line and its `±S.E.`
on the next (`10.60` over `±0.23`, the stub's `Single` over `(V)`: mejsr-silkworm Table A). The second line
holds nothing a row starts with, only the errors of the values above it, so it is those cells' second line,
not a row of its own."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.layout import Band
from extractors.numbers import parse_cell
from extractors.page_content import Word
from extractors.tables.segments import _cells_of

ERROR_SIGNS = ("±", "(±", "+/-", "+/−")
MAX_ERROR_GAP_EM = 1.0  # the error line is set at the values' line spacing


def _text(cell: Sequence[Word]) -> str:
    return " ".join(w.text for w in cell)


def _over(cell: Sequence[Word], others: Sequence[Sequence[Word]]) -> Sequence[Word] | None:
    """The cell of `others` that shares the most width with `cell`, None when none overlaps it."""
    x0, x1 = cell[0].bbox[0], max(w.bbox[2] for w in cell)
    best = max(others, key=lambda o: min(x1, max(w.bbox[2] for w in o)) - max(x0, o[0].bbox[0]), default=None)
    if best is None or min(x1, max(w.bbox[2] for w in best)) <= max(x0, best[0].bbox[0]):
        return None
    return best


def one_line(band: Band) -> bool:
    """The band's lines share one baseline (a row's cells), not lines joined into a taller row."""
    return max(ln.bbox[3] for ln in band.lines) - min(ln.bbox[3] for ln in band.lines) <= 0.5 * band.size


def error_line(band: Band, above: Band) -> bool:
    """The band holds two or more errors (`±0.23`), each under a number of the band above, set at most an em
    under it, and besides them at most a first cell of text (a stub label's second line, `(V)`)."""
    if not one_line(band) or not one_line(above) or band.bbox[1] - above.bbox[3] > MAX_ERROR_GAP_EM * band.size:
        return False
    cells, values = _cells_of(band), _cells_of(above)
    errors = [c for c in cells if _text(c).startswith(ERROR_SIGNS)]
    rest = [c for c in cells if not _text(c).startswith(ERROR_SIGNS)]
    if len(errors) < 2 or len(rest) > 1 or (rest and rest[0] is not cells[0]):
        return False
    if rest and parse_cell(_text(rest[0])).value is not None:
        return False
    for cell in errors:
        value = _over(cell, values)
        if value is None or parse_cell(_text(value)).value is None:
            return False
    return True


def with_error_lines_joined(bands: Sequence[Band]) -> tuple[Band, ...] | None:
    """The bands, top to bottom, each error line joined to the row of values above it; None when there is none."""
    ordered = sorted(bands, key=lambda b: b.bbox[1])
    out: list[Band] = []
    joined = False
    for band in ordered:
        if out and error_line(band, out[-1]):
            out[-1] = Band(tuple(sorted(out[-1].lines + band.lines, key=lambda ln: ln.bbox[0])))
            joined = True
        else:
            out.append(band)
    return tuple(out) if joined else None
