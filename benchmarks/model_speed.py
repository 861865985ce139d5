"""Pages per second and peak memory of each reading path: vector, OCR, and every transformers model.

    python benchmarks/model_speed.py [PDF_DIR ...] [--paths vector,ocr,table-detection,table-structure,chart,figure-kind]
                                     [--tiny] [--device auto|cpu|cuda|mps] [--dtype auto|float32|float16|bfloat16]
                                     [--batch-size N] [--max-pages N] [--time-limit S]

Each path runs in a subprocess of its own so its peak RSS (and peak GPU memory on cuda) is its own.
Models come from the same settings as a run (PAPERLAKE_TABLE_DETECTION_MODEL, PAPERLAKE_TABLE_STRUCTURE_MODEL,
PAPERLAKE_CHART_MODEL, PAPERLAKE_FIGURE_MODEL, each with _REVISION); `--tiny` builds tiny random models of each
architecture instead (speed of the code path, not of a real checkpoint). A model path reads the items the
vector path found on the pages (table crops, figure crops; whole pages for table detection), so its pages/s is
its extra cost per page of the corpus. `--time-limit` stops a path after the batch that crosses it.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PATHS = ("vector", "ocr", "table-detection", "table-structure", "chart", "figure-kind")
SETTINGS = {"table-detection": "PAPERLAKE_TABLE_DETECTION_MODEL", "table-structure": "PAPERLAKE_TABLE_STRUCTURE_MODEL",
            "chart": "PAPERLAKE_CHART_MODEL", "figure-kind": "PAPERLAKE_FIGURE_MODEL"}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pdf_pages(folders: list[Path], max_pages: int | None) -> list[tuple[Path, int]]:
    """(pdf, page count to use) for every PDF, at most max_pages pages in all."""
    import pymupdf

    chosen, left = [], max_pages if max_pages else 10**9
    for pdf in sorted(p for folder in folders for p in folder.glob("*.pdf")):
        if left <= 0:
            break
        with pymupdf.open(pdf) as doc:
            n = min(doc.page_count, left)
        chosen.append((pdf, n))
        left -= n
    return chosen


def first_pages(pdf: Path, n: int) -> bytes:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        if n < doc.page_count:
            doc.select(list(range(n)))
        return doc.tobytes()


def model_options(path: str, args: argparse.Namespace, tiny_dir: Path | None):  # type: ignore[no-untyped-def]
    """The options of one model path: the tiny model when --tiny, else its environment setting."""
    from extractors.models import tiny
    from extractors.models.chart_data import ChartModelOptions
    from extractors.models.figure_description import FigureModelOptions
    from extractors.models.options import ModelOptions
    from extractors.models.table_detection import TableDetectionOptions
    from extractors.models.table_structure import TableStructureOptions

    setting = SETTINGS[path]
    if tiny_dir is not None:
        build = {"table-detection": lambda f: tiny.table_transformer(f),
                 "table-structure": lambda f: tiny.table_transformer(f, tiny.STRUCTURE_LABELS),
                 "chart": tiny.pix2struct, "figure-kind": tiny.llava}[path]
        model = ModelOptions(str(build(tiny_dir / path)), setting=setting)
    else:
        model = ModelOptions.from_env(setting)
        if model is None:
            raise SystemExit(f"{path}: set {setting} (and {setting}_REVISION), or use --tiny")
    model = ModelOptions(model.source, model.revision, args.device, args.dtype,
                         args.batch_size or model.batch_size, setting)
    kinds = {"table-detection": lambda: TableDetectionOptions(model, threshold=0.0 if tiny_dir else 0.7),
             "table-structure": lambda: TableStructureOptions(model),
             "chart": lambda: ChartModelOptions(model, max_new_tokens=16 if tiny_dir else 512, check_vector=True),
             "figure-kind": lambda: FigureModelOptions(model, max_new_tokens=8 if tiny_dir else 48)}
    return kinds[path]()


def run_path(path: str, args: argparse.Namespace) -> dict:
    """Time one path over the chosen pages in this process; returns its figures."""
    from extractors.models.second_opinion import ModelSet
    from extractors.ocr import OcrOptions
    from extractors.pipeline import ExtractionOptions, extract_document

    pages = pdf_pages(args.folders, args.max_pages)
    vector_options = ExtractionOptions(ocr=OcrOptions(enabled=False), models=ModelSet())
    result: dict = {"path": path, "pages": sum(n for _, n in pages)}
    if path in ("vector", "ocr"):
        options = vector_options
        if path == "ocr":
            from benchmarks.image_only_pdfs import image_only

            options = ExtractionOptions(ocr=OcrOptions(enabled=True, dpi=150), models=ModelSet())
        started, done = time.perf_counter(), 0
        for pdf, n in pages:
            data = image_only(pdf, 150, n) if path == "ocr" else first_pages(pdf, n)
            extract_document(data, options)
            done += n
            if time.perf_counter() - started > args.time_limit:
                break
        result.update(pages=done, seconds=time.perf_counter() - started, items=done)
        return result | {"peak_rss_mb": round(peak_rss_mb())}

    # model paths read what the vector path found
    import io

    from PIL import Image

    from extractors.pdf_reader import open_pdf, render_page_rgb, render_png

    inputs: list[tuple[int, object]] = []  # (running page number, image)
    page_no = 0
    for pdf, n in pages:
        data = first_pages(pdf, n)
        extraction = extract_document(data, vector_options)
        doc = open_pdf(data)
        try:
            for page in range(1, n + 1):
                if path == "table-detection":
                    inputs.append((page_no + page, render_page_rgb(doc, page, 150)))
            for t in extraction.tables if path == "table-structure" else ():
                inputs.append((page_no + t.page, Image.open(io.BytesIO(render_png(doc, t.page, t.bbox, 150)))))
            for f in extraction.figures if path in ("chart", "figure-kind") else ():
                if f.png and f.parent is None:
                    inputs.append((page_no + f.page, Image.open(io.BytesIO(f.png)).convert("RGB")))
        finally:
            doc.close()
        page_no += n
    with tempfile.TemporaryDirectory(prefix="paperlake-tiny-") as tmp:
        return _time_model(path, args, Path(tmp) if args.tiny else None, inputs, result)


def _time_model(path: str, args: argparse.Namespace, tiny_dir: Path | None, inputs: list[tuple[int, object]],
                result: dict) -> dict:
    """Load the path's model (timed apart) and run it over the inputs in batches."""
    options = model_options(path, args, tiny_dir)
    runner = _runner(path)
    from extractors.models.loading import load

    started = time.perf_counter()
    classes = {"chart": ("Pix2StructForConditionalGeneration", "Pix2StructProcessor"),
               "figure-kind": ("AutoModelForImageTextToText", "AutoProcessor")}.get(path, ())
    loaded = load(options.model, *classes)
    result["load_seconds"] = round(time.perf_counter() - started, 2)
    result.update(device=loaded.device, dtype=loaded.dtype, batch_size=options.model.batch_size,
                  model=options.model.method(path))
    step = options.model.batch_size
    started, done_items, last_page = time.perf_counter(), 0, 0
    for start in range(0, len(inputs), step):
        batch = inputs[start:start + step]
        runner([image for _, image in batch], options)
        done_items += len(batch)
        last_page = batch[-1][0]
        if time.perf_counter() - started > args.time_limit:
            break
    seconds = time.perf_counter() - started
    pages_covered = result["pages"] if done_items == len(inputs) else last_page
    result.update(pages=pages_covered, items=done_items, seconds=seconds, peak_rss_mb=round(peak_rss_mb()))
    if loaded.device == "cuda":
        import torch

        result["peak_gpu_mb"] = round(torch.cuda.max_memory_allocated() / 2**20)
    return result


def _runner(path: str):  # type: ignore[no-untyped-def]
    from extractors.models.chart_data import read_charts
    from extractors.models.figure_description import describe_figures
    from extractors.models.table_detection import detect_tables
    from extractors.models.table_structure import recognise_grids

    if path == "table-detection":
        return lambda images, options: detect_tables(images, [(612.0, 792.0)] * len(images), options)
    return {"table-structure": recognise_grids, "chart": read_charts, "figure-kind": describe_figures}[path]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[REPO / "examples" / "pdfs"])
    parser.add_argument("--paths", default=",".join(PATHS), help=f"comma-separated, from {', '.join(PATHS)}")
    parser.add_argument("--tiny", action="store_true", help="tiny random models instead of the configured ones")
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda", "mps"))
    parser.add_argument("--dtype", default="auto", choices=("auto", "float32", "float16", "bfloat16"))
    parser.add_argument("--batch-size", type=int, default=0, help="0: each model's setting (default 4)")
    parser.add_argument("--max-pages", type=int, default=None, help="pages in all, taken PDF by PDF")
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per path, checked after each batch")
    parser.add_argument("--only", help=argparse.SUPPRESS)  # one path, in this process (the subprocess mode)
    args = parser.parse_args()
    if args.only:
        print(json.dumps(run_path(args.only, args)), flush=True)
        return
    forwarded = [str(f) for f in args.folders] + [
        "--device", args.device, "--dtype", args.dtype, "--batch-size", str(args.batch_size),
        "--time-limit", str(args.time_limit)] + (["--tiny"] if args.tiny else []) + (
        ["--max-pages", str(args.max_pages)] if args.max_pages else [])
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    print(f"{'path':<16} {'pages':>5} {'items':>5} {'seconds':>8} {'pages/s':>8} {'peak RSS MB':>11} "
          f"{'peak GPU MB':>11}  model / device")
    for path in args.paths.split(","):
        proc = subprocess.run([sys.executable, __file__, "--only", path, *forwarded], capture_output=True, text=True,
                              env=env, check=False)  # a failed path is reported, the others still run
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if proc.returncode or not lines:
            print(f"{path:<16} failed: {(proc.stderr.strip().splitlines() or ['?'])[-1]}")
            continue
        r = json.loads(lines[-1])
        rate = r["pages"] / r["seconds"] if r["seconds"] else float("inf")
        where = (f"{r['model']} on {r['device']} {r['dtype']}, batch {r['batch_size']}, load {r['load_seconds']} s"
                 if "model" in r else "")
        print(f"{path:<16} {r['pages']:>5} {r['items']:>5} {r['seconds']:>8.2f} {rate:>8.2f} {r['peak_rss_mb']:>11} "
              f"{r.get('peak_gpu_mb', '-'):>11}  {where}", flush=True)


if __name__ == "__main__":
    main()
