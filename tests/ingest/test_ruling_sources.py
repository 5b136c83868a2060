"""One ruling, several files: the best ranked source supplies the text, metadata is merged and never blanked.

Store-level tests on both databases, with parsed rulings built here (fast, independent of the anonymiser's state).
The same rules on real files (rechtspraak XML and a PDF of it, a born-digital seed and its OCR'd scan) are in
tests/integration/test_ruling_sources.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from archive import sources
from archive.db import Database, alembic_config, session_scope
from archive.domain import Entity, ParsedRuling, RulingMetadata
from archive.models import AnonymisationAudit, Document, Ruling
from archive.store import live_sources, record_failure, store_ruling

ECLI = "ECLI:NL:CRVB:2014:2942"
V1 = "x=2;p=1;t=1;a=1"


def _parsed(body: str, **metadata: object) -> ParsedRuling:
    return ParsedRuling(metadata=RulingMetadata(**metadata),  # type: ignore[arg-type]
                        body=body, sections=[], annex="", decision_items=[], outcome="onbekend",
                        outcome_explanation="", entreegeld_refunded=None, amounts=[])


# The same ruling as three kinds of file: what each format yields (cf. the real files in the integration test).
XML = _parsed("De Centrale Raad van Beroep bevestigt de aangevallen uitspraak.", source="rechtspraak", ecli=ECLI,
              case_number="13/3129 WWB", court="Centrale Raad van Beroep", decision_date=date(2014, 9, 2),
              title="Centrale Raad van Beroep, " + ECLI, rechtsgebied=["Socialezekerheidsrecht"])
PDF = _parsed("ECLI:NL:CRVB:2014:2942 De Centrale Raad van Beroep bevestigt de aangevallen uitspraak. pagina 1 van 5",
              ecli=ECLI, title=ECLI)
BORN = _parsed("Partijen : A te B, tegen Zilveren Kruis. De commissie wijst het verzoek toe.", source="skgz",
               case_number="202101039", decision_date=date(2022, 1, 26), insurer="Zilveren Kruis")
OCR = _parsed("Partijen : Ate B, tegen Zilveren Kruis. De commissie wijst het verzoek toe.", source="skgz",
              case_number="202101039", insurer="Zilveren Kruis", hearing_date=date(2021, 12, 15))

FORMATS = {"xml": ("rechtspraak-xml", []), "pdf": ("pdf", []), "born": ("pdf", []), "ocr": ("pdf", [1, 2])}
PARSED = {"xml": XML, "pdf": PDF, "born": BORN, "ocr": OCR}


def _store(db: Database, name: str, version: str = V1, parsed: ParsedRuling | None = None) -> bool:
    source_format, ocr_pages = FORMATS[name]
    entity = Entity(0, 1, "PERSON", "verzoeker", "replaced", f"[{name}]", "ner")
    with session_scope(db.factory) as session:
        stored = store_ruling(session, sha256=name * 8, filename=f"{name}.bin", size=1, source_format=source_format,
                              pipeline_version=version, parsed=parsed or PARSED[name], entities=[entity], pages=2,
                              ocr_pages=ocr_pages, extractor="test/1", anonymiser_version="a",
                              tagger_version="t", text_sha256=None)
    return stored.text_source


def _ruling(db: Database) -> dict[str, object]:
    with session_scope(db.factory) as session:
        assert session.scalar(select(func.count()).select_from(Ruling)) == 1, "one ruling, several files"
        r = session.scalars(select(Ruling)).one()
        audit = [a.replacement for a in session.scalars(select(AnonymisationAudit))]
        return {"text": r.text, "court": r.court, "date": r.decision_date, "hearing": r.hearing_date,
                "case_number": r.case_number, "ecli": r.ecli, "source": r.source, "title": r.title,
                "insurer": r.insurer, "md": dict(r.metadata_json), "hash": r.content_hash, "status": r.status,
                "updated": r.updated_at, "audit": audit,
                "sources": [(d.sha256[:3], d.quality_rank, d.text_source) for d in live_sources(r)]}


@pytest.mark.parametrize("order", [("xml", "pdf"), ("pdf", "xml")])
def test_rechtspraak_xml_supplies_the_text_whatever_the_order(database: Database, order: tuple[str, str]) -> None:
    for name in order:
        _store(database, name)
    r = _ruling(database)
    assert r["text"] == XML.body and r["audit"] == ["[xml]"]  # the audit belongs to the text's source
    # Court, date and case number only the XML has are kept when the PDF comes second, and taken when it comes first.
    assert (r["court"], r["date"], r["case_number"]) == ("Centrale Raad van Beroep", date(2014, 9, 2), "13/3129 WWB")
    assert r["source"] == "rechtspraak" and r["title"] == XML.metadata.title
    assert r["md"]["rechtsgebied"] == ["Socialezekerheidsrecht"]  # type: ignore[index]
    assert r["sources"] == [("xml", 3, True), ("pdf", 2, False)]


@pytest.mark.parametrize("order", [("born", "ocr"), ("ocr", "born")])
def test_born_digital_text_beats_its_ocr_scan(database: Database, order: tuple[str, str]) -> None:
    for name in order:
        _store(database, name)
    r = _ruling(database)
    assert "A te B" in str(r["text"]) and "Ate B" not in str(r["text"])
    assert r["date"] == date(2022, 1, 26)  # only the born-digital file has it
    assert r["hearing"] == date(2021, 12, 15)  # only the scan has it: filled in, never lost
    assert r["sources"] == [("bor", 2, True), ("ocr", 1, False)]


def test_storing_the_worse_file_again_changes_nothing(database: Database) -> None:
    _store(database, "xml")
    _store(database, "pdf")
    before = _ruling(database)
    assert _store(database, "pdf") is False
    assert _ruling(database) == before  # content hash and updated_at included: not even a write


def test_reprocessing_the_best_file_keeps_it_best(database: Database) -> None:
    _store(database, "xml")
    _store(database, "pdf", version="x=3;p=1;t=1;a=1")  # a newer pipeline does not lift a worse format
    assert _store(database, "xml", version="x=3;p=1;t=1;a=1") is True
    r = _ruling(database)
    assert r["text"] == XML.body and r["sources"][0] == ("xml", 3, True)  # type: ignore[index]


def test_a_tie_goes_to_the_current_pipeline_then_the_longer_text(database: Database) -> None:
    _store(database, "pdf")
    longer = _parsed(PDF.body + " Aldus gedaan.", ecli=ECLI)
    assert _store(database, "born", parsed=longer) is True  # same rank, longer text
    assert _store(database, "pdf") is False
    assert _store(database, "pdf", version="x=3;p=1;t=1;a=1") is True  # same rank, current pipeline
    assert _ruling(database)["text"] == PDF.body


def test_a_quarantined_text_source_hands_over_to_the_next_best(database: Database) -> None:
    _store(database, "xml")
    _store(database, "pdf")
    with session_scope(database.factory) as session:  # the XML fails a new anonymiser's leak check: fail closed
        record_failure(session, sha256="xml" * 8, filename="xml.bin", size=1, source_format="rechtspraak-xml",
                       pipeline_version="x=3", status="quarantined", error_code="leak", error="leak")
    assert _ruling(database)["status"] == "quarantined"
    with session_scope(database.factory) as session:  # the PDF is due again: the next run rebuilds from it
        assert session.scalar(select(Document.pipeline_version).where(Document.sha256 == "pdf" * 8)) == ""
    assert _store(database, "pdf", version="x=3") is True
    r = _ruling(database)
    assert r["status"] == "published" and r["text"] == PDF.body
    assert r["court"] is None  # nothing of the quarantined file is kept
    assert r["sources"] == [("pdf", 2, True)]


def test_merge_prefers_the_better_source_and_ignores_unknown_values() -> None:
    best = {"court": None, "insurance_type": "onbekend", "source": "other", "committee": [], "ecli": "E"}
    worse = {"court": "Rb", "insurance_type": "basis", "source": "skgz", "committee": ["X"], "ecli": "e"}
    merged = sources.merge_fields([best, worse])
    assert (merged["court"], merged["insurance_type"], merged["source"], merged["committee"], merged["ecli"]) == (
        "Rb", "basis", "skgz", ["X"], "E")
    assert sources.merge_fields([None])["source"] == "other" and sources.merge_fields([])["regulations"] == []
    assert sources.quality("pdf", [3]) == "ocr" and sources.quality("text", []) == "born-digital"


def test_migration_0005_makes_the_last_stored_file_the_text_source(tmp_path: Path) -> None:
    """Before 0005 the last stored file wrote the whole ruling: it becomes the text source, with the ruling's OCR."""
    from alembic import command

    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        conn.execute(text("INSERT INTO rulings (id, slug, status, source, title, insurance_type, outcome, "
                          "outcome_explanation, metadata, topics, \"references\", sections, decision_items, amounts, "
                          "text, annex, pages, ocr_pages, extractor, anonymiser_version, tagger_version, "
                          "content_hash, created_at, updated_at) VALUES (1, '202101039', 'published', 'skgz', "
                          "'t', 'onbekend', 'onbekend', '', '{}', '[]', '[]', '[]', '[]', '[]', 'tekst', '', 16, "
                          "'[1, 2]', 'tesseract/1', "
                          "'a', 't', 'h', '2026-01-01', '2026-01-01')"))
        for i, (fmt, stamp) in enumerate([("pdf", "2026-01-01"), ("pdf", "2026-02-01")], 1):
            conn.execute(text("INSERT INTO documents (id, sha256, filename, size, source_format, status, attempts, "
                              "pipeline_version, ruling_id, created_at, updated_at) VALUES "
                              f"({i}, '{i}', 'f', 1, '{fmt}', 'published', 1, 'v', 1, '{stamp}', '{stamp}')"))
        command.upgrade(cfg, "heads")
        rows = conn.execute(text("SELECT id, quality_rank, text_source, pages, text_chars FROM documents "
                                 "ORDER BY id")).all()
        published = conn.execute(text("SELECT published_at FROM rulings")).scalar()
    engine.dispose()
    assert [tuple(r) for r in rows] == [(1, 2, 0, None, None), (2, 1, 1, 16, 5)]
    assert str(published).startswith("2026-01-01"), "0006: a ruling stored before went public when it was created"


def test_published_at_is_set_once_when_a_ruling_goes_public(database: Database) -> None:
    """Feeds and alert digests select by it: storing another file of the ruling, or the same one again with a new
    pipeline, must not make an old ruling look new."""
    _store(database, "pdf")
    with session_scope(database.factory) as session:
        first = session.scalars(select(Ruling)).one().published_at
    assert first is not None
    _store(database, "xml")
    _store(database, "xml", version="v2")
    with session_scope(database.factory) as session:
        assert session.scalars(select(Ruling)).one().published_at == first
