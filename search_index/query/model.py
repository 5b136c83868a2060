"""What a user asks for (:class:`SearchQuery`) and the one validated form everything downstream reads
(:class:`SearchPlan`), with the limits of a search declared once.

A search is validated once: :meth:`SearchQuery.plan` checks and normalises every parameter, parses the query
text, resolves a cursor into its page and bookmark and picks the order actually used. The request builder, the
result parser, cursors, the API and the pages all read the plan; nothing re-validates or re-parses it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal, get_args

from archive.errors import InvalidParameterError
from search_index.documents import compact_identifier
from search_index.facets import BY_NAME, FACET_NAMES, SELECTABLE
from search_index.query.cursor import KEYSET, Bookmark, decode_cursor, fingerprint
from search_index.query.text import ParsedText, parse_text
from search_index.settings import MAX_TOTAL_HITS

SortName = Literal["relevance", "date_desc", "date_asc", "amount_desc", "published_desc"]
SORTS: tuple[str, ...] = get_args(SortName)

MAX_QUERY_CHARS = 500
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
MAX_FILTER_VALUES = 20  # values per facet parameter
MAX_VALUE_CHARS = 200
MIN_YEAR, MAX_YEAR = 1900, 2100
MIN_DATE, MAX_DATE = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)
MAX_AMOUNT = 1_000_000_000.0
MAX_PAGE = MAX_TOTAL_HITS  # page * per_page <= MAX_TOTAL_HITS is checked by plan()

_IDENTIFIER_HINT = re.compile(r"\d")


@dataclass
class SearchQuery:
    """What a user asked for, unchecked. ``filters``: selected values per facet name (``{"topic": [...]}``);
    lists are OR-ed within a facet and AND-ed across facets.

    Ranges are inclusive. ``date_from``/``date_to`` bound the decision date, ``year_from``/``year_to`` its year
    (both may be given; they AND). ``amount_min``/``amount_max`` bound the amount awarded, so a ruling without an
    amount is left out as soon as either is set. ``cursor`` is an opaque token from a previous response's
    ``next_cursor``; :meth:`plan` turns it back into a page of the same search. ``facets``: the facets to count
    (empty = all).
    """

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    amount_min: float | None = None
    amount_max: float | None = None
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    sort: SortName = "relevance"
    cursor: str | None = None
    facets: list[str] = field(default_factory=list)
    # Only rulings published in the archive after this moment (Unix seconds, exclusive): alert digests. Not a URL
    # parameter of the public search.
    published_after: int | None = None

    def plan(self) -> SearchPlan:
        """The validated plan of this search, or :class:`InvalidParameterError` naming the offending parameter.

        Normalising (trimming, de-duplicating) keeps every value that reaches a filter small and predictable;
        the escaping in :func:`search_index.query.requests.quote` is what makes it safe.
        """
        return _plan(self)


@dataclass(frozen=True)
class SearchPlan:
    """A validated search: the normalised query (its ``cursor`` resolved into ``page`` and ``after``), the parsed
    query text, the order used, the identifier to probe and the facets to count.

    ``after``: the (sort value, ruling id) of the last hit before this page, for the orders by date or amount.
    ``identifier``: the compact form of ``q`` when it could be a case number or ECLI (the index checks whether it
    is one; see :func:`identifier_candidate`).
    """

    query: SearchQuery
    text: ParsedText
    sort: str
    identifier: str | None
    counted: tuple[str, ...]
    after: Bookmark | None = None

    @property
    def q(self) -> str:
        return self.query.q

    @property
    def page(self) -> int:
        return self.query.page

    @property
    def per_page(self) -> int:
        return self.query.per_page

    @property
    def narrows(self) -> bool:
        """Whether the search selects part of the archive (words, filters or ranges), not just orders it."""
        q = self.query
        return bool(q.q or q.filters or any(getattr(q, name) is not None for name in (
            "year_from", "year_to", "date_from", "date_to", "amount_min", "amount_max", "published_after")))

    @property
    def bookmarked(self) -> bool:
        return self.after is not None and self.sort in KEYSET

    def selected(self) -> dict[str, list[str]]:
        """Selected values per facet name; the year facet is selected when ``year_from`` = ``year_to``."""
        out = {f.name: self.query.filters.get(f.name, []) for f in SELECTABLE}
        q = self.query
        out["year"] = [str(q.year_from)] if q.year_from is not None and q.year_from == q.year_to else []
        return out

    def params(self, *, page: int | None = None) -> list[tuple[str, str]]:
        """The URL parameters of this search in a stable order, leaving out defaults (page 1, relevance, 20)."""
        q = self.query
        params: list[tuple[str, str]] = [("q", q.q)] if q.q else []
        for facet in SELECTABLE:
            params += [(facet.name, v) for v in q.filters.get(facet.name, [])]
        for name in ("year_from", "year_to", "date_from", "date_to", "amount_min", "amount_max"):
            value = getattr(q, name)
            if value is None:
                continue
            if isinstance(value, date):
                params.append((name, value.isoformat()))
            elif isinstance(value, float):
                params.append((name, f"{value:.2f}".rstrip("0").rstrip(".")))
            else:
                params.append((name, str(value)))
        if q.sort != "relevance":
            params.append(("sort", q.sort))
        if q.per_page != DEFAULT_PER_PAGE:
            params.append(("per_page", str(q.per_page)))
        if page is not None and page > 1:
            params.append(("page", str(page)))
        return params

    def replace(self, **changes: Any) -> SearchPlan:
        """Another search: this one's query with ``changes`` (e.g. ``page=1, per_page=1``), planned. A cursor
        given in ``changes`` is resolved against the changed query."""
        changes.setdefault("cursor", None)
        if changes["cursor"] is not None:
            changes.setdefault("page", 1)
        return replace(self.query, **changes).plan()

    def fingerprint(self) -> str:
        """What a cursor is bound to: every parameter of the search except the position in it."""
        return fingerprint(self.query)


def identifier_candidate(q: str) -> str | None:
    """The compact form of ``q`` if it could be a case number or ECLI, else ``None``.

    Cheap heuristic on purpose (a digit, at least 5 alphanumerics, at most 8 words): a false positive only costs
    one extra small filter-only query that finds nothing.
    """
    if not q or not _IDENTIFIER_HINT.search(q) or len(q.split()) > 8:
        return None
    compact = compact_identifier(q.strip().strip('"'))
    return compact if len(compact) >= 5 else None


# Validation ----------------------------------------------------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _bad(message: str, param: str) -> InvalidParameterError:
    return InvalidParameterError(message, detail={"param": param})


def _clean_values(name: str, values: Any) -> list[str]:
    if values is None or values == []:  # most facets of most searches: nothing to check
        return []
    if isinstance(values, str) or not isinstance(values, list | tuple | set | frozenset):
        raise _bad(f"{name} must be a list of strings", name)
    cleaned: list[str] = []
    for value in values:
        if not isinstance(value, str):
            raise _bad(f"{name} must be a list of strings", name)
        value = value.strip()
        if not value:
            continue
        if len(value) > MAX_VALUE_CHARS:
            raise _bad(f"a {name} value is longer than {MAX_VALUE_CHARS} characters", name)
        if value not in cleaned:
            cleaned.append(value)
    if len(cleaned) > MAX_FILTER_VALUES:
        raise _bad(f"at most {MAX_FILTER_VALUES} values for {name!r}", name)
    return cleaned


def _check_closed(name: str, values: list[str], allowed: tuple[str, ...]) -> None:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise _bad(f"unknown {name} value(s) {unknown!r}; valid: {', '.join(allowed)}", name)


def _filters(raw: Any) -> dict[str, list[str]]:
    if not isinstance(raw, dict):
        raise _bad("filters must map facet names to lists of values", "filters")
    out: dict[str, list[str]] = {}
    for name, values in raw.items():
        facet = BY_NAME.get(name) if isinstance(name, str) else None
        if facet is None or not facet.selectable:
            raise _bad(f"unknown filter {name!r}", str(name))
        cleaned = _clean_values(name, values)
        if facet.values is not None:
            _check_closed(name, cleaned, facet.values)
        if cleaned:
            out[name] = cleaned
    return {f.name: out[f.name] for f in SELECTABLE if f.name in out}  # canonical order


def _range(q: SearchQuery, low: str, high: str, check: Any, message: str) -> None:
    for name in (low, high):
        value = getattr(q, name)
        if value is not None and not check(value):
            raise _bad(f"{name} {message}", name)
    lo, hi = getattr(q, low), getattr(q, high)
    if lo is not None and hi is not None and lo > hi:
        raise _bad(f"{low} is after {high}" if low != "amount_min" else "amount_min is above amount_max", low)


def _amount(value: Any) -> bool:
    return (not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)
            and 0 <= value <= MAX_AMOUNT)


def _published_after(value: Any) -> int | None:
    if value is None:
        return None
    if not _is_int(value) or value < 0:
        raise _bad("published_after must be a non-negative number of seconds", "published_after")
    return int(value)


def _plan(raw: SearchQuery) -> SearchPlan:
    if not isinstance(raw.q, str | None):
        raise _bad("q must be a string", "q")
    q = " ".join((raw.q or "").split())
    if len(q) > MAX_QUERY_CHARS:
        raise _bad(f"q is longer than {MAX_QUERY_CHARS} characters", "q")
    filters = _filters(raw.filters)
    _range(raw, "year_from", "year_to", lambda v: _is_int(v) and MIN_YEAR <= v <= MAX_YEAR,
           f"must be a year between {MIN_YEAR} and {MAX_YEAR}")
    # A datetime is a date subclass that does not compare with dates (found by tests/fuzz): refused like any other.
    _range(raw, "date_from", "date_to",
           lambda v: isinstance(v, date) and not isinstance(v, datetime) and MIN_DATE <= v <= MAX_DATE,
           f"must be an ISO date between {MIN_DATE} and {MAX_DATE}")
    _range(raw, "amount_min", "amount_max", _amount, f"must be a number of euros between 0 and {MAX_AMOUNT:.0f}")
    if not _is_int(raw.per_page) or not 1 <= raw.per_page <= MAX_PER_PAGE:
        raise _bad(f"per_page must be 1..{MAX_PER_PAGE}", "per_page")
    max_page = MAX_TOTAL_HITS // raw.per_page
    if not _is_int(raw.page) or not 1 <= raw.page <= max_page:
        raise _bad(f"page must be 1..{max_page} with per_page={raw.per_page}", "page")
    if raw.sort not in SORTS:
        raise _bad(f"sort must be one of {', '.join(SORTS)}", "sort")
    facets = _clean_values("facet", raw.facets)
    _check_closed("facet", facets, FACET_NAMES)
    query = SearchQuery(
        q=q, filters=filters, year_from=raw.year_from, year_to=raw.year_to, date_from=raw.date_from,
        date_to=raw.date_to,
        amount_min=None if raw.amount_min is None else float(raw.amount_min),
        amount_max=None if raw.amount_max is None else float(raw.amount_max),
        page=raw.page, per_page=raw.per_page, sort=raw.sort,
        facets=[f for f in FACET_NAMES if f in facets],  # canonical order: one fingerprint per set
        published_after=_published_after(raw.published_after),
    )
    text = parse_text(q)
    # Relevance without words to rank by means newest first.
    sort = "date_desc" if raw.sort == "relevance" and not text.positive else raw.sort
    after: Bookmark | None = None
    if raw.cursor is not None:
        if raw.page != 1:
            raise _bad("give either page or cursor, not both", "cursor")
        query.page, after = decode_cursor(raw.cursor, query, sort)
    return SearchPlan(query=query, text=text, sort=sort, identifier=identifier_candidate(q),
                      counted=tuple(query.facets) or FACET_NAMES, after=after)
