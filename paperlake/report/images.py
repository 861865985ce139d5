"""The report's pictures: each item's page crop as a PNG under DIR/assets/, or the reason it has none.

Table crops are rendered from the data dir's copy of the source PDF with the review room's `render_crop` (the
one place that draws page crops with PyMuPDF); a figure takes the crop its snapshot already holds, and is
rendered the same way when that file is gone. A missing source PDF is a reason shown in the report, not an
error: the item is still shown, without its crop.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from paperlake.report.gather import FigureEntry, TableEntry
from paperlake.review.export import render_crop
from paperlake.store import DataStore

ASSETS = "assets"
"""Folder under the report's output folder that holds the crops."""
CROP_MARGIN = 12.0
"""Points of page shown around an item's box: enough to see what the box cut off, little of the prose."""


@dataclass(frozen=True)
class Crop:
    """An item's crop: its path relative to the report (`assets/<id>.png`), or why there is none."""

    src: str | None = None
    missing_reason: str | None = None


def asset_name(item_id: str) -> str:
    """The crop's file name for an item id: only letters, digits, `.`, `_` and `-`."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", item_id) + ".png"


class CropMaker:
    """Writes the crops of one report: source PDFs from a data dir, figure crops from the snapshot."""

    def __init__(self, data_dir: Path, snapshot_path: Path, out_dir: Path, dpi: int = 120) -> None:
        self.store = DataStore(data_dir)
        self.snapshot_path = snapshot_path
        self.assets = out_dir / ASSETS
        self.dpi = dpi

    def table_crop(self, table: TableEntry) -> Crop:
        """The table's region of its page, rendered from the source PDF."""
        return self._render(table.doc_id, table.page, table.bbox, asset_name(table.table_id))

    def figure_crop(self, figure: FigureEntry) -> Crop:
        """The figure's crop from the snapshot (`image_path`), or rendered from the source PDF without one."""
        name = asset_name(figure.figure_id)
        if figure.image_path:
            published = self.snapshot_path / figure.image_path
            if published.is_file():
                self.assets.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(published, self.assets / name)
                return Crop(src=f"{ASSETS}/{name}")
        return self._render(figure.doc_id, figure.page, figure.bbox, name)

    def _render(self, doc_id: str, page: int, bbox: tuple[float, float, float, float], name: str) -> Crop:
        pdf = self.store.source_pdf(doc_id)
        if not pdf.is_file():
            return Crop(missing_reason=f"no crop: the source PDF is missing from the data dir (sources/{pdf.name})")
        if not self.store.holds_pdf(doc_id):
            return Crop(missing_reason="no crop: the stored source is not a PDF")
        self.assets.mkdir(parents=True, exist_ok=True)
        try:
            render_crop(pdf, page, bbox, self.assets / name, dpi=self.dpi, margin=CROP_MARGIN)
        except Exception as exc:  # noqa: BLE001  # MuPDF's errors are not one class; the item stays, uncropped
            return Crop(missing_reason=f"no crop: {type(exc).__name__}: {exc}")
        return Crop(src=f"{ASSETS}/{name}")
