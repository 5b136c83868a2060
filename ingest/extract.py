"""``extract_file``: the thin I/O shell that reads a file and hands it to the right extractor.

Bad input ends in exactly one :class:`archive.errors.InputError` subclass per document, so the batch pipeline can
record an outcome and move on. Never logs text: only ids, page numbers and counts.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from archive.domain import Page, RawDocument
from archive.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    InputError,
    OCRUnavailableError,
)
from archive.settings import Settings

from . import clean, ocr
from .extract_pdf import Backend, PdfSource, stream_disorder
from .layout import PageLines
from .plain_text import extract_text
from .rechtspraak_xml import extract_rechtspraak_xml
from .sniff import sniff

log = logging.getLogger(__name__)

# Told how many seconds more the document may take: called once per page sent to OCR, with that page's bound.
# The process pool passes its deadline extension here, so a document's time bound grows with its scanned pages.
ExtendDeadline = Callable[[float], None]

EXTRACTOR_VERSION = "3"  # 3: invisible format characters removed; 2: running lines found by position, ...

# auto mode re-reads a page with pdfplumber when this share of its line transitions jump back up the page.
DISORDER_THRESHOLD = 0.25
# Largest page image rendered for OCR (an A3 page at 300 dpi is 17 MP): an oversized page is rendered at a lower
# dpi rather than allocating gigabytes.
MAX_OCR_PIXELS = 36_000_000


def _ocr_threads(settings: Settings) -> int:
    """tesseract runs single-threaded (see ocr.py), so OCR pages in parallel on the cores the batch leaves free.

    ``workers = 0`` means one worker per core in the batch, which leaves each document one core.
    """
    cores = os.cpu_count() or 1
    return max(1, cores // (settings.workers or cores))


def _ocr_dpi(width_pt: float, height_pt: float, dpi: int) -> int:
    area_in2 = max(width_pt * height_pt, 1.0) / (72.0 * 72.0)
    return max(1, min(dpi, int((MAX_OCR_PIXELS / area_in2) ** 0.5)))


def extract_file(path: Path, settings: Settings, *, extend_deadline: ExtendDeadline | None = None) -> RawDocument:
    """Read ``path`` and return its text; the format is decided from the content, not the extension."""
    path = Path(path)
    doc_id = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", detail=doc_id) from exc
    if size > settings.max_file_mb * 1024 * 1024:
        raise DocumentTooLargeError(f"file is {size / 1048576:.1f} MB, limit is {settings.max_file_mb} MB",
                                    detail=doc_id)
    data = path.read_bytes()
    return extract_bytes(data, settings, name=path.name, extend_deadline=extend_deadline)


# Characters that are invisible when a document is read and that split a word for every program that reads it: the
# soft hyphen (a word processor's optional break, "Wil\u00adlemsen"), zero-width spaces, the word joiner and a byte
# order mark inside the text. Removed from every format, so that search, parsing and the anonymiser see the word
# that a reader sees ("Willemsen" is a name the anonymiser finds; "Wil", a soft hyphen and "lemsen" is not).
# The zero-width joiners (U+200C, U+200D) stay: they change how some scripts and emoji are written.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def _without_invisible(doc: RawDocument) -> RawDocument:
    if _INVISIBLE.search(doc.text):
        doc.text = _INVISIBLE.sub("", doc.text)
        for page in doc.pages:
            page.text = _INVISIBLE.sub("", page.text)
    doc.format_metadata = _visible(doc.format_metadata)
    return doc


def _visible(value: Any) -> Any:
    """A format's metadata with the invisible characters removed from every string in it."""
    if isinstance(value, str):
        return _INVISIBLE.sub("", value)
    if isinstance(value, dict):
        return {k: _visible(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_visible(v) for v in value]
    return value


def extract_bytes(data: bytes, settings: Settings, name: str = "", *,
                  extend_deadline: ExtendDeadline | None = None) -> RawDocument:
    """Same as :func:`extract_file` for bytes already in memory (uploads, tests)."""
    return _without_invisible(_extract_bytes(data, settings, name, extend_deadline=extend_deadline))


def _extract_bytes(data: bytes, settings: Settings, name: str = "", *,
                   extend_deadline: ExtendDeadline | None = None) -> RawDocument:
    if not data.strip():
        raise EmptyDocumentError("file is empty", detail=name)
    fmt = sniff(data[:4096], Path(name).suffix)
    if fmt == "pdf":
        return extract_pdf_bytes(data, settings, name, extend_deadline=extend_deadline)
    if fmt == "rechtspraak-xml":
        doc = extract_rechtspraak_xml(data, name)
        doc.extractor = f"rechtspraak-xml/{EXTRACTOR_VERSION}"
        return doc
    doc = extract_text(data, name)
    doc.extractor = f"text/{EXTRACTOR_VERSION}"
    return doc


def _check_truncated(data: bytes, doc_id: str) -> None:
    # pdfium silently "repairs" a truncated file and returns whatever pages it could find; an archive must not
    # store half a ruling as if it were whole, so a missing end-of-file marker is treated as corruption.
    if b"%%EOF" not in data[-2048:]:
        raise CorruptDocumentError("PDF is truncated (no %%EOF marker at the end)", detail=doc_id)


def extract_pdf_bytes(data: bytes, settings: Settings, doc_id: str = "", *,
                      extend_deadline: ExtendDeadline | None = None,
                      ocr_options: ocr.OcrOptions | None = None) -> RawDocument:
    """Text of a PDF; pages without a usable text layer are OCRed, each within its own time bound.

    ``extend_deadline`` is called with ``settings.ocr_page_timeout_s`` for every page sent to OCR, before it is
    read: a 300-page scan then gets 300 page bounds on top of the document's, instead of failing at a fixed
    document deadline that only a short scan can meet. ``ocr_options`` replaces the ones built from settings
    (the benchmark reads the same scans with the previous choice).
    """
    _check_truncated(data, doc_id)
    options = ocr_options or ocr.OcrOptions.from_settings(settings)
    started = time.perf_counter()
    backend: Backend = "pdfplumber" if settings.extractor == "pdfplumber" else "pdfium"
    backends_used: set[str] = set()
    needs_ocr: list[int] = []
    pages: list[PageLines] = []
    ocr_jobs: dict[int, Future[PageLines]] = {}
    threads = _ocr_threads(settings)
    with PdfSource(data, doc_id) as src, ThreadPoolExecutor(max_workers=threads) as pool:
        if src.page_count > settings.max_pages:
            raise DocumentTooLargeError(f"PDF has {src.page_count} pages, limit is {settings.max_pages}",
                                        detail=doc_id)
        for i in range(src.page_count):
            page = src.page_lines(i, backend)
            if settings.extractor == "auto" and stream_disorder(page) > DISORDER_THRESHOLD:
                page = src.page_lines(i, "pdfplumber")
            quality = clean.text_layer_quality(page)
            if quality != "ok":
                page.has_images = page.has_images or src.has_images(i)
            if quality == "garbage" or (quality == "empty" and page.has_images):
                needs_ocr.append(i + 1)
                if settings.ocr:
                    ocr.check_available(options.languages)
                    if extend_deadline is not None:
                        extend_deadline(options.page_timeout_s)
                    # Bound the rendered images held in memory (~9 MB each at 300 dpi): wait for the oldest job
                    # before rendering more than two per OCR thread.
                    pending = [f for f in ocr_jobs.values() if not f.done()]
                    if len(pending) >= 2 * threads:
                        pending[0].result()
                    # pdfium is not thread-safe: render here, only the tesseract subprocess runs in the pool.
                    image = src.render(i, _ocr_dpi(page.width, page.height, options.dpi))
                    ocr_jobs[i] = pool.submit(ocr.ocr_page, image, i + 1, page.width, page.height, options)
                    page = PageLines(i + 1, page.width, page.height, [], True, ocr=True, backend="tesseract")
                else:
                    page = PageLines(i + 1, page.width, page.height, [], page.has_images)
            backends_used.add(page.backend)
            pages.append(page)
        for i, job in ocr_jobs.items():
            pages[i] = job.result()

    cleaned = clean.remove_running_lines(pages)
    texts = clean.resolve_hyphens([clean.page_text(p) for p in cleaned])
    text = clean.join_pages(texts)
    if not text.strip():
        if needs_ocr and not settings.ocr:
            raise OCRUnavailableError("PDF has no text layer and OCR is disabled (settings.ocr)", detail=doc_id)
        raise EmptyDocumentError("PDF contains no text", detail=doc_id)
    if needs_ocr and not settings.ocr:
        log.warning("doc %s: %d page(s) need OCR but OCR is disabled; left empty", doc_id, len(needs_ocr))
    name = "+".join(b for b in ("pdfium", "pdfplumber", "tesseract") if b in backends_used)
    log.info("doc %s: %d pages via %s in %.2fs (ocr pages: %d)", doc_id, len(pages), name,
             time.perf_counter() - started, sum(p.ocr for p in pages))
    return RawDocument(
        text=text,
        pages=[Page(p.number, t, p.ocr) for p, t in zip(cleaned, texts, strict=True)],
        extractor=f"{name}/{EXTRACTOR_VERSION}",
        source_format="pdf",
        format_metadata={"page_count": len(pages)},
    )
