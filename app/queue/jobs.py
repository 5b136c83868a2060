"""The scheduled jobs a worker runs for `rulings beat` (app.queue.schedule): the index sync (also sent after each
batch), a named harvest whose downloads go to the queue, and the alert digests. Each runs under its own lock (app.queue.locks), so it never runs twice at once
(a delivery that finds it running is skipped and counted), and records its run in ``scheduled_jobs``: running,
ok or failed, with an error code and a message free of ruling text, names and URLs, which `rulings status` shows
until a later run succeeds. A job killed with its worker leaves its row "running" and its lock free (the kernel or
the database server drops it); the next run records it as interrupted, and a harvest resumes from its mark.

No Celery here: :mod:`app.queue.tasks` calls these, and `rulings status` reads :func:`job_status`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.queue.locks import job_lock
from archive.db import Database, session_scope
from archive.errors import ConfigurationError, RulingsError
from archive.models import QueueTask, ScheduledJob, utcnow
from archive.settings import Settings

log = logging.getLogger(__name__)
IN_QUEUE_TRUSTED_S = 24 * 3600  # a queued task younger than this still has its message on the broker


@dataclass
class JobResult:
    """What a run did (counts only) and, when it failed in part, why (a code and a message without names)."""

    summary: dict[str, Any] = field(default_factory=dict)
    error_code: str | None = None
    error: str | None = None


def _row(session: Session, name: str) -> ScheduledJob:
    row = session.get(ScheduledJob, name, with_for_update=True)
    if row is None:
        row = ScheduledJob(name=name, state="new", runs=0, failures=0, skipped=0)
        session.add(row)
    return row


def _safe_error(exc: BaseException) -> tuple[str, str]:
    """Our errors carry a stable code and a message written to be shown; anything else (a database error can
    quote a ruling) only by its type."""
    if isinstance(exc, RulingsError):
        return exc.code, exc.message[:500]
    return type(exc).__name__, f"unexpected {type(exc).__name__}; see the worker's log"


def run_job(database: Database, settings: Settings, name: str, lock: str, body: Callable[[], JobResult]) -> str:
    """Run ``body`` as job ``name`` under lock ``lock`` unless it holds already; returns ok, failed or skipped."""
    factory = database.factory
    with job_lock(database, settings, lock, blocking=False) as got:
        if not got:
            with session_scope(factory) as session:
                _row(session, name).skipped += 1
            log.info("scheduled job %s skipped: it is running already", name)
            return "skipped"
        with session_scope(factory) as session:
            row = _row(session, name)
            if row.state == "running":  # we hold its lock, so the run that wrote this died with its worker
                log.warning("scheduled job %s: the previous run (started %s) was interrupted", name,
                            f"{row.started_at:%Y-%m-%d %H:%M:%S}" if row.started_at else "?")
                row.failures += 1
            row.state, row.started_at, row.runs = "running", utcnow(), row.runs + 1
        try:
            result = body()
        except Exception as exc:  # noqa: BLE001 - recorded and logged; the schedule runs it again
            code, message = _safe_error(exc)
            result = JobResult(error_code=code, error=message)
        with session_scope(factory) as session:
            row = _row(session, name)
            row.finished_at = utcnow()
            row.summary = result.summary
            row.error_code, row.error = result.error_code, result.error
            if result.error_code is None:
                row.state, row.failures, row.last_ok_at = "ok", 0, row.finished_at
            else:
                row.state, row.failures = "failed", row.failures + 1
            failures = row.failures
    if result.error_code is None:
        log.info("scheduled job %s done: %s", name, _counts(result.summary))
        return "ok"
    log.error("scheduled job %s failed (%s, %d in a row): %s", name, result.error_code, failures, result.error)
    return "failed"


def _counts(summary: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in summary.items() if isinstance(v, int) and not isinstance(v, bool)) \
        or "nothing to report"


# -- the jobs -----------------------------------------------------------------------------------------------------
def harvest_job(settings: Settings, database: Database, source: str) -> tuple[JobResult, bool]:
    """Harvest ``source`` (``rechtspraak`` or a named source), at most RULINGS_HARVEST_SCHEDULE_MAX documents, and
    queue what it downloaded for the workers (the last one to finish starts an index sync); the next run goes on
    from the mark, so a first fill proceeds in bounded steps that the workers ingest as they come. Returns the
    result and whether rulings were withdrawn upstream (an index sync is due even when nothing was queued)."""
    from app.cli_harvest import source_work
    from app.queue.enqueue import enqueue_batch
    from ingest.harvest.http import PoliteClient

    work = source_work(settings, source, settings.harvest_schedule_max or None)
    with PoliteClient(settings) as client:  # failures are recorded in harvest_items; their URLs are never logged
        report = work(settings, database.factory, client, lambda _failure: None)
    decided: dict[str, int] = {}

    def count(outcome: Any) -> None:
        decided[outcome.status] = decided.get(outcome.status, 0) + 1

    files = _not_in_queue(database, report.files)
    queued = 0
    if files:
        batch = enqueue_batch(files, settings, database.factory, sync_after=True, on_outcome=count)
        queued = len(batch.paths)
    summary: dict[str, Any] = {k: v for k, v in report.summary().items() if k not in ("source", "to_ingest")}
    summary.update(queued=queued, in_queue_already=len(report.files) - len(files),
                   **{f"not_queued_{k}": v for k, v in sorted(decided.items())})
    result = JobResult(summary)
    if report.failures:
        result.error_code = "download_failed"
        result.error = (f"{report.failed} download{'s' if report.failed != 1 else ''} failed; `rulings status` "
                        "lists them, the next run retries them")
    elif decided.get("failed"):
        result.error_code = "ingest_failed"
        result.error = f"{decided['failed']} harvested documents failed before queueing; see `rulings status`"
    return result, report.withdrawn > 0


def _not_in_queue(database: Database, files: list[Path]) -> list[Path]:
    """The harvested files a worker does not have in hand or in the queue yet. A harvest lists every stored file
    not published yet, so a frequent schedule would queue a file again while its first task waits; the harvest
    folder names each file by its sha256. A task older than IN_QUEUE_TRUSTED_S that is still not done may have
    lost its message (a Redis broker restarted without persistence): its file is queued again."""
    if not files:
        return files
    since = utcnow() - timedelta(seconds=IN_QUEUE_TRUSTED_S)
    with session_scope(database.factory) as session:
        busy = set(session.scalars(select(QueueTask.sha256).where(
            QueueTask.sha256.in_([f.stem for f in files]), QueueTask.status != "done",
            QueueTask.created_at >= since)))
    return [f for f in files if f.stem not in busy]


def index_sync_job(settings: Settings, database: Database) -> JobResult:
    """Bring the index in line with the database (after a batch, and on the schedule). A failure (Meilisearch
    unreachable, a worker without RULINGS_MEILI_URL) is recorded like any scheduled job's, so `rulings status` shows
    it until a sync succeeds; the next tick or batch tries again."""
    from app.indexing import sync_index
    from app.runtime import open_index

    if settings.managed_meili:
        raise ConfigurationError("index syncs on a worker need RULINGS_MEILI_URL (the managed Meilisearch belongs "
                                 "to `rulings serve`)")
    report = sync_index(database.factory, open_index(settings))
    return JobResult({"upserted": report.upserted, "deleted": report.deleted})


def alerts_job(settings: Settings, database: Database) -> JobResult:
    """Send the alert digests that are due (`rulings alerts send`)."""
    from app.cli_alerts import run_send

    if settings.managed_meili:
        raise ConfigurationError("scheduled alert digests need RULINGS_MEILI_URL (the managed Meilisearch belongs "
                                 "to `rulings serve`)")
    report = run_send(settings, database)
    summary = {k: v for k, v in report.as_json().items() if k != "failed_ids"}
    result = JobResult(summary)
    if report.failed:
        result.error_code = "mail_failed"
        result.error = (f"{report.failed} digest{'s' if report.failed != 1 else ''} could not be sent; they go in "
                        "the next run")
    return result


# -- `rulings status` ---------------------------------------------------------------------------------------------
class _JobLine(dict[str, Any]):
    """One job's line of `rulings status`: a dict for --json, a readable line for the text report."""

    def __str__(self) -> str:
        def at(moment: datetime | None) -> str:
            return f"{moment:%Y-%m-%d %H:%M:%S} UTC" if moment else "never"

        if self["state"] == "running":
            text = f"running since {at(self['started_at'])}"
        elif self["state"] == "failed":
            text = (f"FAILED at {at(self['finished_at'])} ({self['error_code']}, {self['failures']} in a row): "
                    f"{self['error']}; last ok {at(self['last_ok_at'])}")
        else:
            text = f"ok at {at(self['finished_at'])}"
        return f"{text}; {self['runs']} runs, {self['skipped']} skipped while running"


def job_status(session: Session) -> dict[str, Any]:
    """Per scheduled job its last run, for `rulings status` (empty when nothing was ever scheduled)."""
    rows = session.scalars(select(ScheduledJob).order_by(ScheduledJob.name))
    return {r.name: _JobLine(state=r.state, runs=r.runs, failures=r.failures, skipped=r.skipped,
                             started_at=r.started_at, finished_at=r.finished_at, last_ok_at=r.last_ok_at,
                             error_code=r.error_code, error=r.error, summary=r.summary) for r in rows}
