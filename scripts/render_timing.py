"""Server-render timing of the HTML pages, for ``make bench`` (``scripts/bench.py``) and for the page tests.

``measure_page_renders(base_url, ruling_slugs=[...])`` requests ``/?q=…`` and ``/uitspraak/{slug}`` over HTTP
(sequentially, after a warm-up) from a running app and returns p50/p95/p99 in milliseconds per page, plus the
JSON twin of the search (``/api/v1/search``) so the cost of the HTML over the JSON is visible. The times are
whole requests on loopback: routing, the service call (Meilisearch query or database read, similar rulings),
template rendering and transfer.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from itertools import cycle
from typing import Any

from scripts.bench_common import percentile

DEFAULT_QUERIES: tuple[str, ...] = ("tandarts", "buitenland", "fysiotherapie", "fraude", "machtiging", "",
                                    "vergoeding", "entreegeld", "kronen", "registratie")


def _summary(times: list[float], sizes: list[int]) -> dict[str, float]:
    return {"n": len(times), "p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2),
            "p99_ms": round(percentile(times, 99), 2), "max_ms": round(max(times), 2),
            "html_kb_median": round(statistics.median(sizes) / 1024, 1)}


def measure_page_renders(base_url: str, *, ruling_slugs: Sequence[str], queries: Sequence[str] = DEFAULT_QUERIES,
                         n: int = 100, warmup: int = 10, timeout: float = 30.0) -> dict[str, dict[str, Any]]:
    """p50/p95/p99 (ms) of ``GET /?q=…`` ("search"), ``GET /uitspraak/{slug}`` ("ruling") and the JSON twin
    ``GET /api/v1/search?q=…`` ("api_search"), ``n`` requests each after ``warmup`` unmeasured ones."""
    import httpx

    if not ruling_slugs:
        raise ValueError("ruling_slugs must name at least one published ruling")
    targets: dict[str, list[tuple[str, dict[str, str]]]] = {
        "search": [("/", {"q": q} if q else {}) for q in queries],
        "ruling": [(f"/uitspraak/{s}", {}) for s in ruling_slugs],
        "api_search": [("/api/v1/search", {"q": q} if q else {}) for q in queries],
    }
    out: dict[str, dict[str, Any]] = {}
    headers = {"Accept": "text/html", "Accept-Encoding": "identity"}
    with httpx.Client(base_url=base_url, timeout=timeout, headers=headers) as client:
        for name, requests in targets.items():
            times: list[float] = []
            sizes: list[int] = []
            for i, (path, params) in zip(range(n + warmup), cycle(requests), strict=False):
                t0 = time.perf_counter()
                response = client.get(path, params=params)
                elapsed = (time.perf_counter() - t0) * 1000
                response.raise_for_status()
                if i >= warmup:
                    times.append(elapsed)
                    sizes.append(len(response.content))
            out[name] = _summary(times, sizes)
    return out
