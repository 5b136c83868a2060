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
