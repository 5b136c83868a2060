"""The one Dutch lemmatiser: ``kronen`` and ``kroon``, ``gedeclareerd`` and ``declareren`` become the same word.

Used on both sides of the archive: the search index lemmatises ruling text and queries with it (Meilisearch does not
stem Dutch, so a ruling about "vier kronen" would not be found by "kroon"), and the topic tagger normalises triggers
and ruling text with it. It lives in the kernel because ``ingest`` and ``search_index`` must not import each other.

The data is spaCy's Dutch lemma *data* (the ``spacy-lookups-data`` package, MIT), read directly with gzip + json:
the web process lemmatises queries and must never import spaCy (the import-linter contract), and a lookup is all
either side needs; loading a spaCy pipeline would cost seconds and memory per process.

Why more than ``nl_lemma_lookup.json.gz``: measured, that table (213k forms) lacks many plain noun plurals that
matter here (``kronen``, ``verzekeraars``, ``brillen``, ``landen``). spaCy's rule lemmatiser fills them from its
exception lists and suffix rules checked against its index of known lemmas. Without a part-of-speech tag we try,
in order: the lookup table, the noun/verb/adjective exceptions, then the noun/verb/adjective suffix rules whose
result is a known lemma of that class. Index and query go through the same function, so any choice is consistent;
an odd lemma costs a little precision, never recall.

Pure and deterministic: the tables are loaded once (:func:`tables`, ``lru_cache``) and never change at run time.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

_PACKAGE = "spacy_lookups_data"
_POS = ("noun", "verb", "adj")
# Word tokens as Meilisearch's tokenizer (charabia) sees them for Latin text: letters and digits, split on
# everything else (hyphens, apostrophes, punctuation).
WORD = re.compile(r"[^\W_]+", re.UNICODE)
_MIN_CHARS = 3  # shorter tokens are function words or abbreviations: leave them alone
_MAX_CHARS = 40


def _load(name: str) -> Any:
    data = resources.files(_PACKAGE).joinpath("data", name).read_bytes()
    return json.loads(gzip.decompress(data))


Rules = dict[str, tuple[tuple[str, str], ...]]


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, str], dict[str, dict[str, str]], dict[str, dict[str, None]], Rules]:
    """(lookup, first exception form by POS, known lemmas by POS, suffix rules by POS), loaded once per process.

    Only dicts of strings (the known lemmas as keys with ``None`` values) and tuples of strings: the garbage collector
    stops tracking those, so a process holding the tables (each ingest worker, the web server) does not traverse
    ~600k strings on every full collection. Measured (CPU time of a full collection in a pytest process, median of
    15): ~96 ms with only the lookup table loaded, ~135 ms with the known lemmas as frozensets, ~105 ms as dicts.
    Only the first form of an exception is ever used.
    """
    lookup: dict[str, str] = _load("nl_lemma_lookup.json.gz")
    exc = {pos: {word: str(forms[0]) for word, forms in table.items() if forms}
           for pos, table in _load("nl_lemma_exc.json.gz").items()}
    index = {pos: dict.fromkeys(words) for pos, words in _load("nl_lemma_index.json.gz").items()}
    rules = {pos: tuple((str(old), str(new)) for old, new in pairs)
             for pos, pairs in _load("nl_lemma_rules.json.gz").items()}
    return lookup, exc, index, rules


@lru_cache(maxsize=65_536)
def lemma(word: str) -> str:
    """The lemma of one word token (lower-cased); the word itself when no table knows it.

    Cached: a corpus repeats its vocabulary, and queries repeat their words.
    """
    word = word.lower()
    if not _MIN_CHARS <= len(word) <= _MAX_CHARS or word.isdigit():
        return word
    lookup, exc, index, rules = tables()
    if word in index.get("noun", {}):
        # A noun lemma stays itself, before any table: the exception lists map "kroon", "zorg", "wet" to verbs
        # ("kronen", "zorgen", "weten"), which would make "kroon" and its plural "kronen" swap places.
        return word
    found = lookup.get(word)
    if found:
        return found.lower()
    for pos in _POS:
        form = exc.get(pos, {}).get(word)
        if form:
            return form.lower()
    if any(word in index.get(pos, {}) for pos in _POS):
        return word  # already a lemma: no suffix rule may shorten it
    for pos in _POS:
        known = index.get(pos, {})
        for old, new in rules.get(pos, []):
            if old and word.endswith(old):
                candidate = word[: len(word) - len(old)] + new
                if len(candidate) >= _MIN_CHARS and candidate in known:
                    return candidate
    return word


def known(word: str) -> bool:
    """Whether the tables know ``word`` (lower-cased) as a form or as a lemma; :func:`lemma` of an unknown word is
    the word itself or a suffix-rule guess, which a caller may prefer to treat differently."""
    word = word.lower()
    lookup, exc, index, _ = tables()
    return word in lookup or any(word in exc.get(pos, {}) or word in index.get(pos, {}) for pos in _POS)


def words(text: str) -> list[str]:
    """The lower-cased word tokens of ``text``."""
    return [w.lower() for w in WORD.findall(text)]


def lemmatise(text: str) -> str:
    """``text`` as a space-separated sequence of lemmas, one per word token: ``"Vier kronen"`` -> ``"vier kroon"``."""
    return " ".join(lemma(w) for w in words(text))


def lemma_terms(text: str) -> str:
    """The index's ``lemmas`` field: each distinct lemma of ``text`` that differs from the word it came from.

    Only the differing ones: the unchanged words are already in the text field, so storing them again would double
    indexing work for nothing. Sorted, so the field (and the document hash) does not depend on word order.
    """
    tokens = set(WORD.findall(text.lower()))
    out = {lemma(w) for w in tokens} - tokens
    return " ".join(sorted(out))


def query_lemmas(text: str) -> set[str]:
    """Every lemma of the words of ``text``, plus the words themselves (for highlighting inflected forms)."""
    tokens = words(text)
    return {lemma(w) for w in tokens} | set(tokens)
