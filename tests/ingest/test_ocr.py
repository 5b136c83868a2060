"""OCR path: pages without a text layer go through tesseract and the same cleaning as text pages."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from archive.settings import Settings
from ingest import extract_file, parse_ruling

from .conftest import GOLDEN, golden_words, word_accuracy
from .pdfgen import build_pdf, image_page_jpeg, text_page

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


@needs_tesseract
def test_image_only_page_is_ocred(tmp_path: Path, settings: Settings) -> None:
    lines = ["6.8. De commissie beslist dat de ziektekostenverzekeraar het entreegeld",
             "van € 37,- aan verzoeker moet vergoeden. Het meer of anders gevorderde", "wordt afgewezen."]
    path = tmp_path / "scan.pdf"
    path.write_bytes(build_pdf([image_page_jpeg(lines)]))
    doc = extract_file(path, settings)
    assert doc.pages[0].ocr and doc.ocr_pages == [1]
    assert doc.extractor.startswith("tesseract/")
    expected = " ".join(lines).split()
    assert word_accuracy(expected, doc.text.split()) >= 0.97


@needs_tesseract
def test_mixed_document_only_ocrs_the_scanned_page(tmp_path: Path, settings: Settings) -> None:
    text = text_page(["Dit is een gewone pagina met een tekstlaag over de zorgverzekering van verzoeker, die "
                      "uitgebreid wordt besproken in deze alinea."])
    path = tmp_path / "mixed.pdf"
    path.write_bytes(build_pdf([text, image_page_jpeg(["Deze pagina is gescand en heeft geen tekstlaag."])]))
    doc = extract_file(path, settings)
    assert [p.ocr for p in doc.pages] == [False, True]
    assert "gewone pagina" in doc.pages[0].text and "gescand" in doc.pages[1].text
    assert doc.extractor.startswith("pdfium+tesseract/")


@needs_tesseract
@pytest.mark.slow
def test_scanned_seed_accuracy(shared_corpus: Path, settings: Settings) -> None:
    pdf = shared_corpus / "generated" / "pdf" / "skgz_seed_003_202101039_SCANNED_imageonly.pdf"
    doc = extract_file(pdf, settings)
    assert all(p.ocr for p in doc.pages) and len(doc.pages) == 16
    acc = word_accuracy(golden_words(GOLDEN / "skgz_seed_003_202101039.txt"), doc.text.split())
    assert acc >= 0.97  # measured 99.75 %
    assert "pagina 3 van 16" not in doc.text
    # The structure parser gives the same answers on OCR text as on the born-digital PDF.
    parsed = parse_ruling(doc.text, doc.format_metadata)
    assert parsed.metadata.case_number == "202101039"
    assert parsed.metadata.decision_date == date(2022, 1, 26)
    # (i): four years granted where at most three were asked, as in the born-digital seed (test_parse_seeds)
    assert [(i.label, i.outcome) for i in parsed.decision_items] == [
        ("i", "gedeeltelijk toegewezen"), ("ii", "toegewezen"), ("iii", "afgewezen")]
    assert {t.id for t in parsed.topics} >= {"fraude", "evr-registratie", "entreegeld", "buitenland"}
    assert "mondzorg" not in {t.id for t in parsed.topics}


@needs_tesseract
def test_sideways_scan_is_read(tmp_path: Path, settings: Settings) -> None:
    import io

    from PIL import Image

    lines = ["De commissie beslist dat het verzoek wordt afgewezen.", "Zeist, 28 oktober 2020"]
    upright = Image.open(io.BytesIO(image_page_jpeg(lines)))
    buf = io.BytesIO()
    upright.rotate(90, expand=True).save(buf, format="JPEG", quality=85)
    path = tmp_path / "sideways.pdf"
    path.write_bytes(build_pdf([buf.getvalue()]))
    doc = extract_file(path, settings)
    assert word_accuracy(" ".join(lines).split(), doc.text.split()) >= 0.9
