"""The store on real databases (SQLite, and PostgreSQL when configured): upsert, slugs, audit, counts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from archive import store
from archive.db import session_scope
from archive.domain import (
    DecisionItem,
    Entity,
    ParsedRuling,
    RulingMetadata,
    Section,
    TopicTag,
)
from archive.models import AnonymisationAudit, Document, Ruling


def parsed(case_number: str | None = "202000821", ecli: str | None = None, body: str = "De tekst.") -> ParsedRuling:
    md = RulingMetadata(source="skgz", case_number=case_number, ecli=ecli, title=f"Bindend advies {case_number}",
                        decision_date=date(2020, 10, 28), insurer="Zilveren Kruis", insurer_concern="Achmea",
                        committee=["mr. G.R.J. de Groot"])
    return ParsedRuling(metadata=md, body=body, sections=[Section("1", "Partijen", "[verzoeker] tegen ...")],
                        annex="Bijlage", decision_items=[DecisionItem("i", "vergoeden", "toegewezen")],
                        outcome="toegewezen", outcome_explanation="item (i) toegewezen", entreegeld_refunded=True,
                        amounts=[], topics=[TopicTag("mondzorg", "Mondzorg", 0.9)])


def _store(session, sha: str, p: ParsedRuling):  # type: ignore[no-untyped-def]
    ents = [Entity(0, 11, "PERSON", "verzoeker", "replaced", "[verzoeker]", "rule:title")]
    return store.store_ruling(session, sha256=sha, filename="x.pdf", size=10, source_format="pdf",
                              pipeline_version="v1", parsed=p, entities=ents, pages=3, ocr_pages=[2],
                              extractor="pdfium/1", anonymiser_version="anon/1", tagger_version="t/1")


def test_store_is_an_upsert_keyed_by_slug(database) -> None:  # type: ignore[no-untyped-def]
    with session_scope(database.factory) as s:
        first = _store(s, "a" * 64, parsed())
    with session_scope(database.factory) as s:
        again = _store(s, "b" * 64, parsed(body="Nieuwe tekst."))  # another file of the same case
    assert first.ruling_id == again.ruling_id and first.slug == "202000821"
    with session_scope(database.factory) as s:
        rulings = s.scalars(select(Ruling)).all()
        assert len(rulings) == 1 and rulings[0].text == "Nieuwe tekst."
        assert rulings[0].topics[0]["id"] == "mondzorg" and rulings[0].ocr_pages == [2]
        assert len(s.scalars(select(Document)).all()) == 2
        audit = s.scalars(select(AnonymisationAudit)).all()
        assert [(a.label, a.replacement) for a in audit] == [("PERSON", "[verzoeker]")]


def test_slug_prefers_ecli_then_case_number_then_hash() -> None:
    assert store.ruling_slug(parsed(ecli="ECLI:NL:CBB:2000:AA7124"), "f" * 64) == "ECLI:NL:CBB:2000:AA7124"
    assert store.ruling_slug(parsed(case_number="ANO08.143"), "f" * 64) == "ANO08.143"
    assert store.ruling_slug(parsed(case_number=None), "f" * 64) == "doc-" + "f" * 16


def test_get_ruling_by_id_or_slug_only_published(database) -> None:  # type: ignore[no-untyped-def]
    with session_scope(database.factory) as s:
        stored = _store(s, "c" * 64, parsed())
    with session_scope(database.factory) as s:
        assert store.get_ruling(s, str(stored.ruling_id)).slug == "202000821"  # type: ignore[union-attr]
        assert store.get_ruling(s, "202000821").id == stored.ruling_id  # type: ignore[union-attr]
        store.record_failure(s, sha256="c" * 64, filename="x.pdf", size=1, source_format="pdf",
                             pipeline_version="v2", status="quarantined", error_code="anonymisation_failed",
                             error="leak")
    with session_scope(database.factory) as s:
        assert store.get_ruling(s, "202000821") is None  # fail closed: withdrawn
        assert store.counts(s)["documents_quarantined"] == 1


def test_content_hash_changes_with_indexed_content(database) -> None:  # type: ignore[no-untyped-def]
    with session_scope(database.factory) as s:
        _store(s, "d" * 64, parsed())
        r = s.scalars(select(Ruling)).one()
        h1 = r.content_hash
        r.outcome = "afgewezen"
        assert store.content_hash(r) != h1


def test_whole_archive_reads_see_only_published_rulings(database) -> None:  # type: ignore[no-untyped-def]
    with session_scope(database.factory) as s:
        store.ping(s)
        assert store.published_fingerprint(s) == (0, None)
        stored = _store(s, "e" * 64, parsed())
    with session_scope(database.factory) as s:
        count, updated = store.published_fingerprint(s)
        assert count == 1 and updated is not None
        [(topics, *rest)] = store.stats_rows(s)
        assert topics[0]["id"] == "mondzorg" and rest[:3] == ["Zilveren Kruis", "toegewezen", date(2020, 10, 28)]
        assert rest[3][0]["outcome"] == "toegewezen"  # the decision items: claims counted per topic
        assert store.stats_rows(s, [stored.ruling_id]) == store.stats_rows(s) and store.stats_rows(s, [-1]) == []
        [row] = store.similarity_rows(s)
        assert row[:6] == (stored.ruling_id, "202000821", "Bindend advies 202000821", date(2020, 10, 28),
                           "toegewezen", "Zilveren Kruis")
        store.record_failure(s, sha256="e" * 64, filename="x.pdf", size=1, source_format="pdf",
                             pipeline_version="v2", status="quarantined", error_code="anonymisation_failed",
                             error="leak")
    with session_scope(database.factory) as s:
        assert store.published_fingerprint(s) == (0, None)
        assert store.stats_rows(s) == [] and store.similarity_rows(s) == []


def test_get_ruling_ignores_case_and_separators_of_identifiers(database) -> None:  # type: ignore[no-untyped-def]
    with session_scope(database.factory) as s:
        _store(s, "a" * 64, parsed(case_number="202000821"))
        _store(s, "b" * 64, parsed(case_number="14/2942", ecli="ECLI:NL:CRVB:2014:2942"))
    with session_scope(database.factory) as s:
        assert store.get_ruling(s, "2020.00821").case_number == "202000821"  # type: ignore[union-attr]
        assert store.get_ruling(s, "ecli:nl:crvb:2014:2942").ecli == "ECLI:NL:CRVB:2014:2942"  # type: ignore[union-attr]
        assert store.get_ruling(s, "ECLI.NL.CRVB.2014.2942") is not None
        assert store.get_ruling(s, "2020.00822") is None and store.get_ruling(s, "ecli") is None
