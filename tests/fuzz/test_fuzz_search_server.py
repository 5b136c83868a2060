"""Hypothesis-drawn searches against a real Meilisearch: every filter we send is one the server reads.

A handful of examples each (a search is a few HTTP requests): filter values, query text and ranges full of
syntax give a result or our ``InvalidParameterError``, never a request the server rejects (which surfaces as a
``RulingsError`` carrying Meilisearch's code); junk values beside a real one neither widen nor break the filter;
values stored on rulings are found by filtering on them (the server decodes our literals back to the value).
Budget and longer campaigns: see :mod:`tests.fuzz`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from archive.errors import InvalidParameterError, RulingsError
from search_index.query import SearchQuery, SearchResult, encode_cursor
from tests.fixtures.meili import MeiliServer, TestIndex
from tests.fuzz.budget import deadline, fuzz
from tests.fuzz.strategies import filter_value, query_text, valid_queries
from tests.search_index.corpus import WEIRD_INSURER, corpus
from tests.search_index.factories import make_ruling

pytestmark = pytest.mark.integration

INSURERS = ("CZ", "VGZ", "Menzis", WEIRD_INSURER)
CZ_RULINGS = 3


@pytest.fixture(scope="module")
def index(meili_server: MeiliServer) -> Iterator[TestIndex]:
    """The search tests' corpus, indexed once for this module (the searches only read it)."""
    index = meili_server.index()
    index.upsert(corpus())
    yield index
    for uid in index.client.index_uids():
        if uid == index.name or uid.startswith(index.name + "_"):
            index.client.delete_index(uid)


def search_or_refusal(index: TestIndex, query: SearchQuery) -> SearchResult | None:
    """The result, ``None`` for our refusal, and a failure naming Meilisearch's complaint for anything else."""
    try:
        with deadline(30):
            return index.search(query)
    except InvalidParameterError:
        return None
    except RulingsError as exc:
        pytest.fail(f"the server rejected what we built for {query!r}: {exc.message} ({exc.detail})")


@fuzz(15)
@given(valid_queries(text=query_text))
def test_drawn_searches_are_answered_or_refused_by_us(index: TestIndex, query: SearchQuery) -> None:
    search_or_refusal(index, query)


def _folded(value: str) -> str:
    return unicodedata.normalize("NFKD", value).casefold().strip()


@fuzz(10)
@given(st.lists(filter_value, min_size=1, max_size=5))
def test_junk_beside_a_real_value_neither_widens_nor_breaks_the_filter(index: TestIndex, junk: list[str]) -> None:
    known = {_folded(v) for v in INSURERS}
    junk = [v for v in junk if _folded(v) not in known]
    result = search_or_refusal(index, SearchQuery(filters={"insurer": [*junk, "CZ"], "topic": [*junk, "x"]}))
    assert result is not None and result.total == 0  # no ruling has a junk topic
    result = search_or_refusal(index, SearchQuery(filters={"insurer": [*junk[:3], "CZ", *junk[3:]]}))
    assert result is not None and result.total == CZ_RULINGS


@fuzz(2, suppress=(HealthCheck.function_scoped_fixture,))  # one index for both examples, on purpose
@given(st.lists(filter_value.map(str.strip).filter(bool), min_size=1, max_size=4, unique_by=_folded))
def test_a_stored_value_is_found_by_filtering_on_it(search_index: TestIndex, values: list[str]) -> None:
    rulings = [make_ruling(insurer=value, text="Een korte uitspraak.") for value in values]
    search_index.upsert(rulings)  # one write per example: indexing is the slow part
    for value, ruling in zip(values, rulings, strict=True):
        result = search_or_refusal(search_index, SearchQuery(filters={"insurer": [value]}))
        assert result is not None and ruling.id in [h["id"] for h in result.hits], value


def _bookmarked(value: float | int | None) -> SearchQuery:
    # A cursor is public: with the right fingerprint (sha256 of the parameters) any number passes as a bookmark.
    query = SearchQuery(sort="amount_desc")
    return replace(query, cursor=encode_cursor(query.plan().query, 2, (value, 3)))


def test_a_bookmark_of_any_magnitude_is_searchable(index: TestIndex) -> None:
    for value in (1.5e-5, 5e-324, 1e15, -1e15, 10**20, -(10**30), None):
        search_or_refusal(index, _bookmarked(value))


# Found by test_fuzz_cursor.py and confirmed here: cursor.number() wrote a float >= 1e16 as repr() does, "1e+16",
# which is not a Meilisearch filter value, so a tampered cursor (the fingerprint is computable) was a Meilisearch
# 400, a 500, instead of a page. Fixed: such numbers are written in fixed point.
def test_a_bookmark_beyond_1e16_is_searchable(index: TestIndex) -> None:
    search_or_refusal(index, _bookmarked(1e16))
