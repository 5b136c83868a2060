"""The publication policy and the queue, through the store (no model): auto publishes and queues doubtful rulings;
review holds new and changed rulings until approved; a takedown survives re-ingest. And the `rulings user` CLI."""

from __future__ import annotations

import pytest

from app.review.accounts import Principal
from app.review.service import ReviewService
from archive import store
from archive.db import session_scope
from archive.domain import Entity, ParsedRuling, RulingMetadata
from archive.models import ReviewAudit, ReviewItem, Ruling
from tests.fixtures.archive import Archive
from tests.fixtures.cli import cli_against
from tests.review.conftest import add_user

pytestmark = pytest.mark.integration
TEXT = "De heer Bakker klaagt. [persoon 1] is de tandarts. Verzoeker wil geld terug."
WHO = Principal(1, "x@example.org", "admin", "c")


@pytest.fixture
def reviewer(archive: Archive) -> Archive:
    add_user(archive, "x@example.org", "admin")
    return archive


def _store(archive: Archive, text: str = TEXT, publication: str = "auto", sha: str = "a",
           case: str = "202400001") -> int:
    parsed = ParsedRuling(metadata=RulingMetadata(source="skgz", case_number=case), body=text, sections=[],
                          annex="", decision_items=[], outcome="onbekend", outcome_explanation="",
                          entreegeld_refunded=None, amounts=[])
    p = text.index("[persoon 1]")
    entities = [Entity(p, p + 11, "PERSON", "persoon", "replaced", "[persoon 1]", "ner")]
    with session_scope(archive.database.factory) as session:
        stored = store.store_ruling(session, sha256=sha * 64, filename="f.txt", size=1, source_format="text",
                                    pipeline_version="v", parsed=parsed, entities=entities, pages=1, ocr_pages=[],
                                    extractor="text/1", anonymiser_version="a", tagger_version="t",
                                    publication=publication)
        return stored.ruling_id


def _state(archive: Archive, rid: int) -> tuple[str, str | None, list[str]]:
    with session_scope(archive.database.factory) as session:
        ruling = session.get(Ruling, rid)
        item = session.get(ReviewItem, rid)
        return (ruling.status, item.state if item else None,
                [r["code"] for r in item.reasons] if item else [])


def test_auto_publishes_and_queues_doubtful_rulings(reviewer: Archive) -> None:
    archive = reviewer
    rid = _store(archive)
    assert _state(archive, rid) == ("published", "pending", ["model_only", "name_left"])
    service = ReviewService(archive.database.factory, archive.settings)
    entry = next(e for e in service.queue() if e.ruling_id == rid)
    assert [r["label"] for r in entry.reasons] == ["persoon alleen door het model gevonden",
                                                    "naamachtig woord niet vervangen"]
    service.approve(WHO, rid)
    assert _state(archive, rid)[:2] == ("published", "approved")
    assert rid not in [e.ruling_id for e in service.queue()]
    _store(archive)  # the same content again: stays approved
    assert _state(archive, rid)[:2] == ("published", "approved")


def test_review_holds_new_and_changed_rulings_until_approved(reviewer: Archive) -> None:
    archive = reviewer
    rid = _store(archive, publication="review")
    assert _state(archive, rid) == ("held", "pending", ["held", "model_only", "name_left"])
    with session_scope(archive.database.factory) as session:
        assert store.get_ruling(session, "202400001") is None
    service = ReviewService(archive.database.factory, archive.settings)
    service.approve(WHO, rid)
    with session_scope(archive.database.factory) as session:
        ruling = session.get(Ruling, rid)
        assert ruling.status == "published" and ruling.published_at is not None
    _store(archive, publication="review")  # unchanged: stays public
    assert _state(archive, rid)[0] == "published"
    _store(archive, TEXT + " Nieuwe zin.", publication="review")  # changed: held again
    status, state, reasons = _state(archive, rid)
    assert (status, state) == ("held", "pending") and "held" in reasons and "changed" in reasons


def test_a_takedown_survives_re_ingest(reviewer: Archive) -> None:
    archive = reviewer
    rid = _store(archive)
    service = ReviewService(archive.database.factory, archive.settings)
    service.unpublish(WHO, rid, "naam")
    _store(archive, TEXT + " Anders.")
    assert _state(archive, rid)[0] == "withdrawn"
    with session_scope(archive.database.factory) as session:
        assert store.get_ruling(session, "202400001") is None
        assert store.get_ruling(session, "202400001", status="withdrawn") is not None


def test_user_cli(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    with cli_against(archive, monkeypatch) as rulings:
        from click.testing import CliRunner

        from app.cli import cli

        added = CliRunner().invoke(cli, ["user", "add", "Rev@Example.org", "--role", "admin"],
                                   input="a long password here\na long password here\n")
        assert added.exit_code == 0, added.output
        linked = rulings("user", "add", "new@example.org", "--link")
        assert "/beheer/wachtwoord?token=" in linked.output
        listed = rulings("user", "list")
        assert "rev@example.org\tadmin\tactive" in listed.output
        assert "new@example.org\treviewer\tawaiting password" in listed.output
        token = rulings("user", "token", "rev@example.org", "--name", "ci").output.strip().splitlines()[-1]
        assert token.startswith("rat_")
        assert "active" in rulings("user", "token", "rev@example.org", "--list").output
        assert rulings("user", "disable", "rev@example.org").exit_code == 0
        assert "disabled" in rulings("user", "list").output
        assert "revoked" in rulings("user", "token", "rev@example.org", "--list").output
        short = CliRunner().invoke(cli, ["user", "add", "x@example.org"], input="short\nshort\n")
        assert short.exit_code != 0
        lists = rulings("review", "lists", str(archive.settings.data_dir / "lists"))
        assert lists.exit_code == 0
        assert (archive.settings.data_dir / "lists" / "known_surnames.txt").exists()
    with session_scope(archive.database.factory) as session:
        details = " ".join(a.detail for a in session.query(ReviewAudit))
    assert "example.org" not in details and "rat_" not in details


def test_a_takedown_withdraws_the_bulk_files_and_writes_them_anew(reviewer: Archive) -> None:
    import gzip
    import json

    from app.bulk import bulk_dir, read_manifest, write_bulk
    from app.service import to_public

    archive = reviewer
    rid = _store(archive)
    other = _store(archive, TEXT.replace("Bakker", "Visser"), sha="b", case="202400002")
    target = bulk_dir(archive.settings)
    with session_scope(archive.database.factory) as session:
        write_bulk((to_public(r) for r in store.published_rulings(session)), target)
    assert read_manifest(target) is not None and read_manifest(target).count == 2  # type: ignore[union-attr]
    service = ReviewService(archive.database.factory, archive.settings)
    service.unpublish(WHO, rid, "naam")
    service._bulk_thread.join(timeout=60)
    manifest = read_manifest(target)
    assert manifest is not None and manifest.count == 1
    with gzip.open(target / "rulings.jsonl.gz", "rt", encoding="utf-8") as f:
        ids = [json.loads(line)["id"] for line in f]
    assert ids == [other]
