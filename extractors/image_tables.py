"""Tables printed as raster images under (or over) their own "Table N" caption, read by OCR.

The vector path sees such an image as a picture and its caption stays unclaimed. Where a table caption no
table claimed sits right next to a raster image, the image alone is OCR'd (the rest of the page painted
white) and the OCR words are read by the same table engine as every other page, anchored on that caption.
No model weights are needed beyond RapidOCR's, which ship in its wheel. The table's confidence is scaled by
the OCR score, and it always goes to a curator (a `disagreement` line: the vector path saw a picture).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np

from extractors.model import Caption, TableItem
from extractors.models.disagreement import with_disagreement
from extractors.models.raster_tables import MIN_IMAGE_SIDE, only_images
from extractors.ocr import ENGINE as OCR_ENGINE
from extractors.ocr import OcrOptions, ocr_page
from extractors.page_content import PageContent, RasterImage
from extractors.tables import TableOptions, find_tables
from extractors.types import bbox_intersection

CAPTION_REACH = 40.0  # points between a caption and the image it labels
MIN_CAPTIONED_HEIGHT = 14.0  # points: a captioned table image may be a single row of text tall (IEEE's 3-row
# tables are 34 pt images, under the 36 pt below which uncaptioned images are never searched)
PageImageFn = Callable[[int, int], np.ndarray]  # (page, dpi) → the whole page as H×W×3 uint8


def captioned_images(page: PageContent, captions: Sequence[Caption],
                     claimed: Sequence[str]) -> list[tuple[Caption, RasterImage]]:
    """Each unclaimed table caption with the raster image right below or above it that overlaps it across."""
    pairs = []
    for caption in captions:
        if caption.kind != "table" or caption.label in claimed:
            continue
        near = [im for im in page.images if im.bbox[2] - im.bbox[0] >= MIN_IMAGE_SIDE
                and im.bbox[3] - im.bbox[1] >= MIN_CAPTIONED_HEIGHT
                and im.bbox[0] < caption.bbox[2] and im.bbox[2] > caption.bbox[0]
                and (0 <= im.bbox[1] - caption.bbox[3] <= CAPTION_REACH or 0 <= caption.bbox[1] - im.bbox[3] <= CAPTION_REACH)]
        if near:
            nearest = min(near, key=lambda im: min(abs(im.bbox[1] - caption.bbox[3]), abs(caption.bbox[1] - im.bbox[3])))
            pairs.append((caption, nearest))
    return pairs


def read_image_tables(page: PageContent, captions: Sequence[Caption], claimed: Sequence[str],
                      page_image: PageImageFn, ocr: OcrOptions, tables: TableOptions) -> list[TableItem]:
    """Tables OCR'd from the raster images beside unclaimed table captions; [] where there are none."""
    pairs = captioned_images(page, captions, claimed)
    if not pairs or not ocr.active:
        return []
    content, ocr_score = ocr_page(page, only_images(page_image(page.number, ocr.dpi), page, [im for _, im in pairs]),
                                  ocr)
    found = []
    for caption, image in pairs:
        for table in find_tables(content, [caption], tables):
            if table.label != caption.label or bbox_intersection(table.bbox, image.bbox) <= 0:
                continue
            table = dataclasses.replace(table, method=f"{table.method}+{OCR_ENGINE.method}",
                                        confidence=round(table.confidence * ocr_score, 4),
                                        evidence=table.evidence + (("ocr_score", round(ocr_score, 4)),
                                                                   ("image_table", 1.0)))
            found.append(with_disagreement(table, "raster image: the vector path sees a picture, OCR reads a table", ()))
    return found
