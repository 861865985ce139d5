"""Drawings read from get_cdrawings' raw tuples (extractors/drawing_records.py) give the same rules, paths and
shapes as from get_drawings, PyMuPDF's own conversion to Point, Rect and Quad objects (which index as tuples)."""
from __future__ import annotations

import pymupdf
import pytest

from extractors.drawing_records import read_drawings
from tests.conftest import EXAMPLES


def _odd_shapes_pdf() -> pymupdf.Document:
    """A page of what the conversion has to get right: a rectangle given backwards, a quad, a closed polyline
    without its last side, hairline boxes filled and stroked, a dashed curve."""
    doc = pymupdf.open()
    page = doc.new_page()
    shape = page.new_shape()
    shape.draw_rect(pymupdf.Rect(300, 120, 100, 100))  # backwards: get_drawings normalizes it
    shape.finish(color=(0, 0, 0), width=0.8)
    shape.draw_quad(pymupdf.Quad((100, 200), (300, 200), (100, 260), (300, 260)))
    shape.finish(color=(0, 0, 1), width=0.5)
    shape.draw_polyline([(100, 300), (300, 300), (300, 360), (100, 360)])
    shape.finish(color=(0, 0, 0), closePath=True, width=0.4)
    shape.draw_rect(pymupdf.Rect(100, 400, 400, 400.6))
    shape.finish(fill=(0, 0, 0), color=None)
    shape.draw_rect(pymupdf.Rect(420, 400, 421, 600))
    shape.finish(color=(0, 0, 0), fill=(1, 0, 0), width=0.3)
    shape.draw_bezier((100, 500), (150, 450), (250, 550), (300, 500))
    shape.finish(color=(0, 0.5, 0), dashes="[3 2] 0", width=1)
    shape.commit()
    return doc


def _documents() -> list[pymupdf.Document]:
    return [_odd_shapes_pdf()] + [pymupdf.open(path) for path in sorted(EXAMPLES.glob("*.pdf"))]


@pytest.mark.parametrize("doc", _documents(), ids=lambda doc: doc.name or "odd_shapes")
def test_raw_tuples_read_as_pymupdfs_objects(doc: pymupdf.Document) -> None:
    for page in doc:
        rules, paths, shapes = read_drawings(page.get_cdrawings())
        assert (rules, paths, shapes) == read_drawings(page.get_drawings())
        assert repr((rules, paths, shapes)) == repr(read_drawings(page.get_drawings()))  # the same number types


def test_the_odd_shapes_are_read() -> None:
    page = _odd_shapes_pdf()[0]
    assert "qu" in {item[0] for path in page.get_cdrawings() for item in path["items"]}
    rules, paths, shapes = read_drawings(page.get_cdrawings())
    quad_sides = [r for r in rules if r.thickness == 0.5]
    assert sorted(r.horizontal for r in quad_sides) == [False, False, True, True]  # the quad is a drawn frame
    assert any(not r.horizontal and r.bbox == (420.0, 400.0, 421.0, 600.0) for r in rules)  # a hairline box
    assert [(s.n_curves, s.dashed) for s in shapes if s.n_curves] == [(1, True)]
    assert any(p.n_segments == 2 for p in paths)  # the curve with its closing side
