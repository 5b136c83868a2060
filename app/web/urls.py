"""Page URLs of a search (its parameters come from :meth:`SearchPlan.params`)."""

from __future__ import annotations

from collections.abc import Sequence

from search_index.facets import link


def search_url(params: Sequence[tuple[str, str]]) -> str:
    """The search page with these parameters."""
    return link("/", params)
