"""The base of every absolute link the archive writes: canonical links, citations, feeds and exports."""

from __future__ import annotations

from fastapi import Request

from archive.settings import Settings


def public_base(request: Request) -> str:
    """``RULINGS_PUBLIC_URL`` (no trailing slash); unset (development), this request's own base.

    The request's base comes from its Host header, which :class:`app.security.AllowedHostsMiddleware` has checked
    against the allowed names before any route runs, so a forged Host never reaches a link.
    """
    settings: Settings | None = getattr(request.app.state, "settings", None)
    if settings is not None and settings.public_url:
        return settings.public_url
    return str(request.base_url).rstrip("/")
