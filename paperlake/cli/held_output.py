"""What libraries print during a run is held back while the progress bars draw, then shown once at the end.

Python warnings (Dagster's version notes, deprecations), log records and stray stderr lines would break the
bars mid-line; they are collected instead and each distinct one shown once after the bars close, with how
often it came. Lines that restate a problem the run already reports (a bad PDF) are left out.
"""
from __future__ import annotations

import io
import logging
import sys
import warnings
from collections import Counter
from collections.abc import Iterable
from types import TracebackType
from typing import Self, TextIO


class HeldOutput:
    """A context: warnings and stderr output held from `__enter__` to `__exit__`; `lines()` gives them once each."""

    def __init__(self) -> None:
        self.stderr: TextIO = sys.stderr  # where the bars and the final report go
        self._buffer = io.StringIO()
        self._catcher = warnings.catch_warnings(record=True)
        self._caught: list[warnings.WarningMessage] = []
        self._handlers: list[tuple[logging.StreamHandler, object]] = []

    def __enter__(self) -> Self:
        self.stderr = sys.stderr
        caught = self._catcher.__enter__()
        self._caught = caught if caught is not None else []
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler) and handler.stream in (sys.stderr, sys.__stderr__):
                self._handlers.append((handler, handler.setStream(self._buffer)))
        sys.stderr = self._buffer
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        sys.stderr = self.stderr
        for handler, stream in self._handlers:
            handler.setStream(stream)  # type: ignore[arg-type]
        self._handlers.clear()
        self._catcher.__exit__(kind, error, trace)
        if kind is not None:  # a crash: everything held is part of the story
            for line in self.lines():
                print(line, file=self.stderr)

    def lines(self, known: Iterable[str] = ()) -> list[str]:
        """Each distinct warning or held line once (`(N times)` when repeated), leaving out those that contain
        one of the `known` texts (problems the run reports itself)."""
        known = [k for k in known if k]
        counts: Counter[str] = Counter()
        for caught in self._caught:
            message = str(caught.message).strip().splitlines()[0] if str(caught.message).strip() else ""
            counts[f"warning: {caught.category.__name__}: {message}"] += 1
        for line in self._buffer.getvalue().splitlines():
            if line.strip() and not line.startswith("  warnings.warn"):
                counts[line.rstrip()] += 1
        return [line + (f" ({n} times)" if n > 1 else "") for line, n in counts.items()
                if not any(k in line for k in known)]
