"""Table Transformer structure recognition: a table's crop in, its row and column count out.

A second reading of a table's grid, from pixels only, to set against the vector (or OCR) grid: where the
two disagree the table goes to review carrying both (`extractors.models.second_opinion`). `grid_from_boxes`
is the pure post-processing (labels, threshold, overlap suppression), tested on plain lists.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from extractors.models.options import ModelOptions
from extractors.models.table_detection import detect_objects

SETTING = "PAPERLAKE_TABLE_STRUCTURE_MODEL"
ROW_LABEL = "table row"
COLUMN_LABEL = "table column"


@dataclass(frozen=True)
class TableStructureOptions:
    """Which structure model runs and which of its boxes count."""

    model: ModelOptions
    threshold: float = 0.5  # rows and columns scored below this are dropped
    max_overlap: float = 0.5  # a row (column) overlapping a better one by more than this share of its height is a duplicate

    @classmethod
    def from_env(cls) -> TableStructureOptions | None:
        """Options from PAPERLAKE_TABLE_STRUCTURE_MODEL (+ _REVISION, _DEVICE, _DTYPE, _BATCH_SIZE); None if unset."""
        model = ModelOptions.from_env(SETTING)
        return cls(model=model) if model else None


@dataclass(frozen=True)
class TableGrid:
    """The model's reading of one table: how many rows and columns, and its mean box score."""

    n_rows: int
    n_cols: int
    score: float


def grid_from_boxes(result: Mapping[str, Sequence[Any]], id2label: Mapping[int, str], threshold: float = 0.5,
                    max_overlap: float = 0.5) -> TableGrid:
    """Rows and columns counted from one crop's boxes, duplicates (overlapping a better box) dropped."""
    kept: dict[str, list[tuple[float, float, float]]] = {ROW_LABEL: [], COLUMN_LABEL: []}
    ranked = sorted(zip(result["scores"], result["labels"], result["boxes"]), key=lambda t: -float(t[0]))
    for score, label, box in ranked:
        name = id2label.get(int(label), str(label))
        if name not in kept or float(score) < threshold:
            continue
        lo, hi = (float(box[1]), float(box[3])) if name == ROW_LABEL else (float(box[0]), float(box[2]))
        if hi <= lo:
            continue
        if all(min(hi, h) - max(lo, low) <= max_overlap * min(hi - lo, h - low) for low, h, _ in kept[name]):
            kept[name].append((lo, hi, float(score)))
    scores = [s for spans in kept.values() for _, _, s in spans]
    return TableGrid(n_rows=len(kept[ROW_LABEL]), n_cols=len(kept[COLUMN_LABEL]),
                     score=round(sum(scores) / len(scores), 4) if scores else 0.0)


def recognise_grids(crops: Sequence[Any], options: TableStructureOptions) -> list[TableGrid]:
    """Each table crop (PIL or H×W×3 uint8) read by the structure model, batched; one grid per crop, in order."""
    return [grid_from_boxes(raw, id2label, options.threshold, options.max_overlap)
            for raw, id2label, _ in detect_objects(crops, options.model)]
