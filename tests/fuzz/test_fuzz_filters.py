"""Properties of the filter builder: no value a user supplies can leave its string literal.

Every filter expression the builder makes (each clause, the AND of them, every request of a search: the main
one, a bookmark page's, the disjunctive facet counts) is read back with :mod:`tests.fuzz.meili_filter`, an
independent reader of Meilisearch's filter syntax, and must hold: only the index's filterable attributes, facet
values only inside quoted literals that decode back to exactly the values asked for, and unquoted values only as
numbers. Budget and longer campaigns: see :mod:`tests.fuzz`.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from search_index.facets import BY_NAME, SELECTABLE
from search_index.query import SearchPlan, build_requests, filter_clauses, quote
from search_index.query.cursor import KEYSET, Bookmark, encode_cursor
from search_index.query.requests import filter_expression
from search_index.settings import FILTERABLE_ATTRIBUTES
from tests.fuzz.budget import deadline, fuzz
from tests.fuzz.meili_filter import Condition, Literal, parse, tokenize
from tests.fuzz.strategies import any_char, filter_value, supported_text, syntax_text, valid_queries

FACET_BY_ATTRIBUTE = {f.attribute: f.name for f in SELECTABLE}


@fuzz(200)
@given(st.text(any_char, max_size=300) | syntax_text)
def test_a_quoted_value_is_one_literal_that_decodes_back(value: str) -> None:
    tokens = tokenize(quote(value))
    assert [(t.kind, t.text) for t in tokens] == [("string", value)]
    # Whatever the value holds, the expression around it keeps its shape.
    expression = f"insurer IN [{quote(value)}, {quote(value + ']')}] AND (year = 2020 OR insurer = {quote(value)})"
    assert parse(expression) == [
        Condition("insurer", "IN", (Literal(True, value), Literal(True, value + "]"))),
        Condition("year", "=", (Literal(False, "2020"),)),
        Condition("insurer", "=", (Literal(True, value),)),
    ]


def _numbers(plan: SearchPlan) -> list[float]:
    q = plan.query
    dates = [int(d.strftime("%Y%m%d")) for d in (q.date_from, q.date_to) if d is not None]
    return [float(v) for v in (q.year_from, q.year_to, *dates, q.amount_min, q.amount_max) if v is not None]


def check_expression(expression: str, plan: SearchPlan, *, exclude: str | None, identifier: str | None) -> None:
    """What must hold of one filter expression built for ``plan`` (see the module doc)."""
    conditions = parse(expression)
    quoted: Counter[str] = Counter()
    unquoted: list[float] = []
    for cond in conditions:
        assert cond.attribute in FILTERABLE_ATTRIBUTES, cond
        if cond.operator == "IN":
            name = FACET_BY_ATTRIBUTE[cond.attribute]
            assert name != exclude
            assert [v.value for v in cond.values] == plan.query.filters[name], cond
            assert all(v.quoted for v in cond.values), cond
        for literal in cond.values:
            if literal.quoted:
                quoted[literal.value] += 1
            else:  # only numbers we formatted: digits, '.', '-', 'e'
                assert set(literal.value) <= set("0123456789.-e"), literal
                number = float(literal.value)
                assert math.isfinite(number), literal
                unquoted.append(number)
    expected = Counter(v for name, values in plan.query.filters.items() if name != exclude for v in values)
    expected.update(plan.text.references)
    if identifier is not None:
        expected[identifier] += 1
    assert quoted == expected, (expression, quoted, expected)
    for number in _numbers(plan):
        assert number in unquoted, (expression, number)


@st.composite
def plans(draw: st.DrawFn) -> SearchPlan:
    """A valid search, on a later page through a cursor (with a bookmark in the orders that have one)."""
    plan = draw(valid_queries(text=supported_text)).plan()
    if draw(st.booleans()):
        after: Bookmark | None = None
        if plan.sort in KEYSET and draw(st.booleans()):
            value = draw(st.none() | st.integers(19000101, 21001231) | st.floats(0, 1e9) | st.integers(0, 10**9))
            after = (value, draw(st.integers(1, 2**53)))
        plan = plan.replace(cursor=encode_cursor(plan.query, draw(st.integers(1, 5)), after))
        assert plan.after == after
    return plan


@fuzz(150)
@given(plans(), st.none() | filter_value, st.data())
def test_no_filter_value_escapes_its_quoting(plan: SearchPlan, identifier: str | None, data: Any) -> None:
    exclude = data.draw(st.none() | st.sampled_from([f.name for f in SELECTABLE]))
    with deadline(2):
        clauses = filter_clauses(plan, exclude_facet=exclude, identifier=identifier)
        expression = filter_expression(clauses)
    for clause in clauses:  # each clause alone is a complete expression
        parse(clause)
    if expression is not None:
        check_expression(expression, plan, exclude=exclude, identifier=identifier)
    else:
        assert not plan.query.filters and not plan.text.references and identifier is None and not _numbers(plan)


@fuzz(100)
@given(plans(), st.none() | filter_value.map(lambda v: v.strip()).filter(bool))
def test_every_request_of_a_search_is_safe(plan: SearchPlan, identifier: str | None) -> None:
    with deadline(2):
        requests = build_requests("rulings", plan, identifier=identifier)
    main, rest = requests[0], requests[1:]
    bookmarked = plan.bookmarked
    counts = rest[:1] if bookmarked else []
    facet_requests = rest[len(counts):]
    if bookmarked:  # the bookmark adds its own clause (numbers only) after the search's
        conditions = parse(main["filter"])
        own = parse(counts[0]["filter"]) if "filter" in counts[0] else []
        assert conditions[:len(own)] == own
        for cond in conditions[len(own):]:
            assert cond.attribute in (KEYSET[plan.sort][0], "ruling_id") and not any(v.quoted for v in cond.values)
    for request in [*([] if bookmarked else [main]), *counts]:
        if "filter" in request:
            check_expression(request["filter"], plan, exclude=None, identifier=identifier)
    selected = [name for name, values in plan.query.filters.items() if values and name in plan.counted]
    assert [r["facets"] for r in facet_requests] == [[BY_NAME[name].counted] for name in selected]
    for name, request in zip(selected, facet_requests, strict=True):
        if "filter" in request:
            check_expression(request["filter"], plan, exclude=name, identifier=identifier)
