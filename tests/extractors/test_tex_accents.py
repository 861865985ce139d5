"""TeX sets an accent as a glyph of its own over its letter (`\\'{\\i}` is `´` then a dotless `ı`), so names in
author blocks and cells read `Garc´ıa`. The reader sets such accents on their letters; a spacing accent with
no letter after it (a minute mark after a number) stays as it is."""
from __future__ import annotations

import pymupdf
import pytest

from extractors.pdf_reader import read_page
from extractors.text_normalize import normalize_glyphs


@pytest.mark.parametrize(("raw", "read"), [
    ("Garc\u00b4\u0131a", "García"), ("M\u00a8uller", "Müller"), ("\u02c7Skoda", "Škoda"), ("na\u02dcna", "naña"),
    ("Fran\u00b8cois", "François"), ("se\u00b8c\u02dcao", "seção"), ("c\u00b8a", "ça"), ("gar\u00e7on", "garçon"), ("10\u00b4", "10\u00b4"), ("fine", "fine"),
])
def test_tex_accents_are_set_on_their_letters(raw: str, read: str) -> None:
    assert normalize_glyphs(raw) == read


def test_an_author_line_reads_its_accented_name() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Pedro Garc\u00b4ia and Rosa M\u00a8uller", fontsize=11)  # base-14 type has no `ı`
    words = [w.text for line in read_page(doc[0]).lines for w in line.words]
    assert words == ["Pedro", "García", "and", "Rosa", "Müller"]
