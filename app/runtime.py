"""Composition helpers shared by the CLI and the web app: database, search index, managed Meilisearch.

The CLI's commands open what they need with one context manager, :func:`runtime`, instead of each opening,
closing and disposing by hand::

    with runtime(settings) as rt:               # the migrated database
        run_batch(files, settings, rt.database.factory)
        with rt.search() as index:              # the managed Meilisearch (when configured) and the index
            sync_index(rt.database.factory, index)

The search side is a second, nested context on purpose: ``rulings ingest`` stores into the database first and only
then needs Meilisearch, and ``rulings status`` reports a Meilisearch that cannot start instead of failing.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from archive.db import Database, open_database
from archive.settings import Settings
from search_index import SearchIndex
from search_index.managed import ManagedMeilisearch

__all__ = ["Database", "Runtime", "exit_on_termination", "meilisearch_running", "open_database", "open_index",
           "runtime"]

log = logging.getLogger(__name__)


def meili_key(settings: Settings) -> str | None:
    return settings.meili_master_key() if settings.managed_meili else settings.meili_key


def open_index(settings: Settings) -> SearchIndex:
    return SearchIndex(settings.effective_meili_url(), meili_key(settings), settings.index_name)


@contextmanager
def meilisearch_running(settings: Settings, *, supervise: bool = False) -> Iterator[None]:
    """Start the managed local Meilisearch for the duration (unless ``RULINGS_MEILI_URL`` points elsewhere).

    ``supervise``: restart it with backoff whenever it dies (long-running commands: `rulings serve`).
    """
    if not settings.managed_meili:
        yield
        return
    with ManagedMeilisearch.from_settings(settings) as server:
        if supervise:
            server.supervise()
        yield


TERMINATION_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


@contextmanager
def exit_on_termination() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into ``SystemExit(128 + signal)`` for the duration, so ``finally`` blocks and context
    managers run (the managed Meilisearch is stopped, workers are ended) instead of the process just vanishing.

    SIGINT already raises ``KeyboardInterrupt``. uvicorn handles SIGTERM itself while it serves, shuts down
    gracefully and then raises the signal again: it then reaches this handler. Main thread only (Python's rule).
    """
    def _exit(signum: int, frame: FrameType | None) -> None:
        del frame
        log.info("received signal %d; shutting down", signum)
        sys.exit(128 + signum)

    previous = {sig: signal.signal(sig, _exit) for sig in TERMINATION_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@dataclass
class Runtime:
    """What a CLI command works with: the settings and the open database; the search index on demand."""

    settings: Settings
    database: Database

    @contextmanager
    def search(self, *, supervise: bool = False) -> Iterator[SearchIndex]:
        """The search index, with the managed Meilisearch running for the duration when one is configured
        (and restarted when it dies, with ``supervise``).

        Raises ``SearchUnavailableError`` / ``ConfigurationError`` (``RulingsError``) when it cannot be reached.
        """
        with meilisearch_running(self.settings, supervise=supervise):
            yield open_index(self.settings)


@contextmanager
def runtime(settings: Settings) -> Iterator[Runtime]:
    """The database, migrated to the newest schema, for the duration; its connections are released on exit."""
    database = open_database(settings)
    try:
        yield Runtime(settings, database)
    finally:
        database.engine.dispose()
