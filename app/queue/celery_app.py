"""The Celery application, built from the settings by :func:`configure` (a new one per call: a process that
switches brokers, such as a test run, never publishes through a stale connection pool).

Delivery guarantees: tasks are acknowledged late (after their transaction committed) and rejected back to the
broker when the worker is lost, so a worker that dies mid-task (``kill -9``, a lost connection) leaves its task to
another; one task per worker thread is prefetched. Results are not kept by Celery: a task's outcome is a
``queue_tasks`` row, written with the document (:mod:`app.queue.worker`).

The index syncs and the scheduled jobs (:mod:`app.queue.schedule`) go through a second queue, ``<queue>.jobs``,
which every worker consumes too.
"""

from __future__ import annotations

from celery import Celery
from kombu import Queue

from archive.errors import ConfigurationError
from archive.settings import Settings

INGEST_TASK = "rulings.ingest_document"
SYNC_TASK = "rulings.sync_index"
HARVEST_TASK = "rulings.harvest"
ALERTS_TASK = "rulings.send_alerts"


def jobs_queue(settings: Settings) -> str:
    """The queue of the index syncs and the scheduled jobs: every worker consumes it besides the documents' queue,
    so a job never waits behind a backlog of documents."""
    return f"{settings.queue_name}.jobs"


def configure(settings: Settings) -> Celery:
    """The Celery app set up for ``settings``; a :class:`ConfigurationError` without a broker."""
    if not settings.broker_url:
        raise ConfigurationError("the queue needs a broker: set RULINGS_BROKER_URL (amqp://... or redis://...)")
    from app.queue.schedule import entries
    from app.queue.tasks import register

    celery_app = Celery("rulings", set_as_current=False)
    register(celery_app)
    transport = settings.broker_url.split(":", 1)[0]
    options: dict[str, object] = {}
    if transport in ("redis", "rediss"):
        # An unacknowledged task of a dead worker comes back after this long (RabbitMQ: as soon as its
        # connection closes). Above the longest task, or a slow task is delivered twice (harmless, but work).
        options = {"visibility_timeout": settings.queue_visibility_timeout_s}
    jobs = jobs_queue(settings)
    beat_schedule = {e.name: {"task": e.task, "schedule": e.when, "args": e.args,
                              "options": {"queue": jobs, **({"expires": e.expires} if e.expires else {})}}
                     for e in entries(settings, sync_task=SYNC_TASK, harvest_task=HARVEST_TASK,
                                      alerts_task=ALERTS_TASK)}
    celery_app.conf.update(
        broker_url=settings.broker_url,
        broker_transport_options=options,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,  # a worker waits out a broker restart instead of exiting
        task_default_queue=settings.queue_name,
        task_queues=[Queue(settings.queue_name, durable=True), Queue(jobs, durable=True)],
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        task_publish_retry=True,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        worker_cancel_long_running_tasks_on_connection_loss=False,
        # After a reconnection Celery lowers the prefetch count by the tasks still running and restores it only as
        # tasks received on the *new* connection are acknowledged. With one thread more than processes (the jobs'
        # thread) the lowered count applied, and a worker whose running tasks belonged to the old connection
        # stopped taking documents (seen in CI: the batch stalled after the broker closed the connection). A
        # prefetch of processes + 1 is small anyway: keep it.
        worker_enable_prefetch_count_reduction=False,
        beat_schedule=beat_schedule,  # app.queue.schedule: the index sync, harvests, alert digests
        enable_utc=True,
        timezone="UTC",  # crontab lines are in UTC
    )
    return celery_app
