"""Search behaviour against a real Meilisearch: counts, facets, filters, sorting, snippets, exact matches."""

from __future__ import annotations

import asyncio

import pytest

from archive.errors import InvalidParameterError
from search_index import SearchIndex, SearchQuery
from tests.search_index.corpus import ANNEX_ONLY_WORD, WEIRD_INSURER, corpus

pytestmark = pytest.mark.integration


@pytest.fixture
def index(search_index: SearchIndex) -> SearchIndex:
    search_index.upsert(corpus())
    return search_index


def ids(result) -> list[int]:  # type: ignore[no-untyped-def]
    return [h["id"] for h in result.hits]


def test_totals_and_facets_count_rulings_not_chunks(index: SearchIndex) -> None:
    # Rulings 1 and 2 mention "tandarts" in three chunks each, ruling 5 in one, ruling 6 only through its
    # topic label "Tandheelkundige zorg" (a synonym) on its one chunk: 4 rulings, not 8 chunks.
    result = index.search(SearchQuery(q="tandarts"))
    assert result.total == 4
    assert sorted(ids(result)) == [1, 2, 5, 6]
    assert result.facets["insurer"] == {"CZ": 2, "VGZ": 1, WEIRD_INSURER: 1}
    assert result.facets["topic"] == {"tandheelkunde": 3, "buitenland": 1, "ivf": 1}
    assert result.facets["year"] == {"2023": 1, "2021": 1, "2019": 1}
    assert result.topic_labels == {
        "tandheelkunde": "Tandheelkundige zorg",
        "buitenland": "Zorg in het buitenland",
        "ivf": "IVF",
    }


def test_topic_labels_cover_facet_values_beyond_the_page(index: SearchIndex) -> None:
    result = index.search(SearchQuery(sort="date_asc", per_page=1))
    assert (
        set(result.topic_labels)
        == set(result.facets["topic"])
        == {
            "tandheelkunde",
            "buitenland",
            "fysiotherapie",
            "ivf",
        }
    )


def test_placeholder_search_counts_everything(index: SearchIndex) -> None:
    result = index.search(SearchQuery())
    assert result.total == 6 == index.count()
    assert result.facets["outcome"] == {
        "afgewezen": 2,
        "toegewezen": 2,
        "gedeeltelijk toegewezen": 1,
        "niet-ontvankelijk": 1,
    }
    assert result.facets["source"] == {"skgz": 5, "rechtspraak": 1}
    assert sum(result.facets["year"].values()) == 5  # ruling 6 has no date


def test_facet_counts_are_disjunctive(index: SearchIndex) -> None:
    result = index.search(SearchQuery(filters={"insurer": ["CZ"]}))
    assert sorted(ids(result)) == [1, 3, 6]
    # The selected facet keeps the other values with their counts, so the user can widen the selection...
    assert result.facets["insurer"] == {"CZ": 3, "Menzis": 1, "VGZ": 1, WEIRD_INSURER: 1}
    # ...while the other facets count within the selection.
    assert result.facets["topic"] == {"tandheelkunde": 2, "fysiotherapie": 1}


def test_disjunctive_counts_apply_the_other_facets(index: SearchIndex) -> None:
    result = index.search(SearchQuery(filters={"insurer": ["CZ"], "topic": ["fysiotherapie"]}))
    assert ids(result) == [3]
    assert result.facets["insurer"] == {"CZ": 1, "Menzis": 1}  # fysiotherapie rulings, any insurer
    assert result.facets["topic"] == {"tandheelkunde": 2, "fysiotherapie": 1}  # CZ rulings, any topic


def test_selected_value_without_matches_still_listed(index: SearchIndex) -> None:
    result = index.search(SearchQuery(filters={"insurer": ["VGZ"]}, q="fysiotherapeut"))
    assert result.total == 0
    assert result.facets["insurer"]["VGZ"] == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (SearchQuery(filters={"topic": ["buitenland"]}), [2, 4]),
        (SearchQuery(filters={"topic": ["buitenland", "ivf"]}), [2, 4, 5]),  # OR within a facet
        (SearchQuery(filters={"insurer": ["VGZ", "Menzis"]}), [2, 4]),
        (SearchQuery(filters={"outcome": ["toegewezen"]}), [2, 3]),
        (SearchQuery(filters={"source": ["rechtspraak"]}), [3]),
        (SearchQuery(year_from=2021), [2, 3, 5]),
        (SearchQuery(year_to=2020), [1, 4]),
        (SearchQuery(year_from=2020, year_to=2021), [2, 4]),
        (SearchQuery(filters={"topic": ["tandheelkunde"], "insurer": ["CZ"]}), [1, 6]),  # AND across facets
        (SearchQuery(filters={"topic": ["buitenland"], "outcome": ["toegewezen"]}, year_from=2021), [2]),
    ],
)
def test_filters(index: SearchIndex, query: SearchQuery, expected: list[int]) -> None:
    result = index.search(query)
    assert sorted(ids(result)) == expected
    assert result.total == len(expected)


def test_filter_values_are_escaped(index: SearchIndex) -> None:
    # A value full of filter syntax matches only itself...
    assert ids(index.search(SearchQuery(filters={"insurer": [WEIRD_INSURER]}))) == [5]
    # ...and cannot widen the filter: without escaping this would match CZ too.
    for value in ['x" OR insurer = "CZ', "x OR insurer = CZ", "CZ\\", '\\"', "CZ] OR [CZ", "x = y", "'CZ'"]:
        assert index.search(SearchQuery(filters={"insurer": [value]})).total == 0, value
        assert index.search(SearchQuery(filters={"topic": [value]})).total == 0, value


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("date_desc", [5, 3, 2, 4, 1, 6]),  # no date sorts last
        ("date_asc", [1, 4, 2, 3, 5, 6]),
        ("amount_desc", [3, 2, 4]),  # then the rulings without an amount
    ],
)
def test_sort(index: SearchIndex, sort: str, expected: list[int]) -> None:
    result = index.search(SearchQuery(sort=sort))  # type: ignore[arg-type]
    assert ids(result)[: len(expected)] == expected


def test_sort_by_date_applies_to_text_matches(index: SearchIndex) -> None:
    assert ids(index.search(SearchQuery(q="tandarts", sort="date_desc"))) == [5, 2, 1, 6]
    assert ids(index.search(SearchQuery(q="tandarts", sort="date_asc"))) == [1, 2, 5, 6]


def test_pagination(index: SearchIndex) -> None:
    first = index.search(SearchQuery(sort="date_asc", per_page=4))
    second = index.search(SearchQuery(sort="date_asc", per_page=4, page=2))
    assert first.total == second.total == 6
    assert ids(first) == [1, 4, 2, 3] and ids(second) == [5, 6]
    assert first.pages == 2


def test_snippet_is_highlighted_body_text(index: SearchIndex) -> None:
    hit = index.search(SearchQuery(q="kroon")).hits[0]
    assert hit["id"] == 1
    assert "<mark>kroon</mark>" in hit["snippet"]
    assert set(hit) >= {"id", "slug", "case_number", "title", "decision_date", "topics", "insurer", "outcome"}
    assert hit["decision_date"] == "2019-03-01"
    assert hit["topics"] == [{"id": "tandheelkunde", "label": "Tandheelkundige zorg", "confidence": 0.0}]
    assert hit["url"] == f"/uitspraak/{hit['slug']}"


def test_annex_is_never_indexed(index: SearchIndex) -> None:
    assert index.search(SearchQuery(q=ANNEX_ONLY_WORD)).total == 0
    assert index.search(SearchQuery(q="zorgverzekeraarbijlage")).total == 0
    for hit in index.search(SearchQuery(q="tandarts")).hits:
        assert ANNEX_ONLY_WORD not in hit["snippet"]
    assert all(ANNEX_ONLY_WORD not in str(doc) for doc in index.all_documents())


def test_snippet_escapes_html_but_keeps_marks(index: SearchIndex) -> None:
    hits = index.search(SearchQuery(q="script alert")).hits
    assert hits and hits[0]["id"] == 2
    snippet = hits[0]["snippet"]
    assert "<script>" not in snippet and "&lt;" in snippet and "&amp;" in snippet
    assert "<mark>" in snippet


@pytest.mark.parametrize("sort", ["relevance", "date_asc"])
def test_placeholder_search_snippet_is_the_opening(index: SearchIndex, sort: str) -> None:
    hit = next(h for h in index.search(SearchQuery(sort=sort)).hits if h["id"] == 1)  # type: ignore[arg-type]
    assert hit["snippet"].startswith("De tandarts plaatste een kroon.") and "<mark>" not in hit["snippet"]
    exact = index.search(SearchQuery(q="201900001"))
    assert exact.exact_match and exact.hits[0]["snippet"].startswith("De tandarts plaatste")


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("202100002", 2),
        ("ECLI:NL:RBAMS:2022:1234", 3),
        ("ecli:nl:rbams:2022:1234", 3),
        ('"ECLI:NL:RBAMS:2022:1234"', 3),
        ("C/13/654321 / HA ZA 22-123", 3),
    ],
)
def test_exact_identifier_match(index: SearchIndex, q: str, expected: int) -> None:
    # Ruling 4 cites both identifiers in its body; an exact match returns only the ruling itself.
    result = index.search(SearchQuery(q=q))
    assert result.exact_match
    assert ids(result) == [expected]


def test_identifier_like_query_without_exact_match_searches_text(index: SearchIndex) -> None:
    result = index.search(SearchQuery(q="202199999"))
    assert not result.exact_match and result.total == 0
    assert not index.search(SearchQuery(q="tandarts 2021")).exact_match


def test_no_typos_on_numbers(index: SearchIndex) -> None:
    assert index.search(SearchQuery(q="202100003")).total == 0  # one digit off 202100002


def test_synonyms(index: SearchIndex) -> None:
    assert sorted(ids(index.search(SearchQuery(q="mondzorg")))) == [1, 2, 5, 6]
    assert 3 in ids(index.search(SearchQuery(q="fysiotherapie")))  # body says "fysiotherapeut"


def test_title_and_topic_labels_are_searchable(index: SearchIndex) -> None:
    assert ids(index.search(SearchQuery(q="Uitspraak 3"))).count(3) == 1
    assert sorted(ids(index.search(SearchQuery(q="buitenland")))) == [2, 4]


def test_one_event_loop_serves_searches_and_health(index: SearchIndex) -> None:
    query = SearchQuery(q="tandarts", filters={"insurer": ["CZ", "VGZ"]}, sort="date_desc")

    async def run() -> list[int]:
        try:
            result = await index.asearch(query)
            exact = await index.asearch(SearchQuery(q="202100002"))
            assert ids(exact) == [2]
            await index.ahealth()
            assert result.facets == (await index.asearch(query.plan())).facets
            return ids(result)
        finally:
            await index.aclose()

    assert asyncio.run(run()) == [2, 1, 6]


def test_newest_in_the_archive_first_and_published_after(search_index: SearchIndex) -> None:
    """published_at (when a ruling went public here, not when it was decided) orders "Nieuw in het archief" and
    feeds, pages by bookmark, and ``published_after`` (exclusive) selects what alert digests send."""
    from datetime import UTC, date, datetime

    from tests.search_index.factories import make_ruling

    moments = {1: datetime(2026, 1, 5, tzinfo=UTC), 2: datetime(2026, 3, 1, tzinfo=UTC),
               3: datetime(2026, 2, 1, tzinfo=UTC), 4: None}  # 4 was never published: last
    search_index.upsert([make_ruling(id=rid, published_at=at, decision_date=date(2000 + rid, 1, 1))
                         for rid, at in moments.items()])
    assert ids(search_index.search(SearchQuery(sort="published_desc"))) == [2, 3, 1, 4]
    first = search_index.search(SearchQuery(sort="published_desc", per_page=2))
    assert ids(first) == [2, 3]
    rest = search_index.search(SearchQuery(sort="published_desc", per_page=2, cursor=first.next_cursor))
    assert ids(rest) == [1, 4]
    cut = int(datetime(2026, 2, 1, tzinfo=UTC).timestamp())
    assert ids(search_index.search(SearchQuery(sort="published_desc", published_after=cut))) == [2]
    with pytest.raises(InvalidParameterError):
        SearchQuery(published_after=-1).plan()
