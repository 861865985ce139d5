"""Materialization metadata for the UI: a preview table of extracted tables and small figure thumbnails.

No text taken from a PDF (file names, labels, captions) goes into metadata (tests/security): items are
named by their ids, and whatever text is shown is escaped first. Thumbnails are PNGs shrunk to a few KB,
embedded as base64 `data:` URIs.
"""
from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd
import pymupdf

PREVIEW_ROWS = 10
THUMBNAILS = 6
THUMBNAIL_PX = 160


def escape_md(text: object, limit: int = 80) -> str:
    """Text safe inside a Markdown table cell or image alt text: one line, no pipes, brackets or HTML."""
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else " ".join(str(text).split())
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    value = html.escape(value, quote=True)
    for char in "\\|[]()`*_":
        value = value.replace(char, "\\" + char)
    return value


def tables_preview(tables: pd.DataFrame, documents: pd.DataFrame, rows: int = PREVIEW_ROWS) -> str:
    """The first tables of a snapshot as a Markdown table: file, page, label, shape, confidence, status, caption."""
    if tables.empty:
        return "_no tables_"
    lines = ["| document | table | page | rows × cols | confidence | review |",
             "|---|---|---|---|---|---|"]
    for row in tables.head(rows).itertuples(index=False):
        lines.append(f"| {escape_md(str(row.doc_id)[:12])} | {escape_md(str(row.table_id)[:16])} | {row.page} "
                     f"| {row.n_rows} × {row.n_cols} | {row.confidence:.2f} | {escape_md(row.review_status, 20)} |")
    if len(tables) > rows:
        lines.append(f"\n_{len(tables) - rows} more in the catalog_")
    return "\n".join(lines)


def thumbnail_png(png: Path, max_px: int = THUMBNAIL_PX) -> bytes:
    """A PNG shrunk by powers of two until its longer side is at most `max_px`."""
    pix = pymupdf.Pixmap(str(png))
    steps = 0
    while max(pix.width, pix.height) >> steps > max_px and steps < 8:
        steps += 1
    if steps:
        pix.shrink(steps)
    return pix.tobytes("png")


def figure_thumbnails(figures: pd.DataFrame, snapshot_dir: Path, limit: int = THUMBNAILS) -> str:
    """Markdown with up to `limit` figure crops of a snapshot as small inline images, captions as alt text."""
    shown = []
    for row in figures.dropna(subset=["image_path"]).head(limit).itertuples(index=False):
        path = Path(snapshot_dir) / row.image_path
        if not path.is_file():
            continue
        data = base64.b64encode(thumbnail_png(path)).decode("ascii")
        alt = escape_md(str(row.figure_id), 60)
        shown.append(f"![{alt}](data:image/png;base64,{data})")
    return "\n".join(shown) if shown else "_no figure crops_"


def reliability_metadata(items: pd.DataFrame) -> dict[str, object]:
    """Reliability of confidence by curators' outcomes (as `paperlake review stats` prints it): per kind the
    Markdown table and ECE, the counts, and the diagram inline once anything was reviewed."""
    from dagster import MetadataValue

    from paperlake.review.reliability import (
        expected_calibration_error,
        of_kind,
        reliability_markdown,
        reliability_table,
        review_counts,
    )

    counts = review_counts(items)
    parts, panels, metadata = [], {}, {}
    for kind in ("tables", "figures"):
        table = reliability_table(of_kind(items, kind))
        ece = expected_calibration_error(table)
        parts.append(f"**{kind}**: {int(table['items'].sum())} reviewed"
                     + (f", ECE {ece:.3f}" if ece is not None else "") + "\n\n" + reliability_markdown(table))
        if ece is not None:
            panels[kind] = table
            metadata[f"reliability_ece_{kind}"] = MetadataValue.float(round(ece, 4))
    if panels:
        from paperlake.review.reliability_report import diagram_png

        png = base64.b64encode(diagram_png(panels, "reliability of confidence (curators' outcomes)", dpi=50))
        parts.append(f"![reliability diagram](data:image/png;base64,{png.decode('ascii')})")
    else:
        parts.insert(0, "_no reviewed items yet: push, review in Label Studio, pull_")
    return {"reliability": MetadataValue.md("\n\n".join(parts)),
            **{f"reviews_{name}": counts[name] for name in
               ("reviewed", "accepted_unchanged", "corrected", "rejected", "auto_accepted", "pending")},
            **metadata}
