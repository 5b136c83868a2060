"""The Celery tasks. Their bodies are in :mod:`app.queue.worker`; a message carries no file name and no text."""

from __future__ import annotations

import logging
import time
from typing import Any

from celery import Celery, Task
from celery.exceptions import Reject

from app.queue.celery_app import ALERTS_TASK, HARVEST_TASK, INGEST_TASK, SYNC_TASK, jobs_queue

log = logging.getLogger(__name__)
RETRY_PAUSE_S = 5.0


def ingest_document(task: Task, message: dict[str, Any]) -> None:
    from app.queue.worker import state

    worker = state()
    try:
        worker.handle(message)
    except Exception as exc:  # noqa: BLE001 - the database or the pool is unwell, not the document
        # Back to the queue, after a pause (no hot loop while a database is down). If it is the document after
        # all, its delivery count ends it as worker_lost. Type only: a database error can carry ruling text.
        log.error("task %s could not run (%s); returned to the queue", str(message.get("task"))[:8],
                  type(exc).__name__)
        time.sleep(RETRY_PAUSE_S)
        raise Reject(requeue=True) from None
    batch = message.get("batch")
    if message.get("sync_after") and batch and worker.batch_finished(str(batch)):
        task.app.send_task(SYNC_TASK, queue=jobs_queue(worker.settings))


def sync_index(task: Task) -> None:
    del task
    from app.queue.worker import state

    state().sync()


def harvest(task: Task, source: str) -> None:
    """A scheduled harvest of ``source``; its downloads go to the queue (app.queue.jobs)."""
    from app.cli_harvest import source_lock
    from app.queue.jobs import harvest_job, run_job
    from app.queue.worker import state

    worker = state()
    settings, database = worker.settings, worker.database
    withdrawn: list[bool] = []

    def body():  # type: ignore[no-untyped-def]
        result, any_withdrawn = harvest_job(settings, database, source)
        withdrawn.append(any_withdrawn)
        return result

    try:
        lock = source_lock(settings, source)
    except Exception:  # noqa: BLE001 - a bad RULINGS_SOURCES: recorded as the job's failure below
        lock = f"harvest:{source}"
    run_job(database, settings, f"harvest:{source}", lock, body)
    if any(withdrawn):  # rulings taken down upstream leave the index now, not at the next scheduled sync
        task.app.send_task(SYNC_TASK, queue=jobs_queue(settings))


def send_alerts(task: Task) -> None:
    """The scheduled alert digests (`rulings alerts send`)."""
    del task
    from app.queue.jobs import alerts_job, run_job
    from app.queue.worker import state

    worker = state()
    run_job(worker.database, worker.settings, "alerts", "alerts", lambda: alerts_job(worker.settings, worker.database))


def register(app: Celery) -> None:
    app.task(name=INGEST_TASK, bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True)(
        ingest_document)
    app.task(name=SYNC_TASK, bind=True, acks_late=True, ignore_result=True)(sync_index)
    # Acknowledged on receipt: a harvest may run for hours, longer than RabbitMQ lets a delivery go unacknowledged
    # (consumer_timeout, 30 min by default) or Redis keeps it invisible. A job lost with its worker is run by the
    # next tick of the schedule (a harvest resumes from its mark; the lost run shows as interrupted).
    app.task(name=HARVEST_TASK, bind=True, acks_late=False, ignore_result=True)(harvest)
    app.task(name=ALERTS_TASK, bind=True, acks_late=False, ignore_result=True)(send_alerts)
