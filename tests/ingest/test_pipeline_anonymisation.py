"""The pipeline and the anonymiser: a document that fails anonymisation is quarantined, never stored as a ruling;
a change of an anonymiser setting re-processes stored rulings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

import anonymise
from anonymise.mentions import Mention
from anonymise.redact import redact
from archive.db import Database, open_database, session_scope
from archive.domain import AnonymisedText
from archive.models import Document, Ruling
from archive.settings import Settings
from ingest.pipeline import only_extractor_changed, pipeline_version, run_batch
from tests.fixtures.archive import PRIVATE_RULING


@pytest.fixture
def ruling_file(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "private.txt"
    path.parent.mkdir()
    path.write_text(PRIVATE_RULING, encoding="utf-8")
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "var", workers=1, keep_originals=False)


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    db = open_database(settings)
    yield db
    db.engine.dispose()


def test_a_leak_found_inside_anonymise_quarantines_the_document(
        ruling_file: Path, settings: Settings, database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def leaky_redact(text: str, mentions: list[Mention], version: str) -> tuple[AnonymisedText, frozenset[str]]:
        result, _ = redact(text, mentions, version)
        return result, frozenset({"Tilburg"})  # a "replaced" surface that is still in the text: a leak

    monkeypatch.setattr(anonymise, "redact", leaky_redact)  # the pool forks, so the workers see it too
    [outcome] = run_batch([ruling_file], settings, database.factory)
    assert outcome.status == "quarantined" and outcome.error_code == "anonymisation_failed", outcome
    assert "Tilburg" not in (outcome.error or "")
    with session_scope(database.factory) as s:
        assert s.scalars(select(Ruling)).all() == []
        assert [d.status for d in s.scalars(select(Document))] == ["quarantined"]


def _stored(database: Database) -> list[tuple[str, str]]:
    with session_scope(database.factory) as s:
        return [(r.anonymiser_version, r.text) for r in s.scalars(select(Ruling))]


def test_switching_an_anonymiser_setting_reprocesses_stored_rulings(
        ruling_file: Path, settings: Settings, database: Database) -> None:
    assert [o.status for o in run_batch([ruling_file], settings, database.factory)] == ["published"]
    assert [o.status for o in run_batch([ruling_file], settings, database.factory)] == ["skipped"]
    [(version, body)] = _stored(database)
    assert "de Vries" in body  # committee members are kept by default

    officials = settings.model_copy(update={"redact_officials": True})
    assert [o.status for o in run_batch([ruling_file], officials, database.factory)] == ["published"]
    [(version, body)] = _stored(database)
    assert version.endswith("+officials") and "de Vries" not in body

    model = officials.model_copy(update={"ner_model": str(Path(anonymise.__file__).parent / "model")})
    assert [o.status for o in run_batch([ruling_file], model, database.factory)] == ["published"]
    assert "+model:" in _stored(database)[0][0]
    assert [o.status for o in run_batch([ruling_file], model, database.factory)] == ["skipped"]


def test_extraction_settings_change_only_the_extractor_version() -> None:
    base = pipeline_version(Settings())
    for changed in (Settings(ocr=False), Settings(ocr_languages="nld"), Settings(extractor="pdfplumber")):
        assert pipeline_version(changed) != base and only_extractor_changed(base, pipeline_version(changed))
    assert pipeline_version(Settings(redact_officials=True)) != base
    assert not only_extractor_changed(base, pipeline_version(Settings(redact_officials=True)))
