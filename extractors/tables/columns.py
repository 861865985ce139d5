"""Column x-ranges of a table, and which columns a segment covers or, as a group label, spans.
Column bounds come from drawn rules when the table is framed, else from the aligned segments of full rows."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.numbers import parse_cell
from extractors.page_content import Rule, Word
from extractors.tables.base import Region
from extractors.tables.cell_borders import (
    centred_between_borders,
    chained_segments,
    inside_one_border,
    rules_below,
)
from extractors.tables.geometry import merge_rules
from extractors.tables.slots import SlotGrid
from extractors.types import BBox


def column_bounds(rows: Sequence[Sequence[Sequence[Word]]], rules: Sequence[Rule], box: BBox) -> list[tuple[float, float]]:
    """Column x-ranges: from vertical rules when the table is a drawn grid, else from aligned segments of full
    rows."""
    return drawn_columns(rows, rules, box) or _aligned_columns(rows)


def drawn_columns(rows: Sequence[Sequence[Sequence[Word]]], rules: Sequence[Rule], box: BBox) -> list[tuple[float, float]]:
    """The cells between a drawn grid's vertical rules (rules at both sides and inside); empty where there is
    no such grid, or where its rules leave numbers side by side in one cell (a rule only between groups of
    columns)."""
    height = box[3] - box[1]
    verticals = sorted({round((r.bbox[0] + r.bbox[2]) / 2, 0) for r in merge_rules(rules)
                        if not r.horizontal and (r.bbox[3] - r.bbox[1]) > 0.5 * height})
    inner = [x for x in verticals if box[0] + 3 < x < box[2] - 3]
    framed = any(x <= box[0] + 8 for x in verticals) and any(x >= box[2] - 8 for x in verticals)
    if not (inner and framed):  # a lone rule after the stub column is not a column grid
        return []
    edges = [box[0] - 1] + inner + [box[2] + 1]
    centres = [(seg[0].bbox[0] + seg[-1].bbox[2]) / 2 for row in rows for seg in row]
    cells = [(a, b) for a, b in zip(edges, edges[1:])  # not the sliver between a double rule's lines
             if b - a > 2 and (b - a > 12 or any(a <= x <= b for x in centres))]
    return [] if _numbers_side_by_side(rows, cells) else cells


def _numbers_side_by_side(rows: Sequence[Sequence[Sequence[Word]]], cells: list[tuple[float, float]]) -> bool:
    """Two or more rows hold two numbers apart in one drawn cell: the rules frame groups of columns (R13's
    in-domain and out-of-domain scores), not each column."""
    def numeric(segment: Sequence[Word]) -> bool:
        return parse_cell(" ".join(w.text for w in segment)).value is not None

    crowded = 0
    for row in rows:
        centres = [(s[0].bbox[0] + s[-1].bbox[2]) / 2 for s in row if numeric(s)]
        crowded += any(sum(1 for x in centres if a <= x <= b) >= 2 for a, b in cells)
    return crowded >= 2


def _aligned_columns(rows: Sequence[Sequence[Sequence[Word]]]) -> list[tuple[float, float]]:
    """Column x-ranges from the aligned segments of the rows that fill (nearly) every column."""
    counts = [len(r) for r in rows]
    if not counts:
        return []
    widest = max(counts)
    full_rows = [r for r in rows if len(r) >= max(2, 0.75 * widest)] or list(rows)
    intervals = _unbridged(full_rows)
    merged = _merge_intervals(intervals)
    # Labels printed on lines of their own (a \multirow label between its rows) make a column of
    # their own when two or more of them stack clear of every column the full rows use.
    # A line's one label centred on the whole table is a panel title (`ALL RACES`), not a column.
    mid, width = (merged[0][0] + merged[-1][1]) / 2, merged[-1][1] - merged[0][0]
    apart = sorted((s[0].bbox[0], s[-1].bbox[2]) for r in rows if r not in full_rows for s in r
                   if not any(min(s[-1].bbox[2], b) - max(s[0].bbox[0], a) > -0.5 for a, b in merged)
                   and not (len(r) == 1 and abs((s[0].bbox[0] + s[-1].bbox[2]) / 2 - mid) <= max(2.0, 0.01 * width)))
    extra = [(a, b, n) for a, b, n in _merge_intervals(apart, count=True) if n >= 2]
    return sorted([(a, b) for a, b in merged] + [(a, b) for a, b, _ in extra])


SPANNING_VALUE_WORDS = 3  # a value spanning columns is a few words; a longer run across them is text (prose taken in)


def _unbridged(full_rows: Sequence[Sequence[Sequence[Word]]]) -> list[tuple[float, float]]:
    """The full rows' segments, less those that overlap two or more columns of the rows holding the count of
    segments most full rows hold (when some hold fewer): a value centred over two columns
    (`\\multicolumn{2}{c}{0.01}`, atlas-cms-higgs-mass Table 1's combined result) spans them, and must not join
    them into one column. Only values (a few words with a digit or a dash): text across columns still joins them."""
    segments = sorted((s[0].bbox[0], s[-1].bbox[2]) for r in full_rows for s in r)
    short = {(s[0].bbox[0], s[-1].bbox[2]) for r in full_rows for s in r if len(s) <= SPANNING_VALUE_WORDS
             and any(ch.isdigit() or ch in "–—-" for w in s for ch in w.text)}
    counts = [len(r) for r in full_rows]
    most = max(set(counts), key=lambda n: (counts.count(n), n))  # the count most full rows hold
    fullest = [r for r in full_rows if len(r) == most]
    if len(fullest) < 2 or not any(n < most for n in counts):
        return segments
    base = _merge_intervals(sorted((s[0].bbox[0], s[-1].bbox[2]) for r in fullest for s in r))
    return [(x0, x1) for x0, x1 in segments
            if (x0, x1) not in short or sum(1 for a, b in base if min(x1, b) - max(x0, a) > 0.5) < 2]


def _merge_intervals(intervals: list[tuple[float, float]], count: bool = False) -> list:
    """Overlapping x-intervals joined; with count, each joined interval carries how many it holds."""
    merged: list[list[float]] = []
    for x0, x1 in intervals:
        if merged and x0 < merged[-1][1] - 0.5:
            merged[-1][1] = max(merged[-1][1], x1)
            merged[-1][2] += 1
        else:
            merged.append([x0, x1, 1])
    return [(a, b, int(n)) for a, b, n in merged] if count else [(a, b) for a, b, _ in merged]


def _columns_covered(segment: Sequence[Word], columns: list[tuple[float, float]]) -> tuple[int, int]:
    x0, x1 = segment[0].bbox[0], segment[-1].bbox[2]
    hits = [i for i, (a, b) in enumerate(columns) if min(x1, b) - max(x0, a) > 0.5]
    if not hits:
        centre = (x0 + x1) / 2
        nearest = min(range(len(columns)), key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - centre))
        return nearest, nearest
    return hits[0], hits[-1]


def _shared_out_columns(segments: Sequence[Sequence[Word]],
                        columns: list[tuple[float, float]]) -> list[tuple[int, int]] | None:
    """Group labels side by side in one header row ('Finland  EU-15  EU-25'): each takes the columns
    whose centres lie within half the distance to its neighbouring labels, when all of them get a
    contiguous run of two or more columns. None when that does not hold."""
    if len(segments) < 2:
        return None
    if any(a - 2 <= seg[0].bbox[0] and seg[-1].bbox[2] <= b + 2 for seg in segments for a, b in columns):
        return None  # a label inside one column's extent heads that column (stub heads set between header lines)
    centres = [(seg[0].bbox[0] + seg[-1].bbox[2]) / 2 for seg in segments]
    gaps = [b - a for a, b in zip(centres, centres[1:])]
    if min(gaps) <= 0:
        return None
    result = []
    for k, centre in enumerate(centres):
        left = gaps[k - 1] / 2 if k > 0 else gaps[0] / 2
        right = gaps[k] / 2 if k < len(gaps) else gaps[-1] / 2
        reach = min(left, right) if 0 < k < len(gaps) else (right if k == 0 else left)
        under = [i for i, (a, b) in enumerate(columns) if centre - reach <= (a + b) / 2 <= centre + reach]
        if len(under) < 2 or under != list(range(under[0], under[-1] + 1)):
            return None
        result.append((under[0], under[-1]))
    if any(a[1] >= b[0] for a, b in zip(result, result[1:])):
        return None
    return result


def _drawn_frame(region: Region, columns: list[tuple[float, float]]) -> list[Rule]:
    """The vertical rules of a table drawn as a grid (rules at both outer edges); empty when it is not."""
    return frame_verticals(region) if len(columns) >= 2 else []


def frame_verticals(region: Region) -> list[Rule]:
    """The region's vertical rules when some stand at both its outer edges and some inside (a drawn frame
    with cells); else none: a box drawn round a table says nothing of its cells."""
    verticals = [r for r in region.whole_rules if not r.horizontal and r.length >= 4]
    left, right = region.bbox[0], region.bbox[2]
    middles = [(v.bbox[0] + v.bbox[2]) / 2 for v in verticals]
    at_left = any(abs(x - left) < 8 for x in middles)
    at_right = any(abs(x - right) < 8 for x in middles)
    inside = any(left + 8 <= x <= right - 8 for x in middles)
    return verticals if at_left and at_right and inside else []


def _drawn_cell_columns(segment: Sequence[Word], columns: list[tuple[float, float]],
                        frame: Sequence[Rule]) -> tuple[int, int] | None:
    """The columns of the drawn cell holding a segment: those between the nearest vertical rules left and
    right of it at its height. A label across several columns has no rule between them."""
    x0, x1 = segment[0].bbox[0], segment[-1].bbox[2]
    middle = (min(w.bbox[1] for w in segment) + max(w.bbox[3] for w in segment)) / 2
    xs = [(v.bbox[0] + v.bbox[2]) / 2 for v in frame if v.bbox[1] - 1 <= middle <= v.bbox[3] + 1]
    lefts = [x for x in xs if x <= x0 + 1]
    rights = [x for x in xs if x >= x1 - 1]
    if not lefts or not rights:
        return None
    left, right = max(lefts), min(rights)
    inside = [i for i, (a, b) in enumerate(columns) if left - 1 <= (a + b) / 2 <= right + 1]
    return (inside[0], inside[-1]) if inside else None


def _crosses_vertical_rule(segment: Sequence[Word], columns: list[tuple[float, float]],
                           verticals: Sequence[Rule], first: int, last: int, top_rule: float | None = None) -> bool:
    """A span from column `first` to `last` would cross a vertical rule drawn beside the segment's line, or
    (given the table's top rule, under a head printed above it) one that starts on that rule."""
    top = min(w.bbox[1] for w in segment)
    bottom = max(w.bbox[3] for w in segment)
    middle = (top + bottom) / 2

    def beside(v: Rule) -> bool:
        if v.bbox[1] <= middle <= v.bbox[3]:
            return True
        return top_rule is not None and abs(v.bbox[1] - top_rule) <= 3 and v.bbox[3] > top_rule + 6

    for left, right in zip(columns[first:last], columns[first + 1:last + 1]):
        if any(left[1] - 2 <= (v.bbox[0] + v.bbox[2]) / 2 <= right[0] + 2 and beside(v) for v in verticals):
            return True
    return False


MAX_GROUP_SPAN = 4  # a centred group label spans at most this many columns, unless centred to a point
PRECISE = 1.0  # points: a label centred over a run of columns as wide as their heads this closely is centred on it
AS_PRECISE = 0.3  # points: two runs centring a label this alike centre it as well (LaTeX centres to 0.3 pt)


def head_extents(columns: list[tuple[float, float]],
                 rows: Sequence[Sequence[Sequence[Word]]]) -> list[tuple[float, float]]:
    """The columns widened to the heads set in them in the given header rows: a column as wide as its widest
    head, which is what a label centred over columns (\\multicolumn) is centred on."""
    out = list(columns)
    for segments in rows:
        for seg in segments:
            first, last = _columns_covered(seg, columns)
            if first == last and _set_in(seg, columns[first]):
                out[first] = (min(out[first][0], seg[0].bbox[0]), max(out[first][1], seg[-1].bbox[2]))
    return out


def _set_in(segment: Sequence[Word], column: tuple[float, float]) -> bool:
    """A head set in its column: over all of its cells, centred on them or flush with one of their edges; not a
    group label over several columns whose text happens to lie over one of them (lt1_0014's 'Before')."""
    x0, x1 = segment[0].bbox[0], segment[-1].bbox[2]
    a, b = column
    return (x0 <= a + 1.0 and x1 >= b - 1.0) or abs(x0 - a) <= 1.0 or abs(x1 - b) <= 1.0 \
        or abs((x0 + x1) / 2 - (a + b) / 2) <= max(2.0, 0.15 * (b - a))


def headed_columns(columns: list[tuple[float, float]], rows: Sequence[Sequence[Sequence[Word]]]) -> set[int]:
    """The columns that a head in the given header rows lies over."""
    return {c for segments in rows for seg in segments
            for c in range(_columns_covered(seg, columns)[0], _columns_covered(seg, columns)[1] + 1)}


def lone_head(r: int, segments: Sequence[Sequence[Word]], lead: int, columns: list[tuple[float, float]]) -> bool:
    """A single label right of the stub in a header row under the column heads (`Grain yield (kg ha−1)` over
    all the data columns): placed like a group label, by the columns it is centred over."""
    return r < lead and len(segments) == 1 and segments[0][0].bbox[0] > columns[0][1] and len(columns) >= 3


def flush_columns(body: Sequence[Sequence[Sequence[Word]]], columns: list[tuple[float, float]]) -> set[tuple[int, str]]:
    """(column, "left") for columns set flush left (l, a ragged p{}), (column, "right") for those set flush right
    (r, numbers): most of their body cells narrower than the column, two at least, start (end) at its edge (cells
    as wide as the column show no side). A head flush with such a column's edge is that column's own head."""
    flush: set[tuple[int, str]] = set()
    for c, (left, right) in enumerate(columns):
        narrower = [(seg[0].bbox[0], seg[-1].bbox[2]) for segments in body for seg in segments
                    if _columns_covered(seg, columns) == (c, c) and seg[-1].bbox[2] - seg[0].bbox[0] < right - left - 1.0]
        for side, edge, at in (("left", left, 0), ("right", right, 1)):
            at_edge = sum(1 for cell in narrower if abs(cell[at] - edge) <= 0.6)
            if at_edge >= 2 and at_edge >= 0.6 * len(narrower):
                flush.add((c, side))
    return flush


def _group_span(segment: Sequence[Word], columns: list[tuple[float, float]], rules: Sequence[Rule],
                covered: tuple[int, int], blocked: set[int] = frozenset(),
                extents: list[tuple[float, float]] | None = None,
                flush: set[tuple[int, str]] = frozenset(), headed: set[int] = frozenset()) -> tuple[int, int]:
    """Columns a group label spans: those under the partial rule just below it (booktabs \\cmidrule) when
    no other label of the row sits over that rule, else the run of up to four neighbouring columns it is
    centred over, when that fits clearly better; or the widest run it is centred over to a point (as wide as
    their heads), all of whose columns have heads below and no other label beside it (`headed`): a label over
    three columns of like widths is centred over the middle one as well, and on four or five by chance no less."""
    x0, x1 = segment[0].bbox[0], segment[-1].bbox[2]
    size = max(w.size for w in segment)
    centre = (x0 + x1) / 2
    below_label = rules_below(segment, rules)
    chained = chained_segments(below_label)
    reach: tuple[int, int] | None = None  # a row's rule from the table's left edge (see _separator_from_edge)
    reach_at = float("inf")
    for rule in below_label:
        if rule in chained:
            continue  # one of a row of cell borders drawn end to end: its length says nothing about the label
        if rule.bbox[0] - 1 <= centre <= rule.bbox[2] + 1 and rule.bbox[0] - size <= x0 and x1 <= rule.bbox[2] + size:
            under = [i for i, (a, b) in enumerate(columns) if rule.bbox[0] - 2 <= (a + b) / 2 <= rule.bbox[2] + 2]
            if under and not blocked.intersection(range(under[0], under[-1] + 1)):  # a rule under several
                if _separator_from_edge(under, covered, centre, rule):
                    if reach is None or rule.bbox[1] < reach_at:  # the nearest: the label lies within it,
                        reach, reach_at = (1, under[-1]), rule.bbox[1]  # clear of the stub; its centring decides
                    continue
                return under[0], under[-1]  # labels of the row (a rule after the column heads) is none's alone
    first, last = covered
    bordered = (inside_one_border(x0, x1, columns, chained, covered, blocked)
                or centred_between_borders(centre, columns, chained, covered, blocked)) if chained else None
    if bordered is not None:
        return bordered
    across = first != last and reach is None  # a label across columns: a run centring it clearly better
    wide = extents or columns  # or centred on the columns as wide as their heads below (see head_extents),
    if any(abs(x0 - a) <= 1.0 for a, _ in wide):  # unless set flush left with one of them
        wide = columns
    best, best_error = covered, abs((wide[first][0] + wide[last][1]) / 2 - centre)
    # a head set flush left with its own column, itself set flush left (a ragged p{} column's head), or a number
    # set flush right with its own column of numbers set right, is centred over a wider run only by chance: no
    # run reaches past that edge
    flush_left = first == last and (first, "left") in flush and abs(x0 - columns[first][0]) <= 1.0 \
        and abs(x1 - columns[first][1]) > 1.0  # (as wide as the column, it is centred on it too)
    flush_right = first == last and (first, "right") in flush and abs(x1 - columns[first][1]) <= 1.0 \
        and _plain_number(segment)
    data = abs((columns[1][0] + columns[-1][1]) / 2 - centre)
    all_headed = abs((wide[1][0] + wide[-1][1]) / 2 - centre)  # on the columns as wide as their heads: to a point
    if first >= 1 and len(columns) >= 3 and not blocked and reach is None and not across and not flush_right \
            and (data < 0.04 * (columns[-1][1] - columns[1][0]) or all_headed <= PRECISE):
        return 1, len(columns) - 1  # the row's one label, centred over all the data: a quantity with its unit
    if reach is None and across:  # any run precisely centred on it, clear of the stub if it is
        reach = (min(1, first), len(columns) - 1)
    widest: tuple[int, int] | None = None  # the widest run over headed columns centring the label to a point
    widest_error = float("inf")
    for lo in range(reach[0] if reach else 0, first + 1):  # (the widest clear of the stub, unless over it)
        for hi in range(last, reach[1] + 1 if reach else len(columns)):
            if hi == lo or any(c in blocked for c in range(lo, hi + 1)) \
                    or (lo < first and flush_left) or (hi > last and flush_right):
                continue
            error = abs((wide[lo][0] + wide[hi][1]) / 2 - centre)
            headed_error = abs((extents[lo][0] + extents[hi][1]) / 2 - centre) if extents else float("inf")
            if headed_error <= PRECISE and (lo > 0 or first == 0) and headed.issuperset(range(lo, hi + 1)) \
                    and (widest is None or headed_error < widest_error - AS_PRECISE
                         or (headed_error <= widest_error + AS_PRECISE and hi - lo > widest[1] - widest[0])):
                widest, widest_error = (lo, hi), headed_error  # the most precise; of runs as precise, the widest
            if reach is None and hi - lo >= MAX_GROUP_SPAN:
                continue
            long = across and hi - lo >= MAX_GROUP_SPAN  # a run this long only when centred to a point
            if error < best_error - 1.0 and error < (1.0 if long else 0.04 * (wide[hi][1] - wide[lo][0])):
                best, best_error = (lo, hi), error
    if widest is not None and ((widest[0] <= best[0] and best[1] <= widest[1]) or widest_error < best_error):
        return widest  # over the run it lies in, or centred better than that run
    return best


def _plain_number(segment: Sequence[Word]) -> bool:
    """The segment is a number, without a unit in letters (`350 K` may name a group of columns)."""
    cell = parse_cell(" ".join(w.text for w in segment))
    return cell.value is not None and not (cell.unit and cell.unit.isalpha())


def _separator_from_edge(under: list[int], covered: tuple[int, int], centre: float, rule: Rule) -> bool:
    """A rule under a label that starts under the empty stub cell at the table's left edge, the label not
    centred on it: a row separator broken round \\multirow cells (\\cline{1-4}), not the label's \\cmidrule."""
    return under[0] == 0 < covered[0] and abs((rule.bbox[0] + rule.bbox[2]) / 2 - centre) > max(3.0, 0.04 * rule.length)


UNDER_GROUP_CENTRING = 2.0  # points: a label centred under a group label this closely takes its columns


def under_group_labels(segments: Sequence[Sequence[Word]], runs: Sequence[tuple[float, int, int]],
                       n_cols: int) -> list[tuple[int, int]] | None:
    """A header line of labels each centred under a spanning label of a line above and none elsewhere, fewer
    than the columns (a row of units, `kg ha−1` under each year's group of heads: realdev R10 Table 2): each
    takes its group label's columns, not the one head it sits under, whose wrapped line it is not. None for
    any other line (a row of heads, one of which is centred under its group label by chance)."""
    if not runs or len(segments) >= n_cols - 1:
        return None
    taken = []
    for seg in segments:
        centre = (seg[0].bbox[0] + seg[-1].bbox[2]) / 2
        run = next(((first, last) for x, first, last in runs if abs(x - centre) <= UNDER_GROUP_CENTRING), None)
        if run is None:
            return None
        taken.append(run)
    return taken if len(set(taken)) == len(taken) else None


RANGE_SEPARATORS = frozenset({"..", "...", "…", "–", "—", "-", "−", "to"})


def join_range_columns(slots: SlotGrid, n_header: int, n_rows: int, n_cols: int) -> tuple[SlotGrid, int]:
    """Ranges set on tab stops (`0 .. 19`, `20 – 49`) read as three columns: where a column holds nothing but
    a range sign in its body, at least twice, and no head of its own or to its right, it and the columns on
    either side are one column."""
    for col in range(1, n_cols - 1):
        body = [slots.text(r, col) for r in range(n_header, n_rows)]
        signs = [text for text in body if text]
        heads = [slots.text(r, c) for r in range(n_header) for c in (col, col + 1)]
        if len(signs) >= 2 and all(text in RANGE_SEPARATORS for text in signs) and not any(heads):
            return join_range_columns(slots.merge_columns(col - 1, 3), n_header, n_rows, n_cols - 2)
    return slots, n_cols
