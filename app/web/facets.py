"""The search page's facet sidebar and filter chips, from the facet registry (:mod:`search_index.facets`).

Titles, labels, order and toggle links come with the result (:meth:`SearchResult.facet_groups`, the same values
the API returns as ``facet_values``); this module only decides how many values a page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.web.urls import search_url
from search_index.facets import BY_NAME, SELECTABLE, FacetValue, toggle_params
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


def filter_chips(plan: SearchPlan, topic_labels: dict[str, str]) -> list[dict[str, str]]:
    """Active filters, each with the URL that removes it."""
    params = plan.params()
    chips = []
    for facet in SELECTABLE:
        for value in plan.query.filters.get(facet.name, []):
            label = facet.label(value, topic_labels if facet.labelled_keys else None)
            chips.append({"label": f"{facet.title}: {label}",
                          "url": search_url(toggle_params(params, facet, value, True))})
    q = plan.query
    if q.year_from is not None or q.year_to is not None:
        if q.year_from == q.year_to:
            label = f"Jaar: {q.year_from}"
        elif q.year_to is None:
            label = f"Jaar: vanaf {q.year_from}"
        elif q.year_from is None:
            label = f"Jaar: tot en met {q.year_to}"
        else:
            label = f"Jaar: {q.year_from}–{q.year_to}"
        chips.append({"label": label, "url": search_url(toggle_params(params, BY_NAME["year"], "", True))})
    return chips
