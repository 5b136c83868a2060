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
