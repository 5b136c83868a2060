"""JSON API under /api/v1. Thin: validates parameters and calls :mod:`app.service`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

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


async def search_params(
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS, description='Full-text query. Dutch inflections match '
                            '("kroon" finds "kronen"); "exact phrase"; -woord drops every ruling containing the '
                            'word (or its inflections); -"phrase" likewise')] = "",
    topic: Annotated[list[str], Query(description="Topic id; repeat for OR")] = [],  # noqa: B006
    insurer: Annotated[list[str], Query(description="Insurer (normalised brand); repeat for OR")] = [],  # noqa: B006
    outcome: Annotated[list[str], Query(description="Outcome; repeat for OR")] = [],  # noqa: B006
    source: Annotated[list[str], Query(description="Source: skgz, rechtspraak")] = [],  # noqa: B006
    reference: Annotated[list[str], Query(description='Canonical legal reference id, e.g. "zvw:114:2"; repeat for '
                                                      "OR")] = [],  # noqa: B006
    care_type: Annotated[list[str], Query(description="Care type; repeat for OR")] = [],  # noqa: B006
    country: Annotated[list[str], Query(description="Country of treatment; repeat for OR")] = [],  # noqa: B006
    insurance_type: Annotated[list[InsuranceType], Query(description="basis, aanvullend, basis en aanvullend, "
                                                                     "onbekend; repeat for OR")] = [],  # noqa: B006
    year_from: Annotated[int | None, Query(ge=MIN_YEAR, le=MAX_YEAR)] = None,
    year_to: Annotated[int | None, Query(ge=MIN_YEAR, le=MAX_YEAR)] = None,
    date_from: Annotated[date | None, Query(description="Decided on or after (ISO date)")] = None,
    date_to: Annotated[date | None, Query(description="Decided on or before (ISO date)")] = None,
    amount_min: Annotated[float | None, Query(ge=0, le=MAX_AMOUNT, allow_inf_nan=False,
                                              description="Amount awarded at least (euros)")] = None,
    amount_max: Annotated[float | None, Query(ge=0, le=MAX_AMOUNT, allow_inf_nan=False,
                                              description="Amount awarded at most (euros)")] = None,
    sort: Annotated[SortName, Query(description="relevance (newest first when there is no query), date_desc, "
                                                "date_asc, amount_desc")] = "relevance",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 20,
    cursor: Annotated[str | None, Query(max_length=MAX_CURSOR_CHARS, description="next_cursor of a previous "
                                        "response of the same search; instead of page")] = None,
    facet: Annotated[list[FacetName], Query(description="Facets to count; repeat; default all. Fewer is "
                                                        "faster")] = [],  # noqa: B006
) -> SearchQuery:
    """The search parameters every search endpoint (and the search page) accepts, validated.

    FastAPI checks types and bounds; :meth:`SearchQuery.validated` checks the rest (closed vocabularies, ranges
    in order, value lengths, the cursor) so that every search endpoint fails the same way, with a 422 in the one
    error shape, before a response starts (exports stream). ``async`` although it never awaits: it is quick
    and pure, so it runs on the event loop instead of a thread-pool hand-off per request.
    """
    for name, values in (("topic", topic), ("insurer", insurer), ("outcome", outcome), ("source", source),
                         ("reference", reference), ("care_type", care_type), ("country", country),
                         ("insurance_type", insurance_type)):
        if len(values) > MAX_FILTER_VALUES:
            raise InvalidParameterError(f"at most {MAX_FILTER_VALUES} values for {name!r}", detail={"param": name})
    query = SearchQuery(q=q.strip(), topics=list(topic), insurers=list(insurer), outcomes=list(outcome),
                        sources=list(source), references=list(reference), care_types=list(care_type),
                        countries=list(country), insurance_types=list(insurance_type), year_from=year_from,
                        year_to=year_to, date_from=date_from, date_to=date_to, amount_min=amount_min,
                        amount_max=amount_max, sort=sort, page=page, per_page=per_page, cursor=cursor,
                        facets=list(facet))
    return query.validated()


@router.get("/search", response_model=SearchResponse, summary="Faceted full-text search")
async def search(query: Annotated[SearchQuery, Depends(search_params)],
                 service: Annotated[ArchiveService, Depends(get_service)]) -> Response:
    # Serialised once, from plain values (ArchiveService.search_json): returning a model would make FastAPI dump
    # it, validate the dump against response_model again and dump that. response_model still documents the
    # shape, and the schemathesis test and tests/integration/test_api.py check responses against it.
    return Response(await service.search_json(query), media_type="application/json")


@router.get("/facets", response_model=dict[str, dict[str, int]], summary="Facet counts for a search")
async def facets(query: Annotated[SearchQuery, Depends(search_params)],
                 service: Annotated[ArchiveService, Depends(get_service)]) -> dict[str, dict[str, int]]:
    result = await service.search(replace(query, page=1, per_page=1))
    return result.facets


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/search/export", summary="Export a whole result set as CSV or JSON Lines (streamed, capped)",
            response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}})
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
            responses={200: {"content": {"application/atom+xml": {}}}})
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
