"""Rules typed as characters: a Word table's line of hyphens under a group label or its header
(`Phytojuvenoid concentration (%)` over `-------...`, mejsr-silkworm) is the rule a typeset table draws there.
Read as text it became a row of its own and left the label's columns unknown; as a rule it spans the columns
below it, like a \\cmidrule."""
from __future__ import annotations

import dataclasses

from extractors.page_content import PageContent, Rule, TextLine

RULE_CHARACTERS = frozenset("-‐–—=")
MIN_RULE_CHARACTERS = 10  # '-----' of five is a cell's dash run; a typed rule runs across a column or more


def typed_rule(line: TextLine) -> Rule | None:
    """The rule a line of nothing but ten or more hyphens (dashes, equals signs) types, at its middle; None for
    any other line."""
    text = "".join(w.text for w in line.words)
    if len(text) < MIN_RULE_CHARACTERS or not set(text) <= RULE_CHARACTERS or not line.horizontal:
        return None
    x0, y0, x1, y1 = line.bbox
    middle = (y0 + y1) / 2
    return Rule((x0, middle - 0.2, x1, middle + 0.2), True, 0.4)


def with_typed_rules(page: PageContent) -> PageContent:
    """The page with each typed rule's line taken out of its text and added to its rules."""
    rules = [(line, typed_rule(line)) for line in page.lines]
    typed = [rule for _, rule in rules if rule is not None]
    if not typed:
        return page
    return dataclasses.replace(page, lines=tuple(line for line, rule in rules if rule is None),
                               rules=page.rules + tuple(typed))
