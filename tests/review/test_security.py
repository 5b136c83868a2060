"""Security of the review pages and API: nothing without a session or token, CSRF on every form, disabled
accounts, login throttling, no user enumeration, cookie flags, session expiry, and the original text in no public
response."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import update

from app.review import accounts
from archive.db import session_scope
from archive.models import ReviewSession, utcnow
from tests.fixtures.archive import PRIVATE_NAMES, PRIVATE_RULING, Archive
from tests.review.conftest import PASSWORD, Reviewed, add_user, form_token, ingest, login

pytestmark = pytest.mark.integration
PUBLIC_FORMS = {"/beheer/inloggen", "/beheer/wachtwoord"}  # the login and password set-up forms themselves


def api_routes(routes: list) -> list[APIRoute]:  # type: ignore[type-arg]
    """Every APIRoute of an app, also inside included routers (FastAPI keeps those as one entry each; the app's
    routers are included without a prefix)."""
    out: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            out.append(route)
        elif getattr(route, "original_router", None) is not None:
            out += api_routes(route.original_router.routes)
    return out


def _review_routes(client: TestClient) -> list[tuple[str, str]]:
    routes = []
    for route in api_routes(client.app.routes):  # type: ignore[attr-defined]
        if isinstance(route, APIRoute) and (route.path.startswith("/beheer") or route.path.startswith(
                "/api/v1/review")) and route.path not in PUBLIC_FORMS:
            routes += [(m, route.path) for m in route.methods]
    return routes


def _fill(path: str, ruling_id: int) -> str:
    return re.sub(r"\{[^}]+\}", str(ruling_id), path)


def test_every_review_route_refuses_without_a_session_or_token(light_archive: Reviewed) -> None:
    c = light_archive.client
    routes = _review_routes(c)
    assert len(routes) >= 12
    for method, path in routes:
        answer = c.request(method, _fill(path, light_archive.ruling_id), headers={"accept": "text/html"})
        assert answer.status_code == 401, (method, path, answer.status_code)
        if path.startswith("/api/"):
            bad = c.request(method, _fill(path, light_archive.ruling_id),
                            headers={"Authorization": "Bearer rat_not-a-token"})
            assert bad.status_code == 401, (method, path)
    # A session does not open the API, and a token does not open the pages.
    assert login(c).status_code == 303
    assert c.get("/api/v1/review/queue").status_code == 401
    with session_scope(light_archive.archive.database.factory) as s:
        token = accounts.create_token(s, "rev@example.org")
    fresh = TestClient(c.app)
    assert fresh.get("/beheer", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert fresh.get("/api/v1/review/queue", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_every_form_needs_its_csrf_token(light_archive: Reviewed) -> None:
    c, rid = light_archive.client, light_archive.ruling_id
    page = c.get("/beheer/inloggen")
    refused = c.post("/beheer/inloggen", data={"email": "rev@example.org", "password": PASSWORD})
    assert refused.status_code == 403
    forged = c.post("/beheer/inloggen", data={"email": "rev@example.org", "password": PASSWORD,
                                              "csrf": form_token(page.text)}, headers={"origin": "https://evil.example"})
    assert forged.status_code == 403
    assert login(c).status_code == 303
    csrf = form_token(c.get(f"/beheer/uitspraak/{rid}").text)
    posts = [(f"/beheer/uitspraak/{rid}/correctie", {"kind": "redact", "surface": "commissie"}),
             (f"/beheer/uitspraak/{rid}/goedkeuren", {}), (f"/beheer/uitspraak/{rid}/offline", {}),
             ("/beheer/melding/1/sluiten", {}), ("/beheer/correctie/1/lijst", {"kind": "known_surname"}),
             ("/beheer/uitloggen", {})]
    for path, data in posts:
        assert c.post(path, data=data).status_code == 403, path
        assert c.post(path, data={**data, "csrf": "wrong"}).status_code == 403, path
    assert c.get(f"/api/v1/rulings/{light_archive.slug}").status_code == 200  # nothing was taken down
    assert c.post("/beheer/uitloggen", data={"csrf": csrf}).status_code == 200
    ruling_page = c.get(f"/uitspraak/{light_archive.slug}").text
    assert c.post(f"/melding/{light_archive.slug}", data={"message": "x"}).status_code == 403
    assert c.post(f"/melding/{light_archive.slug}", data={"message": "x", "csrf": form_token(ruling_page)},
                  headers={"origin": "https://evil.example"}).status_code == 403


def test_disabled_account_cannot_log_in_and_loses_its_sessions(light_archive: Reviewed) -> None:
    c = light_archive.client
    assert login(c).status_code == 303 and c.get("/beheer").status_code == 200
    with session_scope(light_archive.archive.database.factory) as s:
        accounts.set_disabled(s, "rev@example.org")
    assert c.get("/beheer").status_code == 401
    assert login(c).status_code == 401


def test_ten_wrong_passwords_slow_the_next_attempt_and_do_not_tell_which_addresses_exist(
        light_archive: Reviewed) -> None:
    c = light_archive.client
    unknown = login(c, "nobody@example.org", "wrong password!")
    wrong = login(c, "rev@example.org", "wrong password!")
    assert unknown.status_code == wrong.status_code == 401
    assert _message(unknown.text) == _message(wrong.text)
    for _ in range(9):
        assert login(c, "rev@example.org", "wrong password!").status_code == 401
    slowed = login(c)  # the right password, after ten wrong ones (RULINGS_LOGIN_ATTEMPTS_BURST=10)
    assert slowed.status_code == 429 and int(slowed.headers["retry-after"]) >= 1
    assert "Te veel mislukte pogingen" in slowed.text
    # an unknown address is slowed down the same way
    for _ in range(10):
        login(c, "nobody@example.org", "wrong password!")
    assert login(c, "nobody@example.org", "wrong password!").status_code == 429


def _message(html: str) -> str:
    found = re.search(r'<p class="melding" role="alert">(.*?)</p>', html)
    return found.group(1) if found else ""


def test_session_cookie_flags_and_expiry(archive: Archive) -> None:
    from app.main import create_app

    settings = archive.settings.model_copy(update={"public_url": "https://archief.example.org",
                                                   "allowed_hosts": "testserver", "session_idle_minutes": 5})
    add_user(archive)
    with TestClient(create_app(settings), base_url="https://testserver") as c:
        answer = login(c)
        assert answer.status_code == 303
        cookie = next(v for k, v in answer.headers.multi_items()
                      if k == "set-cookie" and v.startswith("beheer_sessie="))
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie and "Path=/beheer" in cookie
        assert c.get("/beheer").status_code == 200
        with session_scope(archive.database.factory) as s:
            s.execute(update(ReviewSession).values(last_seen_at=utcnow() - timedelta(minutes=6)))
        assert c.get("/beheer").status_code == 401  # idle too long
        assert login(c).status_code == 303
        with session_scope(archive.database.factory) as s:
            s.execute(update(ReviewSession).values(created_at=utcnow() - timedelta(hours=13)))
        assert c.get("/beheer").status_code == 401  # older than the absolute limit


def test_one_time_link_sets_the_password_once(light_archive: Reviewed) -> None:
    c = light_archive.client
    token = add_user(light_archive.archive, "new@example.org", "admin", None)
    assert token
    page = c.get("/beheer/wachtwoord", params={"token": token})
    data = {"token": token, "password": "a new long password", "csrf": form_token(page.text)}
    assert c.post("/beheer/wachtwoord", data=data).status_code == 200
    assert c.post("/beheer/wachtwoord", data=data).status_code == 400  # used up
    assert login(c, "new@example.org", "a new long password").status_code == 303


def test_original_text_reaches_no_public_response(archive: Archive, tmp_path: Path) -> None:
    """Every public GET route, with the ruling's identifiers filled in, after a report was filed: no private name
    (the original text is on the review page only)."""
    from app.main import create_app

    doc = tmp_path / "private.txt"
    doc.write_text(PRIVATE_RULING, encoding="utf-8")
    outcome = ingest(archive, doc)[0]
    assert outcome.status == "published"
    add_user(archive)
    with TestClient(create_app(archive.settings)) as c:
        page = c.get(f"/uitspraak/{outcome.slug}")
        sent = c.post(f"/melding/{outcome.slug}", data={"message": "m", "csrf": form_token(page.text)})
        assert sent.status_code == 200
        bodies = []
        for route in api_routes(c.app.routes):  # type: ignore[attr-defined]
            if "GET" not in route.methods or route.path.startswith(
                    ("/beheer", "/api/v1/review")):
                continue
            path = route.path.replace("{slug:path}", str(outcome.slug)).replace("{key}", str(outcome.slug))
            path = re.sub(r"\{[^}]+\}", str(outcome.slug), path)
            for params in ({}, {"q": "tandarts"}, {"q": "verzoeker"}):  # a query is echoed: no name in it
                answer = c.get(path, params=params)
                bodies.append(answer.text)
        assert len(bodies) > 30
        joined = "\n".join(bodies).lower()
        for name in PRIVATE_NAMES:
            assert name.lower() not in joined, name
        assert login(c).status_code == 303
        assert "Pietersen" in c.get(f"/beheer/uitspraak/{outcome.ruling_id}").text
