"""Text from PDFs (and file names) shown as HTML, markdown or on a terminal: escaped so it reads as the
characters it is, never as markup or as terminal control sequences.

paperlake shows PDF text in Label Studio through Text and TextArea tags (plain text, never HTML), except a
table's grid, built as an HTML table with every cell passed through html_text (ESCAPED_HTML_FIELDS). File
names and labels in Dagster metadata, and anything else that shows PDF text as markup (a markdown preview in
asset metadata, an HTML report), pass through these first. tests/security/test_escaping.py holds both to it.
"""
from __future__ import annotations

import html
import re

_TERMINAL_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""C0 and C1 control characters (ESC, CSI, BEL, newline...), DEL, the bidirectional overrides that reorder
what is shown, and lone surrogates (a file name's bytes that are not UTF-8, as Python decodes them): what a
terminal could act on, what could make a name look like another, what an encoder refuses."""
_NAMED_CONTROL = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
"""Markdown's punctuation, backslash-escaped; `<`, `>` and `&` are left to HTML escaping (`&gt;` starts no
quote, and a backslash before `&gt;` would show the entity itself instead of `>`)."""
PLAIN_TEXT_TAGS = frozenset({"Text", "TextArea", "Header", "Image", "Choices", "Choice", "Labels", "Label",
                             "RectangleLabels", "View", "Rectangle"})
"""Label Studio tags that never interpret their value as HTML: the only ones allowed to show task data as is."""
ESCAPED_HTML_FIELDS = frozenset({"grid_html"})
"""Task data fields paperlake builds as HTML with every PDF text escaped by html_text (a table's grid,
paperlake.review.grid_html): the only ones a HyperText tag may show."""


def html_text(text: str) -> str:
    """The text with &, <, >, " and ' escaped: safe inside HTML elements and attribute values."""
    return html.escape(text, quote=True)


def markdown_text(text: str) -> str:
    """The text as literal markdown: markup characters backslash-escaped, HTML escaped, line breaks kept."""
    return html_text(_MARKDOWN_SPECIAL.sub(r"\\\1", text))


def terminal_text(text: str) -> str:
    """The text safe to print on a terminal: control characters written as `\\n`, `\\t`, `\\x1b`..., and
    undecodable file-name bytes (lone surrogates) as the `\\xNN` of the byte; everything else unchanged."""
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in _NAMED_CONTROL:
            return _NAMED_CONTROL[char]
        code = ord(char)
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else (
            f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return _TERMINAL_CONTROL.sub(escape, text)
