"""Corrections are stored per ruling and survive re-processing: ``rulings ingest --force`` (the pipeline applies
them again, and hands restored surfaces to the anonymiser) and ``rulings reindex``. And the reviewer API."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.review import accounts
from archive.db import session_scope
from archive.models import Ruling
from tests.fixtures.archive import PRIVATE_RULING
from tests.fixtures.cli import cli_against
from tests.review.conftest import Reviewed, form_token, login

pytestmark = pytest.mark.integration


def test_corrections_survive_ingest_force_and_reindex(review_archive: Reviewed, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    r, c = review_archive, review_archive.client
    assert login(c).status_code == 303
    page = c.get(f"/beheer/uitspraak/{r.ruling_id}")
    assert "[zorgverlener 1]" in page.text and "[persoon 1]" in page.text
    csrf = form_token(page.text)
    base = f"/beheer/uitspraak/{r.ruling_id}/correctie"
    for data in ({"kind": "redact", "surface": "Amersfoort", "role": "persoon"},
                 {"kind": "keep", "placeholder": "[zorgverlener 1]", "surface": "Mehmet Öztürk"},
                 {"kind": "role", "placeholder": "[persoon 1]", "role": "gemachtigde"}):
        answer = c.post(base, data={**data, "csrf": csrf}, follow_redirects=True)
        assert "Correctie opgeslagen" in answer.text, data
    # a surface that is not in the original cannot be "restored"
    refused = c.post(base, data={"kind": "keep", "placeholder": "[verzoeker]", "surface": "Iemand Anders",
                                 "csrf": csrf}, follow_redirects=True)
    assert "niet voor in het origineel" in refused.text
    assert c.post(f"/beheer/uitspraak/{r.ruling_id}/goedkeuren", data={"csrf": csrf}).status_code == 200

    def check() -> None:
        text = c.get(f"/api/v1/rulings/{r.slug}").json()["text"]
        assert "Amersfoort" not in text and "[persoon 2]" in text
        assert "Mehmet Öztürk" in text and "[zorgverlener 1]" not in text
        assert "[gemachtigde 1]" in text and "[persoon 1]" not in text
        assert "Pietersen" not in text
        found = c.get("/api/v1/search", params={"q": "Amersfoort"}).json()["hits"]
        assert r.ruling_id not in [h["id"] for h in found]

    check()
    doc = tmp_path / "private.txt"
    doc.write_text(PRIVATE_RULING, encoding="utf-8")
    with cli_against(r.archive, monkeypatch) as rulings:
        monkeypatch.setenv("RULINGS_PUBLICATION", "review")
        result = rulings("ingest", "--force", str(doc))
        assert result.exit_code == 0, result.output
        with session_scope(r.archive.database.factory) as s:
            assert s.get(Ruling, r.ruling_id).status == "published"  # the same content as approved: not held again
        check()
        result = rulings("reindex")
        assert result.exit_code == 0, result.output
        check()


def test_reviewer_api_with_a_token(review_archive: Reviewed) -> None:
    r, c = review_archive, review_archive.client
    with session_scope(r.archive.database.factory) as s:
        token = accounts.create_token(s, "rev@example.org", "tests")
    auth = {"Authorization": f"Bearer {token}"}
    queue = c.get("/api/v1/review/queue", headers=auth).json()["items"]
    entry = next(e for e in queue if e["ruling_id"] == r.ruling_id)
    assert entry["status"] == "held" and entry["reasons"][0]["code"] == "held"
    view = c.get(f"/api/v1/review/rulings/{r.ruling_id}", headers=auth)
    assert view.headers["cache-control"] == "no-store" and "Pietersen" in view.json()["original"]
    bad = c.post(f"/api/v1/review/rulings/{r.ruling_id}/corrections", headers=auth,
                 json={"kind": "redact", "surface": "niet in de tekst aanwezig"})
    assert bad.status_code == 422
    made = c.post(f"/api/v1/review/rulings/{r.ruling_id}/corrections", headers=auth,
                  json={"kind": "redact", "surface": "Amersfoort"})
    assert made.status_code == 201 and made.json()["changed_mentions"] >= 1
    assert c.post(f"/api/v1/review/rulings/{r.ruling_id}/approve", headers=auth).json() == {"status": "published"}
    assert "[persoon 2]" in c.get(f"/api/v1/rulings/{r.slug}").json()["text"]
    down = c.post(f"/api/v1/review/rulings/{r.ruling_id}/unpublish", headers=auth, json={"note": "api"})
    assert down.json()["status"] == "withdrawn"
    assert c.get(f"/api/v1/rulings/{r.slug}").status_code == 410
    assert r.ruling_id not in [h["id"] for h in c.get("/api/v1/search", params={"q": "tandarts"}).json()["hits"]]
    with session_scope(r.archive.database.factory) as s:
        accounts.revoke_tokens(s, "rev@example.org")
    refused = c.get("/api/v1/review/queue", headers=auth)
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"

    schema = c.get("/openapi.json").json()
    for path in ("/api/v1/review/queue", "/api/v1/review/rulings/{ruling_id}",
                 "/api/v1/review/rulings/{ruling_id}/corrections", "/api/v1/review/rulings/{ruling_id}/approve",
                 "/api/v1/review/rulings/{ruling_id}/unpublish"):
        operation = next(iter(schema["paths"][path].values()))
        assert operation["security"] == [{"HTTPBearer": []}], path
        assert "401" in operation["responses"]
    assert not any(p.startswith("/beheer") or p.startswith("/melding") for p in schema["paths"])
