"""A compound broken at its own hyphen at a cell's line end (`Latency-` / `sensitive?`, `Charge-` / `offs`) is
joined as a word broken by hyphenation would be (`Latencysensitive?`): from the two lines alone the two cannot be
told apart. The document itself tells them: where it prints the compound whole with its hyphen elsewhere
(`latency-sensitive applications`) and never the joined word, the hyphen is given back."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from extractors.model import Cell, TableItem

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # a word of letters, or letters joined by hyphens


def document_words(lines: Iterable[str]) -> tuple[frozenset[str], dict[str, str]]:
    """The words a document prints whole (lower-cased) and its hyphenated compounds keyed by their letters
    alone (`latencysensitive` -> `latency-sensitive`); a key two compounds share is dropped."""
    whole: set[str] = set()
    compounds: dict[str, str] = {}
    clashes: set[str] = set()
    for text in lines:
        for m in _TOKEN.finditer(text):
            word = m.group().lower()
            if m.end() < len(text) and text[m.end()] in "-‐":  # `word-` at a line end or before a number: no word
                continue
            whole.add(word)
            if "-" in word:
                key = word.replace("-", "")
                if compounds.get(key, word) != word:
                    clashes.add(key)
                compounds[key] = word
    return frozenset(whole), {k: v for k, v in compounds.items() if k not in clashes}


def _restore(text: str, whole: frozenset[str], compounds: dict[str, str]) -> str:
    """The cell's text with each joined compound (never printed whole unhyphenated) hyphenated again."""
    def fix(m: re.Match[str]) -> str:
        word = m.group()
        key = word.lower()
        if "-" in word or key in whole or key not in compounds:
            return word
        out, i = [], 0
        for part in compounds[key].split("-"):
            out.append(word[i:i + len(part)])
            i += len(part)
        return "-".join(out)
    return _TOKEN.sub(fix, text)


def with_compound_hyphens(tables: Sequence[TableItem], lines: Iterable[str]) -> list[TableItem]:
    """The tables with compounds broken at their hyphen hyphenated again, on the document's own evidence."""
    whole, compounds = document_words(lines)
    if not compounds:
        return list(tables)
    out = []
    for table in tables:
        cells: list[Cell] = []
        for cell in table.cells:
            text = _restore(cell.text, whole, compounds) if cell.text else cell.text
            cells.append(cell if text == cell.text else dataclasses.replace(cell, text=text))
        changed = any(a is not b for a, b in zip(cells, table.cells))
        out.append(dataclasses.replace(table, cells=tuple(cells)) if changed else table)
    return out
