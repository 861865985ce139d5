"""PyMuPDF 2's page-layout model: region boxes with a class (text, table, picture, list-item, ...) per page.

Its ONNX weights ship inside the pymupdf_layout wheel, so it runs offline on the CPU (about 0.2 s a page).
paperlake asks it only where the vector cues are weak: `extract_document` calls it for pages where the
table finder found a table without a caption, to ask whether that block is a table or prose. The model
is loaded on first use, once per process (extractors/__init__.py keeps PyMuPDF from loading it at import).
"""
from __future__ import annotations

import sys
from functools import cache

import pymupdf

from extractors.model import ExtractorInfo, LayoutBox


@cache
def layout_model() -> ExtractorInfo:
    """Load the model once (PyMuPDF keeps it as its page-layout function) and say which version it is."""
    if sys.modules.get("pymupdf.layout", False) is None:
        del sys.modules["pymupdf.layout"]  # marked absent at import to keep it out of processes that never ask
    from pymupdf import layout

    layout.activate()
    _keep_glyph_settings()
    return ExtractorInfo("pymupdf-layout", str(layout.version))


def page_layout(page: pymupdf.Page) -> tuple[LayoutBox, ...]:
    """The layout model's regions on one page, in reading order."""
    layout_model()
    page.get_layout()
    found = page.layout_information or []
    return tuple(LayoutBox((float(b[0]), float(b[1]), float(b[2]), float(b[3])), str(b[4])) for b in found)


def _keep_glyph_settings() -> None:
    """The glyph boxes the table engine is tuned on must not depend on whether the model was loaded."""
    pymupdf.TOOLS.unset_quad_corrections(True)
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
