"""The HTTP server's own answers in the archive's shape.

uvicorn answers a request it cannot parse (an over-long request line or header block, a malformed request) itself,
before the app sees it, with a plain-text ``400 Invalid HTTP request received.``. :class:`JsonErrorHttpToolsProtocol`
is uvicorn's httptools protocol with that one answer replaced by the one JSON error shape and the security headers.
Use it as uvicorn's ``http`` (``uvicorn.run(app, http=HTTP_PROTOCOL)``, :func:`server_config`); uvicorn's command
line only takes the built-in names, so ``uvicorn --http httptools`` keeps the plain-text answer.
"""

from __future__ import annotations

import json
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.security import security_headers
from archive.settings import Settings, get_settings

BAD_REQUEST_BODY = json.dumps({"error": {
    "code": "bad_request",
    "message": "invalid HTTP request: malformed, or its request line or headers are too long",
    "detail": None}}).encode()


def bad_request_response(settings: Settings, default_headers: list[tuple[bytes, bytes]]) -> bytes:
    """The raw HTTP/1.1 400 response (the connection is closed after it)."""
    headers = [*default_headers, *security_headers(settings, ""),
               (b"content-type", b"application/json"), (b"content-length", str(len(BAD_REQUEST_BODY)).encode()),
               (b"connection", b"close")]
    head = b"HTTP/1.1 400 Bad Request\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in headers) + b"\r\n"
    return head + BAD_REQUEST_BODY


class JsonErrorHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol; an unparseable request gets the JSON error shape instead of plain text."""

    def send_400_response(self, msg: str) -> None:
        del msg  # uvicorn's text; the body says the same in the archive's shape
        self.transport.write(bad_request_response(get_settings(), list(self.server_state.default_headers)))
        self.transport.close()


HTTP_PROTOCOL = JsonErrorHttpToolsProtocol


def server_config(app: Any, host: str, port: int, **kwargs: Any) -> uvicorn.Config:
    """A uvicorn configuration serving ``app`` with :data:`HTTP_PROTOCOL`."""
    return uvicorn.Config(app, host=host, port=port, http=HTTP_PROTOCOL, **kwargs)
