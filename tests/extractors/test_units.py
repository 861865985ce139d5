"""extractors.units: units as papers print them, converted to coherent SI with pint; unread units give None."""
from __future__ import annotations

import pytest

from extractors.numbers import header_unit, parse_cell
from extractors.units import si_conversion, to_si

# (printed unit, value, expected value_si, expected unit_si), the SI values worked out by hand
PRINTED = [
    ("°C", 25.0, 298.15, "K"),
    ("° C", 25.0, 298.15, "K"),
    ("\u2103", 25.0, 298.15, "K"),
    ("°F", 212.0, 373.15, "K"),
    ("K", 77.0, 77.0, "K"),
    ("g cm−3", 3.85, 3850.0, "kg m-3"),
    ("g cm-3", 3.85, 3850.0, "kg m-3"),
    ("g cm⁻³", 3.85, 3850.0, "kg m-3"),
    ("g/cm3", 3.85, 3850.0, "kg m-3"),
    ("g·cm−3", 3.85, 3850.0, "kg m-3"),
    ("g cm^-3", 3.85, 3850.0, "kg m-3"),
    ("m2 g−1", 120.0, 120000.0, "m2 kg-1"),
    ("m² g⁻¹", 120.0, 120000.0, "m2 kg-1"),
    ("m2/g", 120.0, 120000.0, "m2 kg-1"),
    ("%", 45.0, 0.45, "1"),
    ("wt%", 12.5, 0.125, "1"),
    ("wt %", 12.5, 0.125, "1"),
    ("at.%", 3.0, 0.03, "1"),
    ("ppm", 250.0, 0.00025, "1"),
    ("MPa", 210.0, 2.1e8, "Pa"),
    ("GPa", 1.5, 1.5e9, "Pa"),
    ("bar", 2.0, 2e5, "Pa"),
    ("kJ mol−1", 45.2, 45200.0, "J mol-1"),
    ("kJ/mol", 45.2, 45200.0, "J mol-1"),
    ("kcal mol−1", 1.0, 4184.0, "J mol-1"),
    ("J mol−1 K−1", 8.314, 8.314, "J K-1 mol-1"),
    ("J/(mol K)", 8.314, 8.314, "J K-1 mol-1"),
    ("μm", 2.5, 2.5e-6, "m"),
    ("µm", 2.5, 2.5e-6, "m"),  # the micro sign, U+00B5
    ("um", 2.5, 2.5e-6, "m"),
    ("nm", 450.0, 4.5e-7, "m"),
    ("Å", 3.2, 3.2e-10, "m"),
    ("eV", 3.37, 3.37 * 1.602176634e-19, "J"),
    ("meV", 60.0, 60e-3 * 1.602176634e-19, "J"),
    ("mS cm−1", 12.0, 1.2, "S m-1"),
    ("Ω cm", 0.5, 0.005, "Ω m"),
    ("cm2 V−1 s−1", 150.0, 0.015, "m2 V-1 s-1"),
    ("mAh g−1", 372.0, 372 * 3.6 * 1000, "C kg-1"),
    ("mA h g−1", 372.0, 372 * 3.6 * 1000, "C kg-1"),
    ("°C min−1", 10.0, 10.0 / 60, "K s-1"),
    ("mg L−1", 5.0, 0.005, "kg m-3"),
    ("mol L−1", 0.1, 100.0, "mol m-3"),
    ("mM", 2.0, 2.0, "mol m-3"),
    ("h", 2.0, 7200.0, "s"),
    ("min", 30.0, 1800.0, "s"),
    ("ms", 4.0, 0.004, "s"),
    ("GHz", 2.4, 2.4e9, "s-1"),
    ("mPa·s", 1.0, 0.001, "Pa s"),
    ("kDa", 66.5, 66.5e3 * 1.66053906892e-27, "kg"),
]


@pytest.mark.parametrize(("unit", "value", "value_si", "unit_si"), PRINTED, ids=[p[0] for p in PRINTED])
def test_printed_units_convert_to_si(unit, value, value_si, unit_si):
    converted = to_si(value, unit)
    assert converted is not None, unit
    assert converted.value == pytest.approx(value_si, rel=1e-9)
    assert converted.unit == unit_si


@pytest.mark.parametrize("unit", ["a.u.", "arb. units", "counts", "C", "×10³", "10−3 s", "pH", "cycles", "mg/",
                                  "(%)", "Pd", "kg kg kg kg kg kg kg kg kg kg kg kg kg kg kg", ""])
def test_units_that_are_not_read_give_none(unit):
    assert si_conversion(unit) is None
    assert to_si(1.0, unit) is None


def test_uncertainty_scales_without_the_offset():
    converted = to_si(74.6, "°C", 0.2)
    assert (converted.value, converted.uncertainty, converted.unit) == (pytest.approx(347.75), pytest.approx(0.2), "K")
    density = to_si(3.85, "g cm−3", 0.05)
    assert density.uncertainty == pytest.approx(50.0)


def test_no_value_or_no_unit_gives_none():
    assert to_si(None, "K") is None
    assert to_si(1.0, None) is None


def test_the_same_unit_printed_differently_compares_equal():
    texts = {si_conversion(unit).unit for unit in ("g cm−3", "g/cm3", "g·cm⁻³", "mg L−1", "kg m−3")}
    assert texts == {"kg m-3"}


@pytest.mark.parametrize(("cell", "header", "value_si", "unit_si"), [
    ("25", "T (°C)", 298.15, "K"),
    ("3.85 g cm−3", "Density", 3850.0, "kg m-3"),
    ("74.6 ± 0.2", "Tm (°C)", 347.75, "K"),
    ("45%", "Yield", 0.45, "1"),
    ("120", "SBET [m2 g−1]", 120000.0, "m2 kg-1"),
    ("1.2e−3", "Rate (mol L−1 s−1)", 1.2, "mol m-3 s-1"),
])
def test_cells_as_the_extractor_reads_them(cell, header, value_si, unit_si):
    parsed = parse_cell(cell)
    unit = parsed.unit or header_unit(header)
    converted = to_si(parsed.value, unit, parsed.uncertainty)
    assert converted is not None and converted.unit == unit_si
    assert converted.value == pytest.approx(value_si)
