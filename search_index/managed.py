"""A local Meilisearch server managed by this process (dev, single-machine installs, tests).

Why manage it ourselves: a single-machine install should need no service setup. The server binds 127.0.0.1 only,
keeps its data in its own directory, and runs with a master key so other local users cannot read the index.
If a healthy server that accepts our key already listens on the port (e.g. started by `rulings serve` while
`rulings ingest` runs, or left running by a process that was killed), it is reused.

Stopping is "last one out": every process using the server registers in a small per-user, per-port directory
under the temp dir; ``stop()`` only terminates the server when no other live process is registered, and then
also when this process did not start it (via the recorded pid). So `rulings ingest` finishing never pulls the
server from under a running `rulings serve`, and a server orphaned by a crash is stopped by its last user.
A server we did not spawn (no recorded pid, e.g. `make dev`) is never stopped.

Crashes: a process killed with SIGKILL cannot stop its server (it runs in its own session so that Ctrl-C
reaches us first and we stop it in order). Such an orphan is reused by the next start on its port, and any
start() also stops orphans on *other* ports (recorded pid alive, no live user registered), so servers of killed
test runs or live servers on random ports do not pile up.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from archive.errors import ConfigurationError

if TYPE_CHECKING:
    from archive.settings import Settings

log = logging.getLogger(__name__)

MEILI_VERSION = "1.21.0"
_PROJECT_ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port that was free on 127.0.0.1 a moment ago (tests; racy by nature, fine for that)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def find_meili_binary(settings: Settings) -> Path:
    """The meilisearch binary to run: ``settings.meili_binary``, then PATH, then ``./tools/meilisearch``."""
    if settings.meili_binary:
        path = Path(settings.meili_binary).expanduser()
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise ConfigurationError(f"RULINGS_MEILI_BINARY={settings.meili_binary} is not an executable file")
        return path.resolve()
    on_path = shutil.which("meilisearch")
    if on_path:
        return Path(on_path)
    for root in dict.fromkeys((Path.cwd(), _PROJECT_ROOT)):
        candidate = root / "tools" / "meilisearch"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise ConfigurationError(
        "No meilisearch binary found (RULINGS_MEILI_BINARY, PATH, ./tools/meilisearch). "
        f"Run `make install` (or scripts/install_meilisearch.sh) to install meilisearch {MEILI_VERSION}, "
        "or set RULINGS_MEILI_URL to use an external server."
    )


def _get(url: str, key: str | None, timeout: float = 1.0) -> int:
    """HTTP status of a GET, 0 if nothing answers. stdlib on purpose: no client state to set up for a probe."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (local URL we built)
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, OSError):
        return 0


def _pid_alive(pid: int) -> bool:
    """True for a running process; False for none or a zombie (dead, waiting to be reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc: trust kill(0)
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


REGISTRY_PREFIX = "rulings-meili-"


class _Registry:
    """Who uses the server on one port: ``<tmp>/rulings-meili-<uid>-<port>/{server.pid, users/<pid>-<token>}``."""

    def __init__(self, port: int, root: Path | None = None) -> None:
        self.port = port
        self.dir = (root or Path(tempfile.gettempdir())) / f"{REGISTRY_PREFIX}{os.getuid()}-{port}"
        self.pid_file = self.dir / "server.pid"
        self.users = self.dir / "users"

    def register(self) -> Path:
        self.users.mkdir(parents=True, exist_ok=True)
        entry = self.users / f"{os.getpid()}-{secrets.token_hex(4)}"
        entry.touch()
        return entry

    def live_users(self) -> list[Path]:
        """Registrations of live processes; those of dead processes are removed on the way."""
        alive = []
        with contextlib.suppress(OSError):
            for entry in self.users.iterdir():
                try:
                    pid = int(entry.name.split("-", 1)[0])
                except ValueError:
                    continue
                if _pid_alive(pid):
                    alive.append(entry)
                else:
                    entry.unlink(missing_ok=True)
        return alive

    def record(self, pid: int) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        self.pid_file.write_text(str(pid))

    def server_pid(self) -> int | None:
        """The recorded pid if that process is still a meilisearch bound to our port (guards pid reuse)."""
        try:
            pid = int(self.pid_file.read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            return None
        ours = bool(cmdline) and b"meilisearch" in cmdline[0] and f"127.0.0.1:{self.port}".encode() in cmdline
        return pid if ours and _pid_alive(pid) else None

    def stop_server(self, timeout_s: float) -> None:
        """Stop the recorded server (spawned by a process of ours that is gone), then forget it."""
        pid = self.server_pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):  # it may exit on its own meanwhile
                os.kill(pid, signal.SIGTERM)
                deadline = time.monotonic() + timeout_s
                while _pid_alive(pid) and time.monotonic() < deadline:
                    time.sleep(0.05)
                if _pid_alive(pid):
                    log.warning("meilisearch pid %d ignored SIGTERM; killing it", pid)
                    os.kill(pid, signal.SIGKILL)
        self.clear()

    def clear(self) -> None:
        self.pid_file.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # no litter in the temp dir; fails harmlessly if in use again
            self.users.rmdir()
            self.dir.rmdir()


def reap_orphans(root: Path | None = None, *, timeout_s: float = 10.0) -> list[int]:
    """Stop servers we spawned whose every user has died (SIGKILL, os._exit); returns their ports."""
    base = root or Path(tempfile.gettempdir())
    reaped = []
    for path in base.glob(f"{REGISTRY_PREFIX}{os.getuid()}-*"):
        try:
            port = int(path.name.rsplit("-", 1)[1])
        except ValueError:
            continue
        registry = _Registry(port, base)
        if registry.live_users():
            continue
        pid = registry.server_pid()
        if pid is not None:
            log.warning("stopping orphaned meilisearch pid %d on port %d (its processes died)", pid, port)
            reaped.append(port)
        registry.stop_server(timeout_s)
    return reaped


class ManagedMeilisearch:
    """Start (or reuse) a local Meilisearch; stop it on exit unless other processes still use it.

    Use as a context manager, or call :meth:`start` / :meth:`stop`.
    """

    def __init__(
        self,
        binary: str | Path,
        data_dir: str | Path,
        port: int,
        master_key: str,
        *,
        start_timeout_s: float = 30.0,
        max_indexing_threads: int = 2,
    ) -> None:
        if len(master_key.encode()) < 16:
            # Meilisearch itself demands 16 bytes only in production; we demand it always.
            raise ConfigurationError("the Meilisearch master key must be at least 16 bytes")
        self.binary = Path(binary)
        self.data_dir = Path(data_dir)
        self.port = port
        self.master_key = master_key
        self.start_timeout_s = start_timeout_s
        self.max_indexing_threads = max_indexing_threads
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.reused = False
        self._registry = _Registry(port)
        self._registration: Path | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> ManagedMeilisearch:
        return cls(
            find_meili_binary(settings), settings.meili_data_dir, settings.meili_port, settings.meili_master_key()
        )

    @property
    def key(self) -> str:
        return self.master_key

    @property
    def log_path(self) -> Path:
        return self.data_dir / "meilisearch.log"

    @property
    def running(self) -> bool:
        """Whether this object holds a server (started or reused, not yet stopped)."""
        return self.reused or (self.process is not None and self.process.poll() is None)

    def _probe(self) -> str:
        """'ours' (healthy, accepts our key), 'foreign' (something else answers), or 'free'."""
        health = _get(f"{self.url}/health", None)
        if health != 200:
            return "free" if health == 0 else "foreign"
        return "ours" if _get(f"{self.url}/version", self.master_key) == 200 else "foreign"

    def start(self) -> ManagedMeilisearch:
        # Register before anything else, so a concurrent reaper never sees our server without a user.
        self._registration = self._registry.register()
        try:
            reap_orphans()
            state = self._probe()
            if state == "ours":
                self.reused = True
                log.info("reusing the Meilisearch already running at %s", self.url)
                return self
            if state == "foreign":
                raise ConfigurationError(
                    f"port {self.port} is taken by a server that is not our Meilisearch (or rejects our key); "
                    "set RULINGS_MEILI_PORT to another port"
                )
            self._spawn()
            return self
        except BaseException:
            self._unregister()
            raise

    def _spawn(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._rotate_log()
        args = [
            str(self.binary),
            "--db-path", str(self.data_dir / "data.ms"),
            "--dump-dir", str(self.data_dir / "dumps"),
            "--snapshot-dir", str(self.data_dir / "snapshots"),
            "--http-addr", f"127.0.0.1:{self.port}",
            "--no-analytics",
            "--max-indexing-threads", str(self.max_indexing_threads),
            "--log-level", "WARN",
        ]  # fmt: skip
        # The key goes through the environment, not argv, so `ps` does not show it. Other MEILI_* variables of
        # the caller would silently override our flags: drop them.
        env = {k: v for k, v in os.environ.items() if not k.startswith("MEILI_")}
        env["MEILI_MASTER_KEY"] = self.master_key
        with self.log_path.open("ab") as log_file:
            self.process = subprocess.Popen(
                args,
                cwd=self.data_dir,  # Meilisearch reads ./config.toml from its working directory
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in a terminal reaches us; we stop it in order
            )
        self._registry.record(self.process.pid)
        log.info("started meilisearch pid %d on %s", self.process.pid, self.url)
        self._wait_healthy()

    def _rotate_log(self, max_bytes: int = 10 * 1024 * 1024) -> None:
        """Keep one previous log: the server appends for as long as it runs, and installs run for years."""
        with contextlib.suppress(OSError):
            if self.log_path.stat().st_size > max_bytes:
                self.log_path.replace(self.log_path.with_suffix(".log.1"))

    def _wait_healthy(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                self.process = None
                self._registry.clear()
                raise ConfigurationError(
                    f"meilisearch exited with code {code} at start-up: {self._log_tail()}"
                    " (a data dir from another Meilisearch version must be deleted and the index rebuilt)"
                )
            if _get(f"{self.url}/health", None, timeout=0.5) == 200:
                return
            time.sleep(0.05)
        self.stop()
        raise ConfigurationError(f"meilisearch did not become healthy in {self.start_timeout_s:.0f} s")

    def _log_tail(self, lines: int = 5) -> str:
        with contextlib.suppress(OSError):
            return " | ".join(self.log_path.read_text(errors="replace").strip().splitlines()[-lines:])
        return "(no log)"

    def stop(self, timeout_s: float = 10.0) -> None:
        """Unregister; if no other live process uses the server, stop it (SIGTERM, SIGKILL after ``timeout_s``)."""
        if self.process is None and not self.reused:
            return  # never started, or already stopped
        self.reused = False
        self._unregister()
        process, self.process = self.process, None
        others = self._registry.live_users()
        if others:
            log.info("leaving meilisearch on %s running for %d other process(es)", self.url, len(others))
            return
        if process is None:
            self._registry.stop_server(timeout_s)  # spawned by a process of ours that has exited since
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                log.warning("meilisearch pid %d ignored SIGTERM; killing it", process.pid)
                process.kill()
                process.wait(timeout=timeout_s)
        self._registry.clear()

    def _unregister(self) -> None:
        if self._registration is not None:
            self._registration.unlink(missing_ok=True)
            self._registration = None

    def __enter__(self) -> ManagedMeilisearch:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
