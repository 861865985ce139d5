"""Extraction records become contract frames that the schemas accept."""
from extractors.pipeline import extract_document
from paperlake.pipeline.frames import extraction_frames, table_id
from schemas.dataset import columns
from schemas.validate import validate_frames

DOC = "a" * 64


def test_frames_follow_the_contract_and_validate(make_pdf):
    extraction = extract_document(make_pdf("booktabs"))
    frames, images = extraction_frames(DOC, extraction)
    for name, frame in frames.items():
        assert list(frame.columns) == columns(name), name
    assert frames["tables"].loc[0, "table_id"] == table_id(DOC, 1, 0) == f"{'a' * 16}-p001-t00"
    assert len(frames["table_cells"]) == 16
    assert set(frames["table_cells"]["table_id"]) == {frames["tables"].loc[0, "table_id"]}
    report = validate_frames(frames)
    assert report.ok, report.failures


def test_figure_crops_are_keyed_by_their_image_path(make_pdf):
    frames, images = extraction_frames(DOC, extract_document(make_pdf("figure")))
    (path,) = frames["figures"]["image_path"]
    assert path.startswith(f"figures/{DOC}/") and path.endswith(".png")
    assert images[path][:8] == b"\x89PNG\r\n\x1a\n"
