"""A second opinion on uncaptioned tables from the layout model's regions: is this block a table or prose?

The vector finder proposes a table wherever words line up or rules stack; on real papers most of those
without a caption are author blocks, reference lists, two-column prose or tables of contents. Where the
layout model covers the block with prose regions (text, list items, headings...) and not with a table,
the block is dropped; so is a block where it sees no table at all, unless it sees a picture there over which
the block's cells are at least half filled (a flow chart set as a grid of boxes; a reaction scheme's or a chart's
labels fill few). Where it sees a table there, the block stays and the shares go into its evidence. Measured on realdev, icdar2013-eu and DP-Bench: docs/tables.md.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.model import LayoutBox, TableItem
from extractors.types import BBox, bbox_area, bbox_intersection

TABLE_KINDS = frozenset({"table"})
PICTURE_KINDS = frozenset({"picture"})
PROSE_SHARE = 0.5  # the block is prose when the model's prose regions cover at least this share of it...
TABLE_SHARE = 0.5  # ...and its table regions less than this share


@dataclass(frozen=True)
class LayoutShares:
    """How much of a box the layout model covers with tables, pictures and everything else (prose)."""

    table: float
    picture: float
    prose: float

    @property
    def says_prose(self) -> bool:
        return self.prose >= PROSE_SHARE and self.table < TABLE_SHARE


NO_TABLE_SHARE = 0.05  # the model sees no table in the block when its table regions cover less than this
PICTURE_SHARE = 0.5  # a picture covers the block
MIN_FILL = 0.5  # a grid in a picture is a table when at least this share of its cells hold text


def sees_no_table(table: TableItem, shares: LayoutShares) -> bool:
    """Whether the model sees no table where an uncaptioned wordy block lies, nor a picture that a well-filled
    grid could be: of 16 such blocks on every corpus (a journal's back cover, reaction schemes, slides of text
    boxes, LaTeX prose cut into columns) none was a table; DP-Bench 120's flow chart of boxes, a table by its
    truth, lies in a picture with every cell filled."""
    if shares.table >= NO_TABLE_SHARE or shares.picture + shares.prose < NO_TABLE_SHARE:
        return False  # it sees a table there, or nothing at all (no evidence against the block)
    filled = sum(1 for c in table.cells if c.text.strip()) / max(table.n_rows * table.n_cols, 1)
    return shares.picture < PICTURE_SHARE or filled < MIN_FILL


def layout_shares(box: BBox, regions: Sequence[LayoutBox]) -> LayoutShares:
    """The share of `box` each kind of region covers (regions of one kind rarely overlap; capped at 1)."""
    area = bbox_area(box)
    if area <= 0:
        return LayoutShares(0.0, 0.0, 0.0)

    def share(kinds: frozenset[str] | None) -> float:
        covered = sum(bbox_intersection(box, r.bbox) for r in regions
                      if (r.kind in kinds if kinds is not None else r.kind not in TABLE_KINDS | PICTURE_KINDS))
        return round(min(1.0, covered / area), 4)

    return LayoutShares(share(TABLE_KINDS), share(PICTURE_KINDS), share(None))


NUMERIC_BODY_SHARE = 0.5  # a block whose body cells are at least this share numbers is not prose


def needs_layout(tables: Sequence[TableItem]) -> bool:
    """Whether any table on the page has no caption and a body of mostly words (only those are checked)."""
    return any(_unchecked(t) for t in tables)


def _unchecked(table: TableItem) -> bool:
    """Uncaptioned and not mostly numbers. Of 101 uncaptioned blocks on realdev, icdar2013-eu, DP-Bench and
    dev, none whose body was at least half numbers was prose; the model called one of them prose (a real
    table, DP-Bench 117), and checking them cost a model run on most pages of tables without captions."""
    if table.label is not None:
        return False
    body = [c for c in table.cells if c.text and not c.is_header]
    return sum(c.value is not None for c in body) < NUMERIC_BODY_SHARE * max(len(body), 1)


def check_uncaptioned(tables: Sequence[TableItem], regions: Sequence[LayoutBox]) -> list[TableItem]:
    """Drop the uncaptioned wordy tables the layout model reads as prose or sees no table in; note the shares on
    the ones kept."""
    kept = []
    for table in tables:
        if not _unchecked(table):
            kept.append(table)
            continue
        shares = layout_shares(table.bbox, regions)
        if shares.says_prose or sees_no_table(table, shares):
            continue
        evidence = dict(table.evidence) | {"layout_table": shares.table, "layout_picture": shares.picture,
                                           "layout_prose": shares.prose}
        kept.append(dataclasses.replace(table, evidence=tuple(sorted(evidence.items()))))
    return kept
