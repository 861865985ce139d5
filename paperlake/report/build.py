"""`build_report`: one snapshot of a data dir written as a static report, DIR/index.html with its crops under
DIR/assets/. Reads the snapshot, renders the crops (the slow part, reported item by item), writes the page.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from paperlake.report.gather import read_report_data
from paperlake.report.images import Crop, CropMaker
from paperlake.report.page import report_html
from paperlake.store import atomic_write_bytes

ProgressCallback = Callable[[int, int, str], None]
"""Called after each item's crop with (items done, items in all, the item's id)."""


@dataclass(frozen=True)
class ReportResult:
    """What a report holds: its page, the snapshot it shows, its counts, and the items left without a crop."""

    index: Path
    snapshot_id: str
    documents: int
    tables: int
    figures: int
    without_crop: tuple[tuple[str, str], ...]
    """(item id, reason) of each item shown without its crop."""


def build_report(data_dir: Path, out_dir: Path, snapshot: str = "CURRENT", dpi: int = 120,
                 on_progress: ProgressCallback | None = None) -> ReportResult:
    """Write the report of a snapshot (id, unique prefix or CURRENT) to out_dir/index.html and out_dir/assets/.

    KeyError when the data dir has no such snapshot (nothing published yet, or an unknown id)."""
    data_dir = Path(data_dir).resolve()
    data = read_report_data(data_dir, snapshot)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    maker = CropMaker(data_dir, data.snapshot_path, out_dir, dpi=dpi)
    jobs: list[tuple[str, Callable[[], Crop]]] = (
        [(t.table_id, lambda t=t: maker.table_crop(t)) for t in data.tables]
        + [(f.figure_id, lambda f=f: maker.figure_crop(f)) for f in data.figures])
    crops: dict[str, Crop] = {}
    for done, (item_id, make) in enumerate(jobs, start=1):
        crops[item_id] = make()
        if on_progress is not None:
            on_progress(done, len(jobs), item_id)
    index = out_dir / "index.html"
    atomic_write_bytes(index, report_html(data, crops).encode("utf-8", errors="replace"), mode=0o644)
    return ReportResult(index=index, snapshot_id=data.snapshot_id, documents=len(data.documents),
                        tables=len(data.tables), figures=len(data.figures),
                        without_crop=tuple((item_id, crop.missing_reason or "") for item_id, crop in crops.items()
                                           if crop.src is None))
