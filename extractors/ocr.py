"""The one module that owns the OCR engine (RapidOCR with the PP-OCRv4 ONNX models shipped in its wheel).

The engine is created lazily, once per process, on the first scanned page; importing this module loads
nothing. rapidocr-onnxruntime is a core dependency; where it is missing anyway, scanned pages keep their
(empty) vector reading and the pipeline says so.
"""
from __future__ import annotations

import dataclasses
import functools
import importlib.util
import logging
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from extractors.model import ExtractorInfo
from extractors.ocr_records import (
    OcrBox,
    boxes_from_rapidocr,
    page_from_ocr,
    recover_minus_signs,
    text_lines_of,
)
from extractors.page_content import PageContent, TextLine
from extractors.raster_profile import channel_mean
from extractors.types import BBox

log = logging.getLogger(__name__)

ENGINE = ExtractorInfo("rapidocr-ppocrv4", "1.4.4")


def ocr_available() -> bool:
    """Whether the OCR engine's package is installed (checked without importing it)."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


@dataclass(frozen=True)
class OcrOptions:
    """When and how pages without a usable text layer are read by OCR."""

    enabled: bool | None = None  # None: on when rapidocr-onnxruntime is installed
    dpi: int = 150  # render resolution of the page image given to OCR
    min_score: float = 0.5  # OCR lines scored below this are dropped
    threads: int = 0  # ONNX Runtime intra-op threads; 0 lets it choose

    def __post_init__(self) -> None:
        if not 72 <= self.dpi <= 600:
            raise ValueError(f"ocr dpi must be within 72..600, got {self.dpi}")
        if not 0 <= self.min_score <= 1:
            raise ValueError(f"ocr min_score must be within 0..1, got {self.min_score}")
        if self.threads < 0:
            raise ValueError(f"ocr threads must be >= 0, got {self.threads}")

    @property
    def active(self) -> bool:
        return ocr_available() if self.enabled is None else self.enabled


_LOCK = threading.Lock()


@functools.lru_cache(maxsize=None)
def _engine(threads: int) -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise RuntimeError("OCR is enabled (ExtractionOptions.ocr.enabled) but rapidocr-onnxruntime is not "
                           "installed: pip install rapidocr-onnxruntime==1.4.4") from exc
    kwargs: dict[str, Any] = {"print_verbose": False, "text_score": 0.0}  # OcrOptions.min_score filters
    if threads:
        kwargs["intra_op_num_threads"] = threads
    log.info("loading the OCR engine (%s)", ENGINE.method)
    engine = RapidOCR(**kwargs)
    _with_shrinking_arenas(engine)
    return engine


class _ShrinkingArena:
    """An ONNX Runtime session whose every run gives its memory arena back at the end (the rest delegated):
    the buffers are reused within a run, none are kept between runs."""

    def __init__(self, session: Any) -> None:
        import onnxruntime as ort

        self._session = session
        self._options = ort.RunOptions()
        self._options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def run(self, output_names: Any, input_feed: Any, run_options: Any = None) -> Any:
        return self._session.run(output_names, input_feed, self._options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


def _with_shrinking_arenas(engine: Any) -> int:
    """Re-open RapidOCR's ONNX sessions with a memory arena that shrinks after each run; returns how many.
    RapidOCR opens them without an arena: the first page's detection then took 1.9 CPU s instead of 1.2
    (realdev R02, one thread; the later pages the same), with the same boxes and text and no more memory
    kept (an arena kept between runs: -15% CPU, +375 MB). Sessions it does not hold where expected stay."""
    import onnxruntime as ort

    reopened = 0
    holders = [getattr(getattr(engine, part, None), attr, None)
               for part, attr in (("text_det", "infer"), ("text_cls", "infer"), ("text_rec", "session"))]
    for holder in holders:
        session = getattr(holder, "session", None)
        path = getattr(session, "_model_path", None)
        if not isinstance(session, ort.InferenceSession) or not path:
            continue
        options = session.get_session_options()  # RapidOCR's own (threads, optimisation level), the arena on
        options.enable_cpu_mem_arena = True
        holder.session = _ShrinkingArena(ort.InferenceSession(path, sess_options=options,
                                                              providers=session.get_providers()))
        reopened += 1
    return reopened


def ocr_image(rgb: np.ndarray, threads: int = 0) -> list[OcrBox]:
    """Text lines found in an RGB image (H×W×3 uint8), with per-character boxes, in pixels."""
    with _LOCK:
        engine = _engine(threads)
    bgr = np.ascontiguousarray(rgb[:, :, ::-1])
    # Pages are rendered upright: the 180° line classifier only misfires (it flipped dense body lines into
    # garbage) and costs a third of the time.
    result, _ = engine(bgr, return_word_box=True, use_cls=False)
    return boxes_from_rapidocr(result)


def ocr_page(page: PageContent, rgb: np.ndarray, options: OcrOptions = OcrOptions()) -> tuple[PageContent, float]:
    """The page re-read from its image: OCR text lines, pixel rules and graphic areas; and the mean OCR score."""
    boxes = ocr_image(rgb, options.threads)
    scale = page.width / rgb.shape[1]
    gray = channel_mean(rgb)
    content = page_from_ocr(page.number, page.width, page.height, boxes, gray, scale, options.min_score)
    kept = [b.score for b in boxes if b.score >= options.min_score]
    return content, (sum(kept) / len(kept) if kept else 0.0)


def ocr_region_lines(rgb: np.ndarray, origin: tuple[float, float], scale: float,
                     options: OcrOptions = OcrOptions()) -> tuple[TextLine, ...]:
    """Text lines OCR'd from an image of one page region, in page points (`origin`: the region's top left,
    `scale`: points per pixel); leading minus signs the recogniser dropped are given back."""
    boxes = recover_minus_signs(ocr_image(rgb, options.threads), channel_mean(rgb))
    lines = text_lines_of(boxes, scale, options.min_score)
    ox, oy = origin
    return tuple(dataclasses.replace(
        ln, bbox=_shifted(ln.bbox, ox, oy),
        words=tuple(dataclasses.replace(w, bbox=_shifted(w.bbox, ox, oy)) for w in ln.words)) for ln in lines)


def _shifted(box: BBox, dx: float, dy: float) -> BBox:
    return (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
