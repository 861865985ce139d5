"""Header rows: how many there are (rules, text over numbers, unit rows), header labels lifted across rows,
wrapped header lines joined, and the units header cells give their columns."""
from __future__ import annotations

import re
from dataclasses import replace

from extractors.numbers import header_unit, parse_cell
from extractors.page_content import Rule, Word
from extractors.tables.base import Region
from extractors.tables.geometry import _text
from extractors.tables.heads import label_value_rows
from extractors.tables.slots import Slot, SlotGrid, join_wrapped

HEADER_LINES = 4  # lines of text a header's group labels and sub-heads take at most between two rules


def _header_rows(region: Region, rows: list[list[list[Word]]]) -> int:
    """Rows above the first wide horizontal rule between the table's lines; else 1 when row 0 is text over
    numbers. A partial rule under a group label, with a full-width rule a row or two below it, is not the
    header's end: the full rule is; so too when up to four lines of text, none of them numbers, lie between
    (a stub head centred across the rows of a group label and its sub-heads is a line of its own)."""
    box = region.bbox
    width = box[2] - box[0]
    centres = [(b.bbox[1] + b.bbox[3]) / 2 for b in region.bands]
    inner = _inner_rules(region)
    wide = _wide_inner_rules(region)
    if wide:
        full = sorted(r.bbox[1] for r in inner if r.length >= 0.9 * width)
        end = wide[0]
        between = [k for k, c in enumerate(centres) if end < c < (full[0] if full else end)]
        if full and full[0] > end and (len(between) <= 2 or (
                len(between) <= HEADER_LINES and not any(_mostly_numbers(rows[k]) for k in between))):
            end = full[0]
        above = sum(1 for c in centres if c < end)
        return 0 if label_value_rows(rows[:above]) and label_value_rows(rows[above:above + 1]) else above
    if not any(_numeric_rows(rows)):
        return 1 if len(rows) >= 2 else 0
    return _leading_text_rows(rows, quantity_groups=True)


def _inner_rules(region: Region) -> list[Rule]:
    """Horizontal rules between the region's first and last lines of text."""
    centres = [(b.bbox[1] + b.bbox[3]) / 2 for b in region.bands]
    return [r for r in region.whole_rules if r.horizontal and centres[0] < r.bbox[1] < centres[-1]]


def _wide_inner_rules(region: Region) -> list[float]:
    """Heights of the inner rules across most of the table (the first ends the header), top first."""
    width = region.bbox[2] - region.bbox[0]
    return sorted(r.bbox[1] for r in _inner_rules(region) if r.length >= 0.6 * width)


def header_ends_at_rule(region: Region) -> bool:
    """A wide rule between the lines says where the header ends: no line below it is a wrapped header line."""
    return bool(_wide_inner_rules(region))


_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_NUMBER_WITH_SHARE = re.compile(r"^[-+−]?\d[\d,.]*\s*\(\s*[-+−]?\d[\d,.]*\s*%?\s*\)$")  # `63 (18.5%)`


HEAD_WORDS = 6  # a column head is a few words; a longer cell is a row's text


def _heads_under_rule(slots: SlotGrid, rows: list[list[list[Word]]], n_header: int, ruled: bool = False) -> int:
    """A row right under the header's rule with a short text head over each column, above rows of numbers,
    is a second header row (a group label ruled off from its column heads: PLOS, BMC): its stub must be
    empty, unless the row fills every column under one of the header's group labels (`Number`, `Time`
    under each `To recruit 100`). `ruled`: the table is ruled row by row."""
    if n_header < 1 or n_header + 1 >= len(rows):
        return n_header
    heads = {c: text for c, (text, _) in slots.row(n_header).items() if text}
    groups = [(c, span) for r in range(n_header) for c, (text, span) in slots.row(r).items() if text and span >= 2]
    under_groups = any(all(k in heads for k in range(c, c + span)) for c, span in groups)
    numeric = _numeric_rows(rows)
    # ruled row by row, the row of numbers under it may come after a section row (a lone label: `Region 1`;
    # unruled, a lone label there is as often a \multirow label set between two rows)
    below = next((k for k in range(n_header + 1, len(rows)) if len(rows[k]) > 1 or not ruled), n_header + 1)
    if (0 in heads and not under_groups) or len(heads) < 2 or numeric[n_header] or not numeric[below] \
            or any(len(text.split()) > HEAD_WORDS for text in heads.values()):
        return n_header
    return n_header + 1


def heads_under_groups(slots: SlotGrid, n_header: int, n_rows: int) -> int:
    """In a table ruled row by row the first rule under a row of group labels ends only the header's top
    row: each next row of short text heads (no number outside the stub, not a lone section label) under a
    label of the row above that spans columns is a header row too, when a row of numbers follows them."""
    def numeric(text: str) -> bool:
        return not _YEAR.match(text.strip()) and parse_cell(text).value is not None

    end = n_header
    while 0 < end < n_rows // 2:
        cells = {c: text for c, (text, _) in slots.row(end).items() if text}
        if not any(span > 1 for _, (text, span) in slots.row(end - 1).items() if text) or set(cells) <= {0} \
                or any(numeric(text) for c, text in cells.items() if c > 0) \
                or any(len(text.split()) > HEAD_WORDS for text in cells.values()):
            break
        end += 1
    following = {c: text for c, (text, _) in slots.row(end).items() if text and c > 0}
    return end if end > n_header and any(numeric(text) for text in following.values()) else n_header


def _numeric_rows(rows: list[list[list[Word]]]) -> list[bool]:
    """Rows holding a number outside the first column; years (header labels like '1996') do not count."""
    def numeric(text: str) -> bool:
        text = text.strip()
        if _YEAR.match(text):
            return False
        cell = parse_cell(text)
        if cell.unit and " " in cell.unit.strip() and cell.unit.replace(" ", "").isalpha():
            return False  # a head in words round a number (`Under 18 years`, `18 years and over`)
        return cell.value is not None or bool(_NUMBER_WITH_SHARE.match(text))

    return [any(numeric(_text(seg)) for seg in row[1:]) for row in rows]


def _mostly_numbers(row: list[list[Word]]) -> bool:
    """Most of the line's cells, two or more, are numbers: a body row, not group labels like `Site 2  1 h`
    (a quantity with a unit in letters, `1 h`, `298 K`, names a group as often as it is a value)."""
    def plain_number(text: str) -> bool:
        cell = parse_cell(text)
        return cell.value is not None and not (cell.unit and cell.unit.isalpha())

    numbers = sum(1 for seg in row if plain_number(_text(seg)))
    return numbers >= 2 and 2 * numbers > len(row)


def _leading_text_rows(rows: list[list[list[Word]]], quantity_groups: bool = False) -> int:
    """Rows before the first one holding a number outside the first column (at most half the table).
    A first row of quantities with units over plain numbers (`0.5 T  1.0 T` over `−0.82  −1.64`) is a header;
    counting header rows (`quantity_groups`), so is a sparse first row of them over a full row of text heads."""
    numeric = _numeric_rows(rows)
    if not any(numeric):
        return 0
    widest = max(len(row) for row in rows)
    if quantity_groups and len(rows) >= 3 and numeric[0] and not numeric[1] \
            and len(rows[0]) <= widest / 2 < len(rows[1]):
        numeric[0] = False  # group labels that are quantities (`298 K`, `1 h`) over a full row of text heads
        if not any(numeric):
            return 0  # no number below them: a table of words, whose header the words cannot tell
    lead = min(numeric.index(True), max(1, len(rows) // 2))
    if lead == 0 and len(rows) >= 3 and _is_unit_header(rows[0], rows[1:]):
        return 1
    return lead


def _is_unit_header(first: list[list[Word]], below: list[list[list[Word]]]) -> bool:
    """Every cell after the first carries a unit, and the rows below carry none."""
    heads = [parse_cell(_text(seg)) for seg in first[1:]]
    if len(heads) < 2 or not all(h.value is not None and h.unit for h in heads):
        return False
    body = [parse_cell(_text(seg)) for row in below for seg in row[1:]]
    return bool(body) and sum(1 for b in body if b.unit) < 0.2 * len(body)


def _on_shared_baseline(middles: dict[tuple[int, int], float], slots: SlotGrid,
                        rows: list[list[list[Word]]]) -> set[tuple[int, int]]:
    """Slots (band, column) whose text sits on the line of a cell of their band that has a label above it
    (a sub-header under a group label): those labels are set on their row, not centred across rows. A head
    set higher than its band's lowest line is lowered from the row above (\\multirow): it vouches for none."""
    sizes = [max((w.size for seg in row for w in seg), default=10.0) for row in rows]
    lowest: dict[int, float] = {}
    for (b, _), middle in middles.items():
        lowest[b] = max(lowest.get(b, middle), middle)
    under_label = {(b, c) for (b, c) in middles
                   if any(bb < b and cc <= c < cc + span and text for (bb, cc), (text, span) in slots.items())
                   and middles[(b, c)] >= lowest[b] - 0.3 * sizes[b]}
    out: set[tuple[int, int]] = set()
    for (band, col), middle in middles.items():
        size = sizes[band]
        if any(key[0] == band and key[1] != col and abs(middles[key] - middle) < 0.3 * size for key in under_label):
            out.add((band, col))
    return out


def by_row(middles: dict[tuple[int, int], float], rows: list[list[list[Word]]],
           row_of_band: list[int]) -> tuple[dict[tuple[int, int], float], list[list[list[Word]]]]:
    """Band-keyed slot middles and lines as rows ruled row by row: a cell's middle is that of all its lines
    (a head wrapped onto two lines is centred on its row, its first line is not), a row holds its bands'
    segments."""
    spans: dict[tuple[int, int], tuple[float, float]] = {}
    for (band, col), middle in middles.items():
        lo, hi = spans.get((row_of_band[band], col), (middle, middle))
        spans[(row_of_band[band], col)] = (min(lo, middle), max(hi, middle))
    joined: list[list[list[Word]]] = [[] for _ in range(max(row_of_band, default=-1) + 1)]
    for band, segments in enumerate(rows):
        joined[row_of_band[band]] += segments
    return {key: (lo + hi) / 2 for key, (lo, hi) in spans.items()}, joined


def _lift_header_stubs(slots: SlotGrid, closed, n_header: int,  # type: ignore[no-untyped-def]
                       on_baseline: set[tuple[int, int]]) -> tuple[SlotGrid, dict[tuple[int, int], int]]:
    """In a fully drawn grid, a header label centred in a cell that no rule divides from the empty cells
    above it is one cell reaching up to the header's top row (a stub head like 'Country' framed across two
    header rows). A label set on the line of its row's other labels stays in that row, as typeset, unless
    empty open cells lie both above and below it: then it is centred across the header (\\multirow{3}) and
    its cell reaches from the header's top row to its bottom one. A line of lowered heads only (\\multirow
    set between two rows' lines) is no row to lift a head into: the head lands in the row above it."""
    covered = slots.covered_by_spans()
    spans: dict[tuple[int, int], int] = {}

    def open_cell(row: int, col: int) -> bool:
        return not slots.text(row, col) and (row, col) not in covered

    def between(row: int, col: int) -> bool:  # a lone head with open cells above and below: lowered
        return 0 < row < n_header - 1 and all(
            open_cell(r, col) and not closed(min(r, row), col) for r in (row - 1, row + 1))

    ghosts = {row for row in range(1, n_header - 1)
              if (cells := [(c, span) for c, (text, span) in slots.row(row).items() if text])
              and all(span == 1 and (row, c) not in on_baseline and between(row, c) for c, span in cells)}
    for (row, col), (text, span) in sorted(slots.items()):
        if not (0 < row < n_header) or not text or span != 1:
            continue
        top = row
        while top > 0 and open_cell(top - 1, col) and not closed(top - 1, col):
            top -= 1
        landing = [r for r in range(top, row) if r not in ghosts]  # a line of lowered heads is no row to land in
        if landing:
            top = landing[0]
        bottom = row
        while bottom + 1 < n_header and open_cell(bottom + 1, col) and not closed(bottom, col):
            bottom += 1
        centred_across = top < row < bottom
        if (row, col) in on_baseline and not centred_across:
            continue
        if top < row:
            slots = slots.moved((row, col), (top, col), Slot(text, 1))
            spans[(top, col)] = (bottom if centred_across else row) - top + 1
    return slots, spans


def _drop_emptied_header_rows(slots: SlotGrid, spans: dict[tuple[int, int], int],
                              n_header: int) -> tuple[SlotGrid, dict[tuple[int, int], int], int]:
    """Header rows left with no text once their labels were lifted (a stub head set between two header
    lines is a line of its own): gone, and the spans reaching over them one row shorter. Returns the new
    slots and spans and how many rows went."""
    dropped = 0
    for row in reversed(range(n_header)):
        if any(text for text, _ in slots.row(row).values()):
            continue
        slots = slots.without_row(row)
        spans = {(top - (top > row), col): down - (top < row < top + down)
                 for (top, col), down in spans.items()}
        dropped += 1
    return slots, spans, dropped


def _one_header_cell_per_column(region: Region, slots: SlotGrid, n_header: int) -> bool:
    """Header lines above a rule with no rule between them and no label spanning columns: one header row
    whose cells wrap (or are centred) over several lines."""
    if any(span > 1 for (r, _), (_, span) in slots.items() if r < n_header):
        return False
    centres = [(b.bbox[1] + b.bbox[3]) / 2 for b in region.bands[:n_header]]
    below = [r.bbox[1] for r in region.rules if r.horizontal and r.bbox[1] > centres[-1]]
    if not below:
        return False
    return not any(r.horizontal and centres[0] < r.bbox[1] < centres[-1] for r in region.rules)


def _merge_wrapped_header_rows(slots: SlotGrid, n_header: int) -> tuple[SlotGrid, int]:
    """Join header lines that wrap inside their cells (`per capita` / `GNP ($000)` / `1995`).

    A header line continues the one above when neither holds a spanning group label and every cell
    it fills sits under a filled cell of the line above; or when a group label is in play and each of its cells
    starts under a label of the line above, with no other label over its columns, and goes on in lower case
    or with "(" (`To recruit 100` / `(letter only - 6.8% response)`).
    Returns the new slots and how many rows went.
    """
    merged = 0
    r = 0
    while r + 1 < n_header - merged:
        upper, lower = slots.row(r), slots.row(r + 1)
        plain = all(span == 1 for _, span in upper.values()) and all(span == 1 for _, span in lower.values())
        filled_above = {c for c, (text, _) in upper.items() if text}
        wrapped_groups = bool(lower) and not plain and all(
            c in filled_above and not filled_above.intersection(range(c + 1, c + max(span, upper[c].span)))
            and (text[:1] == "(" or text[:1].islower()) for c, (text, span) in lower.items())
        if (plain and lower and set(lower) <= filled_above) or wrapped_groups:
            for c, (text, span) in lower.items():
                slots[(r, c)] = Slot(join_wrapped(upper[c].text, text), max(span, upper[c].span))
            slots = slots.without_row(r + 1)
            merged += 1
            continue
        r += 1
    return slots, merged


def _lone_labels(slots: SlotGrid) -> tuple[set[int], set[int]]:
    """Rows whose only text is a capitalised label in the first column (`Phase I`, not `(ours)`), and rows
    with text in two cells or more."""
    filled: dict[int, dict[int, str]] = {}
    for (r, c), (text, _) in slots.items():
        if text:
            filled.setdefault(r, {})[c] = text
    lone = {r for r, texts in filled.items() if set(texts) == {0} and texts[0][:1].isupper()}
    return lone, {r for r, texts in filled.items() if len(texts) >= 2}


def before_section_rows(slots: SlotGrid, n_header: int) -> int:
    """Header lines up to the first of the body's section rows: a lone capitalised first-column label under
    the header, over a row of numbers, is not a wrapped stub head when the body below holds another such line
    between two rows of cells (`Phase I` ... `Phase II` ... `High dose`), or when the stub has its head
    already, higher up than the header line right above the label, which leaves the stub empty."""
    lone, full = _lone_labels(slots)
    for row in range(1, n_header):
        if row in lone and _numbers_in(slots, row + 1) and (any(
                r - 1 in full and r + 1 in full for r in lone if r >= max(row + 2, n_header))
                or _stub_headed_above(slots, row)):
            return row
    return n_header


def _stub_headed_above(slots: SlotGrid, row: int) -> bool:
    """The header line right above `row` leaves the stub column empty while a line higher up heads it
    (`Method` set across the header lines, `Size  T  Area` under a group label): a lone label in the stub
    below them starts the body, a section row, not the stub head's next line."""
    above = slots.filled(row - 1)
    return bool(above) and 0 not in above and any(0 in slots.filled(r) for r in range(row - 1))


def _numbers_in(slots: SlotGrid, row: int) -> bool:
    """Most of the row's filled cells after the first are numbers (a body row, not a line of sub-heads)."""
    cells = [parse_cell(text).value is not None for c, (text, _) in slots.row(row).items() if c > 0 and text]
    return bool(cells) and 2 * sum(cells) >= len(cells)


def _column_units(slots: SlotGrid, n_header: int, n_cols: int) -> dict[int, str]:
    units: dict[int, str] = {}
    for (r, c), (text, span) in slots.items():
        if r < n_header:
            unit = header_unit(text)
            if unit:
                for k in range(span):
                    units[c + k] = unit
    return units



def merge_bottom_aligned_heads(region: Region, rows: list[list[list[Word]]], slots: SlotGrid, n_header: int,
                               middles: dict[tuple[int, int], float]):  # type: ignore[no-untyped-def]
    """Join header lines of heads set at the bottom of their cells (US statistical tables: `Under` / `18` /
    `years` beside `Total`, all ending on one line): a line with no rule under it and every head right of the
    stub standing over a head of the next line as wide (a group label wraps within its columns, going on in
    lower case: `Persons` / `below poverty`; a group label over narrower heads, or over a group label that
    starts with a capital, `Condition B` / `Site 2`, is no first line), the next line also holding heads of
    its own in columns the line leaves empty (the shorter heads, set on the last line only), is the first line
    of those heads. Returns the region, rows, slots and middles re-indexed by row, and how many rows went."""
    bands = list(region.bands)
    rules = [r.bbox[1] for r in region.whole_rules if r.horizontal]
    rows, merged, r = list(rows), 0, n_header - 2
    while r >= 0:  # from the bottom up: `State` / `and` / `local` joins `and local` once that is one line
        upper, lower = slots.row(r), slots.row(r + 1)
        up = {c for c, (text, _) in upper.items() if text} - {0}
        low = {c for c, (text, _) in lower.items() if text}
        top, below = bands[r], bands[r + 1]
        tight = below.bbox[1] - top.bbox[3] < 0.6 * max(top.size, below.size, 1.0)
        ruled = any(top.bbox[3] - 0.5 <= y <= below.bbox[1] + 0.5 for y in rules)
        if up and up <= low and (low - up - {0}) and tight and not ruled and \
                all(lower[c].span >= upper[c].span and (upper[c].span == 1 or lower[c].text[:1].islower()
                                                        or lower[c].text[:1] == "(") for c in up):
            slots = slots.merge_rows(r)
            bands[r:r + 2] = [type(top)(lines=top.lines + below.lines)]
            rows[r:r + 2] = [rows[r] + rows[r + 1]]
            middles = {(b - (b > r), c): m for (b, c), m in middles.items() if not (b == r and (r + 1, c) in middles)}
            merged += 1
        elif r and not up and upper.get(0, ("", 1))[0] and not slots.get(r + 1, 0)[0] and top.bbox[3] > below.bbox[1]:
            # a stub head alone on a line set between the header's lines (centred on them, overlapping the
            # next): one with the next line, whence it is lifted to the header's top row as other stub heads
            slots = slots.moved((r, 0), (r + 1, 0), Slot(upper[0].text, 1)).without_row(r)
            bands[r:r + 2] = [type(top)(lines=top.lines + below.lines)]
            rows[r:r + 2] = [rows[r] + rows[r + 1]]
            middles = {(b - (b > r), c): m for (b, c), m in middles.items() if b != r or c == 0}
            merged += 1
        r -= 1
    if merged:
        region = replace(region, bands=tuple(bands))
    return region, rows, slots, middles, merged
