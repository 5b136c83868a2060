"""Architecture rules of the ingest package that a linter does not check."""

from __future__ import annotations

import re
from pathlib import Path

import ingest

PACKAGE = Path(ingest.__file__).parent
PDF_LIBS = re.compile(r"^\s*(?:import|from)\s+(pypdfium2|pdfplumber|pdfminer|fitz|pypdf)\b", re.MULTILINE)


def test_only_extract_pdf_imports_pdf_libraries() -> None:
    offenders = [p.name for p in PACKAGE.glob("*.py") if p.name != "extract_pdf.py" and PDF_LIBS.search(p.read_text())]
    assert offenders == []
    assert PDF_LIBS.search((PACKAGE / "extract_pdf.py").read_text())


def test_public_api() -> None:
    assert set(ingest.__all__) >= {"extract_file", "parse_ruling", "tag_topics", "EXTRACTOR_VERSION",
                                   "PARSER_VERSION", "TAGGER_VERSION"}
    for name in ("EXTRACTOR_VERSION", "PARSER_VERSION", "TAGGER_VERSION"):
        assert isinstance(getattr(ingest, name), str) and getattr(ingest, name)


def test_data_files_ship_with_the_package() -> None:
    for name in ("topics.json", "insurers.json", "section_titles.json"):
        assert (PACKAGE / "data" / name).is_file()
    assert (PACKAGE.parent / "archive" / "data" / "laws.json").is_file()  # shared with the query side
