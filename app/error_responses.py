"""The one error shape, as JSON for the API and as an HTML page for a browser asking for a page.

Used by the exception handlers of :mod:`app.main` and by the middleware of :mod:`app.security` and
:mod:`app.ratelimit`, which answer before any route runs (a refused Host header, a client over its rate limit).
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.responses import Response


def error_json(status: int, code: str, message: str, detail: object | None = None,
               headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "detail": detail}}, status_code=status,
                        headers=dict(headers or {}))


def wants_html(request: Request) -> bool:
    """A page request from a browser: not the API or the health check, and HTML accepted."""
    return not request.url.path.startswith(("/api/", "/healthz")) and "text/html" in request.headers.get(
        "accept", "")


def error_response(request: Request, status: int, code: str, message: str, *, html_message: str | None = None,
                   detail: object | None = None, headers: Mapping[str, str] | None = None) -> Response:
    """The error as the client wants it: the HTML error page (in Dutch) or the one JSON shape."""
    if wants_html(request):
        # Imported here: app.web's pages use the rate limiter, whose middleware answers through this module, so a
        # module-level import made app.web and app.ratelimit import each other (which one loaded first mattered).
        from app.web.about import error_page

        page = error_page(request, status, html_message or message)
        page.headers.update(dict(headers or {}))
        return page
    return error_json(status, code, message, detail, headers)
