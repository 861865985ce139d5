"""A vision-language model (image-text-to-text) naming a figure's kind and describing it in a sentence.

Configured like every model (`PAPERLAKE_FIGURE_MODEL` = hub id + `_REVISION`, or a local folder); loaded
lazily once per process through `AutoModelForImageTextToText` / `AutoProcessor`, run in batches with the
same question for every figure; `figure_kind_of` reads the kind out of the free-text answer (pure).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from extractors.models.loading import load, to_pil
from extractors.models.options import ModelOptions

SETTING = "PAPERLAKE_FIGURE_MODEL"
MODEL_CLASS = "AutoModelForImageTextToText"
PROCESSOR_CLASS = "AutoProcessor"
QUESTION = ("Is this figure from a scientific paper a chart, an image (photo or micrograph) or a diagram? "
            "Answer with that one word, then describe the figure in one short sentence.")
_KIND_WORDS = {
    "chart": ("chart", "plot", "graph", "histogram", "heatmap", "scatter", "bar"),
    "image": ("image", "photo", "photograph", "micrograph", "picture", "microscopy"),
    "diagram": ("diagram", "schematic", "flowchart", "illustration", "drawing", "sketch"),
}


@dataclass(frozen=True)
class FigureModelOptions:
    """Which vision-language model runs, and how long its answer may be."""

    model: ModelOptions
    max_new_tokens: int = 48

    @classmethod
    def from_env(cls) -> FigureModelOptions | None:
        """Options from PAPERLAKE_FIGURE_MODEL (+ _REVISION, _DEVICE, _DTYPE, _BATCH_SIZE, _MAX_NEW_TOKENS)."""
        import os

        model = ModelOptions.from_env(SETTING)
        if model is None:
            return None
        return cls(model=model, max_new_tokens=int(os.environ.get(f"{SETTING}_MAX_NEW_TOKENS", "48")))


@dataclass(frozen=True)
class FigureDescription:
    """The model's answer for one figure: the kind it names (None when it names none) and its text."""

    kind: str | None
    description: str
    text: str


def figure_kind_of(answer: str) -> str | None:
    """The figure kind (chart, image, diagram) an answer names first; None when it names none."""
    found: list[tuple[int, str]] = []
    for kind, words in _KIND_WORDS.items():
        for word in words:
            match = re.search(rf"\b{word}s?\b", answer, flags=re.IGNORECASE)
            if match:
                found.append((match.start(), kind))
    return min(found)[1] if found else None


def description_of(answer: str, max_chars: int = 240) -> str:
    """The answer without its leading kind word, as one trimmed sentence."""
    text = " ".join(answer.split())
    text = re.sub(r"^(?:an?\s+)?(chart|image|diagram)\b[\s.:,;-]*", "", text, flags=re.IGNORECASE)
    return text[:max_chars].strip()


def describe_figures(images: Sequence[Any], options: FigureModelOptions) -> list[FigureDescription]:
    """Each figure crop (PIL or H×W×3 uint8) described by the model, batched; one answer per image, in order."""
    import torch

    loaded = load(options.model, MODEL_CLASS, PROCESSOR_CLASS)
    processor = loaded.processor
    tokenizer = getattr(processor, "tokenizer", processor)
    tokenizer.padding_side = "left"  # decoder-only generation continues from the right end of each prompt
    prompt = _prompt(processor)
    answers: list[FigureDescription] = []
    step = options.model.batch_size
    for start in range(0, len(images), step):
        batch = [to_pil(image).convert("RGB") for image in images[start:start + step]]
        inputs = loaded.to_device(processor(images=batch, text=[prompt] * len(batch), return_tensors="pt",
                                            padding=True))
        with torch.inference_mode():
            generated = loaded.model.generate(**inputs, max_new_tokens=options.max_new_tokens, do_sample=False)
        new_tokens = generated[:, inputs["input_ids"].shape[1]:]
        for text in processor.batch_decode(new_tokens, skip_special_tokens=True):
            answers.append(FigureDescription(kind=figure_kind_of(text), description=description_of(text), text=text))
    return answers


def _prompt(processor: Any) -> str:
    """The question in the model's chat format, with its image placeholder."""
    messages = [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": QUESTION}]}]
    return processor.apply_chat_template(messages, add_generation_prompt=True)
