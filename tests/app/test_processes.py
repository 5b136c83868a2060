"""Process lifecycle with real processes and real signals: nothing is left behind, nothing foreign is touched,
and a managed Meilisearch that dies comes back by itself.

``rulings`` runs as a subprocess (``python -m app.cli``) on a private data folder, SQLite database and port.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from search_index import ManagedMeilisearch, free_port
from tests.fixtures.db import proc_children
from tests.fixtures.meili import MeiliServer

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def _alive(pid: int) -> bool:
    """A running process (a zombie waiting for its reaper counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return False


_children = proc_children


def _wait(condition: Callable[[], object], timeout_s: float, what: str) -> object:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RULINGS_", "MEILI_"))}
    env.update({"RULINGS_DATA_DIR": str(data_dir), "RULINGS_LOG_LEVEL": "WARNING", **extra})
    return env


def _rulings(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (a local URL)
            return int(response.status), response.read()
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read()
    except (urllib.error.URLError, OSError):
        return 0, b""


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


# Workers die with their parent -------------------------------------------------------------------------------------

POOL_SCRIPT = """
import os, sys, time
from ingest.bounded import BoundedPool

def task(n):
    os.write(1, f"{os.getpid()}\\n".encode())  # one write: the two workers' lines never interleave
    time.sleep(120)

for _ in BoundedPool(task, processes=2, timeout_s=300, memory_mb=0).map([(1, 1), (2, 2)]):
    pass
"""


@pytest.mark.timeout(60)
def test_pool_workers_die_when_the_parent_is_killed() -> None:
    parent = subprocess.Popen([sys.executable, "-c", POOL_SCRIPT], cwd=ROOT, stdout=subprocess.PIPE)
    try:
        assert parent.stdout is not None
        workers = [int(parent.stdout.readline()) for _ in range(2)]  # both hold a task
        assert all(_alive(w) for w in workers)
        parent.kill()  # SIGKILL: no finally, no atexit
        parent.wait()
        _wait(lambda: not any(_alive(w) for w in workers), 5, "the workers to die with their parent")
    finally:
        _stop(parent)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_ingest_workers_die_when_ingest_is_killed(tmp_path: Path, sig: signal.Signals) -> None:
    files = []
    for name in ("a.pdf", "b.pdf"):
        (tmp_path / name).write_bytes(b"%PDF-1.4 " + name.encode())
        files.append(str(tmp_path / name))
    ingest = _rulings("ingest", "--workers", "2", "--no-index", *files, env=_env(tmp_path / "var"))
    try:
        workers = _wait(lambda: len(_children(ingest.pid)) >= 2 and _children(ingest.pid), 60, "two workers")
        assert isinstance(workers, list)
        os.kill(ingest.pid, sig)
        assert ingest.wait(timeout=20) == (-9 if sig == signal.SIGKILL else 143)
        _wait(lambda: not any(_alive(w) for w in workers), 5, "the workers to die with `rulings ingest`")
    finally:
        _stop(ingest)


# serve and its Meilisearch ---------------------------------------------------------------------------------------

class Serve:
    def __init__(self, proc: subprocess.Popen[bytes], url: str, data_dir: Path) -> None:
        self.proc, self.url, self.data_dir = proc, url, data_dir

    def meili_pid(self) -> int:
        return int((self.data_dir / "meili" / "run" / "server.pid").read_text())


@pytest.fixture
def serve(tmp_path: Path, meili_server: MeiliServer) -> Iterator[Serve]:
    data_dir, port = tmp_path / "var", free_port()
    env = _env(data_dir, RULINGS_MEILI_BINARY=str(meili_server.managed.binary), RULINGS_MEILI_PORT=str(free_port()),
               RULINGS_RATE_LIMIT_PER_MINUTE="0")
    proc = _rulings("serve", "--port", str(port), env=env)
    server = Serve(proc, f"http://127.0.0.1:{port}", data_dir)
    try:
        def up() -> bool:
            if proc.poll() is not None:
                raise AssertionError(f"serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
            return _get(f"{server.url}/healthz")[0] == 200

        _wait(up, 60, "`rulings serve` to answer")
        yield server
    finally:
        pid = None
        with contextlib.suppress(OSError, ValueError):
            pid = server.meili_pid()
        _stop(proc)
        if pid is not None and _alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_its_meilisearch_on_sigterm_and_sigint(serve: Serve, sig: signal.Signals) -> None:
    meili = serve.meili_pid()
    assert _alive(meili)
    serve.proc.send_signal(sig)
    code = serve.proc.wait(timeout=20)
    # SIGTERM: 143. SIGINT: uvicorn.run swallows the KeyboardInterrupt it re-raises, so serve ends normally.
    assert code == 143 if sig == signal.SIGTERM else code in (0, 130)
    _wait(lambda: not _alive(meili), 10, "serve's Meilisearch to stop")
    assert not (serve.data_dir / "meili" / "run" / "server.pid").exists()


@pytest.mark.timeout(120)
def test_a_killed_meilisearch_is_restarted_and_the_api_recovers(serve: Serve) -> None:
    search = f"{serve.url}/api/v1/search?q=zorg"
    assert _get(search)[0] == 200
    old = serve.meili_pid()
    os.kill(old, signal.SIGKILL)
    _wait(lambda: not _alive(old), 5, "Meilisearch to die")
    status, body = _get(search)
    assert status == 503  # meanwhile: the one error shape
    assert json.loads(body)["error"]["code"] == "search_unavailable"
    _wait(lambda: _get(search)[0] == 200, 30, "the API to recover without restarting serve")
    new = serve.meili_pid()
    assert new != old and _alive(new) and serve.proc.poll() is None


# Start-up touches only what its own data folder records ------------------------------------------------------------

@pytest.mark.timeout(120)
def test_a_meilisearch_of_another_data_folder_survives_our_start(meili_server: MeiliServer, tmp_path: Path) -> None:
    key, other_dir, other_port = "k" * 24, tmp_path / "other", free_port()
    # Another installation's server whose starter died (SIGKILL, os._exit): an "orphan", but not ours.
    started = ("import os; from search_index import ManagedMeilisearch as M; "
               f"M({str(meili_server.managed.binary)!r}, {str(other_dir)!r}, {other_port}, {key!r}).start(); "
               "os._exit(0)")
    subprocess.run([sys.executable, "-c", started], check=True, timeout=60, cwd=ROOT)
    foreign = int((other_dir / "run" / "server.pid").read_text())
    try:
        assert _alive(foreign)
        with ManagedMeilisearch(meili_server.managed.binary, tmp_path / "ours", free_port(), key) as ours:
            assert not ours.reused
        assert _alive(foreign)  # was: stopped as an "orphan on another port"
        assert _get(f"http://127.0.0.1:{other_port}/health")[0] == 200
    finally:
        if _alive(foreign):
            os.kill(foreign, signal.SIGKILL)
