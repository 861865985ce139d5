"""Row bands split into cell segments at wide gaps and vertical rules: the unit every later step places.
Region finders and the grid builder both segment rows, so this step stands alone."""
from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.layout import Band
from extractors.page_content import Rule, Word
from extractors.tables.base import TableOptions

CURRENCY_SIGNS = frozenset({"$", "US$", "€", "£", "¥"})  # set apart at a cell's left edge in financial statements
_AMOUNT = re.compile(r"^[(\-−]?\.?\d")
MONO_EDGE_EM = 0.65  # a gap this wide across a drawn grid's column edge splits fixed-pitch words (one space: 0.6 em)
MONO_GAP_EM = 0.7  # in a fixed-pitch font a space is 0.6 em wide: a wider gap starts a cell (0.8 em and up in the corpora)


def segment_bands(bands: Sequence[Band], rules: Sequence[Rule], options: TableOptions,
                  split_at: Sequence[float] = ()) -> list[list[list[Word]]]:
    """Split each band into cell segments at wide gaps and at vertical rules; with `split_at` (a drawn grid's
    column edges), also at a gap of half an em or more across one of them (a head row the rules stop short of).
    A lone currency sign stays with the amount after it however far apart (US statements set `$` flush left)."""
    verticals = [r for r in rules if not r.horizontal]
    rows: list[list[list[Word]]] = []
    for band in bands:
        segments: list[list[Word]] = []
        right = 0.0  # the open segment's right edge: in a band of two lines, the short lower line's last
        for word in band.words:  # word may end before the upper line does
            if segments:
                prev = segments[-1][-1]
                gap = word.bbox[0] - right
                middle = (word.bbox[1] + word.bbox[3]) / 2  # a rule of the next row may graze a tall glyph box
                ruled = any(right - 1 <= v.bbox[0] <= word.bbox[0] + 1 and v.bbox[1] < middle < v.bbox[3]
                            for v in verticals)
                em = MONO_GAP_EM if word.mono and prev.mono else options.segment_gap_em
                edge_em = MONO_EDGE_EM if word.mono and prev.mono else 0.5  # a fixed-pitch space is 0.6 em
                edge = gap >= edge_em * max(word.size, prev.size) and any(right <= x <= word.bbox[0] for x in split_at)
                sign = len(segments[-1]) == 1 and prev.text in CURRENCY_SIGNS and _AMOUNT.match(word.text) is not None \
                    and word.bbox[1] < prev.bbox[3] and prev.bbox[1] < word.bbox[3]  # `$` set apart from its amount
                if (sign or gap <= max(em, options.segment_gap_em) * max(word.size, prev.size)) and not ruled and not edge:
                    segments[-1].append(word)
                    right = max(right, word.bbox[2])
                    continue
            segments.append([word])
            right = word.bbox[2]
        rows.append(segments)
    return rows


def _cells_of(band: Band) -> list[list[Word]]:
    return segment_bands([band], (), TableOptions())[0]
