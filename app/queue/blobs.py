"""The content-addressed store of queued files' bytes, reached by every worker: the database (``queue_blobs``,
the default: nothing else to share or mount) or a folder (``RULINGS_BLOB_DIR``, e.g. an NFS mount shared by every
machine). Blobs are un-anonymised originals: the folder is 0700 and its files 0600, and a blob is deleted as soon
as no queued task needs it any more (:func:`release`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Protocol

from sqlalchemy import delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from archive.db import session_scope
from archive.models import QueueBlob, QueueTask
from archive.settings import Settings


class BlobStore(Protocol):
    def put(self, sha256: str, data: bytes) -> None: ...
    def get(self, sha256: str) -> bytes | None: ...
    def delete(self, session: Session, sha256: str) -> None: ...


class DatabaseBlobs:
    """Blobs as rows of ``queue_blobs`` in the archive's own database."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def put(self, sha256: str, data: bytes) -> None:
        with session_scope(self._factory) as session:
            if session.get(QueueBlob, sha256) is not None:
                return
            try:
                with session.begin_nested():
                    session.add(QueueBlob(sha256=sha256, size=len(data), data=data))
            except IntegrityError:  # another enqueuer stored the same bytes meanwhile
                pass

    def get(self, sha256: str) -> bytes | None:
        with session_scope(self._factory) as session:
            return session.scalar(select(QueueBlob.data).where(QueueBlob.sha256 == sha256))

    def delete(self, session: Session, sha256: str) -> None:
        session.execute(delete(QueueBlob).where(QueueBlob.sha256 == sha256))


class FolderBlobs:
    """Blobs as files ``<dir>/<sha[:2]>/<sha>``, written atomically (a reader never sees half a file)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, sha256: str, data: bytes) -> None:
        target = self._path(sha256)
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as fh:  # mkstemp creates the file 0600
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def get(self, sha256: str) -> bytes | None:
        try:
            return self._path(sha256).read_bytes()
        except FileNotFoundError:
            return None

    def delete(self, session: Session, sha256: str) -> None:
        del session
        with contextlib.suppress(FileNotFoundError):
            self._path(sha256).unlink()


def open_blobs(settings: Settings, factory: sessionmaker[Session]) -> BlobStore:
    if settings.blob_dir is not None:
        settings.blob_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        return FolderBlobs(settings.blob_dir)
    return DatabaseBlobs(factory)


def release(blobs: BlobStore, session: Session, sha256: str) -> None:
    """Delete the blob unless another task that is not done still needs it (call in the transaction that marks a
    task of this sha256 done)."""
    pending = session.scalar(select(exists().where(QueueTask.sha256 == sha256, QueueTask.status != "done")))
    if not pending:
        blobs.delete(session, sha256)
