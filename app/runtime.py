"""Composition helpers shared by the CLI and the web app: database, search index, managed Meilisearch."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from archive.db import Database, open_database
from archive.settings import Settings
from search_index import SearchIndex
from search_index.managed import ManagedMeilisearch, find_meili_binary

__all__ = ["Database", "meilisearch_running", "open_database", "open_index"]

log = logging.getLogger(__name__)


def meili_key(settings: Settings) -> str | None:
    return settings.meili_master_key() if settings.managed_meili else settings.meili_key


def open_index(settings: Settings) -> SearchIndex:
    return SearchIndex(settings.effective_meili_url(), meili_key(settings), settings.index_name)


@contextmanager
def meilisearch_running(settings: Settings) -> Iterator[None]:
    """Start the managed local Meilisearch for the duration (unless ``RULINGS_MEILI_URL`` points elsewhere)."""
    if not settings.managed_meili:
        yield
        return
    server = ManagedMeilisearch(binary=find_meili_binary(settings), data_dir=settings.meili_data_dir,
                                port=settings.meili_port, master_key=settings.meili_master_key())
    with server:
        yield
