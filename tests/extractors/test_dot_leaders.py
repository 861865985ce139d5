"""Dot leaders are no part of a stub label: report tables (Statistical Abstract, Census) run dots from a label
to its values, spaced ('Total . . . . .', each dot a word) or tight ('Total.........'). Generated report
pages of both kinds (benchmarks/papers/report_tables, seed 1) are read and no cell keeps a leader; before,
every such table's stub cells ended in dots (report corpus seed 1: exact 0.000 on 369 leader tables). Cells
of dots that are values ('..' not available, '0 .. 19') stay."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.page_content import PageContent, TextLine, Word
from extractors.tables.leaders import without_leaders
from tests.extractors import report_pages

LEADER_DOCS = [0, 1, 2, 3, 5, 8, 9, 12]  # seed 1: spaced and tight leaders, wrapped and indented stubs


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, object]]:
    out = tmp_path_factory.mktemp("leaders")
    pairs = []
    for pdf, truth in report_pages.documents(1, LEADER_DOCS, out):
        tables = report_pages.read_tables(pdf)
        pairs += [(t, report_pages.matched(tables, t)) for t in truth["tables"] if "no_leaders" not in t["style"]]
    return pairs


def test_the_sample_has_both_kinds_of_leader(read) -> None:
    styles = {s for t, _ in read for s in t["style"]}
    assert {"leaders_spaced", "leaders_tight"} <= styles


def test_no_cell_keeps_a_leader_and_the_stub_labels_are_read_whole(read) -> None:
    found = [(t, m) for t, m in read if m is not None]
    assert len(found) >= 0.8 * len(read)
    for t, m in found:
        assert not [c.text for c in m.cells if re.search(r"(\. ?){3,}$", c.text)], t["label"]
    labels = [report_pages.norm(row[0]) for t, _ in found for row in t["grid"][t["header_rows"]:] if row[0]]
    read_labels = {report_pages.norm(c.text) for _, m in found for c in m.cells if c.col == 0}
    assert sum(label in read_labels for label in labels) >= 0.85 * len(labels)


def _line(*words: tuple[str, float]) -> TextLine:
    ws = tuple(Word(text=t, bbox=(x, 100, x + 3.0 * len(t), 108), size=8.0) for t, x in words)
    return TextLine(bbox=(ws[0].bbox[0], 100, ws[-1].bbox[2], 108), words=ws, block=0)


def _page(*lines: TextLine) -> PageContent:
    return PageContent(number=1, width=600, height=800, lines=lines, rules=(), paths=(), images=())


def test_dots_that_are_values_stay() -> None:
    page = _page(_line(("Germany", 50), ("..", 150), ("..", 200), ("12.3", 250)),
                 _line(("0", 50), ("..", 60), ("19", 70)), _line(("Tournolive...)", 50), ("...", 150)))
    assert without_leaders(page) is page


def test_spaced_and_tight_leaders_go() -> None:
    spaced = _line(("Total", 50), (".", 70), (".", 75), (".", 80), (".", 85), ("1,234", 150))
    tight = _line(("Robbery........", 50), ("56", 150))
    alone = _line(("Fraud", 50), ("........", 80), ("7", 150))
    lines = without_leaders(_page(spaced, tight, alone)).lines
    assert [[w.text for w in ln.words] for ln in lines] == [["Total", "1,234"], ["Robbery", "56"], ["Fraud", "7"]]
    assert lines[1].words[0].bbox[2] < 50 + 3.0 * len("Robbery........")


def test_a_table_of_contents_keeps_its_leaders() -> None:
    """Titles and page numbers with their leaders gone line up as a table (DP-Bench 113, 114 became tables)."""
    toc = [_line(("Chapter", 50), (str(k), 90), (".", 120), (".", 125), (".", 130), (str(3 * k + 1), 300))
           for k in range(1, 5)]
    page = _page(*toc)
    assert without_leaders(page) is page
    assert without_leaders(_page(_line(("Contents", 50)), toc[0])) is not None


def _sized_line(texts: list[tuple[str, float]], size: float) -> TextLine:
    words = tuple(Word(t, (x, 100.0, x + (0.27 * size if t == "." else 0.5 * size * len(t)), 100.0 + size), size)
                  for t, x in texts)
    return TextLine(bbox=(words[0].bbox[0], 100.0, words[-1].bbox[2], 100.0 + size), words=words, block=0)


@pytest.mark.parametrize("seed", range(8))
def test_an_ellipsis_inside_a_cell_stays_and_leaders_before_a_value_go(seed: int) -> None:
    """LaTeX's \\ldots sets three dots a third of an em apart, as spaced leaders are: three dots with words
    going on right after them are the cell's ellipsis (hotos17: 'exceptions, . . . (see §3)' had lost them);
    before a value or a symbol cell they are leaders."""
    import random

    rng = random.Random(seed)
    size = rng.choice([7.0, 8.0, 9.0, 10.0])
    pitch = rng.uniform(0.33, 0.5) * size
    x = 40.0
    words = [("exceptions,", x)]
    x += 0.5 * size * len("exceptions,") + 0.3 * size
    for _ in range(3):
        words.append((".", x))
        x += pitch
    after = rng.choice(["(see", "and", "etc.", "§3", "Rb"])
    words.append((after, x + 0.1 * size))
    kept = without_leaders(_page(_sized_line(words, size)))
    assert [w.text for w in kept.lines[0].words] == [t for t, _ in words]
    value = rng.choice(["12.3", "1,204", "(NA)", "(X)", "-0.5"])
    leaders = words[:4] + [(value, words[4][1] + rng.uniform(0.1, 3.0) * size)]
    gone = without_leaders(_page(_sized_line(leaders, size)))
    assert [w.text for w in gone.lines[0].words] == ["exceptions,", value]


LABELS = ["Robbery", "Burglary", "Arson", "Fraud", "Vandalism", "Gambling", "Drunkenness", "Vagrancy", "Suspicion",
          "Runaways", "Embezzlement", "Larceny-theft", "Other assaults", "Liquor laws", "All other (except traffic)"]


def _statistical_page(seed: int) -> tuple[bytes, list[str]]:
    """A Statistical Abstract stub: each label ends in a full stop, then spaced leader dots a space or two on,
    then the values; some rows bold."""
    import random

    import pymupdf

    rng = random.Random(f"glued-stop/{seed}")
    size = rng.choice([6.0, 7.0, 8.0])
    font, bold = rng.choice([("helv", "hebo"), ("tiro", "tibo")])
    labels = rng.sample(LABELS, 8)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((60, 80), "Table 12. Arrests by Offense: 2009", fontsize=9, fontname=bold)
    y, x_values = 110.0, 60 + 150.0
    page.draw_line((60, y - 10), (x_values + 180, y - 10), width=0.5)
    for k, head in enumerate(["Offense", "Total", "Male", "Female"]):
        page.insert_text((60 + (0 if k == 0 else 150 + 60 * (k - 1)), y), head, fontsize=size, fontname=font)
    page.draw_line((60, y + 4), (x_values + 180, y + 4), width=0.5)
    y += 3 * size
    for i, label in enumerate(labels):
        fnt = bold if i % 3 == 0 else font
        text = label + "." + " " * rng.choice([1, 1, 2])  # the stop, then the leaders a space or two on
        while pymupdf.get_text_length(text + ". ", fnt, size) < x_values - 60 - 2 * size:
            text += ". "
        page.insert_text((60, y), text.rstrip(), fontsize=size, fontname=fnt)
        for k in range(3):
            page.insert_text((x_values + 60 * k, y), f"{rng.randint(10, 999)}.{rng.randint(0, 9)}", fontsize=size,
                             fontname=fnt)
        y += 1.5 * size
    page.draw_line((60, y - size), (x_values + 180, y - size), width=0.5)
    return doc.tobytes(), labels


@pytest.mark.parametrize("seed", range(10))
def test_a_full_stop_opening_the_leaders_is_no_part_of_the_label(seed: int) -> None:
    """12s0324 (found corpus) ends every stub label in a stop right before its leaders (`Robbery. . . .`);
    the truth, as a reader sees it, has `Robbery`: the stop stayed on every regular row."""
    from page_tables import only_table

    pdf, labels = _statistical_page(seed)
    table = only_table(pdf)
    stubs = [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == 0 and c.row >= table.n_header_rows]
    assert stubs == labels


def test_a_stop_of_an_abbreviation_or_a_number_stays() -> None:
    size = 8.0
    for text in ["U.S.", "No.", "12."]:
        words = [(text, 40.0)] + [(".", 40.0 + 0.5 * size * len(text) + 1 + 4 * k) for k in range(5)] + [("7", 150.0)]
        kept = without_leaders(_page(_sized_line(words, size)))
        assert [w.text for w in kept.lines[0].words] == [text, "7"]
