"""A document that failed stays failed until it succeeds; inputs that are not regular files never hang a batch.

The model is not loaded (the workers' warm-up is a no-op): every document here fails before anonymisation, which
is what these tests are about. Real worker processes, a real database (SQLite and PostgreSQL).
"""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

import pytest

from archive.db import Database, session_scope
from archive.settings import Settings
from archive.store import failed_documents, find_document
from ingest import pipeline
from ingest.input_files import iter_input_files
from ingest.pipeline import DocumentOutcome, run_batch

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline._Task, "warm_up", lambda self: None)


def _broken(tmp_path: Path, name: str = "broken.pdf", data: bytes = b"%PDF-1.4 truncated") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _one(paths: list[Path], settings: Settings, database: Database, **kw: object) -> DocumentOutcome:
    [outcome] = run_batch(paths, settings, database.factory, **kw)  # type: ignore[arg-type]
    return outcome


def test_rerun_retries_a_failed_document_and_reports_its_error(tmp_path: Path, test_settings: Settings,
                                                                database: Database) -> None:
    bad = _broken(tmp_path)
    first = _one([bad], test_settings, database)
    assert first.status == "failed" and first.error_code == "corrupt_document" and first.attempts == 1
    again = _one([bad], test_settings, database)  # was: "skipped", no error
    assert again.status == "failed" and again.retried and again.attempts == 2
    assert again.error == first.error and again.error_code == "corrupt_document"


def _crash_on(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.process_file

    def crashing(path: Path, settings: Settings, *args, **kwargs):  # type: ignore[no-untyped-def]
        if path.name == name:
            os.kill(os.getpid(), signal.SIGKILL)  # the worker dies as a segfaulting C library would
        return real(path, settings, *args, **kwargs)

    monkeypatch.setattr(pipeline, "process_file", crashing)


def test_a_crash_counts_as_an_attempt_and_is_retried(tmp_path: Path, test_settings: Settings, database: Database,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _crash_on("crash.pdf", monkeypatch)
    doc = _broken(tmp_path, "crash.pdf", b"%PDF-1.4 anything")
    first = _one([doc], test_settings, database)
    assert first.status == "failed" and first.error_code == "resource_limit" and first.attempts == 1
    again = _one([doc], test_settings, database)  # was: never retried without --force
    assert again.status == "failed" and again.retried and again.attempts == 2


def test_after_max_retries_it_stays_failed_without_processing(tmp_path: Path, test_settings: Settings,
                                                                database: Database) -> None:
    bad = _broken(tmp_path)
    outcomes = [_one([bad], test_settings, database, max_retries=1) for _ in range(4)]
    assert [o.attempts for o in outcomes] == [1, 2, 2, 2]  # one retry, then no more processing
    assert [o.retried for o in outcomes] == [False, True, False, False]
    assert all(o.status == "failed" and o.error_code == "corrupt_document" and o.error for o in outcomes)
    forced = _one([bad], test_settings, database, max_retries=1, force=True)
    assert forced.status == "failed" and forced.attempts == 3


def test_failed_documents_are_listed_without_file_names(tmp_path: Path, test_settings: Settings,
                                                        database: Database) -> None:
    bad = _broken(tmp_path, "uitspraak-Pietersen.pdf")
    sha = _one([bad], test_settings, database).sha256
    with session_scope(database.factory) as session:
        [listed] = failed_documents(session)
        stored = find_document(session, str(sha))
        assert stored is not None and listed.id == stored.id
    assert listed.sha256 == sha and listed.error_code == "corrupt_document" and listed.attempts == 1
    assert "Pietersen" not in repr(listed)


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.mark.timeout(20)  # today's code blocks forever on the FIFO and reads /dev/zero without end
def test_fifo_and_device_are_refused_before_opening(tmp_path: Path, test_settings: Settings,
                                                    database: Database) -> None:
    fifo = _fifo(tmp_path / "pipe.pdf")
    folder = tmp_path / "folder"
    folder.mkdir()
    _fifo(folder / "inner.xml")
    outcomes = run_batch([fifo, Path("/dev/zero"), folder], test_settings, database.factory)
    by_name = {Path(o.path).name: o for o in outcomes}
    assert set(by_name) == {"pipe.pdf", "zero", "inner.xml"}
    assert all(o.status == "failed" and o.error_code == "not_regular_file" for o in outcomes)
    assert "FIFO" in str(by_name["pipe.pdf"].error) and "character device" in str(by_name["zero"].error)


def test_symlink_loops_and_dangling_links_are_reported(tmp_path: Path, test_settings: Settings,
                                                       database: Database) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.pdf").symlink_to(folder / "b.pdf")
    (folder / "b.pdf").symlink_to(folder / "a.pdf")
    (folder / "loop").symlink_to(folder / "loop")  # no suffix: still reported, it might have named a PDF
    (folder / "gone.xml").symlink_to(tmp_path / "missing.xml")
    (folder / "notes.md").write_text("not an input")  # unsupported suffix: not an input, silently not taken
    assert [p.name for p in iter_input_files([folder])] == ["a.pdf", "b.pdf", "gone.xml", "loop"]
    outcomes = run_batch([folder], test_settings, database.factory)
    by_name = {Path(o.path).name: o for o in outcomes}
    assert all(o.status == "failed" and o.error_code == "unreadable" for o in outcomes)
    assert "symlink loop" in str(by_name["loop"].error) and "dangling" in str(by_name["gone.xml"].error)


def test_an_unlistable_folder_is_reported(tmp_path: Path, test_settings: Settings, database: Database,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "in" / "locked"
    locked.mkdir(parents=True)
    locked.chmod(0)
    if os.geteuid() == 0:  # root lists any folder: the refusal a user would get is simulated for this one path
        real_scandir, real_listdir = os.scandir, os.listdir

        def refuse(real):  # type: ignore[no-untyped-def]
            def call(path=".", *args):  # type: ignore[no-untyped-def]
                if Path(os.fsdecode(path)) == locked:
                    raise PermissionError(13, "Permission denied", os.fsdecode(path))
                return real(path, *args)
            return call

        monkeypatch.setattr(os, "scandir", refuse(real_scandir))
        monkeypatch.setattr(os, "listdir", refuse(real_listdir))
    try:
        [outcome] = run_batch([tmp_path / "in"], test_settings, database.factory)
        assert outcome.status == "failed" and "cannot list folder" in str(outcome.error)
    finally:
        locked.chmod(stat.S_IRWXU)
