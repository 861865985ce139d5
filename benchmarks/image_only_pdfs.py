"""Build image-only ("scanned") copies of a folder of PDFs, truth files alongside, for scoring the OCR path.

    python benchmarks/image_only_pdfs.py SRC_DIR OUT_DIR [--dpi 150]

Each page is rendered at --dpi and the copy holds only that image (no text layer, no vector drawings);
`NAME.truth.json` files are copied unchanged, so `paperlake run OUT_DIR` + `score.py --truth OUT_DIR` scores it.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pymupdf


def image_only(pdf: Path, dpi: int = 150, max_pages: int | None = None) -> bytes:
    """The PDF rebuilt from page renders at `dpi`: same page sizes, no text layer."""
    source = pymupdf.open(pdf)
    out = pymupdf.open()
    try:
        for page in list(source)[:max_pages]:
            new = out.new_page(width=page.rect.width, height=page.rect.height)
            new.insert_image(new.rect, stream=page.get_pixmap(dpi=dpi, alpha=False).tobytes("png"))
        return out.tobytes()
    finally:
        out.close()
        source.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dpi", type=int, default=150)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for pdf in sorted(args.source.glob("*.pdf")):
        (args.out / pdf.name).write_bytes(image_only(pdf, args.dpi))
        truth = pdf.with_suffix(".truth.json")
        if truth.exists():
            shutil.copy(truth, args.out / truth.name)
    print(f"{len(list(args.out.glob('*.pdf')))} image-only PDFs at {args.dpi} dpi in {args.out}")


if __name__ == "__main__":
    main()
