"""Server-rendered pages (Dutch interface). They call the same service functions as the JSON API.

Pages: ``/`` (search), ``/uitspraak/{slug}`` (one ruling; ``.txt`` gives the anonymised text as a download),
``/statistieken`` (outcome rates as server-side SVG charts with table fallbacks) and ``/over``.

Everything works without JavaScript. ``static/site.js`` enhances the search page: it fetches the same URL with the
request header ``X-Partial: results`` and swaps in the fragment this module renders for it (see
:func:`search_page`), so a page and its partial update always come from one template.

View-model builders (:func:`facet_groups`, :func:`pagination`, :func:`bar_rows`, :func:`citation`...) are pure
functions of the service's response models, so they can be tested without a server.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from app.api import get_service, search_params
from app.schemas import RulingPublic, SearchResponse, StatsResponse
from app.service import ArchiveService
from archive.errors import RulingsError, SearchUnavailableError
from search_index.query import LIST_FILTERS, SearchQuery
from search_index.settings import MAX_TOTAL_HITS  # the deepest a search can page

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
templates = Jinja2Templates(directory=str(HERE / "templates"))

DEFAULT_PER_PAGE = 20
FACET_VISIBLE = 8  # values shown before "meer tonen"
FACET_MAX = 50  # values per facet in the page at all (keeps a page light whatever the index reports)
PARTIAL_HEADER = "x-partial"

FACET_TITLES = {"topic": "Onderwerp", "insurer": "Zorgverzekeraar", "outcome": "Uitkomst", "year": "Jaar",
                "source": "Bron", "reference": "Wettelijke bepaling", "care_type": "Soort zorg",
                "country": "Land", "insurance_type": "Soort verzekering"}
# The facets a SearchQuery can filter on, by URL parameter name (search_index.query.LIST_FILTERS).
FILTER_PARAMS = tuple(LIST_FILTERS)
FACET_ORDER = ("topic", "outcome", "insurer", "year", "source", "reference", "care_type", "country",
               "insurance_type")
SORTS = {"relevance": "Relevantie", "date_desc": "Nieuwste eerst", "date_asc": "Oudste eerst",
         "amount_desc": "Hoogste toegekend bedrag"}
OUTCOME_LABELS = {"toegewezen": "Toegewezen", "gedeeltelijk toegewezen": "Gedeeltelijk toegewezen",
                  "afgewezen": "Afgewezen", "niet-ontvankelijk": "Niet-ontvankelijk", "onbekend": "Onbekend",
                  "overig": "Overig"}
OUTCOME_ORDER = ("toegewezen", "gedeeltelijk toegewezen", "afgewezen", "niet-ontvankelijk", "onbekend")
# Chart colours: each at least 3:1 against white (WCAG 1.4.11); segments are also separated by white gaps and
# every figure is repeated in a table.
OUTCOME_COLOURS = {"toegewezen": "#1b7a3a", "gedeeltelijk toegewezen": "#8a6100", "afgewezen": "#b3261e",
                   "niet-ontvankelijk": "#4f5596", "onbekend": "#6b6b6b"}
SOURCE_LABELS = {"skgz": "SKGZ", "rechtspraak": "Rechtspraak.nl", "other": "Overig"}
SOURCE_COURTS = {"skgz": "Geschillencommissie Zorgverzekeringen", "rechtspraak": "Rechtspraak"}
INSURANCE_LABELS = {"basis": "basisverzekering", "aanvullend": "aanvullende verzekering",
                    "basis en aanvullend": "basis- en aanvullende verzekering"}
SUGGESTIONS = ("tandarts", "buitenland", "fysiotherapie", "machtiging", "entreegeld", "fraude")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


# Formatting ----------------------------------------------------------------------------------------------------


def nl_date(value: date | None, long: bool = True) -> str:
    """``30 juni 2022`` (long) or ``30-06-2022``; empty for None."""
    if value is None:
        return ""
    if long:
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return value.strftime("%d-%m-%Y")


def euro(value: float | None) -> str:
    """``€ 1.234,50`` (Dutch separators); empty for None."""
    if value is None:
        return ""
    whole, cents = divmod(round(value * 100), 100)
    text = f"{whole:,}".replace(",", ".")
    return f"€ {text},{cents:02d}"


def outcome_label(value: str | None) -> str:
    return OUTCOME_LABELS.get(value or "onbekend", (value or "onbekend").capitalize())


def outcome_class(value: str | None) -> str:
    return "outcome-" + re.sub(r"[^a-z]+", "-", (value or "onbekend").lower()).strip("-")


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, with the extractor's hard line breaks inside a paragraph joined."""
    out = []
    for block in re.split(r"\n\s*\n", text or ""):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if joined:
            out.append(joined)
    return out


def _file_digest(name: str) -> str:
    try:
        return hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]
    except OSError:
        return "0"


_STATIC_VERSIONS: dict[str, str] = {}


def static_url(name: str) -> str:
    """``/static/<name>?v=<content hash>``: a changed file gets a new URL, so browsers may cache freely."""
    if name not in _STATIC_VERSIONS:
        _STATIC_VERSIONS[name] = _file_digest(name)
    return f"/static/{name}?v={_STATIC_VERSIONS[name]}"


templates.env.filters.update(nl_date=nl_date, euro=euro, outcome_label=outcome_label,
                             outcome_class=outcome_class, paragraphs=paragraphs)
templates.env.globals.update(static_url=static_url, OUTCOME_COLOURS=OUTCOME_COLOURS, SOURCE_LABELS=SOURCE_LABELS,
                             INSURANCE_LABELS=INSURANCE_LABELS)


# Query strings -------------------------------------------------------------------------------------------------


class _CleanQueryRoute(APIRoute):
    """Redirects ``/?q=&year_from=`` to ``/``: an HTML form submits its empty fields, which the shared
    parameter parser would reject as not-a-number (``year_from=``). Clean URLs are also nicer to share."""

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()

        async def clean_then_handle(request: Request) -> Response:
            raw = request.scope.get("query_string", b"").decode("latin-1")
            pairs = parse_qsl(raw, keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip() and not (k == "page" and v == "1")
                    and not (k == "sort" and v == "relevance") and not (k == "per_page" and v == str(DEFAULT_PER_PAGE))]
            if request.method == "GET" and len(kept) != len(pairs):
                target = request.url.path + ("?" + urlencode(kept) if kept else "")
                return RedirectResponse(target, status_code=303)
            return await handler(request)

        return clean_then_handle


router = APIRouter(include_in_schema=False, route_class=_CleanQueryRoute)


def query_params(query: SearchQuery, *, page: int | None = None) -> list[tuple[str, str]]:
    """The URL parameters of a search, in a stable order, leaving out defaults (page 1, relevance, 20)."""
    params: list[tuple[str, str]] = []
    if query.q:
        params.append(("q", query.q))
    for name, values in query.selected().items():
        params += [(name, v) for v in values]
    if query.year_from is not None:
        params.append(("year_from", str(query.year_from)))
    if query.year_to is not None:
        params.append(("year_to", str(query.year_to)))
    for name in ("date_from", "date_to", "amount_min", "amount_max"):
        value = getattr(query, name)
        if value is not None:
            params.append((name, value.isoformat() if isinstance(value, date)
                           else f"{value:.2f}".rstrip("0").rstrip(".")))
    if query.sort != "relevance":
        params.append(("sort", query.sort))
    if query.per_page != DEFAULT_PER_PAGE:
        params.append(("per_page", str(query.per_page)))
    if page is not None and page > 1:
        params.append(("page", str(page)))
    return params


def search_url(params: Sequence[tuple[str, str]]) -> str:
    return "/?" + urlencode(list(params)) if params else "/"


def _toggle(params: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    pair = (name, value)
    return [p for p in params if p != pair] if pair in params else [*params, pair]


def _without(params: list[tuple[str, str]], *names: str) -> list[tuple[str, str]]:
    return [p for p in params if p[0] not in names]


# Search page view model ----------------------------------------------------------------------------------------


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
                base = _without(params, "year_from", "year_to")
                values.append(FacetValue(v, v, c, selected,
                                         search_url(base if selected else [*base, ("year_from", v), ("year_to", v)])))
        else:
            for v, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                selected = (name, v) in chosen
                if c == 0 and not selected:
                    continue
                link = search_url(_toggle(params, name, v)) if name in FILTER_PARAMS else None
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
              "url": search_url(_toggle(params, n, v))} for n, v in params if n in FILTER_PARAMS]
    if query.year_from is not None or query.year_to is not None:
        if query.year_from == query.year_to:
            label = f"Jaar: {query.year_from}"
        elif query.year_to is None:
            label = f"Jaar: vanaf {query.year_from}"
        elif query.year_from is None:
            label = f"Jaar: tot en met {query.year_to}"
        else:
            label = f"Jaar: {query.year_from}–{query.year_to}"
        chips.append({"label": label, "url": search_url(_without(params, "year_from", "year_to"))})
    return chips


def pagination(query: SearchQuery, total: int, window: int = 2) -> dict[str, Any] | None:
    """Previous/next and numbered page links (first, last and ``window`` around the current page)."""
    last = max(1, min(math.ceil(total / query.per_page), MAX_TOTAL_HITS // query.per_page))
    if last <= 1:
        return None
    current = min(query.page, last)

    def url(n: int) -> str:
        return search_url(query_params(query, page=n))

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


def result_summary(query: SearchQuery, total: int) -> str:
    noun = "uitspraak" if total == 1 else "uitspraken"
    found = f"{total:,}".replace(",", ".") + f" {noun}"
    if total and query.per_page < total:
        first = (query.page - 1) * query.per_page + 1
        last = min(total, query.page * query.per_page)
        return f"{found} gevonden, {first}–{last} getoond"
    return f"{found} gevonden"


async def _topic_labels(service: ArchiveService, result: SearchResponse) -> dict[str, str]:
    labels: dict[str, str] = dict(getattr(result, "topic_labels", None) or {})
    for hit in result.hits:
        for t in hit.topics:
            labels.setdefault(t.id, t.label)
    missing = [t for t in (result.facets.get("topic") or {}) if t not in labels]
    if missing:
        try:  # the statistics are cached by the service: this is a count query, not a scan
            stats = await run_in_threadpool(service.stats)
            for row in stats.by_topic:
                labels.setdefault(row.key, row.label)
        except RulingsError:
            pass
    return labels


def is_partial(request: Request) -> bool:
    return request.headers.get(PARTIAL_HEADER) == "results"


@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request, query: Annotated[SearchQuery, Depends(search_params)],
                      service: Annotated[ArchiveService, Depends(get_service)]) -> HTMLResponse:
    """The search page; with ``X-Partial: results`` only the region below the search box (for site.js)."""
    error = None
    result: SearchResponse | None = None
    try:
        result = await service.search(query)
    except SearchUnavailableError:
        error = "De zoekmachine is op dit moment niet bereikbaar. Probeer het over een paar minuten opnieuw."
    labels = await _topic_labels(service, result) if result is not None else {}
    params = query_params(query)
    context = {
        "query": query, "result": result, "error": error, "sorts": SORTS,
        "facets": facet_groups(query, result.facets, labels) if result else [],
        "chips": filter_chips(query, labels),
        "pages": pagination(query, result.total) if result else None,
        "summary": result_summary(query, result.total) if result else "",
        "hidden": [p for p in params if p[0] in (*FILTER_PARAMS, "per_page")],
        "clear_url": search_url([("q", query.q)] if query.q else []),
        "no_filters": not any(p[0] not in ("q", "sort", "per_page") for p in params),
        "suggestions": [(s, search_url([("q", s)])) for s in SUGGESTIONS if s != query.q.lower()][:5],
        "self_url": search_url(query_params(query, page=query.page)),
        "first_page_url": search_url(params),
        "page_title": _search_title(query, result),
    }
    status = 503 if error else 200
    template = "_results.html" if is_partial(request) else "search.html"
    response = templates.TemplateResponse(request, template, context, status_code=status)
    response.headers["Vary"] = "X-Partial"
    return response


def _search_title(query: SearchQuery, result: SearchResponse | None) -> str:
    if not query.q and result is not None and query_params(query) == []:
        return "Zoeken in uitspraken"
    what = f"‘{query.q}’" if query.q else "Uitspraken"
    count = f" ({result.total})" if result is not None else ""
    page = f", pagina {query.page}" if query.page > 1 else ""
    return f"{what}{count}{page}"


# Ruling page ---------------------------------------------------------------------------------------------------


def download_name(slug: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", slug).strip("_") + ".txt"


def citation(r: RulingPublic, absolute_url: str) -> str:
    """A plain citation: body, date, identifier, and the permalink."""
    body = r.court or SOURCE_COURTS.get(r.source, "")
    parts = [p for p in (body, nl_date(r.decision_date)) if p]
    ident = r.ecli or (f"zaaknummer {r.case_number}" if r.case_number else r.slug)
    return f"{' '.join(parts)}, {ident}" + (f" ({r.insurer})" if r.insurer else "") + f", {absolute_url}"


@dataclass
class SectionView:
    anchor: str
    number: str | None
    title: str
    level: int  # 2 for "6", 3 for "6.1"
    paragraphs: list[str]


def section_views(r: RulingPublic) -> list[SectionView]:
    views = []
    used: set[str] = set()
    for i, s in enumerate(r.sections, start=1):
        base = "sectie-" + (re.sub(r"[^0-9a-z]+", "-", (s.number or "").lower()).strip("-") or str(i))
        anchor = base if base not in used else f"{base}-{i}"
        used.add(anchor)
        level = 3 if s.number and "." in s.number.strip(".") else 2
        views.append(SectionView(anchor, s.number, s.title, level, paragraphs(s.text)))
    return views


def ruling_text(r: RulingPublic, absolute_url: str) -> str:
    """The anonymised ruling as plain text, with a short header (the ``.txt`` download)."""
    head = [r.title, ""]
    for label, value in (("Zaaknummer", r.case_number), ("ECLI", r.ecli), ("Instantie", r.court),
                         ("Datum uitspraak", nl_date(r.decision_date)), ("Zorgverzekeraar", r.insurer),
                         ("Uitkomst", outcome_label(r.outcome)), ("Bron", absolute_url)):
        if value:
            head.append(f"{label}: {value}")
    head += ["", "Deze tekst is geanonimiseerd: namen van particulieren en persoonsgegevens zijn vervangen.", ""]
    if r.sections:
        body = "\n\n".join(
            f"{s.number + '. ' if s.number else ''}{s.title}\n\n{s.text.strip()}".rstrip() for s in r.sections)
    else:
        body = r.text.strip()
    text = "\n".join(head) + "\n" + body + "\n"
    if r.annex.strip():
        text += "\n\nBIJLAGEN\n\n" + r.annex.strip() + "\n"
    return text


def _absolute(request: Request, path: str) -> str:
    return str(request.base_url).rstrip("/") + path


@router.get("/uitspraak/{slug:path}.txt", response_class=PlainTextResponse)
def ruling_download(request: Request, slug: str,
                    service: Annotated[ArchiveService, Depends(get_service)]) -> PlainTextResponse:
    ruling = service.get_ruling(slug)
    body = ruling_text(ruling, _absolute(request, ruling.url))
    return PlainTextResponse(body, media_type="text/plain; charset=utf-8", headers={
        "Content-Disposition": f"attachment; filename=\"{download_name(ruling.slug)}\"; "
                               f"filename*=UTF-8''{quote(download_name(ruling.slug))}"})


@router.get("/uitspraak/{slug:path}", response_class=HTMLResponse)
async def ruling_page(request: Request, slug: str,
                      service: Annotated[ArchiveService, Depends(get_service)]) -> HTMLResponse:
    ruling = await run_in_threadpool(service.get_ruling, slug)
    similar: list[Any] = []
    find_similar = getattr(service, "similar", None)
    if find_similar is not None:
        try:
            similar = list(await find_similar(ruling.slug, limit=5))
        except RulingsError as exc:  # similar rulings are a nicety: the page renders without them
            log.info("similar rulings unavailable for ruling %s: %s", ruling.id, exc.code)
    permalink = _absolute(request, ruling.url)
    return templates.TemplateResponse(request, "ruling.html", {
        "r": ruling, "sections": section_views(ruling), "similar": similar, "permalink": permalink,
        "citation": citation(ruling, permalink), "download_url": ruling.url + ".txt",
        "top_sections": [s for s in section_views(ruling) if s.level == 2],
    })


# Statistics page -----------------------------------------------------------------------------------------------


def bar_rows(rows: Sequence[Any], link: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """Chart rows: per key, stacked outcome segments as percentages (x, width) that add up to 100."""
    out = []
    for row in rows:
        total = row.total or 0
        segments = []
        x = 0.0
        for outcome in [*OUTCOME_ORDER, *sorted(set(row.outcomes) - set(OUTCOME_ORDER))]:
            n = row.outcomes.get(outcome, 0)
            if not n or not total:
                continue
            width = 100.0 * n / total
            segments.append({"outcome": outcome, "label": outcome_label(outcome), "count": n,
                             "x": round(x, 3), "width": round(width, 3),
                             "colour": OUTCOME_COLOURS.get(outcome, "#6b6b6b")})
            x += width
        rate = round(100 * row.granted_rate)
        breakdown = ", ".join(f"{s['count']} {s['label'].lower()}" for s in segments)
        # The accessible name starts with the visible text ("Mondzorg (14) 50% toegewezen"), then the detail.
        # The bar's own text stays on one line next to the rate on a phone; the full label is in the table
        short = row.label if len(row.label) <= 26 else row.label[:25].rstrip() + "…"
        out.append({"key": row.key, "label": row.label, "short": short, "total": total, "segments": segments,
                    "rate": rate,
                    "url": link(row.key),
                    "text": f"{short} ({total}) {rate}% toegewezen: {breakdown}"
                            + (f" ({row.label})" if short != row.label else "")})
    return out


def _year_link(key: str) -> str | None:
    return search_url([("year_from", key), ("year_to", key)]) if key.isdigit() else None


def charts(stats: StatsResponse) -> list[dict[str, Any]]:
    def facet_link(name: str) -> Callable[[str], str | None]:
        return lambda key: None if key == "onbekend" else search_url([(name, key)])

    specs = [("onderwerp", "Per onderwerp", stats.by_topic, facet_link("topic")),
             ("verzekeraar", "Per zorgverzekeraar", stats.by_insurer, facet_link("insurer")),
             ("jaar", "Per jaar", stats.by_year, _year_link)]
    return [{"id": cid, "title": title, "rows": bar_rows(rows, link), "height": 48 * len(rows) + 8}
            for cid, title, rows, link in specs if rows]


@router.get("/statistieken", response_class=HTMLResponse)
async def stats_page(request: Request,
                     service: Annotated[ArchiveService, Depends(get_service)]) -> HTMLResponse:
    stats = await run_in_threadpool(service.stats)
    overall = [{"outcome": o, "label": outcome_label(o), "count": stats.outcomes[o],
                "share": round(100 * stats.outcomes[o] / stats.total) if stats.total else 0,
                "colour": OUTCOME_COLOURS.get(o, "#6b6b6b"), "url": search_url([("outcome", o)])}
               for o in [*OUTCOME_ORDER, *sorted(set(stats.outcomes) - set(OUTCOME_ORDER))]
               if stats.outcomes.get(o)]
    return templates.TemplateResponse(request, "stats.html", {
        "stats": stats, "charts": charts(stats), "overall": overall,
        "legend": [(outcome_label(o), OUTCOME_COLOURS[o]) for o in OUTCOME_ORDER],
    })


# About page ----------------------------------------------------------------------------------------------------


@router.get("/over", response_class=HTMLResponse)
def about_page(request: Request) -> HTMLResponse:
    settings = getattr(request.app.state, "settings", None)
    contact = getattr(settings, "report_email", None)
    return templates.TemplateResponse(request, "about.html", {"contact": contact})


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)
