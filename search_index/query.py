"""Search queries: validation, filter building (with escaping), multi-search requests and result parsing.

Pure: builds request bodies and parses response bodies; :mod:`search_index.index` does the I/O. That keeps the
sync and async search paths identical and lets the escaping be unit-tested without a server.

Safety rule: user input reaches a filter expression only through :func:`quote`. Attribute names and operators
come from this module's constants, never from the caller; numbers are ints and finite floats we format.

How the query language behaves (a search runs on the rulings index, one document per ruling; the snippets come
from the passages index, see :mod:`search_index.settings`):

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
* **Pagination**: ``page``/``per_page`` (exact totals) up to ``MAX_TOTAL_HITS`` results deep, and ``next_cursor``,
  an opaque token bound to the search's parameters (a cursor from another search is a 422). For the orders by
  date or amount (and a search without words, which lists newest first) the cursor is a *bookmark*: it holds the
  last hit's sort value and ruling id, and the next page is "after it" in that order, with the ruling id as the
  tie-breaker. Rulings added or removed meanwhile then neither repeat nor skip a ruling; that is what a feed
  reader or an export walking a result set needs. Relevance order has no such key in Meilisearch, so there the
  cursor is a position, like ``page``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import html
import itertools
import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import compress, repeat
from operator import contains, or_
from typing import Any, Literal, get_args

from archive.domain import OUTCOMES, InsuranceType, Source
from archive.errors import InvalidParameterError
from search_index.documents import HIGHLIGHT_POST, HIGHLIGHT_PRE, compact_identifier
from search_index.lemmas import WORD, lemma, words
from search_index.settings import (
    FACET_ATTRIBUTES,
    FILTER_ATTRIBUTES,
    MAX_TOTAL_HITS,
    TOPIC_KEY_SEPARATOR,
    stop_words,
)

SortName = Literal["relevance", "date_desc", "date_asc", "amount_desc"]
SORTS: tuple[str, ...] = get_args(SortName)
SOURCES: tuple[str, ...] = get_args(Source)
INSURANCE_TYPES: tuple[str, ...] = get_args(InsuranceType)
FacetName = Literal[
    "topic", "insurer", "outcome", "year", "source", "reference", "care_type", "country", "insurance_type"
]

_SORT_PARAM: dict[str, list[str]] = {
    "relevance": [],
    "date_desc": ["date:desc", "ruling_id:desc"],
    "date_asc": ["date:asc", "ruling_id:asc"],
    "amount_desc": ["amount_awarded:desc", "ruling_id:desc"],
}
# The orders a cursor can bookmark: the sorted attribute and the direction (ruling_id breaks ties).
_KEYSET: dict[str, tuple[str, bool]] = {
    "date_desc": ("date", True),
    "date_asc": ("date", False),
    "amount_desc": ("amount_awarded", True),
}

MAX_QUERY_CHARS = 500
MAX_PER_PAGE = 100
MAX_FILTER_VALUES = 50
MAX_VALUE_CHARS = 200
MIN_YEAR, MAX_YEAR = 1900, 2100
MIN_DATE, MAX_DATE = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)
MAX_AMOUNT = 1_000_000_000.0
CROP_WORDS = 40
MAX_EXCLUDED_TERMS = 10
CURSOR_VERSION = 2  # 2: bookmarks for the orders by date and amount
MAX_CURSOR_CHARS = 200

# Fields a hit needs; everything else (notably the body text) stays on the server.
_RETRIEVE = [
    "opening",
    "date",  # sort keys, for a cursor's bookmark
    "amount_awarded",
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

FACET_NAMES: tuple[str, ...] = tuple(FACET_ATTRIBUTES)
_IDENTIFIER_HINT = re.compile(r"\d")
# One query term: an optionally negated phrase (an unclosed quote runs to the end) or an optionally negated word.
_TERM = re.compile(r'(?P<neg>-?)"(?P<phrase>[^"]*)(?:"|$)|(?P<word>[^\s"]+)')

# Public list parameter -> SearchQuery attribute.
LIST_FILTERS: dict[str, str] = {
    "topic": "topics",
    "insurer": "insurers",
    "outcome": "outcomes",
    "source": "sources",
    "reference": "references",
    "care_type": "care_types",
    "country": "countries",
    "insurance_type": "insurance_types",
}


@dataclass
class SearchQuery:
    """What a user asked for. Lists are OR-ed within a facet and AND-ed across facets.

    Ranges are inclusive. ``date_from``/``date_to`` bound the decision date, ``year_from``/``year_to`` its year
    (both may be given; they AND). ``amount_min``/``amount_max`` bound the amount awarded, so a ruling without an
    amount is left out as soon as either is set. ``cursor`` is an opaque token from a previous response's
    ``next_cursor``; :meth:`validated` turns it back into a page of the same search.
    """

    q: str = ""
    topics: list[str] = field(default_factory=list)  # topic ids
    insurers: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)  # canonical reference ids, e.g. "zvw:114:2"
    care_types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    insurance_types: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    amount_min: float | None = None
    amount_max: float | None = None
    page: int = 1
    per_page: int = 20
    sort: SortName = "relevance"
    cursor: str | None = None
    facets: list[str] = field(default_factory=list)  # facet names to count; empty = all
    # Set from a bookmark cursor by validated(): the (sort value, ruling id) of the last hit before this page.
    after: tuple[float | int | None, int] | None = field(default=None, repr=False)

    def validated(self) -> SearchQuery:
        """A normalised copy, or :class:`InvalidParameterError` naming the offending parameter.

        Normalising (trimming, de-duplicating) here keeps every value that reaches a filter small and
        predictable; the escaping in :func:`quote` is what makes it safe. A cursor is resolved into ``page``.
        """
        if not isinstance(self.q, str | None):
            raise InvalidParameterError("q must be a string", detail={"param": "q"})
        q = " ".join((self.q or "").split())
        if len(q) > MAX_QUERY_CHARS:
            raise InvalidParameterError(f"q is longer than {MAX_QUERY_CHARS} characters", detail={"param": "q"})
        lists = {attr: _clean_values(attr, getattr(self, attr)) for attr in LIST_FILTERS.values()}
        _check_closed("outcomes", lists["outcomes"], OUTCOMES)
        _check_closed("sources", lists["sources"], SOURCES)
        _check_closed("insurance_types", lists["insurance_types"], INSURANCE_TYPES)
        for name in ("year_from", "year_to"):
            value = getattr(self, name)
            if value is not None and (not _is_int(value) or not MIN_YEAR <= value <= MAX_YEAR):
                raise InvalidParameterError(
                    f"{name} must be a year between {MIN_YEAR} and {MAX_YEAR}", detail={"param": name}
                )
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise InvalidParameterError("year_from is after year_to", detail={"param": "year_from"})
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, date) or not MIN_DATE <= value <= MAX_DATE):
                raise InvalidParameterError(
                    f"{name} must be an ISO date between {MIN_DATE} and {MAX_DATE}", detail={"param": name}
                )
        if self.date_from is not None and self.date_to is not None and self.date_from > self.date_to:
            raise InvalidParameterError("date_from is after date_to", detail={"param": "date_from"})
        amounts: dict[str, float | None] = {}
        for name in ("amount_min", "amount_max"):
            value = getattr(self, name)
            if value is not None:
                if (
                    isinstance(value, bool)
                    or not isinstance(value, int | float)
                    or not math.isfinite(value)
                    or not 0 <= value <= MAX_AMOUNT
                ):
                    raise InvalidParameterError(
                        f"{name} must be a number of euros between 0 and {MAX_AMOUNT:.0f}", detail={"param": name}
                    )
                value = float(value)
            amounts[name] = value
        if (
            amounts["amount_min"] is not None
            and amounts["amount_max"] is not None
            and amounts["amount_min"] > amounts["amount_max"]
        ):
            raise InvalidParameterError("amount_min is above amount_max", detail={"param": "amount_min"})
        if not _is_int(self.per_page) or not 1 <= self.per_page <= MAX_PER_PAGE:
            raise InvalidParameterError(f"per_page must be 1..{MAX_PER_PAGE}", detail={"param": "per_page"})
        max_page = MAX_TOTAL_HITS // self.per_page
        if not _is_int(self.page) or not 1 <= self.page <= max_page:
            raise InvalidParameterError(
                f"page must be 1..{max_page} with per_page={self.per_page}", detail={"param": "page"}
            )
        if self.sort not in SORTS:
            raise InvalidParameterError(f"sort must be one of {', '.join(SORTS)}", detail={"param": "sort"})
        facets = _clean_values("facets", self.facets)
        _check_closed("facets", facets, FACET_NAMES)
        query = SearchQuery(
            q=q,
            topics=lists["topics"],
            insurers=lists["insurers"],
            outcomes=lists["outcomes"],
            sources=lists["sources"],
            references=lists["references"],
            care_types=lists["care_types"],
            countries=lists["countries"],
            insurance_types=lists["insurance_types"],
            year_from=self.year_from,
            year_to=self.year_to,
            date_from=self.date_from,
            date_to=self.date_to,
            amount_min=amounts["amount_min"],
            amount_max=amounts["amount_max"],
            page=self.page,
            per_page=self.per_page,
            sort=self.sort,
            facets=[f for f in FACET_NAMES if f in facets],  # canonical order: one fingerprint per set
            after=self.after,  # a query validated before keeps its bookmark
        )
        if self.cursor is not None:
            if self.page != 1:
                raise InvalidParameterError("give either page or cursor, not both", detail={"param": "cursor"})
            query.page, query.after = decode_cursor(self.cursor, query)
        return query

    def effective_sort(self) -> str:
        """The order actually used: relevance without words to rank by means newest first."""
        if self.sort == "relevance" and not parse_text(self.q).positive:
            return "date_desc"
        return self.sort

    def counted(self) -> tuple[str, ...]:
        """The facets to count. Why a choice: each facet is counted over every matching ruling, so a client that
        shows four facets should not pay for nine (measured at 10k rulings, see scripts/bench_search.py)."""
        return tuple(self.facets) or FACET_NAMES

    def selected(self) -> dict[str, list[str]]:
        """Selected values per public facet name (ranges are not facet selections)."""
        return {name: getattr(self, attr) for name, attr in LIST_FILTERS.items()}


@dataclass
class SearchResult:
    """One page of hits, one per ruling, with facet counts of rulings.

    ``hits``: dicts with id, slug, case_number, ecli, source, title, decision_date (ISO string or None), topics
    ([{id, label}]), insurer, outcome, snippet. ``snippet`` is HTML: text escaped, matches wrapped in
    ``<mark>…</mark>``; render it unescaped, and nothing else from a hit.
    ``facets``: {facet name: {value: count}} for every name in ``settings.FACET_ATTRIBUTES`` (topic, insurer,
    outcome, year, source, reference, care_type, country, insurance_type); a facet with selected values counts as
    if it were not selected (disjunctive), so the other values stay visible with their counts.
    Topic facet values are topic ids; ``topic_labels`` maps every topic id in the facets and hits to its label.
    ``next_cursor``: opaque token for the next page of the same search, ``None`` on the last reachable page.
    """

    total: int
    page: int
    per_page: int
    hits: list[dict[str, Any]]
    facets: dict[str, dict[str, int]]
    topic_labels: dict[str, str] = field(default_factory=dict)
    exact_match: bool = False  # the query was a case number or ECLI that matched exactly
    processing_ms: int = 0
    next_cursor: str | None = None

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


# Cursors -----------------------------------------------------------------------------------------------------


def _fingerprint(query: SearchQuery) -> str:
    """What a cursor is bound to: every parameter of the search except the position in it."""
    parts = {f.name: getattr(query, f.name) for f in fields(query) if f.name not in ("page", "cursor", "after")}
    raw = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def encode_cursor(query: SearchQuery, page: int, after: tuple[float | int | None, int] | None = None) -> str:
    """An opaque token for ``page`` of this exact search (url-safe base64, no padding); ``after`` makes it a
    bookmark (see the module doc)."""
    key = None if after is None else [after[0], after[1]]
    raw = json.dumps([CURSOR_VERSION, page, _fingerprint(query), key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str, query: SearchQuery) -> tuple[int, tuple[float | int | None, int] | None]:
    """The page a cursor points at and its bookmark, if any; 422 if it is malformed, from an older version or
    from another search."""
    bad = InvalidParameterError("cursor is not a cursor of this search", detail={"param": "cursor"})
    if not isinstance(token, str) or not 0 < len(token) <= MAX_CURSOR_CHARS:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        version, page, fingerprint, key = json.loads(raw)
    except (ValueError, TypeError, binascii.Error):
        raise bad from None
    if version != CURSOR_VERSION or not _is_int(page) or fingerprint != _fingerprint(query):
        raise bad
    if not 1 <= page <= MAX_TOTAL_HITS // query.per_page:
        raise bad
    if key is None:
        return int(page), None
    if query.effective_sort() not in _KEYSET or not isinstance(key, list) or len(key) != 2:
        raise bad
    value, ruling_id = key
    finite = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not _is_int(ruling_id) or not (value is None or finite):
        raise bad
    return int(page), (value, int(ruling_id))


def _after_clause(sort: str, after: tuple[float | int | None, int]) -> str:
    """The filter for "after this bookmark" in ``sort`` order. Rulings without the sort value come last in
    both directions (Meilisearch sorts absent values last), ordered by id among themselves."""
    attribute, descending = _KEYSET[sort]
    value, ruling_id = after
    before, id_before = ("<", "<") if descending else (">", ">")
    rid = int(ruling_id)
    if value is None:
        return f"{attribute} NOT EXISTS AND ruling_id {id_before} {rid}"
    literal = _number(float(value)) if isinstance(value, float) else str(int(value))
    return (
        f"{attribute} {before} {literal} OR ({attribute} = {literal} AND ruling_id {id_before} {rid}) "
        f"OR {attribute} NOT EXISTS"
    )


# Query text: phrases, exclusions, lemmas ---------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedText:
    """A user's query text taken apart.

    ``search``: what the rulings index gets as ``q``: plain words lemmatised, phrases verbatim, exclusions as
    Meilisearch negations (``-kroon``, ``-"eigen risico"``).
    ``positive``: ``search`` without the exclusions: what the passages index gets to pick the snippet, and
    empty when nothing is asked but exclusions (then the search is a browse: newest first).
    ``excluded``: the exclusions as sent.
    ``highlight``: lemmas (and written forms) of the positive words, to mark inflected forms in snippets.
    """

    search: str
    positive: str
    excluded: tuple[str, ...]
    highlight: frozenset[str]


def _lemmatise_token(token: str) -> str:
    return WORD.sub(lambda m: lemma(m.group()), token)


def parse_text(q: str) -> ParsedText:
    """Split ``q`` into the positive query, exclusions and highlight lemmas (pure; see :class:`ParsedText`).

    Excluded words are lemmatised like the others: ``-kronen`` is sent as ``-kroon``, and the ``lemmas`` field
    makes that drop rulings saying "kronen" too. A ``-`` that does not start a word (``-``, ``--``) is dropped.
    Phrases are kept verbatim (exact words, as a lawyer means by quotes).
    """
    positive: list[str] = []
    excluded: list[str] = []
    written: list[str] = []
    for m in _TERM.finditer(q):
        phrase, word = m.group("phrase"), m.group("word")
        if phrase is not None:
            text = " ".join(phrase.replace("\\", " ").split())
            if not text:
                continue
            if m.group("neg"):
                excluded.append(f'-"{text}"')
            else:
                positive.append(f'"{text}"')
                written.append(text)
        elif word.startswith("-"):
            terms = [lemma(t) for t in words(word[1:])]
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
    return ParsedText(" ".join([plus, *excluded]).strip(), plus, tuple(excluded), frozenset(highlight))


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


def _number(value: float) -> str:
    """A finite float as a filter literal (``repr`` of a float is digits, '.', 'e', '-' only)."""
    if not math.isfinite(value):
        raise ValueError("filter numbers must be finite")
    return repr(float(value))


def filter_clauses(
    query: SearchQuery,
    *,
    exclude_facet: str | None = None,
    identifier: str | None = None,
) -> list[str]:
    """The AND-ed clauses of a validated query, leaving out one facet (for its disjunctive counts).

    Only :func:`quote` output, ints and finite floats we formatted ourselves reach the expression.
    """
    clauses = []
    for facet, values in query.selected().items():
        if values and facet != exclude_facet:
            clauses.append(in_clause(FILTER_ATTRIBUTES[facet], values))
    if query.year_from is not None:
        clauses.append(f"year >= {int(query.year_from)}")
    if query.year_to is not None:
        clauses.append(f"year <= {int(query.year_to)}")
    if query.date_from is not None:
        clauses.append(f"date >= {int(query.date_from.strftime('%Y%m%d'))}")
    if query.date_to is not None:
        clauses.append(f"date <= {int(query.date_to.strftime('%Y%m%d'))}")
    if query.amount_min is not None:
        clauses.append(f"amount_awarded >= {_number(query.amount_min)}")
    if query.amount_max is not None:
        clauses.append(f"amount_awarded <= {_number(query.amount_max)}")
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
    """Multi-search queries on the rulings index for a validated query: the main one, then one per facet with
    selected values.

    Disjunctive counts: the extra query for facet F applies every filter except F's, and asks only for F's
    distribution. All use page/hitsPerPage, which makes Meilisearch count exhaustively: exact totals. When
    ``identifier`` is given the text query is replaced by an exact filter on it. No highlighting here: a ruling
    document holds the whole body (see :func:`snippet_request`).
    """
    parsed = parse_text(query.q)
    q = "" if identifier is not None else parsed.search
    main: dict[str, Any] = {
        "indexUid": index_uid,
        "q": q,
        "page": query.page,
        "hitsPerPage": query.per_page,
        "facets": [FACET_ATTRIBUTES[f] for f in query.counted()],
        "attributesToRetrieve": _RETRIEVE,
    }
    clauses = filter_clauses(query, identifier=identifier)
    expression = filter_expression(clauses)
    if expression:
        main["filter"] = expression
    # Nothing to rank by (no words, or only exclusions, or an exact identifier): newest first.
    order = "date_desc" if identifier is not None and query.sort == "relevance" else query.effective_sort()
    if _SORT_PARAM[order]:
        main["sort"] = list(_SORT_PARAM[order])
    counts: list[dict[str, Any]] = []
    if query.after is not None and order in _KEYSET:
        # A bookmark page: the hits come after the bookmark, page 1 of what is left; totals and facets are
        # those of the whole search, from a second query without the bookmark.
        counts = [{key: value for key, value in main.items() if key not in ("attributesToRetrieve", "sort")}]
        counts[0].update(page=1, hitsPerPage=0)
        main.update(page=1, facets=[], filter=filter_expression([*clauses, _after_clause(order, query.after)]))
    return [main, *counts, *facet_requests(index_uid, query, q=q, identifier=identifier)]


def facet_requests(
    index_uid: str, query: SearchQuery, *, q: str, identifier: str | None = None
) -> list[dict[str, Any]]:
    """The disjunctive facet queries of :func:`build_requests` (one per counted facet with selected values)."""
    requests = []
    counted = query.counted()
    for facet, values in query.selected().items():
        if not values or facet not in counted:
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


def snippet_request(passages_uid: str, query: SearchQuery, ruling_ids: list[int]) -> dict[str, Any] | None:
    """The query for the best passage of each ruling on a page, or ``None`` when there is nothing to look for.

    Runs on the passages index, restricted to ``ruling_ids`` (a few hundred passages), so ``distinct`` is cheap.
    The passage comes back highlighted but *uncropped* (at most ~300 words): :func:`crop_snippet` marks the
    inflected forms Meilisearch matched through ``lemmas`` and crops around the best window. A ruling with no
    matching passage (found through its title, say) shows its opening instead.
    """
    positive = parse_text(query.q).positive
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


# Result parsing ----------------------------------------------------------------------------------------------


def snippet_html(formatted: str) -> str:
    """Escape the cropped text and turn the private-use highlight markers into ``<mark>`` tags.

    Meilisearch does not escape anything, so highlighting with literal ``<mark>`` would pass any markup in the
    text through. The markers cannot occur in indexed text (``documents`` strips them).
    """
    escaped = html.escape(" ".join(formatted.split()), quote=True)
    return escaped.replace(HIGHLIGHT_PRE, "<mark>").replace(HIGHLIGHT_POST, "</mark>")


def _marked(token: str, highlight: frozenset[str]) -> str:
    """``token`` with the first word whose lemma the query asked for wrapped in markers.

    A token Meilisearch marked only in part (a prefix or typo match, "<krone>n" for "kroon") is marked whole when
    its word is an inflection of a query word; other marked tokens are left as Meilisearch marked them.
    """
    if not highlight:
        return token
    plain = _plain(token)
    for m in WORD.finditer(plain):
        w = m.group().lower()
        if w in highlight or lemma(w) in highlight:
            return plain[: m.start()] + HIGHLIGHT_PRE + m.group() + HIGHLIGHT_POST + plain[m.end() :]
    return token


def crop_snippet(
    formatted: str,
    highlight: frozenset[str] = frozenset(),
    crop_words: int = CROP_WORDS,
    memo: dict[str, bool] | None = None,
) -> str:
    """The best ``crop_words``-word passage of a highlighted chunk, with ``…`` where it was cut.

    Meilisearch marked the words it matched in the text; words it matched only through the ``lemmas`` field
    ("kronen" for the query "kroon") are marked here from ``highlight``. The passage is the window with the most
    distinct marked words (then the most marks), starting a few words before its first mark for context; with no
    mark it is the chunk's opening. Markers never straddle a token, so cutting between tokens keeps them paired.

    Cost: this runs for every hit of every search, and was a sixth of the API's CPU per search while it split
    whole passages into words (~150 words, 10 us each). Passages are indexed single-spaced
    (:func:`search_index.documents.index_documents`), so a word's position is a count of spaces (in C); only the
    window is split. Words are checked against ``highlight`` (:func:`_asked`) once per distinct word (``memo``
    keeps the answers for the other hits of a search), and only in the window unless the passage matched through
    ``lemmas`` alone. Any other spacing (an index written before) is normalised first: slower, same result.
    """
    memo = {} if memo is None else memo
    text = formatted if _single_spaced(formatted) else " ".join(formatted.split())
    if not text:
        return ""
    n_words = text.count(" ") + 1
    # (word index, start, end) of each marked word, in order.
    marked: list[tuple[int, int, int]] = []
    counted = index = 0
    pos = text.find(HIGHLIGHT_PRE)
    while pos != -1:
        index += text.count(" ", counted, pos)
        counted = pos
        if not marked or marked[-1][0] != index:
            begin = text.rfind(" ", 0, pos) + 1
            stop = text.find(" ", pos)
            marked.append((index, begin, len(text) if stop == -1 else stop))
        pos = text.find(HIGHLIGHT_PRE, pos + 1)
    tokens: list[str] | None = None
    if not marked and highlight:  # matched through lemmas alone: look at every word
        tokens = text.split(" ")
        _learn(memo, tokens, highlight)
        marks = list(compress(itertools.count(), map(memo.__getitem__, tokens)))
        keys = [_plain(tokens[i]).lower() for i in marks]
    else:
        marks = [m[0] for m in marked]
        keys = [_plain(text[b:e]).lower() for _, b, e in marked]
    start = 0
    if marks and n_words > crop_words:
        lead = crop_words // 5
        best: tuple[int, int, int] | None = None
        for m in marks:
            s = max(0, min(m - lead, n_words - crop_words))
            lo, hi = bisect_left(marks, s), bisect_left(marks, s + crop_words)
            score = (len(set(keys[lo:hi])), hi - lo, -s)
            if best is None or score > best:
                best, start = score, s
    end = min(n_words, start + crop_words)
    if tokens is not None:
        window = tokens[start:end]
    else:
        window = text[_word_offset(text, start, marked, n_words):].split(" ", end - start)[: end - start]
    if highlight:
        _learn(memo, window, highlight)
        wanted = map(or_, map(contains, window, repeat(HIGHLIGHT_PRE)), map(memo.__getitem__, window))
        for i in compress(itertools.count(), wanted):
            window[i] = _marked(window[i], highlight)
    return ("… " if start > 0 else "") + " ".join(window) + (" …" if end < n_words else "")


def _single_spaced(text: str) -> bool:
    """Whether ``text`` looks single-spaced, as passages are indexed: no double space, no line break or tab or
    no-break space, no space at either end. Substring tests (C, a few us for a passage; a regex for every kind
    of whitespace took 13 us). Rarer Unicode spaces in an index written before single-spacing only make a window
    a word or two longer."""
    return not (
        "  " in text or "\n" in text or "\t" in text or "\r" in text or "\xa0" in text
        or text.startswith(" ") or text.endswith(" ")
    )


def _word_offset(text: str, word: int, marked: list[tuple[int, int, int]], n_words: int) -> int:
    """Where word number ``word`` of single-spaced ``text`` starts, walking from the nearest known position: a
    marked word at or after it, or the end of the text (never more than a window's width of steps)."""
    if word == 0:
        return 0
    anchor_word, anchor = n_words, len(text) + 1
    for index, begin, _ in marked:
        if index >= word:
            anchor_word, anchor = index, begin
            break
    pos = anchor - 1  # the space before the anchor word
    for _ in range(anchor_word - word):
        pos = text.rfind(" ", 0, pos)
    return pos + 1


def _learn(memo: dict[str, bool], tokens: list[str], highlight: frozenset[str]) -> None:
    """Put :func:`_asked`'s answer for each token not yet in ``memo`` there."""
    for token in set(tokens).difference(memo):
        memo[token] = _asked(token, highlight)


_PUNCTUATION = ".,;:!?()[]{}\"'«»“”‘’…-–—/"


def _asked(token: str, highlight: frozenset[str]) -> bool:
    """Whether a token without markers holds a word the query asked for, in any inflection.

    Runs for every token of every snippet window, so the common case (one plain word with punctuation around
    it) is a strip and two set lookups; ``lemma`` is cached. Tokens of several words fall back to the regex.
    """
    word = token.strip(_PUNCTUATION).lower()
    if word.isalnum():
        return word in highlight or lemma(word) in highlight
    return any(w in highlight or lemma(w) in highlight for w in WORD.findall(word))


_BALANCED = re.compile(f"[^{HIGHLIGHT_PRE}{HIGHLIGHT_POST}]*(?:{HIGHLIGHT_PRE}[^{HIGHLIGHT_PRE}{HIGHLIGHT_POST}]*"
                       f"{HIGHLIGHT_POST}[^{HIGHLIGHT_PRE}{HIGHLIGHT_POST}]*)*", re.DOTALL)


def _plain(token: str) -> str:
    return token.replace(HIGHLIGHT_PRE, "").replace(HIGHLIGHT_POST, "")


def _balanced(text: str) -> str:
    """Drop unpaired markers (a highlight Meilisearch spread over several tokens and the crop cut)."""
    if _BALANCED.fullmatch(text):
        return text  # the common case, checked by the regex engine instead of a loop over every character
    out, open_ = [], False
    for ch in text:
        if ch == HIGHLIGHT_PRE:
            if open_:
                continue
            open_ = True
        elif ch == HIGHLIGHT_POST:
            if not open_:
                continue
            open_ = False
        out.append(ch)
    if open_:
        out.append(HIGHLIGHT_POST)
    return "".join(out)


def _hit(
    raw: dict[str, Any],
    passage: str | None,
    highlight: frozenset[str] = frozenset(),
    memo: dict[str, bool] | None = None,
) -> dict[str, Any]:
    text = passage if passage is not None else str(raw.get("opening") or "")
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
        "snippet": snippet_html(_balanced(crop_snippet(text, highlight, memo=memo))),
    }


def passages_by_ruling(response: dict[str, Any] | None) -> dict[int, str]:
    """``{ruling_id: highlighted passage}`` from the answer to :func:`snippet_request`."""
    out: dict[int, str] = {}
    for hit in (response or {}).get("hits") or []:
        text = (hit.get("_formatted") or {}).get("text")
        if "ruling_id" in hit and text is not None:
            out.setdefault(int(hit["ruling_id"]), str(text))
    return out


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


def _bookmarked(query: SearchQuery) -> bool:
    return query.after is not None and query.effective_sort() in _KEYSET


def _next_cursor(query: SearchQuery, hits: list[dict[str, Any]]) -> str | None:
    """A bookmark after the last hit in the orders that have one, else the next position."""
    order = query.effective_sort()
    if order in _KEYSET and hits and "ruling_id" in hits[-1]:
        value = hits[-1].get(_KEYSET[order][0])
        return encode_cursor(query, query.page + 1, (value, int(hits[-1]["ruling_id"])))
    return encode_cursor(query, query.page + 1)


def parse_results(
    query: SearchQuery,
    responses: list[dict[str, Any]],
    *,
    passages: dict[int, str] | None = None,
    exact_match: bool = False,
) -> SearchResult:
    """Merge the responses of :func:`build_requests` and the passages of :func:`passages_by_ruling` into one
    :class:`SearchResult`."""
    main = responses[0]
    counts = responses[1] if _bookmarked(query) else main
    distribution: dict[str, Any] = dict(counts.get("facetDistribution") or {})
    extra = iter(responses[2:] if counts is not main else responses[1:])
    selected = query.selected()
    counted = query.counted()
    for facet, values in selected.items():
        if values and facet in counted:
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
        if facet in counted
    }
    highlight = frozenset() if exact_match else parse_text(query.q).highlight
    passages = passages or {}
    memo: dict[str, bool] = {}
    hits = [_hit(h, passages.get(int(h.get("ruling_id") or 0)), highlight, memo) for h in main.get("hits") or []]
    for hit in hits:
        for t in hit["topics"]:
            labels.setdefault(t["id"], t["label"])
    total = int(counts.get("totalHits") or 0)
    more = query.page * query.per_page < min(total, MAX_TOTAL_HITS)
    return SearchResult(
        total=total,
        page=query.page,
        per_page=query.per_page,
        hits=hits,
        facets=facets,
        topic_labels=labels,
        exact_match=exact_match,
        processing_ms=max(int(r.get("processingTimeMs") or 0) for r in responses),
        next_cursor=_next_cursor(query, main.get("hits") or []) if more else None,
    )
