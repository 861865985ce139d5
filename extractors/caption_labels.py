"""Caption labels as documents print them: the word (`Table`, `TABLE`, `Tab.`, `Supplementary Table`,
`Extended Data Table`, CJK `表`; `Figure`, `Fig.`, `图`; in European languages `Tabela`, `Tabla`, `Tableau`,
`Tabelle`, `Tabel`, `Tabella`, `Таблица`, `Figura`, `Abbildung`, `Abb.`, `Рис.`), the number (3, 324, 5.14, 6.1.2,
A-3, 7-1, S2, IV, B.1, HM-20, a lone letter A) and the separator after it (`.`, `:`, `|`, an en or em dash, CJK
`：`, or none: two spaces or a line break). Pure parsing of one line's text; whether the line is a caption is the
caller's question."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.text_normalize import is_cjk

_NUMBER = (r"(?P<num>[A-Z]{1,3}-[0-9]+[a-z]?\b|[0-9]+-[0-9]+\b(?!-)|[0-9]+(?:\.[0-9]+)*[A-Za-z]?"
           r"|[A-Z]\.[0-9]+(?:\.[0-9]+)*|[IVXLC]+\b|S[0-9]+|[A-Z]{1,3}[0-9]+[a-z]?"
           r"|[A-Z]\b(?![.'’-]\w))")  # C.8 before roman C; a lone letter (appendix `Table A`) last
_PREFIX = r"(?:(?P<pre>Supplementary|Supplemental|SUPPLEMENTARY|Suppl\.|Extended\s+Data|EXTENDED\s+DATA)\s+)?"
_DELIM = r"\s*(?P<delim>[:.|—–\-：．])?\s*"
_FOREIGN_TABLE = r"Tableau|TABLEAU|Tabel(?:a|la|le)?|TABEL(?:A|LA|LE)?|Tabla|TABLA|Таблица|ТАБЛИЦА"
_FOREIGN_FIGURE = r"Figura|FIGURA|Abbildung|ABBILDUNG|Abb\.|Рисунок|Рис\."
_TABLE = re.compile(rf"^{_PREFIX}(?P<word>{_FOREIGN_TABLE}|Table|TABLE|Tab\.|TAB\.)\s*{_NUMBER}{_DELIM}")
_FIGURE = re.compile(rf"^{_PREFIX}(?P<word>{_FOREIGN_FIGURE}|Figure|FIGURE|Fig\.|FIG\.|F[1l]G\.|Fig|FIG)\s*"
                     rf"{_NUMBER}{_DELIM}")
_ENGLISH = frozenset({"table", "tab.", "figure", "fig.", "fig", "f1g.", "flg."})
_CJK = re.compile(rf"^(?P<word>[表图圖])\s*{_NUMBER}{_DELIM}")
_CANONICAL = {"table": "Table", "figure": "Figure"}
_CJK_KIND = {"表": "table", "图": "figure", "圖": "figure"}


@dataclass(frozen=True)
class ParsedLabel:
    """A label at the start of a line: the item's kind, its canonical label (`Table 5.14`, `Supplementary
    Table S2`, `表7-1`, `Tabela 4.1`: English words as `Table`/`Figure`, others as printed in title case), the
    text after the separator, whether a separator was printed, and the word as printed."""

    kind: str
    label: str
    rest: str
    has_delim: bool
    word: str


def parse_label(text: str) -> ParsedLabel | None:
    """The caption label opening `text`, or None; `Table 3 shows` parses too (the caller judges sentences)."""
    for kind, pattern in (("table", _TABLE), ("figure", _FIGURE)):
        match = pattern.match(text)
        if match:
            prefix = match.group("pre")
            prefix = "" if not prefix else ("Supplementary " if prefix[0] in "Ss" else "Extended Data ")
            word = match.group("word")
            name = _CANONICAL[kind] if word.lower() in _ENGLISH else word[:1] + word[1:].lower()  # `Tabela 4.1`
            return ParsedLabel(kind, f"{prefix}{name} {match.group('num')}", text[match.end():],
                               match.group("delim") is not None, word)
    match = _CJK.match(text)
    if match and match.group("num")[:1].isalnum():
        word = match.group("word")
        return ParsedLabel(_CJK_KIND[word], f"{word}{match.group('num')}", text[match.end():],
                           match.group("delim") is not None, word)
    return None


def is_label_line(text: str) -> bool:
    """Whether a line opens with a caption label (another caption's first line ends this one)."""
    return parse_label(text) is not None


def opens_like_title(rest: str) -> bool:
    """Text after a label opens as a caption's does: with a capital, or in CJK (which has no case) as a short
    title without a sentence's commas and stops ("表1显示了……，" is a sentence about the table)."""
    rest = rest.strip()
    if is_cjk(rest[:1]):
        return len(rest) <= 40 and not any(mark in rest for mark in "，。；")
    return rest[:1].isupper()

