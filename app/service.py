"""The service layer: one function per use case, called by both the JSON API and the HTML pages.

Everything returned here is built from anonymised fields (see :mod:`app.schemas`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from app.schemas import (
    AmountPublic,
    ClaimPublic,
    DecisionItemPublic,
    ReferencePublic,
    RulingPublic,
    SectionPublic,
    SimilarRuling,
    SourcePublic,
    StatsResponse,
    StatuteArticle,
    StatuteLaw,
    TopicPublic,
)
from app.similarity import Candidate, Target, best_matches, candidates, reason
from app.statistics import StatsRow, compute
from archive import store
from archive.db import session_scope
from archive.errors import GoneError, NotFoundError, SearchUnavailableError
from archive.laws import reference_label, short_name
from archive.models import Ruling
from archive.sources import quality_of_rank
from archive.urls import ruling_url
from search_index import SearchIndex
from search_index.facets import link
from search_index.query import MAX_PER_PAGE, SearchPlan, SearchQuery, SearchResult
from search_index.settings import MAX_TOTAL_HITS

log = logging.getLogger(__name__)
APP_VERSION = "0.1.0"
FINGERPRINT_TTL_S = 5.0
HIDDEN_TTL_S = 1.0  # how stale the set of no-longer-public rulings still in the index may be (takedowns)
EXPORT_CAP = MAX_TOTAL_HITS  # rows per export: the deepest a search can page




def _topics(raw: Any) -> list[TopicPublic]:
    out: list[TopicPublic] = []
    for t in raw or []:
        if isinstance(t, str):
            out.append(TopicPublic(id=t, label=t))
        elif isinstance(t, dict) and t.get("id"):
            out.append(TopicPublic(id=t["id"], label=t.get("label") or t["id"],
                                   confidence=float(t.get("confidence") or 0.0)))
    return out


def _entreegeld(amounts: Any) -> float | None:
    """The entreegeld refund the decision orders (its own amount, never part of what is awarded)."""
    values = [float(a["value"]) for a in amounts or [] if isinstance(a, dict) and a.get("role") == "entreegeld"]
    return round(sum(values), 2) if values else None


def _legal_order(reference_id: str) -> list[tuple[int, str]]:
    """Sort key that puts art. 2 before art. 10 and 7:942 before 7:960 (numbers as numbers)."""
    return [(int(p), "") if p.isdigit() else (10**9, p) for p in re.split(r"[:.]", reference_id)]


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were written as UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def to_public(r: Ruling) -> RulingPublic:
    md = r.metadata_json or {}
    return RulingPublic(
        id=r.id, slug=r.slug, url=ruling_url(r.slug), source=r.source, case_number=r.case_number, ecli=r.ecli,
        title=md.get("headline") or r.title, court=r.court, decision_date=r.decision_date,
        hearing_date=r.hearing_date, published_at=_utc(r.published_at),
        decision_place=r.decision_place, insurer=r.insurer, insurer_concern=r.insurer_concern,
        insurance_type=r.insurance_type, outcome=r.outcome, outcome_explanation=r.outcome_explanation,
        entreegeld_refunded=r.entreegeld_refunded, amount_claimed=r.amount_claimed,
        amount_awarded=r.amount_awarded, committee=md.get("committee") or [],
        entreegeld_amount=_entreegeld(r.amounts), summary=str(md.get("summary") or ""),
        claims=[ClaimPublic.model_validate(c) for c in md.get("claims") or [] if isinstance(c, dict)],
        zaak_keywords=md.get("zaak_keywords") or [], regulations=md.get("regulations") or [],
        topics=_topics(r.topics),
        references=[ReferencePublic.model_validate(x) for x in r.references or []],
        sections=[SectionPublic.model_validate(x) for x in r.sections or []],
        decision_items=[DecisionItemPublic.model_validate(x) for x in r.decision_items or []],
        amounts=[AmountPublic.model_validate(x) for x in r.amounts or []], text=r.text, annex=r.annex,
        pages=r.pages, ocr_pages=r.ocr_pages or [],
        sources=[SourcePublic(sha256=d.sha256[:12], format=d.source_format, pages=d.pages or 0,
                              quality=quality_of_rank(d.quality_rank, d.source_format), ocr=bool(d.ocr_pages),
                              text_source=d.text_source) for d in store.live_sources(r)],
    )


@dataclass
class ArchiveService:
    factory: sessionmaker[Session]
    index: SearchIndex
    _stats_cache: dict[tuple[Any, ...], StatsResponse] = field(default_factory=dict)
    _similar_cache: tuple[tuple[Any, ...], list[Candidate]] | None = None
    _similar_results: dict[tuple[Any, ...], list[SimilarRuling]] = field(default_factory=dict)
    _fp_cache: tuple[float, tuple[Any, ...]] | None = None
    _hidden: tuple[float, frozenset[int]] | None = None

    async def search(self, plan: SearchPlan | SearchQuery) -> SearchResult:
        """One page of a search (pages, feeds, exports). Hits are plain values in the public ``SearchHit`` shape,
        built once by the search index."""
        return await self._visible(await self.index.asearch(plan))

    async def search_json(self, plan: SearchPlan) -> bytes:
        """One page of a search as the API's JSON (the ``SearchResponse`` shape), serialised straight from plain
        values: building models only to dump them again was a fifth of the API's CPU per search."""
        return orjson.dumps((await self._visible(await self.index.asearch(plan))).as_json())

    def forget_hidden(self) -> None:
        """A ruling stopped being public in this process (a takedown): re-read the hidden set on the next search."""
        self._hidden = None

    async def _visible(self, result: SearchResult) -> SearchResult:
        """The result without rulings the database no longer publishes but the index still holds (a takedown whose
        index deletion Meilisearch has not finished): a takedown leaves search within a second, however busy
        Meilisearch is (issue 17). The set is re-read at most every :data:`HIDDEN_TTL_S`; usually it is empty."""
        now = time.monotonic()
        if self._hidden is None or now - self._hidden[0] > HIDDEN_TTL_S:
            def read() -> frozenset[int]:
                with session_scope(self.factory) as session:
                    return store.unpublished_in_index(session)

            self._hidden = (now, await run_in_threadpool(read))
        hidden = self._hidden[1]
        if not hidden or not any(h.get("id") in hidden for h in result.hits):
            return result
        hits = [h for h in result.hits if h.get("id") not in hidden]
        return dataclasses.replace(result, hits=hits, total=max(0, result.total - (len(result.hits) - len(hits))))

    def get_ruling(self, key: str) -> RulingPublic:
        with session_scope(self.factory) as session:
            ruling = store.get_ruling(session, key)
            if ruling is None and store.get_ruling(session, key, status="withdrawn") is not None:
                raise GoneError("this ruling was taken down; it may be published again after review")
            if ruling is None:
                raise NotFoundError(f"no published ruling with id or case number {key!r}")
            return to_public(ruling)

    async def iter_hits(self, plan: SearchPlan, cap: int = EXPORT_CAP) -> AsyncIterator[dict[str, Any]]:
        """Every hit of a search, page by page, up to ``cap`` (exports and feeds).

        Follows ``next_cursor``: in the orders by date or amount that is a bookmark, so rulings published while
        an export streams neither repeat nor go missing from it.
        """
        sent = 0
        page = plan.replace(page=1, per_page=MAX_PER_PAGE)
        while sent < cap:
            result = await self.search(page)
            for hit in result.hits:
                if sent >= cap:
                    return
                yield hit
                sent += 1
            if result.next_cursor is None or not result.hits:
                return
            page = page.replace(cursor=result.next_cursor)

    def _fingerprint(self) -> tuple[Any, ...]:
        """(count, last update) of the published rulings, re-read at most every few seconds.

        The caches below are keyed on it; a new ruling shows up in stats and similar lists within seconds.
        """
        now = time.monotonic()
        if self._fp_cache and now - self._fp_cache[0] < FINGERPRINT_TTL_S:
            return self._fp_cache[1]
        with session_scope(self.factory) as session:
            fp = store.published_fingerprint(session)
        self._fp_cache = (now, fp)
        return fp

    def _candidates(self) -> list[Candidate]:
        """Every published ruling as a similarity candidate, cached until the published set changes."""
        fingerprint = self._fingerprint()
        if self._similar_cache and self._similar_cache[0] == fingerprint:
            return self._similar_cache[1]
        with session_scope(self.factory) as session:
            pool = candidates(store.similarity_rows(session))
        self._similar_cache = (fingerprint, pool)
        return pool

    async def similar(self, key: str, limit: int = 5) -> list[SimilarRuling]:
        """Rulings like this one (scored by :mod:`app.similarity`), each with what it shares; cached per ruling
        until the published set changes."""
        ruling = await run_in_threadpool(self.get_ruling, key)
        cache_key = (self._similar_cache[0] if self._similar_cache else None, ruling.id, limit)
        cached = self._similar_results.get(cache_key)
        if cached is not None:
            return cached
        words = ruling.zaak_keywords or [t.label for t in ruling.topics]

        async def text_ranks() -> dict[int, float]:
            if not words:
                return {}
            try:
                # Only the ranking is needed: count the cheapest facet, not all nine.
                found = await self.search(SearchQuery(q=" ".join(words)[:400], per_page=50, facets=["source"]))
            except SearchUnavailableError:
                return {}
            return {h["id"]: 1 - i / 50 for i, h in enumerate(found.hits)}

        # The search and the database read are independent: overlap them.
        text_rank, pool = await asyncio.gather(text_ranks(), run_in_threadpool(self._candidates))
        cache_key = (self._similar_cache[0] if self._similar_cache else None, ruling.id, limit)
        target = Target.of(ruling)
        result = [SimilarRuling(id=c.id, slug=c.slug, title=c.title, decision_date=c.decision_date, outcome=c.outcome,
                                insurer=c.insurer, score=round(sc, 4), reason=reason(target, c, text_rank),
                                url=ruling_url(c.slug))
                  for sc, c in best_matches(target, pool, text_rank, limit)]
        if len(self._similar_results) > 4096 or (self._similar_results and next(iter(self._similar_results))[0]
                                                 != cache_key[0]):
            self._similar_results.clear()  # the published set changed (or the cache is full): start over
        self._similar_results[cache_key] = result
        return result

    async def stats(self, plan: SearchPlan | None = None) -> StatsResponse:
        """Outcome statistics (:mod:`app.statistics`) of every published ruling, or of the rulings a search finds
        (q and every filter; the whole result, not a page). Cached until the published set changes."""
        narrows = plan is not None and plan.narrows
        key = (self._fingerprint(), tuple(plan.params()) if plan is not None and narrows else ())
        cached = self._stats_cache.get(key)
        if cached is not None:
            return cached
        ids = await self.index.matching_ids(plan) if plan is not None and narrows else None

        def read() -> list[StatsRow]:
            with session_scope(self.factory) as session:
                return [StatsRow(*row) for row in store.stats_rows(session, ids)]

        result = compute(await run_in_threadpool(read), filtered=narrows)
        if len(self._stats_cache) > 256 or any(k[0] != key[0] for k in self._stats_cache):
            self._stats_cache.clear()  # the published set changed (or too many searches): start over
        self._stats_cache[key] = result
        return result

    def statutes(self) -> list[StatuteLaw]:
        """Every cited law and article with its number of rulings (the statute index): grouped by law, laws by
        rulings, articles in their legal order. Every value of the reference facet is reachable here."""
        with session_scope(self.factory) as session:
            counts = store.reference_counts(session)
            law_rulings = store.law_counts(session)
        laws: dict[str, list[StatuteArticle]] = {}
        for rid, n in counts.items():
            prefix = rid.split(":", 1)[0]
            laws.setdefault(prefix, []).append(StatuteArticle(id=rid, label=reference_label(rid), rulings=n,
                                                              url=link("/", [("reference", rid)])))
        return sorted(
            (StatuteLaw(id=prefix, label=short_name(prefix), rulings=law_rulings.get(prefix, 0),
                        url=link("/", [("reference", prefix)]),
                        articles=sorted(articles, key=lambda a: _legal_order(a.id)))
             for prefix, articles in laws.items()),
            key=lambda law: (-law.rulings, law.label.lower()))

    async def health(self) -> dict[str, str]:
        """Database and Meilisearch status. The database ping runs in the thread pool, beside the Meilisearch probe:
        on the event loop it blocked every request behind it (``/healthz`` took as long as a search under load)."""

        def ping() -> str:
            try:
                with session_scope(self.factory) as session:
                    store.ping(session)
            except Exception as exc:  # noqa: BLE001 - reported, not raised
                return f"error: {type(exc).__name__}"
            return "ok"

        async def probe() -> str:
            try:
                await self.index.ahealth()
            except SearchUnavailableError:
                return "unavailable"
            return "ok"

        db, search = await asyncio.gather(run_in_threadpool(ping), probe())
        status = "ok" if db == "ok" and search == "ok" else "degraded"
        return {"status": status, "database": db, "search": search, "version": APP_VERSION}

    def decision_items(self, ids: list[int]) -> dict[int, list[DecisionItemPublic]]:
        """The decision items of the published rulings among ``ids``, through the public schema: the outcome per
        item that exports add to a page of search hits (one query per page, not one per hit)."""
        with session_scope(self.factory) as session:
            stored = store.decision_items_of(session, ids)
        return {rid: [DecisionItemPublic.model_validate(x) for x in items] for rid, items in stored.items()}

    async def iter_hits_with_items(self, plan: SearchPlan, cap: int = EXPORT_CAP) -> AsyncIterator[dict[str, Any]]:
        """:meth:`iter_hits`, each hit with ``decision_items`` (``[{label, outcome}]``, from the database a page
        at a time, off the event loop). A ruling withdrawn since it was indexed gets no items."""
        async def flush(batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
            items = await run_in_threadpool(self.decision_items, [h["id"] for h in batch])
            return [{**h, "decision_items": [{"label": i.label, "outcome": i.outcome} for i in items.get(h["id"], [])]}
                    for h in batch]

        batch: list[dict[str, Any]] = []
        async for hit in self.iter_hits(plan, cap):
            batch.append(hit)
            if len(batch) == MAX_PER_PAGE:
                for h in await flush(batch):
                    yield h
                batch = []
        if batch:
            for h in await flush(batch):
                yield h
