"""A small keep-alive HTTP/1.1 client for the search hot path (one host, JSON bodies).

Why not aiohttp or httpx: per request they build request and response objects, header multidicts, URL objects,
timers and payload writers, and write the head and the body in two syscalls. Profiled at concurrency 8 that was
a fifth of the API's CPU per search, for two small POSTs to one local server. Here a request is one ``write`` of
a prebuilt head plus the body, and the answer is parsed by ``httptools`` (llhttp, the parser uvicorn uses) in a
:class:`asyncio.Protocol`; the event loop never runs a task or a stream reader for it.

What it does: pooled keep-alive connections (at most ``max_connections``, the rest wait), HTTP and HTTPS,
Content-Length, chunked and close-delimited bodies, a total timeout per request, and one retry on a fresh
connection when a reused one turns out to be closed before any answer arrived (a server closes idle keep-alive
connections; Meilisearch after 5 s). What it does not: redirects, proxies, cookies, compression (we ask for
``identity``), request streaming. Errors leave as :class:`OSError`, :class:`TimeoutError` or
:class:`HttpProtocolError`; :mod:`search_index.client` translates them.
"""

from __future__ import annotations

import asyncio
import ssl
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import httptools

DEFAULT_MAX_CONNECTIONS = 64
MAX_IDLE_CONNECTIONS = 16


class HttpProtocolError(OSError):
    """The server broke HTTP: an unparsable answer, or the connection closed in the middle of one."""


@dataclass(frozen=True)
class HttpResponse:
    status: int
    body: bytes


class _Connection(asyncio.Protocol):
    """One keep-alive connection; one request at a time."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.waiter: asyncio.Future[HttpResponse] | None = None
        self.closed = False
        self.received = False  # bytes of the current answer arrived (a retry would then be unsafe)
        self._body: list[bytes] = []
        self._headers_done = False
        self._length_known = False
        self._complete = False

    # asyncio.Protocol -------------------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.received = True
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(HttpProtocolError(f"unparsable HTTP answer: {exc}"))
            self.close()

    def eof_received(self) -> bool | None:
        return None  # close our side too; connection_lost follows

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.waiter is None or self.waiter.done():
            return
        if self._headers_done and not self._length_known and not self._complete:
            self._finish()  # a body delimited by the end of the connection
            return
        self._fail(HttpProtocolError("connection closed before the answer was complete") if exc is None else exc)

    # httptools callbacks ----------------------------------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        if name.lower() in (b"content-length", b"transfer-encoding"):
            self._length_known = True

    def on_headers_complete(self) -> None:
        self._headers_done = True
        status = self.parser.get_status_code()
        if status in (204, 304) or 100 <= status < 200:
            self._length_known = True

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        self._complete = True
        if not self.parser.should_keep_alive():
            self.closed = True
        self._finish()

    # ------------------------------------------------------------------------------------------------------

    def send(self, data: bytes) -> asyncio.Future[HttpResponse]:
        assert self.transport is not None
        self.waiter = self.loop.create_future()
        self.received = self._headers_done = self._length_known = self._complete = False
        self._body = []
        self.transport.write(data)
        return self.waiter

    def _finish(self) -> None:
        waiter, self.waiter = self.waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(HttpResponse(self.parser.get_status_code(), b"".join(self._body)))
        self._body = []
        if self.closed:
            self.close()

    def _fail(self, exc: BaseException) -> None:
        waiter, self.waiter = self.waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_exception(exc)

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()


class HttpClient:
    """Keep-alive requests to one base URL, from one event loop (the one of the first request)."""

    def __init__(
        self,
        base_url: str,
        headers: Mapping[str, str] | None = None,
        *,
        timeout_s: float = 10.0,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        self.host = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        # https verifies the server's certificate against the system's CAs unless given a context of its own.
        self.ssl = (ssl_context or ssl.create_default_context()) if parts.scheme == "https" else None
        self.prefix = parts.path.rstrip("/")
        self.timeout_s = timeout_s
        self.max_connections = max_connections
        host_header = parts.netloc.rpartition("@")[2]
        fixed = {"Host": host_header, "Connection": "keep-alive", **(headers or {})}
        self._fixed_headers = "".join(f"{k}: {v}\r\n" for k, v in fixed.items())
        self._idle: deque[_Connection] = deque()
        self._slots = asyncio.Semaphore(max_connections)  # binds to the loop of its first use
        self._open: set[_Connection] = set()
        self.loop: asyncio.AbstractEventLoop | None = None

    async def request(self, method: str, path: str, body: bytes | None = None,
                      content_type: str = "application/json") -> HttpResponse:
        """Send one request and return its answer (any status); raise on transport failure or timeout."""
        head = f"{method} {self.prefix}/{path.lstrip('/')} HTTP/1.1\r\n{self._fixed_headers}"
        if body is not None:
            head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        elif method in ("POST", "PUT", "PATCH"):
            head += "Content-Length: 0\r\n"
        data = (head + "\r\n").encode("latin-1") + (body or b"")
        loop = asyncio.get_running_loop()
        if self.loop is not loop:
            self._forget_loop(loop)
        async with self._slots:
            deadline = loop.time() + self.timeout_s
            for attempt in (0, 1):
                conn, reused = await self._connection(deadline)
                try:
                    response = await self._exchange(conn, data, deadline)
                except asyncio.CancelledError:
                    self._discard(conn)  # its answer may still come: the connection cannot be reused
                    raise
                except (OSError, TimeoutError):
                    self._discard(conn)
                    if attempt == 0 and reused and not conn.received and loop.time() < deadline:
                        continue  # the server had closed the idle connection: try a fresh one once
                    raise
                if conn.closed:
                    self._discard(conn)
                else:
                    self._release(conn)
                return response
        raise AssertionError("unreachable")

    async def _exchange(self, conn: _Connection, data: bytes, deadline: float) -> HttpResponse:
        future = conn.send(data)
        loop = asyncio.get_running_loop()
        timer = loop.call_at(deadline, _expire, future, self.timeout_s)
        try:
            return await future
        finally:
            timer.cancel()

    async def _connection(self, deadline: float) -> tuple[_Connection, bool]:
        loop = asyncio.get_running_loop()
        while self._idle:
            conn = self._idle.pop()  # the most recently used: least likely to have been closed by the server
            if not conn.closed and conn.transport is not None and not conn.transport.is_closing():
                return conn, True
            self._open.discard(conn)
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise TimeoutError(f"no connection within {self.timeout_s} s")
        _transport, conn = await asyncio.wait_for(
            loop.create_connection(lambda: _Connection(loop), self.host, self.port, ssl=self.ssl,
                                   server_hostname=self.host if self.ssl else None),
            remaining,
        )
        self._open.add(conn)
        return conn, False

    def _release(self, conn: _Connection) -> None:
        if len(self._idle) >= MAX_IDLE_CONNECTIONS:
            self._discard(conn)
        else:
            self._idle.append(conn)

    def _discard(self, conn: _Connection) -> None:
        self._open.discard(conn)
        conn.close()

    def _forget_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """Connections belong to the loop that opened them: a caller on another loop (a CLI's ``asyncio.run``,
        a test) starts afresh."""
        if self.loop is not None and not self.loop.is_closed():
            for conn in self._open:
                self.loop.call_soon_threadsafe(conn.close)  # on its own loop, which may run in another thread
        self._open.clear()
        self._idle.clear()
        self._slots = asyncio.Semaphore(self.max_connections)
        self.loop = loop

    async def aclose(self) -> None:
        """Close every connection (those of another, finished event loop are only dropped)."""
        loop = asyncio.get_running_loop()
        if self.loop is loop:
            for conn in self._open:
                conn.close()
            self._open.clear()
            self._idle.clear()
        else:
            self._forget_loop(loop)


def _expire(future: asyncio.Future[HttpResponse], timeout_s: float) -> None:
    if not future.done():
        future.set_exception(TimeoutError(f"no answer within {timeout_s} s"))
