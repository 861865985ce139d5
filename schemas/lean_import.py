"""pandera loaded without hypothesis, in the run's process and in the readers' forkserver (reader_warmup.py)."""
from __future__ import annotations

import sys


def pandera_without_hypothesis() -> None:
    """Load pandera's data-synthesis modules as if hypothesis were not installed (a dev extra; a run never
    synthesizes data): importing hypothesis for them was 0.11 CPU s of each run's own process. Nothing else's
    use of hypothesis changes: it is importable again right after, and left alone when already loaded."""
    if "hypothesis" in sys.modules or "pandera.strategies.pandas_strategies" in sys.modules:
        return
    sys.modules["hypothesis"] = None  # type: ignore[assignment]  # what `import hypothesis` meets: ImportError
    try:
        import pandera.strategies.pandas_strategies  # noqa: F401 - imported here, without hypothesis
    except ImportError:  # no pandera: nothing to prepare
        pass
    finally:
        if "hypothesis" in sys.modules and sys.modules["hypothesis"] is None:
            del sys.modules["hypothesis"]
