"""Tables printed as raster images, read by OCR: under (or over) their own "Table N" caption, or uncaptioned.

The vector path sees such an image as a picture and its caption stays unclaimed. Where a table caption no
table claimed sits right next to a raster image, the image alone is OCR'd (the rest of the page painted
white) and the OCR words are read by the same table engine as every other page, anchored on that caption.
No model weights are needed beyond RapidOCR's, which ship in its wheel. The table's confidence is scaled by
the OCR score, and it always goes to a curator (a `disagreement` line: the vector path saw a picture).
An image no table caption names is OCR'd only when its ink is laid out like a table (raster_profile.py:
even bands of text with gutters between columns) and kept only when the table read fills most of it.
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
from extractors.raster_profile import channel_mean, ink_profile
from extractors.tables import TableOptions, find_tables
from extractors.types import BBox, bbox_area, bbox_intersection

CAPTION_REACH = 40.0  # points between a caption and the image it labels
MIN_CAPTIONED_HEIGHT = 14.0  # points: a captioned table image may be a single row of text tall (IEEE's 3-row
# tables are 34 pt images, under the 36 pt below which uncaptioned images are never searched)
MIN_UNCAPTIONED_AREA = 5000.0  # points²: an uncaptioned table image is at least a few rows by a few columns
MIN_WHITE_SHARE = 0.5  # printed tables sit on a light background; photos and dark charts do not
MAX_WORDS_OVER = 3  # a text layer over the image (a scanned page's OCR layer) is read by the vector path
PROFILE_DPI = 100  # resolution at which an image's ink profile is measured (small text still makes bands)
MIN_IMAGE_COVER = 0.5  # a table read from an uncaptioned image covers at least this share of it
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


def pictured_captions(page: PageContent, captions: Sequence[Caption], claimed: Sequence[str]) -> list[Caption]:
    """Unclaimed table captions beside a raster image with no text layer over it: their table is a picture,
    which the layout model (it reads the page's words) cannot turn into a table, so they are no sign that the
    vector finders missed one (realdev R02: three model runs on IEEE tables printed as images, none of
    which changed a result)."""
    return [caption for caption, image in captioned_images(page, captions, claimed)
            if _words_over(page, image.bbox) < MAX_WORDS_OVER]


def contested_labels(page: PageContent, captions: Sequence[Caption], tables: Sequence[TableItem]) -> list[str]:
    """Labels a vector table holds though a raster image sits nearer its caption: the caption's table is the
    image (the caption-anchored finder, finding no text there, read rows on the caption's far side)."""
    held = {t.label: t for t in tables if t.label}
    return [caption.label for caption, image in captioned_images(page, captions, [])
            if caption.label in held and _gap(image.bbox, caption.bbox) < _gap(held[caption.label].bbox, caption.bbox)]


def _gap(box: BBox, caption: BBox) -> float:
    """Vertical distance between a box and a caption (0 where they overlap)."""
    return max(0.0, box[1] - caption[3], caption[1] - box[3])


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


def table_like_images(page: PageContent, page_image: PageImageFn, skip: Sequence[BBox]) -> list[RasterImage]:
    """Uncaptioned raster images with no text layer over them whose ink is laid out like a table.

    Cheap filters first (size, words over the image, a light background where the reader measured it),
    then the ink profile of the page rendered at PROFILE_DPI, so that only table-like images are OCR'd.
    """
    candidates = [im for im in page.images
                  if bbox_area(im.bbox) >= MIN_UNCAPTIONED_AREA and min(im.bbox[2] - im.bbox[0], im.bbox[3] - im.bbox[1]) >= MIN_IMAGE_SIDE
                  and (im.white_share is None or im.white_share >= MIN_WHITE_SHARE)
                  and not any(bbox_intersection(im.bbox, box) > 0.5 * bbox_area(im.bbox) for box in skip)
                  and _words_over(page, im.bbox) < MAX_WORDS_OVER]
    if not candidates:
        return []
    gray = channel_mean(page_image(page.number, PROFILE_DPI))
    scale_x, scale_y = gray.shape[1] / page.width, gray.shape[0] / page.height
    found = []
    for image in candidates:
        x0, y0, x1, y1 = image.bbox
        crop = gray[int(y0 * scale_y):int(np.ceil(y1 * scale_y)), int(x0 * scale_x):int(np.ceil(x1 * scale_x))]
        profile = ink_profile(crop)
        if profile is not None and profile.looks_like_table:
            found.append(image)
    return found


def read_uncaptioned_image_tables(page: PageContent, images: Sequence[RasterImage], page_image: PageImageFn,
                                  ocr: OcrOptions, tables: TableOptions) -> list[TableItem]:
    """Tables OCR'd from table-like raster images that no caption names; kept only where the table read
    fills most of its image (a chart's tick labels or a screenshot's menu do not)."""
    if not images or not ocr.active:
        return []
    content, ocr_score = ocr_page(page, only_images(page_image(page.number, ocr.dpi), page, images), ocr)
    found = []
    for table in find_tables(content, [], tables):
        image = next((im for im in images if bbox_intersection(table.bbox, im.bbox) >= 0.8 * bbox_area(table.bbox)), None)
        if image is None or bbox_area(table.bbox) < MIN_IMAGE_COVER * bbox_area(image.bbox) \
                or table.n_rows < 3 or table.n_cols < 2:
            continue
        table = dataclasses.replace(table, method=f"{table.method}+{OCR_ENGINE.method}",
                                    confidence=round(table.confidence * ocr_score, 4),
                                    evidence=table.evidence + (("ocr_score", round(ocr_score, 4)),
                                                               ("image_table", 1.0), ("uncaptioned_image", 1.0)))
        found.append(with_disagreement(
            table, "raster image with no caption: the vector path sees a picture, its pixels and OCR a table", ()))
    return found


def _words_over(page: PageContent, box: BBox) -> int:
    """Words of the text layer whose centre lies on the box (a text layer over an image is read as text)."""
    return sum(1 for line in page.lines for w in line.words
               if box[0] <= (w.bbox[0] + w.bbox[2]) / 2 <= box[2] and box[1] <= (w.bbox[1] + w.bbox[3]) / 2 <= box[3])
