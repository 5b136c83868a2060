"""Precision mechanisms of anonymiser 0.6.5 (round 2 session 9), each with a counter-case beside it.

Written for this file from the development rulings' formats, not copied from any evaluation set.
"""

from __future__ import annotations

import pytest

from anonymise import decide
from archive.settings import Settings
from tests.anonymise.test_blind_mechanisms import kept_or_free
from tests.anonymise.test_recall_classes import covered

S = Settings()

_PSEUDONYMISED = "Uitspraak in de zaak van [appellant], wonende te [woonplaats], appellant.\n\n"


@pytest.mark.parametrize(("text", "name"), [
    # a titled name the court left standing in a ruling it pseudonymised: a professional acting in office
    (_PSEUDONYMISED + "Ter zitting heeft drs. F.W. Kalkman het rapport toegelicht.", "F.W. Kalkman"),
    (_PSEUDONYMISED + "Namens de inspecteur verscheen ir. Bolkestein, die de berekening toelichtte.", "Bolkestein"),
    # letter parties are a court's pseudonyms too
    ("Uitspraak in de zaak van:\n\nA, appellante,\n\ntegen de minister.\n\nHet verslag van drs P.J. Noordam "
     "is bij de stukken gevoegd.", "P.J. Noordam"),
    ("Uitspraak in de zaak van A B.V., te B, appellante. Ing. K. Doornbos heeft de metingen verricht.", "K. Doornbos"),
])
def test_titled_name_left_by_the_court_is_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # no court pseudonyms: a titled name is read as any other name
    ("Uitspraak in de zaak van Jan Meerburg, appellant.\n\nTer zitting heeft drs. F.W. Kalkman verklaard dat hij "
     "zijn buurman al jaren kent.", "F.W. Kalkman"),
    # an editor's insertion in a quotation is no court pseudonym
    ('Hij schreef: "ik [kan] niet betalen". Ter zitting heeft drs. F.W. Kalkman verklaard dat hij de man kent.',
     "F.W. Kalkman"),
    # this court pseudonymised titled people too ("mr. [X]"): the title says nothing here
    (_PSEUDONYMISED + "Appellant werd bijgestaan door mr. [X]. Ook drs. H. Brinkhuis, zijn zwager, was aanwezig.",
     "H. Brinkhuis"),
    # a relative or a party with a title is private
    (_PSEUDONYMISED + "Appellant is verschenen met zijn broer dr. P. Smulders.", "P. Smulders"),
    # "mr." and "dr." say too little: courts leave a lawyer who is a party named, and a treating doctor stays
    # [zorgverlener N] by policy
    (_PSEUDONYMISED + "Ook mr. Veltkamp was ter zitting aanwezig.", "Veltkamp"),
    (_PSEUDONYMISED + "Na overleg met dr. Geertsema besloot appellant de behandeling voort te zetten.", "Geertsema"),
    (_PSEUDONYMISED + "Volgens de behandelend psychiater dr. K. Oosterveld is appellant arbeidsongeschikt.",
     "K. Oosterveld"),
])
def test_titled_name_still_replaced(text: str, name: str) -> None:
    assert covered(text, name)


def test_left_by_court_is_reported_as_a_professional() -> None:
    text = _PSEUDONYMISED + "Ter zitting heeft drs. F.W. Kalkman het rapport toegelicht."
    kept = [m for m in decide(text, S) if m.label == "PERSON" and "Kalkman" in text[m.start:m.end]]
    assert kept and all(m.action == "kept" and m.role == "expert" for m in kept)


@pytest.mark.parametrize(("text", "name"), [
    # a project, a work or a system named after its head noun is no person, here or wherever it recurs
    ("Het project Sterrenwacht is gericht op een nieuwe meetmethode. Sterrenwacht voldoet niet aan de eisen.",
     "Sterrenwacht"),
    ("Verzoekster diende een aanvraag in voor een project met de titel Lumen Kinetica.", "Lumen Kinetica"),
    ("Appellante gebruikt het softwarepakket Exact Globe voor haar boekhouding.", "Exact Globe"),
])
def test_named_work_is_no_person(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a person after a word that also opens a project or a title: the honorific or the role decides
    ("De projectleider van het project, de heer Anton Ruijgrok, heeft de aanvraag ondertekend.", "Anton Ruijgrok"),
    ("Het programma werd opgesteld door verzoeker Sander Kuijpers.", "Sander Kuijpers"),
])
def test_person_near_a_work_still_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # the header's representative of the administrative body: a civil servant acting in office
    ("de Minister van Volksgezondheid, verweerder, gemachtigde: A. Lumenhorst (directie Wetgeving).\n\n"
     "1. Procesverloop", "A. Lumenhorst"),
    ("tegen\n\nhet college van burgemeester en wethouders van Ede, verweerder,\ngemachtigden: P. Sandbergen en "
     "K. Olthof.", "K. Olthof"),
])
def test_authority_representative_in_header_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a party's own representative stays private; a relative never acts in office
    ("[eiser], wonende te [woonplaats], eiser, gemachtigde: J. Hoekstra-Bos.\n\ntegen de gemeente.",
     "J. Hoekstra-Bos"),
    ("de man, verweerder, gemachtigde: zijn broer P. Wolterink.", "P. Wolterink"),
])
def test_party_representative_still_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # "gedaan door" after a report, a statement or a payment is no bench clause
    ("Op 3 maart 2019 is aangifte gedaan door K. Verbruggen van de inbraak in zijn schuur.", "K. Verbruggen"),
    ("De laatste betaling werd gedaan door mr. P. Olieslagers, de broer van eiser.", "P. Olieslagers"),
])
def test_act_done_by_a_person_replaced(text: str, name: str) -> None:
    assert covered(text, name)


def test_bench_done_by_still_kept() -> None:
    text = ("Na de aangifte en het onderzoek is deze uitspraak gedaan door mr. A.B. Kloosterman, rechter, in "
            "tegenwoordigheid van mr. C. Dijkman, griffier.")
    assert kept_or_free(text, "A.B. Kloosterman") and kept_or_free(text, "C. Dijkman")


_INITIALS_STYLE = "De verdachte (R.T.) was die avond in de woning. "


@pytest.mark.parametrize(("text", "name"), [
    # a double first name's initials belong to the name
    ("Daarna schreef A.-M. Kuipers een brief aan de verzekeraar.", "A.-M. Kuipers"),
    # a surname cut to its capital after its particle
    ("De man, J.A.M. van der H. (hierna: de man), verzoekt een omgangsregeling.", "J.A.M. van der H."),
    # in a ruling that names people by initials, initials standing where a name stands are people
    (_INITIALS_STYLE + "Volgens K.L. pakte R.T. het mes.", "K.L."),
    (_INITIALS_STYLE + 'Getuige verklaarde: "Die avond belde Y.B. mij op."', "Y.B."),
    (_INITIALS_STYLE + "Zij schreef A.-M.K. een bericht over het geld.", "A.-M.K."),
])
def test_initials_forms_found(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # abbreviations of bodies and laws take an article or a number, or abbreviate the words before them
    (_INITIALS_STYLE + "Het O.M. vordert een gevangenisstraf.", "O.M."),
    (_INITIALS_STYLE + "De R.C. heeft de getuige gehoord.", "R.C."),
    (_INITIALS_STYLE + "Dat is in strijd met art. 6 E.V.R.M. volgens de raadsman.", "E.V.R.M."),
    # an official signing or acting in office by initials
    (_INITIALS_STYLE + "Het proces-verbaal is opgemaakt door H.K., ambtenaar van politie.", "H.K."),
    (_INITIALS_STYLE + "De inspecteur, voor deze, J.A.M.", "J.A.M."),
    # without a ruling that names people by initials, bare initials are read as before
    ("Volgens K.L. is de termijn verstreken.", "K.L."),
    # the A-G written with full stops is an office, and names its holder
    ("Conclusie van de A.-G. Langemeijer.", "Langemeijer"),
])
def test_initials_not_people(text: str, name: str) -> None:
    assert kept_or_free(text, name)


def test_arabic_article_read_as_capital_i() -> None:
    # "El" with its "l" scanned as a capital I: the whole name, the article included
    assert covered('"Ik, Rachid EI Amrani, verklaar het volgende."', "Rachid EI Amrani")


def test_first_name_with_both_opening_letters_misread() -> None:
    # "lIse": a lower-case l for the capital I and a capital I for the l
    assert covered("lIse van VIiet heeft als getuige verklaard dat zij zich zorgen maakte.", "lIse van VIiet")


def test_adverb_before_a_verb_of_writing_is_no_author() -> None:
    text = "Daarna schreef A.-M. Kuipers een brief aan de verzekeraar."
    word = [m for m in decide(text, S) if text[m.start:m.end] == "Daarna"]
    assert not word
