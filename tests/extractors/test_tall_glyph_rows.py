"""Rows whose lines hold a few tall glyphs (a symbol font's ⊕ set with a deep descent: realdev R13's feature
tables) stay apart: the glyph boxes reach into the next row, the row's words do not."""
from __future__ import annotations

import pytest

from extractors.layout import bands_of
from extractors.page_content import TextLine, Word


def _line(texts: list[str], x: float, top: float, tall: set[int], pitch_descent: float = 6.0) -> TextLine:
    words, cursor = [], x
    for k, text in enumerate(texts):
        bottom = top + 11.9 + (pitch_descent if k in tall else 0.0)
        words.append(Word(text, (cursor, top, cursor + 6.0 * len(text), bottom), 9.0))
        cursor += 6.0 * len(text) + 3.0
    box = (words[0].bbox[0], top, words[-1].bbox[2], max(w.bbox[3] for w in words))
    return TextLine(box, tuple(words), block=0)


@pytest.mark.parametrize("n_rows", [2, 5, 9])
def test_tall_symbols_do_not_merge_rows(n_rows: int) -> None:
    lines = []
    for r in range(n_rows):
        top = 100.0 + 11.4 * r
        lines.append(_line(["arg,", "p-lemma", "⊕dir", "⊕path-len", "a-pos"], 217.0, top, tall={2, 3}))
        lines.append(_line(["arg,", "path-len"], 78.0, top, tall=set()))
    bands = bands_of(lines)
    assert len(bands) == n_rows
    assert all(len(band.lines) == 2 for band in bands)


def test_lines_of_one_row_still_share_a_band() -> None:
    left = _line(["Trial", "type", "(stranger)"], 80.0, 100.0, tall=set())
    right = _line(["0.2", "0.03", "<0.001"], 300.0, 101.0, tall=set())
    assert len(bands_of([left, right])) == 1
