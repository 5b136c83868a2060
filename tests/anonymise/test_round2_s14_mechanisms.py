"""Mechanisms of anonymiser 0.6.10 (round 2 session 14), each with counter-cases beside it.

Written for this file; the sentences and names are new, none is copied from a battery or an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.anonymise.test_blind_mechanisms import kept_or_free
from tests.anonymise.test_recall_classes import covered

_PUBLIC_HEADER = ("Uitspraak in het geding tussen A, te B, eiseres, en het dagelijks bestuur van het waterschap "
                  "Vallei en Veluwe, verweerder.\n\n")
_PRIVATE_HEADER = ("In de zaak van Marloes Terpstra, wonende te Sneek, verzoekster, tegen Sjoerd Terpstra, wonende "
                   "te Joure, verweerder.\n\n")


@pytest.mark.parametrize(("text", "name"), [
    # a public body's representative after the body's full name and qualifier
    ("Het college van burgemeester en wethouders van Hardenberg, vertegenwoordigd door H.G. Nijboer, heeft een "
     "last onder bestuursdwang opgelegd.", "H.G. Nijboer"),
    ("De Minister voor Rechtsbescherming heeft zich laten vertegenwoordigen door G. Oosterveld.", "G. Oosterveld"),
    # the office holder's name and "ter zitting" between the body and the cue, an office between the cue and the name
    ("Burgemeester Koopmans heeft zich ter zitting laten vertegenwoordigen door de coördinator handhaving, "
     "R.T. Wiersma.", "R.T. Wiersma"),
    ("Het college heeft zich laten vertegenwoordigen door de senior jurist mr. E. Dijkstra.", "E. Dijkstra"),
    # the respondent's gemachtigde in apposition, where the respondent is a public body
    (_PUBLIC_HEADER + "Ter zitting heeft de gemachtigde van verweerder, P.M. Holtkamp, toegelicht dat de heffing "
     "op de WOZ-waarde is gebaseerd.", "P.M. Holtkamp"),
    ("Ter zitting heeft de gemachtigde van het college, J. Wubbels, toegelicht dat het beleid is gewijzigd.",
     "J. Wubbels"),
    # who filed or signed a document for the body
    ("Het verweerschrift is namens verweerder ingediend door S. Kamphuis.", "S. Kamphuis"),
    ("Het besluit op bezwaar is namens de minister ondertekend door drs. A. Veldkamp.", "A. Veldkamp"),
])
def test_public_bodies_representatives_are_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a private respondent's gemachtigde without a lawyer's form stays a private person
    (_PRIVATE_HEADER + "Ter zitting heeft de gemachtigde van verweerder, T. Hoekstra, verklaard dat de man niet "
     "kan betalen.", "T. Hoekstra"),
    # a relative, also right after the name
    (_PUBLIC_HEADER + "Ter zitting heeft de gemachtigde van verweerder, L. Brouwer (haar zoon), verklaard dat.",
     "L. Brouwer"),
    ("Appellant heeft zich ter zitting laten vertegenwoordigen door zijn broer, K. Öztürk.", "K. Öztürk"),
    # a clause about a party is no qualifier of the body
    ("De minister heeft de aanvraag van eiser, vertegenwoordigd door B. Wolters, afgewezen.", "B. Wolters"),
    # the party's own officer stays private (policy), also for a body's office words
    ("Het UWV heeft zich laten vertegenwoordigen door haar directeur, A.B. Stegeman.", "A.B. Stegeman"),
    # "namens" a private party
    ("Het beroepschrift is namens appellante ingediend door haar zoon R. Mulder.", "R. Mulder"),
])
def test_private_persons_beside_public_bodies_are_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # the bodies that are parties themselves, and the respondent's gemachtigde in brackets on the next line
    ("De gemeente werd ter zitting vertegenwoordigd door W.F. Hoogeveen.", "W.F. Hoogeveen"),
    ("De korpschef heeft zich laten vertegenwoordigen door mr. I. Scheepstra en T. Ramlal.", "T. Ramlal"),
    ("het dagelijks bestuur van het waterschap Hunze en Aa's, verweerder,\n(gemachtigde: H.J. Lanting).",
     "H.J. Lanting"),
    ("Namens de inspecteur, die zich heeft laten vertegenwoordigen door mr. A. Wijnberg, is verweer gevoerd.",
     "A. Wijnberg"),
    ("Het UWV heeft ter zitting, bij monde van F. Huisman, toegelicht dat de uitkering is herzien.", "F. Huisman"),
    ("Het college was voorts vertegenwoordigd door mr. E.J. Brinkhuis.", "E.J. Brinkhuis"),
    # an honorific before a body's representative at the hearing
    ("Namens de Raad voor de Kinderbescherming is verschenen mevrouw G. Pruim.", "G. Pruim"),
    # staff named with their agency after the name, also with an office or "namens" between
    ("Het rapport is opgemaakt door K.L. Meerman, senior medewerker van de Immigratie- en Naturalisatiedienst.",
     "K.L. Meerman"),
    ("Bij de inspectie was ook R. Tjoa, inspecteur van de NVWA, aanwezig.", "R. Tjoa"),
    ("Ter zitting waren aanwezig A. Geerts, gezinsvoogd, en B.C. Ruiter, namens de Raad voor de Kinderbescherming.",
     "B.C. Ruiter"),
    ("De hoormedewerker van de IND, P. Swart, heeft het gehoor afgenomen.", "P. Swart"),
    # a decision signed for the body, with the office after the name
    ("Hoogachtend, namens burgemeester en wethouders van Tubbergen, G.J. Lammertink, teamleider Sociaal Domein.",
     "G.J. Lammertink"),
    ("De staatssecretaris van Justitie en Veiligheid, namens deze, mr. F.E. Kroon, directeur Juridische Zaken.",
     "F.E. Kroon"),
    # an expert the court appointed, by profession; a compound expert noun after the name
    ("De door de rechtbank als deskundige benoemde psychiater dr. M.A. Verschuur heeft verdachte onderzocht.",
     "M.A. Verschuur"),
    ("Eiser heeft een rapport overgelegd van ing. T. Smulders, geluidsdeskundige.", "T. Smulders"),
])
def test_public_staff_signers_and_court_experts_are_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    ("Namens appellante is verschenen mevrouw K. de Vries, haar moeder.", "K. de Vries"),
    ("De gemeente heeft de bijstand van eiser, vertegenwoordigd door J. Kramer, beëindigd.", "J. Kramer"),
    ("Jan Pieters, een klant van de Belastingdienst, heeft geklaagd over de toeslag.", "Jan Pieters"),
    ("Ook K. Bakker, vriend van de IND-medewerker, was ter zitting aanwezig.", "K. Bakker"),
    ("Namens appellante, J. de Vries, heeft haar zoon het woord gevoerd.", "J. de Vries"),
    ("De door de rechtbank benoemde bewindvoerder van appellant, zijn broer K. Yilmaz, heeft verklaard.",
     "K. Yilmaz"),
])
def test_private_persons_near_public_staff_are_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a first name no list knows before a surname found by its shape or by the model: the whole name goes
    ("Partijen: Oksana Melnychenko, wonend te Assen, eiseres, en de staatssecretaris, verweerder.", "Oksana"),
    ("Uitspraak in het geding tussen Abebe Tadesse Girma en appellant.", "Abebe"),
    # an unknown first name, a particle and a known surname after a party's role noun
    ("Eiseres, Nilufar van Dijk, is ter zitting verschenen.", "Nilufar van Dijk"),
    ("Appellant, Dawit de Boer, heeft hoger beroep ingesteld.", "Dawit de Boer"),
    # a party's own chair is no chair of the court
    ("De vereniging Buurtbelang Oost, appellante, vertegenwoordigd door haar voorzitter Gijs Terpstra, en het "
     "college.", "Gijs Terpstra"),
])
def test_first_names_and_party_officers_are_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a form of address, an abbreviation in capitals and a Dutch word before a name are not its first name
    ("De vreemdeling wijst op het arrest van het EHRM in de zaak Chahal tegen het Verenigd Koninkrijk.", "EHRM"),
    ("Appellante, Bakkerij van Dam, is een eenmanszaak.", "Bakkerij van Dam"),
    ("Eiseres, Staat der Nederlanden, heeft gereageerd.", "Staat der Nederlanden"),
    ("De zaak is behandeld door de voorzitter mr. K. Mollema en de griffier mr. P. Smit.", "K. Mollema"),
])
def test_words_before_names_and_the_court_chair_are_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a human-rights case named after the applicant and a state
    ("Eiser beroept zich op het arrest van het EHRM in de zaak Mamatkulov tegen Turkije.", "Mamatkulov"),
    ("Zie de zaak Soering v. the United Kingdom en de zaak Sufi en Elmi tegen het Verenigd Koninkrijk.", "Elmi"),
    # a school named after a person
    ("Zij heeft eindexamen gedaan aan het Erasmus Gymnasium en daarna aan de Willem de Kooning Academie.",
     "Willem de Kooning"),
])
def test_case_names_and_institutions_are_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


def test_a_street_named_after_a_person_is_one_address() -> None:
    from anonymise import decide
    from archive.settings import Settings

    # a street word the street list holds, after the first name and particle of the person it is named after
    text = "Het pand van appellante staat aan de Rembrandt van Rijnstraat, dicht bij het station."
    found = [(m.label, text[m.start:m.end]) for m in decide(text, Settings()) if m.action == "replaced"]
    assert found == [("ADDRESS", "Rembrandt van Rijnstraat")]
    # an unlisted one: neither the person nor a part of the street
    text = "Het pand aan de Johan van Oldenbarneveltlaan is in 2019 verkocht."
    assert [m for m in decide(text, Settings()) if m.action == "replaced"] == []


@pytest.mark.parametrize(("text", "name"), [
    # two private parties are no case name: only a state opposite makes one
    ("In de zaak Hendrik Bakker tegen Pieter de Vries heeft de kantonrechter geoordeeld.", "Hendrik Bakker"),
])
def test_private_parties_of_a_case_are_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a body's representative with first name and surname and the office after the name
    ("Namens verweerder is verschenen Marloes Brink, beleidsmedewerker van de gemeente Ede.", "Marloes Brink"),
    # the office in lower case before the representative's name
    ("Namens de inspecteur is ter zitting verschenen de belastingadviseur-controleur P.T. Verhoef.", "P.T. Verhoef"),
    # the civil registrar in office
    ("De ambtenaar van de burgerlijke stand, K.M. Sijbesma, heeft de akte niet opgemaakt.", "K.M. Sijbesma"),
    # an expert named before the appointment
    ("De Afdeling heeft ir. H.J. Zwart, verbonden aan de StAB, als deskundige benoemd.", "H.J. Zwart"),
    # appointed by the court as an expert, by profession
    ("Het rapport van de door het hof als deskundige benoemde psycholoog drs. A. Kwant is overgelegd.", "A. Kwant"),
])
def test_more_public_staff_and_appointed_experts_are_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    ("Namens appellante is verschenen Karin Smit, haar zus.", "Karin Smit"),
    ("Namens verweerder is verschenen Jan de Boer, de broer van verweerder.", "Jan de Boer"),
    # a bewindvoerder the court appoints may be a relative
    ("De door de kantonrechter benoemde bewindvoerder J. Jansen heeft verklaard dat de schulden zijn betaald.",
     "J. Jansen"),
])
def test_relatives_and_appointed_bewindvoerders_are_replaced(text: str, name: str) -> None:
    assert covered(text, name)
