"""Index settings agree with the documents, and the vocabularies load."""

from __future__ import annotations

from search_index.documents import ruling_to_documents
from search_index.settings import index_settings, stop_words, synonym_groups, synonyms
from tests.search_index.factories import make_ruling


def test_every_declared_attribute_is_written_by_the_document_builder() -> None:
    from datetime import date

    doc = ruling_to_documents(make_ruling(ecli="ECLI:NL:X:2020:1", amount_awarded=1.0, decision_date=date.today()))[0]
    settings = index_settings()
    for key in ("searchableAttributes", "filterableAttributes", "sortableAttributes"):
        missing = [a for a in settings[key] if a not in doc]
        assert not missing, f"{key} names fields the documents do not have: {missing}"
    assert settings["distinctAttribute"] in doc


def test_synonyms_are_multiway_and_lower_case() -> None:
    mapping = synonyms()
    assert set(mapping["tandarts"]) == {"mondzorg", "tandheelkundige zorg"}
    assert "tandarts" in mapping["tandheelkundige zorg"]
    assert mapping["evr"] == ["extern verwijzingsregister"]
    assert all(term == term.lower() for group in synonym_groups() for term in group)


def test_stop_words_keep_negations() -> None:
    words = stop_words()
    assert "de" in words and "het" in words
    assert not {"niet", "geen", "wel"} & set(words)
