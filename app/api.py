"""JSON API under /api/v1. Thin: validates parameters and calls :mod:`app.service`."""

from __future__ import annotations

import copy
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel

from app import bulk, feeds
from app.deps import SearchParams, get_service, search_params
from app.schemas import (
    ErrorResponse,
    HealthResponse,
    RulingPublic,
    SearchResponse,
    SimilarRuling,
    StatsResponse,
    StatuteLaw,
)
from app.service import EXPORT_CAP, ArchiveService
from archive.errors import NotFoundError
from search_index.facets import link
from search_index.query import SearchPlan
from search_index.settings import MAX_TOTAL_HITS

router = APIRouter(prefix="/api/v1", responses={422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}})


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
async def search(request: Request) -> Response:
    # Serialised once, from plain values (ArchiveService.search_json): returning a model would make FastAPI dump
    # it, validate the dump against response_model again and dump that. response_model still documents the
    # shape, and the schemathesis test and tests/integration/test_api.py check responses against it.
    # The two dependencies are called here rather than declared: FastAPI's dependency solving cost more than
    # they do, on the busiest route (the parameters are documented by openapi_extra either way, and a bad one
    # raises the same RequestValidationError, answered by the same handler).
    plan = await search_params(request)
    return Response(await (await get_service(request)).search_json(plan), media_type="application/json")


@router.get("/facets", response_model=dict[str, dict[str, int]], summary="Facet counts for a search",
            openapi_extra=search_openapi())
async def facets(plan: Annotated[SearchPlan, Depends(search_params)],
                 service: Annotated[ArchiveService, Depends(get_service)]) -> dict[str, dict[str, int]]:
    result = await service.search(plan.replace(page=1, per_page=1))
    return result.facets


def _base_url(request: Request) -> str:
    from app.links import public_base  # RULINGS_PUBLIC_URL, never an unchecked Host header

    return public_base(request)


@router.get("/search/export", summary="Export a whole result set as CSV or JSON Lines (streamed, capped)",
            description="format: csv (comma-separated, as it always was), csv-nl (for Dutch Excel: BOM, semicolons, "
                        "decimal comma; adds amount_claimed, amount_awarded and decision_items as 'label: outcome') "
                        "or jsonl (with amount_claimed, amount_awarded and decision_items [{label, outcome}]). "
                        "header: the CSV header row, fields (the field names, as the JSON keys; the default) or nl "
                        "(Dutch column names, e.g. Zaaknummer, Datum uitspraak; the website's download uses these)",
            response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}}, openapi_extra=search_openapi())
async def export(request: Request, plan: Annotated[SearchPlan, Depends(search_params)],
                 service: Annotated[ArchiveService, Depends(get_service)],
                 format: Annotated[Literal["csv", "csv-nl", "jsonl"], Query(description="csv, csv-nl or jsonl")]
                 = "csv",
                 limit: Annotated[int, Query(ge=1, le=EXPORT_CAP, description="maximum rows")] = EXPORT_CAP,
                 header: Annotated[Literal["fields", "nl"], Query(description="CSV header row: fields or nl")]
                 = "fields",
                 ) -> StreamingResponse:
    base = _base_url(request)
    # Fail before the 200 goes out: a search error (e.g. Meilisearch down) must be a proper error response.
    await service.search(plan.replace(page=1, per_page=1))

    async def rows():  # type: ignore[no-untyped-def]
        if format == "csv":
            yield "\ufeff" + feeds.csv_header(header)
            async for hit in service.iter_hits(plan, cap=limit):
                yield feeds.csv_line(feeds.export_row(hit, base))
            return
        if format == "csv-nl":
            yield feeds.BOM + feeds.excel_nl_line(feeds.export_header(feeds.EXCEL_NL_EXPORT_FIELDS, header))
        async for hit in service.iter_hits_with_items(plan, cap=limit):
            row = {**feeds.export_row(hit, base), "decision_items": hit["decision_items"]}
            yield feeds.excel_nl_export_line(row) if format == "csv-nl" else feeds.jsonl_line(row)

    media = "application/x-ndjson" if format == "jsonl" else "text/csv; charset=utf-8"
    name = {"csv": "uitspraken.csv", "csv-nl": "uitspraken-excel.csv", "jsonl": "uitspraken.jsonl"}[format]
    return StreamingResponse(rows(), media_type=media,
                             headers={"content-disposition": f'attachment; filename="{name}"'})


FEED_SORT = "published_desc"


def feed_title(plan: SearchPlan, labels: dict[str, str]) -> str:
    """The feed's title states the search in Dutch (words and every filter); the whole archive is "new in it"."""
    from app.web.facets import describe_search

    return describe_search(plan, labels) if plan.narrows else "Nieuw in het archief: alle uitspraken"


def feed_paging(plan: SearchPlan, total: int, next_cursor: str | None, path: str) -> dict[str, str]:
    """RFC 5005 paging links of a feed page, relative to ``path``: ``first`` (no position), ``next`` (the search's
    bookmark cursor: rulings published meanwhile neither repeat nor go missing), ``previous`` and ``last`` (by
    page number). Only the links that lead somewhere."""
    params = [p for p in plan.params() if p[0] != "page"]
    last = max(1, min(-(-total // plan.per_page), MAX_TOTAL_HITS // plan.per_page))
    links = {"first": link(path, params)}
    if plan.page > 1:
        links["previous"] = link(path, params + ([("page", str(plan.page - 1))] if plan.page > 2 else []))
    if next_cursor and plan.page < last:
        links["next"] = link(path, [*params, ("cursor", next_cursor)])
    if last > 1:
        links["last"] = link(path, [*params, ("page", str(last))])
    return links


@router.get("/search.atom", summary="An Atom feed of a search, newest additions to the archive first, paged",
            description="Entries in the order the rulings became public in this archive (published_desc), each with "
                        "published and updated; the title states the search; RFC 5005 links (first, next, previous, "
                        "last) page through the whole result, per_page entries a page.",
            response_class=Response, responses={
                200: {"content": {"application/atom+xml": {}}},
                304: {"description": "Not modified: the ETag given in If-None-Match (or the Last-Modified given in "
                                     "If-Modified-Since) is still current"}},
            openapi_extra=search_openapi())
async def atom(request: Request, plan: Annotated[SearchPlan, Depends(search_params)],
               service: Annotated[ArchiveService, Depends(get_service)]) -> Response:
    base = _base_url(request)
    if plan.query.sort != FEED_SORT:  # a feed follows additions, whatever order the search page used
        plan = plan.replace(sort=FEED_SORT, page=plan.page)
    result = await service.search(plan)
    path = request.url.path
    paging = {rel: base + url for rel, url in feed_paging(plan, result.total, result.next_cursor, path).items()}
    html_url = base + link("/", [p for p in plan.params() if p[0] not in ("page", "per_page")])
    first = (plan.page - 1) * plan.per_page
    last = first + len(result.hits)
    shown = (f"; deze pagina: {first + 1}–{last}" if len(result.hits) > 1 else
             f"; deze pagina: {last}" if result.hits else "")
    noun = "uitspraak" if result.total == 1 else "uitspraken"
    subtitle = f"{result.total} {noun}, de nieuwste toevoegingen aan het archief eerst{shown}."
    qs = request.url.query
    body = feeds.atom_feed(title=feed_title(plan, result.topic_labels), subtitle=subtitle,
                           self_url=f"{base}{path}" + (f"?{qs}" if qs else ""), html_url=html_url,
                           feed_id=paging["first"], paging=paging,
                           rows=[feeds.feed_row(h, base) for h in result.hits])
    return feeds.conditional(request, body, [h.get("published_at") for h in result.hits])


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


@router.get("/stats", response_model=StatsResponse, openapi_extra=search_openapi(),
            summary="Outcome rates by topic (per claim), insurer and year, of the archive or of any search")
async def stats(plan: Annotated[SearchPlan, Depends(search_params)],
                service: Annotated[ArchiveService, Depends(get_service)]) -> StatsResponse:
    """Every search parameter narrows the rulings counted (q and all filters; paging and sort are ignored). Rates
    leave unknown outcomes out and say how many there were; every cell has its n, a 95 % Wilson interval, and
    ``small_sample`` when fewer than 5 outcomes are known."""
    return await service.stats(plan)


@router.get("/statutes", response_model=list[StatuteLaw],
            summary="Every cited law and article with its number of rulings (the statute index)")
def statutes(service: Annotated[ArchiveService, Depends(get_service)]) -> list[StatuteLaw]:
    return service.statutes()


@router.get("/bulk", response_model=bulk.BulkListing,
            summary="The bulk data files: every published ruling (JSON Lines) and a metadata CSV, with sha256")
def bulk_files(request: Request) -> bulk.BulkListing:
    """Written by ``rulings export-bulk`` (usually nightly); ``files`` is empty until it has run."""
    manifest = bulk.read_manifest(bulk.bulk_dir(request.app.state.settings))
    if manifest is None:
        return bulk.BulkListing()
    base = _base_url(request)
    return bulk.BulkListing(generated_at=manifest.generated_at, count=manifest.count,
                            files=[bulk.BulkFileLink(**f.model_dump(), url=f"{base}/api/v1/bulk/{f.name}")
                                   for f in manifest.files])


@router.get("/bulk/{name}", summary="Download one bulk data file", response_class=FileResponse,
            responses={200: {"content": {"application/gzip": {}, "text/csv": {}}}, 404: {"model": ErrorResponse}})
def bulk_file(request: Request, name: Annotated[str, Path(max_length=100)]) -> FileResponse:
    """Only the files ``/api/v1/bulk`` lists (names from the manifest; any other name is a 404)."""
    found = bulk.served_path(bulk.bulk_dir(request.app.state.settings), name)
    if found is None:
        raise NotFoundError(f"no bulk file named {name!r}; /api/v1/bulk lists them")
    path, entry = found
    return FileResponse(path, media_type=entry.media_type, filename=entry.name)


health_router = APIRouter()


@health_router.get("/healthz", response_model=HealthResponse, summary="Database and Meilisearch health")
async def healthz(service: Annotated[ArchiveService, Depends(get_service)]) -> JSONResponse:
    report = await service.health()
    return JSONResponse(report, status_code=200 if report["status"] == "ok" else 503)
