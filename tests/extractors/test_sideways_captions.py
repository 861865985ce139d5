"""A table set sideways on an upright page (LaTeX's sidewaystable): its caption is read whole. The reader
puts each turned line in a block of its own, so a caption's wrapped lines are joined by their place (tight
under the first line, flush with its left edge), not by block; 19 sideways tables of the random corpus had
their captions cut at the first line end. Generated with one to three caption lines and two to four columns."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.pipeline import extract_document

WORDS = ("effect of energy on the outcome by patient measured over the whole study period with values given "
         "as mean and standard deviation of three independent replicates").split()


CAPTION_WIDTH = 260.0


def _sideways_table(seed: int) -> tuple[bytes, str, int, int]:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)

    def line(text: str, across: float, down: float) -> None:  # in the turned frame: across the line, down the page
        page.insert_text((down, 760 - across), text, fontsize=9, rotate=90)

    n_cols, n_rows = rng.randint(2, 4), rng.randint(3, 6)
    words = WORDS[:rng.randint(6, len(WORDS))]
    lines = [f"Table {seed + 1}:"]
    for word in words:  # set as a typesetter does: a line holds what fits in the caption's width
        if pymupdf.get_text_length(f"{lines[-1]} {word}", fontsize=9) <= CAPTION_WIDTH:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    n_lines = len(lines)
    for k, text in enumerate(lines):
        line(text, 0, 80 + 12 * k)
    top = 80 + 12 * n_lines + 18
    for c, head in enumerate(["Compound", "Count", "Precision", "Power"][:n_cols]):
        line(head, 110 * c, top)
    for r in range(n_rows):
        for c in range(n_cols):
            line(f"{rng.randint(10, 99)}.{r}" if c else f"Sample {r}", 110 * c, top + 14 + 12 * r)
    caption = " ".join(words)
    return doc.tobytes(), caption, n_rows + 1, n_cols


@pytest.mark.parametrize("seed", range(6))
def test_a_sideways_tables_caption_is_read_whole(seed: int) -> None:
    pdf, caption, n_rows, n_cols = _sideways_table(seed)
    [table] = extract_document(pdf).tables
    assert table.caption == caption
    assert (table.n_rows, table.n_cols) == (n_rows, n_cols)


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def _ieee_sideways_table(seed: int) -> tuple[bytes, str]:
    """IEEE's style, sideways: 'TABLE IV' on a line of its own, the title centred under it and wider, one or
    two lines (the last one centred, narrower), each turned line in a block of its own."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    middle = 300.0

    def centred(text: str, down: float, bold: bool = False) -> None:
        width = pymupdf.get_text_length(text, fontsize=9, fontname="tibo" if bold else "tiro")
        page.insert_text((down, 760 - (middle - width / 2)), text, fontsize=9, rotate=90,
                         fontname="tibo" if bold else "tiro")

    words = WORDS[:rng.randint(5, len(WORDS))]
    lines = [words[0].capitalize()]
    for word in words[1:]:
        if pymupdf.get_text_length(f"{lines[-1]} {word}", fontsize=9, fontname="tiro") <= CAPTION_WIDTH:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    lines = lines[:2]
    centred(f"TABLE {ROMAN[seed % len(ROMAN)]}", 80, bold=True)
    for k, text in enumerate(lines):
        centred(text, 80 + 10.5 * (k + 1))
    top = 80 + 10.5 * (len(lines) + 1) + 18
    for c, head in enumerate(["Compound", "Count", "Precision"]):
        page.insert_text((top, 760 - (150 + 110 * c)), head, fontsize=9, rotate=90)
    for r in range(rng.randint(3, 6)):
        for c in range(3):
            page.insert_text((top + 14 + 12 * r, 760 - (150 + 110 * c)), f"{rng.randint(10, 99)}.{r}" if c
                             else f"Sample {r}", fontsize=9, rotate=90)
    return doc.tobytes(), " ".join(lines)


@pytest.mark.parametrize("seed", range(6))
def test_a_bare_label_takes_the_title_centred_under_it(seed: int) -> None:
    pdf, caption = _ieee_sideways_table(seed)
    [table] = extract_document(pdf).tables
    assert table.label == f"Table {ROMAN[seed % len(ROMAN)]}"
    assert table.caption == caption
