"""The versions pyproject.toml promises are the ones installed and tested, the Label Studio server's SDK included."""
from __future__ import annotations

import tomllib
from importlib.metadata import version

import pytest
from packaging.requirements import Requirement

from conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
CORE = {Requirement(spec).name: Requirement(spec) for spec in PYPROJECT["project"]["dependencies"]}
BOUNDED = ["pymupdf", "pandera", "pandas", "pyarrow", "duckdb", "dagster", "dagster-webserver", "label-studio-sdk"]


@pytest.mark.parametrize("name", BOUNDED)
def test_core_packages_have_both_bounds_and_the_installed_release_is_inside(name: str) -> None:
    requirement = CORE[name]
    operators = {spec.operator for spec in requirement.specifier}
    assert {">=", "<"} <= operators or "==" in operators, f"{name} needs a lower and an upper bound"
    assert requirement.specifier.contains(version(name), prereleases=True), (name, version(name))


def test_pymupdf_is_a_2_0_release_like_the_one_that_wrote_the_examples() -> None:
    import pymupdf

    producer = pymupdf.open(REPO / "examples" / "pdfs" / "gas_sensor_array.pdf").metadata["producer"]
    assert producer.startswith("PyMuPDF 2.0") and CORE["pymupdf"].specifier.contains(producer.split()[1])

