"""JSON API under /api/v1. Thin: validates parameters and calls :mod:`app.service`."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal, get_origin

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app import feeds
from app.schemas import (
    ErrorResponse,
    HealthResponse,
    RulingPublic,
    SearchResponse,
    SimilarRuling,
    StatsResponse,
)
from app.service import EXPORT_CAP, ArchiveService
from archive.domain import InsuranceType
from archive.errors import InvalidParameterError
from search_index.query import (
    MAX_AMOUNT,
    MAX_CURSOR_CHARS,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    MAX_YEAR,
    MIN_YEAR,
    FacetName,
    SearchQuery,
)
from search_index.settings import MAX_TOTAL_HITS

MAX_PAGE = MAX_TOTAL_HITS  # page * per_page <= MAX_TOTAL_HITS is checked by SearchQuery.validated
MAX_FILTER_VALUES = 20
SortName = Literal["relevance", "date_desc", "date_asc", "amount_desc"]


router = APIRouter(prefix="/api/v1", responses={422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}})


async def get_service(request: Request) -> ArchiveService:
    # async so FastAPI calls it on the event loop: a plain def dependency is sent to the thread pool on every
    # request, a hand-off that costs more than the work here and queues under load.
    return request.app.state.service  # type: ignore[no-any-return]


class SearchParams(BaseModel):
    """The query parameters every search endpoint (and the search page) accepts: one declaration for the OpenAPI
    description and for validation (:func:`search_params`)."""

    model_config = ConfigDict(extra="ignore")

    q: str = Field("", max_length=MAX_QUERY_CHARS, description='Full-text query. Dutch inflections match ("kroon" '
                   'finds "kronen"); "exact phrase"; -woord drops every ruling containing the word (or its '
                   'inflections); -"phrase" likewise')
    topic: list[str] = Field([], description="Topic id; repeat for OR")
    insurer: list[str] = Field([], description="Insurer (normalised brand); repeat for OR")
    outcome: list[str] = Field([], description="Outcome; repeat for OR")
    source: list[str] = Field([], description="Source: skgz, rechtspraak")
    reference: list[str] = Field([], description='Canonical legal reference id, e.g. "zvw:114:2"; repeat for OR')
    care_type: list[str] = Field([], description="Care type; repeat for OR")
    country: list[str] = Field([], description="Country of treatment; repeat for OR")
    insurance_type: list[InsuranceType] = Field([], description="basis, aanvullend, basis en aanvullend, onbekend; "
                                                                "repeat for OR")
    year_from: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    year_to: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    date_from: date | None = Field(None, description="Decided on or after (ISO date)")
    date_to: date | None = Field(None, description="Decided on or before (ISO date)")
    amount_min: float | None = Field(None, ge=0, le=MAX_AMOUNT, allow_inf_nan=False,
                                     description="Amount awarded at least (euros)")
    amount_max: float | None = Field(None, ge=0, le=MAX_AMOUNT, allow_inf_nan=False,
                                     description="Amount awarded at most (euros)")
    sort: SortName = Field("relevance", description="relevance (newest first when there is no query), date_desc, "
                                                     "date_asc, amount_desc")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE)
    cursor: str | None = Field(None, max_length=MAX_CURSOR_CHARS, description="next_cursor of a previous response "
                               "of the same search; instead of page")
    facet: list[FacetName] = Field([], description="Facets to count; repeat; default all. Fewer is faster")


_REPEATABLE = frozenset(name for name, f in SearchParams.model_fields.items() if get_origin(f.annotation) is list)


async def search_params(request: Request) -> SearchQuery:
    """The search parameters of the request, validated.

    Pydantic checks types and bounds in one call on the whole query string; :meth:`SearchQuery.validated` checks
    the rest (closed vocabularies, ranges in order, value lengths, the cursor), so that every search endpoint
    fails the same way, with a 422 in the one error shape, before a response starts (exports stream).

    Why not FastAPI's own parameter declarations: FastAPI validates each of the 20 parameters on its own, about
    0.1 ms per request, a tenth of the API's CPU per search under load; this is about 0.01 ms. The routes document
    the parameters with :data:`SEARCH_OPENAPI`, which FastAPI writes from :class:`SearchParams` itself.
    ``async`` although it never awaits: it runs on the event loop instead of a thread-pool hand-off.
    """
    raw = request.query_params
    given = {name: raw.getlist(name) if name in _REPEATABLE else raw[name]
             for name in raw.keys() if name in SearchParams.model_fields}  # noqa: SIM118 - a multidict
    try:
        p = SearchParams.model_validate(given)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("query", *e["loc"])} for e in exc.errors(include_url=False, include_context=False)]
        ) from None
    for name in _REPEATABLE:
        if len(getattr(p, name)) > MAX_FILTER_VALUES:
            raise InvalidParameterError(f"at most {MAX_FILTER_VALUES} values for {name!r}", detail={"param": name})
    query = SearchQuery(q=p.q.strip(), topics=p.topic, insurers=p.insurer, outcomes=p.outcome, sources=p.source,
                        references=p.reference, care_types=p.care_type, countries=p.country,
                        insurance_types=list(p.insurance_type), year_from=p.year_from, year_to=p.year_to,
                        date_from=p.date_from, date_to=p.date_to, amount_min=p.amount_min, amount_max=p.amount_max,
                        sort=p.sort, page=p.page, per_page=p.per_page, cursor=p.cursor, facets=list(p.facet))
    return query.validated()


def _query_parameters_openapi(model: type[BaseModel]) -> list[dict[str, Any]]:
    """The OpenAPI ``parameters`` FastAPI writes for ``model`` declared as query parameters, references inlined."""
    def operation(params: BaseModel) -> None:
        del params

    # The real annotation, not the string this module's ``from __future__ import annotations`` would leave.
    operation.__annotations__ = {"params": Annotated[model, Query()], "return": None}
    doc = FastAPI()
    doc.get("/")(operation)
    spec = doc.openapi()
    schemas = spec.get("components", {}).get("schemas", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/components/schemas/"):
                return inline(schemas[ref.rsplit("/", 1)[1]])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return inline(spec["paths"]["/"]["get"]["parameters"])  # type: ignore[no-any-return]


_SEARCH_PARAMETERS = _query_parameters_openapi(SearchParams)


def search_openapi() -> dict[str, Any]:
    """``openapi_extra`` of a route taking :func:`search_params`: its parameters, as FastAPI would document them."""
    return {"parameters": copy.deepcopy(_SEARCH_PARAMETERS)}


@router.get("/search", response_model=SearchResponse, summary="Faceted full-text search",
            openapi_extra=search_openapi())
async def search(query: Annotated[SearchQuery, Depends(search_params)],
                 service: Annotated[ArchiveService, Depends(get_service)]) -> Response:
    # Serialised once, from plain values (ArchiveService.search_json): returning a model would make FastAPI dump
    # it, validate the dump against response_model again and dump that. response_model still documents the
    # shape, and the schemathesis test and tests/integration/test_api.py check responses against it.
    return Response(await service.search_json(query), media_type="application/json")


@router.get("/facets", response_model=dict[str, dict[str, int]], summary="Facet counts for a search",
            openapi_extra=search_openapi())
async def facets(query: Annotated[SearchQuery, Depends(search_params)],
                 service: Annotated[ArchiveService, Depends(get_service)]) -> dict[str, dict[str, int]]:
    result = await service.search(replace(query, page=1, per_page=1))
    return result.facets


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/search/export", summary="Export a whole result set as CSV or JSON Lines (streamed, capped)",
            response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}}, openapi_extra=search_openapi())
async def export(request: Request, query: Annotated[SearchQuery, Depends(search_params)],
                 service: Annotated[ArchiveService, Depends(get_service)],
                 format: Annotated[Literal["csv", "jsonl"], Query(description="csv or jsonl")] = "csv",
                 limit: Annotated[int, Query(ge=1, le=EXPORT_CAP, description="maximum rows")] = EXPORT_CAP,
                 ) -> StreamingResponse:
    base = _base_url(request)
    # Fail before the 200 goes out: a search error (e.g. Meilisearch down) must be a proper error response.
    first = await service.search(replace(query, page=1, per_page=1))
    del first

    async def rows():  # type: ignore[no-untyped-def]
        if format == "csv":
            yield "\ufeff" + feeds.csv_header()
        async for hit in service.iter_hits(query, cap=limit):
            row = feeds.export_row(hit.model_dump(mode="json"), base)
            yield feeds.csv_line(row) if format == "csv" else feeds.jsonl_line(row)

    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    name = f"uitspraken.{format}"
    return StreamingResponse(rows(), media_type=media,
                             headers={"content-disposition": f'attachment; filename="{name}"'})


@router.get("/search.atom", summary="An Atom feed of a search, newest first", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}}, openapi_extra=search_openapi())
async def atom(request: Request, query: Annotated[SearchQuery, Depends(search_params)],
               service: Annotated[ArchiveService, Depends(get_service)]) -> Response:
    base = _base_url(request)
    feed_query = replace(query, sort="date_desc" if query.sort == "relevance" else query.sort, page=1,
                         per_page=min(query.per_page, 50))
    result = await service.search(feed_query)
    rows = [feeds.export_row(h.model_dump(mode="json"), base) for h in result.hits]
    qs = request.url.query
    title = "Uitspraken" + (f": {query.q}" if query.q else "")
    html_url = f"{base}/?{qs}" if qs else f"{base}/"
    body = feeds.atom_feed(title=title, self_url=str(request.url), html_url=html_url, rows=rows)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/rulings/{ruling_id}/similar", response_model=list[SimilarRuling],
            summary="Rulings similar by topics, references and text, with the reason",
            responses={404: {"model": ErrorResponse}})
async def similar(ruling_id: Annotated[str, Path(max_length=120)],
                  service: Annotated[ArchiveService, Depends(get_service)],
                  limit: Annotated[int, Query(ge=1, le=50)] = 5) -> list[SimilarRuling]:
    return await service.similar(ruling_id, limit)


@router.get("/rulings/{ruling_id}", response_model=RulingPublic, summary="One anonymised ruling",
            responses={404: {"model": ErrorResponse}})
def get_ruling(ruling_id: Annotated[str, Path(max_length=120)],
               service: Annotated[ArchiveService, Depends(get_service)]) -> RulingPublic:
    return service.get_ruling(ruling_id)


@router.get("/stats", response_model=StatsResponse, summary="Outcome rates by topic, insurer and year")
def stats(service: Annotated[ArchiveService, Depends(get_service)]) -> StatsResponse:
    return service.stats()


health_router = APIRouter()


@health_router.get("/healthz", response_model=HealthResponse, summary="Database and Meilisearch health")
async def healthz(service: Annotated[ArchiveService, Depends(get_service)]) -> JSONResponse:
    report = await service.health()
    return JSONResponse(report, status_code=200 if report["status"] == "ok" else 503)
