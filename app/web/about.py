"""The about page ``/over`` and the HTML error page: the pages that show no ruling data."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from app.web.shared import page_router, templates

router = page_router()


@router.get("/over", response_class=HTMLResponse)
def about_page(request: Request) -> HTMLResponse:
    settings = getattr(request.app.state, "settings", None)
    contact = getattr(settings, "report_email", None)
    return templates.TemplateResponse(request, "about.html", {"contact": contact})


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)
