"""Advanced search ``/uitgebreid-zoeken``: one form with every filter the API has, generated from the facet
registry (:mod:`search_index.facets`) and the range filters (:data:`app.web.facets.RANGES`).

The form is a plain ``GET`` to ``/`` (the search page), so it works without JavaScript and its result is an
ordinary search URL; empty fields are dropped by the search page's clean-URL redirect. The page takes the search
parameters of the search it was opened from and fills the form with them. It never fails on them: a search the
search page refused (a 422, e.g. a date range the wrong way round) opens here with its values and the reason in
Dutch, so it can be corrected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse

from app.deps import get_service, search_params
from app.service import ArchiveService
from app.web.about import PARAM_LABELS, invalid_parameter_message, validation_message
from app.web.facets import FACET_MAX, RANGES
from app.web.search import SORTS
from app.web.shared import page_router, templates
from app.web.urls import search_url
from archive.errors import InvalidParameterError, RulingsError
from search_index.facets import SELECTABLE, Facet
from search_index.query import MAX_AMOUNT, MAX_QUERY_CHARS, MAX_YEAR, MIN_YEAR, SearchQuery

router = page_router()


@dataclass
class Choice:
    value: str
    label: str
    count: int | None
    checked: bool


@dataclass
class FacetField:
    """One facet of the registry as a group of checkboxes."""

    name: str
    title: str
    choices: list[Choice]
    more: int = 0  # values in the archive not offered here (the statute index lists them all)
    hint: str = ""


@dataclass
class RangeField:
    """A from/to pair (year, decision date, amount awarded)."""

    title: str
    low: str
    high: str
    low_label: str
    high_label: str
    low_value: str
    high_value: str
    input_type: str
    attrs: dict[str, str] = field(default_factory=dict)


_RANGE_INPUTS: dict[str, tuple[str, dict[str, str]]] = {
    "year_from": ("number", {"min": str(MIN_YEAR), "max": str(MAX_YEAR), "step": "1", "inputmode": "numeric"}),
    "date_from": ("date", {"min": f"{MIN_YEAR}-01-01", "max": f"{MAX_YEAR}-12-31"}),
    "amount_min": ("number", {"min": "0", "max": f"{MAX_AMOUNT:.0f}", "step": "0.01", "inputmode": "decimal"}),
}
_HINTS = {
    "reference": "De meest aangehaalde bepalingen. Alle wetten en artikelen staan bij Wetsartikelen; u kunt ook "
                 "een bepaling in de zoekwoorden typen, zoals art. 114 Zvw.",
}


def facet_fields(counts: dict[str, dict[str, int]], labels: dict[str, str],
                 selected: dict[str, list[str]]) -> list[FacetField]:
    """A checkbox group per selectable facet, in registry order. A closed vocabulary offers all its values; an
    open one the values the archive holds (most frequent first, at most :data:`FACET_MAX`). Selected values are
    always offered, checked, even when the archive holds none of them."""
    out = []
    for facet in SELECTABLE:
        chosen = selected.get(facet.name, [])
        found = counts.get(facet.name, {})
        values: list[str] = list(facet.values) if facet.values is not None else [v for v, n in found.items() if n]
        more = max(0, len(values) - FACET_MAX) if facet.values is None else 0
        values = values[:FACET_MAX] if facet.values is None else values
        values += [v for v in chosen if v not in values]
        if not values:
            continue
        out.append(FacetField(facet.name, facet.title, [
            Choice(v, _label(facet, v, labels), found.get(v) if facet.name in counts else None, v in chosen)
            for v in values], more=more, hint=_HINTS.get(facet.name, "")))
    return out


def _label(facet: Facet, value: str, labels: dict[str, str]) -> str:
    return facet.label(value, labels if facet.labelled_keys else None)


def range_fields(raw: dict[str, str]) -> list[RangeField]:
    """The range filters with the values asked (as typed: a refused value stays in its field to be corrected)."""
    out = []
    for title, low, high, _ in RANGES:
        kind, attrs = _RANGE_INPUTS[low]
        out.append(RangeField(title, low, high, PARAM_LABELS[low], PARAM_LABELS[high], raw.get(low, ""),
                              raw.get(high, ""), kind, attrs))
    return out


@router.get("/uitgebreid-zoeken", response_class=HTMLResponse)
async def advanced_page(request: Request,
                        service: Annotated[ArchiveService, Depends(get_service)]) -> HTMLResponse:
    query = request.query_params
    raw = {k: query[k] for k in query.keys()}  # noqa: SIM118 - a multidict
    selected = {f.name: [v for v in query.getlist(f.name) if v.strip()] for f in SELECTABLE}
    error = None
    back = None
    try:
        plan = await search_params(request)
        back = search_url(plan.params())
    except RequestValidationError as exc:
        error = validation_message(list(exc.errors()))
    except InvalidParameterError as exc:
        error = invalid_parameter_message(exc)
    counts: dict[str, dict[str, int]] = {}
    labels: dict[str, str] = {}
    try:  # the values the archive holds, with their counts (the whole archive, not the current search)
        whole = await service.search(SearchQuery(per_page=1, facets=[f.name for f in SELECTABLE]).plan())
        counts, labels = whole.facets, whole.topic_labels
    except RulingsError:
        error = error or "De zoekmachine is op dit moment niet bereikbaar: alleen de vaste keuzes worden getoond."
    context: dict[str, Any] = {
        "q": raw.get("q", "")[:MAX_QUERY_CHARS], "facets": facet_fields(counts, labels, selected),
        "ranges": range_fields(raw), "sorts": SORTS, "sort": raw.get("sort", "relevance"), "error": error,
        "back": back, "q_max": MAX_QUERY_CHARS,
        "per_page": raw.get("per_page", "") if raw.get("per_page", "").isdigit() else "",
    }
    return templates.TemplateResponse(request, "advanced.html", context)
