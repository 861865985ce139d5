"""Tables pasted as raster images on born-digital pages: Table Transformer finds them, OCR reads them.

The vector path sees such an image as a picture. When the detection model is configured, each raster image
of a page is rendered and given to it; where it finds a table (score above its threshold), the page is
rendered with everything but those images blanked, OCR'd, and read by the same table engine as every other
page. A table kept here lies (mostly) inside a detected box; it carries the model, the detection and OCR
scores in its evidence, and a `disagreement` line (the vector path saw a picture) so it always goes to review.
"""
from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Sequence

import numpy as np

from extractors.model import TableItem
from extractors.models.disagreement import with_disagreement
from extractors.models.table_detection import TableDetection, TableDetectionOptions, detect_tables
from extractors.ocr import ENGINE as OCR_ENGINE
from extractors.ocr import OcrOptions, ocr_page
from extractors.page_content import PageContent, RasterImage
from extractors.tables import TableOptions, find_tables
from extractors.types import BBox, bbox_area, bbox_intersection

MIN_IMAGE_SIDE = 36.0  # points; smaller images (icons, logos) are not searched for tables
MIN_OVERLAP = 0.5  # a table is kept when this share of the smaller of it and a detected box overlaps

CropFn = Callable[[int, BBox], bytes]  # (page, box in points) → PNG of that area
PageImageFn = Callable[[int, int], np.ndarray]  # (page, dpi) → the whole page as H×W×3 uint8


def detect_in_images(page: PageContent, crop: CropFn, options: TableDetectionOptions) -> list[TableDetection]:
    """Tables the model finds in the page's raster images, in page points (each image one batched input)."""
    from PIL import Image

    images = [im for im in page.images if min(im.bbox[2] - im.bbox[0], im.bbox[3] - im.bbox[1]) >= MIN_IMAGE_SIDE]
    if not images:
        return []
    pictures = [Image.open(io.BytesIO(crop(page.number, im.bbox))).convert("RGB") for im in images]
    sizes = [(im.bbox[2] - im.bbox[0], im.bbox[3] - im.bbox[1]) for im in images]
    found = []
    for image, detections in zip(images, detect_tables(pictures, sizes, options)):
        x, y = image.bbox[0], image.bbox[1]
        found.extend(dataclasses.replace(d, bbox=(d.bbox[0] + x, d.bbox[1] + y, d.bbox[2] + x, d.bbox[3] + y))
                     for d in detections)
    return found


def only_images(rgb: np.ndarray, page: PageContent, images: Sequence[RasterImage]) -> np.ndarray:
    """The page image with everything outside the given raster images painted white (OCR reads only them)."""
    scale_x, scale_y = rgb.shape[1] / page.width, rgb.shape[0] / page.height
    masked = np.full_like(rgb, 255)
    for image in images:
        x0, y0 = max(0, int(image.bbox[0] * scale_x)), max(0, int(image.bbox[1] * scale_y))
        x1, y1 = int(np.ceil(image.bbox[2] * scale_x)), int(np.ceil(image.bbox[3] * scale_y))
        masked[y0:y1, x0:x1] = rgb[y0:y1, x0:x1]
    return masked


def _overlaps(a: BBox, b: BBox) -> bool:
    return bbox_intersection(a, b) >= MIN_OVERLAP * max(1e-6, min(bbox_area(a), bbox_area(b)))


def read_raster_tables(page: PageContent, crop: CropFn, page_image: PageImageFn, detection: TableDetectionOptions,
                       ocr: OcrOptions, tables: TableOptions) -> list[TableItem]:
    """Tables read from the page's raster images where the detection model finds them; [] when it finds none."""
    detections = detect_in_images(page, crop, detection)
    if not detections:
        return []
    holding = [im for im in page.images if any(_overlaps(d.bbox, im.bbox) for d in detections)]
    content, ocr_score = ocr_page(page, only_images(page_image(page.number, ocr.dpi), page, holding), ocr)
    model = detection.model.method("table-detection")
    found = []
    for table in find_tables(content, [], tables):
        matches = [d for d in detections if _overlaps(table.bbox, d.bbox)]
        if not matches:
            continue
        score = max(d.score for d in matches)
        table = dataclasses.replace(
            table, method=f"{table.method}+{OCR_ENGINE.method}+{model}",
            confidence=round(table.confidence * ocr_score, 4),
            evidence=table.evidence + (("ocr_score", round(ocr_score, 4)), ("detection_score", score),
                                       ("detection_model", model)))
        found.append(with_disagreement(table, f"raster image: the vector path sees a picture, {model} a table", ()))
    return found
