"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) served from the application itself, under the CSP.

FastAPI's own pages load both from a CDN and start Swagger UI with an inline script. Here the bundles come from the
``fastapi-offline`` package (which ships Swagger UI 5 and ReDoc 2 with their licences, MIT/Apache-2.0), mounted at
``/docs-static``, and Swagger UI is started by ``/static/swagger-init.js``: no network, no inline script.

ReDoc's sidebar shows a small "Redocly" logo fetched from Redocly's CDN (a request to a third party from every
visitor, and blocked by the CSP anyway). The bundle is served with that one address emptied: the component hides an
image that fails to load, so the attribution stays as text and nothing leaves the server.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from app.web.formatting import static_url

DOCS_STATIC = "/docs-static"


def _bundle_dir() -> Path:
    return Path(str(files("fastapi_offline") / "static"))


REDOC_BUNDLE = "redoc.standalone.js"
REDOC_REMOTE_LOGO = b'src:"https://cdn.redoc.ly/redoc/logo-mini.svg"'


@lru_cache(maxsize=1)
def redoc_bundle() -> bytes:
    """ReDoc's bundle without its one remote image (see the module docstring); unchanged if that is not found."""
    return (_bundle_dir() / REDOC_BUNDLE).read_bytes().replace(REDOC_REMOTE_LOGO, b'src:""')


def _page(title: str, head: str, body: str) -> HTMLResponse:
    return HTMLResponse(f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" href="{static_url('favicon.svg')}" type="image/svg+xml">
{head}
</head>
<body>
{body}
</body>
</html>
""")


def add_docs(app: FastAPI) -> None:
    """Mount the bundles and add the two pages (the app must be created with ``docs_url=None, redoc_url=None``)."""
    @app.get(f"{DOCS_STATIC}/{REDOC_BUNDLE}", include_in_schema=False)
    async def redoc_script() -> Response:
        return Response(redoc_bundle(), media_type="text/javascript; charset=utf-8",
                        headers={"cache-control": "public, max-age=86400"})

    app.mount(DOCS_STATIC, StaticFiles(directory=_bundle_dir()), name="docs-static")  # after: the route wins
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = escape(request.scope.get("root_path", ""))
        return _page(f"{app.title} - Swagger UI",
                     f'<link rel="stylesheet" href="{root}{DOCS_STATIC}/swagger-ui.css">',
                     f'<div id="swagger-ui" data-openapi-url="{root}{escape(openapi_url)}"></div>\n'
                     f'<script src="{root}{DOCS_STATIC}/swagger-ui-bundle.js"></script>\n'
                     f'<script src="{root}{static_url("swagger-init.js")}"></script>')

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = escape(request.scope.get("root_path", ""))
        return _page(f"{app.title} - ReDoc", "",
                     f'<redoc spec-url="{root}{escape(openapi_url)}"></redoc>\n'
                     f'<script src="{root}{DOCS_STATIC}/redoc.standalone.js"></script>')
