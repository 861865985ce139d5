"""A page's raster images as the extractors see them: where each is drawn (clipped to the page), and for the large
ones a few statistics from a thumbnail (near-white share, colour count, ticked axes), which tell a picture of a
chart or a table from a photograph. Tiny images stretched into hairlines are the rules some exports draw."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pymupdf

from extractors.drawing_records import RULE_MAX_THICKNESS
from extractors.page_content import RasterImage, Rule
from extractors.raster_axes import axis_evidence
from extractors.types import BBox


def page_images(page: pymupdf.Page) -> Iterator[RasterImage]:
    """The page's raster images, clipped to the page, with statistics for the large ones (what a picture of a
    chart or a table shows); slivers dropped, a few pixels stretched into a hairline kept (`image_rule`)."""
    textpage = page.get_textpage(flags=pymupdf.TEXT_PRESERVE_IMAGES)  # what page.get_image_info builds
    infos = textpage.extractIMGINFO()
    decoded: dict[int, pymupdf.Pixmap] = {}
    if any(_area(_clipped(page, info["bbox"])) >= RASTER_STATS_MIN_AREA for info in infos) \
            or (not infos and page.get_images()):  # images it lists but cannot show: decoding them says why
        infos, decoded = _with_xrefs(page, textpage)  # decodes every image of the page: only when needed
    del textpage
    stats: dict[int, tuple[float | None, int | None, int | None, int | None]] = {}
    for info in infos:
        clipped = _clipped(page, info["bbox"])
        if (clipped[2] - clipped[0] < 1 or clipped[3] - clipped[1] < 1) \
                and max(int(info.get("width", 0)), int(info.get("height", 0))) > MAX_RULE_PIXELS:
            continue  # a sliver of a picture; a few pixels stretched into a hairline are a rule (image_rule)
        large = _area(clipped) >= RASTER_STATS_MIN_AREA
        xref = int(info.get("xref") or 0)
        if large and xref not in stats:  # an image drawn twice is measured once
            stats[xref] = _raster_stats(page.parent, xref, decoded.get(xref))
        white, colors, ticks, panels = stats[xref] if large else (None,) * 4
        yield RasterImage(bbox=clipped, width_px=int(info.get("width", 0)), height_px=int(info.get("height", 0)),
                          white_share=white, n_colors=colors, tick_axes=ticks, tick_panels=panels)


def _with_xrefs(page: pymupdf.Page, textpage: pymupdf.TextPage) -> tuple[list[dict], dict[int, pymupdf.Pixmap]]:
    """page.get_image_info(xrefs=True) from the text page already built (it would build a second one), and
    each listed image decoded on the way (by xref), which _raster_stats would otherwise decode again."""
    infos = textpage.extractIMGINFO(hashes=True)
    decoded: dict[int, pymupdf.Pixmap] = {}
    digests = {}
    for item in page.get_images():
        xref = item[0]
        pix = pymupdf.Pixmap(page.parent, xref)
        digests[pix.digest] = xref
        decoded[xref] = pix
    for info in infos:
        info["xref"] = digests.get(info["digest"], 0)
    return infos, decoded


MAX_RULE_PIXELS = 4  # an image this few pixels across, stretched into a hairline, is a rule


def image_rule(image: RasterImage) -> Rule | None:
    """A rule drawn as a tiny image stretched into a hairline (some Word and TeX exports draw every table
    line so); None for any other image."""
    x0, y0, x1, y1 = image.bbox
    width, height = x1 - x0, y1 - y0
    if max(image.width_px, image.height_px) > MAX_RULE_PIXELS:
        return None
    if height <= RULE_MAX_THICKNESS and width > 3 * height:
        return Rule((x0, y0, x1, y1), True, float(height))
    if width <= RULE_MAX_THICKNESS and height > 3 * width:
        return Rule((x0, y0, x1, y1), False, float(width))
    return None


def _clipped(page: pymupdf.Page, bbox: Sequence[float]) -> BBox:
    x0, y0, x1, y1 = bbox
    return (max(0.0, x0), max(0.0, y0), min(page.rect.width, x1), min(page.rect.height, y1))


def _area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


RASTER_STATS_MIN_AREA = 5000.0  # points²: smaller images are logos and icons, not worth decoding


def _raster_stats(doc: pymupdf.Document, xref: int,
                  pix: pymupdf.Pixmap | None = None) -> tuple[float | None, int | None, int | None, int | None]:
    """Near-white share and coarse colour count of an image (from a 64×48 thumbnail), how many of its axis
    directions carry a ticked line and how many ticked plots stand apart in it (raster_axes: a picture of a
    chart, or of several). A few ms per image; `pix` is the image already decoded, when it is."""
    if xref <= 0:
        return None, None, None, None
    try:
        pix = pix if pix is not None else pymupdf.Pixmap(doc, xref)
        if pix.n - pix.alpha == 0:  # a stencil mask (scanned line art): its alpha is the ink on white paper
            ink = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)[..., -1]
            gray = 255 - ink
            small = gray[:: max(1, pix.height // 48), :: max(1, pix.width // 64)]
            return round(float((small >= 245).mean()), 4), 1 + int((small < 245).any()), *axis_evidence(gray)
        if pix.n - pix.alpha != 3:
            pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
        rgb = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)[..., :3]
        small = pymupdf.Pixmap(pix, 64, 48, None)
    except Exception:  # unusual colour spaces or masks: no statistics rather than no page
        return None, None, None, None
    data, n = small.samples, small.n
    pixels = [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data) - 2, n)]
    if not pixels:
        return None, None, None, None
    white = sum(1 for p in pixels if min(p) >= 245) / len(pixels)
    colors = len({(p[0] >> 5, p[1] >> 5, p[2] >> 5) for p in pixels})
    return round(white, 4), colors, *axis_evidence(np.minimum(np.minimum(rgb[..., 0], rgb[..., 1]), rgb[..., 2]))
