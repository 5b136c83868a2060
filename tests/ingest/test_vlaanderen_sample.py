"""Real born-digital volumes (Flemish rulings, read from the shared corpus; never copied into the repo)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive.settings import Settings
from ingest import extract_file

VOLUMES = ["7408.pdf", "7441.pdf", "Uitspraken2021Website_LeerkredietEnOvermacht.pdf"]


@pytest.mark.slow
@pytest.mark.parametrize("name", VOLUMES)
def test_real_volume(name: str, shared_corpus: Path, tmp_path: Path) -> None:
    path = shared_corpus / "studievoortgang_vlaanderen" / "pdf_sample" / name
    doc = extract_file(path, Settings(data_dir=tmp_path))
    # Speed is measured in `make bench` (extraction pages/s), not asserted here: a timed test fails on a loaded
    # machine. What made these volumes slow before, OCR of born-digital pages, is what this test pins.
    assert doc.ocr_pages == []  # tables of contents (leader dots) are not mistaken for garbage text
    for page in doc.pages:
        paras = page.text.split("\n\n") if page.text else []
        for edge in paras[:1] + paras[-1:]:
            assert not re.fullmatch(r"(?:pagina\s*)?\d+(?:\s*(?:/|van)\s*\d+)?", edge.strip(), re.IGNORECASE)
            assert not edge.startswith("Raad voor betwistingen inzake studievoortgangsbeslissingen – werkjaar")
