"""What the review routes share: the review service of the running app, who is asking (session or API token),
CSRF checks, and the login and report throttles."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from app.indexing import STAMP
from app.ratelimit import Limiter, MemoryLimiter, Rate, RedisLimiter
from app.review import accounts
from app.review.accounts import Principal
from app.review.service import ReviewService
from app.security import same_origin  # the forms of the public site use it too
from archive.db import session_scope
from archive.errors import ForbiddenError, NotAuthenticatedError
from archive.models import Ruling
from archive.settings import Settings
from search_index import SearchIndex

SESSION_COOKIE = "beheer_sessie"
PRE_COOKIE = "beheer_pre"  # binds the login form's CSRF token to this browser
COOKIE_PATH = "/beheer"


def _limiter(settings: Settings, name: str, rate: Rate) -> Limiter:
    if settings.redis_url:
        return RedisLimiter(rate, settings.redis_url, prefix=f"rulings:{settings.index_name}:{name}:")
    return MemoryLimiter(rate)


class ReviewState:
    """Built on the first review request of an app (the composition root only includes the router)."""

    def __init__(self, request: Request) -> None:
        settings: Settings = request.app.state.settings
        archive = request.app.state.service
        self.settings = settings
        self.secret = accounts.review_secret(settings)
        self.service = ReviewService(archive.factory, settings,
                                     sync=lambda ruling_id: sync_ruling(archive.factory, archive.index, ruling_id),
                                     published_changed=archive.forget_hidden)
        burst = settings.login_attempts_burst
        # Login attempts: per account (known or not, so the answer never tells which addresses exist) ``burst``
        # at once, then one a minute; per client four times as many. Every attempt counts, so a guesser cannot
        # reset the count by logging in to an account of their own.
        self.account_attempts = _limiter(settings, "login-account", Rate(1, burst))
        self.client_attempts = _limiter(settings, "login-client", Rate(4, burst * 4))
        self.reports = _limiter(settings, "report", Rate(2, 5))


def sync_ruling(factory: sessionmaker[Session], index: SearchIndex, ruling_id: int) -> None:
    """Bring one ruling's index copy in line with its row, now: written if published, deleted otherwise (the
    takedown path: two delete tasks, no settings check, so it is quick even on a busy Meilisearch). The row is
    stamped as :func:`app.indexing.sync_index` would, so the next full sync has nothing to redo."""
    with session_scope(factory) as session:
        ruling = session.get(Ruling, ruling_id)
        if ruling is None:
            return
        if ruling.status != "published":
            index.delete([ruling_id])
            ruling.indexed_hash = None
            return
        written = ruling.content_hash

        def stamp(rulings: list[Ruling]) -> None:
            ruling.indexed_hash = f"{written}{STAMP}"

        index.upsert([ruling], on_written=stamp)


def review_state(request: Request) -> ReviewState:
    state = getattr(request.app.state, "review", None)
    if state is None:
        state = request.app.state.review = ReviewState(request)
    return state  # type: ignore[no-any-return]


def secure_cookies(settings: Settings) -> bool:
    return (settings.public_url or "").startswith("https://")


async def session_principal(request: Request) -> Principal | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    state = review_state(request)

    def lookup() -> Principal | None:
        with session_scope(state.service.factory) as session:
            return accounts.session_principal(session, token, state.settings)

    return await run_in_threadpool(lookup)


async def require_session(request: Request) -> Principal:
    who = await session_principal(request)
    if who is None:
        raise NotAuthenticatedError("log in first")
    return who


async def require_csrf(request: Request, who: Annotated[Principal, Depends(require_session)]) -> Principal:
    """A session and the form's CSRF token (field ``csrf``) of that session."""
    same_origin(request)
    form = await request.form()
    sent = str(form.get("csrf") or "")
    if not who.csrf or not hmac.compare_digest(sent, who.csrf):
        raise ForbiddenError("the form's CSRF token is missing or wrong")
    return who


bearer = HTTPBearer(auto_error=False, description="A reviewer API token from `rulings user token EMAIL`.")


async def require_token(request: Request,
                        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise NotAuthenticatedError("an API token is required (Authorization: Bearer ...)")
    state = review_state(request)
    token = credentials.credentials

    def lookup() -> Principal | None:
        with session_scope(state.service.factory) as session:
            return accounts.token_principal(session, token)

    who = await run_in_threadpool(lookup)
    if who is None:
        raise NotAuthenticatedError("unknown or revoked API token")
    return who
