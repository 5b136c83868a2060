"""index_documents: pure, body only, one ruling document with the facet fields plus its passages, stable hash."""

from __future__ import annotations

from datetime import date

import pytest

from search_index.documents import (
    HIGHLIGHT_POST,
    HIGHLIGHT_PRE,
    MAX_WORDS,
    OPENING_WORDS,
    IndexDocuments,
    chunk_text,
    compact_identifier,
    index_documents,
    split_text,
)
from search_index.settings import TEXT_ATTRIBUTES
from tests.search_index.factories import make_ruling, topic


def docs_of(ruling: object) -> IndexDocuments:
    docs = index_documents(ruling)  # type: ignore[arg-type]
    assert docs is not None
    return docs


def test_the_ruling_document_carries_the_fields_and_the_passages_only_text() -> None:
    ruling = make_ruling(
        id=7,
        ecli="ECLI:NL:CRVB:2020:1",
        decision_date=date(2020, 2, 29),
        amount_awarded=12.5,
        topics=[topic("ivf", "IVF"), topic("ivf", "dup"), topic("buitenland")],
    )
    docs = docs_of(ruling)
    doc = docs.ruling
    assert doc["ruling_id"] == 7
    assert doc["year"] == 2020 and doc["date"] == 20200229 and doc["decision_date"] == "2020-02-29"
    assert doc["topics"] == ["ivf", "buitenland"]  # de-duplicated by id
    assert doc["topics_display"][0] == {"id": "ivf", "label": "IVF"}
    assert doc["identifiers"] == ["202100007", "eclinlcrvb20201"]
    assert doc["amount_awarded"] == 12.5
    assert " ".join(doc["text"].split()) == " ".join(ruling.text.split())
    assert doc["opening"].split()[:OPENING_WORDS] == ruling.text.split()[:OPENING_WORDS]
    assert len(docs.passages) > 1
    assert [p["doc_id"] for p in docs.passages] == [f"7-{n}" for n in range(len(docs.passages))]
    assert [p["chunk"] for p in docs.passages] == list(range(len(docs.passages)))
    for passage in docs.passages:  # snippets only: no facet fields to keep in step
        assert set(passage) == {"doc_id", "ruling_id", "chunk", "text", "lemmas"} and passage["ruling_id"] == 7
        # single-spaced: crop_snippet counts words by counting spaces
        assert passage["text"] == " ".join(passage["text"].split())


def test_a_very_long_body_continues_in_further_text_attributes() -> None:
    parts = split_text("w " * 25, per_attribute=10)
    assert list(parts) == list(TEXT_ATTRIBUTES[:3])
    assert [len(p.split()) for p in parts.values()] == [10, 10, 5]
    assert split_text("kort\n\nstuk", per_attribute=10) == {"text": "kort\n\nstuk"}  # kept as is when it fits
    too_long = split_text("w " * 50, per_attribute=10)  # the words beyond the last attribute are dropped
    assert sum(len(p.split()) for p in too_long.values()) == 10 * len(TEXT_ATTRIBUTES)


def test_text_is_split_along_paragraphs_and_nothing_is_lost() -> None:
    body = "\n\n".join(f"Alinea {n} " + "woord " * 50 for n in range(10))
    chunks = chunk_text(body)
    assert 1 < len(chunks) < 10
    assert " ".join(" ".join(chunks).split()) == " ".join(body.split())
    assert all(len(c.split()) <= MAX_WORDS for c in chunks)


def test_long_paragraph_is_split_at_sentences() -> None:
    body = " ".join(f"Zin nummer {n} heeft precies acht woorden hier." for n in range(200))
    chunks = chunk_text(body)
    assert len(chunks) > 1 and all(len(c.split()) <= MAX_WORDS for c in chunks)
    assert all(c.endswith(".") for c in chunks)
    assert chunk_text("x " * 1000)[0].count("x") == MAX_WORDS  # no sentence ends: hard cut


def test_single_newline_paragraphs() -> None:
    body = "\n".join("regel " * 130 for _ in range(4))
    assert len(chunk_text(body)) == 4


def test_annex_and_private_columns_are_not_indexed() -> None:
    ruling = make_ruling(annex="BIJLAGE geheim", metadata_json={"parties": "geheim"}, outcome_explanation="x")
    dumped = str(index_documents(ruling))
    assert "geheim" not in dumped and "BIJLAGE" not in dumped
    assert "annex" not in docs_of(ruling).ruling


def test_unpublished_rulings_produce_no_documents() -> None:
    assert index_documents(make_ruling(status="quarantined")) is None
    assert index_documents(make_ruling(status="failed")) is None


def test_empty_body_still_gives_a_ruling_document() -> None:
    docs = docs_of(make_ruling(text="", decision_date=None, insurer=None, amount_awarded=None))
    assert docs.ruling["text"] == "" and docs.ruling["opening"] == ""
    assert [p["text"] for p in docs.passages] == [""]
    # Absent, not null: Meilisearch then sorts these last and leaves them out of facet counts.
    assert not {"year", "date", "insurer", "amount_awarded", "decision_date"} & set(docs.ruling)


def test_unsaved_column_defaults_are_tolerated() -> None:
    from archive.models import Ruling

    doc = docs_of(Ruling(id=3, slug="s", source="skgz", title="t")).ruling
    assert doc["topics"] == [] and doc["outcome"] == "onbekend" and doc["text"] == ""


def test_highlight_markers_cannot_be_forged_by_the_text() -> None:
    docs = docs_of(make_ruling(text=f"a {HIGHLIGHT_PRE}b{HIGHLIGHT_POST} c\x00d"))
    for text in (docs.ruling["text"], docs.ruling["opening"], docs.passages[0]["text"]):
        assert HIGHLIGHT_PRE not in text and "\x00" not in text


def test_documents_are_stable_and_follow_content() -> None:
    a = index_documents(make_ruling(id=9))
    assert a == index_documents(make_ruling(id=9))
    assert a != index_documents(make_ruling(id=9, title="Ander"))
    assert a == index_documents(make_ruling(id=9, annex="changed annex"))
    assert a != index_documents(make_ruling(id=9, text=make_ruling(id=9).text + " meer"))


def test_ruling_without_id_is_refused() -> None:
    ruling = make_ruling()
    ruling.id = None  # type: ignore[assignment]
    with pytest.raises(ValueError):
        index_documents(ruling)


@pytest.mark.parametrize(
    ("raw", "compact"),
    [("ECLI:NL:RBAMS:2021:1234", "eclinlrbams20211234"), ("C/13/65 / HA ZA 22-1", "c1365haza221"), ("", "")],
)
def test_compact_identifier(raw: str, compact: str) -> None:
    assert compact_identifier(raw) == compact


def test_headline_is_the_title_and_the_summary_the_opening() -> None:
    ruling = make_ruling(title="Bindend advies 202101039", text="Partijen : A te B tegen Zilveren Kruis. Zaak : x",
                         metadata_json={"headline": "EVR-registratie na fraude: afgewezen",
                                        "summary": "De commissie oordeelt dat de registratie terecht is."})
    doc = docs_of(ruling).ruling
    assert doc["title"] == "EVR-registratie na fraude: afgewezen"
    assert doc["opening"].startswith("De commissie oordeelt")  # not the header block
    plain = docs_of(make_ruling(title="Uitspraak", text="Eerste woorden van de tekst.")).ruling
    assert plain["title"] == "Uitspraak" and plain["opening"].startswith("Eerste woorden")
