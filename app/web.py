"""Server-rendered pages (Dutch interface). They call the same service functions as the API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.api import get_service, search_params
from app.service import ArchiveService
from archive.errors import SearchUnavailableError
from search_index.query import SearchQuery

templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
router = APIRouter(include_in_schema=False)

FACET_TITLES = {"topic": "Onderwerp", "insurer": "Zorgverzekeraar", "outcome": "Uitkomst", "year": "Jaar",
                "source": "Bron"}
SORTS = {"relevance": "Relevantie", "date_desc": "Nieuwste eerst", "date_asc": "Oudste eerst",
         "amount_desc": "Hoogste bedrag"}


def _query_params(query: SearchQuery) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    if query.q:
        params.append(("q", query.q))
    for name, values in (("topic", query.topics), ("insurer", query.insurers), ("outcome", query.outcomes),
                         ("source", query.sources)):
        params += [(name, v) for v in values]
    if query.year_from is not None:
        params.append(("year_from", str(query.year_from)))
    if query.year_to is not None:
        params.append(("year_to", str(query.year_to)))
    if query.sort != "relevance":
        params.append(("sort", query.sort))
    return params


def _toggle_url(params: list[tuple[str, str]], name: str, value: str) -> str:
    pair = (name, value)
    new = [p for p in params if p != pair] if pair in params else [*params, pair]
    return "/?" + urlencode(new)


@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request, query: Annotated[SearchQuery, Depends(search_params)],
                      service: Annotated[ArchiveService, Depends(get_service)]) -> HTMLResponse:
    params = _query_params(query)
    # The year facet filters by range; map its values to a one-year range.
    selected = {("topic", v) for v in query.topics} | {("insurer", v) for v in query.insurers} | {
        ("outcome", v) for v in query.outcomes} | {("source", v) for v in query.sources}
    error = None
    result = None
    try:
        result = await service.search(query)
    except SearchUnavailableError:
        error = "De zoekmachine is tijdelijk niet bereikbaar. Probeer het later opnieuw."
    facets = []
    if result is not None:
        for name, counts in result.facets.items():
            if name == "year":
                values = [{"value": v, "count": c, "selected": query.year_from == query.year_to == int(v),
                           "url": "/?" + urlencode([p for p in params if p[0] not in ("year_from", "year_to")]
                                                   + [("year_from", v), ("year_to", v)])}
                          for v, c in sorted(counts.items(), reverse=True)]
            else:
                values = [{"value": v, "count": c, "selected": (name, v) in selected,
                           "url": _toggle_url(params, name, v)}
                          for v, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
            facets.append({"name": name, "title": FACET_TITLES.get(name, name), "values": values})
    chips = [{"label": f"{FACET_TITLES.get(n, n)}: {v}", "url": _toggle_url(params, n, v)} for n, v in params
             if n in ("topic", "insurer", "outcome", "source")]
    if query.year_from is not None or query.year_to is not None:
        chips.append({"label": f"Jaar: {query.year_from or '…'}–{query.year_to or '…'}",
                      "url": "/?" + urlencode([p for p in params if p[0] not in ("year_from", "year_to")])})
    pages = {}
    if result is not None:
        last = max(1, -(-result.total // query.per_page))
        base = [p for p in params]
        if query.page > 1:
            pages["prev"] = "/?" + urlencode([*base, ("page", str(query.page - 1))])
        if query.page < last:
            pages["next"] = "/?" + urlencode([*base, ("page", str(query.page + 1))])
        pages["last"] = last
    return templates.TemplateResponse(request, "search.html", {
        "query": query, "result": result, "facets": facets, "chips": chips, "error": error, "sorts": SORTS,
        "pages": pages, "hidden": [p for p in params if p[0] not in ("q", "sort")],
    }, status_code=503 if error else 200)


@router.get("/uitspraak/{slug:path}", response_class=HTMLResponse)
def ruling_page(request: Request, slug: str,
                service: Annotated[ArchiveService, Depends(get_service)]) -> HTMLResponse:
    ruling = service.get_ruling(slug)
    return templates.TemplateResponse(request, "ruling.html", {"r": ruling})


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)
