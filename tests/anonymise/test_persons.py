"""Person-name rules: titles, initials, tussenvoegsels, hyphenated surnames, honorifics, officials."""

from __future__ import annotations

import pytest

from anonymise.lexicon import get_lexicon
from anonymise.persons import find_officials, find_person_mentions


def persons(text: str) -> list[str]:
    return sorted({text[m.start:m.end] for m in find_person_mentions(text, get_lexicon())})


def officials(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_officials(text)]


@pytest.mark.parametrize("text,name", [
    ("Het advies van mr. L. Ritzema is gevolgd.", "mr. L. Ritzema"),
    ("Volgens dr. Jan de Vries is dat juist.", "dr. Jan de Vries"),
    ("Het rapport van prof. dr. A.B. van der Meer-Smit volgt.", "prof. dr. A.B. van der Meer-Smit"),
    ("Drs. P. Kowalski heeft geadviseerd.", "Drs. P. Kowalski"),
    ("ir. Th. el Amrani schreef een brief.", "ir. Th. el Amrani"),
])
def test_titles(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text,name", [
    ("J.P. van den Berg heeft geklaagd.", "J.P. van den Berg"),
    ("E.W. de Jong-Kuipers was aanwezig.", "E.W. de Jong-Kuipers"),
    ("Ook G. R. J. de Groot tekende.", "G. R. J. de Groot"),
    ("Zij schreef aan A. Yılmaz een brief.", "A. Yılmaz"),
])
def test_initials_and_tussenvoegsels(text: str, name: str) -> None:
    assert name in persons(text)


def test_company_suffixes_are_not_initials() -> None:
    assert persons("Zilveren Kruis Zorgverzekeringen N.V. te Utrecht") == []
    assert persons("Coöperatie VGZ U.A. Arnhem heeft verweer gevoerd.") == []


def test_single_initial_list_labels_are_not_names() -> None:
    assert persons("A. Inleiding\nB. Beoordeling van het geschil") == []


@pytest.mark.parametrize("text,name", [
    ("De heer Jansen heeft gebeld.", "Jansen"),
    ("mevrouw El Amrani-Bouzid verklaarde", "El Amrani-Bouzid"),
    ("Dhr. Nowak en mw. Srisuk waren er.", "Nowak"),
    ("Dhr. Nowak en mw. Srisuk waren er.", "Srisuk"),
    ("de heer J. de Vries kwam", "J. de Vries"),
])
def test_honorifics(text: str, name: str) -> None:
    assert name in persons(text)


def test_honorific_needs_a_capitalised_name() -> None:
    assert persons("De heer heeft verklaard dat mevrouw niet aanwezig was.") == []


@pytest.mark.parametrize("text,name,role", [
    ("Zijn tandarts, Somchai Srisuk, bevestigde dat.", "Somchai Srisuk", "zorgverlener"),
    ("De huisarts Ramdin schreef een verwijzing.", "Ramdin", "zorgverlener"),
    ("Haar dochter Fatima Bouzid was er.", "Fatima Bouzid", "persoon"),
])
def test_role_nouns(text: str, name: str, role: str) -> None:
    found = {text[m.start:m.end]: m.role for m in find_person_mentions(text, get_lexicon())
             if m.recogniser == "rule:role-noun"}
    assert found.get(name) == role


def test_known_first_name_plus_surname() -> None:
    assert "Piotr Nowak" in persons("Daarna belde Piotr Nowak met de verzekeraar.")


def test_headings_and_products_are_not_names() -> None:
    text = "Aanvullend Tand 3 sterren en Basis Zeker. Gedragscode Persoonlijk Onderzoek. Wil de verzekerde dat?"
    assert persons(text) == []


def test_committee_header() -> None:
    text = ("Geschillencommissie Zorgverzekeringen (mr. G.R.J. de Groot, mr. L. Ritzema en "
            "mr. M.T.C.J. Nauta-Sluijs)")
    assert officials(text) == ["mr. G.R.J. de Groot", "mr. L. Ritzema", "mr. M.T.C.J. Nauta-Sluijs"]


def test_signature_line() -> None:
    text = "7.1. De commissie beslist.\n\nZeist, 28 oktober 2020,\n\n\n\nG.R.J. de Groot\n\n# BIJLAGEN\n"
    assert officials(text) == ["G.R.J. de Groot"]


def test_signature_heading_is_not_a_signer() -> None:
    assert officials("Zeist, 26 januari 2022,\n\nL. Ritzema\n\nBIJLAGEN\n") == ["L. Ritzema"]


def test_rechtspraak_done_by() -> None:
    text = "Deze uitspraak is gedaan door mr. A.B. de Vries, voorzitter, in tegenwoordigheid van mr. C. Smit, griffier."
    assert officials(text) == ["mr. A.B. de Vries", "mr. C. Smit"]


def test_judges_by_role_noun() -> None:
    text = ("Aldus gewezen door de vice-president R.J.J. Jansen als voorzitter, en de raadsheren Van der Linde, "
            "Zuurmond en C.H.M. Jansen.")
    assert officials(text) == ["R.J.J. Jansen", "Van der Linde", "Zuurmond", "C.H.M. Jansen"]


def test_judges_list_wrapped_over_lines() -> None:
    text = ("Deze uitspraak is gedaan door mr. P.P.T. Bovend’Eert, voorzitter, mr. M.J.P. Heijmans en\n"
            "mr. Y. van Wezel, rechters, in tegenwoordigheid van mr. G.A. Kajim-Panjer, griffier.")
    assert officials(text) == ["mr. P.P.T. Bovend’Eert", "mr. M.J.P. Heijmans", "mr. Y. van Wezel",
                               "mr. G.A. Kajim-Panjer"]


def test_lid_before_a_name_is_not_an_official() -> None:
    assert officials("artikel 7, eerste lid Zvw, en de leden van de Geschillencommissie") == []


def test_second_particle_group_ending_in_an_ordinary_word_is_cut() -> None:
    found = persons("Namens haar sprak mr. P. Jansen van de Commissie.")
    assert "mr. P. Jansen" in found and not any("Commissie" in f for f in found)
    assert persons("Volgens dr. Jan de Groot klopt het.") == ["dr. Jan de Groot"]
    assert persons("Mevrouw Y. van der Lammerts van Bueren was er.") == ["Y. van der Lammerts van Bueren"]
