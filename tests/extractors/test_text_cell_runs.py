"""Text cells that run on: the last row's paragraph running to the page's foot in a table continued on the
next page (no bottom rule; its lines are the cell's, not notes under the table), and a cell line ending on a
word that cannot end a phrase ('in the') going on with a capital ('Porto Basin') beside another cell's
lower-case continuation. Generated families: widths, fonts, paragraph lengths and words vary by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

WORDS = ("information packs flyers researchers sessions unemployed smokers attended interest generated "
         "contact study managers enthusiasm priority service").split()
PLACES = ["Porto Basin", "Iberia Abyssal Plain", "Lusitanian Basin", "Galicia Bank"]


def _lines(rng: random.Random, n: int, first: str, width: float, size: float) -> list[str]:
    """`n` lines of a paragraph starting with `first`, each filled with lower-case words up to `width`, the
    last ending with '.'."""
    lines = []
    for k in range(n):
        words = [first] if k == 0 else [rng.choice(WORDS)]
        while pymupdf.get_text_length(" ".join(words) + " " + max(WORDS, key=len) + ".", fontsize=size) < width:
            words.append(rng.choice(WORDS))
        lines.append(" ".join(words))
    return lines[:-1] + [lines[-1] + "."]


def _to_the_foot(seed: int) -> tuple[bytes, list[str]]:
    """A two-column text table under its caption, ruled above and under the header only, whose last row's
    paragraph runs down to the page's foot; returns the PDF and the last cell's lines."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=794)
    size, pitch = rng.uniform(7.0, 8.0), rng.uniform(8.8, 9.6)
    text_x, right = rng.uniform(220, 260), 539.0
    page.insert_text((57, 90), "Table 7 Location and summary of recruitment efforts", fontsize=8)
    page.draw_line((57, 96), (right, 96), width=0.5)
    page.insert_text((57, 106), "Site", fontsize=size, fontname="hebo")
    page.insert_text((text_x, 106), "Relative success and observations", fontsize=size, fontname="hebo")
    if rng.random() < 0.5:  # the header rule drawn cell by cell
        page.draw_line((57, 110), (text_x, 110), width=0.4)
        page.draw_line((text_x, 110), (right, 110), width=0.4)
    else:
        page.draw_line((57, 110), (right, 110), width=0.4)
    y, last = 122.0, []
    while y < 600:
        page.insert_text((57, y), f"Local {rng.choice(WORDS)} centre", fontsize=size)
        last = _lines(rng, rng.randint(2, 4), f"Total recruited = {rng.randint(0, 3)}. Intended to target the",
                      right - text_x, size)
        if y > 560:  # the last row: its paragraph reaches the foot of the page
            last = _lines(rng, 6, f"Total recruited = {rng.randint(0, 3)}. Intended to target the unemployed, it was",
                          right - text_x, size)
        for line in last:
            page.insert_text((text_x, y), line, fontsize=size)
            y += pitch
        y += 5
    return doc.tobytes(), last


@pytest.mark.parametrize("seed", range(6))
def test_the_last_cell_runs_to_the_foot_of_the_page(seed: int) -> None:
    pdf, last = _to_the_foot(seed)
    table = only_table(pdf)
    cell = next(c for c in table.cells if (c.row, c.col) == (table.n_rows - 1, 1))
    assert cell.text == " ".join(last)


def _open_ending(seed: int) -> tuple[bytes, str, str]:
    """A three-column text table whose last row's description ends a line on 'in the' and goes on with a
    place name, beside a character cell going on in lower case; returns the PDF and both cells' text."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=794)
    size, pitch = rng.uniform(7.0, 8.0), 9.2
    xs = [57.0, rng.uniform(110, 130), rng.uniform(320, 340)]
    page.insert_text((57, 90), "Table 1. Seismic units and their character", fontsize=8)
    page.draw_line((57, 96), (539, 96), width=0.5)
    for x, head in zip(xs, ["Unit", "Internal character", "Probable lithology"]):
        page.insert_text((x, 106), head, fontsize=size)
    page.draw_line((57, 110), (539, 110), width=0.4)
    y = 122.0
    for unit in ["C4", "C3", "K2", "J3"]:
        character = ["Moderate- to high-amplitude reflections", "showing growth onto margin structures;",
                     f"low-continuity reflections {rng.choice(['observed', 'seen'])} in sector 1"]
        lithology = [f"Marine {rng.choice(['siliciclastics', 'carbonates'])} of deltaic", "environments in the",
                     rng.choice(PLACES)]
        page.insert_text((xs[0], y), unit, fontsize=size)
        for k in range(3):
            page.insert_text((xs[1], y + k * pitch), character[k], fontsize=size)
            page.insert_text((xs[2], y + k * pitch), lithology[k], fontsize=size)
        y += 3 * pitch + 5
    page.draw_line((57, y - 4), (539, y - 4), width=0.5)
    return doc.tobytes(), " ".join(character), " ".join(lithology)


@pytest.mark.parametrize("seed", range(6))
def test_a_line_ending_in_the_goes_on_with_a_capital(seed: int) -> None:
    pdf, character, lithology = _open_ending(seed)
    table = only_table(pdf)
    assert (table.n_rows, table.n_header_rows) == (5, 1)
    last = {c.col: c.text for c in table.cells if c.row == 4}
    assert (last[1], last[2]) == (character, lithology)


TERMS = ("clayey silty dolomitic lime marlstone laminated graded platy nodular bioturbated weakly disturbed "
         "millimeter centimeter thick even wavy ripples reworked peloids shells").split()


def _paragraph_rows(seed: int) -> tuple[bytes, list[list[str]]]:
    """A table of descriptions: each row's label on two lines ('Facies 2' / 'Gray marlstone'), each other cell
    a paragraph wrapped to its column, going on in lower case; returns the PDF and the rows' cells."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    size, pitch = rng.uniform(6.5, 7.5), rng.uniform(8.5, 9.5)
    n_cols = rng.randint(4, 6)
    width = (800 - 100) / (n_cols - 1) - 8
    xs = [30.0] + [110 + k * (width + 8) for k in range(n_cols - 1)]
    page.insert_text((30, 40), "Table 1. Facies, their texture, bedding and structures", fontsize=8)
    page.draw_line((30, 46), (812, 46), width=0.5)
    for k, x in enumerate(xs):
        page.insert_text((x, 56), "Facies" if k == 0 else f"Property {k}", fontsize=size)
    page.draw_line((30, 60), (812, 60), width=0.4)
    y, rows = 72.0, []
    for n in range(1, rng.randint(3, 5)):
        label = [f"Facies {n}", f"{rng.choice(TERMS).capitalize()} {rng.choice(TERMS)}"]
        cells = [label]
        for _ in range(1, n_cols):  # greedy wrapping: a line ends where its next word would not fit
            stream = [rng.choice(TERMS).capitalize()] + [rng.choice(TERMS) for _ in range(60)]
            lines, line = [], stream.pop(0)
            while len(lines) < rng.randint(2, 3):
                word = stream.pop(0)
                if pymupdf.get_text_length(f"{line} {word}", fontsize=size) > width:
                    lines.append(line)
                    line = word
                else:
                    line = f"{line} {word}"
            cells.append(lines)
        for x, lines in zip(xs, cells):
            for k, line in enumerate(lines):
                page.insert_text((x, y + k * pitch), line, fontsize=size)
        y += max(len(lines) for lines in cells) * pitch
        rows.append([" ".join(lines) for lines in cells])
    page.draw_line((30, y - 4), (812, y - 4), width=0.5)
    return doc.tobytes(), rows


@pytest.mark.parametrize("seed", range(6))
def test_a_row_of_paragraphs_with_a_two_line_label_is_one_row(seed: int) -> None:
    pdf, rows = _paragraph_rows(seed)
    table = only_table(pdf)
    found = {(c.row, c.col): c.text for c in table.cells}
    body = [[found.get((r, c), "") for c in range(table.n_cols)] for r in range(table.n_header_rows, table.n_rows)]
    assert body == rows
