"""The OCR path's pure converters: text-layer check, RapidOCR boxes → Words/TextLines, pixels → rules and graphics."""
from __future__ import annotations

import numpy as np

from extractors.ocr_records import (
    OcrBox,
    boxes_from_rapidocr,
    graphics_from_pixels,
    page_from_ocr,
    rules_from_pixels,
    text_layer_problem,
    text_lines_of,
    words_of,
)
from extractors.page_content import PageContent, TextLine, Word


def _page(*texts: str) -> PageContent:
    lines = tuple(TextLine(bbox=(0, i * 12, 100, i * 12 + 10), block=0,
                           words=(Word(text=t, bbox=(0, i * 12, 100, i * 12 + 10), size=10),))
                  for i, t in enumerate(texts))
    return PageContent(number=1, width=612, height=792, lines=lines, rules=(), paths=(), images=())


def test_text_layer_problem() -> None:
    assert text_layer_problem(_page()) == "no text"
    assert text_layer_problem(_page("Figure")) == "no text"  # a stray word is not a text layer
    assert text_layer_problem(_page("The measurements were repeated three times.")) is None
    garbage = "\ue001\ue002\ue003\ufffd" * 10 + "abc"
    assert text_layer_problem(_page(garbage)) == "garbage text"
    assert text_layer_problem(_page("Mostly fine text here, with a few odd glyphs", "\ue001\ue002")) is None


def test_boxes_from_rapidocr_with_and_without_char_boxes() -> None:
    quad = [[10, 20], [60, 20], [60, 40], [10, 40]]
    chars = [[[10, 20], [20, 20], [20, 40], [10, 40]], [[20, 20], [30, 20], [30, 40], [20, 40]]]
    boxes = boxes_from_rapidocr([[quad, "ab", 0.9, chars, ["a", "b"], [0.9, 0.9]], [quad, "cd", "0.8"]])
    assert boxes[0] == OcrBox((10, 20, 60, 40), "ab", 0.9, ((10, 20, 20, 40), (20, 20, 30, 40)))
    assert boxes[1] == OcrBox((10, 20, 60, 40), "cd", 0.8)
    assert boxes_from_rapidocr(None) == []


def test_words_split_at_spaces_and_wide_gaps_in_points() -> None:
    # "12 ab" with a space, then "cd" after a gap wider than half the line height (20 px)
    text = "12 abcd"
    xs = [0, 10, 20, 30, 40, 70, 80]
    box = OcrBox((0, 0, 90, 20), text, 0.99, tuple((x, 0, x + 10, 20) for x in xs))
    words = words_of(box, scale=0.5)
    assert [w.text for w in words] == ["12", "ab", "cd"]
    # a recognised space: both words widened by up to half a CTC step (10 px here), keeping a gap
    assert words[0].bbox == (0, 0, 12, 10) and words[1].bbox == (13, 0, 25, 10)
    assert words[2].bbox == (35, 0, 45, 10)  # a split at a wide gap is left as measured
    assert abs(words[0].size - 10 / 1.22) < 1e-6
    # without character boxes the characters are spread evenly
    assert [w.text for w in words_of(OcrBox((0, 0, 100, 20), "a b", 1.0), 1.0)] == ["a", "b"]


def test_text_lines_reading_order_blocks_and_low_scores() -> None:
    boxes = [
        OcrBox((0, 100, 200, 120), "Table 1: Yields", 0.95),
        OcrBox((0, 0, 200, 20), "First paragraph line", 0.99),
        OcrBox((0, 24, 200, 44), "second line", 0.99),
        OcrBox((0, 200, 50, 220), "noise", 0.2),
    ]
    lines = text_lines_of(boxes, scale=1.0)
    assert [ln.text for ln in lines] == ["First paragraph line", "second line", "Table 1: Yields"]
    assert lines[0].block == lines[1].block != lines[2].block


def _image(h: int = 200, w: int = 300) -> np.ndarray:
    return np.full((h, w), 255, dtype=np.uint8)


def test_rules_from_pixels() -> None:
    gray = _image()
    gray[50, 20:280] = 0  # a 1 px horizontal rule
    gray[100:102, 20:280] = 0  # a 2 px rule
    gray[20:180, 150] = 0  # a vertical rule
    gray[150:170, 30:40] = 0  # a blob: no rule
    rules = rules_from_pixels(gray, scale=0.5, min_length_pt=20)
    horizontal = sorted(r.bbox for r in rules if r.horizontal)
    vertical = [r.bbox for r in rules if not r.horizontal]
    assert len(horizontal) == 2 and len(vertical) == 1
    assert horizontal[0] == (10.0, 25.0, 140.0, 25.5)
    assert horizontal[1][1:] == (50.0, 140.0, 51.0)
    assert vertical[0] == (75.0, 10.0, 75.5, 90.0)


def test_graphics_from_pixels_skip_text_and_rules() -> None:
    gray = _image(400, 400)
    gray[50:250, 50:250:7] = 0  # a drawing: vertical hatching, 200 px square
    gray[300:310, 50:350] = 0  # "text" that OCR found
    images = graphics_from_pixels(gray, scale=1.0, blank=[(50, 300, 350, 310)])
    assert len(images) == 1
    x0, y0, x1, y1 = images[0].bbox
    assert 40 <= x0 <= 50 and 40 <= y0 <= 50 and 245 <= x1 <= 260 and 250 <= y1 <= 260


def test_page_from_ocr_builds_a_page() -> None:
    gray = _image()
    gray[60, 10:290] = 0
    page = page_from_ocr(3, 150.0, 100.0, [OcrBox((10, 20, 100, 40), "Yield (%)", 0.9)], gray, scale=0.5)
    assert page.number == 3 and (page.width, page.height) == (150.0, 100.0)
    assert page.lines[0].text == "Yield (%)" and len(page.rules) == 1 and page.images == ()


def test_recover_minus_signs_the_recogniser_dropped() -> None:
    from extractors.ocr_records import recover_minus_signs

    gray = np.full((30, 200), 255, dtype=np.uint8)
    chars = ((18, 0, 28, 30), (28, 0, 34, 30), (34, 0, 44, 30))
    for x in (0, 100):  # two numbers with digit-like ink from row 5 to 24
        gray[5:25, x + 20:x + 27] = 0
        gray[5:25, x + 36:x + 43] = 0
    gray[15:17, 5:14] = 0  # a minus before the first number only
    gray[5:25, 108:110] = 0  # and a tall mark (not a minus) before the second
    boxes = [OcrBox((0, 0, 50, 30), "0.5", 0.9, chars),
             OcrBox((100, 0, 150, 30), "0.5", 0.9, tuple((a + 100, b, c + 100, d) for a, b, c, d in chars)),
             OcrBox((0, 0, 50, 30), "a.5", 0.9, chars)]
    fixed = recover_minus_signs(boxes, gray)
    assert fixed[0].text == "-0.5" and fixed[0].char_boxes[0] == (5.0, 0, 14.0, 30)
    assert fixed[1] == boxes[1] and fixed[2] == boxes[2]


def test_ocr_reason_only_for_scans_and_garbage() -> None:
    import dataclasses

    from extractors.ocr_records import ocr_reason
    from extractors.page_content import RasterImage, VectorPath

    blank = _page()
    assert ocr_reason(blank) == "no text"  # nothing at all: OCR decides
    scan = dataclasses.replace(blank, images=(RasterImage((0, 0, 612, 792), 1275, 1650),))
    assert ocr_reason(scan) == "no text"
    drawing = dataclasses.replace(blank, paths=(VectorPath((100, 100, 400, 400), 50, False, True),))
    assert ocr_reason(drawing) is None  # vector drawings without text keep their vector reading
    garbage = dataclasses.replace(_page("\ue001\ue002\ue003\ufffd" * 10), paths=drawing.paths)
    assert ocr_reason(garbage) == "garbage text"
    assert ocr_reason(_page("The measurements were repeated three times.")) is None
