"""Regression cases for the weak recall classes of issue 12 (hand-written, none taken from the held-out sets):
names written with and without their accents, and initials with an accented capital used as the whole name.
Each recall case has a precision guard beside it: the mechanism must not take abbreviations or ordinary words.
"""

from __future__ import annotations

import pytest

from anonymise import decide
from archive.settings import Settings

S = Settings()


def replaced(text: str) -> list[str]:
    return [text[m.start:m.end] for m in decide(text, S) if m.action == "replaced" and m.label == "PERSON"]


def covered(text: str, name: str) -> bool:
    """Every occurrence of ``name`` lies inside replaced spans."""
    spans = [(m.start, m.end) for m in decide(text, S) if m.action == "replaced"]
    starts = [i for i in range(len(text)) if text.startswith(name, i)]
    assert starts, name
    return all(any(s <= i < e for s, e in spans) for b in starts for i in range(b, b + len(name))
               if not text[i].isspace())


@pytest.mark.parametrize(("text", "later"), [
    # the same person written later without the accents of the first mention
    ("Mevrouw Ayşe Çelik heeft verklaard. Later zei Celik dat zij niet wist waar het geld was.", "Celik"),
    ("De heer J. Woźniak is verschenen. Volgens Wozniak is de huur betaald.", "Wozniak"),
    ("De heer P. Müller is verschenen. Muller stelt dat hij niets verschuldigd is.", "Muller"),
    # and the other way round: first without, later with
    ("Mevrouw A. Sahin (hierna: A.S.) is verschenen. A.Ş. stelt dat zij recht heeft.", "A.Ş."),
    ("De heer M. Yilmaz is gehoord. Daarna heeft Yılmaz het pand verlaten.", "Yılmaz"),
])
def test_a_name_is_linked_with_its_accents_folded(text: str, later: str) -> None:
    assert covered(text, later)


@pytest.mark.parametrize("text", [
    "Op 3 mei heeft A.Ş. verklaard dat hij niets wist. Volgens A.Ş. klopt dit.",
    "Het gesprek met Ö.K. vond plaats op het bureau; Ö.K. heeft toen een verklaring afgelegd.",
    "Zij heeft Ç.Ö. daarna niet meer gezien.",
])
def test_initials_with_an_accented_capital_are_a_name_without_a_cue(text: str) -> None:
    ini = next(w for w in text.split() if "." in w and not w.isascii()).rstrip(";,")
    assert covered(text, ini)


@pytest.mark.parametrize("text", [
    # plain-letter abbreviations and legal forms stay as they are without a cue
    "De B.V. en de N.V. hebben de overeenkomst met A.B. Holding gesloten, zie ook o.a. art. 6:162 BW.",
    "Het O.M. heeft de zaak aangebracht bij de Rb. te Utrecht; de A.G. heeft geconcludeerd.",
])
def test_plain_abbreviations_are_no_initials(text: str) -> None:
    assert replaced(text) == []


def test_folding_does_not_spread_a_name_onto_an_ordinary_word() -> None:
    text = "De heer B. Ölçer is verschenen. Het college stelt dat de aanvraag te laat was."
    assert replaced(text) == ["B. Ölçer"]


@pytest.mark.parametrize(("text", "name"), [
    # a lone word with a letter Dutch spelling never uses, in no list: a foreign first name
    ("De moeder wil dat Şükrü bij haar blijft. Volgens de raad is Şükrü gebaat bij rust.", "Şükrü"),
    ("Małgorzata heeft de woning in april verlaten.", "Małgorzata"),
    ("Het is niet gebleken dat Zdeněk de brief heeft ontvangen.", "Zdeněk"),
])
def test_a_lone_name_with_a_foreign_letter_is_a_first_name(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize("text", [
    # foreign places after a preposition, places in the list, and company names stay
    "Hij woonde op Curaçao en reisde daarna naar Gdańsk en via Poznań terug.",
    "De zending kwam uit Łódź en ging richting Wrocław.",
    "De Société Générale heeft de lening verstrekt.",
])
def test_foreign_places_and_companies_are_no_first_name(text: str) -> None:
    assert replaced(text) == []


def test_a_foreign_surname_after_a_particle_stays_part_of_the_full_name() -> None:
    text = "Najibullah van Brzęczyszczykiewicz heeft beroep ingesteld. De buurvrouw, Brzęczyszczykiewicz, kwam mee."
    assert "Najibullah van Brzęczyszczykiewicz" in replaced(text)
