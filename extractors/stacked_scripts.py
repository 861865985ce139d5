"""Stacked scripts: a subscript set under a superscript ("3.07" with "+1.31" over "−1.06") is one value.

The PDF draws the subscript on a lower baseline, so it reads as a line of its own: "3.07+1.31" and "−1.06"
end up as two words of a cell joined by a space, or as a row of their own. Asymmetric uncertainties are
written this way throughout physics and astronomy tables. A small word whose box sits under a word's
superscript, overlapping that word's line, is appended to the word.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from extractors.page_content import TextLine, Word

MAX_SIZE_RATIO = 0.8  # the subscript is set this much smaller than the value, or smaller
MIN_OVERLAP_EM = 0.25  # its box reaches this far up into the value's line (a next line barely touches it)


def attach_stacked_subscripts(lines: Sequence[TextLine]) -> tuple[TextLine, ...]:
    """The lines with each stacked subscript moved into the word whose superscript it sits under."""
    raised = [(i, k) for i, line in enumerate(lines) for k, word in enumerate(line.words) if word.superscript]
    if not raised:
        return tuple(lines)
    words = {i: list(line.words) for i, line in enumerate(lines)}
    moved = False
    for i, line in enumerate(lines):
        if len(line.words) != 1 or not line.horizontal:
            continue
        low = line.words[0]
        for j, k in raised:
            if j != i and words[j][k].superscript and _stacked_under(low, words[j][k]):
                words[j][k] = _appended(words[j][k], low)
                words[i] = []
                moved = True
                break
    if not moved:
        return tuple(lines)
    out = []
    for i, line in enumerate(lines):
        if not words[i]:
            continue
        if words[i] != list(line.words):
            boxes = [w.bbox for w in words[i]]
            bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
            line = dataclasses.replace(line, words=tuple(words[i]), bbox=bbox)
        out.append(line)
    return tuple(out)


def _stacked_under(low: Word, word: Word) -> bool:
    """Whether `low` is a subscript set under the superscript that ends `word`."""
    x0, y0, x1, y1 = word.bbox
    return (low.size <= MAX_SIZE_RATIO * word.size
            and x0 + 0.25 * (x1 - x0) <= low.bbox[0] < x1
            and low.bbox[2] <= x1 + 0.5 * word.size
            and y1 - low.bbox[1] >= MIN_OVERLAP_EM * word.size
            and (low.bbox[1] + low.bbox[3]) / 2 > (y0 + y1) / 2)


def _appended(word: Word, low: Word) -> Word:
    box = (word.bbox[0], word.bbox[1], max(word.bbox[2], low.bbox[2]), max(word.bbox[3], low.bbox[3]))
    return dataclasses.replace(word, text=word.text + low.text, bbox=box, superscript="")  # no longer a trailing mark
