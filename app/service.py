"""The service layer: one function per use case, called by both the JSON API and the HTML pages.

Everything returned here is built from anonymised fields (see :mod:`app.schemas`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from app.schemas import OutcomeRates, RulingPublic, SearchHit, SearchResponse, StatsResponse, TopicPublic
from archive import store
from archive.db import session_scope
from archive.errors import NotFoundError, SearchUnavailableError
from archive.models import Ruling
from search_index import SearchIndex
from search_index.query import SearchQuery

log = logging.getLogger(__name__)
APP_VERSION = "0.1.0"


def ruling_url(slug: str) -> str:
    return f"/uitspraak/{quote(slug, safe=':')}"


def _topics(raw: Any) -> list[TopicPublic]:
    out: list[TopicPublic] = []
    for t in raw or []:
        if isinstance(t, str):
            out.append(TopicPublic(id=t, label=t))
        elif isinstance(t, dict) and t.get("id"):
            out.append(TopicPublic(id=t["id"], label=t.get("label") or t["id"],
                                   confidence=float(t.get("confidence") or 0.0)))
    return out


def to_public(r: Ruling) -> RulingPublic:
    md = r.metadata_json or {}
    return RulingPublic(
        id=r.id, slug=r.slug, url=ruling_url(r.slug), source=r.source, case_number=r.case_number, ecli=r.ecli,
        title=r.title, court=r.court, decision_date=r.decision_date, hearing_date=r.hearing_date,
        decision_place=r.decision_place, insurer=r.insurer, insurer_concern=r.insurer_concern,
        insurance_type=r.insurance_type, outcome=r.outcome, outcome_explanation=r.outcome_explanation,
        entreegeld_refunded=r.entreegeld_refunded, amount_claimed=r.amount_claimed,
        amount_awarded=r.amount_awarded, committee=md.get("committee") or [],
        zaak_keywords=md.get("zaak_keywords") or [], regulations=md.get("regulations") or [],
        topics=_topics(r.topics), references=r.references or [], sections=r.sections or [],
        decision_items=r.decision_items or [], amounts=r.amounts or [], text=r.text, annex=r.annex,
        pages=r.pages, ocr_pages=r.ocr_pages or [],
    )


@dataclass
class ArchiveService:
    factory: sessionmaker[Session]
    index: SearchIndex
    _stats_cache: tuple[tuple[Any, ...], StatsResponse] | None = None

    async def search(self, query: SearchQuery) -> SearchResponse:
        result = await self.index.asearch(query)
        hits = [
            SearchHit(
                id=int(h["id"]), slug=h["slug"], case_number=h.get("case_number"), ecli=h.get("ecli"),
                title=h.get("title") or h["slug"], decision_date=h.get("decision_date"),
                topics=_topics(h.get("topics")), insurer=h.get("insurer"), outcome=h.get("outcome") or "onbekend",
                source=h.get("source"), snippet=h.get("snippet") or "", url=ruling_url(h["slug"]),
            )
            for h in result.hits
        ]
        return SearchResponse(total=result.total, page=result.page, per_page=result.per_page, hits=hits,
                              facets=result.facets)

    def get_ruling(self, key: str) -> RulingPublic:
        with session_scope(self.factory) as session:
            ruling = store.get_ruling(session, key)
            if ruling is None:
                raise NotFoundError(f"no published ruling with id or case number {key!r}")
            return to_public(ruling)

    def stats(self) -> StatsResponse:
        """Outcome counts and grant rates by topic, insurer and year, over all published rulings."""
        with session_scope(self.factory) as session:
            fingerprint = session.execute(select(func.count(), func.max(Ruling.updated_at))
                                          .where(Ruling.status == "published")).one()
            if self._stats_cache and self._stats_cache[0] == tuple(fingerprint):
                return self._stats_cache[1]
            rows = session.execute(select(Ruling.topics, Ruling.insurer, Ruling.outcome, Ruling.decision_date)
                                   .where(Ruling.status == "published")).all()
        groups: dict[str, dict[str, dict[str, int]]] = {"topic": {}, "insurer": {}, "year": {}}
        labels: dict[str, str] = {}
        overall: dict[str, int] = {}
        for topics, insurer, outcome, decided in rows:
            overall[outcome] = overall.get(outcome, 0) + 1
            keys = {"insurer": [insurer or "onbekend"], "year": [str(decided.year) if decided else "onbekend"],
                    "topic": []}
            for t in _topics(topics):
                keys["topic"].append(t.id)
                labels[t.id] = t.label
            for dim, values in keys.items():
                for v in values:
                    counts = groups[dim].setdefault(v, {})
                    counts[outcome] = counts.get(outcome, 0) + 1

        def rates(dim: str) -> list[OutcomeRates]:
            out = []
            for key, counts in groups[dim].items():
                total = sum(counts.values())
                granted = counts.get("toegewezen", 0) + counts.get("gedeeltelijk toegewezen", 0)
                out.append(OutcomeRates(key=key, label=labels.get(key, key), total=total, outcomes=counts,
                                        granted_rate=round(granted / total, 4) if total else 0.0))
            if dim == "year":
                return sorted(out, key=lambda r: r.key)
            return sorted(out, key=lambda r: (-r.total, r.key))

        result = StatsResponse(total=len(rows), outcomes=overall, by_topic=rates("topic"),
                               by_insurer=rates("insurer"), by_year=rates("year"))
        self._stats_cache = (tuple(fingerprint), result)
        return result

    async def health(self) -> dict[str, str]:
        db = "ok"
        try:
            with session_scope(self.factory) as session:
                session.execute(text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            db = f"error: {type(exc).__name__}"
        search = "ok"
        try:
            await self.index.ahealth()
        except SearchUnavailableError:
            search = "unavailable"
        status = "ok" if db == "ok" and search == "ok" else "degraded"
        return {"status": status, "database": db, "search": search, "version": APP_VERSION}
