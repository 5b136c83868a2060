"""Topic tagger: vocabulary from data/topics.json, normalised matching, section weights, annex ignored."""

from __future__ import annotations

import json
from importlib import resources

from ingest import parse_ruling, tag_topics
from ingest.topics import load_topics, stem, tokens

HEAD = """ANONIEM BINDEND ADVIES

Partijen : A te B, tegen C te D

Zaak : {zaak}

Zaaknummer : 202300001

Zittingsdatum : 1 maart 2023

1. Partijen

A te B, hierna te noemen: verzoeker, tegen C te D, hierna te noemen: de ziektekostenverzekeraar.

3. Vaststaande feiten

{facts}

4. Geschil

{geschil}

6. Beoordeling

{beoordeling}

7. Bindend advies

7.1. De commissie beslist dat:

(i) {decision}

Zeist, 1 april 2023,

[persoon 1]

BIJLAGEN

{annex}
"""


def _ruling(zaak: str = "Vergoeding", facts: str = "Verzoeker is verzekerd.", geschil: str = "Verzoeker vraagt.",
            beoordeling: str = "De commissie overweegt.", decision: str = "het verzoek wordt afgewezen.",
            annex: str = "Artikel 1. Polisvoorwaarden.") -> str:
    return HEAD.format(zaak=zaak, facts=facts, geschil=geschil, beoordeling=beoordeling, decision=decision,
                       annex=annex)


NAMED = {"fraude", "buitenland", "mondzorg", "evr-registratie", "entreegeld"}


def ids(text: str) -> set[str]:
    """The five named topics found (the vocabulary grows in its own issue; these tests pin the named five)."""
    return {t.id for t in parse_ruling(text, {}).topics} & NAMED


def test_topics_file_has_the_five_stable_ids() -> None:
    raw = json.loads(resources.files("ingest").joinpath("data/topics.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in raw["topics"]][:5] == ["fraude", "buitenland", "mondzorg", "evr-registratie",
                                                   "entreegeld"]
    for t in raw["topics"]:
        assert t["label"] and t["definition"] and t["triggers"]
    assert {t.id for t in load_topics()} >= NAMED


def test_annex_never_triggers() -> None:
    annex = ("Zorg in het buitenland. Mondzorg: tandarts, kronen, implantaten. Fraude wordt geregistreerd in het "
             "EVR en het CIS. Het entreegeld bedraagt € 37.")
    assert ids(_ruling(annex=annex)) == set()


def test_zaak_keyword_alone_is_enough() -> None:
    assert ids(_ruling(zaak="Mondzorg, kroon")) == {"mondzorg"}
    assert ids(_ruling(zaak="Fraude, EVR")) == {"fraude", "evr-registratie"}


def test_single_mention_in_the_facts_is_not_enough() -> None:
    assert ids(_ruling(facts="Verzoeker heeft een aanvullende verzekering Aanvullend Tand 1 ster en een tandarts.")) \
        == set()


def test_normalised_words_not_raw_substrings() -> None:
    # "precisie" contains "cis", "kronenburg" contains "kronen": neither is a trigger word.
    text = _ruling(beoordeling="De precisie van de nota uit Kronenburg is niet in geschil.",
                   geschil="Verzoeker woont in Kronenburg.")
    assert ids(text) == set()
    # Inflections and compounds are found ("kroon" needs a dental cue near it: see test_topics_domain.py).
    text = _ruling(geschil="Het gaat om de kronen op twee elementen en het fraudeonderzoek.",
                   beoordeling="De verzekeringsfraude is vastgesteld; de kroon is op het element geplaatst.")
    assert ids(text) == {"fraude", "mondzorg"}


def test_entreegeld_from_decision_only() -> None:
    assert "entreegeld" not in ids(_ruling(facts="Verzoeker heeft het entreegeld van € 37,- betaald."))
    assert "entreegeld" in ids(_ruling(decision="de ziektekostenverzekeraar het entreegeld van € 37,- vergoedt."))


def test_evidence_names_section_and_sentence() -> None:
    parsed = parse_ruling(_ruling(beoordeling="De registratie in het Externe Verwijzingsregister is te lang."), {})
    tag = next(t for t in parsed.topics if t.id == "evr-registratie")
    assert tag.evidence[0].section == "Beoordeling"
    assert "Externe Verwijzingsregister" in tag.evidence[0].sentence
    assert tag_topics(parsed) == parsed.topics  # pure, repeatable


def test_stemmer() -> None:
    assert stem("Kronen") == stem("kronen") == "kron"
    assert stem("tandartsen") == stem("tandarts")
    assert stem("Geïnformeerd") == "geinformeerd"
    assert tokens("EU-socialezekerheidsverordening") == ["eu", "socialezekerheidsverordening"]


def test_inflected_adjectives_meet_their_trigger() -> None:
    """The lemma table lists "tandheelkundige" as a noun and keeps its -e: an inflected adjective of -ig, -isch,
    -lijk must still meet the trigger in its base form (found on a real ruling: "tandheelkundige zorg")."""
    from ingest.topics import normalise

    assert normalise("tandheelkundige") == normalise("tandheelkundig")
    assert normalise("medische") == normalise("medisch")
    assert normalise("wettelijke") == normalise("wettelijk")
    assert normalise("Zweedse") != normalise("Zweden")  # what the lemma-only rule keeps apart stays apart
    assert ids(_ruling(zaak="Vergoeding tandheelkundige zorg")) == {"mondzorg"}
