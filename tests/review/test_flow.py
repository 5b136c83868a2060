"""The review workflow end to end on real services (SQLite and PostgreSQL, real Meilisearch, the real pipeline):
held → log in → queue → correct → approve → public; report → unpublish → 410 and out of search; log out."""

from __future__ import annotations

import pytest

from archive.db import session_scope
from archive.models import ReviewAudit, Ruling
from tests.fixtures.archive import PRIVATE_NAMES
from tests.review.conftest import Reviewed, form_token, login

pytestmark = pytest.mark.integration
HTML = {"accept": "text/html"}


def _search_ids(client, q: str = "tandarts") -> list[int]:  # type: ignore[no-untyped-def]
    return [h["id"] for h in client.get("/api/v1/search", params={"q": q}).json()["hits"]]


def test_held_ruling_is_corrected_approved_reported_and_taken_down(review_archive: Reviewed) -> None:
    r, c = review_archive, review_archive.client
    # Under RULINGS_PUBLICATION=review a new ruling is held: in no public response.
    assert c.get(f"/api/v1/rulings/{r.slug}").status_code == 404
    assert c.get(f"/uitspraak/{r.slug}", headers=HTML).status_code == 404
    assert r.ruling_id not in _search_ids(c)

    assert login(c).status_code == 303
    queue = c.get("/beheer")
    assert queue.status_code == 200 and f"/beheer/uitspraak/{r.ruling_id}" in queue.text
    assert "wacht op goedkeuring" in queue.text

    page = c.get(f"/beheer/uitspraak/{r.ruling_id}")
    assert page.status_code == 200
    assert "Pietersen" in page.text  # the original, beside the anonymised text: reviewers only
    assert '<mark class="replaced"' in page.text
    csrf = form_token(page.text)

    # A correction without its CSRF token is refused; with it, every mention is replaced at once.
    assert c.post(f"/beheer/uitspraak/{r.ruling_id}/correctie",
                  data={"kind": "redact", "surface": "Amersfoort"}).status_code == 403
    done = c.post(f"/beheer/uitspraak/{r.ruling_id}/correctie",
                  data={"kind": "redact", "surface": "Amersfoort", "role": "persoon", "csrf": csrf},
                  follow_redirects=True)
    assert "Correctie opgeslagen" in done.text
    assert c.post(f"/beheer/uitspraak/{r.ruling_id}/goedkeuren", data={"csrf": csrf}).status_code == 200

    public = c.get(f"/api/v1/rulings/{r.slug}").json()
    assert "Amersfoort" not in public["text"] and "[persoon 2]" in public["text"]
    assert r.ruling_id in _search_ids(c)
    assert "Amersfoort" not in str(c.get("/api/v1/search", params={"q": "tandarts"}).json())
    ruling_page = c.get(f"/uitspraak/{r.slug}", headers=HTML)
    assert "Meld een fout" in ruling_page.text

    # A reader reports a mistake; the honeypot's filler is answered alike but stored nowhere.
    token = form_token(ruling_page.text)
    assert c.post(f"/melding/{r.slug}", data={"message": "bot", "csrf": token, "website": "x"}).status_code == 200
    assert c.post(f"/melding/{r.slug}", data={"message": "zonder token"}).status_code == 403
    again = c.get(f"/melding/{r.slug}", follow_redirects=False)  # a reload of the POST target: back to the form
    assert again.status_code == 303 and again.headers["location"] == f"/uitspraak/{r.slug}#meld-een-fout"
    assert c.get("/melding//evil.example", follow_redirects=False).headers["location"].startswith("/uitspraak/")
    sent = c.post(f"/melding/{r.slug}", data={"message": "Er staat een naam in 3.1", "csrf": token})
    assert sent.status_code == 200 and "Bedankt" in sent.text
    queue = c.get("/beheer")
    assert "melding van een lezer" in queue.text
    review = c.get(f"/beheer/uitspraak/{r.ruling_id}")
    assert "Er staat een naam in 3.1" in review.text and review.text.count("Melding sluiten") == 1

    # One action takes it down: 410 on its page and in the API, gone from search, the report closed.
    assert c.post(f"/beheer/uitspraak/{r.ruling_id}/offline", data={"csrf": csrf, "note": "naam"}).status_code == 200
    assert c.get(f"/uitspraak/{r.slug}", headers=HTML).status_code == 410
    assert c.get(f"/api/v1/rulings/{r.slug}").status_code == 410
    assert c.get(f"/uitspraak/{r.slug}.txt").status_code == 410
    assert r.ruling_id not in _search_ids(c)
    review = c.get(f"/beheer/uitspraak/{r.ruling_id}")
    assert "Er staat een naam in 3.1" not in review.text and "Notitie: naam" in review.text

    # Republished by approving again.
    assert c.post(f"/beheer/uitspraak/{r.ruling_id}/goedkeuren", data={"csrf": csrf}).status_code == 200
    assert c.get(f"/api/v1/rulings/{r.slug}").status_code == 200 and r.ruling_id in _search_ids(c)

    # Log out: the session is gone.
    assert c.post("/beheer/uitloggen", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert c.get("/beheer").status_code == 401

    with session_scope(r.archive.database.factory) as s:
        kinds = [a.kind for a in s.query(ReviewAudit).order_by(ReviewAudit.id)]
        details = " ".join(a.detail for a in s.query(ReviewAudit))
        assert s.get(Ruling, r.ruling_id).status == "published"
    for kind in ("login", "correction_redact", "approve", "report", "unpublish", "republish", "logout"):
        assert kind in kinds
    for name in [*PRIVATE_NAMES, "Amersfoort", "rev@example.org"]:
        assert name.lower() not in details.lower()
