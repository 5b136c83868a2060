"""Distributed ingestion on Celery (issue 16): `rulings ingest --queue` enqueues, `rulings worker` processes.

Unset ``RULINGS_BROKER_URL`` and none of this is used: `rulings ingest` runs its own process pool
(:func:`ingest.pipeline.run_batch`). Set it (``amqp://...`` RabbitMQ, or ``redis://...``) and:

- the enqueuer (:mod:`app.queue.enqueue`) hashes each file, asks :func:`ingest.pipeline.plan_document` whether
  anything needs to run, puts the bytes into the blob store (:mod:`app.queue.blobs`: the database, or a shared
  folder), writes a ``queue_tasks`` row and publishes a task that carries only the sha256, the public name, the
  size and the options: no path, no file name, no text;
- a worker (:mod:`app.queue.worker`, started by `rulings worker`) runs the very same per-document steps as the
  embedded pool: the bounded processes of :mod:`ingest.bounded` (model loaded once per process, per-document time
  and memory bounds), then :func:`ingest.pipeline.store_result`, whose one transaction also marks the task done;
- the index sync runs after a batch and on a schedule (`rulings beat`), under one lock (:mod:`app.queue.locks`).

Only the CLI imports this package; the web process never does (import contract in pyproject.toml).
"""
