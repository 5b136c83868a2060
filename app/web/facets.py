"""The search page's facet sidebar and filter chips: facet titles, value labels, order, and toggle links."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.web.formatting import INSURANCE_LABELS, SOURCE_LABELS, outcome_label
from app.web.urls import query_params, search_url, toggle, without
from search_index.query import LIST_FILTERS, SearchQuery

FACET_VISIBLE = 8  # values shown before "meer tonen"
FACET_MAX = 50  # values per facet in the page at all (keeps a page light whatever the index reports)
FACET_TITLES = {"topic": "Onderwerp", "insurer": "Zorgverzekeraar", "outcome": "Uitkomst", "year": "Jaar",
                "source": "Bron", "reference": "Wettelijke bepaling", "care_type": "Soort zorg",
                "country": "Land", "insurance_type": "Soort verzekering"}
# The facets a SearchQuery can filter on, by URL parameter name (search_index.query.LIST_FILTERS).
FILTER_PARAMS = tuple(LIST_FILTERS)
FACET_ORDER = ("topic", "outcome", "insurer", "year", "source", "reference", "care_type", "country",
               "insurance_type")


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str | None  # None: not filterable (yet)


@dataclass
class FacetGroup:
    name: str
    title: str
    values: list[FacetValue]
    visible: list[FacetValue] = field(default_factory=list)
    more: list[FacetValue] = field(default_factory=list)


def _value_label(name: str, value: str, topic_labels: dict[str, str]) -> str:
    if name == "topic":
        return topic_labels.get(value, value.replace("-", " ").capitalize())
    if name == "outcome":
        return outcome_label(value)
    if name == "source":
        return SOURCE_LABELS.get(value, value)
    if name == "insurance_type":
        return INSURANCE_LABELS.get(value, value).capitalize()
    return value


def facet_groups(query: SearchQuery, facets: dict[str, dict[str, int]],
                 topic_labels: dict[str, str]) -> list[FacetGroup]:
    """Facet sidebar: every facet the search reported, values with counts, links that toggle a value.

    Values with a count of 0 are left out unless selected (so a selection can always be undone). Selected values
    come first so they are never hidden behind "meer tonen".
    """
    params = query_params(query)
    chosen = {(name, v) for name, values in query.selected().items() for v in values}
    names = [n for n in FACET_ORDER if n in facets] + [n for n in facets if n not in FACET_ORDER]
    groups = []
    for name in names:
        counts = facets.get(name) or {}
        values: list[FacetValue] = []
        if name == "year":
            single = query.year_from if query.year_from is not None and query.year_from == query.year_to else None
            for v, c in sorted(counts.items(), key=lambda kv: kv[0], reverse=True):
                selected = single is not None and str(single) == v
                if c == 0 and not selected:
                    continue
                base = without(params, "year_from", "year_to")
                values.append(FacetValue(v, v, c, selected,
                                         search_url(base if selected else [*base, ("year_from", v), ("year_to", v)])))
        else:
            for v, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                selected = (name, v) in chosen
                if c == 0 and not selected:
                    continue
                link = search_url(toggle(params, name, v)) if name in FILTER_PARAMS else None
                values.append(FacetValue(v, _value_label(name, v, topic_labels), c, selected, link))
        if not values:
            continue
        ordered = [v for v in values if v.selected] + [v for v in values if not v.selected]
        ordered = ordered[:max(FACET_MAX, sum(v.selected for v in values))]
        limit = FACET_VISIBLE if len(ordered) > FACET_VISIBLE + 2 else len(ordered)
        groups.append(FacetGroup(name, FACET_TITLES.get(name, name.replace("_", " ").capitalize()), values,
                                 ordered[:limit], ordered[limit:]))
    return groups


def filter_chips(query: SearchQuery, topic_labels: dict[str, str]) -> list[dict[str, str]]:
    """Active filters, each with the URL that removes it."""
    params = query_params(query)
    chips = [{"label": f"{FACET_TITLES[n]}: {_value_label(n, v, topic_labels)}",
              "url": search_url(toggle(params, n, v))} for n, v in params if n in FILTER_PARAMS]
    if query.year_from is not None or query.year_to is not None:
        if query.year_from == query.year_to:
            label = f"Jaar: {query.year_from}"
        elif query.year_to is None:
            label = f"Jaar: vanaf {query.year_from}"
        elif query.year_from is None:
            label = f"Jaar: tot en met {query.year_to}"
        else:
            label = f"Jaar: {query.year_from}–{query.year_to}"
        chips.append({"label": label, "url": search_url(without(params, "year_from", "year_to"))})
    return chips
