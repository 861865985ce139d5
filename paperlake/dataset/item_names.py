"""Names people know for the ids of a snapshot: a document by its file name, a table or figure by its
document's file name, its label and its page ('paper.pdf: Table 2 (page 3)').

Ids stay the keys (stable, unique); names are for people and need not be unique (two versions of one file,
two unlabelled tables on a page), so `distinct_names` adds the id where a name alone would be ambiguous.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

ITEM_TABLES = (("tables", "table_id", "table"), ("figures", "figure_id", "figure"))


def item_names(*datasets: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """id -> name for every document, table and figure of the datasets (frames by contract table name);
    where an id is in several, the last dataset's name wins."""
    names: dict[str, str] = {}
    for frames in datasets:
        documents = frames["documents"]
        files = {doc_id: _text(name) or doc_id for doc_id, name in zip(documents["doc_id"], documents["file_name"])}
        names.update(files)
        for table, key, kind in ITEM_TABLES:
            items = frames[table]
            for item_id, doc_id, label, page in zip(items[key], items["doc_id"], items["label"], items["page"]):
                names[item_id] = f"{files.get(doc_id, doc_id)}: {_text(label) or f'unlabelled {kind}'} (page {page})"
    return names


def distinct_names(ids: Iterable[str], names: Mapping[str, str], *, with_ids: bool = False) -> dict[str, str]:
    """id -> what to show for each id: its name, followed by `[id]` where another id has the same name (or
    always, with `with_ids`); an id without a name is shown as itself."""
    ids = list(dict.fromkeys(ids))
    shown = {item_id: names.get(item_id, item_id) for item_id in ids}
    repeated = Counter(shown.values())
    return {item_id: f"{name}  [{item_id}]" if (with_ids or repeated[name] > 1) and name != item_id else name
            for item_id, name in shown.items()}


def _text(value: object) -> str:
    """A label or file name on one line; '' when missing."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())
