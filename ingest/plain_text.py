"""Plain-text rulings (e.g. the seed files): decode, normalise line ends, one page."""

from __future__ import annotations

import unicodedata

from archive.domain import Page, RawDocument
from archive.errors import EmptyDocumentError, UnsupportedFormatError


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: the two encodings Dutch text files come in."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if text and controls / len(text) > 0.01:
        raise UnsupportedFormatError("file is neither a PDF, rechtspraak XML nor readable text")
    return text


def extract_text(data: bytes, doc_id: str = "") -> RawDocument:
    text = unicodedata.normalize("NFC", decode_text(data)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n\n").strip()
    if not any(c.isalpha() for c in text):
        raise EmptyDocumentError("text file has no text", detail=doc_id)
    return RawDocument(text=text, pages=[Page(1, text, False)], extractor="", source_format="text")
