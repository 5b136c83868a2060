"""Rate limiting per client: a cost per request, a sustained rate and a burst, counted in the process or in Redis.

The algorithm is GCRA (the "generic cell rate algorithm", a token bucket kept as one number per client: the time
at which its bucket will be full again). A request of cost ``c`` is allowed when, after adding ``c`` units, the
client is at most ``burst`` units ahead of the sustained rate; otherwise it waits, and the answer says how long
(``Retry-After``). One number per client makes the Redis version a single atomic script, so several server
processes share one budget per client; Redis's own clock is used, so the processes need not agree on the time.

Costs (:func:`request_cost`): an export or a bulk file download costs ``RULINGS_RATE_LIMIT_EXPORT_COST``, every
other page or API call 1;
``/healthz`` and static files are free, so a monitor and a page's stylesheet never use a client's budget.
A client is the address uvicorn reports: behind a reverse proxy, run uvicorn with ``--proxy-headers`` and
``--forwarded-allow-ips`` so that it is the visitor's address rather than the proxy's (docs/operations.md).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from app.error_responses import error_response
from archive.settings import Settings

log = logging.getLogger(__name__)

EXPORT_PATHS = ("/api/v1/search/export",)
EXPORT_PREFIXES = ("/api/v1/bulk/",)  # a bulk file is the whole archive: at least as heavy as an export
FREE_PATHS = ("/healthz",)
FREE_PREFIXES = ("/static/", "/docs-static/")


@dataclass(frozen=True)
class Rate:
    """``per_minute`` units sustained, up to ``burst`` units at once."""

    per_minute: int
    burst: int

    @property
    def interval(self) -> float:
        """Seconds one unit takes to come back."""
        return 60.0 / self.per_minute


class Limiter(Protocol):
    async def spend(self, client: str, cost: int) -> float:
        """Spend ``cost`` units of ``client``'s budget: 0.0 if allowed, else the seconds until it would be."""

    async def aclose(self) -> None: ...


class MemoryLimiter:
    """GCRA counters in this process (the default: one server process)."""

    MAX_CLIENTS = 100_000  # beyond this, clients whose bucket is full again are forgotten

    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.clock = clock
        self._tat: dict[str, float] = {}
        self._lock = threading.Lock()

    async def spend(self, client: str, cost: int) -> float:
        interval, now = self.rate.interval, self.clock()
        with self._lock:
            tat = max(self._tat.get(client, now), now)
            new_tat = tat + cost * interval
            wait = new_tat - self.rate.burst * interval - now
            if wait > 0:
                return wait
            self._tat[client] = new_tat
            if len(self._tat) > self.MAX_CLIENTS:
                self._tat = {k: v for k, v in self._tat.items() if v > now}
            return 0.0

    async def aclose(self) -> None:
        return None


# KEYS[1] = the client's key; ARGV = interval (s/unit), burst (units), cost (units). Returns the wait, "0" if allowed.
_GCRA_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local interval, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local new_tat = tat + cost * interval
local wait = new_tat - burst * interval - now
if wait > 0 then return tostring(wait) end
redis.call('SET', KEYS[1], string.format('%.6f', new_tat), 'PX', math.ceil((new_tat - now) * 1000) + 1000)
return '0'
"""


class RedisLimiter:
    """GCRA counters in Redis, shared by every server process that uses the same Redis and key prefix.

    If Redis cannot be reached the request is allowed (and a warning logged at most once a minute): the limiter
    protects the service, and an outage of Redis should not turn into an outage of the archive.
    """

    def __init__(self, rate: Rate, url: str, prefix: str) -> None:
        import redis.asyncio as aioredis

        self.rate = rate
        self.prefix = prefix
        self.client: Any = aioredis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self.script = self.client.register_script(_GCRA_LUA)
        self._warned_at = -math.inf

    async def spend(self, client: str, cost: int) -> float:
        from redis.exceptions import RedisError

        try:
            wait = await self.script(keys=[self.prefix + client],
                                     args=[repr(self.rate.interval), self.rate.burst, cost])
        except (RedisError, OSError) as exc:
            if time.monotonic() - self._warned_at > 60:
                self._warned_at = time.monotonic()
                log.warning("rate limiting skipped: Redis unavailable (%s)", type(exc).__name__)
            return 0.0
        return float(wait)

    async def aclose(self) -> None:
        await self.client.aclose()


def make_limiter(settings: Settings) -> Limiter | None:
    """The limiter the settings ask for, or None when rate limiting is off (``RULINGS_RATE_LIMIT_PER_MINUTE=0``)."""
    if not settings.rate_limit_per_minute:
        return None
    rate = Rate(settings.rate_limit_per_minute, settings.rate_limit_burst)
    if settings.redis_url:
        return RedisLimiter(rate, settings.redis_url, prefix=f"rulings:{settings.index_name}:ratelimit:")
    return MemoryLimiter(rate)


def request_cost(path: str, export_cost: int) -> int:
    if path in FREE_PATHS or path.startswith(FREE_PREFIXES):
        return 0
    return export_cost if path in EXPORT_PATHS or path.startswith(EXPORT_PREFIXES) else 1


def client_key(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class RateLimitMiddleware:
    """Answers 429 with ``Retry-After`` (in the one error shape) once a client has spent its budget."""

    def __init__(self, app: ASGIApp, limiter: Limiter | None, export_cost: int) -> None:
        self.app = app
        self.limiter = limiter
        self.export_cost = export_cost

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limiter is None:
            await self.app(scope, receive, send)
            return
        cost = request_cost(scope.get("path", ""), self.export_cost)
        wait = await self.limiter.spend(client_key(scope), cost) if cost else 0.0
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        retry_after = str(max(1, math.ceil(wait)))
        response = error_response(
            Request(scope), 429, "rate_limited", f"Too many requests: try again in {retry_after} s.",
            html_message=f"U heeft in korte tijd te veel verzoeken gedaan. Probeer het over {retry_after} "
                         f"seconden opnieuw.",
            detail={"retry_after": int(retry_after)}, headers={"Retry-After": retry_after})
        await response(scope, receive, send)
