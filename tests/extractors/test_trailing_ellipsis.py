"""A head ending in an ellipsis keeps it (logjam-ccs15 Table 3's `Vulnerable servers, if the attacker can
precompute for . . .` over its four columns; the IRS worksheet's `enter on line 3 . . .`): three evenly spaced
dots ending a line after a word without a stop, with nothing set level with them to the right, are no leaders.
Leaders running up to a value beside them still go. Generated with PyMuPDF: fonts, sizes, dot pitches, a group
label over a partial rule or heads of their own ending in dots, caption above."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

GROUPS = ["Vulnerable servers, if the attacker can precompute for", "Share of hosts broken if one can factor",
          "Time to solve, when the adversary can afford"]
HEADS = ["all 512-bit groups", "all 768-bit groups", "one 1024-bit group", "ten 1024-bit groups"]
STUBS = ["HTTPS Top 1M", "HTTPS Trusted", "IKEv1 IPv4", "IKEv2 IPv4", "SSH IPv4", "SMTP StartTLS", "POP3S"]


def _dots(page: pymupdf.Page, x: float, y: float, font: str, size: float, pitch: float) -> float:
    """Three dots from x on a pitch of `pitch` em; returns where the last one ends."""
    for k in range(3):
        page.insert_text((x + k * pitch * size, y), ".", fontsize=size, fontname=font)
    return x + 2 * pitch * size + pymupdf.get_text_length(".", font, size)


def _page(seed: int) -> tuple[bytes, list[str]]:
    """The PDF and the texts that must end in `. . .`."""
    rng = random.Random(f"trailing-ellipsis/{seed}")
    size, font = rng.choice([8.0, 9.0, 10.0]), rng.choice(["tiro", "helv"])
    pitch = rng.uniform(0.45, 0.6)
    n_cols = rng.choice([3, 4])
    x0, stub, width = 60.0, rng.uniform(95, 110), rng.uniform(85, 100)
    xs = [x0 + stub + k * width for k in range(n_cols)]
    right = xs[-1] + width
    lead = 1.35 * size
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((x0, 80), "Table 3: Estimated impact of precomputation on vulnerable servers.", fontsize=size,
                     fontname=font)
    y = 90.0
    page.draw_line((x0, y), (right, y), width=0.8)
    y += lead
    wanted: list[str] = []
    if rng.random() < 0.5:  # a group label ending in an ellipsis over the value columns
        group = rng.choice(GROUPS)
        gx = xs[0] + rng.uniform(0, 10)
        end = gx + pymupdf.get_text_length(group + " ", font, size)
        page.insert_text((gx, y), group, fontsize=size, fontname=font)
        _dots(page, end, y, font, size, pitch)
        page.draw_line((xs[0], y + 0.4 * size), (right - 4, y + 0.4 * size), width=0.4)
        wanted.append(group + " . . .")
        y += lead
        heads = HEADS[:n_cols]
        for x, head in zip(xs, heads):
            page.insert_text((x, y), head, fontsize=size, fontname=font)
    else:  # heads of their own, each ending in an ellipsis
        heads = [f"enter on line {k + 3}" for k in range(n_cols)]
        for x, head in zip(xs, heads):
            page.insert_text((x, y), head, fontsize=size, fontname=font)
            _dots(page, x + pymupdf.get_text_length(head + " ", font, size), y, font, size, pitch)
            wanted.append(head + " . . .")
    y += 0.5 * size
    page.draw_line((x0, y), (right, y), width=0.5)
    for name in rng.sample(STUBS, 5):
        y += lead
        page.insert_text((x0 + 2, y), name, fontsize=size, fontname=font)
        for x in xs:
            page.insert_text((x, y), f"{rng.randrange(100, 99999):,}", fontsize=size, fontname=font)
    y += 0.5 * size
    page.draw_line((x0, y), (right, y), width=0.8)
    return doc.tobytes(), wanted


@pytest.mark.parametrize("seed", range(12))
def test_a_head_ending_in_an_ellipsis_keeps_it(seed: int) -> None:
    pdf, wanted = _page(seed)
    texts = [c.text for c in only_table(pdf).cells]
    assert all(w in texts for w in wanted), (wanted, texts)


def test_three_leader_dots_up_to_a_value_still_go() -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((60, 80), "Table 5. Arrests by offense charged.", fontsize=9, fontname="tiro")
    page.draw_line((60, 88), (400, 88), width=0.8)
    page.insert_text((60, 100), "Offense", fontsize=9, fontname="tiro")
    page.insert_text((300, 100), "Total", fontsize=9, fontname="tiro")
    page.draw_line((60, 104), (400, 104), width=0.5)
    for k, label in enumerate(["Aggravated assault", "Burglary and theft", "Motor vehicle theft", "Arson"]):
        y = 116 + 12 * k
        page.insert_text((60, y), label, fontsize=9, fontname="tiro")
        end = _dots(page, 60 + pymupdf.get_text_length(label + " ", "tiro", 9), y, "tiro", 9, 0.5)
        page.insert_text((end + 4, y), f"{1000 + 37 * k:,}", fontsize=9, fontname="tiro")
    page.draw_line((60, 156), (400, 156), width=0.8)
    table = only_table(doc.tobytes())
    assert not any(c.text.endswith(".") for c in table.cells)
