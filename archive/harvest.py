"""Harvest state in the database: the high-water mark per source and one row per harvested item.

The only writer of ``harvest_marks`` and ``harvest_items`` (migration 0007_harvest). Items are listed by id, source
and error code; their keys (ECLIs, URLs) are shown to the operator by the harvest command itself, never logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from archive.models import Document, HarvestItem, HarvestMark, utcnow


def get_mark(session: Session, source: str) -> str | None:
    row = session.get(HarvestMark, source)
    return row.mark if row else None


def set_mark(session: Session, source: str, mark: str) -> None:
    """Raise the mark of ``source`` to ``mark`` (ISO 8601, UTC); a lower mark never replaces a higher one."""
    row = session.get(HarvestMark, source)
    if row is None:
        session.add(HarvestMark(source=source, mark=mark))
    elif mark > row.mark:
        row.mark = mark


def get_item(session: Session, source: str, key: str) -> HarvestItem | None:
    return session.scalar(select(HarvestItem).where(HarvestItem.source == source, HarvestItem.key == key))


def _item(session: Session, source: str, key: str, url: str) -> HarvestItem:
    item = get_item(session, source, key)
    if item is None:
        item = HarvestItem(source=source, key=key, url=url, status="new", attempts=0, suffix="")
        session.add(item)
    item.url = url
    return item


def record_stored(session: Session, *, source: str, key: str, url: str, sha256: str, suffix: str,
                  modified: str | None = None, etag: str | None = None,
                  last_modified: str | None = None) -> HarvestItem:
    item = _item(session, source, key, url)
    item.sha256, item.suffix, item.modified = sha256, suffix, modified
    item.etag, item.last_modified = etag, last_modified
    item.status, item.error_code, item.error, item.attempts = "stored", None, None, 0
    item.fetched_at = utcnow()
    session.flush()
    return item


def record_unchanged(session: Session, item: HarvestItem) -> None:
    """A 304 (or the same feed version): the stored file is current; an earlier failure is over."""
    item.status, item.error_code, item.error, item.attempts = "stored", None, None, 0
    item.fetched_at = utcnow()


def record_failure(session: Session, *, source: str, key: str, url: str, code: str, error: str,
                   modified: str | None = None) -> HarvestItem:
    """A download that failed: counted, kept with its error, retried by the next run. ``modified`` becomes the
    version that failed (so a new version upstream is tried again even after the retries ran out); a file stored
    before stays recorded (its sha256), so the archive keeps the ruling it has."""
    item = _item(session, source, key, url)
    item.status, item.error_code, item.error = "failed", code[:60], error[:2000]
    if modified:
        item.modified = modified
    item.attempts = (item.attempts or 0) + 1
    session.flush()
    return item


def record_deleted(session: Session, *, source: str, key: str, url: str, modified: str | None) -> HarvestItem:
    item = _item(session, source, key, url)
    item.status, item.modified, item.error_code, item.error, item.attempts = "deleted", modified, None, None, 0
    session.flush()
    return item


def failed_items(session: Session, source: str | None = None, limit: int = 1000) -> list[HarvestItem]:
    query = select(HarvestItem).where(HarvestItem.status == "failed")
    if source is not None:
        query = query.where(HarvestItem.source == source)
    return list(session.scalars(query.order_by(HarvestItem.id).limit(limit)))


def forget_failed(session: Session, ids: list[int]) -> int:
    """Delete failed items by id (an operator gave up on them: a document gone upstream for good); the next run
    does not retry or report them. Returns how many were deleted; other ids and statuses are left alone."""
    rows = list(session.scalars(select(HarvestItem).where(HarvestItem.id.in_(ids), HarvestItem.status == "failed")))
    for row in rows:
        session.delete(row)
    return len(rows)


def not_ingested(session: Session, source: str) -> list[HarvestItem]:
    """Stored items of ``source`` whose file has no published document: never ingested (an interrupted run) or
    failed in the pipeline (which then decides whether it is retried)."""
    published = select(Document.sha256).where(Document.status == "published")
    return list(session.scalars(select(HarvestItem).where(
        HarvestItem.source == source, HarvestItem.status == "stored", HarvestItem.sha256.is_not(None),
        HarvestItem.sha256.not_in(published)).order_by(HarvestItem.id)))


@dataclass
class SourceState:
    source: str
    mark: str | None
    items: int
    failed: int
    last_fetch: datetime | None


def summary(session: Session) -> list[SourceState]:
    """Per source: its mark, how many items it has, how many are failed, when it last fetched one."""
    rows = session.execute(select(
        HarvestItem.source, func.count(), func.sum(case((HarvestItem.status == "failed", 1), else_=0)),
        func.max(HarvestItem.fetched_at)).group_by(HarvestItem.source)).all()
    marks = {m.source: m.mark for m in session.scalars(select(HarvestMark))}
    states = {r[0]: SourceState(r[0], marks.get(r[0]), int(r[1]), int(r[2] or 0), r[3]) for r in rows}
    for source, mark in marks.items():
        states.setdefault(source, SourceState(source, mark, 0, 0, None))
    return [states[k] for k in sorted(states)]

