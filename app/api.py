"""JSON API under /api/v1. Thin: validates parameters and calls :mod:`app.service`."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from app.schemas import ErrorResponse, HealthResponse, RulingPublic, SearchResponse, StatsResponse
from app.service import ArchiveService
from archive.domain import OUTCOMES
from archive.errors import InvalidParameterError
from search_index.query import SearchQuery

MAX_QUERY_CHARS = 500
MAX_PAGE = 1000
MAX_PER_PAGE = 100
MAX_FILTER_VALUES = 20
SortName = Literal["relevance", "date_desc", "date_asc", "amount_desc"]

router = APIRouter(prefix="/api/v1", responses={422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}})


def get_service(request: Request) -> ArchiveService:
    return request.app.state.service  # type: ignore[no-any-return]


def search_params(
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS, description="Full-text query")] = "",
    topic: Annotated[list[str], Query(description="Topic id; repeat for OR")] = [],  # noqa: B006
    insurer: Annotated[list[str], Query(description="Insurer (normalised brand); repeat for OR")] = [],  # noqa: B006
    outcome: Annotated[list[str], Query(description="Outcome; repeat for OR")] = [],  # noqa: B006
    source: Annotated[list[str], Query(description="Source: skgz, rechtspraak")] = [],  # noqa: B006
    year_from: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    year_to: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    sort: Annotated[SortName, Query()] = "relevance",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 20,
) -> SearchQuery:
    """The search parameters every search endpoint (and the search page) accepts."""
    for name, values in (("topic", topic), ("insurer", insurer), ("outcome", outcome), ("source", source)):
        if len(values) > MAX_FILTER_VALUES:
            raise InvalidParameterError(f"at most {MAX_FILTER_VALUES} values for {name!r}")
        if any(len(v) > 200 for v in values):
            raise InvalidParameterError(f"a value of {name!r} is longer than 200 characters")
    bad = [o for o in outcome if o not in OUTCOMES]
    if bad:
        raise InvalidParameterError(f"unknown outcome {bad[0]!r}; valid: {', '.join(OUTCOMES)}")
    if year_from is not None and year_to is not None and year_from > year_to:
        raise InvalidParameterError("year_from must not be after year_to")
    return SearchQuery(q=q.strip(), topics=list(topic), insurers=list(insurer), outcomes=list(outcome),
                       sources=list(source), year_from=year_from, year_to=year_to, sort=sort, page=page,
                       per_page=per_page)


@router.get("/search", response_model=SearchResponse, summary="Faceted full-text search")
async def search(query: Annotated[SearchQuery, Depends(search_params)],
                 service: Annotated[ArchiveService, Depends(get_service)]) -> SearchResponse:
    return await service.search(query)


@router.get("/rulings/{ruling_id}", response_model=RulingPublic, summary="One anonymised ruling",
            responses={404: {"model": ErrorResponse}})
def get_ruling(ruling_id: str, service: Annotated[ArchiveService, Depends(get_service)]) -> RulingPublic:
    return service.get_ruling(ruling_id)


@router.get("/stats", response_model=StatsResponse, summary="Outcome rates by topic, insurer and year")
def stats(service: Annotated[ArchiveService, Depends(get_service)]) -> StatsResponse:
    return service.stats()


health_router = APIRouter()


@health_router.get("/healthz", response_model=HealthResponse, summary="Database and Meilisearch health")
async def healthz(service: Annotated[ArchiveService, Depends(get_service)]) -> JSONResponse:
    report = await service.health()
    return JSONResponse(report, status_code=200 if report["status"] == "ok" else 503)
