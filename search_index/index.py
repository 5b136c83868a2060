"""The rulings search index: create, write, search, rebuild-and-swap, drift checks.

One search index is two Meilisearch indexes (:mod:`search_index.settings` says why): ``<name>`` with one document
per ruling, and ``<name>-passages`` with the passages that snippets come from. Both are a throwaway copy of the
archive database: :meth:`SearchIndex.rebuild` fills ``<name>_<timestamp>`` and ``<name>-passages_<timestamp>``
and swaps both pairs in one atomic task, so searches never see a half-built index and the public names never
change.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from meilisearch.models.task import TaskInfo

from archive.errors import ConfigurationError, InvalidParameterError, RulingsError, SearchUnavailableError
from search_index.client import AsyncMeiliClient, MeiliClient
from search_index.documents import IndexDocuments, index_documents, is_indexable
from search_index.query import SearchPlan, SearchQuery, SearchResult
from search_index.query.requests import build_requests, ids_request, probe_request, snippet_request
from search_index.query.results import parse_results, passages_by_ruling
from search_index.settings import (
    MAX_COUNTED_HITS,
    PASSAGE_KEY,
    RULING_KEY,
    index_settings,
    passage_index_settings,
    passages_uid,
)

if TYPE_CHECKING:
    from archive.models import Ruling

log = logging.getLogger(__name__)

_REBUILD_SUFFIX = re.compile(r"(-passages)?_\d{20}")
BATCH_DOCUMENTS = 2_000  # passages per add-documents request (~1-2 MB of JSON)
BATCH_RULINGS = 250  # ruling documents per request (each carries a whole body: ~5-10 MB of JSON)
GROUP_RULINGS = 1_000  # rulings whose documents are written together (bounds memory: ~50-100 MB)
MAX_TASKS_IN_FLIGHT = 8  # enqueue ahead so Meilisearch can auto-batch, but bound memory and wasted work
LEGACY_PRIMARY_KEY = "doc_id"  # layout 2 (chunk documents only) had this key on the public index


class SearchIndex:
    """One public index (``name``) on one Meilisearch server.

    Writes wait for their tasks and raise :class:`~archive.errors.IndexTaskError` unless they succeeded; an
    unreachable server raises :class:`~archive.errors.SearchUnavailableError`.
    """

    def __init__(
        self,
        url: str,
        key: str | None,
        name: str = "rulings",
        *,
        timeout_s: float = 10.0,
        task_timeout_s: float = 600.0,
        batch_documents: int = BATCH_DOCUMENTS,
    ) -> None:
        if not name or not all(c.isalnum() or c in "-_" for c in name):
            raise InvalidParameterError(f"index name must be alphanumeric, '-' or '_': {name!r}")
        self.url = url
        self.name = name
        self.passages = passages_uid(name)
        self.batch_documents = batch_documents
        self.client = MeiliClient(url, key, timeout_s=timeout_s, task_timeout_s=task_timeout_s)
        self._key = key
        self._timeout_s = timeout_s
        self._async: AsyncMeiliClient | None = None

    # Setup -------------------------------------------------------------------------------------------------

    def ensure(self) -> None:
        """Create both indexes if missing and (re)apply the declared settings. Idempotent.

        Changing settings on a full index makes Meilisearch re-index it; when the settings are unchanged the task
        is a cheap no-op. An index of the older one-index layout is refused here (:meth:`needs_rebuild` tells;
        ``app.indexing.sync_index`` rebuilds it).
        """
        self._prepare(self.name, self.passages)

    def _prepare(self, uid: str, passages: str) -> None:
        for index_uid, key, settings in (
            (uid, RULING_KEY, index_settings()),
            (passages, PASSAGE_KEY, passage_index_settings()),
        ):
            info = self.client.index_info(index_uid)
            if info is None:
                self.client.create_index(index_uid, key)
            elif info.get("primaryKey") not in (None, key):
                # Someone else's index under our name (or our old layout): our settings would re-index it into
                # nonsense.
                raise ConfigurationError(
                    f"Meilisearch index {index_uid!r} exists with primary key {info.get('primaryKey')!r}, so it is "
                    "not a rulings-archive index of this version; choose another RULINGS_INDEX_NAME, or run "
                    "`rulings reindex` if it is an older rulings-archive index"
                )
            self.client.update_settings(index_uid, settings)

    def needs_rebuild(self) -> bool:
        """Whether the public index is one of ours in the older layout (chunk documents keyed ``doc_id``), which
        only a :meth:`rebuild` can turn into the current two-index layout."""
        info = self.client.index_info(self.name)
        return info is not None and info.get("primaryKey") == LEGACY_PRIMARY_KEY

    def drop(self) -> None:
        """Delete both indexes (tests, `rulings index drop`). Missing is fine."""
        self.client.delete_index(self.name)
        self.client.delete_index(self.passages)

    # Writes ------------------------------------------------------------------------------------------------

    def upsert(self, rulings: Iterable[Ruling], *, on_written: Callable[[list[Ruling]], None] | None = None) -> int:
        """Add or replace rulings; returns how many were written. Unpublished rulings are removed instead.

        Per group of rulings: their passages first (same ``doc_id`` = replace), then their ruling documents,
        then the deletion of passages numbered beyond a ruling's new count. Meilisearch runs tasks in the order
        they were enqueued, so a ruling document (what searches find) never points at passages not yet written,
        and the ruling never disappears in between. Missing indexes are created with our settings first:
        Meilisearch would otherwise create them on the first write *without* them (no filters, no distinct).
        ``rulings`` may be a long generator: documents are built while Meilisearch indexes the previous group, and
        ``on_written(group)`` is called once a group's writes have all succeeded (to record progress), so an
        interrupted run loses at most the groups in flight.
        """
        if not (self.client.index_exists(self.name) and self.client.index_exists(self.passages)):
            self.ensure()
        # A rebuild running meanwhile (in this process or another) gets the same writes, so they are in the index
        # its swap puts in place.
        targets = [(self.name, self.passages), *self._rebuilds()]
        return self._write(targets, rulings, prune=True, on_written=on_written)

    def delete(self, ruling_ids: Iterable[int]) -> None:
        """Remove rulings (their ruling documents, then their passages) from the index, and from the copy a
        running rebuild is filling."""
        ids = sorted({_int_id(i) for i in ruling_ids})
        targets = [(self.name, self.passages), *self._rebuilds()] if ids else []
        for start in range(0, len(ids), 500):
            expression = f"ruling_id IN [{', '.join(map(str, ids[start : start + 500]))}]"
            for uid, passages in targets:
                self.client.wait(self.client.delete_by_filter(uid, expression))
                self.client.wait(self.client.delete_by_filter(passages, expression))
        if ids:
            log.info("deleted %d rulings from index %s", len(ids), self.name)

    def _rebuilds(self) -> list[tuple[str, str]]:
        """The (rulings, passages) index pairs a rebuild of this index is filling right now, if any."""
        uids = set(self.client.index_uids())
        pairs = []
        for uid in sorted(uids):
            m = _REBUILD_SUFFIX.fullmatch(uid[len(self.name):]) if uid.startswith(self.name) else None
            if m is not None and not m.group(1) and (passages := f"{self.passages}{uid[len(self.name):]}") in uids:
                pairs.append((uid, passages))
        return pairs

    def _write(
        self,
        targets: list[tuple[str, str]],
        rulings: Iterable[Ruling],
        *,
        prune: bool,
        on_written: Callable[[list[Ruling]], None] | None = None,
    ) -> int:
        """Write rulings in groups: a group's passages, then its ruling documents, then (``prune``) the deletion
        of its leftover passages.

        Why groups of :data:`GROUP_RULINGS`: consecutive writes to one index are auto-batched by Meilisearch into
        one indexing run, and each run has a fixed cost that grows with the index (prefix databases); interleaving
        small writes to the two indexes made a 10k build 1.7x slower. Tasks are waited for only when more than
        :data:`MAX_TASKS_IN_FLIGHT` are pending, so the next group's documents are built while Meilisearch
        indexes (building them takes ~3 ms per ruling, a quarter of the build).
        """
        pending: deque[tuple[TaskInfo, Callable[[], None] | None]] = deque()
        group: list[tuple[Ruling, IndexDocuments]] = []
        written = 0
        removed: list[int] = []

        def settle(task: TaskInfo, done: Callable[[], None] | None) -> None:
            self.client.wait(task)
            if done is not None:
                done()

        def enqueue(task: TaskInfo, done: Callable[[], None] | None = None) -> None:
            pending.append((task, done))
            while len(pending) > MAX_TASKS_IN_FLIGHT:
                settle(*pending.popleft())

        def send(index_uid: str, docs: list[dict[str, Any]], key: str, size: int) -> None:
            for start in range(0, len(docs), size):
                enqueue(self.client.add_documents(index_uid, docs[start : start + size], key))

        def flush() -> None:
            if not group:
                return
            for uid, passages in targets:
                send(passages, [p for _, d in group for p in d.passages], PASSAGE_KEY, self.batch_documents)
                send(uid, [d.ruling for _, d in group], RULING_KEY, BATCH_RULINGS)
                if prune:
                    # Passages numbered beyond a ruling's new count are leftovers of a longer old version; the
                    # snippet query only asks for the rulings on a page, and distinct shows one passage per ruling.
                    counts = {int(d.ruling["ruling_id"]): len(d.passages) for _, d in group}
                    for expression in _prune_filters(counts):
                        enqueue(self.client.delete_by_filter(passages, expression))
            if on_written is not None:
                # Meilisearch runs tasks in order: once the group's last task succeeded, all of it did.
                done_rulings = [r for r, _ in group]
                last_task, _ = pending.pop()
                enqueue(last_task, lambda: on_written(done_rulings))
            group.clear()

        for ruling in rulings:
            if not is_indexable(ruling):
                removed.append(_int_id(ruling.id))
                continue
            docs = index_documents(ruling)
            if docs is None:  # pragma: no cover - is_indexable said yes
                continue
            if len(group) >= GROUP_RULINGS:
                flush()
            group.append((ruling, docs))
            written += 1
        flush()
        while pending:
            settle(*pending.popleft())
        if removed and prune:
            self.delete(removed)
        log.info("indexed %d rulings into %s (%d unpublished removed)", written, targets[0][0], len(removed))
        return written

    def rebuild(self, rulings: Iterable[Ruling]) -> int:
        """Build a fresh index from ``rulings`` and swap it in under the public name, with no downtime.

        Searches keep hitting the old copy until the atomic swap. On any failure the half-built index is deleted
        and the public one is untouched. Returns the number of rulings indexed.

        An :meth:`upsert` or :meth:`delete` that runs *during* the rebuild, in any process, also goes to the copy
        being built (they look for it by name), so it is in the index after the swap. A ruling edited meanwhile
        may end up with the version the rebuild read last; ``app.indexing.rebuild_index`` leaves such rows stale,
        and the sync that follows (``rulings reindex`` runs one) rewrites them.
        """
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        pairs = [(self.name, f"{self.name}_{stamp}"), (self.passages, f"{self.passages}_{stamp}")]
        try:
            self._prepare(pairs[0][1], pairs[1][1])
            written = self._write([(pairs[0][1], pairs[1][1])], rulings, prune=False)
            # One task swaps both pairs: searches see the old pair or the new pair, never one of each. A public
            # name that does not exist yet is taken by renaming.
            self.client.swap_many(
                [(public, temp, False) if self.client.index_exists(public) else (temp, public, True)  # rename
                 for public, temp in pairs]
            )
            for _, temp in pairs:
                self.client.delete_index(temp)  # now holds the old copy, if there was one
        except BaseException:
            for _, temp in pairs:
                try:
                    self.client.delete_index(temp)
                except RulingsError:
                    log.warning("could not delete half-built index %s", temp)
            raise
        log.info("rebuilt index %s with %d rulings", self.name, written)
        return written

    # Reads -------------------------------------------------------------------------------------------------

    async def asearch(self, query: SearchPlan | SearchQuery) -> SearchResult:
        """Search (on the keep-alive client of :mod:`search_index.http`). A :class:`SearchQuery` is planned
        (validated) first; raises InvalidParameterError for bad input, SearchUnavailableError if down.

        Two round trips: the rulings queries (main and disjunctive facet queries in one multi-search), then the
        snippet query, which needs the page's ruling ids. Sending the facet queries in a request of their own, in
        parallel, was measured no faster (p95 8.5-8.8 ms against 7.4-7.5 in-process at 10k rulings) and cost the
        API a third more HTTP work per search.
        """
        plan = query if isinstance(query, SearchPlan) else query.plan()
        client = self.async_client()
        try:
            identifier = await self._identifier(plan)
            responses = await client.multi_search(build_requests(self.name, plan, identifier=identifier))
            snippets = self._snippet_requests(plan, responses[0], identifier)
            passages: dict[int, str] = {}
            if snippets:
                with _missing_passages_ok():
                    passages = passages_by_ruling((await client.multi_search(snippets))[0])
        except SearchUnavailableError as exc:
            return self._empty_if_missing(plan, exc)
        return parse_results(plan, responses, passages=passages, exact_match=identifier is not None)

    async def matching_ids(self, query: SearchPlan | SearchQuery) -> list[int]:
        """The ids of every ruling the search finds (not only a page), up to the counting cap
        (``MAX_COUNTED_HITS``); a missing index finds none."""
        plan = query if isinstance(query, SearchPlan) else query.plan()
        try:
            identifier = await self._identifier(plan)
            request = ids_request(self.name, plan, identifier=identifier, limit=MAX_COUNTED_HITS)
            (answer,) = await self.async_client().multi_search([request])
        except SearchUnavailableError as exc:
            if _index_missing(exc):
                return []
            raise
        return [int(h["ruling_id"]) for h in answer.get("hits") or [] if "ruling_id" in h]

    async def _identifier(self, plan: SearchPlan) -> str | None:
        """The compact case number or ECLI ``q`` names exactly, if any (one small filter-only query first)."""
        if plan.identifier is None:
            return None
        probe = (await self.async_client().multi_search([probe_request(self.name, plan.identifier)]))[0]
        return plan.identifier if probe.get("totalHits") else None

    def _snippet_requests(self, plan: SearchPlan, main: dict[str, Any], identifier: str | None) -> list[dict[str, Any]]:
        if identifier is not None:
            return []  # an exact case-number match shows the ruling's opening
        ids = [int(h["ruling_id"]) for h in main.get("hits") or [] if "ruling_id" in h]
        request = snippet_request(self.passages, plan, ids)
        return [request] if request else []

    def _empty_if_missing(self, plan: SearchPlan, exc: SearchUnavailableError) -> SearchResult:
        """A missing index searches as empty; any other unavailability is re-raised.

        Why: before the first ingest (or right after `rulings index drop`) an empty archive has no index, and
        that is a normal state, not an outage. :meth:`health` reports ``index_exists: False`` for the
        misconfigured case (wrong index name).
        """
        if not _index_missing(exc):
            raise exc
        log.warning("search on missing index %s: returning no results", self.name)
        return parse_results(plan, [{"totalHits": 0, "hits": []}] * len(build_requests(self.name, plan)))

    def count(self) -> int:
        """Number of rulings in the index (documents of the rulings index).

        A missing index counts 0 (drift checks then report every ruling missing, which is the truth).
        """
        try:
            page = self.client.fetch_documents(self.name, {"limit": 0, "fields": [RULING_KEY]})
        except SearchUnavailableError as exc:
            if _index_missing(exc):
                return 0
            raise
        return int(page.get("total") or 0)

    def all_documents(self, fields: list[str] | None = None) -> list[dict[str, Any]]:
        """Every stored document of both indexes, ruling documents first (tests and leak audits; loads
        everything into memory)."""
        return self.ruling_documents(fields) + self.passage_documents(fields)

    def ruling_documents(self, fields: list[str] | None = None) -> list[dict[str, Any]]:
        return self._fetch_all(self.name, fields)

    def passage_documents(self, fields: list[str] | None = None) -> list[dict[str, Any]]:
        return self._fetch_all(self.passages, fields)

    def _fetch_all(self, uid: str, fields: list[str] | None) -> list[dict[str, Any]]:
        docs: list[dict[str, Any]] = []
        offset, limit = 0, 1000
        while True:
            body: dict[str, Any] = {"offset": offset, "limit": limit}
            if fields:
                body["fields"] = fields
            page = self.client.fetch_documents(uid, body)
            docs.extend(page.get("results", []))
            offset += limit
            if offset >= int(page.get("total", 0)):
                return docs

    def health(self) -> dict[str, Any]:
        """Status for health endpoints and `rulings doctor`. Never raises."""
        status: dict[str, Any] = {"url": self.url, "index": self.name, "available": False}
        if not self.client.healthy():
            return status
        status["available"] = True
        try:
            status["version"] = self.client.version()
            status["index_exists"] = self.client.index_exists(self.name) and self.client.index_exists(self.passages)
            if status["index_exists"]:
                status["rulings"] = self.count()
            # Left by a rebuild that was killed before it could clean up; safe to delete when no rebuild runs.
            status["stale_rebuild_indexes"] = [
                uid
                for uid in self.client.index_uids()
                if uid.startswith(self.name) and _REBUILD_SUFFIX.fullmatch(uid[len(self.name) :])
            ]
        except RulingsError as exc:
            status["error"] = exc.code
        return status

    async def ahealth(self) -> None:
        """Raise :class:`~archive.errors.SearchUnavailableError` unless the server is up and accepts our key
        (:class:`~archive.errors.ConfigurationError` if it rejects it).

        A missing index is not an outage (an empty archive has none; searches return nothing), so it is not
        checked here; :meth:`health` reports it. Async on the shared session so a probe never blocks the loop.
        """
        client = self.async_client()
        await client.request("GET", "health")
        await client.request("GET", "version")  # /health needs no key; this one does

    # Async plumbing ----------------------------------------------------------------------------------------

    def async_client(self) -> AsyncMeiliClient:
        if self._async is None:
            self._async = AsyncMeiliClient(self.url, self._key, timeout_s=self._timeout_s)
        return self._async

    async def aclose(self) -> None:
        """Close the async client's connections (call from the app's lifespan shutdown, or before the event loop
        that used them ends); the next search opens new ones."""
        if self._async is not None:
            await self._async.aclose()
            self._async = None


def _prune_filters(chunk_counts: dict[int, int], max_ids: int = 1000) -> list[str]:
    """Filters selecting chunks ``>= n`` of rulings whose new version has ``n`` chunks, grouped by ``n``.

    Grouping keeps an expression to a few clauses however many rulings are written (ids are ints we checked).
    """
    by_count: dict[int, list[int]] = {}
    for ruling_id, count in sorted(chunk_counts.items()):
        by_count.setdefault(count, []).append(ruling_id)
    expressions: list[str] = []
    clauses: list[str] = []
    size = 0
    for count, ids in sorted(by_count.items()):
        for start in range(0, len(ids), max_ids):
            part = ids[start : start + max_ids]
            if size + len(part) > max_ids and clauses:
                expressions.append(" OR ".join(clauses))
                clauses, size = [], 0
            clauses.append(f"(ruling_id IN [{', '.join(map(str, part))}] AND chunk >= {int(count)})")
            size += len(part)
    if clauses:
        expressions.append(" OR ".join(clauses))
    return expressions


@contextlib.contextmanager
def _missing_passages_ok() -> Iterator[None]:
    """A missing passages index (deleted by hand) costs the snippets, not the search: hits show their opening."""
    try:
        yield
    except SearchUnavailableError as exc:
        if not _index_missing(exc):
            raise
        log.warning("passages index missing: snippets fall back to the rulings' openings")


def _index_missing(exc: SearchUnavailableError) -> bool:
    return isinstance(exc.detail, dict) and exc.detail.get("meili_code") == "index_not_found"


def _int_id(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidParameterError(f"ruling ids must be integers, got {type(value).__name__}")
    return value
