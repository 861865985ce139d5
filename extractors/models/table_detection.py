"""Table Transformer (detection) for tables that are only pixels: page images in, table boxes in points out.

`detect_tables` batches page images through the model; `table_boxes` is the pure post-processing (score
threshold, table labels only, clipping, overlap suppression, pixels → points), tested on plain lists.
The published checkpoint (`microsoft/table-transformer-detection`) uses a timm backbone, which needs
torchvision; any checkpoint of the architecture with a native backbone loads without it.
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extractors.models.loading import load, to_pil
from extractors.models.options import ModelOptions
from extractors.types import BBox, bbox_area, bbox_intersection

SETTING = "PAPERLAKE_TABLE_DETECTION_MODEL"
TABLE_LABELS = ("table", "table rotated")


@dataclass(frozen=True)
class TableDetectionOptions:
    """Which detection model runs and how its boxes are kept."""

    model: ModelOptions
    threshold: float = 0.7  # detections scored below this are dropped
    max_overlap: float = 0.5  # a box sharing more than this of the smaller one's area with a better box is dropped

    def __post_init__(self) -> None:
        if not 0 <= self.threshold <= 1:
            raise ValueError(f"{self.model.setting}: threshold must be within 0..1, got {self.threshold}")
        if not 0 < self.max_overlap <= 1:
            raise ValueError(f"{self.model.setting}: max_overlap must be within (0, 1], got {self.max_overlap}")

    @classmethod
    def from_env(cls) -> TableDetectionOptions | None:
        """Options from PAPERLAKE_TABLE_DETECTION_MODEL (+ _REVISION, _DEVICE, _DTYPE, _BATCH_SIZE, _THRESHOLD);
        None if unset."""
        model = ModelOptions.from_env(SETTING)
        return cls(model=model, threshold=float(os.environ.get(f"{SETTING}_THRESHOLD", "0.7"))) if model else None


@dataclass(frozen=True)
class TableDetection:
    """One detected table on a page image, in PDF points."""

    bbox: BBox
    score: float
    rotated: bool = False
    evidence: tuple[tuple[str, float], ...] = field(default=())


def table_boxes(result: Mapping[str, Sequence[Any]], id2label: Mapping[int, str], scale: float,
                page_size: tuple[float, float], threshold: float = 0.7,
                max_overlap: float = 0.5) -> list[TableDetection]:
    """One image's post-processed detections (`scores`, `labels`, `boxes` in pixels) as tables in points.

    Keeps table labels above `threshold`, clips to the page, and drops a box that mostly overlaps a
    better-scored one; the result is ordered top to bottom.
    """
    width, height = page_size
    found = []
    for score, label, box in zip(result["scores"], result["labels"], result["boxes"]):
        name = id2label.get(int(label), str(label))
        if float(score) < threshold or name not in TABLE_LABELS:
            continue
        x0, y0, x1, y1 = (float(v) * scale for v in box)
        clipped = (max(0.0, min(x0, x1)), max(0.0, min(y0, y1)), min(width, max(x0, x1)), min(height, max(y0, y1)))
        if bbox_area(clipped) <= 0:
            continue
        found.append(TableDetection(bbox=clipped, score=round(float(score), 4), rotated=name == "table rotated",
                                    evidence=(("detection_score", round(float(score), 4)),)))
    kept: list[TableDetection] = []
    for detection in sorted(found, key=lambda d: -d.score):
        if all(bbox_intersection(detection.bbox, k.bbox) <= max_overlap * min(bbox_area(detection.bbox), bbox_area(k.bbox))
               for k in kept):
            kept.append(detection)
    return sorted(kept, key=lambda d: (d.bbox[1], d.bbox[0]))


def detect_tables(images: Sequence[Any], page_sizes: Sequence[tuple[float, float]],
                  options: TableDetectionOptions) -> list[list[TableDetection]]:
    """Tables on each page image (PIL images or H×W×3 uint8 arrays of whole pages), batched, in points."""
    if len(images) != len(page_sizes):
        raise ValueError("one page size per image")
    results: list[list[TableDetection]] = []
    for (raw, id2label, width_px), page_size in zip(detect_objects(images, options.model), page_sizes):
        results.append(table_boxes(raw, id2label, page_size[0] / width_px, page_size,
                                   options.threshold, options.max_overlap))
    return results


def detect_objects(images: Sequence[Any], model: ModelOptions) -> list[tuple[dict[str, list[Any]], dict[int, str], int]]:
    """Every box a DETR-style model predicts on each image, batched: (scores/labels/boxes in pixels, id2label, width)."""
    import torch

    loaded = load(model)
    id2label = {int(k): v for k, v in loaded.model.config.id2label.items()}
    results: list[tuple[dict[str, list[Any]], dict[int, str], int]] = []
    step = model.batch_size
    for start in range(0, len(images), step):
        batch = [to_pil(image).convert("RGB") for image in images[start:start + step]]
        inputs = loaded.to_device(loaded.processor(images=batch, return_tensors="pt"))
        with torch.inference_mode():
            outputs = loaded.model(**inputs)
        outputs.logits = outputs.logits.float()
        outputs.pred_boxes = outputs.pred_boxes.float()
        sizes = [(image.height, image.width) for image in batch]
        processed = loaded.processor.post_process_object_detection(outputs, threshold=0.0, target_sizes=sizes)
        for image, result in zip(batch, processed):
            plain = {k: result[k].cpu().tolist() for k in ("scores", "labels", "boxes")}
            results.append((plain, id2label, image.width))
    return results
