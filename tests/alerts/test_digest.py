"""The digest run on real parts (database, Meilisearch, SMTP server): what goes in a digest, what waits, and that
one failing address does not stop the others. Rulings are stored as rows and indexed by the real sync (the
pipeline itself is exercised by test_flow.py)."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.alerts.store import advance, confirm, request_subscription
from app.cli_alerts import run_send
from app.indexing import sync_index
from app.runtime import open_index
from archive.db import session_scope
from archive.models import AlertSubscription, AlertToken
from archive.store import content_hash
from tests.alerts.conftest import PUBLIC_URL, SmtpServer
from tests.fixtures.archive import Archive
from tests.search_index.factories import make_ruling, topic

pytestmark = pytest.mark.integration


def _now() -> datetime:
    return datetime.now(UTC)


def _add(archive: Archive, *rulings: dict[str, Any], index: bool = True) -> None:
    """Published rulings (columns as in ``make_ruling``, published 5 s ago unless given), indexed by one sync."""
    with session_scope(archive.database.factory) as s:
        for fields in rulings:
            ruling = make_ruling(**{"published_at": _now() - timedelta(seconds=5), **fields})
            ruling.content_hash = content_hash(ruling)
            s.add(ruling)
    if index:
        sync_index(archive.database.factory, open_index(archive.settings))


def _subscribe(archive: Archive, email: str, search: str = "", frequency: str = "daily") -> int:
    """An active subscription that has seen everything published until a minute ago."""
    with session_scope(archive.database.factory) as s:
        made = request_subscription(s, email=email, search=search, frequency=frequency,
                                    expiry=timedelta(hours=48), now=_now() - timedelta(minutes=2))
    with session_scope(archive.database.factory) as s:
        token = s.scalar(select(AlertToken.token_hash).where(AlertToken.subscription_id == made.subscription_id))
        assert token != made.confirm_token
        sub = confirm(s, made.confirm_token, expiry=timedelta(hours=48), now=_now() - timedelta(minutes=1))
        assert sub is not None
        return sub.id


def _sub(archive: Archive, sub_id: int) -> AlertSubscription | None:
    with session_scope(archive.database.factory) as s:
        return s.get(AlertSubscription, sub_id)


def test_a_refused_address_does_not_stop_the_others(alert_archive: Archive, smtp_server: SmtpServer,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    refused = _subscribe(alert_archive, "refuse.me@example.nl")
    fine = _subscribe(alert_archive, "ok@example.nl")
    _add(alert_archive, {"case_number": "202188801", "title": "Tandarts in het buitenland"})
    before = _sub(alert_archive, refused)
    assert before is not None

    with caplog.at_level(logging.DEBUG):
        report = run_send(alert_archive.settings)
    assert (report.due, report.sent, report.failed) == (2, 1, 1)
    assert report.failed_ids == [refused]
    (mail,) = smtp_server.take()
    assert mail.rcpt_tos == ["ok@example.nl"] and "202188801" in mail.message.get_body(("plain",)).get_content()
    # The failed digest is put back: same watermark, not stamped, its unsubscribe token withdrawn.
    after = _sub(alert_archive, refused)
    assert after is not None and (after.watermark, after.last_digest_at) == (before.watermark, None)
    with session_scope(alert_archive.database.factory) as s:
        assert s.scalars(select(AlertToken).where(AlertToken.subscription_id == refused)).all() == []
    ours = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail.log"))  # not the server's
    assert "alert digests: 2 due" in ours and "refuse.me" not in ours and "ok@example" not in ours  # never logged

    again = run_send(alert_archive.settings)  # the refused one is tried again; the other is not due
    assert (again.due, again.sent, again.failed) == (1, 0, 1)
    assert smtp_server.take() == []
    assert _sub(alert_archive, fine) is not None


def test_a_ruling_the_index_does_not_hold_yet_waits_for_the_next_digest(alert_archive: Archive,
                                                                        smtp_server: SmtpServer) -> None:
    sub = _subscribe(alert_archive, "wacht@example.nl")
    _add(alert_archive, {"case_number": "202188802"}, index=False)
    report = run_send(alert_archive.settings)
    assert (report.sent, report.waiting_for_index) == (0, 1)
    assert smtp_server.take() == []

    sync_index(alert_archive.database.factory, open_index(alert_archive.settings))
    with session_scope(alert_archive.database.factory) as s:  # the next day
        s.get(AlertSubscription, sub).last_digest_at = None  # type: ignore[union-attr]
    report = run_send(alert_archive.settings)
    assert (report.sent, report.waiting_for_index) == (1, 0)
    (mail,) = smtp_server.take()
    assert "202188802" in mail.message.get_body(("plain",)).get_content()


def test_the_digest_follows_the_search_and_its_window(alert_archive: Archive, smtp_server: SmtpServer) -> None:
    _subscribe(alert_archive, "mond@example.nl", "topic=mondzorg&year_from=2021")
    _add(alert_archive,
         {"case_number": "202188803", "topics": [topic("mondzorg")], "title": "Kronen"},
         {"case_number": "202188804", "topics": [topic("fysiotherapie")]},  # another topic
         {"case_number": "202088805", "topics": [topic("mondzorg")], "decision_date": date(2020, 5, 1)},  # too old
         # Published long before the subscription: not new.
         {"case_number": "202188806", "topics": [topic("mondzorg")], "published_at": _now() - timedelta(days=30)})
    run_send(alert_archive.settings)
    (mail,) = smtp_server.take()
    text = mail.message.get_body(("plain",)).get_content()
    assert "202188803" in text
    assert not any(n in text for n in ("202188804", "202088805", "202188806"))
    assert "Onderwerp: Mondzorg; Jaar: vanaf 2021" in text


def test_a_long_digest_lists_the_newest_and_links_the_rest(alert_archive: Archive, smtp_server: SmtpServer) -> None:
    settings = alert_archive.settings.model_copy(update={"alerts_max_rulings": 2})
    _subscribe(alert_archive, "veel@example.nl", "q=uitspraak")
    _add(alert_archive, *({"case_number": f"20218881{n}", "title": f"Uitspraak over iets {n}",
                           "published_at": _now() - timedelta(seconds=30 - n)} for n in range(3)))
    run_send(settings)
    (mail,) = smtp_server.take()
    text = mail.message.get_body(("plain",)).get_content()
    assert mail.message["Subject"].startswith("3 nieuwe uitspraken")
    assert "202188812" in text and "202188811" in text and "202188810" not in text  # newest first
    assert "En nog 1 andere" in text
    assert f"{PUBLIC_URL}/?q=uitspraak&sort=published_desc" in text


def test_two_runs_at_once_cannot_both_take_a_digest(alert_archive: Archive) -> None:
    sub_id = _subscribe(alert_archive, "een@example.nl")
    sub = _sub(alert_archive, sub_id)
    assert sub is not None and sub.watermark is not None
    with session_scope(alert_archive.database.factory) as s:
        assert advance(s, sub_id, old=sub.watermark, new=sub.watermark + 10, now=_now())
    with session_scope(alert_archive.database.factory) as s:
        assert not advance(s, sub_id, old=sub.watermark, new=sub.watermark + 10, now=_now())


def test_a_mail_server_that_cannot_be_reached_stops_the_run_and_loses_nothing(alert_archive: Archive) -> None:
    from app.alerts.mail import MailUnavailableError
    from search_index import free_port

    sub_id = _subscribe(alert_archive, "later@example.nl")
    _add(alert_archive, {"case_number": "202188820"})
    before = _sub(alert_archive, sub_id)
    settings = alert_archive.settings.model_copy(update={"smtp_url": f"smtp://127.0.0.1:{free_port()}"})
    with pytest.raises(MailUnavailableError):
        run_send(settings)
    after = _sub(alert_archive, sub_id)
    assert before is not None and after is not None
    assert (after.watermark, after.last_digest_at) == (before.watermark, None)


def test_sending_needs_the_public_url(alert_archive: Archive) -> None:
    from archive.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="RULINGS_PUBLIC_URL"):
        run_send(alert_archive.settings.model_copy(update={"public_url": None}))
