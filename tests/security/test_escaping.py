"""PDF text is shown only where it cannot act as markup: Label Studio's plain-text tags, and escaped anywhere
it would be HTML or markdown."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown_it  # installed with dagster (through rich): a real CommonMark renderer
import pandas as pd
import pytest

from paperlake.escaping import ESCAPED_HTML_FIELDS, PLAIN_TEXT_TAGS, html_text, markdown_text
from paperlake.review.grid_html import cells_to_html

REPO = Path(__file__).resolve().parents[2]
HOSTILE = "<script>alert('x')</script> **bold** [link](javascript:alert(1)) <img src=x onerror=alert(2)> `c` # h"


@pytest.mark.parametrize("config", sorted((REPO / "label_configs").glob("*.xml")), ids=lambda p: p.name)
def test_label_studio_shows_task_data_only_through_plain_text_tags(config):
    """Task data is shown as plain text, except the fields paperlake builds as HTML with every text escaped."""
    root = ET.parse(config).getroot()
    bound = [el for el in root.iter() if any(str(v).startswith("$") for v in el.attrib.values())]
    assert bound, "the config shows task data"
    for element in bound:
        if element.get("value", "")[1:] in ESCAPED_HTML_FIELDS:
            assert element.tag == "HyperText"
            continue
        assert element.tag in PLAIN_TEXT_TAGS, f"{config.name}: <{element.tag}> would render task data as markup"
    markup = [el for el in root.iter() if el.tag in {"HyperText", "Html", "Markdown", "Paragraphs"}]
    assert all(el.get("value", "")[1:] in ESCAPED_HTML_FIELDS for el in markup)


def test_the_grid_shown_as_html_is_escaped():
    cells = pd.DataFrame({"row": [0, 1], "col": [0, 0], "row_span": [1, 1], "col_span": [1, 1],
                          "text": [HOSTILE, "x\n<b>y</b>"]})
    shown = cells_to_html(cells, 1)
    assert "<script" not in shown and "<img" not in shown and "<b>" not in shown
    assert html_text(HOSTILE) in shown and "x<br>&lt;b&gt;y&lt;/b&gt;" in shown


def test_html_text_leaves_no_markup():
    escaped = html_text(HOSTILE)
    assert "<" not in escaped and ">" not in escaped and "'" not in escaped
    assert html_text("a < b & c") == "a &lt; b &amp; c"


def test_markdown_text_renders_as_the_characters_it_holds():
    rendered = markdown_it.MarkdownIt().render(markdown_text(HOSTILE))
    assert "<script" not in rendered and "<img" not in rendered and "<strong>" not in rendered
    assert "<a " not in rendered and "<code>" not in rendered and "<h1>" not in rendered
    assert "alert(1)" in rendered and "**bold**" in rendered
    shown = html.unescape(re.sub(r"</?p>", "", rendered)).strip()
    assert shown == HOSTILE  # every character reads as itself: no entity or backslash left showing
