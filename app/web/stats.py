"""The statistics page ``/statistieken``: outcome rates as server-side SVG charts with table fallbacks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse

from app.deps import get_service, search_params
from app.schemas import StatsResponse
from app.service import ArchiveService
from app.statistics import UNKNOWN
from app.web.formatting import OUTCOME_COLOURS, OUTCOME_ORDER, outcome_label
from app.web.shared import page_router, templates
from app.web.urls import search_url
from search_index.query import SearchPlan

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
        # Fewer than 5 known outcomes: no percentage to over-read, the count says what there is.
        rate_text = f"n = {row.known}, te weinig" if row.small_sample else f"{rate}% toegewezen"
        interval = f"{round(100 * row.ci_low)}–{round(100 * row.ci_high)}%" if row.known else ""
        breakdown = ", ".join(f"{s['count']} {s['label'].lower()}" for s in segments)
        # The accessible name starts with the visible text ("Mondzorg (14) 50% toegewezen"), then the detail.
        # The bar's own text stays on one line next to the rate on a phone; the full label is in the table
        short = row.label if len(row.label) <= 26 else row.label[:25].rstrip() + "…"
        # The bar names the rulings behind it (its link opens exactly those); by topic the percentages count claims.
        rulings = row.rulings or total
        counted = f"{rulings}, {total} verzoeken" if row.unit == "claims" and total != rulings else f"{rulings}"
        out.append({"key": row.key, "label": row.label, "short": short, "total": total, "rulings": rulings,
                    "counted": counted, "segments": segments,
                    "rate": rate, "rate_text": rate_text, "interval": interval, "known": row.known,
                    "unknown": row.unknown, "small": row.small_sample, "unit": row.unit,
                    "claimed_median": row.claimed_median, "awarded_median": row.awarded_median,
                    "awarded_total": row.awarded_total,
                    "url": link(row.key), "breakdown": breakdown,
                    "text": f"{short} ({counted}) {rate_text}: {breakdown}"
                            + (f" ({row.label})" if short != row.label else "")})
    return out


def charts(stats: StatsResponse, params: Sequence[tuple[str, str]] = ()) -> list[dict[str, Any]]:
    """The three charts; each bar links to the search behind it (the current search, narrowed to the bar)."""
    base = [p for p in params if p[0] not in ("year_from", "year_to")]

    def facet_link(name: str) -> Callable[[str], str | None]:
        return lambda key: None if key == "onbekend" else search_url([*params, (name, key)])

    def year_link(key: str) -> str | None:
        return search_url([*base, ("year_from", key), ("year_to", key)]) if key.isdigit() else None

    specs = [("onderwerp", "Per onderwerp", stats.by_topic, facet_link("topic")),
             ("verzekeraar", "Per zorgverzekeraar", stats.by_insurer, facet_link("insurer")),
             ("jaar", "Per jaar", stats.by_year, year_link)]
    return [{"id": cid, "title": title, "rows": bar_rows(rows, link)}
            for cid, title, rows, link in specs if rows]


def overall_rows(stats: StatsResponse, params: Sequence[tuple[str, str]] = ()) -> list[dict[str, Any]]:
    """The outcomes of all rulings counted, each with its share of the rulings whose outcome is known (the page says
    so, and the rates of the charts count the same way); an unknown outcome gets no share (``None``)."""
    known = stats.total - stats.unknown
    return [{"outcome": o, "label": outcome_label(o), "count": stats.outcomes[o],
             "share": None if o in UNKNOWN else (round(100 * stats.outcomes[o] / known) if known else 0),
             "colour": OUTCOME_COLOURS.get(o, "#6b6b6b"), "url": search_url([*params, ("outcome", o)])}
            for o in [*OUTCOME_ORDER, *sorted(set(stats.outcomes) - set(OUTCOME_ORDER))]
            if stats.outcomes.get(o)]


@router.get("/statistieken", response_class=HTMLResponse)
async def stats_page(request: Request, plan: Annotated[SearchPlan, Depends(search_params)],
                     service: Annotated[ArchiveService, Depends(get_service)]) -> HTMLResponse:
    """The statistics of the archive, or of a search: the page takes every search parameter."""
    stats = await service.stats(plan)
    params = [p for p in plan.params() if p[0] not in ("sort", "per_page", "page")]
    known = stats.total - stats.unknown
    overall = overall_rows(stats, params)
    return templates.TemplateResponse(request, "stats.html", {
        "stats": stats, "charts": charts(stats, params), "overall": overall, "known": known,
        "search_url": search_url(params) if stats.filtered else None,
        "legend": [(outcome_label(o), OUTCOME_COLOURS[o]) for o in OUTCOME_ORDER],
    })
