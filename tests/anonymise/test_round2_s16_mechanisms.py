"""Mechanisms of anonymiser 0.6.12 (round 2 session 16), each with counter-cases beside it.

Written for this file; the sentences and names are new, none is copied from a battery or an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.anonymise.test_blind_mechanisms import kept_or_free
from tests.anonymise.test_recall_classes import covered


@pytest.mark.parametrize(("text", "name"), [
    # a name defined by its own surname: the designation makes even a word-surname a name
    ("Eiseres heeft op 2 maart 2020 van K. Vos (hierna: Vos) een boot gekocht.", "K. Vos"),
    ("Eiseres heeft op 2 maart 2020 van K. Vos (hierna: Vos) een boot gekocht.", "Vos"),
    # ... and the short name is spread to its later mentions
    ("Gedaagde heeft van P. Schaap (hierna: Schaap) een caravan gekocht. Schaap had de caravan als nieuw omschreven.",
     "Schaap"),
    ("Marieke de Boer (hierna ook te noemen: De Boer) woont in Leek. De Boer stelt dat zij niets wist.", "De Boer"),
    # after a role cue, a first name that is also a word and a surname no list knows
    ("Verzoeker, Bas Wentholt, is geen familie van de oprichters van het bedrijf.", "Bas Wentholt"),
    ("Appellant, Frans Doornebal, stelt dat hij recht heeft op een uitkering.", "Frans Doornebal"),
])
def test_private_names_found(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # an organisation defined by its short name is no person, nor is a titled professional read by this rule
    ("Stichting Wolf (hierna: Wolf) is in 2001 opgericht.", "Wolf"),
    ("De Staat der Nederlanden (hierna: de Staat) stelt dat de termijn is verstreken.", "Staat"),
    # a company after a role cue
    ("Eiseres, Mercedes Benz Nederland B.V., vordert betaling van de facturen.", "Mercedes"),
])
def test_not_persons(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # an author named with a capital particle in running text (a surname that is also "de jong")
    ("Zoals De Jong terecht opmerkt in haar annotatie in AB 2005, 12, is dit onjuist.", "De Jong"),
    # the separable "merkt ... op" with words between verb and particle, before a colon or "dat"
    ("Van Soest merkt daarover het volgende op: de regeling is niet duidelijk.", "Van Soest"),
    ("Wattel en Zwemmer merken hierover terecht op dat de wet zwijgt.", "Zwemmer"),
    # the editors' note under a tax ruling
    ("Zie de aantekening van Van Leijenhorst in V-N 2004/12.8.", "Van Leijenhorst"),
    # an annotator's reference: "X, noot onder ..."
    ("De literatuur (C.J.H. Brunner, noot onder NJ 1985, 12) wijst in dezelfde richting.", "C.J.H. Brunner"),
    ("Verder verwezen naar A.B. Kortenhorst, noot bij HR 12 mei 2000.", "A.B. Kortenhorst"),
    # a volume in roman numerals closing a reference, and a second reference after "en naar"
    ("Voor de literatuur verwijs ik naar G.J. Scholten, Algemeen Deel, blz. 45, en naar L.E.H. Rutten, "
     "Verbintenissenrecht, blz. 123.", "L.E.H. Rutten"),
    ("Zie B. Wessels, Insolventierecht, deel II.", "B. Wessels"),
    # a professor's advice is an expert's
    ("In het door appellant overgelegde advies van prof. mr. G.J. Wiarda wordt de vraag anders beantwoord.",
     "G.J. Wiarda"),
])
def test_authors_and_experts_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a party's remark is no author's when the ruling names that party as a private person
    ("Verzoeker Jan Kranenburg heeft een auto gekocht. Kranenburg merkt daarover op dat de auto gebreken had.",
     "Kranenburg"),
    # a note by someone in the case is no annotation ("de aantekening van de verbalisant")
    ("Uit de aantekening van de verbalisant blijkt dat de heer Hoogendijk aanwezig was.", "Hoogendijk"),
    # an address after a name is no reference
    ("De brief werd gestuurd naar J. Rozendaal, Kerkstraat 12, 1234 AB Amsterdam.", "J. Rozendaal"),
])
def test_private_counter_cases(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a word after a noun of geography is that place, whatever the model reads
    ("Zij behartigt het belang van het milieu in de regio Maas en Waal.", "Maas"),
    ("De vereniging is actief in de wijk Lombok en in het dorp Haren.", "Lombok"),
    # a plural expert noun before a list whose names carry bracketed asides
    ("Het hof let op wat de getuigen-deskundigen Scheffers (Reclassering, opsteller van het advies) en Coffeng "
     "(Altrecht, ACT-team 2) hebben verklaard. Volgens het advies, dat bij monde van de heer Coffeng is "
     "onderschreven, is behandeling nodig.", "Coffeng"),
    # a name before a group's or a financial firm's word is that firm
    ("De opdracht werd gegeven aan Hendrik Veder Groep.", "Hendrik Veder"),
    ("Eiser heeft een lening afgesloten bij Frits Philips Financiering.", "Frits Philips"),
    ("Het pand is verhuurd door Jan Smit Vastgoed aan de huurder.", "Jan Smit"),
    # the party, then its titled counsel, in a pleading sentence
    ("Partijen hebben hun standpunten doen bepleiten, eiseres door mr. P.R. Haverkamp en gedaagde door mr. S.T. "
     "Vleugel, beiden advocaat te Amsterdam.", "P.R. Haverkamp"),
])
def test_places_experts_and_counsel_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a singular expert noun does not carry a list past its aside
    ("De deskundige Scheffers (Reclassering) en Hazenberg (buurman van verdachte) zijn gehoord. Hazenberg "
     "verklaarde dat hij niets had gezien.", "Hazenberg"),
    # the same first name and surname without the firm's word is a person
    ("Jan Smit heeft het beheer van de woning overgedragen aan zijn zoon.", "Jan Smit"),
    # a relative with a title is no counsel
    ("De vordering van eiser werd door zijn broer mr. K. Leeuwenburg ondersteund.", "K. Leeuwenburg"),
])
def test_counter_cases_still_private(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a list of labels and dates is no transcript, and a label with a digit is no speaker
    ("De oorspronkelijke deadlines waren:\nWPO: 12.10.2015\nWP1: 3.11.2015\nWP2: 7.12.2015\nDoor de late indeling "
     "kreeg verzoeker uitstel om WPO en WP1 in te dienen.", "WPO"),
    ("Getoetst werden de competenties\nAC2: het vermogen tot verwerven van informatie\nAC11: het vermogen tot "
     "communiceren\n", "AC11"),
    # the first half of a compound whose end the next word carries
    ("Zij volgt de opleiding Bachelor of Arts in de Taal- en Letterkunde.", "Taal"),
    # an English organisation's name
    ("Zij verwijst naar een certificaat van The Commission on Graduates of Foreign Nursing Schools.", "Commission"),
    ("Zij behaalde haar diploma aan Isfahan University of Medical Sciences.", "Isfahan"),
])
def test_labels_compounds_and_english_organisations(text: str, name: str) -> None:
    assert kept_or_free(text, name)


def test_a_transcript_still_names_its_speakers() -> None:
    text = "Tapgesprek 12 maart:\nMo: Heb je het al bij Rachid opgehaald?\nBilal: Nee man, morgen pas.\n"
    assert covered(text, "Mo") and covered(text, "Bilal") and covered(text, "Rachid")


@pytest.mark.parametrize(("text", "name"), [
    # after a preposition of place a lone first name or a lone model word is that place
    ("Zij verwijst naar het feit dat zij een huurcontract heeft afgesloten in Martinique.", "Martinique"),
    ("Zij woont sinds 2010 in Tienen en studeert in Leuven.", "Tienen"),
    ("Hij kwam uit Tienen en ging daarna weer terug.", "Tienen"),
])
def test_a_lone_word_after_a_preposition_of_place(text: str, name: str) -> None:
    assert kept_or_free(text, name)


def test_a_person_named_elsewhere_stays_replaced_after_a_preposition() -> None:
    text = "Toen de vader van Anton belde, was Anton in Utrecht. In Anton had zij geen vertrouwen meer."
    assert covered(text, "Anton")


@pytest.mark.parametrize(("text", "name"), [
    # initials "W.G." are a person's in running text; only a line of its own is the "was getekend" signature
    ("Het voorgenomen misdrijf om een fiets, die geheel aan W.G. Kamiński toebehoorde, weg te nemen.", "W.G. Kamiński"),
    ("Het voorgenomen misdrijf om een fiets, die geheel aan W.G. Hoogeveen toebehoorde, weg te nemen.",
     "W.G. Hoogeveen"),
    # a witness's job is no representative's office
    ("De getuige Y.G. Şahin is werkzaam bij Albert Heijn in Zeist en heeft de diefstal gezien.", "Y.G. Şahin"),
    ("De verdachte A.B. Rozenberg was werkzaam bij een schoonmaakbedrijf.", "A.B. Rozenberg"),
    # a sentence opening with the initials W.G. is no signature line
    ("W.G. Hoogeveen heeft verklaard dat hij verdachte kende.", "W.G. Hoogeveen"),
    ("W.G. Hoogeveen (geboren 1975) is de broer van verdachte.", "W.G. Hoogeveen"),
    # where someone works, said with a verb, is no representative's office
    ("K.L. Brouwers is werkzaam bij Jumbo en was die avond aanwezig.", "K.L. Brouwers"),
    ("R. Hazeveld was destijds werkzaam als beveiliger bij de Bijenkorf.", "R. Hazeveld"),
])
def test_initials_in_running_text_are_private(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    ("De voorzitter,\nW.G. Hoogendoorn\n\nDe griffier,\nW.G. Pietersen\n", "Hoogendoorn"),
    ("De voorzitter, de griffier,\nW.G. Hoogendoorn W.G. Pietersen\n", "Pietersen"),
    ("Verweerder werd vertegenwoordigd door A.B. Kramer en C.D. Smit, beiden werkzaam bij de gemeente Utrecht.",
     "A.B. Kramer"),
])
def test_signatures_and_representatives_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a professional's noun opening a sentence makes no later name in it a representative
    ("De notaris heeft de akte aan K.L. Brouwers voorgelezen.", "K.L. Brouwers"),
    ("De advocaat van eiser heeft de stukken aan R. Bakker gestuurd.", "R. Bakker"),
    # a verb of writing or arguing about the case itself is a party's, even with initials
    ("K.L. Brouwers schreef in een e-mail aan zijn werkgever dat hij ziek was.", "K.L. Brouwers"),
    ("R. Bakker merkte tijdens het verhoor op dat hij het niet wist.", "R. Bakker"),
    ("K.L. Brouwers betoogt dat hij recht heeft op een uitkering.", "K.L. Brouwers"),
    ("De heer K. Dekker betoogt dat hij recht heeft op een uitkering.", "K. Dekker"),
    # what a party wrote in its procedural documents is the party's
    ("K.L. Brouwers concludeerde in zijn verweerschrift tot niet-ontvankelijkheid.", "K.L. Brouwers"),
    ("Het betoog van R. Bakker (pleitnotities, blz. 3) faalt.", "R. Bakker"),
    # a statement in the case file cited with its page is no work of literature
    ("Zie ook K.L. Brouwers, proces-verbaal van verhoor, p. 22.", "K.L. Brouwers"),
    # a lawyer by trade who is the party
    ("R. Bakker, advocaat van beroep, is zelf partij in deze procedure.", "R. Bakker"),
    # someone's own notes are no editors' note; an officer of a club is no court's clerk
    ("Uit de aantekeningen van K.L. Brouwers in zijn agenda blijkt dat hij thuis was.", "K.L. Brouwers"),
    ("De heer R. Bakker, griffier van de voetbalvereniging, is de vader van verdachte.", "R. Bakker"),
    # the initials W.G. in running text, even at a sentence's end
    ("Het geld is overgemaakt naar de rekening van W.G. Hendriksen.", "W.G. Hendriksen"),
])
def test_private_persons_not_read_as_professionals(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    ("De gemachtigde van eiser is mr. P. Vos, advocaat te Utrecht.", "P. Vos"),
    ("De curator, mr. A. Kroon, heeft de woning verkocht.", "A. Kroon"),
    ("A.S. Hartkamp betoogt dat de regel anders luidt.", "A.S. Hartkamp"),
    ("Zie A.S. Hartkamp, Compendium, nr. 12.", "A.S. Hartkamp"),
    ("Het betoog van Hartkamp (Verbintenissenrecht, 2010, blz. 45) overtuigt.", "Hartkamp"),
    ("De griffier, W.G. Pietersen.", "Pietersen"),
])
def test_professionals_still_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


def test_a_second_predicate_ends_the_bench() -> None:
    text = "De uitspraak is gedaan door mr. J. de Groot en is verzonden aan K.L. Brouwers."
    assert covered(text, "K.L. Brouwers") and kept_or_free(text, "J. de Groot")
