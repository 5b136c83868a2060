"""One ruling, several files, on real files and services: the better text wins and no field is lost.

- A rechtspraak XML ruling and a born-digital PDF of it (laid out here from the XML's own text, with the ECLI on
  top as rechtspraak PDFs print it), ingested in both orders: one ruling, the XML's text, court and dates.
- The born-digital seed 202101039 and its image-only scan (OCR reads "A te B" as "Ate B"), in both orders: the
  born-digital text stays. The scan is OCR'd once per module (minutes of tesseract) and stored in both orders
  through the pipeline's own storing step.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.indexing import sync_index
from app.runtime import open_index
from archive.db import session_scope
from archive.models import Ruling
from archive.settings import Settings
from ingest import extract_file
from ingest.input_files import sha256_file
from ingest.pipeline import Processed, pipeline_version, process_file, run_batch, store_result
from tests.fixtures.archive import SAMPLES, Archive
from tests.ingest.pdfgen import build_pdf, text_page

pytestmark = pytest.mark.integration

XML = SAMPLES / "ECLI.NL.CBB.2000.AU1263.xml"
ECLI = "ECLI:NL:CBB:2000:AU1263"
SEED = SAMPLES / "skgz_seed_003_202101039.pdf"
SCAN = Path("/work/shared/corpus/generated/pdf/skgz_seed_003_202101039_SCANNED_imageonly.pdf")
LINES_PER_PAGE = 48


def _pdf_of(xml: Path, target: Path, settings: Settings) -> Path:
    """A born-digital PDF of a rechtspraak ruling: its ECLI, then its text, paginated, with a running footer."""
    paragraphs = [ECLI, *(p for p in extract_file(xml, settings).text.split("\n\n") if p.strip())]
    pages: list[list[str]] = [[]]
    used = 0
    for para in paragraphs:
        lines = len(para) // 80 + 2
        if used + lines > LINES_PER_PAGE and pages[-1]:
            pages.append([])
            used = 0
        pages[-1].append(para)
        used += lines
    target.write_bytes(build_pdf([text_page(p, footer=f"pagina {i} van {len(pages)}")
                                  for i, p in enumerate(pages, 1)]))
    return target


def _ingest(archive: Archive, path: Path, force: bool = False) -> None:
    outcomes = run_batch([path], archive.settings, archive.database.factory, force=force)
    assert [o.status for o in outcomes] == ["published"], [(o.error_code, o.error) for o in outcomes]
    sync_index(archive.database.factory, open_index(archive.settings))


def _snapshot(archive: Archive) -> tuple[str, str, object]:
    with session_scope(archive.database.factory) as session:
        assert session.scalar(select(func.count()).select_from(Ruling)) == 1
        r = session.scalars(select(Ruling)).one()
        return r.text, r.content_hash, r.updated_at


@pytest.mark.slow
@pytest.mark.parametrize("pdf_first", [False, True], ids=["xml-then-pdf", "pdf-then-xml"])
def test_rechtspraak_xml_and_a_pdf_of_it_are_one_ruling_with_the_xml_text(
        archive: Archive, client: TestClient, tmp_path: Path, pdf_first: bool) -> None:
    pdf = _pdf_of(XML, tmp_path / "uitspraak.pdf", archive.settings)
    order = [pdf, XML] if pdf_first else [XML, pdf]
    for path in order:
        _ingest(archive, path)

    ruling = client.get(f"/api/v1/rulings/{ECLI.lower()}").json()
    assert ruling["court"] == "College van Beroep voor het bedrijfsleven"  # the PDF has no court...
    assert ruling["decision_date"] == "2000-06-13" and ruling["case_number"] == "AWB 98/1024"  # ...nor these
    assert "pagina 1 van" not in ruling["text"] and ECLI not in ruling["text"][:40]  # the XML's text, not the PDF's
    assert [(s["format"], s["quality"], s["text_source"]) for s in ruling["sources"]] == [
        ("rechtspraak-xml", "xml", True), ("pdf", "born-digital", False)]
    assert all(len(s["sha256"]) == 12 and "name" not in s for s in ruling["sources"])
    assert "uitspraak.pdf" not in str(ruling) and XML.name not in str(ruling)

    hits = client.get("/api/v1/search", params={"q": ECLI}).json()
    assert hits["total"] == 1 and hits["hits"][0]["ecli"] == ECLI

    # Processing either file again leaves the ruling as it is: not a changed byte, not even a write.
    before = _snapshot(archive)
    _ingest(archive, pdf, force=True)
    assert _snapshot(archive) == before
    _ingest(archive, XML, force=True)
    assert _snapshot(archive)[:2] == before[:2]


@pytest.fixture(scope="module")
def seed_and_scan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Processed]]:
    if not SCAN.exists() or shutil.which("tesseract") is None:
        pytest.skip("the scanned seed or tesseract is not available")
    settings = Settings(data_dir=tmp_path_factory.mktemp("ocr"), workers=1)
    out = {}
    for name, path in (("seed", SEED), ("scan", SCAN)):
        result = process_file(path, settings)
        assert isinstance(result, Processed), result
        out[name] = result
    assert out["scan"].ocr_pages and not out["seed"].ocr_pages
    assert "Ate B" in out["scan"].parsed.body  # what the OCR makes of "A te B" (else this test proves nothing)
    yield out


@pytest.mark.slow
@pytest.mark.timeout(1200)  # the module's OCR of 16 scanned pages runs in the first test's setup
@pytest.mark.parametrize("scan_first", [False, True], ids=["seed-then-scan", "scan-then-seed"])
def test_the_ocr_scan_never_replaces_the_born_digital_text(archive: Archive, client: TestClient,
                                                          seed_and_scan: dict[str, Processed],
                                                          scan_first: bool) -> None:
    version = pipeline_version(archive.settings)
    paths = {"seed": SEED, "scan": SCAN}
    order = ["scan", "seed"] if scan_first else ["seed", "scan"]
    for name in [*order, order[-1]]:  # the second file twice: storing it again changes nothing
        sha, size = sha256_file(paths[name], 1 << 30)
        outcome = store_result(paths[name], sha, size, seed_and_scan[name], archive.settings,
                               archive.database.factory, version)
        assert outcome.status == "published" and outcome.slug == "202101039"
    sync_index(archive.database.factory, open_index(archive.settings))

    ruling = client.get("/api/v1/rulings/202101039").json()
    assert ruling["text"] == seed_and_scan["seed"].parsed.body
    assert "A te B" in ruling["text"] and "Ate B" not in ruling["text"]
    assert ruling["decision_date"] == "2022-01-26" and ruling["insurer"] == "Zilveren Kruis"
    assert ruling["ocr_pages"] == []
    assert [(s["quality"], s["ocr"], s["text_source"]) for s in ruling["sources"]] == [
        ("born-digital", False, True), ("ocr", True, False)]
    assert client.get("/api/v1/search", params={"q": "202101039"}).json()["total"] == 1
