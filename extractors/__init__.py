"""PDF in, DocumentExtraction out: plain Python, no Dagster, no services."""
import sys

# PyMuPDF 2 loads an ONNX page-layout model whenever it is imported (0.4 s and ~50 MB in every process:
# the CLI, each step process, each isolation forkserver) for Page.get_layout. Only the extraction child
# needs it, and only for pages with an uncaptioned table: PyMuPDF skips that optional module when it cannot
# be imported, so marking it absent before any `import pymupdf` keeps process start-up cheap, and
# extractors/layout_model.py loads it on first use.
sys.modules.setdefault("pymupdf.layout", None)
# Likewise PyMuPDF imports pymupdf4llm (and with it onnxruntime) for Document.to_markdown, which paperlake
# never calls: 22 MB and ~0.1 s in every process. OCR imports onnxruntime itself, when a page needs it.
sys.modules.setdefault("pymupdf4llm", None)
