"""The e-mail alert pages: ask for an alert (``POST /alerts``, from the form on the search page or ``/alerts``),
confirm it (``/alerts/bevestigen``) and end it (``/alerts/afmelden``, also the RFC 8058 one-click POST).

No account: an address and a search, confirmed through a link sent to that address (double opt-in). Neither
link changes anything on GET: mail scanners and link previews open every link in a mail, often before the
person does. The confirmation link opens a page with a button that confirms (a scanner confirming would defeat the
double opt-in: mail would start to an address whose owner never asked). The unsubscribe link in a digest opens a
page with a button that ends the alert (a scanner following it would silently end an alert its owner wanted).
The mail program's own button is still one click: it POSTs ``List-Unsubscribe=One-Click`` to the URL of the
``List-Unsubscribe`` header (RFC 8058), and that POST ends the alert without a page.

The buttons' forms are checked like the site's other forms (:func:`app.security.same_origin`: a post from another
site is refused). They need no separate CSRF token: the link's token is in the form, it is a 256-bit secret only
the mail's recipient has, and it is what authorises the step (there is no session or cookie a foreign page could
ride on).

Limits: one request per address per minute (:mod:`app.alerts.store`, in the database, so it holds across server
processes) and a per-client budget of subscription requests (:mod:`app.ratelimit`, in Redis when configured).
Addresses are never logged.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Form, Query, Request
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
    subscription_for,
    unsubscribe,
)
from app.deps import get_service
from app.links import public_base
from app.ratelimit import Limiter, MemoryLimiter, Rate, RedisLimiter, client_key
from app.security import same_origin
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
GONE_LINK = ("Bij deze afmeldlink hoort geen e-mailalert (meer): u bent al afgemeld, of de link is niet helemaal "
             "overgenomen. U ontvangt via deze alert geen e-mail meer.")
ONE_CLICK = "One-Click"  # RFC 8058: the body of a mail program's unsubscribe POST is List-Unsubscribe=One-Click


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
                      missing: str | None = None, **context: Any) -> HTMLResponse:
    """The confirmation pages: ``lookup(session, token, expiry=...)`` finds (or activates) the subscription; an
    unknown, used or expired token gets the same Dutch 404 page (``missing``, or :data:`INVALID_LINK`)."""
    def run() -> tuple[str, str] | None:
        with session_scope(service.factory) as session:
            sub = lookup(session, link_token, expiry=_expiry(request))
            return (sub.search, sub.frequency) if sub is not None else None

    found = await run_in_threadpool(run)
    if found is None:
        return _page(request, "error", 404, message=missing or INVALID_LINK.format(
            hours=_settings(request).alerts_confirm_hours))
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
    same_origin(request)
    return await _token_page(request, service, token, confirm, "confirmed")


def _unsubscribe_lookup(session: Any, token: str, *, expiry: timedelta) -> Any:
    return subscription_for(session, token)  # an unsubscribe link does not expire while its alert lasts


@router.get("/alerts/afmelden", response_class=HTMLResponse)
async def unsubscribe_page(request: Request, service: Annotated[ArchiveService, Depends(get_service)],
                           token: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    """The link in every digest: a page naming the alert, with the button that ends it. Opening it changes
    nothing (see the module's description); a used or unknown token gets a Dutch 404."""
    return await _token_page(request, service, token, _unsubscribe_lookup, "unsubscribe", missing=GONE_LINK,
                             token=token)


@router.post("/alerts/afmelden", response_class=HTMLResponse)
async def unsubscribe_submit(request: Request, service: Annotated[ArchiveService, Depends(get_service)],
                             url_token: Annotated[str, Query(alias="token", max_length=200)] = "",
                             form_token: Annotated[str, Form(alias="token", max_length=200)] = "",
                             one_click: Annotated[str, Form(alias="List-Unsubscribe", max_length=40)] = ""
                             ) -> HTMLResponse:
    """Ends the alert: the page's button (the token in the form), or the mail program's one-click POST (RFC 8058:
    the token in the URL, the body ``List-Unsubscribe=One-Click``, sent by the mail provider's server, so no
    origin check). The alert, its address and its tokens are deleted. A used or unknown token gets the same
    answer: ending an alert twice is not an error, and a mail program can do nothing with one."""
    if one_click != ONE_CLICK:
        same_origin(request)
    link_token = form_token or url_token

    def end() -> bool:
        with session_scope(service.factory) as session:
            return unsubscribe(session, link_token)

    await run_in_threadpool(end)
    return _page(request, "unsubscribed")
