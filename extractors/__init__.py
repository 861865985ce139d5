"""PDF in, DocumentExtraction out: plain Python, no Dagster, no services."""
import sys

# PyMuPDF 2 loads an ONNX page-layout model whenever it is imported (0.4 s and ~50 MB in every process:
# the CLI, each step process, each isolation forkserver) for Page.get_layout, which paperlake never calls.
# PyMuPDF skips that optional module when it cannot be imported; marking it absent before any
# `import pymupdf` keeps process start-up cheap. (A process that wants Page.get_layout imports
# pymupdf.layout before paperlake.)
sys.modules.setdefault("pymupdf.layout", None)
# Likewise PyMuPDF imports pymupdf4llm (and with it onnxruntime) for Document.to_markdown, which paperlake
# never calls: 22 MB and ~0.1 s in every process. OCR imports onnxruntime itself, when a page needs it.
sys.modules.setdefault("pymupdf4llm", None)
