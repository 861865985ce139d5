"""Is an item's text readable? Pure functions that spot text decoded through a font without a Unicode map.

Such a font makes the PDF's text layer decode to replacement or private-use characters, control codes,
or letters shifted off their glyphs ("Wkh phdvxuhphqwv"). The page-level check in extractors.ocr_records
sends whole garbage pages to OCR; this one judges one table's or figure's own text, which can be garbage
on an otherwise readable page (a table set in a broken font). Garbled items get a low confidence and are
always routed to review.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

MAX_UNREADABLE_SHARE = 0.2  # more unreadable characters than this share: garbled
MAX_IMPLAUSIBLE_SHARE = 0.5  # more implausible words than this share (of at least MIN_WORDS): garbled
MIN_WORDS = 4
GARBLED_CONFIDENCE = 0.1  # the most confidence an item with garbled text keeps
GARBLED_REASON = "garbled text (a font without a Unicode map?)"

ItemT = TypeVar("ItemT")

_WORD = re.compile(r"[^\W\d_]{4,}")
_VOWELS = set("aeiouyAEIOUYàáâäèéêëìíîïòóôöùúûüÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ")
_CONSONANT_RUN = re.compile(r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]{5,}")


def unreadable(char: str) -> bool:
    """A character no reader could use: replacement, private-use, unassigned, surrogate or control."""
    if char == "\ufffd":
        return True
    if char in "\t\n\r ":
        return False
    return unicodedata.category(char) in ("Co", "Cn", "Cc", "Cs")


def implausible_word(word: str) -> bool:
    """A Latin word no language writes: no vowel at all, or five consonants in a row."""
    if not word.isascii() or word.isupper():
        return False  # other scripts are not judged; all-capital words are acronyms (HPLC, XRD)
    return not (_VOWELS & set(word)) or bool(_CONSONANT_RUN.search(word))


def garbled_score(texts: Iterable[str]) -> float:
    """0 (readable) .. 1 (garbage): the worse of the unreadable-character and implausible-word measures,
    each scaled so that its threshold maps to 0.5."""
    text = "".join(t for t in texts if t)
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    unreadable_share = sum(map(unreadable, chars)) / len(chars)
    words = _WORD.findall(text)
    word_share = sum(map(implausible_word, words)) / len(words) if len(words) >= MIN_WORDS else 0.0
    return min(1.0, max(unreadable_share / MAX_UNREADABLE_SHARE, word_share / MAX_IMPLAUSIBLE_SHARE) * 0.5)


def is_garbled(texts: Iterable[str]) -> bool:
    """Whether the text is more garbage than a reader could trust."""
    return garbled_score(texts) > 0.5


def item_garbled_score(item: object) -> float:
    """The worse of the caption's and the cells' scores: a readable caption must not hide a garbage grid
    (6 of 9 cells undecodable once passed, because caption and cells were judged as one text)."""
    cells = [cell.text for cell in getattr(item, "cells", ())]
    caption = [getattr(item, "caption", None) or ""]
    return max(garbled_score(caption), garbled_score(cells)) if cells else garbled_score(caption)


def damaged_cells(item: object) -> int:
    """How many of a table's cells hold a character no reader could use (U+FFFD, private-use, control).

    One such cell is enough to distrust the cell: a significance star decoded as U+FFFD leaves `0.91�`
    with no value, and the result silently leaves `numeric_cells`. The share-based check above misses it
    when the rest of the table reads.
    """
    return sum(1 for cell in getattr(item, "cells", ()) if any(map(unreadable, cell.text or "")))


def mark_garbled(item: ItemT) -> ItemT:
    """The item with its text judged: a `damaged_cells` count when any cell holds an unreadable character
    (routing sends it to review), and confidence capped with a `garbled_text` entry when it is mostly garbage."""
    damaged = damaged_cells(item)
    if damaged:
        item = dataclasses.replace(item, evidence=item.evidence + (("damaged_cells", damaged),))  # type: ignore[attr-defined]
    score = item_garbled_score(item)
    if score <= 0.5:
        return item
    return dataclasses.replace(item, confidence=round(min(item.confidence, GARBLED_CONFIDENCE), 4),  # type: ignore[attr-defined]
                               evidence=item.evidence + (("garbled_text", round(score, 4)),))  # type: ignore[attr-defined]
