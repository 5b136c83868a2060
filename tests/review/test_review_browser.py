"""The review workflow in Chromium (tests/review/review_flows.mjs), with JavaScript on and off, axe-core on every
page: log in → queue → add a redaction → approve → the public page shows the placeholder; report a mistake → the
report appears → unpublish → 410 and out of search within 5 s; log out."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from archive.db import open_database, session_scope
from archive.settings import Settings
from tests.browser.harness import BROWSER_MARKS, assert_clean, run_script
from tests.browser.live import serving
from tests.fixtures.archive import PRIVATE_RULING
from tests.review.conftest import PASSWORD

FLOWS = Path(__file__).with_name("review_flows.mjs")
pytestmark = BROWSER_MARKS


def _prepare(settings: Settings, tmp: Path) -> tuple[int, str]:
    from app.indexing import sync_index
    from app.review import accounts
    from app.runtime import open_index
    from ingest.pipeline import run_batch

    doc = tmp / "private.txt"
    doc.write_text(PRIVATE_RULING, encoding="utf-8")
    db = open_database(settings)
    try:
        outcome = run_batch([doc], settings, db.factory)[0]
        assert outcome.status == "published", outcome.error
        sync_index(db.factory, open_index(settings))
        with session_scope(db.factory) as session:
            accounts.add_user(session, "controleur@example.org", "reviewer", PASSWORD)
    finally:
        db.engine.dispose()
    return int(outcome.ruling_id or 0), str(outcome.slug)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_review_workflow_in_chromium(meili_server, tmp_path: Path, javascript: bool) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "var", database_url=f"sqlite:///{tmp_path / 'a.sqlite3'}",
                        meili_url=meili_server.url, meili_key=meili_server.key, publication="review",
                        index_name=f"t_rev_{uuid.uuid4().hex[:10]}", workers=1, doc_timeout_s=120)
    ruling_id, slug = _prepare(settings, tmp_path)
    with serving(settings) as base:
        report = run_script(FLOWS, {"base": base, "slug": slug, "ruling_id": ruling_id,
                                    "email": "controleur@example.org", "password": PASSWORD,
                                    "javascript": javascript}, timeout=240)
    assert_clean(report)
    flows = {c["flow"].rsplit(" (", 1)[0] for c in report["checks"]}
    assert flows == {"log in", "queue and redaction", "public page and report", "takedown", "log out"}
    assert len(report["axe"]) >= 5
    assert report["takedown_ms"] is not None
    minor = sorted({v["id"] for a in report["axe"] for v in a["violations"]})
    print(f"takedown: 410 and out of search {report['takedown_ms']} ms after the click; minor axe findings: {minor}")
