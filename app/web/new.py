"""``/nieuw``: "Nieuw in het archief", the rulings most recently published in this archive (``published_at``,
not the decision date: an old ruling added today is new here), grouped by the day they were added, newest first,
with the Atom feed of the same list (``/api/v1/search.atom`` without parameters).

Paged with the search's bookmark cursor (``sort=published_desc``), so rulings added while someone pages neither
repeat nor go missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Depends, Query, Request
from fastapi.responses import HTMLResponse

from app.deps import get_service
from app.service import ArchiveService
from app.web.shared import page_router, templates
from app.web.urls import FEED_PATH
from search_index.facets import link
from search_index.query import MAX_CURSOR_CHARS, SearchQuery

router = page_router()
NEW_PER_PAGE = 25
NEW_PATH = "/nieuw"


def _local_zone() -> tzinfo:
    try:
        return ZoneInfo("Europe/Amsterdam")  # the archive's readers' days
    except ZoneInfoNotFoundError:  # a system without time zone data: days in UTC
        return UTC


ZONE = _local_zone()


@dataclass
class Day:
    day: date | None
    hits: list[dict[str, Any]] = field(default_factory=list)


def added_on(published_at: str | None) -> date | None:
    """The day (Dutch time) a ruling was added, from the hit's ``published_at`` (ISO, UTC)."""
    if not published_at:
        return None
    try:
        moment = datetime.fromisoformat(published_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(ZONE).date()


def by_day(hits: list[dict[str, Any]]) -> list[Day]:
    """Hits (newest additions first) grouped by the day they were added, in that order."""
    days: list[Day] = []
    for hit in hits:
        day = added_on(hit.get("published_at"))
        if not days or days[-1].day != day:
            days.append(Day(day))
        days[-1].hits.append(hit)
    return days


@router.get(NEW_PATH, response_class=HTMLResponse)
async def new_page(request: Request, service: Annotated[ArchiveService, Depends(get_service)],
                   cursor: Annotated[str | None, Query(max_length=MAX_CURSOR_CHARS)] = None) -> HTMLResponse:
    plan = SearchQuery(sort="published_desc", per_page=NEW_PER_PAGE, cursor=cursor, facets=["source"]).plan()
    result = await service.search(plan)
    last = -(-result.total // NEW_PER_PAGE)
    first = (plan.page - 1) * NEW_PER_PAGE
    return templates.TemplateResponse(request, "new.html", {
        "days": by_day(result.hits), "total": result.total, "page": plan.page,
        "shown": (first + 1, first + len(result.hits)) if result.hits else None,
        "older": link(NEW_PATH, [("cursor", result.next_cursor)]) if result.next_cursor and plan.page < last
        else None,
        "feed_url": FEED_PATH,
    })
