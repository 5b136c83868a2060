"""Hypothesis strategies for search input: text that leans on the query and filter syntaxes, valid searches, and
parameters of any type (what a caller of :class:`SearchQuery` could pass, unchecked)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from archive.laws import laws
from search_index.facets import SELECTABLE
from search_index.query import MAX_AMOUNT, MAX_YEAR, MIN_YEAR, SORTS, SearchQuery
from search_index.query.model import MAX_DATE, MAX_VALUE_CHARS, MIN_DATE
from search_index.query.text import MAX_EXCLUDED_TERMS

# Characters and words that mean something to Meilisearch's filter or query syntax, or to our query language.
SYNTAX = ['"', "'", "\\", "[", "]", "(", ")", ",", "=", "!", "<", ">", "-", ".", "_", ":", " ", "\t", "\n",
          "AND", "OR", "NOT", "IN", "TO", "EXISTS", "IS", "NULL", "EMPTY", "CONTAINS", "_geoRadius", "\\\"", "\\\\",
          "art.", "artikel", "lid", "114", "7:942", "NOT EXISTS", '" OR insurer = "CZ', "\u00a0", "\u2028", "\x00"]

any_char = st.characters(exclude_categories=["Cs"])  # anything a str can hold that UTF-8 can carry
syntax_text = st.lists(st.sampled_from(SYNTAX) | st.text(any_char, max_size=4), max_size=12).map("".join)
free_text = st.text(any_char, max_size=60) | syntax_text


def _citation(law: dict[str, Any], article: str, lid: int | None, style: int) -> str:
    name = law["names"][0]
    if style == 0:
        return f"art. {article} {name}"
    if style == 1:
        return f"artikel {article}{f' lid {lid}' if lid else ''} {name}"
    return f"{article} {name}"


citations = st.builds(
    _citation, st.sampled_from(laws()), st.from_regex(r"\A[1-9][0-9]{0,2}[a-z]?\Z"),
    st.none() | st.integers(1, 9), st.integers(0, 2),
)
query_text = st.lists(free_text | citations | st.sampled_from(["kronen", "tandarts", "-vergoeding"]),
                      max_size=5).map(" ".join)

# Words, phrases, exclusions, AND and citations, without the refused forms (OR, parentheses) and with at most the
# allowed number of exclusions: such text always parses.
_safe_word = st.text(st.characters(exclude_categories=["Cs"], exclude_characters='()"'), min_size=1,
                     max_size=12).filter(lambda w: w.split() == [w] and w not in ("OR", "NOT"))
_safe_term = (_safe_word | _safe_word.map(lambda w: f'"{w} {w}"') | st.just("AND") | citations
              | _safe_word.map(lambda w: f"-{w}") | _safe_word.map(lambda w: f"NOT {w}"))
supported_text = st.lists(_safe_term, max_size=MAX_EXCLUDED_TERMS).map(" ".join)

filter_value = st.text(any_char, min_size=1, max_size=MAX_VALUE_CHARS) | syntax_text.filter(str.strip)


def _facet_values(facet: Any) -> st.SearchStrategy[list[str]]:
    if facet.values is not None:  # a closed vocabulary: only its values plan
        return st.lists(st.sampled_from(facet.values), max_size=len(facet.values), unique=True)
    return st.lists(filter_value, max_size=4)


filters = st.fixed_dictionaries({}, optional={f.name: _facet_values(f) for f in SELECTABLE})
years = st.none() | st.integers(MIN_YEAR, MAX_YEAR)
dates = st.none() | st.dates(MIN_DATE, MAX_DATE)
amounts = st.none() | st.floats(0, MAX_AMOUNT) | st.integers(0, int(MAX_AMOUNT))


def _ordered(low: Any, high: Any) -> tuple[Any, Any]:
    return (high, low) if low is not None and high is not None and low > high else (low, high)


@st.composite
def valid_queries(draw: st.DrawFn, *, text: st.SearchStrategy[str] = query_text) -> SearchQuery:
    """A search that plans unless its text does (``OR``, parentheses, too many exclusions)."""
    year_from, year_to = _ordered(draw(years), draw(years))
    date_from, date_to = _ordered(draw(dates), draw(dates))
    amount_min, amount_max = _ordered(draw(amounts), draw(amounts))
    return SearchQuery(
        q=draw(text), filters=draw(filters), year_from=year_from, year_to=year_to, date_from=date_from,
        date_to=date_to, amount_min=amount_min, amount_max=amount_max,
        per_page=draw(st.sampled_from([1, 20, 100]) | st.integers(1, 100)), sort=draw(st.sampled_from(SORTS)),
    )


# Values of any type, for the parameters a caller passes unchecked (datetimes too: they once were a TypeError).
scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(any_char, max_size=20)
           | st.dates() | st.datetimes() | st.binary(max_size=8))
anything = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=12) | st.sampled_from([f.name for f in SELECTABLE]), inner, max_size=3), max_leaves=4)
# Valid values (ranges open at the top, so any drawn bottom fits): the odd fields are what is tested.
_USUAL: dict[str, st.SearchStrategy[Any]] = {
    "q": supported_text, "filters": filters, "year_from": years, "year_to": st.none() | st.just(MAX_YEAR),
    "date_from": dates, "date_to": st.none() | st.just(MAX_DATE), "amount_min": amounts,
    "amount_max": st.none() | st.just(MAX_AMOUNT), "page": st.integers(1, 5), "per_page": st.integers(1, 100),
    "sort": st.sampled_from(SORTS), "cursor": st.none(),
    "facets": st.lists(st.sampled_from([f.name for f in SELECTABLE]), max_size=4),
}


@st.composite
def arbitrary_queries(draw: st.DrawFn) -> SearchQuery:
    """A :class:`SearchQuery` with one or two fields of any type, the others of their type but possibly out of
    range (one odd field at a time reaches the check of that field, past the checks before it)."""
    odd = draw(st.sets(st.sampled_from(sorted(_USUAL)), min_size=1, max_size=2))
    return SearchQuery(**{name: draw(anything if name in odd else usual) for name, usual in _USUAL.items()})
