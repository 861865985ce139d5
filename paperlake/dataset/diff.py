"""Two published snapshots side by side: what changed from one to the other.

`diff_frames` is pure (frames in, a `SnapshotDiff` out); `diff_snapshots` reads two snapshot folders
under `DATA_DIR/published/` (found with `paperlake.dataset.layout`). Items are matched by
their stable ids (`doc_id`, `table_id`, `figure_id`; cells by table, row and column), so a diff says
what a re-extraction or a curator's correction changed. Columns present in only one of the two
snapshots (an additive schema change) are not compared. `names` gives each id the name people know it by
(file name, label, page: paperlake.dataset.item_names).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from paperlake.dataset.catalog import CONTRACT_TABLES, parquet_source
from paperlake.dataset.item_names import item_names
from paperlake.dataset.layout import Snapshot

ITEM_KEYS = {"documents": ("doc_id",), "tables": ("table_id",), "figures": ("figure_id",)}
CELL_KEY = ("table_id", "row", "col")
SERIES_KEY = ("figure_id", "series", "point")


@dataclass(frozen=True)
class ItemChanges:
    """Ids of one kind of item added, removed or changed between two snapshots (sorted)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass(frozen=True)
class CellChange:
    """One cell whose content differs; `old`/`new` are its text (None when the cell is absent there)."""

    table_id: str
    row: int
    col: int
    old: str | None
    new: str | None


@dataclass(frozen=True)
class SnapshotDiff:
    """What changed from snapshot `old` to snapshot `new`."""

    old: str
    new: str
    documents: ItemChanges
    tables: ItemChanges
    figures: ItemChanges
    cells: tuple[CellChange, ...] = field(default=())
    """Cells added, removed or changed in tables present in both snapshots."""
    names: Mapping[str, str] = field(default_factory=dict)
    """id -> its name (file name; file name, label and page) for the documents, tables and figures listed."""

    @property
    def empty(self) -> bool:
        return self.documents.empty and self.tables.empty and self.figures.empty and not self.cells


# --------------------------------------------------------------------------- pure diff

def diff_frames(old: Mapping[str, pd.DataFrame], new: Mapping[str, pd.DataFrame], *,
                old_id: str = "old", new_id: str = "new") -> SnapshotDiff:
    """Compare two datasets table by table; a table or figure also counts as changed when its cells or
    series points changed."""
    cells = _cell_changes(old["table_cells"], new["table_cells"],
                          set(old["tables"]["table_id"]) & set(new["tables"]["table_id"]))
    series_changed = _changed_groups(old["figure_series"], new["figure_series"], SERIES_KEY, "figure_id")
    tables = _item_changes(old["tables"], new["tables"], "table_id", {c.table_id for c in cells})
    figures = _item_changes(old["figures"], new["figures"], "figure_id", series_changed)
    documents = _item_changes(old["documents"], new["documents"], "doc_id", set())
    listed = {*(c.table_id for c in cells)} | {
        item_id for changes in (documents, tables, figures)
        for item_id in (*changes.added, *changes.removed, *changes.changed)}
    names = {item_id: name for item_id, name in item_names(old, new).items() if item_id in listed}
    return SnapshotDiff(old_id, new_id, documents, tables, figures, tuple(cells), names)


def _item_changes(old: pd.DataFrame, new: pd.DataFrame, key: str, also_changed: set[str]) -> ItemChanges:
    old_ids, new_ids = set(old[key]), set(new[key])
    both = old_ids & new_ids
    changed = _differing_keys(old, new, (key,)) | (also_changed & both)
    return ItemChanges(added=tuple(sorted(new_ids - old_ids)), removed=tuple(sorted(old_ids - new_ids)),
                       changed=tuple(sorted(changed & both)))


def _differing_keys(old: pd.DataFrame, new: pd.DataFrame, key: Sequence[str]) -> set:
    """Keys present in both frames whose rows differ in any column both frames have."""
    shared = [c for c in old.columns if c in new.columns and c not in key]
    merged = old[[*key, *shared]].merge(new[[*key, *shared]], on=list(key), how="inner", suffixes=("_a", "_b"))
    if merged.empty:
        return set()
    differs = pd.Series(False, index=merged.index)
    for column in shared:
        a, b = merged[f"{column}_a"], merged[f"{column}_b"]
        differs |= ~(_same(a, b))
    rows = merged.loc[differs, list(key)]
    return set(rows.itertuples(index=False, name=None)) if len(key) > 1 else set(rows[key[0]])


def _same(a: pd.Series, b: pd.Series) -> pd.Series:
    both_null = a.isna().to_numpy() & b.isna().to_numpy()
    try:
        equal = (a.astype(object) == b.astype(object)).fillna(False).to_numpy(dtype=bool)
    except (TypeError, ValueError):
        equal = (a.astype(str) == b.astype(str)).to_numpy(dtype=bool)
    return pd.Series(both_null | equal, index=a.index)


def _cell_changes(old: pd.DataFrame, new: pd.DataFrame, tables_in_both: set[str]) -> list[CellChange]:
    old = old[old["table_id"].isin(tables_in_both)]
    new = new[new["table_id"].isin(tables_in_both)]
    old_text = {(t, r, c): text for t, r, c, text in old[[*CELL_KEY, "text"]].itertuples(index=False, name=None)}
    new_text = {(t, r, c): text for t, r, c, text in new[[*CELL_KEY, "text"]].itertuples(index=False, name=None)}
    changed_keys = _differing_keys(old, new, CELL_KEY)
    keys = sorted((set(old_text) ^ set(new_text)) | changed_keys, key=lambda k: (k[0], int(k[1]), int(k[2])))
    return [CellChange(str(t), int(r), int(c), _text(old_text, (t, r, c)), _text(new_text, (t, r, c)))
            for t, r, c in keys]


def _text(texts: Mapping[tuple, object], key: tuple) -> str | None:
    if key not in texts:
        return None
    value = texts[key]
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _changed_groups(old: pd.DataFrame, new: pd.DataFrame, key: Sequence[str], group: str) -> set[str]:
    """Groups (e.g. figures) with a point added, removed or changed."""
    old_keys = set(old[list(key)].itertuples(index=False, name=None))
    new_keys = set(new[list(key)].itertuples(index=False, name=None))
    position = list(key).index(group)
    return {k[position] for k in (old_keys ^ new_keys) | _differing_keys(old, new, key)}



# --------------------------------------------------------------------------- snapshots on disk

def read_snapshot_frames(snapshot_dir: Path) -> dict[str, pd.DataFrame]:
    """The contract tables of a snapshot as frames (a table stored as a folder of parts included)."""
    import duckdb

    con = duckdb.connect()
    try:
        return {name: con.execute(f"SELECT * FROM {parquet_source(snapshot_dir, name)}").fetchdf()
                for name in CONTRACT_TABLES}
    finally:
        con.close()


def diff_snapshots(old: Snapshot, new: Snapshot) -> SnapshotDiff:
    """What changed from one published snapshot to another."""
    return diff_frames(read_snapshot_frames(old.path), read_snapshot_frames(new.path), old_id=old.id, new_id=new.id)


