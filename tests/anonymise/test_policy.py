"""Placeholders, consistency, partial mentions, roles and the officials switch (whole anonymise())."""

from __future__ import annotations

from tests.anonymise.conftest import replaced


def test_same_person_same_placeholder_incl_partial_mentions(run) -> None:
    text = ("De heer J.P. van den Berg heeft geklaagd. Van den Berg stelt dat het onjuist is. "
            "Later schreef de heer Van den Berg opnieuw.")
    r = run(text)
    assert r.text.count("[persoon 1]") == 3
    assert "Berg" not in r.text


def test_hyphenated_surname_and_its_parts(run) -> None:
    r = run("Mevrouw E.W. de Jong-Kuipers was aanwezig. Mevrouw De Jong-Kuipers verklaarde dat. "
            "Kuipers-Smit is iemand anders.")
    assert r.text.startswith("Mevrouw [persoon 1] was aanwezig. Mevrouw [persoon 1] verklaarde")
    assert "Kuipers" not in r.text.split("verklaarde")[0]


def test_first_name_mention_later(run) -> None:
    r = run("Fatima El Amrani, medewerker van VGZ, belde verzoeker. Later heeft Fatima een e-mail gestuurd.")
    assert r.text == ("[persoon 1], medewerker van VGZ, belde verzoeker. Later heeft [persoon 1] een e-mail "
                      "gestuurd.")


def test_different_people_different_placeholders(run) -> None:
    r = run("Piotr Nowak belde met tandarts Ahmet Yılmaz. Daarna belde Somchai Srisuk.")
    assert r.text == "[persoon 1] belde met tandarts [zorgverlener 1]. Daarna belde [persoon 2]."


def test_same_surname_different_initials_are_different_people(run) -> None:
    r = run("De heer A. Jansen en mevrouw B. Jansen waren aanwezig. A. Jansen sprak.")
    assert r.text == "De heer [persoon 1] en mevrouw [persoon 2] waren aanwezig. [persoon 1] sprak."


def test_party_role_from_hierna_te_noemen(run) -> None:
    r = run("Mevrouw S. Ramdin te Rotterdam, hierna te noemen: verzoekster, tegen CZ. Ramdin stelt dat.")
    assert r.text == ("Mevrouw [verzoekster] te Rotterdam, hierna te noemen: verzoekster, tegen CZ. "
                      "[verzoekster] stelt dat.")


def test_care_provider_role(run) -> None:
    r = run("Verzoeker is behandeld door dr. Kowalski (kaakchirurg). Kowalski adviseerde een implantaat.")
    assert r.text == ("Verzoeker is behandeld door [zorgverlener 1] (kaakchirurg). [zorgverlener 1] adviseerde "
                      "een implantaat.")


def test_committee_kept_by_default_and_redacted_on_request(run) -> None:
    text = ("Geschillencommissie Zorgverzekeringen (mr. G.R.J. de Groot, mr. L. Ritzema en mr. M.T.C.J. "
            "Nauta-Sluijs)\n\nZeist, 28 oktober 2020,\n\nG.R.J. de Groot\n")
    r = run(text)
    assert r.text == text
    assert {e.role for e in r.entities if e.label == "PERSON"} == {"committee"}
    assert all(e.action == "kept" for e in r.entities)
    r2 = run(text, redact_officials=True)
    assert "Groot" not in r2.text and "Ritzema" not in r2.text and "Nauta" not in r2.text
    assert r2.text.count("[commissielid 1]") == 2


def test_placeholders_and_allow_list_kept(run) -> None:
    text = ("A te B, hierna te noemen: verzoeker, tegen Zilveren Kruis Zorgverzekeringen N.V. te Utrecht. "
            "[betrokkene] verblijft in Thailand en Iran. Zie artikel 11 Zvw en de Gedragscode Persoonlijk "
            "Onderzoek.")
    r = run(text)
    assert r.text == text
    assert replaced(r) == []


def test_identifiers_in_context(run) -> None:
    r = run("Het BSN van verzoeker is 111222333 en zijn IBAN NL91 ABNA 0417 1643 00. Hij is geboren op "
            "12 maart 1965 en woont aan de Kerkstraat 12a, 1234 AB Amsterdam. Bel 06-12345678.")
    assert r.text == ("Het BSN van verzoeker is [BSN] en zijn IBAN [IBAN]. Hij is geboren op [geboortedatum] 1965 "
                      "en woont aan de [adres], [postcode] Amsterdam. Bel [telefoonnummer].")


def test_repeated_identifier_replaced_everywhere(run) -> None:
    r = run("Polisnummer: 98765432. Het nummer 98765432 staat ook op de nota.")
    assert "98765432" not in r.text


def test_entity_offsets_point_into_anonymised_text(run) -> None:
    r = run("De heer Jansen woont in Turkije. Zilveren Kruis betaalt.")
    spans = {(e.label, e.action): r.text[e.start:e.end] for e in r.entities}
    assert spans[("PERSON", "replaced")] == "[persoon 1]"
    assert spans[("LOC", "kept")] == "Turkije"
    assert spans[("ORG", "kept")] == "Zilveren Kruis"
    for e in r.entities:
        if e.action == "replaced":
            assert e.replacement == r.text[e.start:e.end]
        else:
            assert e.replacement is None


def test_hospitals_are_kept_but_people_with_hospital_words_are_not(run) -> None:
    text = ("Verzoeker is geopereerd in het Jeroen Bosch Ziekenhuis en in het Antoni van Leeuwenhoek. "
            "Antonius Pietersen belde.")
    r = run(text)
    assert r.text == ("Verzoeker is geopereerd in het Jeroen Bosch Ziekenhuis en in het Antoni van Leeuwenhoek. "
                      "[persoon 1] belde.")
    assert {e.role for e in r.entities if e.action == "kept"} == {"institution"}


def test_old_style_placeholders_kept(run) -> None:
    text = "Partijen : C te D, tegen E en F beide te G. A heeft op 3 mei 2010 een verzoek ingediend."
    r = run(text)
    assert r.text == text


def test_double_particle_surname(run) -> None:
    r = run("Mevrouw Y. van der Lammerts van Bueren was aanwezig.")
    assert r.text == "Mevrouw [persoon 1] was aanwezig."


def test_person_running_into_an_insurer_is_trimmed_not_dropped(run) -> None:
    r = run("Namens de verzekeraar verscheen mr. Jansen van Zilveren Kruis ter zitting.")
    assert r.text == "Namens de verzekeraar verscheen [persoon 1] van Zilveren Kruis ter zitting."
