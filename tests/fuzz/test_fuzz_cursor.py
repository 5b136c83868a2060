"""Properties of the cursor decoder: any token is a page of this search or an ``InvalidParameterError``; cursors
we issue come back as the page and bookmark they were made for, and only for the search they were made for.

Tokens are drawn at three depths: any text, url-safe base64 of any JSON, and well-formed cursors of this very
search (right version and fingerprint, the one thing an attacker can compute too) with odd pages and bookmarks.
Budget and longer campaigns: see :mod:`tests.fuzz`.
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from archive.errors import InvalidParameterError
from search_index.query import MAX_CURSOR_CHARS, SearchPlan, SearchQuery, encode_cursor
from search_index.query.cursor import CURSOR_VERSION, KEYSET, after_clause, next_cursor
from search_index.settings import MAX_TOTAL_HITS
from tests.fuzz.budget import deadline, fuzz
from tests.fuzz.meili_filter import parse
from tests.fuzz.strategies import supported_text, valid_queries

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=2),
    max_leaves=6,
)
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_="


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@st.composite
def tokens(draw: st.DrawFn, query: SearchQuery) -> str:
    """A cursor token for ``query`` (planned): garbage, encoded garbage, or a cursor of this search with odd
    parts."""
    depth = draw(st.sampled_from([0, 1, 2, 3, 3, 3]))
    if depth == 0:
        return draw(st.text(max_size=MAX_CURSOR_CHARS + 20) | st.text(B64, max_size=MAX_CURSOR_CHARS + 20))
    if depth == 1:
        return _b64(draw(st.binary(max_size=150)))
    if depth == 2:
        return _b64(json.dumps(draw(json_values)).encode())
    # A cursor of this search, with at most one of version, page and fingerprint wrong, and a bookmark of any shape.
    fingerprint = json.loads(base64.urlsafe_b64decode(encode_cursor(query, 1) + "==="))[2]
    odd = draw(st.sampled_from(["", "", "", "version", "page", "fingerprint"]))
    number = st.floats() | st.integers() | st.none()
    bookmark = st.tuples(number, st.integers()).map(list)
    key = draw(st.one_of(st.none(), bookmark, bookmark, st.tuples(json_values, json_values).map(list), json_values))
    parts = [draw(json_values) if odd == "version" else CURSOR_VERSION,
             draw(st.integers(1, MAX_TOTAL_HITS // query.per_page) if odd != "page" else json_values),
             draw(st.text(max_size=16)) if odd == "fingerprint" else fingerprint, key]
    return _b64(json.dumps(parts).encode())


def test_a_bookmark_beyond_1e16_is_filter_syntax() -> None:
    # Found by this module: cursor.number wrote 1e16 as "1e+16", which is not filter syntax (fixed).
    query = SearchQuery(sort="amount_desc")
    planned = replace(query, cursor=encode_cursor(query.plan().query, 2, (1e16, 3))).plan()
    assert planned.after is not None
    parse(after_clause(planned.sort, planned.after))  # FilterSyntaxError: '+' outside a string literal


@fuzz(150)
@given(st.data(), valid_queries(text=supported_text))
def test_any_token_is_a_page_of_this_search_or_our_refusal(data: Any, query: SearchQuery) -> None:
    normal = query.plan().query
    token = data.draw(tokens(normal))
    try:
        with deadline(2):
            plan = replace(query, cursor=token).plan()
    except InvalidParameterError as exc:
        assert exc.detail == {"param": "cursor"}
        return
    assert 1 <= plan.page <= MAX_TOTAL_HITS // plan.per_page
    if plan.after is not None:
        value, ruling_id = plan.after
        assert plan.sort in KEYSET and isinstance(ruling_id, int)
        assert value is None or (isinstance(value, int | float) and math.isfinite(value))
        # The bookmark becomes filter syntax: numbers only, readable as Meilisearch reads them.
        conditions = parse(after_clause(plan.sort, plan.after))
        assert all(not v.quoted for c in conditions for v in c.values)


# Any number JSON can carry, with the edges of float formatting (repr switches to exponents at 1e16 and 1e-4).
any_number = st.one_of(st.floats(), st.integers(), st.none(), st.sampled_from(
    [1e16, -1e16, 1e20, 1e300, 1.5e-5, 5e-324, 2.0**53, float(2**63), 10**20, -(10**30)]))


@fuzz(100)
@given(valid_queries(text=supported_text), any_number, st.integers() | any_number)
def test_a_bookmark_of_this_search_is_filter_syntax_or_our_refusal(query: SearchQuery, value: Any, rid: Any) -> None:
    plan = query.plan()
    token = encode_cursor(plan.query, 2, (value, rid))
    if len(token) > MAX_CURSOR_CHARS:
        return
    try:
        planned = replace(query, cursor=token).plan()
    except InvalidParameterError:
        return
    assert planned.after is not None
    conditions = parse(after_clause(planned.sort, planned.after))
    assert all(not v.quoted for c in conditions for v in c.values)


bookmark_values = st.none() | st.integers(19000101, 21001231) | st.floats(0, 1e9) | st.integers(0, 10**9)


@fuzz(100)
@given(valid_queries(text=supported_text), st.integers(1, 50), bookmark_values, st.integers(1, 2**53))
def test_a_cursor_comes_back_as_its_page_and_bookmark(query: SearchQuery, page: int, value: Any, rid: int) -> None:
    plan = query.plan()
    page = min(page, MAX_TOTAL_HITS // plan.per_page)
    after = (value, rid) if plan.sort in KEYSET else None
    again = replace(query, cursor=encode_cursor(plan.query, page, after)).plan()
    assert (again.page, again.after) == (page, after)
    assert again.fingerprint() == plan.fingerprint()
    # The cursor a page of hits hands out points after its last hit, in this order.
    hits: list[dict[str, object]] = [{"ruling_id": rid, **({KEYSET[plan.sort][0]: value} if after else {})}]
    if page < MAX_TOTAL_HITS // plan.per_page:
        following = replace(plan.query, page=page, cursor=None)
        resumed = replace(query, cursor=next_cursor(following, plan.sort, hits)).plan()
        assert (resumed.page, resumed.after) == (page + 1, after)


@fuzz(75)
@given(valid_queries(text=supported_text), valid_queries(text=supported_text), st.integers(1, 5))
def test_a_cursor_is_refused_by_another_search(first: SearchQuery, second: SearchQuery, page: int) -> None:
    a, b = first.plan(), second.plan()
    token = encode_cursor(a.query, page)
    try:
        plan: SearchPlan | None = replace(second, cursor=token).plan()
    except InvalidParameterError:
        plan = None
    if a.fingerprint() == b.fingerprint():
        assert plan is not None and plan.page == page
    else:
        assert plan is None
