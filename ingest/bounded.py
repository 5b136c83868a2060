"""Run per-document work in worker processes with a time and memory bound.

One pathological file (a PDF bomb, a parser stuck in a loop, a segfault in a C library) must not hang or
exhaust a batch. Each worker is a long-lived process (so a model loads once per worker, not per document) that
receives one task at a time over its own pipe. The parent knows which task every worker holds, so when a task
overruns its deadline or its worker dies, exactly that document gets an error and the worker is replaced.

Workers die with their parent, whatever kills it (``kill -9`` included): on Linux the kernel sends them SIGKILL
when the parent dies (``PR_SET_PDEATHSIG``); elsewhere a watchdog thread in each worker notices the parent is gone.
Waiting for EOF on the pipe is not enough: forked siblings inherit each other's pipe ends, so EOF never comes.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing as mp
import os
import resource
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from archive.errors import ConfigurationError, ProcessingTimeoutError, ResourceLimitError, RulingsError

log = logging.getLogger(__name__)

Task = Any
Result = Any


def _vm_size_bytes() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


_PR_SET_PDEATHSIG = 1


def _kernel_kills_us_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int, interval_s: float = 1.0) -> None:
    """Exit as soon as the parent is gone (we are re-parented), for platforms without PR_SET_PDEATHSIG."""
    while True:
        if os.getppid() != parent_pid:
            os._exit(1)
        time.sleep(interval_s)


def die_with_parent(parent_pid: int) -> None:
    """Make the calling (forked) process end when ``parent_pid`` ends, however it ends."""
    if not _kernel_kills_us_with_parent():
        threading.Thread(target=_watch_parent, args=(parent_pid,), name="parent-watchdog", daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the request above took effect
        os._exit(1)


def _describe(exc: BaseException) -> str:
    """An unexpected exception as type and code location only: its message may quote the document's text."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" in {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    return f"unexpected {type(exc).__name__}{where}"


# In a worker: its pipe to the parent and the key of the task it runs (a worker runs one task at a time).
_current: tuple[Connection, Any] | None = None


def extend_deadline(seconds: float) -> None:
    """Give the task this worker runs ``seconds`` more before the parent stops it; a no-op outside a worker.

    Work whose size is only known once it has started (the pages of a scan that need OCR) declares its budget
    piece by piece, each piece bounded on its own, instead of racing one fixed per-document deadline.
    """
    if _current is not None and seconds > 0:
        conn, key = _current
        conn.send(("extend", key, float(seconds)))


def _worker_main(conn: Connection, init: Callable[[], None] | None, fn: Callable[[Task], Result],
                 memory_mb: int, parent_pid: int, parent_ends: list[Connection]) -> None:
    global _current
    die_with_parent(parent_pid)
    for end in parent_ends:  # the parent's ends of our own and earlier workers' pipes, inherited by fork
        end.close()
    # Native libraries must not spawn thread pools per worker: we parallelise with processes.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    if init is not None:
        init()
    if memory_mb > 0:
        # Bound the *additional* address space a document may use on top of the warmed-up worker.
        limit = _vm_size_bytes() + memory_mb * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):  # a platform without RLIMIT_AS runs unbounded
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    conn.send(("ready", None, None))
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        key, task = msg
        _current = (conn, key)
        try:
            conn.send(("ok", key, fn(task)))
        except MemoryError:
            conn.send(("error", key, ResourceLimitError("document exceeded the memory bound")))
        except RulingsError as exc:
            conn.send(("error", key, exc))
        except Exception as exc:  # noqa: BLE001 - any other failure is this document's, not the batch's
            conn.send(("error", key, RulingsError(_describe(exc))))
        finally:
            _current = None


@dataclass
class _Worker:
    proc: mp.process.BaseProcess
    conn: Connection
    ready: bool = False
    key: Any = None
    deadline: float = 0.0


class BoundedPool:
    """Map ``fn`` over tasks in ``processes`` workers, yielding ``(key, result_or_error)`` as they finish."""

    def __init__(self, fn: Callable[[Task], Result], *, processes: int, timeout_s: float, memory_mb: int,
                 init: Callable[[], None] | None = None, persistent: bool = False) -> None:
        """``persistent``: the workers outlive :meth:`map` (a long-running consumer, such as a queue worker, maps
        one task at a time and keeps its warmed-up workers); end them with :meth:`close`."""
        self._fn = fn
        self._persistent = persistent
        self._init = init
        self._n = max(1, processes)
        self._timeout = timeout_s
        self._memory_mb = memory_mb
        self._ctx = mp.get_context("fork")
        self._workers: list[_Worker] = []
        self._start_failures = 0

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        inherited = [parent] + [w.conn for w in self._workers if not w.conn.closed]
        proc = self._ctx.Process(target=_worker_main, daemon=True,
                                 args=(child, self._init, self._fn, self._memory_mb, os.getpid(), inherited))
        proc.start()
        child.close()
        return _Worker(proc=proc, conn=parent)

    def _kill(self, w: _Worker) -> None:
        if w.proc.is_alive():
            w.proc.kill()
        w.proc.join(timeout=5)
        w.conn.close()

    def map(self, tasks: Iterable[tuple[Any, Task]]) -> Iterator[tuple[Any, Result | RulingsError]]:
        pending = deque(tasks)
        if not pending:
            return
        if not self._persistent:
            self._workers = []
        self.start(self._n if self._persistent else min(self._n, len(pending)))
        try:
            yield from self._run(pending)
        finally:
            if not self._persistent:
                self.close()
            for w in [w for w in self._workers if w.key is not None]:  # abandoned mid-task: its result is unwanted
                self._kill(w)
                self._workers.remove(w)

    def start(self, processes: int | None = None) -> None:
        """Start the workers now (they warm up meanwhile) instead of at the first :meth:`map`; dead idle ones are
        replaced."""
        for w in [w for w in self._workers if not w.proc.is_alive()]:  # killed while idle
            self._kill(w)
            self._workers.remove(w)
        while len(self._workers) < (processes or self._n):
            self._workers.append(self._spawn())  # one by one: each new worker closes its siblings' pipe ends

    def wait_ready(self, timeout_s: float) -> None:
        """Block until every started worker has warmed up (loaded the model); a :class:`ConfigurationError` if one
        dies first or the time runs out."""
        deadline = time.monotonic() + timeout_s
        for w in self._workers:
            while not w.ready:
                if not w.conn.poll(max(0.0, deadline - time.monotonic())):
                    raise ConfigurationError(f"ingestion workers did not warm up within {timeout_s:.0f} s")
                try:
                    kind, _, _ = w.conn.recv()
                except (EOFError, OSError):
                    raise ConfigurationError(f"an ingestion worker died while warming up (exit code "
                                             f"{w.proc.exitcode}); run `rulings anonymise` on a file to see why"
                                             ) from None
                w.ready = kind == "ready"

    def close(self) -> None:
        """End the workers (idle ones are asked to stop, then every one is killed after a short wait)."""
        for w in self._workers:
            try:
                if w.proc.is_alive() and w.key is None:
                    w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        for w in self._workers:
            w.proc.join(timeout=2)
            self._kill(w)
        self._workers = []

    def _run(self, pending: deque[tuple[Any, Task]]) -> Iterator[tuple[Any, Result | RulingsError]]:
        in_flight = 0
        while pending or in_flight:
            for w in self._workers:
                if w.ready and w.key is None and pending:
                    key, task = pending.popleft()
                    w.key, w.deadline = key, time.monotonic() + self._timeout
                    w.conn.send((key, task))
                    in_flight += 1
            waitables: list[Any] = [w.conn for w in self._workers] + [w.proc.sentinel for w in self._workers]
            busy = [w.deadline for w in self._workers if w.key is not None]
            timeout = max(0.0, min(busy) - time.monotonic()) if busy else None
            ready = wait(waitables, timeout=timeout)
            for i, w in enumerate(list(self._workers)):
                if w.conn in ready:
                    try:
                        kind, key, payload = w.conn.recv()
                    except (EOFError, OSError):
                        kind, key, payload = "died", w.key, None
                    if kind == "ready":
                        w.ready = True
                        continue
                    if kind == "extend":
                        if key == w.key:
                            w.deadline += payload
                        continue
                    if kind in ("ok", "error"):
                        w.key = None
                        in_flight -= 1
                        yield key, payload
                        continue
                if not w.proc.is_alive() or (w.proc.sentinel in ready and w.conn not in ready):
                    key = w.key
                    code = w.proc.exitcode
                    self._kill(w)
                    if not w.ready:
                        # Dying before "ready" is not a document's fault (e.g. the model cannot load).
                        self._start_failures += 1
                        if self._start_failures > 3:
                            raise ConfigurationError(f"ingestion workers fail to start (exit code {code}); "
                                                     "run `rulings anonymise` on a file to see why")
                    self._workers[i] = self._spawn()
                    if key is not None:
                        in_flight -= 1
                        log.warning("worker for task %s died (exit code %s)", key, code)
                        yield key, ResourceLimitError(f"processing crashed (worker exit code {code}); "
                                                      "the document may be malformed or too large")
                    elif not pending and not in_flight:
                        return
                elif w.key is not None and time.monotonic() > w.deadline:
                    key = w.key
                    self._kill(w)
                    self._workers[i] = self._spawn()
                    in_flight -= 1
                    yield key, ProcessingTimeoutError(f"processing took longer than {self._timeout:.0f} s")
