"""Find table and figure captions on a page: `Table 3:`, `TABLE III`, `Tab. 3`, `Figure 2.`, `Fig. 2`, and
the US government reports' `Table A-3.`, `Table HM-20`, `Table 2-1.`.

A caption starts a text block (or stands apart from the line above); a sentence that merely mentions
"Table 3" is not one. A label with no delimiter, not bold and not in capitals (`Figure 1 Text`: OCR'd
pages know no bold) counts only where it opens with a capital and sits right next to a graphic or a rule,
and not where another caption on the page carries the same label.

Linear in a page's lines, up to a logarithm (a page of 60,000 words must not hold a run for minutes): each
question about "the lines near this one" goes to an index of the page's lines (`caption_lines`: by block, by
height on the page) instead of a scan of every line; how far a caption runs is `caption_continuation`'s.
"""
from __future__ import annotations

import re

from extractors.caption_continuation import (
    SIDE_FIGURE_GAP_EM,
    SIDE_GUTTER_EM,
    continuation,
    justified_rest,
    same_baseline_right,
)
from extractors.caption_labels import opens_like_title, parse_label
from extractors.caption_lines import CaptionLineIndex
from extractors.model import Caption
from extractors.page_content import PageContent, TextLine
from extractors.types import BBox, bbox_union

_CONTINUED_MARK = re.compile(r"^[(\[]?\s*(?:continued|cont(?:'d|\.|inued)?|suite|fortgesetzt)\b", re.IGNORECASE)


def find_captions(page: PageContent) -> list[Caption]:
    """Every caption on the page, in reading order, with its full (multi-line) text."""
    lines = sorted((ln for ln in page.lines if ln.horizontal), key=lambda ln: (ln.bbox[1], ln.bbox[0]))
    index_of = CaptionLineIndex(lines, page)
    captions: list[Caption] = []
    used: set[int] = set()
    plain_labels: list[bool] = []
    for index, line in enumerate(lines):
        if index in used:
            continue
        parsed = _caption_start(line, index_of.previous_in_block(index))
        if parsed is None:
            continue
        kind, label, first_text, plain = parsed
        # `Table 1␣␣Text`: the label stands alone; else the rest of a justified first line cut at a wide space
        beside = justified_rest(index_of, index) if first_text else same_baseline_right(index_of, index)
        used.update(beside)
        first_box = bbox_union([line.bbox] + [lines[i].bbox for i in beside])
        body = continuation(index_of, index, first_box, set(beside), page.width / 2, kind == "figure",
                            bare_label=not first_text)
        used.update(body)
        cut = _headnote_start(line, [lines[i] for i in body]) if kind == "table" else len(body)
        parts = [first_text] + [lines[i].text for i in beside] + [lines[i].text for i in body[:cut]]
        text = _joined(parts)
        note = _joined([lines[i].text for i in body[cut:]]) or None
        box = bbox_union([first_box] + [lines[i].bbox for i in body])
        if plain and not _beside_graphic(index_of, box, line.size, kind):
            used.difference_update(beside + body)
            continue
        captions.append(Caption(kind=kind, label=label, text=text, page=page.number, bbox=box, note=note))
        plain_labels.append(plain)
    # a plain label that another caption on the page also carries is the mention, not the caption
    sure = {c.label for c, plain in zip(captions, plain_labels) if not plain}
    return [c for c, plain in zip(captions, plain_labels) if not (plain and c.label in sure)]


def _joined(parts: list[str]) -> str:
    """A caption's lines as one text, words hyphenated at a line end joined again."""
    return re.sub(r"(\w)- (\w)", r"\1\2", " ".join(p for p in parts if p).strip())


HEADNOTE_SMALLER_PT = 1.0  # a headnote is set at least this much smaller than its title, or in another weight


def _headnote_start(first: TextLine, body: list[TextLine]) -> int:
    """Where a table caption's title ends among its next lines and what qualifies the table starts: a line set
    smaller than the title (a statistical table's headnote `[In thousands ...]` under `Table 324. Arrests by
    Sex and Age: 2009`, or the table's notes and source under a caption set below it), or a line opening with
    a bracket in another weight than a bold title. len(body) when the title runs to the end."""
    title_bold = all(w.bold for w in first.words)
    for k, line in enumerate(body):
        if line.size <= first.size - HEADNOTE_SMALLER_PT:
            return k
        if title_bold and line.text.lstrip().startswith(("[", "(")) and not any(w.bold for w in line.words):
            return k
        if _bracketed(" ".join(ln.text for ln in body[k:])):
            return k
    return len(body)


def _bracketed(text: str) -> bool:
    """The caption's last lines are one bracketed note of a few words (`[In millions of dollars ...]`,
    `(Numbers in thousands ...)`): the bracket opened first closes at the very end."""
    text = text.strip()
    if len(text) < 2 or (text[0], text[-1]) not in (("[", "]"), ("(", ")")) or len(text.split()) < 4:
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == text[0]) - (ch == text[-1])
        if depth == 0:
            return i == len(text) - 1
    return False


def _caption_start(line: TextLine, previous: TextLine | None) -> tuple[str, str, str, bool] | None:
    """(kind, label, text after the label, whether the label is plain) when the line can start a caption.

    A plain label (no delimiter, not bold, not capitals, text after it) may be a sentence mentioning the
    item: it must open with a capital, and the caller keeps it only beside a graphic or rule.
    """
    parsed = parse_label(line.text)
    if parsed is None:
        return None
    rest = parsed.rest
    label_is_bold = line.words[0].bold
    plain = not parsed.has_delim and bool(rest) and not label_is_bold and not parsed.word.isupper() \
        and not _CONTINUED_MARK.match(rest.strip())  # "Tab. 1 (cont.)": a continued table's own caption
    if plain and not opens_like_title(rest):
        return None  # "Table 3 shows ...": a sentence about the item; a caption opens with a capital
    if previous is not None and not (label_is_bold and parsed.has_delim) and not _starts_new_paragraph(line, previous):
        return None  # a bold label with its separator starts a caption even set tight under its table's last row
    return parsed.kind, parsed.label, re.sub(r"^[\s|\x00-\x1f]+", "", rest).strip(), plain


GRAPHIC_GAP_LINES = 3.0  # a plain-label caption lies within this many line heights of a graphic or rule


def _level_beside(graphic: BBox, box: BBox, size: float) -> bool:
    """A picture beside a side caption: its top level with the caption's first line, within the gutter
    a side caption keeps from its figure (left or right)."""
    level = abs(graphic[1] - box[1]) <= 2 * max(size, 1.0) and graphic[3] >= box[3]
    gap = max(graphic[0] - box[2], box[0] - graphic[2])
    return level and 0 <= gap <= SIDE_FIGURE_GAP_EM * max(size, 1.0)


def _beside_graphic(index: CaptionLineIndex, box: BBox, size: float, kind: str) -> bool:
    """Whether the caption box borders what it names: a graphic or an axis (figure), a rule (table).

    "Figure 1 shows ..." opening a paragraph has body text around it; a caption borders its figure or table,
    with at most narrow text (axis ticks and labels) between them, and is close to the nearest of those.
    """
    reach = GRAPHIC_GAP_LINES * max(size, 1.0)
    width = box[2] - box[0]
    # table rules and chart axes (and, for a figure, images) that can lie within 4 reaches above or below
    low, high = box[1] - 4 * reach, max(box[1], box[3]) + 4 * reach
    neighbours = index.rules.near(low, high)
    if kind == "figure":
        images = index.images.near(low, high)
        if any(_level_beside(image, box, size) for image in images):
            return True
        neighbours += images
    for other in neighbours:
        if kind == "table" and abs(other[1] - box[1]) <= reach \
                and box[2] <= other[0] <= box[2] + SIDE_GUTTER_EM * max(size, 1.0):
            return True  # the top rule of the table beside a side caption, level with it
        if min(other[2], box[2]) - max(other[0], box[0]) <= 0:
            continue
        above = other[3] <= box[1]
        top, bottom = (other[3], box[1]) if above else (box[3], other[1])
        if bottom - top > 4 * reach:
            continue
        between = [ln.bbox for ln in index.between(top, bottom) if ln.bbox[0] < box[2] and ln.bbox[2] > box[0]]
        if any(b[2] - b[0] > 0.5 * width for b in between):
            continue  # a line of body text (or another caption) between: not this caption's graphic
        nearest = max([top] + [b[3] for b in between]) if above else min([bottom] + [b[1] for b in between])
        if (box[1] - nearest if above else nearest - box[3]) <= reach:
            return True
    return False


def _starts_new_paragraph(line: TextLine, previous: TextLine) -> bool:
    gap = line.bbox[1] - previous.bbox[3]
    return gap > 0.6 * max(line.size, 1.0) or previous.bbox[2] < line.bbox[2] - 3 * line.size
