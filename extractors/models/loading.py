"""The one module that loads transformers models: lazily, once per process, on the chosen device and dtype."""
from __future__ import annotations

import functools
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.models.options import ModelOptions, hub_offline

log = logging.getLogger(__name__)


class ModelWeightsMissing(RuntimeError):
    """The configured weights cannot be found (not in the folder, not cached offline, not downloadable)."""


class ModelsNotInstalled(RuntimeError):
    """torch / transformers are not installed."""


@dataclass(frozen=True)
class LoadedModel:
    """A model in eval mode on its device, its processor, and where and how it runs."""

    model: Any
    processor: Any
    device: str
    dtype: str
    options: ModelOptions

    def to_device(self, inputs: Any) -> dict[str, Any]:
        """A processor's tensors moved to the model's device; floating ones cast to its dtype."""
        import torch

        dtype = getattr(torch, self.dtype)
        return {k: (v.to(self.device, dtype) if v.is_floating_point() else v.to(self.device))
                for k, v in dict(inputs).items()}


def best_device(preference: str = "auto") -> str:
    """`preference` if given, else cuda when present, then mps, then cpu."""
    import torch

    if preference != "auto":
        return preference
    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


def resolve_dtype(preference: str, device: str) -> str:
    """`preference` if given, else float16 on cuda and float32 elsewhere (CPU half precision is slow)."""
    if preference != "auto":
        return preference
    return "float16" if device == "cuda" else "float32"


_LOCK = threading.Lock()


def load(options: ModelOptions, model_class: str = "AutoModelForObjectDetection",
         processor_class: str = "AutoImageProcessor") -> LoadedModel:
    """The model and processor `options` name, loaded on first use and reused for the rest of the process."""
    with _LOCK:
        return _load(options, model_class, processor_class)


@functools.lru_cache(maxsize=8)
def _load(options: ModelOptions, model_class: str, processor_class: str) -> LoadedModel:
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise ModelsNotInstalled(f"{options.setting}: the model {options.source!r} needs torch and transformers: "
                                 "pip install torch==2.13.0 && pip install 'paperlake[models]'") from exc
    device = best_device(options.device)
    dtype = resolve_dtype(options.dtype, device)
    source = str(Path(options.source).expanduser()) if options.is_local else options.source
    offline = options.is_local or hub_offline()
    kwargs: dict[str, Any] = {"local_files_only": offline}
    if not options.is_local:
        kwargs["revision"] = options.revision
    if options.is_local and not Path(source).is_dir():
        raise ModelWeightsMissing(f"{options.setting}: folder {source} does not exist")
    log.info("loading %s (%s) on %s as %s", source, options.revision or "local", device, dtype)
    try:
        processor = getattr(transformers, processor_class).from_pretrained(source, **kwargs)
        model = getattr(transformers, model_class).from_pretrained(source, dtype=getattr(torch, dtype), **kwargs)
    except (OSError, ValueError) as exc:
        where = f"folder {source}" if options.is_local else f"hub id {source!r} at revision {options.revision}"
        hint = (" (HF_HUB_OFFLINE is set: download the weights first, or point the setting at a local folder)"
                if hub_offline() and not options.is_local else "")
        raise ModelWeightsMissing(f"{options.setting}: no usable weights for {where}{hint}: {exc}") from exc
    model.to(device)
    model.eval()
    return LoadedModel(model=model, processor=processor, device=device, dtype=dtype, options=options)


def to_pil(image: Any) -> Any:
    """A PIL image from a PIL image or an H×W×3 uint8 array."""
    from PIL import Image

    return image if isinstance(image, Image.Image) else Image.fromarray(image)


def clear_cache() -> None:
    """Forget loaded models (tests; freeing memory between stages)."""
    _load.cache_clear()
