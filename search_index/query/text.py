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
* **Citations** of a statute, in the forms lawyers type ("art. 114 Zvw", "artikel 114 lid 2 Zorgverzekeringswet",
  "7:942 BW", "114 Zvw"), become a reference match instead of words: the ruling must cite that provision (or a
  part of it: ``art. 114 Zvw`` finds rulings citing art. 114 lid 2). The laws are those of ``archive/data/laws.json``.
* **Operators** in capitals: ``NOT woord`` is ``-woord``; ``AND`` asks for every word (rulings with only some of
  them are left out). ``OR`` and parentheses are refused with a 422 that says so: Meilisearch has no disjunction
  in its query, and reading "a OR b" as three words would silently find the wrong rulings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from archive.errors import InvalidParameterError
from archive.laws import law_for_name, laws
from archive.lemmas import WORD, lemma, words
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
    ``references``: reference ids of the statutes cited in the query (each must be cited by a hit).
    ``all_words``: the query said ``AND``: every word must match.
    """

    search: str
    positive: str
    excluded: tuple[str, ...]
    highlight: frozenset[str]
    references: tuple[str, ...] = ()
    all_words: bool = False


_ORDINALS = {"eerste": "1", "tweede": "2", "derde": "3", "vierde": "4", "vijfde": "5", "zesde": "6",
             "zevende": "7", "achtste": "8", "negende": "9", "tiende": "10"}
_ARTICLE = r"[A-Z]?\d+[a-z]?(?:[.:]\d+[a-z]?)*"
_PHRASE = re.compile(r'"[^"]*(?:"|$)')


@lru_cache(maxsize=1)
def _citation() -> re.Pattern[str]:
    """A statute citation: with "art."/"artikel" before the number any law name counts; a bare number ("114 Zvw",
    "7:942 BW") only before a law's proper name (not the lower-case generic ones, "voorwaarden")."""
    names = sorted({n for law in laws() for n in law["names"]}, key=len, reverse=True)
    proper = [n for n in names if not n[:1].islower()]
    alt, proper_alt = "|".join(map(re.escape, names)), "|".join(map(re.escape, proper))
    lid = rf"(?:,?\s+(?:lid\s+(?P<lid>\d+)|(?P<ord>{'|'.join(_ORDINALS)})\s+lid))?"
    return re.compile(
        rf"(?<![\w-])(?:(?:art(?:ikel)?\.?|artt\.)\s*(?P<art>{_ARTICLE}){lid},?\s+(?:van\s+(?:de|het)\s+)?"
        rf"(?P<law>{alt})|(?P<bare>\d+[a-z]?(?::\d+[a-z]?)?)(?:\s+lid\s+(?P<blid>\d+))?\s+(?P<blaw>{proper_alt}))"
        r"(?![\w-])",
        re.IGNORECASE,
    )


def _citations(q: str) -> tuple[str, list[str]]:
    """``q`` without the statute citations outside quotes, and their reference ids in order."""
    quoted = [m.span() for m in _PHRASE.finditer(q)]
    refs: list[str] = []
    kept: list[str] = []
    last = 0
    for m in _citation().finditer(q):
        if any(a <= m.start() < b for a, b in quoted):
            continue
        law = law_for_name(m.group("law") or m.group("blaw"))
        if law is None:  # pragma: no cover - the pattern only matches known names
            continue
        article = m.group("art") or m.group("bare")
        lid = m.group("lid") or m.group("blid") or _ORDINALS.get((m.group("ord") or "").lower())
        refs.append(":".join([law["prefix"], article.rstrip("."), *([lid] if lid else [])]))
        kept.append(q[last:m.start()])
        last = m.end()
    kept.append(q[last:])
    return " ".join(kept), list(dict.fromkeys(refs))


_OPERATORS = frozenset({"AND", "OR", "NOT"})


def _lemmatise_token(token: str) -> str:
    return WORD.sub(lambda m: lemma(m.group()), token)


def parse_text(q: str) -> ParsedText:
    """Split ``q`` into the positive query, exclusions and highlight lemmas (pure; see :class:`ParsedText`).

    Excluded words are lemmatised like the others: ``-kronen`` is sent as ``-kroon``, and the ``lemmas`` field
    makes that drop rulings saying "kronen" too. A ``-`` that does not start a word (``-``, ``--``) is dropped.
    Phrases are kept verbatim (exact words, as a lawyer means by quotes). Citations and operators: see the module
    doc.
    """
    q, references = _citations(q)
    positive: list[str] = []
    excluded: list[str] = []
    written: list[str] = []
    negate_next = all_words = False
    for m in _TERM.finditer(q):
        phrase, word = m.group("phrase"), m.group("word")
        if phrase is None and (word in _OPERATORS or "(" in word or ")" in word):
            if word == "NOT":
                negate_next = True
                continue
            if word == "AND":
                all_words = True
                continue
            if word == "OR" or word.strip("()") != word or word in ("(", ")"):
                raise InvalidParameterError(
                    "OR and parentheses are not supported in q: search the alternatives one at a time, or use a "
                    "filter (repeat a filter parameter for OR). Supported: words, \"phrases\", -woord or NOT woord, "
                    "AND, and statute citations such as art. 114 Zvw",
                    detail={"param": "q"},
                )
        negated, negate_next = negate_next, False
        if phrase is not None:
            text = " ".join(phrase.replace("\\", " ").split())
            if not text:
                continue
            if m.group("neg") or negated:
                excluded.append(f'-"{text}"')
            else:
                positive.append(f'"{text}"')
                written.append(text)
        elif word.startswith("-") or negated:
            terms = [lemma(t) for t in words(word[1:] if word.startswith("-") else word)]
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
    return ParsedText(" ".join([plus, *excluded]).strip(), plus, tuple(excluded), frozenset(highlight),
                      tuple(references), all_words)
