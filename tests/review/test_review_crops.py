"""Many review crops are rendered by a pool of processes; the crops and their order are those the one-by-one
path makes (a curator's task must show its own item)."""
from __future__ import annotations

from pathlib import Path

import pymupdf

from paperlake.review import queue


def _pdf(path: Path, n_pages: int) -> Path:
    doc = pymupdf.open()
    for k in range(n_pages):
        page = doc.new_page(width=400, height=300)
        page.insert_text((40, 60), f"page {k + 1}: the table of results", fontsize=12)
        page.draw_rect(pymupdf.Rect(40 + k, 80, 300, 200 + k), color=(0, 0, 0), width=1)
    doc.save(path)
    return path


def test_a_pool_renders_the_same_crops_in_the_same_order(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "doc.pdf", 6)
    n = queue.PARALLEL_CROPS + 5
    jobs = [(pdf, {"page": 1 + k % 6, "x0": 40.0 + k, "y0": 70.0, "x1": 310.0, "y1": 210.0 + k % 7}, f"item-{k}")
            for k in range(n)]
    pooled = queue._crops(jobs, tmp_path / "pooled", 100)
    one_by_one = [queue._crop(pdf, row, item_id, tmp_path / "serial", 100) for pdf, row, item_id in jobs]
    assert [(p.name, box, size) for p, box, size in pooled] == [(p.name, box, size) for p, box, size in one_by_one]
    assert all(p.read_bytes() == q.read_bytes() for (p, _, _), (q, _, _) in zip(pooled, one_by_one))
    assert len({p.name for p, _, _ in pooled}) == n  # each item its own crop
