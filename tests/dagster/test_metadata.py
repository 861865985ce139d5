"""UI metadata: captions are escaped before they reach Markdown, thumbnails are small real PNGs."""
import base64
import re

import pandas as pd
import pymupdf

from dagster_project.metadata import THUMBNAIL_PX, escape_md, figure_thumbnails, tables_preview


def test_escape_md_neutralises_markdown_and_html():
    text = escape_md("Yield | <script>alert(1)</script> [link](http://x) *bold*\nnext line")
    assert "<script>" not in text and "|" not in text.replace("\\|", "")
    assert "](" not in text and "\n" not in text
    assert escape_md("# heading.pdf").startswith("\\#")  # a name starting a Markdown value stays text
    assert escape_md("\x1b[31mred \u202egnp.pdf") == "\\\\x1b\\[31mred \\\\u202egnp\\.pdf"  # no terminal escapes


def test_tables_preview_names_file_and_label_escaped():
    docs = pd.DataFrame({"doc_id": ["d1"], "file_name": ["<img onerror=x> *paper*.pdf"]})
    tables = pd.DataFrame({"doc_id": ["d1"] * 12, "table_id": [f"t|{i}" for i in range(12)], "page": [1] * 12,
                           "label": ["Table 1"] * 11 + [None],
                           "n_rows": [3] * 12, "n_cols": [4] * 12, "confidence": [0.9] * 12,
                           "review_status": ["auto_accepted"] * 12, "caption": ["x | y"] * 12})
    preview = tables_preview(tables, docs)
    rows = [line for line in preview.splitlines() if line.startswith("| &lt;img onerror=x&gt; \\*paper\\*\\.pdf |")]
    assert len(rows) == 10 and "2 more in the catalog" in preview
    assert all(line.count(" | ") == 6 for line in rows)  # escaped pipes do not split cells
    assert rows[0].split(" | ")[1] == "Table 1" and rows[0].endswith("| t\\|0 |")
    assert "<img" not in preview and "x | y" not in preview  # names escaped; captions stay out
    unlabelled = tables_preview(tables.iloc[[11]], docs)
    assert "| unlabelled, page 1 | 1 | 3 × 4 | 0.90 | auto\\_accepted |" in unlabelled


def test_figure_thumbnails_are_shrunk_pngs(tmp_path):
    crop = tmp_path / "figures" / "d1" / "f1.png"
    crop.parent.mkdir(parents=True)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 900, 500), 0)
    pix.set_rect(pix.irect, (200, 40, 40))
    pix.save(str(crop))
    figures = pd.DataFrame({"figure_id": ["f1", "f2"], "label": ["Figure 1", None], "caption": ["Rate [a](b)", None],
                            "image_path": ["figures/d1/f1.png", None]})
    markdown = figure_thumbnails(figures, tmp_path)
    (data,) = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)\)", markdown)
    thumb = pymupdf.Pixmap(base64.b64decode(data))
    assert max(thumb.width, thumb.height) <= THUMBNAIL_PX and thumb.width > 0
    assert markdown.startswith("![f1](data:image/png;base64,") and "Rate" not in markdown
