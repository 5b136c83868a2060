"""The queue's parts without worker processes: the blob stores, the index-sync lock, the CLI's refusals."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.queue.blobs import DatabaseBlobs, FolderBlobs, release
from app.queue.locks import index_sync_lock
from archive.db import Database, session_scope
from archive.models import QueueBlob, QueueTask
from archive.settings import Settings, get_settings


def test_folder_blobs_are_private_atomic_and_content_addressed(tmp_path: Path) -> None:
    blobs = FolderBlobs(tmp_path / "blobs")
    sha = "ab" + "0" * 62
    blobs.put(sha, b"original bytes")
    blobs.put(sha, b"ignored: the same address is never rewritten")
    assert blobs.get(sha) == b"original bytes"
    stored = tmp_path / "blobs" / "ab" / sha
    assert stored.stat().st_mode & 0o077 == 0
    assert not [p for p in stored.parent.iterdir() if p.name.startswith(".incoming-")]
    assert blobs.get("cd" + "0" * 62) is None


def test_database_blob_is_released_only_when_no_task_needs_it(test_settings: Settings, database: Database) -> None:
    blobs = DatabaseBlobs(database.factory)
    sha = "ef" + "1" * 62
    blobs.put(sha, b"bytes")
    blobs.put(sha, b"bytes")  # a second enqueuer of the same file
    with session_scope(database.factory) as s:
        s.add_all([QueueTask(id="t1", batch_id="b", position=0, sha256=sha, status="done", deliveries=1),
                   QueueTask(id="t2", batch_id="b", position=1, sha256=sha, status="queued", deliveries=0)])
    with session_scope(database.factory) as s:
        release(blobs, s, sha)
    assert blobs.get(sha) == b"bytes"  # t2 still needs it
    with session_scope(database.factory) as s:
        s.get(QueueTask, "t2").status = "done"  # type: ignore[union-attr]
        s.flush()
        release(blobs, s, sha)
    assert blobs.get(sha) is None
    with session_scope(database.factory) as s:
        assert s.get(QueueBlob, sha) is None


def test_the_index_sync_lock_is_held_by_one_at_a_time(test_settings: Settings, database: Database) -> None:
    with index_sync_lock(database, test_settings, blocking=False) as first:
        assert first
        result: list[bool] = []

        def other() -> None:  # another holder (its own connection or file descriptor) does not get it
            with index_sync_lock(database, test_settings, blocking=False) as got:
                result.append(got)

        t = threading.Thread(target=other)
        t.start()
        t.join()
        assert result == [False]
    with index_sync_lock(database, test_settings, blocking=False) as again:
        assert again  # released on exit


def test_queue_options_without_a_broker_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import main

    doc = tmp_path / "a.txt"
    doc.write_text("tekst")
    monkeypatch.setenv("RULINGS_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("RULINGS_BROKER_URL", raising=False)
    get_settings.cache_clear()
    try:
        for args in (["ingest", "--queue", "--no-index", str(doc)], ["worker"]):
            monkeypatch.setattr("sys.argv", ["rulings", *args])
            with pytest.raises(SystemExit) as exit_info:
                main()
            assert exit_info.value.code == 2
        result = CliRunner().invoke(cli, ["ingest", "--wait", str(doc)])
        assert result.exit_code == 2 and "--wait goes with --queue" in result.output
    finally:
        get_settings.cache_clear()


def test_an_index_sync_that_fails_stays_visible_until_one_succeeds(test_settings: Settings, database: Database,
                                                                    meili_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The sync a worker runs (after a batch, on the schedule) is recorded like every scheduled job: a failure shows in
    `rulings status` with its code until a later sync succeeds; a sync while another holds the lock is skipped."""
    from app.queue.jobs import index_sync_job, job_status, run_job
    from app.queue.locks import INDEX_SYNC
    from search_index.managed import free_port

    def sync(settings: Settings) -> str:
        return run_job(database, settings, "index-sync", INDEX_SYNC, lambda: index_sync_job(settings, database))

    def line() -> dict:  # type: ignore[type-arg]
        with session_scope(database.factory) as s:
            return dict(job_status(s)["index-sync"])

    base = test_settings.model_dump()
    no_meili = Settings(**{**base, "meili_url": f"http://127.0.0.1:{free_port()}", "meili_key": "k"})
    assert sync(no_meili) == "failed"
    first = line()
    assert first["state"] == "failed" and first["failures"] == 1 and first["error_code"] == "search_unavailable"
    managed = Settings(**{**base, "meili_url": None})
    assert sync(managed) == "failed"  # a worker without RULINGS_MEILI_URL: a configuration error, shown, not hidden
    assert line()["error_code"] == "configuration_error" and line()["failures"] == 2
    good = Settings(**{**base, "meili_url": meili_server.url, "meili_key": meili_server.key,
                       "index_name": f"t_{tmp_path.name[-12:].lower().replace('-', '_')}"})
    with index_sync_lock(database, good, blocking=False) as held:
        assert held and sync(good) == "skipped"  # another sync runs: nothing recorded as failed or ok
    assert line()["state"] == "failed" and line()["skipped"] == 1
    assert sync(good) == "ok"
    done = line()
    assert done["state"] == "ok" and done["failures"] == 0 and done["summary"] == {"upserted": 0, "deleted": 0}
