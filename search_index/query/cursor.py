"""Cursors: opaque tokens for the next page of the same search.

For the orders by date or amount (and a search without words, which lists newest first) a cursor is a
*bookmark*: it holds the last hit's sort value and ruling id, and the next page is "after it" in that order, with
the ruling id as the tie-breaker. Rulings added or removed meanwhile then neither repeat nor skip a ruling; that is
what a feed reader or an export walking a result set needs. Relevance order has no such key in Meilisearch, so
there the cursor is a position, like ``page``. A cursor is bound to its search's parameters (a cursor from another
search is a 422).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
from decimal import Decimal
from typing import TYPE_CHECKING

from archive.errors import InvalidParameterError
from search_index.settings import MAX_TOTAL_HITS

if TYPE_CHECKING:
    from search_index.query.model import SearchQuery

CURSOR_VERSION = 3  # 2: bookmarks for the orders by date and amount; 3: filters by facet name (published_desc
# and published_after were added without a bump: old cursors stay valid, their fingerprints did not change)
MAX_CURSOR_CHARS = 200
# The orders a cursor can bookmark: the sorted attribute and the direction (ruling_id breaks ties).
KEYSET: dict[str, tuple[str, bool]] = {
    "date_desc": ("date", True),
    "date_asc": ("date", False),
    "amount_desc": ("amount_awarded", True),
    "published_desc": ("published_at", True),
}
Bookmark = tuple[float | int | None, int]


def fingerprint(query: SearchQuery) -> str:
    """What a cursor is bound to: every parameter of the search except the position in it."""
    q = query
    parts = {
        "q": q.q, "filters": {k: v for k, v in sorted(q.filters.items()) if v}, "year_from": q.year_from,
        "year_to": q.year_to, "date_from": q.date_from, "date_to": q.date_to, "amount_min": q.amount_min,
        "amount_max": q.amount_max, "per_page": q.per_page, "sort": q.sort, "facets": q.facets,
    }
    if q.published_after is not None:  # only when set, so that the fingerprints of existing cursors do not change
        parts["published_after"] = q.published_after
    raw = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def encode_cursor(query: SearchQuery, page: int, after: Bookmark | None = None) -> str:
    """An opaque token for ``page`` of this exact search (url-safe base64, no padding); ``after`` makes it a
    bookmark."""
    key = None if after is None else [after[0], after[1]]
    raw = json.dumps([CURSOR_VERSION, page, fingerprint(query), key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def decode_cursor(token: str, query: SearchQuery, sort: str) -> tuple[int, Bookmark | None]:
    """The page a cursor points at and its bookmark, if any, for ``query`` (normalised) searched in ``sort``
    order; 422 if it is malformed, from an older version or from another search."""
    bad = InvalidParameterError("cursor is not a cursor of this search", detail={"param": "cursor"})
    if not isinstance(token, str) or not 0 < len(token) <= MAX_CURSOR_CHARS:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        version, page, print_, key = json.loads(raw)
    except (ValueError, TypeError, binascii.Error):
        raise bad from None
    if version != CURSOR_VERSION or not _is_int(page) or print_ != fingerprint(query):
        raise bad
    if not 1 <= page <= MAX_TOTAL_HITS // query.per_page:
        raise bad
    if key is None:
        return int(page), None
    if sort not in KEYSET or not isinstance(key, list) or len(key) != 2:
        raise bad
    value, ruling_id = key
    finite = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not _is_int(ruling_id) or not (value is None or finite):
        raise bad
    return int(page), (value, int(ruling_id))


def number(value: float) -> str:
    """A finite float as a filter literal: digits, '.' and '-' only. ``repr`` writes 1e16 as "1e+16", which
    Meilisearch's filter parser does not read (found by tests/fuzz): such values are written in fixed point."""
    if not math.isfinite(value):
        raise ValueError("filter numbers must be finite")
    text = repr(float(value))
    return format(Decimal(text), "f") if "e" in text else text  # exact: reads back as the same float


def after_clause(sort: str, after: Bookmark) -> str:
    """The filter for "after this bookmark" in ``sort`` order. Rulings without the sort value come last in
    both directions (Meilisearch sorts absent values last), ordered by id among themselves."""
    attribute, descending = KEYSET[sort]
    value, ruling_id = after
    before = "<" if descending else ">"
    rid = int(ruling_id)
    if value is None:
        return f"{attribute} NOT EXISTS AND ruling_id {before} {rid}"
    literal = number(float(value)) if isinstance(value, float) else str(int(value))
    return (
        f"{attribute} {before} {literal} OR ({attribute} = {literal} AND ruling_id {before} {rid}) "
        f"OR {attribute} NOT EXISTS"
    )


def next_cursor(query: SearchQuery, sort: str, hits: list[dict[str, object]]) -> str:
    """A bookmark after the last hit in the orders that have one, else the next position."""
    if sort in KEYSET and hits and "ruling_id" in hits[-1]:
        value = hits[-1].get(KEYSET[sort][0])
        return encode_cursor(query, query.page + 1, (value, int(hits[-1]["ruling_id"])))  # type: ignore[arg-type, call-overload]
    return encode_cursor(query, query.page + 1)
