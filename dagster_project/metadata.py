"""Materialization metadata for the UI: a preview table of extracted tables and small figure thumbnails.

Items are named as people know them: by file name and label (the ids, shared prefixes, are kept in the
last column). Text taken from a PDF (file names, labels) reaches metadata only as escaped Markdown, so it
reads as the characters it is, never as markup (tests/security); captions stay out. Thumbnails are PNGs
shrunk to a few KB, embedded as base64 `data:` URIs.
"""
from __future__ import annotations

import base64
from pathlib import Path

import pandas as pd
import pymupdf

from paperlake.escaping import markdown_text, terminal_text

PREVIEW_ROWS = 10
THUMBNAILS = 6
THUMBNAIL_PX = 160


def escape_md(text: object, limit: int = 80) -> str:
    """Text safe inside a Markdown table cell or image alt text: one line, at most `limit` characters, control
    characters and bidirectional overrides written out (`\\x1b`, `\\u202e`), every Markdown and HTML character
    escaped (paperlake.escaping)."""
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else " ".join(str(text).split())
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return markdown_text(terminal_text(value))


def item_label(label: object, page: object) -> str:
    """What a table is called: its label ('Table 3'), or 'unlabelled, page N' when it has none."""
    text = "" if label is None or (isinstance(label, float) and pd.isna(label)) else " ".join(str(label).split())
    return text or f"unlabelled, page {page}"


def item_preview_lines(tables: pd.DataFrame) -> list[str]:
    """Markdown table cells per table: label, page, rows × cols, confidence, review status (no outer pipes)."""
    return [f"{escape_md(item_label(row.label, row.page), 40)} | {row.page} | {row.n_rows} × {row.n_cols} "
            f"| {row.confidence:.2f} | {escape_md(row.review_status, 20)}"
            for row in tables.itertuples(index=False)]


def tables_preview(tables: pd.DataFrame, documents: pd.DataFrame, rows: int = PREVIEW_ROWS) -> str:
    """The first tables of a snapshot as a Markdown table: file, label, page, shape, confidence, status, id."""
    if tables.empty:
        return "_no tables_"
    names = dict(zip(documents["doc_id"], documents["file_name"]))
    shown = tables.head(rows)
    lines = ["| file | table | page | rows × cols | confidence | review | table_id |",
             "|---|---|---|---|---|---|---|"]
    for doc_id, table_id, cells in zip(shown["doc_id"], shown["table_id"], item_preview_lines(shown)):
        lines.append(f"| {escape_md(names.get(doc_id, doc_id), 60)} | {cells} | {escape_md(table_id, 60)} |")
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
