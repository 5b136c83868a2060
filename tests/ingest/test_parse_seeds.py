"""Golden tests per field for the two seed rulings, parsed from their PDFs and from the seed text files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from archive.domain import ParsedRuling
from archive.settings import Settings
from ingest import extract_file, parse_ruling

from .conftest import GOLDEN, SAMPLES

_CACHE: dict[tuple[str, str], ParsedRuling] = {}


def parsed(seed: str, form: str, tmp_path: Path) -> ParsedRuling:
    key = (seed, form)
    if key not in _CACHE:
        if form == "pdf":
            doc = extract_file(SAMPLES / f"{seed}.pdf", Settings(data_dir=tmp_path))
            _CACHE[key] = parse_ruling(doc.text, doc.format_metadata)
        else:
            _CACHE[key] = parse_ruling((GOLDEN / f"{seed}.txt").read_text(encoding="utf-8"), {})
    return _CACHE[key]


S2 = "skgz_seed_002_202000821"
S3 = "skgz_seed_003_202101039"
FORMS = ["pdf", "text"]


@pytest.mark.parametrize("form", FORMS)
def test_seed_002_metadata(form: str, tmp_path: Path) -> None:
    md = parsed(S2, form, tmp_path).metadata
    assert md.source == "skgz"
    assert md.case_number == "202000821"
    assert md.title == "Bindend advies 202000821"
    assert md.hearing_date == date(2020, 9, 23)
    assert md.decision_date == date(2020, 10, 28)
    assert md.decision_place == "Zeist"
    assert md.committee == ["G.R.J. de Groot", "L. Ritzema", "M.T.C.J. Nauta-Sluijs"]
    assert md.zaak_keywords == ["Buitenland", "Thailand", "mondzorg", "fraudeonderzoek", "informeren betrokkene",
                                "klachtafhandeling"]
    assert md.regulations == ["Voorwaarden aanvullende ziektekostenverzekering 2020",
                              "Gedragscode Persoonlijk Onderzoek"]
    assert md.insurer == "Zilveren Kruis" and md.insurer_concern == "Achmea"
    assert md.insurance_type == "aanvullend"
    assert md.parties is not None and md.parties.startswith("A te B, tegen Zilveren Kruis")


@pytest.mark.parametrize("form", FORMS)
def test_seed_003_metadata(form: str, tmp_path: Path) -> None:
    md = parsed(S3, form, tmp_path).metadata
    assert md.case_number == "202101039"
    assert md.title == "Bindend advies 202101039"
    assert md.hearing_date == date(2021, 12, 15)
    assert md.decision_date == date(2022, 1, 26)
    assert md.decision_place == "Zeist"
    assert md.committee == ["L. Ritzema"]  # no committee line: the signer
    assert md.zaak_keywords == ["Fraude", "duur opname in Externe Verwijzingsregister"]
    assert md.insurer == "Zilveren Kruis"
    assert md.insurance_type == "basis en aanvullend"


@pytest.mark.parametrize("seed", [S2, S3])
@pytest.mark.parametrize("form", FORMS)
def test_sections(seed: str, form: str, tmp_path: Path) -> None:
    p = parsed(seed, form, tmp_path)
    assert [(s.number, s.title) for s in p.sections] == [
        (None, "Kop"), ("1", "Partijen"), ("2", "Verloop van de procedure"), ("3", "Vaststaande feiten"),
        ("4", "Geschil"), ("5", "Bevoegdheid van de commissie"), ("6", "Beoordeling"), ("7", "Bindend advies")]


@pytest.mark.parametrize("seed", [S2, S3])
@pytest.mark.parametrize("form", FORMS)
def test_annex_split_off(seed: str, form: str, tmp_path: Path) -> None:
    p = parsed(seed, form, tmp_path)
    assert p.annex.lstrip("# ").startswith("BIJLAGEN")
    assert "BIJLAGEN" not in p.body
    assert "Polisvoorwaarden" in p.annex
    assert all("Polisvoorwaarden" not in s.text for s in p.sections)


@pytest.mark.parametrize("form", FORMS)
def test_seed_002_decision(form: str, tmp_path: Path) -> None:
    p = parsed(S2, form, tmp_path)
    assert [(i.label, i.outcome) for i in p.decision_items] == [
        # (i) finds that the insurer did inform him, which he claimed it had not (4.1 i): a refusal
        ("i", "afgewezen"), ("ii", "toegewezen"), ("iii", "toegewezen"), ("iv", "toegewezen"),
        ("v", "niet-ontvankelijk"), ("vi", "afgewezen"), ("vii", "toegewezen")]
    assert [i.kind for i in p.decision_items] == ["claim"] * 6 + ["entreegeld"]
    assert [i.amount for i in p.decision_items] == [None, None, None, 6.95, None, None, 37.0]
    assert p.outcome == "gedeeltelijk toegewezen"
    assert p.entreegeld_refunded is True
    assert "(ii)" in p.outcome_explanation and "(vi)" in p.outcome_explanation


@pytest.mark.parametrize("form", FORMS)
def test_seed_003_decision(form: str, tmp_path: Path) -> None:
    p = parsed(S3, form, tmp_path)
    # (i) limits the registration to four years where the consumer asked, in the alternative, for at most three
    assert [(i.label, i.outcome) for i in p.decision_items] == [
        ("i", "gedeeltelijk toegewezen"), ("ii", "toegewezen"), ("iii", "afgewezen")]
    assert p.decision_items[2].text == "het meer of anders gevorderde wordt afgewezen"
    assert p.outcome == "gedeeltelijk toegewezen"
    assert p.entreegeld_refunded is True


@pytest.mark.parametrize("form", FORMS)
def test_seed_002_amounts(form: str, tmp_path: Path) -> None:
    """Read off the ruling: one claim of € 1,000 (counted once), € 6.95 awarded, the € 37 entreegeld refunded."""
    p = parsed(S2, form, tmp_path)
    assert [(a.value, a.role, a.item) for a in p.amounts] == [
        (1000.0, "claimed", "iv"), (6.95, "awarded", "iv"), (37.0, "entreegeld", None)]
    assert (p.amount_claimed, p.amount_awarded, p.entreegeld_amount) == (1000.0, 6.95, 37.0)
    assert p.costs == []


@pytest.mark.parametrize("form", FORMS)
def test_seed_002_claims(form: str, tmp_path: Path) -> None:
    p = parsed(S2, form, tmp_path)
    assert [(c.id, c.amount) for c in p.claims] == [("i", None), ("ii", None), ("iii", None), ("iv", 1000.0)]
    by_label = {i.label: i for i in p.decision_items}
    assert by_label["ii"].claims == ["ii"]  # questions not answered, complaints not handled
    assert by_label["iv"].claims == ["iii"]  # the costs of sending the information: € 6.95
    assert {c.id: c.outcome for c in p.claims}["ii"] == "toegewezen"
    # The dental claim came up after the request was filed: it is no numbered request, but item (v) decides it.
    assert "tandheelkundige" in by_label["v"].text and by_label["v"].outcome == "niet-ontvankelijk"


@pytest.mark.parametrize("form", FORMS)
def test_seed_003_amounts(form: str, tmp_path: Path) -> None:
    p = parsed(S3, form, tmp_path)
    assert [(a.value, a.role) for a in p.amounts] == [(37.0, "entreegeld")]  # no sum is claimed or awarded
    assert (p.amount_claimed, p.amount_awarded, p.entreegeld_amount) == (None, None, 37.0)
    assert [(c.id, c.amount) for c in p.claims] == [("i", None), ("ii", None)]
    # (i) limits the registration to four years (claim ii asked at most three: granted in part), (iii) refuses the
    # rest: the removal asked in claim (i) and the shorter term of claim (ii).
    assert [(i.label, i.claims) for i in p.decision_items] == [("i", ["ii"]), ("ii", []), ("iii", ["i", "ii"])]
    assert [c.outcome for c in p.claims] == ["afgewezen", "gedeeltelijk toegewezen"]


@pytest.mark.parametrize("form", FORMS)
def test_seed_references(form: str, tmp_path: Path) -> None:
    ids2 = [r.id for r in parsed(S2, form, tmp_path).references]
    assert {"zvw:114:2", "reglement-skgz:15:3", "gedragscode-po:1.1", "polis:A5.2:c", "polis:18.4"} <= set(ids2)
    zvw = next(r for r in parsed(S2, form, tmp_path).references if r.id == "zvw:114:2")
    assert zvw.url == "https://wetten.overheid.nl/jci1.3:c:BWBR0018450&artikel=114&lid=2"
    ids3 = [r.id for r in parsed(S3, form, tmp_path).references]
    assert {"zvw:10", "zvw:11", "polis:18", "avg:6:f"} <= set(ids3)
    # The annex quotes Zvw articles and BW 7:942: they are not the ruling's own references.
    assert "bw:7:942" not in ids2


@pytest.mark.parametrize("form", FORMS)
def test_seed_topics(form: str, tmp_path: Path) -> None:
    named = {"fraude", "buitenland", "mondzorg", "evr-registratie", "entreegeld"}
    t2 = {t.id: t for t in parsed(S2, form, tmp_path).topics if t.id in named}
    assert set(t2) == {"buitenland", "mondzorg", "fraude", "entreegeld"}
    t3 = {t.id: t for t in parsed(S3, form, tmp_path).topics if t.id in named}
    assert set(t3) == {"fraude", "evr-registratie", "entreegeld", "buitenland"}
    for tag in [*t2.values(), *t3.values()]:
        assert 0.5 <= tag.confidence <= 1.0
        assert tag.evidence and all(e.section != "BIJLAGEN" for e in tag.evidence)
    assert any("Iran" in e.sentence for e in t3["buitenland"].evidence)
    assert any("entreegeld" in e.sentence and e.section == "Bindend advies" for e in t2["entreegeld"].evidence)


def test_parse_works_on_anonymised_text() -> None:
    text = (GOLDEN / f"{S2}.txt").read_text(encoding="utf-8")
    anonymised = (text.replace("G.R.J. de Groot", "[persoon 1]").replace("L. Ritzema", "[persoon 2]")
                  .replace("M.T.C.J. Nauta-Sluijs", "[persoon 3]").replace("A te B", "[persoon 4] te [plaats 1]"))
    p = parse_ruling(anonymised, {})
    assert p.metadata.case_number == "202000821"
    assert p.metadata.committee == ["[persoon 1]", "[persoon 2]", "[persoon 3]"]
    assert p.metadata.insurer == "Zilveren Kruis"
    assert p.outcome == "gedeeltelijk toegewezen"
    assert p.metadata.decision_date == date(2020, 10, 28)


def test_anonymised_insurer_is_reported_as_such() -> None:
    text = (GOLDEN / f"{S3}.txt").read_text(encoding="utf-8")
    old = "A te B, tegen Zilveren Kruis Zorgverzekeringen N.V. te Utrecht en Achmea\nZorgverzekeringen N.V. te Zeist"
    assert old in text
    p = parse_ruling(text.replace(old, "A te B, tegen C te D"), {})
    assert p.metadata.insurer == "geanonimiseerd" and p.metadata.insurer_concern is None


@pytest.mark.parametrize("form", FORMS)
def test_seed_headline_and_summary(form: str, tmp_path: Path) -> None:
    """A descriptive title from the Zaak keywords and the outcome; a summary from the reasoning and the decision,
    never from the head block."""
    p2, p3 = parsed(S2, form, tmp_path), parsed(S3, form, tmp_path)
    assert p2.metadata.headline == ("Buitenland, Thailand, mondzorg, fraudeonderzoek, informeren betrokkene – "
                                    "gedeeltelijk toegewezen")
    assert p3.metadata.headline == "Fraude, duur opname in Externe Verwijzingsregister – gedeeltelijk toegewezen"
    for p in (p2, p3):
        summary = p.metadata.summary
        assert 100 < len(summary) <= 710 and "Beslissing: (i)" in summary
        assert not any(word in summary for word in ("Partijen", "Zaaknummer", "Zittingsdatum", "Regelgeving"))
    assert "immateriële schade" in p2.metadata.summary
    assert "vier jaren" in p3.metadata.summary
