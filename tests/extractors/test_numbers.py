import pytest

from extractors.numbers import header_unit, parse_cell


@pytest.mark.parametrize(
    "text, value, uncertainty, unit",
    [
        ("12.3 ± 0.4", 12.3, 0.4, None),
        ("−7.07", -7.07, None, None),
        ("−1.2e−3", -0.0012, None, None),
        ("3.2 × 10−4", 3.2e-4, None, None),
        ("45%", 45.0, None, "%"),
        ("0.91*", 0.91, None, None),
        ("1,234", 1234.0, None, None),
        ("5 mg", 5.0, None, "mg"),
        ("3.85 g cm−3", 3.85, None, "g cm-3"),
    ],
)
def test_numbers_are_read_with_uncertainty_and_unit(text, value, uncertainty, unit):
    parsed = parse_cell(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.uncertainty == (pytest.approx(uncertainty) if uncertainty is not None else None)
    assert parsed.unit == unit


@pytest.mark.parametrize("text", ["", "TP53", "n/a", "−", "Control group", "p < 0.05 vs 3", "12 patients died"])
def test_text_cells_hold_no_number(text):
    assert parse_cell(text).value is None


@pytest.mark.parametrize("header, unit", [("Time (s)", "s"), ("Yield (%)", "%"), ("Mass [kg]", "kg"),
                                          ("Method", None), ("Top-1 (2019)", None),
                                          ("Mobility (cm² V⁻¹ s⁻¹)", "cm² V⁻¹ s⁻¹"), ("k (W m−1 K−1)", "W m−1 K−1"),
                                          ("Note (see text for details)", None)])
def test_header_units(header, unit):
    assert header_unit(header) == unit
