"""Mechanisms of anonymiser 0.6.9 (round 2 session 13), each with counter-cases beside it.

Written for this file; the sentences and names are new, none is copied from a battery or an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.anonymise.test_blind_mechanisms import kept_or_free
from tests.anonymise.test_recall_classes import covered


@pytest.mark.parametrize(("text", "name"), [
    # a single judge in apposition to the court's own name, with a title
    ("De rechtbank Oost-Brabant, mr. H.W. Kooistra, oordeelt dat de koop is ontbonden.", "H.W. Kooistra"),
    ("De rechtbank, mr. E. van Dommelen, wijst de vordering af.", "E. van Dommelen"),
    ("Het gerechtshof Arnhem-Leeuwarden, mr. B. Sijbrandij, bekrachtigt het vonnis.", "B. Sijbrandij"),
    # a lawyer's name in capitals after a title written in lower case
    ("Ilse Gorter, te Hengelo, eiseres,\ngemachtigde: mr. W. TER BRAAK,\ntegen\nde Staat", "W. TER BRAAK"),
    ("bijgestaan door mr. F. VAN OSCH en mr. J. Timmer, advocaten te Breda.", "F. VAN OSCH"),
])
def test_bench_and_lawyers_in_new_positions_are_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # without a title after the court's name, or after a pronoun, the name is not the judge's
    ("De rechtbank Utrecht, Gerrit Kooistra, gedaagde, is niet verschenen.", "Gerrit Kooistra"),
    ("Zij, mr. Kooistra, heeft dit nooit gedaan, zegt de buurvrouw.", "Kooistra"),
    # a party in capitals beside its lawyer keeps being replaced
    ("Ilse Gorter, te Hengelo, eiseres,\ngemachtigde: mr. W. TER BRAAK, en ILSE GORTER", "ILSE GORTER"),
    # a name in quotes that someone is called by
    ('Verdachte Karim Benali, door iedereen "Kees" genoemd, ontkent de handel.', "Kees"),
    ('Een man, door zijn vrienden ook wel "Lange Joop" genoemd, bood de fiets aan.', "Lange Joop"),
    # children listed by one initial each after a colon, and their later mentions
    ("Uit de relatie zijn twee kinderen geboren: M. en J., nu negen en zes jaar oud. J. wil bij de moeder wonen.",
     "M."),
    ("Uit de relatie zijn twee kinderen geboren: M. en J., nu negen en zes jaar oud. J. wil bij de moeder wonen.",
     "J."),
    ("Uit het huwelijk zijn geboren de kinderen: R. (2011), F. (2013) en L. (2016).", "F."),
])
def test_private_persons_in_new_positions_are_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a quoted word called so that has no first name in it is a term, a case or a product
    ('De uitlegmaatstaf, ook wel "Zwolsche Algemeene" genoemd, is hier niet van toepassing.', "Zwolsche Algemeene"),
    # a ruling that names its parties by bare letters uses letters as pseudonyms for the children too
    ("A en B zijn gehuwd geweest. Zij hebben twee kinderen: C. en D., die bij A wonen.", "C."),
])
def test_quoted_terms_and_pseudonym_letters_are_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)
