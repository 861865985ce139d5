"""SlotGrid: the texts of a table being built, each in a (row, col) slot with the columns it spans.
Header lifting, row spans and wrapped-row joins all reshape it; its methods are those reshapings."""
from __future__ import annotations

from collections.abc import ItemsView
from typing import NamedTuple

from extractors.tables.geometry import join_wrapped


class Slot(NamedTuple):
    """One slot's text and how many columns it spans, from its own column rightwards."""

    text: str
    span: int


EMPTY = Slot("", 1)  # what an unfilled slot reads as


class SlotGrid:
    """Slots by (row, col), in the order they were filled; that order is kept by every reshaping, since a
    later header slot's unit wins for the columns it shares with an earlier one (see _column_units)."""

    __slots__ = ("_slots",)

    def __init__(self, slots: dict[tuple[int, int], Slot] | None = None) -> None:
        self._slots: dict[tuple[int, int], Slot] = {} if slots is None else slots

    def __contains__(self, key: tuple[int, int]) -> bool:
        return key in self._slots

    def __getitem__(self, key: tuple[int, int]) -> Slot:
        return self._slots[key]

    def __setitem__(self, key: tuple[int, int], slot: Slot) -> None:
        self._slots[key] = slot

    def pop(self, key: tuple[int, int]) -> Slot:
        return self._slots.pop(key)

    def items(self) -> ItemsView[tuple[int, int], Slot]:
        return self._slots.items()

    def get(self, row: int, col: int) -> Slot:
        """The slot at (row, col); an empty one spanning its own column when nothing was placed there."""
        return self._slots.get((row, col), EMPTY)

    def text(self, row: int, col: int) -> str:
        return self._slots.get((row, col), EMPTY)[0]

    def filled(self, row: int) -> set[int]:
        """The columns of a row whose slots hold text."""
        return {c for (rr, c), (text, _) in self._slots.items() if rr == row and text}

    def row(self, row: int) -> dict[int, Slot]:
        """A row's slots by column."""
        return {c: v for (rr, c), v in self._slots.items() if rr == row}

    def covered_by_spans(self) -> set[tuple[int, int]]:
        """Slots that a slot to their left spans over."""
        return {(r, c + k) for (r, c), (text, span) in self._slots.items() for k in range(1, span)}

    def moved(self, old: tuple[int, int], new: tuple[int, int], slot: Slot) -> SlotGrid:
        """A new grid with the slot at `old` taken out and `slot` put at `new`."""
        slots = {k: v for k, v in self._slots.items() if k != old}
        slots[new] = slot
        return SlotGrid(slots)

    def without_row(self, row: int) -> SlotGrid:
        """A new grid without `row`'s slots, the rows below it moved up by one."""
        return SlotGrid({((rr - 1) if rr > row else rr, c): v
                         for (rr, c), v in self._slots.items() if rr != row})

    def rows_up_after(self, row: int) -> SlotGrid:
        """A new grid with the rows below `row` moved up by one onto it (a slot it still holds stays in
        place, taking the value of a moved slot in its column)."""
        return SlotGrid({((rr - 1) if rr > row else rr, c): v for (rr, c), v in self._slots.items()})

    def merge_rows(self, into: int) -> SlotGrid:
        """Append row `into + 1`'s cell texts to row `into` and move the rows below up by one."""
        out: dict[tuple[int, int], Slot] = {}
        for (r, c), (text, span) in sorted(self._slots.items()):
            if r == into + 1:
                above = out.get((into, c))
                out[(into, c)] = (Slot(join_wrapped(above[0], text), max(above[1], span)) if above
                                  else Slot(text, span))
            else:
                out[(r - 1 if r > into + 1 else r, c)] = Slot(text, span)
        return SlotGrid(out)

    def merge_columns(self, first: int, count: int) -> SlotGrid:
        """Columns first..first+count-1 joined into column `first`, row by row, left to right; the columns
        right of them move left, and spans reaching over them shrink."""
        last, shift = first + count - 1, count - 1

        def moved(col: int) -> int:
            return col if col < first else first if col <= last else col - shift

        joined: dict[int, list[tuple[int, str]]] = {}  # row -> (column, text) of the pieces being joined
        for (r, c), (text, _) in self._slots.items():
            if first <= c <= last:
                joined.setdefault(r, []).append((c, text))
        out: dict[tuple[int, int], Slot] = {}  # in the grid's own order (see _column_units)
        for (r, c), (text, span) in self._slots.items():
            key, width = (r, moved(c)), moved(c + span - 1) - moved(c) + 1
            if first <= c <= last:
                text = " ".join(t for _, t in sorted(joined[r]) if t)
                width = max(width, out[key].span) if key in out else width
            out[key] = Slot(text, width)
        return SlotGrid(out)

    def stack_rows(self, first: int, count: int) -> SlotGrid:
        """Rows first..first+count-1 joined into row `first`, column by column, top to bottom."""
        slots = self
        for _ in range(count - 1):
            slots = slots.merge_rows(first)
        return slots


