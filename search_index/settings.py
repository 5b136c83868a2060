"""The Meilisearch index settings, declared once.

Every index we create (the public one, a rebuild's temporary one, a test's) gets exactly :func:`index_settings`.
Field names here must match :mod:`search_index.documents`; ``tests/search_index/test_settings.py`` checks that
every filterable/sortable/searchable attribute is one the document builder writes.

Why these choices:

* One document per *chunk* of a ruling's body (see :mod:`search_index.documents`), grouped by
  ``distinctAttribute: ruling_id`` so a search returns one hit per ruling with its best chunk. Measured on
  Meilisearch 1.21: with page-based (exhaustive) pagination, ``totalHits`` and ``facetDistribution`` count
  distinct rulings exactly (53k chunks of 3,000 rulings: 0 mismatches against a brute-force count). With
  offset/limit pagination the estimate counts chunks, so every query in :mod:`search_index.query` uses
  ``page``/``hitsPerPage``.
* ``sort`` is the *first* ranking rule: a date sort then orders strictly by date among the matches (users
  expect "newest first" to be newest first), and without a ``sort`` parameter the rule is a no-op, so relevance
  ranking is unchanged.
* ``proximityPrecision: byAttribute`` makes indexing about 3x cheaper; the proximity rule then only tells
  "same chunk" from "not", which chunking already gives us.
* ``lemmas`` (after ``text``) holds, per chunk, the lemmas of its words that differ from the word
  (:mod:`search_index.lemmas`); queries arrive lemmatised, so "kroon" and "kronen" find each other. Only the
  differing lemmas, sorted and de-duplicated: a full lemmatised copy of the text would double indexing work.
* The list filters (``FILTER_ATTRIBUTES``) are also facets; ``date`` and ``amount_awarded`` are filterable for
  the ranges.
* Typo tolerance is off for identifiers and numbers: "2021" must not find "2022", nor case number 202100123
  find 202100124.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from search_index.lemmas import lemmatise

PRIMARY_KEY = "doc_id"
DISTINCT_ATTRIBUTE = "ruling_id"

# Order matters: earlier attributes rank higher (the "attribute" ranking rule).
SEARCHABLE_ATTRIBUTES: tuple[str, ...] = (
    "case_number",
    "ecli",
    "identifiers",
    "title",
    "topic_labels",
    "text",
    "lemmas",  # lemmas of text and title that differ from their word (search_index.lemmas)
    "references",
    "insurer",
)

# Public filter name -> index attribute that filters use. Values are quoted by query.quote().
FILTER_ATTRIBUTES: dict[str, str] = {
    "topic": "topics",
    "insurer": "insurer",
    "outcome": "outcome",
    "year": "year",
    "source": "source",
    "reference": "reference_ids",
    "care_type": "care_types",
    "country": "countries",
    "insurance_type": "insurance_type",
}

# Public facet name -> index attribute whose distribution is counted. The keys are the keys of
# ``SearchResult.facets``. Topics are counted on "topic_keys" ("<id>|<label>") so that one facet answer carries
# the labels of every topic it lists, not only of those on the current page of hits.
FACET_ATTRIBUTES: dict[str, str] = {**FILTER_ATTRIBUTES, "topic": "topic_keys"}
TOPIC_KEY_SEPARATOR = "|"

FILTERABLE_ATTRIBUTES: tuple[str, ...] = (
    *FILTER_ATTRIBUTES.values(),
    "topic_keys",  # faceting needs the attribute filterable
    "ruling_id",  # delete/prune by ruling
    "chunk",  # "chunk = 0" selects one document per ruling (count, drift checks)
    "identifiers",  # exact case number / ECLI match
    "date",  # date_from / date_to (YYYYMMDD numbers)
    "amount_awarded",  # amount_min / amount_max
)

SORTABLE_ATTRIBUTES: tuple[str, ...] = ("date", "amount_awarded", "chunk")

RANKING_RULES: tuple[str, ...] = ("sort", "words", "typo", "proximity", "attribute", "exactness")

# How deep a user may page (page * per_page <= MAX_TOTAL_HITS): deep pages cost ranking work and nobody reads
# them. The app uses it as "the deepest a search can page".
MAX_TOTAL_HITS = 10_000
# Meilisearch's pagination.maxTotalHits: the cap on exhaustive counting of results (rulings, thanks to distinct),
# so totals stay exact far beyond the paging depth. Measured at 2,000 rulings / 33k chunks: 1,000 vs 100,000
# makes no difference to query time.
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


def index_settings() -> dict[str, Any]:
    """The full settings object sent to ``PATCH /indexes/{uid}/settings`` for every index we create."""
    return {
        "searchableAttributes": list(SEARCHABLE_ATTRIBUTES),
        "filterableAttributes": list(FILTERABLE_ATTRIBUTES),
        "sortableAttributes": list(SORTABLE_ATTRIBUTES),
        "distinctAttribute": DISTINCT_ATTRIBUTE,
        "rankingRules": list(RANKING_RULES),
        "proximityPrecision": "byAttribute",
        "stopWords": list(stop_words()),
        "synonyms": synonyms(),
        "typoTolerance": {
            "enabled": True,
            "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
            "disableOnAttributes": ["case_number", "ecli", "identifiers"],
            "disableOnNumbers": True,
        },
        "faceting": {
            "maxValuesPerFacet": MAX_VALUES_PER_FACET,
            "sortFacetValuesBy": {"*": "count"},
        },
        "pagination": {"maxTotalHits": MAX_COUNTED_HITS},
    }
