"""Retry and concurrency policy: transient errors retry with exponential backoff and jitter, others never.

Transient: a network peer that did not answer (Label Studio restarting, object storage hiccups,
timeouts, 5xx answers). Deterministic: everything else (a corrupt PDF, a schema bug, a 4xx answer); a
retry would fail the same way, so those raise `dg.Failure(allow_retries=False)` and stop at once.
"""
from __future__ import annotations

import errno

import dagster as dg

TRANSIENT_RETRY = dg.RetryPolicy(max_retries=3, delay=1.0, backoff=dg.Backoff.EXPONENTIAL,
                                 jitter=dg.Jitter.PLUS_MINUS)
"""About 1 s, 3 s, 7 s after the first failure (±1 s): long enough for a blip, short enough for a run."""

MODELS_POOL = "paperlake_models"
"""Concurrency pool of the steps that run extractors (PyMuPDF, OCR, transformers): memory-heavy, CPU-bound."""

_TRANSIENT_ERRNOS = {errno.ECONNREFUSED, errno.ECONNRESET, errno.ECONNABORTED, errno.ETIMEDOUT,
                     errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EPIPE, errno.EAGAIN}
_TRANSIENT_NAMES = {"ConnectError", "ConnectTimeout", "ReadTimeout", "RemoteProtocolError", "TransportError",
                    "EndpointConnectionError", "ConnectionClosedError", "ReadTimeoutError",
                    "ServerDisconnectedError", "ClientConnectorError", "ConnectionError", "Timeout"}


def is_transient(exc: BaseException) -> bool:
    """Whether an exception (or one in its cause chain) says a peer was briefly unreachable or overloaded."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (ConnectionError, TimeoutError)):
            return True
        if isinstance(current, OSError) and current.errno in _TRANSIENT_ERRNOS:
            return True
        if any(klass.__name__ in _TRANSIENT_NAMES for klass in type(current).__mro__):
            return True
        status = getattr(current, "status_code", None) or getattr(getattr(current, "response", None), "status_code",
                                                                  None)
        if isinstance(status, int) and (status >= 500 or status == 429):
            return True
        current = current.__cause__ or current.__context__
    return False


def classified(exc: Exception, what: str) -> Exception:
    """The exception to raise from a step: itself when transient (RetryPolicy retries it), else a final Failure."""
    if is_transient(exc):
        return exc
    return dg.Failure(description=f"{what}: {type(exc).__name__}: {exc}", allow_retries=False,
                      metadata={"error_type": type(exc).__name__, "retried": False})
