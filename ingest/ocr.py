"""OCR of page images with tesseract, returning positioned lines like the PDF backends.

Returning :class:`~ingest.layout.Line` records (not a text blob) means scanned pages go through the same
header/footer removal and paragraph building as born-digital ones. The page image comes from
:mod:`ingest.extract_pdf`; this module never touches a PDF library.

Every page is bounded on its own (``OcrOptions.page_timeout_s``), so a long scan is not a slow document but many
short, individually bounded jobs; :mod:`ingest.extract` tells the caller how much time each OCR page may add.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from archive.errors import OCRUnavailableError, ProcessingTimeoutError
from archive.settings import Settings

from .layout import Line, PageLines

log = logging.getLogger(__name__)

# OCR cannot tell typographic from straight quotes; fold them so text from scans matches text from text layers.
_OCR_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'})
# Below this mean word confidence a page read without orientation detection is read again with it (see ocr_page).
_RETRY_CONFIDENCE = 60.0


@dataclass(frozen=True)
class OcrOptions:
    """How pages are read. Built from settings (languages, dpi, page bound); the benchmark builds the choice before
    issue 14 to compare against.

    ``psm``: tesseract's page segmentation mode. 3 (automatic layout, no orientation detection) costs ~10 % less
    than 1 (the same with orientation detection), so 3 is tried first and 1 only for a page whose words come back
    with low confidence, as a sideways or upside-down scan does (``retry_rotated``). ``--oem 1`` is the LSTM
    engine, the only one in Debian's language data; ``tessedit_do_invert=0`` skips the search for white-on-black
    text, which court documents do not have.
    """

    languages: str
    dpi: int
    page_timeout_s: float
    psm: int = 3
    retry_rotated: bool = True
    no_invert: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> OcrOptions:
        return cls(languages=settings.ocr_languages, dpi=settings.ocr_dpi,
                   page_timeout_s=settings.ocr_page_timeout_s)

    def tesseract_args(self, psm: int | None = None) -> list[str]:
        args = ["-l", self.languages, "--oem", "1", "--psm", str(self.psm if psm is None else psm)]
        if self.no_invert:
            args += ["-c", "tessedit_do_invert=0"]
        return args


@lru_cache(maxsize=8)
def check_available(languages: str) -> None:
    """Raise :class:`OCRUnavailableError` unless tesseract and every requested language pack are installed."""
    if shutil.which("tesseract") is None:
        raise OCRUnavailableError("page needs OCR but the tesseract binary is not installed "
                                  "(apt-get install tesseract-ocr tesseract-ocr-nld)")
    try:
        proc = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OCRUnavailableError(f"tesseract cannot be run ({type(exc).__name__})") from exc
    listing = (proc.stdout + proc.stderr).decode("utf-8", errors="replace").splitlines()
    installed = {line.strip() for line in listing[1:] if line.strip()}
    missing = [lang for lang in languages.split("+") if lang and lang not in installed]
    if missing:
        raise OCRUnavailableError(f"tesseract language data missing: {', '.join(missing)} "
                                  f"(e.g. apt-get install tesseract-ocr-{missing[0]})")


def _run_tesseract(image_pnm: bytes, args: list[str], number: int, timeout_s: float) -> str:
    """TSV output of tesseract for one page image, fed through stdin.

    We call the binary ourselves (not pytesseract's wrapper) to set OMP_THREAD_LIMIT=1: on a 2-core machine
    tesseract's own OpenMP threads fight each other and OCR runs ~5x slower (0.09 vs 0.49 pages/s measured);
    pages run in parallel instead (see ingest.extract).
    """
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    cmd = ["tesseract", "stdin", "stdout", *args, "tsv"]
    try:
        proc = subprocess.run(cmd, input=image_pnm, capture_output=True, env=env, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ProcessingTimeoutError(f"OCR of page {number} took longer than {timeout_s:g} s "
                                     "(RULINGS_OCR_PAGE_TIMEOUT_S)") from exc
    except OSError as exc:
        raise OCRUnavailableError(f"tesseract cannot be run ({exc.strerror})") from exc
    if proc.returncode != 0:
        raise OCRUnavailableError(f"tesseract failed on page {number} (exit {proc.returncode})")
    return proc.stdout.decode("utf-8", errors="replace")


def _words(tsv: str) -> list[list[str]]:
    """Word rows of tesseract's TSV. Columns: level page block par line word left top width height conf text."""
    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip() or float(cols[10]) < 0:
            continue
        words.append(cols)
    return words


def _mean_confidence(words: list[list[str]]) -> float:
    return sum(float(c[10]) for c in words) / len(words) if words else 0.0


def ocr_page(image: Any, number: int, page_width: float, page_height: float, options: OcrOptions) -> PageLines:
    """OCR one page image into lines; coordinates are scaled from pixels back to PDF points.

    A page is at most two tesseract runs, each bounded by ``options.page_timeout_s``.
    """
    check_available(options.languages)
    buf = io.BytesIO()
    # Uncompressed PGM: tesseract reads it without a PNG inflate, and we skip the deflate (~0.2 s per page).
    image.convert("L").save(buf, format="PPM")
    pnm = buf.getvalue()
    words = _words(_run_tesseract(pnm, options.tesseract_args(), number, options.page_timeout_s))
    if options.retry_rotated and options.psm != 1 and _mean_confidence(words) < _RETRY_CONFIDENCE:
        rotated = _words(_run_tesseract(pnm, options.tesseract_args(psm=1), number, options.page_timeout_s))
        if _mean_confidence(rotated) > _mean_confidence(words):
            log.debug("ocr page %d: read again with orientation detection", number)
            words = rotated
    sx = page_width / max(image.width, 1)
    sy = page_height / max(image.height, 1)
    groups: dict[tuple[str, str, str], list[list[str]]] = {}
    for cols in words:
        groups.setdefault((cols[2], cols[3], cols[4]), []).append(cols)
    lines: list[Line] = []
    for group in groups.values():
        x0 = min(int(c[6]) for c in group)
        top = min(int(c[7]) for c in group)
        x1 = max(int(c[6]) + int(c[8]) for c in group)
        bottom = max(int(c[7]) + int(c[9]) for c in group)
        text = " ".join(c[11].strip() for c in group).translate(_OCR_QUOTES)
        lines.append(Line(text, x0 * sx, top * sy, x1 * sx, bottom * sy))
    # tesseract emits blocks in its reading order (it handles columns); keep it.
    log.debug("ocr page %d: %d lines", number, len(lines))
    return PageLines(number, page_width, page_height, lines, has_images=True, ocr=True, backend="tesseract")
