"""Pages per second and peak memory of Table Transformer detection on rendered pages (CPU or GPU).

    python benchmarks/table_detection_speed.py [PDF_DIR ...] [--model ID_OR_FOLDER --revision REV]
        [--device auto|cpu|cuda|mps] [--dtype auto|float32|float16|bfloat16] [--batch-size N] [--dpi 150]

Without --model, a tiny randomly initialised Table Transformer (native ResNet backbone) is built in a
temporary folder: that times the loading, batching and post-processing code, not a real checkpoint's
network. Needs torch and transformers (`pip install torch==2.13.0 && pip install 'paperlake[models]'`).
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractors.models.options import ModelOptions  # noqa: E402
from extractors.models.table_detection import TableDetectionOptions, detect_tables  # noqa: E402
from extractors.pdf_reader import open_pdf, render_page_rgb  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tiny_model(folder: Path) -> str:
    import torch
    import transformers

    config = transformers.TableTransformerConfig(
        backbone_config=transformers.ResNetConfig(embedding_size=8, hidden_sizes=[8, 16, 32, 64], depths=[1, 1, 1, 1],
                                                  layer_type="basic", out_features=["stage4"]),
        d_model=32, encoder_layers=1, decoder_layers=1, encoder_ffn_dim=64, decoder_ffn_dim=64,
        encoder_attention_heads=2, decoder_attention_heads=2, num_queries=15,
        id2label={0: "table", 1: "table rotated"}, label2id={"table": 0, "table rotated": 1})
    torch.manual_seed(0)
    transformers.TableTransformerForObjectDetection(config).save_pretrained(folder)
    transformers.DetrImageProcessor(size={"shortest_edge": 800, "longest_edge": 1000}).save_pretrained(folder)
    return str(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[REPO / "examples" / "pdfs"])
    parser.add_argument("--model", default=None)
    parser.add_argument("--revision", default=None)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--dtype", default="auto")
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--dpi", type=int, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = args.model or tiny_model(Path(tmp))
        options = TableDetectionOptions(ModelOptions(source, revision=args.revision, device=args.device,
                                                     dtype=args.dtype, batch_size=args.batch_size, setting="--model"))
        images, sizes = [], []
        for pdf in sorted(p for folder in args.folders for p in folder.glob("*.pdf")):
            doc = open_pdf(pdf)
            for number in range(1, doc.page_count + 1):
                images.append(render_page_rgb(doc, number, args.dpi))
                sizes.append((float(doc[number - 1].rect.width), float(doc[number - 1].rect.height)))
        start = time.perf_counter()
        detect_tables(images[:1], sizes[:1], options)  # load once, outside the timing
        print(f"load + first page: {time.perf_counter() - start:.2f} s ({'tiny random model' if not args.model else source})")
        start = time.perf_counter()
        found = detect_tables(images, sizes, options)
        elapsed = time.perf_counter() - start
        print(f"table detection: {len(images)} pages in {elapsed:.2f} s = {len(images) / elapsed:.2f} pages/s "
              f"(batch {args.batch_size}, {sum(map(len, found))} boxes); peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
