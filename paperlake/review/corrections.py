"""Curators' corrections: Label Studio annotations in, corrected items out. Pure functions, no I/O.

A `Correction` is what one curator decided about one table or figure: accept (with the box, cells,
caption or figure kind as corrected) or reject. It is made from a submitted annotation by
`annotations.annotation_to_correction`, checked against the contract's pandera schemas by `validate_correction`,
kept as JSON in the data dir, and laid over the extracted items at publish time by `apply_corrections`.

Corrections outlive extraction. Each records the hash of the extracted item it was made against
(`extraction_hash`, see paperlake.review.tasks.table_content_hash / figure_content_hash). At publish:

- the item still extracts to that hash: the correction applies and the item is `reviewed` (accept) or
  `rejected` (reject);
- the item extracts to something else (a newer extractor, a changed setting): the item goes back to
  `needs_review` with a reason saying so. An accepted correction still applies (the curator's values are
  published until someone confirms or corrects them again); a rejection does not (the new extraction is
  shown for review);
- the item no longer exists: the correction is kept on disk and counted as an orphan, nothing else.

`review_stats` turns the corrections and the routed items into the `reviews` table.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from extractors.numbers import header_unit, parse_cell
from paperlake.review.refusals import Submitted, plain_reasons
from paperlake.review.series_corrections import replace_series, series_by_figure, series_problems
from paperlake.review.tasks import figure_content_hash, table_content_hash
from schemas.validate import validate_frames

KINDS = {"table": ("tables", "table_id"), "figure": ("figures", "figure_id")}
"""Review kind -> (dataset table, id column)."""
ACCEPT, REJECT = "accept", "reject"
APPLIED, REOPENED, ORPHAN = "applied", "reopened", "orphan"
BOX_TOLERANCE = 0.5
"""A box edge moved by more than this (points) counts as a correction of the box."""


class CorrectionError(ValueError):
    """An annotation that cannot be read as a correction (no verdict, no box on accept, ...)."""


@dataclass(frozen=True)
class Correction:
    """One curator's decision about one item, as read from a submitted Label Studio annotation."""

    item_id: str
    kind: str                      # "table" or "figure"
    doc_id: str
    verdict: str                   # "accept" or "reject"
    reviewed_by: str
    reviewed_at: str               # ISO 8601, UTC
    method: str                    # the extractor (name and version) whose prediction was reviewed
    seen_hash: str                 # content_hash of the task the curator saw
    box: tuple[float, float, float, float] | None = None
    caption: str | None = None
    grid: tuple[tuple[str, ...], ...] | None = None
    n_header_rows: int | None = None
    figure_kind: str | None = None
    changed: tuple[str, ...] = ()  # fields changed: box, cells, header_rows, caption, figure_kind, series
    edit_distance: int = 0         # characters edited in cells (as CSV) and caption, + 1 per changed kind/header
    extraction_hash: str = ""      # hash of the extracted item the correction was made against
    task_id: int | None = None
    annotation_id: int | None = None
    annotation_updated_at: str = ""
    series_csv: str | None = None  # a chart's points as the curator left them (CSV), when they changed

    @property
    def outcome(self) -> str:
        """accepted_unchanged, corrected or rejected. A chart's points do not count: a figure's confidence is
        about its box, kind and caption (each series has its own series_confidence)."""
        if self.verdict == REJECT:
            return "rejected"
        return "corrected" if set(self.changed) - {"series"} else "accepted_unchanged"

    def to_json(self) -> dict[str, Any]:
        payload = dataclasses.asdict(self)
        payload["grid"] = [list(row) for row in self.grid] if self.grid is not None else None
        payload["box"] = list(self.box) if self.box is not None else None
        payload["changed"] = list(self.changed)
        return payload

    @classmethod
    def from_json(cls, payload: Mapping[str, Any]) -> Correction:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in payload.items() if k in known}
        if values.get("grid") is not None:
            values["grid"] = tuple(tuple(str(c) for c in row) for row in values["grid"])
        if values.get("box") is not None:
            values["box"] = tuple(float(v) for v in values["box"])
        values["changed"] = tuple(values.get("changed") or ())
        return cls(**values)


# --------------------------------------------------------------------------- correction -> items

def grid_to_cells(grid: Sequence[Sequence[str]], n_header_rows: int, table_id: str, doc_id: str,
                  original: pd.DataFrame | None = None) -> pd.DataFrame:
    """table_cells rows for a corrected grid: header flags, spans, value/uncertainty/unit re-parsed.

    A spanning cell of the original table keeps its span while the corrected grid leaves the slots it
    covers empty; every other slot is a cell of its own. Numbers are read as the extractor reads them:
    extractors.numbers.parse_cell on body cells, the unit from the cell or else from its column's header.
    """
    n_rows = len(grid)
    n_cols = max((len(row) for row in grid), default=0)
    slots = [[(row[c] if c < len(row) else "") for c in range(n_cols)] for row in grid]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    if original is not None and not original.empty:
        for cell in original.itertuples(index=False):
            r, c = int(cell.row), int(cell.col)
            rs, cs = max(1, int(cell.row_span)), max(1, int(cell.col_span))
            if (rs > 1 or cs > 1) and r + rs <= n_rows and c + cs <= n_cols and all(
                    not slots[r + i][c + j] for i in range(rs) for j in range(cs) if (i, j) != (0, 0)):
                spans[(r, c)] = (rs, cs)
    units: dict[int, str] = {}
    for r in range(min(n_header_rows, n_rows)):
        for c in range(n_cols):
            unit = header_unit(slots[r][c]) if slots[r][c] else None
            if unit:
                for k in range(spans.get((r, c), (1, 1))[1]):
                    units[c + k] = unit
    covered: set[tuple[int, int]] = set()
    rows = []
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            covered.update((r + i, c + j) for i in range(rs) for j in range(cs))
            text, is_header = slots[r][c], r < n_header_rows
            parsed = None if is_header else parse_cell(text)
            value = parsed.value if parsed else None
            unit = (parsed.unit if parsed else None) or (units.get(c) if value is not None else None)
            rows.append({"table_id": table_id, "doc_id": doc_id, "row": r, "col": c, "row_span": rs,
                         "col_span": cs, "is_header": is_header, "text": text, "value": value,
                         "uncertainty": parsed.uncertainty if parsed else None, "unit": unit})
    return pd.DataFrame(rows, columns=["table_id", "doc_id", "row", "col", "row_span", "col_span", "is_header",
                                       "text", "value", "uncertainty", "unit"])


@dataclass(frozen=True)
class Overlay:
    """The frames with corrections laid over them, and what happened to each correction."""

    frames: dict[str, pd.DataFrame]
    outcomes: dict[str, str]  # item_id -> applied, reopened or orphan


def extraction_hashes(frames: Mapping[str, pd.DataFrame], item_ids: Collection[str] | None = None
                      ) -> dict[str, str]:
    """item_id -> content hash of every extracted table and figure in the frames (or only of `item_ids`:
    a publish hashes the corrected items, not the whole dataset)."""
    tables, cells, figures = frames["tables"], frames["table_cells"], frames["figures"]
    if item_ids is not None:
        wanted = list(item_ids)
        tables, cells = tables[tables["table_id"].isin(wanted)], cells[cells["table_id"].isin(wanted)]
        figures = figures[figures["figure_id"].isin(wanted)]
    series = series_by_figure(frames.get("figure_series"))
    hashes: dict[str, str] = {}
    cells_by_table = dict(tuple(cells.groupby("table_id", sort=False))) if len(cells) else {}
    empty_cells = cells.iloc[0:0]
    for row in tables.to_dict("records"):
        hashes[str(row["table_id"])] = table_content_hash(row, cells_by_table.get(row["table_id"], empty_cells))
    for row in figures.to_dict("records"):
        hashes[str(row["figure_id"])] = figure_content_hash(row, series.get(str(row["figure_id"])))
    return hashes


def apply_corrections(frames: Mapping[str, pd.DataFrame], corrections: Mapping[str, Correction],
                      force: bool = False) -> Overlay:
    """Lay corrections over routed frames (see the module's docstring); the input frames are not changed.

    force=True applies every correction as if its extraction hash matched (used to validate a new one).
    """
    out = {name: frame.copy() for name, frame in frames.items()}
    if not corrections:  # most documents: nothing to lay over (hashing found nothing to compare, at 5 ms each)
        return Overlay(out, {})
    hashes = {} if force else extraction_hashes(frames, corrections.keys())
    outcomes: dict[str, str] = {}
    replaced_cells: dict[str, pd.DataFrame] = {}
    replaced_series: dict[tuple[str, str], str] = {}
    for item_id, correction in corrections.items():
        table, id_column = KINDS[correction.kind]
        frame = out[table]
        where = (frame[id_column] == item_id) & (frame["doc_id"] == correction.doc_id)
        if not where.any():
            outcomes[item_id] = ORPHAN
            continue
        current = force or hashes.get(item_id) == correction.extraction_hash
        outcomes[item_id] = APPLIED if current else REOPENED
        index = frame.index[where][0]
        if correction.verdict == ACCEPT:
            x0, y0, x1, y1 = correction.box if correction.box is not None else _row_box(frame, index)
            frame.loc[index, ["x0", "y0", "x1", "y1"]] = [x0, y0, x1, y1]
            frame.loc[index, "caption"] = correction.caption
            if correction.kind == "table" and correction.grid is not None:
                cells = frames["table_cells"]
                original = cells[(cells["table_id"] == item_id) & (cells["doc_id"] == correction.doc_id)]
                n_header = int(correction.n_header_rows or 0)
                replaced_cells[item_id] = grid_to_cells(correction.grid, n_header, item_id, correction.doc_id,
                                                        original)
                frame.loc[index, "n_rows"] = len(correction.grid)
                frame.loc[index, "n_cols"] = max((len(r) for r in correction.grid), default=0)
                frame.loc[index, "n_header_rows"] = n_header
            if correction.kind == "figure" and correction.figure_kind:
                frame.loc[index, "figure_kind"] = correction.figure_kind
            if correction.kind == "figure" and correction.series_csv is not None:
                replaced_series[(item_id, correction.doc_id)] = correction.series_csv
        if current:
            frame.loc[index, "review_status"] = "rejected" if correction.verdict == REJECT else "reviewed"
        else:
            frame.loc[index, "review_status"] = "needs_review"
            frame.loc[index, "review_reason"] = _reopen_reason(correction)
        frame.loc[index, "reviewed_by"] = correction.reviewed_by
        frame.loc[index, "reviewed_at"] = _utc(correction.reviewed_at)
    if replaced_cells:
        cells = out["table_cells"]
        keep = ~cells["table_id"].isin(list(replaced_cells))
        new = [frame.astype({c: cells[c].dtype for c in frame.columns if c in cells}, errors="ignore")
               for frame in replaced_cells.values()]
        out["table_cells"] = pd.concat([cells[keep], *new], ignore_index=True)[list(cells.columns)]
    if replaced_series:
        out["figure_series"] = replace_series(out["figure_series"], replaced_series)
    return Overlay(out, outcomes)


def _utc(stamp: str) -> pd.Timestamp:
    value = pd.Timestamp(stamp)
    return value.tz_convert("UTC") if value.tzinfo else value.tz_localize("UTC")


def _row_box(frame: pd.DataFrame, index: Any) -> tuple[float, float, float, float]:
    return tuple(float(frame.loc[index, c]) for c in ("x0", "y0", "x1", "y1"))  # type: ignore[return-value]


def _reopen_reason(correction: Correction) -> str:
    when = f"{correction.reviewed_by} at {correction.reviewed_at}"
    if correction.verdict == REJECT:
        return f"rejected by {when}, but the extraction changed since: review again"
    return f"extraction changed since the review by {when}: the correction is applied, confirm it"


def validate_correction(correction: Correction, doc_frames: Mapping[str, pd.DataFrame],
                        page_sizes: Mapping[tuple[str, int], tuple[float, float]] | None = None) -> list[str]:
    """Why a correction would break the contract (empty when it is valid), by the pandera schemas and rules,
    in plain words (paperlake.review.refusals).

    doc_frames are the routed frames of the correction's document (tables, table_cells, figures,
    figure_series); the correction is applied to them and only failures of its own item count.
    """
    if correction.verdict == REJECT:
        return []
    if correction.kind == "table" and not any(any(cell for cell in row) for row in correction.grid or ()):
        return ["the table has no cells: fill in the CSV grid or reject the item"]
    if correction.series_csv is not None and series_problems(correction.series_csv):
        return series_problems(correction.series_csv)
    overlay = apply_corrections(doc_frames, {correction.item_id: correction}, force=True)
    if overlay.outcomes.get(correction.item_id) == ORPHAN:
        return [f"{correction.kind} {correction.item_id} is no longer extracted from document {correction.doc_id}"]
    failures = [f for f in validate_frames(overlay.frames, page_sizes).failures if f.item_id == correction.item_id]
    return plain_reasons(failures, Submitted(correction.kind, len(correction.grid or ()), correction.n_header_rows))


# --------------------------------------------------------------------------- statistics

REVIEW_COUNTS = ("sent", "pending", "reviewed", "accepted_unchanged", "corrected", "rejected", "reopened")


def review_stats(routed: Mapping[str, pd.DataFrame], corrections: Mapping[str, Correction],
                 outcomes: Mapping[str, str]) -> pd.DataFrame:
    """The `reviews` table: one row per review kind and extractor version.

    routed are the frames before corrections; an item counts as sent when routing sent it to review or
    a curator corrected it. Reviewed items are grouped by the extractor whose prediction was reviewed
    (the correction's method), the others by their current method. edit_distance_* cover accepted items.
    """
    rows: dict[tuple[str, str], dict[str, Any]] = {}

    def group(kind: str, method: str) -> dict[str, Any]:
        return rows.setdefault((kind, method), {"kind": kind, "method": method, **dict.fromkeys(REVIEW_COUNTS, 0),
                                                "edit_distance_total": 0, "_accepted": 0})

    for kind, (table, id_column) in KINDS.items():
        frame = routed[table]
        for item_id, method, status in zip(frame[id_column], frame["method"], frame["review_status"]):
            correction = corrections.get(str(item_id))
            outcome = outcomes.get(str(item_id))
            if correction is None or outcome == ORPHAN:
                stats = group(kind, str(method))
                if status == "needs_review":
                    stats["sent"] += 1
                    stats["pending"] += 1
                continue
            stats = group(kind, correction.method or str(method))
            stats["sent"] += 1
            if outcome == REOPENED:
                stats["reopened"] += 1
                stats["pending"] += 1
                continue
            stats["reviewed"] += 1
            stats[correction.outcome] += 1
            if correction.verdict == ACCEPT:
                stats["_accepted"] += 1
                stats["edit_distance_total"] += correction.edit_distance
    records = []
    for key in sorted(rows):
        stats = rows[key]
        accepted = stats.pop("_accepted")
        stats["edit_distance_mean"] = stats["edit_distance_total"] / accepted if accepted else None
        records.append(stats)
    columns = ["kind", "method", *REVIEW_COUNTS, "edit_distance_total", "edit_distance_mean"]
    frame = pd.DataFrame(records, columns=columns)
    return frame.astype({**{c: "int64" for c in (*REVIEW_COUNTS, "edit_distance_total")},
                         "edit_distance_mean": "float64", "kind": object, "method": object})


def loads(text: str) -> Correction:
    """A correction from its JSON text."""
    return Correction.from_json(json.loads(text))


def dumps(correction: Correction) -> str:
    """A correction as JSON text (sorted keys, UTF-8 kept)."""
    return json.dumps(correction.to_json(), sort_keys=True, ensure_ascii=False, indent=1)
