"""The layout model as paperlake runs it (no table-grid step, built without that step's session; in readers side
by side one thread and a memory arena) finds exactly the regions of PyMuPDF's full model on a real PDF."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES

# In a process of its own: loading the model changes PyMuPDF's state for the rest of the process.
_COMPARE = """
import contextlib, json, sys
import pymupdf
import extractors.layout_model as lm

skip_table_grids = lm._skip_table_grids
lm._skip_table_grids = lambda: None  # load the full model first: the table-grid step on, PyMuPDF's sessions
lm._building_model = lambda threads: contextlib.nullcontext(type("Plain", (), {"sessions_with_threads": False}))
# (and built as PyMuPDF builds it: with that step's own session and PyMuPDF's session options)
with pymupdf.open(sys.argv[1]) as doc:
    full = [lm.page_layout(page) for page in doc]
    assert lm._activated_model()._model.table_grid_extractor is not None
    skip_table_grids()
    assert lm._activated_model()._model.table_grid_extractor is None
    assert lm.use_threads(1) >= 2
    fast = [lm.page_layout(page, threads=1) for page in doc]
print(json.dumps({"same": full == fast, "kinds": sorted({r.kind for page in full for r in page})}))
"""


def test_the_fast_model_finds_the_regions_of_the_full_one() -> None:
    out = subprocess.run([sys.executable, "-c", _COMPARE, str(EXAMPLES / "catalyst_screening.pdf")],
                         capture_output=True, text=True, check=True).stdout.splitlines()[-1]
    result = json.loads(out)
    assert "table" in result["kinds"]  # the table-grid step had tables to read
    assert result["same"]


_AS_PAPERLAKE_LOADS_IT = """
import json, sys
import extractors.layout_model as lm  # first, as in a reader: PyMuPDF then builds no model at its import
import onnxruntime as ort
import pymupdf

opened = []
real_init = ort.InferenceSession.__init__
def init(self, path, *args, **kwargs):
    opened.append(str(path).rsplit("/", 1)[-1] if isinstance(path, str) else "bytes")
    real_init(self, path, *args, **kwargs)
ort.InferenceSession.__init__ = init
with pymupdf.open(sys.argv[1]) as doc:
    regions = [lm.page_layout(page, threads=int(sys.argv[2])) for page in doc]
from pymupdf.layout.onnx import BoxRFDGNN, TableGridExtractorV2, common_util
print(json.dumps({"regions": [[list(r.bbox) + [r.kind] for r in page] for page in regions], "opened": opened,
                  "grid": repr(lm._activated_model()._model.table_grid_extractor),
                  "restored": BoxRFDGNN.TableGridExtractorV2 is TableGridExtractorV2.TableGridExtractorV2
                              is not lm._NoTableGrid and BoxRFDGNN.make_session is common_util.make_session,
                  "reopened": lm.use_threads(int(sys.argv[2]))}))
"""
_FULL = """
import contextlib, json, sys
import extractors.layout_model as lm
import pymupdf

lm._skip_table_grids = lambda: None
lm._building_model = lambda threads: contextlib.nullcontext(type("Plain", (), {"sessions_with_threads": False}))
with pymupdf.open(sys.argv[1]) as doc:
    regions = [lm.page_layout(page) for page in doc]
assert lm._activated_model()._model.table_grid_extractor is not None
print(json.dumps([[list(r.bbox) + [r.kind] for r in page] for page in regions]))
"""


@pytest.mark.parametrize("threads", [1, 2])
def test_the_model_is_built_once_without_a_table_grid_session_and_finds_the_full_models_regions(threads: int) -> None:
    """The table-grid step is off, so its ONNX session is never opened (0.2 CPU s of each reader's load); the
    layout and image-feature sessions are opened once, with the reader's threads (not PyMuPDF's options first
    and again by use_threads: 0.1 CPU s); the real class and function are back for any other model; regions as
    the full one's."""
    pdf = str(EXAMPLES / "catalyst_screening.pdf")
    ours = json.loads(subprocess.run([sys.executable, "-c", _AS_PAPERLAKE_LOADS_IT, pdf, str(threads)],
                                     capture_output=True, text=True, check=True).stdout.splitlines()[-1])
    full = json.loads(subprocess.run([sys.executable, "-c", _FULL, pdf], capture_output=True, text=True,
                                     check=True).stdout.splitlines()[-1])
    assert not any("table_grid" in name for name in ours["opened"])
    assert len(ours["opened"]) == 2 and ours["reopened"] == 0
    assert any(name.startswith("layout") for name in ours["opened"]) and any("feature" in n for n in ours["opened"])
    assert ours["grid"] == "None" and ours["restored"]
    assert any(r[4] == "table" for page in full for r in page)
    assert ours["regions"] == full
