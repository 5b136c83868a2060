"""The statute index ``/wetsartikelen``: every cited law and article with its number of rulings, each a link to the
search for them. The reference facet on the search page shows the most cited values; this page reaches them all."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from app.deps import get_service
from app.service import ArchiveService
from app.web.shared import page_router, templates

router = page_router()


@router.get("/wetsartikelen", response_class=HTMLResponse)
async def statutes_page(request: Request,
                        service: Annotated[ArchiveService, Depends(get_service)]) -> HTMLResponse:
    laws = await run_in_threadpool(service.statutes)
    return templates.TemplateResponse(request, "statutes.html", {"laws": laws})
