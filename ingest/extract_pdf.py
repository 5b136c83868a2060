"""The one module that imports the PDF libraries (pypdfium2 and pdfplumber).

It only opens documents, maps library failures onto :mod:`archive.errors`, and turns pages into positioned
:class:`~ingest.layout.Line` records (or page images for OCR). Everything that decides *what* the text is
(headers, hyphenation, paragraphs, whether a page needs OCR) lives in pure modules, so that it can be tested
without a PDF and shared with the OCR path.

Two backends:

* ``pdfium`` (pypdfium2): ~700 pages/s; lines come in content-stream order; pdfium marks line-end soft hyphens
  with U+FFFE, which the cleaner rejoins.
* ``pdfplumber``: ~7.5 pages/s; builds lines from character geometry (sorted top-to-bottom), dedupes fake-bold
  double-drawn characters. Worth its cost only on pages whose stream order is scrambled.
"""

from __future__ import annotations

import io
import logging
import statistics
from collections.abc import Iterator
from typing import Any, Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from archive.errors import CorruptDocumentError, EmptyDocumentError, EncryptedDocumentError

from .layout import Line, PageLines

log = logging.getLogger(__name__)

Backend = Literal["pdfium", "pdfplumber"]

# pdfium's FPDF_GetLastError codes, spelled out so the mapping is readable.
_ERR_PASSWORD = getattr(pdfium_c, "FPDF_ERR_PASSWORD", 4)
_ERR_SECURITY = getattr(pdfium_c, "FPDF_ERR_SECURITY", 6)


class PdfSource:
    """An opened PDF. Use as a context manager; all library objects are closed on exit."""

    def __init__(self, data: bytes, doc_id: str = "") -> None:
        self._data = data
        self._doc_id = doc_id
        self._plumber: Any = None
        try:
            self._doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise _diagnose(data, getattr(exc, "err_code", None), doc_id) from exc
        try:
            self.page_count = len(self._doc)
        except Exception as exc:  # pragma: no cover - pdfium reports broken page trees this way
            raise CorruptDocumentError("PDF page tree is unreadable", detail=doc_id) from exc
        if self.page_count == 0:
            self.close()
            raise EmptyDocumentError("PDF has no pages", detail=doc_id)

    # -- lifecycle -------------------------------------------------------------------------------------------
    def __enter__(self) -> PdfSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
            self._plumber = None
        if getattr(self, "_doc", None) is not None:
            self._doc.close()
            self._doc = None

    # -- text ------------------------------------------------------------------------------------------------
    def page_lines(self, index: int, backend: Backend = "pdfium") -> PageLines:
        """Lines of page ``index`` (0-based) in reading order as the backend sees it."""
        try:
            if backend == "pdfplumber":
                return self._plumber_lines(index)
            return self._pdfium_lines(index)
        except (CorruptDocumentError, EmptyDocumentError):
            raise
        except Exception as exc:
            raise CorruptDocumentError(f"page {index + 1} cannot be read ({type(exc).__name__})",
                                       detail=self._doc_id) from exc

    def _pdfium_lines(self, index: int) -> PageLines:
        page = self._doc[index]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                lines = list(_pdfium_text_lines(textpage, height))
            finally:
                textpage.close()
        finally:
            page.close()
        return PageLines(index + 1, width, height, _merge_same_baseline(lines), False, backend="pdfium")

    def _plumber_lines(self, index: int) -> PageLines:
        if self._plumber is None:
            import pdfplumber  # heavy import, only paid when the slow path is actually used

            # pdfplumber (pdfminer) needs the empty password spelled out for owner-password-only files.
            self._plumber = pdfplumber.open(io.BytesIO(self._data), password="")
        page = self._plumber.pages[index]
        try:
            page = page.dedupe_chars()
            raw_lines = page.extract_text_lines(layout=False, strip=True, return_chars=False)
            lines = [Line(d["text"], float(d["x0"]), float(d["top"]), float(d["x1"]), float(d["bottom"]))
                     for d in raw_lines if d["text"].strip()]
            has_images = bool(page.images)
            return PageLines(index + 1, float(page.width), float(page.height), lines, has_images,
                             backend="pdfplumber")
        finally:
            page.close()

    def has_images(self, index: int) -> bool:
        """Whether page ``index`` draws any image (asked only when a page has no usable text: it costs time)."""
        page = self._doc[index]
        try:
            return _has_images(page)
        finally:
            page.close()

    # -- images for OCR --------------------------------------------------------------------------------------
    def render(self, index: int, dpi: int = 300) -> Any:
        """Page ``index`` as a greyscale PIL image at ``dpi`` (tesseract works best near 300 dpi)."""
        page = self._doc[index]
        try:
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            try:
                return bitmap.to_pil().copy()
            finally:
                bitmap.close()
        finally:
            page.close()

    def page_size(self, index: int) -> tuple[float, float]:
        page = self._doc[index]
        try:
            w, h = page.get_size()
            return float(w), float(h)
        finally:
            page.close()


def _diagnose(data: bytes, code: int | None, doc_id: str) -> Exception:
    """Name the reason pdfium refused a file. pdfium's own codes are not enough: it refuses a zero-page document
    with "incorrect password" or "success", so a second opinion from pdfminer decides."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        # pdfminer tries the empty user password itself; needing another one means we cannot read the file.
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        pages = sum(1 for _ in PDFPage.create_pages(document))
    except PDFPasswordIncorrect:
        return EncryptedDocumentError("PDF is encrypted and needs a password", detail=doc_id)
    except PDFEncryptionError:
        return EncryptedDocumentError("PDF uses an unsupported encryption handler", detail=doc_id)
    except Exception:
        if code in (_ERR_PASSWORD, _ERR_SECURITY):
            return EncryptedDocumentError("PDF is encrypted and needs a password", detail=doc_id)
        return CorruptDocumentError("PDF cannot be opened (damaged or not a PDF)", detail=doc_id)
    if pages == 0:
        return EmptyDocumentError("PDF has no pages", detail=doc_id)
    return CorruptDocumentError("PDF cannot be opened by pdfium (damaged structure)", detail=doc_id)


def _has_images(page: Any) -> bool:
    for _obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        return True
    return False


def _pdfium_text_lines(textpage: Any, page_height: float) -> Iterator[Line]:
    """Split pdfium's text on its generated CRLFs and locate each line from its first and last character.

    pdfium's text is one character per char index (generated spaces/CRLFs included), so the offset of a
    character in the string is its index for ``get_charbox``. If a PDF breaks that invariant we fall back to
    pdfium's own text rectangles.
    """
    n = textpage.count_chars()
    if n <= 0:
        return
    text = textpage.get_text_range(0, n)
    if len(text) != n:
        yield from _pdfium_rect_lines(textpage, page_height)
        return
    offset = 0
    for segment in text.replace("\r\n", "\n").split("\n"):
        # The "\r\n" -> "\n" replace shortens the string; keep offsets in the original numbering.
        seg_len = len(segment)
        stripped = segment.strip()
        if stripped:
            first = offset + (seg_len - len(segment.lstrip()))
            last = offset + len(segment.rstrip()) - 1
            l0, b0, r0, t0 = textpage.get_charbox(first, loose=True)
            l1, b1, r1, t1 = textpage.get_charbox(last, loose=True)
            top = page_height - max(t0, t1)
            bottom = page_height - min(b0, b1)
            yield Line(stripped, float(min(l0, l1)), float(top), float(max(r0, r1)), float(bottom))
        offset += seg_len + (2 if text.startswith("\r\n", offset + seg_len) else 1)


def _pdfium_rect_lines(textpage: Any, page_height: float) -> Iterator[Line]:
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        t = textpage.get_text_bounded(left, bottom, right, top).strip()
        if t:
            yield Line(t, float(left), float(page_height - top), float(right), float(page_height - bottom))


def _merge_same_baseline(lines: list[Line]) -> list[Line]:
    """Join consecutive segments that sit on the same visual line (tab stops, justified runs)."""
    out: list[Line] = []
    for ln in lines:
        if out:
            prev = out[-1]
            overlap = min(prev.bottom, ln.bottom) - max(prev.top, ln.top)
            if overlap > 0.6 * min(prev.height, ln.height) and ln.x0 >= prev.x1 - 1.0:
                out[-1] = Line(f"{prev.text} {ln.text}", prev.x0, min(prev.top, ln.top), ln.x1,
                               max(prev.bottom, ln.bottom))
                continue
        out.append(ln)
    return out


def stream_disorder(page: PageLines) -> float:
    """Share of line transitions that jump back up the page by more than two lines.

    High values mean the content stream is not in reading order (text boxes drawn out of order), the case
    where pdfplumber's geometric sort earns its cost. Two-column pages jump up once per column, which stays low.
    """
    ls = page.lines
    if len(ls) < 6:
        return 0.0
    h = statistics.median(ln.height for ln in ls)
    jumps = sum(1 for a, b in zip(ls, ls[1:], strict=False) if b.top < a.top - 2 * h)
    return jumps / (len(ls) - 1)
