"""The wider taxonomy, lemma matching and the tagger's cost."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from archive.lemmas import tables
from ingest import parse_ruling
from ingest.topics import NAMED_TOPICS, RulingContext, load_topics, normalise, score_topics, tag_topics, tokens

SKGZ = RulingContext(source="skgz")  # these snippets stand for SKGZ rulings: the health-insurance domain holds

TAXONOMY = {"klachtafhandeling", "persoonlijk-onderzoek", "machtiging", "niet-gecontracteerde-zorg",
            "restitutie-natura",
            "ggz", "hulpmiddelen", "fysiotherapie", "ziekenvervoer", "geneesmiddelen", "premie-betalingsachterstand",
            "eigen-risico", "aanvullende-verzekering", "schadevergoeding", "termijnen-verjaring", "zorgplicht"}


def test_taxonomy_entries_are_complete() -> None:
    raw = json.loads(resources.files("ingest").joinpath("data/topics.json").read_text(encoding="utf-8"))
    ids = [t["id"] for t in raw["topics"]]
    assert len(ids) == len(set(ids))
    assert ids[:5] == list(NAMED_TOPICS)
    assert set(ids) >= TAXONOMY
    for t in raw["topics"]:
        assert t["label"] and len(t["definition"]) > 30 and t["triggers"], t["id"]
        assert bool(t.get("named")) == (t["id"] in NAMED_TOPICS)
    assert all(t.triggers for t in load_topics())


def test_lemmas_come_from_the_archive_lemmatiser() -> None:
    assert len(tables()[0]) > 100_000  # spacy-lookups-data is installed
    assert normalise("gedeclareerd") == normalise("declareren")
    assert normalise("machtigingen") == normalise("machtiging")
    assert normalise("hoortoestellen") == normalise("hoortoestel")
    assert normalise("kronen") == normalise("kroon") == "kroon"  # the lemmatiser's exceptions, as search has them
    assert normalise("tandartsen") == normalise("tandarts")
    # A known word is not stemmed on top of its lemma: forging is not lapsing ("de eigen bijdrage vervalt"), and
    # the adjective "Zweedse" is not the country trigger "Zweden".
    assert normalise("vervalst") != normalise("vervalt")
    assert normalise("Zweedse") != normalise("Zweden")
    assert normalise("aangevraagd") == normalise("aanvragen")


def _parts(text: str) -> list[tuple[str, str]]:
    return [("Beoordeling", text)]


@pytest.mark.parametrize(("text", "topic"), [
    ("Zij heeft in mei een machtiging aangevraagd.", "machtiging"),  # aangevraagd -> aanvragen
    ("Hij heeft twee hoortoestellen gekocht.", "hulpmiddelen"),
    ("De fysiotherapeuten hebben dertig behandelingen gegeven.", "fysiotherapie"),
    ("De vordering is verjaard.", "termijnen-verjaring"),
    ("Verzoeker vordert immateriële schadevergoeding.", "schadevergoeding"),
    ("De klachtenprocedure is niet gevolgd.", "klachtafhandeling"),
])
def test_inflected_forms_trigger(text: str, topic: str) -> None:
    assert topic in {t.id for t in score_topics(_parts(text), context=SKGZ)}


@pytest.mark.parametrize(("text", "absent"), [
    ("Verzoeker wil dat de eigen bijdrage vervalt.", "fraude"),  # vervalt is not vervalst
    ("Verzoeker heeft een machtiging ondertekend om informatie op te vragen.", "machtiging"),
    ("De wachttijd voor de operatie was zeven maanden.", "aanvullende-verzekering"),
    ("De rechtbank bepaalt dat verweerder het griffierecht vergoedt.", "entreegeld"),
])
def test_false_friends_do_not_trigger(text: str, absent: str) -> None:
    assert absent not in {t.id for t in score_topics(_parts(text), context=SKGZ)}


def long_ruling() -> str:
    """A 6,000-word SKGZ-style ruling (also what ``make bench`` times the tagger on: speed is a bench figure)."""
    sentence = ("De ziektekostenverzekeraar heeft de nota van de Thaise tandarts voor vier kronen niet vergoed en "
                "verzoeker in het Externe Verwijzingsregister opgenomen wegens fraude. ")
    body = sentence * (6000 // len(sentence.split()))
    return ("Geschillencommissie Zorgverzekeringen\n\nZaak : Fraude\n\n3. Vaststaande feiten\n\n" + body
            + "\n\n6. Beoordeling\n\n" + body
            + "\n\n7. Bindend advies\n\n(i) het verzoek wordt afgewezen.\n")


def test_a_6000_word_ruling_is_tagged_whole() -> None:
    parsed = parse_ruling(long_ruling(), {})
    assert len(parsed.body.split()) >= 6000
    assert {"fraude", "evr-registratie"} <= {t.id for t in tag_topics(parsed)}


def test_tokens_are_word_sequences() -> None:
    assert tokens("EU-socialezekerheidsverordening") == ["eu", "socialezekerheidsverordening"]


def test_a_profession_as_occupation_is_no_evidence_of_care() -> None:
    """A tax case about a dentist's practice is not a dental-care ruling; care received still is."""
    from ingest.topics import score_topics

    occupation = [("Beoordeling", "De belanghebbende is tandarts. Hij werkte als tandarts in zijn tandartspraktijk. "
                                  "Zijn echtgenote is een fysiotherapeut.")]
    assert {t.id for t in score_topics(occupation, context=SKGZ)} & {"mondzorg", "fysiotherapie"} == set()
    care = [("Beoordeling", "De tandarts heeft bij verzoeker vier kronen geplaatst. De tandarts declareerde de "
                            "tandheelkundige behandeling bij de zorgverzekeraar.")]
    assert "mondzorg" in {t.id for t in score_topics(care, context=SKGZ)}
