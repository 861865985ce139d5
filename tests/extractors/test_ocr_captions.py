"""Captions on OCR'd pages, where no word is known to be bold: `Figure 1 Text` (a bold label with no
delimiter in print) is a caption beside its figure or table, and a mention when it opens a paragraph."""
from __future__ import annotations

from extractors.captions import find_captions
from extractors.page_content import PageContent, RasterImage, Rule, TextLine, Word


def _line(text: str, x: float, y: float, block: int, width: float = 380.0, size: float = 10.0) -> TextLine:
    words, step = text.split(), width / max(1, len(text.split()))
    boxes = [(x + i * step, y, x + (i + 1) * step - 3, y + size) for i in range(len(words))]
    return TextLine(bbox=(x, y, x + width, y + size), words=tuple(Word(w, b, size) for w, b in zip(words, boxes)),
                    block=block)


def _page(lines: list[TextLine], images: tuple[RasterImage, ...] = (), rules: tuple[Rule, ...] = ()) -> PageContent:
    return PageContent(number=2, width=612, height=792, lines=tuple(lines), rules=rules, paths=(), images=images)


BODY = "The remaining discrepancy can be explained by an improved signal ratio in all the runs."
GRAPHIC = RasterImage(bbox=(170, 70, 440, 265), width_px=560, height_px=400)


def test_plain_label_right_under_a_graphic_is_a_caption() -> None:
    caption = _line("Figure 1 Representative example: a histological section.", 150, 275, block=2, width=310)
    captions = find_captions(_page([caption, _line(BODY, 70, 304, block=3)], images=(GRAPHIC,)))
    assert [(c.label, c.text) for c in captions] == [("Figure 1", "Representative example: a histological section.")]


def test_plain_label_under_a_chart_with_its_tick_labels_between() -> None:
    ticks = [_line(name, x, 510, block=5 + i, width=30) for i, (name, x) in enumerate([("k-NN", 180), ("SVM", 300)])]
    caption = _line("Fig. 1 Accuracy of the compared methods.", 115, 540, block=9, width=380)
    captions = find_captions(_page([*ticks, caption], images=(RasterImage((180, 334, 470, 500), 600, 350),)))
    assert [c.label for c in captions] == ["Figure 1"]


def test_plain_label_above_a_table_rule_is_a_caption() -> None:
    caption = _line("Table 1 Overview of the 3 entries considered.", 150, 400, block=4, width=300)
    top_rule = Rule((140, 420, 470, 421), True, 0.8)
    assert [c.label for c in find_captions(_page([caption], rules=(top_rule,)))] == ["Table 1"]


def test_plain_label_opening_a_paragraph_is_a_mention() -> None:
    lines = [_line(BODY, 70, 300, block=3), _line("Figure 1 shows the concentration over time for all runs.", 70, 330, block=4),
             _line(BODY, 70, 343, block=4)]
    assert find_captions(_page(lines)) == []
    # a figure far above, with body text between, does not make it a caption either
    assert find_captions(_page(lines, images=(RasterImage((170, 70, 440, 265), 560, 400),))) == []


def test_a_delimiter_still_makes_a_caption_anywhere() -> None:
    captions = find_captions(_page([_line("Figure 2: Concentration as a function of time.", 150, 300, block=1)]))
    assert [(c.label, c.text) for c in captions] == [("Figure 2", "Concentration as a function of time.")]


def test_plain_figure_label_under_a_table_rule_is_a_mention() -> None:
    bottom_rule = Rule((70, 280, 540, 281), True, 0.8)
    mention = _line("Figure 1 shows the conversion as a function of time.", 70, 290, block=3, width=460)
    caption = _line("Figure 1: Conversion versus reaction time.", 120, 560, block=7, width=300)
    graphic = RasterImage((120, 400, 480, 550), 700, 300)
    captions = find_captions(_page([mention, _line(BODY, 70, 303, block=3), caption], images=(graphic,),
                                   rules=(bottom_rule,)))
    assert [(c.label, c.text) for c in captions] == [("Figure 1", "Conversion versus reaction time.")]
