"""Facets read from a ruling's text: countries of treatment and care types.

Why these rules:

* **Countries** come from the body (the Zaak keywords and every section except the party block), never from the
  annex, and never from the party block: an insurer "te Antwerpen" or a Belgian brand is a seat, not a place of
  treatment. Adjectives count ("Thaise tandarts" -> Thailand) because rulings name the provider more often than the
  country; adjectives of nationality, origin or language ("Turkse nationaliteit", "Marokkaanse afkomst",
  "Engelse vertaling") do not. Nederland is the default, so it is a facet value only when the text contrasts it
  with treatment abroad ("in plaats van in Nederland", "de Nederlandse tarieven").
* **Care types** are topic ids: the taxonomy's care-type topics (``care_type: true`` in ``data/topics.json``:
  mondzorg, ggz, fysiotherapie, hulpmiddelen, geneesmiddelen, ziekenvervoer) plus the care types that are not
  topics of their own (``data/care_types.json``), scored by the same tagger, so a facet and a tag never disagree.
* Both need the ruling to be in the care domain (:func:`ingest.topics.domains_shown`): a country named in a tax
  ruling on fiscal unity is no place of treatment, a psychiatrist's report in a criminal case is no care claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from archive.domain import ParsedRuling, TopicTag
from ingest.data_files import read_data

from .topics import (
    Topic,
    Vocabulary,
    context_of,
    domains_shown,
    eligible_parts,
    load_topics,
    score_topics,
    sentence_tokens,
    sentences,
    tokens,
    topics_from,
)

FACETS_VERSION = "2"  # 2: countries and care types only in the care domain
NEDERLAND = "Nederland"
CARE_DOMAIN = "zorg"  # the domain (data/topics.json) whose rulings have countries of treatment and care types
_SKIP_SECTIONS = frozenset({"partijen", "kop"})


@lru_cache(maxsize=1)
def _not_care() -> frozenset[str]:
    """Next words that make a country adjective about a person, a language or an institution, not about care."""
    return frozenset(tokens("nationaliteit afkomst paspoort taal vertaling vertaald origine komaf ambassade "
                            "zorgverzekeraar verzekeraar ziektekostenverzekeraar verzekering bank overheid"))
_CONTRAST = re.compile(r"in plaats van (?:in )?Nederland|dan in Nederland|niet in Nederland|in Nederland niet"
                       r"|in Nederland geldende|Nederlandse tarie[fv]|Nederlandse (?:wettelijke )?tarie[fv]"
                       r"|in Nederland (?:veel )?(?:duurder|goedkoper)|(?:duurder|goedkoper) dan in Nederland",
                       re.IGNORECASE)


@dataclass(frozen=True)
class CountryName:
    country: str
    words: tuple[str, ...]


@lru_cache(maxsize=1)
def country_names() -> tuple[tuple[str, tuple[CountryName, ...]], ...]:
    """First normalised word -> the country names starting with it (longest first)."""
    raw = read_data("countries.json")["countries"]
    by_first: dict[str, list[CountryName]] = {}
    for country, names in raw.items():
        for name in names:
            words = tuple(tokens(name))
            if words:
                by_first.setdefault(words[0], []).append(CountryName(country, words))
    return tuple((k, tuple(sorted(v, key=lambda c: -len(c.words)))) for k, v in by_first.items())


def _countries_in(sentence: str) -> list[str]:
    index = dict(country_names())
    toks = sentence_tokens(sentence)
    found: list[str] = []
    for pos, tok in enumerate(toks):
        for name in index.get(tok, ()):
            n = len(name.words)
            if tuple(toks[pos:pos + n]) != name.words:
                continue
            nxt = toks[pos + n] if pos + n < len(toks) else ""
            if nxt not in _not_care() and name.country not in found:
                found.append(name.country)
            break
    return found


def find_countries(parts: list[tuple[str, str]]) -> list[str]:
    """Countries of treatment in (section title, text) parts, in order of first mention; see the module docstring."""
    found: list[str] = []
    contrasted = False
    for title, text in parts:
        if title.lower() in _SKIP_SECTIONS:
            continue
        for sentence in sentences(text):
            here = _countries_in(sentence)
            for c in here:
                if c != NEDERLAND and c not in found:
                    found.append(c)
            if NEDERLAND in here and _CONTRAST.search(sentence):
                contrasted = True
    if found and contrasted:
        found.append(NEDERLAND)
    return found


@lru_cache(maxsize=1)
def care_vocabulary() -> Vocabulary:
    """Care types that are not topics (data/care_types.json)."""
    extra: tuple[Topic, ...] = topics_from(read_data("care_types.json"))
    return Vocabulary(extra)


def care_type_ids() -> tuple[str, ...]:
    """Every care-type id, taxonomy topics first: the closed set the facet can hold."""

    return tuple(t.id for t in load_topics() if t.care_type) + tuple(t.id for t in care_vocabulary().topics)


def find_care_types(parts: list[tuple[str, str]], topics: list[TopicTag]) -> list[str]:
    """Care-type ids: the care-type topics already tagged, then the other care types scored the same way (the
    caller has established the care domain)."""

    care_topics = {t.id for t in load_topics() if t.care_type}
    out = [t.id for t in topics if t.id in care_topics]
    out += [t.id for t in score_topics(parts, care_vocabulary(), domains=frozenset({CARE_DOMAIN}))
            if t.id not in out]
    return out


def apply_facets(parsed: ParsedRuling) -> None:
    """Fill ``metadata.countries`` and ``metadata.care_types`` of a parsed ruling (after topics are tagged)."""
    parts = eligible_parts(parsed)
    if CARE_DOMAIN not in domains_shown(parts, context_of(parsed)):
        parsed.metadata.countries, parsed.metadata.care_types = [], []
        return
    parsed.metadata.countries = find_countries(parts)
    parsed.metadata.care_types = find_care_types(parts, parsed.topics)
