"""A region's rows as a rectangular grid of cells: segments placed in columns, then header rows, row spans
and wrapped rows resolved on a SlotGrid, then cells with their numbers and the grid's evidence."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extractors.layout import is_dot_row
from extractors.model import Cell
from extractors.numbers import parse_cell
from extractors.page_content import Word
from extractors.tables.base import Grid, Region, TableOptions
from extractors.tables.cell_borders import bordered_span, rules_over
from extractors.tables.column_gaps import split_at_column_gaps
from extractors.tables.columns import (
    _columns_covered,
    _crosses_vertical_rule,
    _drawn_cell_columns,
    _drawn_frame,
    _group_span,
    _shared_out_columns,
    column_bounds,
    drawn_columns,
    flush_columns,
    head_extents,
    headed_columns,
    join_range_columns,
    lone_head,
    under_group_labels,
)
from extractors.tables.geometry import _text, segment_lines
from extractors.tables.header import (
    _YEAR,
    _column_units,
    _drop_emptied_header_rows,
    _header_rows,
    _heads_under_rule,
    _leading_text_rows,
    _lift_header_stubs,
    _merge_wrapped_header_rows,
    _numeric_rows,
    _on_shared_baseline,
    _one_header_cell_per_column,
    before_section_rows,
    by_row,
    header_ends_at_rule,
    heads_under_groups,
    merge_bottom_aligned_heads,
)
from extractors.tables.heads import GROUP_CENTRING, _off_centre, _takes_shared, _wraps_onto, lowered_heads
from extractors.tables.picture_columns import with_picture_columns
from extractors.tables.raised_labels import split_lowered_heads, split_raised_labels
from extractors.tables.row_boxes import alone_between_rules
from extractors.tables.segments import segment_bands
from extractors.tables.slots import Slot, SlotGrid
from extractors.tables.spaced_rows import tidy_rows
from extractors.tables.stub_wraps import stub_runs_on
from extractors.tables.spans import (
    _centred_stub_groups,
    _header_cells_down,
    _join_lines_into_rows,
    _merge_wrapped_body_rows,
    _multirow_labels,
    _open_row_spans,
    _rule_under,
    _wrapped_heads_joined,
    ruled_row_groups,
)

WRAPPED_FILL = 0.5  # a line that wrapped fills at least this share of the room up to the next column
ROW_GAP = 1.3  # the next line of a column this many times the table's line pitch lower starts a new row
HANG_EM = 0.25  # a stub line starting this much right of the line above is hung in (12s0324: 0.28 em at 6 pt)


def _line_ends(rows: list[list[list[Word]]], columns: list[tuple[float, float]],
               right_edge: float, joined: bool = False) -> dict[int, dict[tuple[str, str], str]]:
    """Column -> {(line, the column's next line): how the line ended}: "wrapped" where the
    next line's first word would not have fitted at its end, up to the next column (or the table's edge),
    "short" where the line fills under half that room, "spaced" where the next line stands a row's gap
    lower, not a line's (rows set apart more than the lines of a cell: R06's second activity of the YMCA),
    "" otherwise. In a column that shows it wraps (a line of words so ended, going on in lower case), its widest
    line bounds the room: a paragraph column is that wide at least, and ragged text stops short of the gutter
    (p{} beside a centred column, or under rules that overhang it)."""
    def by_column(segments: list[list[Word]]) -> dict[int, list[Word]]:
        placed: dict[int, list[Word]] = {}
        for seg in segments:
            c = max((k for k, (a, _) in enumerate(columns) if a - 2 <= seg[0].bbox[0]), default=0)
            placed.setdefault(c, seg)
        return placed

    pairs: list[tuple[int, list[Word], list[Word]]] = []
    last: dict[int, list[Word]] = {}  # each column's line so far: the next line of a column may be rows lower
    widest: dict[int, float] = {}
    for segments in rows:
        for c, seg in by_column(segments).items():
            line, last[c] = last.get(c), seg
            flush = [part[-1].bbox[2] for part in segment_lines(seg) if abs(part[0].bbox[0] - columns[c][0]) <= 1.5]
            if flush:  # the column's lines set flush left, as a paragraph's are (not a head centred over it)
                widest[c] = max([widest.get(c, flush[0])] + flush)
            if line is not None:
                pairs.append((c, line, seg))
    # a segment may hold two lines set tight in one band: the line that ends, the one that follows
    facing = [(segment_lines(line)[-1], segment_lines(seg)[0]) for _, line, seg in pairs]
    inside = [b - a for segs in rows for seg in segs if joined  # a cell's own lines, a line apart, where rows
              for a, b in zip(*[[_baseline(ln) for ln in segment_lines(seg)][k:] for k in (0, 1)])  # set apart
              if b - a >= 0.8 * seg[0].size]  # by space were joined (spaced_rows): the lines' pitch
    pitches = sorted([_baseline(first) - _baseline(line) for line, first in facing] + inside)
    line_pitch = pitches[len(pitches) // 10] if len(pitches) >= 4 else None

    def overflows(c: int, line: list[Word], first: list[Word], tight: bool) -> bool:
        """The next line's first word would not have fitted at the line's end."""
        bound = columns[c + 1][0] - first[0].size if c + 1 < len(columns) else right_edge
        bound = min(bound, widest.get(c, bound)) if tight else bound
        return line[-1].bbox[2] + 0.3 * first[0].size + (first[0].bbox[2] - first[0].bbox[0]) > bound

    # a paragraph column: a line of words whose next word did not fit, the sentence going on in lower case
    wrapping = {c for (c, _, _), (line, first) in zip(pairs, facing)
                if len(line) >= 2 and first[0].text[:1].islower() and overflows(c, line, first, False)}
    ends: dict[int, dict[tuple[str, str], str]] = {}
    for (c, whole, seg), (line, first) in zip(pairs, facing):
        bound = columns[c + 1][0] - first[0].size if c + 1 < len(columns) else right_edge
        filled = (line[-1].bbox[2] - line[0].bbox[0]) >= WRAPPED_FILL * (bound - line[0].bbox[0])
        if c in wrapping:  # a short line before a long word wrapped too
            end = "wrapped" if overflows(c, line, first, True) else ("" if filled else "short")
        else:
            end = ("wrapped" if overflows(c, line, first, False) else "") if filled else "short"
        pitch = _baseline(first) - _baseline(line)
        if line_pitch and pitch > ROW_GAP * line_pitch and pitch - line_pitch > 0.3 * first[0].size:
            end = "spaced"
        ends.setdefault(c, {})[(_text(whole), _text(seg))] = end
        if c == 0 and first[0].bbox[0] - line[0].bbox[0] >= HANG_EM * first[0].size:  # (-1: the stub's hung lines)
            ends.setdefault(-1, {})[(_text(whole), _text(seg))] = "hung"
    return ends


def _baseline(segment: list[Word]) -> float:
    return max(w.bbox[3] for w in segment)


SECTION_CENTRING = 0.02  # share of its run's width: a section label is centred over its columns this closely


def _centred_sections(segments: Sequence[Sequence[Word]], columns: list[tuple[float, float]],
                      nearby: Sequence[Sequence[Word]] = ()) -> list[tuple[int, int]] | None:
    """The runs of columns a body row's labels are centred over, when the row holds only words (no number),
    its first label is centred over a run of three or more columns from the first, and each further label over
    a run from where the last ended (`Development Set` across the in-domain columns, `Out-of-domain data`
    over the rest): section rows set centred. None for any other row: section rows set flush left, a label
    flush with a text cell of the row above or below, or within one column's text (a wrapped cell's next
    line, centred by chance)."""
    if not segments or len(columns) < 3 or segments[0][0].bbox[0] <= columns[0][0] + 2.0 \
            or any(parse_cell(_text(seg)).value is not None for seg in segments) \
            or any(abs(seg[0].bbox[0] - other[0].bbox[0]) <= 1.5 for seg in segments for other in nearby
                   if parse_cell(_text(other)).value is None) \
            or any(a - 1 <= seg[0].bbox[0] and seg[-1].bbox[2] <= b + 1 for seg in segments for a, b in columns):
        return None

    def edge(k: int) -> float:
        """The boundary between column k - 1 and column k: the middle of the gutter, or the table's side."""
        if k == 0:
            return columns[0][0]
        if k == len(columns):
            return columns[-1][1]
        return (columns[k - 1][1] + columns[k][0]) / 2

    runs: list[tuple[int, int]] = []
    lo = 0
    for seg in segments:
        if lo >= len(columns):
            return None
        x0, x1 = seg[0].bbox[0], seg[-1].bbox[2]
        centre = (x0 + x1) / 2
        fits = []
        for hi in range(lo, len(columns)):
            inside_left = lo == 0 or edge(lo) - 1 <= x0  # at the table's sides a label may overhang the text
            inside_right = hi + 1 == len(columns) or x1 <= edge(hi + 1) + 1
            if not (inside_left and inside_right):
                continue
            # centred between the gutters, or between the columns' text (cells set flush left or right)
            error = min(abs((edge(lo) + edge(hi + 1)) / 2 - centre),
                        abs((columns[lo][0] + columns[hi][1]) / 2 - centre))
            if error <= max(2.0, SECTION_CENTRING * (edge(hi + 1) - edge(lo))):
                fits.append((error, hi))
        if not fits:
            return None
        hi = min(fits)[1]
        runs.append((lo, hi))
        lo = hi + 1
    return runs if runs[0][1] - runs[0][0] >= 2 else None


PANEL_CENTRING = 0.01  # share of the table's width: a panel title is centred on the whole table this closely


def panel_title(segments: Sequence[Sequence[Word]], columns: list[tuple[float, float]],
                above: Sequence[Sequence[Word]] = (), ruled: tuple[float, float] | None = None) -> bool:
    """A line holding one label of words, centred on the whole table across its column gutters (`ALL RACES`,
    `BOTH SEXES` splitting a report's body into panels): one cell spanning the table. Not a cell's wrapped
    line that starts where a text label of the line above starts (a narrow table's middle column, overhanging it);
    a label within one column's width only when ruled above and below alone, centred on the rule over it
    (`ruled`: its ends; qwen2-report Table 8's `Coding`)."""
    text = _text(segments[0]) if len(segments) == 1 else ""
    if not text or len(columns) < 2 or (parse_cell(text).value is not None and not _YEAR.match(text)):
        return False  # a year may title a panel (`2009`, `2010`), another number is a value
    x0, x1 = segments[0][0].bbox[0], segments[0][-1].bbox[2]
    if ruled is None and any(abs(seg[0].bbox[0] - x0) <= 1.0 and parse_cell(_text(seg)).value is None for seg in above):
        return False  # a text label above starts where this line starts: its cell wrapped
    left, right = ruled or (columns[0][0], columns[-1][1])
    return (ruled is not None or not any(a - 1 <= x0 and x1 <= b + 1 for a, b in columns)) \
        and abs((x0 + x1) / 2 - (left + right) / 2) <= max(2.0, PANEL_CENTRING * (right - left))


def build_grid(region: Region, options: TableOptions = TableOptions()) -> Grid:  # noqa: B008
    """Turn a region's bands into a rectangular grid of cells with spans and header rows."""
    tidy = tidy_rows(region)  # dotted separator lines dropped, the lines of rows set apart by space joined
    joined, region = len(tidy.bands) < len(region.bands) and not any(is_dot_row(b) for b in region.bands), tidy
    if ruled_row_groups(region) is None:  # rules between the rows say which row a label is in
        region = split_lowered_heads(split_raised_labels(region))
    rows = segment_bands(region.bands, region.rules, options)
    grid_cells = drawn_columns(rows, region.rules, region.bbox)
    if grid_cells:  # a drawn grid: cells end at rules (or across a column edge), not at wide spaces
        rows = segment_bands(region.bands, region.rules, replace(options, segment_gap_em=1e6),
                             split_at=[a for a, _ in grid_cells[1:]])
    lead = _leading_text_rows(rows)
    body = rows[lead:] if len(rows) - lead >= 2 else rows  # header text is centred, numbers are not
    columns = column_bounds(body, region.rules, region.bbox)
    if region.pictures and columns and lead:  # a head over a column of images only
        columns = with_picture_columns(rows[:lead], columns, region.pictures, region.bands[-1].bbox[3])
    if not grid_cells and columns:  # heads (or a text and a value) set tighter than a cell gap, each over its column
        heads_end = max(lead, next((i for i, numbers in enumerate(_numeric_rows(rows)) if numbers), lead))
        ruled_end = _header_rows(region, rows) if header_ends_at_rule(region) else heads_end  # a line under the
        rows = split_at_column_gaps(rows, columns, min(heads_end, ruled_end))  # header's rule is the body's
    n_rows, n_cols = len(rows), len(columns)
    if n_cols == 0:
        return Grid((), n_rows, 0, 0)
    slots = SlotGrid()
    middles: dict[tuple[int, int], float] = {}  # each slot's vertical centre, to tell set from centred labels
    spanning = 0
    table_width = max(columns[-1][1] - columns[0][0], region.bbox[2] - region.bbox[0])  # heads may overhang
    partial_rules = [rule for rule in region.rules if rule.horizontal and rule.length < 0.85 * table_width]
    first_full = next((i for i, segs in enumerate(rows) if len(segs) >= n_cols), len(rows))
    verticals = [rule for rule in region.rules if not rule.horizontal]
    horizontals = [rule for rule in region.rules if rule.horizontal]
    first_rule = min((rule.bbox[1] for rule in region.whole_rules
                      if rule.horizontal and rule.length >= 0.85 * table_width), default=float("-inf"))
    frame = _drawn_frame(region, columns)
    flush = flush_columns(rows[lead:], columns)
    heads_end = max(lead, next((i for i, numbers in enumerate(_numeric_rows(rows)) if numbers), lead))  # uncapped
    runs: list[tuple[float, int, int]] = []  # the header's spanning labels so far: (centre, first, last column)
    for r, segments in enumerate(rows):
        nearby = [seg for k in (r - 1, r + 1) if 0 <= k < len(rows) for seg in rows[k]]
        sections = _centred_sections(segments, columns, nearby) if r > first_full else None
        if sections is None and r > 0 and min(w.bbox[1] for w in segments[0]) > first_rule \
                and panel_title(segments, columns, rows[r - 1], alone_between_rules(rows, r, horizontals, table_width)):
            sections = [(0, n_cols - 1)]
        if sections is not None:  # labels centred over runs of columns from the first: section rows
            for seg, (first, last) in zip(segments, sections):
                slots[(r, first)] = Slot(_text(seg), last - first + 1)
                middles[(r, first)] = (min(w.bbox[1] for w in seg) + max(w.bbox[3] for w in seg)) / 2
                spanning += last > first
            continue
        sparse = (r < first_full and len(segments) < n_cols) or lone_head(r, segments, lead, columns)
        own = [_columns_covered(seg, columns) for seg in segments]
        shared = _shared_out_columns(segments, columns) if sparse else None
        drawn_cells = [_drawn_cell_columns(seg, columns, frame) if frame else None for seg in segments]
        hanging, beside = lowered_heads(rows, r, columns, [middles[(r - 1, c)] for c, (_, span) in slots.row(r - 1).items()
                                                           if c > 0 and span > 1 and (r - 1, c) in middles])
        blocked = [{c for j, (a, b) in enumerate(own) if j != k for c in range(a, b + 1)} | beside for k in range(len(own))]
        extents = head_extents(columns, rows[r + 1:heads_end]) if sparse else None
        headed = headed_columns(columns, rows[r + 1:heads_end]) if sparse else set()
        label_rules = rules_over(partial_rules, rows[r + 1] if r + 1 < len(rows) else ()) if sparse else []
        groups = [_group_span(seg, columns, label_rules, own[k], blocked[k], extents, flush, headed) if sparse else own[k]
                  for k, seg in enumerate(segments)]
        # the first line of a head that wraps onto the next line keeps its own column, unless it is centred
        # within GROUP_CENTRING points over a run of columns (a group label set tight over one of its heads)
        # and not set flush left with the line under it
        stacked = [_wraps_onto(seg, own[k], rows[r + 1], columns, horizontals) if sparse and r + 1 < len(rows)
                   else None for k, seg in enumerate(segments)]
        bordered = [bordered_span(seg, columns, label_rules, own[k], blocked[k]) if sparse else None
                    for k, seg in enumerate(segments)]  # the drawn cell borders a label is set in, if any
        heads_below = [seg for row in rows[r + 1:max(heads_end, r + 2)] for seg in row]  # a label's run is as wide as they
        wrapped = [hanging[k] or stack == "flush" or (stack == "centred"
                                        and _off_centre(seg, columns, group, heads_below) > GROUP_CENTRING
                                        and bordered[k] is None)
                   for k, (seg, stack, group) in enumerate(zip(segments, stacked, groups))]
        placed: list[tuple[int, int]] = []
        for k, seg in enumerate(segments):
            first, last = own[k]
            drawn = drawn_cells[k] if drawn_cells.count(drawn_cells[k]) == 1 else None  # two labels, one box
            if drawn is not None:
                first, last = drawn
            elif wrapped[k]:
                pass
            elif sparse:
                ruled = groups[k]
                if shared and ruled == (first, last) and bordered[k] is None \
                        and not beside.intersection(range(shared[k][0], shared[k][1] + 1)) \
                        and _takes_shared(seg, columns, (first, last), shared[k], rows[r + 1] if r + 1 < len(rows) else []):
                    first, last = shared[k]  # drawn cell borders, where there are, say a label's columns
                else:
                    first, last = ruled
                bottom = max(w.bbox[3] for w in seg)  # a head set just above the top rule
                under = first_rule if 0 <= first_rule - bottom <= 1.5 * max(w.size for w in seg) else None
                if _crosses_vertical_rule(seg, columns, verticals, first, last, under):
                    first, last = own[k]
            placed.append((first, last))
        if shared and len(set(placed)) < len(placed) and not any(wrapped):  # labels side by side over one rule share its columns
            placed = [shared[k] if placed.count(placed[k]) > 1 else placed[k] for k in range(len(placed))]
        placed = (under_group_labels(segments, runs, n_cols) if r < lead else None) or placed
        for seg, (first, last) in zip(segments, placed):
            if (r, first) in slots:  # two segments in one column: one cell
                text, span = slots[(r, first)]
                slots[(r, first)] = Slot(f"{text} {_text(seg)}", max(span, last - first + 1))
                continue
            slots[(r, first)] = Slot(_text(seg), last - first + 1)
            middles[(r, first)] = (min(w.bbox[1] for w in seg) + max(w.bbox[3] for w in seg)) / 2
            spanning += last > first
            runs += [((seg[0].bbox[0] + seg[-1].bbox[2]) / 2, first, last)] if last > first else []
    row_of_band = ruled_row_groups(region)
    n_header = _heads_under_rule(slots, rows, _header_rows(region, rows), row_of_band is not None)
    row_spans: dict[tuple[int, int], int] = {}
    if row_of_band is not None:  # the rules say where rows end: lines between two rules are one row
        slots = _join_lines_into_rows(slots, row_of_band)
        row_middles, row_lines = by_row(middles, rows, row_of_band)  # a wrapped head is centred on its row
        on_baseline = _on_shared_baseline(row_middles, slots, row_lines)
        n_rows = row_of_band[-1] + 1
        n_header = heads_under_groups(slots, len(set(row_of_band[:n_header])), n_rows)
        closed = _rule_under(region, row_of_band, columns)
        slots, row_spans = _lift_header_stubs(_wrapped_heads_joined(slots, closed, n_header), closed, n_header, on_baseline)
        row_spans = {**_header_cells_down(slots, closed, n_header), **row_spans}
        slots, body_spans = _open_row_spans(slots, closed, n_header, n_rows)
        row_spans.update(body_spans)
    else:
        n_header = before_section_rows(slots, n_header)
        region, rows, slots, middles, bottom_set = merge_bottom_aligned_heads(region, rows, slots, n_header, middles)
        n_rows, n_header = n_rows - bottom_set, n_header - bottom_set
        body_line = n_header  # the body's first line (lines and rows are one until rows are joined below)
        stacked = n_header >= 2 and _one_header_cell_per_column(region, slots, n_header)
        if stacked:
            slots = slots.stack_rows(0, n_header)  # \makecell headers: lines of one header row
            n_rows -= n_header - 1
            n_header = 1
        header_spans: dict[tuple[int, int], int] = {}
        if n_header >= 2 and not stacked:  # a stub head centred across the header rows spans them
            closed = _rule_under(region, list(range(len(rows))), columns)
            # a head on its row's shared baseline stays in that row, boxed or not (ICDAR 2013: eu-004's boxes)
            slots, header_spans = _lift_header_stubs(slots, closed, n_header, _on_shared_baseline(middles, slots, rows))
            slots, header_spans, emptied = _drop_emptied_header_rows(slots, header_spans, n_header)
            n_rows, n_header = n_rows - emptied, n_header - emptied
        ruled_off = stacked or header_ends_at_rule(region)
        head_lines = n_header if ruled_off else before_section_rows(slots, max(n_header, _leading_text_rows(rows)))
        slots, merged = _merge_wrapped_header_rows(slots, head_lines)
        n_rows -= merged
        n_header = max(1, n_header - merged) if n_header else 0
        slots, row_spans, n_rows = _multirow_labels(slots, n_header, n_rows)
        if not merged:
            row_spans.update(header_spans)
        ends = {**_line_ends(rows, columns, region.bbox[2], joined), -2: stub_runs_on(rows, columns, body_line)}
        slots, merged_body = _merge_wrapped_body_rows(slots, n_header, n_rows, ends)
        n_rows -= merged_body
        slots, row_spans = _centred_stub_groups(slots, row_spans, n_header, n_rows)
    slots, n_cols = join_range_columns(slots, n_header, n_rows, n_cols)
    units = _column_units(slots, n_header, n_cols)
    cells: list[Cell] = []
    covered: set[tuple[int, int]] = set()
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            text, span = slots.get(r, c)
            span = min(span, n_cols - c)
            down = min(row_spans.get((r, c), 1), n_rows - r)
            covered.update((r + i, c + k) for i in range(down) for k in range(span))
            cells.append(_cell(r, c, text, span, r < n_header, units.get(c), down))
    filled = sum(1 for cell in cells if cell.text)
    full = sum(1 for segs in rows if len(segs) == n_cols)
    evidence = {
        "fill_ratio": filled / max(1, n_rows * n_cols),
        "row_consistency": full / max(1, n_rows),
        "spanning_cells": float(spanning),
        "numeric_share": _numeric_share(cells, n_header),
    }
    return Grid(tuple(cells), n_rows, n_cols, n_header, evidence)


def _cell(row: int, col: int, text: str, span: int, is_header: bool, column_unit: str | None,
          row_span: int = 1) -> Cell:
    parsed = parse_cell(text) if not is_header else None
    value = parsed.value if parsed else None
    unit = (parsed.unit if parsed else None) or (column_unit if value is not None else None)
    return Cell(row=row, col=col, text=text, row_span=row_span, col_span=span, is_header=is_header, value=value,
                uncertainty=parsed.uncertainty if parsed else None, unit=unit)


def _numeric_share(cells: Sequence[Cell], n_header: int) -> float:
    body = [c for c in cells if c.row >= n_header and c.text]
    return sum(1 for c in body if c.value is not None) / max(1, len(body))
