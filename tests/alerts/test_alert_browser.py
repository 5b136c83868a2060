"""The alert form and pages in a real browser (Debian's Chromium via playwright-core), with axe-core at 1280 and
390 px: the form on the search page follows a search made with JavaScript, a wrong address gets its Dutch error,
and the confirmation and unsubscribe links work as a person would use them. Screenshots of the form go where the
other browser tests put theirs (``make screenshots`` refreshes ``docs/screenshots/``)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.alerts.store import unsubscribe_token
from archive.db import open_database, session_scope
from archive.models import AlertSubscription
from archive.settings import Settings
from tests.alerts.conftest import SENDER, SmtpServer
from tests.browser.harness import BROWSER_MARKS, assert_clean, run_script
from tests.browser.live import prepare_archive, serving

pytestmark = BROWSER_MARKS
SCRIPT = Path(__file__).with_name("alert_pages.mjs")


@pytest.fixture
def live(meili_server, smtp_server: SmtpServer, tmp_path: Path) -> Iterator[tuple[str, Settings]]:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "var", database_url=f"sqlite:///{tmp_path / 'archive.sqlite3'}",
                        meili_url=meili_server.url, meili_key=meili_server.key,
                        index_name=f"t_alerts_{uuid.uuid4().hex[:10]}", smtp_url=smtp_server.url, mail_from=SENDER)
    prepare_archive(settings, samples=False, synthetic=6)
    try:
        with serving(settings) as base:
            yield base, settings
    finally:
        for name in meili_server.index().client.index_uids():
            if name.startswith(settings.index_name):
                meili_server.index().client.delete_index(name)


def _run(config: dict[str, Any]) -> dict[str, Any]:
    report = run_script(SCRIPT, config, timeout=240)
    assert_clean(report)
    return report


def test_alert_form_and_pages_in_the_browser(live: tuple[str, Settings], smtp_server: SmtpServer) -> None:
    base, settings = live
    emails = ["desktop@example.nl", "mobiel@example.nl"]
    report = _run({"base": base, "mode": "subscribe", "emails": emails})
    assert {a["width"] for a in report["axe"]} == {1280, 390}

    db = open_database(settings)
    try:
        with session_scope(db.factory) as s:
            rows = s.scalars(select(AlertSubscription).order_by(AlertSubscription.id)).all()
            # The form sent the search the page showed after searching with JavaScript, not the one it loaded with.
            assert [(r.email, r.search, r.frequency) for r in rows] == [(e, "q=kroon", "weekly") for e in emails]
        links = {}
        for received in smtp_server.take():
            text = received.message.get_body(("plain",)).get_content()
            links[received.rcpt_tos[0]] = next(w for w in text.split() if "/alerts/bevestigen?token=" in w)
        assert all(link.startswith(base + "/") for link in links.values())  # no public URL set: the request's own
        with session_scope(db.factory) as s:
            token = unsubscribe_token(s, rows[0].id)
        _run({"base": base, "mode": "links", "confirm_url": links[emails[0]], "confirm_url_mobile": links[emails[1]],
              "unsubscribe_url": f"{base}/alerts/afmelden?token={token}"})
        with session_scope(db.factory) as s:
            left = s.scalars(select(AlertSubscription)).all()
            assert [(r.email, r.status) for r in left] == [(emails[1], "active")]
    finally:
        db.engine.dispose()
