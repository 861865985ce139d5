"""Read the number a table cell holds: value, the uncertainty after ±, and a unit from the cell or header.

    >>> parse_cell("12.3 ± 0.4")
    ParsedNumber(value=12.3, uncertainty=0.4, unit=None)
    >>> parse_cell("−1.2e−3")
    ParsedNumber(value=-0.0012, uncertainty=None, unit=None)
    >>> parse_cell("45%")
    ParsedNumber(value=45.0, uncertainty=None, unit='%')
    >>> header_unit("Time (s)")
    's'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-",
                        "\u2009": "", "\u202f": "", "\u00a0": "", ",": ""})
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_NUM = r"[-+]?(?:\d{1,3}(?:[ \u00a0]\d{3})+(?:\.\d+)?|\d+\.?\d*|\.\d+)"  # 10 000 groups too
_SCI = rf"{_NUM}(?:\s*(?:[eE]\s*[-+]?\d+|[×x]\s*10\s*\^?\s*[-+]?\d+))?"
_CELL = re.compile(
    rf"^\s*(?P<value>{_SCI})\s*(?:(?:±|\+/-|\+-)\s*(?P<unc>{_NUM}(?:[eE][-+]?\d+)?))?\s*"
    r"(?P<unit>%|‰|[A-Za-zμµΩ°Å][A-Za-z0-9μµΩ°Å/·^\-]*(?:\s[A-Za-zμµΩ°Å][A-Za-z0-9μµΩ°Å/·^\-]*){0,2})?\s*$"
)  # units of up to three parts: `g cm−3`, `cm² V⁻¹ s⁻¹`
_HEADER_UNIT = re.compile(r"[\(\[]\s*([^()\[\]]{1,24}?)\s*[\)\]]\s*$")
_UNIT_PART = re.compile(r"^(?:[A-Za-zμµΩ°Å%‰][A-Za-z0-9μµΩ°Å/·^\-−⁻⁺⁰¹²³⁴⁵⁶⁷⁸⁹]*|10[−\-⁻]?[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]*|[×x]?10\^?[−\-]?\d+)$")
_BOLD_MARKERS = re.compile(r"[*†‡§¶]+$")
_CURRENCY = re.compile(r"^(US\$|\$|€|£|¥)\s*(?=[-+]?[\d.])")


@dataclass(frozen=True)
class ParsedNumber:
    """A cell's numeric reading; all None when the cell holds no single number."""

    value: float | None
    uncertainty: float | None
    unit: str | None


NOTHING = ParsedNumber(None, None, None)


def parse_cell(text: str) -> ParsedNumber:
    """Parse `12.3 ± 0.4`, `−1.2e−3`, `3.2 × 10−4`, `45%`, `0.91*`; anything else gives NOTHING."""
    cleaned = _BOLD_MARKERS.sub("", text.translate(_MINUS).translate(_SUPERSCRIPTS)).strip()
    if not cleaned or not any(c.isdigit() for c in cleaned):
        return NOTHING
    currency = _CURRENCY.match(cleaned)
    if currency:  # an amount with its currency sign (`$ 1,234`, `€12.5`): the sign is its unit
        amount = parse_cell(cleaned[currency.end():])
        return ParsedNumber(amount.value, amount.uncertainty, currency.group(1)) if amount.unit is None else NOTHING
    match = _CELL.match(cleaned)
    if not match:
        return NOTHING
    value = _to_float(match.group("value"))
    if value is None:
        return NOTHING
    unc = _to_float(match.group("unc")) if match.group("unc") else None
    unit = match.group("unit")
    if unit is not None and (unit.lower() in {"e", "x"}
                             or " " in unit and not all(_is_unit_part(part) for part in unit.split())):
        return NOTHING  # `12 patients died` is a phrase, `3.85 g cm−3` a value with its unit
    return ParsedNumber(value, unc, unit)


def header_unit(header_text: str) -> str | None:
    """The unit a column header names in brackets at its end: `Time (s)` → `s`, `Yield [%]` → `%`."""
    match = _HEADER_UNIT.search(header_text)
    if not match:
        return None
    unit = match.group(1).strip()
    parts = unit.split()
    if not unit or unit.isdigit() or len(parts) > 4:
        return None
    if len(parts) > 2 and not all(_is_unit_part(part) for part in parts):
        return None  # `(see text for details)` is a remark, not a unit
    return unit


def _is_unit_part(part: str) -> bool:
    """One part of a compound unit: a short symbol with an optional power (`cm²`, `K−1`, `10−6`)."""
    return bool(_UNIT_PART.match(part)) and (len(part) <= 5 or any(c.isdigit() for c in part))


def _to_float(token: str) -> float | None:
    token = re.sub(r"[\s\u00a0]+", "", token)
    sci = re.match(rf"^({_NUM})[×x]10\^?([-+]?\d+)$", token)
    try:
        if sci:
            return float(sci.group(1)) * 10.0 ** int(sci.group(2))
        return float(token)
    except ValueError:
        return None
