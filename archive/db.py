"""Engine and session handling, and schema migration via Alembic."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from archive.settings import Settings

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
log = logging.getLogger(__name__)

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def _private_data_dir(settings: Settings) -> None:
    """The data folder (database, private originals, Meilisearch key) readable by its owner only."""
    if settings.data_dir.is_dir():
        try:
            os.chmod(settings.data_dir, PRIVATE_DIR_MODE)
        except PermissionError:  # another user's folder: leave it, the operator chose it
            log.warning("data folder not owned by this user; its mode was left as it is")


def _private_sqlite_files(settings: Settings, database: str | None) -> None:
    """The data folder 0700 and the SQLite database 0600, whatever the umask: they hold every ruling's text.

    SQLite gives the ``-wal`` and ``-shm`` files the mode of the database file, so creating the database file 0600
    before SQLite opens it covers them too; existing ones (from before this rule) are tightened here as well.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    _private_data_dir(settings)
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Create it only: opening and closing an *existing* database file would release every POSIX lock this
        # process holds on it (locks belong to the process and the inode), so another engine's connections would
        # lose their shared lock and another process could checkpoint and remove the WAL under them.
        with suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists():
            os.chmod(file, PRIVATE_FILE_MODE)


def make_engine(settings: Settings) -> Engine:
    url = settings.db_url
    if url.startswith("sqlite"):
        _private_sqlite_files(settings, make_url(url).database)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    _private_data_dir(settings)
    return create_engine(url, pool_pre_ping=True)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@dataclass
class Database:
    engine: Engine
    factory: sessionmaker[Session]


def open_database(settings: Settings, *, migrate_schema: bool = True) -> Database:
    """Engine + session factory; migrates the schema to the newest revision first (idempotent, fast)."""
    engine = make_engine(settings)
    if migrate_schema:
        migrate(engine)
    return Database(engine, make_sessionmaker(engine))


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A transaction: commit on success, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(engine_url: str):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", engine_url.replace("%", "%%"))
    return cfg


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration (idempotent)."""
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")  # feature branches of the schema may each start from a shared revision
