"""Mechanisms added after the blind officials cases (``tests/anonymise/blind/officials.txt``, round 2 session 7).
Each case is written here in its own words (none is copied from the blind file), with a counter-case beside it: an
office format must not keep a private party, and a party's format must not take a place or a company."""

from __future__ import annotations

import pytest

from anonymise import decide
from archive.settings import Settings
from tests.anonymise.test_blind_mechanisms import kept_or_free
from tests.anonymise.test_recall_classes import covered

S = Settings()


@pytest.mark.parametrize(("text", "name"), [
    # the party a conclusion is about, above the A-G's address, is no A-G and no college
    ("Nr. 12.345\nMr. Wuisman\nZitting: 3 maart 1989\n\nConclusie inzake:\n\nH.J. Brinkgreve\n\nEdelhoogachtbaar "
     "College,\n\n1. Requirant is veroordeeld.", "H.J. Brinkgreve"),
    # names in the sentence under a signature block are not signatures
    ("w.g. Tromp              w.g. Kaandorp\nvoorzitter               griffier\nIn de procedure van de vennoten "
     "K.L. Oudejans en P.M. Vlietstra tegen Holland Tuinbouw B.V. is een onderzoeker benoemd.", "K.L. Oudejans"),
    # a party's own director in a representation clause with a lawyer is the party's man, not a professional
    ("Ter zitting is eiseres vertegenwoordigd door haar directeur, G.H. Wolfswinkel, bijgestaan door mr. T. Brem, "
     "advocaat te Breda.", "G.H. Wolfswinkel"),
    # a lawyer's clause in brackets ends at the bracket: a treating doctor later in the sentence is no lawyer
    ("Zij heeft de kliniek gedagvaard (procureur: mr. A. Verweij; advocaat: mr. K. Lamers) en gevorderd dat de "
     "kliniek de schade vergoedt die zij leed door de ingreep van de chirurg dr. P. Overduin.", "P. Overduin"),
    # the parties of a cassation named before their role
    ("Hoeksema, eiser tot cassatie, advocaat mr. J. Pos,\ntegen\nVeldkamp, verweerder in cassatie, niet verschenen.",
     "Veldkamp"),
    # a relative named like a hospital is the relative; initials after an in-law
    ("De bromfiets is volgens appellant van zijn zwager Jeroen Bosch.", "Jeroen Bosch"),
    ("Zij kwam samen met haar schoonzoon K.D., die haar administratie deed.", "K.D."),
    ("De heer Jan Linders verklaarde dat hij de winkel al had verlaten.", "Jan Linders"),
])
def test_found(text: str, name: str) -> None:
    assert covered(text, name), name


@pytest.mark.parametrize(("text", "name"), [
    ("Hoeksema, eiser tot cassatie, advocaat mr. J. Pos,\ntegen\nVeldkamp, verweerder in cassatie, niet verschenen.",
     "J. Pos"),
    ("JAN DE BOER, wonende te Harlingen,\nEISER tot cassatie,\nadvocaat: mr. P. Smit.", "Harlingen"),
    # public offices with their qualifier and the holder in apposition
    ("Op 3 mei 2009 heeft de burgemeester van Oldebroek, C.W. Hazelhoff, de woning gesloten.", "C.W. Hazelhoff"),
    ("De gemeentesecretaris, E.R. Doornbos, heeft ter zitting de gang van zaken toegelicht.", "E.R. Doornbos"),
    ("De Commissaris van de Koning in de provincie Gelderland, Van Hoogstraten, heeft het beroep verworpen.",
     "Van Hoogstraten"),
    ("Bij brief heeft de Minister van Justitie, mevrouw Lansbergen, het verzoek afgewezen.", "Lansbergen"),
    ("Staatsraad in buitengewone dienst M.A. Kerkhof-Rijnders heeft een afwijkende mening gegeven.",
     "M.A. Kerkhof-Rijnders"),
    # lawyers and officials of other countries by the title of their office
    ("De dochter werd bijgestaan door Me Hélène Dubreuil, avocat à Lyon, en in Duitsland door Rechtsanwalt "
     "Bernd Kugler.", "Bernd Kugler"),
    ("Het bevel is uitgevaardigd door Staatsanwalt Katrin Ohlendorf van de Staatsanwaltschaft Köln.",
     "Katrin Ohlendorf"),
    # who the court appointed, and public staff with their body
    ("De rechtbank heeft tot deskundige benoemd: ir. F.G. Wassink, landmeter te Zwolle.", "F.G. Wassink"),
    ("Tot rechter-commissaris is benoemd mr. L.M. Brouwer-Tjalma.", "L.M. Brouwer-Tjalma"),
    ("De verzekeringsgeneeskundige van het Uwv, R.T. Hoogkamp, heeft appellant gezien.", "R.T. Hoogkamp"),
    ("Na het vertrek van mr. Sluiter nam zijn kantoorgenote mr. D.A. Heemskerk de zaak over.", "D.A. Heemskerk"),
    ("Hij werd opgenomen in het Jeroen Bosch Ziekenhuis te 's-Hertogenbosch.", "Jeroen Bosch"),
    ("Zij kocht de fles wijn bij Jan Linders in Venlo en werkte eerder bij Arthur Andersen.", "Arthur Andersen"),
    ("Ter zitting verscheen de Inspecteur, drs. H.W. Tiemersma, bijgestaan door een collega.", "H.W. Tiemersma"),
    ("Aldus gewezen te Utrecht op 2 mei 1991 door ir. P.T. Gorter, ing. W. Flapper en mr. J.J. Visscher, arbiters.",
     "W. Flapper"),
    ("Zij legde een verklaring over van de Poolse advocaat Wojciech Kaczmarek.", "Wojciech Kaczmarek"),
])
def test_not_taken(text: str, name: str) -> None:
    assert kept_or_free(text, name), name


def test_an_office_without_its_holder_names_nobody() -> None:
    text = "De burgemeester van Oldebroek heeft verzoeker, Jeroen Wolters, gehoord. De Minister van Economische Zaken."
    replaced = {text[m.start:m.end] for m in decide(text, S) if m.action == "replaced"}
    kept = {text[m.start:m.end] for m in decide(text, S) if m.label == "PERSON" and m.action == "kept"}
    assert "Jeroen Wolters" in replaced and not kept
