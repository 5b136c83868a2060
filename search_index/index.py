"""The rulings search index: create, write, search, rebuild-and-swap, drift checks.

The index is a throwaway copy of the archive database: anything here can be rebuilt with :meth:`rebuild`, which
fills ``<name>_<timestamp>`` and swaps it with ``<name>`` so searches never see a half-built index and the public
name never changes.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from meilisearch.models.task import TaskInfo

from archive.errors import ConfigurationError, InvalidParameterError, RulingsError, SearchUnavailableError
from search_index.client import AsyncMeiliClient, MeiliClient
from search_index.documents import is_indexable, ruling_to_documents
from search_index.query import (
    SearchQuery,
    SearchResult,
    build_requests,
    excluded_ruling_ids,
    exclusion_requests,
    identifier_candidate,
    parse_results,
    parse_text,
    probe_request,
)
from search_index.settings import PRIMARY_KEY, index_settings

if TYPE_CHECKING:
    from archive.models import Ruling
    from archive.settings import Settings

log = logging.getLogger(__name__)

_REBUILD_SUFFIX = re.compile(r"_\d{20}")
BATCH_DOCUMENTS = 2_000  # chunks per add-documents request (~1-2 MB of JSON)
MAX_TASKS_IN_FLIGHT = 4  # enqueue ahead so Meilisearch can auto-batch, but bound memory and wasted work


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
        self.batch_documents = batch_documents
        self.client = MeiliClient(url, key, timeout_s=timeout_s, task_timeout_s=task_timeout_s)
        self._key = key
        self._timeout_s = timeout_s
        self._async: AsyncMeiliClient | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> SearchIndex:
        """The index the app uses: managed or external server, per settings."""
        key = settings.meili_master_key() if settings.managed_meili else settings.meili_key
        return cls(settings.effective_meili_url(), key, settings.index_name)

    # Setup -------------------------------------------------------------------------------------------------

    def ensure(self) -> None:
        """Create the public index if missing and (re)apply the declared settings. Idempotent.

        Changing settings on a full index makes Meilisearch re-index it; when the settings are unchanged the task
        is a cheap no-op.
        """
        self._prepare(self.name)

    def _prepare(self, uid: str) -> None:
        info = self.client.index_info(uid)
        if info is None:
            self.client.create_index(uid, PRIMARY_KEY)
        elif info.get("primaryKey") not in (None, PRIMARY_KEY):
            # Someone else's index under our name: applying our settings would re-index it into nonsense.
            raise ConfigurationError(
                f"Meilisearch index {uid!r} exists with primary key {info.get('primaryKey')!r}, so it is not a "
                "rulings-archive index; choose another RULINGS_INDEX_NAME"
            )
        self.client.update_settings(uid, index_settings())

    def drop(self) -> None:
        """Delete the public index (tests, `rulings index drop`). Missing is fine."""
        self.client.delete_index(self.name)

    # Writes ------------------------------------------------------------------------------------------------

    def upsert(self, rulings: Iterable[Ruling]) -> int:
        """Add or replace rulings; returns how many were written. Unpublished rulings are removed instead.

        A ruling's chunks are replaced by adding the new ones (same ``doc_id`` = replace) and then deleting its
        chunks numbered beyond the new count, in that order, so the ruling never disappears from search in
        between. A missing index is created with our settings first: Meilisearch would otherwise create it on
        the first document write *without* them (no distinct, no filters), and counts would silently be wrong.
        """
        if not self.client.index_exists(self.name):
            self.ensure()
        return self._write(self.name, rulings, prune=True)

    def delete(self, ruling_ids: Iterable[int]) -> None:
        """Remove rulings (all their chunks) from the index."""
        ids = sorted({_int_id(i) for i in ruling_ids})
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            self.client.wait(self.client.delete_by_filter(self.name, f"ruling_id IN [{', '.join(map(str, part))}]"))
        if ids:
            log.info("deleted %d rulings from index %s", len(ids), self.name)

    def _write(self, uid: str, rulings: Iterable[Ruling], *, prune: bool) -> int:
        pending: deque[TaskInfo] = deque()
        batch: list[dict[str, Any]] = []
        chunk_counts: dict[int, int] = {}
        removed: list[int] = []

        def enqueue(task: TaskInfo) -> None:
            pending.append(task)
            while len(pending) > MAX_TASKS_IN_FLIGHT:
                self.client.wait(pending.popleft())

        def flush() -> None:
            if batch:
                enqueue(self.client.add_documents(uid, batch, PRIMARY_KEY))
                batch.clear()

        for ruling in rulings:
            if not is_indexable(ruling):
                removed.append(_int_id(ruling.id))
                continue
            docs = ruling_to_documents(ruling)
            if len(batch) + len(docs) > self.batch_documents and batch:
                flush()
            batch.extend(docs)
            chunk_counts[_int_id(ruling.id)] = len(docs)
        flush()
        if prune:
            # After all additions (consecutive additions are auto-batched by Meilisearch into one indexing run;
            # interleaved deletions would split them): chunks numbered beyond a ruling's new count are leftovers
            # of a longer old version. Until this runs, distinct hides the duplicates.
            for expression in _prune_filters(chunk_counts):
                enqueue(self.client.delete_by_filter(uid, expression))
        while pending:
            self.client.wait(pending.popleft())
        if removed and prune:
            self.delete(removed)
        log.info("indexed %d rulings into %s (%d unpublished removed)", len(chunk_counts), uid, len(removed))
        return len(chunk_counts)

    def rebuild(self, rulings: Iterable[Ruling]) -> int:
        """Build a fresh index from ``rulings`` and swap it in under the public name, with no downtime.

        Searches keep hitting the old copy until the atomic swap. On any failure the half-built index is deleted
        and the public one is untouched. Returns the number of rulings indexed.

        Caveat: an :meth:`upsert` or :meth:`delete` that runs *during* a rebuild lands in the old copy and is
        lost at the swap; serialise index writers (one CLI lock) or run a sync after the rebuild.
        """
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        temp = f"{self.name}_{stamp}"
        try:
            self._prepare(temp)
            written = self._write(temp, rulings, prune=False)
            if self.client.index_exists(self.name):
                self.client.swap(self.name, temp)
                self.client.delete_index(temp)  # now holds the old copy
            else:
                self.client.swap(temp, self.name, rename=True)
        except BaseException:
            try:
                self.client.delete_index(temp)
            except RulingsError:
                log.warning("could not delete half-built index %s", temp)
            raise
        log.info("rebuilt index %s with %d rulings", self.name, written)
        return written

    # Reads -------------------------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        """Search (sync). Raises InvalidParameterError for bad input, SearchUnavailableError if down."""
        query = query.validated()
        try:
            first = self._first_requests(query)
            identifier, excluded = self._read_first(query, first, self.client.multi_search(first) if first else [])
            responses = self.client.multi_search(
                build_requests(self.name, query, identifier=identifier, excluded_ids=excluded)
            )
        except SearchUnavailableError as exc:
            return self._empty_if_missing(query, exc)
        return parse_results(query, responses, exact_match=identifier is not None)

    async def asearch(self, query: SearchQuery) -> SearchResult:
        """Search (async, aiohttp): the same requests and parsing as :meth:`search`."""
        query = query.validated()
        client = self.async_client()
        try:
            first = self._first_requests(query)
            answers = await client.multi_search(first) if first else []
            identifier, excluded = self._read_first(query, first, answers)
            responses = await client.multi_search(
                build_requests(self.name, query, identifier=identifier, excluded_ids=excluded)
            )
        except SearchUnavailableError as exc:
            return self._empty_if_missing(query, exc)
        return parse_results(query, responses, exact_match=identifier is not None)

    def _first_requests(self, query: SearchQuery) -> list[dict[str, Any]]:
        """The round trip some searches need before the main one, batched into one multi-search.

        An identifier probe (is ``q`` some ruling's case number or ECLI?) and one query per ``-woord`` term
        (which rulings contain it?). A plain search has neither and costs one round trip.
        """
        requests: list[dict[str, Any]] = []
        identifier = identifier_candidate(query.q)
        if identifier is not None:
            requests.append(probe_request(self.name, identifier))
        requests.extend(exclusion_requests(self.name, parse_text(query.q)))
        return requests

    @staticmethod
    def _read_first(
        query: SearchQuery, requests: list[dict[str, Any]], responses: list[dict[str, Any]]
    ) -> tuple[str | None, list[int]]:
        identifier = identifier_candidate(query.q)
        if identifier is not None:
            probe, responses = responses[0], responses[1:]
            if not probe.get("totalHits"):
                identifier = None
        return identifier, excluded_ruling_ids(responses)

    def _empty_if_missing(self, query: SearchQuery, exc: SearchUnavailableError) -> SearchResult:
        """A missing index searches as empty; any other unavailability is re-raised.

        Why: before the first ingest (or right after `rulings index drop`) an empty archive has no index, and
        that is a normal state, not an outage. :meth:`health` reports ``index_exists: False`` for the
        misconfigured case (wrong index name).
        """
        if not _index_missing(exc):
            raise exc
        log.warning("search on missing index %s: returning no results", self.name)
        return parse_results(query, [{"totalHits": 0, "hits": []}] * len(build_requests(self.name, query)))

    def count(self) -> int:
        """Number of rulings (not chunks) in the index: the documents with ``chunk = 0``, counted exactly.

        A missing index counts 0 (drift checks then report every ruling missing, which is the truth).
        """
        try:
            page = self.client.fetch_documents(self.name, {"filter": "chunk = 0", "limit": 0, "fields": ["doc_id"]})
        except SearchUnavailableError as exc:
            if _index_missing(exc):
                return 0
            raise
        return int(page.get("total") or 0)

    def indexed_hashes(self) -> dict[int, str]:
        """``{ruling_id: doc_hash}`` of every indexed ruling, for drift checks against
        :func:`search_index.documents.ruling_index_hash`."""
        out: dict[int, str] = {}
        offset, limit = 0, 1000
        while True:
            try:
                page = self.client.fetch_documents(
                    self.name,
                    {"filter": "chunk = 0", "fields": ["ruling_id", "doc_hash"], "offset": offset, "limit": limit},
                )
            except SearchUnavailableError as exc:
                if _index_missing(exc):
                    return {}
                raise
            for doc in page.get("results", []):
                out[int(doc["ruling_id"])] = str(doc.get("doc_hash", ""))
            offset += limit
            if offset >= int(page.get("total", 0)):
                return out

    def all_documents(self, fields: list[str] | None = None) -> list[dict[str, Any]]:
        """Every stored chunk document (tests and leak audits; loads the whole index into memory)."""
        docs: list[dict[str, Any]] = []
        offset, limit = 0, 1000
        while True:
            body: dict[str, Any] = {"offset": offset, "limit": limit}
            if fields:
                body["fields"] = fields
            page = self.client.fetch_documents(self.name, body)
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
            status["index_exists"] = self.client.index_exists(self.name)
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

    def close(self) -> None:
        """Release resources of the sync client (none today: the official client opens no session)."""

    async def aclose(self) -> None:
        """Close the aiohttp session (call from the app's lifespan shutdown)."""
        if self._async is not None:
            await self._async.aclose()


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


def _index_missing(exc: SearchUnavailableError) -> bool:
    return isinstance(exc.detail, dict) and exc.detail.get("meili_code") == "index_not_found"


def _int_id(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidParameterError(f"ruling ids must be integers, got {type(value).__name__}")
    return value
