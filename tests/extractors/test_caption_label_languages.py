"""Caption labels beyond English numbers: the word in the document's language (`Tabela 4.1:` in a Portuguese
dissertation, `Tableau 3 –`, `Tabelle 2.`, `Tabla 1.`, `Tabel 5`, `Tabella 2`) and a lone letter for an
appendix table (`Table A:`, `TABLE B.`), above or under a ruled table, drawn from seeds. On the found corpus these
cost five captions (dis-cms-diffraction's three Tabelas, mejsr-silkworm's Tables A and B).

A sentence about such a table stays no caption, in any language."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.caption_labels import parse_label
from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables

WORDS = ["Tabela", "TABELA", "Tableau", "Tabelle", "Tabla", "Tabel", "Tabella", "Table", "TABLE"]
TITLES = ["Número de eventos gerados e a seção de choque", "Résultats des mesures de la campagne",
          "Ergebnisse der zweiten Messreihe", "Datos de las estaciones de muestreo", "Effect of the treatment on growth",
          "Eficiências relativas dos cortes aplicados"]
SEPARATORS = [": ", ". ", " \u2013 ", "  "]
ROWS = [("Amostra", "Massa", "Tempo", "Taxa"), ("A1", "12.4", "3.1", "0.82"), ("B2", "37.0", "10.2", "0.77"),
        ("C3", "8.9", "1.7", "0.91"), ("D4", "15.2", "4.4", "0.65")]


def _form(rng: random.Random) -> tuple[str, str, str, bool]:
    """(label as published, label as printed, separator, whether the caption sits under the table)."""
    word = rng.choice(WORDS)
    number = rng.choice([str(rng.randint(1, 12)), f"{rng.randint(1, 9)}.{rng.randint(1, 9)}", rng.choice("ABCDE")])
    if word in ("Table", "TABLE"):
        number = rng.choice("ABCDEFGH")  # the English forms here are the lone-letter ones
    name = "Table" if word in ("Table", "TABLE") else word[:1] + word[1:].lower()
    return f"{name} {number}", f"{word} {number}", rng.choice(SEPARATORS), rng.random() < 0.5


def _page(rng: random.Random) -> tuple[pymupdf.Document, str, str]:
    label, printed, sep, below = _form(rng)
    title = rng.choice(TITLES)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    x0, x1, top = 90.0, 500.0, 150.0
    table_top = top if below else top + 24
    y = table_top
    page.draw_line((x0, y), (x1, y), width=0.8)
    for r, row in enumerate(ROWS):
        for c, cell in enumerate(row):
            page.insert_text((x0 + 8 + 100 * c, y + 13), cell, fontsize=10)
        y += 18
        if r == 0:
            page.draw_line((x0, y), (x1, y), width=0.5)
    page.draw_line((x0, y + 2), (x1, y + 2), width=0.8)
    caption_y = y + 18 if below else top
    writer = pymupdf.TextWriter(page.rect)
    writer.append((x0, caption_y), f"{printed}{sep}{title}", font=pymupdf.Font("hebo" if rng.random() < 0.5 else "helv"),
                  fontsize=10)
    writer.write_text(page)
    page.insert_text((72, 600), "The text of the page goes on below, a paragraph about something else entirely.",
                     fontsize=10)
    return doc, label, title


@pytest.mark.parametrize("seed", range(12))
def test_a_label_in_any_language_or_a_lone_letter_captions_its_table(seed: int) -> None:
    doc, label, title = _page(random.Random(seed))
    content = read_page(doc[0])
    captions = find_captions(content)
    assert [(c.label, c.text) for c in captions] == [(label, title)], (label, title, captions)
    assert [t.label for t in find_tables(content, captions)] == [label]


@pytest.mark.parametrize("text", ["Tabela 4 mostra os resultados da segunda medição.", "Tableau 3 montre les",
                                  "Table A lists every site we sampled in the first year"])
def test_a_sentence_about_such_a_table_is_no_caption(text: str) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), "The previous paragraph ends on a line of running text that is full.", fontsize=10)
    page.insert_text((72, 112), text, fontsize=10)
    page.draw_line((72, 130), (500, 130), width=0.8)
    assert find_captions(read_page(page)) == []


def test_the_forms_parse_with_their_printed_word() -> None:
    forms = {"Tabela 4.1: Número": "Tabela 4.1", "TABELA 2. X": "Tabela 2", "Tableau 3 – Résultats": "Tableau 3",
             "Tabelle 2: Ergebnisse": "Tabelle 2", "Таблица 1 — Данные": "Таблица 1", "Table A: Effect": "Table A",
             "TABLE B. Post": "Table B", "Figura 2. Esquema": "Figura 2", "Abb. 3 Bild": "Abb. 3"}
    for text, label in forms.items():
        parsed = parse_label(text)
        assert parsed is not None and parsed.label == label, (text, parsed)
    for text in ("Table Arrests", "Table A's rows", "Tablespoons", "Tabelas 3 e 4", "Table OF CONTENTS"):
        assert parse_label(text) is None, text
