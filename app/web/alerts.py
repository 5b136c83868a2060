"""The e-mail alert pages: ask for an alert (``POST /alerts``, from the form on the search page or ``/alerts``),
confirm it (``/alerts/bevestigen``) and end it (``/alerts/afmelden``, also the RFC 8058 one-click POST).

No account: an address and a search, confirmed through a link sent to that address (double opt-in). The
confirmation link opens a page with a button that confirms, rather than confirming on GET: mail scanners open
links, and a scanner should not be able to start mail to someone. Unsubscribing does happen on GET (one click):
a scanner ending an alert is a nuisance, while a link that does not end it would be a broken promise.

Limits: one request per address per minute (:mod:`app.alerts.store`, in the database, so it holds across server
processes) and a per-client budget of subscription requests (:mod:`app.ratelimit`, in Redis when configured).
Addresses are never logged.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from sqlalchemy import delete
from starlette.concurrency import run_in_threadpool

from app.alerts.mail import Mailer, MailUnavailableError, SmtpConfig, alerts_enabled, sender
from app.alerts.messages import confirmation_mail
from app.alerts.searches import InvalidAddressError, alert_plan, canonical_search, describe, email_address
from app.alerts.store import (
    FREQUENCIES,
    FREQUENCY_LABELS,
    AddressRateLimitedError,
    confirm,
    pending_for,
    purge_expired,
    request_subscription,
    unsubscribe,
)
from app.deps import get_service
from app.links import public_base
from app.ratelimit import Limiter, MemoryLimiter, Rate, RedisLimiter, client_key
from app.service import ArchiveService
from app.web.shared import page_router, templates
from app.web.urls import search_url
from archive.db import session_scope
from archive.errors import ConfigurationError, InvalidParameterError
from archive.models import AlertSubscription
from archive.settings import Settings

router = page_router()
log = logging.getLogger(__name__)

# Per client: 5 subscription requests at once, then one a minute (each may send a mail to someone).
SUBSCRIBE_RATE = Rate(per_minute=1, burst=5)

INVALID_LINK = ("Deze link is ongeldig of verlopen. Misschien heeft u hem al gebruikt; een aanvraag die niet "
                "binnen {hours} uur is bevestigd, is verwijderd. U kunt de e-mailalert opnieuw aanvragen.")


def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def _limiter(request: Request) -> Limiter | None:
    """The subscription budget per client, made once per app; none when the operator turned rate limits off."""
    state = request.app.state
    if not hasattr(state, "alerts_limiter"):
        settings = _settings(request)
        limiter: Limiter | None = None
        if settings.rate_limit_per_minute:
            limiter = (RedisLimiter(SUBSCRIBE_RATE, settings.redis_url,
                                    prefix=f"rulings:{settings.index_name}:alerts:")
                       if settings.redis_url else MemoryLimiter(SUBSCRIBE_RATE))
        state.alerts_limiter = limiter
    return state.alerts_limiter  # type: ignore[no-any-return]


def _page(request: Request, state: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("frequencies", FREQUENCY_LABELS)
    response = templates.TemplateResponse(request, "alerts.html", {"state": state, **context}, status_code=status)
    response.headers["Cache-Control"] = "no-store"  # token pages and form answers
    response.headers["Referrer-Policy"] = "no-referrer"  # a token in the URL never leaves in a Referer
    return response


def _describe(search: str) -> tuple[str, str] | None:
    """(canonical search, its description), or None when the search is not valid."""
    try:
        canonical = canonical_search(search)
        return canonical, describe(alert_plan(canonical))
    except (RequestValidationError, InvalidParameterError):
        return None


@router.get("/alerts", response_class=HTMLResponse)
async def alert_form(request: Request) -> HTMLResponse:
    """The form for the search in the query string (the search page carries the same form)."""
    if not alerts_enabled(_settings(request)):
        return _page(request, "disabled", 404)
    found = _describe(request.url.query)
    if found is None:
        return _page(request, "error", 422, message="Deze zoekopdracht klopt niet. Begin opnieuw vanaf de zoekpagina.")
    return _page(request, "form", search=found[0], description=found[1], search_link=search_url(
        alert_plan(found[0]).params()))


@router.post("/alerts", response_class=HTMLResponse)
async def alert_request(request: Request, service: Annotated[ArchiveService, Depends(get_service)],
                        email: Annotated[str, Form(max_length=1000)] = "",
                        frequency: Annotated[str, Form(max_length=20)] = "daily",
                        search: Annotated[str, Form(max_length=5000)] = "") -> HTMLResponse:
    settings = _settings(request)
    if not alerts_enabled(settings):
        return _page(request, "disabled", 404)
    limiter = _limiter(request)
    wait = await limiter.spend(client_key(request.scope), 1) if limiter is not None else 0.0
    if wait > 0:
        seconds = max(1, round(wait))
        response = _page(request, "error", 429, message=f"U heeft in korte tijd te veel e-mailalerts aangevraagd. "
                                                       f"Probeer het over {seconds} seconden opnieuw.")
        response.headers["Retry-After"] = str(seconds)
        return response
    found = _describe(search)
    if found is None:
        return _page(request, "error", 422, message="Deze zoekopdracht klopt niet. Begin opnieuw vanaf de zoekpagina.")
    canonical, description = found
    form = {"search": canonical, "description": description, "email": email.strip()[:254],
            "frequency": frequency, "search_link": search_url(alert_plan(canonical).params())}
    if frequency not in FREQUENCIES:
        return _page(request, "form", 422, error="Kies dagelijks of wekelijks.", **form)
    try:
        address = email_address(email)
    except InvalidAddressError as exc:
        return _page(request, "form", 422, error=str(exc), **form)
    base = public_base(request)
    expiry = timedelta(hours=settings.alerts_confirm_hours)

    def store_and_send() -> None:
        with session_scope(service.factory) as session:
            purge_expired(session, expiry=expiry)
            made = request_subscription(session, email=address, search=canonical, frequency=frequency,
                                        expiry=expiry)
        message = confirmation_mail(sender=sender(settings), to=address, base=base, token=made.confirm_token,
                                    description=description, frequency=frequency,
                                    expiry_hours=settings.alerts_confirm_hours)
        try:
            with Mailer(SmtpConfig.from_settings(settings), sender(settings)) as mailer:
                mailer.send(message)
        except BaseException:
            with session_scope(service.factory) as session:  # no mail, so no reason to keep the address
                session.execute(delete(AlertSubscription).where(AlertSubscription.id == made.subscription_id))
            raise

    try:
        await run_in_threadpool(store_and_send)
    except AddressRateLimitedError as exc:
        message = ("Voor dit e-mailadres wachten al enkele aanvragen op bevestiging. Bevestig die eerst via de link "
                   "in de e-mail, of probeer het later opnieuw." if exc.pending else
                   "Voor dit e-mailadres is zojuist al een e-mailalert aangevraagd. Probeer het over "
                   f"{exc.retry_after} seconden opnieuw.")
        response = _page(request, "error", 429, message=message)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    except (smtplib.SMTPException, OSError, ConfigurationError, MailUnavailableError) as exc:
        log.warning("alert confirmation not sent (%s)", type(exc).__name__)
        return _page(request, "error", 503, message="De bevestigingsmail kon niet worden verstuurd. Probeer het "
                                                    "later opnieuw.")
    return _page(request, "check", description=description, frequency_label=FREQUENCY_LABELS[frequency],
                 hours=settings.alerts_confirm_hours)


def _expiry(request: Request) -> timedelta:
    return timedelta(hours=_settings(request).alerts_confirm_hours)


async def _token_page(request: Request, service: ArchiveService, link_token: str, lookup: Any, template: str,
                      **context: Any) -> HTMLResponse:
    """The confirmation pages: ``lookup(session, token, expiry=...)`` finds (or activates) the subscription; an
    unknown, used or expired token gets the same Dutch 404 page."""
    def run() -> tuple[str, str] | None:
        with session_scope(service.factory) as session:
            sub = lookup(session, link_token, expiry=_expiry(request))
            return (sub.search, sub.frequency) if sub is not None else None

    found = await run_in_threadpool(run)
    if found is None:
        return _page(request, "error", 404, message=INVALID_LINK.format(hours=_settings(request).alerts_confirm_hours))
    described = _describe(found[0])
    return _page(request, template, description=described[1] if described else found[0],
                 frequency_label=FREQUENCY_LABELS[found[1]], **context)


@router.get("/alerts/bevestigen", response_class=HTMLResponse)
async def confirm_page(request: Request, service: Annotated[ArchiveService, Depends(get_service)],
                       token: str = "") -> HTMLResponse:
    """The confirmation link: a page with the button that confirms (see the module's description)."""
    return await _token_page(request, service, token, pending_for, "confirm", token=token)


@router.post("/alerts/bevestigen", response_class=HTMLResponse)
async def confirm_submit(request: Request, service: Annotated[ArchiveService, Depends(get_service)],
                         token: Annotated[str, Form(max_length=200)] = "") -> HTMLResponse:
    return await _token_page(request, service, token, confirm, "confirmed")


@router.api_route("/alerts/afmelden", methods=["GET", "POST"], response_class=HTMLResponse)
async def unsubscribe_page(request: Request, service: Annotated[ArchiveService, Depends(get_service)],
                           token: str = "") -> HTMLResponse:
    """One click: the link in every mail (GET) and the mail program's ``List-Unsubscribe-Post`` (POST, RFC 8058,
    the token in the URL). The alert, its address and its tokens are deleted. An unknown token gets the same page:
    it may have been used already, and the answer must not tell whether an alert exists."""
    def end() -> bool:
        with session_scope(service.factory) as session:
            return unsubscribe(session, token)

    await run_in_threadpool(end)
    return _page(request, "unsubscribed")
