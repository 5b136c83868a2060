"""The Celery tasks. Their bodies are in :mod:`app.queue.worker`; a message carries no file name and no text."""

from __future__ import annotations

import logging
import time
from typing import Any

from celery import Celery, Task
from celery.exceptions import Reject

from app.queue.celery_app import INGEST_TASK, SYNC_TASK

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
        task.app.send_task(SYNC_TASK, queue=worker.settings.queue_name)


def sync_index(task: Task) -> None:
    del task
    from app.queue.worker import state

    state().sync()


def register(app: Celery) -> None:
    app.task(name=INGEST_TASK, bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True)(
        ingest_document)
    app.task(name=SYNC_TASK, bind=True, acks_late=True, ignore_result=True)(sync_index)
