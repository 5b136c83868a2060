"""Run per-document work in worker processes with a time and memory bound.

One pathological file (a PDF bomb, a parser stuck in a loop, a segfault in a C library) must not hang or
exhaust a batch. Each worker is a long-lived process (so a model loads once per worker, not per document) that
receives one task at a time over its own pipe. The parent knows which task every worker holds, so when a task
overruns its deadline or its worker dies, exactly that document gets an error and the worker is replaced.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import resource
import time
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


def _worker_main(conn: Connection, init: Callable[[], None] | None, fn: Callable[[Task], Result],
                 memory_mb: int) -> None:
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
        try:
            conn.send(("ok", key, fn(task)))
        except MemoryError:
            conn.send(("error", key, ResourceLimitError("document exceeded the memory bound")))
        except RulingsError as exc:
            conn.send(("error", key, exc))
        except Exception as exc:  # noqa: BLE001 - any other failure is this document's, not the batch's
            conn.send(("error", key, RulingsError(f"{type(exc).__name__}: {exc}")))


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
                 init: Callable[[], None] | None = None) -> None:
        self._fn = fn
        self._init = init
        self._n = max(1, processes)
        self._timeout = timeout_s
        self._memory_mb = memory_mb
        self._ctx = mp.get_context("fork")
        self._workers: list[_Worker] = []
        self._start_failures = 0

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(target=_worker_main, args=(child, self._init, self._fn, self._memory_mb),
                                 daemon=True)
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
        self._workers = [self._spawn() for _ in range(min(self._n, len(pending)))]
        try:
            yield from self._run(pending)
        finally:
            for w in self._workers:
                try:
                    if w.proc.is_alive() and w.key is None:
                        w.conn.send(None)
                except (OSError, BrokenPipeError):
                    pass
            for w in self._workers:
                w.proc.join(timeout=2)
                self._kill(w)

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
