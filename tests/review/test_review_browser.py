"""The review workflow in Chromium (tests/review/review_flows.mjs), with JavaScript on and off, axe-core on every
page: log in → queue → add a redaction → approve → the public page shows the placeholder; report a mistake → the
report appears → unpublish → 410 and out of search within 5 s; log out."""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest

from archive.db import open_database, session_scope
from archive.settings import Settings
from tests.browser.live import serving
from tests.browser.test_browser import CHROMIUM, _missing
from tests.fixtures.archive import PRIVATE_RULING
from tests.review.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
FLOWS = Path(__file__).with_name("review_flows.mjs")
pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow,
              pytest.mark.skipif(_missing() is not None, reason=_missing() or "")]


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
        config = {"base": base, "slug": slug, "ruling_id": ruling_id, "email": "controleur@example.org",
                  "password": PASSWORD, "executable": str(CHROMIUM), "javascript": javascript}
        proc = subprocess.run(["node", str(FLOWS), json.dumps(config)], cwd=ROOT, capture_output=True, text=True,
                              timeout=240)
    try:
        report: dict[str, Any] = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"review_flows.mjs exited {proc.returncode}:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    failures = [f"[{c['flow']}] {c['name']}: {c['detail']}" for c in report["checks"] if not c["ok"]]
    assert not failures, "\n".join(failures)
    flows = {c["flow"].rsplit(" (", 1)[0] for c in report["checks"]}
    assert flows == {"log in", "queue and redaction", "public page and report", "takedown", "log out"}
    serious = [f"{a['page']}: {v['id']} ({v['impact']}) {v['help']} {v['nodes']}"
               for a in report["axe"] for v in a["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)
    assert len(report["axe"]) >= 5
    assert report["console_errors"] == []
    assert report["takedown_ms"] is not None and proc.returncode == 0
    minor = sorted({v["id"] for a in report["axe"] for v in a["violations"]})
    print(f"takedown: 410 and out of search {report['takedown_ms']} ms after the click; minor axe findings: {minor}")
