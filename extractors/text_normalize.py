"""Glyph-level text clean-up so cell text reads as a person reads it (ligatures split, minus kept)."""
from __future__ import annotations

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st", "\u00ad": ""})


def normalize_glyphs(text: str) -> str:
    """Expand typographic ligatures and drop soft hyphens; keep −, ±, × and Greek letters as they are."""
    return text.translate(_LIGATURES)
