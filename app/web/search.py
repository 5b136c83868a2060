"""The search page ``/``, whole or as the partial ``static/site.js`` swaps in.

Everything works without JavaScript. ``site.js`` fetches the same URL with the request header
``X-Partial: results`` and swaps in the fragment :func:`search_page` renders for it, so a page and its partial
update always come from one template.
"""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse

from app.deps import get_service, search_params
from app.service import ArchiveService
from app.web.facets import describe_search, facet_panels, filter_chips
from app.web.shared import page_router, templates
from app.web.urls import advanced_url, export_url, feed_url, search_url
from archive.errors import RulingsError, SearchUnavailableError
from search_index.facets import SELECTABLE
from search_index.query import SearchPlan, SearchResult
from search_index.settings import MAX_TOTAL_HITS  # the deepest a search can page

router = page_router()

PARTIAL_HEADER = "x-partial"
SORTS = {"relevance": "Relevantie", "date_desc": "Nieuwste eerst", "date_asc": "Oudste eerst",
         "amount_desc": "Hoogste toegekend bedrag", "published_desc": "Nieuw in het archief"}
SUGGESTIONS = ("tandarts", "buitenland", "fysiotherapie", "machtiging", "entreegeld", "fraude")


def pagination(query: SearchPlan, total: int, window: int = 2) -> dict[str, Any] | None:
    """Previous/next and numbered page links (first, last and ``window`` around the current page)."""
    last = max(1, min(math.ceil(total / query.per_page), MAX_TOTAL_HITS // query.per_page))
    if last <= 1:
        return None
    current = min(query.page, last)

    def url(n: int) -> str:
        return search_url(query.params(page=n))

    numbers = sorted({1, last, *range(max(1, current - window), min(last, current + window) + 1)})
    items: list[dict[str, Any]] = []
    previous = 0
    for n in numbers:
        if n - previous > 1:
            items.append({"gap": True})
        items.append({"number": n, "url": url(n), "current": n == current})
        previous = n
    return {"current": current, "last": last, "items": items,
            "prev": url(current - 1) if current > 1 else None,
            "next": url(current + 1) if current < last else None}


def result_summary(query: SearchPlan, total: int) -> str:
    noun = "uitspraak" if total == 1 else "uitspraken"
    found = f"{total:,}".replace(",", ".") + f" {noun}"
    if total and query.per_page < total:
        first = (query.page - 1) * query.per_page + 1
        last = min(total, query.page * query.per_page)
        return f"{found} gevonden, {first}–{last} getoond"
    return f"{found} gevonden"


async def _topic_labels(service: ArchiveService, result: SearchResult) -> dict[str, str]:
    """Labels of the topics in the facets and hits; a topic the index gave no label (rare) from the statistics.
    Fills ``result.topic_labels`` too, so the facet panels use them."""
    labels = result.topic_labels
    missing = [t for t in (result.facets.get("topic") or {}) if t not in labels]
    if missing:
        try:  # the statistics are cached by the service: this is a count query, not a scan
            stats = await service.stats()
            for row in stats.by_topic:
                labels.setdefault(row.key, row.label)
        except RulingsError:
            pass
    return labels


def is_partial(request: Request) -> bool:
    return request.headers.get(PARTIAL_HEADER) == "results"


@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request, plan: Annotated[SearchPlan, Depends(search_params)],
                      service: Annotated[ArchiveService, Depends(get_service)]) -> HTMLResponse:
    """The search page; with ``X-Partial: results`` only the region below the search box (for site.js)."""
    error = None
    result: SearchResult | None = None
    try:
        result = await service.search(plan)
    except SearchUnavailableError:
        error = "De zoekmachine is op dit moment niet bereikbaar. Probeer het over een paar minuten opnieuw."
    labels = await _topic_labels(service, result) if result is not None else {}
    params = plan.params()
    filter_names = {f.name for f in SELECTABLE}
    context = {
        "query": plan.query, "result": result, "error": error, "sorts": SORTS,
        "facets": facet_panels(result) if result else [],
        "chips": filter_chips(plan, labels),
        "pages": pagination(plan, result.total) if result else None,
        "summary": result_summary(plan, result.total) if result else "",
        "hidden": [p for p in params if p[0] in filter_names or p[0] == "per_page"],
        "clear_url": search_url([("q", plan.q)] if plan.q else []),
        "no_filters": not any(p[0] not in ("q", "sort", "per_page") for p in params),
        "suggestions": [(s, search_url([("q", s)])) for s in SUGGESTIONS if s != plan.q.lower()][:5],
        "self_url": search_url(plan.params(page=plan.page)),
        "first_page_url": search_url(params),
        "page_title": _search_title(plan, result),
        "feed_url": feed_url(params), "advanced_url": advanced_url(params), "export_url": export_url(params),
        "feed_title": describe_search(plan, labels),
        # A ruling link carries the whole search (app.web.ruling: marks its words and provisions, leads back to it)
        "ruling_query": f"?{urlencode(here)}" if (here := plan.params(page=plan.page)) else "",
    }
    status = 503 if error else 200
    template = "_results.html" if is_partial(request) else "search.html"
    response = templates.TemplateResponse(request, template, context, status_code=status)
    response.headers["Vary"] = "X-Partial"
    return response


def _search_title(query: SearchPlan, result: SearchResult | None) -> str:
    if not query.q and result is not None and query.params() == []:
        return "Zoeken in uitspraken"
    what = f"‘{query.q}’" if query.q else "Uitspraken"
    count = f" ({result.total})" if result is not None else ""
    page = f", pagina {query.page}" if query.page > 1 else ""
    return f"{what}{count}{page}"
