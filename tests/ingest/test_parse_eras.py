"""SKGZ rulings of other eras and layouts (synthetic, built from the fixed vocabulary of real rulings)."""

from __future__ import annotations

from datetime import date

import pytest

from ingest import parse_ruling

OLD = """BINDEND ADVIES

Partijen : A te B, tegen E en F beide te G

Zaak : Zorgverzekering, fysiotherapie, machtiging

Regelgeving : Zvw

Zaaknummer : {case}

Zittingsdatum : 12 november 2008

Geschillencommissie Zorgverzekeringen (mr. P, drs. Q en mr. R)

1. Partijen

A te B, hierna te noemen: verzoeker, tegen E en F beide te G, hierna gezamenlijk te noemen: de zorgverzekeraar.

2. Verloop van de procedure

2.1. Verzoeker heeft het entreegeld van € 37,- betaald.

4. Geschil

4.1. Verzoeker vordert vergoeding van € 1.250,00 voor fysiotherapie.

5. Bevoegdheid

5.1. De commissie is bevoegd. Dit blijkt uit artikel 22 van de verzekeringsvoorwaarden van de zorgverzekering.

6. Beoordeling

6.1. Op grond van artikel 11, eerste lid, onderdeel b, Zvw heeft verzoeker recht op vergoeding.

7. Bindend advies

7.1. De commissie beslist dat {decision}

Zeist, 4 december 2008,

mr. P
"""


@pytest.mark.parametrize("case", ["ANO08.143", "2012.03100", "202000821"])
def test_case_number_eras(case: str) -> None:
    p = parse_ruling(OLD.format(case=case, decision="het verzoek wordt afgewezen."), {})
    assert p.metadata.case_number == case
    assert p.metadata.title == f"Bindend advies {case}"


def test_old_era_fields() -> None:
    p = parse_ruling(OLD.format(case="ANO08.143", decision="het verzoek wordt afgewezen."), {})
    md = p.metadata
    assert md.source == "skgz"
    assert md.insurer == "geanonimiseerd"
    assert md.insurance_type == "basis"
    assert md.committee == ["P", "Q", "R"]
    assert md.hearing_date == date(2008, 11, 12) and md.decision_date == date(2008, 12, 4)
    assert p.decision_items == []
    assert p.outcome == "afgewezen"
    assert p.entreegeld_refunded is None
    assert [r.id for r in p.references] == ["polis:22", "zvw:11:1:b"]
    assert (1250.0, "claimed") in [(a.value, a.role) for a in p.amounts]


@pytest.mark.parametrize(("decision", "outcome", "refunded"), [
    ("de zorgverzekeraar de kosten van de fysiotherapie alsnog moet vergoeden en het entreegeld van € 37,- aan "
     "verzoeker dient te vergoeden.", "toegewezen", True),
    ("verzoeker niet-ontvankelijk is in zijn verzoek.", "niet-ontvankelijk", None),
    ("het verzoek wordt afgewezen en het entreegeld niet wordt gerestitueerd.", "afgewezen", False),
])
def test_decision_without_items(decision: str, outcome: str, refunded: bool | None) -> None:
    p = parse_ruling(OLD.format(case="2012.03100", decision=decision), {})
    assert p.outcome == outcome
    assert p.entreegeld_refunded is refunded


def test_markdownish_and_plain_layout_agree() -> None:
    plain = OLD.format(case="202000821", decision="(i) het verzoek wordt toegewezen; (ii) het entreegeld van "
                                                  "€ 37,- moet worden vergoed.")
    markdown = plain.replace("4. Geschil", "#### 4. Geschil").replace("7. Bindend advies", "## 7. Bindend advies")
    markdown = markdown.replace("4.1. Verzoeker", "- 4.1. Verzoeker")
    a, b = parse_ruling(plain, {}), parse_ruling(markdown, {})
    assert [(s.number, s.title) for s in a.sections] == [(s.number, s.title) for s in b.sections]
    assert [(i.label, i.outcome) for i in a.decision_items] == [(i.label, i.outcome) for i in b.decision_items] == [
        ("i", "toegewezen"), ("ii", "toegewezen")]
    assert a.outcome == b.outcome == "toegewezen"
    assert a.entreegeld_refunded is True


def test_empty_and_unstructured_text_do_not_crash() -> None:
    for text in ("", "Een korte tekst zonder structuur.", "7. Bindend advies\n\n(i)"):
        p = parse_ruling(text, {})
        assert p.outcome in ("onbekend", "afgewezen", "toegewezen", "gedeeltelijk toegewezen", "niet-ontvankelijk")


@pytest.mark.parametrize("annex_title", ["BIJLAGEN", "Bijlagen", "BIJLAGE 1", "Bijlage 1: Polisvoorwaarden",
                                         "#### BIJLAGEN"])
def test_annex_title_variants(annex_title: str) -> None:
    text = OLD.format(case="202000821", decision="het verzoek wordt afgewezen.") + (
        f"\n{annex_title}\n\nArtikel 2.1 Mondzorg in het buitenland wordt vergoed bij fraude.\n")
    p = parse_ruling(text, {})
    assert p.annex.lstrip("# ").lower().startswith("bijlage")
    assert "Mondzorg in het buitenland" not in p.body
    named = {"fraude", "buitenland", "mondzorg", "evr-registratie", "entreegeld"}
    assert {t.id for t in p.topics} & named == set()  # the annex mentions three of them


def test_bijlage_mentioned_in_the_reasoning_is_not_the_annex() -> None:
    reasoning = "6.0. De bijlage bij dit bindend advies maakt er deel van uit.\n\n6.1. Op grond"
    text = OLD.replace("6.1. Op grond", reasoning)
    p = parse_ruling(text.format(case="202000821", decision="het verzoek wordt afgewezen."), {})
    assert p.annex == ""
    assert "De bijlage bij dit bindend advies" in p.body


def test_worded_place_and_date() -> None:
    text = OLD.format(case="ANO08.143", decision="het verzoek wordt afgewezen.").replace(
        "Zeist, 4 december 2008,", "Aldus beslist te Zeist op 4 december 2008.")
    p = parse_ruling(text, {})
    assert p.metadata.decision_place == "Zeist" and p.metadata.decision_date == date(2008, 12, 4)


def test_entreegeld_stays_with_consumer() -> None:
    text = OLD.format(case="2012.03100", decision="het verzoek wordt afgewezen en het entreegeld voor rekening "
                                                  "van verzoeker blijft.")
    assert parse_ruling(text, {}).entreegeld_refunded is False


def test_insurance_type_variants() -> None:
    text = OLD.format(case="2012.03100", decision="het verzoek wordt afgewezen.").replace(
        "Dit blijkt uit artikel 22 van de verzekeringsvoorwaarden van de zorgverzekering.",
        "Dit blijkt uit artikel 9 van de voorwaarden van de aanvullende tandartsverzekering.")
    assert parse_ruling(text, {}).metadata.insurance_type == "aanvullend"
