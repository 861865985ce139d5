"""Dot leaders out of a page's text before tables are read: US statistical tables (the Statistical
Abstract, Census, BLS) run dots from a stub label to its values ('Total . . . . . 1,234'); the dots are no
part of the label and bridge the gap that separates it from the next column."""
from __future__ import annotations

import dataclasses
import re

from extractors.page_content import PageContent, TextLine, Word
from extractors.types import bbox_union

LEADER_PITCH_EM = 1.5  # spaced leader dots stand at most this far apart (typeset: 0.5-1 em)
MIN_TIGHT_DOTS = 4  # '....' alone or ending a word; '..' and '...' are cells ('not available')
DOT_EM = 0.27  # a full stop's advance, about a quarter em in Helvetica and Times
_TRAILING = re.compile(r"[.…]{%d,}$" % MIN_TIGHT_DOTS)
ELLIPSIS_GAP_EM = 0.6  # an ellipsis ('. . .', LaTeX's \ldots) inside a cell runs on into the next word
_TEXT_AFTER = re.compile(r"^\(?[A-Za-z§]")  # words, not a value ('12.3') nor a symbol cell ('(NA)', '(X)')
_SYMBOL_CELL = re.compile(r"^\([A-Z]{1,2}\)$")


def _ellipsis(words: list[Word], first: int, last: int) -> bool:
    """Three single dots with words going on right after them: an ellipsis inside a cell's text ('exceptions,
    . . . (see §3)'), not leaders, which end where the next column's value starts."""
    if last - first != 2 or last + 1 >= len(words):
        return False
    after = words[last + 1]
    near = after.bbox[0] - words[last].bbox[2] <= ELLIPSIS_GAP_EM * max(after.size, 1.0)
    return near and bool(_TEXT_AFTER.match(after.text)) and not _SYMBOL_CELL.match(after.text)


_ABBREVIATIONS = {"no", "nos", "co", "cos", "inc", "etc", "jr", "sr", "st", "vs", "ltd", "corp", "dept", "misc",
                  "approx", "est", "avg", "incl", "excl", "govt", "intl", "natl", "assn", "bros", "mfg", "ave"}


FREE_END_EM = 1.0  # an ellipsis ending a head: nothing level with it within an em to its right
# a number, `(NA)`, a dash: a value, which leaders run to
_VALUE = re.compile(r"^[-–—−+$€£(]?\.?\d|^\([A-Z]{1,2}\)$|^[-–—]$")


def _trailing_ellipsis(words: list[Word], first: int, last: int, free_end: bool) -> bool:
    """Three evenly spaced dots after a word without a stop, ending the line (`free_end`: nothing level with them
    within FREE_END_EM to the right, and no value next) or followed FREE_END_EM or more further by a word that is
    no value (`if the attacker can precompute for . . .` over its columns, `enter on line 3 . . .` beside the next
    head): an ellipsis ending a head, not leaders running to a value."""
    if last - first != 2 or first == 0 or words[first - 1].text.endswith("."):
        return False
    if last + 1 < len(words):
        after = words[last + 1]
        if after.bbox[0] - words[last].bbox[2] < FREE_END_EM * max(after.size, 1.0) or _VALUE.match(after.text):
            return False
    elif not free_end:
        return False
    pitches = [words[k + 1].bbox[0] - words[k].bbox[0] for k in (first, first + 1)]
    return abs(pitches[0] - pitches[1]) <= 0.05 * max(words[first].size, 1.0)


def _glued_leader(word: Word, first: Word, second: Word) -> bool:
    """A word ending in one full stop right where its leaders begin (`Robbery.` + `. . .` in the Statistical
    Abstract): the stop opens the leaders and is no part of the label; `U.S.` and `etc..` keep theirs."""
    text = word.text
    if not text.endswith(".") or "." in text[:-1] or len(text) < 3 or not (text[-2].isalpha() or text[-2] == ")"):
        return False
    if text[:-1].lower() in _ABBREVIATIONS:
        return False
    pitch = second.bbox[0] - first.bbox[0]
    return pitch > 0 and first.bbox[0] - word.bbox[2] <= pitch


def _dots(text: str) -> int:
    return sum(3 if ch == "…" else 1 for ch in text) if text and set(text) <= {".", "…"} else 0


def _line_without_leaders(line: TextLine, free_end: bool = False) -> TextLine | None:
    words = list(line.words)
    drop = [False] * len(words)
    glued = [False] * len(words)
    for i, w in enumerate(words):
        if _dots(w.text) >= MIN_TIGHT_DOTS:
            drop[i] = True
    i = 0
    while i < len(words):  # runs of single dots on a pitch of an em or so
        j = i
        while j + 1 < len(words) and words[j].text == "." and words[j + 1].text == "." and \
                words[j + 1].bbox[0] - words[j].bbox[0] <= LEADER_PITCH_EM * max(words[j].size, 1.0):
            j += 1
        if j > i and not _ellipsis(words, i, j) and not _trailing_ellipsis(words, i, j, free_end):
            for k in range(i, j + 1):
                drop[k] = True
            if i > 0 and _glued_leader(words[i - 1], words[i], words[i + 1]):
                glued[i - 1] = True
        i = j + 1
    out: list[Word] = []
    changed = any(drop)
    for w, gone, stop in zip(words, drop, glued):
        if gone:
            continue
        if stop:
            w = dataclasses.replace(w, text=w.text[:-1], bbox=(w.bbox[0], w.bbox[1], w.bbox[2] - DOT_EM * w.size, w.bbox[3]))
            changed = True
        m = _TRAILING.search(w.text)
        if m and m.start() > 0 and not w.superscript:
            cut = _dots(m.group()) * DOT_EM * w.size
            x1 = max(w.bbox[0] + 0.3 * w.size, w.bbox[2] - cut)
            w = dataclasses.replace(w, text=w.text[:m.start()], bbox=(w.bbox[0], w.bbox[1], x1, w.bbox[3]))
            changed = True
        out.append(w)
    if not changed:
        return line
    if not out:
        return None
    return dataclasses.replace(line, words=tuple(out), bbox=bbox_union([w.bbox for w in out]))


_CONTENTS = re.compile(r"^\s*(table of )?contents\s*$", re.IGNORECASE)


def _contents_page(before, after) -> bool:  # type: ignore[no-untyped-def]
    """Three or more leader lines, each ending in one page number after its leader, the numbers rising down
    the page: a table of contents (a page of it without its heading), not a table's stub."""
    numbers = []
    for old, new in zip(before, after):
        if new is old:
            continue
        tail = new.words[-1].text if new is not None and len(new.words) >= 2 else ""
        if not tail.isdigit():
            return False
        numbers.append(int(tail))
    return len(numbers) >= 3 and numbers == sorted(numbers)


def _free_end(line: TextLine, lines: tuple[TextLine, ...]) -> bool:
    """A line ending in a dot with no other line level with it starting within FREE_END_EM of its end, and no
    value the next thing level with it to the right (a value set far right still takes leaders)."""
    if not line.words or line.words[-1].text != ".":
        return False
    x1, (y0, y1) = line.bbox[2], (line.bbox[1], line.bbox[3])
    level = sorted((other for other in lines if other is not line and other.words and other.bbox[0] >= x1 - 1
                    and min(y1, other.bbox[3]) - max(y0, other.bbox[1]) > 0.5 * (y1 - y0)), key=lambda o: o.bbox[0])
    if not level:
        return True
    return level[0].bbox[0] > x1 + FREE_END_EM * max(line.size, 1.0) and not _VALUE.match(level[0].words[0].text)


def without_leaders(page: PageContent) -> PageContent:
    """The page with leader dots taken out of its lines (a line of nothing but leaders goes); a table of
    contents keeps them (with its leaders gone, titles and page numbers line up as a table: DP-Bench 113, 114)."""
    if any(_CONTENTS.match(ln.text) for ln in page.lines):
        return page
    lines = [_line_without_leaders(ln, _free_end(ln, page.lines)) for ln in page.lines]
    if _contents_page(page.lines, lines):
        return page
    if all(a is b for a, b in zip(lines, page.lines)):
        return page
    return dataclasses.replace(page, lines=tuple(ln for ln in lines if ln is not None))
