"""Review export: import files written atomically, page crops rendered from a PDF the test builds."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pymupdf
import pytest

from paperlake.review import export as review_export
from paperlake.review.export import local_files_ref, render_crop, write_import_files
from paperlake.review.tasks import percent_box

TASK = {"data": {"image": "/data/local-files/?d=a.png", "caption": "α < β, 1.2 ± 0.1 μm, −3"},
        "predictions": [{"model_version": "m", "score": 0.5, "result": []}]}


def test_write_import_files_writes_utf8_json_lists(tmp_path):
    paths = write_import_files(tmp_path / "review", {"tables": [TASK], "figures": []})
    assert paths == {"tables": tmp_path / "review" / "label_studio_tables.json",
                     "figures": tmp_path / "review" / "label_studio_figures.json"}
    raw = paths["tables"].read_bytes()
    assert "α < β, 1.2 ± 0.1 μm, −3".encode() in raw, "non-ASCII kept as is, nothing escaped"
    assert json.loads(raw.decode("utf-8")) == [TASK]
    assert json.loads(paths["figures"].read_text(encoding="utf-8")) == []
    written = sorted(p.name for p in (tmp_path / "review").iterdir())
    assert written == sorted(review_export.IMPORT_FILES.values())


def test_write_import_files_replaces_and_keeps_old_file_on_failure(tmp_path, monkeypatch):
    write_import_files(tmp_path, {"tables": [TASK]})
    write_import_files(tmp_path, {"tables": [TASK, TASK]})
    target = tmp_path / "label_studio_tables.json"
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 2

    def broken_replace(src, dst):
        raise OSError("disk went away")

    monkeypatch.setattr(os, "replace", broken_replace)  # the os module every atomic write goes through
    with pytest.raises(OSError):
        write_import_files(tmp_path, {"tables": []})
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 2, "old file intact"
    assert [p.name for p in tmp_path.iterdir()] == [target.name], "no temporary file left behind"


def test_write_import_files_rejects_unknown_kinds(tmp_path):
    with pytest.raises(ValueError):
        write_import_files(tmp_path, {"charts": []})


def _pdf(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((120, 140), "Table 1: a small table", fontsize=10)
    page.draw_rect(pymupdf.Rect(100, 150, 300, 250), color=(0, 0, 0), width=1)
    page.insert_text((110, 170), "a   b   c", fontsize=10)
    doc.save(path)
    doc.close()
    return path


def test_render_crop_size_and_box(tmp_path):
    pdf = _pdf(tmp_path / "doc.pdf")
    out = tmp_path / "crops" / "t1.png"
    crop_bbox, (width, height) = render_crop(pdf, 1, (100.0, 150.0, 300.0, 250.0), out, dpi=144, margin=20.0)
    assert crop_bbox == pytest.approx((80.0, 130.0, 320.0, 270.0), abs=72 / 144)
    assert (width, height) == (pytest.approx(480, abs=1), pytest.approx(280, abs=1))
    assert (crop_bbox[2] - crop_bbox[0]) * 2 == pytest.approx(width)
    assert (crop_bbox[3] - crop_bbox[1]) * 2 == pytest.approx(height)
    assert out.read_bytes().startswith(b"\x89PNG")
    pix = pymupdf.Pixmap(str(out))
    assert (pix.width, pix.height) == (width, height)
    assert oct(os.stat(out).st_mode & 0o777) == oct(0o644)
    x, y, w, h = percent_box((100.0, 150.0, 300.0, 250.0), crop_bbox)
    assert x * width / 100 == pytest.approx(40, abs=1) and w * width / 100 == pytest.approx(400, abs=1)


def test_render_crop_clips_to_the_page(tmp_path):
    pdf = _pdf(tmp_path / "doc.pdf")
    crop_bbox, (width, height) = render_crop(pdf, 1, (0.0, 700.0, 100.0, 792.0), tmp_path / "c.png", dpi=72,
                                             margin=24.0)
    assert crop_bbox == pytest.approx((0.0, 676.0, 124.0, 792.0), abs=1)
    assert (width, height) == (pytest.approx(124, abs=1), pytest.approx(116, abs=1))


def test_render_crop_shows_what_a_too_tight_box_left_out(tmp_path):
    # a figure box that stops at the tick labels: the rotated axis title 40 pt to its left must be in
    # the crop whole, or the curator cannot see where to stretch the box to
    path = tmp_path / "fig.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((172, 400), "Tm (C)", fontsize=10, rotate=90)  # spans x 161-175
    page.draw_rect(pymupdf.Rect(200, 300, 450, 500), color=(0, 0, 0), width=1)
    doc.save(path)
    doc.close()
    crop_bbox, _ = render_crop(path, 1, (200.0, 300.0, 450.0, 500.0), tmp_path / "f.png", dpi=72)
    with pymupdf.open(path) as reopened:
        title = reopened[0].search_for("Tm (C)")[0]
    assert crop_bbox[0] <= title.x0 - 2 and crop_bbox[2] >= 450.0 + 40


def test_render_crop_rejects_bad_page_and_box(tmp_path):
    pdf = _pdf(tmp_path / "doc.pdf")
    with pytest.raises(ValueError):
        render_crop(pdf, 2, (0.0, 0.0, 10.0, 10.0), tmp_path / "x.png")
    with pytest.raises(ValueError):
        render_crop(pdf, 1, (1000.0, 1000.0, 1100.0, 1100.0), tmp_path / "y.png", margin=0.0)


def test_local_files_ref(tmp_path):
    crop = tmp_path / "data" / "review" / "crops" / "t 1.png"
    assert local_files_ref(crop, tmp_path / "data") == "/data/local-files/?d=review/crops/t%201.png"
    with pytest.raises(ValueError):
        local_files_ref(tmp_path / "elsewhere.png", tmp_path / "data")
