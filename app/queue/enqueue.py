"""`rulings ingest --queue`: send documents to the workers, and with ``--wait`` report their outcomes.

For each file: hash it (the same safe read as the embedded path), ask :func:`ingest.pipeline.plan_document`
whether anything needs to run (an unchanged published file is skipped here, without uploading it), put its bytes
into the blob store, write its ``queue_tasks`` row, and publish a task. Rows and blobs are committed before their
task is published, so a worker never gets a task it cannot find. Documents go out in chunks so workers start on
the first while later ones are still being hashed.

Waiting reads the outcomes from ``queue_tasks`` (not from the broker), so a broker connection lost meanwhile loses
no outcome; they are reported with the enqueuer's own paths, in the order they completed.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.queue.blobs import open_blobs
from app.queue.celery_app import INGEST_TASK, configure
from app.queue.worker import outcome_from_json
from archive.db import session_scope
from archive.errors import InputError
from archive.models import QueueTask
from archive.settings import Settings
from ingest.input_files import sha256_file
from ingest.pipeline import (
    DEFAULT_MAX_RETRIES,
    DocumentOutcome,
    keep_name,
    pipeline_version,
    plan_document,
    public_name,
)

log = logging.getLogger(__name__)

CHUNK = 10  # documents hashed, stored and committed before their tasks are published (workers start early)
POLL_S = 0.25


@dataclass
class QueuedBatch:
    batch_id: str
    paths: dict[int, Path] = field(default_factory=dict)  # position -> the enqueuer's path, for the report
    decided: int = 0  # documents whose outcome was known without a worker (skipped, failed for good, unreadable)
    reported: set[int] = field(default_factory=set)  # positions whose worker outcome was reported by the wait
    timed_out: bool = False  # the wait stopped at its timeout; the rest stays queued


def enqueue_batch(files: Sequence[Path], settings: Settings, factory: sessionmaker[Session], *, force: bool = False,
                  max_retries: int = DEFAULT_MAX_RETRIES, sync_after: bool = True,
                  on_outcome: Callable[[DocumentOutcome], None] | None = None) -> QueuedBatch:
    """Queue ``files``; outcomes known here are reported at once. ``sync_after``: the worker that finishes the
    batch's last document starts an index sync (the waiting enqueuer syncs by itself instead)."""
    app = configure(settings)
    version = pipeline_version(settings)
    blobs = open_blobs(settings, factory)
    batch = QueuedBatch(str(uuid.uuid4()))
    limit = settings.max_file_mb * 1024 * 1024
    chunk: list[tuple[QueueTask, dict[str, Any]]] = []

    def emit(outcome: DocumentOutcome) -> None:
        batch.decided += 1
        if on_outcome:
            on_outcome(outcome)

    def flush() -> None:
        if not chunk:
            return
        with session_scope(factory) as session:
            session.add_all([row for row, _ in chunk])
        with app.producer_or_acquire() as producer:
            for row, message in chunk:
                app.send_task(INGEST_TASK, args=[message], task_id=row.id, queue=settings.queue_name,
                              producer=producer)
        chunk.clear()

    try:
        for i, path in enumerate(files):
            try:
                sha, data = _read(path, limit)
                with session_scope(factory) as session:
                    plan = plan_document(session, path, sha, version, force=force, max_retries=max_retries)
            except InputError as exc:
                emit(DocumentOutcome(str(path), None, "failed", error=exc.message, error_code=exc.code))
                continue
            if isinstance(plan, DocumentOutcome):
                emit(plan)
                continue
            blobs.put(sha, data)
            keep_name(settings, sha, path.name)  # the real name stays in this machine's private folder
            row = QueueTask(id=str(uuid.uuid4()), batch_id=batch.batch_id, position=i, sha256=sha,
                            status="queued", deliveries=0)
            chunk.append((row, {"task": row.id, "batch": batch.batch_id, "sha256": sha, "size": len(data),
                                "name": public_name(path, sha), "force": force, "max_retries": max_retries,
                                "retried": plan.retried, "sync_after": sync_after}))
            batch.paths[i] = path
            if len(chunk) >= CHUNK:
                flush()
        flush()
    finally:
        app.close()  # its broker connections
    return batch


def _read(path: Path, limit: int) -> tuple[str, bytes]:
    """(sha256, bytes) of a file, read as safely as the embedded path reads it (FIFOs and devices refused
    unopened, at most ``limit`` bytes); an :class:`InputError` otherwise."""
    sha, size = sha256_file(path, limit)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}") from exc
    if len(data) != size or hashlib.sha256(data).hexdigest() != sha:
        raise InputError("the file changed while it was read; ingest it again")
    return sha, data


def wait_for_outcomes(batch: QueuedBatch, factory: sessionmaker[Session],
                      on_outcome: Callable[[DocumentOutcome], None] | None = None,
                      poll_s: float = POLL_S, timeout_s: float | None = None) -> list[DocumentOutcome]:
    """Report each queued document's outcome as its worker commits it, until all are in, or until ``timeout_s``
    seconds have passed: then ``batch.timed_out`` is set and :func:`pending` lists the rest, which stay queued."""
    seen = batch.reported
    outcomes: list[DocumentOutcome] = []
    deadline = None if not timeout_s else time.monotonic() + timeout_s
    while len(seen) < len(batch.paths):
        if deadline is not None and time.monotonic() >= deadline:
            batch.timed_out = True
            break
        with session_scope(factory) as session:
            rows = session.execute(
                select(QueueTask.position, QueueTask.outcome)
                .where(QueueTask.batch_id == batch.batch_id, QueueTask.status == "done")
                .order_by(QueueTask.updated_at, QueueTask.position)).all()
        fresh = [(cast(int, pos), cast("dict[str, Any]", data)) for pos, data in rows
                 if pos not in seen and data is not None]
        for pos, data in fresh:
            seen.add(pos)
            outcome = outcome_from_json(str(batch.paths[pos]), data)
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
        if not fresh:
            time.sleep(poll_s if deadline is None else max(0.0, min(poll_s, deadline - time.monotonic())))
    return outcomes


def pending(batch: QueuedBatch, factory: sessionmaker[Session]) -> list[tuple[Path, str]]:
    """The batch's documents without a reported outcome, in the enqueuer's order, each with its task's state
    (queued: waiting for a worker; running: in a worker's hands; done: finished just now)."""
    with session_scope(factory) as session:
        states = {pos: status for pos, status in session.execute(
            select(QueueTask.position, QueueTask.status).where(QueueTask.batch_id == batch.batch_id))}
    return [(path, states.get(pos, "queued")) for pos, path in sorted(batch.paths.items())
            if pos not in batch.reported]
