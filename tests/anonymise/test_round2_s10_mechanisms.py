"""Precision mechanisms of anonymiser 0.6.6 (round 2 session 10), each with a counter-case beside it.

Written for this file from the formats of the development half of the Flemish rulings (``tests.anonymise.flemish``)
and of rechtspraak rulings in general; the names are invented, no sentence is copied from any evaluation set.
"""

from __future__ import annotations

import pytest

from tests.anonymise.test_blind_mechanisms import kept_or_free
from tests.anonymise.test_recall_classes import covered

_DECIDED = "Aldus beslist op 3 mei 2012 te Brussel.\n"
_HEADER = "Raad voor betwistingen inzake studievoortgangsbeslissingen – werkjaar 2012\n"

_SIGNATURES_OLD = (_DECIDED + "De voorzitter,\n\nDe bijzitters,\n\nAnneke Verbruggen\n\nPieter Claeys\n\nLies Wuyts\n\n"
                   "De secretarissen,\nTom Vermeersch\n\n[1]\n\nEls Goethals\n\n" + _HEADER + "\n\x0cRolnr. 2012/101 "
                   "– 3 mei 2012\n\n[1] Decreet van 19 maart 2004 betreffende de rechtspositieregeling van de student.")
_COMPOSITION = ("Het arrest is uitgesproken te Brussel, in openbare terechtzitting van 6 oktober 2015, door de\n"
                "Raad voor betwistingen inzake studievoortgangsbeslissingen, IIe Kamer, samengesteld uit:\n\n"
                "Hilde Vanhoutte,\n\nkamervoorzitter\n\nGert Bosmans\n\nbijzitter\n\n" + _HEADER + "\n12\n\n"
                "\x0cRolnr. 2015/362 - 6 oktober 2015\n\nWouter De Smedt\n\nbestuursrechter – bijzitter\n\n"
                "bijgestaan door\nSanne Lievens\n\nsecretaris\n\nDe secretaris\n\nDe voorzitter\n\nSanne Lievens\n\n"
                "Hilde Vanhoutte\n\nTegen dit arrest is een beroep bij de Raad van State mogelijk. " + _HEADER)


@pytest.mark.parametrize(("text", "name"), [
    # role lines, then one name a line, a footnote mark and a running header between them
    (_SIGNATURES_OLD, "Anneke Verbruggen"), (_SIGNATURES_OLD, "Lies Wuyts"), (_SIGNATURES_OLD, "Els Goethals"),
    # the name before its role, a page break (running header, page number, "Rolnr." line) inside the block
    (_COMPOSITION, "Hilde Vanhoutte"), (_COMPOSITION, "Wouter De Smedt"), (_COMPOSITION, "Sanne Lievens"),
    # several names on one line, split by commas or by the next name's initials
    (_DECIDED + "De voorzitter, De bijzitters,\nM. Janssens, P. Claes, R. Wuyts\nDe secretarissen,\nK. Lemmens",
     "P. Claes"),
    (_DECIDED + "De voorzitter, De bijzitters,\nM. Janssens P. Claes R. Wuyts\n\nDe secretaris,\nK. Lemmens",
     "R. Wuyts"),
    # the Dutch form: role lines, then the names
    ("Dit vonnis is in het openbaar uitgesproken.\n\nDe griffier,\n\nDe voorzitter,\n\nmr. J. Hofstede\n\n"
     "mr. A.B. Kuiper", "A.B. Kuiper"),
    # Belgian offices before the name, and the rapporteur
    ("Kamervoorzitter Hilde Vanhoutte heeft verslag uitgebracht.", "Hilde Vanhoutte"),
    ("Voorzitter van de Raad Gert Bosmans heeft verslag uitgebracht.", "Gert Bosmans"),
    ("De zaak werd behandeld door Wouter De Smedt, bijzitter.", "Wouter De Smedt"),
])
def test_bench_block_is_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a party's heading is no bench: no role line in the block
    ("Inzake\n\nJoris Vandenbroucke\n\nwonende te Gent\n\nVerzoekende partij", "Joris Vandenbroucke"),
    # a private body's chair signing a quoted letter: "van de vereniging" is no bench qualifier
    ("De brief luidt:\n\nDe voorzitter van de vereniging,\n\nJoris Vandenbroucke\n\nDe student heeft geantwoord.",
     "Joris Vandenbroucke"),
    # the parties sign under the bench: a line of party words ends the bench block
    ("Waarvan proces-verbaal.\n\nDe griffier,            De kantonrechter,\nA. Oosterveen           mr. W. Kalf\n\n"
     "Eiseres,                Gedaagde,\nE. Dijkstra             F. Mulders\n", "F. Mulders"),
    # a name line right after running text, with no role line in its block
    ("De student verwijst naar een verklaring van\nJoris Vandenbroucke\ndie zijn klasgenoot is.",
     "Joris Vandenbroucke"),
])
def test_no_bench_block(text: str, name: str) -> None:
    assert covered(text, name)


def test_abbreviation_without_vowel_is_no_surname() -> None:
    text = "De Raad verwijst naar zijn besluit R. Stvb. nr. 2009/035 en naar R.Stvb.2010/005."
    assert kept_or_free(text, "Stvb")
    # a short surname without a vowel stays a name ("Vlk" is a Czech surname)
    assert covered("Verzoeker is op 3 mei bezocht door J. Vlk, een kennis van hem.", "J. Vlk")


@pytest.mark.parametrize(("text", "name"), [
    # a titled representative acting for a party, the name before "namens" or after "Namens <party>:"
    ("Bij verweerschrift heeft mr. Van den Brink namens de curator verweer gevoerd.", "Van den Brink"),
    ("Namens eiseres: mr. C.A. Verhoeven. Namens gedaagde: mr. R. Ekker.", "C.A. Verhoeven"),
    ("Appellant heeft mr. F.M. Hoefnagel gemachtigd om namens hem beroep in te stellen.", "F.M. Hoefnagel"),
    # "mr. X is advocaat te Y"
    ("De brief is opgesteld door haar raadsman; mr. Hoefnagel is advocaat te Rotterdam.", "Hoefnagel"),
    ("Mr. Tom Peeters, die verschijnt voor de verwerende partij, is gehoord.", "Tom Peeters"),
    # the noun says lawyer, with a title or initials
    ("Advocaat mr. Hoekman heeft namens verdachte hoger beroep ingesteld.", "Hoekman"),
    ("Bij brief heeft de advocaat van eiser, S.M. Kayali, de rechtbank om uitstel verzocht.", "S.M. Kayali"),
    ("Het verzet is ingesteld door de advocaten A. Brouwers en B. Smitskamp van Houthoff.", "B. Smitskamp"),
    ("In eerste aanleg trad mr. Van Leeuwenhorst op als advocaat van gedaagde.", "Van Leeuwenhorst"),
    # a judge's office before the title
    ("De voorzieningenrechter mr. Kapteijn heeft de zaak ter zitting behandeld.", "Kapteijn"),
    # literature: a citing phrase "voor een overzicht", an editor's "(red.)" in an "in:" reference
    ("Zie voor een overzicht Rozendaal, Uitleg van polisvoorwaarden, Den Haag 2012.", "Rozendaal"),
    ("Zie Wolters in: Hartkamp/Sieburgh (red.), Verbintenissenrecht, 2009, nr. 14.", "Wolters"),
])
def test_professional_formats_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # no professional title: a relative or the party itself acting for someone
    ("Bij brief heeft Jan van den Brink namens zijn moeder bezwaar gemaakt.", "Jan van den Brink"),
    ("Namens eiseres: P. Verhoeven, haar buurman.", "P. Verhoeven"),
    ("Jan Peeters, die verschijnt voor zijn moeder, is gehoord.", "Jan Peeters"),
    ("Zijn advocaat, tevens zijn zwager Piet Hoekman, was ter zitting aanwezig.", "Piet Hoekman"),
    # a bare name after the noun may be a lawyer who is a party
    ("Advocaat Karel Hoekman werd verdacht van verduistering van derdengelden.", "Karel Hoekman"),
    # the citing phrase must be followed by the reference itself
    ("Zie voor een overzicht van de kosten de brief van Rogier Blom van 3 mei 2012.", "Rogier Blom"),
])
def test_professional_formats_need_their_cue(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize("text", [
    "Verzoeker heeft onvoldoende kennis van de Nederlandse taal.",
    "Haar kennis van het Engels is beperkt; een vriend van de familie vertaalde.",
])
def test_role_noun_before_a_preposition_phrase(text: str) -> None:
    for word in ("Nederlandse", "Engels"):
        if word in text:
            assert kept_or_free(text, word)


def test_role_noun_before_a_capitalised_particle_still_names() -> None:
    assert covered("Volgens haar buurman Van de Velde was zij die avond thuis.", "Van de Velde")


@pytest.mark.parametrize(("text", "name"), [
    # a trade named by its word's ending after a surname, and company prefixes
    ("De werkzaamheden zijn uitbesteed aan Jansen Installatietechniek uit Oss.", "Jansen Installatietechniek"),
    ("Hij huurde een busje bij Hoekstra Autoverhuur en reed naar Zwolle.", "Hoekstra Autoverhuur"),
    ("Het drukwerk werd verzorgd door Koninklijke Joh. Enschedé te Haarlem.", "Joh. Enschedé"),
    # judges in more bench formats
    ("Als lid van de enkelvoudige kamer heeft mr. K. Wouterse de zaak behandeld.", "K. Wouterse"),
    ("Ter zitting waren aanwezig: mr. L. Mijnders (voorzitter), mr. M. Postma en mr. N. Veenhuis (leden) en "
     "mr. O. de Bruijne (griffier).", "N. Veenhuis"),
    ("De rolrechter, mr. Q. Verbeet, heeft de zaak naar de rol verwezen.", "Q. Verbeet"),
])
def test_organisations_and_benches_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a person with an ordinary surname-like word after the first name stays a person
    ("Volgens Jan Hoekstra was de bus al verhuurd.", "Jan Hoekstra"),
    # "behandeld door" a doctor is no court hearing the case
    ("Verzoekster is in 2019 behandeld door Paul Wouterse, haar fysiotherapeut.", "Paul Wouterse"),
    # a name in brackets that is no office
    ("Ter zitting was ook zijn broer aanwezig (Kees Mijnders).", "Kees Mijnders"),
])
def test_no_organisation_or_bench_cue(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    ("Mr. C. Asser's Handleiding, Verbintenissenrecht, deel I (1988), door L.E.H. Rijnders en A.S. Hoorn, nr. 240.",
     "L.E.H. Rijnders"),
    ("Losbl. Onrechtmatige daad (Kranendonk), VI, aant. 12.", "Kranendonk"),
    ("Het betoog van Hofsteede (Inkomstenbelasting, 1985, blz. 123) overtuigt mij niet.", "Hofsteede"),
    ("Zoals Meijerink reeds in 1928 opmerkte, is de goede trouw een open norm.", "Meijerink"),
    ("Uitvoerig hierover Jansma, Onrechtmatige daad (Mon. BW B45), 2009, nr. 12.", "Jansma"),
])
def test_literature_formats_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a party's standpoint with a statement in brackets, a remark at the hearing, a hearing "door" a person
    ("Het standpunt van Jan Hofsteede (verklaring van 3 mei 2012, p. 2 van het dossier) is niet aannemelijk.",
     "Jan Hofsteede"),
    ("Zoals Karin Meijerink ter zitting opmerkte, was de deur open.", "Karin Meijerink"),
])
def test_literature_formats_need_a_reference(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a party's own staff as its gemachtigde is a private person (policy), with a title too
    ("Uitspraak in de zaak van:\n\nOhra N.V., te Arnhem, appellante, gemachtigde: mr drs N.J.E.G. Kremers en "
     "R. de Graauw, beiden werkzaam bij appellante,\n\ntegen de Stichting.", "N.J.E.G. Kremers"),
    ("verzoeksters, gemachtigde: mr drs J. Ruttemans, werkzaam bij verzoekster sub 1, tegen de Minister.",
     "J. Ruttemans"),
    # an officer of a party is no officer of the court
    ("Ter zitting is het woord gevoerd door ir J.L.H.T. van Hekke, secretaris van verzoekster.", "J.L.H.T. van Hekke"),
])
def test_party_staff_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    ("gemachtigde: mr. P. Hoeksema, werkzaam bij DAS Rechtsbijstand, tegen de Minister.", "P. Hoeksema"),
    ("Aldus gedaan door mr. A. Kroeze, voorzitter van de Raad, en mr. B. Lamers, secretaris.", "B. Lamers"),
])
def test_professional_staff_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # the plural honorific names every person of its list
    ("De heren Oddink en Van Zandvoort gebruiken naar buiten toe de naam van het bedrijf.", "Oddink"),
    ("De dames Verhoeff, Kallenberg en Smulders hebben verklaard dat zij niets zagen.", "Kallenberg"),
])
def test_plural_honorific_names_each(text: str, name: str) -> None:
    assert covered(text, name)


def test_plural_honorific_of_an_office_stays_kept() -> None:
    assert kept_or_free("Volgens de heren Bastings, Oostra en Vrieling van de AID was alles in orde.", "Oostra")


@pytest.mark.parametrize(("text", "name"), [
    # a first name and the capital of the surname, the way news and some rulings shorten a private name
    ("Het tegen Martijn L., een verdachte in het onderzoek, gewezen vonnis is onherroepelijk.", "Martijn L."),
    ("Volgens Fatima B. was zij die avond thuis.", "Fatima B."),
])
def test_first_name_and_capital(text: str, name: str) -> None:
    assert covered(text, name)


def test_first_name_and_capital_needs_a_known_first_name() -> None:
    # a word that is no first name before a capital is a heading or a list ("Bijlage A.", "Productie B.")
    assert kept_or_free("Zie Bijlage B. en Productie C. bij de conclusie van antwoord.", "Bijlage B.")
