"""Mechanisms of anonymiser 0.6.8 (round 2 session 12), each with counter-cases beside it.

Written for this file; the sentences and names are new, none is copied from a battery or an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.anonymise.test_blind_mechanisms import kept_or_free
from tests.anonymise.test_recall_classes import covered


@pytest.mark.parametrize(("text", "name"), [
    # a surname alone, its particle capitalised inside a sentence, referred to as a person in the same clause
    ("Uit de sms-berichten aan Van Loon blijkt dat hij van de diefstal wist.", "Van Loon"),
    ("Ook Ter Horst wist van het lek, blijkens zijn brief aan de beheerder.", "Ter Horst"),
    ("De rechtbank stelt vast dat De Boer-Hulst haar huur niet heeft betaald.", "De Boer-Hulst"),
    ("Het geld is overgemaakt aan Van der Wiel, die het op zijn eigen rekening zette.", "Van der Wiel"),
])
def test_particle_surname_mid_sentence_is_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # no pronoun refers to it: a cited author, a company or association as a party
    ("Zie ook Van Brederode, Belastingrecht, p. 88, over de subsidie.", "Van Brederode"),
    ("In die zin ook Bijl en Van Brederode, Belastingrecht, p. 12.", "Van Brederode"),
    ("Het beroep van De Kempen richt zich tegen het ontbreken van een geluidzone.", "De Kempen"),
    # a place or a business: after a noun or a place preposition, in the place lists, before another capital
    ("Het incident vond plaats in café De Zwaan, waar hij als barman werkte.", "De Zwaan"),
    ("Hij woont sinds 2010 te Den Ham en zijn broer in Ter Apel.", "Den Ham"),
    ("Hij woont sinds 2010 te Den Ham en zijn broer in Ter Apel.", "Ter Apel"),
    ("Hij las het artikel in De Telegraaf over zijn buurman.", "De Telegraaf"),
    ("Het pand is verkocht aan Van Vliet Beheer B.V., dat het aan zijn dochter verhuurt.", "Van Vliet"),
    # at the start of a sentence "De" is the article, and a role or profession leaves the name to the role rules
    ("De Staat heeft zijn standpunt niet onderbouwd.", "De Staat"),
    ("De brief van notaris De Ruiter heeft hij niet ontvangen.", "De Ruiter"),
])
def test_particle_word_that_is_no_private_person_is_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)
