"""Tables of text (BMC, Springer): a label column beside paragraphs that wrap over several lines, set flush
with the paragraph column. Every row is kept; a part continued on the next page ends at its bottom rule, not
in the two-column running text under it. Generated families: rows, line counts and widths vary by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.pipeline import extract_document

WORDS = ("recruited information study smokers leaflets practice interest staff community were distributed "
         "the of to and a reported feeling that people promoting low priority managers approach").split()
PROSE = ("The reasons for ineligibility were similar across the recruitment methods and the sites. " * 14)


def _paragraph(rng: random.Random, width_chars: int, n_lines: int) -> list[str]:
    words = [rng.choice(WORDS) for _ in range(n_lines * 14)]
    lines, line = [], f"Total recruited = {rng.randint(0, 3)}."
    for word in words:
        if len(line) + 1 + len(word) > width_chars:
            lines.append(line)
            line = word
            if len(lines) == n_lines - 1:
                break
        else:
            line += " " + word
    return lines + [line]


def _text_table(seed: int, continued: bool) -> tuple[pymupdf.Document, int, float]:
    """A caption (or, continued, a caption naming the part) over rows of a label and a wrapped paragraph,
    between a top and a bottom rule; when continued, two columns of running text follow the bottom rule.
    Returns the document, its rows (with the header) and the bottom rule's height."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=794)
    size, pitch = 7.5, 9.0
    label_x, text_x, right = 57.0, rng.uniform(200, 260), 539.0
    chars = int((right - text_x) / (0.5 * size))
    page.insert_text((57, 96), "Table 7", fontsize=8, fontname="hebo")
    page.insert_text((88, 96), "Location and summary of recruitment efforts" + (" (Continued)" if continued else ""),
                     fontsize=8)
    page.draw_line((57, 101), (right, 101), width=0.5)
    y = 112.0
    if not continued:
        page.insert_text((label_x, y), "Site", fontsize=size, fontname="hebo")
        page.insert_text((text_x, y), "Relative success and qualitative observations", fontsize=size, fontname="hebo")
        y += pitch + 4
    n_rows = rng.randint(4, 8)
    for _ in range(n_rows):
        page.insert_text((label_x, y), f"Local {rng.choice(WORDS)} centre", fontsize=size)
        for line in _paragraph(rng, chars, rng.randint(2, 6)):
            page.insert_text((text_x, y), line, fontsize=size)
            y += pitch
        y += 5
    bottom = y - 4
    page.draw_line((57, bottom), (right, bottom), width=0.5)
    if continued:  # the paper's two columns of running text, from just under the bottom rule
        page.insert_textbox(pymupdf.Rect(57, bottom + 12, 291, 780), PROSE, fontsize=9)
        page.insert_textbox(pymupdf.Rect(305, bottom + 12, 539, 780), PROSE, fontsize=9)
    return doc, n_rows + (0 if continued else 1), bottom


@pytest.mark.parametrize("seed", range(6))
def test_every_row_of_a_text_table_is_kept(seed: int, tmp_path) -> None:
    doc, n_rows, _ = _text_table(seed, continued=False)
    table = _table_7(doc, tmp_path)
    assert (table.n_rows, table.n_cols, table.n_header_rows) == (n_rows, 2, 1)
    assert all(cell.text.startswith("Total recruited") for cell in table.cells if cell.col == 1 and not cell.is_header)


@pytest.mark.parametrize("seed", range(6))
def test_a_continued_part_ends_at_its_bottom_rule(seed: int, tmp_path) -> None:
    """No header repeated, then the running text of two columns: the part keeps its rows and stops."""
    doc, n_rows, bottom = _text_table(seed, continued=True)
    table = _table_7(doc, tmp_path)
    labels = [cell.text for cell in table.cells if cell.col == 0 and cell.text]
    assert len(labels) == n_rows and all(label.startswith("Local ") for label in labels)
    assert table.bbox[3] <= bottom + 1
    assert "ineligibility" not in " ".join(cell.text for cell in table.cells)


def _table_7(doc: pymupdf.Document, tmp_path) -> object:
    path = tmp_path / "text_table.pdf"
    doc.save(path)
    tables = [t for t in extract_document(path).tables if t.label == "Table 7"]
    assert len(tables) == 1
    return tables[0]
