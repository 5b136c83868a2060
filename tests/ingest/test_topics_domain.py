"""Topics by domain: a care or health-insurance topic needs evidence of that domain, an ambiguous trigger a second
cue near it, and a topic about what a ruling decides is not read off an advisory opinion (ingest/topics.py,
``domains``, ``cue``, ``veto`` and ``decided`` in ingest/data/topics.json).

Each case is a regression case for one rule or one word list; the texts are written for the purpose (the real
rulings of tests/ingest/topics_real are held out for measuring).
"""

from __future__ import annotations

import gzip
import json
from itertools import islice

import pytest

from ingest import parse_ruling
from ingest.topics import (
    RulingContext,
    domains_shown,
    load_topics,
    score_topics,
    tokens,
    vocabulary,
)
from tests.paths import SHARED

SKGZ = RulingContext(source="skgz")
COURT = RulingContext(source="rechtspraak")
CARE_TOPICS = {t.id for t in load_topics() if t.domain == "zorg"}


def court(inhoud: str, overwegingen: str, beslissing: str = "De rechtbank verklaart het beroep ongegrond.",
          ecli: str = "ECLI:NL:RBMNE:2020:1", **meta: object) -> set[str]:
    """Topic ids of a court-style ruling (Inhoudsindicatie, Overwegingen, Beslissing) with rechtspraak metadata."""
    text = (f"Inhoudsindicatie\n\n{inhoud}\n\nUitspraak\n\nRECHTBANK MIDDEN-NEDERLAND\n\nZaaknummer: UTR 20/1\n\n"
            f"Overwegingen\n\n{overwegingen}\n\nBeslissing\n\n{beslissing}\n\nDeze uitspraak is gedaan door mr. P.\n")
    return {t.id for t in parse_ruling(text, {"ecli": ecli, **meta}).topics}


def tagged(text: str, context: RulingContext = SKGZ, title: str = "Beoordeling") -> set[str]:
    return {t.id for t in score_topics([(title, text)], context=context)}


def test_every_cue_veto_and_domain_is_defined() -> None:
    from ingest.topics import cue_vocabulary, load_domains

    lists = {t.id for t in cue_vocabulary().topics}
    domains = {d.id for d in load_domains()}
    for topic in load_topics():
        assert topic.domain is None or topic.domain in domains, topic.id
        for trig in topic.triggers:
            assert trig.cue is None or trig.cue in lists, (topic.id, trig.words)
            assert set(trig.veto) <= lists, (topic.id, trig.words)
    assert {d.terms for d in load_domains()} <= lists
    # Every topic but the two domain-neutral ones belongs to the care domain.
    assert {t.id for t in load_topics() if t.domain is None} == {"schadevergoeding", "termijnen-verjaring"}


# --- the domain gate ------------------------------------------------------------------------------------------


def test_foreign_countries_in_a_tax_ruling_are_not_care_abroad() -> None:
    found = court("Fiscale eenheid met een in Duitsland gevestigde dochtervennootschap.",
                  "De moedermaatschappij in Nederland en de dochter in Duitsland vormen geen fiscale eenheid. "
                  "Een vennootschap in het buitenland kan niet worden gevoegd. De Belgische consul verklaarde dit.",
                  rechtsgebied=["Bestuursrecht; Belastingrecht"])
    assert found & CARE_TOPICS == set()


def test_care_abroad_in_a_health_insurance_court_ruling_is_tagged() -> None:
    found = court("Zorgverzekering. Vergoeding van een behandeling in een Duits ziekenhuis.",
                  "Eiseres liet zich in Duitsland in een ziekenhuis opereren. De zorgverzekeraar vergoedde de kosten "
                  "van die zorg in het buitenland tot het Nederlandse tarief, op grond van artikel 13 Zvw.")
    assert "buitenland" in found


def test_a_foreign_country_without_care_near_it_is_not_care_abroad_even_in_skgz() -> None:
    assert "buitenland" not in tagged("Verzoeker heeft de Turkse nationaliteit en ging in de zomer naar Turkije. "
                                      "De commissie overweegt dat het verzoek te laat is. Verder speelt niets.")
    assert "buitenland" in tagged("Verzoeker liet zich in Turkije door een tandarts behandelen.")


def test_domain_evidence_weighs_by_section_and_source() -> None:
    reasoning = [("Overwegingen", "De zorgverzekeraar heeft de aanvraag afgewezen. De zorgverzekering dekt dit niet.")]
    assert "zorg" in domains_shown(reasoning, COURT)
    # One mention in the party block or the procedure is no evidence of the domain ...
    assert "zorg" not in domains_shown([("Partijen", "Stichting X, zorgverzekeraar, verweerster.")], COURT)
    assert "zorg" not in domains_shown([("Procesverloop", "De zorgverzekeraar is niet verschenen.")], COURT)
    # ... one in the reasoning is not quite enough on its own, but with a cited Zvw article or an insurer among the
    # parties it is; an SKGZ ruling is always in the domain.
    once = [("Overwegingen", "De zorgverzekeraar heeft dit niet betwist.")]
    assert "zorg" not in domains_shown(once, COURT)
    assert "zorg" in domains_shown(once, RulingContext(source="rechtspraak", laws=frozenset({"zvw"})))
    assert "zorg" in domains_shown(once, RulingContext(source="rechtspraak", insurer="CZ"))
    assert "zorg" in domains_shown(once, RulingContext(source="rechtspraak", rechtsgebied=("gezondheidsrecht",)))
    assert "zorg" in domains_shown([], SKGZ)


def test_a_psychiatric_report_in_a_criminal_case_is_not_mental_health_care() -> None:
    found = court("Mishandeling. Verminderd toerekeningsvatbaar.",
                  "De psychiater en de psycholoog rapporteren dat verdachte een psychiatrische stoornis heeft. "
                  "De rechtbank neemt het advies van de psychiater over.",
                  "De rechtbank veroordeelt verdachte tot een gevangenisstraf van zes maanden.",
                  rechtsgebied=["Strafrecht"])
    assert "ggz" not in found


@pytest.mark.parametrize(("text", "topic"), [
    ("Het softwarepakket is een hulpmiddel bij de boekhouding; de hulpmiddelen zijn afgeschreven.", "hulpmiddelen"),
    ("De vergunning voor taxivervoer is ingetrokken; het taxivervoer zonder vergunning is beboet.", "ziekenvervoer"),
    ("De diergeneesmiddelen en geneesmiddelen voor varkens zijn in beslag genomen.", "geneesmiddelen"),
    ("Bij Koninklijk Besluit heeft de Kroon het beroep ongegrond verklaard; de Kroon besliste zo.", "mondzorg"),
    ("Het project ligt in een Natura 2000-gebied; de natura-waarden worden aangetast.", "restitutie-natura"),
])
def test_ordinary_words_outside_the_domain_are_no_care_topic(text: str, topic: str) -> None:
    assert topic not in tagged(text, COURT, "Overwegingen")


@pytest.mark.parametrize(("text", "topic"), [
    ("De software is een hulpmiddel voor de administratie van de afdeling.", "hulpmiddelen"),
    ("Het taxivervoer van de medewerkers naar kantoor is geen onderwerp van dit geschil.", "ziekenvervoer"),
    ("De Kroon heeft de regeling vastgesteld.", "mondzorg"),
])
def test_an_ambiguous_trigger_needs_a_second_cue_even_in_skgz(text: str, topic: str) -> None:
    assert topic not in tagged(text)


@pytest.mark.parametrize(("text", "topic"), [
    ("De zorgverzekeraar weigert het hulpmiddel voor verzekerde te vergoeden.", "hulpmiddelen"),
    ("Verzekerde ging met een taxi naar het ziekenhuis; het taxivervoer voor de dialyse kostte veel.", "ziekenvervoer"),
    ("De tandarts plaatste twee kronen; de kroon op het element brak.", "mondzorg"),
    ("De zorgverzekeraar vergoedt het geneesmiddel niet; de arts schreef het medicijn voor.", "geneesmiddelen"),
    ("Verzoeker heeft een restitutiepolis. De zorgverzekeraar vergoedt bij restitutie het marktconforme tarief.",
     "restitutie-natura"),
])
def test_the_same_words_with_care_near_them_are_tagged(text: str, topic: str) -> None:
    assert topic in tagged(text)


# --- vetoes: false friends in the same sentence -----------------------------------------------------------------


def test_premium_of_national_insurance_or_reinsurance_is_not_health_insurance_premium() -> None:
    ctx = RulingContext(source="rechtspraak", laws=frozenset({"zvw"}))
    assert "premie-betalingsachterstand" not in tagged(
        "De premie volksverzekeringen is te hoog vastgesteld naast de inkomensafhankelijke bijdrage Zvw. "
        "De premie volksverzekeringen wordt verminderd.", ctx, "Overwegingen")
    assert "premie-betalingsachterstand" not in tagged(
        "De herverzekeraar ontving de premie van de zorgverzekeraar; de premie voor de herverzekering is aftrekbaar.",
        SKGZ)
    assert "premie-betalingsachterstand" in tagged(
        "Verzekerde heeft de premie voor de zorgverzekering niet betaald; de betalingsachterstand liep op.")


def test_court_fee_refunds_and_tax_loss_set_off_are_not_recovery_by_an_insurer() -> None:
    assert "terugvordering" not in tagged("De verrekening van het verlies met de winst van 2010 is toegestaan. "
                                          "Het verlies mag worden verrekend.", COURT, "Overwegingen")
    assert "terugvordering" not in tagged("De zorgverzekeraar moet het griffierecht terugbetalen. Het griffierecht "
                                          "wordt teruggevorderd.", SKGZ)
    assert "terugvordering" not in tagged("De zorgverzekeraar verrekende de nota met het eigen risico van verzekerde.")
    assert "terugvordering" in tagged("De zorgverzekeraar vordert de onverschuldigd betaalde vergoeding terug; "
                                      "de terugvordering van de declaraties is terecht.")


def test_item_topics_check_cues_within_the_sentence() -> None:
    """Vocabulary.hits (claims and decision items read on their own) applies cues and vetoes in the sentence."""
    vocab = vocabulary()
    ids = {vocab.topics[i].id for i in vocab.hits(tokens("De Kroon heeft het besluit vernietigd."))}
    assert "mondzorg" not in ids
    ids = {vocab.topics[i].id for i in vocab.hits(tokens("De tandarts heeft de kroon op het element geplaatst."))}
    assert "mondzorg" in ids


# --- domain-neutral topics: what the ruling decides --------------------------------------------------------------


def test_a_damages_claim_decided_in_a_criminal_case_is_schadevergoeding() -> None:
    found = court("Diefstal. Vordering benadeelde partij.",
                  "De benadeelde partij vordert een schadevergoeding van EUR 500 voor de gestolen fiets. "
                  "De rechtbank wijst de vordering toe.",
                  "De rechtbank wijst de vordering tot schadevergoeding toe en legt de schadevergoedingsmaatregel op.",
                  rechtsgebied=["Strafrecht"])
    assert "schadevergoeding" in found


@pytest.mark.parametrize("text", [
    # the tax treatment of a damages payment
    "De ontvangen schadevergoeding is belast als inkomen uit werk. De schadevergoeding behoort tot het loon.",
    # a statutory compensation scheme
    "Appellant ontving een tegemoetkoming in de schade; de tegemoetkoming in de vergoeding van schade is juist.",
    # a later damages claim mentioned only as a possibility
    "Een eventuele schadevergoeding kan in een later stadium worden gevraagd. Eventuele schadevergoeding volgt later.",
    # damage words without any claim near them
    "De materiële schade aan de oogst was groot. Er is materiële schade ontstaan door de storm.",
])
def test_damages_mentioned_but_not_claimed_and_decided_is_not_schadevergoeding(text: str) -> None:
    assert "schadevergoeding" not in tagged(text, COURT, "Overwegingen")


def test_an_advisory_opinion_decides_no_claim() -> None:
    text = "De eiser vordert schadevergoeding van de Staat. De vordering tot schadevergoeding is verjaard."
    advisory = RulingContext(source="rechtspraak", advisory=True)
    assert {"schadevergoeding", "termijnen-verjaring"} <= tagged(text, COURT, "Overwegingen")
    assert {"schadevergoeding", "termijnen-verjaring"} & tagged(text, advisory, "Overwegingen") == set()


def test_a_time_limit_counts_when_it_decides_the_case() -> None:
    assert "termijnen-verjaring" not in tagged("Het bezwaar is binnen de bezwaartermijn ingediend. Na het "
                                               "verstrijken van de termijn is het besluit verzonden.", COURT,
                                               "Overwegingen")
    assert "termijnen-verjaring" in tagged("Het bezwaar is buiten de bezwaartermijn ingediend. De "
                                           "termijnoverschrijding is niet verschoonbaar; het bezwaar is "
                                           "niet-ontvankelijk.", COURT, "Overwegingen")


# --- facets follow the domain -----------------------------------------------------------------------------------


def test_countries_and_care_types_only_in_the_care_domain() -> None:
    tax = ("Inhoudsindicatie\n\nFiscale eenheid.\n\nUitspraak\n\nOverwegingen\n\nDe dochter is in Duitsland "
           "gevestigd en heeft een ziekenhuis in België als klant. De medisch specialist is haar directeur.\n\n"
           "Beslissing\n\nHet beroep is ongegrond.\n")
    md = parse_ruling(tax, {"ecli": "ECLI:NL:HR:2010:1"}).metadata
    assert md.countries == [] and md.care_types == []


# --- a source outside health insurance --------------------------------------------------------------------------

FLEMISH = SHARED / "corpus" / "studievoortgang_vlaanderen" / "rulings_split_by_rolnr.jsonl.gz"


@pytest.mark.skipif(not FLEMISH.is_file(), reason=f"needs {FLEMISH}")
def test_flemish_study_progress_rulings_get_no_care_topics() -> None:
    """Flemish study-progress rulings are outside health insurance: every care topic there is a false alarm
    (tagger version 4 put 336 domain tags and 153 care types on the 2,403 rulings; read, never copied)."""
    with gzip.open(FLEMISH, "rt", encoding="utf-8") as f:
        rulings = [json.loads(line)["text"] for line in islice(f, 150)]
    for text in rulings:
        parsed = parse_ruling(text, {})
        assert {t.id for t in parsed.topics} & CARE_TOPICS == set()
        assert parsed.metadata.care_types == [] and parsed.metadata.countries == []
