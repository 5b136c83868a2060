"""A local Meilisearch server managed by this process (dev, single-machine installs, tests).

Why manage it ourselves: a single-machine install should need no service setup. The server binds 127.0.0.1 only,
keeps its data in its own directory, and runs with a master key so other local users cannot read the index.
If a healthy server that accepts our key already listens on the port (e.g. started by `rulings serve` while
`rulings ingest` runs, or left running by a process that was killed), it is reused.

Stopping is "last one out": every process using the server registers in the server's own data folder
(``<data dir>/run/``); ``stop()`` only terminates the server when no other live process is registered, and then
also when this process did not start it (via the recorded pid). So `rulings ingest` finishing never pulls the
server from under a running `rulings serve`, and a server orphaned by a crash is stopped by its last user.
A server we did not spawn (no recorded pid, e.g. `make dev`) is never stopped.

Only processes recorded in our own data folder are ever signalled. An earlier version kept the records per port
in the shared temp dir and, at every start, stopped "orphans" on other ports: that stopped the Meilisearch of
another installation (another data folder, another port, same user). A recorded pid is also checked against
``/proc/<pid>/cmdline`` (a meilisearch whose ``--db-path`` is ours), so a reused pid is never signalled.

Crashes: a process killed with SIGKILL cannot stop its server (it runs in its own session so that Ctrl-C
reaches us first and we stop it in order). Such an orphan is reused by the next start on its port, or stopped
by it when it listens on another port (it holds our data folder's lock, so it must go).

Supervision (:meth:`ManagedMeilisearch.supervise`, used by `rulings serve`): a thread restarts a server that
died, with exponential backoff; clients see ``SearchUnavailableError`` (503) meanwhile and recover by themselves.
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
import threading
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


def _db_path(data_dir: Path) -> Path:
    return data_dir / "data.ms"


class _Registry:
    """Who uses the server of one data folder: ``<data dir>/run/{server.pid, users/<pid>-<token>}``."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.dir = data_dir / "run"
        self.pid_file = self.dir / "server.pid"
        self.users = self.dir / "users"

    def register(self) -> Path:
        self.users.mkdir(parents=True, exist_ok=True, mode=0o700)
        entry = self.users / f"{os.getpid()}-{secrets.token_hex(4)}"
        entry.touch()
        return entry

    def live_users(self, exclude: Path | None = None) -> list[Path]:
        """Registrations of live processes (but ``exclude``); those of dead processes are removed on the way."""
        alive = []
        with contextlib.suppress(OSError):
            for entry in self.users.iterdir():
                try:
                    pid = int(entry.name.split("-", 1)[0])
                except ValueError:
                    continue
                if entry == exclude:
                    continue
                if _pid_alive(pid):
                    alive.append(entry)
                else:
                    entry.unlink(missing_ok=True)
        return alive

    def record(self, pid: int) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        self.pid_file.write_text(str(pid))

    def _recorded(self) -> tuple[int, list[bytes]] | None:
        try:
            pid = int(self.pid_file.read_text().strip())
            return pid, Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            return None

    def server_pid(self) -> int | None:
        """The recorded pid if that process is still a meilisearch on *our* data folder (guards pid reuse)."""
        recorded = self._recorded()
        if recorded is None:
            return None
        pid, cmdline = recorded
        ours = (bool(cmdline) and b"meilisearch" in Path(os.fsdecode(cmdline[0])).name.encode()
                and os.fsencode(_db_path(self.data_dir)) in cmdline)
        return pid if ours and _pid_alive(pid) else None

    def server_port(self) -> int | None:
        """The port the recorded server listens on (from its ``--http-addr``), if it is ours and alive."""
        recorded = self._recorded()
        if recorded is None or self.server_pid() is None:
            return None
        cmdline = recorded[1]
        with contextlib.suppress(ValueError, IndexError):
            return int(cmdline[cmdline.index(b"--http-addr") + 1].rsplit(b":", 1)[1])
        return None

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


def reap_orphan(data_dir: Path, *, keep_port: int | None = None, exclude: Path | None = None,
                timeout_s: float = 10.0) -> int | None:
    """Stop the server recorded in ``data_dir`` when every process that used it has died (SIGKILL, os._exit),
    unless it listens on ``keep_port`` (then the caller reuses it). Returns the port of a server it stopped.

    Nothing outside ``data_dir``'s own records is looked at: other installations' servers are not ours to stop.
    """
    registry = _Registry(data_dir)
    if registry.live_users(exclude=exclude):
        return None
    pid, port = registry.server_pid(), registry.server_port()
    if pid is None:
        return None
    if port is not None and port == keep_port:
        return None
    log.warning("stopping orphaned meilisearch pid %d on port %s (its processes died)", pid, port)
    registry.stop_server(timeout_s)
    return port


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
        self.data_dir = Path(data_dir).absolute()  # the recorded --db-path identifies our server
        self.port = port
        self.master_key = master_key
        self.start_timeout_s = start_timeout_s
        self.max_indexing_threads = max_indexing_threads
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.reused = False
        self._registry = _Registry(self.data_dir)
        self._registration: Path | None = None
        self._lock = threading.RLock()  # the supervisor thread and stop() both change process / reused
        self._stopping = threading.Event()
        self._supervisor: threading.Thread | None = None

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
        self._stopping.clear()
        try:
            reap_orphan(self.data_dir, keep_port=self.port, exclude=self._registration,
                        timeout_s=self.start_timeout_s)
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
            "--db-path", str(_db_path(self.data_dir)),
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
        while time.monotonic() < deadline and not self._stopping.is_set():
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
        self._terminate(self.process, 5.0)
        self.process = None
        self._registry.clear()
        if self._stopping.is_set():
            raise ConfigurationError("meilisearch start-up interrupted by stop()")
        raise ConfigurationError(f"meilisearch did not become healthy in {self.start_timeout_s:.0f} s")

    @staticmethod
    def _terminate(process: subprocess.Popen[bytes], timeout_s: float) -> None:
        """SIGTERM, then SIGKILL after ``timeout_s``; reaps the process."""
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                log.warning("meilisearch pid %d ignored SIGTERM; killing it", process.pid)
                process.kill()
                process.wait(timeout=timeout_s)

    def _log_tail(self, lines: int = 5) -> str:
        with contextlib.suppress(OSError):
            return " | ".join(self.log_path.read_text(errors="replace").strip().splitlines()[-lines:])
        return "(no log)"

    def stop(self, timeout_s: float = 10.0) -> None:
        """Unregister; if no other live process uses the server, stop it (SIGTERM, SIGKILL after ``timeout_s``)."""
        self._stopping.set()
        supervisor, self._supervisor = self._supervisor, None
        if supervisor is not None:
            supervisor.join()  # it checks _stopping between steps; a start-up in progress is interrupted
        with self._lock:
            if self.process is None and not self.reused and self._registration is None:
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
            self._terminate(process, timeout_s)
            self._registry.clear()

    # Supervision ---------------------------------------------------------------------------------------
    def supervise(self, *, interval_s: float = 0.5, backoff_s: float = 0.5, max_backoff_s: float = 30.0) -> None:
        """Restart the server whenever it dies, until :meth:`stop`: waits ``backoff_s`` before the first restart
        and doubles the wait after each restart, up to ``max_backoff_s``; the wait resets once the server has run
        for ``max_backoff_s``. A crash-looping server therefore costs one start per ``max_backoff_s`` at most."""
        if self._supervisor is not None:
            return
        self._supervisor = threading.Thread(target=self._supervise, args=(interval_s, backoff_s, max_backoff_s),
                                            name=f"meilisearch-supervisor-{self.port}", daemon=True)
        self._supervisor.start()

    def _alive(self) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        if self.reused:  # started by another process of ours, or by hand: it is alive while something answers
            return _get(f"{self.url}/health", None) != 0 or self._registry.server_pid() is not None
        return False  # a restart failed: try again

    def _supervise(self, interval_s: float, backoff_s: float, max_backoff_s: float) -> None:
        delay, up_since = backoff_s, time.monotonic()
        while not self._stopping.wait(interval_s):
            if self._alive():
                if time.monotonic() - up_since >= max_backoff_s:
                    delay = backoff_s
                continue
            code = self.process.poll() if self.process is not None else None
            log.warning("meilisearch on %s is down (exit code %s); restarting in %.1f s", self.url, code, delay)
            if self._stopping.wait(delay):
                return
            delay = min(delay * 2, max_backoff_s)
            try:
                with self._lock:
                    if self._stopping.is_set():
                        return
                    self._restart()
            except ConfigurationError as exc:
                log.error("restarting meilisearch on %s failed: %s", self.url, exc.message)
                continue
            up_since = time.monotonic()
            log.warning("meilisearch on %s is back (%s)", self.url, "reused" if self.reused else "restarted")

    def _restart(self) -> None:
        if self.process is not None:
            self.process.wait()  # reap the dead server
            self.process = None
        state = self._probe()
        if state == "ours":  # another process of ours restarted it first
            self.reused = True
            return
        if state == "foreign":
            raise ConfigurationError(f"port {self.port} was taken by another server while ours was down")
        self.reused = False
        self._spawn()

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
