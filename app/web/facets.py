"""The search page's facet sidebar and filter chips, from the facet registry (:mod:`search_index.facets`).

Titles, labels, order and toggle links come with the result (:meth:`SearchResult.facet_groups`, the same values
the API returns as ``facet_values``); this module only decides how many values a page shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.web.formatting import euro, nl_date
from app.web.urls import search_url
from search_index.facets import SELECTABLE, FacetValue, toggle_params
from search_index.query import SearchPlan, SearchResult

FACET_VISIBLE = 8  # values shown before "meer tonen"
FACET_MAX = 50  # values per facet in the page at all (keeps a page light whatever the index reports)


@dataclass
class FacetPanel:
    name: str
    title: str
    values: list[FacetValue]
    visible: list[FacetValue] = field(default_factory=list)
    more: list[FacetValue] = field(default_factory=list)


def facet_panels(result: SearchResult) -> list[FacetPanel]:
    """Facet sidebar: every facet the search counted that has values, selected values first (never hidden behind
    "meer tonen"), at most :data:`FACET_MAX` values besides the selected ones."""
    panels = []
    for group in result.facet_groups("/"):
        if not group.values:
            continue
        selected = sum(v.selected for v in group.values)
        shown = group.values[:max(FACET_MAX, selected)]
        limit = FACET_VISIBLE if len(shown) > FACET_VISIBLE + 2 else len(shown)
        panels.append(FacetPanel(group.name, group.title, group.values, shown[:limit], shown[limit:]))
    return panels


def _range_label(title: str, low: str | None, high: str | None) -> str:
    """``Jaar: 2018–2020``, ``Jaar: vanaf 2018``, ``Jaar: tot en met 2020`` or ``Jaar: 2018``."""
    if low is not None and low == high:
        return f"{title}: {low}"
    if high is None:
        return f"{title}: vanaf {low}"
    if low is None:
        return f"{title}: tot en met {high}"
    return f"{title}: {low}–{high}"


# The range filters of a search (the parameters that are not facet values), with their Dutch names and how a value
# is written. The advanced search form (:mod:`app.web.advanced`) and the chips read this one list.
RANGES: tuple[tuple[str, str, str, Callable[[Any], str]], ...] = (
    ("Jaar", "year_from", "year_to", str),
    ("Datum uitspraak", "date_from", "date_to", lambda d: nl_date(d)),
    ("Toegekend bedrag", "amount_min", "amount_max", lambda a: euro(a).replace(",00", "")),
)


def filter_chips(plan: SearchPlan, topic_labels: Mapping[str, str]) -> list[dict[str, str]]:
    """Every active filter (facet values and ranges; not the query words), each with the URL that removes it."""
    params = plan.params()
    chips = []
    for facet in SELECTABLE:
        for value in plan.query.filters.get(facet.name, []):
            label = facet.label(value, topic_labels if facet.labelled_keys else None)
            chips.append({"label": f"{facet.title}: {label}",
                          "url": search_url(toggle_params(params, facet, value, True))})
    q = plan.query
    for title, low, high, show in RANGES:
        lo, hi = getattr(q, low), getattr(q, high)
        if lo is None and hi is None:
            continue
        label = _range_label(title, None if lo is None else show(lo), None if hi is None else show(hi))
        kept = [p for p in params if p[0] not in (low, high, "page")]
        chips.append({"label": label, "url": search_url(kept)})
    return chips


def describe_search(plan: SearchPlan, topic_labels: Mapping[str, str]) -> str:
    """The search in words, for a feed's title: ``Uitspraken: tandarts · Onderwerp: Mondzorg · Jaar: 2018–2020``."""
    parts = ([plan.q] if plan.q else []) + [c["label"] for c in filter_chips(plan, topic_labels)]
    return "Uitspraken" + (": " + " · ".join(parts) if parts else "")
