"""paperlake: scientific PDF tables and figures into reviewed, versioned, queryable datasets.

`paperlake.open_dataset(DIR)` opens a published dataset for analysis (paperlake.dataset.api, docs/querying.md).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import extractors  # noqa: F401  # first: it keeps PyMuPDF from loading a layout model paperlake does not use

if TYPE_CHECKING:
    from paperlake.dataset.api import Dataset, open_dataset

__version__ = "0.1.0"
__all__ = ["Dataset", "__version__", "open_dataset"]


def __getattr__(name: str) -> Any:
    """`open_dataset` and `Dataset`, imported on first use: `import paperlake` stays light for the pipeline."""
    if name in ("open_dataset", "Dataset"):
        from paperlake.dataset import api

        return getattr(api, name)
    raise AttributeError(f"module 'paperlake' has no attribute {name!r}")
