"""Asking for, confirming and ending an alert through the pages: Dutch answers for every mistake, the limits per
address and per client, tokens that expire and work once, and nothing kept that is not needed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.alerts.store import purge_expired, utcnow
from archive.db import session_scope
from archive.models import AlertSubscription, AlertToken
from tests.alerts.conftest import SmtpServer
from tests.fixtures.archive import Archive

HTML = {"Accept": "text/html"}


@pytest.fixture
def client(alert_archive: Archive) -> Iterator[TestClient]:
    from app.main import create_app

    with TestClient(create_app(alert_archive.settings)) as c:
        yield c


def _post(client: TestClient, email: str, search: str = "q=tandarts", frequency: str = "daily") -> object:
    return client.post("/alerts", data={"email": email, "frequency": frequency, "search": search}, headers=HTML)


def _rows(archive: Archive) -> list[AlertSubscription]:
    with session_scope(archive.database.factory) as s:
        return list(s.scalars(select(AlertSubscription).order_by(AlertSubscription.id)))


def _token(smtp: SmtpServer) -> str:
    (mail,) = smtp.take()
    text = mail.message.get_body(("plain",)).get_content()
    link = next(w for w in text.split() if "/alerts/bevestigen?token=" in w)
    return parse_qs(urlsplit(link).query)["token"][0]


@pytest.mark.parametrize("bad", ["", "geen-adres", "a@b", "naam@voorbeeld..nl", "naam @voorbeeld.nl",
                                 "naam@voorbeeld.nl\r\nBcc: x@y.nl", "x" * 65 + "@voorbeeld.nl", "a@-x.nl"])
def test_an_invalid_address_gets_a_dutch_error_and_nothing_is_kept(client: TestClient, alert_archive: Archive,
                                                                    smtp_server: SmtpServer, bad: str) -> None:
    response = _post(client, bad)
    assert response.status_code == 422  # type: ignore[attr-defined]
    body = response.text  # type: ignore[attr-defined]
    assert "e-mailadres" in body and ("Dit is geen geldig e-mailadres" in body or "Vul een e-mailadres in" in body)
    assert 'aria-invalid="true"' in body and 'name="search" value="q=tandarts"' in body  # the form, kept
    assert _rows(alert_archive) == [] and smtp_server.take() == []


def test_one_request_per_address_per_minute(client: TestClient, alert_archive: Archive,
                                            smtp_server: SmtpServer) -> None:
    assert _post(client, "Een@Example.nl").status_code == 200  # type: ignore[attr-defined]
    again = _post(client, "een@example.NL", "q=fysiotherapie")  # the same address, another search
    assert again.status_code == 429  # type: ignore[attr-defined]
    assert "Voor dit e-mailadres is zojuist al een e-mailalert aangevraagd" in again.text  # type: ignore[attr-defined]
    assert 1 <= int(again.headers["Retry-After"]) <= 60  # type: ignore[attr-defined]
    assert _post(client, "twee@example.nl").status_code == 200  # type: ignore[attr-defined]
    assert len(smtp_server.take()) == 2 and len(_rows(alert_archive)) == 2
    with session_scope(alert_archive.database.factory) as s:  # a minute later the address may ask again
        for row in s.scalars(select(AlertSubscription)):
            row.requested_at = utcnow() - timedelta(seconds=61)
    assert _post(client, "een@example.nl", "q=fysiotherapie").status_code == 200  # type: ignore[attr-defined]


def test_an_address_has_at_most_five_requests_awaiting_confirmation(client: TestClient, alert_archive: Archive,
                                                                     smtp_server: SmtpServer) -> None:
    """One a minute alone would still let anyone have the archive mail an address every minute."""
    client.app.state.alerts_limiter = None  # type: ignore[attr-defined]  # (the per-client budget is tested below)
    def a_minute_passes() -> None:
        with session_scope(alert_archive.database.factory) as s:
            for row in s.scalars(select(AlertSubscription)):
                row.requested_at -= timedelta(seconds=61)

    for n in range(5):
        assert _post(client, "doelwit@example.nl", f"q=woord{n}").status_code == 200  # type: ignore[attr-defined]
        a_minute_passes()
    refused = _post(client, "doelwit@example.nl", "q=woord5")
    assert refused.status_code == 429 and "wachten al enkele aanvragen op bevestiging" in refused.text  # type: ignore[attr-defined]
    assert len(smtp_server.take()) == 5


def test_a_client_may_ask_for_a_few_alerts_then_one_a_minute(client: TestClient, smtp_server: SmtpServer) -> None:
    codes = [_post(client, f"lezer{n}@example.nl").status_code for n in range(7)]  # type: ignore[attr-defined]
    assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
    assert len(smtp_server.take()) == 5
    refused = _post(client, "lezer9@example.nl")
    assert "te veel e-mailalerts aangevraagd" in refused.text and refused.headers["Retry-After"]  # type: ignore[attr-defined]


def test_an_invalid_search_or_frequency_is_refused_in_dutch(client: TestClient, alert_archive: Archive,
                                                             smtp_server: SmtpServer) -> None:
    bad_search = _post(client, "a@example.nl", "year_from=twintig")
    assert bad_search.status_code == 422 and "Deze zoekopdracht klopt niet" in bad_search.text  # type: ignore[attr-defined]
    bad_topic = _post(client, "a@example.nl", "outcome=gewonnen")
    assert bad_topic.status_code == 422  # type: ignore[attr-defined]
    bad_frequency = _post(client, "a@example.nl", frequency="elk uur")
    assert bad_frequency.status_code == 422 and "Kies dagelijks of wekelijks" in bad_frequency.text  # type: ignore[attr-defined]
    assert _rows(alert_archive) == [] and smtp_server.take() == []


def test_confirmation_works_once_and_expires(client: TestClient, alert_archive: Archive,
                                             smtp_server: SmtpServer) -> None:
    _post(client, "een@example.nl")
    token = _token(smtp_server)
    page = client.get("/alerts/bevestigen", params={"token": token})
    assert page.status_code == 200 and "Bevestigen" in page.text and "‘tandarts’" in page.text
    assert page.headers["Cache-Control"] == "no-store" and page.headers["Referrer-Policy"] == "no-referrer"
    assert _rows(alert_archive)[0].status == "pending"  # opening the link (a mail scanner) confirms nothing
    assert "Bevestigd" in client.post("/alerts/bevestigen", data={"token": token}).text
    used = client.post("/alerts/bevestigen", data={"token": token})
    assert used.status_code == 404 and "ongeldig of verlopen" in used.text

    # A request not confirmed in time: the link stops working and the address is deleted.
    _post(client, "twee@example.nl")
    late = _token(smtp_server)
    with session_scope(alert_archive.database.factory) as s:
        row = s.scalar(select(AlertSubscription).where(AlertSubscription.email == "twee@example.nl"))
        assert row is not None
        row.requested_at = utcnow() - timedelta(hours=49)
    assert client.get("/alerts/bevestigen", params={"token": late}).status_code == 404
    with session_scope(alert_archive.database.factory) as s:
        assert purge_expired(s, expiry=timedelta(hours=48)) == 1
    assert [r.email for r in _rows(alert_archive)] == ["een@example.nl"]
    with session_scope(alert_archive.database.factory) as s:
        assert s.scalars(select(AlertToken)).all() == []  # the confirm token is spent, the expired one gone


def test_confirming_the_same_alert_twice_keeps_one(client: TestClient, alert_archive: Archive,
                                                   smtp_server: SmtpServer) -> None:
    _post(client, "een@example.nl", "q=tandarts&sort=date_desc")
    client.post("/alerts/bevestigen", data={"token": _token(smtp_server)})
    with session_scope(alert_archive.database.factory) as s:
        for row in s.scalars(select(AlertSubscription)):
            row.requested_at = utcnow() - timedelta(minutes=2)
    _post(client, "een@example.nl", "q=tandarts")
    assert "Bevestigd" in client.post("/alerts/bevestigen", data={"token": _token(smtp_server)}).text
    assert [(r.status, r.search) for r in _rows(alert_archive)] == [("active", "q=tandarts")]


def _active(archive: Archive, *addresses: str) -> list[str]:
    """Active alerts for these addresses, and an unsubscribe token of each (as a digest would carry)."""
    from app.alerts.store import unsubscribe_token

    tokens = []
    for n, address in enumerate(addresses):
        with session_scope(archive.database.factory) as s:
            row = AlertSubscription(email=address, email_key=address, search=f"q=woord{n}", frequency="daily",
                                    status="active", requested_at=utcnow(), watermark=0)
            s.add(row)
            s.flush()
            tokens.append(unsubscribe_token(s, row.id))
    return tokens


def test_opening_the_unsubscribe_link_ends_nothing(client: TestClient, alert_archive: Archive) -> None:
    """A mail scanner or link preview opens every link in a mail: GET and HEAD show a page with a button."""
    (token,) = _active(alert_archive, "een@example.nl")
    page = client.get("/alerts/afmelden", params={"token": token})
    assert page.status_code == 200 and "Afmelden voor e-mailalert" in page.text and "‘woord0’" in page.text
    assert '<form method="post" action="/alerts/afmelden">' in page.text
    assert f'name="token" value="{token}"' in page.text
    assert page.headers["Cache-Control"] == "no-store" and page.headers["Referrer-Policy"] == "no-referrer"
    assert client.head("/alerts/afmelden", params={"token": token}).status_code == 200
    assert [r.status for r in _rows(alert_archive)] == ["active"]
    # The button: the token in the form, posted from the page itself.
    done = client.post("/alerts/afmelden", data={"token": token}, headers={"Origin": "http://testserver"})
    assert done.status_code == 200 and "Afgemeld" in done.text
    assert _rows(alert_archive) == []
    # The link again (or a made-up one): a Dutch 404 that says the alert is gone, not an error of ours.
    again = client.get("/alerts/afmelden", params={"token": token})
    assert again.status_code == 404 and "al afgemeld" in again.text
    assert client.get("/alerts/afmelden", params={"token": "verzonnen"}).status_code == 404


def test_one_click_unsubscribe_of_the_mail_program(client: TestClient, alert_archive: Archive) -> None:
    """RFC 8058: the mail provider POSTs List-Unsubscribe=One-Click to the header's URL; no page, no origin."""
    first, second = _active(alert_archive, "een@example.nl", "twee@example.nl")
    one_click = client.post(f"/alerts/afmelden?token={first}", content=b"List-Unsubscribe=One-Click",
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert one_click.status_code == 200 and "Afgemeld" in one_click.text
    # multipart/form-data is allowed by the RFC too, and a provider's Origin is not ours: it is not a form of ours.
    multipart = client.post(f"/alerts/afmelden?token={second}", files={"List-Unsubscribe": (None, "One-Click")},
                            headers={"Origin": "https://mail.provider.example"})
    assert multipart.status_code == 200
    assert _rows(alert_archive) == []
    with session_scope(alert_archive.database.factory) as s:
        assert s.scalars(select(AlertToken)).all() == []
    # Used again: the same answer (ending an alert twice is not an error; a mail program cannot act on one).
    assert client.post(f"/alerts/afmelden?token={first}", content=b"List-Unsubscribe=One-Click",
                       headers={"Content-Type": "application/x-www-form-urlencoded"}).status_code == 200


def test_the_buttons_refuse_a_post_from_another_site(client: TestClient, alert_archive: Archive,
                                                     smtp_server: SmtpServer) -> None:
    (token,) = _active(alert_archive, "een@example.nl")
    foreign = {"Origin": "https://elders.example"}
    refused = client.post("/alerts/afmelden", data={"token": token}, headers=foreign)
    assert refused.status_code == 403 and [r.status for r in _rows(alert_archive)] == ["active"]
    _post(client, "twee@example.nl")
    confirm_token = _token(smtp_server)
    assert client.post("/alerts/bevestigen", data={"token": confirm_token}, headers=foreign).status_code == 403
    assert sorted(r.status for r in _rows(alert_archive)) == ["active", "pending"]
    # A page under Referrer-Policy: no-referrer posts with Origin: null; the token decides.
    ok = client.post("/alerts/bevestigen", data={"token": confirm_token}, headers={"Origin": "null"})
    assert ok.status_code == 200 and "Bevestigd" in ok.text


def test_the_alert_page_shows_the_form_for_a_search(client: TestClient) -> None:
    page = client.get("/alerts", params={"q": "tandarts", "topic": "mondzorg", "page": "3"})
    assert page.status_code == 200 and "E-mailalert instellen" in page.text
    assert 'name="search" value="q=tandarts&amp;topic=mondzorg"' in page.text
    assert "‘tandarts’; Onderwerp: Mondzorg" in page.text
    assert client.get("/alerts", params={"year_from": "x"}).status_code == 422


def test_when_the_mail_cannot_be_sent_the_address_is_not_kept(alert_archive: Archive) -> None:
    from app.main import create_app
    from search_index import free_port

    settings = alert_archive.settings.model_copy(update={"smtp_url": f"smtp://127.0.0.1:{free_port()}",
                                                         "smtp_timeout_s": 5})
    with TestClient(create_app(settings)) as down:
        response = _post(down, "een@example.nl")
    assert response.status_code == 503  # type: ignore[attr-defined]
    assert "De bevestigingsmail kon niet worden verstuurd" in response.text  # type: ignore[attr-defined]
    assert _rows(alert_archive) == []


def test_the_about_page_says_what_happens_to_the_address(client: TestClient, archive: Archive) -> None:
    from app.main import create_app

    text = client.get("/over").text
    assert 'id="e-mailalerts"' in text and "verwijderen we uw adres" in text and "48 uur" in text
    with TestClient(create_app(archive.settings)) as plain:  # no mail configured: no alerts to describe
        assert 'id="e-mailalerts"' not in plain.get("/over").text
