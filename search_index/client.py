"""Thin Meilisearch clients that fail loudly.

Why a wrapper at all: the official client returns a *failed* task without raising, and lets transport errors
out as its own exception types. Here every write waits for its task and raises :class:`IndexTaskError` unless
it succeeded, and every error leaves as one of ours: unreachable server -> :class:`SearchUnavailableError`,
rejected key -> :class:`ConfigurationError`.

Both clients ask for ``Accept-Encoding: identity``: gzip between the app and a local Meilisearch costs about
40 ms per request. The sync client (official ``meilisearch`` package) is for indexing and admin; the async one
(:mod:`search_index.http`, pooled keep-alive connections) is the search hot path. It replaced aiohttp, which
had replaced httpx: at concurrency 8 the API kept ~50 % of Meilisearch's direct throughput with httpx, ~70 % with
aiohttp and ~76 % with this client (API CPU per search 1.2 ms against 1.4 ms with aiohttp).
"""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import meilisearch
import orjson
from meilisearch.errors import (
    MeilisearchApiError,
    MeilisearchCommunicationError,
    MeilisearchError,
    MeilisearchTimeoutError,
)
from meilisearch.models.task import Task, TaskInfo

from archive.errors import ConfigurationError, IndexTaskError, RulingsError, SearchUnavailableError
from search_index.http import HttpClient

log = logging.getLogger(__name__)

IDENTITY_HEADERS = {"Accept-Encoding": "identity"}
_AUTH_CODES = {"invalid_api_key", "missing_authorization_header"}


def api_error(status: int, code: str | None, message: str, *, url: str) -> RulingsError:
    """Translate an HTTP error answer of Meilisearch into our hierarchy."""
    detail = {"meili_code": code, "status": status}
    if code in _AUTH_CODES or status in (401, 403):
        return ConfigurationError(f"Meilisearch at {url} rejected the API key ({code})", detail=detail)
    if code == "index_not_found":
        return SearchUnavailableError(
            f"Meilisearch index missing: {message} Run `rulings index rebuild`.", detail=detail
        )
    if status >= 500 or status == 429:
        return SearchUnavailableError(f"Meilisearch at {url} failed: {message}", detail=detail)
    # Any other 4xx is a request we built wrongly: a bug, not the user's fault.
    return RulingsError(f"Meilisearch rejected a request: {message}", detail=detail)


class MeiliClient:
    """Synchronous client for indexing and administration."""

    def __init__(self, url: str, key: str | None, *, timeout_s: float = 10.0, task_timeout_s: float = 600.0) -> None:
        self.url = url.rstrip("/")
        self.task_timeout_s = task_timeout_s
        # The official client types its timeout as whole seconds.
        self.raw = meilisearch.Client(
            self.url, key, timeout=max(1, math.ceil(timeout_s)), custom_headers=IDENTITY_HEADERS
        )

    @contextlib.contextmanager
    def translated(self) -> Iterator[None]:
        """Run a block with the official client's errors translated into ours."""
        try:
            yield
        except (MeilisearchCommunicationError, MeilisearchTimeoutError) as exc:
            raise SearchUnavailableError(
                f"Meilisearch at {self.url} is unreachable: {type(exc).__name__}", detail={"url": self.url}
            ) from exc
        except MeilisearchApiError as exc:
            raise api_error(exc.status_code, exc.code, exc.message, url=self.url) from exc
        except MeilisearchError as exc:
            raise SearchUnavailableError(f"Meilisearch client error: {exc}") from exc

    def wait(self, task: TaskInfo | int, *, timeout_s: float | None = None) -> Task:
        """Wait for a task and return it; raise :class:`IndexTaskError` unless it succeeded."""
        uid = task if isinstance(task, int) else task.task_uid
        timeout_ms = int((timeout_s or self.task_timeout_s) * 1000)
        try:
            with self.translated():
                done = self.raw.wait_for_task(uid, timeout_in_ms=timeout_ms, interval_in_ms=20)
        except SearchUnavailableError as exc:
            if isinstance(exc.__cause__, MeilisearchTimeoutError):
                raise IndexTaskError(
                    f"Meilisearch task {uid} did not finish within {timeout_ms / 1000:.0f} s",
                    detail={"task_uid": uid},
                ) from exc
            raise
        if done.status != "succeeded":
            error = done.error or {}
            raise IndexTaskError(
                f"Meilisearch task {uid} ({done.type}) {done.status}: {error.get('message', 'no message')}",
                detail={"task_uid": uid, "type": done.type, "status": done.status, "error": error},
            )
        return done

    def index_info(self, uid: str) -> dict[str, Any] | None:
        """The index's description (uid, primaryKey, dates), or ``None`` if there is no such index."""
        try:
            with self.translated():
                return dict(self.raw.get_raw_index(uid))
        except SearchUnavailableError as exc:
            if isinstance(exc.detail, dict) and exc.detail.get("meili_code") == "index_not_found":
                return None
            raise

    def index_exists(self, uid: str) -> bool:
        return self.index_info(uid) is not None

    def index_uids(self) -> list[str]:
        uids: list[str] = []
        offset = 0
        while True:
            with self.translated():
                page: dict[str, Any] = self.raw.http.get(f"indexes?offset={offset}&limit=200")
            uids.extend(i["uid"] for i in page["results"])
            offset += len(page["results"])
            if not page["results"] or offset >= page["total"]:
                return uids

    def create_index(self, uid: str, primary_key: str) -> None:
        with self.translated():
            task = self.raw.create_index(uid, {"primaryKey": primary_key})
        self.wait(task)

    def delete_index(self, uid: str, *, missing_ok: bool = True) -> None:
        with self.translated():
            task = self.raw.delete_index(uid)
        try:
            self.wait(task)
        except IndexTaskError as exc:
            code = (exc.detail or {}).get("error", {}).get("code") if isinstance(exc.detail, dict) else None
            if not (missing_ok and code == "index_not_found"):
                raise

    def update_settings(self, uid: str, settings: Mapping[str, Any]) -> None:
        with self.translated():
            task = self.raw.index(uid).update_settings(dict(settings))
        self.wait(task)

    def add_documents(self, uid: str, docs: Sequence[Mapping[str, Any]], primary_key: str) -> TaskInfo:
        """Enqueue an add-or-replace; the caller waits (so it can keep a few batches in flight)."""
        with self.translated():
            return self.raw.index(uid).add_documents(list(docs), primary_key)

    def delete_by_filter(self, uid: str, expression: str) -> TaskInfo:
        with self.translated():
            return self.raw.index(uid).delete_documents(filter=expression)

    def swap(self, a: str, b: str, *, rename: bool = False) -> None:
        self.swap_many([(a, b, rename)])

    def swap_many(self, pairs: Sequence[tuple[str, str, bool]]) -> None:
        """Swap several pairs ``(a, b, rename)`` in one atomic task; with ``rename``, ``a`` is renamed to ``b``
        (which must not exist)."""
        with self.translated():
            task = self.raw.swap_indexes([{"indexes": [a, b], "rename": rename} for a, b, rename in pairs])
        self.wait(task)

    def multi_search(self, queries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        with self.translated():
            return list(self.raw.multi_search(queries)["results"])

    def fetch_documents(self, uid: str, body: Mapping[str, Any]) -> dict[str, Any]:
        with self.translated():
            result: dict[str, Any] = self.raw.http.post(f"indexes/{uid}/documents/fetch", dict(body))
        return result

    def healthy(self) -> bool:
        try:
            with self.translated():
                return self.raw.health().get("status") == "available"
        except RulingsError:
            return False

    def version(self) -> str:
        with self.translated():
            return str(self.raw.get_version().get("pkgVersion", "?"))


class AsyncMeiliClient:
    """The search hot path's client (:class:`search_index.http.HttpClient`: keep-alive, one write per request).

    Open and close it in the app's lifespan; a caller on another event loop gets fresh connections.
    """

    def __init__(self, url: str, key: str | None, *, timeout_s: float = 10.0) -> None:
        self.url = url.rstrip("/")
        headers = dict(IDENTITY_HEADERS)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self._http = HttpClient(self.url, headers, timeout_s=timeout_s)

    async def request(self, method: str, path: str, body: Any | None = None) -> Any:
        try:
            response = await self._http.request(method, path, None if body is None else orjson.dumps(body))
        except (TimeoutError, OSError) as exc:  # HttpProtocolError is an OSError
            raise SearchUnavailableError(
                f"Meilisearch at {self.url} is unreachable: {type(exc).__name__}", detail={"url": self.url}
            ) from exc
        try:
            # orjson: a search answer is 20-40 KB of JSON, and decoding it with the standard library was a tenth
            # of the API's CPU per search.
            data = orjson.loads(response.body) if response.body else None
        except orjson.JSONDecodeError as exc:
            raise SearchUnavailableError(f"Meilisearch at {self.url} sent a non-JSON answer") from exc
        if response.status >= 400:
            data = data if isinstance(data, dict) else {}
            raise api_error(response.status, data.get("code"), str(data.get("message", "")), url=self.url)
        return data

    async def multi_search(self, queries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        data = await self.request("POST", "multi-search", {"queries": queries})
        return list(data["results"])

    async def healthy(self) -> bool:
        try:
            data = await self.request("GET", "health")
        except RulingsError:
            return False
        return isinstance(data, dict) and data.get("status") == "available"

    async def aclose(self) -> None:
        await self._http.aclose()
