"""The edges of the reliability report: items read from a snapshot or a benchmark's rows, the diagram drawn.

The computation is paperlake.review.reliability's (pure). Here: a published snapshot's tables and figures
joined with the curators' corrections in DIR/review/corrections/, benchmarks/calibration.py's per-item rows
(Parquet or CSV), and the reliability diagram as a PNG (matplotlib, drawn without a screen).
"""
from __future__ import annotations

import io
import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from paperlake.review.reliability import corpus_items, expected_calibration_error, review_items
from paperlake.review.state import CorrectionStore

ITEM_FIELDS = {"tables": ["table_id", "confidence", "review_status"],
               "figures": ["figure_id", "confidence", "review_status"]}


def snapshot_items(snapshot_dir: Path, review_dir: Path) -> pd.DataFrame:
    """Every table and figure of a snapshot (rejected ones too) with its applied review outcome, if any."""
    frames = {name: pd.read_parquet(Path(snapshot_dir) / f"{name}.parquet", columns=columns)
              for name, columns in ITEM_FIELDS.items()}
    return review_items(frames["tables"], frames["figures"], CorrectionStore(review_dir).load_all())


def read_corpus_items(path: Path) -> pd.DataFrame:
    """benchmarks/calibration.py's per-item rows (.parquet, else CSV) as an items frame; ValueError if not such rows."""
    path = Path(path)
    rows = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
    return corpus_items(rows)


def diagram_png(panels: Mapping[str, pd.DataFrame], title: str, dpi: int = 100) -> bytes:
    """A reliability diagram, one panel per reliability table: exact share per bin against the diagonal."""
    from matplotlib.figure import Figure  # here: matplotlib loads in a second, only the report needs it

    figure = Figure(figsize=(5.2 * len(panels), 5.0), dpi=dpi, layout="constrained")
    axes = figure.subplots(1, len(panels), squeeze=False)[0]
    for ax, (name, table) in zip(axes, panels.items()):
        filled = table[table["items"] > 0]
        width = float(table["upper"].iloc[0] - table["lower"].iloc[0])
        ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label="exact share = confidence")
        ax.bar(filled["lower"], filled["exact_share"], width=width, align="edge", color="#4c72b0",
               edgecolor="white", label="exact share (observed)")
        ax.plot(filled["mean_confidence"], filled["exact_share"], "o", color="#dd8452", markersize=4,
                label="at the bin's mean confidence")
        for row in filled.itertuples(index=False):
            ax.annotate(f"n={row.items}", (row.lower + width / 2, row.exact_share), xytext=(0, 3),
                        textcoords="offset points", ha="center", va="bottom", fontsize=8)
        ece = expected_calibration_error(table)
        ax.set_title(f"{name}: {int(table['items'].sum())} items"
                     + ("" if ece is None or math.isnan(ece) else f", ECE {ece:.3f}"), fontsize=10)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.08)
        ax.set_xticks([k / 10 for k in range(11)])
        ax.set_xlabel("confidence")
        ax.set_ylabel("share exactly right")
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", fontsize=8)
    figure.suptitle(title, fontsize=11)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def write_diagram(panels: Mapping[str, pd.DataFrame], title: str, path: Path) -> Path:
    """Write the reliability diagram to `path` (its folder made), and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(diagram_png(panels, title))
    return path
