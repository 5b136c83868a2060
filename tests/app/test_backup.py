"""`rulings backup` and `rulings restore`: a backup restored into an empty data folder answers the same searches,
a tampered backup is refused, and so is a non-empty data folder."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from app.backup import MANIFEST, BackupError
from app.cli import cli
from archive.settings import Settings, get_settings
from tests.fixtures.archive import SAMPLES, Archive
from tests.fixtures.db import PG_URL, _pg_url

pytestmark = pytest.mark.integration

QUERIES = ["", "zorgverzekeraar", "tandarts", "beroep"]


def _env(settings: Settings) -> dict[str, str]:
    return {"RULINGS_DATA_DIR": str(settings.data_dir), "RULINGS_DATABASE_URL": settings.database_url or "",
            "RULINGS_MEILI_URL": settings.meili_url or "", "RULINGS_MEILI_KEY": settings.meili_key or "",
            "RULINGS_INDEX_NAME": settings.index_name, "RULINGS_WORKERS": "1"}


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``run(settings, *args)``: a `rulings` command with the environment of ``settings``."""

    def invoke(settings: Settings, *args: str, catch: bool = False):  # type: ignore[no-untyped-def]
        for k, v in _env(settings).items():
            monkeypatch.setenv(k, v)
        get_settings.cache_clear()
        return CliRunner().invoke(cli, list(args), catch_exceptions=catch)

    yield invoke
    get_settings.cache_clear()


@pytest.fixture
def fresh_database(archive: Archive, tmp_path: Path) -> Iterator[str]:
    """The URL of a database nobody has used: a new SQLite file, or a new PostgreSQL database (dropped after)."""
    url = archive.settings.database_url or ""
    if url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored' / 'rulings.sqlite3'}"
        return
    assert PG_URL
    name = f"restore_{uuid.uuid4().hex[:10]}"
    admin = create_engine(_pg_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, query = _pg_url(PG_URL).partition("?")
    yield base.rsplit("/", 1)[0] + f"/{name}" + url[url.index("?"):]  # the same search_path (schema) option
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def _answers(settings: Settings) -> dict[str, tuple[int, list[Any]]]:
    from app.main import create_app

    with TestClient(create_app(settings)) as client:
        out = {}
        for q in QUERIES:
            body = client.get("/api/v1/search", params={"q": q, "per_page": 50}).json()
            out[q] = (body["total"], [h["id"] for h in body["hits"]])
        return out


def test_backup_restores_into_an_empty_data_folder(run, archive: Archive, meili_server, fresh_database: str,
                                                   tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = archive.settings
    assert run(source, "ingest", str(SAMPLES)).exit_code == 0
    before = _answers(source)
    assert before[""][0] > 0
    status_before = json.loads(run(source, "status", "--json").stdout)

    backup_dir = tmp_path / "backup"
    made = run(source, "backup", str(backup_dir), "--json", "--meili-dump-dir", str(meili_server.data_dir / "dumps"))
    assert made.exit_code == 0, made.stderr
    manifest = json.loads(made.stdout)
    assert manifest["counts"] == status_before["database"]
    assert manifest["meilisearch"]["included"] and manifest["database"]["kind"] in ("sqlite", "postgresql")
    assert any(name.startswith("private/") for name in manifest["files"])
    assert (backup_dir / MANIFEST).stat().st_mode & 0o077 == 0

    # Another data folder, another database, another index: nothing is shared with the source but Meilisearch.
    target = source.model_copy(update={"data_dir": tmp_path / "restored", "database_url": fresh_database,
                                       "index_name": f"t_{uuid.uuid4().hex[:10]}"})
    restored = run(target, "restore", str(backup_dir))
    assert restored.exit_code == 0, restored.stderr
    assert _answers(target) == before
    status_after = json.loads(run(target, "status", "--json").stdout)
    assert status_after["database"] == status_before["database"]
    assert status_after["index"]["count_difference"] == 0 and status_after["index"]["stale_in_db"] == 0
    assert sorted(p.name for p in target.private_dir.iterdir()) == sorted(p.name for p in source.private_dir.iterdir())

    # A second restore into the now non-empty folder is refused.
    again = run(target, "restore", str(backup_dir), catch=True)
    assert isinstance(again.exception, BackupError) and "not empty" in again.exception.message
    # --force replaces what is there (database, originals) and gives the same archive again.
    forced = run(target, "restore", "--force", str(backup_dir))
    assert forced.exit_code == 0, forced.stderr
    assert _answers(target) == before


def test_a_tampered_backup_is_refused(run, archive: Archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = archive.settings
    assert run(source, "ingest", "--no-index", str(SAMPLES / "skgz_seed_002_202000821.pdf")).exit_code == 0
    backup_dir = tmp_path / "backup"
    assert run(source, "backup", str(backup_dir), "--no-meili-dump").exit_code == 0
    original = next((backup_dir / "private").iterdir())
    original.write_bytes(original.read_bytes() + b"x")

    target = source.model_copy(update={"data_dir": tmp_path / "restored",
                                       "database_url": f"sqlite:///{tmp_path / 'restored' / 'r.sqlite3'}"})
    result = run(target, "restore", str(backup_dir), catch=True)
    assert isinstance(result.exception, BackupError)
    assert "checksum mismatch" in result.exception.message and original.name in result.exception.message
    assert not target.data_dir.exists()  # nothing was restored

    (backup_dir / MANIFEST).unlink()
    result = run(target, "restore", str(backup_dir), catch=True)
    assert isinstance(result.exception, BackupError) and "incomplete" in result.exception.message


def test_a_restore_whose_index_cannot_be_built_leaves_it_to_the_next_sync(
        run, archive: Archive, fresh_database: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from archive.errors import SearchUnavailableError
    from search_index import free_port

    source = archive.settings
    assert run(source, "ingest", str(SAMPLES / "skgz_seed_002_202000821.pdf")).exit_code == 0
    backup_dir = tmp_path / "backup"
    assert run(source, "backup", str(backup_dir), "--no-meili-dump").exit_code == 0

    target = source.model_copy(update={"data_dir": tmp_path / "restored", "index_name": f"t_{uuid.uuid4().hex[:10]}",
                                       "database_url": fresh_database})
    down = target.model_copy(update={"meili_url": f"http://127.0.0.1:{free_port()}"})  # nothing listens there
    result = run(down, "restore", str(backup_dir), catch=True)
    assert isinstance(result.exception, SearchUnavailableError)
    assert "rulings reindex" in result.exception.message

    status = json.loads(run(target, "status", "--json").stdout)
    assert status["database"]["rulings_published"] == 1
    assert status["index"]["stale_in_db"] == 1  # the restored row is not taken for indexed: a sync adds it


def test_backup_keeps_the_harvested_files_the_archive_still_needs(run, archive: Archive,  # type: ignore[no-untyped-def]
                                                                  fresh_database: str, tmp_path: Path) -> None:
    """A harvested file whose document is not published (downloaded with --no-ingest, or failed in the pipeline) is
    in no other copy the archive can reach: the mark has moved past it. The backup holds it and the restore puts it
    back where the next harvest looks for it; a published document's file is left out unless asked for."""
    from app.backup import HARVEST
    from archive import harvest as state
    from archive.db import session_scope
    from ingest.harvest.blobs import blob_path, store_bytes

    source = archive.settings
    published_file = SAMPLES / "ECLI.NL.CBB.2000.AA7124.xml"
    assert run(source, "ingest", "--no-index", str(published_file)).exit_code == 0
    stored = {}
    for name in ("ECLI.NL.CBB.2000.AA7124.xml", "ECLI.NL.CBB.2000.AU1263.xml"):
        stored[name] = store_bytes(source, (SAMPLES / name).read_bytes(), ".xml")[0]
    gone = "ab" * 32  # an item whose file someone deleted
    with session_scope(archive.database.factory) as session:
        for name, sha in stored.items():
            state.record_stored(session, source="rechtspraak", key=name, url=f"https://example.org/{name}",
                                sha256=sha, suffix=".xml")
        state.record_stored(session, source="rechtspraak", key="weg", url="https://example.org/weg", sha256=gone,
                            suffix=".xml")
        state.set_mark(session, "rechtspraak", "2030-01-01T00:00:00Z")
    pending = stored["ECLI.NL.CBB.2000.AU1263.xml"]

    backup_dir = tmp_path / "backup"
    made = run(source, "backup", str(backup_dir), "--no-meili-dump", "--json")
    assert made.exit_code == 0, made.stderr
    manifest = json.loads(made.stdout)
    assert manifest["harvest"] == {"scope": "needed", "files": 1, "missing": 1}
    assert [n for n in manifest["files"] if n.startswith(f"{HARVEST}/")] == [f"{HARVEST}/{pending[:2]}/{pending}.xml"]
    assert "1 harvested files of documents not published are not in" in made.stderr
    every = run(source, "backup", str(tmp_path / "all"), "--no-meili-dump", "--harvest-files", "all", "--json")
    assert json.loads(every.stdout)["harvest"] == {"scope": "all", "files": 2, "missing": 1}

    target = source.model_copy(update={"data_dir": tmp_path / "restored", "database_url": fresh_database,
                                       "index_name": f"t_{uuid.uuid4().hex[:10]}"})
    restored = run(target, "restore", str(backup_dir))
    assert restored.exit_code == 0, restored.stderr
    path = blob_path(target, pending, ".xml")
    assert path.read_bytes() == (SAMPLES / "ECLI.NL.CBB.2000.AU1263.xml").read_bytes()
    assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o777 == 0o700
    assert not blob_path(target, stored["ECLI.NL.CBB.2000.AA7124.xml"], ".xml").exists()
    from archive.db import open_database

    db = open_database(target)
    try:
        with session_scope(db.factory) as session:
            assert state.get_mark(session, "rechtspraak") == "2030-01-01T00:00:00Z"  # the state is in the database
            waiting = [i.sha256 for i in state.not_ingested(session, "rechtspraak")
                       if blob_path(target, i.sha256 or "", i.suffix).is_file()]
        assert waiting == [pending]  # what the next harvest hands to ingestion
    finally:
        db.engine.dispose()
