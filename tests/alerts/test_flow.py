"""The alert flow end to end on real parts: the search page's form → confirmation mail (real SMTP server on
127.0.0.1) → confirm → a new ruling through the real pipeline into the database and Meilisearch → ``rulings alerts
send`` → one digest with exactly that ruling → nothing the second time → unsubscribe → no more mail and
the address gone from the database."""

from __future__ import annotations

import re
import time
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.indexing import sync_index
from app.runtime import open_index
from archive.db import session_scope
from archive.models import AlertSubscription, AlertToken, Ruling
from ingest.pipeline import run_batch
from tests.alerts.conftest import PUBLIC_URL, SENDER, SmtpServer
from tests.alerts.rulings import DENTAL, PHYSIO, write
from tests.fixtures.archive import Archive
from tests.fixtures.cli import cli_against

pytestmark = pytest.mark.integration

LINK = re.compile(r"https?://[^\s\"<>]+")


@pytest.fixture
def client(alert_archive: Archive) -> TestClient:
    from app.main import create_app

    with TestClient(create_app(alert_archive.settings)) as c:
        yield c  # type: ignore[misc]


def _ingest(archive: Archive, paths: list[Path]) -> None:
    outcomes = run_batch(paths, archive.settings, archive.database.factory)
    assert [o.status for o in outcomes] == ["published"] * len(paths), [o.error for o in outcomes]
    index = open_index(archive.settings)
    sync_index(archive.database.factory, index)
    # The digest window is in whole seconds and ends before the current one: wait until the newest ruling's
    # second has passed (a condition, not a timing).
    with session_scope(archive.database.factory) as s:
        newest = s.scalar(select(func.max(Ruling.published_at)))
    assert newest is not None
    while time.time() < int(newest.timestamp()) + 1.05:
        time.sleep(0.05)


def _text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def _html(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def _subscribe(client: TestClient, email: str, search: str, frequency: str = "daily") -> str:
    """Ask for an alert the way the search page's form does; the confirmation link from the mail."""
    response = client.post("/alerts", data={"email": email, "frequency": frequency, "search": search},
                           headers={"Accept": "text/html"})
    assert response.status_code == 200, response.text
    assert "Controleer uw e-mail" in response.text
    return response.text


def _confirm_link(smtp: SmtpServer, to: str) -> str:
    (mail,) = [m for m in smtp.take() if m.rcpt_tos == [to]]
    links = [u for u in LINK.findall(_text(mail.message)) if "/alerts/bevestigen" in u]
    assert links
    return links[0]


def _confirm(client: TestClient, link: str) -> None:
    token = parse_qs(urlsplit(link).query)["token"][0]
    page = client.get(urlsplit(link).path, params={"token": token})
    assert page.status_code == 200 and "Bevestigen" in page.text
    done = client.post("/alerts/bevestigen", data={"token": token})
    assert done.status_code == 200 and "Bevestigd" in done.text


def _send(archive: Archive, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch, expect_exit: int = 0) -> list:  # type: ignore[type-arg]
    s = archive.settings
    for name, value in {"RULINGS_SMTP_URL": s.smtp_url, "RULINGS_MAIL_FROM": s.mail_from,
                        "RULINGS_PUBLIC_URL": s.public_url, "RULINGS_ALERTS_SETTLE_S": "0"}.items():
        monkeypatch.setenv(name, str(value))
    with cli_against(archive, monkeypatch) as invoke:
        result = invoke("alerts", "send")
    assert result.exit_code == expect_exit, result.output
    return smtp.take()


def test_search_page_offers_the_alert_form_with_its_search(client: TestClient) -> None:
    page = client.get("/", params={"q": "tandarts", "topic": "mondzorg"})
    assert page.status_code == 200
    form = re.search(r'<form method="post" action="/alerts".*?</form>', page.text, re.S)
    assert form is not None
    assert 'name="search" value="q=tandarts&amp;topic=mondzorg"' in form.group(0)
    assert 'type="email"' in form.group(0) and 'value="weekly"' in form.group(0)


def test_no_form_without_smtp(archive: Archive) -> None:
    from app.main import create_app

    with TestClient(create_app(archive.settings)) as plain:
        assert "/alerts" not in plain.get("/").text
        assert plain.post("/alerts", data={"email": "a@example.nl"}).status_code == 404


def test_subscribe_confirm_digest_once_unsubscribe(alert_archive: Archive, client: TestClient,
                                                   smtp_server: SmtpServer, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    lawyer, other = "advocaat@kantoor.example", "lezer@example.org"
    _subscribe(client, lawyer, "q=tandarts&page=2&sort=date_asc")
    confirmation = smtp_server.received[0].message
    # The confirmation mail: headers, a text body with an HTML alternative, absolute links on the public URL.
    assert confirmation["From"] == SENDER and confirmation["To"] == lawyer
    assert confirmation["Subject"] == "Bevestig uw e-mailalert"
    assert confirmation["Date"] and re.fullmatch(r"<[^@>]+@uitspraken\.example\.nl>", confirmation["Message-ID"])
    assert confirmation.get_content_type() == "multipart/alternative"
    link = _confirm_link(smtp_server, lawyer)
    assert link.startswith(f"{PUBLIC_URL}/alerts/bevestigen?token=")
    assert link in _html(confirmation) or link.replace("&", "&amp;") in _html(confirmation)
    assert "‘tandarts’" in _text(confirmation)

    # Tokens are stored hashed; the request is pending until confirmed.
    token = parse_qs(urlsplit(link).query)["token"][0]
    with session_scope(alert_archive.database.factory) as s:
        sub = s.scalars(select(AlertSubscription)).one()
        assert (sub.status, sub.search, sub.frequency) == ("pending", "q=tandarts", "daily")
        hashes = list(s.scalars(select(AlertToken.token_hash)))
        assert hashes and token not in hashes and len(token) >= 40
    assert _send(alert_archive, smtp_server, monkeypatch) == []  # not confirmed: nothing

    _confirm(client, link)
    # A second alert, on a search the new rulings do not match.
    _subscribe(client, other, "q=buitenland&topic=buitenland", "weekly")
    _confirm(client, _confirm_link(smtp_server, other))

    folder = tmp_path / "new"
    _ingest(alert_archive, [write(folder, DENTAL, "202399901"), write(folder, PHYSIO, "202399902")])

    (digest,) = _send(alert_archive, smtp_server, monkeypatch)
    assert digest.rcpt_tos == [lawyer]
    m = digest.message
    assert m["From"] == SENDER and m["To"] == lawyer and m["Date"] and m["Message-ID"]
    assert m["Subject"].startswith("1 nieuwe uitspraak") and "tandarts" in m["Subject"]
    unsubscribe = re.fullmatch(r"<(https://uitspraken\.example\.nl/alerts/afmelden\?token=[^>]+)>",
                               m["List-Unsubscribe"])
    assert unsubscribe is not None
    # On the wire as one plain <URL>, not an RFC 2047 encoded word that mail programs do not take for a link.
    assert f"\r\nList-Unsubscribe: <{unsubscribe.group(1)}>\r\n".encode() in digest.raw
    assert m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = _text(m), _html(m)
    assert "202399901" in text and "202399902" not in text
    assert "202399901" in html and "202399902" not in html
    links = LINK.findall(text)
    assert all(u.startswith(PUBLIC_URL + "/") for u in links)
    assert f"{PUBLIC_URL}/uitspraak/202399901" in links
    assert unsubscribe.group(1) in links
    assert f'href="{PUBLIC_URL}/uitspraak/202399901"' in html

    # Idempotent: the same run again sends nothing (not due, and those rulings were considered).
    assert _send(alert_archive, smtp_server, monkeypatch) == []

    # No login: the link from the mail opens a page (a scanner opening it ends nothing), its button ends the alert.
    page = client.get(urlsplit(unsubscribe.group(1)).path + "?" + urlsplit(unsubscribe.group(1)).query)
    assert page.status_code == 200 and "Afmelden voor e-mailalert" in page.text
    token = parse_qs(urlsplit(unsubscribe.group(1)).query)["token"][0]
    assert "Afgemeld" in client.post("/alerts/afmelden", data={"token": token}).text
    with session_scope(alert_archive.database.factory) as s:
        emails = list(s.scalars(select(AlertSubscription.email)))
    assert emails == [other]

    # Another matching ruling, a day later: the lawyer gets nothing any more.
    _ingest(alert_archive, [write(folder, DENTAL, "202399903")])
    with session_scope(alert_archive.database.factory) as s:  # the next period
        for sub in s.scalars(select(AlertSubscription)):
            sub.last_digest_at = None
    assert _send(alert_archive, smtp_server, monkeypatch) == []
