"""Canonical reference ids, links, instrument citations, aliases and the policy year."""

from __future__ import annotations

import pytest

from ingest import parse_ruling
from ingest.references import find_references, policy_year


@pytest.mark.parametrize(("text", "ids"), [
    ("art. 114 lid 2 Zvw", ["zvw:114:2"]),
    ("artikel 114, tweede lid, van de Zorgverzekeringswet", ["zvw:114:2"]),
    ("artikel 2.4, eerste lid, onder c, Bzv", ["bzv:2.4:1:c"]),
    ("artikel 2.6, eerste lid, Rzv", ["rzv:2.6:1"]),
    ("artikel 6:106 BW", ["bw:6:106"]),
    ("artikel 2 van Boek 1 van het Burgerlijk Wetboek", ["bw:1:2"]),
    ("artikel 35 Ziekenfondswet", ["zfw:35"]),
    ("artikel 6h van de Wtz", ["wtz:6h"]),
    ("in afwijking van de artt. 1:1 respectievelijk 1:3 Awb", ["awb:1:1", "awb:1:3"]),
    ("Artikel 5.2.1., onder a en b, van het Protocol", ["pifi:5.2.1:a", "pifi:5.2.1:b"]),
    ("Regelgeving : Gedragscode Persoonlijk Onderzoek", ["gedragscode-po"]),
    ("het Protocol Incidentenwaarschuwingssysteem Financiële Instellingen", ["pifi"]),
    # A blank line ends a citation: a law name in the next block is not the article's law.
    ("Regelingen : Awb, artt. 1:1, 1:3\n\nWet op de toegang tot ziektekostenverzekeringen 1986", []),
])
def test_canonical_ids(text: str, ids: list[str]) -> None:
    assert [r.id for r in find_references(text)] == ids


def test_defined_abbreviation_resolves() -> None:
    text = ("als bedoeld in artikel 3 van de Wet op de toegang tot ziektekostenverzekeringen 1998 (hierna: de Wet). "
            "Ingevolge artikel 34 van de Wet is dat een beschikking.")
    assert [r.id for r in find_references(text)] == ["wtz:3", "wtz:34"]


def test_links() -> None:
    (bzv,) = find_references("artikel 2.4, eerste lid, Bzv")
    assert bzv.url == "https://wetten.overheid.nl/jci1.3:c:BWBR0018492&artikel=2.4&lid=1"
    (avg,) = find_references("artikel 6, onder f, AVG")
    assert avg.url and "eur-lex" in avg.url
    (reg,) = find_references("artikel 15, derde lid, van het Reglement")
    assert reg.url is None  # the committee's rules are not on wetten.overheid.nl


def test_policy_year_from_regelgeving() -> None:
    assert policy_year(["Voorwaarden aanvullende ziektekostenverzekering 2020", "Gedragscode Persoonlijk Onderzoek"]) \
        == 2020
    assert policy_year(["Zorgverzekeringswet"]) is None
    (ref,) = find_references("artikel A5.2 sub c van de polisvoorwaarden", 2020)
    assert ref.id == "polis:A5.2:c" and ref.text.endswith("(voorwaarden 2020)")


def test_annex_citations_are_not_references() -> None:
    text = ("ANONIEM BINDEND ADVIES\n\nZaak : Vergoeding\n\nRegelgeving : Voorwaarden zorgverzekering 2019\n\n"
            "6. Beoordeling\n\n6.1. Op grond van artikel 2.1 van de polisvoorwaarden wordt niet vergoed.\n\n"
            "7. Bindend advies\n\n(i) het verzoek wordt afgewezen.\n\nZeist, 1 april 2023,\n\nP\n\nBIJLAGEN\n\n"
            "Artikel 7:942 BW. Op grond van artikel 11, eerste lid, Zvw ...\n")
    p = parse_ruling(text, {})
    assert [r.id for r in p.references] == ["polis:2.1"]
    assert p.references[0].text.endswith("(voorwaarden 2019)")
