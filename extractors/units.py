"""Units as papers print them (`g cm−3`, `m² g⁻¹`, `°C`, `kJ/mol`, `wt%`) converted to SI with pint.

`si_conversion(unit)` reads a printed unit into a linear map onto coherent SI (`value_si = scale * value +
offset`) and the SI unit's text (`kg m-3`, `J mol-1`, `K`, `1` for a pure number). Only symbols listed here,
with SI prefixes where SI allows them, are read: a unit text holding anything else (`a.u.`, `counts`, a
number such as `×10³`) gives None, never a guess. pint does the arithmetic; this module only spells.

    >>> to_si(25.0, "°C").value, to_si(25.0, "°C").unit
    (298.15, 'K')
    >>> to_si(3.85, "g cm−3")
    SiValue(value=3850.0, uncertainty=None, unit='kg m-3')
    >>> to_si(5.0, "°C", difference=True).value  # a ΔT column
    5.0
    >>> to_si(1.0, "a.u.") is None
    True
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

_ASCII = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\u207b": "-", "\u207a": "+",
                        "\u2070": "0", "\u00b9": "1", "\u00b2": "2", "\u00b3": "3", "\u2074": "4", "\u2075": "5",
                        "\u2076": "6", "\u2077": "7", "\u2078": "8", "\u2079": "9", "\u00b7": " ", "\u22c5": " ",
                        "\u2219": " ", "*": " ", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u00b5": "\u03bc",
                        "\u2103": "°C", "\u2109": "°F", "\u212b": "Å"})

_PREFIXES = {"Y": "Y", "Z": "Z", "E": "E", "P": "P", "T": "T", "G": "G", "M": "M", "k": "k", "h": "h", "da": "da",
             "d": "d", "c": "c", "m": "m", "μ": "u", "u": "u", "n": "n", "p": "p", "f": "f", "a": "a"}
"""SI prefixes as printed → as pint spells them (μ and the micro sign read as u)."""

_Si = tuple[tuple[str, int], ...]
"""A unit in coherent SI as (symbol, power) factors: `(("kg", 1), ("m", -3))`."""

_PREFIXABLE: dict[str, tuple[str, _Si]] = {
    "m": ("m", (("m", 1),)), "g": ("g", (("kg", 1),)), "s": ("s", (("s", 1),)), "A": ("A", (("A", 1),)),
    "K": ("K", (("K", 1),)), "mol": ("mol", (("mol", 1),)), "cd": ("cd", (("cd", 1),)),
    "L": ("L", (("m", 3),)), "l": ("L", (("m", 3),)), "Pa": ("Pa", (("Pa", 1),)), "J": ("J", (("J", 1),)),
    "W": ("W", (("W", 1),)), "N": ("N", (("N", 1),)), "V": ("V", (("V", 1),)), "C": ("C", (("C", 1),)),
    "S": ("S", (("S", 1),)), "F": ("F", (("F", 1),)), "T": ("T", (("T", 1),)), "Hz": ("Hz", (("s", -1),)),
    "eV": ("eV", (("J", 1),)), "Ω": ("ohm", (("Ω", 1),)), "ohm": ("ohm", (("Ω", 1),)),
    "Wb": ("Wb", (("Wb", 1),)), "H": ("H", (("H", 1),)), "Gy": ("Gy", (("Gy", 1),)),
    "Bq": ("Bq", (("s", -1),)), "Da": ("Da", (("kg", 1),)), "M": ("molar", (("mol", 1), ("m", -3))),
    "bar": ("bar", (("Pa", 1),)), "cal": ("cal", (("J", 1),)), "Ah": ("A*h", (("C", 1),)),
    "Wh": ("W*h", (("J", 1),)), "rad": ("rad", (("rad", 1),)), "kat": ("kat", (("mol", 1), ("s", -1))),
}
"""Unit symbols that take an SI prefix (`kJ`, `μm`, `mM`, `kDa`, `mAh`): pint's name and the SI unit."""

_PLAIN: dict[str, tuple[str, _Si]] = {
    "min": ("minute", (("s", 1),)), "h": ("hour", (("s", 1),)), "hr": ("hour", (("s", 1),)),
    "d": ("day", (("s", 1),)), "day": ("day", (("s", 1),)), "Å": ("angstrom", (("m", 1),)),
    "°C": ("degC", (("K", 1),)), "°F": ("degF", (("K", 1),)), "°": ("degree", (("rad", 1),)),
    "deg": ("degree", (("rad", 1),)), "%": ("percent", ()), "‰": ("permille", ()), "ppm": ("ppm", ()),
    "ppb": ("ppb", ()), "atm": ("atm", (("Pa", 1),)), "Torr": ("torr", (("Pa", 1),)),
    "torr": ("torr", (("Pa", 1),)), "mmHg": ("mmHg", (("Pa", 1),)), "psi": ("psi", (("Pa", 1),)),
    "sr": ("sr", (("sr", 1),)), **{kind: ("percent", ()) for kind in (
        "wt%", "wt.%", "at%", "at.%", "vol%", "vol.%", "mol%", "mass%")},
}
"""Symbols without prefixes; the kinds of percent (mass, atom, volume fractions) are fractions: SI `1`."""

_REFUSED = {"C", "pH"}
"""A bare `C` is printed for °C as often as for coulomb, `pH` is acidity, not picohenry: left unread."""

_TOKEN = re.compile(r"^(?P<symbol>[^\d^+\-]+?)\^?(?P<exp>[+-]?\d+)?$")
_SI_ORDER = ("J", "Pa", "W", "N", "V", "Ω", "S", "C", "F", "T", "Wb", "H", "Gy", "kg", "m", "s", "A", "K", "mol",
             "cd", "rad", "sr")
"""The order of factors in `unit_si` (positive powers first, then negative): one text per unit, however printed."""


@dataclass(frozen=True)
class SiValue:
    """A number in coherent SI: value, its uncertainty (same unit), and the unit's text (`kg m-3`, `1`)."""

    value: float
    uncertainty: float | None
    unit: str


@dataclass(frozen=True)
class Conversion:
    """How a printed unit maps onto SI: `value_si = scale * value + offset`; an uncertainty only scales."""

    scale: float
    offset: float
    unit: str


def to_si(value: float | None, unit: str | None, uncertainty: float | None = None,
          difference: bool = False) -> SiValue | None:
    """A value (and uncertainty) in the printed unit, in coherent SI; None when the unit is not read.

    `difference`: the value is a difference (a ΔT column), so an offset unit converts without its offset
    (a ΔT of 5 °C is 5 K, not 278.15 K)."""
    if value is None or unit is None:
        return None
    conversion = si_conversion(unit)
    if conversion is None:
        return None
    offset = 0.0 if difference else conversion.offset
    return SiValue(_tidy(conversion.scale * value + offset),
                   None if uncertainty is None else _tidy(abs(conversion.scale) * uncertainty), conversion.unit)


@cache
def si_conversion(unit: str) -> Conversion | None:
    """The map from a printed unit onto SI, or None when the text is not a unit this module reads."""
    terms = _terms(unit)
    if not terms:
        return None
    registry = _registry()
    single_offset = len(terms) == 1 and terms[0][1] == 1 and terms[0][0] in ("degC", "degF")
    expression = " * ".join(f"({name if single_offset or name not in ('degC', 'degF') else 'delta_' + name})"
                            f"**{exp}" for name, exp, _ in terms)
    try:
        parsed = registry.parse_units(expression)
        zero = registry.Quantity(0.0, parsed).to_base_units().magnitude
        one = registry.Quantity(1.0, parsed).to_base_units().magnitude
    except Exception:  # noqa: BLE001 - pint's errors vary by version; any of them means: not read
        return None
    return Conversion(float(one) - float(zero), float(zero), _si_text(terms))


def _si_text(terms: list[tuple[str, int, _Si]]) -> str:
    """The SI unit of printed terms: each term's SI factors, powers merged, in `_SI_ORDER`; `1` for none."""
    powers: dict[str, int] = {}
    for _, exp, factors in terms:
        for symbol, power in factors:
            powers[symbol] = powers.get(symbol, 0) + exp * power
    coulombs = min(powers.get("A", 0), powers.get("s", 0))
    if coulombs > 0:  # `mA h g−1` as `mAh g−1`: the same charge, one text
        powers = {**powers, "A": powers["A"] - coulombs, "s": powers["s"] - coulombs,
                  "C": powers.get("C", 0) + coulombs}
    ordered = sorted(((s, p) for s, p in powers.items() if p), key=lambda f: (f[1] < 0, _SI_ORDER.index(f[0])))
    return " ".join(s if p == 1 else f"{s}{p}" for s, p in ordered) or "1"


def _terms(unit: str) -> list[tuple[str, int, _Si]] | None:
    """Printed unit → [(pint unit name, exponent, SI factors)]; None when any part is not a listed symbol."""
    text = unit.translate(_ASCII).strip()
    text = re.sub(r"°\s+([CF])\b", r"°\1", text)
    text = re.sub(r"\b(wt|at|vol|mol|mass)(\.?)\s+%", r"\1\2%", text)  # `wt %`, `at. %`
    if not text or len(text) > 40:
        return None
    terms: list[tuple[str, int, _Si]] = []
    for k, part in enumerate(text.split("/")):
        part = part.strip()
        if k > 0 and part.startswith("(") and part.endswith(")"):
            part = part[1:-1]
        if not part or "(" in part or ")" in part:
            return None
        if k == 0 and part == "1":  # `1/min`
            continue
        for token in part.split():
            term = _term(token)
            if term is None:
                return None
            terms.append((term[0], -term[1] if k > 0 else term[1], term[2]))
    return terms


def _term(token: str) -> tuple[str, int, _Si] | None:
    match = _TOKEN.match(token)
    if not match:
        return None
    exp = int(match.group("exp")) if match.group("exp") else 1
    known = _symbol(match.group("symbol"))
    return (known[0], exp, known[1]) if known and exp != 0 else None


def _symbol(symbol: str) -> tuple[str, _Si] | None:
    """A printed symbol's pint name and SI unit: a plain symbol, or an SI prefix before a prefixable one."""
    if symbol in _REFUSED:
        return None
    if symbol in _PLAIN:
        return _PLAIN[symbol]
    if symbol in _PREFIXABLE:
        return _PREFIXABLE[symbol]
    for printed, prefix in _PREFIXES.items():
        rest = symbol[len(printed):]
        if symbol.startswith(printed) and rest in _PREFIXABLE:
            name, si = _PREFIXABLE[rest]
            return prefix + name, si
    return None


def _tidy(number: float) -> float:
    """Twelve significant digits: pint's floating-point residue (999.9999999999999) made 1000.0 again."""
    return float(f"{number:.12g}")


_REGISTRY_LOCK = threading.Lock()


def _registry() -> Any:
    """pint's unit registry, built once (a run builds it ahead, in another thread, while documents are read:
    the lock makes a caller wait for that build rather than start a second)."""
    with _REGISTRY_LOCK:
        return _built_registry()


@cache
def _built_registry() -> Any:
    import pint  # here: building the registry takes a quarter of a second, and only publishing converts

    return pint.UnitRegistry()


def prepare() -> None:
    """Build the unit registry now (see `_registry`)."""
    _registry()
