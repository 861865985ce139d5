"""Functions the isolation child runs in the fault tests (by name, so they must live in a module): readers
that reach their memory cap and then die by a signal or spin there, as MuPDF does on a drawing bomb."""
from __future__ import annotations

import os
import time


def _fill() -> list[bytearray]:
    """Allocate 1 MB blocks until the address-space limit refuses one; keep them."""
    hoard: list[bytearray] = []
    try:
        while True:
            hoard.append(bytearray(1 << 20))
    except MemoryError:
        return hoard


def fill_then_die(signal_number: int) -> None:
    """At the cap, a reader whose failed allocation it did not check: dies by the signal a moment later."""
    hoard = _fill()
    time.sleep(0.5)
    os.kill(os.getpid(), signal_number)
    time.sleep(5)
    del hoard


def fill_then_spin() -> None:
    """At the cap, a reader that retries its failed allocation for ever (MuPDF scavenging its store)."""
    hoard = _fill()
    while True:
        try:
            hoard.append(bytearray(1 << 20))
        except MemoryError:
            pass


def die_by(signal_number: int) -> None:
    """A reader that crashes well under its cap."""
    os.kill(os.getpid(), signal_number)
    time.sleep(5)
