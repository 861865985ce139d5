"""Review tasks: shape, percent boxes, CSV round trip, content hash, and the labeling configs."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from paperlake.review.tasks import (
    FIGURE_KINDS,
    cells_to_csv,
    csv_to_grid,
    figure_task,
    pdf_box,
    percent_box,
    table_task,
)

CONFIGS = Path(__file__).resolve().parents[2] / "label_configs"
CROP = (76.0, 76.0, 324.0, 224.0)
REF = "/data/local-files/?d=review/crops/t1.png"


def _cells(rows: list[tuple]) -> pd.DataFrame:
    columns = ["row", "col", "row_span", "col_span", "is_header", "text"]
    return pd.DataFrame(rows, columns=columns)


def _table_cells() -> pd.DataFrame:
    return _cells([
        (0, 0, 1, 2, True, "Sample, batch"), (0, 2, 1, 1, True, "Δ (μm)"),
        (1, 0, 1, 1, False, "A"), (1, 1, 2, 1, False, 'He said "ok"'), (1, 2, 1, 1, False, "1.2 ± 0.1"),
        (2, 0, 1, 1, False, "B"), (2, 2, 1, 1, False, "−3.4\nsecond line"),
    ])


def _table_row(**changes) -> dict:
    row = {"table_id": "t1", "doc_id": "ab" * 32, "page": 3, "x0": 100.0, "y0": 100.0, "x1": 300.0,
           "y1": 200.0, "label": "Table 2", "caption": "Yield of <b>catalysts</b> & more", "n_header_rows": 1,
           "confidence": 0.42, "method": "vector-tables 0.1", "review_status": "needs_review",
           "review_reason": "confidence 0.42 below threshold 0.80", "evidence": '{"rules": 1.0}'}
    return row | changes


def _figure_row(**changes) -> dict:
    row = {"figure_id": "f1", "doc_id": "cd" * 32, "page": 1, "x0": 50.0, "y0": 60.0, "x1": 250.0,
           "y1": 260.0, "label": "Figure 1", "caption": "Spectra at 300 K", "figure_kind": "chart",
           "confidence": 0.3, "method": "vector-figures 0.1", "review_status": "needs_review",
           "review_reason": "low", "evidence": "{}"}
    return row | changes


def _by_name(task: dict) -> dict[str, dict]:
    return {item["from_name"]: item for item in task["predictions"][0]["result"]}


# --- boxes -------------------------------------------------------------------------------------


def test_percent_box_is_relative_to_the_crop_and_inverts():
    box = percent_box((100.0, 100.0, 300.0, 200.0), CROP)
    assert box == pytest.approx((24 / 248 * 100, 24 / 148 * 100, 200 / 248 * 100, 100 / 148 * 100))
    assert pdf_box(box, CROP) == pytest.approx((100.0, 100.0, 300.0, 200.0))


def test_percent_box_clips_to_the_image():
    x, y, w, h = percent_box((0.0, 50.0, 400.0, 500.0), CROP)
    assert (x, y) == (0.0, 0.0)
    assert x + w == pytest.approx(100.0) and y + h == pytest.approx(100.0)
    assert percent_box((400.0, 400.0, 500.0, 500.0), CROP) == (100.0, 100.0, 0.0, 0.0)


def test_percent_box_rejects_an_empty_crop():
    with pytest.raises(ValueError):
        percent_box((0, 0, 1, 1), (5.0, 5.0, 5.0, 9.0))


# --- CSV ---------------------------------------------------------------------------------------


def test_cells_to_csv_puts_spans_top_left_and_round_trips():
    grid = csv_to_grid(cells_to_csv(_table_cells()))
    assert grid == [
        ["Sample, batch", "", "Δ (μm)"],
        ["A", 'He said "ok"', "1.2 ± 0.1"],
        ["B", "", "−3.4\nsecond line"],
    ]


def test_csv_to_grid_pads_short_rows_and_skips_blank_lines():
    assert csv_to_grid("a,b,c\n\n1\n") == [["a", "b", "c"], ["1", "", ""]]
    assert csv_to_grid("") == []
    assert cells_to_csv(_cells([])) == ""


def test_csv_keeps_a_row_of_one_empty_cell():
    cells = _cells([(0, 0, 1, 1, True, "x"), (1, 0, 1, 1, False, "")])
    assert csv_to_grid(cells_to_csv(cells)) == [["x"], [""]]


# --- tasks -------------------------------------------------------------------------------------


def test_table_task_shape():
    task = table_task(_table_row(), _table_cells(), REF, CROP, image_size=(517, 308))
    data = task["data"]
    assert set(task) == {"data", "predictions"}
    for key in ("image", "item_id", "doc_id", "page", "label", "caption", "method", "review_reason",
                "grid_csv", "n_header_rows", "content_hash", "crop_bbox"):
        assert key in data
    assert data["image"] == REF and data["item_id"] == "t1" and data["page"] == 3
    assert data["n_header_rows"] == 1 and len(data["content_hash"]) == 64
    assert csv_to_grid(data["grid_csv"])[1][2] == "1.2 ± 0.1"
    prediction = task["predictions"][0]
    assert prediction["model_version"] == "vector-tables 0.1" and prediction["score"] == 0.42
    items = _by_name(task)
    assert set(items) == {"box", "grid_csv", "n_header_rows", "caption"}
    assert len({item["id"] for item in items.values()}) == 4, "the fields are the task's, not the box's"
    assert all("x" not in items[name]["value"] for name in ("grid_csv", "n_header_rows", "caption"))
    box = items["box"]
    assert box["type"] == "rectanglelabels" and box["to_name"] == "image"
    assert box["value"]["rectanglelabels"] == ["Table"]
    assert (box["original_width"], box["original_height"]) == (517, 308)
    assert items["grid_csv"]["value"]["text"] == [data["grid_csv"]]
    assert items["n_header_rows"]["value"]["number"] == 1
    json.dumps(task)  # plain JSON types only


def test_pdf_text_goes_in_as_plain_strings():
    task = table_task(_table_row(), _table_cells(), REF, CROP)
    caption = "Yield of <b>catalysts</b> & more"
    assert task["data"]["caption"] == caption
    assert _by_name(task)["caption"]["value"]["text"] == [caption]
    plain = {k: v for k, v in task["data"].items() if k != "grid_html"}
    assert "&amp;" not in json.dumps(plain) and "&lt;" not in json.dumps(plain)


def test_tasks_name_the_file_page_and_label():
    task = table_task(_table_row(file_name="smith2020.pdf"), _table_cells(), REF, CROP)
    data = task["data"]
    assert (data["file"], data["page"], data["label"]) == ("smith2020.pdf", 3, "Table 2")
    assert data["location"] == "Table 2, page 3 of smith2020.pdf"
    assert data["review_state"] == "needs review"
    unnamed = figure_task(_figure_row(label=None), REF, CROP)["data"]
    assert unnamed["file"] == "document " + "cd" * 6 and unnamed["location"] == f"Page 1 of document {'cd' * 6}"
    assert table_task(_table_row(file_name="other.pdf"), _table_cells(), REF, CROP)["data"]["content_hash"] == \
        data["content_hash"], "the file name is not reviewed content"


def test_table_task_shows_the_grid_as_an_escaped_html_table():
    cells = _cells([(0, 0, 1, 1, True, "<script>alert(1)</script>"), (0, 1, 1, 1, True, "a & b"),
                    (1, 0, 1, 2, False, '<img src=x onerror="alert(2)">')])
    html = table_task(_table_row(), cells, REF, CROP)["data"]["grid_html"]
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "a &amp; b" in html
    assert '&lt;img src=x onerror=&quot;alert(2)&quot;&gt;' in html
    assert html.count("<th ") == 2 and html.count('colspan="2"') == 1
    tags = {tag for tag in __import__("re").findall(r"</?([a-z]+)", html)}
    assert tags == {"table", "tbody", "tr", "td", "th"}, "the only markup is the table's own"


def test_missing_values_become_empty_strings_and_header_rows_come_from_cells():
    row = _table_row(label=None, caption=float("nan"), n_header_rows=pd.NA)
    task = table_task(row, _table_cells(), REF, CROP)
    assert task["data"]["label"] == "" and task["data"]["caption"] == ""
    assert task["data"]["n_header_rows"] == 1
    assert "caption" not in _by_name(task)
    assert "original_width" not in _by_name(task)["box"]


def test_table_box_is_clipped():
    task = table_task(_table_row(x0=10.0, x1=900.0), _table_cells(), REF, CROP)
    value = _by_name(task)["box"]["value"]
    assert value["x"] == 0.0 and value["x"] + value["width"] == pytest.approx(100.0)
    assert all(0.0 <= value[k] <= 100.0 for k in ("x", "y", "width", "height"))


def test_content_hash_changes_with_reviewable_content_only():
    base = table_task(_table_row(), _table_cells(), REF, CROP)["data"]["content_hash"]
    same = table_task(_table_row(confidence=0.1, method="other", review_reason="x"), _table_cells(),
                      "/data/local-files/?d=elsewhere.png", (0.0, 0.0, 612.0, 792.0))
    assert same["data"]["content_hash"] == base
    jitter = table_task(_table_row(x0=100.01), _table_cells(), REF, CROP)
    assert jitter["data"]["content_hash"] == base
    edited = _table_cells()
    edited.loc[edited["text"] == "A", "text"] = "A2"
    assert table_task(_table_row(), edited, REF, CROP)["data"]["content_hash"] != base
    assert table_task(_table_row(caption="new"), _table_cells(), REF, CROP)["data"]["content_hash"] != base
    assert table_task(_table_row(x0=90.0), _table_cells(), REF, CROP)["data"]["content_hash"] != base


def test_figure_task_shape_and_hash():
    task = figure_task(_figure_row(), REF, CROP, image_size=(517, 308))
    items = _by_name(task)
    assert set(items) == {"box", "caption", "figure_kind"}
    assert items["box"]["id"] == items["caption"]["id"]
    assert items["box"]["value"]["rectanglelabels"] == ["Figure"]
    assert items["figure_kind"] == {"id": items["figure_kind"]["id"], "from_name": "figure_kind",
                                    "to_name": "image", "type": "choices", "value": {"choices": ["chart"]}}
    assert task["data"]["figure_kind"] == "chart" and task["predictions"][0]["score"] == 0.3
    base = task["data"]["content_hash"]
    assert figure_task(_figure_row(confidence=0.9), REF, CROP)["data"]["content_hash"] == base
    assert figure_task(_figure_row(figure_kind="image"), REF, CROP)["data"]["content_hash"] != base
    assert "figure_kind" not in _by_name(figure_task(_figure_row(figure_kind=None), REF, CROP))


def test_tasks_are_deterministic():
    first = table_task(_table_row(), _table_cells(), REF, CROP, (517, 308))
    assert json.dumps(first) == json.dumps(table_task(_table_row(), _table_cells(), REF, CROP, (517, 308)))


# --- labeling configs --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["table_review.xml", "figure_review.xml"])
def test_config_parses_and_every_to_name_exists(name):
    root = ET.parse(CONFIGS / name).getroot()
    assert root.tag == "View"
    names = [el.get("name") for el in root.iter() if el.get("name")]
    assert len(names) == len(set(names))
    to_names = [el.get("toName") for el in root.iter() if el.get("toName")]
    assert to_names and all(t in names for to_name in to_names for t in to_name.split(","))
    hypertext = [el.get("value") for el in root.iter() if el.tag in {"HyperText", "HyperTextLabels"}]
    assert hypertext in ([], ["$grid_html"]), "HTML is shown only from the grid paperlake escapes"
    verdict = next(el for el in root.iter("Choices") if el.get("name") == "verdict")
    assert verdict.get("required") == "true"
    assert [c.get("value") for c in verdict] == ["accept", "reject"]


def test_figure_config_offers_the_contract_kinds():
    root = ET.parse(CONFIGS / "figure_review.xml").getroot()
    kinds = next(el for el in root.iter("Choices") if el.get("name") == "figure_kind")
    assert tuple(c.get("value") for c in kinds) == FIGURE_KINDS


def _config_names(name: str) -> dict[str, str]:
    root = ET.parse(CONFIGS / name).getroot()
    return {el.get("name"): el.tag for el in root.iter() if el.get("name")}


def test_task_fields_match_the_configs():
    table = table_task(_table_row(), _table_cells(), REF, CROP)
    figure = figure_task(_figure_row(), REF, CROP)
    for task, name in ((table, "table_review.xml"), (figure, "figure_review.xml")):
        names = _config_names(name)
        for item in task["predictions"][0]["result"]:
            assert names[item["from_name"]].lower() == item["type"]
            assert names[item["to_name"]] == "Image"
        root = ET.parse(CONFIGS / name).getroot()
        variables = {el.get("value")[1:] for el in root.iter() if (el.get("value") or "").startswith("$")}
        assert variables <= set(task["data"]), variables - set(task["data"])
        assert all(isinstance(task["data"][v], str) for v in variables)
    table_controls = {el.get("name"): el for el in ET.parse(CONFIGS / "table_review.xml").getroot().iter()}
    for field in ("grid_csv", "n_header_rows", "caption"):
        assert table_controls[field].get("perRegion") != "true", f"{field} is shown without selecting the box"


@pytest.mark.parametrize("name", ["table_review.xml", "figure_review.xml"])
def test_sdk_accepts_config_and_prediction(name):
    interface_module = pytest.importorskip("label_studio_sdk.label_interface")
    interface = interface_module.LabelInterface((CONFIGS / name).read_text(encoding="utf-8"))
    interface.validate()
    if name == "table_review.xml":
        task = table_task(_table_row(x0=0.0, x1=900.0), _table_cells(), REF, CROP, (517, 308))
    else:
        task = figure_task(_figure_row(), REF, CROP, (517, 308))
    assert interface.validate_prediction(task["predictions"][0], return_errors=True) == []
