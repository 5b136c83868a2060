"""The ruling page ``/uitspraak/{slug}``, and ``.txt`` for the anonymised text as a download."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, PlainTextResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams

from app.deps import get_service, plan_search
from app.links import public_base
from app.schemas import RulingPublic
from app.service import ArchiveService
from app.web.formatting import nl_date, outcome_label, paragraphs
from app.web.highlight import MARK_ANCHOR, Highlighter, highlight_phrases, highlight_references, highlight_terms
from app.web.shared import page_router, templates
from app.web.urls import search_url
from archive.errors import InvalidParameterError, RulingsError
from archive.laws import reference_label
from search_index.query import MAX_QUERY_CHARS, SearchPlan

log = logging.getLogger(__name__)
router = page_router()

# Query parameters of a ruling link that are not the search to go back to (the API's cursor and facet choice).
_NOT_SEARCH = frozenset({"cursor", "facet"})
SOURCE_COURTS = {"skgz": "Geschillencommissie Zorgverzekeringen", "rechtspraak": "Rechtspraak"}


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


def section_views(r: RulingPublic, mark: Callable[[str], Any] | None = None) -> list[SectionView]:
    """The ruling's sections with anchors and levels; ``mark`` (a :class:`~app.web.highlight.Highlighter`) turns
    each paragraph into escaped HTML with the search words marked."""
    views = []
    used: set[str] = set()
    for i, s in enumerate(r.sections, start=1):
        base = "sectie-" + (re.sub(r"[^0-9a-z]+", "-", (s.number or "").lower()).strip("-") or str(i))
        anchor = base if base not in used else f"{base}-{i}"
        used.add(anchor)
        level = 3 if s.number and "." in s.number.strip(".") else 2
        paras = paragraphs(s.text)
        views.append(SectionView(anchor, s.number, s.title, level, [mark(p) for p in paras] if mark else paras))
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
    return public_base(request) + path


@router.get("/uitspraak/{slug:path}.txt", response_class=PlainTextResponse)
def ruling_download(request: Request, slug: str,
                    service: Annotated[ArchiveService, Depends(get_service)]) -> PlainTextResponse:
    ruling = service.get_ruling(slug)
    body = ruling_text(ruling, _absolute(request, ruling.url))
    return PlainTextResponse(body, media_type="text/plain; charset=utf-8", headers={
        "Content-Disposition": f"attachment; filename=\"{download_name(ruling.slug)}\"; "
                               f"filename*=UTF-8''{quote(download_name(ruling.slug))}"})


def search_context(raw: QueryParams) -> tuple[SearchPlan | None, str]:
    """The search a ruling page was opened from (a result link carries all of it: ``q``, filters, sort, page), read
    by the search page's own validation; and ``q`` alone when the rest does not validate (an old or edited link),
    which still marks the words. Nothing else of the query string is used."""
    pairs = [(k, v) for k, v in raw.multi_items() if k not in _NOT_SEARCH]
    if not pairs:
        return None, ""
    try:
        plan = plan_search(QueryParams(pairs))
    except (RequestValidationError, InvalidParameterError):
        return None, raw.get("q", "")
    return (plan if plan.params(page=plan.page) else None), ""


def back_url(plan: SearchPlan | None, q: str) -> str | None:
    """"Terug naar de resultaten": the search page (a path on this site, never a URL from the request) with the
    search's validated parameters, on the page the ruling was listed on."""
    if plan is not None:
        return search_url(plan.params(page=plan.page))
    return search_url([("q", q)]) if q.strip() else None


@router.get("/uitspraak/{slug:path}", response_class=HTMLResponse)
async def ruling_page(request: Request, slug: str,
                      service: Annotated[ArchiveService, Depends(get_service)]) -> HTMLResponse:
    """A ruling; the search it was opened from (``q``, filters, sort, page: the query string of a result link)
    marks the search words and the provisions searched for in its text, and leads back to those results."""
    plan, fallback_q = search_context(request.query_params)
    q = plan.q if plan is not None else fallback_q
    ruling = await run_in_threadpool(service.get_ruling, slug)
    similar: list[Any] = []
    find_similar = getattr(service, "similar", None)
    if find_similar is not None:
        try:
            similar = list(await find_similar(ruling.slug, limit=5))
        except RulingsError as exc:  # similar rulings are a nicety: the page renders without them
            log.info("similar rulings unavailable for ruling %s: %s", ruling.id, exc.code)
    permalink = _absolute(request, ruling.url)
    body = [s.text for s in ruling.sections] if ruling.sections else [ruling.text]
    provisions = highlight_references(q, plan.query.filters.get("reference", []) if plan is not None else ())
    mark = Highlighter(highlight_terms(q), highlight_phrases(q), provisions).learn([*body, ruling.annex])
    sections = section_views(ruling, mark)
    text_paragraphs = [] if sections else [mark(p) for p in paragraphs(ruling.text)]
    annex_paragraphs = [mark(p) for p in paragraphs(ruling.annex)]
    q = " ".join(q.split())[:MAX_QUERY_CHARS]
    asked = [f"‘{q}’"] if q else []
    if plan is not None:  # provisions by their label; those typed in q are already in it
        asked += [reference_label(r) for r in plan.query.filters.get("reference", [])]
    return templates.TemplateResponse(request, "ruling.html", {
        "r": ruling, "sections": sections, "similar": similar, "permalink": permalink,
        "citation": citation(ruling, permalink), "download_url": ruling.url + ".txt",
        "top_sections": [s for s in sections if s.level == 2], "text_paragraphs": text_paragraphs,
        "annex_paragraphs": annex_paragraphs, "back_url": back_url(plan, q),
        "highlight": {"q": q, "asked": " en ".join(asked), "count": mark.count, "anchor": MARK_ANCHOR,
                      "provisions": bool(provisions)} if mark.active else None,
    })
