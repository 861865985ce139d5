"""Author blocks and other front matter are not tables, though their names and affiliations line up.

A paper's first page sets its authors side by side with their affiliations and e-mails under them; the
aligned finder sees columns, and on held-out real papers such blocks were most false tables (50 on 21
papers), as on the random table corpus (50 of 88). An uncaptioned block is front matter when most of its
filled cells are person names, affiliations, e-mail addresses or front-matter headings ("Article history",
"Keywords"), at least two of them affiliations, e-mails or headings, and it holds (almost) no numbers; or,
in the upper part of a paper's first page, when it holds a person's name, an affiliation and an e-mail (a
justified affiliation line cut into a column per word hides the block's shape).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.model import TableItem
from extractors.numbers import parse_cell
from extractors.tables.contents_lists import is_contents_list

_AFFILIATION = re.compile(r"\b(?:Universit\w*|Univ\.|Department|Dept\.|Institut\w*|School|Faculty|Laborator\w*|Lab|"
                          r"Cent(?:re|er)|College|Hospital|Academy|Inc\.|Ltd\.?|GmbH|Corporation)\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_HEADING = re.compile(r"^(?:Article history|Received|Accepted|Published|Available online|Keywords?|Abstract|"
                      r"Corresponding author|E-?mail|Citation|Editor)\b", re.I)
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\.?\s+){1,3}[A-Z][\w'’-]+[\d,*†‡§¶ᵃ-ᶻ]*$")
INFO_HEADINGS = {"article history", "keywords", "keyword", "abstract", "received", "accepted", "available online"}
MAX_NUMERIC_SHARE = 0.15
FRONT_MATTER_BOTTOM = 320.0  # points from the top: a first page's author block ends in its upper part


def is_front_matter(table: TableItem) -> bool:
    """Whether an uncaptioned table's cells read as an author block or a paper's front matter."""
    if table.label is not None:
        return False
    texts = [c.text.strip() for c in table.cells if c.text and c.text.strip()]
    if len(texts) < 3:
        return False
    numeric = sum(1 for t in texts if parse_cell(t).value is not None)
    if numeric > MAX_NUMERIC_SHARE * len(texts):
        return False
    kinds = [bool(_AFFILIATION.search(t)) + bool(_EMAIL.search(t)) + bool(_HEADING.match(t)) for t in texts]
    marked = sum(kinds)  # an affiliation with its e-mail wrapped into one cell counts as the two entries it is
    names = sum(1 for t in texts if _NAME.match(t) and not _AFFILIATION.search(t))
    entries = len(texts) + sum(max(0, k - 1) for k in kinds)
    if marked >= 2 and marked + names >= 0.6 * entries:
        return True
    whole = " ".join(texts)  # an author block whose justified affiliation line the finder cut into word columns
    if table.page == 1 and table.bbox[3] < FRONT_MATTER_BOTTOM and names >= 1 \
            and bool(_EMAIL.search(whole)) and bool(_AFFILIATION.search(whole)):
        return True
    # a first page's article-info column ("Article history", "Keywords") set beside the abstract
    first_column = [c.text.strip() for c in table.cells if c.col == 0 and c.text and c.text.strip()]
    return table.page == 1 and len({_HEADING.match(t).group(0).lower() for t in first_column
                                    if _HEADING.match(t)} & INFO_HEADINGS) >= 2


def without_front_matter(tables: Sequence[TableItem]) -> list[TableItem]:
    """The page's tables less the author blocks, front matter and contents lists the finders took for tables."""
    return [t for t in tables if not is_front_matter(t) and not is_contents_list(t)]
