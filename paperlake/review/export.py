"""The review queue's I/O edge: page crops rendered with PyMuPDF and Label Studio import files.

Tasks themselves are built by the pure converters in paperlake.review.tasks; this module only
renders the images they show and writes them out where Label Studio can import them.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

import pymupdf

from extractors.types import BBox
from paperlake.store import atomic_write_bytes

IMPORT_FILES = {"tables": "label_studio_tables.json", "figures": "label_studio_figures.json"}
"""File name of each kind's import file inside the review directory."""


def write_import_files(review_dir: Path, tasks_by_kind: Mapping[str, list[dict]]) -> dict[str, Path]:
    """Write each kind's tasks as one JSON list (Label Studio's import format); returns kind -> path.

    Kinds are "tables" and "figures". Each file is UTF-8 with non-ASCII text kept as is, and is
    replaced atomically (written to a temporary file in the same folder, then os.replace), so a reader
    never sees a half-written file.
    """
    unknown = sorted(set(tasks_by_kind) - set(IMPORT_FILES))
    if unknown:
        raise ValueError(f"unknown task kinds {unknown}; expected some of {sorted(IMPORT_FILES)}")
    review_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for kind, tasks in tasks_by_kind.items():
        text = json.dumps(list(tasks), ensure_ascii=False, indent=1)
        written[kind] = _replace_atomically(review_dir / IMPORT_FILES[kind], (text + "\n").encode("utf-8"))
    return written


# Points of page shown around the item's box. A predicted box is most often too tight (a figure
# without its axis title, a table without its last row), and the curator can only stretch the box over
# what the crop shows: a figure's rotated y-axis title sits 30-45 pt left of the tick labels, which a
# 24 pt margin cut in half.
CROP_MARGIN = 48.0


def render_crop(pdf_path: Path, page: int, bbox: BBox, out_png: Path, dpi: int = 150,
                margin: float = CROP_MARGIN) -> tuple[BBox, tuple[int, int]]:
    """Render the page region around bbox (plus margin points on every side) to a PNG.

    page is 1-based; bbox is in PDF points. The region is clipped to the page. Returns the crop's box
    in PDF points, aligned to the rendered pixels so that percent of the image equals percent of this
    box, and the image's (width, height) in pixels. The PNG is written atomically.
    """
    with pymupdf.open(pdf_path) as doc:
        if not 1 <= page <= doc.page_count:
            raise ValueError(f"page {page} is not in {pdf_path.name} ({doc.page_count} pages)")
        pdf_page = doc[page - 1]
        clip = (pymupdf.Rect(bbox) + (-margin, -margin, margin, margin)) & pdf_page.rect
        if clip.is_empty:
            raise ValueError(f"box {bbox!r} lies outside page {page} of {pdf_path.name}")
        pix = pdf_page.get_pixmap(clip=clip, dpi=dpi)
        png = pix.tobytes("png")
    scale = 72.0 / dpi
    crop_bbox = (pix.x * scale, pix.y * scale, (pix.x + pix.width) * scale, (pix.y + pix.height) * scale)
    _replace_atomically(out_png, png)
    return crop_bbox, (pix.width, pix.height)


def local_files_ref(path: Path, document_root: Path) -> str:
    """The URL Label Studio serves a local file under: /data/local-files/?d=<path under the root>.

    document_root is Label Studio's LOCAL_FILES_DOCUMENT_ROOT; path must lie inside it.
    """
    try:
        relative = path.resolve().relative_to(document_root.resolve())
    except ValueError:
        raise ValueError(f"{path} is not inside the Label Studio document root {document_root}") from None
    return "/data/local-files/?d=" + quote(relative.as_posix(), safe="/")


def _replace_atomically(target: Path, payload: bytes) -> Path:
    """The data dir's atomic write, readable by Label Studio (mkstemp's 0600 would lock it out)."""
    atomic_write_bytes(target, payload, mode=0o644)
    return target
