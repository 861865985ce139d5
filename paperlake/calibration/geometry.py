"""What the extractor's text-only reading of a table's columns (`extractors/table_checks.py`) says to a curator.

`columns_differ` is a calibrator feature; when it fires on a table that goes to review anyway, its reason
joins `review_reason`, so the curator knows where to look. It never holds a table alone: on the benchmark
corpora it lowers the chance of an exact grid without deciding it (docs/confidence.md, version 3).
Pure functions over an item's evidence.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _number(value: Any) -> float:
    try:
        return float(value or 0.0)
    except (TypeError, ValueError):
        return 0.0


def geometry_reasons(evidence: Mapping[str, Any]) -> list[str]:
    """One sentence per geometric check that fired on a table, from its (raw or flattened) evidence."""
    reasons = []
    if _number(evidence.get("columns_differ")):
        seen, read = int(_number(evidence.get("text_columns"))), int(_number(evidence.get("n_cols")))
        counts = f" ({seen} on the page, {read} in the grid)" if seen and read else ""
        reasons.append(f"the page's gutters show another number of columns than the grid{counts}: "
                       "check for a column split in two or two columns read as one")
    return reasons
