"""Decide a file's format from its bytes, never from its name (a download that failed is an HTML page
saved as ``.pdf``; a rechtspraak XML may start with a newline before ``<?xml``)."""

from __future__ import annotations

from typing import Literal

from archive.errors import UnsupportedFormatError

from .rechtspraak_xml import is_rechtspraak_xml

Format = Literal["pdf", "rechtspraak-xml", "text"]

_BINARY_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP/Office document",
    b"\xd0\xcf\x11\xe0": "legacy Office document",
    b"%!PS": "PostScript",
    b"II*\x00": "TIFF image",
    b"MM\x00*": "TIFF image",
    b"{\\rtf": "RTF document",
}


def sniff(head: bytes, name_suffix: str = "") -> Format:
    """Return the format of a file whose first bytes are ``head`` (1-4 KiB is enough).

    ``name_suffix`` is only used to word the error: a file *named* .pdf that is not a PDF is refused rather than
    read as text, because that is almost always a broken download or a mislabelled upload.
    """
    # The PDF spec lets readers accept junk before the header within the first 1024 bytes.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    stripped = head.lstrip(b"\xef\xbb\xbf").lstrip()
    for magic, what in _BINARY_MAGIC.items():
        if stripped.startswith(magic):
            raise UnsupportedFormatError(f"unsupported file type: {what}")
    if name_suffix.lower() == ".pdf":
        raise UnsupportedFormatError("file is named .pdf but is not a PDF (no %PDF- header)")
    lowered = stripped[:512].lower()
    if lowered.startswith(b"<"):
        if is_rechtspraak_xml(stripped[:4096]):
            return "rechtspraak-xml"
        if lowered.startswith((b"<!doctype html", b"<html")):
            raise UnsupportedFormatError("HTML pages are not supported")
        raise UnsupportedFormatError("XML that is not rechtspraak.nl open data is not supported")
    if b"\x00" in head:
        raise UnsupportedFormatError("binary file of unknown type")
    return "text"
