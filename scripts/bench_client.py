"""Does ``search_index/http.py`` still earn its place? The search hot path's HTTP client against aiohttp (the
maintained async client it replaced) in one run.

Both send the same multi-search (a query word, two filters, four facets: what a search page asks the rulings
index) to one managed Meilisearch holding the samples, at concurrency 8 over keep-alive connections, in
alternating rounds. Reported per client: the client process's CPU time per request (what the API pays for its
HTTP client on every search; Meilisearch's own CPU is in another process and the same for both) and requests per
second, medians over the rounds, and the ratio. The official ``meilisearch`` package is synchronous: on the
event loop it would need a thread per request, so it is not a candidate for the hot path.

``python -m scripts.bench_client [--requests N] [--rounds R]``; :func:`bench_clients` is called by ``make bench``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from scripts.bench_common import free_port

CONCURRENCY = 8
BODY = {"queries": [{
    "indexUid": "bench", "q": "tandarts", "page": 1, "hitsPerPage": 20,
    "filter": '(outcome IN ["afgewezen", "toegewezen"]) AND (year >= 2000)',
    "facets": ["topic_keys", "outcome", "insurer", "year"],
    "attributesToRetrieve": ["ruling_id", "title"],
}]}


def _documents(n: int = 2_000) -> list[dict[str, Any]]:
    words = ["tandarts", "kroon", "buitenland", "vergoeding", "machtiging", "fysiotherapie", "declaratie"]
    return [{"ruling_id": i, "title": f"Uitspraak {i}",
             "text": " ".join(words[(i + k) % len(words)] for k in range(40)),
             "outcome": ["afgewezen", "toegewezen", "gedeeltelijk toegewezen"][i % 3], "year": 1995 + i % 30,
             "insurer": ["CZ", "VGZ", "Menzis", "DSW"][i % 4], "topic_keys": [f"t{i % 9}|Onderwerp {i % 9}"]}
            for i in range(n)]


async def _load(send: Callable[[], Awaitable[None]], n: int) -> tuple[float, float]:
    """(client CPU seconds, wall seconds) for ``n`` requests at :data:`CONCURRENCY`."""
    remaining = n

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await send()

    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return time.process_time() - cpu, time.perf_counter() - wall


async def _rounds(url: str, key: str, requests: int, rounds: int) -> dict[str, dict[str, float]]:
    import aiohttp

    from search_index.http import HttpClient

    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json",
               "Accept-Encoding": "identity"}
    payload = json.dumps(BODY).encode()
    ours = HttpClient(url, headers, timeout_s=10.0)
    session = aiohttp.ClientSession(headers=headers, connector=aiohttp.TCPConnector(limit=64))

    async def send_ours() -> None:
        response = await ours.request("POST", "multi-search", payload)
        if response.status != 200:
            raise RuntimeError(f"multi-search answered {response.status}")
        json.loads(response.body)

    async def send_aiohttp() -> None:
        async with session.post(f"{url}/multi-search", data=payload) as response:
            if response.status != 200:
                raise RuntimeError(f"multi-search answered {response.status}")
            json.loads(await response.read())

    clients = {"search_index.http": send_ours, "aiohttp": send_aiohttp}
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in clients}
    try:
        for send in clients.values():  # warm-up: connections open, caches warm
            await _load(send, 200)
        for _ in range(rounds):
            for name, send in clients.items():
                samples[name].append(await _load(send, requests))
    finally:
        await ours.aclose()
        await session.close()
    return {name: {"cpu_us_per_request": statistics.median(c / requests * 1e6 for c, _ in runs),
                   "requests_per_s": statistics.median(requests / w for _, w in runs)}
            for name, runs in samples.items()}


def bench_clients(requests: int = 3_000, rounds: int = 5) -> dict[str, Any]:
    """Start a managed Meilisearch with a small index, then compare the two clients (see the module doc)."""
    from archive.settings import Settings
    from search_index import ManagedMeilisearch, find_meili_binary
    from search_index.client import MeiliClient

    key = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory(prefix="rulings-bench-client-") as tmp, \
            ManagedMeilisearch(find_meili_binary(Settings()), Path(tmp), free_port(), key) as server:
        admin = MeiliClient(server.url, key)
        admin.create_index("bench", "ruling_id")
        admin.update_settings("bench", {"filterableAttributes": ["outcome", "year", "insurer", "topic_keys"]})
        admin.wait(admin.add_documents("bench", _documents(), "ruling_id"))
        result = asyncio.run(_rounds(server.url, key, requests, rounds))
    ours, theirs = result["search_index.http"], result["aiohttp"]
    return {**result, "cpu_ratio": theirs["cpu_us_per_request"] / ours["cpu_us_per_request"],
            "throughput_ratio": ours["requests_per_s"] / theirs["requests_per_s"], "requests": requests,
            "rounds": rounds}


def report_lines(r: dict[str, Any]) -> list[str]:
    ours, theirs = r["search_index.http"], r["aiohttp"]
    return [
        f"| HTTP client CPU per multi-search, concurrency {CONCURRENCY} (median of {r['rounds']} rounds of "
        f"{r['requests']}) | search_index.http {ours['cpu_us_per_request']:.0f} µs, aiohttp "
        f"{theirs['cpu_us_per_request']:.0f} µs: aiohttp costs {r['cpu_ratio']:.2f}x |",
        f"| HTTP client throughput, same run | search_index.http {ours['requests_per_s']:.0f}/s, aiohttp "
        f"{theirs['requests_per_s']:.0f}/s: ratio {r['throughput_ratio']:.2f} |",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--requests", type=int, default=3_000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    print("\n".join(report_lines(bench_clients(args.requests, args.rounds))))


if __name__ == "__main__":
    main()
