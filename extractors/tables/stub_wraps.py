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


def stub_runs_on(rows: Sequence[Sequence[Sequence[Word]]], columns: Sequence[tuple[float, float]],
                 body_from: int = 0) -> dict[tuple[str, str], str]:
    """(stub segment's text, the stub's next segment's text) -> "runs on" where the segment's last line
    goes on in the next: the next line is hung in from the label's first line (or level with the label's
    earlier continuation lines) and its first word would not have fitted at the line's end within the
    widest line of the stub's body (the wrap width is at least that wide). Not where the next line's own
    label wraps onto a line hung in from it (`Goods` / `Durable` / `goods`: an entry under a section label)."""
    edge = columns[1][0] - 2 if len(columns) > 1 else float("inf")
    stub = []  # (row index, the stub segment) for every line with a stub label
    for r, segments in enumerate(rows):
        seg = next((s for s in segments if s and s[0].bbox[0] < edge), None)
        if seg is not None:
            stub.append((r, list(seg)))
    body = [ln for r, seg in stub if r >= body_from for ln in segment_lines(seg)]
    if len(body) < 3:
        return {}
    widest = max(ln[-1].bbox[2] for ln in body)

    def fits(line: list[Word], first: list[Word]) -> bool:
        word = first[0]
        return line[-1].bbox[2] + SPACE * word.size + (word.bbox[2] - word.bbox[0]) <= widest

    pairs = [(a, b) for (ra, a), (rb, b) in zip(stub, stub[1:]) if ra >= body_from and rb == ra + 1]
    facing = [(segment_lines(a)[-1], segment_lines(b)[0]) for a, b in pairs]
    hung = [first[0].bbox[0] - line[0].bbox[0] >= HUNG * first[0].size and not fits(line, first)
            for line, first in facing]
    out: dict[tuple[str, str], str] = {}
    start = None  # x of the first line of the label the current line belongs to
    for k, ((a, b), (line, first)) in enumerate(zip(pairs, facing)):
        x0, size = first[0].bbox[0], first[0].size
        label_x = start if start is not None else segment_lines(a)[0][0].bbox[0]
        from_line = x0 - line[0].bbox[0] >= HUNG * size
        level = abs(x0 - line[0].bbox[0]) < HUNG * size and start is not None
        own_wrap = k + 1 < len(pairs) and pairs[k + 1][0] is b and hung[k + 1]
        if (from_line or level) and x0 - label_x >= HUNG * size and not fits(line, first) and not own_wrap:
            out[(_text(a), _text(b))] = "runs on"
            start = label_x
        else:
            start = None
    return out
