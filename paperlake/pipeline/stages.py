"""The per-document stages behind the Dagster assets: ingest, extract, validate, route.

Each stage reads the previous stage's output from the data dir, writes its own atomically with a
done-marker, and is skipped when that marker already records the same versions and the same output of the
stage before (each marker carries a fresh `generation` id; the next stage records the one it read): a
re-run after a crash finishes only the missing work, an unchanged PDF is not re-extracted, and a document
extracted again (after a limit or a crash) is validated and routed again.

A failure in the isolated child is recorded by how certain it is: a limit (timeout, out of memory) stands
until the limits change; a death whose cause is unknown (a SIGKILL from the kernel's out-of-memory killer, a
crash) is tried again on the next run, until it has happened `MAX_CRASHES` runs in a row.
"""
from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from extractors import figures as figure_finder
from extractors import tables as table_finder
from extractors.model import DocumentExtraction
from extractors.models.second_opinion import ModelSet
from extractors.ocr import OcrOptions
from extractors.pdf_checks import inspect_pdf
from extractors.pdf_reader import PdfOpenError, page_count
from extractors.pipeline import ExtractionOptions, extract_document
from extractors.text_quality import GARBLED_REASON
from paperlake import __version__ as PIPELINE_VERSION
from paperlake.calibration.model import calibrators_for, fingerprint
from paperlake.faults import crash_point
from paperlake.pipeline.fanout import model_threads, reader_count
from paperlake.pipeline.frames import (ITEM_TABLES, DocumentRow, ExtractedFiles, documents_frame, extraction_frames,
                                       parquet_bytes)
from paperlake.pipeline.isolation import IsolationError, Limits, release_worker, run_limited
from paperlake.pipeline.routing import route_items
from paperlake.pipeline.summary import PAGE_PATHS_FILE
from paperlake.settings import Settings, load_settings
from paperlake.store import DataStore
from schemas.dataset import empty_frame
from schemas.validate import validate_frames

log = logging.getLogger(__name__)

DOCUMENT, EXTRACTION, VALIDATION, REVIEW = "document", "extraction", "validation", "review"
ALL_TABLES = ("documents",) + ITEM_TABLES
MAX_CRASHES = 3
"""Runs in a row a document may crash its reader (a cause not known) before the failure stands like a limit's."""


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


def ingest(store: DataStore, doc_id: str, settings: Settings | None = None) -> StageOutcome:
    """Open the registered PDF once (in a limited child process): page count, title and the safety checks.

    Not a PDF, unreadable, encrypted with a password, no pages, oversized pages or images (decompression
    bombs), a timeout or running out of memory: status failed with the reason, quarantined. A damaged
    file MuPDF could repair: status partial with the reason, quarantined too, extraction goes on.
    """
    settings = settings or load_settings(store.root)
    source = store.source(doc_id)
    limits = document_limits(settings)
    marker = store.stage_marker(doc_id, DOCUMENT)
    if marker and marker.get("pipeline_version") == PIPELINE_VERSION and _still_stands(marker, limits):
        return StageOutcome(doc_id, source.file_name, True, {"pages": marker["n_pages"]}, marker.get("error"))
    status, error, n_pages, title = "ok", None, 0, None
    failure: IsolationError | None = None
    try:
        info = _isolated(inspect_pdf, limits, str(store.source_pdf(doc_id)), settings.crop_dpi)
        n_pages, title = info.n_pages, info.title
        if info.check.fatal:
            status, error = "failed", "; ".join(info.check.fatal)
        elif info.check.warnings:
            status, error = "partial", "; ".join(info.check.warnings)
    except PdfOpenError as exc:
        status, error = "failed", str(exc)
    except IsolationError as exc:
        failure = exc
        status, error = "failed", f"opening the PDF: {_failure_text(exc, marker)}"
    except Exception as exc:  # any other reader failure is this document's problem, never the batch's
        log.exception("opening %s failed", doc_id)
        status, error = "failed", f"not a readable PDF: {type(exc).__name__}: {exc}"
    if error:
        error = _without_store_path(error, store, doc_id)
        store.quarantine(doc_id, f"{status}: {error}")
    row = DocumentRow(doc_id, source.file_name, source.source_uri, n_pages, title, source.ingested_at,
                      PIPELINE_VERSION, status, error)
    store.write_stage(doc_id, DOCUMENT, {"documents": documents_frame([row])}, {},
                      {"pipeline_version": PIPELINE_VERSION, "n_pages": n_pages, "status": status, "error": error,
                       "generation": _generation(), **_failure_marker(failure, limits, marker)})
    return StageOutcome(doc_id, source.file_name, False, {"pages": n_pages}, error if status == "failed" else None)


COUNT_PAGES_S = 10.0
"""How long the readers' one call that counts a run's pages may take (plus a hundredth of a second a PDF);
past it, or when it fails, documents are taken largest file first."""


def page_counts(paths: list[str]) -> list[int]:
    """Each PDF's page count, 0 where it does not open (run in a reader: the run's own process opens no PDF)."""
    return [page_count(path) for path in paths]


def reading_sizes(store: DataStore, doc_ids: list[str], settings: Settings, known: Mapping[str, int] | None = None,
                  keep_reader: bool = False) -> dict[str, int]:
    """Each document's page count (`known`'s, its ingest marker's, else counted in one reader call, bounded in
    time): what readers side by side take the longest first by. A file's bytes said little of its reading time:
    realdev's R02 (365 kB, 13 pages, OCR of three) came 16th of 23 by size and ended the run alone. The reader
    that counted ends, unless `keep_reader` (its thread reads documents next)."""
    pages: dict[str, int] = {}
    todo = []
    for doc_id in doc_ids:
        marker = store.stage_marker(doc_id, DOCUMENT) if store.is_registered(doc_id) else None
        if known and doc_id in known:
            pages[doc_id] = known[doc_id]
        elif marker and marker.get("n_pages"):
            pages[doc_id] = int(marker["n_pages"])
        elif store.is_registered(doc_id):
            todo.append(doc_id)
    limits = document_limits(settings)
    if todo and limits.active:
        bound = COUNT_PAGES_S + 0.01 * len(todo)
        try:
            counts = run_limited(page_counts, [str(store.source_pdf(d)) for d in todo],
                                 limits=Limits(min(limits.timeout_s or bound, bound), limits.memory_mb))
            pages.update(zip(todo, counts))
        except Exception as exc:  # noqa: BLE001 - the order is a matter of speed only
            log.info("page counts not read (%s): documents taken largest file first", exc)
        finally:
            if not keep_reader:
                release_worker()
    return pages


def source_size(store: DataStore, doc_id: str) -> int:
    """The registered PDF's size in bytes (0 when it cannot be read): the order among documents of as many pages."""
    try:
        return store.source_pdf(doc_id).stat().st_size if store.is_registered(doc_id) else 0
    except OSError:
        return 0


def document_limits(settings: Settings) -> Limits:
    """The per-document time and memory limits the settings ask for."""
    return Limits(timeout_s=settings.document_timeout_s, memory_mb=settings.document_memory_mb)


def _isolated(function, limits: Limits, *args):  # type: ignore[no-untyped-def]
    """function(*args) in a limited child process, or in this one when no limit is set."""
    return run_limited(function, *args, limits=limits) if limits.active else function(*args)


def _still_stands(marker: dict, limits: Limits) -> bool:
    """Whether a stage's marker holds for these limits: a failure on a limit is tried again once the limits
    change, a failure whose cause is not certain (marked `retry`) on the next run; any other marker stands."""
    return not marker.get("retry") and ("limits" not in marker or marker["limits"] == limits.__dict__)


def _failure_marker(failure: IsolationError | None, limits: Limits, previous: dict | None) -> dict[str, object]:
    """What a stage's marker records of its child's failure: the limits when the failure is certain (tried
    again when they change); for a death of unknown cause, `retry` and the count of such deaths in a row,
    until MAX_CRASHES of them make it stand like a limit's."""
    if failure is None:
        return {}
    if failure.certain:
        return {"limits": limits.__dict__}
    crashes = _crashes(previous) + 1
    if crashes >= MAX_CRASHES:
        return {"limits": limits.__dict__, "crashes": crashes}
    return {"retry": True, "crashes": crashes}


def _crashes(previous: dict | None) -> int:
    """Deaths of unknown cause in a row before this run (counted while the stage was being retried)."""
    return int(previous.get("crashes", 0)) if previous and previous.get("retry") else 0


def _failure_text(failure: IsolationError, previous: dict | None) -> str:
    """The failure's message, saying so when it has happened MAX_CRASHES runs in a row and now stands."""
    if failure.certain or _crashes(previous) + 1 < MAX_CRASHES:
        return str(failure)
    return f"{failure} ({MAX_CRASHES} runs in a row; tried again when the limits change)"


def _generation() -> str:
    """A fresh id for a stage's output: the next stage re-runs when the output it read was replaced."""
    return uuid.uuid4().hex


def extract_pdf(path: str, crop_dpi: int, ocr: str = "auto", threads: int | None = None) -> DocumentExtraction:
    """extract_document on a file path (the function a child process runs); ocr is auto, on or off; threads
    caps the CPU threads of the layout model and of OCR (readers side by side share the cores: OCR with ONNX
    Runtime's default threads took 37 CPU s for realdev's three pages of table images, with one 24 s, and
    read the same text)."""
    crash_point("extract.reader")  # the fault tests' stand-in for a reader that segfaults on this PDF
    enabled = {"auto": None, "on": True, "off": False}[ocr]
    return extract_document(Path(path), ExtractionOptions(crop_dpi=crop_dpi,
                                                          ocr=OcrOptions(enabled=enabled, threads=threads or 0),
                                                          model_threads=threads))


def extract_files(doc_id: str, path: str, crop_dpi: int, ocr: str = "auto", threads: int | None = None
                  ) -> ExtractedFiles:
    """extract_pdf, then the document's item frames as the Parquet files the extract stage writes (the
    function a child process runs: frames and Parquet were 20-30 ms a document of the run's own process)."""
    extraction = extract_pdf(path, crop_dpi, ocr, threads)
    frames, images = extraction_frames(doc_id, extraction)
    return ExtractedFiles({f"{name}.parquet": parquet_bytes(frame) for name, frame in frames.items()}, images,
                          _counts(frames), len(garbled_items(frames)), [list(size) for size in extraction.page_sizes],
                          list(extraction.page_paths), list(extraction.warnings))


def _counts(frames: dict[str, pd.DataFrame]) -> dict[str, int]:
    return {"tables": len(frames["tables"]), "figures": len(frames["figures"]), "cells": len(frames["table_cells"])}


def extraction_versions(settings: Settings) -> dict[str, object]:
    """Everything that changes what extraction produces; a change re-extracts the document."""
    versions: dict[str, object] = {"pipeline": PIPELINE_VERSION, "tables": table_finder.EXTRACTOR.method,
                                   "figures": figure_finder.EXTRACTOR.method, "crop_dpi": settings.crop_dpi}
    if settings.ocr != "auto":  # left out when auto, so markers written before the setting existed stay valid
        versions["ocr"] = settings.ocr
    models = ModelSet.from_env().names()
    if models:  # likewise: only a configured model changes what extraction produces
        versions["models"] = models
    return versions


def extract(store: DataStore, doc_id: str, settings: Settings) -> StageOutcome:
    """Extract tables and figures (with crops) from one document; failures become the document's status."""
    source = store.source(doc_id)
    versions = extraction_versions(settings)
    limits = document_limits(settings)
    ingested = (store.stage_marker(doc_id, DOCUMENT) or {}).get("generation")
    marker = store.stage_marker(doc_id, EXTRACTION)
    if (marker and marker.get("versions") == versions and _still_stands(marker, limits)
            and marker.get("document") == ingested):
        return StageOutcome(doc_id, source.file_name, True, marker["counts"], marker.get("error"))
    document = store.read_frames(doc_id, DOCUMENT, ("documents",))["documents"]
    counts: dict[str, int] | None = None  # the extraction's, once there is one
    images: dict[str, bytes] = {}  # and the item frames' Parquet files, once extracted
    page_sizes: list[list[float]] = []
    page_paths: list[str] = []
    error = document.loc[0, "error"] if document.loc[0, "status"] == "failed" else None
    failure: IsolationError | None = None
    if error is None:
        try:
            threads = model_threads(reader_count(settings.document_workers, limits))
            extracted = _isolated(extract_files, limits, doc_id, str(store.source_pdf(doc_id)), settings.crop_dpi,
                                  settings.ocr, threads)
            images, counts = {**extracted.parquet, **extracted.images}, extracted.counts
            page_sizes, page_paths = extracted.page_sizes, extracted.page_paths
            notes = list(extracted.warnings)
            garbled = extracted.garbled
            if garbled:
                notes.append(f"garbled text in {garbled} item(s) (a font without a Unicode map?): sent to review")
            if notes:
                earlier = document.loc[0, "error"] if document.loc[0, "status"] == "partial" else None
                document = _with_status(document, "partial", "; ".join([earlier, *notes] if earlier else notes))
                store.quarantine(doc_id, f"partial: {document.loc[0, 'error']}")
        except Exception as exc:  # a crash inside one PDF must not stop the batch
            if isinstance(exc, IsolationError):
                failure = exc
                error = f"extraction failed: {_failure_text(exc, marker)}"
            else:
                log.exception("extraction failed for %s", doc_id)
                error = f"extraction failed: {type(exc).__name__}: {exc}"
            error = _without_store_path(error, store, doc_id)
            document = _with_status(document, "failed", error)
            store.quarantine(doc_id, error)
    frames = {} if counts is not None else {name: empty_frame(name) for name in ITEM_TABLES}  # nothing extracted
    counts = _counts(frames) if counts is None else counts
    files = {path: data for path, data in images.items()}
    files["page_sizes.json"] = json.dumps(page_sizes).encode()
    files[PAGE_PATHS_FILE] = json.dumps(page_paths).encode()
    crash_point("extract.before_write")
    store.write_stage(doc_id, EXTRACTION, {"documents": document, **frames}, files,
                      {"versions": versions, "counts": counts, "error": error, "generation": _generation(),
                       **({"document": ingested} if ingested else {}), **_failure_marker(failure, limits, marker)})
    return StageOutcome(doc_id, source.file_name, False, counts, error)


def validate(store: DataStore, doc_id: str) -> StageOutcome:
    """Validate one document's frames with the pandera schemas and cross-table rules; never drops items."""
    source = store.source(doc_id)
    extraction_marker = store.stage_marker(doc_id, EXTRACTION) or {}
    extracted = extraction_marker.get("generation")  # None: written before generations (then versions decide)
    marker = store.stage_marker(doc_id, VALIDATION)
    if (marker and marker.get("extraction") == extraction_marker.get("versions")
            and marker.get("extraction_generation") == extracted):
        return StageOutcome(doc_id, source.file_name, True, {"failures": marker["n_failures"]})
    frames = store.read_frames(doc_id, EXTRACTION, ALL_TABLES)
    report = validate_frames(frames, page_sizes=_page_sizes(store, doc_id))
    reasons = report.reasons_by_item()
    store.write_stage(doc_id, VALIDATION, {}, {"failures.json": json.dumps(reasons, sort_keys=True).encode()},
                      {"extraction": extraction_marker.get("versions"), "n_failures": len(report.failures),
                       "by_table": report.summary(), "generation": _generation(),
                       **({"extraction_generation": extracted} if extracted else {})})
    return StageOutcome(doc_id, source.file_name, False, {"failures": len(report.failures)})


def route(store: DataStore, doc_id: str, settings: Settings) -> StageOutcome:
    """Calibrate each item's confidence (the data dir's calibrator, else the shipped one) and mark it
    auto_accepted or needs_review (low confidence, invalid, or a never-auto-accept rule), keeping every item."""
    source = store.source(doc_id)
    validation_marker = store.stage_marker(doc_id, VALIDATION) or {}
    calibrators = calibrators_for(store.root)
    key = {"validation": validation_marker.get("extraction"), "threshold": settings.review_threshold,
           "calibration": fingerprint(calibrators)}
    if validation_marker.get("generation"):  # absent from markers written before generations
        key["validation_generation"] = validation_marker["generation"]
    marker = store.stage_marker(doc_id, REVIEW)
    if marker and marker.get("key") == key:
        return StageOutcome(doc_id, source.file_name, True, marker["counts"])
    frames = store.read_frames(doc_id, EXTRACTION, ALL_TABLES)
    failures = json.loads((store.stage_dir(doc_id, VALIDATION) / "failures.json").read_text(encoding="utf-8"))
    routed = route_items(frames, with_garbled(frames, failures), settings.review_threshold, calibrators)
    needs = int((routed["tables"]["review_status"] == "needs_review").sum()
                + (routed["figures"]["review_status"] == "needs_review").sum())
    counts = {"needs_review": needs, "auto_accepted": len(routed["tables"]) + len(routed["figures"]) - needs}
    unchanged = [name for name in ALL_TABLES if routed[name] is frames[name]]  # passed on as extraction wrote them
    extracted = store.stage_dir(doc_id, EXTRACTION)
    store.write_stage(doc_id, REVIEW, {name: routed[name] for name in ALL_TABLES if name not in unchanged}, {},
                      {"key": key, "counts": counts, "routed_at": datetime.now(timezone.utc).isoformat()},
                      links={f"{name}.parquet": extracted / f"{name}.parquet" for name in unchanged})
    return StageOutcome(doc_id, source.file_name, False, counts)


def with_garbled(frames: dict[str, pd.DataFrame], failures: dict[str, list[str]]) -> dict[str, list[str]]:
    """Validation failures plus a garbled-text reason for every item the extractor marked garbled, so such an
    item goes to review whatever the threshold (its confidence alone could pass a threshold of 0)."""
    merged = {key: list(value) for key, value in failures.items()}
    for item_id in garbled_items(frames):
        merged.setdefault(item_id, []).append(GARBLED_REASON)
    return merged


def garbled_items(frames: dict[str, pd.DataFrame]) -> list[str]:
    """Ids of the tables and figures whose evidence says their text is garbled."""
    return [item_id for table, id_column in (("tables", "table_id"), ("figures", "figure_id"))
            for item_id, evidence in zip(frames[table][id_column], frames[table]["evidence"])
            if evidence and "garbled_text" in json.loads(evidence)]


def _without_store_path(error: str, store: DataStore, doc_id: str) -> str:
    """The error with the data dir's copy of the PDF named by its file name (paths are noise to curators)."""
    return error.replace(str(store.source_pdf(doc_id)), store.source(doc_id).file_name)


def _with_status(document: pd.DataFrame, status: str, error: str) -> pd.DataFrame:
    document = document.copy()
    document.loc[0, "status"] = status
    document.loc[0, "error"] = error
    return document


def _page_sizes(store: DataStore, doc_id: str) -> dict[tuple[str, int], tuple[float, float]]:
    path = store.stage_dir(doc_id, EXTRACTION) / "page_sizes.json"
    sizes = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    return {(doc_id, i + 1): (w, h) for i, (w, h) in enumerate(sizes)}
