"""Orchestration only: Dagster assets, checks, sensors and jobs that call into paperlake's stages."""
import extractors  # noqa: F401  # first: it keeps PyMuPDF from loading a layout model paperlake does not use
