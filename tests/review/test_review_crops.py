"""Many review crops are rendered by a pool of processes; the crops and their order are those the one-by-one
path makes (a curator's task must show its own item)."""
from __future__ import annotations

from pathlib import Path

import pymupdf

from paperlake.review import export, queue


def _pdf(path: Path, n_pages: int) -> Path:
    doc = pymupdf.open()
    for k in range(n_pages):
        page = doc.new_page(width=400, height=300)
        page.insert_text((40, 60), f"page {k + 1}: the table of results", fontsize=12)
        page.draw_rect(pymupdf.Rect(40 + k, 80, 300, 200 + k), color=(0, 0, 0), width=1)
    doc.save(path)
    return path


def _jobs(pdfs: list[Path], n: int) -> list[tuple[Path, dict, str]]:
    """n items spread over the PDFs in turn, each with its own box."""
    return [(pdfs[k % len(pdfs)], {"page": 1 + k % 6, "x0": 40.0 + k, "y0": 70.0, "x1": 310.0, "y1": 210.0 + k % 7},
             f"item-{k}") for k in range(n)]


def test_a_pool_renders_the_same_crops_in_the_same_order(tmp_path: Path, monkeypatch) -> None:
    pdfs = [_pdf(tmp_path / f"doc{k}.pdf", 6) for k in range(3)]  # a pool renders PDFs side by side
    n = queue.PARALLEL_CROPS + 5
    jobs = _jobs(pdfs, n)
    monkeypatch.setattr(queue.os, "cpu_count", lambda: 2)  # the pool, however many cores the test machine has
    pooled = queue._crops(jobs, tmp_path / "pooled", 100)
    one_by_one = [queue._crop(pdf, row, item_id, tmp_path / "serial", 100) for pdf, row, item_id in jobs]
    assert [(p.name, box, size) for p, box, size in pooled] == [(p.name, box, size) for p, box, size in one_by_one]
    assert all(p.read_bytes() == q.read_bytes() for (p, _, _), (q, _, _) in zip(pooled, one_by_one))
    assert len({p.name for p, _, _ in pooled}) == n  # each item its own crop


def test_a_crop_already_rendered_for_the_same_box_and_dpi_is_kept(tmp_path: Path, monkeypatch) -> None:
    pdf = _pdf(tmp_path / "doc.pdf", 6)
    jobs = _jobs([pdf], 4)
    first = queue._crops(jobs, tmp_path / "crops", 100)
    rendered: list[Path] = []
    real = export.render_crop_from

    def counted(doc, page, bbox, out, *args):  # type: ignore[no-untyped-def]
        rendered.append(out)
        return real(doc, page, bbox, out, *args)

    monkeypatch.setattr(export, "render_crop_from", counted)
    again = queue._crops(jobs, tmp_path / "crops", 100)
    assert again == first and rendered == []  # the same files, boxes and sizes, nothing rendered
    moved = [(pdf, {**jobs[0][1], "x1": 300.0}, jobs[0][2])] + jobs[1:]  # a curator's new box: a new crop
    queue._crops(moved, tmp_path / "crops", 100)
    assert len(rendered) == 1 and rendered[0] not in [p for p, _, _ in first]
    rendered.clear()
    sharper = queue._crops(jobs, tmp_path / "crops", 150)  # another dpi: rendered again, and bigger
    assert len(rendered) == 4 and all(s[2][0] > f[2][0] for s, f in zip(sharper, first))


def test_a_crop_file_shows_the_pixels_mupdf_rendered(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "doc.pdf", 1)
    with pymupdf.open(pdf) as doc:
        pix = doc[0].get_pixmap(clip=pymupdf.Rect(20, 40, 320, 220), dpi=100)
    back = pymupdf.Pixmap(export.png_bytes(pix, {"k": "v"}))
    assert (back.width, back.height, back.n, back.samples) == (pix.width, pix.height, pix.n, pix.samples)
    crop = tmp_path / "c.png"
    box, size = export.render_crop(pdf, 1, (40.0, 70.0, 310.0, 210.0), crop, dpi=100)
    assert export.existing_crop(crop, 1, (40.0, 70.0, 310.0, 210.0), 100) == (box, size)
    assert pymupdf.Pixmap(crop.read_bytes()).width == size[0]
    assert export.existing_crop(crop, 2, (40.0, 70.0, 310.0, 210.0), 100) is None  # another page
    crop.write_bytes(crop.read_bytes()[:20])  # a file cut short is rendered again
    assert export.existing_crop(crop, 1, (40.0, 70.0, 310.0, 210.0), 100) is None
