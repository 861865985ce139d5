"""Stub labels wrapped onto hung-in lines (US statistical reports: `New` / `Hampshire`, `East North` /
`Central`, `Murder and` / `nonnegligent` / `manslaughter`), told from a section label over its indented
entries by the stub's width: a label wraps only where its next word would not have fitted on its line, and no
line of the stub's body reaches past the width it wraps at."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.page_content import Word
from extractors.tables.geometry import _text, segment_lines

HUNG = 0.3  # em: a line starting this much right of its label's first line is hung in from it
SPACE = 0.2  # em: the least space a wrapped word would have needed before it
SLACK = 0.3  # em: a wrap width set by hand (or by a typesetter's kerning) may fall this short of the widest line


def stub_runs_on(rows: Sequence[Sequence[Sequence[Word]]], columns: Sequence[tuple[float, float]],
                 body_from: int = 0) -> dict[tuple[str, str], str]:
    """(stub segment's text, the stub's next segment's text) -> "runs on" where the segment's last line
    goes on in the next: the next line is hung in from the label's first line (or level with the label's
    earlier continuation lines), its first word would not have fitted at the line's end within the widest
    line of the stub's body (the wrap width is at least that wide), and the lines round it say it ends the
    label, not an entry under a section label: a label with its values on its first line goes on in lines
    of no values with no entry hung in under them; one with its values on its last goes on in a line of no
    values level with the next, or ends in a line with values that no line level with it follows (`Goods`
    / `Durable goods` / `Nondurable goods` are entries under a section label)."""
    edge = columns[1][0] - 2 if len(columns) > 1 else float("inf")
    stub = []  # (row index, the stub segment, whether the line has values beside it)
    for r, segments in enumerate(rows):
        seg = next((s for s in segments if s and s[0].bbox[0] < edge), None)
        if seg is not None:
            stub.append((r, list(seg), len(segments) > 1))
    body = [ln for r, seg, _ in stub if r >= body_from for ln in segment_lines(seg)]
    if len(body) < 3:
        return {}
    widest = max(ln[-1].bbox[2] for ln in body)
    levels = _levels([(x, valued) for r, x, valued in ((r, segment_lines(seg)[0][0], v) for r, seg, v in stub)
                      if r >= body_from], [r for r, _, _ in stub if r >= body_from])
    found: list[tuple[int, tuple[str, str], float, bool, float, bool]] = []  # (k, pair, hang, sure, size, hung)
    start, first_valued = None, False  # x of the first line of the label the line belongs to, and its values
    for k in range(len(stub) - 1):
        (ra, a, valued_a), (rb, b, valued_b) = stub[k], stub[k + 1]
        line, first = segment_lines(a)[-1], segment_lines(b)[0]
        size, x0 = first[0].size, first[0].bbox[0]
        before = stub[k - 1] if k and stub[k - 1][0] == ra - 1 else None
        ended = valued_a and before is not None and not before[2] \
            and segment_lines(a)[0][0].bbox[0] - segment_lines(before[1])[-1][0].bbox[0] >= HUNG * size
        if ra < body_from or rb != ra + 1 or ended:  # (ended: a wrapped label's last line, its values on it)
            start = None
            continue
        if start is None:
            start, first_valued = segment_lines(a)[0][0].bbox[0], valued_a
        word = first[0].bbox[2] - first[0].bbox[0]
        fits = line[-1].bbox[2] + SPACE * size + word <= widest - SLACK * size
        from_line = x0 - line[0].bbox[0] >= HUNG * size
        level = abs(x0 - line[0].bbox[0]) < HUNG * size and x0 - start >= HUNG * size \
            and (first_valued or not valued_a)  # a third line: the second ended no label
        after = segment_lines(stub[k + 2][1])[0][0].bbox[0] if k + 2 < len(stub) and stub[k + 2][0] == rb + 1 \
            else None
        deeper = after is not None and after - x0 >= HUNG * size
        beside = after is not None and abs(after - x0) < HUNG * size
        step = after is not None and abs((after - x0) - (x0 - start)) < HUNG * size  # a level lower again
        at_level = any(abs(x0 - x) < HUNG * size for x in levels)
        child = deeper and step  # the line after is a level below this one, as this one is below the line before
        if first_valued:
            sure, maybe = not valued_b and not child, False
        else:  # sure: the lines round it show the label ended; maybe: it stands at no entry's indent
            sure = (valued_b and after is not None and not beside and not child) or \
                (not valued_b and (beside or after is not None and not deeper or deeper and not child))
            maybe = after is not None and not at_level and (beside != valued_b or deeper and not valued_b)
        # a line of values with a line of none hung in under it, too long to have ended it: an entry whose own
        # label wraps, its values on its first line (not a label's continuation)
        own_wrap = deeper and valued_b and not stub[k + 2][2] and \
            segment_lines(b)[-1][-1].bbox[2] + SPACE * size + _first_word(stub[k + 2][1]) > widest - SLACK * size
        caps = sum(ch.isalpha() for ch in _text(b)) >= 2 and _text(b).isupper()  # a panel's label (`URBAN`)
        if (from_line or level) and x0 - start >= HUNG * size and not fits and not caps and not own_wrap \
                and (sure or maybe and not level):
            found.append((k, (_text(a), _text(b)), x0 - start, sure, size, from_line))
        else:
            start = None
    # a line whose own label wraps onto a line hung in from it starts an entry: no label's continuation
    hung_on = {k for k, *_, from_line in found if from_line}
    found = [f for f in found if f[0] + 1 not in hung_on]
    hangs = [offset for _, _, offset, sure, _, _ in found if sure]  # the table's own hang, where it shows it
    return {key: "runs on" for _, key, offset, sure, size, _ in found
            if sure or any(abs(offset - h) < HUNG * size for h in hangs)}


def _levels(starts: list[tuple[Word, bool]], rows: list[int]) -> list[float]:
    """Where the stub's entries start: the x of a line after a line of values level with it, or after a
    deeper line (the entry after a wrapped or indented one); a continuation line follows its label's first
    line, or a line of no values level with it."""
    out = []
    for (prev, valued), (word, _), ra, rb in zip(starts, starts[1:], rows, rows[1:]):
        if rb == ra + 1 and (prev.bbox[0] - word.bbox[0] >= HUNG * word.size
                             or valued and abs(prev.bbox[0] - word.bbox[0]) < HUNG * word.size):
            out.append(word.bbox[0])
    return out


def _first_word(segment: Sequence[Word]) -> float:
    word = segment_lines(segment)[0][0]
    return word.bbox[2] - word.bbox[0]
