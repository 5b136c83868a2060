"""A search as page URLs: its parameters in a stable order without defaults, and links that add or drop one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from urllib.parse import urlencode

from search_index.query import SearchQuery

DEFAULT_PER_PAGE = 20


def query_params(query: SearchQuery, *, page: int | None = None) -> list[tuple[str, str]]:
    """The URL parameters of a search, in a stable order, leaving out defaults (page 1, relevance, 20)."""
    params: list[tuple[str, str]] = []
    if query.q:
        params.append(("q", query.q))
    for name, values in query.selected().items():
        params += [(name, v) for v in values]
    if query.year_from is not None:
        params.append(("year_from", str(query.year_from)))
    if query.year_to is not None:
        params.append(("year_to", str(query.year_to)))
    for name in ("date_from", "date_to", "amount_min", "amount_max"):
        value = getattr(query, name)
        if value is not None:
            params.append((name, value.isoformat() if isinstance(value, date)
                           else f"{value:.2f}".rstrip("0").rstrip(".")))
    if query.sort != "relevance":
        params.append(("sort", query.sort))
    if query.per_page != DEFAULT_PER_PAGE:
        params.append(("per_page", str(query.per_page)))
    if page is not None and page > 1:
        params.append(("page", str(page)))
    return params


def search_url(params: Sequence[tuple[str, str]]) -> str:
    return "/?" + urlencode(list(params)) if params else "/"


def toggle(params: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    pair = (name, value)
    return [p for p in params if p != pair] if pair in params else [*params, pair]


def without(params: list[tuple[str, str]], *names: str) -> list[tuple[str, str]]:
    return [p for p in params if p[0] not in names]
