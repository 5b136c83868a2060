"""Composition helpers shared by the CLI and the web app: database, search index, managed Meilisearch."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from archive.db import make_engine, make_sessionmaker, migrate
from archive.settings import Settings
from search_index import SearchIndex
from search_index.managed import ManagedMeilisearch, find_meili_binary

log = logging.getLogger(__name__)


@dataclass
class Database:
    engine: Engine
    factory: sessionmaker[Session]


def open_database(settings: Settings, *, migrate_schema: bool = True) -> Database:
    engine = make_engine(settings)
    if migrate_schema:
        migrate(engine)
    return Database(engine, make_sessionmaker(engine))


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
