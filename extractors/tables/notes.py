"""A table's notes kept out of its grid: lines under its bottom rule, marked notes right under it
('Note:', 'Source:', '* p < 0.05'), and trailing lines that fill only one cell."""
from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.layout import Band, max_word_gap
from extractors.page_content import Rule, TextLine, Word
from extractors.tables.base import Region, TableOptions
from extractors.tables.segments import _cells_of, segment_bands
from extractors.types import BBox

_NOTE_START = re.compile(r"^(?:(?i:notes?|sources?|other sources?)\b|[*∗⁎†‡§¶]|[a-z]\s|[ᵃᵇᶜᵈ])")
# a block of notes set between a table and its caption below may also open with a numbered item ('1. ...',
# '(1) ...') or a short label ('Keywords: ...', 'Abbreviations: ...')
_BLOCK_START = re.compile(r"^(?:\(?\d{1,2}[.)]\s|[A-Z][A-Za-z]{2,15}(?: [a-z]{2,12})?:\s)")
MAX_NOTE_BLOCK_LINES = 10
NOTE_LINE_GAP_EM = 1.2  # a line of a note's running text: no gap this wide (an ellipsis '...' may split it)


def starts_a_note(text: str) -> bool:
    """Whether a line reads as the start of a table's notes ('Note:', 'Source:', '* p < 0.05', 'a Mean')."""
    return bool(_NOTE_START.match(text.strip()))


def note_block_above(candidates: Sequence[Band], caption_top: float, size: float) -> int:
    """How many bands right above a caption (`candidates`, nearest first) are a block of notes between the
    caption and its table: up to ten single-cell lines set tight, opening with a note marker, a numbered
    item or a short label, with a row of several cells right above them. 0 when they are not."""
    edge = caption_top
    for count, band in enumerate(candidates[:MAX_NOTE_BLOCK_LINES + 1]):
        gap = edge - band.bbox[3]
        running = len(band.words) >= 6 and max_word_gap(band.words) < NOTE_LINE_GAP_EM
        if len(_cells_of(band)) > 1 and not running:  # the first row of cells above the lines: the table's last row
            opening = candidates[count - 1].text.strip() if count else ""
            tight = gap <= 1.5 * size
            return count if tight and (_NOTE_START.match(opening) or _BLOCK_START.match(opening)) else 0
        if gap > (3.0 if count == 0 else 0.8) * size:
            return 0
        edge = band.bbox[1]
    return 0


def _notes_under(box: BBox, bands: Sequence[Band], already: Sequence[TextLine], size: float) -> list[TextLine]:
    """Lines right under a table that read as its notes ('Note: ...', 'Source: ...', '* p < 0.05'),
    down to the first line that does not."""
    notes: list[TextLine] = []
    bottom = box[3]
    width = box[2] - box[0]
    for band in sorted((b for b in bands if b.bbox[1] >= box[3] - 1), key=lambda b: b.bbox[1]):
        outside = band.bbox[0] < box[0] - 0.25 * width or band.bbox[2] > box[2] + 0.25 * width
        if band.bbox[1] - bottom > 1.2 * size or outside:
            break
        if not notes and not _NOTE_START.match(band.text) and band.size >= 0.95 * size:
            break  # neither marked as a note nor set smaller than the table: the text after the table
        if notes and abs(band.size - notes[0].size) > 0.5:
            break
        if any(ln in already for ln in band.lines):
            bottom = band.bbox[3]
            continue
        notes.extend(band.lines)
        bottom = band.bbox[3]
    return notes


def _split_footnotes(bands: list[Band], rules: list[Rule], size: float) -> tuple[list[Band], list[TextLine]]:
    """Bands below the table's bottom rule are footnotes (kept apart from the grid), but not the lines of a
    last row's text cell running on to the page's foot."""
    wide = [r for r in rules if r.horizontal]
    if len(wide) < 2:
        return bands, []
    bottom = max(r.bbox[3] for r in wide)
    below = [b for b in bands if b.bbox[1] >= bottom]
    # A table ruled between rows may leave its last row without a rule under it: a band below the
    # last rule that fills most of the cells a row has is a row, and so is everything above it.
    inside = [b for b in bands if b.bbox[1] < bottom]
    widest = max((len(_cells_of(b)) for b in inside), default=2)
    last_row = max((i for i, b in enumerate(below) if len(_cells_of(b)) >= max(2, 0.6 * widest)), default=-1)
    trailing = below[last_row + 1:]
    if trailing and _continue_a_text_cell([_cells_of(b) for b in inside + below[:last_row + 1]],
                                          [_cells_of(b) for b in trailing]):
        last_row = len(below) - 1
    inside += below[:last_row + 1]
    notes = [ln for b in below[last_row + 1:] for ln in b.lines]
    return inside, notes


def trim_trailing_notes(region: Region, options: TableOptions = TableOptions()) -> Region:  # noqa: B008
    """Lines under the last full row that fill only one cell ('Source: ...', 'Note: ...') are footnotes; above the
    bottom rule too when the first of them starts a note."""
    rows = segment_bands(region.bands, region.rules, options)
    width = region.bbox[2] - region.bbox[0]
    bottom_rules = [r.bbox[1] for r in region.whole_rules if r.horizontal and r.length >= 0.5 * width]
    closed_above = max(bottom_rules, default=float("-inf"))  # lines above the bottom rule are the table's
    keep = lone = len(rows)
    while lone > 1 and (len(rows[lone - 1]) == 1 or _marked_note(rows[lone - 1])) and any(len(r) >= 2 for r in rows[:lone - 1]):
        keep -= keep == lone and (region.bands[lone - 1].bbox[1] + region.bands[lone - 1].bbox[3]) / 2 > closed_above
        lone -= 1
    marked = next((i for i in range(lone, keep) if starts_a_note(region.bands[i].text)), keep)
    keep = marked  # a last row of notes across a ruled table, above its bottom rule (ISO's `a See 6.4.3.11.` in the
    # box, booktabs' notes over the \bottomrule); one-cell lines before it are a cell's wrapped lines
    if keep == len(rows) or _continue_a_text_cell(rows[:keep], rows[keep:]):
        return region
    notes = tuple(ln for band in region.bands[keep:] for ln in band.lines)
    return Region(bands=region.bands[:keep], rules=region.rules, caption=region.caption,
                  footnotes=notes + region.footnotes)


def _marked_note(row: list[list[Word]]) -> bool:
    """A note's marker set apart from its text (`a   See 6.4.3.11.`, `Note:   Values are ...`): two cells, the
    first one word that starts a note, the second words of text."""
    return len(row) == 2 and len(row[0]) == 1 and len(row[1]) >= 2 and starts_a_note(
        " ".join(w.text for seg in row for w in seg))


def _continue_a_text_cell(rows: list[list[list[Word]]], trailing: list[list[list[Word]]]) -> bool:
    """Trailing one-cell lines that go on in lower case, flush with a later column's lines: the last row's text
    cell running on to the page's foot (a table continued on the next page), not notes under it."""
    starts = {round(row[0][0].bbox[0]) for row in trailing}
    if len(starts) != 1 or not trailing[0][0][0].text[:1].islower():
        return False
    (start,) = starts
    return any(abs(round(seg[0].bbox[0]) - start) <= 1 for row in rows for seg in row[1:])


_NOTE_LINE = re.compile(r"^(?:(?i:notes?|sources?)\b|[*∗⁎†‡§¶]|[A-Za-z]\s|\d{1,2}\s|[-–—]\s|\([A-Z]{1,3}\)\s)")


def one_column_of_notes(bands: Sequence[Band]) -> bool:
    """Note lines of one cell each, flush left (`X Not applicable.`, `(NA) Not available.`, `- Represents zero.`, `1 Includes ...`,
    `Source: ...`): the notes under a caption set below its table, never a table's rows (they were taken for
    rows on that side, and the caption labelled nothing)."""
    return all(len(_cells_of(b)) == 1 and _NOTE_LINE.match(b.text.strip()) for b in bands) \
        and max(b.bbox[0] for b in bands) - min(b.bbox[0] for b in bands) <= 2.0


UNITS_WORDS = 4  # a units line over a table ("单位：万元", "(In millions)") is a few words


def units_line(band: Band, rules: Sequence[Rule]) -> bool:
    """One short line set flush right over a wide rule that starts right under it (the table's top rule):
    the table's units ("单位：万元"), not a row; a group label over columns is centred, not flush right."""
    if len(band.lines) != 1 or len(band.words) > UNITS_WORDS:
        return False
    size = max(band.size, 1.0)
    return any(band.bbox[3] - 1 <= r.bbox[1] <= band.bbox[3] + 1.5 * size and abs(r.bbox[2] - band.bbox[2]) <= 2 * size
               and band.bbox[0] > (r.bbox[0] + r.bbox[2]) / 2 and r.length > 6 * (band.bbox[2] - band.bbox[0])
               for r in rules)
