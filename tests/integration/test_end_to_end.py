"""The whole path, on real services: files → pipeline → database → Meilisearch → API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.indexing import index_drift, rebuild_index, sync_index
from app.runtime import open_index
from archive.db import session_scope
from archive.models import AnonymisationAudit, Document, Ruling
from ingest.pipeline import run_batch
from search_index import SearchQuery
from tests.fixtures.archive import PRIVATE_NAMES, PRIVATE_RULING, SAMPLES, Archive
from tests.fixtures.meili import search

pytestmark = pytest.mark.integration


def _ingest(archive: Archive, paths: list[Path]):  # type: ignore[no-untyped-def]
    outcomes = run_batch(paths, archive.settings, archive.database.factory)
    index = open_index(archive.settings)
    sync_index(archive.database.factory, index)
    return outcomes, index


def test_samples_are_searchable_with_facets_and_topic_filter(archive: Archive, client: TestClient) -> None:
    outcomes, _ = _ingest(archive, [SAMPLES])
    assert outcomes and all(o.status == "published" for o in outcomes), [(o.path, o.error) for o in outcomes]

    body = client.get("/api/v1/search", params={"q": "tandarts"}).json()
    cases = [h["case_number"] for h in body["hits"]]
    assert "202000821" in cases
    assert body["facets"]["topic"] and body["facets"]["outcome"]
    hit = next(h for h in body["hits"] if h["case_number"] == "202000821")
    topics = {t["id"] for t in hit["topics"]}
    assert "mondzorg" in topics

    # The must-show: q=tandarts plus the dental topic narrows the result (a tax case about a dentist's
    # practice mentions tandarts but is not a dental-care ruling).
    dental = client.get("/api/v1/search", params={"q": "tandarts", "topic": "mondzorg"}).json()
    assert 0 < dental["total"] < body["total"]
    assert "202000821" in [h["case_number"] for h in dental["hits"]]

    everything = client.get("/api/v1/search").json()
    narrowed = client.get("/api/v1/search", params={"topic": "mondzorg"}).json()
    assert 0 < narrowed["total"] < everything["total"]
    assert all("mondzorg" in {t["id"] for t in h["topics"]} for h in narrowed["hits"])

    ruling = client.get("/api/v1/rulings/202000821").json()
    assert ruling["case_number"] == "202000821" and ruling["insurer"]
    # When it went public here, as in the hits and the feeds (an aware UTC time)
    assert ruling["published_at"] and ruling["published_at"].endswith(("Z", "+00:00"))
    assert "BIJLAGEN" not in ruling["text"]
    by_id = client.get(f"/api/v1/rulings/{ruling['id']}").json()
    assert by_id["slug"] == ruling["slug"]
    page = client.get("/uitspraak/202000821")
    assert page.status_code == 200 and "202000821" in page.text


def test_private_names_never_reach_api_index_or_tables(archive: Archive, client: TestClient,
                                                      tmp_path: Path) -> None:
    doc = tmp_path / "private.txt"
    doc.write_text(PRIVATE_RULING, encoding="utf-8")
    outcomes, index = _ingest(archive, [doc])
    assert [o.status for o in outcomes] == ["published"], outcomes[0].error

    responses = [
        client.get("/api/v1/search", params={"q": "tandarts"}).text,
        client.get("/api/v1/search", params={"q": "Pietersen"}).text,
        client.get("/api/v1/search").text,
        client.get("/api/v1/rulings/202299901").text,
        client.get("/uitspraak/202299901").text,
        client.get("/", params={"q": "tandarts"}).text,
    ]
    assert "202299901" in responses[3]
    stored_docs = json.dumps(index.all_documents(), ensure_ascii=False)
    with session_scope(archive.database.factory) as s:
        rows = [json.dumps({c.key: getattr(r, c.key) for c in Ruling.__table__.columns}, default=str,
                           ensure_ascii=False) for r in s.scalars(select(Ruling))]
        audit = [json.dumps({c.key: getattr(a, c.key) for c in AnonymisationAudit.__table__.columns})
                 for a in s.scalars(select(AnonymisationAudit))]
    for name in PRIVATE_NAMES:
        for where, text in [("api", "\n".join(responses)), ("meilisearch", stored_docs), ("db", "\n".join(rows)),
                            ("audit", "\n".join(audit))]:
            assert name.lower() not in text.lower(), f"{name!r} leaked into {where}"
    # What must stay, stays: the insurer, the country, the committee chair.
    ruling = json.loads(responses[3])
    assert "CZ" in ruling["text"] and "Turkije" in ruling["text"] and "A.B. de Vries" in ruling["text"]
    assert "[verzoeker]" in ruling["text"] or "[persoon" in ruling["text"]


def test_no_field_or_file_name_bypasses_the_anonymiser(archive: Archive, client: TestClient, tmp_path: Path) -> None:
    """A text, a rechtspraak XML with a name in its metadata (zaaknummer, a reference text), each under a file name
    that carries a name: none of it reaches an API response, page, feed, export, index document or public table."""
    import gzip

    from app.bulk import write_bulk
    from app.service import to_public
    from archive.models import Document
    from archive.store import published_rulings

    txt = tmp_path / "bezwaar Pietersen.txt"
    txt.write_text(PRIVATE_RULING, encoding="utf-8")
    xml_src = (SAMPLES / "ECLI.NL.CBB.2000.AU1263.xml").read_text(encoding="utf-8")
    xml_src = xml_src.replace(">AWB 98/1024</psi:zaaknummer>", ">AWB 98/1024 Pietersen tegen Yildirim</psi:zaaknummer>")
    xml_src = xml_src.replace(">Algemene wet bestuursrecht 7:12</dcterms:references>",
                              ">Algemene wet bestuursrecht 7:12 (zaak mevrouw Fatma Öztürk)</dcterms:references>")
    xml = tmp_path / "Yildirim-uitspraak.xml"
    xml.write_text(xml_src, encoding="utf-8")
    outcomes, index = _ingest(archive, [txt, xml])
    assert sorted(o.status for o in outcomes) == ["published", "published"], [o.error for o in outcomes]

    texts = [client.get(path, params=params).text for path, params in [
        ("/api/v1/search", {"per_page": "50"}), ("/api/v1/search", {"q": "Pietersen"}),
        ("/api/v1/search/export", {"format": "jsonl"}), ("/api/v1/search/export", {"format": "csv"}),
        ("/api/v1/search.atom", {}), ("/", {}), ("/api/v1/statutes", {}), ("/api/v1/stats", {}),
    ]]
    for o in outcomes:
        texts += [client.get(f"/api/v1/rulings/{o.ruling_id}").text, client.get(f"/uitspraak/{o.slug}").text]
    with session_scope(archive.database.factory) as s:
        write_bulk((to_public(r) for r in published_rulings(s)), tmp_path / "bulk")
    texts += [p.read_text(encoding="utf-8-sig") for p in (tmp_path / "bulk").glob("*.csv")]
    texts += [gzip.decompress(p.read_bytes()).decode("utf-8") for p in (tmp_path / "bulk").glob("*.gz")]
    texts.append(json.dumps(index.all_documents(), ensure_ascii=False))
    with session_scope(archive.database.factory) as s:
        for model in (Ruling, Document):
            texts += [json.dumps({c.key: getattr(r, c.key) for c in model.__table__.columns}, default=str,
                                 ensure_ascii=False) for r in s.scalars(select(model))]
    for name in (*PRIVATE_NAMES, "Yildirim", "Fatma"):
        found = [(i, t[max(0, t.lower().find(name.lower()) - 80):t.lower().find(name.lower()) + 40])
                 for i, t in enumerate(texts) if name.lower() in t.lower()]
        assert not found, f"{name!r} leaked: {found}"


def test_reingest_skips_unchanged_and_sync_repairs_drift(archive: Archive) -> None:
    first, index = _ingest(archive, [SAMPLES])
    second = run_batch([SAMPLES], archive.settings, archive.database.factory)
    assert all(o.status == "skipped" for o in second)
    assert {o.ruling_id for o in second} == {o.ruling_id for o in first}
    # Simulate an ingest interrupted after the database commit, before the index write.
    with session_scope(archive.database.factory) as s:
        victim = s.scalars(select(Ruling)).first()
        assert victim is not None
        index.delete([victim.id])
        victim.indexed_hash = None
    drift = index_drift(archive.database.factory, index)
    assert drift["stale_in_db"] == 1 and drift["count_difference"] == -1
    assert sync_index(archive.database.factory, index).upserted == 1
    assert index_drift(archive.database.factory, index)["count_difference"] == 0
    assert rebuild_index(archive.database.factory, index) == drift["db_published"]
    assert index_drift(archive.database.factory, index) == {**drift, "stale_in_db": 0, "count_difference": 0,
                                                            "index_documents": drift["db_published"]}


def test_changes_during_a_rebuild_are_repaired_by_the_next_sync(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archive.store import content_hash

    _, index = _ingest(archive, [SAMPLES])
    factory = archive.database.factory
    with session_scope(factory) as s:
        edited_id, withdrawn_id = s.scalars(select(Ruling.id).order_by(Ruling.id).limit(2)).all()
    build = index.rebuild

    def rebuild_while_the_archive_changes(rulings):  # type: ignore[no-untyped-def]
        def then_change():  # type: ignore[no-untyped-def]
            yield from rulings
            # Every ruling has been read; a concurrent ingest now edits one and withdraws another, and its sync
            # writes them into the old copy, which the swap is about to replace.
            with session_scope(factory) as s:
                edited = s.get(Ruling, edited_id)
                edited.title = "Herziene titel zeldzaamwoord"
                edited.content_hash = content_hash(edited)
                s.get(Ruling, withdrawn_id).status = "quarantined"
            sync_index(factory, index)

        return build(then_change())

    monkeypatch.setattr(index, "rebuild", rebuild_while_the_archive_changes)
    rebuild_index(factory, index)
    monkeypatch.undo()
    drift = index_drift(factory, index)
    assert drift["stale_in_db"] == 1  # the edited ruling; the swap undid what the concurrent sync wrote
    report = sync_index(factory, index)
    assert report.upserted == 1 and report.deleted == 1
    assert [h["id"] for h in search(index, SearchQuery(q="zeldzaamwoord")).hits] == [edited_id]
    assert withdrawn_id not in {d["ruling_id"] for d in index.all_documents(fields=["ruling_id"])}
    assert index_drift(factory, index)["stale_in_db"] == 0


def test_bad_documents_get_an_outcome_and_the_batch_goes_on(archive: Archive, tmp_path: Path) -> None:
    (tmp_path / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    (tmp_path / "not-a-pdf.pdf").write_bytes(b"GIF89a\x01\x00\x01\x00")
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "good.txt").write_text(PRIVATE_RULING, encoding="utf-8")
    outcomes, _ = _ingest(archive, [tmp_path])
    by_name = {Path(o.path).name: o for o in outcomes}
    assert by_name["good.txt"].status == "published"
    for bad in ("corrupt.pdf", "not-a-pdf.pdf", "empty.pdf"):
        assert by_name[bad].status == "failed" and by_name[bad].error, bad
    with session_scope(archive.database.factory) as s:
        statuses = sorted(d.status for d in s.scalars(select(Document)))
    assert statuses == ["failed", "failed", "failed", "published"]


def test_stats_count_outcomes_by_topic_insurer_and_year(archive: Archive, client: TestClient) -> None:
    outcomes, _ = _ingest(archive, [SAMPLES])
    stats = client.get("/api/v1/stats").json()
    published = sum(1 for o in outcomes if o.status == "published")
    assert stats["total"] == published == sum(stats["outcomes"].values())
    assert sum(r["total"] for r in stats["by_year"]) == published
    assert sum(r["total"] for r in stats["by_insurer"]) == published
    mondzorg = next(r for r in stats["by_topic"] if r["key"] == "mondzorg")
    assert mondzorg["total"] >= 1 and 0.0 <= mondzorg["granted_rate"] <= 1.0
    assert all(r["known"] + r["unknown"] == r["total"] and r["ci_low"] <= r["granted_rate"] <= r["ci_high"]
               for r in stats["by_insurer"] if r["known"])
    assert not stats["filtered"]
    # Every search parameter narrows what is counted (the statistics used to ignore them).
    skgz = client.get("/api/v1/stats", params={"source": "skgz"}).json()
    found = client.get("/api/v1/search", params={"source": "skgz"}).json()["total"]
    assert skgz["filtered"] and skgz["total"] == found < published
    assert client.get("/api/v1/stats", params={"q": "geenwoordhierzo"}).json()["total"] == 0
    assert client.get("/api/v1/stats", params={"outcome": "gewonnen"}).status_code == 422
    page = client.get("/statistieken", params={"source": "skgz"})
    assert page.status_code == 200 and "deze zoekopdracht" in page.text


def test_export_atom_facets_and_similar(archive: Archive, client: TestClient) -> None:
    outcomes, _ = _ingest(archive, [SAMPLES])
    published = sum(1 for o in outcomes if o.status == "published")

    csv_resp = client.get("/api/v1/search/export", params={"format": "csv"})
    assert csv_resp.status_code == 200 and csv_resp.headers["content-type"].startswith("text/csv")
    lines = csv_resp.text.lstrip("\ufeff").strip().splitlines()
    assert lines[0].startswith("id,slug,case_number") and len(lines) == published + 1

    jsonl = client.get("/api/v1/search/export", params={"format": "jsonl", "topic": "mondzorg"})
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert rows and all("mondzorg" in r["topics"] for r in rows)
    assert client.get("/api/v1/search/export", params={"format": "xml"}).status_code == 422
    limited = client.get("/api/v1/search/export", params={"format": "jsonl", "limit": 1})
    assert len(limited.text.splitlines()) == 1

    atom = client.get("/api/v1/search.atom", params={"q": "tandarts"})
    assert atom.status_code == 200 and atom.headers["content-type"].startswith("application/atom+xml")
    from xml.etree import ElementTree as ET

    feed = ET.fromstring(atom.text)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.find("a:title", ns) is not None and feed.findall("a:entry", ns)

    facets = client.get("/api/v1/facets", params={"q": "tandarts"}).json()
    assert set(facets) >= {"topic", "insurer", "outcome", "year"}

    similar = client.get("/api/v1/rulings/202000821/similar").json()
    assert isinstance(similar, list)
    assert all(s["slug"] != "202000821" and s["reason"] for s in similar)
    other = client.get("/api/v1/rulings/202101039/similar").json()
    assert any(s["slug"] == "202000821" for s in other), other  # both: fraud research, entreegeld
    assert client.get("/api/v1/rulings/nope/similar").status_code == 404


def test_a_new_extractor_version_reprocesses_only_changed_text(archive: Archive, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ingest
    from ingest.pipeline import only_extractor_changed, pipeline_version

    pdfs = [SAMPLES / "skgz_seed_002_202000821.pdf", SAMPLES / "skgz_seed_003_202101039.pdf"]
    first = run_batch(pdfs, archive.settings, archive.database.factory)
    assert [o.status for o in first] == ["published", "published"]
    with session_scope(archive.database.factory) as s:
        stamps = {r.id: r.updated_at for r in s.scalars(select(Ruling))}

    old = pipeline_version(archive.settings)
    monkeypatch.setattr(ingest, "EXTRACTOR_VERSION", ingest.EXTRACTOR_VERSION + ".next")
    assert only_extractor_changed(old, pipeline_version(archive.settings))
    second = run_batch(pdfs, archive.settings, archive.database.factory)
    assert [o.status for o in second] == ["skipped", "skipped"]  # same text: no NER, no store, no reindex
    with session_scope(archive.database.factory) as s:
        assert {r.id: r.updated_at for r in s.scalars(select(Ruling))} == stamps
        assert {d.pipeline_version for d in s.scalars(select(Document))} == {pipeline_version(archive.settings)}

    monkeypatch.setattr(ingest, "PARSER_VERSION", ingest.PARSER_VERSION + ".next")
    third = run_batch(pdfs, archive.settings, archive.database.factory)
    assert [o.status for o in third] == ["published", "published"]  # a parser change re-processes


def test_only_extractor_changed() -> None:
    from ingest.pipeline import only_extractor_changed

    assert only_extractor_changed("x=1;p=2;t=3;a=4", "x=2;p=2;t=3;a=4")
    assert not only_extractor_changed("x=1;p=2;t=3;a=4", "x=2;p=3;t=3;a=4")
    assert not only_extractor_changed("x=1;p=2;t=3;a=4", "x=1;p=2;t=3;a=4")


def test_statute_index_reaches_every_cited_article(archive: Archive, client: TestClient) -> None:
    _ingest(archive, [SAMPLES])
    laws = client.get("/api/v1/statutes").json()
    assert laws and all(law["articles"] for law in laws)
    zvw = next(law for law in laws if law["id"] == "zvw")
    labels = {a["id"]: a["label"] for a in zvw["articles"]}
    assert labels.get("zvw:114:2") == "art. 114 lid 2 Zvw"
    # Every article links to a search that finds exactly the rulings counted.
    for article in zvw["articles"]:
        found = client.get("/api/v1/search", params={"reference": article["id"]}).json()["total"]
        assert found == article["rulings"], article
    assert client.get("/api/v1/search", params={"reference": "zvw:114"}).json()["total"] >= 1  # hierarchical
    page = client.get("/wetsartikelen")
    assert page.status_code == 200 and "art. 114 lid 2 Zvw" in page.text
    # Statute search in q: the ruling citing art. 114 Zvw first.
    hits = client.get("/api/v1/search", params={"q": "art. 114 Zvw"}).json()["hits"]
    assert hits and hits[0]["case_number"] == "202000821"
    # Ruling URLs in any case or separators.
    assert client.get("/api/v1/rulings/2020.00821").json()["case_number"] == "202000821"
    assert client.get("/uitspraak/ecli:nl:cbb:2000:au1263").status_code == 200
    ruling = client.get("/api/v1/rulings/202000821").json()
    assert ruling["entreegeld_amount"] == 37.0 and ruling["amount_claimed"] == 1000.0
    assert ruling["amount_awarded"] == 6.95 and ruling["summary"] and ruling["claims"]
