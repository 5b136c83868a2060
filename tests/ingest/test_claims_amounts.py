"""Claims, decision items and amounts per item: sums over distinct items, never over mentions (issue 13).

Sentences are shaped like the real rulings these rules were developed on (SKGZ seeds, rechtspraak XML and the
criminal judgments of ../shared/corpus that are not in tests/ingest/amounts_eval).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.domain import Claim, DecisionItem, ParsedRuling, RulingMetadata
from ingest import parse_ruling
from ingest.amounts import awarded, damages_requests, money, principal, stated_claims
from ingest.outcome import clause_kind, combine, court_items, link_claims, settle_catch_alls
from ingest.structure import dictum_clauses, final_decision


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("aan hem € 1.000,-- moet vergoeden", 1000.0, "EUR"),
    ("vordert € 360,00 aan materiële schade en € 2.000,00 aan smartengeld, vermeerderd met de wettelijke rente",
     2360.0, "EUR"),
    ("vordert een bedrag van € 1.461,99. Dat bedrag bestaat uit materiële schade van € 761,99", 1461.99, "EUR"),
    ("tot het bedrag van € 35.439,98 (zegge) bestaande uit € 439,98 materiële schade en € 35.000", 35439.98, "EUR"),
    ("een bedrag van € 1.839,- bestaande uit schade en een bedrag van € 170,- aan proceskosten", 1839.0, "EUR"),
    ("ten belope van respectievelijk f 13.046,86 en f 40.000 c.a.", 53046.86, "NLG"),
])
def test_principal_adds_distinct_sums_and_never_a_part_to_its_total(text: str, value: float, currency: str) -> None:
    m = principal(text)
    assert m is not None and (m.value, m.currency) == (value, currency)


@pytest.mark.parametrize("text", [
    "bepaalt dat het griffierecht van € 41 wordt vergoed",
    "veroordeelt verweerder in de proceskosten van appellanten, welke kosten worden vastgesteld op ƒ 2.130,--",
    "veroordeelt verdachte tot een geldboete van € 500,00",
])
def test_costs_and_fines_are_no_principal(text: str) -> None:
    assert principal(text) is None


def test_guilders_are_read() -> None:
    assert [(m.value, m.currency) for m in money("griffierecht ad fl. 450,-- en ƒ 2.130,-- en f 300,--")] == [
        (450.0, "NLG"), (2130.0, "NLG"), (300.0, "NLG")]


def test_one_claim_per_injured_party_however_often_it_is_restated() -> None:
    text = ("Benadeelde partij [aangever 3] heeft zich als benadeelde partij in het geding gevoegd en vordert een "
            "bedrag van € 3.294,10. Daarnaast heeft de benadeelde partij een bedrag van € 280,00 gevorderd aan "
            "proceskosten. De officier van justitie heeft gevorderd de vordering toe te wijzen tot € 3.000,-.\n\n"
            "[benadeelde 9] vordert een bedrag van € 1.839,- bestaande uit materiële en immateriële schade en een "
            "bedrag van € 170,- aan proceskosten. Het door [benadeelde 9] gevorderde bedrag van € 1.839,- is "
            "onderbouwd. [benadeelde 9] vordert € 1.839,-.")
    claims = stated_claims(text, by_party=True)
    assert [(c.id, c.amount) for c in claims] == [("[aangever 3]", 3294.1), ("[benadeelde 9]", 1839.0)]


def test_a_court_dictum_becomes_items_with_costs_orders_apart() -> None:
    dictum = ("De Centrale Raad van Beroep\n\nbevestigt de aangevallen uitspraak;\n\nveroordeelt het dagelijks "
              "bestuur in de proceskosten van betrokkene in hoger beroep tot een\n\nbedrag van € 974,-;\n\nbepaalt "
              "dat van het dagelijks bestuur een griffierecht van € 478,- wordt geheven.\n\nDeze uitspraak is "
              "gedaan door J.P.M. Zeijen als voorzitter.")
    clauses = dictum_clauses(dictum)
    assert len(clauses) == 3 and clauses[1].endswith("tot een bedrag van € 974")
    items, costs = court_items(clauses, criminal=False)
    assert [(i.label, i.outcome) for i in items] == [("1", "afgewezen")]
    assert [m.value for _, m in costs] == [974.0, 478.0]
    assert clause_kind("vernietigt de uitspraak van het Hof, behoudens de beslissing omtrent het griffierecht") == \
        "claim"


def test_consequences_join_the_verdict_they_carry_out() -> None:
    clauses = dictum_clauses("Het College: verklaart het beroep gegrond; vernietigt het bestreden besluit; bepaalt "
                             "dat verweerder opnieuw beslist; verklaart de klacht gegrond; legt een berisping op.")
    items, _ = court_items(clauses, criminal=False)
    assert [(i.outcome, i.text.count(";")) for i in items] == [("toegewezen", 2), ("toegewezen", 1)]


def test_criminal_dictum_items_are_the_injured_parties_claims() -> None:
    dictum = ("De rechtbank: veroordeelt verdachte tot een gevangenisstraf van 2 maanden; Benadeelde partij "
              "[aangever 2] - wijst de vordering hoofdelijk toe tot een bedrag van € 395,00; - veroordeelt verdachte "
              "tot betaling aan [aangever 2] van het toegewezen bedrag; - legt verdachte de verplichting op ten "
              "behoeve van [aangever 2] aan de Staat € 395,00 te betalen; Benadeelde partij [aangever 8] - wijst de "
              "vordering toe tot een bedrag van € 175,00; - verklaart [aangever 8] voor wat betreft het meer "
              "gevorderde niet-ontvankelijk in de vordering")
    items, _ = court_items(dictum_clauses(dictum), criminal=True)
    assert [(i.outcome, i.claims) for i in items] == [
        ("toegewezen", ["[aangever 2]"]), ("toegewezen", ["[aangever 8]"]), ("niet-ontvankelijk", ["[aangever 8]"])]
    claims = [Claim("[aangever 2]", "…", 395.0), Claim("[aangever 8]", "…", 332.8)]
    for it in items:
        it.amount = principal(it.text).value if principal(it.text) else None  # type: ignore[union-attr]
    link_claims(items, claims)
    assert [i.outcome for i in items] == ["toegewezen", "gedeeltelijk toegewezen", "niet-ontvankelijk"]
    assert [c.outcome for c in claims] == ["toegewezen", "gedeeltelijk toegewezen"]


def test_claim_outcome_combines_its_items() -> None:
    assert combine(["toegewezen", "afgewezen"]) == "gedeeltelijk toegewezen"
    assert combine(["niet-ontvankelijk", "niet-ontvankelijk"]) == "niet-ontvankelijk"
    assert combine(["overig", "afgewezen"]) == "afgewezen"
    assert combine([]) is None


def test_catch_all_refusal_decides_the_claims_not_granted() -> None:
    items = [DecisionItem("i", "de verzekeraar is gehouden de registratie te beperken tot vier jaren", "toegewezen"),
             DecisionItem("ii", "het meer of anders gevorderde wordt afgewezen", "afgewezen")]
    claims = [Claim("i", "de registratie wordt ongedaan gemaakt"),
              Claim("ii", "de duur van de registratie wordt beperkt tot drie jaren")]
    link_claims(items, claims)
    # four years granted on a request for three: in part, and the catch-all refuses the rest of it too
    assert [i.claims for i in items] == [["ii"], ["i", "ii"]]
    assert [c.outcome for c in claims] == ["afgewezen", "gedeeltelijk toegewezen"]
    items = [DecisionItem("i", "de verzekeraar is gehouden de registratie te beperken tot drie jaren", "toegewezen"),
             DecisionItem("ii", "het meer of anders gevorderde wordt afgewezen", "afgewezen")]
    link_claims(items, claims)
    assert [i.claims for i in items] == [["ii"], ["i"]]
    assert [c.outcome for c in claims] == ["afgewezen", "toegewezen"]


def test_the_last_beslissing_heading_of_an_unsectioned_text() -> None:
    text = "De beslissing berust op de artikelen 14a. 11 BESLISSING De rechtbank: verklaart het beroep gegrond."
    found = final_decision(text)
    assert found is not None and found.text.startswith("De rechtbank:")


def test_totals_are_sums_over_distinct_items() -> None:
    """A claim restated in the reasoning and the decision is counted once; costs and entreegeld stay apart."""
    text = ("BINDEND ADVIES\n\nZaak : Fysiotherapie\n\nZaaknummer : 202000999\n\n1. Partijen\n\nA te B, hierna: "
            "verzoeker, tegen C te D, hierna: de zorgverzekeraar.\n\n2. Verloop van de procedure\n\n2.1. Verzoeker "
            "heeft de commissie gevraagd een bindend advies uit te brengen.\n\n4. Geschil\n\n4.1. Verzoeker heeft "
            "gevraagd te beslissen dat:\n\n(i) de zorgverzekeraar € 500,- moet vergoeden voor fysiotherapie;\n\n"
            "(ii) de zorgverzekeraar € 120,- moet vergoeden voor reiskosten.\n\n4.2. De zorgverzekeraar heeft "
            "verweer gevoerd.\n\n6. Beoordeling\n\n6.1. Verzoeker vordert € 500,- voor fysiotherapie. De commissie "
            "wijst de gevorderde € 500,- toe. De reiskosten van € 120,- worden afgewezen.\n\n7. Bindend advies\n\n"
            "7.1. De commissie beslist dat:\n\n(i) de zorgverzekeraar € 500,- aan verzoeker moet vergoeden;\n\n"
            "(ii) het verzoek voor het overige wordt afgewezen;\n\n(iii) de zorgverzekeraar het entreegeld van "
            "€ 37,- aan verzoeker moet vergoeden.\n\nZeist, 1 maart 2021,\n")
    p = parse_ruling(text, {})
    assert (p.amount_claimed, p.amount_awarded, p.entreegeld_amount) == (620.0, 500.0, 37.0)
    assert [(c.id, c.amount, c.outcome) for c in p.claims] == [("i", 500.0, "toegewezen"),
                                                                ("ii", 120.0, "afgewezen")]
    assert [(i.label, i.kind, i.outcome, i.amount) for i in p.decision_items] == [
        ("i", "claim", "toegewezen", 500.0), ("ii", "claim", "afgewezen", None),
        ("iii", "entreegeld", "toegewezen", 37.0)]


def test_parsed_totals_are_what_the_archive_stores() -> None:
    """archive.store sums ParsedRuling.amounts by role: with one amount per item the stored totals are right."""
    from archive.store import _amount_total

    p = ParsedRuling(RulingMetadata(), "", [], "", [], "onbekend", "", None, [])
    assert p.amount_claimed is None and _amount_total(p, "claimed") is None


# ---------------------------------------------------------------------------------------------------------------
# Decision-item grammar (issue 13, outcome per claim). Sentences shaped like real dicta of ../shared/corpus.

def _court(dictum: str, criminal: bool = False) -> list[tuple[str, str]]:
    items, _ = court_items(dictum_clauses(dictum), criminal=criminal)
    return [(i.outcome, i.text.split(";")[0][:40]) for i in items]


def test_verdict_words_are_read_as_predicates_not_as_the_nouns_of_what_was_appealed() -> None:
    assert [o for o, _ in _court(
        "Het College: verklaart de beroepen van appellanten sub 2 en 4 tegen de besluiten tot "
        "niet-ontvankelijkverklaring van hun bezwaren, ongegrond; verklaart gegrond het beroep van appellante sub 3 "
        "tegen het besluit tot ongegrondverklaring van haar bezwaren; vernietigt de besluiten op de bezwaarschriften "
        "van appellante sub 3.")] == ["afgewezen", "toegewezen"]


def test_a_catch_all_that_decides_no_claim_refuses_nothing() -> None:
    dictum = ("Het College: verklaart het beroep gegrond; vernietigt het bestreden besluit; bepaalt dat verweerder "
              "opnieuw beslist; veroordeelt verweerder in de proceskosten, vastgesteld op ƒ 1.420,--; wijst af het "
              "meer of anders gevorderde.")
    items, _ = court_items(dictum_clauses(dictum), criminal=False)
    assert [i.outcome for i in items] == ["toegewezen", "afgewezen"]
    link_claims(items, [])
    assert [(i.label, i.outcome) for i in settle_catch_alls(items)] == [("1", "toegewezen")]
    # ... but refuses a damages claim no other item granted
    items, _ = court_items(dictum_clauses(dictum), criminal=False)
    claims = damages_requests("Appellant stelt schade te lijden. Er bestaat geen grond voor vergoeding van schade als "
                              "gevorderd door appellant.")
    assert [c.amount for c in claims] == [None]
    link_claims(items, claims)
    assert [(i.outcome, i.claims) for i in settle_catch_alls(items)] == [("toegewezen", []), ("afgewezen", ["1"])]
    assert claims[0].outcome == "afgewezen"
    # a numbered SKGZ item keeps its label, with nothing to refuse
    numbered = [DecisionItem("i", "de zorgverzekeraar is gehouden de kosten te vergoeden", "toegewezen"),
                DecisionItem("ii", "het meer of anders gevorderde wordt afgewezen", "afgewezen")]
    link_claims(numbered, [Claim("i", "de zorgverzekeraar de kosten moet vergoeden")])
    assert [(i.label, i.outcome) for i in settle_catch_alls(numbered)] == [("i", "toegewezen"), ("ii", "overig")]


def test_a_verb_inside_an_order_does_not_open_a_new_one() -> None:
    clauses = dictum_clauses("De president: schorst het besluit van 28 april 1998, voorzover dit besluit de "
                             "aanwijzing van een bushalte inhoudt en voorzover daarmee verband houdt de wijziging "
                             "van de dienstregeling; bepaalt dat de buslijnen de oude haltes blijven gebruiken; "
                             "wijst het verzoek van verzoeker sub 5 af.")
    assert [c.split()[0] for c in clauses] == ["schorst", "bepaalt", "wijst"]
    # after a heading, "en" or a full stop a verb still opens an order
    clauses = dictum_clauses("Benadeelde partij verklaart [slachtoffer 1] niet-ontvankelijk in de vordering. bepaalt "
                             "dat de vordering bij de burgerlijke rechter kan worden aangebracht")
    assert [c.split()[0] for c in clauses] == ["Benadeelde", "verklaart", "bepaalt"]


def test_the_court_deciding_itself_after_an_annulment_is_part_of_the_grant() -> None:
    assert _court("Het College: verklaart het beroep gegrond; vernietigt het bestreden besluit; verklaart appellante "
                  "niet-ontvankelijk in haar bezwaar van 7 maart 1995 en bepaalt dat deze uitspraak in zoverre in de "
                  "plaats treedt van het vernietigde besluit; bepaalt dat verweerder voor het overige opnieuw "
                  "beslist.") == [("gedeeltelijk toegewezen", "verklaart het beroep gegrond")]
    assert _court("De Raad: vernietigt de aangevallen uitspraak; verklaart het beroep tegen het besluit van 22 juli "
                  "2009 gegrond; vernietigt dat besluit; bepaalt dat de rechtsgevolgen van het vernietigde besluit "
                  "geheel in stand blijven.") == [("gedeeltelijk toegewezen", "vernietigt de aangevallen uitspraak")]
    assert _court("De Raad: vernietigt de aangevallen uitspraak; verklaart het beroep tegen het besluit gegrond; "
                  "vernietigt dat besluit.") == [("toegewezen", "vernietigt de aangevallen uitspraak")]


def test_criminal_decisions_on_a_claim_with_their_consequences() -> None:
    dictum = ("De rechtbank: Benadeelde partij [slachtoffer 6] verklaart [slachtoffer 6] niet-ontvankelijk in de "
              "vordering; Benadeelde partij [slachtoffer 1] veroordeelt verdachte tot betaling aan [slachtoffer 1] "
              "van het toegewezen bedrag van € 425,73 wegens materiële schade; legt verdachte de verplichting op ten "
              "behoeve van [slachtoffer 1] aan de Staat € 425,73 te betalen; Benadeelde partij [aangever 5] bepaalt "
              "dat de benadeelde partij [aangever 5] niet ontvankelijk is in de vordering en dat de vordering slechts "
              "bij de burgerlijke rechter kan worden aangebracht.")
    items, _ = court_items(dictum_clauses(dictum), criminal=True)
    assert [(i.outcome, i.claims) for i in items] == [
        ("niet-ontvankelijk", ["[slachtoffer 6]"]), ("toegewezen", ["[slachtoffer 1]"]),
        ("niet-ontvankelijk", ["[aangever 5]"])]
    assert awarded(items[1]) is not None and awarded(items[1]).value == 425.73  # type: ignore[union-attr]


def test_a_claim_stated_as_what_the_vordering_is_for() -> None:
    text = ("De vordering van de benadeelde partij [aangever 4] De benadeelde partij heeft opgave gedaan van de inhoud "
            "van de vordering. De vordering strekt tot vergoeding van geleden schade ten gevolge van het onder feit 2 "
            "ten laste gelegde, te weten een bedrag van € 576,- wegens materiële schade.")
    assert [(c.id, c.amount) for c in stated_claims(text, by_party=True)] == [("[aangever 4]", 576.0)]


def test_an_item_granting_another_quantity_than_asked_grants_in_part() -> None:
    items = [DecisionItem("i", "de verzekeraar is gehouden de duur van de registratie te beperken tot vier jaren",
                          "toegewezen")]
    claims = [Claim("i", "de duur van deze registratie wordt beperkt tot maximaal drie jaren")]
    link_claims(items, claims)
    assert (items[0].outcome, claims[0].outcome) == ("gedeeltelijk toegewezen", "gedeeltelijk toegewezen")
    same = [DecisionItem("i", "de verzekeraar vergoedt de 12 behandelingen fysiotherapie", "toegewezen")]
    link_claims(same, [Claim("i", "de verzekeraar moet 12 behandelingen fysiotherapie vergoeden")])
    assert same[0].outcome == "toegewezen"


def test_an_injured_party_whose_sum_is_not_stated_still_has_a_claim() -> None:
    text = ("De vordering van de benadeelde partij [aangever 5] De benadeelde partij heeft opgave gedaan van de inhoud "
            "van de vordering. De vordering strekt tot vergoeding van geleden schade ten gevolge van het onder feit 3 "
            "ten laste gelegde. Nu de vordering niet is onderbouwd, is deze niet van zo eenvoudige aard.\n\n"
            "De vordering van de benadeelde partij [aangever 6] De vordering strekt tot vergoeding van geleden schade. "
            "[aangever 6] vordert een bedrag van € 240,-.")
    assert [(c.id, c.amount) for c in stated_claims(text, by_party=True)] == [("[aangever 5]", None),
                                                                               ("[aangever 6]", 240.0)]


def test_a_rectification_is_the_decision_not_a_costs_order() -> None:
    dictum = ("De voorzieningenrechter van de Centrale Raad van Beroep rectificeert zijn uitspraak van 29 juli 2014 "
              "als volgt: Aan de rechtsoverweging 5 wordt toegevoegd “en op € 24,20 voor gemaakte reiskosten.”. De "
              "beslissing wordt op het punt van de proceskosten gewijzigd in: “- veroordeelt het college in de "
              "proceskosten van verzoekster tot een bedrag van € 1.972,20;”.")
    items, costs = court_items(dictum_clauses(dictum), criminal=False)
    assert [(i.outcome, i.text.split()[0]) for i in items] == [("overig", "rectificeert")]
    assert [m.value for _, m in costs] == [1972.2]


def test_a_claim_joined_in_one_sentence_and_summed_in_the_next() -> None:
    text = ("Vordering van de benadeelde partij [benadeelde 2] De benadeelde partij heeft zich in eerste aanleg in het "
            "strafproces gevoegd met een vordering tot schadevergoeding. Deze bedraagt € 225,00. De vordering is "
            "niet-ontvankelijk verklaard.")
    assert [(c.id, c.amount) for c in stated_claims(text, by_party=True)] == [("[benadeelde 2]", 225.0)]


def test_every_injured_party_the_dictum_decides_on_has_a_claim() -> None:
    text = ("Uitspraak\n\nDe rechtbank veroordeelt [verdachte].\n\n10 Ten aanzien van de benadeelde "
            "partijen\n\nNu niet is gebleken dat het bewezen geachte feit [benadeelde 2] rechtstreeks schade "
            "heeft toegebracht, is de benadeelde partij in de vordering niet-ontvankelijk.\n\nBESLISSING\n\n"
            "De rechtbank: veroordeelt verdachte tot een taakstraf van 40 uren; Gelast de teruggave van de auto, "
            "kenteken [kenteken 3] . Benadeelde partijen Verklaart [benadeelde 2] niet-ontvankelijk in de vordering "
            "en bepaalt dat deze vordering kan worden aangebracht bij de burgerlijke rechter. Vordering "
            "tenuitvoerlegging - wijst de vordering toe.")
    p = parse_ruling(text, {"source": "rechtspraak"})
    assert [(i.outcome, i.claims) for i in p.decision_items] == [("niet-ontvankelijk", ["[benadeelde 2]"])]
    assert [(c.id, c.amount, c.outcome) for c in p.claims] == [("[benadeelde 2]", None, "niet-ontvankelijk")]


def test_statistics_by_topic_count_the_seeds_dental_claim_as_niet_ontvankelijk(tmp_path: Path) -> None:
    """Issue 13: in 202000821 the dental claim is niet-ontvankelijk, and Mondzorg must say so, not count another
    item's outcome; the entreegeld item's own topic is no leftover for topic-less items."""
    from app.statistics import StatsRow, compute
    from archive.domain import as_dict
    from archive.settings import Settings
    from ingest import extract_file
    from tests.paths import REPO

    raw = extract_file(REPO / "samples" / "skgz_seed_002_202000821.pdf", Settings(data_dir=tmp_path))
    p = parse_ruling(raw.text, raw.format_metadata)
    dental = next(i for i in p.decision_items if i.label == "v")
    assert dental.outcome == "niet-ontvankelijk" and dental.topics == ["mondzorg"]
    row = StatsRow(topics=[as_dict(t) for t in p.topics], insurer=p.metadata.insurer, outcome=p.outcome,
                   decided=p.metadata.decision_date, decision_items=[as_dict(i) for i in p.decision_items])
    by_topic = {c.key: c.outcomes for c in compute([row]).by_topic}
    assert by_topic["mondzorg"] == {"niet-ontvankelijk": 1}
    assert "entreegeld" not in by_topic or by_topic["entreegeld"] == {}
