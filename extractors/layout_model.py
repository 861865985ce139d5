"""PyMuPDF 2's page-layout model: region boxes with a class (text, table, picture, list-item, ...) per page.

Its ONNX weights ship inside the pymupdf_layout wheel, so it runs offline on the CPU (about 0.2 s a page).
paperlake asks it only where the vector cues are weak: `extract_document` calls it for pages where the
table finder found a table without a caption, to ask whether that block is a table or prose. The model
is loaded on first use, once per process (extractors/__init__.py keeps PyMuPDF from loading it at import).
"""
from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Iterator
from functools import cache
from typing import Any

import pymupdf

from extractors.model import ExtractorInfo, LayoutBox


_build_threads: int | None = None
"""The threads the model's sessions are built with (page_layout's, when it loads the model; None: PyMuPDF's own)."""


@cache
def layout_model() -> ExtractorInfo:
    """Load the model once (PyMuPDF keeps it as its page-layout function) and say which version it is."""
    global _threads_in_use
    if sys.modules.get("pymupdf.layout", False) is None:
        del sys.modules["pymupdf.layout"]  # marked absent at import to keep it out of processes that never ask
    threads = _build_threads
    with _building_model(threads) as built:
        from pymupdf import layout

        layout.activate()
    if built.sessions_with_threads:  # opened as use_threads would re-open them: nothing to open twice
        _threads_in_use = threads
    _keep_glyph_settings()
    _skip_table_grids()
    return ExtractorInfo("pymupdf-layout", str(layout.version))


GRID_MODULE = "pymupdf.layout.onnx.TableGridExtractorV2"
"""The module of the table-grid step's class (the model's default grid version, V4, uses it)."""
MODEL_MODULE = "pymupdf.layout.onnx.BoxRFDGNN"
"""The module that builds the model and opens its sessions (`make_session`)."""


class _NoTableGrid:
    """Stands in for the table-grid step while the model is built: that step is switched off (`_skip_table_grids`),
    and opening its ONNX session was 0.2 of the 0.43 CPU s each reader spent loading the model."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass


class _ModelBuild(importlib.abc.MetaPathFinder):
    """While PyMuPDF builds its model (at `pymupdf.layout`'s import): its table-grid class is `_NoTableGrid`, and
    with `threads` its sessions open with use_threads' options at once (a reader re-opened both, 0.1 CPU s)."""

    def __init__(self, threads: int | None) -> None:
        self.threads = threads
        self.replaced: dict[tuple[str, str], object] = {}
        self.sessions_with_threads = False

    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name not in (GRID_MODULE, MODEL_MODULE):
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        loader = spec.loader if spec is not None else None
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        run = loader.exec_module

        def exec_module(module):  # type: ignore[no-untyped-def]
            run(module)
            if name == GRID_MODULE:
                self._replace(module, "TableGridExtractorV2", _NoTableGrid)
            elif self.threads is not None and callable(getattr(module, "make_session", None)):
                self._replace(module, "make_session", self._make_session)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec

    def _replace(self, module: Any, attribute: str, value: object) -> None:
        self.replaced[(module.__name__, attribute)] = getattr(module, attribute)
        setattr(module, attribute, value)

    def _make_session(self, model_path: object, providers: object = None) -> object:
        import onnxruntime as ort

        self.sessions_with_threads = True
        return ort.InferenceSession(model_path, sess_options=_session_options(self.threads or 1), providers=providers)

    def restore(self) -> None:
        """Put the real class and function back (also where the model's module took a copy of the class)."""
        for (name, attribute), real in self.replaced.items():
            for holder in {name, MODEL_MODULE}:
                module = sys.modules.get(holder)
                if module is not None and getattr(module, attribute, None) in (_NoTableGrid, self._make_session):
                    setattr(module, attribute, real)


@contextlib.contextmanager
def _building_model(threads: int | None) -> Iterator[_ModelBuild]:
    """The model built as `_ModelBuild` says, and everything put back afterwards, for any other model built here."""
    build = _ModelBuild(threads)
    sys.meta_path.insert(0, build)
    try:
        yield build
    finally:
        sys.meta_path.remove(build)
        build.restore()


def _skip_table_grids() -> None:
    """Switch off the model's last step, reading a grid of cells inside each table region: it feeds only
    pymupdf4llm's Markdown, and the regions paperlake reads are final before it runs (the same regions, the
    model 6% faster on realdev's pages)."""
    wrapper = _activated_model()
    model = getattr(wrapper, "_model", wrapper)
    if getattr(model, "table_grid_extractor", None) is not None:
        model.table_grid_extractor = None


def page_layout(page: pymupdf.Page, threads: int | None = None) -> tuple[LayoutBox, ...]:
    """The layout model's regions on one page, in reading order; `threads` caps the model's CPU threads
    (None: ONNX Runtime's default, one per core)."""
    global _build_threads
    if layout_model.cache_info().currsize == 0:  # the first page builds the model: its sessions with these threads
        _build_threads = threads
    layout_model()
    if threads is not None:
        use_threads(threads)
    page.get_layout()
    found = page.layout_information or []
    return tuple(LayoutBox((float(b[0]), float(b[1]), float(b[2]), float(b[3])), str(b[4])) for b in found)


def _keep_glyph_settings() -> None:
    """The glyph boxes the table engine is tuned on must not depend on whether the model was loaded."""
    pymupdf.TOOLS.unset_quad_corrections(True)
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)


_threads_in_use: int | None = None


def use_threads(threads: int) -> int:
    """Re-open the model's ONNX sessions with at most `threads` CPU threads, no spinning and a memory arena;
    returns how many sessions were re-opened. Readers that share the cores (documents read side by side) each
    run the model with one thread: with ONNX Runtime's default (a spinning thread per core in every reader),
    two readers on two cores took 35 s each on realdev instead of 27 s. The arena keeps the buffers of one
    page for the next: realdev's 39 layout pages took 7.3 CPU s instead of 8.8-9.1 without it (PyMuPDF's
    setting, which hands memory back after each page), the same regions. The price is memory the reader keeps:
    65 MB for the model alone, 170 MB at a reader's peak (realdev in one process, OCR included: 1,010 MB
    against 839); PyMuPDF's setting back here undoes it."""
    global _threads_in_use
    if threads == _threads_in_use:
        return 0
    import onnxruntime as ort

    options = _session_options(threads)
    reopened = 0
    for owner, name, session in _sessions(_activated_model()):
        source = getattr(session, "_model_path", None) or getattr(session, "_model_bytes", None)
        if source is not None:
            setattr(owner, name, ort.InferenceSession(source, sess_options=options, providers=session.get_providers()))
            reopened += 1
    _threads_in_use = threads
    return reopened


def _session_options(threads: int) -> Any:
    """ONNX Runtime options of the model's sessions in paperlake: `threads` threads, no spinning, a memory arena."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.enable_cpu_mem_arena = True  # PyMuPDF opens them without: every page then allocates afresh
    options.intra_op_num_threads = options.inter_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


def _activated_model() -> object | None:
    """The model object PyMuPDF's page-layout function calls (held in that function's closure)."""
    cells = getattr(getattr(pymupdf, "_get_layout", None), "__closure__", None) or ()
    return next((c.cell_contents for c in cells if hasattr(c.cell_contents, "predict")), None)


def _sessions(root: object | None, depth: int = 3) -> list[tuple[object, str, object]]:
    """(owner, attribute, session) for every ONNX Runtime session reachable from the model's objects."""
    import onnxruntime as ort

    found: list[tuple[object, str, object]] = []
    seen: set[int] = set()

    def walk(obj: object, left: int) -> None:
        if id(obj) in seen or left < 0 or not hasattr(obj, "__dict__"):
            return
        seen.add(id(obj))
        for name, value in vars(obj).items():
            if isinstance(value, ort.InferenceSession):
                found.append((obj, name, value))
            elif type(value).__module__.startswith("pymupdf"):
                walk(value, left - 1)

    if root is not None:
        walk(root, depth)
    return found
