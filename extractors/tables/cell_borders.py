"""Cell borders drawn cell by cell under a header label (\\cline, colortbl, word processors): which rules may lie
under a label, and which columns the bordered cell it sits in spans. Split out of columns.py, which uses them for
group labels; grid.py uses them for sparse header rows."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.page_content import Rule, Word


def rules_over(rules: Sequence[Rule], next_row: Sequence[Sequence[Word]]) -> list[Rule]:
    """The rules that can lie under a label of a row: not those below a word of the next row over their
    length (that row's \\cline, when the label's own full-width \\hline is no partial rule), unless drawn cell by cell."""
    words = [w for seg in next_row for w in seg]
    borders = chained_segments(rules)  # cell borders drawn cell by cell: a wrapped label's cell keeps its own
    return [rule for rule in rules if rule in borders or not any(
        (w.bbox[1] + w.bbox[3]) / 2 < rule.bbox[1] and w.bbox[0] < rule.bbox[2] - 1 and w.bbox[2] > rule.bbox[0] + 1
        for w in words)]  # a word of the next row set above it


def rules_below(segment: Sequence[Word], rules: Sequence[Rule]) -> list[Rule]:
    """The rules just under a label (within one and a half of its font sizes)."""
    bottom = max(w.bbox[3] for w in segment)
    size = max(w.size for w in segment)
    return [r for r in rules if bottom - 1 <= r.bbox[1] <= bottom + 1.5 * size]


def bordered_span(segment: Sequence[Word], columns: list[tuple[float, float]], rules: Sequence[Rule],
                  covered: tuple[int, int], blocked: set[int] = frozenset()) -> tuple[int, int] | None:
    """The columns of the bordered cell a label is centred in, where the rule under it is drawn cell by cell
    (see centred_between_borders); None elsewhere."""
    borders = chained_segments(rules_below(segment, rules))
    if not borders:
        return None
    x0, x1 = segment[0].bbox[0], segment[-1].bbox[2]
    return inside_one_border(x0, x1, columns, borders, covered, blocked) \
        or centred_between_borders((x0 + x1) / 2, columns, borders, covered, blocked)


def inside_one_border(x0: float, x1: float, columns: list[tuple[float, float]], borders: Sequence[Rule],
                       covered: tuple[int, int], blocked: set[int]) -> tuple[int, int] | None:
    """The columns under the one drawn cell border that holds the whole label: a label set flush left or right
    in its cell (R06's 'Denominator' over two of the columns) cannot reach past its cell's borders. Only a
    border over two or more columns says so: grids drawn column by column break their rules at every column."""
    for rule in borders:
        if rule.bbox[0] - 1 <= x0 and x1 <= rule.bbox[2] + 1:
            inside = [c for c, (a, b) in enumerate(columns) if a >= rule.bbox[0] - 1 and b <= rule.bbox[2] + 1]
            if len(inside) >= 2 and inside[0] <= covered[0] and covered[1] <= inside[-1] \
                    and not blocked.intersection(range(inside[0], inside[-1] + 1)):
                return inside[0], inside[-1]
    return None


def chained_segments(rules: Sequence[Rule]) -> list[Rule]:
    """Horizontal rules that meet another at one end, at one height: cell borders drawn cell by cell
    (\\cline, colortbl, word processors), where a label's cell is told by its centring, not by a rule's length."""
    def meets(a: Rule, b: Rule) -> bool:
        return abs(a.bbox[1] - b.bbox[1]) < 0.6 and (abs(a.bbox[2] - b.bbox[0]) < 1.0 or abs(b.bbox[2] - a.bbox[0]) < 1.0)
    horizontal = [r for r in rules if r.horizontal]
    return [r for r in horizontal if any(meets(r, o) for o in horizontal if o is not r and o.bbox != r.bbox)]


BORDER_CENTRING = 0.03  # a label centred between two cell borders this closely (share of the cell's width)


def centred_between_borders(centre: float, columns: list[tuple[float, float]], borders: Sequence[Rule],
                             covered: tuple[int, int], blocked: set[int]) -> tuple[int, int] | None:
    """The run of columns whose drawn cell borders (the ends of rules drawn cell by cell under the label) the
    label is centred between: 'Simulation' over two of four bordered columns, 'Out-of-domain' over all four.
    None when no run's borders centre it."""
    edges = sorted({round(x, 1) for r in borders for x in (r.bbox[0], r.bbox[2])})
    if len(edges) < 2:
        return None
    first, last = covered
    best: tuple[float, int, tuple[int, int]] | None = None
    for lo in range(first + 1):  # drawn borders centre a label precisely: any run may be its cell
        for hi in range(last, len(columns)):
            if any(c in blocked for c in range(lo, hi + 1)):
                continue
            left_gap = columns[lo - 1][1] - 1 if lo > 0 else float("-inf")
            right_gap = columns[hi + 1][0] + 1 if hi + 1 < len(columns) else float("inf")
            left = max((e for e in edges if left_gap < e <= columns[lo][0] + 1), default=None)
            right = min((e for e in edges if columns[hi][1] - 1 <= e < right_gap), default=None)
            if left is None or right is None:
                continue
            error = abs((left + right) / 2 - centre)
            if error <= max(1.0, BORDER_CENTRING * (right - left)) and (best is None or (error, hi - lo) < best[:2]):
                best = (error, hi - lo, (lo, hi))
    return best[2] if best else None
