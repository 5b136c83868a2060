"""A bounded load test of a running archive (issue 14): throughput, latency, errors and ``/healthz`` under load.

``bench_load(seconds=30, concurrency=50, n_rulings=10_000)`` (also ``python -m scripts.bench_load``):

1. ingests the sample rulings and clones them into ``n_rulings`` rulings (:func:`scripts.bench_common.
   synthetic_rulings`), indexes them on a managed Meilisearch;
2. starts the server as ``rulings serve`` does (``python -m app.cli serve``: the app's own uvicorn protocol and
   rate limiter, in its own process, pointed at that Meilisearch), twice:

   - with the **default rate limits**: one load client is one IP, so it spends its burst and then mostly gets
     429s; the run reports how many, and whether every one carried ``Retry-After``;
   - with the limits **raised via settings** (``RULINGS_RATE_LIMIT_PER_MINUTE``/``_BURST``; the limiter still runs
     on every request): the throughput figure;

3. each run: ``concurrency`` keep-alive aiohttp workers for ``seconds`` with a request mix (60 % API searches with
   varied words, filters, facets, sorts and pages; 25 % search and ruling pages; 10 % ruling API; 5 % CSV exports
   with a small ``limit``), while a separate task probes ``/healthz`` every 200 ms on its own connection.

Any answer other than 2xx or 429, and any transport error or timeout, is an error: counted and listed by kind,
never folded into the figures. Nothing is asserted here (benchmarks report, tests check). The load generator
shares the 2 cores with the server and Meilisearch, so the throughput is that of the whole machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from scripts.bench_common import ROOT, SAMPLES, free_port, percentile, synthetic_rulings, wait_healthy

WORDS = ["tandarts", "kronen", "buitenland", "vergoeding", "zorgverzekeraar", "machtiging", "behandelingen",
         "fysiotherapie", "declaraties", "onderzoek", "fraude", "klacht", "ziekenhuis", "premie"]
OUTCOMES = ["toegewezen", "afgewezen", "gedeeltelijk toegewezen", "niet-ontvankelijk"]
INSURERS = ["Zilveren Kruis", "VGZ", "CZ", "Menzis", "DSW"]
SORTS = ["relevance", "date_desc", "date_asc"]
FACETS = ["topic", "insurer", "outcome", "year"]
# (kind, share of requests)
MIX = (("api_search", 60), ("search_page", 13), ("ruling_page", 12), ("ruling_api", 10), ("export_csv", 5))
EXPORT_LIMIT = 20
HEALTH_INTERVAL_S = 0.2
REQUEST_TIMEOUT_S = 30.0
RAISED_LIMITS = {"RULINGS_RATE_LIMIT_PER_MINUTE": "10000000", "RULINGS_RATE_LIMIT_BURST": "1000000"}


def _search_params(rng: random.Random) -> list[tuple[str, str]]:
    """A search as people make them: usually a word, 0–2 filters, sometimes facets, a sort or a later page."""
    params: list[tuple[str, str]] = []
    if rng.random() < 0.85:
        params.append(("q", " ".join(rng.sample(WORDS, rng.choice((1, 1, 2))))))
    if rng.random() < 0.5:
        params.append(("outcome", rng.choice(OUTCOMES)))
    if rng.random() < 0.3:
        params.append(("insurer", rng.choice(INSURERS)))
    if rng.random() < 0.3:
        params.append(("year_from", str(rng.choice((2010, 2014, 2018)))))
    if rng.random() < 0.5:
        params += [("facet", f) for f in FACETS]
    if rng.random() < 0.3:
        params.append(("sort", rng.choice(SORTS)))
    if rng.random() < 0.2:
        params.append(("page", str(rng.randint(2, 4))))
    return params


def _request(rng: random.Random, slugs: list[str]) -> tuple[str, str]:
    """(kind, path and query) of one request of the mix."""
    kind = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
    if kind == "api_search":
        return kind, "/api/v1/search?" + urlencode(_search_params(rng))
    if kind == "search_page":
        return kind, "/?" + urlencode(_search_params(rng))
    if kind == "ruling_page":
        return kind, "/uitspraak/" + quote(rng.choice(slugs))
    if kind == "ruling_api":
        return kind, "/api/v1/rulings/" + quote(rng.choice(slugs))
    params = [("q", rng.choice(WORDS)), ("format", "csv"), ("limit", str(EXPORT_LIMIT))]
    return kind, "/api/v1/search/export?" + urlencode(params)


@dataclass
class _Tally:
    latencies_ms: list[float] = field(default_factory=list)  # of 2xx answers
    by_kind: Counter[str] = field(default_factory=Counter)  # 2xx answers per kind
    rate_limited: int = 0
    rate_limited_with_retry_after: int = 0
    errors: Counter[str] = field(default_factory=Counter)  # "kind status" or "kind ExceptionName"
    health_ms: list[float] = field(default_factory=list)
    health_errors: Counter[str] = field(default_factory=Counter)


async def _load(base: str, slugs: list[str], *, seconds: float, concurrency: int, seed: int) -> dict[str, Any]:
    """``concurrency`` closed-loop workers for ``seconds``, and the ``/healthz`` probe alongside."""
    import aiohttp

    tally = _Tally()
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=concurrency)
    start = time.perf_counter()
    deadline = start + seconds

    async def worker(session: aiohttp.ClientSession, n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        while time.perf_counter() < deadline:
            kind, url = _request(rng, slugs)
            t = time.perf_counter()
            try:
                async with session.get(base + url) as resp:
                    await resp.read()
                    status, retry_after = resp.status, resp.headers.get("Retry-After")
            except (TimeoutError, aiohttp.ClientError) as exc:
                tally.errors[f"{kind} {type(exc).__name__}"] += 1
                continue
            elapsed = (time.perf_counter() - t) * 1000
            if 200 <= status < 300:
                tally.latencies_ms.append(elapsed)
                tally.by_kind[kind] += 1
            elif status == 429:
                tally.rate_limited += 1
                tally.rate_limited_with_retry_after += bool(retry_after and retry_after.isdigit())
            else:
                tally.errors[f"{kind} {status}"] += 1

    async def health_probe() -> None:
        async with aiohttp.ClientSession(timeout=timeout) as session:  # its own connection, as a monitor has
            while time.perf_counter() < deadline:
                t = time.perf_counter()
                try:
                    async with session.get(base + "/healthz") as resp:
                        await resp.read()
                        status = resp.status
                except (TimeoutError, aiohttp.ClientError) as exc:
                    tally.health_errors[type(exc).__name__] += 1
                    status = 0
                elapsed = time.perf_counter() - t
                if status == 200:
                    tally.health_ms.append(elapsed * 1000)
                elif status:
                    tally.health_errors[str(status)] += 1
                await asyncio.sleep(max(0.0, HEALTH_INTERVAL_S - elapsed))

    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await asyncio.gather(health_probe(), *(worker(session, n) for n in range(concurrency)))
    wall = time.perf_counter() - start
    lat, health = tally.latencies_ms, tally.health_ms
    answered = len(lat) + tally.rate_limited + sum(tally.errors.values())
    return {
        "seconds": wall, "concurrency": concurrency, "requests": answered,
        "ok": len(lat), "ok_per_s": len(lat) / wall, "requests_per_s": answered / wall,
        "ok_by_kind": dict(tally.by_kind),
        **{f"p{p}_ms": percentile(lat, p) if lat else float("nan") for p in (50, 95, 99)},
        "rate_limited": tally.rate_limited, "rate_limited_with_retry_after": tally.rate_limited_with_retry_after,
        "errors": sum(tally.errors.values()), "errors_by_kind": dict(tally.errors),
        "healthz_probes": len(health) + sum(tally.health_errors.values()),
        "healthz_errors": dict(tally.health_errors),
        **{f"healthz_p{p}_ms": percentile(health, p) if health else float("nan") for p in (50, 95)},
        "healthz_max_ms": max(health) if health else float("nan"),
    }


def _serve(settings: Any, key: str, port: int, extra_env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``rulings serve`` in its own process, against the bench's Meilisearch (so it does not start its own)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RULINGS_")}
    env.update({"RULINGS_DATA_DIR": str(settings.data_dir), "RULINGS_MEILI_URL": settings.effective_meili_url(),
                "RULINGS_MEILI_KEY": key, "RULINGS_INDEX_NAME": settings.index_name, "RULINGS_LOG_LEVEL": "WARNING",
                **extra_env})
    if settings.database_url:
        env["RULINGS_DATABASE_URL"] = settings.database_url
    return subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, cwd=str(ROOT))


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


def bench_load(seconds: float = 30.0, concurrency: int = 50, n_rulings: int = 10_000, *, tmp: Path | None = None,
               seed: int = 14) -> dict[str, Any]:
    """Build the corpus, then one load run with the default rate limits and one with raised limits (module doc).

    Returns ``{"rulings", "default_limits": {...}, "raised_limits": {...}, "limits": {...}}``; each run holds
    ``requests``, ``ok``, ``ok_per_s``, ``p50_ms``/``p95_ms``/``p99_ms`` (2xx answers), ``rate_limited``,
    ``rate_limited_with_retry_after``, ``errors`` (everything else) with ``errors_by_kind``, and the ``/healthz``
    probe's ``healthz_p50_ms``/``healthz_p95_ms``/``healthz_max_ms`` and ``healthz_errors``.
    """
    from sqlalchemy import select

    from app.indexing import sync_index
    from app.runtime import meilisearch_running, open_index
    from archive.db import open_database, session_scope
    from archive.models import Ruling
    from archive.settings import Settings
    from ingest.pipeline import run_batch

    own_tmp = tmp is None
    work = Path(tempfile.mkdtemp(prefix="rulings-bench-load-")) if tmp is None else tmp
    try:
        settings = Settings(data_dir=work / "load-var", meili_port=free_port(), workers=0)
        db = open_database(settings)
        run_batch([SAMPLES], settings, db.factory)
        made = synthetic_rulings(n_rulings, db.factory)
        with session_scope(db.factory) as s:
            slugs = list(s.scalars(select(Ruling.slug).where(Ruling.status == "published")))
        defaults = Settings()
        result: dict[str, Any] = {
            "rulings": made,
            "limits": {"per_minute": defaults.rate_limit_per_minute, "burst": defaults.rate_limit_burst,
                       "export_cost": defaults.rate_limit_export_cost,
                       "raised_per_minute": int(RAISED_LIMITS["RULINGS_RATE_LIMIT_PER_MINUTE"]),
                       "raised_burst": int(RAISED_LIMITS["RULINGS_RATE_LIMIT_BURST"])}}
        with meilisearch_running(settings):
            sync_index(db.factory, open_index(settings))
            db.engine.dispose()
            key = settings.meili_master_key()
            for name, extra in (("default_limits", {}), ("raised_limits", RAISED_LIMITS)):
                port = free_port()
                proc = _serve(settings, key, port, extra)
                try:
                    base = f"http://127.0.0.1:{port}"
                    wait_healthy(base, proc)
                    result[name] = asyncio.run(_load(base, slugs, seconds=seconds, concurrency=concurrency,
                                                     seed=seed))
                finally:
                    _stop(proc)
        return result
    finally:
        if own_tmp:
            shutil.rmtree(work, ignore_errors=True)


def _errors(run: dict[str, Any]) -> str:
    if not run["errors"]:
        return "0"
    kinds = ", ".join(f"{k}: {n}" for k, n in sorted(run["errors_by_kind"].items()))
    return f"**{run['errors']}** ({kinds})"


def report_lines(r: dict[str, Any]) -> list[str]:
    """Markdown table rows for docs/benchmarks.md."""
    lim, d, u = r["limits"], r["default_limits"], r["raised_limits"]
    mix = ", ".join(f"{share} % {kind.replace('_', ' ')}" for kind, share in MIX)
    lines = [
        f"| load: {u['concurrency']} clients for {u['seconds']:.0f} s on 127.0.0.1, {r['rulings']:,} rulings, "
        f"`rulings serve` (mix: {mix}; exports limit {EXPORT_LIMIT}) | — |",
    ]
    for label, run in ((f"raised limits ({lim['raised_per_minute']:,}/min, burst {lim['raised_burst']:,})", u),
                       (f"default limits ({lim['per_minute']}/min, burst {lim['burst']}, export cost "
                        f"{lim['export_cost']}), one client IP", d)):
        health_errors = sum(run["healthz_errors"].values())
        lines += [
            f"| load, {label}: throughput and latency of 2xx answers | {run['ok_per_s']:.0f} requests/s "
            f"({run['ok']:,} ok of {run['requests']:,}); p50 {run['p50_ms']:.0f} ms, p95 {run['p95_ms']:.0f} ms, "
            f"p99 {run['p99_ms']:.0f} ms |",
            f"| load, {label}: 429s, errors | {run['rate_limited']:,} × 429 "
            f"({run['rate_limited_with_retry_after']:,} with Retry-After); non-429 errors {_errors(run)}; "
            f"all answers {run['requests_per_s']:.0f}/s |",
            f"| load, {label}: `/healthz` every 200 ms ({run['healthz_probes']} probes) | "
            f"p50 {run['healthz_p50_ms']:.1f} ms, p95 {run['healthz_p95_ms']:.1f} ms, max {run['healthz_max_ms']:.0f}"
            f" ms; {health_errors} failed |",
        ]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30.0, help="seconds of load per run")
    ap.add_argument("--concurrency", type=int, default=50)
    ap.add_argument("--rulings", type=int, default=10_000)
    ap.add_argument("--json", action="store_true", help="print the raw result as JSON")
    args = ap.parse_args()
    result = bench_load(args.seconds, args.concurrency, args.rulings)
    print(json.dumps(result, indent=2) if args.json else "\n".join(report_lines(result)))


if __name__ == "__main__":
    main()
