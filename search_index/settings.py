"""The Meilisearch index settings, declared once.

Every index we create (the public one, a rebuild's temporary one, a test's) gets exactly :func:`index_settings`.
Field names here must match :mod:`search_index.documents`; ``tests/search_index/test_settings.py`` checks that
every filterable/sortable/searchable attribute is one the document builder writes.

Why two indexes (layout 3, measured at 10,000 rulings on 2 cores; ``docs/benchmarks.md``):

* The **rulings index** holds one document per ruling: every facet, filter and sort field, the whole body
  (``text``, split over ``text_2``.. beyond :data:`WORDS_PER_TEXT_ATTRIBUTE` words, see below) and its lemmas.
  Matching, ranking, exact totals and facet counts all run here, with no ``distinctAttribute``. The first design
  had only chunk documents grouped by ``distinct: ruling_id``; Meilisearch then deduplicates every candidate to
  count, which cost 8-11 ms per query (empty query included), against 1-2 ms without distinct, and a search with
  one selected facet runs two such queries.
* The **passages index** (``<name>-passages``) holds the body cut into passages (:mod:`search_index.documents`)
  with only ``ruling_id``, ``chunk``, ``text`` and ``lemmas``. It serves snippets: after the rulings query, one
  query restricted to the page's ruling ids (``distinct: ruling_id`` over a few hundred passages, 1-3 ms) returns
  each ruling's best passage, highlighted. Highlighting a whole ruling instead costs ~33 ms, cropping it ~80 ms.
* ``proximityPrecision: byWord`` on the rulings index: phrases are exact (adjacent words, in order) and the
  proximity rule prefers rulings whose query words stand close together. ``byAttribute`` would match
  ``"thaise tandarts"`` in any ruling that has both words anywhere, and match a split-word derivation of
  ``tandarts`` ("tand" ... "arts") across a whole ruling (946 vs 634 rulings found for one filter set).
  The passages index keeps ``byAttribute`` (3x cheaper to index); it only picks the passage to show.
* Together both indexes build faster than the chunk-only design did (the facet fields are written once per
  ruling, not once per passage).
* ``sort`` is the *first* ranking rule: a date sort then orders strictly by date among the matches (users
  expect "newest first" to be newest first), and without a ``sort`` parameter the rule is a no-op, so relevance
  ranking is unchanged.
* ``lemmas`` (after the text) holds the lemmas of the body's words that differ from the word
  (:mod:`archive.lemmas`); queries arrive lemmatised, so "kroon" and "kronen" find each other. Only the
  differing lemmas, sorted and de-duplicated: a full lemmatised copy of the text would double indexing work.
* Meilisearch indexes at most 65,535 word positions per attribute and silently drops the rest, so a body longer
  than :data:`WORDS_PER_TEXT_ATTRIBUTE` words continues in ``text_2``, ``text_3``, ``text_4``; words beyond
  those (a ruling of ~400 pages) are not searchable, and the document builder logs it.
* The facets (:mod:`search_index.facets`) are filterable and counted; ``date`` and ``amount_awarded`` are filterable for
  the ranges.
* Typo tolerance is off for identifiers and numbers: "2021" must not find "2022", nor case number 202100123
  find 202100124.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from archive.lemmas import lemmatise
from search_index.facets import index_attributes

RULING_KEY = "ruling_id"  # primary key of the rulings index
PASSAGE_KEY = "doc_id"  # primary key of the passages index: "<ruling_id>-<chunk>"
DISTINCT_ATTRIBUTE = "ruling_id"  # passages index only: one passage per ruling
PASSAGES_SUFFIX = "-passages"
# Body text attributes of a ruling document, in ranking order; each holds at most this many words, well under
# Meilisearch's 65,535 positions per attribute (separators take positions too).
TEXT_ATTRIBUTES: tuple[str, ...] = ("text", "text_2", "text_3", "text_4")
WORDS_PER_TEXT_ATTRIBUTE = 25_000

# Order matters: earlier attributes rank higher (the "attribute" ranking rule).
SEARCHABLE_ATTRIBUTES: tuple[str, ...] = (
    "case_number",
    "ecli",
    "identifiers",
    "title",
    "topic_labels",
    *TEXT_ATTRIBUTES,
    "lemmas",  # lemmas of text and title that differ from their word (archive.lemmas)
    "references",
    "insurer",
)
PASSAGE_SEARCHABLE_ATTRIBUTES: tuple[str, ...] = ("text", "lemmas")

FILTERABLE_ATTRIBUTES: tuple[str, ...] = (
    *index_attributes(),  # every facet's filter and count attributes (faceting needs them filterable)
    "ruling_id",  # delete by ruling
    "identifiers",  # exact case number / ECLI match
    "date",  # date_from / date_to (YYYYMMDD numbers)
    "amount_awarded",  # amount_min / amount_max
    "published_at",  # published_from / published_after: new in the archive, alert digests (Unix seconds)
)

PASSAGE_FILTERABLE_ATTRIBUTES: tuple[str, ...] = ("ruling_id", "chunk")  # the page's rulings; pruning

# ruling_id: the tie-breaker
SORTABLE_ATTRIBUTES: tuple[str, ...] = ("date", "amount_awarded", "published_at", "ruling_id")

RANKING_RULES: tuple[str, ...] = ("sort", "words", "typo", "proximity", "attribute", "exactness")
PASSAGE_RANKING_RULES: tuple[str, ...] = ("words", "typo", "proximity", "attribute", "exactness")

# How deep a user may page (page * per_page <= MAX_TOTAL_HITS): deep pages cost ranking work and nobody reads
# them. The app uses it as "the deepest a search can page".
MAX_TOTAL_HITS = 10_000
# Meilisearch's pagination.maxTotalHits: the cap on exhaustive counting of results (rulings), so totals stay
# exact far beyond the paging depth.
MAX_COUNTED_HITS = 100_000
MAX_VALUES_PER_FACET = 500


def _data_text(name: str) -> str:
    return resources.files("search_index").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Synonym groups from ``data/synonyms.json``: every term in a group finds the others.

    Each group also holds the lemmatised form of its terms ("hulpmiddelen" -> "hulpmiddel"): queries reach
    Meilisearch lemmatised (:mod:`search_index.query`), and a synonym only fires on the exact query words.
    """
    raw = json.loads(_data_text("synonyms.json"))
    groups: list[tuple[str, ...]] = []
    for group in raw["groups"]:
        written = [" ".join(t.lower().split()) for t in group if t.strip()]
        terms = tuple(dict.fromkeys([*written, *(lemmatise(t) for t in written if lemmatise(t))]))
        if len(terms) < 2:
            raise ValueError(f"synonym group needs at least two terms: {group!r}")
        groups.append(terms)
    return tuple(groups)


def synonyms() -> dict[str, list[str]]:
    """Meilisearch's one-way mapping form of :func:`synonym_groups` (multi-way = each term maps to the rest)."""
    mapping: dict[str, list[str]] = {}
    for group in synonym_groups():
        for term in group:
            others = [t for t in group if t != term]
            mapping.setdefault(term, [])
            mapping[term].extend(t for t in others if t not in mapping[term])
    return mapping


@lru_cache(maxsize=1)
def stop_words() -> tuple[str, ...]:
    """Dutch stop words from ``data/stop_words_nl.txt`` (``#`` starts a comment)."""
    words = []
    for line in _data_text("stop_words_nl.txt").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.append(word)
    return tuple(dict.fromkeys(words))


def passages_uid(uid: str) -> str:
    """The passages index that belongs to the rulings index ``uid``."""
    return uid + PASSAGES_SUFFIX


def _text_settings() -> dict[str, Any]:
    """What both indexes share, so a query matches the same words in each: stop words, synonyms, typos."""
    return {
        "stopWords": list(stop_words()),
        "synonyms": synonyms(),
        "typoTolerance": {
            "enabled": True,
            "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
            "disableOnAttributes": ["case_number", "ecli", "identifiers"],
            "disableOnNumbers": True,
        },
    }


def index_settings() -> dict[str, Any]:
    """The settings of a rulings index (``PATCH /indexes/{uid}/settings``): one document per ruling."""
    return {
        "searchableAttributes": list(SEARCHABLE_ATTRIBUTES),
        "filterableAttributes": list(FILTERABLE_ATTRIBUTES),
        "sortableAttributes": list(SORTABLE_ATTRIBUTES),
        "distinctAttribute": None,
        "rankingRules": list(RANKING_RULES),
        "proximityPrecision": "byWord",
        "facetSearch": False,  # we count facets; nobody searches inside facet values
        **_text_settings(),
        "faceting": {
            "maxValuesPerFacet": MAX_VALUES_PER_FACET,
            "sortFacetValuesBy": {"*": "count"},
        },
        "pagination": {"maxTotalHits": MAX_COUNTED_HITS},
    }


def passage_index_settings() -> dict[str, Any]:
    """The settings of a passages index: body passages, one shown per ruling, searched only for snippets."""
    return {
        "searchableAttributes": list(PASSAGE_SEARCHABLE_ATTRIBUTES),
        "filterableAttributes": list(PASSAGE_FILTERABLE_ATTRIBUTES),
        "sortableAttributes": [],
        "distinctAttribute": DISTINCT_ATTRIBUTE,
        "rankingRules": list(PASSAGE_RANKING_RULES),
        "proximityPrecision": "byAttribute",
        # Prefix databases are the dearest part of indexing 173k passages, and the passage query only picks
        # the passage to show: an unfinished last word still finds the ruling (rulings index) and an inflected
        # form is matched through ``lemmas``. Measured: 10k rulings built in 94-104 s instead of 102-120 s.
        "prefixSearch": "disabled",
        "facetSearch": False,
        **_text_settings(),
        "faceting": {"maxValuesPerFacet": 1},
        "pagination": {"maxTotalHits": MAX_COUNTED_HITS},
    }
