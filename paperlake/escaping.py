"""Text from PDFs shown as HTML or markdown: escaped so it reads as the characters it is, never as markup.

paperlake shows PDF text in Label Studio through Text and TextArea tags (plain text, never HTML) and puts
no PDF text into Dagster metadata today; anything that does either (a markdown preview in asset metadata, an
HTML report) must pass the text through these first. tests/security/test_escaping.py holds both to it.
"""
from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")
PLAIN_TEXT_TAGS = frozenset({"Text", "TextArea", "Header", "Image", "Choices", "Choice", "Labels", "Label",
                             "RectangleLabels", "View", "Rectangle"})
"""Label Studio tags that never interpret their value as HTML: the only ones allowed to show task data."""


def html_text(text: str) -> str:
    """The text with &, <, >, " and ' escaped: safe inside HTML elements and attribute values."""
    return html.escape(text, quote=True)


def markdown_text(text: str) -> str:
    """The text as literal markdown: markup characters backslash-escaped, HTML escaped, line breaks kept."""
    return html_text(_MARKDOWN_SPECIAL.sub(r"\\\1", text))
