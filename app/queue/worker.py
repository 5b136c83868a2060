"""What a `rulings worker` process does with a task: the embedded pipeline's per-document steps, made safe to
deliver more than once.

A task is idempotent. Its ``queue_tasks`` row counts deliveries and is marked done in the same transaction that
stores the document (:func:`ingest.pipeline.store_result`), so:

- killed before that commit: the broker delivers the task again (late acknowledgement) and it runs again;
- killed after it, before the acknowledgement: the redelivered task finds its row done and only acknowledges;
- a document that kills its whole worker every time is delivered at most ``RULINGS_QUEUE_MAX_DELIVERIES`` times,
  then recorded as failed (``worker_lost``) like any failure: `rulings status` lists it and it is never looped.

The CPU-heavy work runs in :class:`ingest.bounded.BoundedPool` processes, as in the embedded path: each loads the
model once, each document runs under ``RULINGS_DOC_TIMEOUT_S`` and ``RULINGS_DOC_MEMORY_MB``, and a document that
crashes its processing process gets that error (counted as an attempt, retried by later runs up to
``--max-retries``) while the process is replaced. One pool process per worker thread.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import queue
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.queue.blobs import BlobStore, open_blobs, release
from app.queue.locks import INDEX_SYNC
from archive.db import Database, open_database, session_scope
from archive.errors import RulingsError
from archive.models import QueueTask, utcnow
from archive.settings import Settings
from ingest.bounded import BoundedPool
from ingest.pipeline import DocumentOutcome, DocumentTask, Job, Planned, pipeline_version, plan_document, store_result

log = logging.getLogger(__name__)

WARM_UP_TIMEOUT_S = 300.0
INDEX_SYNC_JOB = "index-sync"  # its name in scheduled_jobs and `rulings status`, as in the beat schedule
DONE_TASKS_KEPT_S = 24 * 3600  # done queue_tasks rows are purged by the scheduled sync after this long


class WorkerLostError(RulingsError):
    """The document's worker died every time it took the document."""

    code = "worker_lost"


class BlobMissingError(RulingsError):
    code = "blob_missing"


def outcome_json(outcome: DocumentOutcome) -> dict[str, Any]:
    return {**outcome.public(), "slug": outcome.slug, "retried": outcome.retried}


def outcome_from_json(path: str, data: dict[str, Any]) -> DocumentOutcome:
    return DocumentOutcome(path, data.get("sha256"), data["status"], ruling_id=data.get("ruling_id"),
                           error=data.get("error"), error_code=data.get("error_code"), slug=data.get("slug"),
                           attempts=data.get("attempts"), retried=bool(data.get("retried")))


class _FaultyTask(DocumentTask):
    """Testing only (``RULINGS_QUEUE_FAULT``): the per-document callable, killing its process (``process``) or the
    whole worker (``worker``) on the documents whose sha256 starts with a given prefix, or taking at least
    ``slow:SECONDS`` per document (so a test can act while a batch is surely still running, on any machine)."""

    def __init__(self, settings: Settings, faults: list[tuple[str, str]], slow_s: float = 0.0) -> None:
        super().__init__(settings)
        self.faults = faults
        self.slow_s = slow_s

    def __call__(self, job: Job) -> Any:
        if self.slow_s:
            time.sleep(self.slow_s)
        if job.data is not None:
            sha = hashlib.sha256(job.data).hexdigest()
            for where, prefix in self.faults:
                if sha.startswith(prefix):
                    os.kill(os.getppid() if where == "worker" else os.getpid(), signal.SIGKILL)
        return super().__call__(job)


def _document_task(settings: Settings) -> DocumentTask:
    items = [item.strip().partition(":") for item in settings.queue_fault.split(",") if item.strip()]
    faults = [(where, prefix) for where, _, prefix in items if where in ("process", "worker") and prefix]
    slow = [float(value) for where, _, value in items if where == "slow" and value.replace(".", "", 1).isdigit()]
    if faults or slow:
        log.warning("RULINGS_QUEUE_FAULT is set: some documents kill their process or are slowed (testing only)")
        return _FaultyTask(settings, faults, max(slow, default=0.0))
    return DocumentTask(settings)


class WorkerState:
    """The database, the blob store and the warmed-up processing pools of one `rulings worker` process."""

    def __init__(self, settings: Settings, processes: int) -> None:
        self.settings = settings
        self.database: Database = open_database(settings)
        self.version = pipeline_version(settings)
        self.blobs: BlobStore = open_blobs(settings, self.database.factory)
        self.database.engine.dispose()  # no open connection is inherited by the processes forked below
        task = _document_task(settings)
        self._pools: queue.Queue[BoundedPool] = queue.Queue()
        self._all: list[BoundedPool] = []
        for _ in range(max(1, processes)):
            pool = BoundedPool(task, processes=1, timeout_s=settings.doc_timeout_s, memory_mb=settings.doc_memory_mb,
                               init=task.warm_up, persistent=True)
            pool.start()  # forked now, before the broker threads start; each loads the model meanwhile
            self._all.append(pool)
            self._pools.put(pool)
        for pool in self._all:  # consume only once warm: a task is never held while a model loads
            pool.wait_ready(WARM_UP_TIMEOUT_S)
        self._running: set[str] = set()
        self._lock = threading.Lock()

    def close(self) -> None:
        for pool in self._all:
            pool.close()
        self.database.engine.dispose()

    @contextlib.contextmanager
    def _pool(self) -> Iterator[BoundedPool]:
        pool = self._pools.get()
        try:
            yield pool
        finally:
            self._pools.put(pool)

    # -- one document ---------------------------------------------------------------------------------------------
    def handle(self, message: dict[str, Any]) -> None:
        """Process one queued document (a Celery task body); returns once its outcome is committed."""
        task_id = str(message["task"])
        with self._lock:
            if task_id in self._running:  # redelivered to us after a lost connection while we still run it
                log.info("task %s is already running here; this delivery is dropped", task_id[:8])
                return
            self._running.add(task_id)
        try:
            # A pool first, then the delivery is counted: the worker has one thread more than pools (for the
            # index syncs and scheduled jobs), and a document waiting here for a pool was not processed, so a
            # worker that dies meanwhile must not count it towards RULINGS_QUEUE_MAX_DELIVERIES.
            with self._pool() as pool:
                self._handle(task_id, message, pool)
        finally:
            with self._lock:
                self._running.discard(task_id)

    def _handle(self, task_id: str, message: dict[str, Any], pool: BoundedPool) -> None:
        settings, factory = self.settings, self.database.factory
        sha, size = str(message["sha256"]), int(message["size"])
        path = Path(str(message["name"]))  # the public name (sha256 prefix and suffix), never the real one
        with session_scope(factory) as session:
            row = session.get(QueueTask, task_id, with_for_update=True)
            if row is None or row.status == "done":
                log.info("task %s is %s; acknowledged", task_id[:8], "unknown" if row is None else "done already")
                return
            row.deliveries += 1
            row.status = "running"
            deliveries = row.deliveries
        retried = bool(message.get("retried"))

        def finish(session: Session, outcome: DocumentOutcome) -> None:
            outcome.retried = retried
            self._done(session, task_id, sha, outcome)

        if deliveries > settings.queue_max_deliveries:
            log.warning("document %s ended its worker %d times: failed", sha[:12], deliveries - 1)
            lost = WorkerLostError(f"processing ended its worker {deliveries - 1} times; the document may be "
                                   "malformed or too large")
            self._store(task_id, path, sha, size, lost, finish)
            return
        with session_scope(factory) as session:
            plan = plan_document(session, path, sha, self.version, force=bool(message.get("force")),
                                 max_retries=int(message.get("max_retries", 3)))
            if isinstance(plan, DocumentOutcome):  # done meanwhile (or by an earlier delivery), or failed for good
                finish(session, plan)
                return
        data = self.blobs.get(sha)
        if data is None or hashlib.sha256(data).hexdigest() != sha:
            outcome = DocumentOutcome(str(path), sha, "failed", error="the queued file's bytes are missing from "
                                      "the blob store; ingest it again", error_code=BlobMissingError.code)
            with session_scope(factory) as session:
                finish(session, outcome)
            return
        planned = plan.job if isinstance(plan, Planned) else Job(path)
        # The reviewers' restored words travel with the job, as in the embedded path (archive.review).
        job = dataclasses.replace(planned, path=path, data=data)
        (_, result), = list(pool.map([(task_id, job)]))
        self._store(task_id, path, sha, size, result, finish)

    def _store(self, task_id: str, path: Path, sha: str, size: int, result: Any, finish: Any) -> None:
        finished = []

        def track(session: Session, outcome: DocumentOutcome) -> None:
            finish(session, outcome)
            finished.append(True)

        outcome = store_result(path, sha, size, result, self.settings, self.database.factory, self.version,
                               keep_file_name=False, finish=track)
        if not finished:  # the document's transaction failed (a storage error): the task still gets its outcome
            with session_scope(self.database.factory) as session:
                finish(session, outcome)

    def _done(self, session: Session, task_id: str, sha: str, outcome: DocumentOutcome) -> None:
        row = session.get(QueueTask, task_id)
        if row is None:
            return
        row.status = "done"
        row.outcome = outcome_json(outcome)
        session.flush()
        release(self.blobs, session, sha)

    def batch_finished(self, batch_id: str) -> bool:
        with session_scope(self.database.factory) as session:
            left = session.scalar(select(func.count()).select_from(QueueTask)
                                  .where(QueueTask.batch_id == batch_id, QueueTask.status != "done"))
        return not left

    # -- the index ------------------------------------------------------------------------------------------------
    def sync(self) -> None:
        """Sync the index as the job ``index-sync`` (app.queue.jobs): skipped while another sync holds the lock (it
        covers what this one would have done, or the next scheduled sync does), recorded in ``scheduled_jobs``."""
        from app.queue.jobs import index_sync_job, run_job

        purge_done_tasks(self.database)
        run_job(self.database, self.settings, INDEX_SYNC_JOB, INDEX_SYNC,
                lambda: index_sync_job(self.settings, self.database))


def purge_done_tasks(database: Database, older_than_s: float = DONE_TASKS_KEPT_S) -> None:
    from datetime import timedelta

    cutoff = utcnow() - timedelta(seconds=older_than_s)
    with session_scope(database.factory) as session:
        session.execute(delete(QueueTask).where(QueueTask.status == "done", QueueTask.updated_at < cutoff))


_state: WorkerState | None = None


def set_state(state: WorkerState | None) -> None:
    global _state
    _state = state


def state() -> WorkerState:
    if _state is None:
        raise RuntimeError("not a rulings worker: start one with `rulings worker`")
    return _state
