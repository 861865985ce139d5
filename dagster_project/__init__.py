"""Orchestration only: Dagster assets, checks, sensors and jobs that call into paperlake's stages."""
