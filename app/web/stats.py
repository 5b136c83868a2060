"""The statistics page ``/statistieken``: outcome rates as server-side SVG charts with table fallbacks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from app.deps import get_service
from app.schemas import StatsResponse
from app.service import ArchiveService
from app.web.formatting import OUTCOME_COLOURS, OUTCOME_ORDER, outcome_label
from app.web.shared import page_router, templates
from app.web.urls import search_url

router = page_router()


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
