"""Glyph-level text clean-up so cell text reads as a person reads it (ligatures split, minus kept, TeX's
accents set on their letters)."""
from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st", "\u00ad": ""})
# TeX sets an accent as a glyph of its own over the letter (`\'{\i}` -> `´` then a dotless `ı`): the spacing
# accents and the combining marks they stand for; the grave accent is left out (a backquote in code)
_ACCENTS = {"\u00b4": "\u0301", "\u00a8": "\u0308", "\u02c6": "\u0302", "\u02dc": "\u0303", "\u02c7": "\u030c",
            "\u02da": "\u030a", "\u02d8": "\u0306", "\u02d9": "\u0307", "\u00af": "\u0304", "\u02dd": "\u030b"}
_DOTLESS = {"\u0131": "i", "\u0237": "j"}
_ACCENTED = re.compile(f"([{''.join(_ACCENTS)}])([A-Za-z\u0131\u0237])")
_CEDILLA = re.compile("([CcSsTt])\u00b8")  # `\c{c}`: the letter, then the cedilla under it
_CEDILLA_FIRST = re.compile("(?<![CcSsTt])\u00b8([CcSsTt])")  # or the cedilla first (`se¸cão`): it sits under c, s, t


def normalize_glyphs(text: str) -> str:
    """Expand typographic ligatures, drop soft hyphens and set TeX's separate accent glyphs on their letters
    (`Garc´ıa` -> `García`, `c¸` or `¸c` -> `ç`); keep −, ±, × and Greek letters as they are."""
    text = text.translate(_LIGATURES)
    if any(ch in text for ch in "\u00b4\u00a8\u02c6\u02dc\u02c7\u02da\u02d8\u02d9\u00af\u02dd\u00b8"):
        text = _ACCENTED.sub(lambda m: unicodedata.normalize(
            "NFC", _DOTLESS.get(m.group(2), m.group(2)) + _ACCENTS[m.group(1)]), text)
        text = _CEDILLA.sub(lambda m: unicodedata.normalize("NFC", m.group(1) + "\u0327"), text)
        text = _CEDILLA_FIRST.sub(lambda m: unicodedata.normalize("NFC", m.group(1) + "\u0327"), text)
    return text


_CJK = re.compile("[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def is_cjk(ch: str) -> bool:
    """Whether a character is Chinese, Japanese or Korean (ideographs, kana, hangul, full-width forms): such
    text has no case and no spaces between words."""
    return bool(ch) and _CJK.match(ch) is not None
