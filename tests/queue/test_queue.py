"""The queue with a real broker and real `rulings worker` processes (issue 16).

- `ingest --queue --wait` reports what the embedded path reports, with the same exit code and summary;
- `kill -9` of a worker mid-batch: every document published exactly once (one document row, one ruling, one
  index document each; the killed attempt left nothing);
- the broker closes the worker's connection mid-batch: nothing lost, the worker reconnects;
- a document that kills its whole worker is delivered a bounded number of times, then failed (worker_lost) and
  listed by `rulings status`; one that kills only its processing process fails at once and the worker goes on;
- SIGTERM is a warm shutdown and leaves no process behind.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.queue.enqueue import enqueue_batch
from archive.models import QueueBlob, QueueTask
from archive.settings import get_settings
from search_index import SearchIndex
from tests.queue.conftest import QueueArchive, alive, close_from_broker, wait_for
from tests.queue.docs import make_documents, sha256

pytestmark = pytest.mark.integration


def _all_done(qa: QueueArchive) -> bool:
    tasks = qa.tasks()
    return bool(tasks) and all(t.status == "done" for t in tasks)


def _assert_published_once(qa: QueueArchive, docs: list[Path]) -> None:
    tasks = qa.tasks()
    assert len(tasks) == len(docs)
    assert [t.outcome["status"] for t in tasks if t.outcome] == ["published"] * len(docs)
    documents = qa.documents()
    assert sorted(d.sha256 for d in documents) == sorted(sha256(p) for p in docs)  # one row per file
    assert all(d.status == "published" and d.attempts == 1 for d in documents)  # a killed attempt stored nothing
    assert len(qa.published_slugs()) == len(docs)  # one ruling each
    assert qa.count(QueueBlob) == 0  # the private bytes are gone once no task needs them
    index = SearchIndex(qa.settings.effective_meili_url(), qa.settings.meili_key, qa.settings.index_name)
    wait_for(lambda: index.count() == len(docs), 60, "the batch's index sync")  # the last task starts it


def _wait_mid_batch(qa: QueueArchive) -> None:
    """Until two documents are done and another is in hand."""
    wait_for(lambda: qa.count(QueueTask, QueueTask.status == "done") >= 2
             and qa.count(QueueTask, QueueTask.status == "running") >= 1, 120, "two documents done, one in hand",
             interval_s=0.02)


def _invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    finally:
        get_settings.cache_clear()


def _outcomes(stdout: str, folder: Path) -> list[tuple[Any, ...]]:
    rows = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    assert all(r["ruling_id"] is not None for r in rows if r["status"] in ("published", "skipped"))
    return sorted((Path(r["path"]).relative_to(folder).as_posix(), r["sha256"], r["status"], r["error_code"],
                   r["error"], r["attempts"]) for r in rows)


# One combination (it runs everywhere): the outcomes do not depend on the broker or the database, and the tests
# below run both brokers and both databases.
@pytest.mark.parametrize("queue_archive", ["amqp-sqlite"], indirect=True)
def test_wait_reports_what_the_embedded_path_reports(queue_archive: QueueArchive, tmp_path: Path) -> None:
    qa = queue_archive
    worker = qa.worker()
    folder = tmp_path / "in"
    make_documents(folder, texts=2, broken=True)
    embedded = {"RULINGS_DATA_DIR": str(tmp_path / "embedded"), "RULINGS_BROKER_URL": "",
                "RULINGS_DATABASE_URL": f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
                "RULINGS_INDEX_NAME": f"{qa.settings.index_name}_embedded"}
    worker.wait_ready()
    for run in ("first", "again"):  # again: skipped, and the broken file retried
        direct = _invoke("ingest", "--json", str(folder), env=embedded)
        queued = _invoke("ingest", "--queue", "--wait", "--json", str(folder))
        assert queued.exit_code == direct.exit_code == 1, run  # the broken PDF
        assert _outcomes(queued.stdout, folder) == _outcomes(direct.stdout, folder), run
        assert queued.stderr.splitlines()[-1] == direct.stderr.splitlines()[-1], run  # "7 documents: ..."
    assert "1 failed" in queued.stderr and "6 skipped" in queued.stderr and "1 retried" in queued.stderr


@pytest.mark.parametrize("queue_archive", ["amqp-sqlite", "redis-postgresql"], indirect=True)
def test_kill_9_mid_batch_publishes_every_document_once(queue_archive: QueueArchive, tmp_path: Path) -> None:
    qa = queue_archive
    docs = make_documents(tmp_path / "in", texts=6)
    # Each document in hand for at least a second, so the kill lands on one whatever the machine's speed.
    first = qa.worker(RULINGS_QUEUE_FAULT="slow:1").wait_ready()
    processes = first.children()  # its warmed-up processing process
    assert processes
    enqueue_batch(docs, qa.settings, qa.database.factory)
    _wait_mid_batch(qa)
    first.kill9()
    in_hand = [t.id for t in qa.tasks() if t.status == "running"]  # the database as the kill left it
    assert in_hand, "the kill fell between two documents"
    wait_for(lambda: not any(alive(p) for p in processes), 10, "the killed worker's processes to end with it")
    qa.worker().wait_ready()
    wait_for(lambda: _all_done(qa), 180, "every document done by the second worker")
    _assert_published_once(qa, docs)  # attempts 1 each: the killed attempt stored nothing
    assert {t.id: t.deliveries for t in qa.tasks() if t.id in in_hand} == {i: 2 for i in in_hand}  # delivered again


@pytest.mark.parametrize("queue_archive", ["amqp-postgresql", "redis-sqlite"], indirect=True)
def test_connection_closed_by_the_broker_loses_nothing(queue_archive: QueueArchive, tmp_path: Path) -> None:
    qa = queue_archive
    docs = make_documents(tmp_path / "in", texts=6)
    # At least a second per document: on a fast machine the batch could otherwise end before the close lands.
    worker = qa.worker(RULINGS_QUEUE_FAULT="slow:1").wait_ready()
    enqueue_batch(docs, qa.settings, qa.database.factory)
    _wait_mid_batch(qa)
    assert close_from_broker(qa, worker.pid) >= 1
    assert not _all_done(qa), "the batch was over before the connection was closed"
    wait_for(lambda: _all_done(qa), 180, "every document done after the reconnection")
    assert worker.proc.poll() is None, "the worker must reconnect, not exit"
    _assert_published_once(qa, docs)


@pytest.mark.parametrize("queue_archive", ["amqp-sqlite"], indirect=True)
def test_a_document_that_kills_its_worker_ends_failed(queue_archive: QueueArchive, tmp_path: Path) -> None:
    qa = queue_archive
    docs = make_documents(tmp_path / "in", texts=3, xml=False)
    poison, crasher, good = docs
    faults = {"RULINGS_QUEUE_FAULT": f"worker:{sha256(poison)[:16]},process:{sha256(crasher)[:16]}",
              "RULINGS_QUEUE_MAX_DELIVERIES": "1"}
    enqueue_batch(docs, qa.settings, qa.database.factory)
    starts = 0
    while not _all_done(qa):  # an operator's supervisor restarts a dead worker; the document must not loop
        if not any(w.proc.poll() is None for w in qa.workers):
            starts += 1
            assert starts <= 2, "the poison document was delivered more than RULINGS_QUEUE_MAX_DELIVERIES + 1 times"
            qa.worker(**faults).wait_ready(may_die_after=True)
        wait_for(lambda: _all_done(qa) or all(w.proc.poll() is not None for w in qa.workers), 120,
                 "the batch, or the worker's death")
    by_sha = {t.sha256: t for t in qa.tasks()}
    lost = by_sha[sha256(poison)]
    assert lost.deliveries == 2 and lost.outcome and lost.outcome["error_code"] == "worker_lost"
    crashed = by_sha[sha256(crasher)]
    assert crashed.deliveries == 1 and crashed.outcome and crashed.outcome["error_code"] == "resource_limit"
    assert by_sha[sha256(good)].outcome["status"] == "published"  # type: ignore[index]
    assert starts == 2
    status = _invoke("status", "--json")
    failed = {d["sha256"]: d for d in json.loads(status.stdout)["failed_documents"]}
    assert failed[sha256(poison)]["error_code"] == "worker_lost" and failed[sha256(poison)]["attempts"] == 1
    assert failed[sha256(crasher)]["error_code"] == "resource_limit"


@pytest.mark.parametrize("queue_archive", ["amqp-sqlite"], indirect=True)
def test_sigterm_is_a_warm_shutdown_and_leaves_no_process(queue_archive: QueueArchive, tmp_path: Path) -> None:
    qa = queue_archive
    docs = make_documents(tmp_path / "in", texts=4)
    worker = qa.worker().wait_ready()
    processes = worker.children()
    enqueue_batch(docs, qa.settings, qa.database.factory)
    wait_for(lambda: qa.count(QueueTask, QueueTask.status == "running") >= 1, 120, "a document in hand")
    worker.proc.send_signal(signal.SIGTERM)
    assert worker.proc.wait(timeout=120) == 0
    assert "Warm shutdown" in worker.output()
    assert not any(alive(p) for p in processes)
    tasks = qa.tasks()
    assert not [t for t in tasks if t.status == "running"]  # the one in hand was finished, not abandoned
    assert [t for t in tasks if t.status == "queued"], "the rest stays queued for other workers"
    qa.worker().wait_ready()
    wait_for(lambda: _all_done(qa), 180, "the rest done by the next worker")
    _assert_published_once(qa, docs)


@pytest.mark.parametrize("queue_archive", ["redis-sqlite"], indirect=True)
def test_harvest_hands_its_downloads_to_the_queue(queue_archive: QueueArchive, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:
    from datetime import UTC, datetime

    from tests.harvest.conftest import FAST
    from tests.harvest.servers import SAMPLES, FakeRechtspraak, rechtspraak_docs, serve

    qa = queue_archive
    worker = qa.worker()
    docs = rechtspraak_docs([SAMPLES / "ECLI.NL.CBB.2000.AU1263.xml", SAMPLES / "ECLI.NL.PHR.1997.AA2097.xml"],
                            datetime(2026, 2, 1, 8, 0, tzinfo=UTC))
    with serve(FakeRechtspraak(docs)) as url:
        for key, value in {**FAST, "rechtspraak_url": url}.items():
            monkeypatch.setenv(f"RULINGS_{key.upper()}", str(value))
        worker.wait_ready()
        result = _invoke("harvest", "rechtspraak", "--queue", "--wait", "--json")
    assert result.exit_code == 0, result.output
    outcomes = [json.loads(line) for line in result.stdout.splitlines()[1:] if line.startswith("{")]
    assert sorted(o["status"] for o in outcomes) == ["published", "published"]
    assert [t.outcome["status"] for t in qa.tasks() if t.outcome] == ["published", "published"]  # by the worker
