"""A Chinese cell wrapped over several lines reads as one run of text: Chinese sets no space between words, so the
lines join with none (found corpus: CGEP's Table A-1 read `15万吨绿 氢合成绿氨项目`). A Latin cell's lines still
join with a space. Generated: drawn grids of project names, Chinese or English, wrapped to the column's width."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

CHINESE = ["准格尔旗纳日松光伏制氢产业示范项目", "伊金霍洛旗圣圆能源风光制氢加氢一体化项目一期", "乌兰察布十万吨年风光制氢一体化示范项目",
           "锡林郭勒盟多伦县风光储氢制绿氨项目", "满洲里市风光制氢一体化示范项目", "通辽千万千瓦级风光储氢氨一体化零碳产业园项目"]
CITIES = ["鄂尔多斯", "乌兰察布", "赤峰", "通辽", "呼伦贝尔", "锡林郭勒"]


def _lines(text: str, width: float, size: float) -> list[str]:
    """The text cut into lines of at most `width`, character by character (Chinese breaks anywhere)."""
    lines = [""]
    for ch in text:
        if pymupdf.get_text_length(lines[-1] + ch, "china-s", size) > width:
            lines.append("")
        lines[-1] += ch
    return lines


def _page(seed: int) -> tuple[bytes, list[str]]:
    """A drawn grid: a project name that wraps, a city and a number per row. Returns the PDF and the names."""
    rng = random.Random(f"cjk-cells/{seed}")
    names = rng.sample(CHINESE, rng.randint(3, 5))
    size, width = rng.choice([8.0, 9.0]), rng.uniform(70, 110)
    xs = [60.0, 60 + width + 8, 60 + width + 68, 60 + width + 128]
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((60, 60), "Table A-1: Projects", fontsize=10)
    y = 72.0
    heads = ["项目名称", "地点", "产能"]
    rows = [[[h] for h in heads]] + [[_lines(n, width, size), [rng.choice(CITIES)], [f"{rng.randint(1, 900) * 100:,}"]]
                                     for n in names]
    page.draw_line((xs[0], y), (xs[-1], y), width=0.5)
    for row in rows:
        height = max(len(cell) for cell in row) * size * 1.3 + 4
        for k, cell in enumerate(row):
            for i, line in enumerate(cell):
                page.insert_text((xs[k] + 4, y + 2 + (i + 1) * size * 1.3 - 0.3 * size), line, fontsize=size,
                                 fontname="china-s")
        for x in xs:
            page.draw_line((x, y), (x, y + height), width=0.5)
        y += height
        page.draw_line((xs[0], y), (xs[-1], y), width=0.5)
    return doc.tobytes(), names


@pytest.mark.parametrize("seed", range(10))
def test_chinese_cell_lines_join_with_no_space(seed: int) -> None:
    pdf, names = _page(seed)
    table = only_table(pdf)
    assert [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == 0 and c.row > 0] == names
