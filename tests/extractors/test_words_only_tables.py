"""A table of words under a sparse row of quantities (`298 K`, `1 h`) must not stop its page.

The header count takes such a first row for group labels over a full row of text heads; when no row below
holds a number either, there was no numeric row left to count to and the page's extraction failed
(a real paper lost its Table 1 and two figures: a small table of names drawn inside a figure)."""
from __future__ import annotations

import random

import pytest

from extractors.page_content import Word
from extractors.tables.header import _leading_text_rows

SIZE = 9.0
QUANTITIES = ["298 K", "1 h", "0.5 T", "10 mM", "2 s", "300 K", "5 min"]
NAMES = ["Katrina", "Longwang", "Taiwan", "Florida", "Senate", "Alito", "Gamma", "Rita", "Texas", "Hainan"]


def _row(texts: list[str], y: float) -> list[list[Word]]:
    return [[Word(text, (40.0 + 70 * k, y, 40.0 + 70 * k + 5 * len(text), y + SIZE), SIZE)] for k, text in enumerate(texts)]


@pytest.mark.parametrize("seed", range(12))
def test_words_only_body_under_quantity_groups_has_no_header_count_and_no_error(seed: int) -> None:
    rng = random.Random(seed)
    n_cols = rng.randint(4, 8)
    groups = rng.sample(QUANTITIES, rng.randint(2, n_cols // 2))  # sparse: at most half the widest row
    rows = [_row(groups, 10.0), _row([rng.choice(NAMES) for _ in range(n_cols)], 22.0)]
    rows += [_row([rng.choice(NAMES) for _ in range(n_cols)], 34.0 + 12 * k) for k in range(rng.randint(1, 5))]
    assert _leading_text_rows(rows, quantity_groups=True) == 0


@pytest.mark.parametrize("seed", range(6))
def test_quantity_groups_over_text_heads_over_numbers_still_count_both_header_rows(seed: int) -> None:
    rng = random.Random(seed)
    n_cols = rng.randint(4, 6)
    rows = [_row(rng.sample(QUANTITIES, n_cols // 2 - 1), 10.0), _row([rng.choice(NAMES) for _ in range(n_cols)], 22.0)]
    rows += [_row([rng.choice(NAMES)] + [f"{rng.uniform(0, 99):.2f}" for _ in range(n_cols - 1)], 34.0 + 12 * k)
             for k in range(rng.randint(3, 6))]
    assert _leading_text_rows(rows, quantity_groups=True) == 2
