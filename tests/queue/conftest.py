"""Real brokers, real `rulings worker` processes, a real database and Meilisearch for the queue's tests.

Each test gets its own queue name (and cleans it up), its own data folder, database and index. Workers run as
subprocesses (``python -m app.cli worker``) with the test's settings in their environment, so they are exactly
what an operator starts. A broker that is not running skips the test with the reason; nothing is mocked.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select

from archive.db import Database, make_engine, make_sessionmaker, session_scope
from archive.models import Base, Document, QueueTask, Ruling
from archive.settings import Settings, get_settings
from tests.fixtures.db import PG_URL, database_url, migrate_empty, proc_children

ROOT = Path(__file__).resolve().parents[2]
BROKERS = {"amqp": ("amqp://guest:guest@127.0.0.1:5672//", 5672),
           "redis": ("redis://127.0.0.1:6379/11", 6379)}


def _reachable(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        return True
    return False


@dataclass
class QueueArchive:
    broker: str
    settings: Settings
    database: Database
    env: dict[str, str]
    workers: list[Worker] = field(default_factory=list)

    def worker(self, concurrency: int = 1, **extra: str) -> Worker:
        w = Worker(self, concurrency, {**self.env, **extra})
        self.workers.append(w)
        return w

    def tasks(self) -> list[QueueTask]:
        with session_scope(self.database.factory) as s:
            return list(s.scalars(select(QueueTask).order_by(QueueTask.position)))

    def count(self, model: type[Base], *where: object) -> int:
        with session_scope(self.database.factory) as s:
            return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)  # type: ignore[arg-type]

    def documents(self) -> list[Document]:
        with session_scope(self.database.factory) as s:
            return list(s.scalars(select(Document)))

    def published_slugs(self) -> list[str]:
        with session_scope(self.database.factory) as s:
            return list(s.scalars(select(Ruling.slug).where(Ruling.status == "published")))


class Worker:
    """A `rulings worker` subprocess; its output goes to a log file the test can read."""

    def __init__(self, archive: QueueArchive, concurrency: int, env: dict[str, str]) -> None:
        self.log = archive.settings.data_dir / f"worker-{uuid.uuid4().hex[:6]}.log"
        self._fh = self.log.open("wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "app.cli", "worker", "-c", str(concurrency)],
                                     env=env, cwd=ROOT, stdout=self._fh, stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self, timeout_s: float = 240, may_die_after: bool = False) -> Worker:
        """Wait until the worker consumes. ``may_die_after``: a worker restarted into a poison document may be
        killed by it a moment after it is ready, before this sees it alive; that is not a failure to start."""
        wait_for(lambda: "ready." in self.output() or self.proc.poll() is not None, timeout_s, "worker ready")
        if may_die_after and "ready." in self.output():
            return self
        assert self.proc.poll() is None, f"worker exited: {self.output()[-3000:]}"
        return self

    def children(self) -> list[int]:
        return children(self.pid)

    def kill9(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._fh.close()


children = proc_children


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition: Callable[[], object], timeout_s: float, what: str, interval_s: float = 0.1) -> object:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval_s)
    raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")


def broker_ports(pid: int, broker_port: int) -> list[int]:
    """Local ports of the TCP connections process ``pid`` holds to ``broker_port`` (read from /proc)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    ports = []
    for table in ("tcp", "tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
                parts = line.split()
                local, remote, inode = parts[1], parts[2], parts[9]
                if inode in inodes and int(remote.rsplit(":", 1)[1], 16) == broker_port and parts[3] == "01":
                    ports.append(int(local.rsplit(":", 1)[1], 16))
    return ports


def close_from_broker(archive: QueueArchive, pid: int) -> int:
    """Close every connection of process ``pid`` from the broker's side; returns how many were closed."""
    port = BROKERS[archive.broker][1]
    ports = broker_ports(pid, port)
    closed = 0
    if archive.broker == "amqp":
        listed = subprocess.run(["rabbitmqctl", "list_connections", "-q", "pid", "peer_port"], check=True,
                                capture_output=True, text=True, timeout=60).stdout
        rows = [line.rsplit("\t", 1) for line in listed.splitlines() if "\t" in line]
        pids = [pid for pid, peer in rows if peer.strip().isdigit() and int(peer) in ports]
        for pid in pids:
            done = subprocess.run(["rabbitmqctl", "close_connection", pid, "closed by a test"],
                                  capture_output=True, timeout=60)
            closed += done.returncode == 0  # one may have ended by itself meanwhile
    else:
        import redis

        client = redis.Redis.from_url(archive.settings.broker_url or "")
        for p in ports:
            with contextlib.suppress(redis.ResponseError):  # a connection that closed by itself meanwhile
                closed += bool(client.client_kill(f"127.0.0.1:{p}"))
        client.close()
    return closed


def _drop_queue(broker: str, url: str, name: str) -> None:
    from kombu import Connection, Queue

    with contextlib.suppress(Exception), Connection(url) as conn:
        Queue(name).bind(conn.default_channel).delete()
    if broker == "redis":
        import redis

        client = redis.Redis.from_url(url)
        with contextlib.suppress(Exception):
            client.delete(name)
        client.close()


@pytest.fixture
def queue_archive(request: pytest.FixtureRequest, tmp_path: Path, pg_schema: str | None, meili_server,  # type: ignore[no-untyped-def]
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[QueueArchive]:
    """Parametrized indirectly with ``"<broker>-<database>"``, e.g. ``"amqp-sqlite"``, ``"redis-postgresql"``."""
    broker, backend = str(request.param).split("-")
    url, port = BROKERS[broker]
    if not _reachable(port):
        pytest.skip(f"no {broker} broker on 127.0.0.1:{port}: start RabbitMQ / Redis to run the queue tests")
    if backend == "postgresql" and not PG_URL:
        pytest.skip("RULINGS_TEST_DATABASE_URL is not set (PostgreSQL tests run when it is)")
    queue = f"t-queue-{uuid.uuid4().hex[:10]}"
    env_settings = {
        "RULINGS_DATA_DIR": str(tmp_path / "var"), "RULINGS_DATABASE_URL": database_url(backend, tmp_path, pg_schema),
        "RULINGS_MEILI_URL": meili_server.url, "RULINGS_MEILI_KEY": meili_server.key,
        "RULINGS_INDEX_NAME": f"t_{uuid.uuid4().hex[:10]}", "RULINGS_BROKER_URL": url, "RULINGS_QUEUE_NAME": queue,
        "RULINGS_WORKERS": "1", "RULINGS_DOC_TIMEOUT_S": "120", "RULINGS_QUEUE_VISIBILITY_TIMEOUT_S": "5",
        "RULINGS_LOG_LEVEL": "INFO",
    }
    for k, v in env_settings.items():
        monkeypatch.setenv(k, v)
    get_settings.cache_clear()
    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings)
    migrate_empty(engine)
    env = {**os.environ, **env_settings, "PYTHONPATH": str(ROOT)}
    qa = QueueArchive(broker, settings, Database(engine, make_sessionmaker(engine)), env)
    try:
        yield qa
    finally:
        for w in qa.workers:
            w.stop()
            print(f"--- worker {w.pid} (exit {w.proc.returncode}):\n{w.output()[-4000:]}")  # shown on failure
        _drop_queue(broker, url, queue)
        _drop_queue(broker, url, f"{queue}.jobs")  # the index syncs and scheduled jobs (app.queue.celery_app)
        engine.dispose()
        get_settings.cache_clear()
