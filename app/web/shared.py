"""What every page module shares: the templates (with the formatting filters) and the router they register on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates

from app.web.formatting import TEMPLATE_FILTERS, TEMPLATE_GLOBALS
from search_index.query import DEFAULT_PER_PAGE

templates = Jinja2Templates(directory=str(Path(__file__).parent.parent / "templates"))
templates.env.filters.update(TEMPLATE_FILTERS)
templates.env.globals.update(TEMPLATE_GLOBALS)


class CleanQueryRoute(APIRoute):
    """Redirects ``/?q=&year_from=`` to ``/``: an HTML form submits its empty fields, which the shared
    parameter parser would reject as not-a-number (``year_from=``). Clean URLs are also nicer to share.

    A page that only reads (GET alone) also answers HEAD, as every web server does: link checkers, citation
    managers and uptime monitors ask HEAD first and took the 405 for a broken link. A route that also takes POST
    (the alert links) may change state and gets no HEAD: a mail scanner's HEAD must not unsubscribe anyone."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        methods = {m.upper() for m in kwargs.get("methods") or ()}
        if methods == {"GET"}:
            kwargs["methods"] = {"GET", "HEAD"}
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()

        async def clean_then_handle(request: Request) -> Response:
            raw = request.scope.get("query_string", b"").decode("latin-1")
            pairs = parse_qsl(raw, keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip() and not (k == "page" and v == "1")
                    and not (k == "sort" and v == "relevance") and not (k == "per_page" and v == str(DEFAULT_PER_PAGE))]
            if request.method in ("GET", "HEAD") and len(kept) != len(pairs):
                target = request.url.path + ("?" + urlencode(kept) if kept else "")
                return RedirectResponse(target, status_code=303)
            return await handler(request)

        return clean_then_handle


def page_router() -> APIRouter:
    """A page module's router: left out of the OpenAPI description, query strings cleaned (:class:`CleanQueryRoute`)."""
    return APIRouter(include_in_schema=False, route_class=CleanQueryRoute)
