"""Positioned text lines: the common currency between the PDF backends, OCR and the cleaner.

Every backend (pdfium, pdfplumber, tesseract) is reduced to the same small model so that header/footer removal,
hyphenation and paragraph building are written once, as pure functions, and tested without any PDF library.
Coordinates are in points (OCR: pixels scaled to points), origin top-left, ``top < bottom``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass
class PageLines:
    """One page as a backend saw it. ``has_images`` lets the cleaner tell a blank page from a scanned one."""

    number: int  # 1-based
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    has_images: bool = False
    ocr: bool = False
    backend: str = ""
