"""The layout model as paperlake runs it (no table-grid step; in readers side by side one thread and a memory
arena) finds exactly the regions of PyMuPDF's full model on a real PDF."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import EXAMPLES

# In a process of its own: loading the model changes PyMuPDF's state for the rest of the process.
_COMPARE = """
import json, sys
import pymupdf
import extractors.layout_model as lm

skip_table_grids = lm._skip_table_grids
lm._skip_table_grids = lambda: None  # load the full model first: the table-grid step on, PyMuPDF's sessions
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
