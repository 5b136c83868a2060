"""The keep-alive HTTP client of the search hot path, against real sockets.

Each test runs a small asyncio TCP server that answers the way a server (or a proxy in front of Meilisearch)
may: keep-alive, chunked, close-delimited, closing idle connections, never answering, answering garbage. The
client's use against the real Meilisearch is covered by every async search test.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from search_index import free_port
from search_index.http import HttpClient, HttpProtocolError

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@asynccontextmanager
async def serving(handler: Handler) -> AsyncIterator[str]:
    async def closing(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await handler(reader, writer)
        finally:
            writer.close()

    server = await asyncio.start_server(closing, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        await server.wait_closed()


async def read_request(reader: asyncio.StreamReader) -> tuple[str, dict[str, str], bytes] | None:
    """One request off the connection: (request line, lower-cased headers, body); None at EOF."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    line, *rest = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in rest if h)}
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return line, headers, body


def replying(*parts: bytes, pause_s: float = 0.05) -> Handler:
    """A server that reads one request and writes ``parts`` (pausing between them); the connection then closes."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        for n, part in enumerate(parts):
            if n:
                await asyncio.sleep(pause_s)
            writer.write(part)
            await writer.drain()

    return handler


def answer(body: bytes, status: str = "200 OK", extra: str = "") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n{extra}\r\n".encode() + body


def run(coro: Awaitable[object]) -> object:
    return asyncio.run(coro)  # type: ignore[arg-type]


def test_keeps_the_connection_alive_and_sends_head_and_body() -> None:
    connections: list[int] = []
    seen: list[tuple[str, dict[str, str], bytes]] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        while (request := await read_request(reader)) is not None:
            seen.append(request)
            writer.write(answer(b'{"ok":' + str(len(seen)).encode() + b"}"))
            await writer.drain()
        writer.close()

    async def main() -> list[bytes]:
        async with serving(handler) as url:
            client = HttpClient(url + "/prefix/", {"Authorization": "Bearer k"})
            bodies = [(await client.request("POST", "multi-search", b'{"q":1}')).body for _ in range(3)]
            bodies.append((await client.request("GET", "/health")).body)
            await client.aclose()
            return bodies

    assert run(main()) == [b'{"ok":1}', b'{"ok":2}', b'{"ok":3}', b'{"ok":4}']
    assert len(connections) == 1  # one connection, reused
    line, headers, body = seen[0]
    assert line == "POST /prefix/multi-search HTTP/1.1" and body == b'{"q":1}'
    assert headers["authorization"] == "Bearer k" and headers["content-type"] == "application/json"
    assert headers["host"].startswith("127.0.0.1:")
    assert seen[3][0] == "GET /prefix/health HTTP/1.1" and "content-length" not in seen[3][1]


def test_error_statuses_are_answers_not_exceptions() -> None:
    handler = replying(answer(b'{"code":"index_not_found"}', "404 Not Found"))

    async def main() -> tuple[int, bytes]:
        async with serving(handler) as url:
            response = await HttpClient(url).request("GET", "indexes/x")
            return response.status, response.body

    assert run(main()) == (404, b'{"code":"index_not_found"}')


def test_chunked_and_close_delimited_bodies() -> None:
    chunked = replying(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
    until_close = replying(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of ", b"it")

    async def main() -> list[bytes]:
        out = []
        for handler in (chunked, until_close):
            async with serving(handler) as url:
                out.append((await HttpClient(url).request("GET", "x")).body)
        return out

    assert run(main()) == [b"hello world", b"all of it"]


def test_an_idle_connection_the_server_closed_is_replaced() -> None:
    """Meilisearch closes keep-alive connections idle for 5 s; the next request must not fail for it."""
    connections: list[int] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        await read_request(reader)
        writer.write(answer(b"{}"))  # keep-alive promised, then the connection is closed right after
        await writer.drain()
        writer.close()

    async def main() -> list[int]:
        async with serving(handler) as url:
            client = HttpClient(url)
            statuses = [(await client.request("GET", "a")).status]
            await asyncio.sleep(0.05)  # the close has arrived: the idle connection is known dead
            statuses.append((await client.request("GET", "b")).status)
            statuses.append((await client.request("GET", "c")).status)  # no pause: may meet the closing socket
            await client.aclose()
            return statuses

    assert run(main()) == [200, 200, 200]
    assert len(connections) == 3


def test_a_reused_connection_closed_unanswered_is_retried_once_on_a_fresh_one() -> None:
    """The race the pause above avoids: the server closes the idle connection as the request goes out."""
    connections: list[int] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        await read_request(reader)
        writer.write(answer(b"{}"))
        await writer.drain()
        await read_request(reader)  # the next request on this connection is read, never answered
        writer.close()

    async def main() -> list[int]:
        async with serving(handler) as url:
            client = HttpClient(url)
            statuses = [(await client.request("GET", "a")).status, (await client.request("GET", "b")).status]
            await client.aclose()
            return statuses

    assert run(main()) == [200, 200]
    assert len(connections) == 2


def test_a_fresh_connection_closed_unanswered_is_an_error_not_a_retry_loop() -> None:
    connections: list[int] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        await read_request(reader)
        writer.close()

    async def main() -> None:
        async with serving(handler) as url:
            with pytest.raises(HttpProtocolError):
                await HttpClient(url, timeout_s=2).request("GET", "x")

    run(main())
    assert len(connections) == 1


def test_a_silent_server_times_out_and_the_connection_is_dropped() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        await asyncio.sleep(5)

    async def main() -> None:
        async with serving(handler) as url:
            client = HttpClient(url, timeout_s=0.2)
            with pytest.raises(TimeoutError):
                await client.request("GET", "slow")
            assert not client._idle  # a connection with an answer still pending is never reused

    run(main())


def test_garbage_and_truncated_answers_are_protocol_errors() -> None:
    garbage = replying(b"SMTP ready\r\n\r\n")
    truncated = replying(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this")

    async def main() -> None:
        for handler in (garbage, truncated):
            async with serving(handler) as url:
                with pytest.raises(HttpProtocolError):
                    await HttpClient(url, timeout_s=2).request("GET", "x")

    run(main())


def test_a_refused_connection_is_an_os_error() -> None:
    async def main() -> None:
        with pytest.raises(OSError):
            await HttpClient(f"http://127.0.0.1:{free_port()}", timeout_s=2).request("GET", "health")

    run(main())


def test_concurrent_requests_are_capped_at_max_connections() -> None:
    open_now = 0
    most = 0

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal open_now, most
        open_now += 1
        most = max(most, open_now)
        try:
            while await read_request(reader) is not None:
                await asyncio.sleep(0.01)
                writer.write(answer(b"{}"))
                await writer.drain()
        finally:
            open_now -= 1
            writer.close()

    async def main() -> list[int]:
        async with serving(handler) as url:
            client = HttpClient(url, max_connections=3)
            statuses = await asyncio.gather(*(client.request("GET", str(i)) for i in range(12)))
            await client.aclose()
            return [r.status for r in statuses]

    assert run(main()) == [200] * 12
    assert most == 3


def test_a_cancelled_request_does_not_leave_its_answer_for_the_next() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while (request := await read_request(reader)) is not None:
            if request[0].startswith("GET /slow"):
                await asyncio.sleep(0.2)
            writer.write(answer(request[0].split()[1].encode()))
            await writer.drain()

    async def main() -> bytes:
        async with serving(handler) as url:
            client = HttpClient(url)
            slow = asyncio.ensure_future(client.request("GET", "slow"))
            await asyncio.sleep(0.05)
            slow.cancel()
            with pytest.raises(asyncio.CancelledError):
                await slow
            body = (await client.request("GET", "fast")).body
            await client.aclose()
            return body

    assert run(main()) == b"/fast"


def test_rejects_urls_it_cannot_serve() -> None:
    with pytest.raises(ValueError):
        HttpClient("ftp://example.org")
    with pytest.raises(ValueError):
        HttpClient("127.0.0.1:7700")


def test_https_verifies_the_certificate_and_keeps_alive(tmp_path: Path) -> None:
    """A TLS server with a throwaway self-signed certificate: trusted when given, refused by the default CAs."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    server_side = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_side.load_cert_chain(cert, key)
    connections: list[int] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        while await read_request(reader) is not None:
            writer.write(answer(b'{"status":"available"}'))
            await writer.drain()
        writer.close()

    async def main() -> list[bytes]:
        server = await asyncio.start_server(handler, "127.0.0.1", 0, ssl=server_side)
        url = f"https://localhost:{server.sockets[0].getsockname()[1]}"
        try:
            trusting = HttpClient(url, ssl_context=ssl.create_default_context(cafile=str(cert)))
            bodies = [(await trusting.request("GET", "health")).body for _ in range(2)]
            await trusting.aclose()
            with pytest.raises(ssl.SSLCertVerificationError):
                await HttpClient(url, timeout_s=2).request("GET", "health")
            return bodies
        finally:
            server.close()

    assert run(main()) == [b'{"status":"available"}'] * 2
    assert len(connections) == 1  # both requests on one connection; the refused handshake never reached it
