"""The per-document stages behind the Dagster assets: ingest, extract, validate, route.

Each stage reads the previous stage's output from the data dir, writes its own atomically with a
done-marker, and is skipped when that marker already records the same versions: a re-run after a
crash finishes only the missing work, and an unchanged PDF is not re-extracted.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone

import pandas as pd

from extractors import figures as figure_finder
from extractors import tables as table_finder
from extractors.pdf_reader import PdfOpenError, open_pdf, document_title
from extractors.models.second_opinion import ModelSet
from extractors.pipeline import ExtractionOptions, extract_document
from paperlake import __version__ as PIPELINE_VERSION
from paperlake.dataset import ITEM_TABLES, DocumentRow, documents_frame, extraction_frames
from paperlake.routing import route_items
from paperlake.settings import Settings
from paperlake.store import DataStore
from paperlake.summary import PAGE_PATHS_FILE
from schemas.dataset import empty_frame
from schemas.validate import validate_frames

log = logging.getLogger(__name__)

DOCUMENT, EXTRACTION, VALIDATION, REVIEW = "document", "extraction", "validation", "review"
ALL_TABLES = ("documents",) + ITEM_TABLES


@dataclass(frozen=True)
class StageOutcome:
    """What one stage did for one document (for progress lines and run metadata)."""

    doc_id: str
    file_name: str
    skipped: bool
    counts: dict[str, int]
    error: str | None = None

    @property
    def detail(self) -> str:
        if self.error:
            return f"failed: {self.error}"
        parts = ", ".join(f"{v} {k}" for k, v in self.counts.items())
        return ("up to date" if self.skipped else "done") + (f" ({parts})" if parts else "")


def ingest(store: DataStore, doc_id: str) -> StageOutcome:
    """Open the registered PDF once: page count and title, or a failed status with the reason (quarantined)."""
    source = store.source(doc_id)
    marker = store.stage_marker(doc_id, DOCUMENT)
    if marker and marker.get("pipeline_version") == PIPELINE_VERSION:
        return StageOutcome(doc_id, source.file_name, True, {"pages": marker["n_pages"]}, marker.get("error"))
    status, error, n_pages, title = "ok", None, 0, None
    try:
        doc = open_pdf(store.source_pdf(doc_id))
        n_pages, title = doc.page_count, document_title(doc)
        doc.close()
    except PdfOpenError as exc:
        status, error = "failed", str(exc)
        store.quarantine(doc_id, error)
    row = DocumentRow(doc_id, source.file_name, source.source_uri, n_pages, title, source.ingested_at,
                      PIPELINE_VERSION, status, error)
    store.write_stage(doc_id, DOCUMENT, {"documents": documents_frame([row])}, {},
                      {"pipeline_version": PIPELINE_VERSION, "n_pages": n_pages, "status": status, "error": error})
    return StageOutcome(doc_id, source.file_name, False, {"pages": n_pages}, error)


def extraction_versions(settings: Settings) -> dict[str, object]:
    """Everything that changes what extraction produces; a change re-extracts the document."""
    return {"pipeline": PIPELINE_VERSION, "tables": table_finder.EXTRACTOR.method,
            "figures": figure_finder.EXTRACTOR.method, "crop_dpi": settings.crop_dpi,
            "models": ModelSet.from_env().names()}


def extract(store: DataStore, doc_id: str, settings: Settings) -> StageOutcome:
    """Extract tables and figures (with crops) from one document; failures become the document's status."""
    source = store.source(doc_id)
    versions = extraction_versions(settings)
    marker = store.stage_marker(doc_id, EXTRACTION)
    if marker and marker.get("versions") == versions:
        return StageOutcome(doc_id, source.file_name, True, marker["counts"], marker.get("error"))
    document = store.read_frames(doc_id, DOCUMENT, ("documents",))["documents"]
    frames: dict[str, pd.DataFrame] = {name: empty_frame(name) for name in ITEM_TABLES}
    images: dict[str, bytes] = {}
    page_sizes: list[list[float]] = []
    page_paths: list[str] = []
    error = document.loc[0, "error"] if document.loc[0, "status"] == "failed" else None
    if error is None:
        try:
            extraction = extract_document(store.source_pdf(doc_id), ExtractionOptions(crop_dpi=settings.crop_dpi))
            frames, images = extraction_frames(doc_id, extraction)
            page_sizes = [list(size) for size in extraction.page_sizes]
            page_paths = list(extraction.page_paths)
            if extraction.warnings:
                document = _with_status(document, "partial", "; ".join(extraction.warnings))
        except Exception as exc:  # a crash inside one PDF must not stop the batch
            log.exception("extraction failed for %s", doc_id)
            error = f"extraction failed: {type(exc).__name__}: {exc}"
            document = _with_status(document, "failed", error)
            store.quarantine(doc_id, error)
    counts = {"tables": len(frames["tables"]), "figures": len(frames["figures"]),
              "cells": len(frames["table_cells"])}
    files = {path: data for path, data in images.items()}
    files["page_sizes.json"] = json.dumps(page_sizes).encode()
    files[PAGE_PATHS_FILE] = json.dumps(page_paths).encode()
    store.write_stage(doc_id, EXTRACTION, {"documents": document, **frames}, files,
                      {"versions": versions, "counts": counts, "error": error})
    return StageOutcome(doc_id, source.file_name, False, counts, error)


def validate(store: DataStore, doc_id: str) -> StageOutcome:
    """Validate one document's frames with the pandera schemas and cross-table rules; never drops items."""
    source = store.source(doc_id)
    extraction_marker = store.stage_marker(doc_id, EXTRACTION) or {}
    marker = store.stage_marker(doc_id, VALIDATION)
    if marker and marker.get("extraction") == extraction_marker.get("versions"):
        return StageOutcome(doc_id, source.file_name, True, {"failures": marker["n_failures"]})
    frames = store.read_frames(doc_id, EXTRACTION, ALL_TABLES)
    report = validate_frames(frames, page_sizes=_page_sizes(store, doc_id))
    reasons = report.reasons_by_item()
    store.write_stage(doc_id, VALIDATION, {}, {"failures.json": json.dumps(reasons, sort_keys=True).encode()},
                      {"extraction": extraction_marker.get("versions"), "n_failures": len(report.failures),
                       "by_table": report.summary()})
    return StageOutcome(doc_id, source.file_name, False, {"failures": len(report.failures)})


def route(store: DataStore, doc_id: str, settings: Settings) -> StageOutcome:
    """Mark each item auto_accepted or needs_review (low confidence or invalid), keeping every item."""
    source = store.source(doc_id)
    validation_marker = store.stage_marker(doc_id, VALIDATION) or {}
    key = {"validation": validation_marker.get("extraction"), "threshold": settings.review_threshold}
    marker = store.stage_marker(doc_id, REVIEW)
    if marker and marker.get("key") == key:
        return StageOutcome(doc_id, source.file_name, True, marker["counts"])
    frames = store.read_frames(doc_id, EXTRACTION, ALL_TABLES)
    failures = json.loads((store.stage_dir(doc_id, VALIDATION) / "failures.json").read_text(encoding="utf-8"))
    routed = route_items(frames, failures, settings.review_threshold)
    needs = int((routed["tables"]["review_status"] == "needs_review").sum()
                + (routed["figures"]["review_status"] == "needs_review").sum())
    counts = {"needs_review": needs, "auto_accepted": len(routed["tables"]) + len(routed["figures"]) - needs}
    store.write_stage(doc_id, REVIEW, routed, {}, {"key": key, "counts": counts,
                                                   "routed_at": datetime.now(timezone.utc).isoformat()})
    return StageOutcome(doc_id, source.file_name, False, counts)


def _with_status(document: pd.DataFrame, status: str, error: str) -> pd.DataFrame:
    document = document.copy()
    document.loc[0, "status"] = status
    document.loc[0, "error"] = error
    return document


def _page_sizes(store: DataStore, doc_id: str) -> dict[tuple[str, int], tuple[float, float]]:
    path = store.stage_dir(doc_id, EXTRACTION) / "page_sizes.json"
    sizes = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    return {(doc_id, i + 1): (w, h) for i, (w, h) in enumerate(sizes)}
