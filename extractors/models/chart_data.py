"""DePlot / Pix2Struct chart-to-table: raster chart images in, `figure_series` points out.

Configured like every model (`PAPERLAKE_CHART_MODEL` = a hub id such as `google/deplot` with
`PAPERLAKE_CHART_MODEL_REVISION`, or a local folder); loaded lazily once per process by
`extractors.models.loading`, run in batches, its answer parsed by the pure `deplot_table` parser.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from extractors.model import SeriesPoint
from extractors.models.deplot_table import LinearTable, parse_linear_table, table_series
from extractors.models.loading import load, to_pil
from extractors.models.options import ModelOptions

SETTING = "PAPERLAKE_CHART_MODEL"
DEFAULT_SOURCE = "google/deplot"
PROMPT = "Generate underlying data table of the figure below:"
MODEL_CLASS = "Pix2StructForConditionalGeneration"
PROCESSOR_CLASS = "Pix2StructProcessor"


@dataclass(frozen=True)
class ChartModelOptions:
    """Which chart model runs, and how much it may generate."""

    model: ModelOptions
    max_patches: int = 1024  # image patches per chart (DePlot was trained with 1024-4096)
    max_new_tokens: int = 512  # a longer answer is cut off (and its last row dropped by the parser)
    check_vector: bool = False  # also read charts whose data the vector path read (a second opinion)
    font_path: str | None = None  # font for the prompt DePlot sees drawn above the chart; None: Helvetica from PyMuPDF

    def __post_init__(self) -> None:
        if self.max_patches < 16 or self.max_new_tokens < 1:
            raise ValueError(f"{self.model.setting}: max_patches must be >= 16 and max_new_tokens >= 1")

    @classmethod
    def from_env(cls) -> ChartModelOptions | None:
        """Options from PAPERLAKE_CHART_MODEL (`default` means google/deplot) and its _REVISION, _DEVICE,
        _DTYPE, _BATCH_SIZE, _MAX_PATCHES, _MAX_NEW_TOKENS, _CHECK_VECTOR settings; None when unset."""
        import os

        if not os.environ.get(SETTING, "").strip():
            return None
        model = ModelOptions.from_env(SETTING)
        assert model is not None
        if model.source == "default":
            model = dataclasses.replace(model, source=DEFAULT_SOURCE)
        return cls(model=model, max_patches=int(os.environ.get(f"{SETTING}_MAX_PATCHES", "1024")),
                   max_new_tokens=int(os.environ.get(f"{SETTING}_MAX_NEW_TOKENS", "512")),
                   check_vector=os.environ.get(f"{SETTING}_CHECK_VECTOR", "").lower() in ("1", "true", "yes"),
                   font_path=os.environ.get(f"{SETTING}_FONT") or None)


@dataclass(frozen=True)
class ChartReading:
    """What the chart model read from one image: its raw answer, the parsed table and the series points."""

    text: str
    table: LinearTable
    series: tuple[SeriesPoint, ...]

    @property
    def readable(self) -> bool:
        return bool(self.series)


def read_charts(images: Sequence[Any], options: ChartModelOptions) -> list[ChartReading]:
    """Each chart image (PIL or H×W×3 uint8) read by the model, batched; one reading per image, in order."""
    import torch

    loaded = load(options.model, MODEL_CLASS, PROCESSOR_CLASS)
    readings: list[ChartReading] = []
    step = options.model.batch_size
    for start in range(0, len(images), step):
        batch = [to_pil(image) for image in images[start:start + step]]
        inputs = _encode(loaded.processor, batch, options)
        inputs = loaded.to_device(inputs)
        with torch.inference_mode():
            generated = loaded.model.generate(**inputs, max_new_tokens=options.max_new_tokens)
        for text in loaded.processor.batch_decode(generated, skip_special_tokens=True):
            table = parse_linear_table(text)
            readings.append(ChartReading(text=text, table=table, series=tuple(table_series(table))))
    return readings


def _encode(processor: Any, batch: list[Any], options: ChartModelOptions) -> Any:
    """Pixel patches of a batch; a VQA-style model (DePlot) gets the prompt drawn above each chart first."""
    image_processor = processor.image_processor
    if getattr(image_processor, "is_vqa", False):
        font = _header_font(options)
        batch = [with_header(image, PROMPT, font) for image in batch]
    return image_processor(images=batch, is_vqa=False, return_tensors="pt", max_patches=options.max_patches)


def with_header(image: Any, text: str, font: bytes | str, size: int = 36, padding: int = 5, wrap: int = 80) -> Any:
    """The image under its prompt drawn in black on white, both scaled to one width (Pix2Struct's VQA input).

    Done here rather than by the processor, which would fetch its font from the hub (offline runs fail).
    """
    import io
    import textwrap

    from PIL import Image, ImageDraw, ImageFont

    face = ImageFont.truetype(io.BytesIO(font) if isinstance(font, bytes) else font, encoding="UTF-8", size=size)
    lines = "\n".join(textwrap.TextWrapper(width=wrap).wrap(text=text))
    _, _, w, h = ImageDraw.Draw(Image.new("RGB", (1, 1))).textbbox((0, 0), lines, font=face)
    header = Image.new("RGB", (w + 2 * padding, h + 2 * padding), "white")
    ImageDraw.Draw(header).text((padding, padding), lines, fill="black", font=face)
    width = max(header.width, image.width)
    height = int(image.height * width / image.width)
    header_height = int(header.height * width / header.width)
    out = Image.new("RGB", (width, height + header_height), "white")
    out.paste(header.resize((width, header_height)), (0, 0))
    out.paste(image.convert("RGB").resize((width, height)), (0, header_height))
    return out


def _header_font(options: ChartModelOptions) -> bytes | str:
    """The prompt's font: the configured file, else Helvetica from PyMuPDF (Arial's metrics, which DePlot saw)."""
    if options.font_path:
        return options.font_path
    import pymupdf

    return bytes(pymupdf.Font("helv").buffer)

