"""Small field parsers: amounts, insurers, references, dates, format sniffing."""

from __future__ import annotations

from datetime import date

import pytest

from archive.domain import DecisionItem
from archive.errors import UnsupportedFormatError
from ingest.amounts import AMOUNT, find_amounts, parse_value
from ingest.dutch_dates import parse_date
from ingest.insurers import GEANONIMISEERD, find_insurer
from ingest.outcome import item_outcome, overall_outcome
from ingest.references import find_references
from ingest.sniff import sniff


@pytest.mark.parametrize(("text", "value"), [
    ("€ 1.000,--", 1000.0), ("€ 6,95", 6.95), ("€ 37,-", 37.0), ("€37", 37.0), ("EUR 250,50", 250.5),
    ("1.500 euro", 1500.0), ("€ 1.840,14", 1840.14), ("€ 12.345.678,90", 12345678.9),
])
def test_amount_values(text: str, value: float) -> None:
    m = AMOUNT.search(f"een bedrag van {text} is")
    assert m is not None
    assert parse_value(m.group("a") or m.group("b"), m.group("c") or m.group("d")) == value


def test_amount_roles() -> None:
    amounts = find_amounts([
        ("Geschil", "Verzoeker vordert € 500,-."),
        ("Beoordeling", "De commissie wijst de gevraagde schadevergoeding van € 20,- toe."),
        ("Bindend advies", "(i) de verzekeraar moet € 500,- vergoeden; (ii) de verzekeraar moet het entreegeld "
                           "van € 37,- vergoeden."),
    ], "Bindend advies")
    assert [(a.value, a.role) for a in amounts] == [(500.0, "claimed"), (20.0, "damages"), (500.0, "awarded"),
                                                    (37.0, "entreegeld")]


@pytest.mark.parametrize(("parties", "brand", "concern"), [
    ("A te B, tegen Zilveren Kruis Zorgverzekeringen N.V. te Utrecht en Achmea Zorgverzekeringen N.V. te Zeist",
     "Zilveren Kruis", "Achmea"),
    ("A te B, tegen Coöperatie VGZ U.A. te Arnhem", "VGZ", "Coöperatie VGZ"),
    ("A te B, tegen CZ Zorgverzekeringen N.V. te Tilburg", "CZ", "CZ"),
    ("A te B, tegen Menzis Zorgverzekeraar N.V. te Wageningen", "Menzis", "Menzis"),
    ("A te B, tegen DSW Zorgverzekeraar U.A. te Schiedam", "DSW", "DSW"),
    ("A te B, tegen ONVZ Ziektekostenverzekeraar N.V. te Houten", "ONVZ", "ONVZ"),
    ("A te B, tegen Zorg en Zekerheid te Leiden", "Zorg en Zekerheid", "Zorg en Zekerheid"),
    ("A te B, tegen Achmea Zorgverzekeringen N.V. te Zeist", "Achmea", "Achmea"),
    ("A te B, tegen C te D", GEANONIMISEERD, None),
    ("A te B, tegen E en F beide te G", GEANONIMISEERD, None),
    ("[persoon 1] te [plaats 1], tegen [organisatie 1] te Arnhem", GEANONIMISEERD, None),
])
def test_insurers(parties: str, brand: str, concern: str | None) -> None:
    assert find_insurer(parties) == (brand, concern)


def test_insurer_only_from_the_opposing_party() -> None:
    # A party named after a brand word does not make the ruling about that insurer: only after "tegen".
    assert find_insurer("CZ te B, tegen C te D") == (GEANONIMISEERD, None)


@pytest.mark.parametrize(("text", "ids"), [
    ("Op grond van artikel 114, tweede lid, Zvw moet", ["zvw:114:2"]),
    ("artikel 15, derde lid, van het Reglement van de commissie", ["reglement-skgz:15:3"]),
    ("Dit volgt uit artikel 942, Boek 7 van het Burgerlijk Wetboek.", ["bw:7:942"]),
    ("ingevolge artikel 7:942 BW", ["bw:7:942"]),
    ("Op grond van artikel A5.2 sub c van de polisvoorwaarden", ["polis:A5.2:c"]),
    ("Voorwaarden zorgverzekering 2017, artt. 10 en 11 Zvw", ["zvw:10", "zvw:11"]),
    ("In artikel 1.1 van de Gedragscode Persoonlijk Onderzoek", ["gedragscode-po:1.1"]),
    ("artikel 6, onder f, AVG", ["avg:6:f"]),
    ("Artikel 18 zegt niets over de wet.", []),
])
def test_references(text: str, ids: list[str]) -> None:
    assert [r.id for r in find_references(text)] == ids


def test_reference_urls() -> None:
    (zvw,) = find_references("artikel 114, tweede lid, Zvw")
    assert zvw.url == "https://wetten.overheid.nl/jci1.3:c:BWBR0018450&artikel=114&lid=2"
    (bw,) = find_references("artikel 7:942 BW")
    assert bw.url == "https://wetten.overheid.nl/jci1.3:c:BWBR0005290&artikel=942"


@pytest.mark.parametrize(("text", "expected"), [
    ("Zittingsdatum : 23 september 2020", date(2020, 9, 23)), ("op 1 feb. 2019", date(2019, 2, 1)),
    ("Zeist, 28 oktober 2020,", date(2020, 10, 28)), ("23-09-2020", date(2020, 9, 23)),
    ("2000-08-01", date(2000, 8, 1)), ("geen datum", None), ("31 februari 2020", None),
])
def test_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_sniff() -> None:
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"junk\n%PDF-1.4\n") == "pdf"
    assert sniff(b"\n<?xml version='1.0'?><open-rechtspraak>") == "rechtspraak-xml"
    assert sniff(b"Zaaknummer : 202000821\n") == "text"
    for bad in (b"\x89PNG\r\n", b"<html><body>", b"<?xml version='1.0'?><other/>", b"PK\x03\x04"):
        with pytest.raises(UnsupportedFormatError):
            sniff(bad)


@pytest.mark.parametrize(("text", "outcome"), [
    ("het verzoek niet-ontvankelijk is", "niet-ontvankelijk"),
    ("het verzoek om vergoeding van immateriële schade wordt afgewezen", "afgewezen"),
    ("de ziektekostenverzekeraar de kosten van € 6,95 aan verzoeker moet vergoeden", "toegewezen"),
    ("de ziektekostenverzekeraar is gehouden de behandeling te vergoeden", "toegewezen"),
    ("de ziektekostenverzekeraar terecht heeft geweigerd de kosten te vergoeden", "afgewezen"),
    # 202000821 (i): the consumer claimed he was not informed; the finding that he was refuses that claim
    ("de ziektekostenverzekeraar verzoeker heeft geïnformeerd", "afgewezen"),
    ("de ziektekostenverzekeraar verzoeker ten onrechte niet heeft geïnformeerd", "toegewezen"),
    ("de ziektekostenverzekeraar heeft gehandeld in strijd met de polis", "overig"),
])
def test_item_outcomes(text: str, outcome: str) -> None:
    assert item_outcome(text) == outcome


def test_overall_outcome() -> None:
    def items(*outcomes: str) -> list[DecisionItem]:
        return [DecisionItem(f"{i}", "x", o) for i, o in enumerate(outcomes)]  # type: ignore[arg-type]

    assert overall_outcome(items("toegewezen"), "")[0] == "toegewezen"
    assert overall_outcome(items("afgewezen", "niet-ontvankelijk"), "")[0] == "afgewezen"
    assert overall_outcome(items("niet-ontvankelijk"), "")[0] == "niet-ontvankelijk"
    assert overall_outcome(items("toegewezen", "afgewezen"), "")[0] == "gedeeltelijk toegewezen"
    assert overall_outcome([], "Het College verklaart het beroep ongegrond.")[0] == "afgewezen"
    assert overall_outcome([], "verklaart het beroep gegrond; vernietigt het besluit")[0] == "toegewezen"
    assert overall_outcome([], "")[0] == "onbekend"


@pytest.mark.parametrize(("text", "outcome"), [
    ("de ziektekostenverzekeraar de kosten niet hoeft te vergoeden", "afgewezen"),
    ("de ziektekostenverzekeraar de behandeling niet vergoedt", "afgewezen"),
    ("de ziektekostenverzekeraar de behandeling alsnog vergoedt", "toegewezen"),
    ("verklaart het beroep ongegrond", "afgewezen"),
    ("verklaart het beroep gegrond", "toegewezen"),
    ("wijst het verzoek af", "afgewezen"),
])
def test_more_item_wordings(text: str, outcome: str) -> None:
    assert item_outcome(text) == outcome
