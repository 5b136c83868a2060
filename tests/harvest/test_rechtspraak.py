"""The rechtspraak.nl harvest against a local server speaking the documented protocol, with the repository's real
open-data XML: incremental by the mark, failures alone and visible, retries and Retry-After, a repeating feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from archive import harvest as state
from archive.db import Database, session_scope
from archive.models import HarvestItem
from archive.settings import Settings
from ingest.harvest.http import retry_after_seconds
from ingest.harvest.rechtspraak import RechtspraakHarvester, mark_string, parse_feed, source_id
from tests.harvest.servers import AMSTERDAM, REAL_XML, SAMPLES, FakeRechtspraak, rechtspraak_docs, serve

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def harvester(settings: Settings, database: Database, client, **kw) -> RechtspraakHarvester:  # type: ignore[no-untyped-def]
    return RechtspraakHarvester(settings, database.factory, client, **kw)


def items(database: Database) -> dict[str, HarvestItem]:
    with session_scope(database.factory) as s:
        return {i.key: i for i in s.scalars(select(HarvestItem))}


def test_second_run_fetches_only_what_changed(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    docs = rechtspraak_docs(REAL_XML[:6], START)
    newest = docs[-1].updated
    app = FakeRechtspraak(list(docs))
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url})
        first = harvester(settings, database, client_factory(settings)).run()
        assert first.fetched == 6 and not first.failures
        assert sorted(app.content_requests()) == sorted(d.ecli for d in docs)
        assert len(app.feed_requests()) == 3  # pages of 2; the third ends the walk at the total
        assert first.mark == mark_string(newest)
        # content-addressed: the file's name is the sha256 of its bytes, and it holds the real XML
        stored = {p.name for p in first.files}
        assert len(stored) == 6 and all(p.read_bytes() in {d.xml for d in docs} for p in first.files)
        assert all(p.stat().st_mode & 0o077 == 0 for p in first.files)

        # One ruling changes upstream, one is new; the rest is untouched.
        app.seen.clear()
        docs[1].updated = START + timedelta(hours=5)
        new = rechtspraak_docs([SAMPLES / "ECLI.NL.CBB.2000.AA7124.xml"], START + timedelta(hours=6))[0]
        app.docs.append(new)
        second = harvester(settings, database, client_factory(settings)).run()
        assert sorted(app.content_requests()) == sorted([docs[1].ecli, new.ecli])
        assert second.fetched == 2 and not second.failures
        # the feed was asked from the mark (less an hour), not from the beginning
        since = app.feed_requests()[0].query["modified"][0]
        assert since == (newest - timedelta(hours=1)).astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M:%S")
        assert second.mark == mark_string(new.updated)

        app.seen.clear()
        third = harvester(settings, database, client_factory(settings)).run()
        assert app.content_requests() == [] and third.fetched == 0


def test_a_bad_document_fails_alone_and_is_retried_next_run(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    faults = ["500", "slow", "cut", "truncated-xml", "html", "empty", "metadata-only", "404"]
    docs = rechtspraak_docs(REAL_XML[: len(faults) + 2], START)
    for doc, fault in zip(docs[1:], faults, strict=False):
        doc.fault = fault
    app = FakeRechtspraak(docs)
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url})
        report = harvester(settings, database, client_factory(settings)).run()
        codes = {f.key: f.code for f in report.failures}
        assert codes == {docs[1].ecli: "http_500", docs[2].ecli: "timeout", docs[3].ecli: "incomplete_response",
                         docs[4].ecli: "not_xml", docs[5].ecli: "wrong_content_type", docs[6].ecli: "no_body",
                         docs[7].ecli: "no_body", docs[8].ecli: "http_404"}
        # the good ones around them were stored, and the mark went past the failures
        assert report.fetched == 2 and report.mark == mark_string(docs[-1].updated)
        rows = items(database)
        assert {k for k, r in rows.items() if r.status == "stored"} == {docs[0].ecli, docs[-1].ecli}
        assert all(rows[d.ecli].status == "failed" and rows[d.ecli].attempts == 1 for d in docs[1:-1])
        # a 5xx and a timeout were retried (harvest_retries=1); a 404 and a bad body were not
        requests = app.content_requests()
        assert requests.count(docs[1].ecli) == 2 and requests.count(docs[2].ecli) == 2
        assert requests.count(docs[8].ecli) == 1 and requests.count(docs[4].ecli) == 1
        with session_scope(database.factory) as s:
            assert {i.key for i in state.failed_items(s)} == {d.ecli for d in docs[1:-1]}

        # The service is repaired: the next run fetches the failed ones, though the feed has nothing new.
        for doc in docs:
            doc.fault = None
        app.seen.clear()
        again = harvester(settings, database, client_factory(settings)).run()
        assert not again.failures and again.fetched == len(faults)
        assert sorted(app.content_requests()) == sorted(d.ecli for d in docs[1:-1])
        with session_scope(database.factory) as s:
            assert state.failed_items(s) == []


def test_retries_back_off_and_honour_retry_after(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    docs = rechtspraak_docs(REAL_XML[:3], START)
    docs[0].fault, docs[1].fault, docs[2].fault = "500-once", "503-retry-after", "retry-after-long"
    app = FakeRechtspraak(docs)
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url})
        client = client_factory(settings)
        report = harvester(settings, database, client).run()
    assert report.fetched == 2
    assert [(f.key, f.code) for f in report.failures] == [(docs[2].ecli, "retry_after_too_long")]
    assert 1.0 in client.waits  # waited what Retry-After asked, not the 0.01 s backoff
    assert settings.harvest_backoff_s in client.waits  # the plain 500 waited the first backoff
    assert app.content_requests().count(docs[2].ecli) == 1  # an hour's wait is not waited: failed, next run


def test_an_answer_that_trickles_is_bounded_as_a_whole(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    docs = rechtspraak_docs(REAL_XML[:1], START)
    docs[0].fault = "trickle"  # every read is quick; the whole answer would take seconds
    app = FakeRechtspraak(docs)
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url, "harvest_timeout_s": 0.1,
                                                "harvest_retries": 0})
        report = harvester(settings, database, client_factory(settings)).run()
    assert [f.code for f in report.failures] == ["timeout"] and report.fetched == 0


def test_a_feed_that_repeats_its_page_ends_the_walk(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    docs = rechtspraak_docs(REAL_XML[:5], START)
    app = FakeRechtspraak(docs)
    app.repeat_pages = True
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url})
        report = harvester(settings, database, client_factory(settings)).run()
    assert len(app.feed_requests()) == 2  # the second page was the first again: stop
    assert report.fetched == 2 and any("repeated" in n for n in report.notes)


def test_max_stops_early_and_the_next_run_resumes(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    docs = rechtspraak_docs(REAL_XML[:5], START)
    app = FakeRechtspraak(docs)
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url})
        first = harvester(settings, database, client_factory(settings)).run(max_docs=3)
        assert first.fetched == 3 and first.mark == mark_string(docs[2].updated)
        app.seen.clear()
        rest = harvester(settings, database, client_factory(settings)).run()
        assert rest.fetched == 2 and rest.mark == mark_string(docs[-1].updated)
        assert sorted(app.content_requests()) == sorted(d.ecli for d in docs[3:])


def test_since_until_and_filters_are_the_documented_parameters(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    docs = rechtspraak_docs(REAL_XML[:4], START)
    app = FakeRechtspraak(docs)
    subject = "http://psi.rechtspraak.nl/rechtsgebied#bestuursrecht"
    creator = "http://standaarden.overheid.nl/owms/terms/Centrale_Raad_van_Beroep"
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url})
        h = harvester(settings, database, client_factory(settings), subjects=[subject], creators=[creator])
        report = h.run(since=START + timedelta(minutes=1), until=START + timedelta(minutes=2))
    q = app.feed_requests()[0].query
    assert q["modified"] == ["2026-03-01T10:01:00", "2026-03-01T10:02:00"]  # Dutch local time
    assert q["return"] == ["DOC"] and q["sort"] == ["ASC"] and q["from"] == ["0"] and q["max"] == ["2"]
    assert q["subject"] == [subject] and q["creator"] == [creator]
    assert sorted(app.content_requests()) == sorted([docs[1].ecli, docs[2].ecli]) and report.fetched == 2
    assert report.source == source_id([subject], [creator]) != "rechtspraak"


def test_a_later_since_does_not_raise_the_mark_over_a_gap(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    docs = rechtspraak_docs(REAL_XML[:4], START)
    app = FakeRechtspraak(docs)
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url})
        harvester(settings, database, client_factory(settings)).run(max_docs=1)
        gap = harvester(settings, database, client_factory(settings)).run(since=docs[3].updated)
        assert gap.fetched == 1 and gap.mark == mark_string(docs[0].updated)  # docs 1 and 2 are still to come
        app.seen.clear()
        harvester(settings, database, client_factory(settings)).run()
        assert sorted(app.content_requests()) == sorted([docs[1].ecli, docs[2].ecli])


def test_a_document_that_keeps_failing_is_given_up_but_stays_reported(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    docs = rechtspraak_docs(REAL_XML[:2], START)
    docs[1].fault = "404"
    app = FakeRechtspraak(docs)
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url, "harvest_max_attempts": 2})
        for _ in range(3):
            report = harvester(settings, database, client_factory(settings)).run()
            assert [f.key for f in report.failures] == [docs[1].ecli]
    assert app.content_requests().count(docs[1].ecli) == 2  # two runs tried it, the third only reported it
    assert report.failures[0].attempts == 2

    with session_scope(database.factory) as s:
        (item,) = state.failed_items(s)
        assert state.forget_failed(s, [item.id, item.id + 1000]) == 1
    with serve(app) as url:  # forgotten: not reported; the feed still lists it, so it is tried afresh
        settings = settings.model_copy(update={"rechtspraak_url": url})
        report = harvester(settings, database, client_factory(settings)).run()
        assert [f.attempts for f in report.failures] == [1]

    # A new version upstream gets a new try, and this one works.
    docs[1].fault, docs[1].updated = None, docs[1].updated + timedelta(hours=2)
    with serve(app) as url:
        settings = settings.model_copy(update={"rechtspraak_url": url})
        report = harvester(settings, database, client_factory(settings)).run()
    assert report.fetched == 1 and not report.failures and items(database)[docs[1].ecli].status == "stored"


def test_a_feed_that_fails_keeps_the_mark_and_fails_the_run(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    docs = rechtspraak_docs(REAL_XML[:2], START)
    app = FakeRechtspraak(docs)
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url})
        harvester(settings, database, client_factory(settings)).run(max_docs=1)
        app.feed_fault = "500"
        report = harvester(settings, database, client_factory(settings)).run()
    assert [f.code for f in report.failures] == ["http_500"] and report.failures[0].key.startswith("feed")
    assert report.mark == mark_string(docs[0].updated) and report.fetched == 0


def test_deleted_entries_are_recorded(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    docs = rechtspraak_docs(REAL_XML[:2], START)
    docs[1].deleted = "ecli"
    app = FakeRechtspraak(docs)
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url})
        report = harvester(settings, database, client_factory(settings)).run()
    assert report.deleted == 1 and report.fetched == 1 and app.content_requests() == [docs[0].ecli]
    assert items(database)[docs[1].ecli].status == "deleted"


def test_parse_feed_reads_the_documented_shape() -> None:
    page = parse_feed(b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Rechtspraak.nl</title>
<subtitle type="text">Aantal gevonden ECLI's: 3701402</subtitle>
<entry><id>ECLI:NL:HR:2014:952</id><updated>2014-04-15T11:07:36+02:00</updated></entry>
<entry deleted="doc"><id>ECLI:NL:RBAMS:2020:1</id><updated>2020-01-01T00:00:00</updated></entry></feed>""")
    assert page.total == 3701402
    assert page.entries[0].updated_at == datetime(2014, 4, 15, 9, 7, 36, tzinfo=UTC)
    assert page.entries[1].deleted == "doc"
    assert page.entries[1].updated_at == datetime(2019, 12, 31, 23, 0, tzinfo=UTC)  # local time without offset


def test_retry_after_accepts_seconds_and_dates() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120.0
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("soon", now) is None and retry_after_seconds(None) is None


@pytest.mark.parametrize("path", [REAL_XML[0]])
def test_the_stored_file_is_the_served_bytes(hsettings, database, client_factory, path: Path) -> None:  # type: ignore[no-untyped-def]
    import hashlib

    app = FakeRechtspraak(rechtspraak_docs([path], START))
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url})
        report = harvester(settings, database, client_factory(settings)).run()
    (stored,) = report.files
    assert stored.name == hashlib.sha256(path.read_bytes()).hexdigest() + ".xml"
    assert stored.read_bytes() == path.read_bytes()


def test_a_ruling_deleted_upstream_is_taken_down_here(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    """rechtspraak.nl withdraws a ruling (published by mistake, a name left in it): the archive's copy goes offline
    in the same run (status withdrawn: 410 and out of every public answer), with an audit line and no text."""
    from archive.models import ReviewAudit, Ruling
    from tests.search_index.factories import make_ruling

    docs = rechtspraak_docs(REAL_XML[:2], START)
    docs[1].deleted = "ecli"
    with session_scope(database.factory) as session:
        session.add(make_ruling(id=901, slug="held-here", ecli=docs[1].ecli.lower(), status="published"))
        session.add(make_ruling(id=902, slug="other", ecli="ECLI:NL:HR:2001:1", status="published"))
    app = FakeRechtspraak(docs)
    with serve(app) as url:
        settings = hsettings.model_copy(update={"rechtspraak_url": url})
        report = harvester(settings, database, client_factory(settings)).run()
    assert report.deleted == 1 and report.withdrawn == 1
    with session_scope(database.factory) as session:
        assert {r.id: r.status for r in session.scalars(select(Ruling))} == {901: "withdrawn", 902: "published"}
        audit = session.scalars(select(ReviewAudit)).one()
        assert (audit.ruling_id, audit.kind, audit.user_id) == (901, "withdrawn_upstream", None)
