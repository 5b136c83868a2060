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

from sqlalchemy import Connection, Table, bindparam, func, or_, select, update
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

    An index of an older layout (``SearchIndex.needs_rebuild``) is rebuilt first: new indexes filled from the
    database and swapped in, so an upgrade needs no manual step and searches keep working meanwhile.
    """
    report = SyncReport()
    if index.needs_rebuild():
        log.info("index %s has an older layout: rebuilding it", index.name)
        report.upserted = rebuild_index(factory, index)
    index.ensure()
    with session_scope(factory) as session:
        withdrawn = session.scalars(
            select(Ruling.id).where(Ruling.status != "published", Ruling.indexed_hash.is_not(None))).all()
        if withdrawn:
            index.delete(list(withdrawn))
            session.execute(update(Ruling).where(Ruling.id.in_(withdrawn)).values(indexed_hash=None))
            report.deleted = len(withdrawn)

    def stamp(rulings: list[Ruling]) -> None:
        with session_scope(factory) as session:
            _stamp(session.connection(), [(r.id, r.content_hash) for r in rulings])
        report.upserted += len(rulings)

    index.upsert(_rulings(factory, _stale()), on_written=stamp)
    log.info("index sync: %d upserted, %d deleted", report.upserted, report.deleted)
    return report


def rebuild_index(factory: sessionmaker[Session], index: SearchIndex) -> int:
    """Rebuild the whole index from the database into new indexes and swap them in; returns the rulings written.

    Afterwards the rows say exactly what the new index holds, whatever happened meanwhile: a ruling written
    unchanged is stamped; one edited or withdrawn after it was read gets a mismatching stamp (so the next sync
    rewrites or deletes it); one that is not in the new index (added during the rebuild, or synced into the old
    copy that the swap replaced) gets none, so the next sync adds it. Run a sync after a rebuild to apply that
    (``rulings reindex`` and :func:`sync_index` do).
    """
    written: list[tuple[int, str]] = []

    def published() -> Iterator[Ruling]:
        for ruling in _rulings(factory, Ruling.status == "published"):
            written.append((ruling.id, ruling.content_hash))
            yield ruling

    count = index.rebuild(published())
    with session_scope(factory) as session:  # one transaction: a concurrent reader sees before or after
        session.execute(update(Ruling).values(indexed_hash=None))
        _stamp(session.connection(), written, mark_changed=True)
    return count


def _stamp(connection: Connection, written: list[tuple[int, str]], *, mark_changed: bool = False) -> None:
    """Record ``(id, content_hash)`` pairs as indexed, but only rows whose content is still what was written: a
    ruling edited while its documents were on their way stays stale for the next sync. ``mark_changed`` gives
    such rows a stamp that matches nothing (rather than leaving them as they were), so a sync rewrites them, or
    deletes them if they were withdrawn meanwhile."""
    if not written:
        return
    table = cast("Table", Ruling.__table__)
    params = [{"rid": rid, "written_hash": h, "stamp": f"{h}{STAMP}"} for rid, h in written]
    same = table.c.id == bindparam("rid"), table.c.content_hash == bindparam("written_hash")
    connection.execute(update(table).where(*same).values(indexed_hash=bindparam("stamp")), params)
    if mark_changed:
        changed = table.c.id == bindparam("rid"), table.c.content_hash != bindparam("written_hash")
        connection.execute(
            update(table).where(*changed).values(indexed_hash=bindparam("stamp") + ":changed"), params
        )


def index_drift(factory: sessionmaker[Session], index: SearchIndex) -> dict[str, int]:
    """How far the index is from the database: stale rows and a count mismatch."""
    with session_scope(factory) as session:
        published = session.scalar(select(func.count()).select_from(Ruling).where(Ruling.status == "published"))
        stale = session.scalar(select(func.count()).select_from(Ruling).where(_stale()))
    indexed = index.count()
    return {"db_published": int(published or 0), "index_documents": int(indexed),
            "stale_in_db": int(stale or 0), "count_difference": int(indexed) - int(published or 0)}
