"""The service layer: one function per use case, called by both the JSON API and the HTML pages.

Everything returned here is built from anonymised fields (see :mod:`app.schemas`).
"""

from __future__ import annotations

import asyncio
import heapq
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy.orm import Session, sessionmaker

from app.schemas import (
    AmountPublic,
    DecisionItemPublic,
    OutcomeRates,
    ReferencePublic,
    RulingPublic,
    SectionPublic,
    SimilarRuling,
    StatsResponse,
    TopicPublic,
)
from archive import store
from archive.db import session_scope
from archive.errors import NotFoundError, SearchUnavailableError
from archive.models import Ruling
from archive.urls import ruling_url
from search_index import SearchIndex
from search_index.query import MAX_PER_PAGE, SearchPlan, SearchQuery, SearchResult
from search_index.settings import MAX_TOTAL_HITS

log = logging.getLogger(__name__)
APP_VERSION = "0.1.0"
FINGERPRINT_TTL_S = 5.0
EXPORT_CAP = MAX_TOTAL_HITS  # rows per export: the deepest a search can page


def _ids(items: Any) -> frozenset[str]:
    """The ``id`` of every dict in a stored JSON list (topics, references)."""
    return frozenset(str(x["id"]) for x in items or [] if isinstance(x, dict) and x.get("id"))


def _jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


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
        topics=_topics(r.topics),
        references=[ReferencePublic.model_validate(x) for x in r.references or []],
        sections=[SectionPublic.model_validate(x) for x in r.sections or []],
        decision_items=[DecisionItemPublic.model_validate(x) for x in r.decision_items or []],
        amounts=[AmountPublic.model_validate(x) for x in r.amounts or []], text=r.text, annex=r.annex,
        pages=r.pages, ocr_pages=r.ocr_pages or [],
    )


@dataclass
class ArchiveService:
    factory: sessionmaker[Session]
    index: SearchIndex
    _stats_cache: tuple[tuple[Any, ...], StatsResponse] | None = None
    _similar_cache: tuple[tuple[Any, ...], list[tuple[Any, ...]]] | None = None
    _similar_results: dict[tuple[Any, ...], list[SimilarRuling]] = field(default_factory=dict)
    _fp_cache: tuple[float, tuple[Any, ...]] | None = None

    async def search(self, plan: SearchPlan | SearchQuery) -> SearchResult:
        """One page of a search (pages, feeds, exports). Hits are plain values in the public ``SearchHit`` shape,
        built once by the search index."""
        return await self.index.asearch(plan)

    async def search_json(self, plan: SearchPlan) -> bytes:
        """One page of a search as the API's JSON (the ``SearchResponse`` shape), serialised straight from plain
        values: building models only to dump them again was a fifth of the API's CPU per search."""
        return orjson.dumps((await self.index.asearch(plan)).as_json())

    def get_ruling(self, key: str) -> RulingPublic:
        with session_scope(self.factory) as session:
            ruling = store.get_ruling(session, key)
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

    def _similarity_rows(self) -> list[tuple[Any, ...]]:
        """(id, slug, title, date, outcome, insurer, topic ids, reference ids) of every published ruling.

        Cached until the published set changes, with the id sets prebuilt, so scoring a ruling against 10k others
        is set arithmetic only.
        """
        fingerprint = self._fingerprint()
        if self._similar_cache and self._similar_cache[0] == fingerprint:
            return self._similar_cache[1]
        with session_scope(self.factory) as session:
            rows = [(rid, slug, title, decided, outcome, insurer, _ids(topics), _ids(refs))
                    for rid, slug, title, decided, outcome, insurer, topics, refs in store.similarity_rows(session)]
        self._similar_cache = (fingerprint, rows)
        return rows

    async def similar(self, key: str, limit: int = 5) -> list[SimilarRuling]:
        """Rulings like this one: shared topics and cited provisions, similar text, the same insurer.

        Score = 0.5 x topic overlap + 0.3 x reference overlap + 0.15 x text rank + 0.05 x same insurer; each
        result says which of these it shares.
        """
        from starlette.concurrency import run_in_threadpool

        target = await run_in_threadpool(self.get_ruling, key)
        cache_key = (self._similar_cache[0] if self._similar_cache else None, target.id, limit)
        cached = self._similar_results.get(cache_key)
        if cached is not None:
            return cached
        topics = frozenset(t.id for t in target.topics)
        labels = {t.id: t.label for t in target.topics}
        refs = {r.id: r.text for r in target.references}
        ref_ids = frozenset(refs)
        words = target.zaak_keywords or [t.label for t in target.topics]

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
        text_rank, rows = await asyncio.gather(text_ranks(), run_in_threadpool(self._similarity_rows))
        cache_key = (self._similar_cache[0] if self._similar_cache else None, target.id, limit)

        def score(row: tuple[Any, ...]) -> float:
            rid, _slug, _title, _decided, _outcome, insurer, their_topics, their_refs = row
            if rid == target.id:
                return 0.0
            return (0.5 * _jaccard(topics, their_topics) + 0.3 * _jaccard(ref_ids, their_refs)
                    + 0.15 * text_rank.get(rid, 0.0) + 0.05 * (insurer is not None and insurer == target.insurer))

        # Score with plain numbers; build objects and reasons only for the few that are shown.
        def order(item: tuple[float, tuple[Any, ...]]) -> tuple[float, int]:
            decided = item[1][3]
            return (item[0], decided.toordinal() if decided else 0)

        best = heapq.nlargest(limit, ((sc, row) for row in rows if (sc := score(row)) > 0.05), key=order)
        scored = []
        for sc, (rid, slug, title, decided, outcome, insurer, their_topics, their_refs) in best:
            reasons = []
            shared_topics = topics & their_topics
            if shared_topics:
                reasons.append("onderwerpen: " + ", ".join(sorted(labels[t] for t in shared_topics)))
            shared_refs = ref_ids & their_refs
            if shared_refs:
                reasons.append("bepalingen: " + ", ".join(sorted(refs[r] for r in shared_refs)))
            if rid in text_rank:
                reasons.append("vergelijkbare tekst")
            if insurer and insurer == target.insurer:
                reasons.append(f"zelfde verzekeraar ({insurer})")
            scored.append(SimilarRuling(id=rid, slug=slug, title=title, decision_date=decided, outcome=outcome,
                                        insurer=insurer, score=round(sc, 4), reason="; ".join(reasons),
                                        url=ruling_url(slug)))
        result = scored[:limit]
        if len(self._similar_results) > 4096 or (self._similar_results and next(iter(self._similar_results))[0]
                                                 != cache_key[0]):
            self._similar_results.clear()  # the published set changed (or the cache is full): start over
        self._similar_results[cache_key] = result
        return result

    def stats(self) -> StatsResponse:
        """Outcome counts and grant rates by topic, insurer and year, over all published rulings."""
        fingerprint = self._fingerprint()
        if self._stats_cache and self._stats_cache[0] == fingerprint:
            return self._stats_cache[1]
        with session_scope(self.factory) as session:
            rows = store.stats_rows(session)
        groups: dict[str, dict[str, dict[str, int]]] = {"topic": {}, "insurer": {}, "year": {}}
        labels: dict[str, str] = {}
        overall: dict[str, int] = {}
        for topics, insurer, outcome, decided in rows:
            outcome = str(outcome)
            overall[outcome] = overall.get(outcome, 0) + 1
            topic_ids: list[str] = []
            for t in _topics(topics):
                topic_ids.append(t.id)
                labels[t.id] = t.label
            keys: dict[str, list[str]] = {"insurer": [str(insurer or "onbekend")],
                                          "year": [str(decided.year) if decided else "onbekend"],
                                          "topic": topic_ids}
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
        self._stats_cache = (fingerprint, result)
        return result

    async def health(self) -> dict[str, str]:
        db = "ok"
        try:
            with session_scope(self.factory) as session:
                store.ping(session)
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            db = f"error: {type(exc).__name__}"
        search = "ok"
        try:
            await self.index.ahealth()
        except SearchUnavailableError:
            search = "unavailable"
        status = "ok" if db == "ok" and search == "ok" else "degraded"
        return {"status": status, "database": db, "search": search, "version": APP_VERSION}
