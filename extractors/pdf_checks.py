"""Checks on an opened PDF before anything is rendered: is it a PDF, was it repaired, can its pages and
images be drawn without gigabytes of memory.

Reading the sizes costs no decoding: pages give their boxes and images (and their soft and stencil masks,
whose sizes are declared apart) their declared width, height, colour components and bits per component,
so a decompression bomb (a few KB that decode to gigabytes) is refused from its dictionary alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pymupdf

from extractors.pdf_reader import PdfOpenError, document_title, open_pdf

PDF_MAGIC = b"%PDF-"
HEADER_WINDOW = 1024  # the PDF header may follow up to 1 KB of junk (PDF 32000-1, annex H)
MAX_PAGE_SIDE_PT = 14_400.0  # the PDF limit for a page side (200 inches) without UserUnit
MAX_IMAGE_BYTES = 1 << 30  # an image that decodes to more than 1 GiB is refused
MAX_RENDER_PIXELS = 200_000_000  # a full page at the crop resolution must stay under this many pixels
_COMPONENTS = {"DeviceGray": 1, "CalGray": 1, "Separation": 1, "Indexed": 1, "DeviceRGB": 3, "CalRGB": 3,
               "Lab": 3, "ICCBased": 3, "DeviceCMYK": 4, "DeviceN": 4}


@dataclass(frozen=True)
class PdfCheck:
    """What the checks found: `fatal` reasons stop the document; `warnings` let it go on as partial."""

    fatal: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def header_problem(head: bytes) -> str | None:
    """Why the first bytes of a file are not a PDF's, or None when they hold a %PDF- header."""
    if not head:
        return "not a readable PDF: the file is empty"
    if PDF_MAGIC in head[:HEADER_WINDOW]:
        return None
    return f"not a readable PDF: no %PDF- header in the first {HEADER_WINDOW} bytes (starts with {head[:8]!r})"


def is_out_of_memory(exc: BaseException) -> bool:
    """Whether an error is memory exhaustion: MemoryError, or MuPDF's failed-allocation error (text only)."""
    if isinstance(exc, MemoryError):
        return True
    text = str(exc).lower()
    return any(word in text for word in ("malloc", "out of memory", "cannot allocate", "memory allocation"))


def human_bytes(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"  # pragma: no cover


def check_document(doc: pymupdf.Document, crop_dpi: int = 150) -> PdfCheck:
    """Fatal problems (not a PDF, oversized pages, decompression bombs) and warnings (repaired file)."""
    if not doc.is_pdf:
        return PdfCheck(fatal=(f"not a readable PDF: MuPDF reads it as {doc.metadata.get('format') or 'another format'}",))
    fatal: list[str] = []
    warnings: list[str] = []
    if doc.is_repaired:
        warnings.append("damaged PDF: MuPDF rebuilt its cross-reference table; pages or objects may be missing")
    scale = crop_dpi / 72.0
    seen: set[int] = set()
    for index in range(doc.page_count):
        page = doc[index]
        width, height = float(page.rect.width), float(page.rect.height)
        if max(width, height) > MAX_PAGE_SIDE_PT:
            fatal.append(f"page {index + 1} is {width:.0f} x {height:.0f} pt, beyond the PDF limit of "
                         f"{MAX_PAGE_SIDE_PT:.0f} pt a side")
        elif width * height * scale * scale > MAX_RENDER_PIXELS:
            fatal.append(f"page {index + 1} is {width:.0f} x {height:.0f} pt: {width * height * scale * scale / 1e6:.0f} "
                         f"Mpx at {crop_dpi} dpi, over the {MAX_RENDER_PIXELS / 1e6:.0f} Mpx render limit")
        for image in page.get_images(full=True):
            xref, smask, w, h, bpc, colorspace = image[:6]
            if xref in seen:
                continue
            seen.add(xref)
            decoded = image_bytes(int(w), int(h), int(bpc), str(colorspace))
            if decoded > MAX_IMAGE_BYTES:
                fatal.append(f"page {index + 1}: image {w} x {h} ({colorspace or 'unknown colour space'}) would "
                             f"decode to {human_bytes(decoded)}, over the {human_bytes(MAX_IMAGE_BYTES)} limit "
                             f"(a decompression bomb?)")
            for kind, mask in _masks(doc, xref, smask):
                mw, mh, mbpc = (_int_key(doc, mask, key) for key in ("Width", "Height", "BitsPerComponent"))
                # a soft mask is one gray channel; a stencil /Mask one bit per pixel (PDF 32000-1, 8.9.6)
                decoded = image_bytes(mw, mh, mbpc if kind == "soft mask" else 1, "DeviceGray")
                if decoded > MAX_IMAGE_BYTES:
                    fatal.append(f"page {index + 1}: {kind} {mw} x {mh} (DeviceGray) of image {w} x {h} would "
                                 f"decode to {human_bytes(decoded)}, over the {human_bytes(MAX_IMAGE_BYTES)} "
                                 f"limit (a decompression bomb?)")
        if len(fatal) >= 3:
            break
    return PdfCheck(tuple(fatal), tuple(warnings))


def _masks(doc: pymupdf.Document, xref: int, smask: int) -> list[tuple[str, int]]:
    """The mask images an image decodes with: its /SMask (soft mask) and a /Mask that is an image (a stencil),
    as (kind, xref); their sizes are declared apart from the image's own."""
    masks = [("soft mask", int(smask))] if smask else []
    kind, value = doc.xref_get_key(xref, "Mask")
    if kind == "xref":
        masks.append(("stencil mask", int(value.split()[0])))
    return masks


def _int_key(doc: pymupdf.Document, xref: int, key: str) -> int:
    """An integer entry of an object's dictionary (direct or an indirect object); 0 when absent or not a number."""
    kind, value = doc.xref_get_key(xref, key)
    if kind == "xref":
        kind, value = "int", doc.xref_object(int(value.split()[0]), compressed=True).strip()
    try:
        return max(0, int(float(value))) if kind in ("int", "float") else 0
    except ValueError:
        return 0


def image_bytes(width: int, height: int, bits_per_component: int, colorspace: str) -> int:
    """Bytes an image decodes to, from its dictionary (unknown colour spaces count as 4 components)."""
    components = _COMPONENTS.get(colorspace, 4)
    bits = max(1, bits_per_component or 8)
    return max(0, width) * max(0, height) * components * bits // 8


@dataclass(frozen=True)
class PdfInfo:
    """What ingest learns from opening a PDF once: its page count, title and the checks' findings."""

    n_pages: int
    title: str | None
    check: PdfCheck


def inspect_pdf(path: str, crop_dpi: int = 150) -> PdfInfo:
    """Open a PDF, count its pages, read its title and run check_document; raises PdfOpenError."""
    with open(path, "rb") as handle:
        problem = header_problem(handle.read(HEADER_WINDOW))
    if problem:
        raise PdfOpenError(problem)
    doc = open_pdf(Path(path))
    try:
        return PdfInfo(doc.page_count, document_title(doc), check_document(doc, crop_dpi))
    finally:
        doc.close()
