"""The table finder's thresholds and the records passed along its chain: Region (a candidate) and Grid (its
cells). Every step imports these, so they depend on nothing but geometry."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from extractors.layout import Band
from extractors.model import Caption, Cell
from extractors.page_content import Rule, TextLine
from extractors.tables.geometry import merge_rules
from extractors.types import BBox, bbox_union


@dataclass(frozen=True)
class TableOptions:
    """Geometry thresholds of the vector table finder, in font sizes (em) or points."""

    segment_gap_em: float = 0.6  # a wider gap between words inside a row starts a new cell
    max_row_gap_em: float = 2.2  # a wider vertical gap ends the table
    max_caption_gap_em: float = 3.5  # how far below/above its caption a table may start
    min_rows: int = 2
    min_cols: int = 2
    wide_rule_share: float = 0.6  # a rule this share of the table's width separates header from body

    def __post_init__(self) -> None:
        if self.segment_gap_em <= 0 or self.max_row_gap_em <= 0:
            raise ValueError("gap thresholds must be positive")
        if self.min_rows < 1 or self.min_cols < 1:
            raise ValueError("min_rows and min_cols must be at least 1")


@dataclass(frozen=True)
class Region:
    """A candidate table: its rows of text, the rules around and inside it, and its caption if any."""

    bands: tuple[Band, ...]
    rules: tuple[Rule, ...]
    caption: Caption | None
    footnotes: tuple[TextLine, ...] = ()
    pictures: tuple[BBox, ...] = ()  # images on the page within the table's box (a column of pictures)

    @property
    def bbox(self) -> BBox:
        boxes = [b.bbox for b in self.bands] + [r.bbox for r in self.rules]
        return bbox_union(boxes)

    @cached_property
    def whole_rules(self) -> tuple[Rule, ...]:
        """The region's rules with pieces drawn cell by cell joined (computed once per region)."""
        return merge_rules(self.rules)


@dataclass(frozen=True)
class Grid:
    """A table's cells on a rectangular grid, with header-row count and the evidence gathered."""

    cells: tuple[Cell, ...]
    n_rows: int
    n_cols: int
    n_header_rows: int
    evidence: dict[str, float] = field(default_factory=dict)
