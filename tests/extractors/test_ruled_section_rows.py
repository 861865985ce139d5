"""A short section label centred on a booktabs table between two rules of its own (`\\midrule Coding \\midrule`,
qwen2-report Table 8) is a row spanning the table: it lies within one column's width, and set a rule's padding
under a row whose cell in that column is `-`, it was read as that cell's next line (`- Coding`). Generated with
PyMuPDF: several fonts, sizes, widths and paddings, section labels narrower than the middle column."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

SECTIONS = ["Coding", "English", "Math", "Chinese", "Safety", "Agents", "Vision"]
ROWS = ["MMLU", "GPQA", "HumanEval", "MBPP", "GSM8K", "MATH", "IFEval", "MixEval", "AlignBench", "MT-Bench"]
MODELS = ["Llama-3-8B", "Yi-1.5-9B", "GLM-4-9B", "Qwen1.5-7B", "Qwen2-7B"]


def _page(seed: int) -> tuple[bytes, list[str], int]:
    """The PDF, the section labels, and the number of body rows (section rows included)."""
    rng = random.Random(f"ruled-sections/{seed}")
    size, font = rng.choice([8.0, 9.0, 10.0]), rng.choice(["helv", "tiro"])
    pad = rng.uniform(0.35, 0.6) * size
    x0, stub = 110.0, rng.uniform(95, 115)
    widths = [rng.uniform(52, 62) for _ in MODELS]
    xs = [x0 + stub]
    for w in widths:
        xs.append(xs[-1] + w)
    right = xs[-1] + 6

    def centred(text: str, a: float, b: float, y: float) -> None:
        page.insert_text(((a + b) / 2 - pymupdf.get_text_length(text, font, size) / 2, y), text, fontsize=size,
                         fontname=font)

    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((x0, 80), "Table 8: Performance of 7B+ instruction-tuned models.", fontsize=size, fontname=font)
    y = 92.0
    page.draw_line((x0, y), (right, y), width=0.8)
    y += pad + size
    page.insert_text((x0 + 2, y), "Datasets", fontsize=size, fontname=font)
    for k, m in enumerate(MODELS):
        centred(m, xs[k], xs[k + 1], y)
    sections = rng.sample(SECTIONS, 3)
    rows = rng.sample(ROWS, 9)
    n_body = 0
    for s, section in enumerate(sections):
        y += pad
        page.draw_line((x0, y), (right, y), width=0.4)
        y += pad + size
        centred(section, x0, right, y)
        n_body += 1
        y += pad
        page.draw_line((x0, y), (right, y), width=0.4)
        y += pad
        for name in rows[3 * s:3 * s + 3]:
            y += 1.1 * size
            page.insert_text((x0 + 2, y), name, fontsize=size, fontname=font)
            for k in range(len(MODELS)):
                centred("-" if rng.random() < 0.35 else f"{rng.uniform(10, 90):.1f}", xs[k], xs[k + 1], y)
            n_body += 1
    y += pad
    page.draw_line((x0, y), (right, y), width=0.8)
    return doc.tobytes(), sections, n_body


@pytest.mark.parametrize("seed", range(12))
def test_a_section_label_ruled_above_and_below_spans_the_table(seed: int) -> None:
    pdf, sections, n_body = _page(seed)
    table = only_table(pdf)
    spanning = [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == 0 and c.col_span == table.n_cols]
    assert spanning == sections
    assert table.n_rows - table.n_header_rows == n_body
