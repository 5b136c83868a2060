"""Search at scale (issue 6): index build rate, API latency, and the API's throughput against Meilisearch direct.

``bench_search_at_scale(n_rulings=10_000)`` (also ``python -m scripts.bench_search``):

1. ingests the sample rulings, clones them into ``n_rulings`` rulings with varied metadata
   (:func:`scripts.bench_common.synthetic_rulings`, then legal references, care types, countries and insurance types);
2. times ``sync_index`` into an empty index on a managed Meilisearch (2 indexing threads): rulings/s, and the
   passages written alongside (the rulings index holds one document per ruling, ``byWord``; the passages index
   the snippet passages, ``byAttribute``);
3. serves the API from a separate uvicorn process (so the load generator does not share its GIL) and measures
   sequential search latency with a query word, 2 filters, every facet and snippets (p50/p95/p99 after warm-up),
   once with ``outcome`` + ``year_from`` and once with two list filters (``outcome`` + ``insurer``: each adds a
   disjunctive facet query);
4. at concurrency 8 (aiohttp, keep-alive) compares searches/s through the API with searches/s sending the very
   requests the API sends to Meilisearch straight to it (the rulings queries in one multi-search, then the
   snippet query), alternating the two in rounds within one run.

Everything runs on this machine against real services; nothing is asserted (benchmarks report, tests check).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scripts.bench_common import SAMPLES, free_port, percentile, synthetic_rulings, wait_healthy
from scripts.bench_load import RAISED_LIMITS

WORDS = ["tandarts", "kronen", "buitenland", "vergoeding", "zorgverzekeraar", "machtiging", "behandelingen",
         "fysiotherapie", "declaraties", "onderzoek"]
OUTCOMES = ["toegewezen", "afgewezen", "gedeeltelijk toegewezen"]
INSURERS = ["Zilveren Kruis", "VGZ", "CZ", "Menzis", "DSW"]
CARE_TYPES = ["mondzorg", "fysiotherapie", "ggz", "hulpmiddelen", "ziekenhuiszorg", "farmacie", "kraamzorg"]
COUNTRIES = ["Turkije", "België", "Duitsland", "Spanje", "Polen", "Marokko"]
REFERENCES = ["zvw:10", "zvw:11", "zvw:13", "zvw:14", "zvw:114:2", "bzv:2.4", "rzv:2.1", "bzv:2.9"]
INSURANCE_TYPES = ["basis", "aanvullend", "basis en aanvullend"]
WARM_UP = 50  # queries before the clock: the first searches after a build touch cold index pages


def _vary_metadata(factory: Any, seed: int = 11) -> int:
    """Give the cloned rulings varied references, care types, countries and insurance types (facet spread)."""
    from sqlalchemy import select

    from archive.db import session_scope
    from archive.models import Ruling
    from archive.store import content_hash

    rng = random.Random(seed)
    changed = 0
    with session_scope(factory) as s:
        for r in s.scalars(select(Ruling).where(Ruling.slug.like("BENCH%"))):
            refs = rng.sample(REFERENCES, rng.randint(0, 3))
            r.references = [{"id": ref, "text": f"artikel {ref}", "url": None} for ref in refs]
            metadata = dict(r.metadata_json or {})
            metadata["care_types"] = rng.sample(CARE_TYPES, rng.randint(1, 2))
            metadata["countries"] = rng.sample(COUNTRIES, 1) if rng.random() < 0.3 else []
            r.metadata_json = metadata
            r.insurance_type = rng.choice(INSURANCE_TYPES)
            r.content_hash = content_hash(r)
            changed += 1
            if changed % 1000 == 0:
                s.flush()
    return changed


Param = tuple[str, str | int | float | bool | None]


FOUR_FACETS = ("topic", "insurer", "outcome", "year")


def _search_params(rng: random.Random, *, two_lists: bool, all_facets: bool = False,
                   words: Sequence[str] = WORDS) -> list[Param]:
    """A query word (of ``words``) and 2 filters; the 4 classic facets unless ``all_facets`` (then all 9 are
    counted)."""
    params: list[Param] = [("q", rng.choice(words)), ("outcome", rng.choice(OUTCOMES))]
    if two_lists:
        params.append(("insurer", rng.choice(INSURERS)))
    else:
        params.append(("year_from", str(rng.choice([2010, 2014, 2018]))))
    if not all_facets:
        params += [("facet", f) for f in FOUR_FACETS]
    return params


def _to_query(params: Sequence[tuple[str, Any]]) -> Any:
    from search_index.query import SearchQuery

    values: dict[str, Any] = {"filters": {}}
    for k, v in params:
        if k == "q":
            values["q"] = v
        elif k == "year_from":
            values["year_from"] = int(str(v))
        elif k == "facet":
            values.setdefault("facets", []).append(v)
        else:
            values["filters"].setdefault(k, []).append(v)
    return SearchQuery(**values).plan()


def _start_api(settings: Any, key: str, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RULINGS_")}
    env.update({"RULINGS_DATA_DIR": str(settings.data_dir), "RULINGS_MEILI_URL": settings.effective_meili_url(),
                "RULINGS_MEILI_KEY": key, "RULINGS_INDEX_NAME": settings.index_name, "RULINGS_LOG_LEVEL": "WARNING",
                # One client IP sending hundreds of searches a second: the default limits would answer 429s (the
                # limiter still runs on every request, as in production).
                **RAISED_LIMITS})
    if settings.database_url:
        env["RULINGS_DATABASE_URL"] = settings.database_url
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1", "--port",
         str(port), "--log-level", "warning", "--no-access-log"],
        env=env, cwd=str(Path(__file__).resolve().parents[1]),
    )


def _direct_search(client: Any, index_name: str, params: Sequence[Param]) -> None:
    """One search's Meilisearch traffic as the API sends it: the rulings queries, then the page's snippets."""
    from search_index.query import build_requests, snippet_request
    from search_index.settings import passages_uid

    query = _to_query(params)
    r = client.post("/multi-search", json={"queries": build_requests(index_name, query)})
    r.raise_for_status()
    ids = [h["ruling_id"] for h in r.json()["results"][0]["hits"]]
    snippets = snippet_request(passages_uid(index_name), query, ids)
    if snippets:
        client.post("/multi-search", json={"queries": [snippets]}).raise_for_status()


def _sequential(base: str, n_queries: int, *, two_lists: bool, seed: int, all_facets: bool = False,
                direct: tuple[str, str, str] | None = None, words: Sequence[str] = WORDS) -> dict[str, float]:
    """Latency of one search at a time through the API, or (``direct`` = (meili url, key, index)) of the same
    Meilisearch requests sent straight to Meilisearch: the difference is what the API adds."""
    import httpx

    rng = random.Random(seed)
    lat: list[float] = []
    headers = {"Authorization": f"Bearer {direct[1]}", "Accept-Encoding": "identity"} if direct else {}
    with httpx.Client(base_url=direct[0] if direct else base, timeout=30, headers=headers) as client:
        for i in range(n_queries + WARM_UP):
            params = _search_params(rng, two_lists=two_lists, all_facets=all_facets, words=words)
            t = time.perf_counter()
            if direct:
                _direct_search(client, direct[2], params)
            else:
                client.get("/api/v1/search", params=params).raise_for_status()
            elapsed = (time.perf_counter() - t) * 1000
            if i >= WARM_UP:  # warm-up excluded
                lat.append(elapsed)
    return {"queries": len(lat), **{f"p{p}_ms": percentile(lat, p) for p in (50, 95, 99)}}


Request = tuple[str, str, bytes | None]  # method, url, body
# One search: steps run one after the other, the requests of a step at the same time.
Search = list[list[Request]]


async def _throughput(searches: Sequence[Search], headers: dict[str, str], concurrency: int,
                      seconds: float) -> float:
    """Searches/s completed by ``concurrency`` keep-alive workers cycling through ``searches`` for ``seconds``."""
    import aiohttp

    done = 0
    connector = aiohttp.TCPConnector(limit=2 * concurrency)
    async with aiohttp.ClientSession(connector=connector, headers=headers, auto_decompress=False) as session:
        deadline = time.perf_counter() + seconds

        async def send(request: Request) -> None:
            method, url, body = request
            async with session.request(method, url, data=body) as resp:
                await resp.read()
                if resp.status >= 400:
                    raise RuntimeError(f"{url} answered {resp.status}")

        async def worker(offset: int) -> None:
            nonlocal done
            i = offset
            while time.perf_counter() < deadline:
                for step in searches[i % len(searches)]:
                    await asyncio.gather(*(send(r) for r in step))
                done += 1
                i += concurrency

        start = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(concurrency)))
        return done / (time.perf_counter() - start)


def _side_by_side(base: str, index_name: str, meili_url: str, key: str, *, concurrency: int, seconds: float,
                  rounds: int, seed: int, words: Sequence[str] = WORDS) -> dict[str, float]:
    """Searches/s through the API against searches/s sending Meilisearch the very requests the API sends for
    them (the main query and the disjunctive facet queries in one multi-search, then the snippet query), in
    alternating rounds. The snippet requests are prepared once: they only depend on the page's ruling ids."""
    from urllib.parse import urlencode

    import httpx

    from search_index.query import build_requests, snippet_request
    from search_index.settings import passages_uid

    rng = random.Random(seed)
    param_sets = [_search_params(rng, two_lists=False, words=words) for _ in range(200)]
    api: list[Search] = [[[("GET", f"{base}/api/v1/search?{urlencode(p)}", None)]] for p in param_sets]
    direct_headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json",
                      "Accept-Encoding": "identity"}
    url = f"{meili_url}/multi-search"
    direct: list[Search] = []
    with httpx.Client(base_url=meili_url, headers=direct_headers, timeout=30) as client:
        for p in param_sets:
            query = _to_query(p)
            requests = build_requests(index_name, query)
            page = client.post("/multi-search", json={"queries": requests[:1]}).json()["results"][0]
            first: list[Request] = [("POST", url, json.dumps({"queries": requests}).encode())]
            search: Search = [first]
            snippets = snippet_request(passages_uid(index_name), query, [h["ruling_id"] for h in page["hits"]])
            if snippets:
                search.append([("POST", url, json.dumps({"queries": [snippets]}).encode())])
            direct.append(search)
    api_rates, direct_rates = [], []
    for _ in range(rounds):
        direct_rates.append(asyncio.run(_throughput(direct, direct_headers, concurrency, seconds)))
        api_rates.append(asyncio.run(_throughput(api, {"Accept-Encoding": "identity"}, concurrency, seconds)))
    api_rps, direct_rps = statistics.median(api_rates), statistics.median(direct_rates)
    return {"concurrency": concurrency, "api_rps": api_rps, "direct_rps": direct_rps,
            "api_share": api_rps / direct_rps if direct_rps else 0.0, "rounds": rounds, "seconds_per_phase": seconds}


def bench_search_at_scale(n_rulings: int = 10_000, n_queries: int = 300, *, concurrency: int = 8,
                          seconds_per_phase: float = 10.0, rounds: int = 3, tmp: Path | None = None,
                          seed: int = 7) -> dict[str, Any]:
    """Build ``n_rulings`` rulings, index them, and measure the search figures of issue 6 (see module doc).

    Returns ``{"rulings", "passages", "index_build_s", "index_rulings_per_s",
    "sequential": {p50_ms, p95_ms, p99_ms, queries} (q + 2 filters + 4 facets + snippets, the issue's target),
    "sequential_direct" (the same multi-searches sent to Meilisearch), "sequential_all_facets[_direct]" (all 9
    facets), "sequential_two_list_filters",
    "throughput": {concurrency, api_rps, direct_rps, api_share, ...}}``. Takes several minutes at 10,000
    rulings on 2 cores.
    """
    from app.indexing import sync_index
    from app.runtime import meilisearch_running, open_index
    from archive.db import open_database
    from archive.settings import Settings
    from ingest.pipeline import run_batch

    own_tmp = tmp is None
    work = Path(tempfile.mkdtemp(prefix="rulings-bench-search-")) if tmp is None else tmp
    try:
        settings = Settings(data_dir=work / "search-var", meili_port=free_port(), workers=0)
        db = open_database(settings)
        run_batch([SAMPLES], settings, db.factory)
        made = synthetic_rulings(n_rulings, db.factory)
        _vary_metadata(db.factory)
        result: dict[str, Any] = {"rulings": made}
        with meilisearch_running(settings):
            index = open_index(settings)
            key = settings.meili_master_key()
            t0 = time.perf_counter()
            sync_index(db.factory, index)
            build = time.perf_counter() - t0
            passages = int(index.client.raw.index(index.passages).get_stats().number_of_documents)
            result.update({"index_build_s": build, "index_rulings_per_s": made / build, "passages": passages})
            port = free_port()
            api = _start_api(settings, key, port)
            base = f"http://127.0.0.1:{port}"
            try:
                wait_healthy(base)
                meili = (settings.effective_meili_url(), key, index.name)
                result["sequential"] = _sequential(base, n_queries, two_lists=False, seed=seed)
                result["sequential_direct"] = _sequential(base, n_queries, two_lists=False, seed=seed, direct=meili)
                result["sequential_all_facets"] = _sequential(base, n_queries, two_lists=False, seed=seed,
                                                              all_facets=True)
                result["sequential_all_facets_direct"] = _sequential(base, n_queries, two_lists=False, seed=seed,
                                                                     all_facets=True, direct=meili)
                result["sequential_two_list_filters"] = _sequential(base, n_queries, two_lists=True, seed=seed)
                result["throughput"] = _side_by_side(base, index.name, settings.effective_meili_url(), key,
                                                     concurrency=concurrency, seconds=seconds_per_phase,
                                                     rounds=rounds, seed=seed)
            finally:
                api.terminate()
                api.wait(timeout=10)
        db.engine.dispose()
        return result
    finally:
        if own_tmp:
            shutil.rmtree(work, ignore_errors=True)


async def _asgi_get(app: Any, path: str, query: bytes) -> bytes:
    """One GET through the whole ASGI app (middleware, routing, the route), without a server; the body."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query, "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), (b"accept-encoding", b"identity")],
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80)}
    status: list[int] = []
    body: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])
        elif message["type"] == "http.response.body":
            body.append(message.get("body", b""))

    await app(scope, receive, send)
    if status != [200]:
        raise RuntimeError(f"{path} answered {status}")
    return b"".join(body)


def app_cpu_per_search(settings: Any, param_sets: Sequence[Sequence[Param]], *, rounds: int = 5,
                       replay: bool = False) -> dict[str, Any]:
    """CPU ms per ``/api/v1/search`` of the whole app in this process (ASGI calls, one at a time, no uvicorn),
    median of ``rounds`` passes over ``param_sets`` after a warm-up pass, from ``time.process_time``.

    With ``replay`` the Meilisearch answers of the warm-up pass are kept and every later multi-search gets a
    decoded copy of its recorded answer: the figure is then the app's own code (parameters, plan, requests,
    decoding, hits, snippets, facets, JSON, middleware), without the HTTP exchanges and the waits, which on a
    shared 2-core machine vary with the neighbours. Without it, the exchanges are included. ``settings`` point at
    a running Meilisearch with the index (its key in ``settings.meili_key``).
    """
    from urllib.parse import urlencode

    import orjson
    import uvloop

    from app.main import create_app
    from search_index.client import AsyncMeiliClient

    queries = [urlencode(list(p)).encode() for p in param_sets]
    original = AsyncMeiliClient.multi_search
    recorded: dict[bytes, bytes] = {}

    async def replaying(client: AsyncMeiliClient, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
        key = orjson.dumps(requests)
        if key not in recorded:
            recorded[key] = orjson.dumps(await original(client, requests))
        return list(orjson.loads(recorded[key]))

    async def run() -> list[float]:
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            for q in queries:
                await _asgi_get(app, "/api/v1/search", q)
            per: list[float] = []
            for _ in range(rounds):
                t0 = time.process_time()
                for q in queries:
                    await _asgi_get(app, "/api/v1/search", q)
                per.append((time.process_time() - t0) / len(queries) * 1000)
            return per

    if replay:
        AsyncMeiliClient.multi_search = replaying  # type: ignore[method-assign,assignment]
    try:
        per = uvloop.run(run())
    finally:
        AsyncMeiliClient.multi_search = original  # type: ignore[method-assign]
    return {"cpu_ms_per_search": statistics.median(per), "rounds": [round(x, 3) for x in per],
            "searches": len(queries), "replayed": replay}


def in_process(data_dir: Path, *, queries: int = 300, rounds: int = 5, all_facets: bool = False,
               donor_cache: Path | None = None, seed: int = 16) -> dict[str, Any]:
    """:func:`app_cpu_per_search` on the index of a ``bench_scale`` run (its Meilisearch running on ``data_dir``)
    with ``bench_scale``'s query words and search mix, with and without replayed answers. ``donor_cache``: the
    donors pickle of ``bench_scale --donor-cache`` (saves parsing the corpus again)."""
    import pickle

    import __main__
    from archive.settings import Settings
    from scripts.bench_scale import Donor, _running_meilisearch, load_donors, query_words

    _pid, port = _running_meilisearch((data_dir / "meili" / "data.ms").absolute())
    probe = Settings(data_dir=data_dir, meili_url=f"http://127.0.0.1:{port}")
    os.environ.update(RAISED_LIMITS)
    settings = Settings(data_dir=data_dir, meili_url=f"http://127.0.0.1:{port}", meili_key=probe.meili_master_key(),
                        rate_limit_per_minute=int(RAISED_LIMITS["RULINGS_RATE_LIMIT_PER_MINUTE"]),
                        rate_limit_burst=int(RAISED_LIMITS["RULINGS_RATE_LIMIT_BURST"]))
    if donor_cache is not None and donor_cache.exists():
        if not hasattr(__main__, "Donor"):
            __main__.Donor = Donor  # type: ignore[attr-defined]  # bench_scale ran as __main__ when it pickled them
        donors = pickle.loads(donor_cache.read_bytes())
    else:
        donors = load_donors()
    words = query_words(donors, seed=seed)
    rng = random.Random(seed)
    params = [_search_params(rng, two_lists=False, all_facets=all_facets, words=words) for _ in range(queries)]
    return {"replayed": app_cpu_per_search(settings, params, rounds=rounds, replay=True),
            "live": app_cpu_per_search(settings, params, rounds=rounds, replay=False)}


def report_lines(r: dict[str, Any]) -> list[str]:
    """Markdown table rows for docs/benchmarks.md."""
    seq, two, tp = r["sequential"], r["sequential_two_list_filters"], r["throughput"]
    seq_d, every, every_d = r["sequential_direct"], r["sequential_all_facets"], r["sequential_all_facets_direct"]
    return [
        f"| index build ({r['rulings']:,} rulings + {r['passages']:,} passages; 2 threads) | "
        f"{r['index_rulings_per_s']:.1f} rulings/s ({r['index_build_s']:.0f} s) |",
        f"| API search, sequential, q + outcome + year_from + 4 facets + snippets ({seq['queries']} searches) | "
        f"p50 {seq['p50_ms']:.1f} ms, p95 {seq['p95_ms']:.1f} ms, p99 {seq['p99_ms']:.1f} ms "
        f"(Meilisearch direct: p50 {seq_d['p50_ms']:.1f}, p95 {seq_d['p95_ms']:.1f}) |",
        f"| the same with all 9 facets | p50 {every['p50_ms']:.1f} ms, p95 {every['p95_ms']:.1f} ms "
        f"(direct: p50 {every_d['p50_ms']:.1f}, p95 {every_d['p95_ms']:.1f}) |",
        f"| API search, sequential, q + outcome + insurer + 4 facets + snippets (2 disjunctive facet queries) | "
        f"p50 {two['p50_ms']:.1f} ms, p95 {two['p95_ms']:.1f} ms, p99 {two['p99_ms']:.1f} ms |",
        f"| throughput at concurrency {tp['concurrency']}: API vs Meilisearch direct (median of {tp['rounds']} "
        f"rounds) | {tp['api_rps']:.0f} vs {tp['direct_rps']:.0f} searches/s = {100 * tp['api_share']:.0f} % |",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rulings", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seconds", type=float, default=10.0, help="seconds per throughput phase")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the raw result as JSON")
    ap.add_argument("--in-process", type=Path, default=None, metavar="DATA_DIR",
                    help="only measure the app's CPU per search in this process on the index of a bench_scale run "
                         "(its Meilisearch running on DATA_DIR), with Meilisearch's answers replayed and live")
    ap.add_argument("--all-facets", action="store_true", help="with --in-process: count all 9 facets")
    ap.add_argument("--donor-cache", type=Path, default=None, help="with --in-process: bench_scale's donors pickle")
    args = ap.parse_args()
    if args.in_process is not None:
        print(json.dumps(in_process(args.in_process, queries=args.queries, all_facets=args.all_facets,
                                    donor_cache=args.donor_cache), indent=2))
        return
    result = bench_search_at_scale(args.rulings, args.queries, seconds_per_phase=args.seconds, rounds=args.rounds)
    print(json.dumps(result, indent=2) if args.json else "\n".join(report_lines(result)))


if __name__ == "__main__":
    main()
