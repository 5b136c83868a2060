"""Query building without a server: validation, escaping, disjunctive requests, snippet HTML."""

from __future__ import annotations

import pytest

from archive.errors import InvalidParameterError
from search_index.documents import HIGHLIGHT_POST, HIGHLIGHT_PRE
from search_index.query import (
    MAX_FILTER_VALUES,
    MAX_PER_PAGE,
    SearchQuery,
    build_requests,
    encode_cursor,
    filter_clauses,
    identifier_candidate,
    parse_results,
    parse_text,
    passages_by_ruling,
    quote,
    snippet_html,
    snippet_request,
)


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        ("CZ", '"CZ"'),
        ('a"b', '"a\\"b"'),
        ("c\\d", '"c\\\\d"'),
        ("ends\\", '"ends\\\\"'),
        ('\\"', '"\\\\\\""'),
        ("x OR insurer = CZ", '"x OR insurer = CZ"'),
        ("a = b", '"a = b"'),
        ("it's", '"it\'s"'),
        ("[x]", '"[x]"'),
    ],
)
def test_quote_escapes_backslash_and_quote(value: str, literal: str) -> None:
    assert quote(value) == literal


def _unquote(literal: str) -> str:
    """Inverse of quote(), as the filter parser reads it: proves the literal cannot end early."""
    assert literal[0] == literal[-1] == '"'
    out, i, body = [], 0, literal[1:-1]
    while i < len(body):
        if body[i] == "\\":
            out.append(body[i + 1])
            i += 2
        else:
            assert body[i] != '"', "unescaped quote would end the literal"
            out.append(body[i])
            i += 1
    return "".join(out)


@pytest.mark.parametrize("value", ['"', "\\", '\\"', '"\\', 'x" OR "y', "a\\\\b", '"" OR ""'])
def test_quote_round_trips(value: str) -> None:
    assert _unquote(quote(value)) == value


def test_user_values_only_appear_quoted() -> None:
    filters = {"insurer": ['x" OR insurer = "CZ'], "topic": ["a OR b"], "outcome": ["afgewezen"]}
    query = SearchQuery(filters=filters).plan()
    clauses = filter_clauses(query)
    assert clauses == [  # in the facet registry's order
        'topics IN ["a OR b"]',
        'outcome IN ["afgewezen"]',
        'insurer IN ["x\\" OR insurer = \\"CZ"]',
    ]


def test_quote_refuses_non_strings() -> None:
    with pytest.raises(TypeError):
        quote(1)  # type: ignore[arg-type]


def test_disjunctive_requests() -> None:
    query = SearchQuery(q="tandarts", filters={"insurer": ["CZ"], "topic": ["ivf"]}, year_from=2020).plan()
    main, topic_counts, insurer_counts = build_requests("rulings", query)
    assert main["filter"] == '(topics IN ["ivf"]) AND (insurer IN ["CZ"]) AND (year >= 2020)'
    assert main["page"] == 1 and main["hitsPerPage"] == 20  # exhaustive pagination: distinct counts rulings
    assert topic_counts["facets"] == ["topic_keys"] and topic_counts["hitsPerPage"] == 0
    assert topic_counts["filter"] == '(insurer IN ["CZ"]) AND (year >= 2020)'
    assert insurer_counts["facets"] == ["insurer"]
    assert insurer_counts["filter"] == '(topics IN ["ivf"]) AND (year >= 2020)'
    assert "text" not in main["attributesToRetrieve"]


def test_no_filters_no_extra_requests() -> None:
    (main,) = build_requests("rulings", SearchQuery(q="x").plan())
    assert "filter" not in main and "sort" not in main
    (main,) = build_requests("rulings", SearchQuery(sort="date_desc").plan())
    assert main["sort"] == ["date:desc", "ruling_id:desc"]  # the id breaks ties: a bookmark needs a total order
    (main,) = build_requests("rulings", SearchQuery(q="-kroon").plan())
    assert main["q"] == "-kroon" and main["sort"] == ["date:desc", "ruling_id:desc"]  # only exclusions: a browse
    assert "attributesToHighlight" not in main  # a ruling document holds the whole body: never highlight it


def test_a_bookmark_page_filters_after_the_bookmark_and_counts_the_whole_search() -> None:
    plain = SearchQuery(sort="date_asc", filters={"insurer": ["CZ"]}, per_page=5)
    query = SearchQuery(sort="date_asc", filters={"insurer": ["CZ"]}, per_page=5,
                        cursor=encode_cursor(plain.plan().query, 2, (20210315, 4))).plan()
    main, counts, facet = build_requests("r", query)
    assert main["filter"] == (
        '(insurer IN ["CZ"]) AND (date > 20210315 OR (date = 20210315 AND ruling_id > 4) OR date NOT EXISTS)'
    )
    assert main["page"] == 1 and main["facets"] == []
    assert counts["filter"] == '(insurer IN ["CZ"])' and counts["hitsPerPage"] == 0 and counts["facets"]
    assert facet["facets"] == ["insurer"]
    tail = SearchQuery(sort="date_desc", cursor=encode_cursor(SearchQuery(sort="date_desc").plan().query, 2,
                                                              (None, 9))).plan()
    assert build_requests("r", tail)[0]["filter"] == "(date NOT EXISTS AND ruling_id < 9)"


def test_snippet_request_asks_the_passages_of_the_page_only() -> None:
    query = SearchQuery(q="kronen -implantaat").plan()
    request = snippet_request("rulings-passages", query, [3, 1])
    assert request is not None
    assert request["q"] == "kroon" and request["filter"] == "ruling_id IN [3, 1]" and request["hitsPerPage"] == 2
    assert request["attributesToHighlight"] == ["text"]
    assert snippet_request("p", query, []) is None
    assert snippet_request("p", SearchQuery(q="-kroon").plan(), [1]) is None  # nothing to highlight


def test_identifier_replaces_text_query() -> None:
    (main,) = build_requests("r", SearchQuery(q="ECLI:NL:X:2020:1").plan(), identifier="eclinlx20201")
    assert main["q"] == "" and main["filter"] == '(identifiers = "eclinlx20201")'


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ECLI:NL:RBAMS:2021:1234", "eclinlrbams20211234"),
        ("202100123", "202100123"),
        ("tandarts", None),
        ("1234", None),
        ("", None),
        ("een heel lange vraag met 2021 erin en nog veel meer woorden", None),
    ],
)
def test_identifier_candidate(q: str, expected: str | None) -> None:
    assert identifier_candidate(q) == expected


@pytest.mark.parametrize(
    "bad",
    [
        SearchQuery(q="x" * 501),
        SearchQuery(page=0),
        SearchQuery(page=10_000),
        SearchQuery(per_page=0),
        SearchQuery(per_page=MAX_PER_PAGE + 1),
        SearchQuery(sort="newest"),  # type: ignore[arg-type]
        SearchQuery(year_from=1800),
        SearchQuery(year_to=3000),
        SearchQuery(year_from=2022, year_to=2020),
        SearchQuery(filters={"outcome": ["gewonnen"]}),
        SearchQuery(filters={"source": ["google"]}),
        SearchQuery(filters={"insurer": ["x" * 201]}),
        SearchQuery(filters={"topic": [f"t{n}" for n in range(MAX_FILTER_VALUES + 1)]}),
        SearchQuery(filters={"year": ["2020"]}),  # years are selected with year_from/year_to
        SearchQuery(filters={"nope": ["x"]}),
        SearchQuery(facets=["nope"]),
        SearchQuery(filters={"topic": "ivf"}),  # type: ignore[arg-type]
        SearchQuery(filters={"topic": [1]}),  # type: ignore[list-item]
        SearchQuery(page=True),  # type: ignore[arg-type]
        SearchQuery(q=["a"]),  # type: ignore[arg-type]
    ],
)
def test_validation(bad: SearchQuery) -> None:
    with pytest.raises(InvalidParameterError):
        bad.plan()


def test_validation_normalises() -> None:
    plan = SearchQuery(q="  tand   arts ", filters={"insurer": [" CZ", "CZ", ""], "topic": []}).plan()
    assert plan.q == "tand arts" and plan.query.filters == {"insurer": ["CZ"]}


def test_snippet_html_escapes_everything_but_the_marks() -> None:
    raw = f'<b>x</b> & {HIGHLIGHT_PRE}tandarts{HIGHLIGHT_POST} "q"\n\n…'
    assert snippet_html(raw) == "&lt;b&gt;x&lt;/b&gt; &amp; <mark>tandarts</mark> &quot;q&quot; …"


def test_parse_results_merges_disjunctive_counts() -> None:
    query = SearchQuery(filters={"insurer": ["CZ", "VGZ"]}).plan()
    main = {
        "totalHits": 1,
        "hits": [
            {"ruling_id": 1, "slug": "s", "topics_display": [{"id": "a", "label": "A"}], "opening": "begin"},
            {"ruling_id": 2, "slug": "t", "opening": "begin"},
        ],
        "facetDistribution": {
            "insurer": {"CZ": 1},
            "topic_keys": {"a|A": 1, "b|Bee": 2, "b|Bee (oud)": 1},
            "year": {"2019": 1, "2021": 3},
        },
    }
    extra = {"totalHits": 5, "hits": [], "facetDistribution": {"insurer": {"CZ": 1, "Menzis": 4}}}
    passages = passages_by_ruling({"hits": [{"ruling_id": 1, "_formatted": {"text": "x <b>"}}]})
    result = parse_results(query, [main, extra], passages=passages)
    assert result.facets["insurer"] == {"Menzis": 4, "CZ": 1, "VGZ": 0}
    assert list(result.facets["year"]) == ["2021", "2019"]
    assert result.facets["outcome"] == {} and result.facets["topic"] == {"b": 3, "a": 1}
    assert result.topic_labels == {"a": "A", "b": "Bee"}
    assert result.hits[0]["id"] == 1 and result.hits[0]["snippet"] == "x &lt;b&gt;"
    assert result.hits[1]["snippet"] == "begin"  # no passage matched: the ruling's opening


def test_prune_filters_group_by_chunk_count() -> None:
    from search_index.index import _prune_filters

    assert _prune_filters({}) == []
    assert _prune_filters({1: 3, 2: 3, 5: 1}) == [
        "(ruling_id IN [5] AND chunk >= 1) OR (ruling_id IN [1, 2] AND chunk >= 3)"
    ]
    many = _prune_filters({n: 2 for n in range(2500)}, max_ids=1000)
    assert len(many) == 3 and all(e.count(",") < 1000 for e in many)


def test_relevance_without_words_means_newest_first() -> None:
    from search_index.query import SearchQuery, build_requests

    main = build_requests("idx", SearchQuery(q="", sort="relevance").plan())[0]
    assert main["sort"][0] == "date:desc"
    with_words = build_requests("idx", SearchQuery(q="tandarts", sort="relevance").plan())[0]
    assert "date:desc" not in with_words.get("sort", [])


@pytest.mark.parametrize(
    ("q", "references", "rest"),
    [
        ("art. 114 Zvw", ("zvw:114",), ""),
        ("artikel 114 lid 2 Zorgverzekeringswet", ("zvw:114:2",), ""),
        ("art. 114, tweede lid, Zvw", ("zvw:114:2",), ""),
        ("7:942 BW", ("bw:7:942",), ""),
        ("114 Zvw tandarts", ("zvw:114",), "tandarts"),
        ("artikel 8:75 Awb", ("awb:8:75",), ""),
        ('"art. 114 Zvw"', (), '"art. 114 Zvw"'),  # a phrase stays words
        ("artikel 18", (), "artikel 18"),  # no law named: words
    ],
)
def test_statute_citations_in_q_become_a_reference_match(q: str, references: tuple[str, ...], rest: str) -> None:
    plan = SearchQuery(q=q).plan()
    assert plan.text.references == references and plan.text.search == rest
    clauses = filter_clauses(plan)
    assert clauses == [f'reference_tree = "{r}"' for r in references]


def test_boolean_operators_are_read_or_refused() -> None:
    assert parse_text("fraude NOT tandarts").search == parse_text("fraude -tandarts").search == "fraude -tandarts"
    both = SearchQuery(q="tandarts AND fraude", filters={"topic": ["x"]}).plan()
    assert both.text.search == "tandarts fraude"
    assert all(r["matchingStrategy"] == "all" for r in build_requests("r", both))
    assert "matchingStrategy" not in build_requests("r", SearchQuery(q="tandarts fraude").plan())[0]
    for q in ("tandarts OR fraude", "(tandarts fraude)", "fraude AND (tandarts OR arts)"):
        with pytest.raises(InvalidParameterError, match="OR and parentheses are not supported"):
            SearchQuery(q=q).plan()
    assert parse_text("tandarts or fraude").search == "tandarts or fraude"  # lower case: plain words
