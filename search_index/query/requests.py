"""Meilisearch request bodies for a :class:`~search_index.query.model.SearchPlan` (pure; the index does the I/O).

Safety rule: user input reaches a filter expression only through :func:`quote`. Attribute names and operators
come from the facet registry and this module, never from the caller; numbers are ints and finite floats we format.
"""

from __future__ import annotations

from typing import Any

from search_index.documents import HIGHLIGHT_POST, HIGHLIGHT_PRE
from search_index.facets import BY_NAME
from search_index.query.cursor import KEYSET, after_clause, number
from search_index.query.model import SearchPlan

SORT_PARAM: dict[str, list[str]] = {
    "relevance": [],
    "date_desc": ["date:desc", "ruling_id:desc"],
    "date_asc": ["date:asc", "ruling_id:asc"],
    "amount_desc": ["amount_awarded:desc", "ruling_id:desc"],
    "published_desc": ["published_at:desc", "ruling_id:desc"],  # newest in the archive first
}

# Fields a hit needs; everything else (notably the body text) stays on the server.
RETRIEVE = [
    "opening",
    "date",  # sort keys, for a cursor's bookmark
    "amount_awarded",
    "published_at",
    "amount_claimed",
    "ruling_id",
    "slug",
    "case_number",
    "ecli",
    "source",
    "title",
    "decision_date",
    "topics_display",
    "insurer",
    "outcome",
]


def quote(value: str) -> str:
    """A Meilisearch filter string literal: double-quoted, with backslash and double quote escaped.

    Inside a quoted literal the filter parser treats everything (``OR``, ``=``, brackets) as data, so after this
    a value cannot change the shape of the expression. Verified against the real server in
    ``tests/search_index/test_search.py::test_filter_values_are_escaped``.
    """
    if not isinstance(value, str):
        raise TypeError("filter values must be strings")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def in_clause(attribute: str, values: list[str]) -> str:
    return f"{attribute} IN [{', '.join(quote(v) for v in values)}]"


def filter_clauses(plan: SearchPlan, *, exclude_facet: str | None = None, identifier: str | None = None) -> list[str]:
    """The AND-ed clauses of a plan, leaving out one facet (for its disjunctive counts).

    Only :func:`quote` output, ints and finite floats we formatted ourselves reach the expression.
    """
    q = plan.query
    clauses = [in_clause(BY_NAME[name].attribute, values) for name, values in q.filters.items()
               if values and name != exclude_facet]
    if q.year_from is not None:
        clauses.append(f"year >= {int(q.year_from)}")
    if q.year_to is not None:
        clauses.append(f"year <= {int(q.year_to)}")
    if q.date_from is not None:
        clauses.append(f"date >= {int(q.date_from.strftime('%Y%m%d'))}")
    if q.date_to is not None:
        clauses.append(f"date <= {int(q.date_to.strftime('%Y%m%d'))}")
    if q.amount_min is not None:
        clauses.append(f"amount_awarded >= {number(q.amount_min)}")
    if q.amount_max is not None:
        clauses.append(f"amount_awarded <= {number(q.amount_max)}")
    if q.published_after is not None:
        clauses.append(f"published_at > {int(q.published_after)}")
    # Statutes cited in the query text: each must be cited (the reference attribute holds each id's ancestors).
    clauses += [f"{BY_NAME['reference'].attribute} = {quote(ref)}" for ref in plan.text.references]
    if identifier is not None:
        clauses.append(f"identifiers = {quote(identifier)}")
    return clauses


def filter_expression(clauses: list[str]) -> str | None:
    return " AND ".join(f"({c})" for c in clauses) if clauses else None


def probe_request(index_uid: str, identifier: str) -> dict[str, Any]:
    """A filter-only query that tells whether ``identifier`` is some ruling's case number or ECLI."""
    return {
        "indexUid": index_uid,
        "q": "",
        "filter": filter_expression([f"identifiers = {quote(identifier)}"]),
        "page": 1,
        "hitsPerPage": 0,
    }


def _matching(plan: SearchPlan) -> dict[str, str]:
    """``AND`` in the query: every word must match (Meilisearch's default drops words from the end)."""
    return {"matchingStrategy": "all"} if plan.text.all_words else {}


def order(plan: SearchPlan, identifier: str | None) -> str:
    """The order used: an exact identifier match has nothing to rank by, so it lists newest first."""
    return "date_desc" if identifier is not None and plan.query.sort == "relevance" else plan.sort


def build_requests(index_uid: str, plan: SearchPlan, *, identifier: str | None = None) -> list[dict[str, Any]]:
    """Multi-search queries on the rulings index: the main one, on a bookmark page one for the totals, then one
    per counted facet with selected values.

    Disjunctive counts: the extra query for facet F applies every filter except F's, and asks only for F's
    distribution. All use page/hitsPerPage, which makes Meilisearch count exhaustively: exact totals. When
    ``identifier`` is given the text query is replaced by an exact filter on it. No highlighting here: a ruling
    document holds the whole body (see :func:`snippet_request`).
    """
    q = "" if identifier is not None else plan.text.search
    main: dict[str, Any] = {
        "indexUid": index_uid,
        "q": q,
        "page": plan.page,
        "hitsPerPage": plan.per_page,
        "facets": [BY_NAME[f].counted for f in plan.counted],
        "attributesToRetrieve": RETRIEVE,
        **_matching(plan),
    }
    clauses = filter_clauses(plan, identifier=identifier)
    expression = filter_expression(clauses)
    if expression:
        main["filter"] = expression
    sort = order(plan, identifier)
    if SORT_PARAM[sort]:
        main["sort"] = list(SORT_PARAM[sort])
    counts: list[dict[str, Any]] = []
    if plan.after is not None and sort in KEYSET:
        # A bookmark page: the hits come after the bookmark, page 1 of what is left; totals and facets are
        # those of the whole search, from a second query without the bookmark.
        counts = [{key: value for key, value in main.items() if key not in ("attributesToRetrieve", "sort")}]
        counts[0].update(page=1, hitsPerPage=0)
        main.update(page=1, facets=[], filter=filter_expression([*clauses, after_clause(sort, plan.after)]))
    return [main, *counts, *facet_requests(index_uid, plan, q=q, identifier=identifier)]


def disjunctive(plan: SearchPlan) -> list[str]:
    """The counted facets with selected values: each gets a count query of its own, in this order."""
    return [name for name, values in plan.query.filters.items() if values and name in plan.counted]


def facet_requests(index_uid: str, plan: SearchPlan, *, q: str, identifier: str | None = None) -> list[dict[str, Any]]:
    """The disjunctive facet queries of :func:`build_requests`."""
    requests = []
    for name in disjunctive(plan):
        extra: dict[str, Any] = {
            "indexUid": index_uid,
            "q": q,
            "page": 1,
            "hitsPerPage": 0,
            "facets": [BY_NAME[name].counted],
            **_matching(plan),
        }
        expression = filter_expression(filter_clauses(plan, exclude_facet=name, identifier=identifier))
        if expression:
            extra["filter"] = expression
        requests.append(extra)
    return requests


def snippet_request(passages_uid: str, plan: SearchPlan, ruling_ids: list[int]) -> dict[str, Any] | None:
    """The query for the best passage of each ruling on a page, or ``None`` when there is nothing to look for.

    Runs on the passages index, restricted to ``ruling_ids`` (a few hundred passages), so ``distinct`` is cheap.
    The passage comes back highlighted but *uncropped* (at most ~300 words): the snippet module marks the
    inflected forms Meilisearch matched through ``lemmas`` and crops around the best window. A ruling with no
    matching passage (found through its title, say) shows its opening instead.
    """
    positive = plan.text.positive
    if not positive or not ruling_ids:
        return None
    return {
        "indexUid": passages_uid,
        "q": positive,
        "filter": f"ruling_id IN [{', '.join(str(int(i)) for i in ruling_ids)}]",
        "page": 1,
        "hitsPerPage": len(ruling_ids),
        "attributesToRetrieve": ["ruling_id"],
        "attributesToHighlight": ["text"],
        "highlightPreTag": HIGHLIGHT_PRE,
        "highlightPostTag": HIGHLIGHT_POST,
    }


def ids_request(index_uid: str, plan: SearchPlan, *, identifier: str | None, limit: int) -> dict[str, Any]:
    """The ruling ids of every hit of the search, up to ``limit`` (statistics of a search): the main query without
    facets, sort or a page of hits to show."""
    return {
        "indexUid": index_uid,
        "q": "" if identifier is not None else plan.text.search,
        "page": 1,
        "hitsPerPage": limit,
        "attributesToRetrieve": ["ruling_id"],
        **({"filter": expression} if (expression := filter_expression(filter_clauses(plan, identifier=identifier)))
           else {}),
        **_matching(plan),
    }
