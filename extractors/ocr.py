"""The one module that owns the OCR engine (RapidOCR with the PP-OCRv4 ONNX models shipped in its wheel).

The engine is created lazily, once per process, on the first scanned page; importing this module loads
nothing. rapidocr-onnxruntime is a core dependency; where it is missing anyway, scanned pages keep their
(empty) vector reading and the pipeline says so.
"""
from __future__ import annotations

import functools
import importlib.util
import logging
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from extractors.model import ExtractorInfo
from extractors.ocr_records import OcrBox, boxes_from_rapidocr, page_from_ocr
from extractors.page_content import PageContent

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
    return RapidOCR(**kwargs)


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
    gray = rgb.mean(axis=2)
    content = page_from_ocr(page.number, page.width, page.height, boxes, gray, scale, options.min_score)
    kept = [b.score for b in boxes if b.score >= options.min_score]
    return content, (sum(kept) / len(kept) if kept else 0.0)
