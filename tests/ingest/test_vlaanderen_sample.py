"""Real born-digital volumes (Flemish rulings, read from the shared corpus; never copied into the repo)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from archive.settings import Settings
from ingest import extract_file

VOLUMES = ["7408.pdf", "7441.pdf", "Uitspraken2021Website_LeerkredietEnOvermacht.pdf"]


@pytest.mark.slow
@pytest.mark.parametrize("name", VOLUMES)
def test_real_volume(name: str, shared_corpus: Path, tmp_path: Path) -> None:
    path = shared_corpus / "studievoortgang_vlaanderen" / "pdf_sample" / name
    started = time.perf_counter()
    doc = extract_file(path, Settings(data_dir=tmp_path))
    rate = len(doc.pages) / (time.perf_counter() - started)
    assert rate > 50  # measured 270-660 pages/s on 2 cores; generous bound for a loaded CI box
    assert doc.ocr_pages == []  # tables of contents (leader dots) are not mistaken for garbage text
    for page in doc.pages:
        paras = page.text.split("\n\n") if page.text else []
        for edge in paras[:1] + paras[-1:]:
            assert not re.fullmatch(r"(?:pagina\s*)?\d+(?:\s*(?:/|van)\s*\d+)?", edge.strip(), re.IGNORECASE)
            assert not edge.startswith("Raad voor betwistingen inzake studievoortgangsbeslissingen – werkjaar")
