"""The request dependencies every route shares, the JSON API's and the pages' alike: the service, and a search's
query parameters validated into a :class:`~search_index.query.SearchPlan`."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, get_origin

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model
from starlette.datastructures import QueryParams

from app.service import ArchiveService
from search_index.facets import FACET_NAMES, SELECTABLE, Facet
from search_index.query import (
    DEFAULT_PER_PAGE,
    MAX_AMOUNT,
    MAX_CURSOR_CHARS,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    MAX_YEAR,
    MIN_YEAR,
    SearchPlan,
    SearchQuery,
    SortName,
)


async def get_service(request: Request) -> ArchiveService:
    # async so FastAPI calls it on the event loop: a plain def dependency is sent to the thread pool on every
    # request, a hand-off that costs more than the work here and queues under load.
    return request.app.state.service  # type: ignore[no-any-return]


class _Params(BaseModel):
    model_config = ConfigDict(extra="ignore")

    q: str = Field("", max_length=MAX_QUERY_CHARS, description='Full-text query. Dutch inflections match ("kroon" '
                   'finds "kronen"); "exact phrase"; -woord or NOT woord drops every ruling containing the word (or '
                   'its inflections); -"phrase" likewise; AND asks for every word; a statute citation ("art. 114 '
                   'Zvw", "7:942 BW") finds the rulings citing it. OR and parentheses are refused (422)')
    year_from: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    year_to: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    date_from: date | None = Field(None, description="Decided on or after (ISO date)")
    date_to: date | None = Field(None, description="Decided on or before (ISO date)")
    amount_min: float | None = Field(None, ge=0, le=MAX_AMOUNT, allow_inf_nan=False,
                                     description="Amount awarded at least (euros)")
    amount_max: float | None = Field(None, ge=0, le=MAX_AMOUNT, allow_inf_nan=False,
                                     description="Amount awarded at most (euros)")
    sort: SortName = Field("relevance", description="relevance (newest first when there is no query), date_desc, "
                                                     "date_asc, amount_desc, published_desc (newest in the archive "
                                                     "first)")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE)
    cursor: str | None = Field(None, max_length=MAX_CURSOR_CHARS, description="next_cursor of a previous response "
                               "of the same search; instead of page")


def _one_of(values: tuple[str, ...] | None) -> Any:
    """A closed vocabulary as a Literal (so the OpenAPI document lists the values), an open one as str."""
    return Literal.__getitem__(values) if values else str  # type: ignore[attr-defined]


def _facet_field(facet: Facet) -> tuple[Any, Any]:
    return list[_one_of(facet.values)], Field([], description=facet.description)  # type: ignore[misc]


# The query parameters every search endpoint (and the search page) accepts: one declaration, derived from the facet
# registry, for the OpenAPI description and for validation (:func:`search_params`).
SearchParams: type[BaseModel] = create_model(  # type: ignore[call-overload]
    "SearchParams", __base__=_Params, **{f.name: _facet_field(f) for f in SELECTABLE},
    facet=(list[_one_of(FACET_NAMES)],  # type: ignore[misc]
           Field([], description="Facets to count; repeat; default all. Fewer is faster")),
)
_REPEATABLE = frozenset(name for name, f in SearchParams.model_fields.items() if get_origin(f.annotation) is list)
_FIELDS = frozenset(SearchParams.model_fields)


async def search_params(request: Request) -> SearchPlan:
    """The search parameters of the request, validated into a :class:`SearchPlan`.

    Pydantic checks types and bounds in one call on the whole query string; :meth:`SearchQuery.plan` checks the
    rest (vocabularies, ranges in order, value counts and lengths, the cursor, the query language), so that every
    search endpoint fails the same way, with a 422 in the one error shape, before a response starts (exports
    stream).

    Why not FastAPI's own parameter declarations: FastAPI validates each of the 20 parameters on its own, about
    0.1 ms per request, a tenth of the API's CPU per search under load; this is about 0.01 ms. The API routes
    document the parameters with :func:`app.api.search_openapi`, which FastAPI writes from :data:`SearchParams`.
    ``async`` although it never awaits: it runs on the event loop instead of a thread-pool hand-off.
    """
    return plan_search(request.query_params)


def plan_search(raw: QueryParams) -> SearchPlan:
    """:func:`search_params` of a query string outside a request (a stored alert's search): the same validation,
    the same errors (``RequestValidationError`` for types and bounds, with their context (the limit a Dutch
    message names), ``InvalidParameterError`` for the rest)."""
    # Every list parameter given, empty when absent: pydantic deep-copies a mutable default on each validation
    # (8 lists per search), and an empty list validates to the same value.
    given: dict[str, Any] = {name: [] for name in _REPEATABLE}
    given.update({name: raw.getlist(name) if name in _REPEATABLE else raw[name]
                  for name in raw.keys() if name in _FIELDS})  # noqa: SIM118 - a multidict
    try:
        p: Any = SearchParams.model_validate(given)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("query", *e["loc"])} for e in exc.errors(include_url=False)]
        ) from None
    return SearchQuery(
        q=p.q.strip(), filters={f.name: list(getattr(p, f.name)) for f in SELECTABLE}, year_from=p.year_from,
        year_to=p.year_to, date_from=p.date_from, date_to=p.date_to, amount_min=p.amount_min,
        amount_max=p.amount_max, sort=p.sort, page=p.page, per_page=p.per_page, cursor=p.cursor,
        facets=list(p.facet),
    ).plan()
