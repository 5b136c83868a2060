"""The Celery tasks. Their bodies are in :mod:`app.queue.worker`; a message carries no file name and no text."""

from __future__ import annotations

import logging
from typing import Any

from app.queue.celery_app import INGEST_TASK, SYNC_TASK, celery_app

log = logging.getLogger(__name__)


@celery_app.task(name=INGEST_TASK, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def ingest_document(message: dict[str, Any]) -> None:
    from app.queue.worker import state

    worker = state()
    worker.handle(message)
    batch = message.get("batch")
    if message.get("sync_after") and batch and worker.batch_finished(str(batch)):
        sync_index_task.apply_async(queue=worker.settings.queue_name)


@celery_app.task(name=SYNC_TASK, acks_late=True, ignore_result=True)
def sync_index_task() -> None:
    from app.queue.worker import state

    state().sync()
