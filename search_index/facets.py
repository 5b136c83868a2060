"""The facet registry: every facet declared once.

A facet is a field a search can be narrowed by and counted over: its query parameter, the index attributes that
filter and count it, its Dutch title, the labels and order of its values. Everything else is derived from
:data:`FACETS`: the index settings (filterable attributes, :mod:`search_index.settings`), the API parameters and
their OpenAPI description (``app.deps``), validation (:mod:`search_index.query.model`), the Meilisearch requests,
the counts in a result and the facet values the API and the web pages show (:func:`facet_values`).

Adding a facet: one :class:`Facet` entry here, plus its field in the index document
(:func:`search_index.documents.index_documents`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, get_args
from urllib.parse import quote_plus

from archive.domain import OUTCOMES, InsuranceType, Source
from archive.laws import reference_label

TOPIC_KEY_SEPARATOR = "|"


@dataclass(frozen=True)
class Facet:
    """One facet. ``name`` is the query parameter that selects values (repeat it for OR) and the key of the
    facet's counts in a result.

    ``attribute`` is the index attribute filters use; ``count_attribute`` the one whose distribution is counted
    (the same unless values carry their label, as topics do: ``"<id>|<label>"`` keys, so one facet answer carries
    the label of every value it lists, with ``labelled_keys``; or a filter attribute that holds each value with
    the values it falls under, as references do, so ``zvw:114`` finds ``zvw:114:2``). ``values`` closes the
    vocabulary (an unknown value is a 422); ``labels`` (a mapping) or ``labeller`` (a function) name values for
    people. ``order``: ``count`` (most frequent first) or ``value_desc`` (years, newest first).
    ``selection``: ``values`` (the parameter ``name``) or ``year`` (a year is selected as ``year_from`` =
    ``year_to``; the range parameters are not facet selections).
    """

    name: str
    attribute: str
    title: str
    description: str
    count_attribute: str = ""
    labelled_keys: bool = False
    values: tuple[str, ...] | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    labeller: Callable[[str], str] | None = None
    order: Literal["count", "value_desc"] = "count"
    selection: Literal["values", "year"] = "values"

    @property
    def counted(self) -> str:
        """The index attribute whose distribution is counted."""
        return self.count_attribute or self.attribute

    @property
    def selectable(self) -> bool:
        """Whether the facet has a list parameter of its own (``?topic=a&topic=b``)."""
        return self.selection == "values"

    def label(self, value: str, labels: Mapping[str, str] | None = None) -> str:
        """A value's label: from ``labels`` (values labelled by the index, e.g. topics), this facet's own labels,
        or the value itself."""
        if labels and value in labels:
            return labels[value]
        if self.labeller is not None:
            return self.labeller(value)
        return self.labels.get(value, value)


OUTCOME_LABELS: dict[str, str] = {
    "toegewezen": "Toegewezen",
    "gedeeltelijk toegewezen": "Gedeeltelijk toegewezen",
    "afgewezen": "Afgewezen",
    "niet-ontvankelijk": "Niet-ontvankelijk",
    "onbekend": "Onbekend",
    "overig": "Overig",
}
SOURCE_LABELS: dict[str, str] = {"skgz": "SKGZ", "rechtspraak": "Rechtspraak.nl", "other": "Overig"}
INSURANCE_LABELS: dict[str, str] = {
    "basis": "basisverzekering",
    "aanvullend": "aanvullende verzekering",
    "basis en aanvullend": "basis- en aanvullende verzekering",
}

# In the order the web page shows them (and results list them).
FACETS: tuple[Facet, ...] = (
    Facet("topic", "topics", "Onderwerp", "Topic id; repeat for OR", count_attribute="topic_keys",
          labelled_keys=True, labeller=lambda v: v.replace("-", " ").capitalize()),  # the index labels them
    Facet("outcome", "outcome", "Uitkomst", "Outcome; repeat for OR", values=OUTCOMES, labels=OUTCOME_LABELS),
    Facet("insurer", "insurer", "Zorgverzekeraar", "Insurer (normalised brand); repeat for OR"),
    Facet("year", "year", "Jaar", "Year of the decision (select with year_from and year_to)",
          order="value_desc", selection="year"),
    Facet("source", "source", "Bron", "Source: skgz, rechtspraak; repeat for OR", values=get_args(Source),
          labels=SOURCE_LABELS),
    Facet("court", "court", "Instantie", "Court or committee, as the ruling names it (e.g. \"Centrale Raad van "
          "Beroep\"); repeat for OR"),
    Facet("reference", "reference_tree", "Wettelijke bepaling",
          'Legal reference id, e.g. "zvw:114:2"; "zvw:114" includes its leden, "zvw" the whole law; repeat for OR',
          count_attribute="reference_ids", labeller=lru_cache(maxsize=4_096)(reference_label)),
    Facet("care_type", "care_types", "Soort zorg", "Care type; repeat for OR"),
    Facet("country", "countries", "Land", "Country of treatment; repeat for OR"),
    Facet("insurance_type", "insurance_type", "Soort verzekering",
          "basis, aanvullend, basis en aanvullend, onbekend; repeat for OR", values=get_args(InsuranceType),
          labels={k: v.capitalize() for k, v in INSURANCE_LABELS.items()}),
)
BY_NAME: dict[str, Facet] = {f.name: f for f in FACETS}
FACET_NAMES: tuple[str, ...] = tuple(BY_NAME)
SELECTABLE: tuple[Facet, ...] = tuple(f for f in FACETS if f.selectable)


def index_attributes() -> tuple[str, ...]:
    """Every index attribute a facet filters or counts on (the index must declare them filterable)."""
    return tuple(dict.fromkeys(a for f in FACETS for a in (f.attribute, f.counted)))


def ordered_counts(facet: Facet, counts: dict[str, int], selected: Sequence[str]) -> dict[str, int]:
    """``counts`` in the facet's order; a selected value with no matches still shows (with 0) so it can be
    unselected."""
    for value in selected:
        counts.setdefault(value, 0)
    if facet.order == "value_desc":
        return dict(sorted(counts.items(), key=lambda kv: kv[0], reverse=True))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet as the API and the pages show it. ``url``: the same search with this value toggled
    (added when not selected, removed when selected), relative to the page or endpoint that asked."""

    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass(frozen=True)
class FacetGroup:
    name: str
    title: str
    values: list[FacetValue]


def _kept(params: list[tuple[str, str]], facet: Facet) -> list[tuple[str, str]]:
    """The parameters a toggle of one of ``facet``'s values keeps (a toggle goes back to page 1)."""
    dropped = ("year_from", "year_to", "page") if facet.selection == "year" else ("page",)
    return [p for p in params if p[0] not in dropped]


def _added(facet: Facet, value: str) -> list[tuple[str, str]]:
    """The parameters that select ``value`` of ``facet``."""
    return [("year_from", value), ("year_to", value)] if facet.selection == "year" else [(facet.name, value)]


def toggle_params(params: list[tuple[str, str]], facet: Facet, value: str, selected: bool) -> list[tuple[str, str]]:
    """The URL parameters of a search with one facet value toggled."""
    base = _kept(params, facet)
    if selected:
        return base if facet.selection == "year" else [p for p in base if p != (facet.name, value)]
    return [*base, *_added(facet, value)]


@lru_cache(maxsize=16_384)
def _pair(name: str, value: str) -> str:
    """``name=value`` exactly as ``urlencode`` writes it. Cached: a facet's values come back in search after
    search, and quoting them one by one was most of the API's work per search on a varied index (~1,000 facet
    values with all facets counted)."""
    return f"{quote_plus(name)}={quote_plus(value)}"


def link(path: str, params: Sequence[tuple[str, str]]) -> str:
    """``path`` with ``params`` as its query string (what ``urlencode`` makes of them)."""
    return f"{path}?{'&'.join([_pair(str(k), str(v)) for k, v in params])}" if params else path


def facet_rows(
    counts: Mapping[str, Mapping[str, int]],
    selected: Mapping[str, Sequence[str]],
    params: list[tuple[str, str]],
    labels: Mapping[str, str],
    path: str,
) -> Iterator[tuple[Facet, list[tuple[str, str, int, bool, str]]]]:
    """(facet, [(value, label, count, selected, url)]) of :func:`facet_values`, as plain tuples: the API writes its
    ``facet_values`` from these (``SearchResult.as_json``) without objects in between, hundreds per search with
    all facets counted on a large index.

    A toggle URL is :func:`link` of :func:`toggle_params`; for the many values that are not selected it is built
    as the facet's kept parameters (encoded once) plus the value's own pair.
    """
    for facet in FACETS:
        if facet.name not in counts:
            continue
        chosen = set(selected.get(facet.name) or ())
        kept = _kept(params, facet)
        start = link(path, kept) + ("&" if kept else "?")
        own = labels if facet.labelled_keys else None
        rows = [
            (value, facet.label(value, own), count, True, link(path, toggle_params(params, facet, value, True)))
            if value in chosen else
            (value, facet.label(value, own), count, False,
             start + "&".join([_pair(k, v) for k, v in _added(facet, value)]))
            for value, count in counts[facet.name].items()
            if count or value in chosen
        ]
        if chosen:
            rows.sort(key=lambda row: not row[3])  # stable: keeps the facet's order otherwise
        yield facet, rows


def facet_values(
    counts: Mapping[str, Mapping[str, int]],
    selected: Mapping[str, Sequence[str]],
    params: list[tuple[str, str]],
    labels: Mapping[str, str],
    *,
    path: str = "/",
) -> list[FacetGroup]:
    """Every counted facet in registry order, its values with label, count, selection and toggle URL.

    ``counts`` are a result's facet counts (already ordered); ``selected`` the selected values per facet name
    (for the year facet: the year when ``year_from`` = ``year_to``); ``params`` the search's URL parameters;
    ``labels`` labels the index supplied (topics). Values with a count of 0 are left out unless selected (so a
    selection can always be undone); selected values come first.
    """
    return [FacetGroup(facet.name, facet.title, [FacetValue(*row) for row in rows])
            for facet, rows in facet_rows(counts, selected, params, labels, path)]

