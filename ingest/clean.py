"""From positioned lines to clean page text: pure functions, no PDF library.

Steps (each a function so tests can hit them one by one):

1. :func:`remove_running_lines` drops running headers/footers and page numbers. Detection is general: a line at
   the top or bottom edge of a page is *running* when its digit-normalised text recurs at about the same height on
   other pages (nearby pages, or a good share of all pages), or when it is a bare page number pattern
   ("pagina 3 van 9", "- 3 -", "3/9", "3"). Only edge lines are candidates so body text is never touched.
2. :func:`paragraphs` groups lines into paragraphs from geometry (vertical gaps, short lines ending a sentence)
   and from text cues (a numbered item or a ``Key :`` head line starts a paragraph), rejoining line-end
   hyphenation on the way.
3. :func:`join_pages` joins page texts with blank lines, except that a paragraph broken by a page break is
   glued back together.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import defaultdict

from .layout import Line, PageLines

EDGE_LINES = 3  # how many lines at the top and at the bottom of a page may be running lines

_PAGE_NUMBER = re.compile(
    r"""^(?:
        (?:pagina|page|blz\.?|bladzijde|p\.)\s*\#+(?:\s*(?:van|of|/)\s*\#+)?   # pagina 3 (van 9)
      | [-–—]?\s*\#+\s*[-–—]?                                                 # 3, - 3 -
      | \#+\s*(?:/|van|of)\s*\#+                                              # 3/9, 3 van 9
      | \[?\#+\]?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_TRAILING_PAGE_NO = re.compile(r"(?:[,;|–—-]|\s{2,}|\t)\s*(?:pagina|page|blz\.?)\s*\d+(?:\s*(?:van|of|/)\s*\d+)?\s*$",
                               re.IGNORECASE)


def _key(text: str) -> str:
    """Digit-normalised, case- and space-folded form used to recognise a line repeating across pages."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = re.sub(r"\d+", "#", t)
    return re.sub(r"\s+", " ", t).strip()


def _edge_indices(lines: list[Line]) -> list[int]:
    """Indices of the top-most and bottom-most lines by position (not stream order: producers often draw the
    footer right after the header, or the header last)."""
    n = len(lines)
    k = min(EDGE_LINES, n)
    by_top = sorted(range(n), key=lambda i: lines[i].top)
    return sorted(set(by_top[:k]) | set(by_top[n - k:]))


def remove_running_lines(pages: list[PageLines]) -> list[PageLines]:
    """Return copies of ``pages`` without running headers, footers and page numbers."""
    n_pages = len(pages)
    # key -> list of (page position in list, top/height) for edge lines
    occurrences: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for pi, page in enumerate(pages):
        ordered = page.lines
        for li in _edge_indices(ordered):
            ln = ordered[li]
            occurrences[_key(ln.text)].append((pi, ln.top / max(page.height, 1.0)))

    running: set[tuple[int, str]] = set()
    if n_pages >= 2:
        global_needed = max(2, int(0.3 * n_pages + 0.999))
        for key, occ in occurrences.items():
            if not key or len(occ) < 2:
                continue
            for pi, rel_top in occ:
                same_place = [oj for oj, ot in occ if oj != pi and abs(ot - rel_top) < 0.04]
                near = [oj for oj in same_place if abs(oj - pi) <= 4]
                distinct_near = len(set(near))
                if (len(set(same_place)) + 1 >= global_needed
                        or distinct_near >= 2
                        or (n_pages <= 3 and distinct_near >= 1)):
                    running.add((pi, key))

    out: list[PageLines] = []
    for pi, page in enumerate(pages):
        edge = set(_edge_indices(page.lines))
        kept: list[Line] = []
        for li, ln in enumerate(page.lines):
            if li in edge:
                key = _key(ln.text)
                if (pi, key) in running or _PAGE_NUMBER.match(key):
                    continue
                stripped = _TRAILING_PAGE_NO.sub("", ln.text)
                if stripped != ln.text:
                    stripped = stripped.rstrip(" ,;|–—-")
                    # "Stichting X, pagina 1 van 9": the name part may not repeat exactly (first page); the page
                    # number part is never content.
                    if (pi, _key(stripped)) in running or not stripped:
                        continue
                    ln = Line(stripped, ln.x0, ln.top, ln.x1, ln.bottom)
            kept.append(ln)
        out.append(PageLines(page.number, page.width, page.height, kept, page.has_images, page.ocr,
                             page.backend))
    return out


# -- paragraphs -------------------------------------------------------------------------------------------------

_ITEM_START = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s|\(?[ivx]{1,5}\)\s|\(?\d{1,2}\)\s|[a-z]\)\s|[a-z]\.\s|[-•▪●–]\s|#{1,6}\s)"
)
_HEAD_FIELD = re.compile(r"^[A-Z][A-Za-z]{2,20}(?:\s[a-z]{2,12})?\s*\t?:\s")
_SENTENCE_END = re.compile(r"[.:;!?]['\")»]?$")
_CONJUNCTIONS = {"en", "of", "tot", "t/m", "and", "or", "dan", "noch"}
_HYPHENS = ("\ufffe", "\u00ad", "\u2010")  # pdfium's line-end hyphen, soft hyphen, Unicode hyphen


HYPHEN_MARK = "\ue000"  # an undecided line-end hyphen; resolve_hyphens() settles it with the whole document
_KEEP_PREFIXES = frozenset(
    [
        "niet", "ex", "oud", "anti", "non", "semi", "pre", "post", "co", "vice", "adjunct", "zelf", "half",
        "extra", "mini", "midi", "maxi", "multi", "pseudo", "quasi", "super", "top", "ultra", "sub"
    ]
)
_VOWELS = set("aeiouyáéíóúàèëïöü")


def join_hyphenated(left: str, right: str) -> str:
    """Join two consecutive lines of one paragraph, handling a word split at the line end.

    A line-end hyphen (pdfium reports it as U+FFFE, pdfplumber/OCR as "-") is either hyphenation (drop it) or
    part of a compound ("niet-ontvankelijk", "EU-verordening", "Nauta-Sluijs", "verzekerings- en"). Clear
    cases are decided here; an ambiguous lower-case continuation gets :data:`HYPHEN_MARK` and is settled by
    :func:`resolve_hyphens`, which looks at how the word is spelled elsewhere in the document.
    """
    left = left.rstrip()
    right = right.lstrip()
    if not left:
        return right
    if not left.endswith(_HYPHENS + ("-",)) or len(left) < 2:
        return f"{left} {right}"
    if left[-2] == " " and right[:1].islower():
        return f"{left[:-1]}-{right}"  # "verzekeringsdekking, -uitkering, -prestatie": an affix, not a dash
    if not left[-2].isalnum():
        return f"{left} {right}"
    stem = left[:-1]
    first_word = right.split(" ", 1)[0].strip(",.;:)")
    if not right[:1].isalpha():
        return f"{left[:-1]}-{right}" if right[:1].isdigit() else f"{stem}- {right}"
    if first_word in _CONJUNCTIONS:
        return f"{stem}- {right}"  # "onderzoeks- en adviesbevoegdheid"
    if right[:1].isupper() or left[-2].isdigit():
        return f"{stem}-{right}"  # Noord-Holland, Nauta-Sluijs, 2020-2021
    last_word = re.split(r"[\s(\[\"'‘“/]", stem)[-1]
    if (last_word.isupper() and len(last_word) >= 1) or last_word.lower() in _KEEP_PREFIXES:
        return f"{stem}-{right}"  # EU-verordening, DBC-zorgproduct, niet-ontvankelijk
    if last_word[-1:].lower() in _VOWELS and right[:1].lower() in _VOWELS:
        return f"{stem}-{right}"  # Dutch spelling needs a hyphen where vowels collide: zee-egel, na-apen
    return f"{stem}{HYPHEN_MARK}{right}"


def _inline_hyphens(text: str) -> str:
    """pdfium sometimes rejoins a hyphenated line itself, leaving U+FFFE where the hyphen was: decide it."""
    while True:
        i = text.find("\ufffe")
        if i <= 0 or i == len(text) - 1:
            return text
        text = join_hyphenated(text[:i] + "-", text[i + 1:])


_MARKED = re.compile(r"([^\W_]+)" + HYPHEN_MARK + r"([^\W_]+)")


def resolve_hyphens(texts: list[str]) -> list[str]:
    """Settle undecided line-end hyphens using the document's own spelling, defaulting to joining the word."""
    joined_text = "\n".join(texts)
    if HYPHEN_MARK not in joined_text:
        return texts
    vocab: dict[str, int] = {}
    for w in re.findall(r"[^\W_]+(?:-[^\W_]+)*", joined_text.replace(HYPHEN_MARK, " ").lower()):
        vocab[w] = vocab.get(w, 0) + 1

    def settle(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        if vocab.get(f"{a}-{b}".lower(), 0) > vocab.get(f"{a}{b}".lower(), 0):
            return f"{a}-{b}"
        return f"{a}{b}"

    return [_MARKED.sub(settle, t).replace(HYPHEN_MARK, "") for t in texts]


def _clean_chars(text: str) -> str:
    # NFKC folds ligatures (ﬁ, ĳ) and odd spaces that PDFs and OCR produce; a hyphen left at the very end stays a
    # visible "-" so join_pages() can still rejoin a word split across a page break.
    text = unicodedata.normalize("NFKC", text.rstrip())
    if text.endswith(_HYPHENS):
        text = text[:-1] + "-"
    text = text.replace("\ufffe", "").replace("\u00ad", "").replace("\x02", "")
    text = text.replace("\t", " ")
    return re.sub(r"[ ]{2,}", " ", text).strip()


_NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)\s+[A-Z][^.:;!?]{2,60}$")


def _is_heading(text: str, short: bool) -> bool:
    """A short numbered title ("6. Beoordeling") or an all-caps line ("BIJLAGEN") stands on its own."""
    if not short:
        return False
    letters = [c for c in text if c.isalpha()]
    return bool(_NUMBERED_HEADING.match(text)) or (len(letters) >= 4 and all(c.isupper() for c in letters))


def paragraphs(page: PageLines) -> list[str]:
    """Group a page's lines into paragraphs (one string each, internal line breaks reflowed)."""
    ls = [ln for ln in page.lines if ln.text.strip()]
    if not ls:
        return []
    heights = [ln.height for ln in ls]
    h = statistics.median(heights)
    pitches = [b.top - a.top for a, b in zip(ls, ls[1:], strict=False) if 0.3 * h < b.top - a.top < 3 * h]
    # The line pitch is a common *small* step (25th percentile): on a page of short paragraphs most steps are
    # paragraph breaks, so the median would be the paragraph pitch and every break would look like a line break.
    pitch = sorted(pitches)[len(pitches) // 4] if pitches else 1.2 * h
    x1s = sorted(ln.x1 for ln in ls)
    right = x1s[int(0.9 * (len(x1s) - 1))]
    x0s = sorted(ln.x0 for ln in ls)
    left = x0s[int(0.1 * (len(x0s) - 1))]
    width = max(right - left, 1.0)

    paras: list[list[str]] = []
    prev: Line | None = None
    for ln in ls:
        text = _inline_hyphens(ln.text.strip())
        new = prev is None
        if prev is not None:
            step = ln.top - prev.top
            short_prev = prev.x1 < right - 0.12 * width
            prev_text = prev.text.rstrip()
            new = (
                step > 1.2 * pitch
                or _is_heading(prev_text, short_prev) or _is_heading(text, ln.x1 < right - 0.12 * width)
                or step < -0.5 * h  # jumped up: new column or out-of-order block
                or (_ITEM_START.match(text) is not None
                    and (short_prev or _SENTENCE_END.search(prev_text) is not None))
                or _HEAD_FIELD.match(text) is not None
                or (short_prev and _SENTENCE_END.search(prev_text) is not None
                    and not prev_text.endswith(_HYPHENS))
            )
        if new:
            paras.append([text])
        else:
            paras[-1].append(text)
        prev = ln

    out: list[str] = []
    for lines in paras:
        joined = lines[0]
        for nxt in lines[1:]:
            joined = join_hyphenated(joined, nxt)
        joined = _clean_chars(joined)
        if joined:
            out.append(joined)
    return out


def page_text(page: PageLines) -> str:
    return "\n\n".join(paragraphs(page))


def join_pages(texts: list[str]) -> str:
    """Join page texts; a paragraph cut by the page break (no sentence end, lower-case continuation) is glued."""
    parts: list[str] = []
    for t in texts:
        t = t.strip()
        if not t:
            continue
        if not parts:
            parts.append(t)
            continue
        tail = parts[-1]
        if (not _SENTENCE_END.search(tail[-3:]) and t[:1].islower()) or (
                tail.endswith(_HYPHENS + ("-",)) and t[:1].isalpha()):
            # Only the last paragraph of the previous page is re-joined, so this stays linear in document size.
            head, sep, last = tail.rpartition("\n\n")
            parts[-1] = f"{head}{sep}{join_hyphenated(last, t)}"
        else:
            parts.append(t)
    return "\n\n".join(parts)


# -- text layer quality -------------------------------------------------------------------------------------------

_STOPWORDS = frozenset(
    [
        "de", "het", "een", "van", "en", "in", "is", "dat", "op", "te", "voor", "niet", "met", "zijn",
        "aan", "als", "door", "die", "er", "bij", "om", "ook", "naar", "of", "uit", "the", "of", "and",
        "to", "a", "in", "is", "that", "for", "on", "with"
    ]
)


_BAD_CHARS = re.compile("[\ufffd\x00-\x08\x0e-\x1f\ue000-\uf8ff]")
_PUNCT_RE = re.compile("[\\s.,;:!?\\-–—()\\[\\]'\"‘’“”/…·•*_]")


def text_layer_quality(page: PageLines) -> str:
    """'ok', 'empty' (no usable text) or 'garbage' (a text layer that does not encode readable text).

    Garbage: pdfplumber's "(cid:N)" runs, mostly non-letters, replacement/private-use characters, or a long text
    with almost no common Dutch/English words (fonts with a private encoding map glyphs to wrong letters).
    Ordinary punctuation does not count against a page: a table of contents is mostly leader dots.
    """
    text = " ".join(ln.text for ln in page.lines)
    letters = sum(map(str.isalpha, text))
    if letters < 20:
        return "empty"
    if text.count("(cid:") >= 3:
        return "garbage"
    counted = len(_PUNCT_RE.sub("", text))
    nonspace = len(text) - sum(map(str.isspace, text))
    alnum = letters + sum(map(str.isdigit, text))
    if alnum / max(counted, 1) < 0.5 or len(_BAD_CHARS.findall(text)) / max(nonspace, 1) > 0.1:
        return "garbage"
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) >= 80 and sum(1 for w in words if w in _STOPWORDS) / len(words) < 0.02:
        return "garbage"
    return "ok"
