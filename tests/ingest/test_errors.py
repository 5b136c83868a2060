"""Bad input ends in exactly one clear error per document (archive.errors), fixtures made on the fly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    OCRUnavailableError,
    UnsupportedFormatError,
)
from archive.settings import Settings
from ingest import extract_file, ocr

from .pdfgen import build_pdf, image_page_jpeg, text_page

WORDS = ["zorgverzekering", "tandarts", "declaratie", "commissie", "verzekeraar", "beoordeling", "nota"]


def _pages(n: int) -> list:
    pages = []
    for i in range(1, n + 1):
        w = WORDS[i % len(WORDS)]
        paras = [f"Alinea {k} gaat over de {w} en {WORDS[(i + k) % len(WORDS)]} van verzoeker." for k in range(1, 6)]
        pages.append(text_page(paras, header="Geschillencommissie — bindend advies",
                               footer=f"pagina {i} van {n}"))
    return pages


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_valid_generated_pdf(tmp_path: Path, settings: Settings) -> None:
    doc = extract_file(_write(tmp_path, "ok.pdf", build_pdf(_pages(2))), settings)
    assert "Alinea 3 gaat over de declaratie en beoordeling van verzoeker." in doc.text
    assert "pagina 1 van 2" not in doc.text and "Geschillencommissie" not in doc.text


def test_empty_user_password_is_just_opened(tmp_path: Path, settings: Settings) -> None:
    doc = extract_file(_write(tmp_path, "e.pdf", build_pdf(_pages(1), user_password="")), settings)
    assert "Alinea 1 gaat over de tandarts" in doc.text


def test_user_password_is_refused(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(EncryptedDocumentError):
        extract_file(_write(tmp_path, "p.pdf", build_pdf(_pages(1), user_password="geheim")), settings)


def test_zero_pages(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(EmptyDocumentError):
        extract_file(_write(tmp_path, "z.pdf", build_pdf([])), settings)


def test_truncated(tmp_path: Path, settings: Settings) -> None:
    data = build_pdf(_pages(3))
    with pytest.raises(CorruptDocumentError):
        extract_file(_write(tmp_path, "t.pdf", data[: len(data) // 2]), settings)


def test_corrupt(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(CorruptDocumentError):
        extract_file(_write(tmp_path, "c.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 200 + b"\n%%EOF\n"), settings)


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, b"<html><body>404</body></html>",
                                  b"Dit is gewoon tekst."])
def test_non_pdf_named_pdf(tmp_path: Path, settings: Settings, data: bytes) -> None:
    with pytest.raises(UnsupportedFormatError):
        extract_file(_write(tmp_path, "fake.pdf", data), settings)


def test_binary_with_other_name(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(UnsupportedFormatError):
        extract_file(_write(tmp_path, "x.bin", b"PK\x03\x04" + b"\x00" * 100), settings)


def test_too_many_pages(tmp_path: Path) -> None:
    with pytest.raises(DocumentTooLargeError):
        extract_file(_write(tmp_path, "big.pdf", build_pdf(_pages(3))), Settings(data_dir=tmp_path, max_pages=2))


def test_file_too_large(tmp_path: Path) -> None:
    with pytest.raises(DocumentTooLargeError):
        extract_file(_write(tmp_path, "big.pdf", build_pdf(_pages(1))), Settings(data_dir=tmp_path, max_file_mb=0))


def test_empty_file(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(EmptyDocumentError):
        extract_file(_write(tmp_path, "empty.txt", b""), settings)


def test_ocr_unavailable(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.check_available.cache_clear()
    try:
        with pytest.raises(OCRUnavailableError):
            extract_file(_write(tmp_path, "scan.pdf", build_pdf([image_page_jpeg(["Gescande tekst."])])), settings)
    finally:
        ocr.check_available.cache_clear()


def test_ocr_disabled_on_scan_only(tmp_path: Path) -> None:
    path = _write(tmp_path, "scan.pdf", build_pdf([image_page_jpeg(["Gescande tekst."])]))
    with pytest.raises(OCRUnavailableError):
        extract_file(path, Settings(data_dir=tmp_path, ocr=False))


def test_errors_are_input_errors() -> None:
    # The pipeline records any InputError as a per-document outcome; every class above must be one.
    from archive.errors import InputError

    for cls in (CorruptDocumentError, DocumentTooLargeError, EmptyDocumentError, EncryptedDocumentError,
                OCRUnavailableError, UnsupportedFormatError):
        assert issubclass(cls, InputError)


def test_auto_uses_pdfplumber_only_for_scrambled_pages(tmp_path: Path, settings: Settings) -> None:
    import random

    ordered = text_page([f"Regel {w} van de beoordeling door de commissie over de zorgverzekering." for w in WORDS * 2],
                        para_gap=0)
    scrambled = list(ordered)
    random.Random(7).shuffle(scrambled)  # content stream no longer in reading order
    path = _write(tmp_path, "scrambled.pdf", build_pdf([_pages(1)[0], scrambled]))
    doc = extract_file(path, settings)
    assert doc.extractor.startswith("pdfium+pdfplumber/")
    # Reading order restored by pdfplumber's geometric sort.
    assert re.findall(r"Regel (\w+)", doc.pages[1].text) == WORDS * 2
