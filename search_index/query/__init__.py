"""Search queries, from what a user asked to the result a page shows.

One search flows through these modules, each pure (the index does the I/O):

* :mod:`~search_index.query.model` - :class:`SearchQuery` (what was asked) validated once into a
  :class:`SearchPlan` (normalised parameters, parsed text, the order used, the identifier to probe, the facets to
  count); the limits of a search.
* :mod:`~search_index.query.text` - the query language: words, phrases, exclusions, lemmas.
* :mod:`~search_index.query.cursor` - opaque cursors and bookmarks.
* :mod:`~search_index.query.requests` - Meilisearch request bodies, with filter escaping.
* :mod:`~search_index.query.snippets` - cropping and highlighting passages.
* :mod:`~search_index.query.results` - answers -> :class:`SearchResult` in the public hit shape.

Facets are declared in :mod:`search_index.facets`.
"""

from search_index.query.cursor import MAX_CURSOR_CHARS, encode_cursor
from search_index.query.model import (
    DEFAULT_PER_PAGE,
    MAX_AMOUNT,
    MAX_FILTER_VALUES,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    MAX_YEAR,
    MIN_YEAR,
    SORTS,
    SearchPlan,
    SearchQuery,
    SortName,
    identifier_candidate,
)
from search_index.query.requests import build_requests, filter_clauses, quote, snippet_request
from search_index.query.results import SearchResult, parse_results, passages_by_ruling
from search_index.query.snippets import crop_snippet, snippet_html
from search_index.query.text import ParsedText, parse_text

__all__ = [
    "DEFAULT_PER_PAGE",
    "MAX_AMOUNT",
    "MAX_CURSOR_CHARS",
    "MAX_FILTER_VALUES",
    "MAX_PAGE",
    "MAX_PER_PAGE",
    "MAX_QUERY_CHARS",
    "MAX_YEAR",
    "MIN_YEAR",
    "SORTS",
    "ParsedText",
    "SearchPlan",
    "SearchQuery",
    "SearchResult",
    "SortName",
    "build_requests",
    "crop_snippet",
    "encode_cursor",
    "filter_clauses",
    "identifier_candidate",
    "parse_results",
    "parse_text",
    "passages_by_ruling",
    "quote",
    "snippet_html",
    "snippet_request",
]
