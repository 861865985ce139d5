"""PDF in, DocumentExtraction out: plain Python, no Dagster, no services."""
