"""Dutch lemmas for search: ``kronen`` and ``kroon`` index and query as the same word.

Meilisearch does not stem Dutch, so a ruling about "vier kronen" is not found by "kroon". We lemmatise both sides
with spaCy's Dutch lemma *data* (the ``spacy-lookups-data`` package, MIT), read directly with gzip + json: the web
process lemmatises queries and must never import spaCy (the import-linter contract), and a lookup is all a query
needs.

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


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, str], dict[str, dict[str, list[str]]], dict[str, frozenset[str]], dict[str, Any]]:
    """(lookup, exceptions by POS, known lemmas by POS, suffix rules by POS), loaded once per process (~0.5 s)."""
    lookup: dict[str, str] = _load("nl_lemma_lookup.json.gz")
    exc: dict[str, dict[str, list[str]]] = _load("nl_lemma_exc.json.gz")
    index = {pos: frozenset(words) for pos, words in _load("nl_lemma_index.json.gz").items()}
    rules: dict[str, Any] = _load("nl_lemma_rules.json.gz")
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
    if word in index.get("noun", frozenset()):
        # A noun lemma stays itself, before any table: the exception lists map "kroon", "zorg", "wet" to verbs
        # ("kronen", "zorgen", "weten"), which would make "kroon" and its plural "kronen" swap places.
        return word
    found = lookup.get(word)
    if found:
        return found.lower()
    for pos in _POS:
        forms = exc.get(pos, {}).get(word)
        if forms:
            return str(forms[0]).lower()
    if any(word in index.get(pos, frozenset()) for pos in _POS):
        return word  # already a lemma: no suffix rule may shorten it
    for pos in _POS:
        known = index.get(pos, frozenset())
        for old, new in rules.get(pos, []):
            if old and word.endswith(old):
                candidate = word[: len(word) - len(old)] + new
                if len(candidate) >= _MIN_CHARS and candidate in known:
                    return candidate
    return word


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
