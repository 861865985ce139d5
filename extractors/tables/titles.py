"""Titles without a label: a table no caption names, set under a bold title line of its own (`Example of Data
Table 1`, a report's `Persons Below Poverty Level by Selected Characteristics`, perhaps with a bracketed
headnote between), takes that title as its caption. The table's label stays empty: only a printed label
names a table, and the confidence is not raised (a title is weaker evidence than a label)."""
from __future__ import annotations

import dataclasses
import re
import statistics
from collections.abc import Sequence

from extractors.caption_labels import parse_label
from extractors.model import Caption, TableItem
from extractors.page_content import PageContent, TextLine
from extractors.types import BBox

TITLE_GAP_EM = 1.5  # a title (or its headnote) sits at most this many of its ems over the table's top
MAX_TITLE_WORDS = 20
MAX_TITLE_LINES = 3
MAX_HEADNOTE_LINES = 6
_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.|[A-Z]\.)\s")  # "4.2 Results": a section heading


def with_titles(page: PageContent, tables: Sequence[TableItem], captions: Sequence[Caption]) -> list[TableItem]:
    """The tables, each uncaptioned one under a label-less title line given that title as its caption."""
    held = [c.bbox for c in captions] + [t.bbox for t in tables]
    out = []
    for table in tables:
        title = None if table.label or table.caption else title_above(page, table.bbox, held)
        out.append(dataclasses.replace(table, caption=title) if title else table)
    return out


def title_above(page: PageContent, box: BBox, held: Sequence[BBox] = ()) -> str | None:
    """The label-less title over a table's box: bold lines alone on their rows, centred on the table or flush
    with its left edge, in the table's type size or larger, right over its top or over a bracketed headnote
    right over it; not a numbered section heading, a caption or a sentence. None when there is none."""
    inside = [ln.size for ln in page.lines if ln.horizontal and _within(ln.bbox, box)]
    if not inside:
        return None
    body_size = statistics.median(inside)
    above = _stack_above(page, box, held)
    k = 0
    if above and above[0].text.rstrip().endswith("]"):  # a headnote: bracketed lines, read upwards
        k = next((i + 1 for i, ln in enumerate(above[:MAX_HEADNOTE_LINES]) if ln.text.lstrip().startswith("[")), 0)
        if k == 0:
            return None
    title: list[TextLine] = []
    middle, width = (box[0] + box[2]) / 2, box[2] - box[0]
    for line in above[k:k + MAX_TITLE_LINES]:
        if not (all(w.bold for w in line.words) and line.size >= body_size - 0.5) or _has_neighbour(page, line):
            break
        if title and title[0].bbox[1] - line.bbox[3] > 0.5 * max(line.size, 1.0):
            break  # a title's wrapped lines are set tight; a heading further up is not its first line
        if not (abs((line.bbox[0] + line.bbox[2]) / 2 - middle) <= 0.15 * width or abs(line.bbox[0] - box[0]) <= 3.0):
            break  # centred on the table or flush with its left edge, line by line
        title.insert(0, line)
    if not title:
        return None
    text = re.sub(r"(\w)- (\w)", r"\1\2", " ".join(ln.text.strip() for ln in title))
    if len(text.split()) > MAX_TITLE_WORDS or _SECTION_NUMBER.match(text) or parse_label(text) \
            or text.endswith((".", ",", ";")) and len(text.split()) > 8:
        return None
    return text


def _stack_above(page: PageContent, box: BBox, held: Sequence[BBox]) -> list[TextLine]:
    """Lines over the table's top within its width, nearest first, each set close over the one under it."""
    over = sorted((ln for ln in page.lines if ln.horizontal and ln.bbox[3] <= box[1] + 1.0
                   and ln.bbox[0] < box[2] and ln.bbox[2] > box[0]
                   and not any(_within(ln.bbox, h) for h in held)), key=lambda ln: -ln.bbox[3])
    stack: list[TextLine] = []
    edge = box[1]
    for line in over:
        if edge - line.bbox[3] > TITLE_GAP_EM * max(line.size, 1.0):
            break
        if stack and line.bbox[3] > stack[-1].bbox[1] + 1.0:
            return []  # two lines side by side over the table: columns or prose, no title
        stack.append(line)
        edge = line.bbox[1]
    return stack


def _has_neighbour(page: PageContent, line: TextLine) -> bool:
    """Another line on the line's row: a title stands alone on its row."""
    middle = (line.bbox[1] + line.bbox[3]) / 2
    return any(other is not line and other.bbox[1] < middle < other.bbox[3] for other in page.lines if other.horizontal)


def _within(inner: BBox, outer: BBox) -> bool:
    """Whether a box's middle lies inside another box (to half a point)."""
    middle_x, middle_y = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] - 0.5 <= middle_x <= outer[2] + 0.5 and outer[1] - 0.5 <= middle_y <= outer[3] + 0.5
