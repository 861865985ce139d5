"""Read symbol fonts that put their glyphs at letter and digit codes (Elsevier's and PLOS's Advent 3B2 fonts).

Papers typeset with Advent 3B2 set =, −, ±, μ, ° and Greek in "Pi" fonts whose glyphs sit at the codes of
ordinary letters and digits, and their PDFs declare those codes as the letters: "31.3−48.3" reads "31.3248.3",
"10 μM" reads "10 lM", "80 °C" reads "80 uC". The font names are hashes of the font program, so one name is
one encoding wherever it appears (AdvP7DA6 reads the same in PLOS and IJSEM papers). Each table below was read
off the rendered glyphs of the papers where the font occurs, and agrees with what other open extractors
record for the same fonts. Only printable codes are mapped: control codes (\\x02 ...) are assigned per subset
and differ between documents, so they stay unreadable and send their item to review (text_quality).
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# The "Math Pi One" layout shared by AdvP7DA6 and its PostScript and OpenType twins.
_MATH_PI_ONE = {"1": "+", "2": "−", "3": "×", "5": "=", "6": "±", "8": "°", "9": "′",
                ",": "<", ".": ">", "#": "≤", "$": "≥", "m": "μ"}

_TABLES: dict[str, dict[str, str]] = {
    "AdvP7DA6": _MATH_PI_ONE,
    "AdvPS7DA6": _MATH_PI_ONE,
    "AdvPi1": {"6": "×"},  # cell size "1.2 × 2–17.5 μm"
    "AdvP414BFB": {"2": "−"},  # "at −80 °C", "−17.5"
    "AdvP3EAA99": {"m": "μ"},  # "17.5 μm"
    "AdvP44E6F4": {"u": "°"},  # "80 °C"
    "AdvP43B38B": {"a": "α", "b": "β", "v": "ω"},  # "β-galactosidase", "C16 : 1ω7"
    "AdvPSMP13": {"a": "α", "b": "β", "D": "Δ", "l": "μ", "X": "Ω"},  # "4α-PDD", "ΔR/R", "10 μM", "3.0 MΩ"
    "AdvMTSY": {"⁄": "*"},  # MathType's symbol font: significance stars decode as fraction slashes
}
_READ_ONLY = {name: MappingProxyType(table) for name, table in _TABLES.items()}
_EMPTY: Mapping[str, str] = MappingProxyType({})


def symbol_font_chars(font: str) -> Mapping[str, str]:
    """The code-to-character corrections for a font name (subset prefix "ABCDEF+" ignored); empty if none."""
    return _READ_ONLY.get(font.rpartition("+")[2], _EMPTY)


def known_symbol_fonts() -> frozenset[str]:
    """The font names this module corrects (for tests and docs)."""
    return frozenset(_TABLES)
