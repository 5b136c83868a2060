"""Snippets: the best window of a highlighted passage, as safe HTML.

Meilisearch marks the words it matched with private-use characters (:data:`HIGHLIGHT_PRE`/``POST``; they cannot
occur in indexed text); :func:`crop_snippet` marks inflected forms it matched only through ``lemmas``, picks the
window, and :func:`snippet_html` escapes the text and turns the markers into ``<mark>`` tags.
"""

from __future__ import annotations

import html
import itertools
import re
from bisect import bisect_left
from functools import lru_cache
from itertools import compress, repeat
from operator import contains

from archive.lemmas import WORD, lemma, tables
from search_index.documents import HIGHLIGHT_POST, HIGHLIGHT_PRE

CROP_WORDS = 40
TOKEN_CACHE = 8_192  # tokens whose word forms are kept (see _forms): only tokens near a query word get there


def snippet_html(formatted: str) -> str:
    """Escape the cropped text and turn the private-use highlight markers into ``<mark>`` tags.

    Meilisearch does not escape anything, so highlighting with literal ``<mark>`` would pass any markup in the
    text through. The markers cannot occur in indexed text (``documents`` strips them).
    """
    escaped = html.escape(" ".join(formatted.split()), quote=True)
    return escaped.replace(HIGHLIGHT_PRE, "<mark>").replace(HIGHLIGHT_POST, "</mark>")


def _marked(token: str, highlight: frozenset[str]) -> str:
    """``token`` with the first word whose lemma the query asked for wrapped in markers.

    A token Meilisearch marked only in part (a prefix or typo match, "<krone>n" for "kroon") is marked whole when
    its word is an inflection of a query word; other marked tokens are left as Meilisearch marked them.
    """
    if not highlight:
        return token
    plain = _plain(token)
    for m in WORD.finditer(plain):
        w = m.group().lower()
        if w in highlight or lemma(w) in highlight:
            return plain[: m.start()] + HIGHLIGHT_PRE + m.group() + HIGHLIGHT_POST + plain[m.end() :]
    return token


def crop_snippet(formatted: str, highlight: frozenset[str] = frozenset(), crop_words: int = CROP_WORDS) -> str:
    """The best ``crop_words``-word passage of a highlighted chunk, with ``…`` where it was cut.

    Meilisearch marked the words it matched in the text; words it matched only through the ``lemmas`` field
    ("kronen" for the query "kroon") are marked here from ``highlight``. The passage is the window with the most
    distinct marked words (then the most marks), starting a few words before its first mark for context; with no
    mark it is the chunk's opening. Markers never straddle a token, so cutting between tokens keeps them paired.

    Cost: this runs for every hit of every search, and was a sixth of the API's CPU per search while it split
    whole passages into words (~150 words, 10 us each). Passages are indexed single-spaced
    (:func:`search_index.documents.index_documents`), so a word's position is a count of spaces (in C); only the
    window is split. Words are checked against ``highlight`` only in the window unless the passage matched through
    ``lemmas`` alone, and only the few tokens that may hold an inflection of a query word (:func:`_asked_at`):
    on varied text checking every token meant a ``lemma`` of nearly every new word. Any other spacing (an index
    written before) is normalised first: slower, same result.
    """
    text = formatted if _single_spaced(formatted) else " ".join(formatted.split())
    if not text:
        return ""
    n_words = text.count(" ") + 1
    # (word index, start, end) of each marked word, in order.
    marked: list[tuple[int, int, int]] = []
    counted = index = 0
    pos = text.find(HIGHLIGHT_PRE)
    while pos != -1:
        index += text.count(" ", counted, pos)
        counted = pos
        if not marked or marked[-1][0] != index:
            begin = text.rfind(" ", 0, pos) + 1
            stop = text.find(" ", pos)
            marked.append((index, begin, len(text) if stop == -1 else stop))
        pos = text.find(HIGHLIGHT_PRE, pos + 1)
    tokens: list[str] | None = None
    if not marked and highlight:  # matched through lemmas alone: look at every word
        tokens = text.split(" ")
        marks = _asked_at(tokens, highlight, text.lower())
        keys = [_plain(tokens[i]).lower() for i in marks]
    else:
        marks = [m[0] for m in marked]
        keys = [_plain(text[b:e]).lower() for _, b, e in marked]
    start = 0
    if marks and n_words > crop_words:
        start = _best_start(marks, keys, n_words, crop_words)
    end = min(n_words, start + crop_words)
    if tokens is not None:
        window = tokens[start:end]
    else:
        window = text[_word_offset(text, start, marked, n_words):].split(" ", end - start)[: end - start]
    if highlight:
        wanted = set(marks[bisect_left(marks, start):bisect_left(marks, end)]) if tokens is not None else None
        if wanted is None:  # Meilisearch's marks, and the words it matched only through lemmas
            wanted = {i for i, token in enumerate(window) if HIGHLIGHT_PRE in token}
            wanted.update(_asked_at(window, highlight))
        else:
            wanted = {i - start for i in wanted}
        for i in sorted(wanted):
            window[i] = _marked(window[i], highlight)
    return ("… " if start > 0 else "") + " ".join(window) + (" …" if end < n_words else "")


def _single_spaced(text: str) -> bool:
    """Whether ``text`` looks single-spaced, as passages are indexed: no double space, no line break or tab or
    no-break space, no space at either end. Substring tests (C, a few us for a passage; a regex for every kind
    of whitespace took 13 us). Rarer Unicode spaces in an index written before single-spacing only make a window
    a word or two longer."""
    return not (
        "  " in text or "\n" in text or "\t" in text or "\r" in text or "\xa0" in text
        or text.startswith(" ") or text.endswith(" ")
    )


def _word_offset(text: str, word: int, marked: list[tuple[int, int, int]], n_words: int) -> int:
    """Where word number ``word`` of single-spaced ``text`` starts, walking from the nearest known position: a
    marked word at or after it, or the end of the text (never more than a window's width of steps)."""
    if word == 0:
        return 0
    anchor_word, anchor = n_words, len(text) + 1
    for index, begin, _ in marked:
        if index >= word:
            anchor_word, anchor = index, begin
            break
    pos = anchor - 1  # the space before the anchor word
    for _ in range(anchor_word - word):
        pos = text.rfind(" ", 0, pos)
    return pos + 1


def _asked_at(tokens: list[str], highlight: frozenset[str], lowered: str | None = None) -> list[int]:
    """The positions of the tokens :func:`_asked` says yes to, in order.

    Only tokens holding a word that may inflect to ``highlight`` can be asked (:func:`_inflections`), and every
    such word contains one of a few strings (:func:`_cover`): substring tests on the lower-cased text (in C) find
    the tokens worth checking one by one, usually none or only the word Meilisearch already marked. Checking
    every token instead meant a ``lemma`` for every new word, ~10-20 us for one the tables do not know, and
    varied text brings new words in almost every window. ``lowered``: the tokens joined by single spaces and
    lower-cased, if the caller has it.
    """
    if lowered is None:
        lowered = " ".join(tokens).lower()
    present = [part for part in _cover(highlight) if part in lowered]
    if not present:
        return []
    low = lowered.split(" ")  # lower-casing adds or removes no space: token i is low[i]
    near: set[int] = set()
    for part in present:
        near.update(compress(itertools.count(), map(contains, low, repeat(part))))
    return [i for i in sorted(near) if _asked(tokens[i], highlight)]


_PUNCTUATION = ".,;:!?()[]{}\"'«»“”‘’…-–—/"


@lru_cache(maxsize=TOKEN_CACHE)
def _forms(token: str) -> tuple[str, ...]:
    """The forms a query may ask a token by: each word in it (punctuation stripped, lower-cased) and its lemma.

    The common case (one plain word with punctuation around it) is a strip and one ``lemma``; tokens of several
    words fall back to the regex. Cached: a corpus repeats its tokens, so most are looked up, not worked out.
    """
    word = token.strip(_PUNCTUATION).lower()
    if word.isalnum():
        return (word, lemma(word))
    return tuple(form for w in WORD.findall(word) for form in (w, lemma(w)))


def _asked(token: str, highlight: frozenset[str]) -> bool:
    """Whether a token without markers holds a word the query asked for, in any inflection."""
    return not highlight.isdisjoint(_forms(token))


@lru_cache(maxsize=1)
def _lemma_forms() -> dict[str, str]:
    """``{lemma: its forms, space-separated}`` of the lemma tables' lookup and exception entries (the inverse of
    those two paths of :func:`~archive.lemmas.lemma`), built once per process on the first snippet (~110k
    lemmas, ~17 MB). Strings only, so the garbage collector does not track it."""
    lookup, exceptions, _, _ = tables()
    inverse: dict[str, list[str]] = {}
    for form, found in itertools.chain(lookup.items(), *(table.items() for table in exceptions.values())):
        inverse.setdefault(found.lower(), []).append(form)
    return {key: " ".join(forms) for key, forms in inverse.items()}


@lru_cache(maxsize=1_024)
def _inflections(highlight: frozenset[str]) -> frozenset[str]:
    """Every word whose :func:`~archive.lemmas.lemma` may be in ``highlight`` (a superset; the words themselves
    included): a word is its own lemma, or its lemma comes from the lookup or exception tables (inverted by
    :func:`_lemma_forms`), or from a suffix rule ``old -> new`` (then the word is the lemma with ``new`` replaced
    by ``old``). ``tests/search_index/test_lemmas.py`` checks the superset on the tables' own words."""
    _, _, _, rules = tables()
    inverse = _lemma_forms()
    words = set(highlight)
    for key in highlight:
        words.update(inverse.get(key, "").split())
        words.update(key[: len(key) - len(new)] + old for pairs in rules.values() for old, new in pairs
                     if old and key.endswith(new))
    return frozenset(w for w in words if w)


@lru_cache(maxsize=1_024)
def _cover(highlight: frozenset[str]) -> tuple[str, ...]:
    """The fewest words of :func:`_inflections` that every one of them contains ("ordening" for "ordeningen",
    "ordenings", ...): a text holds none of those words unless it holds one of these."""
    cover: list[str] = []
    for word in sorted(_inflections(highlight), key=len):
        if not any(part in word for part in cover):
            cover.append(word)
    return tuple(cover)


_BALANCED = re.compile(f"[^{HIGHLIGHT_PRE}{HIGHLIGHT_POST}]*(?:{HIGHLIGHT_PRE}[^{HIGHLIGHT_PRE}{HIGHLIGHT_POST}]*"
                       f"{HIGHLIGHT_POST}[^{HIGHLIGHT_PRE}{HIGHLIGHT_POST}]*)*", re.DOTALL)


def _plain(token: str) -> str:
    return token.replace(HIGHLIGHT_PRE, "").replace(HIGHLIGHT_POST, "")


def _balanced(text: str) -> str:
    """Drop unpaired markers (a highlight Meilisearch spread over several tokens and the crop cut)."""
    if _BALANCED.fullmatch(text):
        return text  # the common case, checked by the regex engine instead of a loop over every character
    out, open_ = [], False
    for ch in text:
        if ch == HIGHLIGHT_PRE:
            if open_:
                continue
            open_ = True
        elif ch == HIGHLIGHT_POST:
            if not open_:
                continue
            open_ = False
        out.append(ch)
    if open_:
        out.append(HIGHLIGHT_POST)
    return "".join(out)


def snippet(text: str, highlight: frozenset[str]) -> str:
    """A highlighted passage (or a ruling's opening) as the snippet HTML a hit shows: the same HTML as
    ``snippet_html(_balanced(crop_snippet(text, highlight)))``, which it falls back to for text that is not
    single-spaced (an index written before passages were) and for the rare window it cannot take the short way.

    Cost: this runs for every hit of every search (15-21 per page) and was the largest part of the API's CPU per
    search (~30 us per hit, a third of the process at 100,000 rulings) while every hit went through
    :func:`crop_snippet`'s word lists and :func:`snippet_html` split and joined the window again. Here the window
    stays one string: marked words are found with ``find`` and counted with ``count`` (in C); the window's start
    is found walking back from its first mark and its end with one precompiled regex (:data:`_WINDOW_END`); the
    lemma check lower-cases the window only and looks for the :func:`_cover` strings in it with ``find``; a token
    is rewritten only where :func:`_marked` could change it (:func:`_whole_mark`); and the whitespace
    normalisation of :func:`snippet_html` becomes a check that there is nothing to normalise (``isprintable`` is
    false for every whitespace character but the space).
    """
    if (not text or "  " in text or "\n" in text or "\t" in text or "\r" in text or "\xa0" in text
            or text[0] == " " or text[-1] == " "):
        return _slow_snippet(text, highlight)
    pos = text.find(HIGHLIGHT_PRE)
    if pos == -1:
        return _lemma_snippet(text, highlight) if highlight else _window_near(text, highlight, 0, [], None)
    # (word index, start, end) of each marked word, in order (as in crop_snippet).
    index = text.count(" ", 0, pos)
    stop = text.find(" ", pos)
    marked = [(index, text.rfind(" ", 0, pos) + 1, len(text) if stop == -1 else stop)]
    pos = text.find(HIGHLIGHT_PRE, pos + 1)
    if pos == -1:
        return _window_near(text, highlight, index, marked, None)
    n_words = text.count(" ") + 1
    counted = marked[0][1]  # the first marked word's start: no space between it and its mark
    while pos != -1:
        index += text.count(" ", counted, pos)
        counted = pos
        if marked[-1][0] != index:
            stop = text.find(" ", pos)
            marked.append((index, text.rfind(" ", 0, pos) + 1, len(text) if stop == -1 else stop))
        pos = text.find(HIGHLIGHT_PRE, pos + 1)
    start = 0
    if n_words > CROP_WORDS:
        start = _best_start([m[0] for m in marked], [_plain(text[b:e]).lower() for _, b, e in marked], n_words)
    return _window_html(text, highlight, n_words, start, marked, None)


def _slow_snippet(text: str, highlight: frozenset[str]) -> str:
    return snippet_html(_balanced(crop_snippet(text, highlight)))


def _window_near(text: str, highlight: frozenset[str], index: int, marked: list[tuple[int, int, int]],
                 asked: list[tuple[int, int, int]] | None) -> str:
    """:func:`_window_html` of the window for at most one marked word, at word ``index`` (0 and no mark: the
    opening): it starts _LEAD words before the mark unless the text ends within a window of there, and only then
    are the words counted (most passages go on well past the window)."""
    start = max(0, index - _LEAD)
    off = _word_offset(text, start, marked, 0)  # from the marked word at or after start (or 0 for the opening)
    match = _WINDOW_END.match(text, off)
    if match is not None:
        return _finish(text, highlight, off, text[off:match.end() - 1], start, start + CROP_WORDS, True, marked,
                       asked)
    n_words = start + text.count(" ", off) + 1
    start = max(0, min(index - _LEAD, n_words - CROP_WORDS)) if n_words > CROP_WORDS else 0
    return _window_html(text, highlight, n_words, start, marked, asked)


_LEAD = CROP_WORDS // 5  # words of context before a window's first mark
# The end of a full window: CROP_WORDS words and the space after the last (a window that is not the text's last
# words always has one).
_WINDOW_END = re.compile(f"(?:[^ ]*+ ){{{CROP_WORDS}}}")


def _best_start(marks: list[int], keys: list[str], n_words: int, crop_words: int = CROP_WORDS) -> int:
    """:func:`crop_snippet`'s choice of window: the most distinct marked words, then the most marks, then the
    earliest (a fifth of the window as context before its first mark)."""
    best: tuple[int, int, int] | None = None
    start = 0
    lead = crop_words // 5
    for m in marks:
        s = max(0, min(m - lead, n_words - crop_words))
        lo, hi = bisect_left(marks, s), bisect_left(marks, s + crop_words)
        score = (len(set(keys[lo:hi])), hi - lo, -s)
        if best is None or score > best:
            best, start = score, s
    return start


@lru_cache(maxsize=1_024)
def _findable(highlight: frozenset[str]) -> tuple[str, ...] | None:
    """:func:`_cover` of ``highlight`` when its strings can be looked for in a whole text (none holds a space, so
    a match never spans two tokens), else ``None``."""
    cover = _cover(highlight)
    return None if any(" " in part for part in cover) else cover


def _lemma_snippet(text: str, highlight: frozenset[str]) -> str:
    """:func:`snippet` of a single-spaced text without Meilisearch's marks (a passage matched through ``lemmas``
    alone, or an opening): the tokens the query asks for in any inflection are found with ``find`` on the
    lower-cased text (:func:`_cover` strings, then :func:`_asked` on those tokens only)."""
    lowered = text.lower()
    cover = _findable(highlight)
    if cover is None or len(lowered) != len(text):
        return _slow_snippet(text, highlight)  # offsets in the lower-cased text would not be the text's
    found: list[int] = []
    for part in cover:
        p = lowered.find(part)
        while p != -1:
            found.append(p)
            p = lowered.find(part, p + 1)
    marked: list[tuple[int, int, int]] = []
    if found:
        found.sort()
        counted = index = 0
        last_begin = -1
        for p in found:
            index += lowered.count(" ", counted, p)
            counted = p
            begin = lowered.rfind(" ", 0, p) + 1
            if begin == last_begin:
                continue  # another string in the same token
            last_begin = begin
            stop = lowered.find(" ", p)
            end = len(text) if stop == -1 else stop
            if _asked(text[begin:end], highlight):
                marked.append((index, begin, end))
    if len(marked) < 2:
        return _window_near(text, highlight, marked[0][0] if marked else 0, marked, marked)
    n_words = text.count(" ") + 1
    start = 0
    if n_words > CROP_WORDS:
        start = _best_start([m[0] for m in marked], [text[b:e].lower() for _, b, e in marked], n_words)
    return _window_html(text, highlight, n_words, start, marked, marked)


def _whole_mark(token: str) -> bool:
    """Whether ``token`` is one marked word and punctuation after it (``<kroon>``, ``<kroon>),``), which
    :func:`_marked` returns unchanged: its first word is the marked one, whole, and no other word follows."""
    if token[0] != HIGHLIGHT_PRE:
        return False
    q = token.find(HIGHLIGHT_POST)
    return q > 1 and token[1:q].isalnum() and (q + 1 == len(token) or not token[q + 1:].strip(_PUNCTUATION))


def _window_html(text: str, highlight: frozenset[str], n_words: int, start: int,
                 marked: list[tuple[int, int, int]], asked: list[tuple[int, int, int]] | None) -> str:
    """The snippet HTML of the window of single-spaced ``text`` starting at word ``start``.

    ``marked``: (word index, start, end) of the words Meilisearch marked; ``asked``: of the words the query asks
    for in any inflection, when already known (otherwise they are looked for in the window, as
    :func:`crop_snippet` does).
    """
    end = start + CROP_WORDS
    off = _word_offset(text, start, marked, n_words)
    if end < n_words:
        match = _WINDOW_END.match(text, off)
        if match is None:  # pragma: no cover - a single-spaced text has the spaces counted
            return _slow_snippet(text, highlight)
        return _finish(text, highlight, off, text[off:match.end() - 1], start, end, True, marked, asked)
    return _finish(text, highlight, off, text[off:], start, n_words, False, marked, asked)


def _finish(text: str, highlight: frozenset[str], off: int, window: str, start: int, end: int, cut: bool,
            marked: list[tuple[int, int, int]], asked: list[tuple[int, int, int]] | None) -> str:
    """The snippet HTML of ``window``, words ``start`` to ``end`` of ``text`` from offset ``off`` (``cut``: more
    words follow): the asked-for tokens marked, cut ends shown with ``…``, escaped."""
    if highlight:
        # The tokens to rewrite with _marked, as {start: end} in the window: the marked (or asked) words in it...
        spans = {b - off: e - off for i, b, e in (marked if asked is None else asked) if start <= i < end}
        if asked is None:  # ...and those holding an inflection of a query word that Meilisearch left unmarked
            cover = _findable(highlight)
            lowered = window.lower()
            if cover is None or len(lowered) != len(window):
                return _slow_snippet(text, highlight)
            for part in cover:
                p = lowered.find(part)
                while p != -1:
                    b = lowered.rfind(" ", 0, p) + 1
                    if b not in spans:
                        e = lowered.find(" ", p)
                        e = len(window) if e == -1 else e
                        if _asked(window[b:e], highlight):
                            spans[b] = e
                    p = lowered.find(part, p + 1)
        if spans:
            pieces: list[str] = []
            last = 0
            for b in sorted(spans):
                e = spans[b]
                token = window[b:e]
                if asked is None and _whole_mark(token):
                    continue
                pieces.append(window[last:b])
                pieces.append(_marked(token, highlight))
                last = e
            if pieces:
                pieces.append(window[last:])
                window = "".join(pieces)
    cropped = ("… " + window if start else window) + (" …" if cut else "")
    marks = cropped.count(HIGHLIGHT_PRE)
    if (marks == cropped.count(HIGHLIGHT_POST) and (marks == 0 or marks == 1 and
                                                     cropped.find(HIGHLIGHT_PRE) < cropped.find(HIGHLIGHT_POST))
            or _BALANCED.fullmatch(cropped)):
        out = (cropped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
               .replace("'", "&#x27;").replace(HIGHLIGHT_PRE, "<mark>").replace(HIGHLIGHT_POST, "</mark>"))
        if out.isprintable():  # false for every whitespace character but the space: nothing to normalise
            return out
    return snippet_html(_balanced(cropped))
