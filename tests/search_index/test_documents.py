"""ruling_to_documents: pure, body only, one set of facet fields per chunk, stable hash."""

from __future__ import annotations

from datetime import date

import pytest

from search_index.documents import (
    HIGHLIGHT_POST,
    HIGHLIGHT_PRE,
    MAX_WORDS,
    chunk_text,
    compact_identifier,
    ruling_index_hash,
    ruling_to_documents,
)
from tests.search_index.factories import make_ruling, topic


def test_chunks_carry_the_ruling_fields() -> None:
    ruling = make_ruling(
        id=7,
        ecli="ECLI:NL:CRVB:2020:1",
        decision_date=date(2020, 2, 29),
        amount_awarded=12.5,
        topics=[topic("ivf", "IVF"), topic("ivf", "dup"), topic("buitenland")],
    )
    docs = ruling_to_documents(ruling)
    assert len(docs) > 1
    assert [d["doc_id"] for d in docs] == [f"7-{n}" for n in range(len(docs))]
    assert [d["chunk"] for d in docs] == list(range(len(docs)))
    for doc in docs:
        assert doc["ruling_id"] == 7
        assert doc["year"] == 2020 and doc["date"] == 20200229 and doc["decision_date"] == "2020-02-29"
        assert doc["topics"] == ["ivf", "buitenland"]  # de-duplicated by id
        assert doc["topics_display"][0] == {"id": "ivf", "label": "IVF"}
        assert doc["identifiers"] == ["202100007", "eclinlcrvb20201"]
        assert doc["amount_awarded"] == 12.5
        assert len({d["doc_hash"] for d in docs}) == 1


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
    dumped = str(ruling_to_documents(ruling))
    assert "geheim" not in dumped and "BIJLAGE" not in dumped
    assert "annex" not in ruling_to_documents(ruling)[0]


def test_unpublished_rulings_produce_no_documents() -> None:
    assert ruling_to_documents(make_ruling(status="quarantined")) == []
    assert ruling_index_hash(make_ruling(status="failed")) is None


def test_empty_body_still_gives_one_document() -> None:
    docs = ruling_to_documents(make_ruling(text="", decision_date=None, insurer=None, amount_awarded=None))
    assert len(docs) == 1 and docs[0]["text"] == ""
    # Absent, not null: Meilisearch then sorts these last and leaves them out of facet counts.
    assert not {"year", "date", "insurer", "amount_awarded", "decision_date"} & set(docs[0])


def test_unsaved_column_defaults_are_tolerated() -> None:
    from archive.models import Ruling

    docs = ruling_to_documents(Ruling(id=3, slug="s", source="skgz", title="t"))
    assert docs[0]["topics"] == [] and docs[0]["outcome"] == "onbekend" and docs[0]["text"] == ""


def test_highlight_markers_cannot_be_forged_by_the_text() -> None:
    docs = ruling_to_documents(make_ruling(text=f"a {HIGHLIGHT_PRE}b{HIGHLIGHT_POST} c\x00d"))
    assert HIGHLIGHT_PRE not in docs[0]["text"] and "\x00" not in docs[0]["text"]


def test_hash_is_stable_and_follows_content() -> None:
    a = make_ruling(id=9)
    assert ruling_index_hash(a) == ruling_index_hash(make_ruling(id=9))
    assert ruling_index_hash(a) != ruling_index_hash(make_ruling(id=9, title="Ander"))
    assert ruling_index_hash(a) == ruling_index_hash(make_ruling(id=9, annex="changed annex"))


def test_ruling_without_id_is_refused() -> None:
    ruling = make_ruling()
    ruling.id = None  # type: ignore[assignment]
    with pytest.raises(ValueError):
        ruling_to_documents(ruling)


@pytest.mark.parametrize(
    ("raw", "compact"),
    [("ECLI:NL:RBAMS:2021:1234", "eclinlrbams20211234"), ("C/13/65 / HA ZA 22-1", "c1365haza221"), ("", "")],
)
def test_compact_identifier(raw: str, compact: str) -> None:
    assert compact_identifier(raw) == compact
