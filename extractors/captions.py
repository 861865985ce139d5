"""Find table and figure captions on a page: `Table 3:`, `TABLE III`, `Tab. 3`, `Figure 2.`, `Fig. 2`.

A caption starts a text block (or stands apart from the line above); a sentence that merely mentions
"Table 3" is not one.
"""
from __future__ import annotations

import re

from extractors.model import Caption
from extractors.page_content import PageContent, TextLine
from extractors.types import BBox, bbox_union

_NUMBER = r"(?P<num>[0-9]+(?:\.[0-9]+)*[A-Za-z]?|[IVXLC]+\b|S[0-9]+|[A-Z]{1,3}[0-9]+[a-z]?)"
_TABLE = re.compile(rf"^(?P<word>Table|TABLE|Tab\.|TAB\.)\s*{_NUMBER}\s*(?P<delim>[:.|—–-])?\s*")
_FIGURE = re.compile(rf"^(?P<word>Figure|FIGURE|Fig\.|FIG\.|Fig|FIG)\s*{_NUMBER}\s*(?P<delim>[:.|—–-])?\s*")
_CANONICAL = {"table": "Table", "figure": "Figure"}
MAX_CAPTION_LINES = 12


def find_captions(page: PageContent) -> list[Caption]:
    """Every caption on the page, in reading order, with its full (multi-line) text."""
    lines = sorted((ln for ln in page.lines if ln.horizontal), key=lambda ln: (ln.bbox[1], ln.bbox[0]))
    captions: list[Caption] = []
    used: set[int] = set()
    for index, line in enumerate(lines):
        if index in used:
            continue
        parsed = _caption_start(line, _previous_in_block(lines, index))
        if parsed is None:
            continue
        kind, label, first_text = parsed
        beside = [] if first_text else _same_baseline_right(lines, index)  # `Table 1␣␣Text`: the label stands alone
        used.update(beside)
        first_box = bbox_union([line.bbox] + [lines[i].bbox for i in beside])
        body = _continuation(lines, index, first_box, set(beside), page.width / 2, kind == "figure")
        used.update(body)
        parts = [first_text] + [lines[i].text for i in beside] + [lines[i].text for i in body]
        text = " ".join(p for p in parts if p).strip()
        text = re.sub(r"(\w)- (\w)", r"\1\2", text)
        box = bbox_union([first_box] + [lines[i].bbox for i in body])
        captions.append(Caption(kind=kind, label=label, text=text, page=page.number, bbox=box))
    return captions


def _caption_start(line: TextLine, previous: TextLine | None) -> tuple[str, str, str] | None:
    text = line.text
    for kind, pattern in (("table", _TABLE), ("figure", _FIGURE)):
        match = pattern.match(text)
        if not match:
            continue
        rest = text[match.end():]
        has_delim = match.group("delim") is not None
        label_is_bold = line.words[0].bold
        # "Table 3 shows ..." inside a paragraph is a mention, not a caption.
        if not has_delim and rest and not label_is_bold and not match.group("word").isupper():
            return None
        if previous is not None and not _starts_new_paragraph(line, previous):
            return None
        return kind, f"{_CANONICAL[kind]} {match.group('num')}", re.sub(r"^[\s|\x00-\x1f]+", "", rest).strip()
    return None


def _previous_in_block(lines: list[TextLine], index: int) -> TextLine | None:
    line = lines[index]
    for j in range(index - 1, -1, -1):
        other = lines[j]
        if other.block == line.block and other.bbox[3] <= line.bbox[1] + 1:
            return other
    return None


def _starts_new_paragraph(line: TextLine, previous: TextLine) -> bool:
    gap = line.bbox[1] - previous.bbox[3]
    return gap > 0.6 * max(line.size, 1.0) or previous.bbox[2] < line.bbox[2] - 3 * line.size


def _same_baseline_right(lines: list[TextLine], index: int) -> list[int]:
    """Lines on the label's baseline just to its right: the caption text after a wide label gap (`Table 1␣␣Text`)."""
    label = lines[index]
    found: list[int] = []
    right = label.bbox[2]
    for j in sorted(range(len(lines)), key=lambda k: lines[k].bbox[0]):
        other = lines[j]
        if j == index or other.block != label.block and abs(other.bbox[1] - label.bbox[1]) > 0.3 * label.size:
            continue
        same_row = abs((other.bbox[1] + other.bbox[3]) / 2 - (label.bbox[1] + label.bbox[3]) / 2) < 0.4 * label.size
        if same_row and 0 <= other.bbox[0] - right < 4 * label.size:
            found.append(j)
            right = other.bbox[2]
    return found


def _continuation(lines: list[TextLine], index: int, first_box: BBox, skip: set[int], middle: float,
                  figure: bool) -> list[int]:
    """Indices of the lines that continue the caption starting at `index` (same block, close below)."""
    first = lines[index]
    taken: list[int] = []
    last_bottom = first_box[3]
    # a figure caption's own block may hold a justified line the reader split into words; a table
    # caption's block may hold the table's header row, which must end the caption
    own_block = {k for k in range(index, len(lines)) if lines[k].block == first.block} if figure else set()
    for j in range(index + 1, len(lines)):
        other = lines[j]
        if j in skip:
            continue
        if len(taken) >= MAX_CAPTION_LINES:
            break
        overlaps = other.bbox[0] < first_box[2] + 2 and other.bbox[2] > first_box[0] - 2
        other_column = (first_box[2] < middle + 5 < other.bbox[0] + 10) or (other.bbox[2] - 10 < middle - 5 < first_box[0])
        if not overlaps and (other_column or figure):
            continue  # beside the caption: the other text column, or the graphic next to a side caption
        if not overlaps:
            break  # a table's first row, say
        last = lines[taken[-1]] if taken else first
        if taken and j in own_block and abs(other.bbox[1] - last.bbox[1]) < 0.3 * first.size:
            taken.append(j)  # the next word of a justified line that the reader split up
            last_bottom = max(last_bottom, other.bbox[3])
            continue
        if other.bbox[1] < last_bottom - 0.5 * first.size:
            continue  # same baseline as something already taken
        gap = other.bbox[1] - last_bottom
        if gap >= 0.5 * max(first.size, 1.0) or (other.block != first.block and not _centred_tail(other, first_box, gap)):
            break
        if _TABLE.match(other.text) or _FIGURE.match(other.text) or _has_row_neighbour(lines, j, skip | own_block):
            break
        taken.append(j)
        last_bottom = other.bbox[3]
    return taken


def _has_row_neighbour(lines: list[TextLine], index: int, skip: set[int]) -> bool:
    """Another line on the same baseline within a few ems: the line is a table's header row, not caption text."""
    line = lines[index]
    middle = (line.bbox[1] + line.bbox[3]) / 2
    reach = 3 * max(line.size, 1.0)
    for j, other in enumerate(lines):
        if j == index or j in skip or abs((other.bbox[1] + other.bbox[3]) / 2 - middle) > 0.4 * line.size:
            continue
        if other.bbox[0] - line.bbox[2] < reach and line.bbox[0] - other.bbox[2] < reach:
            return True
    return False


def _centred_tail(line: TextLine, caption: BBox, gap: float) -> bool:
    """A centred caption's last line that the reader put in a block of its own: set tight under the
    caption, narrower than it and centred on it."""
    middle = (caption[0] + caption[2]) / 2
    return (gap < 0.25 * max(line.size, 1.0) and caption[0] < line.bbox[0] and line.bbox[2] < caption[2]
            and abs((line.bbox[0] + line.bbox[2]) / 2 - middle) < 0.05 * (caption[2] - caption[0]) + 2)
