"""What the extractor's second readings of a table (`extractors/table_checks.py`) say to a curator.

Each is a calibrator feature; `GEOMETRY_HOLDS` names those whose finding alone keeps a table from being
auto-accepted (on the benchmark corpora almost no table they fire on is exactly right: docs/confidence.md,
"Checks from the page"). The others' sentences join `review_reason` only when the table goes to review
anyway, so the curator knows where to look. Pure functions over an item's evidence.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

GEOMETRY_HOLDS = ("words_lost", "cell_gaps", "row_below")
"""Second readings whose finding holds a table for review whatever its probability."""


def _number(value: Any) -> float:
    try:
        return float(value or 0.0)
    except (TypeError, ValueError):
        return 0.0


def _count(value: Any, noun: str) -> str:
    n = int(_number(value))
    return f"{n} {noun}{'s' if n != 1 else ''}"


def geometry_reason(key: str, evidence: Mapping[str, Any]) -> str | None:
    """The sentence for one second reading that fired on a table (None when it did not)."""
    value = evidence.get(key)
    if not _number(value):
        return None
    if key == "columns_differ":
        seen, read = int(_number(evidence.get("text_columns"))), int(_number(evidence.get("n_cols")))
        counts = f" ({seen} on the page, {read} in the grid)" if seen and read else ""
        return (f"the page's gutters show another number of columns than the grid{counts}: "
                "check for a column split in two or two columns read as one")
    if key == "words_lost":
        quoted = evidence.get("words_lost_text")
        shown = f" ({quoted})" if isinstance(quoted, str) and quoted else ""
        return (f"{_count(value, 'word')} printed in the table's box {'is' if int(_number(value)) == 1 else 'are'} "
                f"in no cell{shown}: check for a lost row, column or turned label")
    if key == "cell_gaps":
        return (f"{_count(value, 'cell')} of one line hold{'s' if int(_number(value)) == 1 else ''} words a "
                "column gutter apart: check for two columns read as one, or prose taken into the table")
    if key == "row_below":
        quoted = evidence.get("row_below_text")
        shown = f" ('{quoted}')" if isinstance(quoted, str) and quoted else ""
        return (f"the line just under the table{shown} reads as one more row of its columns: "
                "check for a last row left outside the table")
    if key == "rules_in_cells":
        return (f"a rule crosses {_count(value, 'cell')} between {'its' if int(_number(value)) == 1 else 'their'} "
                "lines: check for two header rows read as one")
    return None


def geometry_reasons(evidence: Mapping[str, Any], keys: tuple[str, ...] | None = None) -> list[str]:
    """One sentence per second reading that fired on a table, from its (raw or flattened) evidence: those of
    `keys` (default: the ones that do not hold the table, which `paperlake.pipeline.routing` says itself)."""
    chosen = keys if keys is not None else tuple(k for k in ("columns_differ", "words_lost", "cell_gaps",
                                                             "rules_in_cells", "row_below") if k not in GEOMETRY_HOLDS)
    return [reason for key in chosen if (reason := geometry_reason(key, evidence)) is not None]
