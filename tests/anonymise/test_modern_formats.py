"""Regression cases for professional formats of modern lower-court and appeal rulings (issue 12, round 2 session 5):
hand-written sentences with invented names, none taken from a held-out set. They come from reading the replaced
spans of a development half of 50 rechtspraak rulings nobody here had used (docs/anonymisation.md). Each kept case
is a format that names a judge, a lawyer, a civil servant or an expert; each replaced case shows that the format
does not swallow a private person.
"""

from __future__ import annotations

import pytest

from tests.anonymise.test_zones_and_formats import covered, replaced


@pytest.mark.parametrize("text", [
    # family law: the party is designated "de moeder"/"de vader" right before the lawyer's line
    "[appellante],\nwonende te [woonplaats],\nappellante,\nhierna te noemen: de moeder,\nbehandelend advocaat "
    "mr. K.L. Brouwersma,\n\ntegen\n\n[de vader],\nwonende te [woonplaats].",
    "verzoeker in hoger beroep,\nhierna te noemen: de vader,\nprocureur mr. P.Q.R. van Halderen,\n\ntegen",
    "hierna te noemen: de vader,\nadvocaat (gewezen procureur) mr. H. van Rijsselberg, behandelend advocaat "
    "mr. E.G. Blankenvoort.",
    # who appeared for a public body, the name before the verb
    "Namens de raad voor de kinderbescherming (hierna: de raad) is de heer H. van der Hoeksema verschenen.",
    "Namens de korpschef zijn verschenen mr. Bosschaart en D. Meijerink.",
    "Namens het college is mevrouw A. Dekkerhof, werkzaam bij de gemeente, verschenen.",
    # the bench that gave the decision, the place between "gegeven" and "door"
    "Deze beschikking is gegeven te Almelo door mr. M.H.H.A. Moesman en in het openbaar uitgesproken op 30 mei 2005.",
    # a member of the court appointed as raadsheer-commissaris
    "bepaalt dat een verhoor zal plaatsvinden ten overstaan van het hierbij tot raadsheer-commissaris benoemde lid "
    "van het hof mr. M.M.A.Windemuller, die daartoe zitting zal houden.",
    # the head of an A-G's conclusion: the name, then the word "Conclusie"
    "Nr. 13/00690\nZitting: 13 mei 2014\n\nMr. T.N.B.M. Sprokkelman\nConclusie inzake:\n\n[verdachte]",
    # a foreign lawyer and expert writing legal opinions
    "FCF heeft een legal opinion overgelegd van dr. Yorick Strothmeier, verbonden aan een Duits kantoor. In die "
    "legal opinion is door dr. Strothmeier beschreven dat de vordering bestaat.",
    "De curator heeft een legal opinion in het geding gebracht van de heer Christiaan Kokewitz, als advocaat "
    "verbonden aan een kantoor in Berlijn. Door de heer Kokewitz is beschreven dat de vordering verjaard is.",
    # a bench list where the surname has two words after the particle
    "Aldus vastgesteld door mr. C.M. Ligtelink-van Bilderbergen, voorzitter, en mr. O. de Savornin Lohmeijer en "
    "mr. B.P. Vermeulenhof, leden, in tegenwoordigheid van mr. A. Dijkstraat, griffier.",
])
def test_professionals_in_modern_formats_are_kept(text: str) -> None:
    assert replaced(text) == []


@pytest.mark.parametrize("text", [
    # the decision items: a capitalised verb opening a line is no name
    "Recht doende:\n\nBevestigt de aangevallen uitspraak;\n\nWijst het verzoek om veroordeling tot "
    "schadevergoeding af.",
    # a famous name in an eponymous compound describes something, it names no person in the case
    "Hij zou tegen een man met een Rudi Vollebregt-kapsel hebben gezegd dat hij weg moest.",
])
def test_words_that_only_look_like_names_are_kept(text: str) -> None:
    assert replaced(text) == []


@pytest.mark.parametrize(("text", "name"), [
    # a relative in the lawyer's own clause is still a private gemachtigde
    ("appellante,\ngemachtigde: haar zoon Pieter Dijkmansma,\n\ntegen", "Pieter Dijkmansma"),
    ("verzoeker, vertegenwoordigd door zijn moeder, gemachtigde A.B. Zwartendijk,\n\ntegen", "A.B. Zwartendijk"),
    # a party who appeared in person for herself is no civil servant of the body
    ("Namens de raad is de heer H. Hoeksema verschenen. Verzoekster, mevrouw C. Baltussen, is in persoon "
     "verschenen.", "C. Baltussen"),
    # a private person named with an honorific in an ordinary sentence
    ("De heer Karel Kokewitz heeft de auto op 12 mei 2010 verkocht aan zijn buurman.", "Karel Kokewitz"),
    # a private person named before a hyphen and an ordinary word, not an eponym ("Jansen - die ...")
    ("Getuige Pietersma - die daar woonde - heeft verklaard.", "Pietersma"),
])
def test_private_persons_next_to_the_modern_formats_stay_replaced(text: str, name: str) -> None:
    assert covered(text, name)
