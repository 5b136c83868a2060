"""Page URLs of a search (its parameters come from :meth:`SearchPlan.params`)."""

from __future__ import annotations

from collections.abc import Sequence

from search_index.facets import link


def search_url(params: Sequence[tuple[str, str]]) -> str:
    """The search page with these parameters."""
    return link("/", params)


FEED_PATH = "/api/v1/search.atom"
ADVANCED_PATH = "/uitgebreid-zoeken"
EXPORT_PATH = "/api/v1/search/export"


def feed_url(params: Sequence[tuple[str, str]]) -> str:
    """The Atom feed of this search (newest additions first, so its own order, page and cursor are dropped)."""
    return link(FEED_PATH, [p for p in params if p[0] not in ("page", "sort", "cursor")])


def advanced_url(params: Sequence[tuple[str, str]]) -> str:
    """The advanced search form, filled in with this search."""
    return link(ADVANCED_PATH, [p for p in params if p[0] not in ("page", "cursor")])


def export_url(params: Sequence[tuple[str, str]]) -> str:
    """This search's results as a spreadsheet for Dutch Excel with Dutch column names (in the search's order; all
    pages, up to the export's cap)."""
    return link(EXPORT_PATH, [p for p in params if p[0] not in ("page", "per_page", "cursor")]
                + [("format", "csv-nl"), ("header", "nl")])
