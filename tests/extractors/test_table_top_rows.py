"""A table's first row is kept when read from a caption set under the table, in two forms found on real pages:
a drawn grid whose header row is padded taller than its body rows, the heads set at the top of the cell
(fracture-gap Table 1: the gap over the body's first row was wider than the rows' pitch allows, and the header
was dropped), and a group label as long as a sentence centred over the partial rule under it (logjam-ccs15
Table 3's `Vulnerable servers, if the attacker can precompute for ...`: it read as prose and the header lost its
first row). Generated with PyMuPDF in several sizes, paddings and widths."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

HEADS = ["Gap Size (mm)", "Ununited", "Uncertain", "United", "Healed", "Failed"]
LABELS = ["Vulnerable servers, if the attacker can precompute for", "Share of hosts that accept the weakened group",
          "Measured response time when every cache is cold", "Fraction of samples that remain after filtering"]


def _grid_page(seed: int) -> tuple[bytes, list[str], int]:
    """A fully ruled grid, the header row taller, heads at its top; caption under it. The heads and body rows."""
    rng = random.Random(f"tall-head/{seed}")
    size = rng.choice([8.0, 9.0, 10.0])
    heads = rng.sample(HEADS, 4)
    n = rng.randint(3, 5)
    xs = [85.0]
    for _ in heads:
        xs.append(xs[-1] + rng.uniform(90, 110))
    head_h, body_h = size * rng.uniform(2.2, 2.8), size * rng.uniform(1.4, 1.6)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((200, 55), "ACCEPTED MANUSCRIPT", fontsize=13, fontname="hebo")
    y = 72.0
    ys = [y, y + head_h] + [y + head_h + body_h * (k + 1) for k in range(n)]
    for yy in ys:
        page.draw_line((xs[0], yy), (xs[-1], yy), width=0.5)
    for x in xs:
        page.draw_line((x, ys[0]), (x, ys[-1]), width=0.5)
    for k, head in enumerate(heads):
        page.insert_text((xs[k] + 6, y + 0.95 * size), head, fontsize=size, fontname="hebo")  # set at the top
    for r in range(n):
        base = ys[r + 1] + 0.5 * body_h + 0.35 * size
        page.insert_text((xs[0] + 6, base), f"{1 + r * 0.5:.1f}", fontsize=size, fontname="hebo")
        for k in range(1, 4):
            a = rng.randint(1, 6)
            page.insert_text((xs[k] + 12, base), f"{a}/6 ({100 * a // 6}%)", fontsize=size, fontname="helv")
    page.insert_text((xs[0], ys[-1] + 3 * size), "Table 1: Global radiographic scoring of fracture healing.",
                     fontsize=size, fontname="helv")
    return doc.tobytes(), heads, n


@pytest.mark.parametrize("seed", range(10))
def test_a_tall_header_row_of_a_drawn_grid_stays_over_the_body(seed: int) -> None:
    pdf, heads, n = _grid_page(seed)
    table = only_table(pdf)
    first = [c.text for c in sorted(table.cells, key=lambda c: c.col) if c.row == 0]
    assert first == heads
    assert table.n_rows == n + 1 and table.n_header_rows == 1


def _group_page(seed: int) -> tuple[bytes, str]:
    """A booktabs table at a page's top: a long group label over a partial rule, sub-heads, rows; caption under."""
    rng = random.Random(f"long-group/{seed}")
    size = rng.choice([8.0, 9.0])
    label = rng.choice(LABELS)
    x0, stub = 63.0, rng.uniform(150, 180)
    width = [rng.uniform(72, 82) for _ in range(4)]
    xs = [x0 + stub]
    for w in width:
        xs.append(xs[-1] + w)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = 54.0
    page.draw_line((x0, y), (xs[-1], y), width=0.7)
    label_w = pymupdf.get_text_length(label, "tiro", size)
    page.insert_text(((xs[0] + xs[-1]) / 2 - label_w / 2, y + 1.3 * size), label, fontsize=size, fontname="tiro")
    rule_y = y + 1.7 * size
    page.draw_line((xs[0] + 2, rule_y), (xs[-1], rule_y), width=0.3)
    for k, sub in enumerate(["all 512-bit", "all 768-bit", "one 1024-bit", "ten 1024-bit"]):
        page.insert_text((xs[k] + 4, rule_y + 1.3 * size), sub, fontsize=size, fontname="tiro")
    y = rule_y + 1.8 * size
    page.draw_line((x0, y), (xs[-1], y), width=0.4)
    for r in range(rng.randint(4, 6)):
        y += 1.15 * size
        page.insert_text((x0 + 5, y), rng.choice(["HTTPS Top 1M", "HTTPS Trusted", "IKEv1 IPv4", "SSH IPv4"]),
                         fontsize=size, fontname="tiro")
        for k in range(4):
            page.insert_text((xs[k] + 8, y), f"{rng.randint(1, 999)},{rng.randint(100, 999)}", fontsize=size,
                             fontname="tiro")
    y += 0.6 * size
    page.draw_line((x0, y), (xs[-1], y), width=0.7)
    page.insert_text((x0, y + 2.5 * size), "Table 3: Estimated impact of the attacks on servers.", fontsize=size,
                     fontname="tiro")
    y += 5 * size
    for _ in range(6):  # running text under the caption
        page.insert_text((x0, y), "the resulting traffic thus appears to be an ordinary connection to the server "
                         "and none of the", fontsize=size + 1, fontname="tiro")
        y += 1.3 * (size + 1)
    return doc.tobytes(), label


@pytest.mark.parametrize("seed", range(10))
def test_a_long_group_label_over_its_rule_is_a_header_row(seed: int) -> None:
    pdf, label = _group_page(seed)
    table = only_table(pdf)
    assert table.n_header_rows == 2
    assert [c.text for c in table.cells if c.row == 0 and c.text] == [label]


@pytest.mark.parametrize("seed", range(6))
def test_the_next_table_under_a_grid_and_its_caption_keeps_to_its_own_rows(seed: int) -> None:
    """A drawn grid captioned under it, then a booktabs table captioned under it (LaTeX seed 1, lt1_0074): read up
    from the second caption, the grid's last ruled row is no row of the second table (it took the grid whole)."""
    from extractors.captions import find_captions
    from extractors.pdf_reader import read_page
    from extractors.tables import find_tables

    rng = random.Random(f"grid-then-table/{seed}")
    pdf, heads, n = _grid_page(seed)
    doc = pymupdf.open(stream=pdf)
    page = doc[0]
    size = 9.0
    y = 72.0 + n * 16 + 120
    page.draw_line((190, y), (420, y), width=0.8)
    page.insert_text((200, y + 12), "Dataset      Condition      Count", fontsize=size, fontname="helv")
    page.draw_line((190, y + 16), (420, y + 16), width=0.4)
    m = rng.randint(4, 7)
    for r in range(m):
        page.insert_text((200, y + 28 + 12 * r), f"Series {r}", fontsize=size, fontname="helv")
        page.insert_text((290, y + 28 + 12 * r), rng.choice(["LSTM", "Male", "South"]), fontsize=size, fontname="helv")
        page.insert_text((370, y + 28 + 12 * r), str(rng.randint(1, 99)), fontsize=size, fontname="helv")
    bottom = y + 28 + 12 * (m - 1) + 5
    page.draw_line((190, bottom), (420, bottom), width=0.8)
    page.insert_text((85, bottom + 20), "Table 2: Effect of error rate on the outcome.", fontsize=size, fontname="helv")
    read = read_page(pymupdf.open(stream=doc.tobytes())[0])
    tables = {t.label: t for t in find_tables(read, find_captions(read))}
    assert tables["Table 1"].n_rows == n + 1
    assert tables["Table 2"].n_rows == m + 1
