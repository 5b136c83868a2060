"""Jobs that must never race themselves (the index sync, each scheduled harvest, the alert digests): one lock per
job name and database.

PostgreSQL (workers on several machines): a session-level advisory lock (``pg_advisory_lock``) on a dedicated
connection; the server drops it when that connection ends, so a job killed mid-way never leaves it held.
SQLite (everything on one machine): an ``flock`` on ``DATA_DIR/<name>.lock``, which the kernel drops when the
holding process dies. Either way two holders in one process (two worker threads) exclude each other too.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from sqlalchemy import text

from archive.db import Database
from archive.settings import Settings

INDEX_SYNC = "index_sync"


def _key(settings: Settings, name: str) -> int:
    """A signed 64-bit advisory-lock key per job and archive database (several archives may share one server)."""
    digest = hashlib.sha256(f"rulings.{name}:{settings.db_url}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _file_name(name: str) -> str:
    return re.sub(r"[^a-z0-9.-]+", "-", name.lower().replace("_", "-")).strip("-") + ".lock"


@contextmanager
def job_lock(database: Database, settings: Settings, name: str, *, blocking: bool) -> Iterator[bool]:
    """Hold the lock of job ``name`` for the duration; yields whether it was acquired (always, when
    ``blocking``)."""
    if database.engine.dialect.name == "postgresql":
        key = _key(settings, name)
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
    fd = os.open(settings.data_dir / _file_name(name), os.O_CREAT | os.O_RDWR, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            got = True
        except BlockingIOError:
            got = False
        yield got
    finally:
        os.close(fd)  # releases the flock


def index_sync_lock(database: Database, settings: Settings, *, blocking: bool) -> AbstractContextManager[bool]:
    """The index sync's lock (``DATA_DIR/index-sync.lock`` on SQLite)."""
    return job_lock(database, settings, INDEX_SYNC, blocking=blocking)
