"""Ingestion through the queue against the in-process pool (issue 16), on the same cores and the same documents.

The documents: the first N real rechtspraak.nl XML files of ``../shared/corpus/rechtspraak_xml/original`` (sorted;
those above 4 KB, so each has a body). Every run starts from an empty SQLite database in a new data folder, so
nothing is skipped; no index sync is timed (it is the same after either path).

- **embedded**: :func:`ingest.pipeline.run_batch` with ``workers=2`` (what `rulings ingest` runs), wall time from
  the call to the last outcome. It starts its processes (model load) inside that time; the warm-up of two pool
  processes is measured apart and reported, and the ratio is given against the embedded run without it too.
- **queue**: RabbitMQ (or ``--broker redis``), ``rulings worker -c 1`` subprocesses, already warmed up (workers are
  long-running); wall time from the first enqueue to the last outcome committed (``enqueue_batch`` then
  ``wait_for_outcomes``, as `rulings ingest --queue --wait` does). With 2 workers (one process each: the same 2
  cores as the embedded pool) and with 1.

Medians of ``--runs`` rounds; the rounds interleave the three set-ups, so a noisy neighbour on this shared machine
hurts them alike rather than one of them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from scripts.bench_common import ROOT

BROKERS = {"amqp": ("amqp://guest:guest@127.0.0.1:5672//", 5672), "redis": ("redis://127.0.0.1:6379/12", 6379)}


def _corpus(n: int) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from tests.paths import SHARED

    folder = SHARED / "corpus" / "rechtspraak_xml" / "original"
    files = [p for p in sorted(folder.glob("*.xml")) if p.stat().st_size > 4096]
    if not files:
        raise SystemExit(f"no rechtspraak XML in {folder}")
    return files[:n]


def _env(data: Path, broker_url: str, queue: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "RULINGS_DATA_DIR": str(data), "RULINGS_BROKER_URL": broker_url,
            "RULINGS_QUEUE_NAME": queue, "RULINGS_DATABASE_URL": f"sqlite:///{data / 'rulings.sqlite3'}",
            "RULINGS_LOG_LEVEL": "WARNING"}


def _settings(env: dict[str, str], **extra: Any) -> Any:
    from archive.settings import Settings

    return Settings(data_dir=Path(env["RULINGS_DATA_DIR"]), database_url=env["RULINGS_DATABASE_URL"],
                    broker_url=env["RULINGS_BROKER_URL"], queue_name=env["RULINGS_QUEUE_NAME"], **extra)


def _embedded(files: list[Path], tmp: Path) -> float:
    from archive.db import open_database
    from archive.settings import Settings
    from ingest.pipeline import run_batch

    settings = Settings(data_dir=tmp / f"embedded-{uuid.uuid4().hex[:6]}", workers=2)
    db = open_database(settings)
    t0 = time.perf_counter()
    outcomes = run_batch(files, settings, db.factory)
    wall = time.perf_counter() - t0
    db.engine.dispose()
    assert len(outcomes) == len(files)
    return wall


def _warm_up_s() -> float:
    """How long the embedded pool's two processes take to start and load the model."""
    from archive.settings import Settings
    from ingest.bounded import BoundedPool
    from ingest.pipeline import DocumentTask

    task = DocumentTask(Settings(workers=2))
    pool = BoundedPool(task, processes=2, timeout_s=300, memory_mb=2048, init=task.warm_up, persistent=True)
    t0 = time.perf_counter()
    pool.start()
    pool.wait_ready(300)
    wall = time.perf_counter() - t0
    pool.close()
    return wall


def _queue(files: list[Path], tmp: Path, broker_url: str, workers: int) -> float:
    from app.queue.enqueue import enqueue_batch, wait_for_outcomes
    from archive.db import open_database

    data = tmp / f"queue-{workers}-{uuid.uuid4().hex[:6]}"
    env = _env(data, broker_url, f"bench-{uuid.uuid4().hex[:10]}")
    settings = _settings(env)
    db = open_database(settings)
    procs, logs = [], []
    try:
        for i in range(workers):
            log = (data / f"worker-{i}.log").open("wb")
            logs.append(log)
            procs.append(subprocess.Popen([sys.executable, "-m", "app.cli", "-v", "worker", "-c", "1"], env=env,
                                          cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 600
        while not all("ready." in (data / f"worker-{i}.log").read_text(errors="replace") for i in range(workers)):
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                raise SystemExit(f"queue workers did not start; see {data}")
            time.sleep(0.2)
        t0 = time.perf_counter()
        batch = enqueue_batch(files, settings, db.factory, sync_after=False)
        outcomes = wait_for_outcomes(batch, db.factory, poll_s=0.05)
        wall = time.perf_counter() - t0
        assert len(outcomes) + batch.decided == len(files)
        return wall
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=120)
        for log in logs:
            log.close()
        _drop_queue(broker_url, settings.queue_name)
        db.engine.dispose()


def _drop_queue(url: str, name: str) -> None:
    from kombu import Connection, Queue

    try:
        with Connection(url) as conn:
            Queue(name).bind(conn.default_channel).delete()
    except Exception:  # noqa: BLE001 - a benchmark's clean-up must not hide its figures
        pass


def bench_queue(n_docs: int = 60, runs: int = 3, broker: str = "amqp") -> dict[str, Any]:
    url, port = BROKERS[broker]
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return {"skipped": f"no {broker} broker on 127.0.0.1:{port}"}
    files = _corpus(n_docs)
    tmp = Path(tempfile.mkdtemp(prefix="rulings-bench-queue-"))
    walls: dict[str, list[float]] = {"embedded": [], "warm_up": [], "queue_2": [], "queue_1": []}
    try:
        for _ in range(runs):
            walls["embedded"].append(_embedded(files, tmp))
            walls["warm_up"].append(_warm_up_s())
            walls["queue_2"].append(_queue(files, tmp, url, 2))
            walls["queue_1"].append(_queue(files, tmp, url, 1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in walls.items()}
    n = len(files)
    rate = {"embedded": n / med["embedded"], "embedded_warm": n / max(med["embedded"] - med["warm_up"], 1e-9),
            "queue_2": n / med["queue_2"], "queue_1": n / med["queue_1"]}
    return {"documents": n, "runs": runs, "broker": broker, "cores": os.cpu_count(), "walls": walls,
            "median_s": med, "rate": rate, "ratio": rate["queue_2"] / rate["embedded"],
            "ratio_warm": rate["queue_2"] / rate["embedded_warm"], "scaling": rate["queue_2"] / rate["queue_1"]}


def report_lines(r: dict[str, Any]) -> list[str]:
    if "skipped" in r:
        return [f"| queue | skipped: {r['skipped']} |"]
    rate, med = r["rate"], r["median_s"]
    walls = {k: ", ".join(f"{v:.1f}" for v in vs) for k, vs in r["walls"].items()}
    return [
        f"| in-process pool, 2 processes ({r['documents']} rechtspraak XML) | {rate['embedded']:.2f} rulings/s "
        f"(median {med['embedded']:.1f} s of {walls['embedded']}); without its {med['warm_up']:.1f} s warm-up "
        f"{rate['embedded_warm']:.2f} rulings/s |",
        f"| queue ({r['broker']}), 2 workers x 1 process | {rate['queue_2']:.2f} rulings/s (median "
        f"{med['queue_2']:.1f} s of {walls['queue_2']}) |",
        f"| queue ({r['broker']}), 1 worker x 1 process | {rate['queue_1']:.2f} rulings/s (median "
        f"{med['queue_1']:.1f} s of {walls['queue_1']}) = per-worker rate |",
        f"| queue / in-process | {r['ratio']:.2f} (against the pool without its warm-up: {r['ratio_warm']:.2f}) |",
        f"| 2 workers / 1 worker | {r['scaling']:.2f} |",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--broker", choices=sorted(BROKERS), default="amqp")
    args = ap.parse_args()
    r = bench_queue(args.docs, args.runs, args.broker)
    print("\n".join(["| figure | value |", "|---|---|", *report_lines(r)]))


if __name__ == "__main__":
    main()
