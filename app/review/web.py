"""The /beheer pages (Dutch, server-rendered, no JavaScript needed) and the public "Meld een fout" form.

Every page needs a session (401 without); every form carries the session's CSRF token (403 without). The login
form and the public report form have no session: their token is signed (:func:`accounts.signed_token`), the
login one bound to a cookie of this browser.
"""

from __future__ import annotations

import math
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import pass_context
from starlette.concurrency import run_in_threadpool

from app.ratelimit import client_key
from app.review import accounts
from app.review.accounts import Principal, check_signed_token, signed_token
from app.review.deps import (
    COOKIE_PATH,
    PRE_COOKIE,
    SESSION_COOKIE,
    require_csrf,
    require_session,
    review_state,
    same_origin,
    secure_cookies,
)
from app.web.shared import templates
from archive import review
from archive.db import session_scope
from archive.errors import ForbiddenError, RulingsError
from archive.urls import ruling_url

router = APIRouter(include_in_schema=False)
ROLE_LABELS = {"verzoeker": "verzoeker", "verzoekster": "verzoekster", "persoon": "persoon",
               "zorgverlener": "zorgverlener", "gemachtigde": "gemachtigde", "getuige": "getuige"}
STATUS_LABELS = {"published": "gepubliceerd", "held": "wacht op goedkeuring", "withdrawn": "offline gehaald",
                 "quarantined": "in quarantaine"}
KIND_LABELS = {"redact": "vervangen", "keep": "teruggezet", "role": "andere rol"}


@pass_context
def report_csrf(context: Any) -> str:
    """The public report form's token (a template global: the ruling page includes ``_report_form.html``)."""
    request: Request = context["request"]
    return signed_token(review_state(request).secret, "report")


templates.env.globals["report_csrf"] = report_csrf


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    base = {"status_labels": STATUS_LABELS, "kind_labels": KIND_LABELS, "roles": review.ROLES}
    response = templates.TemplateResponse(request, f"beheer/{name}", {**base, **context}, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _set_cookie(response: Response, request: Request, name: str, value: str, *, max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, path=COOKIE_PATH, httponly=True, samesite="lax",
                        secure=secure_cookies(review_state(request).settings))


# --- login, password set-up, logout ---------------------------------------------------------------------------

def _login_page(request: Request, message: str = "", status: int = 200, email: str = "") -> HTMLResponse:
    state = review_state(request)
    pre = request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(16)
    response = _page(request, "login.html", {"csrf": signed_token(state.secret, f"login:{pre}"),
                                             "message": message, "email": email}, status)
    _set_cookie(response, request, PRE_COOKIE, pre, max_age=4 * 3600)
    return response


@router.get("/beheer/inloggen", response_class=HTMLResponse)
async def login_form(request: Request) -> HTMLResponse:
    return _login_page(request)


@router.post("/beheer/inloggen")
async def login(request: Request, email: Annotated[str, Form(max_length=254)] = "",
                password: Annotated[str, Form(max_length=1000)] = "",
                csrf: Annotated[str, Form(max_length=200)] = "") -> Response:
    same_origin(request)
    state = review_state(request)
    pre = request.cookies.get(PRE_COOKIE, "")
    if not pre or not check_signed_token(state.secret, f"login:{pre}", csrf):
        raise ForbiddenError("the login form's CSRF token is missing or wrong")
    account_key = accounts.sha256(email.strip().lower())
    client = client_key(request.scope)
    wait = max(await state.account_attempts.spend(account_key, 1), await state.client_attempts.spend(client, 1))
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        response: Response = _login_page(
            request, f"Te veel mislukte pogingen. Probeer het over {seconds} seconden opnieuw.", 429, email)
        response.headers["Retry-After"] = str(seconds)
        return response

    def check() -> str | None:
        with session_scope(state.service.factory) as session:
            user = accounts.verify_login(session, email, password)
            return accounts.start_session(session, user) if user is not None else None

    token = await run_in_threadpool(check)
    if token is None:
        return _login_page(request, "Het e-mailadres of het wachtwoord klopt niet, of het account is "
                                    "uitgeschakeld.", 401, email)
    response = RedirectResponse("/beheer", status_code=303)
    _set_cookie(response, request, SESSION_COOKIE, token, max_age=state.settings.session_max_hours * 3600)
    response.delete_cookie(PRE_COOKIE, path=COOKIE_PATH)
    return response


@router.get("/beheer/wachtwoord", response_class=HTMLResponse)
async def password_form(request: Request, token: str = "") -> HTMLResponse:
    state = review_state(request)
    return _page(request, "password.html", {"token": token[:100], "message": "",
                                            "csrf": signed_token(state.secret, "password")})


@router.post("/beheer/wachtwoord", response_class=HTMLResponse)
async def password_set(request: Request, token: Annotated[str, Form(max_length=100)] = "",
                       password: Annotated[str, Form(max_length=1000)] = "",
                       csrf: Annotated[str, Form(max_length=200)] = "") -> HTMLResponse:
    same_origin(request)
    state = review_state(request)
    if not check_signed_token(state.secret, "password", csrf):
        raise ForbiddenError("the form's CSRF token is missing or wrong")
    if len(password) < accounts.MIN_PASSWORD:
        return _page(request, "password.html", {
            "token": token, "csrf": signed_token(state.secret, "password"),
            "message": f"Kies een wachtwoord van minstens {accounts.MIN_PASSWORD} tekens."}, 422)

    def use() -> bool:
        with session_scope(state.service.factory) as session:
            return accounts.use_setup_token(session, token, password) is not None

    if not await run_in_threadpool(use):
        return _page(request, "password.html", {
            "token": "", "csrf": signed_token(state.secret, "password"),
            "message": "Deze link is ongeldig of verlopen. Vraag een beheerder om een nieuwe."}, 400)
    return _login_page(request, "Uw wachtwoord is ingesteld. U kunt nu inloggen.")


@router.post("/beheer/uitloggen")
async def logout(request: Request, who: Annotated[Principal, Depends(require_csrf)]) -> Response:
    state = review_state(request)
    token = request.cookies.get(SESSION_COOKIE, "")

    def end() -> None:
        with session_scope(state.service.factory) as session:
            accounts.end_session(session, token)
            accounts.audit(session, "logout", user_id=who.user_id)

    await run_in_threadpool(end)
    response = RedirectResponse("/beheer/inloggen", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=COOKIE_PATH)
    return response


# --- the queue and the review page -------------------------------------------------------------------------------

@router.get("/beheer", response_class=HTMLResponse)
async def queue_page(request: Request, who: Annotated[Principal, Depends(require_session)]) -> HTMLResponse:
    entries = await run_in_threadpool(review_state(request).service.queue)
    return _page(request, "queue.html", {"who": who, "entries": entries,
                                         "publication": review_state(request).settings.publication})


@router.get("/beheer/uitspraak/{ruling_id}", response_class=HTMLResponse)
async def review_page(request: Request, ruling_id: int,
                      who: Annotated[Principal, Depends(require_session)], fout: str = "",
                      klaar: str = "") -> HTMLResponse:
    view = await run_in_threadpool(review_state(request).service.view, ruling_id)
    return _page(request, "ruling.html", {"who": who, "v": view, "error": fout[:300], "done": klaar[:300]})


def _back(ruling_id: int, *, done: str = "", error: str = "") -> RedirectResponse:
    from urllib.parse import urlencode

    query = urlencode({k: v for k, v in (("klaar", done), ("fout", error)) if v})
    return RedirectResponse(f"/beheer/uitspraak/{ruling_id}" + (f"?{query}" if query else ""), status_code=303)


@router.post("/beheer/uitspraak/{ruling_id}/correctie")
async def add_correction(request: Request, ruling_id: int, who: Annotated[Principal, Depends(require_csrf)],
                         kind: Annotated[str, Form(max_length=10)] = "",
                         surface: Annotated[str, Form(max_length=400)] = "",
                         placeholder: Annotated[str, Form(max_length=80)] = "",
                         role: Annotated[str, Form(max_length=40)] = "") -> Response:
    service = review_state(request).service
    try:
        changed = await run_in_threadpool(lambda: service.add_correction(
            who, ruling_id, kind, surface=surface, placeholder=placeholder, role=role))
    except RulingsError as exc:
        if exc.http_status != 422:
            raise
        return _back(ruling_id, error=_dutch_error(exc))
    return _back(ruling_id, done=f"Correctie opgeslagen: {changed} vermelding(en) aangepast.")


def _dutch_error(exc: RulingsError) -> str:
    return {
        "these words do not occur in the text": "Deze woorden komen niet voor in de geanonimiseerde tekst.",
        "these words do not occur in the original": "Deze woorden komen niet voor in het origineel.",
        "name the words to replace": "Vul de woorden in die vervangen moeten worden.",
        "that is a placeholder already": "Dat is al een vervanging.",
        "choose a placeholder of this ruling": "Kies een vervanging die in deze uitspraak voorkomt.",
        "choose a role": "Kies een rol.",
        "the original text is not kept, so nothing can be restored":
            "Het origineel is niet bewaard; terugzetten kan niet.",
    }.get(exc.message, "De correctie is niet opgeslagen.")


@router.post("/beheer/uitspraak/{ruling_id}/goedkeuren")
async def approve(request: Request, ruling_id: int, who: Annotated[Principal, Depends(require_csrf)]) -> Response:
    service = review_state(request).service
    await run_in_threadpool(service.approve, who, ruling_id)
    return _back(ruling_id, done="Goedgekeurd en gepubliceerd.")


@router.post("/beheer/uitspraak/{ruling_id}/offline")
async def unpublish(request: Request, ruling_id: int, who: Annotated[Principal, Depends(require_csrf)],
                    note: Annotated[str, Form(max_length=500)] = "") -> Response:
    service = review_state(request).service
    closed = await run_in_threadpool(service.unpublish, who, ruling_id, note)
    return _back(ruling_id, done=f"Offline gehaald; {closed} melding(en) gesloten.")


@router.post("/beheer/melding/{report_id}/sluiten")
async def close_report(request: Request, report_id: int, who: Annotated[Principal, Depends(require_csrf)],
                       note: Annotated[str, Form(max_length=500)] = "",
                       ruling_id: Annotated[int, Form()] = 0) -> Response:
    service = review_state(request).service
    await run_in_threadpool(service.close_report, who, report_id, note)
    return _back(ruling_id, done="Melding gesloten.") if ruling_id else RedirectResponse("/beheer", status_code=303)


@router.post("/beheer/correctie/{correction_id}/lijst")
async def promote(request: Request, correction_id: int, who: Annotated[Principal, Depends(require_csrf)],
                  kind: Annotated[str, Form(max_length=40)] = "",
                  ruling_id: Annotated[int, Form()] = 0) -> Response:
    service = review_state(request).service
    await run_in_threadpool(service.promote, who, correction_id, kind)
    return _back(ruling_id, done="Toegevoegd aan de gecontroleerde lijsten.")


# --- the public report form -----------------------------------------------------------------------------------------

@router.get("/melding/{slug:path}", include_in_schema=False)
async def report_form_again(slug: str) -> RedirectResponse:
    """A reload, bookmark or link of the report's address (a POST target) leads back to the ruling and its form,
    not to an error page."""
    return RedirectResponse(f"{ruling_url(slug)}#meld-een-fout", status_code=303)


@router.post("/melding/{slug:path}", response_class=HTMLResponse)
async def file_report(request: Request, slug: str, message: Annotated[str, Form(max_length=4000)] = "",
                      csrf: Annotated[str, Form(max_length=200)] = "",
                      website: Annotated[str, Form(max_length=200)] = "") -> HTMLResponse:
    """A reader's "Meld een fout": no login; CSRF-signed, rate limited, and a honeypot field (``website``) that
    people do not see and bots fill in (then nothing is stored, and the answer looks the same)."""
    same_origin(request)
    state = review_state(request)
    if not check_signed_token(state.secret, "report", csrf):
        raise ForbiddenError("the form's CSRF token is missing or wrong")
    wait = await state.reports.spend(client_key(request.scope), 1)
    if wait > 0:
        seconds = str(max(1, math.ceil(wait)))
        response = _page(request, "reported.html", {"slug": slug, "limited": seconds}, 429)
        response.headers["Retry-After"] = seconds
        return response
    if not website.strip():
        await run_in_threadpool(state.service.file_report, slug, message)
    return _page(request, "reported.html", {"slug": slug, "limited": ""})
