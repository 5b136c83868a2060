"""Query text: words, phrases and exclusions, parsed once per search.

* **Words** are lemmatised (``kronen`` -> ``kroon``) and searched in the text, title, labels and the ``lemmas``
  field, so singular and plural find each other. A ruling that has only some of the words is still found,
  ranked lower (``matchingStrategy: last``); among rulings with all of them, those where the words stand close
  together rank higher (the proximity rule, ``proximityPrecision: byWord``).
* **Phrases** ``"eigen risico"`` are sent verbatim: exact word forms, adjacent and in this order; no typos,
  prefixes, synonyms or lemmas.
* **Exclusion** ``-woord`` / ``-"een phrase"`` means "rulings that never contain it": with one document per
  ruling, Meilisearch's own negation does exactly that, in every searchable field. Excluded words are
  lemmatised like the others and the ``lemmas`` field is searched too, so ``-kroon`` also drops rulings that only
  say "kronen". At most :data:`MAX_EXCLUDED_TERMS` terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.errors import InvalidParameterError
from search_index.lemmas import WORD, lemma, words
from search_index.settings import stop_words

MAX_EXCLUDED_TERMS = 10
# One query term: an optionally negated phrase (an unclosed quote runs to the end) or an optionally negated word.
_TERM = re.compile(r'(?P<neg>-?)"(?P<phrase>[^"]*)(?:"|$)|(?P<word>[^\s"]+)')


@dataclass(frozen=True)
class ParsedText:
    """A user's query text taken apart.

    ``search``: what the rulings index gets as ``q``: plain words lemmatised, phrases verbatim, exclusions as
    Meilisearch negations (``-kroon``, ``-"eigen risico"``).
    ``positive``: ``search`` without the exclusions: what the passages index gets to pick the snippet, and
    empty when nothing is asked but exclusions (then the search is a browse: newest first).
    ``excluded``: the exclusions as sent.
    ``highlight``: lemmas (and written forms) of the positive words, to mark inflected forms in snippets.
    """

    search: str
    positive: str
    excluded: tuple[str, ...]
    highlight: frozenset[str]


def _lemmatise_token(token: str) -> str:
    return WORD.sub(lambda m: lemma(m.group()), token)


def parse_text(q: str) -> ParsedText:
    """Split ``q`` into the positive query, exclusions and highlight lemmas (pure; see :class:`ParsedText`).

    Excluded words are lemmatised like the others: ``-kronen`` is sent as ``-kroon``, and the ``lemmas`` field
    makes that drop rulings saying "kronen" too. A ``-`` that does not start a word (``-``, ``--``) is dropped.
    Phrases are kept verbatim (exact words, as a lawyer means by quotes).
    """
    positive: list[str] = []
    excluded: list[str] = []
    written: list[str] = []
    for m in _TERM.finditer(q):
        phrase, word = m.group("phrase"), m.group("word")
        if phrase is not None:
            text = " ".join(phrase.replace("\\", " ").split())
            if not text:
                continue
            if m.group("neg"):
                excluded.append(f'-"{text}"')
            else:
                positive.append(f'"{text}"')
                written.append(text)
        elif word.startswith("-"):
            terms = [lemma(t) for t in words(word[1:])]
            if len(terms) == 1:
                excluded.append(f"-{terms[0]}")
            elif terms:  # "-e-health": the words of one token, excluded together
                excluded.append('-"' + " ".join(terms) + '"')
        else:
            positive.append(_lemmatise_token(word))
            written.append(word)
    stop = set(stop_words())
    highlight: set[str] = set()
    for text in written:
        for w in words(text):
            if w not in stop:
                highlight.update((w, lemma(w)))
    excluded = list(dict.fromkeys(excluded))
    if len(excluded) > MAX_EXCLUDED_TERMS:
        raise InvalidParameterError(f"at most {MAX_EXCLUDED_TERMS} excluded terms (-woord)", detail={"param": "q"})
    plus = " ".join(positive)
    return ParsedText(" ".join([plus, *excluded]).strip(), plus, tuple(excluded), frozenset(highlight))
