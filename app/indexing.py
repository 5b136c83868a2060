"""Keeping the search index a faithful copy of the database.

The database is the source of truth. Each ruling row carries ``content_hash`` (what the index should hold) and
``indexed_hash`` (what was last written to the index, stamped with the index document schema version, so a
change to how rulings map onto index documents makes every copy stale). ``sync_index`` writes exactly the
difference, so an ingest interrupted between the database commit and the index write is repaired by the next
sync; ``rebuild_index`` builds a fresh index and swaps it in with no downtime.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, bindparam, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql import ColumnElement

from archive.db import session_scope
from archive.models import Ruling
from search_index import SearchIndex
from search_index.documents import DOCUMENT_SCHEMA_VERSION

log = logging.getLogger(__name__)
BATCH = 1000  # rulings read per query while syncing
STAMP = f":v{DOCUMENT_SCHEMA_VERSION}"


def _expected():  # type: ignore[no-untyped-def]
    """SQL expression of the indexed_hash a current index copy has."""
    return Ruling.content_hash.concat(STAMP)


def _stale():  # type: ignore[no-untyped-def]
    return (Ruling.status == "published") & or_(Ruling.indexed_hash.is_(None), Ruling.indexed_hash != _expected())


def _rulings(factory: sessionmaker[Session], where: ColumnElement[bool]) -> Iterator[Ruling]:
    """The rulings matching ``where``, read :data:`BATCH` at a time so memory stays flat (keyset paging: a sync
    stamps rows as their writes succeed, so an offset would skip some)."""
    last_id = 0
    while True:
        with session_scope(factory) as session:
            batch = session.scalars(
                select(Ruling).where(where, Ruling.id > last_id).order_by(Ruling.id).limit(BATCH)
            ).all()
        if not batch:
            return
        last_id = batch[-1].id
        yield from batch


@dataclass
class SyncReport:
    upserted: int = 0
    deleted: int = 0


def sync_index(factory: sessionmaker[Session], index: SearchIndex) -> SyncReport:
    """Write exactly the difference between the database and the index (see the module doc).

    An index of an older layout (``SearchIndex.needs_rebuild``) is rebuilt instead: new indexes filled from the
    database and swapped in, so an upgrade needs no manual step and searches keep working meanwhile.
    """
    report = SyncReport()
    if index.needs_rebuild():
        log.info("index %s has an older layout: rebuilding it", index.name)
        report.upserted = rebuild_index(factory, index)
        return report
    index.ensure()
    with session_scope(factory) as session:
        withdrawn = session.scalars(
            select(Ruling.id).where(Ruling.status != "published", Ruling.indexed_hash.is_not(None))).all()
        if withdrawn:
            index.delete(list(withdrawn))
            session.execute(update(Ruling).where(Ruling.id.in_(withdrawn)).values(indexed_hash=None))
            report.deleted = len(withdrawn)

    def stamp(rulings: list[Ruling]) -> None:
        _stamp(factory, [(r.id, r.content_hash) for r in rulings])
        report.upserted += len(rulings)

    index.upsert(_rulings(factory, _stale()), on_written=stamp)
    log.info("index sync: %d upserted, %d deleted", report.upserted, report.deleted)
    return report


def rebuild_index(factory: sessionmaker[Session], index: SearchIndex) -> int:
    """Rebuild the whole index from the database into new indexes and swap them in.

    Rows are stamped only if their content is what was written: a ruling changed during the rebuild stays stale
    and the next sync writes it (run one after a rebuild; ``rulings reindex`` does).
    """
    written: list[tuple[int, str]] = []

    def published() -> Iterator[Ruling]:
        for ruling in _rulings(factory, Ruling.status == "published"):
            written.append((ruling.id, ruling.content_hash))
            yield ruling

    count = index.rebuild(published())
    _stamp(factory, written)
    with session_scope(factory) as session:
        session.execute(update(Ruling).where(Ruling.status != "published").values(indexed_hash=None))
    return count


def _stamp(factory: sessionmaker[Session], written: list[tuple[int, str]]) -> None:
    """Record ``(id, content_hash)`` pairs as indexed, but only rows whose content is still what was written: a
    ruling edited while its documents were on their way stays stale for the next sync."""
    if not written:
        return
    table = cast("Table", Ruling.__table__)
    with session_scope(factory) as session:
        session.connection().execute(
            update(table)
            .where(table.c.id == bindparam("rid"), table.c.content_hash == bindparam("written_hash"))
            .values(indexed_hash=bindparam("stamp")),
            [{"rid": rid, "written_hash": h, "stamp": f"{h}{STAMP}"} for rid, h in written],
        )


def index_drift(factory: sessionmaker[Session], index: SearchIndex) -> dict[str, int]:
    """How far the index is from the database: stale rows and a count mismatch."""
    with session_scope(factory) as session:
        published = session.scalar(select(func.count()).select_from(Ruling).where(Ruling.status == "published"))
        stale = session.scalar(select(func.count()).select_from(Ruling).where(_stale()))
    indexed = index.count()
    return {"db_published": int(published or 0), "index_documents": int(indexed),
            "stale_in_db": int(stale or 0), "count_difference": int(indexed) - int(published or 0)}
