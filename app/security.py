"""Security at the HTTP edge: response headers on every answer, and the Host header checked before anything runs.

Both are plain ASGI middleware, so they also cover static files, the OpenAPI documents, error responses and the
answers of the other middleware (a 429 from :mod:`app.ratelimit`).

Absolute links are built by :func:`app.links.public_base`: from ``RULINGS_PUBLIC_URL`` when it is set, otherwise
(development) from the request, whose Host header has then already been checked against the allowed names, so a
forged Host is refused with a 400 instead of ending up in a canonical link, a feed or an export.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.error_responses import error_response
from archive.errors import ForbiddenError
from archive.settings import Settings

log = logging.getLogger(__name__)

# No inline script anywhere: every script is a file under /static (or the docs' bundles). Styles come from files too;
# SVG swatches use presentation attributes (fill=...), which CSP does not govern.
_PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
             "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI and ReDoc insert <style> elements at run time (ReDoc through styled-components) and ReDoc starts its
# search worker from a blob: URL. Scripts stay 'self' only: both pages are started by files under /static.
_DOCS_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
             "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc")

_COMMON_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
}
HSTS = "max-age=31536000"


def security_headers(settings: Settings, path: str) -> list[tuple[bytes, bytes]]:
    """The headers every response carries (the CSP depends on the path: the API docs need inline styles)."""
    headers = dict(_COMMON_HEADERS)
    headers["content-security-policy"] = _DOCS_CSP if path in DOCS_PATHS else _PAGE_CSP
    if (settings.public_url or "").startswith("https://"):
        headers["strict-transport-security"] = HSTS
    return [(k.encode(), v.encode()) for k, v in headers.items()]


class SecurityHeadersMiddleware:
    """Adds :func:`security_headers` to every HTTP response; a header the app set itself is left as it is."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(self.settings, scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *[(k, v) for k, v in extra if k not in present]]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def host_name(host_header: str) -> str:
    """``Example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``::1``."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class AllowedHostsMiddleware:
    """Refuses a request whose Host header is not an allowed name: a 400 in the one error shape, never echoing it."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.allowed = settings.host_names()

    def allows(self, host_header: str) -> bool:
        return "*" in self.allowed or host_name(host_header) in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # the app has no websockets; lifespan has no Host
            await self.app(scope, receive, send)
            return
        headers: Any = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if self.allows(host):
            await self.app(scope, receive, send)
            return
        log.info("refused a request with a Host header not in the allowed hosts")
        request = Request(scope)
        response = error_response(request, 400, "invalid_host", "The Host header names a host this archive does not "
                                  "serve.", html_message="Deze server beantwoordt geen verzoeken voor die hostnaam.")
        await response(scope, receive, send)



def same_origin(request: Request) -> None:
    """A form post must come from this site: refuse an Origin (or, without one, a Referer) naming another host
    than the request's own or the public URL's (a reverse proxy may rewrite Host). No Origin, or ``null`` (a page
    under ``Referrer-Policy: no-referrer`` posts with ``Origin: null``), passes: the form's own token decides."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return
    public = request.app.state.settings.public_url
    ours = {request.headers.get("host", "").lower()} | ({urlsplit(public).netloc.lower()} if public else set())
    if urlsplit(origin).netloc.lower() not in ours:
        raise ForbiddenError("cross-site form post refused")
