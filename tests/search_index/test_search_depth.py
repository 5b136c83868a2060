"""Issue 6 search depth against a real Meilisearch: Dutch inflection, the new filters and facets, phrases,
exclusion per ruling (not per passage), snippets from the best passage, cursors."""

from __future__ import annotations

from datetime import date

import pytest

from archive.errors import InvalidParameterError
from archive.models import Ruling
from search_index import SearchIndex, SearchQuery
from tests.search_index.factories import FILLER, make_ruling, topic

pytestmark = pytest.mark.integration


def _body(*paragraphs: str) -> str:
    # Filler between the interesting paragraphs forces them into separate chunks.
    return "\n\n".join(f"{p} {FILLER * 6}" for p in paragraphs)


def _ref(ref_id: str) -> dict[str, str | None]:
    return {"id": ref_id, "text": f"artikel {ref_id}", "url": None}


def depth_corpus() -> list[Ruling]:
    tand = topic("tandheelkunde", "Tandheelkundige zorg")
    return [
        make_ruling(
            id=1,
            topics=[tand],
            text=_body("Inleiding over de zaak.", "De tandarts plaatste vier kronen in Turkije."),
            references=[_ref("zvw:11")],
            metadata_json={"care_types": ["mondzorg"], "countries": ["Turkije"], "committee": ["geheim"]},
            insurance_type="aanvullend",
            amount_awarded=400.0,
            decision_date=date(2021, 3, 15),
        ),
        make_ruling(
            id=2,
            topics=[tand],
            text=_body("De kroon brak na een week."),
            references=[_ref("zvw:114:2")],
            metadata_json={"care_types": ["mondzorg"], "countries": ["België"]},
            insurance_type="basis",
            amount_awarded=1200.0,
            decision_date=date(2021, 11, 30),
        ),
        make_ruling(
            id=3,
            text=_body("De fysiotherapeut rekende het eigen risico aan."),
            references=[_ref("zvw:114:2"), _ref("zvw:11")],
            metadata_json={"care_types": ["fysiotherapie"], "countries": []},
            insurance_type="basis",
            amount_awarded=None,
            decision_date=date(2022, 1, 10),
        ),
        make_ruling(
            id=4,
            topics=[tand],
            # "kroon" and "implantaat" in different passages: -implantaat must still drop this ruling.
            text=_body("Verzoeker kreeg een kroon.", "Later volgde een implantaat."),
            references=[],
            metadata_json={"care_types": ["mondzorg", "implantologie"], "countries": ["Turkije", "Duitsland"]},
            insurance_type="basis en aanvullend",
            amount_awarded=50.0,
            decision_date=date(2020, 5, 5),
        ),
        make_ruling(
            id=5,
            text=_body("Over het risico van een eigen behandeling."),
            references=[_ref('zvw:"x" OR ruling_id > 0')],
            metadata_json={},
            insurance_type="onbekend",
            amount_awarded=0.0,
            decision_date=date(2023, 6, 1),
        ),
    ]


@pytest.fixture
def index(search_index: SearchIndex) -> SearchIndex:
    search_index.upsert(depth_corpus())
    return search_index


def ids(result) -> list[int]:  # type: ignore[no-untyped-def]
    return sorted(h["id"] for h in result.hits)


# Dutch inflection ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["kroon", "kronen", "Kronen", "KROON"])
def test_singular_and_plural_find_each_other(index: SearchIndex, q: str) -> None:
    assert ids(index.search(SearchQuery(q=q))) == [1, 2, 4]


def test_snippet_marks_the_inflected_form_in_the_body(index: SearchIndex) -> None:
    hits = {h["id"]: h["snippet"] for h in index.search(SearchQuery(q="kroon")).hits}
    assert "<mark>kronen</mark>" in hits[1]  # matched through the lemmas field, marked by us
    assert "<mark>kroon</mark>" in hits[2]
    plural = {h["id"]: h["snippet"] for h in index.search(SearchQuery(q="kronen")).hits}
    assert "<mark>kronen</mark>" in plural[1] and "<mark>kroon</mark>" in plural[2]


def test_lemmas_field_is_not_in_hits_and_metadata_free_text_is_not_indexed(index: SearchIndex) -> None:
    docs = index.all_documents()
    assert all("geheim" not in str(d) for d in docs)  # metadata_json["committee"] is never indexed
    assert any("kroon" in d.get("lemmas", "").split() for d in docs if d["ruling_id"] == 1)
    assert "lemmas" not in index.search(SearchQuery(q="kroon")).hits[0]


# Filters and facets -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (SearchQuery(filters={"reference": ["zvw:114:2"]}), [2, 3]),
        (SearchQuery(filters={"reference": ["zvw:11", "zvw:114:2"]}), [1, 2, 3]),  # OR within
        (SearchQuery(filters={"reference": ["zvw:114"]}), [2, 3]),  # an article includes its leden
        (SearchQuery(filters={"reference": ["zvw"]}), [1, 2, 3, 5]),  # a law includes its articles (5: odd id)
        (SearchQuery(filters={"reference": ["zvw:1"]}), []),  # not a prefix match: zvw:1 is not zvw:11
        (SearchQuery(q="art. 114 Zvw"), [2, 3]),  # a citation typed in q is a reference match
        (SearchQuery(q="artikel 114 lid 2 Zorgverzekeringswet kroon"), [2]),
        (SearchQuery(q="art. 11 Zvw"), [1, 3]),
        (SearchQuery(filters={"care_type": ["mondzorg"]}), [1, 2, 4]),
        (SearchQuery(filters={"care_type": ["implantologie", "fysiotherapie"]}), [3, 4]),
        (SearchQuery(filters={"country": ["Turkije"]}), [1, 4]),
        (SearchQuery(filters={"country": ["België", "Duitsland"]}), [2, 4]),
        (SearchQuery(filters={"insurance_type": ["basis"]}), [2, 3]),
        (SearchQuery(filters={"insurance_type": ["aanvullend", "basis en aanvullend"]}), [1, 4]),
        (SearchQuery(amount_min=100), [1, 2]),
        (SearchQuery(amount_max=400), [1, 4, 5]),  # inclusive; no amount = left out
        (SearchQuery(amount_min=0, amount_max=50), [4, 5]),
        (SearchQuery(date_from=date(2021, 3, 15)), [1, 2, 3, 5]),  # inclusive
        (SearchQuery(date_to=date(2021, 11, 29)), [1, 4]),
        (SearchQuery(date_from=date(2021, 1, 1), date_to=date(2021, 12, 31)), [1, 2]),
        (SearchQuery(date_from=date(2021, 6, 1), year_to=2021), [2]),  # date and year ranges AND
        (SearchQuery(filters={"care_type": ["mondzorg"], "country": ["Turkije"]}, amount_min=100), [1]),  # AND across
        (SearchQuery(filters={"reference": ["zvw:114:2"]}, q="kroon"), [2]),
    ],
)
def test_new_filters(index: SearchIndex, query: SearchQuery, expected: list[int]) -> None:
    result = index.search(query)
    assert ids(result) == expected and result.total == len(expected)


def test_new_facets_count_rulings(index: SearchIndex) -> None:
    facets = index.search(SearchQuery()).facets
    assert facets["reference"] == {"zvw:11": 2, "zvw:114:2": 2, 'zvw:"x" OR ruling_id > 0': 1}
    assert facets["care_type"] == {"mondzorg": 3, "fysiotherapie": 1, "implantologie": 1}
    assert facets["country"] == {"Turkije": 2, "België": 1, "Duitsland": 1}
    assert facets["insurance_type"] == {
        "basis": 2,
        "aanvullend": 1,
        "basis en aanvullend": 1,
        "onbekend": 1,
    }


def test_new_facets_are_disjunctive(index: SearchIndex) -> None:
    result = index.search(SearchQuery(filters={"country": ["Turkije"], "care_type": ["mondzorg"]}))
    assert ids(result) == [1, 4]
    assert result.facets["country"] == {"Turkije": 2, "België": 1, "Duitsland": 1}  # mondzorg rulings, any country
    assert result.facets["care_type"] == {"mondzorg": 2, "implantologie": 1}  # Turkije rulings, any care type
    assert result.facets["insurance_type"] == {"aanvullend": 1, "basis en aanvullend": 1}


def test_new_filter_values_are_escaped(index: SearchIndex) -> None:
    assert ids(index.search(SearchQuery(filters={"reference": ['zvw:"x" OR ruling_id > 0']}))) == [5]
    for value in ['x" OR ruling_id > 0 OR "', "x OR countries = Turkije", "\\", 'Turkije"']:
        for facet in ("reference", "care_type", "country"):
            assert index.search(SearchQuery(filters={facet: [value]})).total == 0, (facet, value)


@pytest.mark.parametrize(
    "bad",
    [
        SearchQuery(filters={"insurance_type": ["luxe"]}),
        SearchQuery(amount_min=-1),
        SearchQuery(amount_min=float("nan")),
        SearchQuery(amount_max=float("inf")),
        SearchQuery(amount_min=10, amount_max=5),
        SearchQuery(date_from=date(2022, 1, 2), date_to=date(2022, 1, 1)),
        SearchQuery(date_from=date(1800, 1, 1)),
        SearchQuery(date_to="2021-01-01"),  # type: ignore[arg-type]
        SearchQuery(filters={"country": ["x" * 201]}),
        SearchQuery(filters={"reference": "zvw:11"}),  # type: ignore[arg-type]
    ],
)
def test_new_parameters_are_validated(bad: SearchQuery) -> None:
    with pytest.raises(InvalidParameterError):
        bad.plan()


# Phrases and exclusion ---------------------------------------------------------------------------------------


def test_phrase_means_these_exact_words_in_this_order(index: SearchIndex) -> None:
    # proximityPrecision byWord on the rulings index: a phrase is its words adjacent and in order, in exact word
    # forms (no typos, prefixes, synonyms or lemmas).
    assert ids(index.search(SearchQuery(q='"eigen risico"'))) == [3]  # not 5: "risico van een eigen"
    assert ids(index.search(SearchQuery(q='"risico eigen"'))) == []
    assert ids(index.search(SearchQuery(q='"vier kronen"'))) == [1]
    assert ids(index.search(SearchQuery(q='"vier kroon"'))) == []  # phrases are not lemmatised
    assert ids(index.search(SearchQuery(q='"kroon implantaat"'))) == []  # ruling 4 has them sentences apart


def test_words_far_apart_match_but_rank_below_words_close_together(index: SearchIndex) -> None:
    # Ruling 4 has "kroon" and "implantaat" in different paragraphs: found, as every ruling with all the words.
    assert 4 in ids(index.search(SearchQuery(q="kroon implantaat")))
    extra = make_ruling(id=6, text=_body("Een kroon op een implantaat."), decision_date=date(2019, 1, 1))
    index.upsert([extra])
    ranked = [h["id"] for h in index.search(SearchQuery(q="kroon implantaat")).hits]
    assert ranked.index(6) < ranked.index(4)  # the proximity rule: adjacent words first


def test_snippet_comes_from_the_passage_with_the_words(index: SearchIndex) -> None:
    (hit,) = index.search(SearchQuery(q="implantaat")).hits
    assert hit["id"] == 4 and "<mark>implantaat</mark>" in hit["snippet"] and "Later volgde" in hit["snippet"]


def test_exclusion_drops_the_whole_ruling(index: SearchIndex) -> None:
    result = index.search(SearchQuery(q="kroon -implantaat"))
    assert ids(result) == [1, 2] and result.total == 2
    assert result.facets["care_type"] == {"mondzorg": 2}  # facets honour the exclusion too


def test_exclusion_covers_inflections_and_phrases(index: SearchIndex) -> None:
    assert ids(index.search(SearchQuery(q="-kronen"))) == [3, 5]  # also drops rulings saying "kroon"
    assert ids(index.search(SearchQuery(q='kroon -"vier kronen"'))) == [2, 4]
    assert ids(index.search(SearchQuery(q="-kroon -risico"))) == []  # OR of the exclusions


def test_exclusion_with_filters_and_disjunctive_facets(index: SearchIndex) -> None:
    result = index.search(SearchQuery(filters={"country": ["Turkije"]}, q="-implantaat"))
    assert ids(result) == [1]
    assert result.facets["country"] == {"Turkije": 1, "België": 1}  # ruling 4 stays excluded here too


def test_exclusion_of_a_word_in_every_ruling_leaves_nothing(index: SearchIndex) -> None:
    # The old design collected the ids of the rulings to exclude and refused a too common word; with one
    # document per ruling Meilisearch's negation has no such limit.
    result = index.search(SearchQuery(q="-commissie"))  # in every ruling's filler text
    assert result.total == 0 and result.hits == []


# Cursors -------------------------------------------------------------------------------------------------------


def test_cursor_walks_every_page_once(index: SearchIndex) -> None:
    query = SearchQuery(sort="date_asc", per_page=2)
    seen: list[int] = []
    result = index.search(query)
    pages = 1
    while True:
        assert result.total == 5  # exact on every page
        seen += [h["id"] for h in result.hits]
        if result.next_cursor is None:
            break
        result = index.search(SearchQuery(sort="date_asc", per_page=2, cursor=result.next_cursor))
        pages += 1
    assert pages == 3 and seen == [4, 1, 2, 3, 5]


def test_a_bookmark_cursor_neither_repeats_nor_skips_when_rulings_arrive(index: SearchIndex) -> None:
    first = index.search(SearchQuery(per_page=2))  # browsing: newest first (5, 3)
    assert [h["id"] for h in first.hits] == [5, 3] and first.next_cursor
    # A new newest ruling arrives, and one already read is withdrawn.
    index.upsert([make_ruling(id=7, decision_date=date(2024, 1, 1)), make_ruling(id=5, status="quarantined")])
    second = index.search(SearchQuery(per_page=2, cursor=first.next_cursor))
    assert [h["id"] for h in second.hits] == [2, 1]  # a position would have repeated 3 (page 2 of 7, 3, 2, ...)
    assert second.total == 5 and second.page == 2  # totals are those of the whole search
    third = index.search(SearchQuery(per_page=2, cursor=second.next_cursor))
    assert [h["id"] for h in third.hits] == [4] and third.next_cursor is None


def test_a_bookmark_walks_ties_and_rulings_without_the_sort_value(search_index: SearchIndex) -> None:
    same_day = date(2022, 2, 2)
    search_index.upsert([make_ruling(id=n, decision_date=same_day, amount_awarded=None if n > 4 else 10.0 * (n % 2))
                         for n in range(1, 8)])
    for sort in ("date_desc", "date_asc", "amount_desc"):
        seen: list[int] = []
        result = search_index.search(SearchQuery(sort=sort, per_page=2))  # type: ignore[arg-type]
        while True:
            seen += [h["id"] for h in result.hits]
            if result.next_cursor is None:
                break
            result = search_index.search(SearchQuery(sort=sort, per_page=2, cursor=result.next_cursor))  # type: ignore[arg-type]
        assert sorted(seen) == list(range(1, 8)) and len(seen) == 7, sort
    amounts = search_index.search(SearchQuery(sort="amount_desc", per_page=7))
    assert [h["id"] for h in amounts.hits] == [3, 1, 4, 2, 7, 6, 5]  # ties by id, no amount last


def test_cursor_is_bound_to_its_search(index: SearchIndex) -> None:
    cursor = index.search(SearchQuery(sort="date_asc", per_page=2)).next_cursor
    assert cursor
    for other in (
        SearchQuery(sort="date_desc", per_page=2, cursor=cursor),
        SearchQuery(sort="date_asc", per_page=3, cursor=cursor),
        SearchQuery(q="kroon", sort="date_asc", per_page=2, cursor=cursor),
        SearchQuery(sort="date_asc", per_page=2, cursor=cursor[:-2]),
        SearchQuery(sort="date_asc", per_page=2, cursor="bm9wZQ"),
        SearchQuery(sort="date_asc", per_page=2, cursor=cursor, page=2),  # not both
    ):
        with pytest.raises(InvalidParameterError):
            index.search(other)


def test_only_the_requested_facets_are_counted(index: SearchIndex) -> None:
    result = index.search(SearchQuery(filters={"country": ["Turkije"]}, facets=["country", "outcome"]))
    assert set(result.facets) == {"country", "outcome"}
    assert result.facets["country"] == {"Turkije": 2, "België": 1, "Duitsland": 1}  # still disjunctive
    unselected = index.search(SearchQuery(filters={"country": ["Turkije"]}, facets=["outcome"]))
    assert set(unselected.facets) == {"outcome"} and unselected.total == 2  # no extra query for country
    with pytest.raises(InvalidParameterError):
        SearchQuery(facets=["colour"]).plan()
