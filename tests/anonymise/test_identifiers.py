"""Identifier recognisers: one case per rule, including checksum failures that must not be replaced."""

from __future__ import annotations

import pytest

from anonymise.identifiers import bsn_valid, find_identifiers, iban_valid


def labels(text: str) -> list[tuple[str, str, str | None]]:
    return sorted((m.label, text[m.start:m.end], m.action) for m in find_identifiers(text))


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "1112.22.333", "111 222 333"])
def test_bsn_valid_checksum(bsn: str) -> None:
    assert bsn_valid(bsn)


@pytest.mark.parametrize("number", ["123456789", "111222334", "000000000", "202000821"])
def test_bsn_invalid_checksum(number: str) -> None:
    assert not bsn_valid(number)


def test_bare_valid_bsn_is_found_invalid_is_not() -> None:
    assert ("BSN", "111222333", None) in labels("Het nummer 111222333 staat op de pas.")
    assert labels("Het nummer 123456789 staat op de pas.") == []


def test_labelled_bsn_is_replaced_even_with_bad_checksum() -> None:
    assert labels("BSN: 123456789")[0][0] == "BSN"
    assert labels("burgerservicenummer 111.222.333")[0][:2] == ("BSN", "111.222.333")


def test_case_number_is_not_a_bsn() -> None:
    # 202000821 fails the 11-proef; a case number that passed it must still be left alone.
    assert labels("Zaaknummer : 111222333") == []


@pytest.mark.parametrize("iban", ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "DE89370400440532013000",
                                  "BE68539007547034"])
def test_iban(iban: str) -> None:
    assert iban_valid(iban)
    assert labels(f"Betaal op {iban} alstublieft.")[0] == ("IBAN", iban, None)


def test_iban_bad_checksum_not_found_unless_labelled() -> None:
    assert not iban_valid("NL92ABNA0417164300")
    assert labels("code NL92ABNA0417164300 is fout") == []
    assert labels("rekeningnummer NL92ABNA0417164300")[0][0] == "IBAN"


@pytest.mark.parametrize("phone", ["06-12345678", "06 1234 5678", "0612345678", "+31 6 12345678",
                                   "+31(0)612345678", "010-1234567", "020 - 123 45 67", "(030) 123 45 67",
                                   "0031 6 12345678", "+66 81 234 5678"])
def test_phone_numbers(phone: str) -> None:
    found = labels(f"Bel {phone} na 17.00 uur.")
    assert found == [("PHONE", phone, None)]


def test_service_numbers_are_kept() -> None:
    assert labels("Bel de klantenservice op 0800-1234567.") == [("PHONE", "0800-1234567", "kept")]


def test_amounts_and_dates_are_not_phone_numbers() -> None:
    assert labels("Een bedrag van € 1.234.567,00 op 12-03-2020 en 06.12.2020.") == []


def test_email() -> None:
    assert labels("Mail naar j.jansen@example.nl of info@skgz.nl.") == [
        ("EMAIL", "info@skgz.nl", "kept"), ("EMAIL", "j.jansen@example.nl", None)]


def test_postcode_and_address() -> None:
    found = labels("Hij woont aan de Kerkstraat 12a, 1234 AB Amsterdam.")
    assert ("ADDRESS", "Kerkstraat 12a", None) in found
    assert ("POSTCODE", "1234 AB", None) in found


def test_postbus_address_is_kept() -> None:
    assert labels("SKGZ, postbus 291, 3700 AG Zeist") == [("POSTCODE", "3700 AG", "kept")]


def test_years_are_not_postcodes() -> None:
    assert labels("In 2020 EN 2021 is niets gebeurd.") == []


@pytest.mark.parametrize("text,date,year", [
    ("Verzoeker is geboren op 12 maart 1965.", "12 maart 1965", "[geboortedatum] 1965"),
    ("geboortedatum: 03-04-1977", "03-04-1977", "[geboortedatum] 1977"),
    ("(geb. 1/2/1950)", "1/2/1950", "[geboortedatum] 1950"),
    ("Hij is op 3 februari 1958 geboren.", "3 februari 1958", "[geboortedatum] 1958"),
])
def test_birth_date_reduced_to_year(text: str, date: str, year: str) -> None:
    (m,) = [m for m in find_identifiers(text) if m.label == "BIRTH_DATE"]
    assert text[m.start:m.end] == date and m.replacement == year


def test_other_dates_are_kept() -> None:
    assert labels("Bij brief van 17 mei 2020 heeft verzoeker een klacht ingediend.") == []


@pytest.mark.parametrize("text,number", [("Polisnummer: 123456789.", "123456789"),
                                         ("relatienummer 40.123.456", "40.123.456"),
                                         ("zijn klantnummer is ZK-998877", "ZK-998877")])
def test_policy_numbers(text: str, number: str) -> None:
    (m,) = [m for m in find_identifiers(text) if m.label == "POLICY_NUMBER"]
    assert text[m.start:m.end] == number


# Issue 12: identifier layouts of real rulings (hand-written cases, none taken from the held-out sets).

@pytest.mark.parametrize("text,date,year", [
    ("Zij is geboren op twaalf maart 1980 te Ede.", "twaalf maart 1980", "[geboortedatum] 1980"),
    ("geboren op de eenentwintigste juni 1975", "de eenentwintigste juni 1975", "[geboortedatum] 1975"),
    ("Hij is op drie mei 1991 geboren.", "drie mei 1991", "[geboortedatum] 1991"),
    ("geboren op 1 januari negentienhonderdtachtig", "1 januari negentienhonderdtachtig",
     "[geboortedatum] negentienhonderdtachtig"),
    ("Geboortedatum\n12-03-1980", "12-03-1980", "[geboortedatum] 1980"),
    ("geboren op 3 mei negentienhonderd vijfentachtig te Ede", "3 mei negentienhonderd vijfentachtig",
     "[geboortedatum] negentienhonderd vijfentachtig"),
    ("geboren op 3 mei tweeduizend en vijf te Ede", "3 mei tweeduizend en vijf", "[geboortedatum] tweeduizend en vijf"),
    ("geboren op 3 mei negentienhonderd te Ede", "3 mei negentienhonderd", "[geboortedatum] negentienhonderd"),
    ("in de strafzaak tegen\nJ.K. Chen\n3 mei 1991 te Deventer\n", "3 mei 1991", "[geboortedatum] 1991"),
    ("geboren te Assen (Land onbekend) op 14 maart 1988,", "14 maart 1988", "[geboortedatum] 1988"),
])
def test_birth_date_forms(text: str, date: str, year: str) -> None:
    (m,) = [m for m in find_identifiers(text) if m.label == "BIRTH_DATE"]
    assert text[m.start:m.end] == date and m.replacement == year


def test_birth_dates_under_a_column_header_only_in_that_column() -> None:
    text = ("Naam\tGeboortedatum\tDatum aangifte\nJansen\t12-03-1980\t01-02-2020\n"
            "Pietersen\t1 mei 1975\t3 juni 2021\n\nOp 4 juli 2021 is zitting gehouden.")
    found = [text[m.start:m.end] for m in find_identifiers(text) if m.label == "BIRTH_DATE"]
    assert found == ["12-03-1980", "1 mei 1975"]
    piped = "Naam | Geboortedatum | Woonplaats\nA. Jansen | 12-03-1980 | Ede"
    assert [piped[m.start:m.end] for m in find_identifiers(piped) if m.label == "BIRTH_DATE"] == ["12-03-1980"]


def test_word_dates_without_a_birth_cue_are_kept() -> None:
    assert labels("De zitting was op twaalf maart 2020 en de uitspraak op de eerste mei 2020.") == []


@pytest.mark.parametrize("phone", ["06/12345678", "06.12.34.56.78", "(06) 12345678", "06 – 12345678",
                                   "06-1234 56 78", "020-6 123 456"])
def test_phone_number_layouts(phone: str) -> None:
    assert labels(f"Zijn tel.nr. is {phone} en verder niets.") == [("PHONE", phone, None)]


def test_phone_label_with_nr_is_not_a_case_number_cue() -> None:
    assert labels("mobiel nr. 0612345678") == [("PHONE", "0612345678", None)]
    assert labels("parketnr. 13/123456-19 en zaaknr. 05-243530-14") == []


def test_slashed_dates_and_ratios_are_no_phone_numbers() -> None:
    assert labels("op 01.01.2019 12.00 uur, verhouding 06/12 en 12/03/2020 1234") == []


def test_bsn_label_with_abbreviation_and_two_digit_groups() -> None:
    assert labels("burgerservicenummer (BSN) 123 45 67 82") == [("BSN", "123 45 67 82", None)]
    assert labels("BSN-nummer: 123456789")[0][:2] == ("BSN", "123456789")


@pytest.mark.parametrize("text,street", [
    ("wonende te Plein 3, 2511 CR Den Haag", "Plein 3"),
    ("verblijvende te Markt 12 te Ede", "Markt 12"),
    ("Zij verhuisde naar Brink 7 in Deventer.", "Brink 7"),
    ("ingeschreven op Brink 12", "Brink 12"),
    ("de woninginbraken aan de Hooigracht 121 en Wal 150a", "Wal 150a"),
])
def test_listed_streets_that_are_words_need_an_address_cue(text: str, street: str) -> None:
    assert ("ADDRESS", street, None) in labels(text)


def test_a_listed_word_street_without_a_cue_is_kept() -> None:
    assert [x for x in labels("Het plein 3 keer per week en Markt 12 jaar lang") if x[0] == "ADDRESS"] == []


@pytest.mark.parametrize("text,street", [
    ("de inbraak aan de Brink in Helmond", "Brink"),
    ("via de Wilhelminastraat en de Oudegracht naar huis", "Oudegracht"),
])
def test_street_named_alone(text: str, street: str) -> None:
    assert ("ADDRESS", street, None) in labels(text)


@pytest.mark.parametrize("text", [
    "het arrest van het Hof Den Haag 13 juni 1990, NJ 1991, 12",
    "op de Hoge Raad te Den Haag",
    "3. Stichting X, te Amsterdam\n\n4. Oogzorg B.V., te Roosendaal",  # a place, then a numbered paragraph
    "met kenteken AA-11-AA en XX-00-XX",  # the court's own stand-in plates
    "Vennootschapsbelasting 1982 DE STAATSSECRETARIS VAN FINANCIEN",  # a year in a heading
    "Hij ging naar Artikel 3 en Bijlage 2 van Hoofdstuk 5",
])
def test_not_identifiers(text: str) -> None:
    assert [x for x in labels(text) if x[2] is None] == []


@pytest.mark.parametrize("text,street", [
    ("het peilbaken gaf als locatie Achter de Dom 103 te Harderwijk aan", "Achter de Dom 103"),
    ("reed weer uit de Achter de Dom 226a weg", "Achter de Dom 226a"),  # unlisted, a house number with a letter
    ("Uit de Wal 222 is een spaarpot weggenomen.", "Wal 222"),  # a sentence-initial preposition is no street
    ("in Brink 97 gelegen op het terrein", "Brink 97"),
    ("(gevestigd Markt 188-2 aldaar)", "Markt 188-2"),
    ("schuttingdeur opengebroken.\nBrink 42B\nTussen 13 januari 2013", "Brink 42B"),  # an address line alone
    ("renden weg in de richting van de Lange Voorhout .", "Lange Voorhout"),  # a listed street of two words
])
def test_street_layouts(text: str, street: str) -> None:
    assert ("ADDRESS", street, None) in labels(text)


@pytest.mark.parametrize("text", [
    "Zie Bijlage 3a en Productie 12b.", "ingevolge Hoofdstuk 5a Awb", "De Hoge Raad 12 keer", "Artikel 3a van de wet",
    "u kiest uit de Aanvullend Tand Basis en Aanvullend Tand 1-4 sterren",  # a range is no house number
    "via telefoonnummer 071 – 751 00 51 of de website",  # an office number in an insurer's conditions
])
def test_not_addresses_or_phones(text: str) -> None:
    assert [x for x in labels(text) if x[2] is None] == []


def test_streets_coordinated_with_a_found_street() -> None:
    text = "de inbraken aan de Kalverstraat , de Steenweg , de Lange Voorhout en de Achter de Dom . Ook"
    streets = [x[1] for x in labels(text) if x[0] == "ADDRESS"]
    assert {"Kalverstraat", "Steenweg", "Lange Voorhout", "Achter de Dom"} <= set(streets)
    assert [x for x in labels("aan de Kalverstraat en de Rechtbank Amsterdam") if "Rechtbank" in x[1]] == []


def test_unlisted_street_named_alone_by_its_suffix() -> None:
    # Invented names, in no street list: the suffix and the preposition + article make them streets.
    text = "de inbraak in de Qwertzstraat en aan de Ploxkade, daarna via de Zorblaan naar huis"
    assert {x[1] for x in labels(text) if x[0] == "ADDRESS"} == {"Qwertzstraat", "Ploxkade", "Zorblaan"}
    assert labels("op de Snelweg reed hij") == []  # a Dutch word, not a name
