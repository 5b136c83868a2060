"""The index sync never races itself: one lock per database.

PostgreSQL (workers on several machines): a session-level advisory lock (``pg_advisory_lock``) on a dedicated
connection; the server drops it when that connection ends, so a sync killed mid-way never leaves it held.
SQLite (everything on one machine): an ``flock`` on ``DATA_DIR/index-sync.lock``, which the kernel drops when the
holding process dies.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from archive.db import Database
from archive.settings import Settings


def _key(settings: Settings) -> int:
    """A signed 64-bit advisory-lock key per archive database (several archives may share one server)."""
    digest = hashlib.sha256(f"rulings.index_sync:{settings.db_url}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def index_sync_lock(database: Database, settings: Settings, *, blocking: bool) -> Iterator[bool]:
    """Hold the index-sync lock for the duration; yields whether it was acquired (always, when ``blocking``)."""
    if database.engine.dialect.name == "postgresql":
        key = _key(settings)
        with database.engine.connect() as conn:
            if blocking:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
                got = True
            else:
                got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
            conn.commit()  # the lock is the session's, not the transaction's: no transaction stays open
            try:
                yield got
            finally:
                if got:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    conn.commit()
        return
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(settings.data_dir / "index-sync.lock", os.O_CREAT | os.O_RDWR, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            got = True
        except BlockingIOError:
            got = False
        yield got
    finally:
        os.close(fd)  # releases the flock
