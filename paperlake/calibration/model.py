"""Calibrated confidence: the probability that an item is exactly right, from its evidence. Pure, no pickle.

A `Calibrator` is a JSON document (shipped in `paperlake/calibration/models/`, or a data dir's own refit in
`DATA_DIR/calibration/`): a list of features read from an item's evidence, a logistic regression over them
(coefficients on standardized features), optionally an isotonic map of the logistic output (breakpoints), and,
in a data dir's refit, a Platt map of the result (`paperlake.review.recalibrate`).
`predict(evidence)` gives a probability in [0, 1], non-decreasing in the engine's own confidence (the fit
keeps that coefficient >= 0) and defined for any evidence: a missing key takes its feature's default.

Features read the evidence as `flatten` lays it out: nested objects as `a.b`, lists as `name_n`, per-series
keys `series_confidence:<name>` as `series_confidence_min`, `_mean`, `_n` (the same columns
`benchmarks/calibration.py` writes as `ev_<key>`, so a model fitted on its rows reads live evidence alike).
"""
from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

NAME = "calibrated"
"""How a calibrated item's `method` names the calibrator: `<extractor>+calibrated/<version>`."""
KINDS = ("table", "figure")
ENGINE_CONFIDENCE = "engine_confidence"
"""Evidence key keeping the extractor's own confidence once `confidence` holds the calibrated probability."""
SHIPPED_VERSION = "4"
TRANSFORMS = ("value", "flag", "log1p", "present", "equals")


@dataclass(frozen=True)
class Feature:
    """One input of the calibrator: how a number is read from the flattened evidence."""

    key: str                 # flattened evidence key
    transform: str = "value"  # value, flag (> 0), log1p, present (key there), equals (string == arg)
    default: float = 0.0     # when the key is missing (or not a number)
    arg: str = ""            # equals: the string compared with

    @property
    def name(self) -> str:
        return f"{self.key}={self.arg}" if self.transform == "equals" else \
            self.key if self.transform == "value" else f"{self.transform}:{self.key}"

    def read(self, flat: Mapping[str, Any]) -> float:
        value = flat.get(self.key)
        if self.transform == "present":
            return float(value is not None and not (isinstance(value, float) and math.isnan(value)))
        if self.transform == "equals":
            return float(isinstance(value, str) and value == self.arg)
        if isinstance(value, str):  # a string where a number is read: its presence (disagreement lines)
            number = 1.0 if value else 0.0
        else:
            try:
                number = float(value) if value is not None else math.nan
            except (TypeError, ValueError):
                number = math.nan
        if math.isnan(number):
            return float(self.default)
        if self.transform == "flag":
            return float(number > 0)
        if self.transform == "log1p":
            return math.log1p(max(number, 0.0))
        return number

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "transform": self.transform, "default": self.default}
        if self.arg:
            out["arg"] = self.arg
        return out


@dataclass(frozen=True)
class Calibrator:
    """A fitted calibrator of one kind of item (table or figure)."""

    kind: str
    version: str
    features: tuple[Feature, ...]
    intercept: float
    coef: tuple[float, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    iso_x: tuple[float, ...] = ()
    iso_y: tuple[float, ...] = ()
    info: Mapping[str, Any] | None = None  # what it was fitted on (corpora, reviews, held-out figures)
    platt: tuple[float, float] | None = None  # (a, b): p' = sigmoid(a * logit(p) + b), a data dir's refit
    auto_accept: bool = True
    """False when, held out by document, the items it put at or above the fit's threshold were right less often
    than that threshold claims: its probabilities still say how likely an item is right, but routing sends
    every item of its kind to review (`paperlake.pipeline.routing`)."""

    @property
    def method(self) -> str:
        """What `method` gains: `calibrated/<version>`."""
        return f"{NAME}/{self.version}"

    def vector(self, flat: Mapping[str, Any]) -> list[float]:
        return [feature.read(flat) for feature in self.features]

    def logistic(self, values: Sequence[float]) -> float:
        z = self.intercept + sum(c * (v - m) / s for c, v, m, s in zip(self.coef, values, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def predict_flat(self, flat: Mapping[str, Any]) -> float:
        """The probability of being exactly right, from flattened evidence."""
        p = self.logistic(self.vector(flat))
        if self.iso_x:
            p = _interp(p, self.iso_x, self.iso_y)
        if self.platt is not None:
            a, b = self.platt
            z = a * logit(p) + b
            p = 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))
        return min(max(p, 0.0), 1.0)

    def predict(self, evidence: Mapping[str, Any], engine_confidence: float | None = None) -> float:
        """The probability of being exactly right, from an item's evidence (the engine's confidence from the
        evidence's `engine_confidence`, else the one given)."""
        flat = flatten(evidence)
        if ENGINE_CONFIDENCE not in flat and engine_confidence is not None:
            flat[ENGINE_CONFIDENCE] = float(engine_confidence)
        return self.predict_flat(flat)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "version": self.version,
                               "features": [f.to_json() for f in self.features],
                               "logistic": {"intercept": self.intercept, "coef": list(self.coef),
                                            "mean": list(self.mean), "scale": list(self.scale)}}
        if self.iso_x:
            out["isotonic"] = {"x": list(self.iso_x), "y": list(self.iso_y)}
        if self.platt is not None:
            out["platt"] = {"a": self.platt[0], "b": self.platt[1]}
        if not self.auto_accept:
            out["auto_accept"] = False
        if self.info:
            out["info"] = dict(self.info)
        return out

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Calibrator:
        logistic = data["logistic"]
        features = tuple(Feature(f["key"], f.get("transform", "value"), float(f.get("default", 0.0)),
                                 str(f.get("arg", ""))) for f in data["features"])
        unknown = {f.transform for f in features} - set(TRANSFORMS)
        if unknown or data["kind"] not in KINDS:
            raise ValueError(f"not a paperlake calibrator: kind {data['kind']!r}, transforms {sorted(unknown)}")
        lengths = {len(features), len(logistic["coef"]), len(logistic["mean"]), len(logistic["scale"])}
        if len(lengths) != 1:
            raise ValueError("not a paperlake calibrator: features and coefficients differ in number")
        iso, platt = data.get("isotonic") or {}, data.get("platt")
        if platt is not None and float(platt["a"]) < 0:
            raise ValueError("not a paperlake calibrator: its Platt map is decreasing")
        return cls(str(data["kind"]), str(data["version"]), features, float(logistic["intercept"]),
                   tuple(float(v) for v in logistic["coef"]), tuple(float(v) for v in logistic["mean"]),
                   tuple(float(v) or 1.0 for v in logistic["scale"]),
                   tuple(float(v) for v in iso.get("x", ())), tuple(float(v) for v in iso.get("y", ())),
                   data.get("info"), None if platt is None else (float(platt["a"]), float(platt["b"])),
                   bool(data.get("auto_accept", True)))


def logit(p: float) -> float:
    """log(p / (1 - p)), p kept 1e-9 inside (0, 1)."""
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _interp(x: float, xs: Sequence[float], ys: Sequence[float]) -> float:
    """Piecewise-linear interpolation through (xs, ys), flat beyond the ends (numpy.interp's rule)."""
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    lo, hi = 0, len(xs) - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if xs[mid] <= x:
            lo = mid
        else:
            hi = mid
    span = xs[hi] - xs[lo]
    return ys[lo] if span <= 0 else ys[lo] + (ys[hi] - ys[lo]) * (x - xs[lo]) / span


def flatten(evidence: Mapping[str, Any] | str | None) -> dict[str, float | str]:
    """An item's evidence (JSON text or object) as flat keys: nested `a.b`, lists `name_n`, per-series keys
    `name:part` as `name_min`, `name_mean`, `name_n`; booleans as 0/1. Unreadable evidence: `unreadable` 1."""
    if isinstance(evidence, str) or evidence is None:
        try:
            evidence = json.loads(evidence) if evidence else {}
        except (TypeError, ValueError):
            return {"unreadable": 1.0}
    if not isinstance(evidence, Mapping):
        return {"unreadable": 1.0}
    out: dict[str, float | str] = {}
    grouped: dict[str, list[float]] = {}
    for key, value in evidence.items():
        for name, leaf in _leaves(str(key), value):
            if ":" in name and isinstance(leaf, float):
                grouped.setdefault(name.split(":", 1)[0], []).append(leaf)
            elif leaf is not None:
                out[name] = leaf
    for name, values in grouped.items():
        out |= {f"{name}_min": min(values), f"{name}_mean": sum(values) / len(values), f"{name}_n": float(len(values))}
    return out


def _leaves(name: str, value: Any) -> Iterable[tuple[str, float | str | None]]:
    if isinstance(value, Mapping):
        for k, v in value.items():
            yield from _leaves(f"{name}.{k}", v)
    elif isinstance(value, bool | int | float):
        yield name, float(value)
    elif isinstance(value, list):
        yield f"{name}_n", float(len(value))
    else:
        yield name, None if value is None else str(value)


# ------------------------------------------------------------------------------------------ loading
DATA_DIR_FOLDER = "calibration"
"""A data dir's own calibrators (fitted by `paperlake review calibrate`): DATA_DIR/calibration/<kind>s.json."""


def shipped_path(kind: str) -> Path:
    return Path(str(resources.files("paperlake.calibration") / "models" / f"{kind}s-{SHIPPED_VERSION}.json"))


def data_dir_path(data_dir: Path, kind: str) -> Path:
    return Path(data_dir) / DATA_DIR_FOLDER / f"{kind}s.json"


@lru_cache(maxsize=32)
def _load(path: str, stamp: tuple[int, int]) -> Calibrator:
    return Calibrator.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


def load(path: Path) -> Calibrator:
    """A calibrator from its JSON file (cached while the file is unchanged)."""
    stat = path.stat()
    return _load(str(path), (stat.st_mtime_ns, stat.st_size))


def calibrators_for(data_dir: Path | None = None) -> dict[str, Calibrator]:
    """kind -> calibrator in force: the data dir's own refit where there is one, else the shipped one."""
    found = {}
    for kind in KINDS:
        own = data_dir_path(data_dir, kind) if data_dir is not None else None
        path = own if own is not None and own.is_file() else shipped_path(kind)
        if path.is_file():
            found[kind] = load(path)
    return found


def fingerprint(calibrators: Mapping[str, Calibrator]) -> str:
    """A short hash of the calibrators in force (a route stage re-runs when it changes)."""
    text = json.dumps({k: c.to_json() for k, c in sorted(calibrators.items())}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
