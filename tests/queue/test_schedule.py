"""The schedule of `rulings beat` (issue 16): harvests and alert digests as jobs, each never running twice at once,
surviving the death of the process that ran it, and failing visibly; `ingest --queue --wait --timeout`.

- the settings are parsed and checked (seconds or a crontab line; known sources only) without a broker round trip;
- a job killed with its process (kill -9) leaves its lock free (flock / advisory lock) and the next run records it
  as interrupted, then harvests from the mark and hands the downloads to the queue; a second run while one holds
  the lock is skipped and counted; a harvest by hand meanwhile is refused;
- with a real `rulings beat` and a real `rulings worker`: a scheduled harvest's rulings are published exactly
  once, the failing alert job shows as failed in `rulings status`, the logs carry no ECLI; before the worker
  starts, `ingest --queue --wait --timeout` stops waiting with exit 4, lists what is pending, and the worker later
  processes it (nothing lost).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from app.cli import cli
from app.cli_harvest import harvest_lock
from app.queue.jobs import harvest_job, run_job
from app.queue.locks import job_lock
from app.queue.schedule import entries, parse_when
from archive.db import session_scope
from archive.errors import ConfigurationError
from archive.models import QueueTask, Ruling, ScheduledJob
from archive.settings import Settings, get_settings
from tests.harvest.conftest import FAST
from tests.harvest.servers import SAMPLES, FakeRechtspraak, rechtspraak_docs, serve
from tests.queue.conftest import ROOT, QueueArchive, wait_for
from tests.queue.docs import make_documents

HARVEST_SAMPLES = [SAMPLES / "ECLI.NL.CBB.2000.AU1263.xml", SAMPLES / "ECLI.NL.PHR.1997.AA2097.xml"]
SOURCES = json.dumps({"skgz": {"type": "listing", "url": "https://www.skgz.nl/uitspraken"}})


def _entries(**update: Any) -> dict[str, Any]:
    settings = Settings(**{"sources": SOURCES, **update})
    return {e.name: e for e in entries(settings, sync_task="s", harvest_task="h", alerts_task="a")}


def test_schedule_settings_are_parsed_and_checked() -> None:
    assert parse_when("3600", "X").run_every.total_seconds() == 3600
    cron = parse_when(" 15 2 * * 1 ", "X")
    assert cron.hour == {2} and cron.minute == {15} and cron.day_of_week == {1}
    jobs = _entries(harvest_schedule="rechtspraak=15 2 * * *; skgz = 86400 ;", alerts_schedule="0 6 * * *")
    assert sorted(jobs) == ["alerts", "harvest:rechtspraak", "harvest:skgz", "index-sync"]
    assert jobs["harvest:skgz"].args == ("skgz",) and jobs["harvest:skgz"].task == "h"
    # An interval job's tick expires when the next is due (no pile while workers are down); a crontab one waits.
    assert jobs["harvest:skgz"].expires == 86400 and jobs["harvest:rechtspraak"].expires is None
    assert sorted(_entries()) == ["index-sync"]  # nothing scheduled but the sync by default
    for bad in ({"harvest_schedule": "nosuch=60"}, {"harvest_schedule": "skgz"}, {"harvest_schedule": "skgz=0"},
                {"harvest_schedule": "skgz=60;skgz=70"}, {"harvest_schedule": "skgz=61 * * * *"},
                {"alerts_schedule": "daily"}, {"alerts_schedule": "* * *"}):
        with pytest.raises(ConfigurationError):
            _entries(**bad)


def _job(qa: QueueArchive, name: str) -> ScheduledJob | None:
    with session_scope(qa.database.factory) as s:
        return s.get(ScheduledJob, name)


_KILLED_RUN = """
import sys
from app.queue.jobs import harvest_job, run_job
from archive.db import open_database
from archive.settings import get_settings
from app.cli_harvest import source_lock

settings = get_settings()
database = open_database(settings)
run_job(database, settings, "harvest:rechtspraak", source_lock(settings, "rechtspraak"),
        lambda: harvest_job(settings, database, "rechtspraak")[0])
"""


@pytest.mark.integration
@pytest.mark.parametrize("queue_archive", ["amqp-sqlite", "redis-postgresql"], indirect=True)
def test_a_killed_job_frees_its_lock_and_the_next_run_resumes(queue_archive: QueueArchive,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    qa = queue_archive
    docs = rechtspraak_docs(HARVEST_SAMPLES, datetime(2026, 2, 1, 8, 0, tzinfo=UTC))
    docs[1].fault = "slow"  # the run is surely in progress while the test acts
    app = FakeRechtspraak(docs, slow_s=60)
    with serve(app) as url:
        harvest_env = {**{f"RULINGS_{k.upper()}": str(v) for k, v in FAST.items()},
                       "RULINGS_RECHTSPRAAK_URL": url, "RULINGS_HARVEST_TIMEOUT_S": "120"}
        proc = subprocess.Popen([sys.executable, "-c", _KILLED_RUN], env={**qa.env, **harvest_env}, cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            wait_for(lambda: docs[1].ecli in app.content_requests() or proc.poll() is not None, 60,
                     "the first run to fetch the slow document")
            assert proc.poll() is None, proc.communicate()[0].decode(errors="replace")[-2000:]
            for k, v in harvest_env.items():
                monkeypatch.setenv(k, v)
            get_settings.cache_clear()
            settings = Settings()
            lock = harvest_lock(url)
            # While it runs, the job (or a harvest by hand of the same host) does nothing.
            assert run_job(qa.database, settings, "harvest:rechtspraak", lock, lambda: pytest.fail("ran twice")
                           ) == "skipped"
            qa.database.engine.dispose()  # see _invoke
            by_hand = CliRunner().invoke(cli, ["harvest", "rechtspraak", "--no-ingest"])
            assert by_hand.exit_code == 3 and "is running" in by_hand.output
            job = _job(qa, "harvest:rechtspraak")
            assert job is not None and job.state == "running" and job.skipped == 1
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
        docs[1].fault = None

        def lock_free() -> bool:
            with job_lock(qa.database, settings, lock, blocking=False) as got:
                return bool(got)

        # The lock dies with the run: at once for flock; PostgreSQL frees an advisory lock when its backend sees
        # the killed client's connection closed, which on a loaded server can take a moment after the kill.
        wait_for(lock_free, 30, "the killed run's lock to die with it")
        assert run_job(qa.database, settings, "harvest:rechtspraak", lock,
                       lambda: harvest_job(settings, qa.database, "rechtspraak")[0]) == "ok"
    job = _job(qa, "harvest:rechtspraak")
    assert job is not None and job.state == "ok" and job.runs == 2 and job.failures == 0 and job.error is None
    # The first run stored the first document before it was killed: the second fetched only the other one and
    # queued both (the first was stored, never ingested).
    assert job.summary and job.summary["fetched"] == 1 and job.summary["queued"] == 2
    assert sorted(app.content_requests()) == sorted([docs[0].ecli, docs[1].ecli, docs[1].ecli])
    assert len(qa.tasks()) == 2 and all(t.status == "queued" for t in qa.tasks())


def _invoke(qa: QueueArchive, *args: str) -> Any:
    """`rulings ARGS` in this process, with the test's own connections closed first (a second SQLite engine used to
    drop the first one's POSIX locks; archive.db no longer reopens the file, see tests/unit/test_sqlite_locks.py,
    and closing them keeps the CLI's view independent of the test's)."""
    qa.database.engine.dispose()
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        get_settings.cache_clear()


@pytest.mark.integration
@pytest.mark.parametrize("queue_archive", ["redis-sqlite"], indirect=True)  # (amqp: 10 s more to stop a worker)
def test_beat_runs_the_harvest_and_alert_jobs_on_a_worker(queue_archive: QueueArchive, tmp_path: Path) -> None:
    qa = queue_archive
    # No worker yet: the wait times out, lists the document, and exits 4; it stays queued.
    (doc,) = make_documents(tmp_path / "in", texts=1, xml=False)
    waited = _invoke(qa, "ingest", "--queue", "--wait", "--timeout", "0.5", "--no-index", "--json", str(doc))
    assert waited.exit_code == 4, waited.output
    assert [json.loads(line) for line in waited.stdout.splitlines()] == [
        {"path": str(doc), "status": "pending", "task": "queued"}]
    assert "1 pending" in waited.stderr and "stopped waiting after 0.5 s" in waited.stderr
    assert [t.status for t in qa.tasks()] == ["queued"]

    docs = rechtspraak_docs(HARVEST_SAMPLES, datetime(2026, 2, 1, 8, 0, tzinfo=UTC))
    app = FakeRechtspraak(docs)
    with serve(app) as url:
        schedule = {**{f"RULINGS_{k.upper()}": str(v) for k, v in FAST.items()}, "RULINGS_RECHTSPRAAK_URL": url,
                    "RULINGS_HARVEST_SCHEDULE": "rechtspraak=1", "RULINGS_ALERTS_SCHEDULE": "1",
                    # No index here (the after-batch sync is test_queue's): a sync fails at once instead of making
                    # the worker's warm shutdown wait for a new index's first settings.
                    "RULINGS_MEILI_URL": "http://127.0.0.1:9"}
        worker = qa.worker(1, **schedule)
        log = qa.settings.data_dir / "beat.log"
        with log.open("wb") as fh:
            beat = subprocess.Popen([sys.executable, "-m", "app.cli", "beat"], env={**qa.env, **schedule}, cwd=ROOT,
                                    stdout=fh, stderr=subprocess.STDOUT)
            try:
                worker.wait_ready()

                seen: dict[str, Any] = {}

                def settled() -> bool:
                    harvest, alerts = _job(qa, "harvest:rechtspraak"), _job(qa, "alerts")
                    seen.update(harvest=harvest and (harvest.state, harvest.runs), alerts=alerts and alerts.state,
                                tasks=[t.status for t in qa.tasks()])
                    return bool(harvest and harvest.state == "ok" and harvest.runs >= 3 and alerts
                                and alerts.state == "failed" and seen["tasks"] == ["done"] * 3)

                try:
                    wait_for(settled, 120, "three harvest runs, a failed alert run and three documents done")
                except AssertionError as exc:
                    raise AssertionError(f"{exc}; last seen {seen}") from None
            finally:
                beat.send_signal(signal.SIGTERM)
                beat.wait(timeout=30)
    with session_scope(qa.database.factory) as s:
        assert len(s.scalars(select(Ruling.slug).where(Ruling.status == "published")).all()) == 3
        assert s.scalars(select(QueueTask.status)).all() == ["done"] * 3  # the timed-out one too: nothing lost
    # Each ECLI downloaded once: the later runs found nothing new (and never ran side by side).
    assert sorted(app.content_requests()) == sorted(d.ecli for d in docs)
    status = json.loads(_invoke(qa, "status", "--json").stdout)["schedule"]
    assert status["harvest:rechtspraak"]["state"] == "ok" and status["harvest:rechtspraak"]["error"] is None
    assert status["alerts"]["state"] == "failed" and status["alerts"]["error_code"] == "configuration_error"
    assert status["alerts"]["failures"] >= 1
    text = _invoke(qa, "status").stdout
    assert "alerts: FAILED" in text and "configuration_error" in text
    for output in (worker.output(), log.read_text(errors="replace")):
        assert "ECLI:NL" not in output  # no ECLI, name or text in the logs
    assert "scheduled job alerts failed (configuration_error" in worker.output()
