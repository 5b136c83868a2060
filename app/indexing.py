"""Keeping the search index a faithful copy of the database.

The database is the source of truth. Each ruling row carries ``content_hash`` (what the index should hold) and
``indexed_hash`` (what was last written to the index, stamped with the index document schema version, so a
change to how rulings map onto index documents makes every copy stale). ``sync_index`` writes exactly the
difference, so an ingest interrupted between the database commit and the index write is repaired by the next
sync; ``rebuild_index`` builds a fresh index and swaps it in with no downtime.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from archive.db import session_scope
from archive.models import Ruling
from search_index import SearchIndex
from search_index.documents import DOCUMENT_SCHEMA_VERSION

log = logging.getLogger(__name__)
BATCH = 200
STAMP = f":v{DOCUMENT_SCHEMA_VERSION}"


def _expected():  # type: ignore[no-untyped-def]
    """SQL expression of the indexed_hash a current index copy has."""
    return Ruling.content_hash.concat(STAMP)


def _stale():  # type: ignore[no-untyped-def]
    return (Ruling.status == "published") & or_(Ruling.indexed_hash.is_(None), Ruling.indexed_hash != _expected())


@dataclass
class SyncReport:
    upserted: int = 0
    deleted: int = 0


def sync_index(factory: sessionmaker[Session], index: SearchIndex) -> SyncReport:
    report = SyncReport()
    index.ensure()
    with session_scope(factory) as session:
        withdrawn = session.scalars(
            select(Ruling.id).where(Ruling.status != "published", Ruling.indexed_hash.is_not(None))).all()
        if withdrawn:
            index.delete(list(withdrawn))
            session.execute(update(Ruling).where(Ruling.id.in_(withdrawn)).values(indexed_hash=None))
            report.deleted = len(withdrawn)
    while True:
        with session_scope(factory) as session:
            stale = session.scalars(select(Ruling).where(_stale()).order_by(Ruling.id).limit(BATCH)).all()
            if not stale:
                break
            index.upsert(stale)  # waits for the task; raises unless it succeeded
            for r in stale:
                r.indexed_hash = r.content_hash + STAMP
            report.upserted += len(stale)
    log.info("index sync: %d upserted, %d deleted", report.upserted, report.deleted)
    return report


def rebuild_index(factory: sessionmaker[Session], index: SearchIndex) -> int:
    """Rebuild the whole index from the database into a new index and swap it in."""
    with session_scope(factory) as session:
        rulings = session.scalars(select(Ruling).where(Ruling.status == "published").order_by(Ruling.id)).all()
        index.rebuild(rulings)
        session.execute(update(Ruling).where(Ruling.status == "published")
                        .values(indexed_hash=_expected()))
        session.execute(update(Ruling).where(Ruling.status != "published").values(indexed_hash=None))
        return len(rulings)


def index_drift(factory: sessionmaker[Session], index: SearchIndex) -> dict[str, int]:
    """How far the index is from the database: stale rows and a count mismatch."""
    with session_scope(factory) as session:
        published = session.scalar(select(func.count()).select_from(Ruling).where(Ruling.status == "published"))
        stale = session.scalar(select(func.count()).select_from(Ruling).where(_stale()))
    indexed = index.count()
    return {"db_published": int(published or 0), "index_documents": int(indexed),
            "stale_in_db": int(stale or 0), "count_difference": int(indexed) - int(published or 0)}
