"""Backups that restore: a consistent copy of the database, the private originals and (extra) a Meilisearch dump,
with a manifest whose checksums are verified before anything is restored.

Layout of a backup folder::

    manifest.json              written last: a folder without it is an incomplete backup and is refused
    database.sqlite3           SQLite online backup API (a consistent copy while other processes write)
    database.sql               or: pg_dump (plain SQL) for PostgreSQL, restored with psql
    private/<sha256>.txt       the un-anonymised originals (DATA_DIR/private)
    harvest/<sha[:2]>/<sha256>.<xml|pdf>   harvested files the archive still needs (DATA_DIR/harvest, see below)
    meilisearch/<uid>.dump     a Meilisearch dump (optional; the restore does not need it)

The harvest state (the high-water marks and the items, tables ``harvest_marks`` and ``harvest_items``) is in the
database. Of the downloaded files, a backup holds those whose documents are not published: stored but not yet
ingested (``--no-ingest``, an interrupted or queued run) or failed or quarantined in the pipeline. Those are
needed: the marks have moved past them, so no later harvest downloads them again, and without the file the next
run would skip them silently. A published document's file is not needed to restore the archive (its ruling is in
the database, its original text in ``private/``) and the source still has it; ``harvest_files="all"`` takes those
too, for an operator who wants to re-process (a new pipeline version) without downloading again.

Restoring rebuilds the search index from the restored database instead of importing the dump: the index is a
throwaway copy of the database (docs/architecture.md). A rebuild works for a managed and an external Meilisearch
alike, needs no compatible Meilisearch version and no empty Meilisearch data folder (``--import-dump`` needs both),
touches no other index on a shared server (a dump holds them all) and leaves the database's index stamps exactly
matching the index. The dump is kept for whoever wants Meilisearch's own state (tasks, keys) back.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import create_engine, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from app.bulk import sha256_file
from archive.db import session_scope
from archive.errors import ConfigurationError, RulingsError
from archive.models import Document, HarvestItem, Ruling
from archive.settings import Settings
from archive.store import counts

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FORMAT = 1
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.sql"
PRIVATE = "private"
HARVEST = "harvest"  # DATA_DIR/harvest, the layout of ingest.harvest.blobs
HARVEST_SCOPES = ("needed", "all")
_HARVEST_NAME = re.compile(r"[0-9a-f]{64}\.[a-z0-9]{1,9}")
MEILI = "meilisearch"


class BackupError(RulingsError):
    """A backup that cannot be written, or one that is incomplete, corrupted or does not fit the target."""

    code = "backup_error"


@dataclass
class BackupReport:
    directory: Path
    manifest: dict[str, Any]
    seconds: float
    size: int
    notes: list[str] = field(default_factory=list)


@dataclass
class RestoreReport:
    counts: dict[str, int]
    indexed: int
    seconds: float
    notes: list[str] = field(default_factory=list)


# Helpers ------------------------------------------------------------------------------------------------------


def _is_sqlite(settings: Settings) -> bool:
    return settings.db_url.startswith("sqlite")


def _sqlite_path(settings: Settings) -> Path:
    database = make_url(settings.db_url).database
    if not database or database == ":memory:":
        raise ConfigurationError("an in-memory SQLite database cannot be backed up or restored")
    return Path(database)


def _libpq_url(settings: Settings) -> str:
    """The database URL as pg_dump/psql understand it: no SQLAlchemy driver suffix, no SQLAlchemy-only parameters."""
    url = make_url(settings.db_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def _schema_of(url: str) -> str:
    """The schema the application uses: the first entry of a ``search_path`` in the URL's options, else public."""
    for key, value in parse_qsl(urlsplit(url).query):
        if key == "options":
            match = re.search(r"search_path\s*=\s*([A-Za-z0-9_]+)", value)
            if match:
                return match.group(1)
    return "public"


def _private_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file()) if directory.is_dir() else []


def _harvest_files(url: str, data_dir: Path, scope: str) -> tuple[list[Path], int]:
    """The harvested files a backup takes (see the module's description), from the database copy's items; and how
    many of them are not on disk."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            query = select(HarvestItem.sha256, HarvestItem.suffix).where(HarvestItem.sha256.is_not(None)).distinct()
            if scope == "needed":
                query = query.where(HarvestItem.sha256.not_in(
                    select(Document.sha256).where(Document.status == "published")))
            rows = conn.execute(query).all()
    finally:
        engine.dispose()
    paths = sorted({data_dir / HARVEST / sha[:2] / f"{sha}{suffix}" for sha, suffix in rows
                    if sha and _HARVEST_NAME.fullmatch(f"{sha}{suffix}")})
    present = [p for p in paths if p.is_file()]
    return present, len(paths) - len(present)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise ConfigurationError(f"{name} is not installed; it is needed to back up or restore PostgreSQL "
                                 "(install the PostgreSQL client of the server's major version)")
    return found


def _major(version: str) -> int:
    match = re.search(r"(\d+)", version)
    return int(match.group(1)) if match else 0


def _run(args: list[str], what: str) -> str:
    """Run a client tool; its error output (never ruling text: schema statements and connection messages) is
    shown on failure."""
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        raise BackupError(f"{what} failed (exit {proc.returncode}): {tail}")
    return proc.stdout


# Backup -------------------------------------------------------------------------------------------------------


def _backup_sqlite(settings: Settings, target: Path) -> dict[str, Any]:
    source = _sqlite_path(settings)
    if not source.exists():
        raise BackupError(f"no database at {source}")
    dest = target / SQLITE_FILE
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)  # the online backup API: one consistent snapshot, while writers carry on
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no WAL beside it
        finally:
            dst.close()
    finally:
        src.close()
    dest.chmod(0o600)
    return {"kind": "sqlite", "file": SQLITE_FILE, "sqlite_version": sqlite3.sqlite_version}


def _server_version(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(text("SHOW server_version")).scalar())
    finally:
        engine.dispose()


def _backup_postgresql(settings: Settings, target: Path, notes: list[str]) -> dict[str, Any]:
    pg_dump = _tool("pg_dump")
    url = _libpq_url(settings)
    client = _run([pg_dump, "--version"], "pg_dump --version").strip()
    server = _server_version(settings.db_url)
    if _major(client) != _major(server):
        notes.append(f"pg_dump is version {_major(client)}, the server {_major(server)}: pg_dump refuses a newer "
                     "server; restore with a client at least as new as the server")
    schema = _schema_of(url)
    dest = target / PG_FILE
    args = [pg_dump, "--no-owner", "--no-privileges", "--format=plain", "--file", str(dest)]
    if schema != "public":  # dump only this installation's schema (-n public would add CREATE SCHEMA public)
        args += ["--schema", schema]
    _run([*args, url], "pg_dump")
    dest.chmod(0o600)
    return {"kind": "postgresql", "file": PG_FILE, "schema": schema, "server_version": server,
            "pg_dump_version": client}


def _meili_dump(settings: Settings, target: Path, dump_dir: Path | None) -> dict[str, Any]:
    """Ask Meilisearch for a dump, wait for it, and copy the file here (moved out of the managed server's folder)."""
    from app.runtime import meili_key, meilisearch_running
    from search_index.client import MeiliClient

    source_dir = dump_dir or (settings.meili_data_dir / "dumps" if settings.managed_meili else None)
    if source_dir is None:
        return {"included": False, "reason": "external Meilisearch: its dump folder is not known (--meili-dump-dir)"}
    with meilisearch_running(settings):
        client = MeiliClient(settings.effective_meili_url(), meili_key(settings))
        version = client.version()
        with client.translated():
            info = client.raw.create_dump()
        done = client.wait(info)
    uid = (done.details or {}).get("dumpUid")
    source = source_dir / f"{uid}.dump"
    if not uid or not source.exists():
        raise BackupError(f"Meilisearch made dump {uid!r} but it is not in {source_dir}")
    (target / MEILI).mkdir(mode=0o700)
    dest = target / MEILI / source.name
    if settings.managed_meili and dump_dir is None:
        shutil.move(source, dest)  # our own server's folder: do not let dumps pile up there
    else:
        shutil.copyfile(source, dest)
    dest.chmod(0o600)
    return {"included": True, "file": f"{MEILI}/{source.name}", "meilisearch_version": version}


def _schema_revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            heads: list[str] = sorted(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
            return ",".join(heads) or None  # one row per head: schema features may branch from one revision
    except Exception:  # noqa: BLE001 - a version is informative, not required
        return None
    finally:
        engine.dispose()


def create_backup(settings: Settings, target: Path, *, meili_dump: bool = True,
                  meili_dump_dir: Path | None = None, harvest_files: str = "needed") -> BackupReport:
    """Write a backup of the archive into ``target`` (a new or empty folder). The manifest is written last.
    ``harvest_files``: ``needed`` (the harvested files of documents not published) or ``all``."""
    from app.service import APP_VERSION

    if harvest_files not in HARVEST_SCOPES:
        raise ValueError(f"harvest_files must be one of {', '.join(HARVEST_SCOPES)}")

    started = time.monotonic()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(f"{target} is not an empty folder; a backup goes into a new or empty one")
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    target.chmod(0o700)
    notes: list[str] = []

    if _is_sqlite(settings):
        db_info = _backup_sqlite(settings, target)
        copy_url = f"sqlite:///{target / SQLITE_FILE}"  # count what the copy holds, not what the live one does now
    else:
        db_info = _backup_postgresql(settings, target, notes)
        copy_url = settings.db_url  # writes after pg_dump's snapshot would show here: stop writers while backing up
    db_info["schema_revision"] = _schema_revision(copy_url)
    engine = create_engine(copy_url)
    try:
        with session_scope(sessionmaker(engine)) as session:
            before = counts(session)
    finally:
        engine.dispose()

    (target / PRIVATE).mkdir(mode=0o700)
    for path in _private_files(settings.private_dir):
        dest = target / PRIVATE / path.name
        shutil.copyfile(path, dest)
        dest.chmod(0o600)

    harvested, missing = _harvest_files(copy_url, settings.data_dir, harvest_files)
    for path in harvested:
        dest = target / HARVEST / path.parent.name / path.name
        dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        dest.chmod(0o600)
    harvest = {"scope": harvest_files, "files": len(harvested), "missing": missing}
    if missing:
        notes.append(f"{missing} harvested files of documents not published are not in {settings.data_dir / HARVEST} "
                     "(deleted?): restored, the archive cannot ingest them; a harvest with --since before their "
                     "date downloads them again")

    meili: dict[str, Any] = {"included": False, "reason": "not asked (--no-meili-dump)"}
    if meili_dump:
        meili = _meili_dump(settings, target, meili_dump_dir)
        if not meili["included"]:
            notes.append(f"no Meilisearch dump: {meili['reason']}")

    files: dict[str, dict[str, Any]] = {}
    for path in sorted(p for p in target.rglob("*") if p.is_file()):
        files[path.relative_to(target).as_posix()] = {"sha256": sha256_file(path), "size": path.stat().st_size}
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": {"app": APP_VERSION, "schema": db_info.get("schema_revision")},
        "database": db_info,
        "meilisearch": meili,
        "harvest": harvest,
        "index_name": settings.index_name,
        "counts": before,
        "files": files,
        "restore_index": "rebuild from the database",
    }
    path = target / MANIFEST
    tmp = target / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.chmod(0o600)
    os.replace(tmp, path)
    size = sum(int(f["size"]) for f in files.values()) + path.stat().st_size
    log.info("backup written to %s: %d files, %d bytes", target, len(files) + 1, size)
    return BackupReport(target, manifest, time.monotonic() - started, size, notes)


# Restore ------------------------------------------------------------------------------------------------------


def verify_backup(source: Path) -> dict[str, Any]:
    """The manifest of a complete, untampered backup; raises :class:`BackupError` naming what is wrong."""
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} holds no {MANIFEST}: not a backup, or an incomplete one")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        files: dict[str, dict[str, Any]] = manifest["files"]
        kind = manifest["database"]["kind"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{path} is not a valid backup manifest ({type(exc).__name__})") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')!r} is not supported (expected {FORMAT})")
    if kind not in ("sqlite", "postgresql") or manifest["database"].get("file") not in files:
        raise BackupError("the manifest names no database file")
    problems = []
    for name, meta in files.items():
        file = (source / name).resolve()
        if source.resolve() not in file.parents:
            problems.append(f"{name}: outside the backup")
        elif not file.is_file():
            problems.append(f"{name}: missing")
        elif file.stat().st_size != meta.get("size") or sha256_file(file) != meta.get("sha256"):
            problems.append(f"{name}: checksum mismatch")
    if problems:
        raise BackupError("the backup is corrupted or was changed; nothing restored: " + "; ".join(problems),
                          detail={"problems": problems})
    return manifest


def _restore_sqlite(settings: Settings, source: Path, manifest: dict[str, Any], force: bool) -> None:
    dest = _sqlite_path(settings)
    siblings = [dest, dest.with_name(dest.name + "-wal"), dest.with_name(dest.name + "-shm")]
    if any(p.exists() for p in siblings):
        if not force:
            raise BackupError(f"a database exists at {dest}; restore into an empty place or use --force")
        for p in siblings:
            p.unlink(missing_ok=True)
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = dest.with_name(dest.name + ".restoring")
    shutil.copyfile(source / manifest["database"]["file"], tmp)
    tmp.chmod(0o600)
    os.replace(tmp, dest)


def _restore_postgresql(settings: Settings, source: Path, manifest: dict[str, Any], force: bool) -> None:
    psql = _tool("psql")
    url = _libpq_url(settings)
    schema = manifest["database"].get("schema", "public")
    if _schema_of(url) != schema:
        raise BackupError(f"the backup holds schema {schema!r}, the configured database uses {_schema_of(url)!r}")
    # Connect without the search_path option: the schema may not exist yet.
    parts = urlsplit(url)
    plain = urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in parse_qsl(parts.query)
                                                       if k != "options"])))
    engine = create_engine(make_url(plain).set(drivername="postgresql+psycopg"))
    try:
        with engine.begin() as conn:
            tables = conn.execute(text("SELECT count(*) FROM information_schema.tables WHERE table_schema = :s"),
                                  {"s": schema}).scalar()
            if tables:
                if not force:
                    raise BackupError(f"schema {schema!r} of the database already holds {tables} tables; restore "
                                      "into an empty database or use --force (which drops them)")
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                if schema == "public":
                    conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    client = _run([psql, "--version"], "psql --version").strip()
    server = manifest["database"].get("server_version", "")
    if server and _major(client) < _major(server):
        log.warning("psql %s is older than the server the backup came from (%s)", client, server)
    _run([psql, "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "--single-transaction",
          "--file", str(source / manifest["database"]["file"]), plain], "psql restore")


def restore_backup(settings: Settings, source: Path, *, force: bool = False) -> RestoreReport:
    """Restore a verified backup into the configured data folder and database, then rebuild the search index.

    Refuses a non-empty data folder (and an existing database) unless ``force``; refuses a backup whose files do not
    match its manifest before touching anything."""
    from app.indexing import rebuild_index, sync_index
    from app.runtime import runtime

    started = time.monotonic()
    manifest = verify_backup(source)
    kind = manifest["database"]["kind"]
    target_kind = "sqlite" if _is_sqlite(settings) else "postgresql"
    if kind != target_kind:
        raise BackupError(f"the backup holds a {kind} database but the configuration uses {target_kind}; "
                          "restore into the same kind of database")
    data_dir = settings.data_dir
    if data_dir.exists() and any(data_dir.iterdir()) and not force:
        raise BackupError(f"the data folder {data_dir} is not empty; restore into an empty one or use --force")
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)

    if kind == "sqlite":
        _restore_sqlite(settings, source, manifest, force)
    else:
        _restore_postgresql(settings, source, manifest, force)

    private = settings.private_dir
    if force and private.exists():
        shutil.rmtree(private)
    private.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in _private_files(source / PRIVATE):
        dest = private / path.name
        shutil.copyfile(path, dest)
        dest.chmod(0o600)

    # Harvested files: added to whatever the folder holds (content-addressed, so a file of the same name is the
    # same bytes); only names of the blob layout, as the manifest lists them.
    for name in manifest["files"]:
        parts = name.split("/")
        if parts[0] != HARVEST or len(parts) != 3 or not _HARVEST_NAME.fullmatch(parts[2]) \
                or parts[1] != parts[2][:2]:
            continue
        dest = settings.data_dir / HARVEST / parts[1] / parts[2]
        for folder in (dest.parent.parent, dest.parent):
            folder.mkdir(mode=0o700, exist_ok=True)
            folder.chmod(0o700)
        tmp = dest.with_name(".restoring-" + parts[2])
        shutil.copyfile(source / name, tmp)
        tmp.chmod(0o600)
        os.replace(tmp, dest)

    notes: list[str] = []
    with runtime(settings) as rt:  # opening migrates a backup of an older schema to the newest one
        with session_scope(rt.database.factory) as session:
            restored = counts(session)
            # No restored row claims to be indexed: should the rebuild below fail, the next sync (`rulings serve`,
            # `ingest`) indexes everything, instead of trusting stamps that describe the source's index.
            session.execute(update(Ruling).values(indexed_hash=None))
        if restored != manifest["counts"]:
            raise BackupError(f"the restored database counts {restored}, the manifest {manifest['counts']}")
        try:
            with rt.search() as index:
                indexed = rebuild_index(rt.database.factory, index)
                sync_index(rt.database.factory, index)
        except RulingsError as exc:
            raise type(exc)(f"database and originals restored, but the search index was not built ({exc.message}); "
                            "run `rulings reindex`", detail=exc.detail) from exc
    if manifest.get("meilisearch", {}).get("included"):
        notes.append(f"index rebuilt from the database; the Meilisearch dump {manifest['meilisearch']['file']} "
                     "was not needed")
    return RestoreReport(restored, indexed, time.monotonic() - started, notes)
