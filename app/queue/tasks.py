"""The Celery tasks. Their bodies are in :mod:`app.queue.worker`; a message carries no file name and no text."""

from __future__ import annotations

from typing import Any

from celery import Celery, Task

from app.queue.celery_app import INGEST_TASK, SYNC_TASK


def ingest_document(task: Task, message: dict[str, Any]) -> None:
    from app.queue.worker import state

    worker = state()
    worker.handle(message)
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
