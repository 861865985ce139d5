"""Author blocks and other front matter are not tables, though their names and affiliations line up.

A paper's first page sets its authors side by side with their affiliations and e-mails under them; the
aligned finder sees columns, and on held-out real papers such blocks were most false tables (50 on 21
papers), as on the random table corpus (50 of 88). An uncaptioned block is front matter when most of its
filled cells are person names, affiliations, e-mail addresses or front-matter headings ("Article history",
"Keywords"), at least two of them affiliations, e-mails or headings, and it holds (almost) no numbers.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.model import TableItem
from extractors.numbers import parse_cell

_AFFILIATION = re.compile(r"\b(?:Universit\w*|Univ\.|Department|Dept\.|Institut\w*|School|Faculty|Laborator\w*|Lab|"
                          r"Cent(?:re|er)|College|Hospital|Academy|Inc\.|Ltd\.?|GmbH|Corporation)\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_HEADING = re.compile(r"^(?:Article history|Received|Accepted|Published|Available online|Keywords?|Abstract|"
                      r"Corresponding author|E-?mail|Citation|Editor)\b", re.I)
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\.?\s+){1,3}[A-Z][\w'’-]+[\d,*†‡§¶ᵃ-ᶻ]*$")
MAX_NUMERIC_SHARE = 0.15


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
    marked = sum(1 for t in texts if _AFFILIATION.search(t) or _EMAIL.search(t) or _HEADING.match(t))
    names = sum(1 for t in texts if _NAME.match(t) and not _AFFILIATION.search(t))
    return marked >= 2 and marked + names >= 0.6 * len(texts)


def without_front_matter(tables: Sequence[TableItem]) -> list[TableItem]:
    """The page's tables less the author blocks and front matter the finders took for tables."""
    return [t for t in tables if not is_front_matter(t)]
