"""Mechanisms of anonymiser 0.6.11 (round 2 session 15), each with counter-cases beside it.

Written for this file; the sentences and names are new, none is copied from a battery or an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.anonymise.test_blind_mechanisms import kept_or_free
from tests.anonymise.test_recall_classes import covered


@pytest.mark.parametrize(("text", "name"), [
    # a surname that is also a Dutch word, alone and without an article, opening a sentence before a person's verb
    ("Partijen hebben een geschil over een erfafscheiding. Valk ontkent dat hij de heg heeft gesnoeid.", "Valk"),
    ("Smit woonde destijds op een woonboot in Zaandam.", "Smit"),
    ("De getuige heeft verklaard dat het donker was. Bakker heeft de mishandeling steeds ontkend.", "Bakker"),
    # every later mention of that person follows (the leak guard)
    ("Haan ontkent de diefstal. Volgens de aangever heeft Haan de fiets meegenomen.", "Haan"),
    # inside a quoted statement
    ("De aangeefster heeft verklaard: \"Ik ken hem van school. Visser sloeg mij met de vlakke hand.\"", "Visser"),
    # after a paragraph number, and with a verb of a person's life ("is overleden", "trouwde")
    ("2.4. Hofman is op 3 mei 2015 overleden. Zijn erfgenamen vorderen de koopsom.", "Hofman"),
    ("1.2 Verbeek trouwde in 1998 met de moeder van appellant.", "Verbeek"),
    # a double surname of two known surnames
    ("Mulder-Kok woont sinds 2015 in de woning aan de dijk.", "Mulder-Kok"),
    # a surname no list of words knows, also in a summary's telegram style
    ("Lindeboom woont samen met een nieuwe partner. Lindeboom verzoekt de alimentatie te verlagen.", "Lindeboom"),
])
def test_a_bare_surname_before_a_persons_verb_is_a_private_person(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a cited author does what persons do in words only ("zegt", "verklaart"): not enough
    ("Zie Asser/Hartkamp & Sieburgh 6-II 2013/45. Hartkamp zegt dat hij deze opvatting niet deelt.", "Hartkamp"),
    ("Wattel verklaarde in zijn conclusie dat hij aan deze uitleg twijfelt.", "Wattel"),
    # a noun with its article, a legal term, a place, a function word
    ("De wolf sloeg toe in de schaapskooi.", "wolf"),
    ("Verweerder ontkent dat de nota is ontvangen.", "Verweerder"),
    ("Zwolle woont in het hart van het land, zo meldt de folder.", "Zwolle"),
    # a person noun in a summary's telegram style, written with its article elsewhere
    ("Man woont samen met nieuwe vriendin. De man verzoekt de kinderalimentatie te verlagen.", "Man"),
    # a number that is no paragraph's ("12.50 Euro")
    ("Het bedrag van 12.50 Euro is betaald.", "Euro"),
    # not at the opening of a sentence: the person rules read the context there
    ("Op de zitting was het hof compleet. Het Hof ontkent niets.", "Hof"),
])
def test_what_is_not_a_bare_surname_subject(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a name in the genitive before a relative or the defence counsel is a natural person's
    ("Het hof verwerpt het verweer. Hoekstra's raadsman heeft niet toegelicht waarom de termijn is overschreden.",
     "Hoekstra"),
    ("Volgens Vermeulens echtgenote was hij die avond thuis.", "Vermeulen"),
    ("Lammers' dochter heeft de auto in de nacht geleend.", "Lammers"),
    ("Ter zitting was ook El Khattabi's moeder aanwezig.", "El Khattabi"),
    # also a name no list knows
    ("Zeqiri's broer heeft de huur betaald.", "Zeqiri"),
])
def test_a_name_in_the_genitive_before_a_relative_is_a_private_person(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a role noun, a pronoun, a place or another word in the genitive
    ("Eisers echtgenote was ter zitting aanwezig.", "Eisers"),
    ("Verdachtes moeder heeft verklaard dat hij thuis was.", "Verdachtes"),
    ("Diens broer was niet aanwezig.", "Diens"),
    ("Rotterdams kinderen spelen op straat, aldus het rapport.", "Rotterdams"),
    # a company has an advocaat, not a raadsman or a relative
    ("Achmea's advocaat heeft de stukken ingediend.", "Achmea"),
])
def test_what_is_not_a_name_in_the_genitive(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "expected"), [
    # the placeholder keeps the genitive the recogniser read, also for a name the ruling names nowhere else
    ("Volgens de advocaat was Kowalczyk's broer niet aanwezig.", "[persoon 1]'s broer"),
    ("Anouks vader haalde haar op.", "[persoon 1]s vader"),
    # an apostrophe alone after a name ending in s: the s is the name's
    ("Ter zitting was Anna de Vries' moeder aanwezig.", "[persoon 1]' moeder"),
])
def test_the_genitive_stays_beside_the_placeholder(run, text: str, expected: str) -> None:
    assert expected in run(text).text


def test_two_authors_with_a_plural_verb_of_opinion_are_kept() -> None:
    text = "Van Hilten en Kavelaars menen dat de regeling te ruim is (NTFR 2009/321)."
    assert kept_or_free(text, "Van Hilten") and kept_or_free(text, "Kavelaars")


@pytest.mark.parametrize(("text", "name"), [
    # one initial and a surname that is also a word, before a party's verb
    ("3.2 K. Vos heeft gesteld dat de koop door haar is vernietigd wegens dwaling.", "K. Vos"),
    ("Het hof overweegt als volgt. J. Kok verklaarde dat hij de auto niet had gezien.", "J. Kok"),
])
def test_one_initial_and_a_word_surname_before_a_partys_verb_is_a_name(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a list label or a heading is followed by no verb
    ("A. Inleiding\n\nHet hof overweegt als volgt.", "Inleiding"),
    ("B. Feiten en omstandigheden\n\nDe feiten staan vast.", "Feiten"),
    # an author with the auxiliary before the participle and the publication after it
    ("Zie ook M. Wolf heeft betoogd in zijn noot onder HR 1 mei 2000.", "M. Wolf"),
])
def test_what_one_initial_and_a_word_do_not_make_a_name(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    ("Eiser, Cor van Wijk, is ter zitting verschenen.", "Cor van Wijk"),
    ("Het riet langs de sloot is gemaaid. Riet de Boer heeft de boot gekocht.", "Riet de Boer"),
])
def test_dutch_short_first_names_the_lists_lacked(text: str, name: str) -> None:
    assert covered(text, name)
