"""`rulings worker` and `rulings beat`: the processing side of the ingestion queue (app/queue, issue 16)."""

from __future__ import annotations

import logging
import os
import socket
import sys

import click

from archive.settings import get_settings

log = logging.getLogger("rulings")


@click.command()
@click.option("-c", "--concurrency", type=click.IntRange(min=1), default=None,
              help="Documents processed at once, one process each (default RULINGS_WORKERS, else one per CPU).")
@click.option("--beat", is_flag=True, help="Also run the schedule (index sync, RULINGS_HARVEST_SCHEDULE, "
                                           "RULINGS_ALERTS_SCHEDULE); in one process of the whole cluster only.")
def worker(concurrency: int | None, beat: bool) -> None:
    """Process queued documents (needs RULINGS_BROKER_URL). Each process loads the model once; each document runs
    under the time and memory bounds of `rulings ingest`. SIGTERM or Ctrl-C: warm shutdown (the documents in hand
    are finished, the rest stay queued); kill -9: the broker hands them to another worker."""
    from celery.beat import EmbeddedService

    from app.queue.celery_app import configure, jobs_queue
    from app.queue.worker import WorkerState, set_state

    settings = get_settings()
    app = configure(settings)  # refuses a missing broker before any process starts
    n = concurrency or settings.workers or os.cpu_count() or 1
    state = WorkerState(settings, n)
    set_state(state)
    scheduler = None
    try:
        if beat:
            scheduler = EmbeddedService(app, thread=True,
                                        schedule_filename=str(settings.data_dir / "celerybeat-schedule"))
            scheduler.start()
        click.echo(f"worker: {n} processes warmed up, consuming queues {settings.queue_name!r} and "
                   f"{jobs_queue(settings)!r}", err=True)
        # One thread per processing process, and one more for the index syncs and the scheduled jobs (a harvest
        # downloads for minutes): a document taken by the extra thread waits for a free process.
        celery_worker = app.Worker(
            hostname=f"rulings-{os.getpid()}@{socket.gethostname()}", pool_cls="threads", concurrency=n + 1,
            queues=[settings.queue_name, jobs_queue(settings)], without_mingle=True, without_gossip=True,
            without_heartbeat=True,
            loglevel=logging.getLevelName(logging.getLogger().level), quiet=True, optimization="fair")
        celery_worker.start()
        code = celery_worker.exitcode or 0
    finally:
        if scheduler is not None:
            scheduler.stop()
        set_state(None)
        state.close()
    sys.exit(code)


@click.command()
def beat() -> None:
    """Run the schedule alone: an index sync every RULINGS_INDEX_SYNC_INTERVAL_S, the harvests of
    RULINGS_HARVEST_SCHEDULE and the alert digests of RULINGS_ALERTS_SCHEDULE, each executed by a worker and never
    twice at once (one beat per cluster; `rulings worker --beat` runs it inside a worker instead). `rulings status`
    shows each job's last run."""
    from app.queue.celery_app import configure

    settings = get_settings()
    app = configure(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app.Beat(schedule=str(settings.data_dir / "celerybeat-schedule"), quiet=True,
             loglevel=logging.getLevelName(logging.getLogger().level)).run()
