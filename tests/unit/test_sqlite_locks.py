"""Opening the database a second time in one process must not drop the first engine's SQLite locks.

POSIX record locks belong to a process and an inode: closing *any* descriptor of the database file releases every
lock the process holds on it. SQLite keeps a shared lock on the database file while a WAL connection is open, and
the last process to close (the one that finds no other lock) checkpoints and removes the WAL. A second
``make_engine`` that opened and closed the existing file (to set its mode) dropped that lock, so another process
closing its connection took this one's WAL away and this process stopped seeing the other's writes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from archive.db import make_engine
from archive.settings import Settings

WRITER = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=30)
con.execute("PRAGMA journal_mode=WAL")
con.execute("INSERT INTO t VALUES (2)")
con.commit()
con.close()
"""


def test_a_second_engine_keeps_the_first_engines_view_of_other_processes_writes(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    first = make_engine(settings)
    db_file = first.url.database
    assert db_file
    with first.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
        conn.execute(text("INSERT INTO t VALUES (1)"))
    held = first.connect()  # an open connection: SQLite holds its shared lock on the database file
    held.execute(text("SELECT count(*) FROM t")).scalar()
    held.commit()
    make_engine(settings).dispose()  # e.g. a CLI step run in-process by a worker or a test
    for expected in (2, 3):  # another process writes and closes, twice
        subprocess.run([sys.executable, "-c", WRITER, db_file], check=True, timeout=60)
        assert Path(db_file + "-wal").exists(), "the other process thought it was the database's last user"
        assert held.execute(text("SELECT count(*) FROM t")).scalar() == expected
        held.commit()
    held.close()
    first.dispose()
