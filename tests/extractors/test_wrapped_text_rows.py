"""Text tables whose cells wrap (BMC's recruitment tables): a row whose label and description both run
to their columns' ends and go on together on the next line is one row, while a row whose cells are short
(`age | Age in years`) stays a row of its own even when it starts in lower case. Generated with three to
six rows, each wrapped or not at random."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.pipeline import extract_document

LABELS = ["Parent and toddler groups; several local children's centres in the city",
          "Increasing Access to Psychological Therapies Service, Plymouth and Devonport",
          "Local community cooperative and housing associations of the borough council"]
TEXTS = [("Mother and toddler groups visited by researchers who talked with parents and left packs and "
          "reply sheets with the staff of each centre for interested persons."),
         ("Met and encouraged the practitioners to refer to the study opportunistically; left flyers, "
          "information packs and reply sheets to be distributed, and followed up by email."),
         ("Flyers and posters given out to a local community employer for distribution among its staff "
          "and displayed in the canteen and the entrance hall for the whole period.")]
SHORT = [("age", "Age in years"), ("sex", "Sex of the participant"), ("site", "Where they were recruited")]
SIZE = 8.0


def _wrap(text: str, width: float) -> list[str]:
    """Greedy line breaking at the column's width, as a typesetter sets a text cell."""
    lines: list[str] = []
    for word in text.split():
        if lines and pymupdf.get_text_length(f"{lines[-1]} {word}", fontsize=SIZE) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _table(seed: int) -> tuple[bytes, list[list[str]]]:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((60, 80), f"Table {seed + 1} Recruitment activities by site", fontsize=9)
    label_x, text_x = 60.0, 250.0
    page.draw_line((58, 88), (552, 88), width=0.5)
    page.insert_text((label_x, 99), "Site", fontsize=SIZE)
    page.insert_text((text_x, 99), "Recruitment activity", fontsize=SIZE)
    page.draw_line((58, 104), (552, 104), width=0.3)
    grid, y = [["Site", "Recruitment activity"]], 116.0
    for k in range(rng.randint(3, 6)):
        label, text = (LABELS[(k + seed) % 3], TEXTS[k % 3]) if rng.random() < 0.6 else SHORT[k % 3]
        label_lines, text_lines = _wrap(label, text_x - label_x - 12), _wrap(text, 552 - text_x)
        for x, lines in ((label_x, label_lines), (text_x, text_lines)):
            for n, line in enumerate(lines):
                page.insert_text((x, y + 10 * n), line, fontsize=SIZE)
        grid.append([label, text])
        y += 10 * max(len(label_lines), len(text_lines)) + 4
    page.draw_line((58, y - 6), (552, y - 6), width=0.5)
    return doc.tobytes(), grid


@pytest.mark.parametrize("seed", range(8))
def test_cells_that_wrap_together_make_one_row(seed: int) -> None:
    pdf, grid = _table(seed)
    [table] = extract_document(pdf).tables
    cells = {(c.row, c.col): c.text for c in table.cells}
    assert [[cells.get((r, c), "") for c in range(table.n_cols)] for r in range(table.n_rows)] == grid


DEFINITIONS = ["Subject raises head above ground and makes a definite movement to look at the other animal.",
               "Any hissing, growling or howls uttered while interacting with the other trial animal.",
               "Bite attempt, neck extends rapidly and then retracts without contact with the subject.",
               "Visible, physical startle response, typically a violent jumping or flinching action."]


@pytest.mark.parametrize("seed", range(6))
def test_entries_under_a_label_spanning_rows_stay_apart_and_keep_their_wrapped_lines(seed: int) -> None:
    """Springer's behaviour tables (realdev R08): a category named once, then entries in the next column, each
    with a definition wrapped over a narrow column; every entry is a row, every definition whole."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((51, 66), f"Table {seed + 1} Behavioural categories used to classify interactions", fontsize=8)
    page.draw_line((50, 74), (290, 74), width=0.5)
    for x, head in ((51, "Category"), (110, "Behaviour"), (175, "Definition")):
        page.insert_text((x, 84), head, fontsize=SIZE)
    page.draw_line((50, 88), (290, 88), width=0.3)
    grid, y = [["Category", "Behaviour", "Definition"]], 100.0
    entries = rng.sample(["Visual check", "Vocalisation", "Lunge", "Startle", "Flee"], rng.randint(2, 4))
    for k, entry in enumerate(entries):
        definition = DEFINITIONS[(k + seed) % len(DEFINITIONS)]
        label = "Aggressive" if k == 0 else ""
        if label:
            page.insert_text((51, y), label, fontsize=SIZE)
        page.insert_text((110, y), entry, fontsize=SIZE)
        lines = _wrap(definition, 290 - 175)
        for n, line in enumerate(lines):
            page.insert_text((175, y + 10 * n), line, fontsize=SIZE)
        grid.append([label, entry, definition])
        y += 10 * len(lines) + 3
    page.draw_line((50, y - 6), (290, y - 6), width=0.5)
    [table] = extract_document(doc.tobytes()).tables
    cells = {(c.row, c.col): c.text for c in table.cells}
    assert [[cells.get((r, c), "") for c in range(table.n_cols)] for r in range(table.n_rows)] == grid


REFERENCES = ["Godard et al. (2011)", "Maté et al. (2016)", "Dartois et al. (2017)", "Mennella et al. (2003)"]


@pytest.mark.parametrize("seed", range(4))
def test_rows_of_short_entries_under_a_label_spanning_rows_stay_apart(seed: int) -> None:
    """MNRAS (realdev R05 Table 5): a label named once over rows of ranges, times and references about as wide
    as each other, so each reference nearly fills its column; the rows stay rows."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((97, 66), f"Table {seed + 1}. Destruction rates of aliphatic CH bonds by cosmic rays.", fontsize=8)
    page.draw_line((95, 74), (495, 74), width=0.5)
    heads = ["Destruction", "Rate (yr-1)", "Time (Myr)", "Reference"]
    xs = [97.0, 190.0, 300.0, 400.0]
    for x, head in zip(xs, heads):
        page.insert_text((x, 84), head, fontsize=SIZE)
    page.draw_line((95, 88), (495, 88), width=0.3)
    grid, y = [heads], 100.0
    for k, reference in enumerate(rng.sample(REFERENCES, rng.randint(3, 4))):
        row = ["Unlikely" if k == 0 else "", f"({rng.randint(1, 9)}.{k}5 - {rng.randint(10, 19)}.4) x 10-9",
               f"{rng.randint(1, 9)}00 - {rng.randint(10, 19)}00", reference]
        for x, text in zip(xs, row):
            if text:
                page.insert_text((x, y), text, fontsize=SIZE)
        grid.append(row)
        y += 10
    page.draw_line((95, y - 6), (495, y - 6), width=0.5)
    [table] = extract_document(doc.tobytes()).tables
    cells = {(c.row, c.col): c.text for c in table.cells}
    assert [[cells.get((r, c), "") for c in range(table.n_cols)] for r in range(table.n_rows)] == grid
