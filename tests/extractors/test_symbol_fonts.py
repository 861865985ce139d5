"""Symbol fonts that put =, −, μ at letter and digit codes are read as the glyphs they draw.

The PDFs here name their fonts as Advent 3B2 does (a subset prefix, then the hashed name) and use the codes
those fonts use; MuPDF draws a substitute font for them, but reads the names and codes as in a real paper.
"""
from __future__ import annotations

import pymupdf
import pytest

from extractors.pdf_reader import read_page
from extractors.symbol_fonts import known_symbol_fonts, symbol_font_chars


def _page_with_runs(runs: list[tuple[str, str]]) -> pymupdf.Document:
    """One page with one line of text, each run (font name, text) set in its own, unembedded font."""
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=200)
    fonts = {}
    for name, _ in runs:
        if name not in fonts:
            xref = doc.get_new_xref()
            doc.update_object(xref, f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>")
            fonts[name] = (f"F{len(fonts)}", xref)
    font_dict = " ".join(f"/{tag} {xref} 0 R" for tag, xref in fonts.values())
    doc.xref_set_key(page.xref, "Resources", f"<< /Font << {font_dict} >> >>")
    shows = " ".join(f"/{fonts[name][0]} 10 Tf ({text}) Tj" for name, text in runs)
    content = doc.get_new_xref()
    doc.update_object(content, "<< >>")
    doc.update_stream(content, f"BT 50 100 Td {shows} ET".encode())
    doc.xref_set_key(page.xref, "Contents", f"{content} 0 R")
    return doc


def _words(runs: list[tuple[str, str]]) -> list[str]:
    doc = _page_with_runs(runs)
    return [word.text for line in read_page(doc[0]).lines for word in line.words]


def test_a_minus_set_in_a_math_pi_font_reads_as_a_minus_in_a_range() -> None:
    words = _words([("Helvetica", "31.3"), ("KKLGAD+AdvP7DA6", "2"), ("Helvetica", "48.3")])
    assert words == ["31.3\u221248.3"]


@pytest.mark.parametrize("font, codes, expected", [
    ("AdvP7DA6", "5,.$#", "=<>≥≤"),
    ("ABCDEF+AdvPSMP13", "alDX", "αμΔΩ"),
    ("AdvP3EAA99", "m", "μ"),
    ("AdvP44E6F4", "u", "°"),
    ("AdvMTSY", "\u2044", "*"),
])
def test_each_known_font_reads_its_codes_as_the_glyphs_it_draws(font: str, codes: str, expected: str) -> None:
    table = symbol_font_chars(font)
    assert "".join(table.get(code, code) for code in codes) == expected


def test_the_same_codes_in_a_text_font_are_left_alone() -> None:
    words = _words([("Helvetica", "31.3248.3 10 lM 80 uC")])
    assert words == ["31.3248.3", "10", "lM", "80", "uC"]
    assert not symbol_font_chars("AdvP7627")  # an Advent body-text font
    assert not symbol_font_chars("Times-Roman")


def test_only_printable_codes_are_mapped() -> None:
    """Control codes are assigned per subset: mapping one would be right in one paper and wrong in the next."""
    for font in known_symbol_fonts():
        assert all(code.isprintable() for code in symbol_font_chars(font))
