"""Born-digital PDF extraction against ground truth, both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.settings import ExtractorName, Settings
from ingest import EXTRACTOR_VERSION, extract_file

from .conftest import GOLDEN, SAMPLES, golden_words, word_accuracy

SEEDS = ["skgz_seed_002_202000821", "skgz_seed_003_202101039"]


@pytest.mark.parametrize("base", SEEDS)
@pytest.mark.parametrize("extractor", ["auto", "pdfium"])
def test_fast_path_word_accuracy(base: str, extractor: ExtractorName, tmp_path: Path) -> None:
    doc = extract_file(SAMPLES / f"{base}.pdf", Settings(data_dir=tmp_path, extractor=extractor))
    assert doc.source_format == "pdf"
    assert doc.extractor == f"pdfium/{EXTRACTOR_VERSION}"
    assert word_accuracy(golden_words(GOLDEN / f"{base}.txt"), doc.text.split()) >= 0.995


@pytest.mark.slow
def test_pdfplumber_word_accuracy(tmp_path: Path) -> None:
    base = SEEDS[1]
    doc = extract_file(SAMPLES / f"{base}.pdf", Settings(data_dir=tmp_path, extractor="pdfplumber"))
    assert doc.extractor.startswith("pdfplumber/")
    assert word_accuracy(golden_words(GOLDEN / f"{base}.txt"), doc.text.split()) >= 0.995


def test_running_header_footer_and_page_numbers_removed(settings: Settings) -> None:
    doc = extract_file(SAMPLES / f"{SEEDS[0]}.pdf", settings)
    assert len(doc.pages) == 15
    for page in doc.pages:
        assert "Stichting Klachten en Geschillen Zorgverzekeringen — Geschillencommissie" not in page.text
        assert f"pagina {page.number} van 15" not in page.text
        assert not page.ocr
    assert [p.number for p in doc.pages] == list(range(1, 16))


def test_paragraphs_are_kept(settings: Settings) -> None:
    doc = extract_file(SAMPLES / f"{SEEDS[1]}.pdf", settings)
    paras = doc.text.split("\n\n")
    assert "Zaaknummer : 202101039" in paras
    assert "7. Bindend advies" in paras
    assert any(p.startswith("(ii) de ziektekostenverzekeraar is gehouden het entreegeld") for p in paras)


def test_line_end_hyphens(settings: Settings) -> None:
    text = extract_file(SAMPLES / f"{SEEDS[1]}.pdf", settings).text
    # Compound hyphens at a line end are kept; "verzekerings- en" keeps hyphen and space.
    for word in ("EU-socialezekerheidsverordening", "DBC-zorgproduct", "niet-klinische", "verzekerings- en"):
        assert word in text
    assert "\ufffe" not in text and "\u00ad" not in text


def test_page_broken_paragraph_is_joined(settings: Settings) -> None:
    text = extract_file(SAMPLES / f"{SEEDS[0]}.pdf", settings).text
    # Page 1 ends mid-sentence ("... in Thailand te laten") and page 2 continues it.
    assert "de behandeling in Thailand te laten uitvoeren. De nota's hiervan" in text
