"""A caption whose line the reader breaks at a prime stacked over a subscript (`V′_f`: the pen goes back under the
prime) is read whole: the line's rest, in blocks of their own, starts where the line ends (PRD's `TABLE I.
Efficiencies ϵVfV′f→VsV′s for a final state ...` was cut at its first `V′`)."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page

WORDS = "of the selection for a final state with a boson and photon to end up in the signal region".split()


def _caption_page(seed: int) -> tuple[bytes, str]:
    """A caption of two lines with stacked scripts in its first (even seeds) or second line, written as one text
    object the pen moves back in; with its printed label."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    size = rng.choice([8.0, 9.0, 10.0])
    font = pymupdf.Font("helv")
    label = rng.choice(["TABLE I.", "Table 2:", "TABLE III."])
    writer = pymupdf.TextWriter(page.rect)

    def line(y: float, pieces: list[tuple[str, str]]) -> None:
        x = 54.0
        for text, script in pieces:
            writer.append((x, y), text, font=font, fontsize=size)
            x += font.text_length(text, fontsize=size)
            if script:  # a prime as a superscript and a subscript under it: the pen goes back
                writer.append((x, y - 0.4 * size), "\u2032", font=font, fontsize=0.7 * size)
                writer.append((x, y + 0.3 * size), script, font=font, fontsize=0.7 * size)
                x += font.text_length(script, fontsize=0.7 * size) + 0.5

    words = rng.sample(WORDS, 12)
    scripted = [(" ".join(words[:3]) + " V", "f"), (" " + " ".join(words[3:6]) + " V", "s"), (" " + words[6], "")]
    plain = [(" ".join(words[7:12]), "")]
    first, second = ([(f"{label} Efficiencies ", "")] + scripted, plain) if seed % 2 == 0 else \
        ([(f"{label} Efficiencies " + " ".join(words[7:12]), "")], scripted)
    line(136.0, first)
    line(136.0 + 1.25 * size, second)
    writer.write_text(page)
    return doc.tobytes(), label


@pytest.mark.parametrize("seed", range(6))
def test_a_caption_broken_at_stacked_scripts_is_read_whole(seed: int) -> None:
    pdf, label = _caption_page(seed)
    page = read_page(pymupdf.open(stream=pdf)[0])
    [caption] = find_captions(page)
    ends = {"TABLE I.": "Table I", "Table 2:": "Table 2", "TABLE III.": "Table III"}
    assert caption.label == ends[label]
    label_words = set(label.split())
    words = [w.text for ln in page.lines for w in ln.words if w.text not in label_words]
    assert all(w in caption.text for w in words), (caption.text, [w for w in words if w not in caption.text])
    assert caption.text.count("\u2032") == 2, caption.text
