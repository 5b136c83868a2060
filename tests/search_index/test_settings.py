"""Index settings agree with the documents, and the vocabularies load."""

from __future__ import annotations

from search_index.documents import index_documents
from search_index.settings import (
    TEXT_ATTRIBUTES,
    index_settings,
    passage_index_settings,
    stop_words,
    synonym_groups,
    synonyms,
)
from tests.search_index.factories import make_ruling


def test_every_declared_attribute_is_written_by_the_document_builder() -> None:
    from datetime import date

    ruling = make_ruling(ecli="ECLI:NL:X:2020:1", amount_awarded=1.0, decision_date=date.today(),
                         court="Centrale Raad van Beroep")
    docs = index_documents(ruling)
    assert docs is not None
    # The continuation attributes of a very long body (text_2..) are written only when needed.
    ruling_fields = {*docs.ruling, *TEXT_ATTRIBUTES}
    for settings, fields in ((index_settings(), ruling_fields), (passage_index_settings(), set(docs.passages[0]))):
        for key in ("searchableAttributes", "filterableAttributes", "sortableAttributes"):
            missing = [a for a in settings[key] if a not in fields]
            assert not missing, f"{key} names fields the documents do not have: {missing}"
    assert index_settings()["distinctAttribute"] is None  # one document per ruling: counting needs no distinct
    assert passage_index_settings()["distinctAttribute"] in docs.passages[0]


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
