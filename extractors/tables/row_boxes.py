"""Two signs that a line next to the rows a caption collected is the table's own, whatever the gap or its width:
it sits in the next ruled row of the rows' drawn grid (a header row padded taller than the body's rows, its line
set at the top: fracture-gap Table 1), or it is a group label centred over the partial rule under it (a
\\cmidrule over the data columns: logjam-ccs15 Table 3's `Vulnerable servers, if the attacker can ...`, as wide
as a sentence)."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.layout import Band
from extractors.page_content import Rule, Word
from extractors.types import bbox_union

GRID_SLACK = 2.0  # points: a rule's end or a vertical's end this near another's is the same grid line


def in_ruled_row(taken: Sequence[Band], band: Band, rules: Sequence[Rule], verticals: Sequence[Rule]) -> bool:
    """The band's middle lies between the rule closing the rows taken on its side and the next rule beyond, both
    across the rows, with two or more vertical rules of the rows' grid running from one to the other: the next
    cell row of a drawn grid."""
    if not taken or not verticals:
        return False
    x0, y0, x1, y1 = bbox_union([b.bbox for b in taken])
    middle = (band.bbox[1] + band.bbox[3]) / 2
    across = sorted((r.bbox[1] + r.bbox[3]) / 2 for r in rules
                    if r.horizontal and r.bbox[0] <= x0 + GRID_SLACK and r.bbox[2] >= x1 - GRID_SLACK)
    upwards = middle < y0
    near = [y for y in across if (middle < y <= y0 + GRID_SLACK if upwards else y1 - GRID_SLACK <= y < middle)]
    far = [y for y in across if (y < middle if upwards else y > middle)]
    if not near or not far or max(near) - min(near) > GRID_SLACK:  # one rule between: the rows' own edge
        return False
    lo, hi = (far[-1], min(near)) if upwards else (max(near), far[0])
    if band.bbox[1] < lo - GRID_SLACK or band.bbox[3] > hi + GRID_SLACK:
        return False
    inner = (y0 + GRID_SLACK, y0 + GRID_SLACK) if upwards else (y1 - GRID_SLACK, y1 - GRID_SLACK)
    spanning = [v for v in verticals if x0 - GRID_SLACK <= v.bbox[0] <= x1 + GRID_SLACK  # into the rows taken too
                and v.bbox[1] <= min(lo, inner[0]) + GRID_SLACK and v.bbox[3] >= max(hi, inner[1]) - GRID_SLACK]
    return len(spanning) >= 2


def over_group_rule(band: Band, taken: Sequence[Band], rules: Sequence[Rule]) -> bool:
    """One line right over a rule that starts well right of the rows' left edge (a \\cmidrule over the data
    columns, not the table's full rule), the line lying within the rule's ends and centred on it: a group label
    over its columns."""
    if len(band.lines) > 1 or not taken:
        return False
    x0 = min(b.bbox[0] for b in taken)
    em = max(band.size, 1.0)
    left, right = band.bbox[0], band.bbox[2]
    for rule in rules:
        if not rule.horizontal or rule.bbox[0] < x0 + em or not 0 <= rule.bbox[1] - band.bbox[3] <= em:
            continue
        if rule.bbox[0] - em <= left and right <= rule.bbox[2] + em \
                and abs((left + right) / 2 - (rule.bbox[0] + rule.bbox[2]) / 2) <= 0.05 * (rule.bbox[2] - rule.bbox[0]):
            return True
    return False


def alone_between_rules(rows: Sequence[Sequence[Sequence[Word]]], r: int, rules: Sequence[Rule],
                        width: float) -> tuple[float, float] | None:
    """The ends of the rule over row r when the row lies alone between two rules across the table (booktabs'
    section rows, `\\midrule Coding \\midrule`): no line of the rows before or after it shares that space, so it
    is no wrapped cell's next line. None otherwise."""
    def top(k: int) -> float:
        return min(w.bbox[1] for seg in rows[k] for w in seg)

    def bottom(k: int) -> float:
        return max(w.bbox[3] for seg in rows[k] for w in seg)

    wide = [rule for rule in rules if rule.horizontal and rule.length >= 0.85 * width]
    over = [rule for rule in wide if rule.bbox[1] <= top(r) + 1]
    under = [rule for rule in wide if rule.bbox[1] >= bottom(r) - 1]
    if not rows[r] or not over or not under:
        return None
    rule = max(over, key=lambda x: x.bbox[1])
    alone = (r == 0 or bottom(r - 1) <= rule.bbox[1] + 1) \
        and (r + 1 == len(rows) or top(r + 1) >= min(x.bbox[1] for x in under) - 1)
    return (rule.bbox[0], rule.bbox[2]) if alone else None
