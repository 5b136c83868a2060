"""Search queries: validation, filter building (with escaping), multi-search requests and result parsing.

Pure: builds request bodies and parses response bodies; :mod:`search_index.index` does the I/O. That keeps the
sync and async search paths identical and lets the escaping be unit-tested without a server.

Safety rule: user input reaches a filter expression only through :func:`quote`. Attribute names and operators
come from this module's constants, never from the caller.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from archive.domain import OUTCOMES, Source
from archive.errors import InvalidParameterError
from search_index.documents import HIGHLIGHT_POST, HIGHLIGHT_PRE, compact_identifier
from search_index.settings import FACET_ATTRIBUTES, FILTER_ATTRIBUTES, MAX_TOTAL_HITS, TOPIC_KEY_SEPARATOR

SortName = Literal["relevance", "date_desc", "date_asc", "amount_desc"]
SORTS: tuple[str, ...] = get_args(SortName)
SOURCES: tuple[str, ...] = get_args(Source)
FacetName = Literal["topic", "insurer", "outcome", "year", "source"]

_SORT_PARAM: dict[str, list[str]] = {
    "relevance": [],
    "date_desc": ["date:desc"],
    "date_asc": ["date:asc"],
    "amount_desc": ["amount_awarded:desc"],
}

MAX_QUERY_CHARS = 500
MAX_PER_PAGE = 100
MAX_FILTER_VALUES = 50
MAX_VALUE_CHARS = 200
MIN_YEAR, MAX_YEAR = 1900, 2100
CROP_WORDS = 40

# Fields a hit needs; everything else (notably the chunk text) stays on the server.
_RETRIEVE = [
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

_IDENTIFIER_HINT = re.compile(r"\d")


@dataclass
class SearchQuery:
    """What a user asked for. Lists are OR-ed within a facet and AND-ed across facets."""

    q: str = ""
    topics: list[str] = field(default_factory=list)  # topic ids
    insurers: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    page: int = 1
    per_page: int = 20
    sort: SortName = "relevance"

    def validated(self) -> SearchQuery:
        """A normalised copy, or :class:`InvalidParameterError` naming the offending parameter.

        Normalising (trimming, de-duplicating) here keeps every value that reaches a filter small and
        predictable; the escaping in :func:`quote` is what makes it safe.
        """
        if not isinstance(self.q, str | None):
            raise InvalidParameterError("q must be a string", detail={"param": "q"})
        q = " ".join((self.q or "").split())
        if len(q) > MAX_QUERY_CHARS:
            raise InvalidParameterError(f"q is longer than {MAX_QUERY_CHARS} characters", detail={"param": "q"})
        lists = {
            name: _clean_values(name, getattr(self, name)) for name in ("topics", "insurers", "outcomes", "sources")
        }
        _check_closed("outcomes", lists["outcomes"], OUTCOMES)
        _check_closed("sources", lists["sources"], SOURCES)
        for name in ("year_from", "year_to"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR
            ):
                raise InvalidParameterError(
                    f"{name} must be a year between {MIN_YEAR} and {MAX_YEAR}", detail={"param": name}
                )
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise InvalidParameterError("year_from is after year_to", detail={"param": "year_from"})
        if not _is_int(self.per_page) or not 1 <= self.per_page <= MAX_PER_PAGE:
            raise InvalidParameterError(f"per_page must be 1..{MAX_PER_PAGE}", detail={"param": "per_page"})
        max_page = MAX_TOTAL_HITS // self.per_page
        if not _is_int(self.page) or not 1 <= self.page <= max_page:
            raise InvalidParameterError(
                f"page must be 1..{max_page} with per_page={self.per_page}", detail={"param": "page"}
            )
        if self.sort not in SORTS:
            raise InvalidParameterError(f"sort must be one of {', '.join(SORTS)}", detail={"param": "sort"})
        return SearchQuery(
            q=q,
            topics=lists["topics"],
            insurers=lists["insurers"],
            outcomes=lists["outcomes"],
            sources=lists["sources"],
            year_from=self.year_from,
            year_to=self.year_to,
            page=self.page,
            per_page=self.per_page,
            sort=self.sort,
        )

    def selected(self) -> dict[str, list[str]]:
        """Selected values per public facet name (year ranges are not facet selections)."""
        return {"topic": self.topics, "insurer": self.insurers, "outcome": self.outcomes, "source": self.sources}


@dataclass
class SearchResult:
    """One page of hits, one per ruling, with facet counts of rulings.

    ``hits``: dicts with id, slug, case_number, ecli, source, title, decision_date (ISO string or None), topics
    ([{id, label}]), insurer, outcome, snippet. ``snippet`` is HTML: text escaped, matches wrapped in
    ``<mark>…</mark>``; render it unescaped, and nothing else from a hit.
    ``facets``: {"topic"|"insurer"|"outcome"|"year"|"source": {value: count}}; a facet with selected values
    counts as if it were not selected (disjunctive), so the other values stay visible with their counts.
    Topic facet values are topic ids; ``topic_labels`` maps every topic id in the facets and hits to its label.
    """

    total: int
    page: int
    per_page: int
    hits: list[dict[str, Any]]
    facets: dict[str, dict[str, int]]
    topic_labels: dict[str, str] = field(default_factory=dict)
    exact_match: bool = False  # the query was a case number or ECLI that matched exactly
    processing_ms: int = 0

    @property
    def pages(self) -> int:
        # Pages a user can reach: the last ones of a huge result are beyond MAX_TOTAL_HITS.
        return -(-min(self.total, MAX_TOTAL_HITS) // self.per_page) if self.total else 0


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _clean_values(name: str, values: Any) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str) or not isinstance(values, list | tuple | set | frozenset):
        raise InvalidParameterError(f"{name} must be a list of strings", detail={"param": name})
    cleaned: list[str] = []
    for value in values:
        if not isinstance(value, str):
            raise InvalidParameterError(f"{name} must be a list of strings", detail={"param": name})
        value = value.strip()
        if not value:
            continue
        if len(value) > MAX_VALUE_CHARS:
            raise InvalidParameterError(
                f"a {name} value is longer than {MAX_VALUE_CHARS} characters", detail={"param": name}
            )
        if value not in cleaned:
            cleaned.append(value)
    if len(cleaned) > MAX_FILTER_VALUES:
        raise InvalidParameterError(f"at most {MAX_FILTER_VALUES} {name} values", detail={"param": name})
    return cleaned


def _check_closed(name: str, values: list[str], allowed: tuple[str, ...]) -> None:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise InvalidParameterError(
            f"unknown {name} value(s) {unknown!r}; valid: {', '.join(allowed)}", detail={"param": name}
        )


# Filter building ---------------------------------------------------------------------------------------------


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


def filter_clauses(query: SearchQuery, *, exclude_facet: str | None = None, identifier: str | None = None) -> list[str]:
    """The AND-ed clauses of a validated query, leaving out one facet (for its disjunctive counts)."""
    clauses = []
    for facet, values in query.selected().items():
        if values and facet != exclude_facet:
            clauses.append(in_clause(FILTER_ATTRIBUTES[facet], values))
    if query.year_from is not None:
        clauses.append(f"year >= {int(query.year_from)}")
    if query.year_to is not None:
        clauses.append(f"year <= {int(query.year_to)}")
    if identifier is not None:
        clauses.append(f"identifiers = {quote(identifier)}")
    return clauses


def filter_expression(clauses: list[str]) -> str | None:
    return " AND ".join(f"({c})" for c in clauses) if clauses else None


def identifier_candidate(q: str) -> str | None:
    """The compact form of ``q`` if it could be a case number or ECLI, else ``None``.

    Cheap heuristic on purpose (a digit, at least 5 alphanumerics, at most 8 words): a false positive only costs
    one extra small filter-only query that finds nothing.
    """
    if not q or not _IDENTIFIER_HINT.search(q) or len(q.split()) > 8:
        return None
    compact = compact_identifier(q.strip().strip('"'))
    return compact if len(compact) >= 5 else None


def probe_request(index_uid: str, identifier: str) -> dict[str, Any]:
    """A filter-only query that tells whether ``identifier`` is some ruling's case number or ECLI."""
    return {
        "indexUid": index_uid,
        "q": "",
        "filter": filter_expression([f"identifiers = {quote(identifier)}"]),
        "page": 1,
        "hitsPerPage": 0,
    }


def build_requests(index_uid: str, query: SearchQuery, *, identifier: str | None = None) -> list[dict[str, Any]]:
    """Multi-search queries for a validated query: the main one, then one per facet with selected values.

    Disjunctive counts: the extra query for facet F applies every filter except F's, and asks only for F's
    distribution. All use page/hitsPerPage because only exhaustive pagination makes ``distinct`` count rulings.
    When ``identifier`` is given the text query is replaced by an exact filter on it.
    """
    q = "" if identifier is not None else query.q
    main: dict[str, Any] = {
        "indexUid": index_uid,
        "q": q,
        "page": query.page,
        "hitsPerPage": query.per_page,
        "facets": list(FACET_ATTRIBUTES.values()),
        "attributesToRetrieve": _RETRIEVE,
        "attributesToCrop": ["text"],
        "attributesToHighlight": ["text"],
        "cropLength": CROP_WORDS,
        "highlightPreTag": HIGHLIGHT_PRE,
        "highlightPostTag": HIGHLIGHT_POST,
    }
    expression = filter_expression(filter_clauses(query, identifier=identifier))
    if expression:
        main["filter"] = expression
    sort = list(_SORT_PARAM[query.sort])
    if not q and query.sort == "relevance":
        # Nothing to rank by: "relevance" of an empty query means the newest rulings first (browsing).
        sort = list(_SORT_PARAM["date_desc"])
    if not q:
        # No words to match, so no "best" chunk: make distinct keep chunk 0, whose crop is the ruling's opening.
        # (With words this would rank chunk 0 above the matching chunk: "sort" is the first ranking rule.)
        sort.append("chunk:asc")
    if sort:
        main["sort"] = sort
    requests = [main]
    for facet, values in query.selected().items():
        if not values:
            continue
        extra: dict[str, Any] = {
            "indexUid": index_uid,
            "q": q,
            "page": 1,
            "hitsPerPage": 0,
            "facets": [FACET_ATTRIBUTES[facet]],
        }
        expression = filter_expression(filter_clauses(query, exclude_facet=facet, identifier=identifier))
        if expression:
            extra["filter"] = expression
        requests.append(extra)
    return requests


# Result parsing ----------------------------------------------------------------------------------------------


def snippet_html(formatted: str) -> str:
    """Escape the cropped text and turn the private-use highlight markers into ``<mark>`` tags.

    Meilisearch does not escape anything, so highlighting with literal ``<mark>`` would pass any markup in the
    text through. The markers cannot occur in indexed text (``documents`` strips them).
    """
    escaped = html.escape(" ".join(formatted.split()), quote=True)
    return escaped.replace(HIGHLIGHT_PRE, "<mark>").replace(HIGHLIGHT_POST, "</mark>")


def _hit(raw: dict[str, Any]) -> dict[str, Any]:
    formatted = raw.get("_formatted") or {}
    return {
        "id": raw.get("ruling_id"),
        "slug": raw.get("slug"),
        "case_number": raw.get("case_number"),
        "ecli": raw.get("ecli"),
        "source": raw.get("source"),
        "title": raw.get("title") or "",
        "decision_date": raw.get("decision_date"),
        "topics": raw.get("topics_display") or [],
        "insurer": raw.get("insurer"),
        "outcome": raw.get("outcome"),
        "snippet": snippet_html(str(formatted.get("text") or "")),
    }


def _counts(distribution: dict[str, Any], attribute: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in (distribution.get(attribute) or {}).items()}


def _topic_counts(distribution: dict[str, Any], labels: dict[str, str]) -> dict[str, int]:
    """Topic counts by id from "<id>|<label>" keys; fills ``labels`` on the way."""
    counts: dict[str, int] = {}
    for key, count in _counts(distribution, FACET_ATTRIBUTES["topic"]).items():
        topic_id, _, label = key.partition(TOPIC_KEY_SEPARATOR)
        # A relabelled topic can appear under two keys while the index holds both versions: sum by id.
        counts[topic_id] = counts.get(topic_id, 0) + count
        labels.setdefault(topic_id, label or topic_id)
    return counts


def _ordered(facet: str, counts: dict[str, int], selected: list[str]) -> dict[str, int]:
    for value in selected:  # a selected value with no matches still shows (with 0) so it can be unselected
        counts.setdefault(value, 0)
    if facet == "year":
        return dict(sorted(counts.items(), key=lambda kv: kv[0], reverse=True))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def parse_results(query: SearchQuery, responses: list[dict[str, Any]], *, exact_match: bool = False) -> SearchResult:
    """Merge the multi-search responses of :func:`build_requests` into one :class:`SearchResult`."""
    main = responses[0]
    distribution: dict[str, Any] = dict(main.get("facetDistribution") or {})
    extra = iter(responses[1:])
    selected = query.selected()
    for facet, values in selected.items():
        if values:
            response = next(extra)
            attribute = FACET_ATTRIBUTES[facet]
            distribution[attribute] = (response.get("facetDistribution") or {}).get(attribute) or {}
    labels: dict[str, str] = {}
    facets = {
        facet: _ordered(
            facet,
            _topic_counts(distribution, labels) if facet == "topic" else _counts(distribution, attribute),
            selected.get(facet, []),
        )
        for facet, attribute in FACET_ATTRIBUTES.items()
    }
    hits = [_hit(h) for h in main.get("hits") or []]
    for hit in hits:
        for t in hit["topics"]:
            labels.setdefault(t["id"], t["label"])
    return SearchResult(
        total=int(main.get("totalHits") or 0),
        page=query.page,
        per_page=query.per_page,
        hits=hits,
        facets=facets,
        topic_labels=labels,
        exact_match=exact_match,
        processing_ms=max(int(r.get("processingTimeMs") or 0) for r in responses),
    )
